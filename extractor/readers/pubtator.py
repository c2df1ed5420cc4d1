"""PubTator files (e.g. BioRED): one reader for extraction and evaluation.

A document is a title line ``PMID|t|...``, an abstract line ``PMID|a|...``, mention
lines ``PMID<TAB>start<TAB>end<TAB>text<TAB>type<TAB>identifier`` and relation lines
``PMID<TAB>type<TAB>id1<TAB>id2[<TAB>novelty]``. Offsets count from the start of
``title + " " + abstract``, which becomes the document's text.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..pipeline import InputDoc


def read_pubtator(path: Path) -> Iterator[InputDoc]:
    """Documents of a PubTator file; a malformed document gives an error document."""
    try:
        with open(path, "rb") as lines:
            for record in parse_pubtator(lines, source=str(path)):
                yield InputDoc(record["doc_id"], record["text"], record["source"], record.get("error"))
    except OSError as exc:
        yield InputDoc(path.stem, "", str(path), f"cannot read file: {exc.strerror}")


def parse_pubtator(lines: Iterable[str | bytes], source: str | None = None) -> Iterator[dict]:
    """Records (doc_id, source, text, entities, pubtator_relations) from PubTator lines.

    A new id on a title or abstract line starts a new document. A line that cannot be
    read (not UTF-8, not of the current document, bad offsets) sets the document's
    ``error`` and the reader goes on with the next line.
    """
    doc: dict | None = None
    for number, line in enumerate(lines, start=1):
        line, problem = _decode(line)
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        doc_id, sep, rest = line.partition("|")
        if sep and doc_id and "\t" not in doc_id and rest[:2] in ("t|", "a|"):
            if doc is None or doc["doc_id"] != doc_id:
                if doc is not None:
                    yield _finish(doc)
                doc = {"doc_id": doc_id, "source": source, "title": "", "abstract": None,
                       "entities": [], "pubtator_relations": []}
            doc["title" if rest[0] == "t" else "abstract"] = rest[2:]
        else:
            fields = line.split("\t")
            try:
                if doc is None or fields[0] != doc["doc_id"] or len(fields) < 4:
                    raise ValueError("not a line of the current PubTator document")
                if fields[1].isdigit():
                    doc["entities"].append(_entity(fields, len(doc["entities"]) + 1))
                else:
                    doc["pubtator_relations"].append(_relation(fields))
            except ValueError as exc:
                problem = problem or f"{exc}: {line[:80]!r}"
        if problem:
            doc = _fail(doc, f"line {number}: {problem}", source, number)
    if doc is not None:
        yield _finish(doc)


def _decode(line: str | bytes) -> tuple[str, str | None]:
    """The line as text, and what is wrong with it (not UTF-8, NUL bytes) or None."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return line.decode("utf-8", errors="replace"), f"not valid UTF-8 (byte 0x{line[exc.start]:02x})"
    return line, "contains NUL bytes" if "\x00" in line else None


def _fail(doc: dict | None, message: str, source: str | None, number: int) -> dict:
    """Mark the current document as failed (or start a failed one when there is none)."""
    if doc is None:
        name = Path(source).name if source else "pubtator"
        doc = {"doc_id": f"{name}:{number}", "source": source, "title": "", "abstract": None,
               "entities": [], "pubtator_relations": []}
    doc.setdefault("error", message)
    return doc


def _entity(fields: list[str], number: int) -> dict:
    identifier = fields[5].strip() if len(fields) > 5 else ""
    return {"id": f"T{number}", "start": int(fields[1]), "end": int(fields[2]),
            "text": fields[3], "label": fields[4] if len(fields) > 4 else "",
            "normalized": identifier if identifier not in ("", "-") else None,
            "canonical": None}


def _relation(fields: list[str]) -> dict:
    return {"type": fields[1], "arg1": fields[2], "arg2": fields[3],
            "novelty": fields[4] if len(fields) > 4 else None}


def _finish(doc: dict) -> dict:
    title, abstract = doc["title"], doc["abstract"]
    record = {"doc_id": doc["doc_id"], "source": doc["source"],
              "text": title if abstract is None else f"{title} {abstract}",
              "entities": doc["entities"], "pubtator_relations": doc["pubtator_relations"]}
    if "error" in doc:
        record["error"] = doc["error"]
    return record
