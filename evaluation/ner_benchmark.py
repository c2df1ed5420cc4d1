"""Rules-only vs model-only vs combined pipeline on BioRED, side by side, with speed.

    python -m evaluation.ner_benchmark /path/to/Dev.PubTator [--n-process 2] [--repeat 3]
        [--pipelines rules,model,combined] [--model ner] [--markdown]

Strict mention-level P / R / F1 with counts per label: BioRED GeneOrGeneProduct ->
GENE, ChemicalEntity -> DRUG, SequenceVariant -> VARIANT. BioRED annotates sequence
variants only, so only our protein, DNA and rsID variants are scored (gene-level
"mutations", amplification, exon events and fusions have no BioRED counterpart; the
same view as evaluation/variant_benchmark.py). Drug classes and tumor subtypes are not
scored.

Pipelines: ``rules`` (models/config.cfg), ``model`` (our tokenizer + the trained NER
alone, its doc.ents as the record), ``combined`` (models/config_ner.cfg), or any config
file given as NAME=PATH. Speed is abstracts a second over the Dev texts (repeated
``--repeat`` times) through ``Extractor.extract_many``, after loading, with one process
and with ``--n-process``; ``tokenizer`` is the same loop with tokenization only, measured
in the same run so that numbers from a busy machine can be compared.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from spacy.language import Language

from evaluation.pubtator import BIORED_LABELS, read_pubtator
from evaluation.scoring import score

SEQUENCE_VARIANT_TYPES = {"protein", "dna", "rsid"}
LABELS = ("GENE", "DRUG", "VARIANT")
CONFIGS = {"rules": "config.cfg", "combined": "config_ner.cfg"}


def biored_view(record: dict) -> dict:
    """A prediction restricted to what BioRED annotates (see the module docstring)."""
    entities = [e for e in record["entities"]
                if e["label"] != "VARIANT" or e.get("variant_type") in SEQUENCE_VARIANT_TYPES | {None}]
    return {**record, "entities": entities, "relations": []}


@Language.component("extractor_ents_as_mentions")
def ents_as_mentions(doc):
    """Model-only records: the NER's doc.ents become the mentions (no identifiers)."""
    from extractor.mentions import Mention

    doc._.mentions = [Mention(e.start_char, e.end_char, e.label_, None, None, "model",
                              token_start=e.start, token_end=e.end) for e in doc.ents]
    return doc


def install_merge(extractor, policy: str) -> None:
    """Apply ``extractor.model_merge.merge_candidates`` in this pipeline's entity component.

    For measuring merge policies before the entity component calls the function itself:
    the lexicon, grammar and model candidates are computed as the component does and
    merged, and the merged list stands in for its lexicon candidates (instance-level).
    """
    from types import MethodType

    from extractor.entity_recognizer import EntityRecognizer
    from extractor.model_merge import merge_candidates

    component = next(proc for _, proc in extractor.nlp.pipeline if isinstance(proc, EntityRecognizer))

    def merged(self, doc):
        return merge_candidates(EntityRecognizer._lexicon_candidates(self, doc),
                                EntityRecognizer._variant_candidates(self, doc),
                                EntityRecognizer._model_candidates(self, doc), policy)

    component._lexicon_candidates = MethodType(merged, component)
    component._variant_candidates = lambda doc: []
    component._model_candidates = lambda doc: []


def build(name: str, model_path: str = "ner"):
    """The Extractor for a pipeline name (rules, model, combined, tokenizer) or NAME=CONFIG."""
    from extractor import load
    from extractor import ner, relations  # noqa: F401  register factories and doc._.relations
    from extractor.pipeline import Extractor
    from extractor.training.train import blank_nlp

    if name == "tokenizer":
        nlp = blank_nlp()
        nlp.add_pipe("extractor_ents_as_mentions")
        return Extractor(nlp)
    if name == "model":
        nlp = blank_nlp()
        nlp.add_pipe("extractor_sentences")
        nlp.add_pipe("extractor_ner", config={"path": model_path})
        nlp.add_pipe("extractor_ents_as_mentions")
        return Extractor(nlp)
    label, _, config = name.partition("=")
    label, _, policy = label.partition("+")
    extractor = load(config or CONFIGS[label])
    if policy:
        install_merge(extractor, policy)
    return extractor


