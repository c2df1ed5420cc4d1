"""JSON Lines output, one record a line, flushed per record so a killed run leaves whole lines
(and at worst one cut-off last line, which `--resume` drops)."""
from __future__ import annotations

import json
import sys
from pathlib import Path


class JsonlWriter:
    def __init__(self, output: str, resume: bool = False):
        self.path = None if output == "-" else Path(output)
        self.done: set[str] = set()
        if self.path is None:
            self.out = sys.stdout
            return
        if resume and self.path.exists():
            self.done = _repair(self.path)
        self.out = open(self.path, "a" if resume else "w", encoding="utf-8")

    def done_ids(self) -> set[str]:
        return self.done

    def write(self, record: dict) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.out.flush()

    def close(self) -> None:
        if self.out is not sys.stdout:
            self.out.close()


def _repair(path: Path) -> set[str]:
    """doc_ids of the whole records in `path`; the file is cut after the last whole line."""
    done, good_end = set(), 0
    with open(path, "rb+") as stream:
        for line in stream:
            try:
                doc_id = json.loads(line)["doc_id"] if line.endswith(b"\n") else None
            except (ValueError, KeyError, TypeError):
                doc_id = None
            if doc_id is None:
                break
            done.add(doc_id)
            good_end += len(line)
        else:
            return done
        stream.truncate(good_end)
    return done
