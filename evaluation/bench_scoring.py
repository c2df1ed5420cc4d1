"""Time `score()` on synthetic documents: python -m evaluation.bench_scoring [N_DOCS]."""

from __future__ import annotations

import random
import sys
import time

from evaluation.scoring import score

LABELS = ("GENE", "VARIANT", "DRUG", "DRUG_CLASS", "TUMOR_SUBTYPE")


def synthetic(n_docs: int, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """Gold and predicted records: ~30 mentions and ~5 relations a document, ~80% right."""
    rng = random.Random(seed)
    gold, pred = [], []
    for d in range(n_docs):
        text = ". ".join(f"Sentence {i} about HER2 L755S and neratinib" for i in range(40))
        entities, relations = [], []
        for i in range(30):
            start = i * 40 + rng.randrange(5)
            entities.append({"id": f"T{i}", "start": start, "end": start + rng.randrange(3, 12),
                             "label": rng.choice(LABELS), "normalized": f"ID:{rng.randrange(50)}"})
        for i in range(5):
            relations.append({"type": rng.choice(("RESISTANT_TO", "SENSITIVE_TO")),
                              "gene": f"G{rng.randrange(5)}", "variant": rng.choice((None, "L755S")),
                              "drug": f"d{rng.randrange(8)}", "negated": rng.random() < 0.1,
                              "speculative": rng.random() < 0.1, "sentence": f"Sentence {i}"})
        gold.append({"doc_id": str(d), "text": text, "entities": entities, "relations": relations})
        pred_entities = [dict(e, end=e["end"] + (rng.random() < 0.2), confidence=rng.random())
                         for e in entities if rng.random() < 0.9]
        pred_relations = [dict(r, confidence=rng.random()) for r in relations if rng.random() < 0.8]
        pred.append({"doc_id": str(d), "text": text, "entities": pred_entities,
                     "relations": pred_relations})
    return gold, pred


def main(n_docs: int = 1000) -> None:
    gold, pred = synthetic(n_docs)
    for label, kwargs in (("scores", {}), ("scores + errors + sweep", {"details": True}),
                          ("... + 1000 bootstrap resamples", {"details": True, "bootstrap": 1000})):
        start = time.perf_counter()
        score(gold, pred, **kwargs)
        print(f"{n_docs} documents, {label}: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
