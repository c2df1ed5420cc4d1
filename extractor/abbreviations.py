"""Abbreviation-aware linking: a short form inherits the entity of its long form.

Uses the definitions found by scispaCy's AbbreviationDetector (Schwartz & Hearst,
2003). "invasive lobular carcinoma (ILC)" makes every "ILC" in the document a
TUMOR_SUBTYPE with the long form's identifier; "overall survival (OS)" makes "OS" no
gene, whatever the gene lexicon says.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .mentions import Mention
from .resources import read_word_list
from .sentences import doc_text

GENE_NAME_HEADS = frozenset(read_word_list("patterns/gene_name_heads.txt"))


def apply_abbreviations(doc: Doc, candidates: list[Mention]) -> list[Mention]:
    """Add short-form mentions of defined abbreviations; drop gene readings they rule out."""
    abbreviations = getattr(doc._, "abbreviations", None) or []
    by_span = {(m.start, m.end): m for m in candidates}
    added: list[Mention] = []
    ruled_out: set[str] = set()
    for short in abbreviations:
        long_form = short._.long_form
        if long_form is None:
            continue
        source = _mention_covering(by_span, long_form, by_span.get((short.start_char, short.end_char)))
        if source is None:
            if not _names_a_gene(long_form):
                ruled_out.add(short.text)
            continue
        added.append(replace(source, start=short.start_char, end=short.end_char,
                             source="abbreviation", attrs=dict(source.attrs),
                             token_start=short.start, token_end=short.end))
    text = doc_text(doc)
    kept = [m for m in candidates
            if not (m.label == "GENE" and text[m.start:m.end] in ruled_out and m.term_type != "symbol")]
    spans_added = {(m.start, m.end) for m in added}
    kept = [m for m in kept if (m.start, m.end) not in spans_added]
    return kept + added


def _mention_covering(by_span: dict, long_form, short: Mention | None = None) -> Mention | None:
    """The candidate whose span is the long form, or ends it ("the ... inhibitor"); one that names what the short
    form already names comes first ('O6-methylguanine DNA methyltransferase (MGMT)': the MGMT name, not the
    family that 'DNA methyltransferase' names)."""
    if short is not None and short.normalized:
        same = [m for (start, end), m in by_span.items()
                if end == long_form.end_char and m.normalized == short.normalized and m is not short]
        if same:
            return max(same, key=lambda m: m.length)
    exact = by_span.get((long_form.start_char, long_form.end_char))
    if exact is not None:
        return exact
    ending = [m for (start, end), m in by_span.items()
              if end == long_form.end_char and start >= long_form.start_char]
    return max(ending, key=lambda m: m.length, default=None)


def _names_a_gene(long_form) -> bool:
    return any(token.lower_.rstrip("s") in GENE_NAME_HEADS or token.lower_.endswith("ase")
               for token in long_form)
