"""Database sink: records into SQL tables through SQLAlchemy 2 (SQLite embedded, PostgreSQL
for shared use).

Tables (columns are the record fields; see README "Database schema"):

- runs (run_id, started_at, finished_at, command)
- documents (run_id, doc_id, source, text, error), key (run_id, doc_id)
- entities (run_id, doc_id, id, start, end, text, label, normalized, canonical, confidence, variant_type,
  gene, members)
- relations (run_id, doc_id, id, type, subject, object, gene, variant, alteration, drug, subtype, negated,
  speculative, sentence, confidence, sentence_start, sentence_end, cue)

Writing a document replaces its rows for the run (delete + insert in one transaction), so
rerunning a document, or a whole run, is idempotent. Records are committed in batches of
`COMMIT_RECORDS`: a killed run loses at most the open batch, and `--resume` skips the rest.
"""
from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import datetime, timezone

from sqlalchemy import (Boolean, Column, DateTime, Float, ForeignKeyConstraint, Index, Integer, MetaData, String,
                        Table, Text, create_engine, delete, func, inspect, select, text, update)
from sqlalchemy.engine import Engine, make_url

from .writers.rows import COLUMNS, record_rows, rows_record

COMMIT_RECORDS = 200
TYPES = {"str": Text, "int": Integer, "float": Float, "bool": Boolean}
KEYS = {"documents": ("doc_id",), "entities": ("doc_id", "id"), "relations": ("doc_id", "id")}

metadata = MetaData()
runs = Table("runs", metadata,
             Column("run_id", String(64), primary_key=True),
             Column("started_at", DateTime(timezone=True), nullable=False),
             Column("finished_at", DateTime(timezone=True)),
             Column("command", Text))


def _table(name: str) -> Table:
    columns = [Column("run_id", String(64), primary_key=True)]
    for column, kind in COLUMNS[name]:
        key = column in KEYS[name]
        columns.append(Column(column, TYPES[kind](), primary_key=key))
    parent = (["run_id"], ["runs.run_id"]) if name == "documents" else \
        (["run_id", "doc_id"], ["documents.run_id", "documents.doc_id"])
    return Table(name, metadata, *columns, ForeignKeyConstraint(*parent, ondelete="CASCADE"))


documents, entities, relations = _table("documents"), _table("entities"), _table("relations")
TABLES = {"documents": documents, "entities": entities, "relations": relations}
Index("ix_entities_gene", entities.c.run_id, entities.c.label, entities.c.canonical)
Index("ix_entities_normalized", entities.c.normalized)
Index("ix_entities_variant_gene", entities.c.gene, entities.c.canonical)
Index("ix_relations_gene_variant", relations.c.gene, relations.c.variant)
Index("ix_relations_drug", relations.c.drug, relations.c.type)


def is_database(output: str) -> bool:
    return output.startswith(("postgresql:", "postgresql+", "sqlite:")) or \
        output.lower().endswith((".sqlite", ".sqlite3", ".db"))


def engine_for(output: str) -> Engine:
    """An engine for a database URL (plain postgresql:// uses psycopg2), or for a SQLite file path."""
    url = make_url(output if "://" in output else f"sqlite:///{output}")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg2")
    return create_engine(url)


class DatabaseSink:
    """Writes records of one run; `done_ids()` are the documents the run already holds."""

    def __init__(self, output: str, run_id: str | None = None, resume: bool = False, command: str | None = None):
        self.engine = engine_for(output)
        metadata.create_all(self.engine)
        _add_new_columns(self.engine)
        with self.engine.begin() as conn:
            if run_id is None and resume:
                run_id = conn.scalar(select(runs.c.run_id).order_by(runs.c.started_at.desc()).limit(1))
                if run_id is None:
                    raise ValueError(f"--resume: {output} holds no run to resume")
            self.run_id = run_id or new_run_id()
            if conn.scalar(select(func.count()).select_from(runs).where(runs.c.run_id == self.run_id)) == 0:
                conn.execute(runs.insert().values(run_id=self.run_id, started_at=_now(), command=command))
            self.done = set(conn.scalars(select(documents.c.doc_id).where(documents.c.run_id == self.run_id))) \
                if resume else set()
        self.pending: list[dict] = []

    def done_ids(self) -> set[str]:
        return self.done

    def write(self, record: dict) -> None:
        self.pending.append(record)
        if len(self.pending) >= COMMIT_RECORDS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        doc_ids = list({r["doc_id"] for r in self.pending})
        rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        for record in self.pending:
            for name, table_rows in record_rows(record).items():
                rows[name].extend({**row, "run_id": self.run_id} for row in table_rows)
        with self.engine.begin() as conn:
            for name in ("relations", "entities", "documents"):
                table = TABLES[name]
                conn.execute(delete(table).where(table.c.run_id == self.run_id, table.c.doc_id.in_(doc_ids)))
            for name in ("documents", "entities", "relations"):
                if rows[name]:
                    conn.execute(TABLES[name].insert(), rows[name])
        self.pending.clear()

    def close(self) -> None:
        self.flush()
        with self.engine.begin() as conn:
            conn.execute(update(runs).where(runs.c.run_id == self.run_id).values(finished_at=_now()))
        self.engine.dispose()


def read_records(output: str, run_id: str) -> Iterator[dict]:
    """The records of a run, by doc_id, rebuilt from the tables."""
    engine = engine_for(output)
    with engine.connect() as conn:
        def grouped(table: Table) -> dict[str, list[dict]]:
            found: dict[str, list[dict]] = {}
            query = select(table).where(table.c.run_id == run_id)
            for row in conn.execute(query).mappings():
                found.setdefault(row["doc_id"], []).append(dict(row))
            return found

        by_doc_entities, by_doc_relations = grouped(entities), grouped(relations)
        order = lambda row: int(row["id"][1:])  # noqa: E731  T2 before T10
        for document in conn.execute(select(documents).where(documents.c.run_id == run_id)
                                     .order_by(documents.c.doc_id)).mappings():
            doc_id = document["doc_id"]
            yield rows_record(dict(document), sorted(by_doc_entities.get(doc_id, []), key=order),
                              sorted(by_doc_relations.get(doc_id, []), key=order))
    engine.dispose()


def _add_new_columns(engine: Engine) -> None:
    """The record format only grows: add the columns that tables made by an older version lack."""
    inspector = inspect(engine)
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
        for table in TABLES.values():
            present = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in present:
                    kind = column.type.compile(engine.dialect)
                    conn.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}"))


def new_run_id() -> str:
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _now() -> datetime:
    return datetime.now(timezone.utc)
