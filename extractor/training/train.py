"""The ``extractor train`` command: BioRED -> DocBin -> trained NER component (models/ner).

Mount it with ``app.command("train")(train)`` on the CLI's typer app.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

DEFAULT_CONFIG = "ner.cfg"


def blank_nlp():
    """A blank English pipeline with our tokenizer (the one the pipeline runs)."""
    import spacy

    from .. import tokenizer  # noqa: F401  registers extractor.tokenizer.v1

    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.tokenizer.v1"}}})


def convert_corpora(biored: Path, work: Path, civicmine: Path | None = None,
                    alignment_mode: str = "expand") -> dict:
    """Write train.spacy (BioRED Train [+ CIViCmine]) and dev.spacy (BioRED Dev) to ``work``."""
    from .convert import ConversionStats, civicmine_docs, pubtator_docs, write_docbin

    nlp = blank_nlp()
    report = {}
    train_stats, dev_stats = ConversionStats(), ConversionStats()
    docs = list(pubtator_docs(nlp, biored / "Train.PubTator", train_stats, alignment_mode=alignment_mode))
    if civicmine is not None:
        civic_stats = ConversionStats()
        docs += list(civicmine_docs(nlp, civicmine, civic_stats, alignment_mode=alignment_mode))
        report["civicmine"] = civic_stats
    write_docbin(docs, work / "train.spacy")
    write_docbin(pubtator_docs(nlp, biored / "Dev.PubTator", dev_stats, alignment_mode=alignment_mode),
                 work / "dev.spacy")
    report["train"], report["dev"] = train_stats, dev_stats
    return report


def train(
    biored: Annotated[Path, typer.Option(
        "--biored", exists=True, file_okay=False,
        help="Folder with BioRED's Train.PubTator (training) and Dev.PubTator (early stopping). "
             "The corpus is read where it is; nothing of it is copied into the model.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the trained pipeline (the best Dev checkpoint).")]
        = Path("models/ner"),
    civicmine: Annotated[Optional[Path], typer.Option(
        "--civicmine", exists=True, file_okay=False,
        help="Also train on CIViCmine sentences (brat .txt/.a1 folder; gene and drug mentions).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (weights, batch order, dropout).")] = 0,
    max_steps: Annotated[Optional[int], typer.Option(
        "--max-steps", min=1, help="Stop after this many updates (default: the config's, 6000).")] = None,
    patience: Annotated[Optional[int], typer.Option(
        "--patience", min=1, help="Stop when Dev F1 has not improved for this many updates "
                                  "(default: the config's, 2000).")] = None,
    config: Annotated[Path, typer.Option(
        "--config", "-c", help="Training config; relative paths are read from models/.")]
        = Path(DEFAULT_CONFIG),
    alignment_mode: Annotated[str, typer.Option(
        "--alignment-mode", help="How mentions that cut a token are snapped to tokens: expand "
                                 "(take the whole token) or contract (drop the partial token).")]
        = "expand",
    overrides: Annotated[Optional[list[str]], typer.Option(
        "--set", help="Config override KEY=VALUE (VALUE in config syntax), e.g. "
                      "components.ner.model.tok2vec.encode.depth=3. Repeatable.")] = None,
    work_dir: Annotated[Optional[Path], typer.Option(
        "--work-dir", help="Keep the converted corpora and checkpoints here (default: a temporary "
                           "folder, removed afterwards).")] = None,
):
    """Train the NER component (GENE, DRUG, VARIANT) on BioRED Train with our tokenizer,
    stopping early on BioRED Dev, and save it under OUTPUT (default models/ner), which
    models/config_ner.cfg loads."""
    from spacy.cli.train import train as spacy_train
    from spacy.util import load_config

    from .. import ner  # noqa: F401  registers the component and the embedding
    from ..resources import models_path

    if alignment_mode not in ("expand", "contract"):
        raise typer.BadParameter("use expand or contract", param_hint="--alignment-mode")
    for split in ("Train.PubTator", "Dev.PubTator"):
        if not (biored / split).is_file():
            raise typer.BadParameter(f"{biored / split} not found", param_hint="--biored")
    config_path = config if config.is_file() else models_path(config)
    settings = {"paths.train": "", "paths.dev": "", "system.seed": seed}
    if max_steps is not None:
        settings["training.max_steps"] = max_steps
    if patience is not None:
        settings["training.patience"] = patience
    for item in overrides or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r}: use KEY=VALUE", param_hint="--set")
        settings[key.strip()] = json.loads(value) if value.strip()[:1] in '[{"0123456789-tfn' else value
    load_config(config_path, overrides=settings)  # fail early on a bad override

    started = time.perf_counter()
    temporary = work_dir is None
    work = Path(tempfile.mkdtemp(prefix="extractor-train-")) if temporary else work_dir
    work.mkdir(parents=True, exist_ok=True)
    try:
        stats = convert_corpora(biored, work, civicmine, alignment_mode)
        for name, stat in stats.items():
            typer.echo(f"{name}: {stat.summary()}", err=True)
        settings["paths.train"], settings["paths.dev"] = str(work / "train.spacy"), str(work / "dev.spacy")
        spacy_train(config_path, work / "out", use_gpu=-1, overrides=settings)
        best = work / "out" / "model-best"
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(best, output)
        _strip_strings(output)
        meta = json.loads((output / "meta.json").read_text(encoding="utf-8"))
        provenance = {
            "command": _command(),
            "config": str(config), "overrides": {k: v for k, v in settings.items() if not k.startswith("paths.")},
            "seed": seed, "train": f"{biored}/Train.PubTator" + (f" + {civicmine}" if civicmine else ""),
            "early_stopping": f"{biored}/Dev.PubTator", "alignment_mode": alignment_mode,
            "conversion": {name: {"summary": s.summary(), "kept": dict(s.mentions),
                                  "snapped": dict(s.adjusted), "unalignable": dict(s.lost_alignment),
                                  "overlapping": dict(s.lost_overlap)} for name, s in stats.items()},
            "dev_scores": meta.get("performance", {}), "git_commit": _git_commit(),
            "seconds": round(time.perf_counter() - started),
        }
        (output / "training.json").write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")
        size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file())
        typer.echo(f"wrote {output} ({size / 1e6:.1f} MB); Dev ents_f "
                   f"{meta.get('performance', {}).get('ents_f', 0):.3f}", err=True)
    finally:
        if temporary:
            shutil.rmtree(work, ignore_errors=True)


def _command() -> str:
    """The command line that ran this training, in a form a user can type again."""
    args = sys.argv[1:]
    if args[:1] == ["train"]:
        return " ".join(["extractor", "train", *args[1:]])
    if sys.argv[0].endswith(("train.py", "extractor.training.train")):
        return " ".join(["python -m extractor.training.train", *args])
    return " ".join(sys.argv)


def _strip_strings(model: Path) -> None:
    """Keep only the label strings in the saved vocabulary.

    spaCy saves every string it saw, i.e. the vocabulary of the training texts; the
    model needs none of them (its features are hashes), so the corpus's words are not
    shipped with the weights.
    """
    labels = set()
    for cfg in model.glob("*/cfg"):
        settings = json.loads(cfg.read_text(encoding="utf-8"))
        labels.update(settings.get("labels", []), settings.get("entity_labels", []))
    strings = model / "vocab" / "strings.json"
    if strings.exists():
        strings.write_text(json.dumps(sorted(labels)), encoding="utf-8")


def _git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True, cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    app = typer.Typer(add_completion=False)
    app.command()(train)
    app()
