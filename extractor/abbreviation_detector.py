"""scispaCy's abbreviation detector, with its two token matchers done on token arrays.

The detector (Schwartz & Hearst, 2003) is scispaCy's own; only the two `Matcher` calls
it makes on every document are replaced: spaCy's matcher builds a Python object for each
token of the document, which cost more than the whole definition search. The
replacements return the same matches in the same order (tested against the Matcher).
"""
from __future__ import annotations

import numpy as np
from scispacy.abbreviation import AbbreviationDetector
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc


class ParenthesisMatcher:
    """Matches of `[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]`: every "(" with every later ")"."""

    def __init__(self, vocab):
        self.open, self.close = vocab.strings.add("("), vocab.strings.add(")")
        self.match_id = vocab.strings.add("parenthesis")

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        orth = doc.to_array(ORTH)
        opens = np.flatnonzero(orth == self.open).tolist()
        if not opens:
            return []
        closes = np.flatnonzero(orth == self.close).tolist()
        matches = [(start, end + 1) for start in opens for end in closes if end > start + 1]
        matches.sort(key=lambda m: (m[1], -m[0]))  # the Matcher's order
        return [(self.match_id, start, end) for start, end in matches]


class SequenceMatcher:
    """The part of `Matcher` the detector's global matcher uses: exact ORTH sequences by key."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.sequences: dict[int, list[int]] = {}

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        (pattern,) = patterns
        self.sequences[self.vocab.strings.add(key)] = [self.vocab.strings.add(t["ORTH"]) for t in pattern]

    def remove(self, key: str) -> None:
        self.sequences.pop(self.vocab.strings[key], None)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self.sequences:
            return []
        orth = doc.to_array(ORTH)
        matches = []
        for key, sequence in self.sequences.items():
            first = np.flatnonzero(orth == sequence[0]).tolist()
            for start in first:
                end = start + len(sequence)
                if end <= len(orth) and orth[start:end].tolist() == sequence:
                    matches.append((key, start, end))
        matches.sort(key=lambda m: (m[2], -m[1]))
        return matches


@Language.factory("extractor_abbreviations", default_config={"make_serializable": False})
def create_abbreviation_detector(nlp: Language, name: str, make_serializable: bool) -> AbbreviationDetector:
    detector = AbbreviationDetector(nlp, name=name, make_serializable=make_serializable)
    detector.matcher = ParenthesisMatcher(nlp.vocab)
    detector.global_matcher = SequenceMatcher(nlp.vocab)
    return detector
