"""Tests for extractor.lexicon_import and sanity checks on the committed lexicon files.

The import tests run on small hand-written fixtures in the HGNC export and DrugBank
open-vocabulary formats (tests/fixtures/); nothing here reads the shared source files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.lexicon_import import (
    DRUG_COLUMNS,
    GENE_COLUMNS,
    import_drugbank,
    import_hgnc,
    load_stopwords,
    read_lexicon,
    split_hgnc_list,
)

FIXTURES = Path(__file__).parent / "fixtures"
LEXICONS = Path(__file__).resolve().parent.parent / "models" / "lexicons"
HGNC_SOURCE = "HGNC protein-coding export (hgnc_sample.tsv)"
DRUGBANK_SOURCE = "DrugBank open vocabulary (drugbank_sample.csv, release 5.1-test)"


def read_rows(path: Path) -> list[tuple[str, ...]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines]


# --- HGNC -----------------------------------------------------------------------------


def test_split_hgnc_list_honours_quotes():
    field = 'alanyl-tRNA synthetase like, "alanyl-tRNA synthetase 2, mitochondrial (putative)"'
    assert split_hgnc_list(field) == [
        "alanyl-tRNA synthetase like",
        "alanyl-tRNA synthetase 2, mitochondrial (putative)",
    ]
    assert split_hgnc_list("") == []
    assert split_hgnc_list("NEU, HER-2") == ["NEU", "HER-2"]


def test_import_hgnc_writes_exact_rows(tmp_path):
    out = tmp_path / "genes.tsv"
    assert import_hgnc(FIXTURES / "hgnc_sample.tsv", out) == 18
    rows = read_rows(out)
    assert rows[0] == tuple(GENE_COLUMNS)
    body = rows[1:]
    assert body == sorted(body)

    def row(term, hgnc, symbol, term_type):
        return (term, hgnc, symbol, term_type, HGNC_SOURCE)

    erbb2 = [
        row("ERBB2", "HGNC:3430", "ERBB2", "symbol"),
        row("NGL", "HGNC:3430", "ERBB2", "previous_symbol"),
        row("NEU", "HGNC:3430", "ERBB2", "alias"),
        row("HER-2", "HGNC:3430", "ERBB2", "alias"),
        row("CD340", "HGNC:3430", "ERBB2", "alias"),
        row("HER2", "HGNC:3430", "ERBB2", "alias"),
        row("erb-b2 receptor tyrosine kinase 2", "HGNC:3430", "ERBB2", "name"),
        row(
            "v-erb-b2 avian erythroblastic leukemia viral oncogene homolog 2, "
            "neuro/glioblastoma derived oncogene homolog",
            "HGNC:3430",
            "ERBB2",
            "previous_name",
        ),
    ]
    egfr = [
        # "EGFR" is also listed among its own synonyms: the symbol row wins.
        row("EGFR", "HGNC:3236", "EGFR", "symbol"),
        row("ERBB", "HGNC:3236", "EGFR", "alias"),
        row("ERBB1", "HGNC:3236", "EGFR", "alias"),
        row("HER1", "HGNC:3236", "EGFR", "alias"),
        row("epidermal growth factor receptor", "HGNC:3236", "EGFR", "name"),
        row(
            "epidermal growth factor receptor (erythroblastic leukemia viral (v-erb-b) "
            "oncogene homolog, avian)",
            "HGNC:3236",
            "EGFR",
            "previous_name",
        ),
        row(
            "epidermal growth factor receptor (avian erythroblastic leukemia viral (v-erb-b) "
            "oncogene homolog)",
            "HGNC:3236",
            "EGFR",
            "previous_name",
        ),
    ]
    neu1 = [
        row("NEU1", "HGNC:7758", "NEU1", "symbol"),
        row("NEU", "HGNC:7758", "NEU1", "previous_symbol"),
        row("neuraminidase 1", "HGNC:7758", "NEU1", "name"),
    ]
    assert set(body) == set(erbb2 + egfr + neu1)
    # the withdrawn entry is skipped
    assert not any(r[1] == "HGNC:99999" for r in body)


def test_import_hgnc_release_goes_into_source(tmp_path):
    out = tmp_path / "nested" / "genes.tsv"
    import_hgnc(FIXTURES / "hgnc_sample.tsv", out, release="2016-03-01")
    table = read_lexicon(out)
    assert set(table["source"]) == {
        "HGNC protein-coding export (hgnc_sample.tsv, release 2016-03-01)"
    }


def test_import_hgnc_rejects_wrong_file(tmp_path):
    with pytest.raises(ValueError, match=r"does not look like an HGNC export"):
        import_hgnc(FIXTURES / "drugbank_sample.csv", tmp_path / "genes.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("HGNC ID\tApproved Symbol\nHGNC:1\tA1BG\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Approved Name"):
        import_hgnc(bad, tmp_path / "genes.tsv")


# --- DrugBank -------------------------------------------------------------------------


def test_load_stopwords_ignores_comments_and_blank_lines():
    assert load_stopwords(FIXTURES / "drug_stopwords_sample.txt") == {"water", "gold"}


def test_import_drugbank_writes_exact_rows(tmp_path):
    out = tmp_path / "drugs.tsv"
    written = import_drugbank(
        FIXTURES / "drugbank_sample.csv",
        out,
        release="5.1-test",
        stopwords=FIXTURES / "drug_stopwords_sample.txt",
    )
    assert written == 12
    rows = read_rows(out)
    assert rows[0] == tuple(DRUG_COLUMNS)
    body = rows[1:]
    assert body == sorted(body)

    def row(term, drugbank_id, canonical, term_type):
        return (term, drugbank_id, canonical, term_type, "drug", DRUGBANK_SOURCE)

    expected = [
        # "Neratinib" is both the name and a synonym: one row, typed name.
        row("Neratinib", "DB11828", "neratinib", "name"),
        row("Tamoxifen", "DB00675", "tamoxifen", "name"),
        row("Tamoxifène", "DB00675", "tamoxifen", "synonym"),
        row("trans-Tamoxifen", "DB00675", "tamoxifen", "synonym"),
        # "Water" is on the stop list; its other synonym stays.
        row("Dihydrogen oxide", "DB09145", "water", "synonym"),
        # a quoted field with a ";" inside
        row("Menotropins", "DB00032", "menotropins", "name"),
        row("Human menopausal gonadotrophin", "DB00032", "menotropins", "synonym"),
        row("Menotropins (FSH;LH)", "DB00032", "menotropins", "synonym"),
        # "FU" is too short, "1234" has no letter; the tab is collapsed to a space
        row("Fluorouracil", "DB00544", "fluorouracil", "name"),
        row("5-FU", "DB00544", "fluorouracil", "synonym"),
        row("5-Fluorouracil", "DB00544", "fluorouracil", "synonym"),
        row("5-fluoro uracil", "DB00544", "fluorouracil", "synonym"),
    ]
    assert set(body) == set(expected)


def test_import_drugbank_default_stop_list_drops_water(tmp_path):
    out = tmp_path / "drugs.tsv"
    import_drugbank(FIXTURES / "drugbank_sample.csv", out)
    terms = set(read_lexicon(out)["term"])
    assert "Water" not in terms
    assert {"Neratinib", "Tamoxifen", "5-FU"} <= terms


def test_import_drugbank_without_dummy_header(tmp_path):
    src = tmp_path / "plain.csv"
    lines = (FIXTURES / "drugbank_sample.csv").read_text(encoding="utf-8").splitlines()
    src.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    out = tmp_path / "drugs.tsv"
    assert import_drugbank(src, out, stopwords=FIXTURES / "drug_stopwords_sample.txt") == 12


def test_import_drugbank_rejects_wrong_file(tmp_path):
    with pytest.raises(
        ValueError, match=r"does not look like the DrugBank open vocabulary CSV: missing column"
    ):
        import_drugbank(FIXTURES / "hgnc_sample.tsv", tmp_path / "drugs.tsv")


# --- committed lexicon files ----------------------------------------------------------


@pytest.fixture(scope="module")
def lexicons():
    names = ["genes", "genes_curated", "drugs", "drugs_curated", "tumor_subtypes"]
    return {name: read_lexicon(LEXICONS / f"{name}.tsv") for name in names}


def lookup(table, term):
    return set(zip(table.loc[table["term"] == term, "normalized"],
                   table.loc[table["term"] == term, "canonical"]))


def test_committed_files_have_expected_columns(lexicons):
    assert list(lexicons["genes"].columns) == GENE_COLUMNS
    assert list(lexicons["genes_curated"].columns) == GENE_COLUMNS + ["ncbi_gene"]
    assert list(lexicons["drugs"].columns) == DRUG_COLUMNS
    assert list(lexicons["drugs_curated"].columns) == DRUG_COLUMNS
    assert list(lexicons["tumor_subtypes"].columns) == ["term", "normalized", "canonical", "source"]


def test_committed_files_are_clean(lexicons):
    for name, table in lexicons.items():
        assert len(table) > 0, name
        assert (table["source"].str.strip() != "").all(), name
        assert (table["term"].str.strip() != "").all(), name
        assert (table["normalized"].str.strip() != "").all(), name
        assert not table.duplicated().any(), name
        records = list(table.itertuples(index=False, name=None))
        assert records == sorted(records), name


def test_committed_drugs(lexicons):
    drugs, curated = lexicons["drugs"], lexicons["drugs_curated"]
    assert ("DB11828", "neratinib") in lookup(drugs, "Neratinib")
    assert ("DB12114", "poziotinib") in lookup(drugs, "Poziotinib")
    assert ("DB00675", "tamoxifen") in lookup(drugs, "Tamoxifen")
    assert ("DB00947", "fulvestrant") in lookup(drugs, "Fulvestrant")
    assert ("DB09073", "palbociclib") in lookup(drugs, "Palbociclib")
    assert ("DB00072", "trastuzumab") in lookup(drugs, "Trastuzumab")
    assert ("DB11828", "neratinib") in lookup(curated, "HKI-272")
    assert ("DB11828", "neratinib") in lookup(curated, "Nerlynx")
    assert ("DB12114", "poziotinib") in lookup(curated, "NOV120101")
    assert ("DB09073", "palbociclib") in lookup(curated, "PD-0332991")
    assert ("DB00072", "trastuzumab") in lookup(curated, "Herceptin")
    assert set(drugs["kind"]) == {"drug"}
    assert set(curated["kind"]) == {"drug", "class"}
    assert (drugs["term"].str.len() >= 3).all()
    stop = load_stopwords(LEXICONS / "drug_stopwords.txt")
    assert not drugs["term"].str.lower().isin(stop).any()


def test_committed_drug_classes(lexicons):
    curated = lexicons["drugs_curated"]
    classes = curated[curated["kind"] == "class"]
    assert lookup(classes, "TKI") == lookup(classes, "tyrosine kinase inhibitor")
    assert {canon for _, canon in lookup(classes, "CDK4/6 inhibitors")} == {"cdk4/6 inhibitor"}
    assert {canon for _, canon in lookup(classes, "ER-directed therapy")} == {"er-directed therapy"}
    assert classes["normalized"].str.match(r"^(NCIT:C\d+|CLASS:[a-z0-9-]+)$").all()


def test_committed_genes(lexicons):
    genes, curated = lexicons["genes"], lexicons["genes_curated"]
    assert ("HGNC:3430", "ERBB2") in lookup(genes, "HER2")
    assert ("HGNC:3430", "ERBB2") in lookup(curated, "HER-2/neu")
    erbb2 = curated[(curated["term"] == "ERBB2") & (curated["term_type"] == "symbol")]
    assert list(erbb2["ncbi_gene"]) == ["2064"]
    assert curated["normalized"].str.match(r"^HGNC:\d+$").all()
    assert curated["ncbi_gene"].str.match(r"^(\d+)?$").all()


def test_committed_tumor_subtypes(lexicons):
    subtypes = lexicons["tumor_subtypes"]
    assert lookup(subtypes, "ILC") == {("ONCOTREE:ILC", "invasive lobular carcinoma")}
    assert lookup(subtypes, "invasive lobular carcinoma") == lookup(subtypes, "ILC")
    assert lookup(subtypes, "IDC") == {("ONCOTREE:IDC", "invasive ductal carcinoma")}
    assert lookup(subtypes, "ER +") == lookup(subtypes, "ER+")
    assert {canon for _, canon in lookup(subtypes, "HER2-low")} == {"her2-low"}


def test_import_hgnc_complete_set_format(tmp_path):
    """The complete-set download: lower-case columns, '|' lists, only approved protein-coding genes."""
    out = tmp_path / "genes.tsv"
    import_hgnc(FIXTURES / "hgnc_complete_set_sample.txt", out)
    rows = set(read_lexicon(out)[["term", "normalized", "canonical", "term_type"]].itertuples(index=False, name=None))
    assert ("HER2", "HGNC:3430", "ERBB2", "alias") in rows
    assert ("NGL", "HGNC:3430", "ERBB2", "previous_symbol") in rows
    assert ("human epidermal growth factor receptor 2", "HGNC:3430", "ERBB2", "previous_name") in rows
    assert {r[2] for r in rows} == {"ERBB2"}  # no RNA gene, no withdrawn entry
