"""Scoring on small handmade records; every expected number is counted by hand."""

import json

import pytest

from evaluation.pubtator import BIORED_LABELS, looks_like_pubtator, read_pubtator
from evaluation.scoring import score

TEXT = "HER2 L755S confers resistance to neratinib. Poziotinib is potent in HER2-positive cells."
# spans: HER2 0-4, L755S 5-10, neratinib 33-42, Poziotinib 44-54, HER2-positive 68-81


def ent(start, end, label, normalized=None, **extra):
    return {"start": start, "end": end, "text": TEXT[start:end], "label": label,
            "normalized": normalized, **extra}


def doc(doc_id="d1", entities=(), relations=None, text=TEXT):
    record = {"doc_id": doc_id, "text": text, "entities": list(entities)}
    if relations is not None:
        record["relations"] = relations
    return record


def counts(row):
    return row["tp"], row["fp"], row["fn"]


GOLD = doc(entities=[ent(0, 4, "GENE", "HGNC:3430"), ent(5, 10, "VARIANT", "p.Leu755Ser"),
                     ent(33, 42, "DRUG", "DB11828"), ent(68, 81, "TUMOR_SUBTYPE", "NCIT:C68748")])
PRED = doc(entities=[ent(0, 4, "GENE", "HGNC:3431"), ent(0, 4, "GENE", "HGNC:3431"),  # duplicate
                     ent(5, 9, "VARIANT", "p.Leu755Ser"),           # boundary
                     ent(33, 42, "DRUG_CLASS", "DB11828"),          # wrong label
                     ent(44, 54, "DRUG", "DB12114")])               # spurious


def test_strict_counts_duplicates_once():
    strict = score([GOLD], [PRED])["strict"]
    assert counts(strict["GENE"]) == (1, 0, 0)
    assert counts(strict["VARIANT"]) == (0, 1, 1)
    assert counts(strict["DRUG"]) == (0, 1, 1)
    assert counts(strict["DRUG_CLASS"]) == (0, 1, 0)
    assert counts(strict["TUMOR_SUBTYPE"]) == (0, 0, 1)
    assert strict["micro"] == {"p": 0.25, "r": 0.25, "f1": 0.25, "tp": 1, "fp": 3, "fn": 3}
    # macro: GENE has P = R = F1 = 1, the other four labels 0
    assert (strict["macro"]["p"], strict["macro"]["r"], strict["macro"]["f1"]) == (0.2, 0.2, 0.2)


def test_overlap_matches_overlapping_spans_of_the_same_label():
    overlap = score([GOLD], [PRED])["overlap"]
    assert counts(overlap["VARIANT"]) == (1, 0, 0)
    assert counts(overlap["DRUG"]) == (0, 1, 1)  # 33-42 and 44-54 do not overlap
    assert overlap["micro"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 2, "fp": 2, "fn": 2}


def test_overlap_is_one_to_one_greedy_by_largest_overlap():
    gold = doc(entities=[ent(0, 10, "VARIANT"), ent(12, 20, "VARIANT")])
    pred = doc(entities=[ent(5, 14, "VARIANT"), ent(8, 11, "VARIANT")])
    # 5-14 overlaps 0-10 by 5 (taken first) and 12-20 by 2; 8-11 then finds 0-10 used.
    assert counts(score([gold], [pred])["overlap"]["VARIANT"]) == (1, 1, 1)


def test_normalized_is_a_document_level_set_of_identifiers():
    gold = doc(entities=[ent(0, 4, "GENE", "HGNC:3430"), ent(68, 72, "GENE", "HGNC:3430"),
                         ent(33, 42, "DRUG", "DB11828"), ent(44, 54, "GENE", "3172,3651")])
    pred = doc(entities=[ent(0, 4, "GENE", "HGNC:3430"), ent(5, 10, "GENE", "HGNC:1"),
                         ent(33, 42, "DRUG", None), ent(44, 54, "GENE", "3651")])
    normalized = score([gold], [pred])["normalized"]
    assert counts(normalized["GENE"]) == (2, 1, 1)  # 3430, 3651 found; 1 extra; 3172 missed
    assert counts(normalized["DRUG"]) == (0, 0, 1)


