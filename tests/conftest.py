import pytest

from extractor import load
from extractor.pipeline import FAST_CONFIG


@pytest.fixture(scope="session")
def extractor():
    """The rules-only pipeline (`--fast`), whose rules most tests check exactly; loaded once."""
    return load(FAST_CONFIG)


@pytest.fixture(scope="session")
def default_extractor():
    """The default pipeline: the rules, then the trained NER."""
    return load()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


def by_text(record, label=None):
    """Entities of a record keyed by their text (the last one wins)."""
    return {e["text"]: e for e in record["entities"] if label is None or e["label"] == label}


def relation_tuples(record):
    return {(r["gene"], r["variant"], r["drug"], r["type"]) for r in record["relations"]}
