import pytest

from extractor import load


@pytest.fixture(scope="session")
def extractor():
    """The default pipeline, loaded once for the whole test session."""
    return load()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


def by_text(record, label=None):
    """Entities of a record keyed by their text (the last one wins)."""
    return {e["text"]: e for e in record["entities"] if label is None or e["label"] == label}


def relation_tuples(record):
    return {(r["gene"], r["variant"], r["drug"], r["type"]) for r in record["relations"]}
