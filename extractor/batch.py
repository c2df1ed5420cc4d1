"""A batch run: documents -> records -> a writer, skipping what the output already holds,
with counts for the summary line. Shared by the local and the dask backends."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .pipeline import Extractor, InputDoc

KEPT_ERRORS = 1000  # error messages kept for the summary; all are counted


@dataclass
class Tally:
    documents: int = 0
    skipped: int = 0
    error_count: int = 0
    errors: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)

    def add(self, record: dict) -> None:
        self.documents += 1
        if "error" in record:
            self.error_count += 1
            if len(self.errors) < KEPT_ERRORS:
                self.errors.append(f"{record['doc_id']}: {record['error']}")
        self.entities.update(e["label"] for e in record["entities"])
        self.relations.update(r["type"] for r in record["relations"])

    def merge(self, other: Tally) -> None:
        self.documents += other.documents
        self.skipped += other.skipped
        self.error_count += other.error_count
        self.errors.extend(other.errors[: max(0, KEPT_ERRORS - len(self.errors))])
        self.entities.update(other.entities)
        self.relations.update(other.relations)

    def summary(self, seconds: float) -> str:
        def fmt(counter: Counter) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"

        skipped = f" ({self.skipped} already in the output, skipped)" if self.skipped else ""
        return (f"{self.documents} documents{skipped}, entities: {fmt(self.entities)}; "
                f"relations: {fmt(self.relations)}; {self.error_count} errors; {seconds:.1f} s")


def run_batch(extractor: Extractor, docs: Iterable[InputDoc], writer, n_process: int = 1, batch_size: int = 32,
              on_record: Callable[[dict], None] | None = None, tally: Tally | None = None) -> Tally:
    """Extract `docs` not yet in the writer's output and write their records, in input order."""
    tally = tally if tally is not None else Tally()
    done = writer.done_ids()

    def todo(doc: InputDoc) -> bool:
        if doc.doc_id in done:
            tally.skipped += 1
            return False
        return True

    for record in extractor.extract_many(filter(todo, docs), n_process=n_process, batch_size=batch_size):
        writer.write(record)
        tally.add(record)
        if on_record is not None:
            on_record(record)
    return tally
