"""Rule-based sentence boundaries for abstracts and press-release text.

Splits after sentence-final punctuation followed by a capitalised word, and at line
breaks that end a line of text (titles, headings, list items), but not after
abbreviations ("et al.", "e.g.", "p." in "p. L755S", initials such as "J.") or
inside hard-wrapped lines that continue in lower case.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .resources import read_word_list

FINAL_PUNCT = {".", "!", "?"}
CLOSERS = {")", "]", '"', "'", "”", "’"}
CONTINUES_LINE = (",", ";", "-", "(", "/", "and", "or", "of", "the", "with", "to", "in")


@Language.factory(
    "extractor_sentences",
    default_config={"abbreviations": "patterns/sentence_abbreviations.txt"},
)
def make_sentence_splitter(nlp: Language, name: str, abbreviations: str):
    return SentenceSplitter(read_word_list(abbreviations))


class SentenceSplitter:
    """Sets `is_sent_start` on every token."""

    def __init__(self, abbreviations: list[str]):
        self.abbreviations = {a.lower() for a in abbreviations}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        starts = self._sentence_starts(doc)
        for token in doc:
            token.is_sent_start = token.i in starts
        return doc

    def _sentence_starts(self, doc: Doc) -> set[int]:
        starts = {0}
        for token in doc[:-1]:
            nxt = doc[token.i + 1]
            if token.is_space:
                if "\n" in token.text and self._line_ends(doc, token.i, nxt):
                    starts.add(token.i + 1)
            elif "\n" in token.whitespace_ or token.text_with_ws.endswith("\n"):
                if self._line_ends(doc, token.i + 1, nxt):
                    starts.add(token.i + 1)
            elif self._ends_sentence(doc, token.i) and _opens_sentence(nxt):
                starts.add(token.i + 1)
        return {i for i in starts if i < len(doc) and not doc[i].is_space} | {0}

    def _ends_sentence(self, doc: Doc, i: int) -> bool:
        """True when token i closes a sentence (final punctuation, maybe then a quote)."""
        token = doc[i]
        if token.text in CLOSERS and i > 0:
            return doc[i - 1].text in FINAL_PUNCT
        if token.text in FINAL_PUNCT:
            return True
        if token.text.endswith(".") and len(token) > 1:
            lower = token.text.lower()
            is_initial = len(token) == 2 and token.text[0].isupper()
            return lower not in self.abbreviations and not is_initial
        return False

    def _line_ends(self, doc: Doc, break_at: int, nxt) -> bool:
        """A line break ends a sentence unless the text plainly runs on (hard wrap)."""
        text_after = doc.text[nxt.idx:nxt.idx + 1]
        if "\n\n" in doc.text[doc[break_at - 1].idx:nxt.idx] or text_after in "-•*":
            return True
        previous = doc[break_at - 1] if not doc[break_at - 1].is_space else doc[max(break_at - 2, 0)]
        runs_on = previous.text.lower() in CONTINUES_LINE or previous.text.endswith(CONTINUES_LINE[:4])
        return not (runs_on or text_after.islower())


def _opens_sentence(token) -> bool:
    first = token.text[:1]
    return first.isupper() or first.isdigit() or first in "\"'“‘([" or token.is_space
