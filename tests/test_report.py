"""Reports (terminal, Markdown, HTML) and the `evaluate` command."""

import base64
import json
import re
from html.parser import HTMLParser

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from evaluation.cli import evaluate
from evaluation.report import html, markdown, table, write_report
from evaluation.scoring import score

TEXT = "HER2 L755S confers resistance to neratinib. Poziotinib is potent in HER2-positive cells."
GOLD = {"doc_id": "d1", "text": TEXT, "relations": [], "entities": [
    {"start": 0, "end": 4, "text": "HER2", "label": "GENE", "normalized": "HGNC:3430"},
    {"start": 5, "end": 10, "text": "L755S", "label": "VARIANT", "normalized": "p.Leu755Ser"},
    {"start": 33, "end": 42, "text": "neratinib", "label": "DRUG", "normalized": "DB11828"}]}
PRED = {"doc_id": "d1", "text": TEXT, "relations": [], "entities": [
    {"start": 0, "end": 4, "text": "HER2", "label": "GENE", "normalized": "HGNC:3430",
     "confidence": 0.9},
    {"start": 5, "end": 9, "text": "L755", "label": "VARIANT", "normalized": "p.Leu755Ser",
     "confidence": 0.7},
    {"start": 44, "end": 54, "text": "Poziotinib", "label": "DRUG", "normalized": "DB12114",
     "confidence": 0.4}]}
# strict: GENE 1/0/0; VARIANT 0/1/1; DRUG 0/1/1 -> micro P = R = 0.333, F1 0.333


@pytest.fixture
def result():
    return score([GOLD], [PRED], bootstrap=100, details=True)


class _Checker(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    VOID = {"meta", "img", "br", "hr"}

    def __init__(self):
        super().__init__()
        self.open = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, f"unbalanced </{tag}>"


def test_markdown_has_tables_numbers_and_marked_errors(result):
    text = markdown(result)
    assert "## Entities, strict span" in text
    assert "| micro | 0.333 | 0.333 | 0.333 | 0.333-0.333 | 1 | 2 | 2 |" in text
    assert "| VARIANT | 0.000 | 0.000 | 0.000 | 0.000-0.000 | 0 | 1 | 1 |" in text
    assert "### DRUG: spurious (1)" in text
    assert "**Poziotinib** is potent in HER2-positive cells." in text
    assert "Relations" not in text  # nothing to score there


def test_html_is_self_contained_balanced_and_marks_spans(result):
    page = html(result)
    _Checker().feed(page)
    assert "<td>micro</td><td>0.333</td><td>0.333</td><td>0.333</td>" in page
    assert "<mark>Poziotinib</mark> is potent in HER2-positive cells." in page
    assert "<summary>VARIANT: boundary (2)</summary>" in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 2  # PR curve and per-label F1
    assert all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert not re.search(r'(src|href)="(?!data:)', page)  # nothing fetched from outside


def test_write_report_by_extension(tmp_path, result):
    write_report(tmp_path / "r.md", result)
    write_report(tmp_path / "r.html", result)
    assert (tmp_path / "r.md").read_text().startswith("# Evaluation report")
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(tmp_path / "r.pdf", result)


def test_terminal_table(result):
    console = Console(record=True, width=120)
    console.print(table(result))
    text = console.export_text()
    assert re.search(r"micro\s+0\.333\s+0\.333\s+0\.333\s+0\.333-0\.333\s+1\s+2\s+2", text)
    assert "Documents: 1 gold, 1 predicted" in text


# -- the command ---------------------------------------------------------------------

app = typer.Typer()
app.command()(evaluate)
runner = CliRunner()


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return str(path)


def test_cli_json_and_reports(tmp_path):
    gold, pred = write_jsonl(tmp_path / "g.jsonl", [GOLD]), write_jsonl(tmp_path / "p.jsonl", [PRED])
    run = runner.invoke(app, ["--gold", gold, "--pred", pred, "--json", "--bootstrap", "0",
                              "--report", str(tmp_path / "r.md"), "--report", str(tmp_path / "r.html")])
    assert run.exit_code == 0, run.output
    printed = json.loads(run.stdout)
    assert printed == score([GOLD], [PRED])
    assert "| micro | 0.333 |" in (tmp_path / "r.md").read_text()
    assert "<mark>" in (tmp_path / "r.html").read_text()


def test_cli_scores_relation_only_gold_without_entities(tmp_path):
    relation = {"type": "RESISTANT_TO", "gene": "EGFR", "variant": "T790M", "drug": "erlotinib", "negated": False}
    gold = write_jsonl(tmp_path / "g.jsonl", [{"doc_id": "s1", "text": "x", "entities": [], "relations": [relation]}])
    pred = write_jsonl(tmp_path / "p.jsonl", [{"doc_id": "s1", "text": "x", "relations": [relation], "entities": [
        {"id": "T1", "start": 0, "end": 1, "label": "GENE", "normalized": "HGNC:3236"}]}])
    run = runner.invoke(app, ["--gold", gold, "--pred", pred, "--json", "--bootstrap", "0"])
    assert run.exit_code == 0, run.output
    assert "the gold labels relations only: entities are not scored" in run.stderr
    printed = json.loads(run.stdout)
    assert printed["relations"]["micro"]["tp"] == 1 and printed["strict"]["micro"]["fp"] == 0


def test_cli_reads_pubtator_gold_with_label_map(tmp_path):
    gold = tmp_path / "gold.txt"
    gold.write_text("7|t|HER2 L755S\n7|a|text\n7\t0\t4\tHER2\tGeneOrGeneProduct\t2064\n")
    pred = write_jsonl(tmp_path / "p.jsonl", [{"doc_id": "7", "entities": [
        {"start": 0, "end": 4, "label": "GENE", "normalized": "2064"}]}])
    run = runner.invoke(app, ["--gold", str(gold), "--pred", pred, "--label-map", "biored", "--json"])
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout)["strict"]["GENE"]["f1"] == 1.0


