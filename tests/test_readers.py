import gzip
import json

from extractor.readers import expand_inputs, format_of, read_inputs
from extractor.readers.html import html_to_text
from samples import BIOC_JSON, BIOC_XML, HTML, PUBMED, PUBTATOR


def docs(*inputs, input_format="auto"):
    return {d.doc_id: d for d in read_inputs([str(i) for i in inputs], input_format)}


def test_pubmed_xml_plain_and_gzipped(tmp_path):
    plain = tmp_path / "pubmed24n0001.xml"
    plain.write_text(PUBMED, encoding="utf-8")
    packed = tmp_path / "pubmed24n0002.xml.gz"
    packed.write_bytes(gzip.compress(PUBMED.replace("111", "123").replace("222", "234").encode()))
    found = docs(plain, packed)
    assert set(found) == {"111", "222", "123", "234"}
    assert found["111"].text == ("HER2 L755S and neratinib. HER2 L755S confers resistance to neratinib. "
                                 "Poziotinib was potent.")
    assert found["222"].text == "EGFR T790M. Osimertinib is active." and found["222"].error is None
    assert format_of(plain, "auto") == "pubmed" and format_of(packed, "auto") == "pubmed"


def test_pubmed_folder_with_explicit_format(tmp_path):
    (tmp_path / "a.xml.gz").write_bytes(gzip.compress(PUBMED.encode()))
    (tmp_path / "notes.txt").write_text("not read")
    assert [p.name for p in expand_inputs([str(tmp_path)], "pubmed")] == ["a.xml.gz"]


def test_malformed_pubmed_keeps_the_articles_before_the_break(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(PUBMED.replace("<ArticleTitle>EGFR T790M.</ArticleTitle>", "<ArticleTitle>EGFR <b>T790M"))
    found = list(read_inputs([str(broken)]))
    assert [d.doc_id for d in found] == ["111", "broken.xml:error"]
    assert "malformed XML at line" in found[1].error and "1 documents read before it" in found[1].error


def test_truncated_gzip_keeps_the_articles_before_the_cut(tmp_path):
    article = PUBMED.split("<PubmedArticle>")[2].split("</PubmedArticle>")[0]
    articles = "".join(f"<PubmedArticle>{article.replace('222', str(n))}</PubmedArticle>" for n in range(3000))
    truncated = tmp_path / "cut.xml.gz"
    truncated.write_bytes(gzip.compress(f"<PubmedArticleSet>{articles}</PubmedArticleSet>".encode())[:-100])
    *good, last = read_inputs([str(truncated)])
    assert len(good) > 1000 and all(d.error is None for d in good)
    assert last.doc_id == "cut.xml.gz:error" and last.error.startswith(f"cannot read file after {len(good)} documents")


def test_bioc_xml_and_json(tmp_path):
    (tmp_path / "c.xml").write_text(BIOC_XML, encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps(BIOC_JSON), encoding="utf-8")
    found = docs(tmp_path / "c.xml", tmp_path / "c.json")
    assert found["333"].text == "EGFR T790M. Osimertinib is active."
    assert found["333"].text[12:23] == "Osimertinib"  # passages placed at their offsets
    assert found["444"].text == "BRAF V600E."
    assert found["555"].text == "HER2 L755S. Neratinib fails."
    assert found["666"].error.startswith("document 2 is not BioC")
    assert format_of(tmp_path / "c.xml", "auto") == "bioc"


def test_bioc_malformed_json_and_xml(tmp_path):
    (tmp_path / "bad.json").write_text('{"documents": [', encoding="utf-8")
    (tmp_path / "bad.bioc.xml").write_text(BIOC_XML.replace("</document>\n<document>", "<document>"))
    found = list(read_inputs([str(tmp_path / "bad.json"), str(tmp_path / "bad.bioc.xml")]))
    assert found[0].error.startswith("malformed JSON")
    assert found[-1].error.startswith("malformed XML")


def test_pubtator_reader_reports_bad_documents_and_goes_on(tmp_path):
    path = tmp_path / "x.pubtator"
    path.write_bytes(PUBTATOR.encode() + b"1000|t|caf\xe9\n1000|a|x\n1001|t|Last.\n1001|a|One.\n")
    found = docs(path)
    assert found["777"].text == "KRAS G12C. Sotorasib works." and found["777"].error is None
    assert found["888"].error.startswith("line 7: not a line of the current PubTator document")
    assert found["999"].text == "Good again. EGFR too." and found["999"].error is None
    assert "not valid UTF-8" in found["1000"].error
    assert found["1001"].text == "Last. One."


def test_html_boilerplate_removed():
    text = html_to_text(HTML)
    assert text.splitlines() == ["Poziotinib overcomes neratinib resistance",
                                 "HER2 L755S confers resistance to neratinib.", "Poziotinib is potent."]


def test_html_file_and_bad_bytes(tmp_path):
    (tmp_path / "release.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "latin.htm").write_bytes("<p>caf\xe9</p>".encode("latin-1"))
    found = docs(tmp_path / "release.html", tmp_path / "latin.htm")
    assert found["release"].text.startswith("Poziotinib overcomes")
    assert found["latin"].error == "not valid UTF-8: byte 0xe9 at offset 6"


def test_empty_nul_and_huge_inputs_are_reported(tmp_path):
    (tmp_path / "empty.xml").write_bytes(b"")
    (tmp_path / "nul.pubtator").write_bytes(b"1|t|a\x00b\n2|t|Fine.\n")
    (tmp_path / "nul.jsonl").write_bytes(b'{"doc_id": "n", "text": "x\x00"}\n{"doc_id": "ok", "text": "fine"}\n')
    big = "HER2 L755S confers resistance to neratinib. " * 120_000  # about 5 MB
    (tmp_path / "big.jsonl").write_text(json.dumps({"doc_id": "big", "text": big}) + "\n")
    found = docs(*sorted(tmp_path.iterdir()))
    assert found["empty.xml:error"].error.startswith("malformed XML")
    assert found["nul:1"].error == "line 1: binary file (contains NUL bytes), not text"
    assert found["ok"].text == "fine"
    assert len(found["big"].text) == len(big)
    assert found["1"].error == "line 1: contains NUL bytes" and found["2"].text == "Fine."