def evaluate(extractor, gold: list[dict]) -> dict:
    from extractor.pipeline import InputDoc

    predictions = [biored_view(r) for r in extractor.extract_many(InputDoc(g["doc_id"], g["text"]) for g in gold)]
    return score(gold, predictions, label_map=BIORED_LABELS)["strict"]


def speed(extractor, texts: list[str], n_process: int) -> float:
    started = time.perf_counter()
    for _ in extractor.extract_many(texts, n_process=n_process, batch_size=16):
        pass
    return len(texts) / (time.perf_counter() - started)


def run(path: str | Path, pipelines: list[str], n_process: int = 2, repeat: int = 3,
        model_path: str = "ner") -> dict:
    gold = list(read_pubtator(path))
    texts = [g["text"] for g in gold] * repeat
    results = {}
    for name in ["tokenizer", *pipelines]:
        extractor = build(name, model_path)
        speed(extractor, texts[:20], 1)  # warm up caches
        entry = {"docs_per_s_1": round(speed(extractor, texts, 1), 1)}
        if n_process > 1:
            entry[f"docs_per_s_{n_process}"] = round(speed(extractor, texts, n_process), 1)
        if name != "tokenizer":
            entry["strict"] = evaluate(extractor, gold)
        results[name.partition("=")[0]] = entry
    return results


def table(results: dict, n_process: int, markdown: bool = False) -> str:
    names = [n for n in results if n != "tokenizer"]
    rows = []
    for label in (*LABELS, "micro"):
        cells = []
        for name in names:
            s = results[name]["strict"].get(label, {})
            cells.append(f"{s.get('p', 0):.3f} / {s.get('r', 0):.3f} / **{s.get('f1', 0):.3f}** "
                         f"({s.get('tp', 0)}/{s.get('fp', 0)}/{s.get('fn', 0)})" if markdown else
                         f"{s.get('p', 0):.3f} {s.get('r', 0):.3f} {s.get('f1', 0):.3f} "
                         f"({s.get('tp', 0)}/{s.get('fp', 0)}/{s.get('fn', 0)})")
        rows.append((label, cells))
    for key, title in (("docs_per_s_1", "abstracts/s, 1 process"),
                       (f"docs_per_s_{n_process}", f"abstracts/s, {n_process} processes")):
        if all(key in results[n] for n in names):
            tok = results["tokenizer"].get(key)
            rows.append((title, [f"{results[n][key]:.0f} (tokenizer only: {tok:.0f})" for n in names]))
    if markdown:
        head = "| | " + " | ".join(names) + " |\n|---|" + "---|" * len(names) + "\n"
        return head + "\n".join(f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows)
    width = max(len(c) for _, cells in rows for c in cells) + 2
    lines = [" " * 26 + "".join(n.ljust(width) for n in names),
             " " * 26 + "P     R     F1    (TP/FP/FN)"]
    lines += [label.ljust(26) + "".join(c.ljust(width) for c in cells) for label, cells in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="a BioRED PubTator file (Dev.PubTator)")
    parser.add_argument("--pipelines", default="rules,model,combined",
                        help="comma-separated: rules, model, combined, NAME=CONFIG (a config under models/); "
                             "combined+POLICY merges with extractor.model_merge POLICY")
    parser.add_argument("--model", default="ner", help="trained NER folder for 'model' (under models/ unless absolute)")
    parser.add_argument("--n-process", type=int, default=2, help="processes for the second speed measurement")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts for the speed measurement")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--json", type=Path, help="also write all numbers to this JSON file")
    args = parser.parse_args()
    results = run(args.path, args.pipelines.split(","), args.n_process, args.repeat, args.model)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results, args.n_process, args.markdown))


if __name__ == "__main__":
    main()
