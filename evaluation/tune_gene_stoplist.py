"""Derive the gene stop list from annotation statistics of a training corpus.

    python -m evaluation.tune_gene_stoplist /path/to/Train.PubTator [-o models/lexicons/gene_stoplist.tsv]

Runs the pipeline over the corpus and, for every exact text our lexicon tags as GENE,
counts how often it was tagged and how often the corpus annotates that very span as a
gene. Texts tagged at least MIN_SEEN times and right less than MAX_PRECISION of the time
("CI" for confidence interval, "PC" for prostate cancer) go on the stop list, which
the lexicon reads so that those strings are never genes. Tune on Train, report on Dev.
Rows whose source starts with "curated" (abbreviations of abstracts that are rarely the
gene: "EMT", "TTP") are kept when the file is written again.
"""
from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from evaluation.biored import run

MIN_SEEN = 3
MAX_PRECISION = 0.2
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "models" / "lexicons" / "gene_stoplist.tsv"


def stoplist(path: str | Path) -> list[tuple[str, int, int]]:
    """(text, times tagged, times right) for texts tagged often and rarely right."""
    from evaluation.pubtator import read_pubtator

    gold = {r["doc_id"]: {(e["start"], e["end"]) for e in r["entities"] if e["label"] == "GeneOrGeneProduct"}
            for r in read_pubtator(path)}
    seen, right = Counter(), Counter()
    for record in run(path)["predictions"]:
        for entity in record["entities"]:
            if entity["label"] == "GENE":
                seen[entity["text"]] += 1
                right[entity["text"]] += (entity["start"], entity["end"]) in gold[record["doc_id"]]
    return sorted((text, n, right[text]) for text, n in seen.items()
                  if n >= MIN_SEEN and right[text] / n < MAX_PRECISION)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="training corpus in PubTator format (BioRED Train.PubTator)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    source = f"annotation statistics of {Path(args.path).name} (tagged >= {MIN_SEEN}, right < {MAX_PRECISION:.0%})"
    rows = [[text, str(n), str(r), source] for text, n, r in stoplist(args.path)]
    derived = {row[0] for row in rows}
    rows += [row for row in curated_rows(args.output) if row[0] not in derived]
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["term", "tagged", "annotated", "source"])
        writer.writerows(sorted(rows))
    print(f"wrote {len(rows)} terms to {args.output}")


def curated_rows(path: Path) -> list[list[str]]:
    """The hand-written rows of an existing stop list."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row[3:4] and row[3].startswith("curated")]


if __name__ == "__main__":
    main()
