"""The entity mention type shared by all components, overlap resolution, and the doc's spans."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

# When two candidates cover the same text, the higher priority label wins.
LABEL_PRIORITY = {"VARIANT": 5, "TUMOR_SUBTYPE": 4, "DRUG_CLASS": 3, "DRUG": 2, "GENE": 1}
TOKENS_KEY = "extractor_token_bounds"


@dataclass
class Mention:
    """An entity mention with character offsets into the document text."""

    start: int
    end: int
    label: str
    normalized: str | None
    canonical: str | None
    source: str = "lexicon"  # lexicon, loose, grammar, shape, abbreviation, model
    term_type: str = ""
    attrs: dict = field(default_factory=dict)  # variant_type, gene, needs_gene, ...
    confidence: float = 1.0
    token_start: int = -1
    token_end: int = -1

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end


class TokenBounds:
    """Character start and end, and whether it is whitespace, of each token of a doc (Python lists: cheaper
    to read than ``doc[i].idx`` one token at a time), and the tokens the next one follows without a space."""

    def __init__(self, doc: Doc):
        array = doc.to_array([IDX, LENGTH, IS_SPACE]).reshape(-1, 3)
        ends = array[:, 0] + array[:, 1]
        self.starts = array[:, 0].tolist()
        self.ends = ends.tolist()
        self.space = array[:, 2].tolist()
        self.touching = numpy.flatnonzero(array[1:, 0] == ends[:-1]).tolist()


def token_bounds(doc: Doc) -> TokenBounds:
    """The doc's `TokenBounds`, built once for all the components that read them."""
    tokens = doc.user_data.get(TOKENS_KEY)
    if tokens is None:
        tokens = doc.user_data[TOKENS_KEY] = TokenBounds(doc)
    return tokens


def resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep the longest candidate where candidates overlap; ties go to label priority."""
    ranked = sorted(candidates, key=lambda m: (-m.length, -LABEL_PRIORITY.get(m.label, 0), m.start))
    kept: list[Mention] = []
    for candidate in ranked:
        if not any(candidate.overlaps(k) for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda m: (m.start, m.end))


def set_mentions(doc: Doc, mentions: list[Mention], tokens=None) -> None:
    """Set `doc._.mentions`, and `doc.spans["entities"]` and `doc.ents` from them."""
    doc._.mentions = mentions
    spans = [s for s in (mention_span(doc, m, tokens) for m in mentions) if s is not None]
    doc.spans["entities"] = spans
    doc.ents = spans if _apart(spans) else filter_spans(spans)


def _apart(spans: list[Span]) -> bool:
    """Non-empty spans in order, each ending before the next starts: all that `filter_spans` keeps, in its order."""
    previous_end = 0
    for span in spans:
        if span.start < previous_end or span.end <= span.start:
            return False
        previous_end = span.end
    return True


def mention_span(doc: Doc, mention: Mention, tokens=None) -> Span | None:
    """``doc.char_span(start, end, label, kb_id=normalized, alignment_mode="expand")`` of a
    mention, made from its token bounds when they cover exactly its characters (`tokens`: the
    doc's token starts and ends as lists, a ``TokenBounds``, cheaper than ``doc[i]``)."""
    start, end = mention.token_start, mention.token_end
    if 0 <= start < end <= len(doc):
        if tokens is not None:
            aligned = tokens.starts[start] == mention.start and tokens.ends[end - 1] == mention.end
        else:
            first, last = doc[start], doc[end - 1]
            aligned = first.idx == mention.start and last.idx + len(last) == mention.end
        if aligned:
            return Span(doc, start, end, mention.label, kb_id=mention.normalized or "")
    return doc.char_span(mention.start, mention.end, mention.label, kb_id=mention.normalized or "",
                         alignment_mode="expand")
