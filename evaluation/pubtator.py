"""Read PubTator files (e.g. BioRED) as records in the project's record format.

The parsing is shared with extraction: ``extractor.readers.pubtator``. The records carry
PubTator types as labels; map them to ours with a label map such as ``BIORED_LABELS``
(passed to ``evaluation.scoring.score``). They have no ``relations`` key, so the scorer
leaves relation scoring out for them; the PubTator relations are kept as they are under
``pubtator_relations``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from extractor.readers.pubtator import parse_pubtator

__all__ = ["BIORED_LABELS", "LABEL_MAPS", "looks_like_pubtator", "parse_pubtator", "read_pubtator"]

BIORED_LABELS = {
    "GeneOrGeneProduct": "GENE",
    "SequenceVariant": "VARIANT",
    "ChemicalEntity": "DRUG",
}
LABEL_MAPS = {"biored": BIORED_LABELS}


def read_pubtator(path: str | Path) -> Iterator[dict]:
    """Yield one record per document of the PubTator file at ``path``; a malformed line
    raises ValueError (gold must be whole)."""
    with open(path, encoding="utf-8") as lines:
        for record in parse_pubtator(lines, source=str(path)):
            if "error" in record:
                raise ValueError(f"{path}: document {record['doc_id']}: {record['error']}")
            yield record


def looks_like_pubtator(path: str | Path) -> bool:
    """True when the first non-blank line of ``path`` is a PubTator title line."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                head = line.split("|", 2)
                return len(head) == 3 and head[0].isdigit() and head[1] in ("t", "a")
    return False
