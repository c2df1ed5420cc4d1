"""Throughput and memory benchmarks (`extractor benchmark throughput` / `memory`).

`throughput` runs three stages over the same documents, each with 1 and 2 processes:
tokenization only, entities without relations (the pipeline with `relations` disabled
through `nlp.select_pipes`), and the full pipeline, each run with a freshly loaded
pipeline warmed up on other documents (so no run meets texts whose words the tokenizer
has cached, as on a real corpus); it reports documents a second and
documents per CPU-second (main and workers; unlike the wall-clock rate it does not drop
when other programs share the cores), and the peak RSS of the largest process (main or
worker), sampled with psutil. A last run times each stage alone in one process (the
tokenizer, then each pipeline component over all documents) and gives the rate of the
rule-based stages (every component but a trained NER and the relations) and of all
components, without the tokenizer (one document at a time, so a batched NER is slower
here than in `nlp.pipe`).
`memory` runs `extractor extract` on synthetic corpora of growing size and reports the
peak RSS of its processes, to show that it does not grow with the corpus.
The synthetic corpus is abstract-length oncology text with genes, variants and drugs.
"""
from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import psutil
import typer

GENE_VARIANTS = [("HER2", "L755S"), ("HER2", "V777L"), ("EGFR", "T790M"), ("EGFR", "L858R"), ("EGFR", "C797S"),
                 ("BRAF", "V600E"), ("KRAS", "G12C"), ("KRAS", "G12D"), ("ALK", "F1174L"), ("ALK", "G1202R"),
                 ("PIK3CA", "H1047R"), ("PIK3CA", "E545K"), ("ESR1", "Y537S"), ("ESR1", "D538G"), ("MET", "D1228N")]
DRUGS = ["neratinib", "osimertinib", "erlotinib", "gefitinib", "vemurafenib", "dabrafenib", "sotorasib",
         "crizotinib", "lorlatinib", "alpelisib", "fulvestrant", "lapatinib", "trastuzumab", "poziotinib"]
TUMORS = ["non-small cell lung cancer", "invasive lobular carcinoma", "HER2-positive breast cancer", "melanoma",
          "colorectal cancer", "ER+ breast cancer", "triple-negative breast cancer", "NSCLC"]
TEMPLATES = [
    "{gene} {variant} confers resistance to {drug} in {tumor} models.",
    "Patients with {gene} {variant}-mutant {tumor} responded to {drug}.",
    "{drug} was highly potent in {gene} {variant} cell lines.",
    "Acquired {gene} {variant} did not confer resistance to {drug}.",
    "These findings suggest that {drug} may overcome {gene} {variant}-mediated resistance.",
    "{gene} amplification was associated with poor outcome in {tumor}.",
    "Expression of {gene} was measured by immunohistochemistry in {n} tumour samples.",
    "The median progression-free survival was {m} months (95% CI, {m}-{k}) in the {drug} arm.",
    "In total, {n} patients with {tumor} were enrolled between 2015 and 2020.",
    "Adverse events of grade 3 or higher occurred in {m}% of patients treated with {drug}.",
    "Cells harbouring {gene} {variant} were sensitive to {drug} but not to {drug2}.",
    "Whole-exome sequencing of {n} tumours identified recurrent alterations in {gene} and {gene2}.",
]
STAGES = {"tokenization": None, "entities (no relations)": ["relations"], "full pipeline": []}
NOT_RULE_STAGES = {"extractor_ner", "extractor_relations"}  # factories of the stages the rule rate leaves out
SAMPLE_SECONDS = 0.05


def synthetic_docs(n: int, seed: int = 13) -> Iterator[dict]:
    """`n` abstract-length documents (14-19 sentences, about 1,300 characters)."""
    rng = random.Random(seed)
    for number in range(n):
        sentences = [_sentence(rng) for _ in range(rng.randint(14, 19))]
        yield {"doc_id": f"syn{number:07d}", "text": " ".join(sentences)}


