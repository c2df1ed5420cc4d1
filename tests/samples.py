"""Small documents in each input format, shared by the reader and batch tests."""

PUBMED = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">
<PubmedArticleSet>
 <PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">111</PMID><Article>
  <ArticleTitle>HER2 <i>L755S</i> and neratinib.</ArticleTitle>
  <Abstract><AbstractText Label="BACKGROUND">HER2 L755S confers resistance to neratinib.</AbstractText>
   <AbstractText Label="RESULTS">Poziotinib was potent.</AbstractText></Abstract>
 </Article></MedlineCitation></PubmedArticle>
 <PubmedArticle><MedlineCitation><PMID Version="1">222</PMID><Article>
  <ArticleTitle>EGFR T790M.</ArticleTitle>
  <Abstract><AbstractText>Osimertinib is active.</AbstractText></Abstract>
 </Article></MedlineCitation></PubmedArticle>
 <DeleteCitation><PMID Version="1">999</PMID></DeleteCitation>
</PubmedArticleSet>
"""

BIOC_XML = """<?xml version='1.0' encoding='utf-8'?>
<collection><source>PubTator</source><date>2024</date><key>BioC.key</key>
<document><id>333</id>
 <passage><infon key="type">title</infon><offset>0</offset><text>EGFR T790M.</text></passage>
 <passage><infon key="type">abstract</infon><offset>12</offset><text>Osimertinib is active.</text>
  <annotation id="1"><infon key="type">Chemical</infon><location offset="12" length="11"/><text>Osimertinib</text></annotation>
 </passage></document>
<document><id>444</id><passage><offset>0</offset><text>BRAF V600E.</text></passage></document>
</collection>
"""

BIOC_JSON = {"source": "PubTator", "date": "2024", "key": "", "infons": {}, "documents": [
    {"id": "555", "infons": {}, "relations": [], "annotations": [], "passages": [
        {"offset": 0, "infons": {}, "text": "HER2 L755S.", "sentences": [], "annotations": [], "relations": []},
        {"offset": 12, "infons": {}, "text": "Neratinib fails.", "sentences": [], "annotations": [], "relations": []}]},
    {"id": "666", "passages": "not a list"}]}

PUBTATOR = "777|t|KRAS G12C.\n777|a|Sotorasib works.\n777\t0\t4\tKRAS\tGene\t3845\n\n" \
           "888|t|Bad.\n888|a|Lines.\n888\tnot-a-number\toops\n999|t|Good again.\n999|a|EGFR too.\n"

HTML = """<html><head><title>News | HER2</title><script>track()</script><style>p{}</style></head><body>
<header><a href="/">Home</a></header><nav><ul><li>Menu item</li></ul></nav>
<article><h1>Poziotinib overcomes neratinib resistance</h1>
<p>HER2 <b>L755S</b>
 confers resistance to neratinib.</p><p>Poziotinib is potent.</p>
<div class="contact-box">Media Contact: Jane Doe, jane@example.org</div>
<h2>Disclaimer</h2><p>AAAS and EurekAlert! are not responsible for the accuracy of news releases.</p>
<p>Disclaimer: we are not responsible.</p></article>
<aside>Related news</aside><footer>Copyright 2023 Example</footer></body></html>"""
