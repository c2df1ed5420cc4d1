"""PubTator output: title and abstract lines, one mention line per entity and one relation
line per relation (``doc_id<TAB>type<TAB>subject id<TAB>object id``, by identifier).

The text's first line becomes the title and the rest the abstract; tabs and line breaks
become spaces, so every offset stays valid in ``title + " " + abstract``. Records with an
error are left out (they are reported on stderr)."""
from __future__ import annotations

from pathlib import Path

SPACES = str.maketrans({"\t": " ", "\r": " ", "\n": " "})


class PubtatorWriter:
    def __init__(self, output: str):
        self.out = open(Path(output), "w", encoding="utf-8")

    def done_ids(self) -> set[str]:
        return set()

    def write(self, record: dict) -> None:
        if "error" in record:
            return
        self.out.write(pubtator_lines(record))
        self.out.flush()

    def close(self) -> None:
        self.out.close()


def pubtator_lines(record: dict) -> str:
    doc_id = record["doc_id"].translate(SPACES).replace("|", "_")
    title, _, abstract = record["text"].partition("\n")
    lines = [f"{doc_id}|t|{title.translate(SPACES)}", f"{doc_id}|a|{abstract.translate(SPACES)}"]
    by_id = {}
    for e in record["entities"]:
        by_id[e["id"]] = e["normalized"] or e["id"]
        lines.append("\t".join([doc_id, str(e["start"]), str(e["end"]), e["text"].translate(SPACES), e["label"],
                                e["normalized"] or "-"]))
    for r in record["relations"]:
        lines.append("\t".join([doc_id, r["type"], by_id[r["subject"]], by_id[r["object"]]]))
    return "\n".join(lines) + "\n\n"
