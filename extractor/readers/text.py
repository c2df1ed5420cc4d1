"""Plain-text files: one document a file, doc_id from the file name."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..pipeline import InputDoc

BINARY_SAMPLE = 8192


def decode_text(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text (a BOM is dropped) or an error message saying what is wrong."""
    if not data.strip():
        return "", "empty document"
    if b"\x00" in data[:BINARY_SAMPLE]:
        return "", "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return "", f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"


def read_file_text(path: Path) -> tuple[str, str | None]:
    """A file's text, or an error message (unreadable, empty, binary, not UTF-8)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return "", f"cannot read file: {exc.strerror}"
    return decode_text(data)


def read_text_file(path: Path) -> Iterator[InputDoc]:
    text, error = read_file_text(path)
    yield InputDoc(path.stem, text, str(path), error)
