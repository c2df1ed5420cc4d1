"""Relation benchmark on the CIViCmine sentences and on the seed gold.

    python -m evaluation.civicmine --corpus /work/shared/corpora/civicmine/training \\
        --gold corpus/gold/civicmine_relations.jsonl [--split test|dev|all] [--errors]
    python -m evaluation.civicmine --corpus /work/shared/corpora/civicmine/training \\
        --biored /work/shared/corpora/biored --gold corpus/gold/biored_relations.jsonl --split test

What it does:

1. Reads the relation gold (``corpus/gold/civicmine_relations.jsonl``, ids and offsets
   only, see ``corpus/gold/CIVICMINE_NOTES.md``) and takes each sentence's text from the
   corpus folder (``<corpus>/<stem>.txt``), so no corpus text is ever committed. Records
   whose ``source`` starts with ``biored/`` (``corpus/gold/biored_relations.jsonl``, see
   ``corpus/gold/BIORED_RELATIONS_NOTES.md``) take their abstract from the PubTator file of
   that name in the ``--biored`` folder.
2. Runs the pipeline (``extractor.load()``, or ``--config``) on those sentences.
3. Scores document-level relation tuples with ``evaluation.scoring.score``: (gene, drug,
   type) and (gene, variant, drug, type), per type, with P / R / F1 and TP / FP / FN;
   the share of matched (gene, drug, type) tuples whose variant is right; negated
   relations apart (as the scorer does), and the hedged ones alone.
4. A precision check against CIViCmine's own annotation: a predicted (gene, drug) pair is
   *supported* when the sentence has a CIViCmine ``Predictive`` relation whose gene and
   drug are that gene and drug (same HGNC gene, and the drug mention overlaps ours or
   names the same drug). Run on the split's sentences and on every corpus sentence. CIViCmine
   leaves many predictive statements unannotated, so the pairs it does not support are also
   looked up in the hand-labelled gold (any split): the report gives both shares.
5. The seed gold (``corpus/gold/seeds.jsonl``) against a fresh extraction of
   ``corpus/seeds``.

Scoring convention: a relation's ``variant`` is null for gene-level alterations (the
gold's convention, CIVICMINE_NOTES.md "Alteration and variant"). Predicted relations
whose subject is a copy-number or expression alteration ("amplification",
"overexpression") are compared with a null variant too, since those are gene-level
alterations in GUIDELINES.md as well.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from evaluation.pubtator import read_pubtator
from evaluation.scoring import _drug, _norm, _sentence, relation_only, score

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("RESISTANT_TO", "SENSITIVE_TO")
GENE_LEVEL_TYPES = {"gene_level", "copy_number", "expression"}
MODES = (("relations", "(gene, drug, type)"), ("relations_variant", "(gene, variant, drug, type)"),
         ("negated", "negated only, (gene, drug, type)"), ("speculative", "hedged only, (gene, drug, type)"))


# -- gold -----------------------------------------------------------------------------

def read_gold(gold: str | Path, corpus: str | Path, split: str = "all",
              biored: str | Path | None = None) -> list[dict]:
    """Gold records of ``split`` with ``text`` filled in from the corpus folder.

    Entities get their ``text`` and relations their ``sentence`` (the whole CIViCmine
    sentence; for a BioRED abstract, the sentence around the drug mention), so the records
    are in the record format and can be scored as they are. Records from ``biored/...``
    sources read their text from that PubTator file in the ``biored`` folder.
    """
    corpus = Path(corpus)
    abstracts: dict[str, dict[str, str]] = {}
    records = []
    for line in Path(gold).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        if split != "all" and raw.get("split") != split:
            continue
        if raw["source"].startswith("biored/"):
            text = biored_text(biored, raw["source"], str(raw["doc_id"]), abstracts)
        else:
            text = (corpus / Path(raw["source"]).name).read_text(encoding="utf-8")
        entities = [{**e, "text": text[e["start"]:e["end"]]} for e in raw["entities"]]
        relations = [{**r, "sentence": evidence(raw, r, text)} for r in raw["relations"]]
        records.append({**raw, "text": text, "entities": entities, "relations": relations})
    return records


def biored_text(folder: str | Path | None, source: str, doc_id: str, cache: dict) -> str:
    """Text (title + " " + abstract) of PubTator document ``doc_id`` of ``<folder>/<file of source>``."""
    if folder is None:
        raise ValueError(f"gold record {doc_id} comes from {source}: give the BioRED folder with --biored")
    name = Path(source).name
    if name not in cache:
        cache[name] = {r["doc_id"]: r["text"] for r in read_pubtator(Path(folder) / name)}
    if doc_id not in cache[name]:
        raise ValueError(f"document {doc_id} is not in {Path(folder) / name}")
    return cache[name][doc_id]


def evidence(raw: dict, relation: dict, text: str) -> str:
    """A relation's evidence: the CIViCmine sentence, or the BioRED sentence of its drug mention."""
    if raw["source"].startswith("biored/"):
        return _sentence(text, *relation["drug_span"])[0].strip()
    return text.strip()


