"""CSV and Parquet tables (documents, entities, relations) written with pyarrow.

`-o results.csv` writes results.documents.csv, results.entities.csv and
results.relations.csv; an output without that extension is a folder that gets
documents.csv, entities.csv and relations.csv (or .parquet). Rows are written in
row groups of `GROUP_RECORDS` documents, so memory stays flat.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet

from .rows import COLUMNS, record_rows

GROUP_RECORDS = 1000
TYPES = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
SCHEMAS = {table: pa.schema([(name, TYPES[kind]) for name, kind in columns]) for table, columns in COLUMNS.items()}


def table_paths(output: str, extension: str) -> dict[str, Path]:
    """Where each table goes: beside `output` (when it ends in `extension`) or inside it."""
    path = Path(output)
    if path.name.lower().endswith(extension):
        stem = path.name[: -len(extension)]
        return {table: path.with_name(f"{stem}.{table}{extension}") for table in COLUMNS}
    path.mkdir(parents=True, exist_ok=True)
    return {table: path / f"{table}{extension}" for table in COLUMNS}


class TableWriter:
    def __init__(self, output: str, fmt: str):
        extension = f".{fmt}"
        open_table = pyarrow.parquet.ParquetWriter if fmt == "parquet" else pyarrow.csv.CSVWriter
        self.writers = {table: open_table(str(path), SCHEMAS[table])
                        for table, path in table_paths(output, extension).items()}
        self.rows: dict[str, list[dict]] = {table: [] for table in COLUMNS}
        self.pending = 0

    def done_ids(self) -> set[str]:
        return set()

    def write(self, record: dict) -> None:
        for table, rows in record_rows(record).items():
            self.rows[table].extend(rows)
        self.pending += 1
        if self.pending >= GROUP_RECORDS:
            self._flush()

    def close(self) -> None:
        self._flush()
        for writer in self.writers.values():
            writer.close()

    def _flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                self.writers[table].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
            rows.clear()
        self.pending = 0
