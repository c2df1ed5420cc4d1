"""Score predicted records against gold records (DESIGN.md, "Evaluation").

Records are matched by ``doc_id``. A document only in gold counts its gold as false
negatives; one only in the predictions counts its predictions as false positives (with a
warning). P, R and F1 are 0.0 when their denominator is 0.

Entity modes, per label:
- ``strict``: same start, end and label.
- ``overlap``: any character overlap and the same label; each gold and each predicted
  mention is used at most once, pairs taken greedily by largest overlap.
- ``normalized``: the document-level set of (label, identifier); a composite gold
  identifier such as ``3172,3651`` (BioRED) counts each of its identifiers.

Relation modes, per type, on document-level tuples:
- ``relations``: (gene, drug, type); ``relations_variant``: (gene, variant, drug, type);
  ``relations_mention``: that tuple plus the evidence sentence.
- Negated relations are left out of these on both sides (``include_negated=True`` keeps
  them, as type ``NOT_<type>``) and scored alone under ``negated`` as (gene, drug,
  type); ``speculative`` scores the hedged, non-negated ones alone (they also count in
  the main modes).
- Gene, variant, drug and sentence compare case-insensitively, whitespace collapsed. A drug
  name that is a term of the drug and class lexicons (``models/lexicons/drugs*.tsv``) with one
  canonical name compares as that name, so a label written as read ("platinum compounds",
  "CDDP", "anti-HER2 therapy") matches the canonical name the extractor gives; hyphens and
  spaces in drug names do not count ("AZD-4547" = "AZD4547", "EGFR-targeted" = "EGFR targeted").
- A variant that names only a gene-level kind, with no number ("amplification", "fusion",
  "low expression"; head words in ``models/patterns/gene_level_kinds.txt``), compares as
  null, the variant DESIGN.md gives gene-level alterations.
- A gold record without a ``relations`` key (e.g. read from PubTator) is left out of
  relation scoring.

Each mode also has ``micro`` (pooled counts) and ``macro`` (unweighted mean of the
per-label P, R and F1 over the labels seen in gold or predictions; tp/fp/fn are totals).
"""

from __future__ import annotations

import csv
import re
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from extractor.resources import DRUG_TABLES, models_path

ENTITY_MODES = ("strict", "overlap", "normalized")
RELATION_MODES = ("relations", "relations_variant", "relations_mention", "negated", "speculative")
MODES = ENTITY_MODES + RELATION_MODES
_BOUNDARY = re.compile(r"(?<=\.)\s|\n")
SPELLING_MARKS = re.compile(r"[\s\-\u2010\u2011]")  # dropped from drug keys: 'AZD-4547' = 'AZD4547'
GENE_LEVEL_KINDS = "patterns/gene_level_kinds.txt"


@dataclass
class _Doc:
    doc_id: str
    text: str
    gold: list[dict]
    pred: list[dict]
    gold_rels: list[dict] | None  # None: gold does not annotate relations
    pred_rels: list[dict]


def score(gold_records: Iterable[dict], pred_records: Iterable[dict],
          label_map: dict[str, str] | None = None, bootstrap: int = 0, *,
          labels: Iterable[str] | None = None, include_negated: bool = False,
          details: bool = False, seed: int = 0) -> dict:
    """Score predictions against gold; return a JSON-serialisable dict.

    ``{"documents": {...}, <mode>: {<label>|"micro"|"macro": {p, r, f1, tp, fp, fn}},
    "variant_accuracy": {accuracy, correct, matched}}``. ``label_map`` renames gold
    labels and drops unmapped ones; with it, ``labels`` defaults to its values.
    ``labels`` restricts entity scoring to those labels on both sides. ``bootstrap=N``
    adds ``ci_low`` / ``ci_high`` (95% CI of F1 over N document resamples).
    ``details=True`` adds ``errors`` (list) and ``sweep`` (PR curves).
    """
    if labels is None and label_map:
        labels = label_map.values()
    gold, pred = _by_id(gold_records, "gold"), _by_id(pred_records, "predicted")
    docs = _documents(gold, pred, label_map, None if labels is None else set(labels))
    matrix, keys, correct, matched = _count_matrix(docs, include_negated)
    result = {"documents": {"gold": len(gold), "pred": len(pred),
                            "gold_only": len(gold.keys() - pred.keys()),
                            "pred_only": len(pred.keys() - gold.keys())}}
    result.update(_summaries(matrix.sum(axis=0), keys))
    if bootstrap and docs:
        for (mode, label), (low, high) in _bootstrap(matrix, keys, bootstrap, seed).items():
            result[mode][label].update(ci_low=round(low, 4), ci_high=round(high, 4))
    result["variant_accuracy"] = {"accuracy": round(correct / matched, 4) if matched else 0.0,
                                  "correct": correct, "matched": matched}
    if details:
        result["errors"] = _errors(docs, include_negated)
        result["sweep"] = _sweep(docs)
    return result


