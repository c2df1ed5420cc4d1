import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app

runner = CliRunner()


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_extract_folder_with_bad_files(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("HER2 L755S confers resistance to neratinib.", encoding="utf-8")
    (docs / "empty.txt").write_text("", encoding="utf-8")
    (docs / "latin1.txt").write_bytes("caf\xe9 HER2".encode("latin-1"))
    (docs / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(docs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = {r["doc_id"]: r for r in read_jsonl(out)}
    assert set(records) == {"good", "empty", "latin1", "binary"}
    assert records["empty"]["error"] == "empty document"
    assert records["latin1"]["error"] == "not valid UTF-8: byte 0xe9 at offset 3"
    assert records["binary"]["error"] == "binary file (contains NUL bytes), not text"
    good = records["good"]
    assert "error" not in good
    assert {(r["variant"], r["drug"], r["type"]) for r in good["relations"]} == {("L755S", "neratinib", "RESISTANT_TO")}
    assert "4 documents" in result.stderr and "3 errors" in result.stderr


def test_extract_jsonl_keeps_doc_ids_and_reports_bad_lines(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"doc_id": "p1", "text": "EGFR T790M"}\n{not json}\n{"doc_id": "p3"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(source), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert [r["doc_id"] for r in records] == ["p1", "in:2", "p3"]
    assert records[0]["entities"][1]["canonical"] == "T790M"
    assert records[1]["error"].startswith("line 2: malformed JSON")
    assert records[2]["error"] == "line 3: no string field 'text'"


def test_missing_input_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file, folder or glob match" in result.output


def test_stdin_and_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "extractor", "extract", "-", "--quiet"],
                            input=b"Trastuzumab targets HER2.", capture_output=True, check=True)
    [record] = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["doc_id"] == "stdin"
    assert [(e["text"], e["label"]) for e in record["entities"]] == [("Trastuzumab", "DRUG"), ("HER2", "GENE")]


def test_extract_many_in_two_processes_keeps_order(extractor):
    texts = [f"EGFR T790M case {i}." for i in range(6)] + [""]
    records = list(extractor.extract_many(texts, n_process=2, batch_size=2))
    assert [r["doc_id"] for r in records] == [str(i) for i in range(7)]
    assert records[-1]["error"] == "empty document"
    assert all(r["entities"][1]["canonical"] == "T790M" for r in records[:-1])


def test_default_pipeline_has_the_trained_ner_and_fast_mode_has_not(tmp_path, extractor, default_extractor):
    assert "ner" in default_extractor.nlp.pipe_names and "ner" not in extractor.nlp.pipe_names
    source = tmp_path / "a.txt"
    source.write_text("HER2 L755S confers resistance to neratinib.", encoding="utf-8")
    for flags in ([], ["--fast"], ["--accurate"]):
        out = tmp_path / f"out{len(flags)}{''.join(flags)}.jsonl"
        result = runner.invoke(app, ["extract", str(source), "-o", str(out), "--quiet", *flags])
        assert result.exit_code == 0, result.output
        [record] = read_jsonl(out)
        assert {(r["variant"], r["drug"], r["type"]) for r in record["relations"]} == {
            ("L755S", "neratinib", "RESISTANT_TO")}
    both = runner.invoke(app, ["extract", str(source), "--fast", "--config", "config.cfg"])
    assert both.exit_code == 2 and "give one of --config, --fast" in both.output


def test_mode_flags_name_the_configs():
    from pathlib import Path

    from extractor.cli import _pipeline_config

    assert _pipeline_config(None, True, False) == Path("config.cfg")
    assert _pipeline_config(None, False, True) == Path("config_ner.cfg")
    assert _pipeline_config(Path("mine.cfg"), False, False) == Path("mine.cfg")
    assert _pipeline_config(None, False, False) is None
