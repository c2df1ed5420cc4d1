"""PubMed XML (PubmedArticleSet), plain or gzipped like the annual baseline and update files.

Streamed (see `xml.read_elements`), so memory stays flat however large the file. doc_id
is the PMID; text is the title, a space, and the abstract (the sections of a structured
abstract joined by spaces).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..pipeline import InputDoc
from .xml import element_text, read_elements


def read_pubmed(path: Path) -> Iterator[InputDoc]:
    """Articles of a PubMed XML file (deleted-citation lists and book records are skipped)."""
    return read_elements(path, "PubmedArticle", _article)


def _article(article: etree._Element, source: str, fallback_id: str) -> InputDoc:
    pmid = (article.findtext("MedlineCitation/PMID") or "").strip()
    if not pmid:
        return InputDoc(fallback_id, "", source, "article without a PMID")
    title = element_text(article.find("MedlineCitation/Article/ArticleTitle"))
    sections = (element_text(s) for s in article.iterfind("MedlineCitation/Article/Abstract/AbstractText"))
    abstract = " ".join(s for s in sections if s)
    return InputDoc(pmid, f"{title} {abstract}".strip(), source)
