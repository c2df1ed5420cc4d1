"""brat standoff: a folder with DOC.txt and DOC.ann for each document.

Entities are text-bound annotations (T), their identifiers normalizations
(``N1<TAB>Reference T1 HGNC:3430<TAB>ERBB2``), relations R lines
(``R1<TAB>RESISTANT_TO Arg1:T2 Arg2:T5``) with negated / speculative as notes.
Records with an error are left out (they are reported on stderr)."""
from __future__ import annotations

import re
from pathlib import Path

UNSAFE = re.compile(r"[^\w.-]")


class BratWriter:
    def __init__(self, output: str):
        self.folder = Path(output)
        self.folder.mkdir(parents=True, exist_ok=True)

    def done_ids(self) -> set[str]:
        return set()

    def write(self, record: dict) -> None:
        if "error" in record:
            return
        name = UNSAFE.sub("_", record["doc_id"])
        (self.folder / f"{name}.txt").write_text(record["text"], encoding="utf-8")
        (self.folder / f"{name}.ann").write_text(brat_annotations(record), encoding="utf-8")

    def close(self) -> None:
        pass


def brat_annotations(record: dict) -> str:
    lines, notes = [], 0
    for number, e in enumerate(record["entities"], start=1):
        lines.append(f"{e['id']}\t{e['label']} {e['start']} {e['end']}\t{e['text']}")
        if e["normalized"]:
            lines.append(f"N{number}\tReference {e['id']} {e['normalized']}\t{e['canonical'] or ''}")
    for number, r in enumerate(record["relations"], start=1):
        lines.append(f"R{number}\t{r['type']} Arg1:{r['subject']} Arg2:{r['object']}")
        flags = [flag for flag in ("negated", "speculative") if r.get(flag)]
        if flags:
            notes += 1
            lines.append(f"#{notes}\tAnnotatorNotes R{number}\t{' '.join(flags)}")
    return "\n".join(lines) + "\n" if lines else ""
