"""Input readers: each yields `InputDoc`s; a document that cannot be read becomes an
`InputDoc` with `error` set, so the batch goes on and the failure is reported."""
from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from pathlib import Path

from ..pipeline import InputDoc
from .jsonl import read_jsonl
from .text import decode_text, read_text_file

READERS = {"text": read_text_file, "jsonl": read_jsonl}
EXTENSIONS = {"text": (".txt",), "jsonl": (".jsonl", ".ndjson")}


def format_of(path: Path, input_format: str) -> str:
    """The reader for a file: the given format, or by extension when 'auto'."""
    if input_format != "auto":
        if input_format not in READERS:
            raise ValueError(f"unknown input format {input_format!r}; choose from auto, {', '.join(READERS)}")
        return input_format
    suffix = path.suffix.lower()
    return next((fmt for fmt, exts in EXTENSIONS.items() if suffix in exts), "text")


def expand_inputs(inputs: list[str], input_format: str = "auto") -> list[Path | str]:
    """Files, folders (recursively: files of the format's extensions) and globs; '-' is stdin."""
    found: list[Path | str] = []
    for item in inputs:
        if item == "-":
            found.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            extensions = EXTENSIONS.get(input_format, EXTENSIONS["text"])
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in extensions))
        elif path.exists():
            found.append(path)
        else:
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                raise FileNotFoundError(f"no such file, folder or glob match: {item}")
            found.extend(matches)
    return found


def read_inputs(inputs: list[str], input_format: str = "auto") -> Iterator[InputDoc]:
    """All documents of all inputs, in order."""
    for item in expand_inputs(inputs, input_format):
        if item == "-":
            data = sys.stdin.buffer.read()
            if input_format == "jsonl":
                yield from read_jsonl(data, "stdin")
            else:
                text, error = decode_text(data)
                yield InputDoc("stdin", text, "stdin", error)
            continue
        yield from READERS[format_of(item, input_format)](item)
