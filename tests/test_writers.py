import json

import bioc
import pandas as pd
import pytest

from extractor.readers import read_inputs
from extractor.readers.pubtator import parse_pubtator
from extractor.writers import open_writer, output_format_of
from extractor.writers.rows import COLUMNS, record_rows, rows_record

TEXTS = {"d1": "HER2 L755S confers resistance to neratinib.\nPoziotinib is highly potent in HER2 L755S models.",
         "d2": "EGFR T790M tumors did not respond to gefitinib.", "d3": ""}


@pytest.fixture(scope="module")
def records(extractor):
    from extractor.pipeline import InputDoc

    return list(extractor.extract_many(InputDoc(k, v) for k, v in TEXTS.items()))


def write(records, output, fmt="auto"):
    writer = open_writer(str(output), fmt)
    for record in records:
        writer.write(record)
    writer.close()


@pytest.mark.parametrize("output, fmt", [
    ("out.jsonl", "jsonl"), ("-", "jsonl"), ("out.csv", "csv"), ("out.parquet", "parquet"),
    ("out.pubtator", "pubtator"), ("out.bioc.xml", "bioc"), ("out.xml", "bioc"), ("brat/", "brat"),
    ("out.sqlite", "sqlite"), ("sqlite:///x.db", "sqlite"), ("postgresql://u@localhost/db", "postgresql"),
    ("out.txt", "jsonl")])
def test_output_format_by_name(output, fmt):
    assert output_format_of(output) == fmt


def test_unknown_format_and_resume_of_unresumable_output(tmp_path):
    with pytest.raises(ValueError, match="unknown output format 'xls'"):
        output_format_of("x", "xls")
    with pytest.raises(ValueError, match="--resume works with jsonl, sqlite, postgresql outputs, not csv"):
        open_writer(str(tmp_path / "x.csv"), resume=True)


def test_rows_round_trip(records):
    for record in records:
        rows = record_rows(record)
        assert rows_record(rows["documents"][0], rows["entities"], rows["relations"]) == record


def test_members_of_a_composite_gene_round_trip_as_json_text(extractor):
    record = extractor.extract("BRCA1/2 mutations confer sensitivity to olaparib.", doc_id="m1")
    rows = record_rows(record)
    assert [row["members"] for row in rows["entities"]] == [
        '[{"canonical": "BRCA1", "normalized": "HGNC:1100"}, {"canonical": "BRCA2", "normalized": "HGNC:1101"}]',
        None, None]
    assert rows_record(rows["documents"][0], rows["entities"], rows["relations"]) == record


def test_jsonl(tmp_path, records):
    write(records, tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables(tmp_path, records, fmt):
    write(records, tmp_path / f"out.{fmt}")
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    for table in COLUMNS:
        frame = read(tmp_path / f"out.{table}.{fmt}", keep_default_na=False) if fmt == "csv" else \
            read(tmp_path / f"out.{table}.{fmt}")
        expected = [row for record in records for row in record_rows(record)[table]]
        assert list(frame.columns) == [name for name, _ in COLUMNS[table]]
        assert len(frame) == len(expected)
        assert list(frame["doc_id"]) == [row["doc_id"] for row in expected]
    entities = pd.read_parquet(tmp_path / "out.entities.parquet") if fmt == "parquet" else None
    if entities is not None:
        assert set(entities["canonical"]) >= {"ERBB2", "L755S", "neratinib", "poziotinib", "EGFR"}


def test_tables_in_a_folder(tmp_path, records):
    write(records, tmp_path / "tables", "csv")
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == [
        "documents.csv", "entities.csv", "relations.csv"]


def test_pubtator_reads_back(tmp_path, records):
    write(records, tmp_path / "out.pubtator")
    with open(tmp_path / "out.pubtator", encoding="utf-8") as lines:
        back = list(parse_pubtator(lines))
    assert [r["doc_id"] for r in back] == ["d1", "d2"]  # the empty document is an error: left out
    for record, read in zip(records, back):
        assert read["text"].rstrip() == record["text"].replace("\n", " ")
        assert [(e["start"], e["end"], e["text"], e["label"]) for e in read["entities"]] == \
            [(e["start"], e["end"], e["text"], e["label"]) for e in record["entities"]]
        assert len(read["pubtator_relations"]) == len(record["relations"])
    assert {"type": "RESISTANT_TO", "arg1": "p.Leu755Ser", "arg2": "DB11828", "novelty": None} in \
        back[0]["pubtator_relations"]


def test_bioc_reads_back(tmp_path, records):
    write(records, tmp_path / "out.bioc.xml")
    with open(tmp_path / "out.bioc.xml", encoding="utf-8") as stream:
        collection = bioc.biocxml.load(stream)
    assert [d.id for d in collection.documents] == ["d1", "d2"]
    document = collection.documents[0]
    text = document.passages[0].text
    for annotation, entity in zip(document.passages[0].annotations, records[0]["entities"]):
        location = annotation.locations[0]
        assert text[location.offset:location.end] == annotation.text == entity["text"]
        assert annotation.infons["type"] == entity["label"]
        assert annotation.infons["identifier"] == entity["normalized"]
    relation = document.relations[0]
    assert relation.infons["type"] == records[0]["relations"][0]["type"]
    assert [(n.refid, n.role) for n in relation.nodes] == [
        (records[0]["relations"][0]["subject"], "subject"), (records[0]["relations"][0]["object"], "object")]
    assert [d.text for d in read_inputs([str(tmp_path / "out.bioc.xml")])] == [TEXTS["d1"], TEXTS["d2"]]


def test_brat(tmp_path, records):
    write(records, tmp_path / "brat", "brat")
    assert sorted(p.name for p in (tmp_path / "brat").iterdir()) == ["d1.ann", "d1.txt", "d2.ann", "d2.txt"]
    text = (tmp_path / "brat" / "d1.txt").read_text(encoding="utf-8")
    assert text == TEXTS["d1"]
    lines = (tmp_path / "brat" / "d1.ann").read_text(encoding="utf-8").splitlines()
    spans = [line.split("\t") for line in lines if line.startswith("T")]
    for _, label_span, mention in spans:
        _, start, end = label_span.split()
        assert text[int(start):int(end)] == mention
    assert any(line.startswith("R1\tRESISTANT_TO Arg1:T") for line in lines)
    assert "N1\tReference T1 HGNC:3430\tERBB2" in lines
    negated = (tmp_path / "brat" / "d2.ann").read_text(encoding="utf-8")
    assert all(r["negated"] for r in records[1]["relations"]) and "\tnegated" in negated
