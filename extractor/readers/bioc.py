"""BioC XML and BioC JSON collections.

A document's text is its passages placed at their offsets (a PubTator-style title and
abstract become ``title + " " + abstract``), so BioC annotation offsets stay valid.
BioC JSON is decoded with the `bioc` package. BioC XML is streamed with lxml
(`xml.read_elements`): bioc's own XML reader reads one document ahead and keeps the whole
tree, so a malformed document would also lose the one before it and memory would grow.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from bioc.biocjson.decoder import parse_doc
from lxml import etree

from ..pipeline import InputDoc
from .text import decode_text
from .xml import read_elements


def read_bioc_xml(path: Path) -> Iterator[InputDoc]:
    """Documents of a BioC XML collection."""
    return read_elements(path, "document", _xml_document)


def read_bioc_json(path: Path) -> Iterator[InputDoc]:
    """Documents of a BioC JSON collection (or a list of collections); a document that is
    not BioC gives an error document, the others are read. The file is read whole."""
    text, error = decode_text(path.read_bytes())
    if error:
        yield InputDoc(path.stem, "", str(path), error)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputDoc(path.stem, "", str(path), f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    collections = data if isinstance(data, list) else [data]
    documents = [d for c in collections if isinstance(c, dict) for d in c.get("documents", [])]
    if not documents:
        yield InputDoc(path.stem, "", str(path), "no BioC documents (expected a collection with 'documents')")
    for number, obj in enumerate(documents, start=1):
        fallback_id = f"{path.stem}:{number}"
        try:
            document = parse_doc(obj)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            doc_id = obj.get("id") if isinstance(obj, dict) else None
            yield InputDoc(str(doc_id or fallback_id), "", str(path),
                           f"document {number} is not BioC: {type(exc).__name__}: {exc}")
            continue
        passages = [(p.offset, p.text) for p in document.passages]
        yield InputDoc(str(document.id or fallback_id), place_passages(passages), str(path))


def _xml_document(element: etree._Element, source: str, fallback_id: str) -> InputDoc:
    try:
        passages = [(int(p.findtext("offset") or 0), p.findtext("text"))
                    for p in element.iterfind("passage")]
    except ValueError:
        return InputDoc(element.findtext("id") or fallback_id, "", source, "passage offset is not a number")
    return InputDoc(element.findtext("id") or fallback_id, place_passages(passages), source)


def place_passages(passages: list[tuple[int, str | None]]) -> str:
    """Passage texts at their offsets; one space between passages whose offsets overlap."""
    text = ""
    for offset, passage in passages:
        if passage is None:
            continue
        if offset > len(text):
            text += " " * (offset - len(text))
        elif text:
            text += " "
        text += passage
    return text


def read_bioc(path: Path) -> Iterator[InputDoc]:
    """BioC JSON when the file starts with '{' or '[' (or is named .json), BioC XML otherwise."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        yield InputDoc(path.stem, "", str(path), f"cannot read file: {exc.strerror}")
        return
    is_json = head[:1] in (b"{", b"[") or path.name.lower().endswith(".json")
    yield from read_bioc_json(path) if is_json else read_bioc_xml(path)
