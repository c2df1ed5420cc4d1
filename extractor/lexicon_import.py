"""Derive the project's gene and drug term tables from CC0 vocabularies.

Two public sources are turned into plain term tables under ``models/lexicons/``:

* the HGNC protein-coding export (``hgnc_protein_coding.tsv``) becomes ``genes.tsv``,
  one row per (term, HGNC entry): the approved symbol, previous symbols, aliases,
  the approved name and previous names, each linked to ``HGNC:<n>`` and the approved
  symbol;
* the DrugBank open vocabulary (``drugbank_vocabulary.csv``) becomes ``drugs.tsv``,
  one row per (term, DrugBank entry): the common name and its synonyms, linked to the
  DrugBank id and the lower-case common name, minus terms that would only produce
  false positives in running text (too short, no letters, or on the stop list
  ``models/lexicons/drug_stopwords.txt``).

The tables are tab-separated UTF-8 with a header row and no quoting: the importer
guarantees that no field contains a tab or a line break. ``read_lexicon`` reads any
of them back. The curated companion files (``genes_curated.tsv``, ``drugs_curated.tsv``,
``tumor_subtypes.tsv``) are edited by hand in the same format.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
import re
import warnings
from pathlib import Path

import pandas as pd

LEXICON_DIR = Path(__file__).resolve().parent.parent / "models" / "lexicons"
DRUG_STOPWORDS = LEXICON_DIR / "drug_stopwords.txt"

GENE_COLUMNS = ["term", "normalized", "canonical", "term_type", "source"]
DRUG_COLUMNS = ["term", "normalized", "canonical", "term_type", "kind", "source"]

# HGNC column -> term_type, in order of preference: when one string is both the
# symbol and an alias of the same gene, the row keeps the first type listed here.
HGNC_TERM_FIELDS = {
    "Approved Symbol": "symbol",
    "Previous Symbols": "previous_symbol",
    "Synonyms": "alias",
    "Approved Name": "name",
    "Previous Names": "previous_name",
}
HGNC_LIST_FIELDS = {"Previous Symbols", "Synonyms", "Previous Names"}
HGNC_REQUIRED = ["HGNC ID", *HGNC_TERM_FIELDS]
# The complete-set download (hgnc_complete_set.txt): lower-case columns, '|'-separated
# lists, every locus type. Its columns are renamed to the export's; alias names join the
# previous names, and only protein-coding genes are kept, as in the export.
COMPLETE_SET_COLUMNS = {"hgnc_id": "HGNC ID", "symbol": "Approved Symbol", "name": "Approved Name",
                        "status": "Status", "prev_symbol": "Previous Symbols", "prev_name": "Previous Names",
                        "alias_symbol": "Synonyms"}
COMPLETE_SET_PROTEIN_CODING = "protein-coding gene"

DRUGBANK_REQUIRED = ["DrugBank ID", "Common name", "Synonyms"]
DRUGBANK_SYNONYM_SEP = " | "
DRUGBANK_WHAT = "the DrugBank open vocabulary CSV"

MIN_DRUG_TERM_LENGTH = 3
MIN_SHORT_NAME = 6  # shorter heads of qualified gene names are too ambiguous to keep
_WHITESPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Collapse runs of whitespace (tabs and newlines included) to one space and strip."""
    return _WHITESPACE.sub(" ", text).strip()


def split_hgnc_list(field: str) -> list[str]:
    """Split an HGNC list field on commas, honouring double-quoted items.

    HGNC quotes the names that contain commas themselves, e.g.
    ``alanyl-tRNA synthetase like, "alanyl-tRNA synthetase 2, mitochondrial (putative)"``.
    """
    if not field.strip():
        return []
    items = next(csv.reader([field], skipinitialspace=True))
    return [clean(item) for item in items if clean(item)]


def _check_columns(frame: pd.DataFrame, required: list[str], src: Path, what: str) -> None:
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ValueError(
            f"{src} does not look like {what}: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(map(str, frame.columns)) or 'none'})"
        )


