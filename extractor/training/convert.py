"""Corpora -> spaCy DocBin, tokenized by our tokenizer.

BioRED (PubTator) mentions become ``doc.ents`` with our labels (``LABELS``); other
BioRED types (diseases, species, cell lines) are left unlabelled ("O"). A mention whose
offsets do not fall on token boundaries is snapped to tokens (``alignment_mode``:
"expand" takes every token it touches, "contract" only tokens inside it); overlapping
mentions keep the longest. Every change is counted in ``ConversionStats``.

CIViCmine (brat standoff, ``.txt`` + ``.a1``) gives sentences with gene and drug
mentions (its "variant" type follows other conventions than BioRED and is not used).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

from evaluation.pubtator import read_pubtator

LABELS = {"GeneOrGeneProduct": "GENE", "ChemicalEntity": "DRUG", "SequenceVariant": "VARIANT"}
CIVICMINE_LABELS = {"gene": "GENE", "drug": "DRUG"}


@dataclass
class ConversionStats:
    documents: int = 0
    mentions: Counter = field(default_factory=Counter)  # kept, by label
    adjusted: Counter = field(default_factory=Counter)  # kept with snapped boundaries
    lost_alignment: Counter = field(default_factory=Counter)  # no token span at all
    lost_overlap: Counter = field(default_factory=Counter)  # dropped for a longer overlapping one
    examples: list = field(default_factory=list)  # a few (text, snapped text) pairs

    def summary(self) -> str:
        kept, adjusted = sum(self.mentions.values()), sum(self.adjusted.values())
        lost = sum(self.lost_alignment.values()) + sum(self.lost_overlap.values())
        by_label = ", ".join(f"{k} {v}" for k, v in sorted(self.mentions.items()))
        return (f"{self.documents} documents, {kept} mentions kept ({by_label}); "
                f"{adjusted} snapped to token boundaries, {lost} lost "
                f"({sum(self.lost_alignment.values())} unalignable, "
                f"{sum(self.lost_overlap.values())} overlapping)")


def make_doc(nlp: Language, text: str, mentions, stats: ConversionStats,
             alignment_mode: str = "expand") -> Doc:
    """A doc of ``text`` with ``mentions`` (start, end, label) as ``doc.ents``."""
    doc = nlp.make_doc(text)
    spans = []
    for start, end, label in mentions:
        span = doc.char_span(start, end, label=label, alignment_mode=alignment_mode)
        if span is None or not span.text.strip():
            stats.lost_alignment[label] += 1
            continue
        if (span.start_char, span.end_char) != (start, end):
            stats.adjusted[label] += 1
            if len(stats.examples) < 20:
                stats.examples.append((text[start:end], span.text))
        spans.append(span)
    kept = filter_spans(spans)  # also drops a span that became the duplicate of another
    stats.lost_overlap.update(Counter(s.label_ for s in spans) - Counter(s.label_ for s in kept))
    for span in kept:
        stats.mentions[span.label_] += 1
    doc.ents = kept
    stats.documents += 1
    return doc


def pubtator_docs(nlp: Language, path: str | Path, stats: ConversionStats,
                  labels: dict[str, str] = LABELS, alignment_mode: str = "expand"):
    for record in read_pubtator(path):
        mentions = [(e["start"], e["end"], labels[e["label"]]) for e in record["entities"]
                    if e["label"] in labels]
        yield make_doc(nlp, record["text"], mentions, stats, alignment_mode)


def civicmine_docs(nlp: Language, folder: str | Path, stats: ConversionStats,
                   labels: dict[str, str] = CIVICMINE_LABELS, alignment_mode: str = "expand"):
    for txt in sorted(Path(folder).glob("*.txt")):
        a1 = txt.with_suffix(".a1")
        if not a1.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        mentions = []
        for line in a1.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not parts[0].startswith("T"):
                continue
            kind, *offsets = parts[1].split(" ")
            if kind in labels and len(offsets) == 2:  # discontinuous mentions are skipped
                mentions.append((int(offsets[0]), int(offsets[1]), labels[kind]))
        yield make_doc(nlp, text, mentions, stats, alignment_mode)


def write_docbin(docs, path: str | Path) -> int:
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    count = 0
    for doc in docs:
        docbin.add(doc)
        count += 1
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return count
