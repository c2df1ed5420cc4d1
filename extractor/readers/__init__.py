"""Input readers: each yields `InputDoc`s; a document that cannot be read becomes an
`InputDoc` with `error` set, so the batch goes on and the failure is reported."""
from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from pathlib import Path

from ..pipeline import InputDoc
from .bioc import read_bioc
from .html import read_html
from .jsonl import read_jsonl
from .pubmed import read_pubmed
from .pubtator import read_pubtator
from .text import decode_text, read_text_file

READERS = {"text": read_text_file, "jsonl": read_jsonl, "pubmed": read_pubmed, "bioc": read_bioc,
           "pubtator": read_pubtator, "html": read_html}
# Longest first: a name ending in one of these is of that format. A plain .xml file is
# PubMed or BioC by its root element.
EXTENSIONS = {"text": (".txt",), "jsonl": (".jsonl", ".ndjson"), "pubmed": (".xml.gz", ".xml"),
              "bioc": (".bioc.xml", ".bioc.json", ".json", ".xml"), "pubtator": (".pubtator",),
              "html": (".html", ".htm", ".xhtml")}
SNIFF_BYTES = 4096


def format_of(path: Path, input_format: str) -> str:
    """The reader for a file: the given format, or by extension (and root element) when 'auto'."""
    if input_format != "auto":
        if input_format not in READERS:
            raise ValueError(f"unknown input format {input_format!r}; choose from auto, {', '.join(READERS)}")
        return input_format
    name = path.name.lower()
    if name.endswith(".xml"):
        return "bioc" if _is_bioc_xml(path) else "pubmed"
    matches = [(len(ext), fmt) for fmt, exts in EXTENSIONS.items() for ext in exts if name.endswith(ext)]
    return max(matches)[1] if matches else "text"


def expand_inputs(inputs: list[str], input_format: str = "auto") -> list[Path | str]:
    """Files, folders (recursively: .txt files, or the files of an explicit format's extensions)
    and globs; '-' is stdin."""
    if input_format != "auto":
        format_of(Path("-"), input_format)
    found: list[Path | str] = []
    for item in inputs:
        if item == "-":
            if input_format not in ("auto", "text", "jsonl"):
                raise ValueError("stdin ('-') is read as text or jsonl; give a file for other formats")
            found.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            extensions = EXTENSIONS.get(input_format, EXTENSIONS["text"])
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(extensions)))
        elif path.exists():
            found.append(path)
        else:
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                raise FileNotFoundError(f"no such file, folder or glob match: {item}")
            found.extend(matches)
    return found


def read_inputs(inputs: list[str | Path], input_format: str = "auto") -> Iterator[InputDoc]:
    """All documents of all inputs, in order, read lazily."""
    for item in expand_inputs([str(i) for i in inputs], input_format):
        if item == "-":
            data = sys.stdin.buffer.read()
            if input_format == "jsonl":
                yield from read_jsonl(data, "stdin")
            else:
                text, error = decode_text(data)
                yield InputDoc("stdin", text, "stdin", error)
            continue
        yield from READERS[format_of(item, input_format)](item)


def _is_bioc_xml(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError:
        return False
    return b"<collection" in head and b"<PubmedArticleSet" not in head
