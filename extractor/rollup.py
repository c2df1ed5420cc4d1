"""Document-level roll-up of relations: one row per (doc_id, gene, variant, drug, type, negated).

    from extractor.rollup import rollup
    rows = rollup(records)          # records in the record format (README)

``rollup_command`` is the ``extractor rollup IN.jsonl -o OUT.csv`` command; mount it on
the CLI with ``app.command("rollup")(rollup_command)``.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import typer

FIELDS = ("doc_id", "gene", "variant", "drug", "type", "negated", "sentences", "max_confidence",
          "speculative_only", "subtypes")


def rollup(records: Iterable[dict]) -> list[dict]:
    """One row per (doc_id, gene, variant, drug, type, negated) over the records' relations.

    ``sentences`` counts the distinct evidence sentences, ``max_confidence`` is the highest
    relation confidence, ``speculative_only`` is true when every supporting sentence is hedged,
    ``subtypes`` lists the tumor subtypes named in those sentences (';'-separated). Rows come in
    the order their first relation appears.
    """
    rows: dict[tuple, dict] = {}
    for record in records:
        for relation in record.get("relations") or []:
            key = (str(record.get("doc_id")), relation.get("gene"), relation.get("variant"), relation.get("drug"),
                   relation.get("type"), bool(relation.get("negated")))
            row = rows.get(key)
            if row is None:
                row = rows[key] = {**dict(zip(FIELDS[:6], key)), "sentences": set(), "max_confidence": 0.0,
                                   "speculative_only": True, "subtypes": set()}
            row["sentences"].add((relation.get("sentence_start"), relation.get("sentence")))
            row["max_confidence"] = max(row["max_confidence"], float(relation.get("confidence") or 0.0))
            row["speculative_only"] = row["speculative_only"] and bool(relation.get("speculative"))
            if relation.get("subtype"):
                row["subtypes"].add(relation["subtype"])
    return [{**row, "sentences": len(row["sentences"]), "max_confidence": round(row["max_confidence"], 3),
             "subtypes": ";".join(sorted(row["subtypes"]))} for row in rows.values()]


def rollup_command(
    input: str = typer.Argument(..., help="Records written by 'extractor extract' (JSONL); '-' reads stdin."),
    output: str = typer.Option("-", "-o", "--output", help="Output CSV file; '-' writes to stdout."),
):
    """Roll relations up to one CSV row per document, gene, variant, drug, type and negation,
    with the number of supporting sentences and the highest confidence."""
    try:
        rows = rollup(_records(input))
    except (OSError, json.JSONDecodeError) as error:
        raise typer.BadParameter(f"{input}: {error}", param_hint="INPUT") from error
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
    try:
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if out is not sys.stdout:
            out.close()
    if output != "-":
        typer.echo(f"wrote {len(rows):,} rows to {output}", err=True)


def _records(path: str):
    lines = sys.stdin if path == "-" else Path(path).open(encoding="utf-8")
    try:
        for line in lines:
            if line.strip():
                yield json.loads(line)
    finally:
        if lines is not sys.stdin:
            lines.close()