# -- predictions ----------------------------------------------------------------------

def predict(records: list[dict], extractor=None) -> list[dict]:
    """Run the pipeline on each record's text; records keep their doc_id and source."""
    from extractor import InputDoc, load

    extractor = extractor or load()
    docs = [InputDoc(str(r["doc_id"]), r["text"], r.get("source")) for r in records]
    return [scorable(p) for p in extractor.extract_many(docs)]


def scorable(record: dict) -> dict:
    """A predicted record with the gene-level variant convention applied (see module doc)."""
    kinds = {e["id"]: e.get("variant_type") for e in record.get("entities", [])}
    relations = []
    for relation in record.get("relations", []):
        if kinds.get(relation.get("subject")) in GENE_LEVEL_TYPES:
            relation = {**relation, "variant": None}
        relations.append(relation)
    return {**record, "relations": relations}


# -- scoring and printing -------------------------------------------------------------

def relation_scores(gold: list[dict], pred: list[dict], errors: bool = False) -> dict:
    # the CIViCmine gold lists only the mentions its relations use
    result = score(relation_only(gold), relation_only(pred), details=errors)
    keep = {mode for mode, _ in MODES} | {"documents", "variant_accuracy", "errors"}
    return {k: v for k, v in result.items() if k in keep}


def format_scores(title: str, result: dict) -> str:
    lines = [f"== {title} ({result['documents']['gold']} documents)"]
    lines.append(f"{'':40}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}")
    for mode, caption in MODES:
        lines.append(caption)
        rows = result.get(mode, {})
        for label in (*TYPES, "micro"):
            row = rows.get(label)
            if row is None or (label != "micro" and not (row["tp"] or row["fp"] or row["fn"])):
                continue
            lines.append(f"  {label:38}{row['p']:7.3f}{row['r']:7.3f}{row['f1']:7.3f}"
                         f"{row['tp']:5d}{row['fp']:5d}{row['fn']:5d}")
    accuracy = result["variant_accuracy"]
    lines.append(f"variant right in matched (gene, drug, type) tuples: {accuracy['accuracy']:.3f} "
                 f"({accuracy['correct']}/{accuracy['matched']})")
    return "\n".join(lines)


def format_errors(result: dict, gold: list[dict]) -> str:
    texts = {str(r["doc_id"]): r["text"] for r in gold}
    lines = []
    for error in sorted(result.get("errors", []), key=lambda e: (e["doc_id"], e["kind"])):
        other = f"  [other side: {error['other']}]" if error.get("other") else ""
        lines.append(f"{error['kind']} {error['error']:14} {error['doc_id']}: {error['text']}{other}")
        sentence = error.get("sentence") or texts.get(error["doc_id"], "")
        lines.append(f"    {' '.join(sentence.split())[:400]}")
    return "\n".join(lines)


# -- CIViCmine's own Predictive pairs ---------------------------------------------------