def test_empty_gold_and_empty_prediction():
    only_pred = score([doc()], [PRED])["strict"]["micro"]
    assert only_pred == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 4, "fn": 0}
    only_gold = score([GOLD], [doc()])["strict"]["micro"]
    assert only_gold == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 4}
    nothing = score([], [])
    assert nothing["strict"] == {"micro": {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0},
                                 "macro": {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}}


def test_unknown_labels_are_scored_unless_labels_restricts():
    gold = doc(entities=[ent(0, 4, "GENE"), ent(68, 81, "DISEASE")])
    pred = doc(entities=[ent(0, 4, "GENE"), ent(44, 54, "CHEMICAL")])
    strict = score([gold], [pred])["strict"]
    assert counts(strict["DISEASE"]) == (0, 0, 1) and counts(strict["CHEMICAL"]) == (0, 1, 0)
    restricted = score([gold], [pred], labels=["GENE"])["strict"]
    assert set(restricted) == {"GENE", "micro", "macro"}
    assert counts(restricted["micro"]) == (1, 0, 0)


def test_label_map_renames_gold_drops_unmapped_and_limits_predictions():
    gold = doc(entities=[ent(0, 4, "GeneOrGeneProduct"), ent(5, 10, "SequenceVariant"),
                         ent(68, 81, "DiseaseOrPhenotypicFeature")])
    pred = doc(entities=[ent(0, 4, "GENE"), ent(68, 81, "TUMOR_SUBTYPE")])
    strict = score([gold], [pred], label_map=BIORED_LABELS)["strict"]
    assert set(strict) == {"GENE", "VARIANT", "micro", "macro"}
    assert counts(strict["micro"]) == (1, 0, 1)


def test_documents_missing_on_either_side():
    gold = [GOLD, doc("d2", [ent(0, 4, "GENE")])]
    pred = [PRED, doc("d3", [ent(0, 4, "GENE"), ent(5, 10, "VARIANT")])]
    with pytest.warns(UserWarning, match="1 predicted document.*d3"):
        result = score(gold, pred)
    assert result["documents"] == {"gold": 2, "pred": 2, "gold_only": 1, "pred_only": 1}
    assert counts(result["strict"]["GENE"]) == (1, 1, 1)  # d1 match, d3 spurious, d2 missed
    assert counts(result["strict"]["VARIANT"]) == (0, 2, 1)


def test_duplicate_doc_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate doc_id 'd1' in the gold"):
        score([GOLD, GOLD], [PRED])


def rel(kind, gene, variant, drug, sentence, **flags):
    return {"type": kind, "subject": "T1", "object": "T2", "gene": gene, "variant": variant,
            "drug": drug, "subtype": None, "negated": False, "speculative": False,
            "sentence": sentence, **flags}


GOLD_RELS = doc(relations=[
    rel("RESISTANT_TO", "ERBB2", "L755S", "neratinib", "S1"),
    rel("SENSITIVE_TO", "ERBB2", "L755S", "poziotinib", "S2"),
    rel("RESISTANT_TO", "ESR1", None, "tamoxifen", "S3", negated=True),
    rel("RESISTANT_TO", "ERBB2", None, "fulvestrant", "S4", speculative=True)])
PRED_RELS = doc(relations=[
    rel("RESISTANT_TO", "erbb2", "L755S", "Neratinib", " S1 ", confidence=0.9),
    rel("SENSITIVE_TO", "ERBB2", "V777L", "poziotinib", "S2", confidence=0.8),
    rel("RESISTANT_TO", "ESR1", None, "tamoxifen", "S3", confidence=0.7),
    rel("RESISTANT_TO", "ERBB2", None, "fulvestrant", "elsewhere", speculative=True, confidence=0.6)])


