"""The array-based matchers give what spaCy's Matcher gives scispaCy's detector."""
import spacy
from spacy.matcher import Matcher

from extractor.abbreviation_detector import ParenthesisMatcher, SequenceMatcher
from extractor.tokenizer import create_tokenizer

TEXTS = [
    "Invasive lobular carcinoma (ILC) differs from invasive ductal carcinoma (IDC); ILC (n = 12 (5%)) rarely has "
    "HER2 mutations (HER2mut) ( ).",
    "No brackets at all.",
    "Unbalanced ) closing ( opening ( twice ) end.",
]


def _nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = create_tokenizer()(nlp)
    return nlp


def test_parenthesis_matches_and_their_order_are_the_matchers():
    nlp = _nlp()
    reference = Matcher(nlp.vocab)
    reference.add("parenthesis", [[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]])
    ours = ParenthesisMatcher(nlp.vocab)
    for text in TEXTS:
        doc = nlp(text)
        assert ours(doc) == reference(doc)
    doc = nlp(TEXTS[0])
    assert [doc[s:e].text for _, s, e in ours(doc)][:3] == ["(ILC)", "(IDC)", "(ILC) differs from invasive ductal carcinoma (IDC)"]


def test_sequence_matches_follow_added_and_removed_keys():
    nlp = _nlp()
    reference, ours = Matcher(nlp.vocab), SequenceMatcher(nlp.vocab)
    for matcher in (reference, ours):
        matcher.add("invasive lobular carcinoma", [[{"ORTH": "ILC"}]])
        matcher.add("HER2 mutations", [[{"ORTH": "HER2mut"}]])
        matcher.add("twice", [[{"ORTH": "("}, {"ORTH": "twice"}]])
    doc = nlp(TEXTS[0] + " " + TEXTS[2])
    assert ours(doc) == reference(doc)
    assert [doc[s:e].text for _, s, e in ours(doc)] == ["ILC", "ILC", "HER2mut", "( twice"]
    ours.remove("invasive lobular carcinoma")
    assert [doc[s:e].text for _, s, e in ours(doc)] == ["HER2mut", "( twice"]


def test_pipeline_finds_definitions_with_the_fast_detector():
    from extractor import load

    doc = load().nlp("Invasive lobular carcinoma (ILC) is common. ILC is lobular.")
    assert [(a.text, a._.long_form.text) for a in doc._.abbreviations] == [
        ("ILC", "Invasive lobular carcinoma"), ("ILC", "Invasive lobular carcinoma")]
