"""Read PubTator files (e.g. BioRED) as records in the project's record format.

A PubTator document is a title line ``PMID|t|...``, an abstract line ``PMID|a|...``,
mention lines ``PMID<TAB>start<TAB>end<TAB>text<TAB>type<TAB>identifier`` and relation
lines ``PMID<TAB>type<TAB>id1<TAB>id2[<TAB>novelty]``. Offsets count from the start of
``title + " " + abstract``, which becomes the record's ``text``.

The records carry PubTator types as labels; map them to ours with a label map such as
``BIORED_LABELS`` (passed to ``evaluation.scoring.score``). They have no ``relations``
key, so the scorer leaves relation scoring out for them; the PubTator relations are
kept as they are under ``pubtator_relations``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

BIORED_LABELS = {
    "GeneOrGeneProduct": "GENE",
    "SequenceVariant": "VARIANT",
    "ChemicalEntity": "DRUG",
}
LABEL_MAPS = {"biored": BIORED_LABELS}


def read_pubtator(path: str | Path) -> Iterator[dict]:
    """Yield one record per document of the PubTator file at ``path``."""
    with open(path, encoding="utf-8") as lines:
        yield from parse_pubtator(lines, source=str(path))


def looks_like_pubtator(path: str | Path) -> bool:
    """True when the first non-blank line of ``path`` is a PubTator title line."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                head = line.split("|", 2)
                return len(head) == 3 and head[0].isdigit() and head[1] in ("t", "a")
    return False


def parse_pubtator(lines: Iterable[str], source: str | None = None) -> Iterator[dict]:
    """Yield records from PubTator lines; a new PMID starts a new document."""
    doc: dict | None = None
    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        pmid, sep, rest = line.partition("|")
        if sep and pmid.isdigit() and rest[:2] in ("t|", "a|"):
            if doc is None or doc["doc_id"] != pmid:
                if doc is not None:
                    yield _finish(doc)
                doc = {"doc_id": pmid, "source": source, "title": "", "abstract": None,
                       "entities": [], "pubtator_relations": []}
            doc["title" if rest[0] == "t" else "abstract"] = rest[2:]
            continue
        fields = line.split("\t")
        if doc is None or fields[0] != doc["doc_id"] or len(fields) < 4:
            raise ValueError(f"not a line of the current PubTator document: {line[:80]!r}")
        if fields[1].isdigit():
            doc["entities"].append(_entity(fields, len(doc["entities"]) + 1))
        else:
            doc["pubtator_relations"].append(_relation(fields))
    if doc is not None:
        yield _finish(doc)


def _entity(fields: list[str], number: int) -> dict:
    identifier = fields[5].strip() if len(fields) > 5 else ""
    return {"id": f"T{number}", "start": int(fields[1]), "end": int(fields[2]),
            "text": fields[3], "label": fields[4],
            "normalized": identifier if identifier not in ("", "-") else None,
            "canonical": None}


def _relation(fields: list[str]) -> dict:
    return {"type": fields[1], "arg1": fields[2], "arg2": fields[3],
            "novelty": fields[4] if len(fields) > 4 else None}


def _finish(doc: dict) -> dict:
    title, abstract = doc.pop("title"), doc.pop("abstract")
    text = title if abstract is None else f"{title} {abstract}"
    return {"doc_id": doc["doc_id"], "source": doc["source"], "text": text,
            "entities": doc["entities"], "pubtator_relations": doc["pubtator_relations"]}