def test_relation_tuples_with_and_without_variant():
    result = score([GOLD_RELS], [PRED_RELS])
    relations, with_variant = result["relations"], result["relations_variant"]
    assert counts(relations["RESISTANT_TO"]) == (2, 1, 0)  # tamoxifen: gold is negated
    assert counts(relations["SENSITIVE_TO"]) == (1, 0, 0)
    assert relations["micro"] == {"p": 0.75, "r": 1.0, "f1": 0.8571, "tp": 3, "fp": 1, "fn": 0}
    assert counts(with_variant["RESISTANT_TO"]) == (2, 1, 0)
    assert counts(with_variant["SENSITIVE_TO"]) == (0, 1, 1)  # V777L is not L755S
    assert with_variant["micro"] == {"p": 0.5, "r": 0.6667, "f1": 0.5714, "tp": 2, "fp": 2, "fn": 1}
    assert result["variant_accuracy"] == {"accuracy": 0.6667, "correct": 2, "matched": 3}


def test_a_variant_naming_only_a_gene_level_kind_compares_as_null():
    gold = doc(relations=[rel("RESISTANT_TO", "PTEN", "loss", "trastuzumab", "S1"),
                          rel("SENSITIVE_TO", "ALK", "fusions", "crizotinib", "S1"),
                          rel("SENSITIVE_TO", "EGFR", "exon 19 deletion", "gefitinib", "S1"),
                          rel("SENSITIVE_TO", "FLT3", "ITD", "gilteritinib", "S1")])
    pred = doc(relations=[rel("RESISTANT_TO", "PTEN", None, "trastuzumab", "S1"),
                          rel("SENSITIVE_TO", "ALK", None, "crizotinib", "S1"),
                          rel("SENSITIVE_TO", "EGFR", None, "gefitinib", "S1"),
                          rel("SENSITIVE_TO", "FLT3", None, "gilteritinib", "S1")])
    result = score([gold], [pred])
    assert result["variant_accuracy"] == {"accuracy": 0.5, "correct": 2, "matched": 4}
    assert counts(result["relations_variant"]["micro"]) == (2, 2, 2)


def test_drug_names_compare_by_their_lexicon_canonical_name():
    gold = doc(relations=[rel("RESISTANT_TO", "ERCC1", None, "platinum compounds", "S1"),
                          rel("RESISTANT_TO", "ERCC1", None, "CDDP", "S1"),
                          rel("SENSITIVE_TO", "ERCC1", None, "an unlisted regimen", "S1")])
    pred = doc(relations=[rel("RESISTANT_TO", "ERCC1", None, "platinum-based chemotherapy", "S1"),
                          rel("RESISTANT_TO", "ERCC1", None, "cisplatin", "S1"),
                          rel("SENSITIVE_TO", "ERCC1", None, "An unlisted  regimen", "S1"),
                          rel("SENSITIVE_TO", "ERCC1", None, "carboplatin", "S1")])
    relations = score([gold], [pred])["relations"]
    assert counts(relations["RESISTANT_TO"]) == (2, 0, 0)
    assert counts(relations["SENSITIVE_TO"]) == (1, 1, 0)  # carboplatin is no platinum class


def test_drug_names_compare_without_hyphens_and_spaces():
    gold = doc(relations=[rel("SENSITIVE_TO", "FGFR2", None, "azd4547", "S1"),
                          rel("RESISTANT_TO", "KRAS", None, "egfr targeted therapy", "S1"),
                          rel("RESISTANT_TO", "KRAS", None, "anti egfr", "S1")])
    pred = doc(relations=[rel("SENSITIVE_TO", "FGFR2", None, "AZD-4547", "S1"),
                          rel("RESISTANT_TO", "KRAS", None, "egfr-targeted therapy", "S1"),
                          rel("RESISTANT_TO", "KRAS", None, "anti-her2", "S1")])
    relations = score([gold], [pred])["relations"]
    assert counts(relations["SENSITIVE_TO"]) == (1, 0, 0)
    assert counts(relations["RESISTANT_TO"]) == (1, 1, 1)  # another target is another drug


def test_a_drug_code_name_compares_as_the_curated_name_of_its_identifier():
    gold = doc(relations=[rel("SENSITIVE_TO", "TP53", None, "mk-1775", "S1")])
    pred = doc(relations=[rel("SENSITIVE_TO", "TP53", None, "adavosertib", "S1")])
    assert counts(score([gold], [pred])["relations"]["SENSITIVE_TO"]) == (1, 0, 0)


