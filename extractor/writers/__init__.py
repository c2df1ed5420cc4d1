"""Output writers and sinks. Each has `write(record)`, `close()` and `done_ids()` (the doc_ids
already in the output, for `--resume`; empty where resuming is not supported)."""
from __future__ import annotations

from pathlib import Path

FORMATS = ("jsonl", "csv", "parquet", "pubtator", "bioc", "brat", "sqlite", "postgresql")
RESUMABLE = ("jsonl", "sqlite", "postgresql")
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
              ".pubtator": "pubtator", ".xml": "bioc", ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite"}


def output_format_of(output: str, output_format: str = "auto") -> str:
    """The given format, or one from the output: a postgresql:// or sqlite:// URL, the file
    extension, a folder (brat), '-' (JSONL on stdout); JSONL otherwise."""
    if output_format != "auto":
        if output_format not in FORMATS:
            raise ValueError(f"unknown output format {output_format!r}; choose from auto, {', '.join(FORMATS)}")
        return output_format
    if output.startswith(("postgresql:", "postgresql+")):
        return "postgresql"
    if output.startswith("sqlite:"):
        return "sqlite"
    if output.endswith("/") or Path(output).is_dir():
        return "brat"
    return EXTENSIONS.get(Path(output).suffix.lower(), "jsonl")


def open_writer(output: str, output_format: str = "auto", resume: bool = False, run_id: str | None = None,
                command: str | None = None):
    """A writer for `output`; `run_id` and `command` are recorded by the database sinks."""
    fmt = output_format_of(output, output_format)
    if resume and fmt not in RESUMABLE:
        raise ValueError(f"--resume works with {', '.join(RESUMABLE)} outputs, not {fmt}")
    if output == "-" and fmt != "jsonl":
        raise ValueError(f"{fmt} output needs a file name (-o); only jsonl goes to stdout")
    if fmt in ("sqlite", "postgresql"):
        from ..database import DatabaseSink
        return DatabaseSink(output, run_id=run_id, resume=resume, command=command)
    if fmt == "jsonl":
        from .jsonl import JsonlWriter
        return JsonlWriter(output, resume=resume)
    if fmt in ("csv", "parquet"):
        from .tables import TableWriter
        return TableWriter(output, fmt)
    if fmt == "pubtator":
        from .pubtator import PubtatorWriter
        return PubtatorWriter(output)
    if fmt == "bioc":
        from .bioc import BiocWriter
        return BiocWriter(output)
    from .brat import BratWriter
    return BratWriter(output)
