"""Rules-only vs model-only vs combined pipeline on BioRED, side by side, with speed.

    python -m evaluation.ner_benchmark /path/to/Dev.PubTator [--n-process 2] [--repeat 3]
        [--runs 5] [--speed-corpus /path/to/Train.PubTator] [--pipelines rules,model,combined]
        [--model ner] [--no-scores] [--components] [--markdown] [--json out.json]

Strict mention-level P / R / F1 with counts per label: BioRED GeneOrGeneProduct ->
GENE, ChemicalEntity -> DRUG, SequenceVariant -> VARIANT. BioRED annotates sequence
variants only, so only our protein, DNA and rsID variants are scored (gene-level
"mutations", amplification, exon events and fusions have no BioRED counterpart; the
same view as evaluation/variant_benchmark.py). Drug classes and tumor subtypes are not
scored.

Pipelines: ``rules`` (models/config.cfg), ``model`` (our tokenizer + the trained NER
alone, its doc.ents as the record), ``combined`` (models/config_ner.cfg), or any config
file given as NAME=PATH; ``--model`` is the trained NER folder of ``model`` and of
``combined``. Speed is abstracts a second through ``Extractor.extract_many`` (the way
the CLI runs the pipeline), after loading, over the texts of ``--speed-corpus`` (default:
the scored file) repeated ``--repeat`` times, with one process and with ``--n-process``.
``tokenizer`` is the same loop with tokenization only. The pipelines are measured in turn,
``--runs`` rounds: the machine is shared, so the table gives the median of the rounds
(and the JSON every round), and each rate's ratio to the tokenizer-only rate of the same
round. ``--components`` adds each component's ms a document (CPU time of this process,
one call a document as the pipeline calls it; the NER also through its ``pipe`` in
batches of 32).
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
    extractor = load_with_model(config or CONFIGS[label], model_path) if model_path != "ner" else \
        load(config or CONFIGS[label])
    if policy:
        install_merge(extractor, policy)
    return extractor


def load_with_model(config: str, model_path: str):
    """``extractor.load(config)`` with its NER component reading ``model_path``."""
    from spacy.util import load_config, load_model_from_config

    from extractor.pipeline import Extractor
    from extractor.resources import models_path

    cfg = load_config(models_path(config))
    for settings in cfg["components"].values():
        if settings.get("factory") == "extractor_ner":
            settings["path"] = model_path
    return Extractor(load_model_from_config(cfg, auto_fill=True))


def component_times(extractor, texts: list[str], batch_size: int = 32) -> dict:
    """ms a document (CPU time) of the tokenizer and of each component, called one
    document at a time in pipeline order; ``<name> (pipe)`` for a component with a
    ``pipe`` method of its own (the trained NER), called in batches."""
    nlp = extractor.nlp
    started = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    times = {"tokenizer": time.process_time() - started}
    for name, proc in nlp.pipeline:
        started = time.process_time()
        docs = [proc(doc) for doc in docs]
        times[name] = time.process_time() - started
    for position, (name, proc) in enumerate(nlp.pipeline):
        if not name.endswith("ner") or not hasattr(proc, "pipe"):
            continue
        docs = [nlp.make_doc(text) for text in texts]
        for _, before in nlp.pipeline[:position]:
            docs = [before(doc) for doc in docs]
        started = time.process_time()
        docs = list(proc.pipe(docs, batch_size=batch_size))
        times[f"{name} (pipe)"] = time.process_time() - started
    return {name: round(seconds / len(texts) * 1000, 3) for name, seconds in times.items()}


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
        model_path: str = "ner", runs: int = 1, speed_corpus: str | Path | None = None,
        scores: bool = True, components: bool = False) -> dict:
    from statistics import median

    gold = list(read_pubtator(path))
    texts = [g["text"] for g in (read_pubtator(speed_corpus) if speed_corpus else gold)] * repeat
    names = ["tokenizer", *pipelines]
    extractors = {name: build(name, model_path) for name in names}
    counts = [1] + ([n_process] if n_process > 1 else [])
    rounds = {name: {n: [] for n in counts} for name in names}
    if not runs:
        names.remove("tokenizer")
        del extractors["tokenizer"]
    for extractor in extractors.values() if runs else ():  # warm up caches (the tokenizer's alone: 10x)
        speed(extractor, texts[:len(texts) // repeat], 1)
    for _ in range(runs):  # the pipelines in turn, so that a busy spell hits them alike
        for name, extractor in extractors.items():
            for n in counts:
                rounds[name][n].append(round(speed(extractor, texts, n), 1))
    results = {}
    for name, extractor in extractors.items():
        entry = {}
        for n in counts if runs else ():
            entry[f"docs_per_s_{n}"] = median(rounds[name][n])
            entry[f"docs_per_s_{n}_runs"] = rounds[name][n]
            entry[f"vs_tokenizer_{n}"] = round(median(
                r / t for r, t in zip(rounds[name][n], rounds["tokenizer"][n])), 4)
        if components and name != "tokenizer":
            entry["ms_per_doc"] = component_times(extractor, texts[:len(texts) // repeat])
        if scores and name != "tokenizer":
            entry["strict"] = evaluate(extractor, gold)
        results[name.partition("=")[0]] = entry
    return results


def table(results: dict, n_process: int, markdown: bool = False) -> str:
    names = [n for n in results if n != "tokenizer"]
    rows = []
    for label in (*LABELS, "micro") if all("strict" in results[n] for n in names) else ():
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
            ratio = key.replace("docs_per_s", "vs_tokenizer")
            rows.append((title, [f"{results[n][key]:.0f} (tokenizer only: {tok:.0f}; ratio "
                                 f"{results[n][ratio]:.4f})" for n in names]))
    for name in names:
        for component, ms in results[name].get("ms_per_doc", {}).items():
            rows.append((f"ms/doc {component}"[:26], [f"{results[n].get('ms_per_doc', {}).get(component, 0):.2f}"
                                                      if n == name else "" for n in names]))
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
    parser.add_argument("--runs", type=int, default=1,
                        help="rounds of speed measurements (medians are reported); 0: scores only")
    parser.add_argument("--speed-corpus", help="PubTator file whose texts the speed is measured on "
                                               "(default: the scored file)")
    parser.add_argument("--no-scores", action="store_true", help="speed only")
    parser.add_argument("--components", action="store_true", help="also ms a document of each component")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--json", type=Path, help="also write all numbers to this JSON file")
    args = parser.parse_args()
    results = run(args.path, args.pipelines.split(","), args.n_process, args.repeat, args.model, args.runs,
                  args.speed_corpus, not args.no_scores, args.components)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results, args.n_process, args.markdown))


if __name__ == "__main__":
    main()