def test_mention_level_needs_the_same_sentence():
    mention = score([GOLD_RELS], [PRED_RELS])["relations_mention"]
    assert counts(mention["RESISTANT_TO"]) == (1, 2, 1)  # fulvestrant sentence differs
    assert counts(mention["SENSITIVE_TO"]) == (0, 1, 1)


def test_negated_and_speculative_are_scored_apart():
    result = score([GOLD_RELS], [PRED_RELS])
    assert counts(result["negated"]["RESISTANT_TO"]) == (0, 0, 1)
    assert counts(result["speculative"]["RESISTANT_TO"]) == (1, 0, 0)
    kept = score([GOLD_RELS], [PRED_RELS], include_negated=True)["relations"]
    assert counts(kept["NOT_RESISTANT_TO"]) == (0, 0, 1)
    assert counts(kept["RESISTANT_TO"]) == (2, 1, 0)


def test_gold_without_relations_key_is_not_scored_for_relations():
    result = score([doc()], [PRED_RELS])
    assert counts(result["relations"]["micro"]) == (0, 0, 0)
    assert counts(score([doc(relations=[])], [PRED_RELS])["relations"]["micro"]) == (0, 4, 0)


def test_bootstrap_intervals():
    one = score([GOLD], [PRED], bootstrap=200)["strict"]["micro"]
    assert one["ci_low"] == one["ci_high"] == one["f1"]  # one document: every resample is it
    gold = [GOLD, doc("d2", [ent(0, 4, "GENE")]), doc("d3", [ent(5, 10, "VARIANT")])]
    pred = [PRED, doc("d2", [ent(0, 4, "GENE")]), doc("d3")]
    first, second = score(gold, pred, bootstrap=500), score(gold, pred, bootstrap=500)
    assert first == second  # seeded
    micro = first["strict"]["micro"]
    assert micro["ci_low"] <= micro["f1"] <= micro["ci_high"] and micro["ci_low"] < micro["ci_high"]
    assert "ci_low" not in score(gold, pred)["strict"]["micro"]


def test_result_is_json_serialisable():
    result = score([GOLD, GOLD_RELS | {"doc_id": "d2"}], [PRED, PRED_RELS | {"doc_id": "d2"}],
                   bootstrap=50, details=True)
    assert json.loads(json.dumps(result)) == result
    assert set(result) == {"documents", "strict", "overlap", "normalized", "relations",
                           "relations_variant", "relations_mention", "negated", "speculative",
                           "variant_accuracy", "errors", "sweep"}


def test_error_listing_classes_and_sentences():
    errors = score([GOLD], [PRED], details=True)["errors"]
    found = {(e["kind"], e["error"], e["label"], e["start"], e["end"]) for e in errors}
    assert found == {
        ("FP", "wrong_id", "GENE", 0, 4),
        ("FN", "boundary", "VARIANT", 5, 10), ("FP", "boundary", "VARIANT", 5, 9),
        ("FN", "wrong_label", "DRUG", 33, 42), ("FP", "wrong_label", "DRUG_CLASS", 33, 42),
        ("FP", "spurious", "DRUG", 44, 54), ("FN", "missing", "TUMOR_SUBTYPE", 68, 81)}
    spurious = next(e for e in errors if e["error"] == "spurious")
    assert spurious["text"] == "Poziotinib" and spurious["other"] is None
    assert spurious["sentence"] == "Poziotinib is potent in HER2-positive cells."
    assert spurious["sentence_start"] == 44
    boundary = next(e for e in errors if e["kind"] == "FN" and e["error"] == "boundary")
    assert boundary["sentence"] == "HER2 L755S confers resistance to neratinib."
    assert boundary["other"] == {"start": 5, "end": 9, "text": "L755", "label": "VARIANT",
                                 "normalized": "p.Leu755Ser"}


def test_error_listing_of_relations():
    errors = score([GOLD_RELS], [PRED_RELS], details=True)["errors"]
    found = {(e["kind"], e["error"], e["label"], e["text"]) for e in errors}
    assert found == {("FN", "wrong_variant", "SENSITIVE_TO", "ERBB2 L755S SENSITIVE_TO poziotinib"),
                     ("FP", "wrong_variant", "SENSITIVE_TO", "ERBB2 V777L SENSITIVE_TO poziotinib"),
                     ("FP", "spurious", "RESISTANT_TO", "ESR1 RESISTANT_TO tamoxifen")}


