"""Locate and read the data files under `models/` (lexicons, patterns, cue lists)."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

DRUG_TABLES = ("lexicons/drugs.tsv", "lexicons/drugs_curated.tsv")  # the drug and class lexicons
MODELS_DIR = Path(os.environ.get("EXTRACTOR_MODELS", Path(__file__).resolve().parent.parent / "models"))


def models_path(path: str | Path) -> Path:
    """Resolve `path` against the models directory unless it is absolute."""
    path = Path(path)
    return path if path.is_absolute() else MODELS_DIR / path


def read_word_list(path: str | Path) -> list[str]:
    """One entry a line; blank lines and lines starting with '#' are skipped."""
    lines = models_path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def read_json(path: str | Path) -> dict:
    """Parse a JSON data file (cached: data files are read once a process)."""
    return json.loads(models_path(path).read_text(encoding="utf-8"))