def read_brat(corpus: Path, stem: str) -> tuple[dict, list[dict]]:
    """(entities by id, Predictive relations) of one CIViCmine sentence."""
    meta = json.loads((corpus / f"{stem}.json").read_text(encoding="utf-8"))
    entities = {}
    for key, entity in meta.get("entities", {}).items():
        entities[key] = {"type": entity["entitytype"], "start": entity["start"], "end": entity["end"],
                         "text": entity["entitytxt"], "ids": set(str(entity.get("entityids") or "").split(","))}
    relations = []
    a2 = corpus / f"{stem}.a2"
    for line in a2.read_text(encoding="utf-8").splitlines() if a2.exists() else []:
        fields = line.split("\t")
        if len(fields) < 2 or not fields[1].startswith("Predictive"):
            continue
        args = dict(part.split(":", 1) for part in fields[1].split()[1:])
        relations.append(args)
    return entities, relations


def _gene_symbols() -> dict[str, set[str]]:
    """HGNC id -> symbols (the import's and the curated canonical) from our gene tables."""
    symbols: dict[str, set[str]] = defaultdict(set)
    for name in ("genes.tsv", "genes_curated.tsv"):
        path = ROOT / "models" / "lexicons" / name
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            fields = line.split("\t")
            if len(fields) >= 3 and fields[0] == fields[2]:
                symbols[fields[1]].add(fields[2].upper())
            elif len(fields) >= 3 and name == "genes_curated.tsv":
                symbols[fields[1]].add(fields[2].upper())
    return symbols


def predictive_check(pred: list[dict], corpus: str | Path, gold: list[dict] | None = None) -> dict:
    """Share of predicted (gene, drug) pairs, per sentence, backed by a CIViCmine Predictive relation; of the
    pairs it does not back, how many the hand-labelled `gold` records for that sentence (CIViCmine leaves many
    predictive statements unannotated, CIVICMINE_NOTES.md)."""
    corpus = Path(corpus)
    symbols = _gene_symbols()
    labelled = {str(r["doc_id"]): _gold_pairs(r) for r in gold or []}
    supported = unsupported = confirmed = 0
    misses = []
    for record in pred:
        pairs = {}
        entities = {e["id"]: e for e in record.get("entities", [])}
        for relation in record.get("relations", []):
            pairs.setdefault(((relation["gene"] or "").upper(), relation["drug"]), relation)
        if not pairs:
            continue
        brat, predictive = read_brat(corpus, str(record["doc_id"]))
        for (gene, drug), relation in pairs.items():
            drug_entity = entities.get(relation["object"], {})
            ok = False
            for args in predictive:
                g, d = brat.get(args.get("gene")), brat.get(args.get("drug"))
                if g is None or d is None:
                    continue
                gene_ok = any(gene in symbols.get(i, ()) for i in g["ids"]) or any(
                    e["label"] == "GENE" and (e.get("canonical") or "").upper() == gene
                    and e["start"] < g["end"] and g["start"] < e["end"] for e in entities.values())
                drug_ok = (drug_entity.get("start", -1) < d["end"] and d["start"] < drug_entity.get("end", -1)) \
                    or d["text"].lower() in {drug, (drug_entity.get("text") or "").lower()}
                ok = ok or (gene_ok and drug_ok)
            if ok:
                supported += 1
                continue
            unsupported += 1
            in_gold = (_norm(gene), _drug(drug)) in labelled.get(str(record["doc_id"]), ())
            confirmed += in_gold
            misses.append(f"{record['doc_id']}: {gene} {relation['type']} {drug}"
                          + (" (in the hand-labelled gold)" if in_gold else ""))
    total = supported + unsupported
    return {"pairs": total, "supported": supported,
            "precision": round(supported / total, 4) if total else 0.0,
            "confirmed_by_gold": confirmed,
            "precision_with_gold": round((supported + confirmed) / total, 4) if total else 0.0,
            "unsupported": misses}


def _gold_pairs(record: dict) -> set[tuple]:
    """(gene, drug) keys of a gold record's relations, negated or not; a relation naming two genes gives both."""
    pairs = set()
    for relation in record["relations"]:
        genes = relation["gene"] if isinstance(relation["gene"], list) else [relation["gene"]]
        pairs |= {(_norm(gene), _drug(relation["drug"])) for gene in genes}
    return pairs


def corpus_records(corpus: str | Path) -> list[dict]:
    """Every sentence of the CIViCmine folder as a record to extract from."""
    corpus = Path(corpus)
    return [{"doc_id": p.stem, "source": f"civicmine/training/{p.name}", "text": p.read_text(encoding="utf-8")}
            for p in sorted(corpus.glob("*.txt"))]