@pytest.mark.parametrize("args, message", [
    (["--gold", "missing.jsonl", "--pred", "{pred}"], "does not exist"),
    (["--gold", "{bad}", "--pred", "{pred}"], "line 2: not valid JSON"),
    (["--gold", "{gold}", "--pred", "{pred}", "--label-map", "nope"], "unknown label map 'nope'"),
    (["--gold", "{gold}", "--pred", "{pred}", "--gold-format", "xml"], "use auto, jsonl, pubtator or bioc"),
    (["--gold", "{gold}", "--pred", "{pred}", "--report", "r.pdf"], "use a .md or .html file name"),
])
def test_cli_usage_errors(tmp_path, args, message):
    paths = {"gold": write_jsonl(tmp_path / "g.jsonl", [GOLD]),
             "pred": write_jsonl(tmp_path / "p.jsonl", [PRED]),
             "bad": str(tmp_path / "bad.jsonl")}
    (tmp_path / "bad.jsonl").write_text(json.dumps(GOLD) + "\n{not json\n")
    run = runner.invoke(app, [arg.format(**paths) for arg in args])
    assert run.exit_code == 2
    assert message in " ".join(re.sub(r"[│╭╮╰╯─]", " ", run.output).split())


BIOC_GOLD = """<?xml version='1.0' encoding='UTF-8'?>
<collection><source>test</source><date>2026</date><key>k</key>
<document><id>9</id>
<passage><infon key="type">title</infon><offset>0</offset><text>HER2 L755S</text>
<annotation id="1"><infon key="type">GeneOrGeneProduct</infon><infon key="identifier">2064</infon>
<location offset="0" length="4"/><text>HER2</text></annotation></passage>
<passage><infon key="type">abstract</infon><offset>11</offset><text>Neratinib fails.</text>
<annotation id="2"><infon key="type">ChemicalEntity</infon><infon key="identifier">C487932</infon>
<location offset="11" length="9"/><text>Neratinib</text></annotation></passage>
</document></collection>
"""


def test_cli_reads_bioc_gold_with_label_map(tmp_path):
    gold = tmp_path / "gold.xml"
    gold.write_text(BIOC_GOLD)
    pred = write_jsonl(tmp_path / "p.jsonl", [{"doc_id": "9", "text": "HER2 L755S Neratinib fails.", "entities": [
        {"start": 0, "end": 4, "label": "GENE", "normalized": "2064"},
        {"start": 11, "end": 20, "label": "DRUG", "normalized": "DB11828"}]}])
    run = runner.invoke(app, ["--gold", str(gold), "--pred", pred, "--label-map", "biored", "--json",
                              "--bootstrap", "0"])
    assert run.exit_code == 0, run.output
    scores = json.loads(run.stdout)
    assert scores["strict"]["micro"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 2, "fp": 0, "fn": 0}
    assert scores["normalized"]["DRUG"]["fp"] == 1  # identifiers differ: DrugBank vs MeSH