def _read_csv(src: Path, what: str, **options) -> pd.DataFrame:
    """Read a delimited file as strings; unreadable input becomes a clear ValueError."""
    try:
        return pd.read_csv(src, dtype=str, keep_default_na=False, **options)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise ValueError(f"{src} does not look like {what}: {error}".strip()) from error


def _source_label(description: str, src: Path, release: str | None) -> str:
    detail = src.name if not release else f"{src.name}, release {release}"
    return f"{description} ({detail})"


def _write_table(rows: list[tuple[str, ...]], columns: list[str], out: Path) -> int:
    """Sort, deduplicate and write rows as a quote-free TSV; return the row count."""
    unique = sorted(set(rows))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(columns) + "\n")
        for row in unique:
            handle.write("\t".join(row) + "\n")
    return len(unique)


def _keep_first_per_entry(
    rows: list[tuple[str, ...]], rank: dict[str, int], type_index: int
) -> list[tuple[str, ...]]:
    """Keep one row per (term, normalized): the one whose term_type ranks first."""
    best: dict[tuple[str, str], tuple[str, ...]] = {}
    for row in rows:
        key = (row[0], row[1])
        kept = best.get(key)
        if kept is None or rank[row[type_index]] < rank[kept[type_index]]:
            best[key] = row
    return list(best.values())


def import_hgnc(src: Path, out: Path, release: str | None = None) -> int:
    """Write the gene term table ``out`` from an HGNC export ``src``; return rows written.

    Every approved entry contributes its symbol, previous symbols, aliases (the
    ``Synonyms`` column), approved name and previous names. Entries whose ``Status``
    (when the column is present) is not ``Approved`` are skipped. Identifiers are
    written as ``HGNC:<n>`` whether or not the export carries the prefix.

    Raises ``ValueError`` when ``src`` lacks one of the expected HGNC columns.
    """
    src, out = Path(src), Path(out)
    frame, split = _read_hgnc(src)
    _check_columns(frame, HGNC_REQUIRED, src, "an HGNC export")
    if "Status" in frame.columns:
        frame = frame[frame["Status"].str.strip() == "Approved"]
    source = _source_label("HGNC protein-coding export", src, release)

    rows = []
    for record in frame.to_dict("records"):
        hgnc_id = clean(record["HGNC ID"])
        symbol = clean(record["Approved Symbol"])
        if not hgnc_id or not symbol:
            continue
        if not hgnc_id.startswith("HGNC:"):
            hgnc_id = f"HGNC:{hgnc_id}"
        for column, term_type in HGNC_TERM_FIELDS.items():
            value = record[column]
            terms = split(value) if column in HGNC_LIST_FIELDS else [clean(value)]
            if term_type == "name":
                terms += [short_name(term) for term in terms if short_name(term)]
            rows.extend((term, hgnc_id, symbol, term_type, source) for term in terms if term)

    rank = {term_type: i for i, term_type in enumerate(HGNC_TERM_FIELDS.values())}
    return _write_table(_keep_first_per_entry(rows, rank, 3), GENE_COLUMNS, out)


def _read_hgnc(src: Path) -> tuple[pd.DataFrame, Callable[[str], list[str]]]:
    """The HGNC table with the export's column names, and the splitter of its list fields."""
    frame = _read_csv(src, "an HGNC export", sep="\t", quoting=csv.QUOTE_NONE)
    frame.columns = [clean(str(column)) for column in frame.columns]
    if not {"hgnc_id", "symbol"} <= set(frame.columns):
        return frame, split_hgnc_list
    frame = _read_csv(src, "an HGNC export", sep="\t")  # the complete set quotes its list fields
    if "locus_group" in frame.columns:
        frame = frame[frame["locus_group"] == COMPLETE_SET_PROTEIN_CODING]
    if "alias_name" in frame.columns and "prev_name" in frame.columns:
        frame = frame.assign(prev_name=frame["prev_name"].str.cat(frame["alias_name"], sep="|"))
    frame = frame.rename(columns=COMPLETE_SET_COLUMNS)
    return frame, split_pipe_list