def relation_only(records: Iterable[dict]) -> list[dict]:
    """Records without entities, for gold that labels relations only."""
    return [{**r, "entities": []} for r in records]


# -- documents ---------------------------------------------------------------------

def _by_id(records: Iterable[dict], side: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for record in records:
        doc_id = str(record["doc_id"])
        if doc_id in out:
            raise ValueError(f"duplicate doc_id {doc_id!r} in the {side} records")
        out[doc_id] = record
    return out


def _documents(gold: dict, pred: dict, label_map: dict | None, labels: set | None) -> list[_Doc]:
    extra = [doc_id for doc_id in pred if doc_id not in gold]
    if extra:
        warnings.warn(f"{len(extra)} predicted document(s) not in gold, counted as false "
                      f"positives: {', '.join(extra[:5])}{' ...' if len(extra) > 5 else ''}")
    docs = []
    for doc_id in [*gold, *extra]:
        g, p = gold.get(doc_id, {}), pred.get(doc_id, {})
        docs.append(_Doc(doc_id, g.get("text") or p.get("text") or "",
                         _entities(g, label_map, labels), _entities(p, None, labels),
                         g.get("relations") if doc_id in gold else [],
                         p.get("relations") or []))
    return docs


def _entities(record: dict, label_map: dict | None, labels: set | None) -> list[dict]:
    out = []
    for entity in record.get("entities") or []:
        label = label_map.get(entity["label"]) if label_map else entity["label"]
        if label is not None and (labels is None or label in labels):
            out.append(entity if label == entity["label"] else {**entity, "label": label})
    return out


def _span(entity: dict) -> tuple:
    return entity["label"], entity["start"], entity["end"]


def _ids(entity: dict) -> set[str]:
    return {part.strip() for part in (entity.get("normalized") or "").split(",") if part.strip()}


def _norm(value) -> str | None:
    text = " ".join(str(value).split()).casefold() if value is not None else ""
    return text or None


@lru_cache(maxsize=1)
def _drug_names() -> dict[str, str]:
    """Lexicon term -> canonical name (both normalised) of the drug tables, for terms with one canonical."""
    rows = []
    for table in DRUG_TABLES:
        with models_path(table).open(encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle, delimiter="\t"))
    # one canonical name per identifier, the curated one, as the extractor's lexicon has it ('MK-1775': adavosertib)
    preferred = {row["normalized"]: row["canonical"] for row in rows if row["source"] == "curated"}
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        names[_norm(row["term"])].add(_norm(preferred.get(row["normalized"], row["canonical"])))
    return {term: next(iter(canonical)) for term, canonical in names.items() if len(canonical) == 1}


def _drug(value) -> str | None:
    """The canonical name of a drug as a key, hyphens and spaces dropped ('azd-4547' = 'AZD4547',
    'egfr-targeted therapy' = 'egfr targeted therapy')."""
    name = _norm(value)
    name = _drug_names().get(name, name)
    return SPELLING_MARKS.sub("", name) if name else name


@lru_cache(maxsize=1)
def _gene_level_heads() -> frozenset[str]:
    lines = models_path(GENE_LEVEL_KINDS).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _variant(value) -> str | None:
    """A variant as a key; null for one that names only a gene-level kind ('low expression')."""
    name = _norm(value)
    if not name or any(ch.isdigit() for ch in name):
        return name
    head = name.split()[-1]
    return None if {head, head.removesuffix("s")} & _gene_level_heads() else name


