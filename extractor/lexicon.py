"""Dictionary lookup of gene, drug, drug-class and tumor-subtype names over token spans.

Terms are looked up as raw character slices of the text that start and end on token
boundaries, so a lexicon never needs to be tokenized at load time and multi-word
terms ("invasive lobular carcinoma", "HER2-targeted therapies") match whatever the
tokenizer does inside them. Symbols and codes match case-sensitively; names in lower or
title case match case-insensitively.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from .resources import models_path

NAME_TYPES = {"name", "previous_name"}


@dataclass(frozen=True)
class Entry:
    """One lexicon entry a term points to."""

    label: str
    normalized: str
    canonical: str
    term_type: str
    source: str


@dataclass(frozen=True)
class LexiconMatch:
    start: int  # token index
    end: int  # token index, exclusive
    entries: tuple[Entry, ...]


class Lexicon:
    """Maps terms to entries; finds the longest term at each token."""

    def __init__(self, max_tokens: int = 10):
        self.exact: dict[str, list[Entry]] = {}
        self.folded: dict[str, list[Entry]] = {}
        self.max_tokens = max_tokens

    def add(self, term: str, entry: Entry) -> None:
        term = " ".join(term.split())
        if not term:
            return
        table = self.folded if _folds(term, entry.term_type) else self.exact
        key = term.lower() if table is self.folded else term
        entries = table.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def load_table(self, path: str | Path, label: str, kind_labels: dict[str, str] | None = None) -> int:
        """Read a term table (term, normalized, canonical[, term_type][, kind], source)."""
        count = 0
        with open(models_path(path), encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                row_label = (kind_labels or {}).get(row.get("kind", ""), label)
                entry = Entry(row_label, row["normalized"], row["canonical"],
                              row.get("term_type") or "term", row.get("source", ""))
                self.add(row["term"], entry)
                count += 1
        return count

    def lookup(self, text: str) -> tuple[Entry, ...]:
        text = " ".join(text.split())
        return tuple(self.exact.get(text, ())) or tuple(self.folded.get(text.lower(), ()))

    def find(self, doc: Doc) -> list[LexiconMatch]:
        """Longest match starting at each token; matches may overlap (resolved later)."""
        matches = []
        text = doc.text
        for start, token in enumerate(doc):
            if token.is_space or token.is_punct and token.text not in "+":
                continue
            begin = token.idx
            for end in range(min(len(doc), start + self.max_tokens), start, -1):
                last = doc[end - 1]
                if last.is_space:
                    continue
                entries = self.lookup(text[begin:last.idx + len(last)])
                if entries:
                    matches.append(LexiconMatch(start, end, entries))
                    break
        return matches


def _folds(term: str, term_type: str) -> bool:
    """Names, and terms written in lower or title case, match case-insensitively."""
    if term_type in NAME_TYPES:
        return True
    letters = [c for c in term if c.isalpha()]
    if len(letters) < 4:
        return False
    return term == term.lower() or (term[0].isupper() and term[1:] == term[1:].lower())
