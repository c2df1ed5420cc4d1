"""The one-pass prefilter: which patterns may match a text, never missing one that does."""
import re

import pytest

from extractor import prefilter
from extractor.prefilter import Prefilter

PATTERNS = [re.compile(r"(?<![A-Za-z0-9_])[A-Z][1-9]\d*[A-Z](?![A-Za-z0-9_])"),  # L755S
            re.compile(r"[Rr]s\d{3,10}"),                                        # rs12345
            re.compile(r"a*"),                                                   # matches the empty string
            re.compile(r"(?P<open>\()?x(?(open)\))"),                             # Python-only syntax
            re.compile(r"(?i:δ)\d")]                                             # non-ASCII, case-folded


@pytest.mark.skipif(prefilter.hyperscan is None, reason="hyperscan is not installed on this platform")
def test_candidates_are_the_patterns_that_may_match():
    finder = Prefilter(PATTERNS)
    assert finder.always == {2}  # Hyperscan refuses a pattern that matches the empty text: always tried
    assert finder.candidates("HER2 L755S and Δ32") == {0, 2, 4}
    assert finder.candidates("rs12345 (x)") == {1, 2, 3}
    assert finder.candidates("no variant here") == {2}


def test_without_hyperscan_every_pattern_is_a_candidate(monkeypatch):
    monkeypatch.setattr(prefilter, "hyperscan", None)
    assert Prefilter(PATTERNS).candidates("no variant here") == {0, 1, 2, 3, 4}


def test_variant_finder_gives_the_same_mentions_without_hyperscan(monkeypatch):
    from extractor.variants import VariantFinder

    text = ("HER2 L755S and p.Leu755Ser, c.2264T>C, rs1042522, EML4-ALK fusions, exon 19 deletion, "
            "a glycine to aspartic acid substitution at codon 12 and ERBB2 amplification.")
    fast = VariantFinder.from_file().find(text)
    monkeypatch.setattr(prefilter, "hyperscan", None)
    slow = VariantFinder.from_file().find(text)
    assert [(v.start, v.end, v.normalized) for v in fast] == [(v.start, v.end, v.normalized) for v in slow]
    assert [v.text for v in fast] == ["L755S", "p.Leu755Ser", "c.2264T>C", "rs1042522", "EML4-ALK",
                                      "exon 19 deletion", "glycine to aspartic acid substitution at codon 12",
                                      "amplification"]