def _relation_keys(rel: dict, include_negated: bool) -> dict[str, tuple]:
    """The tuple a relation contributes to each relation mode (label first)."""
    kind = rel["type"]
    gene, variant, drug = _norm(rel.get("gene")), _variant(rel.get("variant")), _drug(rel.get("drug"))
    negated = bool(rel.get("negated"))
    keys = {}
    if negated:
        keys["negated"] = (kind, gene, drug)
    elif rel.get("speculative"):
        keys["speculative"] = (kind, gene, drug)
    if include_negated or not negated:
        kind = f"NOT_{kind}" if negated else kind
        keys["relations"] = (kind, gene, drug)
        keys["relations_variant"] = (kind, gene, variant, drug)
        keys["relations_mention"] = (kind, gene, variant, drug, _norm(rel.get("sentence")))
    return keys


def _relation_sets(rels: list[dict], include_negated: bool) -> dict[str, set]:
    sets = {mode: set() for mode in RELATION_MODES}
    for rel in rels:
        for mode, key in _relation_keys(rel, include_negated).items():
            sets[mode].add(key)
    return sets


# -- counting ----------------------------------------------------------------------

def _count_matrix(docs: list[_Doc], include_negated: bool) -> tuple[np.ndarray, list, int, int]:
    """[document, (mode, label), tp|fp|fn] counts, their keys, and variant-accuracy counts."""
    per_doc, correct, matched = [], 0, 0
    for doc in docs:
        counts, ok, n = _doc_counts(doc, include_negated)
        per_doc.append(counts)
        correct, matched = correct + ok, matched + n
    keys = sorted({key for counts in per_doc for key in counts})
    column = {key: i for i, key in enumerate(keys)}
    matrix = np.zeros((len(docs), len(keys), 3), dtype=np.int64)
    for row, counts in enumerate(per_doc):
        for key, values in counts.items():
            matrix[row, column[key]] = values
    return matrix, keys, correct, matched


