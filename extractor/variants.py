"""tmVar-style variant grammar over plain text.

All regexes, code tables and word lists live in ``models/patterns/variants.json``;
this module fills the ``{NAME}`` placeholders, compiles the patterns once and
normalizes matches (protein changes through the ``hgvs`` parser).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from bioutils.sequences import aa1_to_aa3_lut

from .prefilter import Prefilter

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "models" / "patterns" / "variants.json"
_LEFT = r"(?<![A-Za-z0-9_])"
_RIGHT = r"(?![A-Za-z0-9_])"
_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


@dataclass(frozen=True)
class VariantMatch:
    """One variant mention; ``start``/``end`` cover the variant only, never an attached gene."""

    start: int
    end: int
    text: str
    variant_type: str  # protein, dna, rsid, exon, fusion, named, copy_number, expression, gene_level
    normalized: str
    canonical: str
    gene_text: str | None = None
    gene_start: int | None = None
    gene_end: int | None = None
    needs_gene: bool = False
    gene_symbol: str | None = None  # the gene of a variant known by a name ('EGFRvIII' -> EGFR)


_SUBSTITUTION = re.compile(r"([A-Z](?:[a-z]{2})?)([1-9]\d*)([A-Z](?:[a-z]{2})?)")
_POSITION = re.compile(r"([A-Z](?:[a-z]{2})?)([1-9]\d*)")  # a residue alone: 'V600', 'Val600'
_STANDARD_AA1 = frozenset("ACDEFGHIKLMNPQRSTVWY")
_AA3_TO_1 = {three: one for one, three in aa1_to_aa3_lut.items()}


@lru_cache(maxsize=1)
def _hgvs_parser():
    import hgvs.parser

    return hgvs.parser.Parser()


@lru_cache(maxsize=65536)
def _protein_forms(edit: str) -> tuple[str, str]:
    """(HGVS 3-letter 'p.' form, 1-letter short form) of a protein edit, parsed by `hgvs` (cached).

    Plain substitutions of standard amino acids ('L755S', 'Leu755Ser'), most of all
    variants, are spelt with bioutils' code tables (hgvs's own) without the parser, which
    takes a millisecond an edit; a test checks both give the same for every pair.
    """
    simple = _SUBSTITUTION.fullmatch(edit)
    if simple:
        ref, position, alt = (_AA3_TO_1.get(code, code) for code in simple.groups())
        if ref in _STANDARD_AA1 and alt in _STANDARD_AA1:
            return f"p.{aa1_to_aa3_lut[ref]}{position}{aa1_to_aa3_lut[alt]}", f"{ref}{position}{alt}"
    position = _POSITION.fullmatch(edit)
    if position and _AA3_TO_1.get(position[1], position[1]) in _STANDARD_AA1:
        ref = _AA3_TO_1.get(position[1], position[1])
        return f"p.{aa1_to_aa3_lut[ref]}{position[2]}", f"{ref}{position[2]}"
    try:
        posedit = _hgvs_parser().parse_p_posedit(edit)
    except Exception:  # the parser rejects it ('157delMTTTVP', '192Q/R'): keep what was written
        return ("p." + edit if edit[:1].isalpha() else edit), edit
    posedit.uncertain = False
    three = str(posedit)
    one = posedit.format(conf={"p_3_letter": False})
    if re.search(r"fs$", edit):  # 'Arg97fs' says nothing of the new stop codon
        three, one = re.sub(r"fsTer$", "fs", three), re.sub(r"fs\*$", "fs", one)
    return "p." + three, one


def _alternation(words, flags: str = "") -> str:
    """The words as one regex group, longest first, behind a look-ahead for their first characters: Python's
    regex engine tries the alternatives one by one, and the look-ahead spares it that where none can match."""
    words = sorted(words, key=len, reverse=True)
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))
    body = "|".join(re.escape(w).replace(r"\ ", r"\s") for w in words)
    return f"(?=(?{flags}:[{firsts}]))(?{flags}:{body})"


class VariantFinder:
    """Finds variant mentions with the patterns of one data file."""

    def __init__(self, data: dict):
        self.aa3_to_1 = data["amino_acids"]
        self.aa1_to_3 = {v: k for k, v in self.aa3_to_1.items()}
        self.aa_names = data["amino_acid_names"]
        self.stop_codes = {w.lower() for w in data["stop_codes"]}
        self.stop_tail = re.compile(_alternation(w for w in data["stop_codes"] if w != "Ter") + r"(?=\d*$)")
        self.nt_names = data["nucleotide_names"]
        self.exon_events = data["exon_events"]
        self.fusion_genes = set(data["fusion_genes"])
        self.fusion_not_genes = set(data["fusion_not_genes"])
        self.fusion_not_before = re.compile(data["fusion_not_before"])
        self.blocklist = set(data["blocklist"])
        self.attach_genes = {g.upper() for g in data["attach_genes"]}
        self.mutant_suffix_genes = frozenset(data["mutant_suffix_genes"])
        self.context_block = re.compile(data["context_block"])
        self.suppress_gap = re.compile(data["suppress_after_variant"])
        self.wordy_before = re.compile(data["unpositioned_context"]["before"])
        self.wordy_after = re.compile(data["unpositioned_context"]["after"])
        self.words, hyphen_words = {}, []
        for group in data["alteration_words"]:
            for w in group["words"]:
                self.words[w.lower()] = (group["type"], group["normalized"])
                if group.get("after_hyphen"):
                    hyphen_words.append(w.lower())
        tables = {
            "AA1": "[" + "".join(v for v in self.aa3_to_1.values() if v != "*") + "]",
            "AA3": _alternation(k for k in self.aa3_to_1 if k != "Ter"),
            "AANAME": _alternation(self.aa_names, "i"),
            "NUCNAME": _alternation(self.nt_names, "i"),
            "STOP": _alternation(data["stop_codes"]),
            "EXON_EVENTS": _alternation(self.exon_events, "i"),
            "ALTERATION_WORDS": _alternation([w for w in self.words if w not in hyphen_words], "i"),
            "HYPHEN_ALTERATION_WORDS": _alternation(hyphen_words, "i"),
        }
        pieces = {**data["pieces"], **tables}
        self.patterns = []
        for spec in data["patterns"]:
            body = self._expand(spec["regex"], pieces)
            gene = ""
            if spec.get("gene"):  # optional, or 'required': only with a gene glued on
                optional = "" if spec["gene"] == "required" else "??"
                gene = r"(?:(?P<gene>" + self._expand("{GENE}", pieces) + r")(?P<sep>-??))" + optional
            regex = re.compile(spec.get("left", _LEFT) + gene + "(?P<v>" + body + ")" + _RIGHT)
            self.patterns.append((spec, regex))
        self.prefilter = Prefilter([regex for _, regex in self.patterns])

    @staticmethod
    def _expand(regex: str, pieces: dict) -> str:
        for _ in range(10):  # pieces may refer to other pieces
            new = _PLACEHOLDER.sub(lambda m: pieces.get(m[1], m[0]), regex)
            if new == regex:
                return new
            regex = new
        raise ValueError(f"placeholder loop in {regex!r}")

    @classmethod
    def from_file(cls, path: Path | None = None) -> "VariantFinder":
        with open(path or DEFAULT_PATH, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def find(self, text: str) -> list[VariantMatch]:
        """All variant mentions in ``text``: sorted, non-overlapping, longest wins."""
        candidates = []
        for order in sorted(self.prefilter.candidates(text)):
            spec, regex = self.patterns[order]
            for m in regex.finditer(text):
                found = self._build(spec, m, text)
                if found is not None:
                    candidates.append((m.start(), m.end(), order, found))
        candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
        taken: list[tuple[int, int]] = []
        chosen = []
        for start, end, _, found in candidates:
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                chosen.append(found)
        chosen.sort(key=lambda v: v.start)
        chosen = [part for v in chosen for part in (self._alternatives(v) if v.variant_type == "alternatives" else [v])]
        return self._drop_words_after_variants(chosen, text)

    @staticmethod
    def _alternatives(v: VariantMatch) -> list[VariantMatch]:
        """'G719A/C' -> G719A over 'G719A' and G719C over 'C' (the gene, if attached, goes with the first)."""
        first, *others = v.text.split("/")
        ref, position = first[0], first[1:-1]
        parts, start = [], v.start
        for index, alt in enumerate([first[-1], *others]):
            written = first if index == 0 else alt
            normalized, canonical = _protein_forms(f"{ref}{position}{alt}")
            gene = (v.gene_text, v.gene_start, v.gene_end) if index == 0 else (None, None, None)
            parts.append(VariantMatch(start, start + len(written), written, "protein", normalized, canonical, *gene))
            start += len(written) + 1
        return parts

    def _drop_words_after_variants(self, found: list[VariantMatch], text: str) -> list[VariantMatch]:
        """'L755S mutation': the word repeats the variant just named, so it is no mention of its own."""
        kept = []
        for v in found:
            if v.needs_gene and kept and not kept[-1].needs_gene and self.suppress_gap.match(text[kept[-1].end:v.start]):
                continue
            kept.append(v)
        return kept

    # --- building matches -------------------------------------------------

    def _build(self, spec: dict, m: re.Match, text: str) -> VariantMatch | None:
        start, end = m.span("v")
        vtext = m["v"]
        gene = m["gene"] if "gene" in m.re.groupindex else None
        whole = text[m.start():end]
        if vtext in self.blocklist or whole in self.blocklist:
            return None
        if gene and not self._gene_ok(gene, m["sep"], vtext):
            if not m["sep"]:
                return None  # 'GADD45A' is no GAD + D45A; 'HER2L755S' is HER2 + L755S
            gene = None  # 'Non-V600E': the variant stands, without a gene
        if self.context_block.search(text[max(0, m.start() - 20):m.start()]):
            return None
        kind = spec["normalize"]
        if kind == "fusion":
            g1, g2 = m["g1"], m["g2"]
            if spec.get("known_partners") == "both":  # 'Bcr-Abl', 'bcr/abl': the symbols in lower or title case
                g1, g2 = g1.upper(), g2.upper()
                if not {g1, g2} <= self.fusion_genes:
                    return None
            if g1 == g2 or {g1, g2} & self.fusion_not_genes or re.fullmatch(r"[A-Z]\d+[A-Z]", g2) \
                    or self.fusion_not_before.match(text, end):
                return None  # 'ALK-TKI', 'KIT-D816V', 'EGFR-MET bispecific antibody'
            if spec.get("known_partner") and not {g1, g2} & self.fusion_genes:
                return None
            norm = f"{g1}::{g2}"
            return VariantMatch(start, end, vtext, "fusion", norm, norm)
        if kind == "mutant_suffix":  # 'EGFRm', 'PIK3CAm+', 'mIDH2': the gene's mutation
            if m["g"] not in self.mutant_suffix_genes:
                return None
            return VariantMatch(start, end, vtext, "gene_level", "mutation", "mutation", gene_symbol=m["g"])
        if kind == "named":  # 'EGFRvIII', 'AR-V7'
            return VariantMatch(start, end, vtext, "named", spec["named_as"], spec["named_as"],
                                gene_symbol=spec["named_gene"])
        if kind == "word":
            vtype, norm = self.words[re.sub(r"\s+", " ", vtext.lower())]
            return VariantMatch(start, end, vtext, vtype, norm, norm, needs_gene=True)
        if kind == "alternatives":  # split by find
            return self._attached(VariantMatch(start, end, vtext, "alternatives", vtext, vtext), gene, m)
        if kind == "rsid":
            norm = vtext.lower()
            return VariantMatch(start, end, vtext, "rsid", norm, norm)
        if kind == "exon":  # 'exon 19 deletion', 'ex19del', 'del19', '19del'
            groups = m.groupdict()
            event = self.exon_events[(groups["event"] or groups["event2"]).lower()]
            norm = f"exon {int(groups['exon'] or groups['exon2'])} {event}"
            return self._attached(VariantMatch(start, end, vtext, "exon", norm, norm), gene, m)  # 'EGFRex19del'
        if kind == "protein":
            if spec.get("unpositioned_context") and not self._positioned_or_said(m, text):
                return None
            norm, canon = self._protein(spec, m)
            vtype = "protein"
        else:
            norm = canon = self._dna(spec, m)
            vtype = spec["type"]
            if vtype == "auto":  # '157delMTTTVP' is protein, '4153delA' / '657del5' DNA
                letters = re.sub(r"^.*?(?:del|ins|dup)\s?", "", vtext)
                vtype = "protein" if re.search(r"[BD-FH-SU-Z]", letters) else "dna"
        return self._attached(VariantMatch(start, end, vtext, vtype, norm, canon), gene, m)

    @staticmethod
    def _attached(v: VariantMatch, gene: str | None, m: re.Match) -> VariantMatch:
        """The match with the gene written in front of it, if any ('HER2L755S')."""
        if gene is None:
            return v
        return replace(v, gene_text=gene, gene_start=m.start("gene"), gene_end=m.start("gene") + len(gene))

    def _positioned_or_said(self, m: re.Match, text: str) -> bool:
        """'threonine to alanine' without a position counts only when named as a change:
        'substitution of threonine to alanine', 'a threonine to alanine substitution'."""
        if any(m.groupdict().get(k) for k in ("pos", "posp", "pos2", "posc")):
            return True
        return bool(self.wordy_before.search(text[max(0, m.start() - 40):m.start()])
                    or self.wordy_after.match(text[m.end():m.end() + 40]))

    def _gene_ok(self, gene: str, sep: str, vtext: str) -> bool:
        """A known gene may be glued to any variant; other all-caps symbols only by a hyphen
        or to a variant that does not start like 'D45A'."""
        if gene.upper() in self.attach_genes:
            return True
        if not re.fullmatch(r"[A-Z0-9]+", gene):
            return False
        return bool(sep) or not re.match(r"[A-Z]\d", vtext)

    def _aa3(self, token: str | None) -> str:
        """Any amino-acid token (1-letter, 3-letter, name, stop word) as a 3-letter code."""
        token = re.sub(r"\s*\(.*\)$", "", token or "").strip()
        token = re.sub(r"\s(?:residue|codon)$", "", token, flags=re.I)
        low = re.sub(r"\s+", " ", token.lower())
        if low in self.aa_names:
            return self.aa_names[low]
        if low in self.stop_codes:
            return "Ter"
        if len(token) == 1:
            return self.aa1_to_3.get(token.upper(), token)
        return token[:1].upper() + token[1:].lower()

    def _nt(self, token: str) -> str:
        """'G', 'guanine', 'cytosine residue (CGA)' -> one-letter nucleotide(s)."""
        word = re.sub(r"\s*\(.*\)$|\s(?:residue|nucleotide)$", "", token.strip(), flags=re.I)
        return self.nt_names.get(word.lower(), word.upper())

    def _protein(self, spec: dict, m: re.Match) -> tuple[str, str]:
        groups = m.groupdict()
        if groups.get("ref"):
            pos = next((groups[k] for k in ("pos", "posp", "pos2", "posc") if groups.get(k)), "")
            if not pos:  # 'threonine to alanine': no HGVS without a position
                change = f"{self._aa3(groups['ref'])}>{self._aa3(groups.get('alt'))}"
                return change, change
            edit = f"{self._aa3(groups['ref'])}{pos}"
            if groups.get("ref2"):
                edit += f"_{self._aa3(groups['ref2'])}{groups['pos2']}"
            edit += spec.get("edit", "") + (self._aa3(groups["alt"]) if groups.get("alt") else "")
        else:
            edit = re.sub(r"^p\.\s*", "", m["v"])
            edit = re.sub(r"\s+", "", edit)
            if edit.startswith("(") and edit.endswith(")"):
                edit = edit[1:-1]
            edit = re.sub(r"\((\d+)\)", r"\1", edit)  # Gly(388)Arg
            edit = re.sub(r"(?<=\d)-(?=[A-Z])", "_", edit)  # E746-A750del
            edit = self.stop_tail.sub("*", edit)  # R213X, fsX16, E873stop
        return _protein_forms(edit)

    def _dna(self, spec: dict, m: re.Match) -> str:
        groups = m.groupdict()
        if groups.get("ref") and groups.get("alt"):
            ref, alt = (self._nt(groups[k]) for k in ("ref", "alt"))
            return f"{groups.get('pos') or ''}{ref}>{alt}"
        s = re.sub(r"\s+", "" if spec.get("compact") else " ", m["v"])
        return re.sub(r"-+>|→", ">", s)