def _sentence(rng: random.Random) -> str:
    gene, variant = rng.choice(GENE_VARIANTS)
    gene2 = rng.choice([g for g, _ in GENE_VARIANTS if g != gene])
    drug, drug2 = rng.sample(DRUGS, 2)
    sentence = rng.choice(TEMPLATES).format(gene=gene, variant=variant, gene2=gene2, drug=drug, drug2=drug2,
                                        tumor=rng.choice(TUMORS), n=rng.randint(12, 480), m=rng.randint(2, 40),
                                        k=rng.randint(41, 90))
    return sentence[0].upper() + sentence[1:]


@contextmanager
def peak_rss() -> Iterator[dict]:
    """Samples the RSS of this process and its children; `peak` holds the largest single-process RSS in MB."""
    result = {"peak": 0.0}
    stop = threading.Event()
    me = psutil.Process()

    def sample() -> None:  # now, then every SAMPLE_SECONDS until stopped
        while True:
            for process in [me, *me.children(recursive=True)]:
                try:
                    result["peak"] = max(result["peak"], process.memory_info().rss / 2**20)
                except psutil.Error:
                    pass
            if stop.wait(SAMPLE_SECONDS):
                return

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()


def measure(extractor, texts: list[str], disable: list[str] | None, n_process: int, batch_size: int) -> dict:
    """Documents a second and peak RSS of `extract_many` over `texts` with pipes disabled."""
    names = extractor.nlp.pipe_names if disable is None else disable
    with extractor.nlp.select_pipes(disable=names), peak_rss() as rss:
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        count = sum(1 for _ in extractor.extract_many(texts, n_process=n_process, batch_size=batch_size))
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    return {"docs": count, "seconds": round(seconds, 2), "docs_per_s": round(count / seconds, 1),
            "docs_per_cpu_s": round(count / cpu, 1), "peak_rss_mb": round(rss["peak"])}


