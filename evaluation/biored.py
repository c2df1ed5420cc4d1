"""Benchmark entity extraction on a BioRED PubTator file (strict mention level).

    python -m evaluation.biored /path/to/Dev.PubTator [--errors GENE]

BioRED's GeneOrGeneProduct, SequenceVariant and ChemicalEntity are scored against our
GENE, VARIANT and DRUG. BioRED annotates sequence variants only (no gene-level
"mutations", amplification, exon events or fusions), so only our protein, DNA and rsID
variants are scored; drug classes and tumor subtypes have no BioRED counterpart.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Optional

import typer

from evaluation.pubtator import BIORED_LABELS, read_pubtator
from evaluation.scoring import score

SEQUENCE_VARIANT_TYPES = {"protein", "dna", "rsid"}


def biored_view(record: dict) -> dict:
    """A prediction restricted to what BioRED annotates."""
    entities = [e for e in record["entities"]
                if e["label"] != "VARIANT" or e.get("variant_type") in SEQUENCE_VARIANT_TYPES]
    return {**record, "entities": entities, "relations": []}


def run(path: str | Path, extractor=None) -> dict:
    """Extract every document of the file; return scores, predictions, seconds and docs/s."""
    from extractor import load
    from extractor.pipeline import InputDoc

    gold = list(read_pubtator(path))
    extractor = extractor or load()
    started = time.perf_counter()
    predictions = [biored_view(r) for r in extractor.extract_many(InputDoc(g["doc_id"], g["text"]) for g in gold)]
    seconds = time.perf_counter() - started
    result = score(gold, predictions, label_map=BIORED_LABELS, details=True)
    return {"scores": result, "predictions": predictions, "seconds": seconds, "docs_per_second": len(gold) / seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="a BioRED PubTator file (Train.PubTator or Dev.PubTator)")
    parser.add_argument("--errors", metavar="LABEL", help="list the false positives and negatives of LABEL")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()
    _print(run(args.path), args.errors, args.json)


def _print(outcome: dict, errors: str | None, json_out: bool) -> None:
    scores = outcome["scores"]
    if json_out:
        print(json.dumps({k: v for k, v in scores.items() if k not in ("errors", "sweep")}, indent=1))
    else:
        for label in ("GENE", "VARIANT", "DRUG", "micro"):
            s = scores["strict"].get(label, {})
            print(f"{label:8} P {s.get('p', 0):.3f} R {s.get('r', 0):.3f} F1 {s.get('f1', 0):.3f} "
                  f"TP {s.get('tp', 0)} FP {s.get('fp', 0)} FN {s.get('fn', 0)}")
        print(f"{scores['documents']['gold']} documents in {outcome['seconds']:.1f} s "
              f"({outcome['docs_per_second']:.0f} documents/s, one process, after loading)")
    if errors:
        for error in scores["errors"]:
            if error.get("label") == errors and error["kind"] in ("FP", "FN"):
                print(f"{error['kind']}\t{error['error']}\t{error['text']!r}\t{(error.get('other') or {}).get('text', '')}"
                      f"\t{error['doc_id']}")


def biored_command(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A BioRED PubTator file (Dev.PubTator)."),
    errors: Optional[str] = typer.Option(None, "--errors", help="List the false positives and negatives of this label."),
    json_out: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    fast: bool = typer.Option(False, "--fast", help="The rules-only pipeline (models/config.cfg)."),
    config: Optional[str] = typer.Option(None, "--config", help="A pipeline config under models/ (default: the "
                                                                "default pipeline)."),
):
    """Entity P/R/F1 (strict mention level) on a BioRED file, with seconds and documents/s."""
    from extractor import load
    from extractor.pipeline import FAST_CONFIG

    if fast and config:
        raise typer.BadParameter("give --fast or --config, not both", param_hint="--fast")
    outcome = run(path, load(FAST_CONFIG if fast else config))
    _print(outcome, errors, json_out)


if __name__ == "__main__":
    main()
