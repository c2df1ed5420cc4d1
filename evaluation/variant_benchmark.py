"""Strict mention-level benchmark of the variant finder against BioRED ``SequenceVariant``.

    python -m evaluation.variant_benchmark /path/to/Dev.PubTator [--errors]

BioRED annotates sequence-level variants only, so matches that need a gene
(mutation, amplification, ...) and exon / fusion events are not scored.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from extractor.variants import VariantFinder

SCORED_TYPES = {"protein", "dna", "rsid"}
GOLD_TYPE = "SequenceVariant"


def read_pubtator(path: Path) -> list[tuple[str, str, set[tuple[int, int]]]]:
    """(pmid, title + ' ' + abstract, gold variant spans) per document."""
    docs: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        head = re.match(r"^(\d+)\|([ta])\|(.*)$", line)
        if head:
            docs.setdefault(head[1], {"t": "", "a": "", "gold": set()})[head[2]] = head[3]
            continue
        fields = line.split("\t")
        if len(fields) >= 6 and fields[1].isdigit() and fields[4] == GOLD_TYPE:
            docs[fields[0]]["gold"].add((int(fields[1]), int(fields[2])))
    return [(pmid, d["t"] + " " + d["a"], d["gold"]) for pmid, d in docs.items()]


def evaluate(path: Path, finder: VariantFinder, show_errors: bool = False) -> dict[str, float]:
    tp = fp = fn = 0
    for pmid, text, gold in read_pubtator(path):
        found = {(v.start, v.end) for v in finder.find(text)
                 if not v.needs_gene and v.variant_type in SCORED_TYPES}
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
        if show_errors:
            for tag, spans in (("FP", found - gold), ("FN", gold - found)):
                for s, e in sorted(spans):
                    context = text[max(0, s - 40):s] + "[[" + text[s:e] + "]]" + text[e:e + 40]
                    print(f"{tag}\t{pmid}\t{text[s:e]!r}\t{context}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pubtator", type=Path, help="BioRED PubTator file")
    ap.add_argument("--errors", action="store_true", help="list false positives and false negatives")
    ap.add_argument("--patterns", type=Path, default=None, help="variants.json to use")
    args = ap.parse_args()
    s = evaluate(args.pubtator, VariantFinder.from_file(args.patterns), args.errors)
    print(f"TP={s['tp']} FP={s['fp']} FN={s['fn']}  "
          f"P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")


if __name__ == "__main__":
    main()
