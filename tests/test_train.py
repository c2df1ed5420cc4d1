"""Training the NER component: corpus conversion, BILUO decoding, merge policies, the
shipped model, and plugging in a spaCy model by name (a tiny one trained here)."""
import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.util import load_config

from extractor import load
from extractor.mentions import Mention
from extractor.model_merge import merge_candidates
from extractor.ner import biluo_tags, decode_biluo
from extractor.resources import models_path
from extractor.training.convert import ConversionStats, pubtator_docs, write_docbin
from extractor.training.train import blank_nlp

SHIPPED = models_path("ner")

TITLE = "HER2 L755S confers resistance to neratinib."
ABSTRACT = "Tamoxifen-treated cells lost HER2xyz and ESR1 in 10 mM glucose."
TEXT = f"{TITLE} {ABSTRACT}"


def _at(surface, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return start, start + len(surface)


MENTIONS = [("HER2", 0, "GeneOrGeneProduct"), ("L755S", 0, "SequenceVariant"),
            ("neratinib", 0, "ChemicalEntity"), ("Tamoxifen", 0, "ChemicalEntity"),
            ("HER2", 1, "GeneOrGeneProduct"), ("ESR1", 0, "GeneOrGeneProduct"),
            ("ES", 0, "GeneOrGeneProduct"), ("glucose", 0, "ChemicalEntity"), ("cells", 0, "CellLine")]
PUBTATOR = f"1|t|{TITLE}\n1|a|{ABSTRACT}\n" + "".join(
    "1\t{}\t{}\t{}\t{}\t-\n".format(*_at(surface, nth), surface, label) for surface, nth, label in MENTIONS)


@pytest.fixture(scope="module")
def tokenizer_nlp():
    return blank_nlp()


def test_pubtator_to_docbin(tmp_path, tokenizer_nlp):
    text = TEXT
    source = tmp_path / "tiny.PubTator"
    source.write_text(PUBTATOR, encoding="utf-8")
    stats = ConversionStats()
    assert write_docbin(pubtator_docs(tokenizer_nlp, source, stats), tmp_path / "tiny.spacy") == 1
    doc = next(DocBin().from_disk(tmp_path / "tiny.spacy").get_docs(tokenizer_nlp.vocab))
    assert doc.text == text
    ents = [(e.text, e.label_) for e in doc.ents]
    # "HER2" inside the token "HER2xyz" is snapped to the whole token; "ES" overlaps
    # "ESR1" and is dropped; cell lines are not labelled.
    assert ents == [("HER2", "GENE"), ("L755S", "VARIANT"), ("neratinib", "DRUG"),
                    ("Tamoxifen", "DRUG"), ("HER2xyz", "GENE"), ("ESR1", "GENE"), ("glucose", "DRUG")]
    assert stats.documents == 1
    assert stats.mentions == {"GENE": 3, "DRUG": 3, "VARIANT": 1}
    assert sum(stats.adjusted.values()) == 2  # HER2 -> HER2xyz, and ES -> ESR1 before it was dropped
    assert stats.lost_overlap == {"GENE": 1}
    assert "1 documents, 7 mentions kept" in stats.summary()


def test_contract_alignment_loses_partial_tokens(tmp_path, tokenizer_nlp):
    source = tmp_path / "tiny.PubTator"
    source.write_text(PUBTATOR, encoding="utf-8")
    stats = ConversionStats()
    doc = next(pubtator_docs(tokenizer_nlp, source, stats, alignment_mode="contract"))
    assert "HER2xyz" not in [e.text for e in doc.ents]
    assert stats.lost_alignment["GENE"] >= 1


def test_biluo_decoding_repairs_invalid_sequences():
    tags = biluo_tags(["GENE", "DRUG"])
    pairs = [tuple(t.split("-", 1)) if t != "O" else ("O", "") for t in tags]
    ids = {t: i for i, t in enumerate(tags)}

    def decode(seq):
        return decode_biluo([ids[t] for t in seq], pairs)

    assert decode(["U-GENE", "O", "B-DRUG", "I-DRUG", "L-DRUG"]) == [(0, 1, "GENE"), (2, 5, "DRUG")]
    assert decode(["I-GENE", "L-GENE", "O"]) == [(0, 2, "GENE")]  # no B: opens anyway
    assert decode(["B-GENE", "I-GENE", "O", "L-DRUG"]) == [(0, 2, "GENE"), (3, 4, "DRUG")]
    assert decode(["B-GENE", "I-DRUG", "L-DRUG"]) == [(0, 1, "GENE"), (1, 3, "DRUG")]
    assert decode(["B-GENE", "U-DRUG", "B-GENE"]) == [(0, 1, "GENE"), (1, 2, "DRUG"), (2, 3, "GENE")]
    assert decode(["O", "O"]) == []


def _mention(start, end, label, source="lexicon"):
    return Mention(start, end, label, None, None, source)


def test_merge_policies():
    lexicon = [_mention(0, 4, "GENE"), _mention(10, 14, "GENE"), _mention(20, 29, "DRUG"),
               _mention(40, 53, "TUMOR_SUBTYPE")]
    grammar = [_mention(5, 9, "VARIANT", "grammar")]
    model = [_mention(0, 4, "GENE", "model"), _mention(5, 9, "GENE", "model"),
             _mention(20, 25, "DRUG", "model"), _mention(30, 35, "DRUG", "model")]

    def spans(result):
        return sorted((m.start, m.end, m.label, m.source) for m in result)

    union = spans(merge_candidates(lexicon, grammar, model, "union"))
    assert (5, 9, "GENE", "model") not in union  # the grammar's variant wins
    assert (0, 4, "GENE", "model") not in union  # duplicate of the lexicon candidate
    assert (10, 14, "GENE", "lexicon") in union and (30, 35, "DRUG", "model") in union
    first = spans(merge_candidates(lexicon, grammar, model, "model_first"))
    assert (20, 29, "DRUG", "lexicon") not in first and (20, 25, "DRUG", "model") in first
    assert (10, 14, "GENE", "lexicon") in first
    only = spans(merge_candidates(lexicon, grammar, model, "model_only"))
    assert only == [(0, 4, "GENE", "lexicon"), (5, 9, "VARIANT", "grammar"), (20, 25, "DRUG", "model"),
                    (30, 35, "DRUG", "model"), (40, 53, "TUMOR_SUBTYPE", "lexicon")]
    with pytest.raises(ValueError):
        merge_candidates(lexicon, grammar, model, "vote")


def test_config_ner_is_config_plus_the_model():
    from extractor.training.combined_config import combined_config

    expected = combined_config(models_path("config.cfg").read_text(encoding="utf-8"))
    assert models_path("config_ner.cfg").read_text(encoding="utf-8") == expected, \
        "models/config_ner.cfg is out of step: run python -m extractor.training.combined_config"
    rules, combined = load_config(models_path("config.cfg")), load_config(models_path("config_ner.cfg"))
    assert [n for n in combined["nlp"]["pipeline"] if n != "ner"] == rules["nlp"]["pipeline"]
    assert combined["components"]["ner"]["factory"] == "extractor_ner"
    assert {k: v for k, v in combined["components"].items() if k != "ner"} == rules["components"]
    assert combined["nlp"]["tokenizer"] == rules["nlp"]["tokenizer"]


def _tiny_spacy_model(path: Path) -> None:
    """A spaCy NER with scispaCy-style labels, trained in a few seconds on made-up names (seeded: an unlucky
    initialisation can leave a name unlearnt)."""
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    tok2vec = {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 64,
               "depth": 1, "embed_size": 1000, "window_size": 1, "maxout_pieces": 2,
               "subword_features": True}
    ner = nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
        "extra_state_tokens": False, "hidden_width": 32, "maxout_pieces": 2, "use_upper": True,
        "nO": None, "tok2vec": tok2vec}})
    sentences = [
        ("Cells treated with {d} lost {g} expression.", ),
        ("We found that {g} binds {d} in vitro.", ),
        ("{d} reduced {g} levels in mice.", ),
    ]
    names = [("glorbex", "QZX7"), ("frandol", "KLMQ3"), ("dexoplarin", "TRBV9")]
    examples = []
    for (template,) in sentences:
        for drug, gene in names:
            text = template.format(d=drug, g=gene)
            ents = [(text.index(drug), text.index(drug) + len(drug), "SIMPLE_CHEMICAL"),
                    (text.index(gene), text.index(gene) + len(gene), "GENE_OR_GENE_PRODUCT")]
            examples.append(Example.from_dict(nlp.make_doc(text), {"entities": ents}))
    for label in ("SIMPLE_CHEMICAL", "GENE_OR_GENE_PRODUCT"):
        ner.add_label(label)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    nlp.to_disk(path)


