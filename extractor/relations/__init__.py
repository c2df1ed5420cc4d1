"""RESISTANT_TO / SENSITIVE_TO relations between an alteration and a drug.

Rules over the tokens of each sentence (no parser), driven by the cue lexicon
``models/patterns/relation_cues.json`` (its ``_doc`` explains every list):

- ``cues``: the lexicon and its phrase matches in a doc;
- ``sentence``: a sentence with its mentions by token; alterations, groups, relations;
- ``alterations``: the subject candidates of a sentence and their coordinated groups;
- ``drugs`` and ``subjects``: where a cue's drug and alteration stand;
- ``scope``: aims, acquired resistance, negation and hedging around a cue;
- ``component``: the spaCy component ("extractor_relations") that applies a cue family's
  shape (predicate, agent, by) and scores confidence.

``rollup(records)`` aggregates relations per document (see ``extractor/rollup.py``).
"""
from .component import RelationExtractor, make_relation_extractor
from .sentence import RESISTANT, SENSITIVE, Relation

__all__ = ["RESISTANT", "SENSITIVE", "Relation", "RelationExtractor", "make_relation_extractor", "rollup"]


def rollup(records) -> list[dict]:
    """One row per (doc_id, gene, variant, drug, type, negated); see extractor/rollup.py."""
    from ..rollup import rollup as roll_up  # imported late: the CLI part of that module needs typer

    return roll_up(records)