def test_sweep_gives_precision_and_recall_per_threshold():
    gold = doc(entities=[ent(0, 4, "GENE"), ent(5, 10, "VARIANT")])
    pred = doc(entities=[ent(0, 4, "GENE", confidence=0.9), ent(0, 4, "GENE", confidence=0.2),
                         ent(44, 54, "DRUG", confidence=0.8), ent(5, 10, "VARIANT", confidence=0.5)])
    sweep = score([gold], [pred], details=True)["sweep"]
    assert [(s["threshold"], s["p"], s["r"], s["tp"], s["fp"], s["fn"]) for s in sweep["entities"]] == [
        (0.9, 1.0, 0.5, 1, 0, 1), (0.8, 0.5, 0.5, 1, 1, 1), (0.5, 0.6667, 1.0, 2, 1, 0)]
    assert sweep["relations"] == []
    relations = score([GOLD_RELS], [PRED_RELS], details=True)["sweep"]["relations"]
    assert [(s["threshold"], s["tp"], s["fp"], s["fn"]) for s in relations] == [
        (0.9, 1, 0, 2), (0.8, 2, 0, 1), (0.7, 2, 1, 1), (0.6, 3, 1, 0)]


PUBTATOR = """\
100|t|HER2 L755S and neratinib.
100|a|Resistance in ILC; 3172,3651 genes.
100\t0\t4\tHER2\tGeneOrGeneProduct\t2064
100\t5\t10\tL755S\tSequenceVariant\tp|SUB|L|755|S
100\t15\t24\tneratinib\tChemicalEntity\t-
100\t55\t60\tgenes\tGeneOrGeneProduct\t3172,3651
100\tAssociation\t2064\tp|SUB|L|755|S\tNovel
100\tBind\t2064\tD000001

200|t|Nothing here.
200|a|
"""


def test_read_pubtator(tmp_path):
    path = tmp_path / "tiny.pubtator"
    path.write_text(PUBTATOR)
    first, second = read_pubtator(path)
    assert first["doc_id"] == "100"
    assert first["text"] == "HER2 L755S and neratinib. Resistance in ILC; 3172,3651 genes."
    assert all(first["text"][e["start"]:e["end"]] == e["text"] for e in first["entities"])
    assert [(e["label"], e["normalized"]) for e in first["entities"]] == [
        ("GeneOrGeneProduct", "2064"), ("SequenceVariant", "p|SUB|L|755|S"),
        ("ChemicalEntity", None), ("GeneOrGeneProduct", "3172,3651")]
    assert first["pubtator_relations"] == [
        {"type": "Association", "arg1": "2064", "arg2": "p|SUB|L|755|S", "novelty": "Novel"},
        {"type": "Bind", "arg1": "2064", "arg2": "D000001", "novelty": None}]
    assert "relations" not in first
    assert second == {"doc_id": "200", "source": str(path), "text": "Nothing here. ",
                      "entities": [], "pubtator_relations": []}
    assert looks_like_pubtator(path)


def test_score_pubtator_gold_with_label_map(tmp_path):
    path = tmp_path / "tiny.pubtator"
    path.write_text(PUBTATOR)
    pred = {"doc_id": "100", "entities": [
        {"start": 0, "end": 4, "label": "GENE", "normalized": "2064"},
        {"start": 15, "end": 24, "label": "DRUG", "normalized": "DB11828"},
        {"start": 55, "end": 60, "label": "GENE", "normalized": "3651"}],
        "relations": [rel("RESISTANT_TO", "ERBB2", "L755S", "neratinib", "S")]}
    result = score(read_pubtator(path), [pred], label_map=BIORED_LABELS)
    assert counts(result["strict"]["micro"]) == (3, 0, 1)  # L755S missed
    assert counts(result["normalized"]["GENE"]) == (2, 0, 1)  # 2064, 3651; 3172 missed
    assert counts(result["normalized"]["DRUG"]) == (0, 1, 0)  # gold has no identifier
    assert counts(result["relations"]["micro"]) == (0, 0, 0)  # PubTator gold: not scored
