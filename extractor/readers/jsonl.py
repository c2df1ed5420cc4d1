"""JSON Lines: one object a line with `text` and an optional `doc_id`; read line by line."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..pipeline import InputDoc
from .text import decode_text


def read_jsonl(source: Path | bytes, name: str | None = None) -> Iterator[InputDoc]:
    """Documents of a JSONL file (or bytes); a bad line gives an error document."""
    if isinstance(source, bytes):
        yield from _parse(source.splitlines(), name or "stdin")
        return
    try:
        with open(source, "rb") as lines:
            yield from _parse(lines, str(source))
    except OSError as exc:
        yield InputDoc(source.stem, "", str(source), f"cannot read file: {exc.strerror}")


def _parse(lines: Iterable[bytes], name: str) -> Iterator[InputDoc]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        fallback_id = f"{Path(name).stem}:{number}"
        line, error = decode_text(raw)
        if error:
            yield InputDoc(fallback_id, "", name, f"line {number}: {error}")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputDoc(fallback_id, "", name, f"line {number}: malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputDoc(fallback_id, "", name, f"line {number}: not a JSON object")
            continue
        doc_id = str(obj.get("doc_id") or obj.get("id") or obj.get("pmid") or fallback_id)
        if not isinstance(obj.get("text"), str):
            yield InputDoc(doc_id, "", name, f"line {number}: no string field 'text'")
            continue
        yield InputDoc(doc_id, obj["text"], name)