def test_spacy_model_plugs_in_by_name(tmp_path):
    _tiny_spacy_model(tmp_path / "tiny_sci")
    extractor = load(model=str(tmp_path / "tiny_sci"))
    assert "ner" in extractor.nlp.pipe_names and "extractor_entities" in extractor.nlp.pipe_names
    record = extractor.extract("Cells treated with glorbex lost QZX7 expression.")
    found = {(e["text"], e["label"]) for e in record["entities"]}
    assert ("glorbex", "DRUG") in found and ("QZX7", "GENE") in found  # no lexicon knows them


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="no trained model in models/ner")
def test_shipped_model_alone_finds_her2_and_tamoxifen():
    from extractor.ner import TrainedNER

    model = TrainedNER("ner")
    doc = model(blank_nlp()("HER2 overexpression confers resistance to tamoxifen in breast cancer."))
    assert {(e.text, e.label_) for e in doc.ents} >= {("HER2", "GENE"), ("tamoxifen", "DRUG")}


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="no trained model in models/ner")
def test_combined_pipeline_finds_her2_and_tamoxifen():
    record = load("config_ner.cfg").extract(
        "HER2 overexpression confers resistance to tamoxifen in breast cancer.")
    found = {(e["text"], e["label"], e["normalized"]) for e in record["entities"]}
    assert ("HER2", "GENE", "HGNC:3430") in found
    assert any(text == "tamoxifen" and label == "DRUG" for text, label, _ in found)