def _doc_counts(doc: _Doc, include_negated: bool) -> tuple[dict, int, int]:
    """Per (mode, label) [tp, fp, fn] of one document, and its variant-accuracy counts."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    gold, pred = {_span(e) for e in doc.gold}, {_span(e) for e in doc.pred}
    _tally(counts, "strict", gold, pred, gold & pred, gold & pred)
    pairs = _overlap_pairs(gold, pred)
    _tally(counts, "overlap", gold, pred, {g for g, _ in pairs}, {p for _, p in pairs})
    gold_ids = {(e["label"], i) for e in doc.gold for i in _ids(e)}
    pred_ids = {(e["label"], i) for e in doc.pred for i in _ids(e)}
    _tally(counts, "normalized", gold_ids, pred_ids, gold_ids & pred_ids, gold_ids & pred_ids)
    if doc.gold_rels is None:
        return counts, 0, 0
    gold_sets = _relation_sets(doc.gold_rels, include_negated)
    pred_sets = _relation_sets(doc.pred_rels, include_negated)
    for mode in RELATION_MODES:
        both = gold_sets[mode] & pred_sets[mode]
        _tally(counts, mode, gold_sets[mode], pred_sets[mode], both, both)
    matched = gold_sets["relations"] & pred_sets["relations"]
    correct = sum(_variants(gold_sets, key) == _variants(pred_sets, key) for key in matched)
    return counts, correct, len(matched)


def _tally(counts: dict, mode: str, gold: set, pred: set, gold_hit: set, pred_hit: set) -> None:
    """Add [tp, fp, fn] per label (the first field of each item) for one mode."""
    for item in gold:
        counts[mode, item[0]][0 if item in gold_hit else 2] += 1
    for item in pred - pred_hit:
        counts[mode, item[0]][1] += 1


def _overlap_pairs(gold: set, pred: set) -> list[tuple]:
    """Greedy one-to-one pairs of same-label overlapping spans, largest overlap first."""
    candidates = sorted(((min(g[2], p[2]) - max(g[1], p[1]), g, p)
                         for g in gold for p in pred if g[0] == p[0] and g[1] < p[2] and p[1] < g[2]),
                        key=lambda c: (-c[0], c[1], c[2]))
    used_gold, used_pred, pairs = set(), set(), []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs


def _variants(sets: dict[str, set], key: tuple) -> set:
    kind, gene, drug = key
    return {v for k, g, v, d in sets["relations_variant"] if (k, g, d) == (kind, gene, drug)}


# -- summaries ---------------------------------------------------------------------

def _rates(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0,
            2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def _prf(tp: int, fp: int, fn: int, rates: Iterable[float] | None = None) -> dict:
    tp, fp, fn = int(tp), int(fp), int(fn)
    p, r, f1 = rates if rates is not None else _rates(tp, fp, fn)
    return {"p": round(float(p), 4), "r": round(float(r), 4), "f1": round(float(f1), 4),
            "tp": tp, "fp": fp, "fn": fn}


def _summaries(totals: np.ndarray, keys: list[tuple]) -> dict:
    out = {}
    for mode in MODES:
        columns = [i for i, key in enumerate(keys) if key[0] == mode]
        total = totals[columns].sum(axis=0)
        macro = np.mean([_rates(*totals[i]) for i in columns], axis=0) if columns else (0.0, 0.0, 0.0)
        out[mode] = {**{keys[i][1]: _prf(*totals[i]) for i in columns},
                     "micro": _prf(*total), "macro": _prf(*total, rates=macro)}
    return out


def _f1(counts: np.ndarray) -> np.ndarray:
    """F1 of [..., 3] arrays of tp, fp, fn."""
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    denominator = 2 * tp + fp + fn
    return np.divide(2 * tp, denominator, out=np.zeros(denominator.shape), where=denominator > 0)


def _bootstrap(matrix: np.ndarray, keys: list[tuple], resamples: int, seed: int,
               level: float = 0.95) -> dict[tuple[str, str], tuple[float, float]]:
    """Percentile CI of F1 per (mode, label|micro|macro), resampling documents.

    A resample is a vector of document weights (multinomial counts), so its totals are
    one matrix product with the per-document counts; resamples go in chunks to bound memory.
    """
    rng = np.random.default_rng(seed)
    n_docs = matrix.shape[0]
    flat = matrix.reshape(n_docs, -1).astype(float)
    chunk = max(1, 5_000_000 // n_docs)
    totals = np.concatenate([
        rng.multinomial(n_docs, np.full(n_docs, 1 / n_docs), size=min(chunk, resamples - start)) @ flat
        for start in range(0, resamples, chunk)]).reshape(resamples, len(keys), 3)
    f1 = {}
    for mode in MODES:
        columns = [i for i, key in enumerate(keys) if key[0] == mode]
        per_label = _f1(totals[:, columns])
        f1.update({keys[i]: per_label[:, j] for j, i in enumerate(columns)})
        f1[mode, "micro"] = _f1(totals[:, columns].sum(axis=1))
        f1[mode, "macro"] = per_label.mean(axis=1) if columns else np.zeros(resamples)
    tail = (1 - level) / 2 * 100
    return {key: tuple(float(q) for q in np.percentile(values, [tail, 100 - tail]))
            for key, values in f1.items()}


# -- details: error listing and confidence sweep -------------------------------------

def _errors(docs: list[_Doc], include_negated: bool) -> list[dict]:
    """Every strict entity FP / FN, wrong identifier and relation FP / FN, classified."""
    out = []
    for doc in docs:
        gold, pred = {_span(e): e for e in doc.gold}, {_span(e): e for e in doc.pred}
        for key, entity in sorted(gold.items(), key=lambda item: item[0][1:]):
            found = pred.get(key)
            if found is None:
                error, other = _classify(entity, pred.values(), "missing")
                out.append(_entity_error(doc, "FN", entity, error, other))
            elif _ids(entity) and not (_ids(found) and _ids(found) <= _ids(entity)):
                out.append(_entity_error(doc, "FP", found, "wrong_id", entity))
        for key, entity in sorted(pred.items(), key=lambda item: item[0][1:]):
            if key not in gold:
                error, other = _classify(entity, gold.values(), "spurious")
                out.append(_entity_error(doc, "FP", entity, error, other))
        if doc.gold_rels is not None:
            out.extend(_relation_errors(doc, include_negated))
    return out


def _classify(entity: dict, others: Iterable[dict], default: str) -> tuple[str, dict | None]:
    """Error class of an unmatched mention given the other side's mentions."""
    start, end, label = entity["start"], entity["end"], entity["label"]
    overlapping = sorted((o for o in others if o["start"] < end and start < o["end"]),
                         key=lambda o: max(o["start"], start) - min(o["end"], end))
    same_label = [o for o in overlapping if o["label"] == label]
    same_span = [o for o in overlapping if (o["start"], o["end"]) == (start, end)]
    if same_label:
        return "boundary", same_label[0]
    if same_span:
        return "wrong_label", same_span[0]
    if overlapping:
        return "boundary_and_label", overlapping[0]
    return default, None


