import pytest


@pytest.mark.parametrize("text, tokens", [
    ("HER2 L755S", ["HER2", "L755S"]),
    ("p.Leu755Ser", ["p.", "Leu755Ser"]),
    ("CDK4/6 inhibitors", ["CDK4/6", "inhibitors"]),
    ("HKI-272", ["HKI-272"]),
    ("T-DM1", ["T-DM1"]),
    ("E746_A750del", ["E746_A750del"]),
    ("neratinib-resistant cells", ["neratinib", "-", "resistant", "cells"]),
    ("HER2-positive", ["HER2", "-", "positive"]),
    ("anti-HER2 therapy", ["anti", "-", "HER2", "therapy"]),
    ("ER+/HER2- tumors", ["ER", "+", "/", "HER2-", "tumors"]),
    ("PI3K/AKT pathway", ["PI3K", "/", "AKT", "pathway"]),
])
def test_tokenization_keeps_biomedical_names_whole(nlp, text, tokens):
    assert [t.text for t in nlp.tokenizer(text)] == tokens


@pytest.mark.parametrize("text, sentences", [
    ("Kalra et al. showed it. Then more.", ["Kalra et al. showed it.", "Then more."]),
    ("Drugs (e.g. neratinib) work. Next.", ["Drugs (e.g. neratinib) work.", "Next."]),
    ("The p. L755S change. Next.", ["The p. L755S change.", "Next."]),
    ("Matthew J. Ellis wrote. Next.", ["Matthew J. Ellis wrote.", "Next."]),
    ("Title line\nAbstract text here.", ["Title line", "Abstract text here."]),
    ("A wrapped line that goes\non in lower case.", ["A wrapped line that goes\non in lower case."]),
])
def test_sentence_boundaries(nlp, text, sentences):
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == sentences
