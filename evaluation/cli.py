"""The ``evaluate`` command: score predicted records against gold and report.

Mount it on a typer app with ``app.command()(evaluate)``.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from evaluation.bioc_gold import read_bioc_gold
from evaluation.pubtator import LABEL_MAPS, looks_like_pubtator, read_pubtator
from evaluation.report import FORMATS, table, write_report
from evaluation.scoring import relation_only, score

_FILE = {"exists": True, "dir_okay": False, "readable": True}


def evaluate(
    gold: Annotated[Path, typer.Option(
        "--gold", "-g", **_FILE,
        help="Gold annotations: JSONL records (the project's gold format) or a PubTator "
             "file such as BioRED's Dev.PubTator.")],
    pred: Annotated[Path, typer.Option(
        "--pred", "-p", **_FILE,
        help="Predicted records as written by 'extractor' (JSONL; PubTator is read too).")],
    gold_format: Annotated[str, typer.Option(
        "--gold-format",
        help="Format of GOLD: auto, jsonl, pubtator or bioc. 'auto': PubTator for .pubtator "
             "files and for .txt files whose first line is a PubTator title line, BioC for "
             ".xml and .json files, JSONL otherwise.")] = "auto",
    label_map: Annotated[Optional[str], typer.Option(
        "--label-map",
        help="Rename gold labels to ours before scoring: 'biored' (GeneOrGeneProduct->GENE, "
             "SequenceVariant->VARIANT, ChemicalEntity->DRUG) or a JSON file of "
             "{gold label: our label}. Unmapped gold labels are dropped, and only the "
             "mapped labels are scored on both sides.")] = None,
    json_out: Annotated[bool, typer.Option(
        "--json", help="Print all scores as one JSON object on stdout instead of the table.")] = False,
    report: Annotated[Optional[list[Path]], typer.Option(
        "--report", dir_okay=False,
        help="Write a report with the error listing; format by extension: .md (Markdown) "
             "or .html (self-contained, with PR-curve and per-label F1 plots). Repeatable.")] = None,
    bootstrap: Annotated[int, typer.Option(
        "--bootstrap", min=0,
        help="Document resamples for the 95% confidence intervals of F1 shown in the "
             "table, JSON and reports; 0 turns them off.")] = 1000,
) -> None:
    """Score predictions against gold: entities (strict, overlapping span, identifiers) and
    relations (gene-drug and gene-variant-drug tuples, evidence sentence, negated apart),
    per label, with P / R / F1 and counts."""
    if gold_format not in ("auto", "jsonl", "pubtator", "bioc"):
        raise typer.BadParameter(f"{gold_format!r}: use auto, jsonl, pubtator or bioc",
                                 param_hint="--gold-format")
    reports = report or []
    for path in reports:
        if path.suffix.lower() not in FORMATS:
            raise typer.BadParameter(f"{path}: use a .md or .html file name", param_hint="--report")
    mapping = _label_map(label_map)
    gold_records = _load(gold, gold_format, "GOLD")
    pred_records = _load(pred, "auto", "PRED")
    if not any(r.get("entities") for r in gold_records) and any(r.get("relations") for r in gold_records):
        typer.echo("the gold labels relations only: entities are not scored", err=True)
        pred_records = relation_only(pred_records)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = score(gold_records, pred_records, mapping, bootstrap, details=bool(reports))
        except (KeyError, TypeError, ValueError) as error:
            raise typer.BadParameter(f"records cannot be scored: {error!r}") from error
    for warning in caught:
        typer.echo(f"warning: {warning.message}", err=True)
    for path in reports:
        write_report(path, result)
        typer.echo(f"wrote {path}", err=True)
    result.pop("errors", None)
    result.pop("sweep", None)
    if json_out:
        typer.echo(json.dumps(result, indent=1))
    else:
        Console().print(table(result))


def _label_map(name: str | None) -> dict[str, str] | None:
    if name is None or name in LABEL_MAPS:
        return LABEL_MAPS.get(name)
    path = Path(name)
    if path.suffix == ".json" and path.is_file():
        mapping = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(mapping, dict) and all(isinstance(v, str) for v in mapping.values()):
            return mapping
        raise typer.BadParameter(f"{name}: expected a JSON object of label -> label",
                                 param_hint="--label-map")
    raise typer.BadParameter(f"unknown label map {name!r}: use one of {', '.join(LABEL_MAPS)} "
                             "or a .json file", param_hint="--label-map")


def _load(path: Path, fmt: str, hint: str) -> list[dict]:
    """Read records from JSONL or PubTator; bad input becomes a usage error (exit code 2)."""
    if fmt == "auto":
        pubtator = path.suffix.lower() == ".pubtator" or (
            path.suffix.lower() == ".txt" and looks_like_pubtator(path))
        fmt = "pubtator" if pubtator else "bioc" if path.suffix.lower() in (".xml", ".json") else "jsonl"
    if fmt == "bioc":
        try:
            return list(read_bioc_gold(path))
        except ValueError as error:
            raise typer.BadParameter(f"{path}: {error}", param_hint=hint) from error
    if fmt == "pubtator":
        try:
            return list(read_pubtator(path))
        except ValueError as error:
            raise typer.BadParameter(f"{path}: {error}", param_hint=hint) from error
    records = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise typer.BadParameter(f"{path}, line {number}: not valid JSON ({error.msg})",
                                         param_hint=hint) from error
            if not isinstance(record, dict) or "doc_id" not in record:
                raise typer.BadParameter(f"{path}, line {number}: a record needs a doc_id",
                                         param_hint=hint)
            records.append(record)
    return records