def _entity_error(doc: _Doc, kind: str, entity: dict, error: str, other: dict | None) -> dict:
    start, end = entity["start"], entity["end"]
    sentence, offset = _sentence(doc.text, start, end)
    return {"doc_id": doc.doc_id, "kind": kind, "error": error, "label": entity["label"],
            "start": start, "end": end, "text": entity.get("text") or doc.text[start:end],
            "normalized": entity.get("normalized"), "other": other and _brief(other, doc.text),
            "sentence": sentence, "sentence_start": offset}


def _brief(entity: dict, text: str) -> dict:
    return {"start": entity["start"], "end": entity["end"],
            "text": entity.get("text") or text[entity["start"]:entity["end"]],
            "label": entity["label"], "normalized": entity.get("normalized")}


def _sentence(text: str, start: int, end: int, limit: int = 200) -> tuple[str, int]:
    """The sentence-ish context of a span: cut at '. ' / newlines, at most ``limit`` chars a side."""
    low = max(0, start - limit)
    for boundary in _BOUNDARY.finditer(text, low, start):
        low = boundary.end()
    boundary = _BOUNDARY.search(text, end, end + limit)
    high = boundary.start() if boundary else min(len(text), end + limit)
    return text[low:high], low


def _relation_errors(doc: _Doc, include_negated: bool) -> list[dict]:
    def keyed(rels):
        out = {}
        for rel in rels:
            key = _relation_keys(rel, include_negated).get("relations_variant")
            if key is not None:
                out.setdefault(key, rel)
        return out

    gold, pred = keyed(doc.gold_rels), keyed(doc.pred_rels)
    errors = []
    for kind, mine, theirs, default in (("FN", gold, pred, "missing"), ("FP", pred, gold, "spurious")):
        for key, rel in mine.items():
            if key in theirs:
                continue
            other = next((o for o in theirs if (o[0], o[1], o[3]) == (key[0], key[1], key[3])), None)
            error = "wrong_variant"
            if other is None:
                other = next((o for o in theirs if o[1:] == key[1:]), None)
                error = "wrong_type" if other else default
            errors.append({"doc_id": doc.doc_id, "kind": kind, "error": error, "label": key[0],
                           "start": None, "end": None, "text": _describe(rel),
                           "normalized": None, "other": other and _describe(theirs[other]),
                           "sentence": rel.get("sentence") or "", "sentence_start": None})
    return errors


def _describe(rel: dict) -> str:
    alteration = " ".join(str(x) for x in (rel.get("gene"), rel.get("variant")) if x)
    return f"{alteration} {rel['type']} {rel.get('drug')}"


def _sweep(docs: list[_Doc]) -> dict[str, list[dict]]:
    """P / R / F1 at each distinct prediction confidence, for PR curves.

    Entities are matched strictly, relations as (gene, drug, type) tuples; a prediction
    without ``confidence`` counts as 1.0 (duplicates: the highest). A curve is empty
    when no prediction of its kind carries a confidence.
    """
    curves = {}
    for kind in ("entities", "relations"):
        points, n_gold, seen = [], 0, False
        for doc in docs:
            if kind == "entities":
                gold = {_span(e) for e in doc.gold}
                scored = [(_span(e), e.get("confidence")) for e in doc.pred]
            elif doc.gold_rels is not None:
                gold = _relation_sets(doc.gold_rels, False)["relations"]
                keyed = [(_relation_keys(rel, False).get("relations"), rel.get("confidence"))
                         for rel in doc.pred_rels]
                scored = [(key, confidence) for key, confidence in keyed if key is not None]
            else:
                continue
            best: dict[tuple, float] = {}
            for key, confidence in scored:
                seen = seen or confidence is not None
                best[key] = max(best.get(key, 0.0), 1.0 if confidence is None else float(confidence))
            points.extend((confidence, key in gold) for key, confidence in best.items())
            n_gold += len(gold)
        curves[kind] = _curve(points, n_gold) if seen else []
    return curves


def _curve(points: list[tuple[float, bool]], n_gold: int) -> list[dict]:
    confidence = np.array([c for c, _ in points])
    order = np.argsort(-confidence, kind="stable")
    confidence = confidence[order]
    tp = np.cumsum(np.array([hit for _, hit in points], dtype=int)[order])
    last = np.flatnonzero(np.r_[confidence[1:] != confidence[:-1], True])
    return [{"threshold": round(float(confidence[i]), 4),
             **_prf(tp[i], i + 1 - tp[i], n_gold - tp[i])} for i in last]
