"""Records as table rows (documents, entities, relations) and back: the shape shared by the
CSV / Parquet writers and the database sink. Columns are the record fields; relations get
an `id` (R1, R2 ... in record order) so each row has a key; an entity's `members` list (a
mention that names several genes, 'BRCA1/2') is one JSON text column."""
from __future__ import annotations

import json

# table -> (column, type); type is one of str, int, float, bool
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (("doc_id", "str"), ("source", "str"), ("text", "str"), ("error", "str")),
    "entities": (("doc_id", "str"), ("id", "str"), ("start", "int"), ("end", "int"), ("text", "str"),
                 ("label", "str"), ("normalized", "str"), ("canonical", "str"), ("confidence", "float"),
                 ("variant_type", "str"),
                 ("gene", "str"), ("members", "str")),
    "relations": (("doc_id", "str"), ("id", "str"), ("type", "str"), ("subject", "str"), ("object", "str"),
                  ("gene", "str"), ("variant", "str"), ("alteration", "str"), ("drug", "str"), ("subtype", "str"),
                  ("negated", "bool"), ("speculative", "bool"), ("sentence", "str"), ("confidence", "float"),
                  ("sentence_start", "int"), ("sentence_end", "int"), ("cue", "str")),
}
VARIANT_ONLY = ("variant_type", "gene")


def record_rows(record: dict) -> dict[str, list[dict]]:
    """One documents row, and one row per entity and per relation, each with every column."""
    doc_id = record["doc_id"]
    relations = [{**r, "id": f"R{i}"} for i, r in enumerate(record["relations"], start=1)]
    return {
        "documents": [_row("documents", record)],
        "entities": [_row("entities", {**e, "doc_id": doc_id, "members": _members_text(e)})
                     for e in record["entities"]],
        "relations": [_row("relations", {**r, "doc_id": doc_id}) for r in relations],
    }


def rows_record(document: dict, entities: list[dict], relations: list[dict]) -> dict:
    """The record of a documents row and its entity and relation rows (the inverse of `record_rows`)."""
    record = {key: document[key] for key in ("doc_id", "source", "text")}
    record["entities"] = [_with_members(_strip(e, skip=() if e["label"] == "VARIANT" else VARIANT_ONLY))
                          for e in entities]
    record["relations"] = [_strip(r, skip=("id",)) for r in relations]
    if document.get("error") is not None:
        record["error"] = document["error"]
    return record


def _row(table: str, values: dict) -> dict:
    return {name: values.get(name) for name, _ in COLUMNS[table]}


def _strip(row: dict, skip: tuple[str, ...]) -> dict:
    return {k: v for k, v in row.items() if k not in skip and k not in ("doc_id", "run_id")}


def _members_text(entity: dict) -> str | None:
    return json.dumps(entity["members"]) if entity.get("members") else None


def _with_members(entity: dict) -> dict:
    """The entity with its `members` list read back, or without the field when it names one thing."""
    members = entity.pop("members", None)
    if members is not None:
        entity["members"] = json.loads(members)
    return entity
