"""The `extractor` command line."""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Optional

import typer
from tqdm import tqdm

from evaluation.biored import biored_command
from extractor.rollup import rollup_command
from extractor.training.train import train
from evaluation.cli import evaluate
from evaluation.throughput import memory, throughput

app = typer.Typer(help="Extract genes, variants, drugs, tumor subtypes and drug-response relations "
                       "from biomedical text.", no_args_is_help=True, add_completion=False)
lexicon_app = typer.Typer(help="Build the lexicons in models/lexicons from public vocabularies.",
                          no_args_is_help=True)
benchmark_app = typer.Typer(help="Measure speed and memory.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")
app.add_typer(benchmark_app, name="benchmark")
benchmark_app.command("throughput")(throughput)
benchmark_app.command("memory")(memory)
benchmark_app.command("biored")(biored_command)
app.command("evaluate")(evaluate)
app.command("rollup")(rollup_command)
app.command("train")(train)

PROGRESS_MIN_DOCS = 5


def _pipeline_config(config: Optional[Path], fast: bool, accurate: bool) -> Optional[Path]:
    """The config --config, --fast or --accurate names (at most one of them), else None: the default."""
    from .pipeline import DEFAULT_CONFIG, FAST_CONFIG

    given = [flag for flag, on in (("--config", config is not None), ("--fast", fast), ("--accurate", accurate)) if on]
    if len(given) > 1:
        raise typer.BadParameter(f"give one of {', '.join(given)}", param_hint=given[0])
    return Path(FAST_CONFIG) if fast else Path(DEFAULT_CONFIG) if accurate else config


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Files, folders (their .txt files, or the files of --input-format), "
                                                 "globs, or '-' for stdin (text or jsonl)."),
    output: str = typer.Option("-", "-o", "--output",
                               help="Where records go: a file (format by extension: .jsonl, .csv, .parquet, "
                                    ".pubtator, .xml for BioC, .sqlite/.db), a folder (brat), a postgresql:// URL, "
                                    "or '-' for JSONL on stdout."),
    output_format: str = typer.Option("auto", "--output-format", "-F",
                                      help="auto, jsonl, csv, parquet, pubtator, bioc, brat, sqlite or postgresql. "
                                           "csv/parquet write documents, entities and relations tables."),
    input_format: str = typer.Option("auto", "--input-format", "-f",
                                     help="auto (by extension: .txt text, .jsonl JSONL, .xml/.xml.gz PubMed or BioC "
                                          "by root element, .json BioC JSON, .pubtator, .html), text, jsonl, pubmed, "
                                          "bioc, pubtator or html. JSONL lines need 'text'; 'doc_id' is optional."),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1,
                                  help="Worker processes (with --backend dask and no --scheduler: local workers)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents sent to a worker at a time."),
    resume: bool = typer.Option(False, "--resume",
                                help="Skip documents already in the output (jsonl, sqlite, postgresql) and append; "
                                     "a cut-off last JSONL line from a killed run is dropped."),
    run_id: Optional[str] = typer.Option(None, "--run-id",
                                         help="Run id for database outputs (default: a new one; with --resume the "
                                              "latest run)."),
    backend: str = typer.Option("local", "--backend", help="local (this machine) or dask (dask.distributed)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="dask scheduler address (tcp://host:8786); default: a local cluster."),
    partitions: Optional[int] = typer.Option(None, "--partitions", min=1,
                                             help="dask: split the input files into this many parts (default: one "
                                                  "part a file)."),
    model: Optional[str] = typer.Option(None, "--model", help="An installed spaCy/scispaCy pipeline to run "
                                                              "before ours (e.g. en_core_sci_sm)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Pipeline config, a path or a name under "
                                                                "models/ (default config_ner.cfg: rules, lexicons and "
                                                                "the trained NER)."),
    fast: bool = typer.Option(False, "--fast", help="Rules and lexicons only (models/config.cfg): about twice the "
                                                    "speed, lower GENE/DRUG recall on PubMed abstracts."),
    accurate: bool = typer.Option(False, "--accurate", help="The default pipeline with the trained NER "
                                                            "(models/config_ner.cfg); kept for older scripts."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary line."),
):
    """Extract entities and relations; write one record a document."""
    config = _pipeline_config(config, fast, accurate)
    from .batch import Tally, run_batch
    from .readers import expand_inputs, read_inputs
    from .writers import open_writer, output_format_of

    if backend not in ("local", "dask"):
        raise typer.BadParameter(f"{backend!r}: use local or dask", param_hint="--backend")
    try:
        files = expand_inputs(inputs, input_format)
    except (FileNotFoundError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="INPUTS") from None
    try:
        fmt = output_format_of(output, output_format)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--output-format") from None
    started = time.perf_counter()
    command = " ".join(["extractor", *sys.argv[1:]])
    if backend == "dask":
        from .distributed import Job

        job = Job(output=output, output_format=fmt, input_format=input_format, resume=resume, run_id=run_id,
                  config=str(config) if config else None, model=model, batch_size=batch_size, command=command)
        tally = _extract_dask(files, job, scheduler, partitions, n_process, quiet)
    else:
        from .pipeline import load

        try:
            writer = open_writer(output, fmt, resume=resume, run_id=run_id, command=command)
        except (ValueError, OSError) as exc:
            raise typer.BadParameter(str(exc), param_hint="--output") from None
        extractor = load(config, model=model)
        tally = Tally()
        progress = tqdm(unit="doc", file=sys.stderr, disable=quiet, delay=0.5, miniters=PROGRESS_MIN_DOCS)

        def report(record: dict) -> None:
            progress.update()
            if "error" in record:
                typer.echo(f"error: {record['doc_id']}: {record['error']}", err=True)

        interrupted = False
        try:
            run_batch(extractor, read_inputs(files, input_format), writer, n_process=n_process,
                      batch_size=batch_size, on_record=report, tally=tally)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            writer.close()
            progress.close()
        if interrupted:
            typer.echo(f"interrupted after {tally.documents} documents; the output holds whole records: "
                       "run the same command with --resume to go on", err=True)
            raise typer.Exit(130)
    if not quiet:
        typer.echo(tally.summary(time.perf_counter() - started), err=True)


def _extract_dask(files: list, job, scheduler: str | None, partitions: int | None, n_process: int, quiet: bool):
    """Run the partitions on a dask cluster; the merged counts."""
    from .distributed import run_dask

    if "-" in files:
        raise typer.BadParameter("the dask backend reads files, not stdin", param_hint="INPUTS")
    if job.output == "-":
        raise typer.BadParameter("the dask backend writes parts of an output file: give -o", param_hint="--output")
    try:
        tally, parts = run_dask(files, job, scheduler=scheduler, n_partitions=partitions, n_workers=n_process)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    for error in tally.errors:
        typer.echo(f"error: {error}", err=True)
    if not quiet:
        shown = ", ".join(parts[:3]) + (f" ... ({len(parts)} parts)" if len(parts) > 3 else "")
        typer.echo(f"wrote {shown}", err=True)
    return tally


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
