import json
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from evaluation.throughput import synthetic_docs
from extractor.batch import run_batch
from extractor.cli import app
from extractor.pipeline import IN_FLIGHT_BATCHES, Extractor, InputDoc
from extractor.readers import read_inputs
from extractor.writers.jsonl import JsonlWriter
from samples import BIOC_JSON, HTML, PUBMED, PUBTATOR

runner = CliRunner()


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_corpus(path, n):
    path.write_text("".join(json.dumps(d) + "\n" for d in synthetic_docs(n)), encoding="utf-8")


def test_mixed_formats_every_good_document_extracted_every_bad_one_reported(tmp_path):
    (tmp_path / "pubmed.xml").write_text(PUBMED, encoding="utf-8")
    (tmp_path / "broken.xml").write_text(PUBMED[:700], encoding="utf-8")  # article 111, then cut off
    (tmp_path / "c.json").write_text(json.dumps(BIOC_JSON), encoding="utf-8")
    (tmp_path / "x.pubtator").write_text(PUBTATOR, encoding="utf-8")
    (tmp_path / "release.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nul.txt").write_bytes(b"HER2\x00")
    big = "HER2 L755S confers resistance to neratinib. " * 120_000
    (tmp_path / "big.jsonl").write_text(json.dumps({"doc_id": "big", "text": big}) + "\n{oops\n")
    out = tmp_path / "out.jsonl"
    inputs = sorted(str(p) for p in tmp_path.iterdir())
    result = runner.invoke(app, ["extract", *inputs, "-o", str(out), "-n", "2", "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    records = {r["doc_id"]: r for r in lines(out)}
    good = {"111", "222", "555", "777", "999", "release"}
    bad = {"broken.xml:error", "666", "888", "empty", "nul", "big", "big:2"}
    assert set(records) == good | bad
    assert all("error" not in records[d] and records[d]["entities"] for d in good)
    assert all(records[d]["error"] for d in bad)
    assert records["big"]["error"] == "document has 5,280,000 characters; the limit is 1,000,000"
    assert f"{len(lines(out))} documents" in result.stderr and f"{len(bad)} errors" in result.stderr


def test_a_failing_document_does_not_stop_the_batch(extractor):
    class FragileLanguage:
        make_doc = extractor.nlp.make_doc

        def __call__(self, doc):
            if "boom" in doc.text:
                raise RuntimeError("component failed")
            return extractor.nlp(doc)

        def pipe(self, docs, batch_size):
            return map(self, docs)

    fragile = Extractor(FragileLanguage())
    records = list(fragile.extract_many(["EGFR T790M.", "boom", "BRAF V600E."], n_process=2, batch_size=1))
    assert [r.get("error") for r in records] == [None, "RuntimeError: component failed", None]
    assert records[2]["entities"][1]["canonical"] == "V600E"


def test_inputs_are_read_lazily_with_a_bounded_window(extractor):
    consumed = 0

    def texts():
        nonlocal consumed
        for i in range(400):
            consumed += 1
            yield InputDoc(str(i), "EGFR T790M." if i % 2 else "")

    window = 2 * 4 * IN_FLIGHT_BATCHES
    most_ahead = 0
    for done, _ in enumerate(extractor.extract_many(texts(), n_process=2, batch_size=4), start=1):
        most_ahead = max(most_ahead, consumed - done)
    assert done == 400 and most_ahead <= window


def test_resume_after_a_cut_off_output_gives_the_uninterrupted_output(tmp_path):
    corpus, full, cut = tmp_path / "in.jsonl", tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    write_corpus(corpus, 12)
    assert runner.invoke(app, ["extract", str(corpus), "-o", str(full), "-q"]).exit_code == 0
    data = full.read_bytes()
    cut.write_bytes(data[: data.index(b"\n", len(data) // 2) + 40])  # a killed run: a half-written line
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(cut), "--resume"])
    assert result.exit_code == 0, result.output
    assert cut.read_bytes() == data
    assert "already in the output, skipped" in result.stderr


def test_ctrl_c_leaves_whole_lines_and_resume_completes_the_run(tmp_path, default_extractor):
    corpus, out, reference = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    write_corpus(corpus, 1200)  # enough that the run cannot end before the signal arrives
    command = [sys.executable, "-m", "extractor", "extract", str(corpus), "-o", str(out), "-n", "2", "-q"]
    # a shell's background job starts with SIGINT ignored, and the child would inherit that
    process = subprocess.Popen(command, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.default_int_handler))
    deadline = time.monotonic() + 60
    while (not out.exists() or out.read_bytes().count(b"\n") < 20) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert b"run the same command with --resume" in stderr
    written = out.read_bytes()
    assert written.endswith(b"\n") and 20 <= written.count(b"\n") < 1200
    subprocess.run(command + ["--resume"], check=True)
    writer = JsonlWriter(str(reference))
    run_batch(default_extractor, read_inputs([corpus]), writer)
    writer.close()
    assert out.read_bytes() == reference.read_bytes()


def test_dask_backend_writes_one_part_a_partition(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    inputs = []
    for number in range(3):
        path = tmp_path / f"in{number}.jsonl"
        path.write_text("".join(json.dumps({"doc_id": f"{number}-{i}", "text": f"EGFR T790M case {i}."}) + "\n"
                                for i in range(4)), encoding="utf-8")
        inputs.append(str(path))
    local = tmp_path / "local.jsonl"
    assert runner.invoke(app, ["extract", *inputs, "-o", str(local), "-q"]).exit_code == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        result = runner.invoke(app, ["extract", *inputs, "-o", str(tmp_path / "out.jsonl"), "--backend", "dask",
                                     "--scheduler", cluster.scheduler_address])
        assert result.exit_code == 0, result.output
        parts = sorted(tmp_path.glob("out.part-*.jsonl"))
        assert [p.name for p in parts] == [f"out.part-0000{i}.jsonl" for i in range(3)]
        assert [r for p in parts for r in lines(p)] == lines(local)
        assert "12 documents" in result.stderr
        result = runner.invoke(app, ["extract", *inputs, "-o", str(tmp_path / "two.jsonl"), "--backend", "dask",
                                     "--scheduler", cluster.scheduler_address, "--partitions", "2", "-q"])
        assert result.exit_code == 0, result.output
        assert [len(lines(p)) for p in sorted(tmp_path.glob("two.part-*.jsonl"))] == [8, 4]


@pytest.mark.skipif(os.cpu_count() < 2, reason="needs two cores")
def test_two_processes_give_the_same_records_as_one(extractor):
    texts = [d["text"] for d in synthetic_docs(40)]
    assert list(extractor.extract_many(texts, n_process=2, batch_size=3)) == list(extractor.extract_many(texts))


def test_benchmark_throughput_reports_each_stage():
    result = runner.invoke(app, ["benchmark", "throughput", "--docs", "12", "--warmup", "5", "-n", "1", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 12 and report["warmup"] == 5 and report["config"] == "default"
    assert 900 < report["mean_chars"] < 1800
    assert [r["stage"] for r in report["results"]] == ["tokenization", "entities (no relations)", "full pipeline"]
    assert all(r["docs"] == 12 and r["docs_per_s"] > 0 and r["peak_rss_mb"] > 0 for r in report["results"])
    stages = report["stages"]
    assert list(stages["ms_per_doc"]) == [
        "tokenizer", "sentences", "abbreviations", "entities", "ner", "target_classes", "relations"]
    assert all(ms > 0 for ms in stages["ms_per_doc"].values())
    rule_ms = sum(stages["ms_per_doc"][name] for name in ("sentences", "abbreviations", "entities", "target_classes"))
    assert stages["rule_stages_docs_per_s"] == pytest.approx(1000 / rule_ms, rel=0.02)
    assert stages["components_docs_per_s"] < stages["rule_stages_docs_per_s"]


def test_benchmark_throughput_needs_documents_after_the_warmup(tmp_path):
    corpus = tmp_path / "few.jsonl"
    corpus.write_text('{"doc_id": "a", "text": "EGFR T790M."}\n', encoding="utf-8")
    result = runner.invoke(app, ["benchmark", "throughput", "--corpus", str(corpus), "--warmup", "1", "-n", "1"])
    assert result.exit_code == 2
    assert "the corpus has 1 documents, no more than --warmup 1" in result.output


def test_workers_replaced_after_some_batches_give_the_same_records(extractor, monkeypatch):
    import extractor.pipeline as pipeline

    monkeypatch.setattr(pipeline, "WORKER_BATCHES", 1)  # a fresh worker for every batch
    texts = [d["text"] for d in synthetic_docs(12)]
    assert list(extractor.extract_many(texts, n_process=2, batch_size=2)) == list(extractor.extract_many(texts))