def stage_times(extractor, texts: list[str]) -> dict:
    """Milliseconds a document in the tokenizer and in each pipeline component (each document
    run through the stages in turn, one at a time, as `extract` does), and the documents a
    second of the rule-based stages and of all components (neither counts the tokenizer)."""
    pipeline = extractor.nlp.pipeline
    seconds = dict.fromkeys(["tokenizer"] + [name for name, _ in pipeline], 0.0)
    clock = time.perf_counter
    for text in texts:
        started = clock()
        doc = extractor.make_doc(text)
        seconds["tokenizer"] += clock() - started
        for name, component in pipeline:
            started = clock()
            doc = component(doc)
            seconds[name] += clock() - started
    factories = {name: extractor.nlp.get_pipe_meta(name).factory for name, _ in pipeline}
    rules = sum(seconds[name] for name, factory in factories.items() if factory not in NOT_RULE_STAGES)
    components = sum(seconds[name] for name in factories)
    return {"ms_per_doc": {name: round(1000 * s / len(texts), 3) for name, s in seconds.items()},
            "rule_stages_docs_per_s": round(len(texts) / rules, 1),
            "components_docs_per_s": round(len(texts) / components, 1)}


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers once joined)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def throughput(
    docs: Annotated[int, typer.Option("--docs", min=1, help="Synthetic documents to generate.")] = 2000,
    corpus: Annotated[Optional[Path], typer.Option(
        "--corpus", exists=True, help="Use this corpus instead (JSONL with 'text', PubTator, or any input format); "
                                      "its first --docs documents.")] = None,
    processes: Annotated[list[int], typer.Option("--n-process", "-n", min=1, help="Process counts to try.")] = [1, 2],
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 32,
    warmup: Annotated[int, typer.Option(
        "--warmup", min=0, help="Documents run before timing, not among the timed ones (the tokenizer's cache "
                                "warms as it does on a long run).")] = 100,
    config: Annotated[Optional[str], typer.Option(
        "--config", help="Pipeline config under models/ (default: the default pipeline).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Documents a second and peak memory for tokenization only, entities without relations and the
    full pipeline, with 1 and 2 processes."""
    from extractor import load
    from extractor.readers import read_inputs

    if corpus is None:
        texts = [d["text"] for d in synthetic_docs(warmup + docs)]
    else:
        texts = [d.text for _, d in zip(range(warmup + docs), read_inputs([str(corpus)])) if not d.error]
    if len(texts) <= warmup:
        raise typer.BadParameter(f"the corpus has {len(texts)} documents, no more than --warmup {warmup}")
    warm, texts = texts[:warmup], texts[warmup:]
    chars = sum(map(len, texts)) / max(1, len(texts))
    results = []
    for stage, disable in STAGES.items():
        for n_process in processes:
            # a pipeline of its own for each run: the tokenizer caches the words it has seen, so a
            # run over texts an earlier run has tokenized would look faster than a run over new ones
            extractor = load(config)
            for _ in extractor.extract_many(warm):
                pass
            measured = measure(extractor, texts, disable, n_process, batch_size)
            result = {"stage": stage, "n_process": n_process, **measured}
            results.append(result)
            if not json_out:
                typer.echo(f"{stage:<24} {n_process} process{'es' if n_process > 1 else '  '} "
                           f"{result['docs_per_s']:>8.1f} docs/s {result['docs_per_cpu_s']:>8.1f} docs/CPU-s  "
                           f"peak RSS {result['peak_rss_mb']:>5} MB", err=True)
    extractor = load(config)
    for _ in extractor.extract_many(warm):
        pass
    stages = stage_times(extractor, texts)
    if json_out:
        typer.echo(json.dumps({"documents": len(texts), "warmup": len(warm), "config": config or "default",
                               "mean_chars": round(chars), "results": results, "stages": stages}, indent=1))
    else:
        typer.echo("stages alone, 1 process, ms a document: " + ", ".join(
            f"{name} {ms:.3f}" for name, ms in stages["ms_per_doc"].items()), err=True)
        typer.echo(f"rule-based stages (no tokenizer, NER or relations) {stages['rule_stages_docs_per_s']:.1f} docs/s, "
                   f"all components (no tokenizer) {stages['components_docs_per_s']:.1f} docs/s", err=True)
        typer.echo(f"{len(texts)} documents ({len(warm)} more before timing), {chars:.0f} characters on average, "
                   f"pipeline {config or 'default'}", err=True)


def memory(
    docs: Annotated[list[int], typer.Option("--docs", min=1, help="Corpus sizes to run.")] = [1000, 10000],
    n_process: Annotated[int, typer.Option("--n-process", "-n", min=1)] = 2,
    json_out: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Peak RSS of `extractor extract` (its largest process, main or worker) on synthetic corpora of each size."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in docs:
            corpus, out = Path(tmp, f"corpus{size}.jsonl"), Path(tmp, f"out{size}.jsonl")
            with open(corpus, "w", encoding="utf-8") as stream:
                stream.writelines(json.dumps(d) + "\n" for d in synthetic_docs(size))
            command = [sys.executable, "-m", "extractor", "extract", str(corpus), "-o", str(out),
                       "-n", str(n_process), "--quiet"]
            with peak_rss() as rss:
                started = time.perf_counter()
                subprocess.run(command, check=True)
                seconds = time.perf_counter() - started
            result = {"docs": size, "n_process": n_process, "seconds": round(seconds, 1),
                      "docs_per_s": round(size / seconds, 1), "peak_rss_mb": round(rss["peak"])}
            results.append(result)
            if not json_out:
                typer.echo(f"{size:>8} documents, {n_process} processes: {result['docs_per_s']:.1f} docs/s, "
                           f"peak RSS {result['peak_rss_mb']} MB (largest process)", err=True)
    if json_out:
        typer.echo(json.dumps(results, indent=1))