# -- seeds ----------------------------------------------------------------------------

def seed_scores(gold: str | Path, seeds: str | Path, extractor=None, errors: bool = False) -> tuple[dict, list]:
    from extractor import load
    from extractor.readers import read_inputs

    extractor = extractor or load()
    gold_records = [json.loads(line) for line in Path(gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    pred = [scorable(r) for r in extractor.extract_many(read_inputs([str(seeds)]))]
    return relation_scores(gold_records, pred, errors), gold_records


# -- command line ---------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.civicmine", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, help="The CIViCmine training folder (.txt, .a1, .a2, .json).")
    parser.add_argument("--biored", help="The BioRED folder (Train.PubTator, Dev.PubTator): text of gold "
                                         "records whose source is biored/<file>.")
    parser.add_argument("--gold", default=str(ROOT / "corpus/gold/civicmine_relations.jsonl"),
                        help="Relation gold (ids and offsets only).")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all",
                        help="Gold split to score (hash split, see CIVICMINE_NOTES.md).")
    parser.add_argument("--errors", action="store_true", help="List every relation FP / FN with its sentence.")
    parser.add_argument("--seeds-gold", default=str(ROOT / "corpus/gold/seeds.jsonl"), help="Seed relation gold.")
    parser.add_argument("--seeds", default=str(ROOT / "corpus/seeds"), help="Seed texts to extract from.")
    parser.add_argument("--no-seeds", action="store_true", help="Skip the seed-gold scores.")
    parser.add_argument("--no-corpus-check", action="store_true",
                        help="Run the Predictive precision check on the split's sentences only, "
                             "not on every corpus sentence.")
    parser.add_argument("--save-pred", help="Write the predicted records of the split (JSONL).")
    parser.add_argument("--json", action="store_true", help="Print all scores as one JSON object.")
    parser.add_argument("--config", help="Pipeline config under models/ (default: the default pipeline; "
                                         "config.cfg: rules only).")
    args = parser.parse_args(argv)

    from extractor import load

    extractor = load(args.config)
    gold = read_gold(args.gold, args.corpus, args.split, args.biored)
    pred = predict(gold, extractor)
    if args.save_pred:
        with open(args.save_pred, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in pred)
    out: dict = {"civicmine": relation_scores(gold, pred, args.errors)}
    civicmine_pred = [p for p, g in zip(pred, gold) if not g["source"].startswith("biored/")]
    hand_gold = [r for r in read_gold(args.gold, args.corpus, "all", args.biored)
                 if not r["source"].startswith("biored/")]
    out["predictive_check"] = {"split": predictive_check(civicmine_pred, args.corpus, hand_gold)}
    if not args.no_corpus_check:
        out["predictive_check"]["corpus"] = predictive_check(predict(corpus_records(args.corpus), extractor),
                                                             args.corpus, hand_gold)
    seed_gold = []
    if not args.no_seeds:
        out["seeds"], seed_gold = seed_scores(args.seeds_gold, args.seeds, extractor, args.errors)

    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(format_scores(f"Relation gold {Path(args.gold).name}, split {args.split}", out["civicmine"]))
    if args.errors:
        print(format_errors(out["civicmine"], gold))
    for scope, check in out["predictive_check"].items():
        where = "the split's sentences" if scope == "split" else "every corpus sentence"
        print(f"\n== CIViCmine Predictive precision check ({where}): {check['supported']}/{check['pairs']} "
              f"predicted (gene, drug) pairs supported = {check['precision']:.3f}; of the "
              f"{check['pairs'] - check['supported']} others, {check['confirmed_by_gold']} are in the "
              f"hand-labelled gold: {check['precision_with_gold']:.3f} supported by either")
        if args.errors:
            print("\n".join(f"  unsupported {m}" for m in check["unsupported"]))
    if "seeds" in out:
        print()
        print(format_scores("Seed gold (corpus/gold/seeds.jsonl vs corpus/seeds)", out["seeds"]))
        if args.errors:
            print(format_errors(out["seeds"], seed_gold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
