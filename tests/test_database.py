import json
import os
import uuid

import pytest
from sqlalchemy import create_engine, func, inspect, make_url, select, text
from typer.testing import CliRunner

from extractor.cli import app
from extractor.database import TABLES, engine_for, read_records
from extractor.writers.rows import record_rows

runner = CliRunner()
POSTGRES = os.environ.get("EXTRACTOR_TEST_POSTGRES", "postgresql://extractor:extractor@localhost:5432/extractor_test")
DOCS = [{"doc_id": "a", "text": "HER2 L755S confers resistance to neratinib in ILC."},
        {"doc_id": "b", "text": "EGFR T790M tumors did not respond to gefitinib; osimertinib was active."},
        {"doc_id": "c", "text": ""},
        {"doc_id": "d",
         "text": "Trastuzumab targets HER2-positive breast cancer. BRAF V600E melanoma responded to vemurafenib."},
        {"doc_id": "e", "text": "BRCA1/2 mutations confer sensitivity to olaparib."}]


@pytest.fixture(scope="module")
def postgres_url():
    try:
        with engine_for(POSTGRES).connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001  any connection failure
        where = make_url(POSTGRES).render_as_string(hide_password=True)
        message = f"no PostgreSQL server at {where} ({type(exc).__name__}); .ci/run starts one"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return POSTGRES


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCS) + "{broken\n", encoding="utf-8")
    return path


def extract(*args):
    result = runner.invoke(app, ["extract", *map(str, args), "--quiet"])
    assert result.exit_code == 0, result.output
    return result


def jsonl_records(corpus, tmp_path):
    extract(corpus, "-o", tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines), key=lambda r: r["doc_id"])


def row_counts(url, run_id):
    engine = engine_for(url)
    with engine.connect() as conn:
        counts = {name: conn.scalar(select(func.count()).select_from(table).where(table.c.run_id == run_id))
                  for name, table in TABLES.items()}
    engine.dispose()
    return counts


def check_same_as_jsonl(url, corpus, tmp_path):
    run_id = f"test-{uuid.uuid4().hex[:8]}"
    expected = jsonl_records(corpus, tmp_path)
    extract(corpus, "-o", url, "--run-id", run_id)
    assert list(read_records(url, run_id)) == expected
    rows = [record_rows(r) for r in expected]
    assert row_counts(url, run_id) == {name: sum(len(r[name]) for r in rows) for name in TABLES}
    extract(corpus, "-o", url, "--run-id", run_id)  # the same run again: rows replaced, not added
    assert list(read_records(url, run_id)) == expected
    assert row_counts(url, run_id)["entities"] == sum(len(r["entities"]) for r in rows)
    return run_id


def test_sqlite_holds_the_same_records_as_jsonl(tmp_path, corpus):
    database = tmp_path / "results.sqlite"
    run_id = check_same_as_jsonl(str(database), corpus, tmp_path)
    engine = create_engine(f"sqlite:///{database}")
    indexes = {i["name"] for name in ("entities", "relations") for i in inspect(engine).get_indexes(name)}
    assert {"ix_entities_gene", "ix_entities_variant_gene", "ix_relations_gene_variant", "ix_relations_drug"} <= indexes
    with engine.connect() as conn:
        finished = conn.execute(text("SELECT finished_at, command FROM runs WHERE run_id = :r"), {"r": run_id}).one()
        drugs = conn.execute(text("SELECT drug FROM relations WHERE run_id = :r AND gene = 'ERBB2' "
                                  "AND variant = 'L755S'"), {"r": run_id}).scalars().all()
    assert finished[0] is not None and finished[1].startswith("extractor ")
    assert drugs == ["neratinib"]


def test_postgresql_holds_the_same_records_as_jsonl(tmp_path, corpus, postgres_url):
    check_same_as_jsonl(postgres_url, corpus, tmp_path)


def test_resume_latest_run_in_sqlite(tmp_path, corpus):
    database = str(tmp_path / "r.sqlite")
    expected = jsonl_records(corpus, tmp_path)
    full = corpus.read_text(encoding="utf-8")
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCS[:2]), encoding="utf-8")
    extract(corpus, "-o", database)
    corpus.write_text(full, encoding="utf-8")  # the corpus grew: only the new documents are run
    result = runner.invoke(app, ["extract", str(corpus), "-o", database, "--resume"])
    assert result.exit_code == 0, result.output
    assert "(2 already in the output, skipped)" in result.stderr
    engine = engine_for(database)
    with engine.connect() as conn:
        [run_id] = conn.execute(text("SELECT run_id FROM runs")).scalars().all()
    assert list(read_records(database, run_id)) == expected


def test_resume_needs_a_run(tmp_path, corpus):
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "empty.sqlite"), "--resume"],
                           env={"COLUMNS": "300"})
    assert result.exit_code == 2 and "holds no run to resume" in result.output


def test_tables_of_an_older_version_get_the_new_columns(tmp_path, corpus):
    database = str(tmp_path / "old.sqlite")
    extract(corpus, "-o", database, "--run-id", "old")
    engine = engine_for(database)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_entities_normalized"))
        conn.execute(text("ALTER TABLE entities DROP COLUMN normalized"))
    extract(corpus, "-o", database, "--run-id", "new")
    assert "normalized" in {c["name"] for c in inspect(engine).get_columns("entities")}
    assert [r["entities"] for r in read_records(database, "new")] == \
        [r["entities"] for r in jsonl_records(corpus, tmp_path)]