def split_pipe_list(field: str) -> list[str]:
    """Split a '|'-separated list field of the HGNC complete set."""
    return [clean(item) for item in field.strip('"').split("|") if clean(item)]


def short_name(name: str) -> str | None:
    """The numbered head of a qualified name: "caspase 3" of "caspase 3, apoptosis-related
    cysteine peptidase". Heads without a number ("apoptosis", "muscle") name no one gene."""
    head = name.split(", ", 1)[0]
    numbered = any(char.isdigit() for char in head)
    return head if head != name and numbered and len(head) >= MIN_SHORT_NAME else None


def load_stopwords(path: Path = DRUG_STOPWORDS) -> set[str]:
    """Read a stop list (one word or phrase a line, ``#`` starts a comment), lower-cased."""
    words = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = clean(line.split("#", 1)[0]).lower()
        if word:
            words.add(word)
    return words


def keep_drug_term(term: str, stopwords: set[str]) -> bool:
    """True unless the term is too short, has no letter at all, or is a stop word."""
    return (
        len(term) >= MIN_DRUG_TERM_LENGTH
        and any(char.isalpha() for char in term)
        and term.lower() not in stopwords
    )


def _read_drugbank(src: Path) -> pd.DataFrame:
    """Read the DrugBank CSV, skipping the dummy ``Column1;Column2;...`` row if present."""
    raw = _read_csv(src, DRUGBANK_WHAT, sep=";", header=None)
    if raw.empty:
        return raw
    header_row = 1 if len(raw) > 1 and clean(raw.iat[0, 0]) == "Column1" else 0
    frame = raw.iloc[header_row + 1 :].copy()
    frame.columns = [clean(str(column)) for column in raw.iloc[header_row]]
    return frame


def import_drugbank(
    src: Path,
    out: Path,
    release: str | None = None,
    *,
    stopwords: Path | None = None,
) -> int:
    """Write the drug term table ``out`` from the DrugBank open vocabulary ``src``.

    Each entry contributes its common name (``term_type`` ``name``) and its
    `` | ``-separated synonyms (``synonym``), normalized to the DrugBank id, with the
    lower-case common name as canonical and ``kind`` ``drug``. Terms shorter than three
    characters, terms without a letter and terms on the stop list (``stopwords``,
    default ``models/lexicons/drug_stopwords.txt``; compared case-insensitively) are
    dropped. Returns the number of rows written.

    Raises ``ValueError`` when ``src`` lacks one of the expected DrugBank columns.
    """
    src, out = Path(src), Path(out)
    frame = _read_drugbank(src)
    _check_columns(frame, DRUGBANK_REQUIRED, src, DRUGBANK_WHAT)
    stop_path = Path(stopwords) if stopwords is not None else DRUG_STOPWORDS
    if stop_path.exists():
        stop = load_stopwords(stop_path)
    else:
        warnings.warn(f"drug stop list {stop_path} not found; importing without one")
        stop = set()
    source = _source_label("DrugBank open vocabulary", src, release)

    rows = []
    for record in frame.to_dict("records"):
        drugbank_id = clean(record["DrugBank ID"])
        name = clean(record["Common name"])
        if not drugbank_id or not name:
            continue
        canonical = name.lower()
        synonyms = [clean(s) for s in record["Synonyms"].split(DRUGBANK_SYNONYM_SEP)]
        terms = [(name, "name")] + [(s, "synonym") for s in synonyms if s]
        rows.extend(
            (term, drugbank_id, canonical, term_type, "drug", source)
            for term, term_type in terms
            if keep_drug_term(term, stop)
        )

    rank = {"name": 0, "synonym": 1}
    return _write_table(_keep_first_per_entry(rows, rank, 3), DRUG_COLUMNS, out)


def read_lexicon(path: Path) -> pd.DataFrame:
    """Read one of the term tables (all columns as strings, empty fields as '')."""
    return pd.read_csv(
        path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE
    )