def test_train_command_end_to_end(tmp_path):
    """`extractor train` on a tiny corpus: converts, trains a few steps, writes a loadable model."""
    from extractor.ner import TrainedNER
    from extractor.training.train import train

    corpus = tmp_path / "biored"
    corpus.mkdir()
    for split in ("Train.PubTator", "Dev.PubTator"):
        (corpus / split).write_text(PUBTATOR, encoding="utf-8")
    output = tmp_path / "ner"
    train(biored=corpus, output=output, civicmine=None, seed=0, max_steps=4, patience=None,
          config=Path("ner.cfg"), alignment_mode="expand", overrides=["training.eval_frequency=2"],
          work_dir=None)
    provenance = (output / "training.json").read_text(encoding="utf-8")
    assert '"seed": 0' in provenance and "Train.PubTator" in provenance
    strings = json.loads((output / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert "neratinib" not in strings and "U-GENE" in strings  # no corpus words shipped
    model = TrainedNER(output)
    model(blank_nlp()("HER2 L755S confers resistance to neratinib."))  # runs


def test_merge_mentions_after_the_rules(tokenizer_nlp):
    from extractor.model_merge import merge_mentions
    from extractor.ner import _sentence_splitter

    text = "Psoriasin and HER2-positive tumors; Psoriasin binds KRAS G12D; ABCQ was low."
    doc = _sentence_splitter()(tokenizer_nlp(text))

    def at(surface, label, source="lexicon", nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return Mention(start, start + len(surface), label, None, None, source)

    rules = [at("HER2-positive", "TUMOR_SUBTYPE"), at("KRAS", "GENE"), at("G12D", "VARIANT", "grammar"),
             at("ABCQ", "GENE")]

    def span(surface, label, nth=0):
        m = at(surface, label, nth=nth)
        return doc.char_span(m.start, m.end, label=label)

    model = [span("Psoriasin", "GENE"), span("HER2", "GENE"), span("KRAS", "GENE")]
    confidence = {f"{s.start_char}:{s.end_char}": 0.9 for s in model}
    merged = merge_mentions(doc, rules, model, None, "model_only", ("GENE", "DRUG"), confidence, 0.5)
    found = {(text[m.start:m.end], m.label, m.source) for m in merged}
    assert ("HER2-positive", "TUMOR_SUBTYPE", "lexicon") in found  # the rules' subtype wins over "HER2"
    assert ("KRAS", "GENE", "lexicon") in found  # confirmed: the rules' mention (with its identifier)
    assert ("ABCQ", "GENE", "lexicon") not in found  # model_only: not confirmed by the model
    assert ("Psoriasin", "GENE", "model") in found
    first = merge_mentions(doc, rules, model, None, "model_first", ("GENE", "DRUG"), confidence, 0.5)
    assert ("ABCQ", "GENE", "lexicon") in {(text[m.start:m.end], m.label, m.source) for m in first}
    unsure = merge_mentions(doc, rules, model, None, "model_only", ("GENE", "DRUG"),
                            {k: 0.3 for k in confidence}, 0.5)
    assert "Psoriasin" not in {text[m.start:m.end] for m in unsure}
    spread = merge_mentions(doc, rules, model, None, "model_only", ("GENE", "DRUG"), confidence, 0.5,
                            propagate=True)
    assert [m.source for m in spread if text[m.start:m.end] == "Psoriasin"] == ["model", "propagated"]


def test_a_model_drug_over_a_gene_and_a_class_head_leaves_the_gene_to_the_target_class(tokenizer_nlp):
    from extractor.model_merge import merge_mentions
    from extractor.ner import _sentence_splitter

    text = "Cells were sensitive to ATR inhibitors and to AZD6738."
    doc = _sentence_splitter()(tokenizer_nlp(text))
    gene = Mention(text.index("ATR"), text.index("ATR") + 3, "GENE", "HGNC:882", "ATR", "lexicon")
    model = [doc.char_span(text.index("ATR"), text.index(" and"), label="DRUG"),
             doc.char_span(text.index("AZD6738"), text.index("AZD6738") + 7, label="DRUG")]
    merged = merge_mentions(doc, [gene], model, None, "model_only", ("GENE", "DRUG"), {}, 0.0)
    assert [(text[m.start:m.end], m.label, m.source) for m in merged] == [
        ("ATR", "GENE", "lexicon"), ("AZD6738", "DRUG", "model")]


def test_a_listed_target_class_keeps_its_name_under_the_trained_model(default_extractor):
    record = default_extractor.extract("Tumours with BRCA1 mutations were sensitive to ATR inhibitors, EZH2 "
                                       "inhibitors, menin inhibitors and PRMT5 inhibitors.")
    assert {r["drug"] for r in record["relations"]} == {
        "atr inhibitor", "ezh2 inhibitor", "menin inhibitor", "prmt5 inhibitor"}


def test_curated_terms_stay_under_the_trained_model():
    """The model learned BioRED's conventions; our curated oncology terms stay where it is silent."""
    from extractor import load

    accurate = load("config_ner.cfg")
    record = accurate.extract("ER expression rose in the cells.")
    assert [(e["text"], e["canonical"]) for e in record["entities"]] == [("ER", "ESR1")]


# -- fast inference (extractor.ner.NumpyTagger) and decoding -------------------------------

SPEED_TEXTS = [
    "HER2 overexpression confers resistance to tamoxifen in breast cancer.",
    "Tamoxifen-treated MCF-7 cells lost ESR1 and gained EGFR T790M; gefitinib and "
    "erlotinib (EGFR inhibitors) were tested with 5-fluorouracil.",
    "",
    "   ",
    "BRAF V600E melanoma responded to vemurafenib; psoriasin (S100A7) was high. "
    "Psoriasin levels fell after monohydroxyethylrutoside (monoHER).",
]


def _reference_viterbi(scores, mask):
    """The decoder before it was vectorised: every stretch checked and decoded in a Python loop."""
    import numpy

    allowed, first, last = mask
    guesses = scores.argmax(axis=1)
    out = numpy.zeros(len(scores), dtype="int64")
    probs = numpy.ones(len(scores), dtype="float32")
    busy = numpy.flatnonzero(guesses != 0)
    if not len(busy):
        return out, probs
    penalty = numpy.where(allowed, 0.0, -1e9)
    shifted = scores - scores.max(axis=1, keepdims=True)
    logs = shifted - numpy.log(numpy.exp(shifted).sum(axis=1, keepdims=True))
    breaks = numpy.flatnonzero(numpy.diff(busy) > 2)  # stretches one O apart share a margin: one stretch
    starts = numpy.concatenate([[busy[0]], busy[breaks + 1]])
    ends = numpy.concatenate([busy[breaks], [busy[-1]]]) + 1
    for start, end in zip(numpy.maximum(starts - 1, 0), numpy.minimum(ends + 1, len(scores))):
        seg = logs[start:end]
        best_tags = guesses[start:end]
        if first[best_tags[0]] and last[best_tags[-1]] and allowed[best_tags[:-1], best_tags[1:]].all():
            out[start:end] = best_tags
            probs[start:end] = numpy.exp(seg[numpy.arange(len(seg)), best_tags])
            continue
        best = numpy.where(first, seg[0], -1e9)
        back = numpy.zeros((len(seg), seg.shape[1]), dtype="int64")
        for t in range(1, len(seg)):
            total = best[:, None] + penalty
            back[t] = total.argmax(axis=0)
            best = total.max(axis=0) + seg[t]
        tag = int(numpy.where(last, best, -1e9).argmax())
        for t in range(len(seg) - 1, -1, -1):
            out[start + t] = tag
            probs[start + t] = numpy.exp(seg[t, tag])
            tag = back[t, tag]
    return out, probs


def test_viterbi_equals_the_reference_decoder():
    """Same tags, and the same probabilities inside entities, as the loop-per-stretch decoder,
    on random scores with many invalid sequences (and at document edges)."""
    import numpy

    from extractor.ner import transition_mask, viterbi_biluo

    tags = biluo_tags(["GENE", "DRUG"])
    mask = transition_mask([tuple(t.split("-", 1)) if t != "O" else ("O", "") for t in tags])
    rng = numpy.random.default_rng(0)
    repaired = 0
    for trial in range(400):
        n = int(rng.integers(1, 30))
        scores = rng.normal(size=(n, len(tags))).astype("float32")
        scores[:, 0] += rng.uniform(0, 3)  # more or fewer O tokens
        out, probs = viterbi_biluo(scores, mask)
        expected, expected_probs = _reference_viterbi(scores, mask)
        assert out.tolist() == expected.tolist(), trial
        inside = out != 0
        assert numpy.allclose(probs[inside], expected_probs[inside], atol=1e-5), trial
        padded = [0, *out.tolist(), 0]
        assert all(mask[0][a, b] for a, b in zip(padded, padded[1:]))  # a valid BILUO sequence
        repaired += int((out != scores.argmax(axis=1)).any())
    assert repaired > 50  # the search ran, not only the shortcut


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="no trained model in models/ner")
def test_numpy_tagger_gives_the_thinc_models_scores(tokenizer_nlp):
    import numpy

    from extractor.ner import NumpyTagger, TrainedNER

    tagger = TrainedNER("ner").tagger
    fast = NumpyTagger.from_model(tagger.model)
    assert fast is not None
    docs = [tokenizer_nlp(text) for text in SPEED_TEXTS]
    expected = [tagger.model.ops.to_numpy(s) for s in tagger.model.predict(docs)]
    batched = fast(docs)
    one_by_one = [fast([doc])[0] for doc in docs]
    fast.max_tokens = 40  # groups split inside the batch
    grouped = fast(docs)
    for want, *got in zip(expected, batched, one_by_one, grouped):
        for scores in got:
            assert scores.shape == want.shape
            assert numpy.allclose(scores, want, atol=1e-4)
            assert (scores.argmax(axis=1) == want.argmax(axis=1)).all()
    assert sum(len(s) for s in batched) > 50 and len(batched[2]) == 0


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="no trained model in models/ner")
def test_fast_and_thinc_paths_give_the_same_mentions():
    """The combined pipeline's NER: numpy path one doc at a time, in batches (pipe), and the
    thinc path, all give the same mentions."""
    from extractor.ner import TrainedNER

    accurate = load("config_ner.cfg")
    nlp = accurate.nlp
    ner = nlp.get_pipe("ner")
    assert ner.fast is not None
    thinc = TrainedNER(ner.path, ner.merge_policy, ner.governed, ner.lexicon, ner.min_confidence,
                       ner.propagate, fast=False)
    assert thinc.fast is None

    def before_ner():
        docs = [nlp.make_doc(text) for text in SPEED_TEXTS]
        for name, proc in nlp.pipeline:
            if name == "ner":
                break
            docs = [proc(doc) for doc in docs]
        return docs

    def found(docs):
        return [[(m.start, m.end, m.label, m.normalized, m.source) for m in doc._.mentions] for doc in docs]

    one_by_one = found([ner(doc) for doc in before_ner()])
    batched = found(list(ner.pipe(before_ner(), batch_size=2)))
    reference = found([thinc(doc) for doc in before_ner()])
    assert one_by_one == batched == reference
    assert ("BRAF", "GENE") in {(SPEED_TEXTS[4][s:e], label) for s, e, label, *_ in one_by_one[4]}


def test_mention_span_is_the_expanded_char_span(tokenizer_nlp):
    from extractor.mentions import mention_span
    from extractor.ner import TokenBounds

    doc = tokenizer_nlp("HER2xyz and  KRAS G12D; ER+ tumors.")
    tokens = TokenBounds(doc)
    cases = [Mention(0, 4, "GENE", "HGNC:3430", None, token_start=0, token_end=1),  # cuts a token
             Mention(13, 17, "GENE", None, None, token_start=3, token_end=4),
             Mention(13, 22, "VARIANT", None, None),  # no token bounds
             Mention(24, 26, "GENE", None, None, token_start=7, token_end=9)]  # stale token bounds
    for mention in cases:
        expected = doc.char_span(mention.start, mention.end, mention.label, kb_id=mention.normalized or "",
                                 alignment_mode="expand")
        for got in (mention_span(doc, mention, tokens), mention_span(doc, mention)):
            assert (got.start, got.end, got.label_, got.kb_id_) == \
                (expected.start, expected.end, expected.label_, expected.kb_id_)


def test_a_gene_before_a_class_head_stays_where_the_model_is_silent(tokenizer_nlp):
    from extractor.model_merge import merge_mentions
    from extractor.ner import _sentence_splitter

    text = "Responses to PARP inhibition and PARP expression were low."
    doc = _sentence_splitter()(tokenizer_nlp(text))
    first, second = text.index("PARP"), text.rindex("PARP")
    genes = [Mention(at, at + 4, "GENE", "HGNC:270", "PARP1", "lexicon") for at in (first, second)]
    merged = merge_mentions(doc, genes, [], None, "model_only", ("GENE", "DRUG"), {}, 0.0)
    assert [m.start for m in merged] == [first]  # the other 'PARP' is no class target: the model decides


def test_a_class_target_the_model_missed_makes_its_class(default_extractor):
    record = default_extractor.extract(
        "We found limited radiographic/PSA responses to PARP inhibition in men with ATM mutations.")
    assert [(e["text"], e["canonical"]) for e in record["entities"] if e["label"] != "VARIANT"] == [
        ("PSA", "KLK3"), ("PARP inhibition", "parp inhibitor"), ("ATM", "ATM")]
    assert [(r["gene"], r["drug"], r["type"]) for r in record["relations"]] == [
        ("ATM", "parp inhibitor", "RESISTANT_TO")]


def test_a_model_span_cut_across_a_bracket_is_no_entity(tokenizer_nlp):
    from extractor.model_merge import merge_mentions
    from extractor.ner import _sentence_splitter

    text = "Binimetinib is a MAPK kinase (MEK) 1/2 inhibitor (MEKi)."
    doc = _sentence_splitter()(tokenizer_nlp(text))
    cut = doc.char_span(text.index("MEK)"), text.index(" (MEKi"), label="DRUG")
    whole = doc.char_span(text.index("MEKi"), text.index("MEKi") + 4, label="DRUG")
    merged = merge_mentions(doc, [], [cut, whole], None, "model_only", ("GENE", "DRUG"), {}, 0.0)
    assert [text[m.start:m.end] for m in merged] == ["MEKi"]


def test_a_model_span_without_a_letter_is_no_entity(tokenizer_nlp):
    from extractor.model_merge import merge_mentions
    from extractor.ner import _sentence_splitter

    text = "It is frequent in human cancers4,5,6, and 5-FU is given."
    doc = _sentence_splitter()(tokenizer_nlp(text))
    spans = [doc.char_span(text.index(name), text.index(name) + len(name), label="DRUG") for name in ("4,5,6", "5-FU")]
    assert None not in spans
    merged = merge_mentions(doc, [], spans, None, "model_only", ("GENE", "DRUG"), {}, 0.0)
    assert [text[m.start:m.end] for m in merged] == ["5-FU"]
