"""evaluation.civicmine: BioRED gold records read their text from a PubTator folder; the Predictive check."""
import json

import pytest

from evaluation.civicmine import predictive_check, read_gold

TITLE = "EGFR T790M confers resistance to gefitinib."
ABSTRACT = "Osimertinib overcomes it. Nothing else."
PUBTATOR = (f"123|t|{TITLE}\n123|a|{ABSTRACT}\n"
            "123\t0\t4\tEGFR\tGeneOrGeneProduct\t1956\n"
            "123\t33\t42\tgefitinib\tChemicalEntity\tD000077156\n\n"
            "456|t|Another title.\n456|a|Another abstract.\n\n")


def _gold_line(doc_id, source, split, drug_span):
    return json.dumps({
        "doc_id": doc_id, "source": source, "split": split,
        "entities": [{"id": "T1", "start": 0, "end": 4, "label": "GENE", "origin": "biored",
                      "canonical": "EGFR", "normalized": "HGNC:3236"},
                     {"id": "T2", "start": drug_span[0], "end": drug_span[1], "label": "DRUG",
                      "origin": "biored", "canonical": "gefitinib", "normalized": "DB00317"}],
        "relations": [{"type": "RESISTANT_TO", "subject": "T1", "object": "T2", "gene": "EGFR",
                       "variant": None, "alteration": "mutation", "drug": "gefitinib", "negated": False,
                       "speculative": False, "gene_span": [0, 4], "variant_span": None,
                       "drug_span": list(drug_span)}]})


@pytest.fixture
def folders(tmp_path):
    biored = tmp_path / "biored"
    biored.mkdir()
    (biored / "Dev.PubTator").write_text(PUBTATOR, encoding="utf-8")
    corpus = tmp_path / "civicmine"
    corpus.mkdir()
    (corpus / "1.00000001.txt").write_text("EGFR mutants respond to gefitinib.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([_gold_line("123", "biored/Dev.PubTator", "test", (33, 42)),
                               _gold_line("1.00000001", "civicmine/training/1.00000001.txt", "dev", (24, 33))]) + "\n",
                    encoding="utf-8")
    return gold, corpus, biored


def test_biored_record_reads_title_and_abstract(folders):
    gold, corpus, biored = folders
    [record] = read_gold(gold, corpus, "test", biored)
    assert record["text"] == f"{TITLE} {ABSTRACT}"
    assert [e["text"] for e in record["entities"]] == ["EGFR", "gefitinib"]
    assert record["relations"][0]["sentence"] == TITLE


def test_civicmine_and_biored_records_mix(folders):
    gold, corpus, biored = folders
    records = read_gold(gold, corpus, "all", biored)
    assert [r["doc_id"] for r in records] == ["123", "1.00000001"]
    assert records[1]["entities"][1]["text"] == "gefitinib"
    assert records[1]["relations"][0]["sentence"] == "EGFR mutants respond to gefitinib."


def test_biored_record_without_folder_is_an_error(folders):
    gold, corpus, _ = folders
    assert len(read_gold(gold, corpus, "dev")) == 1
    with pytest.raises(ValueError, match="--biored"):
        read_gold(gold, corpus, "test")


def test_unknown_biored_document_is_an_error(folders, tmp_path):
    gold, corpus, biored = folders
    gold.write_text(_gold_line("999", "biored/Dev.PubTator", "test", (33, 42)) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="999"):
        read_gold(gold, corpus, "test", biored)


def _brat_sentence(corpus, stem, text, entities, predictive):
    """One CIViCmine-style sentence: .txt, .json entities and an .a2 with `predictive` (gene id, drug id) pairs."""
    (corpus / f"{stem}.txt").write_text(text, encoding="utf-8")
    meta = {key: {"start": text.index(word), "end": text.index(word) + len(word), "entitytxt": word,
                  "entitytype": kind, "entityids": ids} for key, (word, kind, ids) in entities.items()}
    (corpus / f"{stem}.json").write_text(json.dumps({"text": text, "entities": meta}), encoding="utf-8")
    (corpus / f"{stem}.a2").write_text("".join(f"R{i}\tPredictive drug:{d} gene:{g}\n"
                                               for i, (g, d) in enumerate(predictive, 1)), encoding="utf-8")


def _predicted(doc_id, text, pairs):
    """A predicted record with one relation per (gene, drug) pair, entities at the words' offsets."""
    entities, relations = [], []
    for n, (gene, drug) in enumerate(pairs):
        for label, word in (("GENE", gene), ("DRUG", drug)):
            entities.append({"id": f"{label}{n}", "start": text.index(word), "end": text.index(word) + len(word),
                             "text": word, "label": label, "canonical": word})
        relations.append({"type": "RESISTANT_TO", "gene": gene, "drug": drug, "object": f"DRUG{n}"})
    return {"doc_id": doc_id, "text": text, "entities": entities, "relations": relations}


def test_predictive_check_counts_pairs_the_hand_gold_confirms(tmp_path):
    corpus = tmp_path / "civicmine"
    corpus.mkdir()
    text = "EGFR T790M confers resistance to gefitinib and erlotinib, and KRAS to cetuximab."
    _brat_sentence(corpus, "1.00000001", text,
                   {"T1": ("EGFR", "gene", "HGNC:3236"), "T2": ("gefitinib", "drug", "Q1"),
                    "T3": ("erlotinib", "drug", "Q2"), "T4": ("KRAS", "gene", "HGNC:6407"),
                    "T5": ("cetuximab", "drug", "Q3")},
                   [("T1", "T2")])  # CIViCmine annotated one of the three statements
    pred = [_predicted("1.00000001", text, [("EGFR", "gefitinib"), ("EGFR", "erlotinib"), ("KRAS", "cetuximab")])]
    gold = [{"doc_id": "1.00000001", "relations": [
        {"gene": "EGFR", "drug": "gefitinib"}, {"gene": "EGFR", "drug": "erlotinib"}]}]
    check = predictive_check(pred, corpus, gold)
    assert (check["pairs"], check["supported"], check["confirmed_by_gold"]) == (3, 1, 1)
    assert (check["precision"], check["precision_with_gold"]) == (0.3333, 0.6667)
    assert check["unsupported"] == ["1.00000001: EGFR RESISTANT_TO erlotinib (in the hand-labelled gold)",
                                    "1.00000001: KRAS RESISTANT_TO cetuximab"]
    assert predictive_check(pred, corpus)["confirmed_by_gold"] == 0  # no gold given
