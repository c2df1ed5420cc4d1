"""Rule-based sentence boundaries for abstracts and press-release text.

Splits after sentence-final punctuation followed by a capitalised word, and at line
breaks that end a line of text (titles, headings, list items), but not after
abbreviations ("et al.", "e.g.", "p." in "p. L755S", initials such as "J.") or
inside hard-wrapped lines that continue in lower case. Works on token offsets, not
Token objects, so it costs little per document.
"""
from __future__ import annotations

import re
from bisect import bisect_right

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .mentions import TokenBounds, token_bounds
from .resources import read_word_list

FINAL_PUNCT = {".", "!", "?"}
CLOSERS = {")", "]", '"', "'", "”", "’"}
CONTINUES_LINE = (",", ";", "-", "(", "/", "and", "or", "of", "the", "with", "to", "in")
OPENERS = "\"'“‘(["
NAME_LEADS = {"by", "and", "of", "from", "with", "to", "et"}  # words that may stand before an author's initial
LAST_CHAR = re.compile("[" + re.escape("".join(sorted(FINAL_PUNCT | CLOSERS))) + "]")  # ends a sentence's last token
LINE_BREAK = re.compile("\n")
CITATION = re.compile(r"\d{1,3}(?:[,\u2013-]\d{1,3})*")  # a reference number glued after a full stop
BOUNDS_KEY = "extractor_sentence_bounds"
TEXT_KEY = "extractor_text"
ORIGINAL_KEY = "extractor_original_text"  # the text as given, where dashes were folded for the pipeline
# hyphen-like dashes read as '-' ('non–small cell', 'V600E–mutant', 'ER−'): one character for one, so offsets hold
DASHES = str.maketrans("\u2010\u2011\u2012\u2013\u2212", "-----")


@Language.factory(
    "extractor_sentences",
    default_config={"abbreviations": "patterns/sentence_abbreviations.txt"},
)
def make_sentence_splitter(nlp: Language, name: str, abbreviations: str):
    return SentenceSplitter(read_word_list(abbreviations))


def original_text(doc: Doc) -> str:
    """The document text as it was given (the pipeline reads `doc_text`, with dashes folded)."""
    return doc.user_data.get(ORIGINAL_KEY) or doc_text(doc)


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once: spaCy joins every token anew on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of each sentence, cached on the doc."""
    bounds = doc.user_data.get(BOUNDS_KEY)
    if bounds is None:
        bounds = [(s.start, s.end) for s in doc.sents]
        doc.user_data[BOUNDS_KEY] = bounds
    return bounds


class SentenceSplitter:
    """Sets sentence starts on the doc and caches the sentence bounds."""

    def __init__(self, abbreviations: list[str]):
        self.abbreviations = {a.lower() for a in abbreviations}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        starts = self._sentence_starts(doc_text(doc), token_bounds(doc))
        flags = numpy.full((len(doc), 1), -1, dtype="int32")
        flags[sorted(starts), 0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
        ordered = sorted(starts) + [len(doc)]
        doc.user_data[BOUNDS_KEY] = list(zip(ordered[:-1], ordered[1:]))
        return doc

    def _sentence_starts(self, text: str, tokens: TokenBounds) -> set[int]:
        """Only the tokens that end in final punctuation or a closer, or that a line break follows, are read."""
        ends, space = tokens.ends, tokens.space
        words = _Words(text, tokens)
        starts = {0}
        line_breaks = {bisect_right(tokens.starts, m.start()) - 1 for m in LINE_BREAK.finditer(text)}
        for i in line_breaks | {bisect_right(ends, m.start()) for m in LAST_CHAR.finditer(text)}:
            nxt = i + 1
            if nxt >= len(ends):
                continue
            if i in line_breaks:
                if self._line_ends(text, tokens, words, i, nxt):
                    starts.add(nxt)
            elif self._ends_sentence(words, i):
                if ends[i] == tokens.starts[nxt] and CITATION.fullmatch(words[nxt]):  # 'inhibitors.37 Next'
                    nxt += 1
                if nxt < len(ends) and _opens_sentence(words[nxt], space[nxt]):
                    starts.add(nxt)
        return {i for i in starts if not space[i]} | {0}

    def _ends_sentence(self, words: _Words, i: int) -> bool:
        """True when token i closes a sentence (final punctuation, maybe then a quote)."""
        word = words[i]
        if word in CLOSERS and i > 0:
            return words[i - 1] in FINAL_PUNCT
        if word in FINAL_PUNCT:
            return True
        if word.endswith(".") and len(word) > 1:
            if len(word) == 2 and word[0].isupper():  # an initial, or a name's last letter ('vitamin C.')
                return _after_lower_word(words, i)
            return word.lower() not in self.abbreviations
        return False

    def _line_ends(self, text: str, tokens: TokenBounds, words: _Words, i: int, nxt: int) -> bool:
        """A line break ends a sentence unless the text plainly runs on (hard wrap)."""
        space = tokens.space
        while nxt < len(space) - 1 and space[nxt]:
            nxt += 1
        previous = i if not space[i] else max(i - 1, 0)
        between = text[tokens.ends[previous]:tokens.starts[nxt]]
        first = words[nxt][:1]
        if "\n\n" in between or (first and first in "-•*"):
            return True
        word = words[previous]
        runs_on = word.lower() in CONTINUES_LINE or word.endswith(CONTINUES_LINE[:4])
        return not (runs_on or first.islower())


class _Words:
    """Token texts, sliced when asked for: most tokens are never read."""

    def __init__(self, text: str, tokens: TokenBounds):
        self.text, self.starts, self.ends = text, tokens.starts, tokens.ends

    def __getitem__(self, i: int) -> str:
        return self.text[self.starts[i]:self.ends[i]]


def _after_lower_word(words: _Words, i: int) -> bool:
    """A capital letter right after a lower-case word or a hyphen ends a name, not an initial: 'vitamin C.',
    'ara-C.', 'protein kinase C.' (but 'by J. Smith')."""
    previous = words[i - 1] if i > 0 else ""
    return previous == "-" or (previous.isalpha() and previous.islower() and previous not in NAME_LEADS)


def _opens_sentence(word: str, is_space: int) -> bool:
    first = word[:1]
    return bool(is_space) or first.isupper() or first.isdigit() or (first != "" and first in OPENERS)


def lower_words(doc: Doc) -> list[str]:
    """Each token's lower-case text, sliced from the lower-cased document text (no Token objects)."""
    text = doc_text(doc)
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer ('İ'): ask each token
        return [t.lower_ for t in doc]
    return [lower[i:i + n] for i, n in doc.to_array([IDX, LENGTH]).tolist()]
