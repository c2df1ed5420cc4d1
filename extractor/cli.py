"""The `extractor` command line."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

import typer
from tqdm import tqdm

from evaluation.cli import evaluate

app = typer.Typer(help="Extract genes, variants, drugs, tumor subtypes and drug-response relations "
                       "from biomedical text.", no_args_is_help=True, add_completion=False)
lexicon_app = typer.Typer(help="Build the lexicons in models/lexicons from public vocabularies.",
                          no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")
app.command("evaluate")(evaluate)

PROGRESS_MIN_DOCS = 5


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Files, folders (their .txt files, or .jsonl with "
                                                 "--input-format jsonl), globs, or '-' for stdin."),
    output: str = typer.Option("-", "-o", "--output", help="Output JSONL file; '-' writes to stdout."),
    input_format: str = typer.Option("auto", "--input-format", "-f",
                                     help="auto (by extension: .jsonl is JSONL, anything else plain text), "
                                          "text or jsonl. JSONL lines need a 'text' field; 'doc_id' is optional."),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="Worker processes."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents sent to a worker at a time."),
    model: Optional[str] = typer.Option(None, "--model", help="An installed spaCy/scispaCy pipeline to run "
                                                              "before ours (e.g. en_core_sci_sm)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Pipeline config (default models/config.cfg)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary line."),
):
    """Extract entities and relations; write one JSON record a document."""
    from .pipeline import load
    from .readers import expand_inputs, read_inputs

    try:
        expand_inputs(inputs, input_format)
    except (FileNotFoundError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="INPUTS") from None
    started = time.perf_counter()
    extractor = load(config, model=model)
    counts = {"documents": 0, "errors": 0, "entities": Counter(), "relations": Counter()}
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    try:
        records = extractor.extract_many(read_inputs(inputs, input_format), n_process=n_process,
                                         batch_size=batch_size)
        progress = tqdm(records, unit="doc", file=sys.stderr, disable=quiet, delay=0.5,
                        miniters=PROGRESS_MIN_DOCS)
        for record in progress:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            _count(counts, record)
    finally:
        if out is not sys.stdout:
            out.close()
    if not quiet:
        typer.echo(_summary(counts, time.perf_counter() - started), err=True)


def _count(counts: dict, record: dict) -> None:
    counts["documents"] += 1
    if "error" in record:
        counts["errors"] += 1
        typer.echo(f"error: {record['doc_id']}: {record['error']}", err=True)
    counts["entities"].update(e["label"] for e in record["entities"])
    counts["relations"].update(r["type"] for r in record["relations"])


def _summary(counts: dict, seconds: float) -> str:
    def fmt(counter: Counter) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"

    return (f"{counts['documents']} documents, entities: {fmt(counts['entities'])}; "
            f"relations: {fmt(counts['relations'])}; {counts['errors']} errors; {seconds:.1f} s")


@lexicon_app.command("import-hgnc")
def import_hgnc(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="An HGNC export (TSV)."),
    output: Path = typer.Option(Path("models/lexicons/genes.tsv"), "-o", "--output", help="Term table to write."),
    release: Optional[str] = typer.Option(None, "--release", help="Release or download date to record as source."),
):
    """Build the gene term table from an HGNC export."""
    from .lexicon_import import import_hgnc as run

    _run_import(run, path, output, release)


@lexicon_app.command("import-drugbank")
def import_drugbank(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="DrugBank open vocabulary (CSV)."),
    output: Path = typer.Option(Path("models/lexicons/drugs.tsv"), "-o", "--output", help="Term table to write."),
    release: Optional[str] = typer.Option(None, "--release", help="Release or download date to record as source."),
):
    """Build the drug term table from the DrugBank open vocabulary."""
    from .lexicon_import import import_drugbank as run

    _run_import(run, path, output, release)


def _run_import(run, path: Path, output: Path, release: str | None) -> None:
    try:
        rows = run(path, output, release)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="PATH") from None
    typer.echo(f"wrote {rows:,} terms to {output}", err=True)


if __name__ == "__main__":
    app()
