"""End to end on the bundled seed corpus: the facts the product was specified from."""
import json
from pathlib import Path

import pytest

from conftest import relation_tuples
from extractor.readers import read_inputs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module", params=["fast", "default"])
def records(request, extractor, default_extractor):
    """The seed records from the rules-only pipeline and from the default one."""
    pipeline = extractor if request.param == "fast" else default_extractor
    return {r["doc_id"][:3]: r for r in pipeline.extract_many(read_inputs([str(CORPUS / "seeds")]))}


def entity_set(record):
    return {(e["label"], e["text"], e["normalized"]) for e in record["entities"]}


def test_key_entities(records):
    found = set().union(*(entity_set(r) for r in records.values()))
    for expected in [("GENE", "HER2", "HGNC:3430"), ("VARIANT", "L755S", "p.Leu755Ser"),
                     ("DRUG", "neratinib", "DB11828"), ("DRUG", "poziotinib", "DB12114"),
                     ("DRUG", "tamoxifen", "DB00675"), ("DRUG", "fulvestrant", "DB00947"),
                     ("DRUG", "palbociclib", "DB09073"), ("DRUG", "trastuzumab", "DB00072")]:
        assert expected in found


def test_ilc_and_idc_linked_to_long_forms(records):
    entities = {e["text"]: e for e in records["000"]["entities"]}
    assert entities["ILC"]["canonical"] == "invasive lobular carcinoma"
    assert entities["IDC"]["canonical"] == "invasive ductal carcinoma"
    assert entities["ILC"]["normalized"] == entities["invasive lobular carcinoma"]["normalized"]


def test_key_relations(records):
    assert {("ERBB2", "L755S", "neratinib", "RESISTANT_TO"),
            ("ERBB2", "L755S", "poziotinib", "SENSITIVE_TO")} <= relation_tuples(records["000"])
    assert {("ERBB2", None, d, "RESISTANT_TO") for d in ("tamoxifen", "fulvestrant", "palbociclib")} \
        <= relation_tuples(records["004"])


def test_no_relations_from_boilerplate_or_reviews(records):
    assert records["002"]["relations"] == []


def test_gold_file_is_consistent():
    for line in (CORPUS / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        assert gold["text"] == (CORPUS / "seeds" / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
        ids = {e["id"] for e in gold["entities"]}
        for entity in gold["entities"]:
            assert gold["text"][entity["start"]:entity["end"]] == entity["text"]
        for relation in gold["relations"]:
            assert relation["subject"] in ids and relation["object"] in ids
