"""Dictionary lookup of gene, drug, drug-class and tumor-subtype names over token spans.

Terms are looked up as raw character slices of the text that start and end on token
boundaries, so a lexicon never needs to be tokenized at load time and multi-word
terms ("invasive lobular carcinoma", "HER2-targeted therapies") match whatever the
tokenizer does inside them. Symbols and codes match case-sensitively; names in lower or
title case match case-insensitively.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc

from .resources import models_path
from .sentences import doc_text

NAME_TYPES = {"name", "previous_name"}
HEAD = re.compile(r"\w+")


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
        # lower-cased leading word of every term -> the lengths of the terms it starts
        self.heads: dict[str, set[int]] = {}
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
        self.heads.setdefault(_head(term), set()).add(len(term))

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
        if _irregular_space(text):
            text = " ".join(text.split())
        return tuple(self.exact.get(text, ())) or tuple(self.folded.get(text.lower(), ()))

    def find(self, doc: Doc) -> list[LexiconMatch]:
        """Longest match starting at each token; matches may overlap (resolved later).

        Only spans whose leading word and length are those of some term are looked up,
        so most tokens cost one dictionary lookup.
        """
        matches = []
        text = doc_text(doc)
        bounds = [(i, i + n, sp) for i, n, sp in doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()]
        for start, (begin, _, is_space) in enumerate(bounds):
            lengths = None if is_space else self.heads.get(_head(text[begin:begin + 40]))
            if not lengths:
                continue
            for end in range(min(len(doc), start + self.max_tokens), start, -1):
                _, stop, last_is_space = bounds[end - 1]
                if last_is_space or (stop - begin not in lengths and not _irregular_space(text[begin:stop])):
                    continue
                entries = self.lookup(text[begin:stop])
                if entries:
                    matches.append(LexiconMatch(start, end, entries))
                    break
        return matches


def _head(text: str) -> str:
    """The leading run of letters and digits, lower-cased ("her2" of "HER2-positive")."""
    match = HEAD.match(text)
    return match.group(0).lower() if match else text[:1]


def _irregular_space(text: str) -> bool:
    """Line breaks or runs of spaces, which lookup folds to single spaces."""
    return "  " in text or "\n" in text or "\t" in text


def _folds(term: str, term_type: str) -> bool:
    """Names, and terms written in lower or title case, match case-insensitively."""
    if term_type in NAME_TYPES:
        return True
    letters = [c for c in term if c.isalpha()]
    if len(letters) < 4:
        return False
    return term == term.lower() or (term[0].isupper() and term[1:] == term[1:].lower())
