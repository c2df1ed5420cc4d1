"""Attach each variant to the gene it belongs to, and keep gene-level alterations
("mutations", "amplification") only where they are said of a gene.

A gene written next to the variant wins ("EGFR T790M", "mutations in HER2"). A bare
well-known hotspot (T790M, V600E; models/lexicons/variant_hotspots.tsv) goes to its gene
when that gene is named in the document or no other gene comes before it nearby; any
other bare variant goes to the nearest gene before it (or, with none, the next one in its
sentence). A fusion belongs to its 3' partner (CIViC's
convention: EML4-ALK is an ALK variant)."""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from .mentions import Mention
from .lexicon import read_table_column
from .resources import read_word_list
from .sentences import doc_text, sentence_bounds

MODIFIERS = frozenset(read_word_list("patterns/alteration_modifiers.txt"))
HOTSPOTS = dict(zip(read_table_column("lexicons/variant_hotspots.tsv", "variant"),
                    read_table_column("lexicons/variant_hotspots.tsv", "gene")))
GENE_NAME_HEADS = frozenset(read_word_list("patterns/gene_name_heads.txt"))
DOMAIN_WORDS = frozenset({"domain", "domains"})  # 'POLE exonuclease domain mutations': a word naming a domain
LINKERS = frozenset({"in", "of", "within", "the", "a", "an", "at", "codon", "codons", "exon", "exons", "and", "or",
                     ",", "gene", "-", "(", "affecting", "kinase", "domain", "domains", "region", "residue",
                     "residues", "position"})
RESIDUE = re.compile(r"[A-Z]\d{1,4}")  # 'mutations affecting the C481 codon of BTK'
# the word before the gene
LINKERS_LAST = frozenset({"in", "of", "within", "at", "gene", "-", "(", "the", "a", "an", "affecting"})
EXAMPLE_WORDS = ("including", "e.g.", "e.g", "like")  # 'mutations in DDR genes, including X' ('such as' too)
AFTER_GAP = 9  # tokens between a variant and the gene after it ('mutations in codons 12 and 13 of KRAS')
SENTENCE_WINDOW = 2  # sentences back to look for the gene of a bare variant


def link_variants(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Set attrs['gene'] on variants; drop gene-level words that name no gene."""
    genes = [m for m in mentions if m.label == "GENE"]
    named = {g.canonical for g in genes}
    sentence_starts = [start for start, _ in sentence_bounds(doc)] if any(m.label == "VARIANT" for m in mentions) else []
    kept = []
    for mention in mentions:
        if mention.label == "VARIANT" and not mention.attrs.get("gene"):
            adjacent = _adjacent_gene(doc, mention, genes)
            if adjacent is None and mention.attrs.get("needs_gene"):
                continue
            if adjacent is not None:
                mention.attrs["gene"] = adjacent.canonical
                if "members" in adjacent.attrs:  # 'BRCA1/2 mutations': a mutation of each
                    mention.attrs["gene_members"] = [symbol for symbol, _ in adjacent.attrs["members"]]
            else:
                nearest = _nearest_previous_gene(mention, genes, sentence_starts, len(doc))
                hotspot = HOTSPOTS.get(mention.canonical)
                if hotspot and (hotspot in named or nearest is None or nearest.token_start > mention.token_start):
                    mention.attrs["gene"] = hotspot
                else:
                    mention.attrs["gene"] = nearest.canonical if nearest else None
        mention.attrs.pop("needs_gene", None)
        kept.append(mention)
    return kept


def _adjacent_gene(doc: Doc, variant: Mention, genes: list[Mention]) -> Mention | None:
    """A gene right before the variant (modifiers between) or right after ("in HER2")."""
    before = [g for g in genes if g.token_end <= variant.token_start]
    if before:
        gene = max(before, key=lambda g: g.token_end)
        words = doc_text(doc)[gene.end:variant.start].lower().split()
        # a domain's name may take two words ('FLT3 tyrosine kinase domain mutations')
        if all(_modifier(word) or DOMAIN_WORDS.intersection(words[k + 1:k + 3]) for k, word in enumerate(words)):
            return gene
    after = [g for g in genes if g.token_start >= variant.token_end]
    if after:
        gene = min(after, key=lambda g: g.token_start)
        between = doc[variant.token_end:gene.token_start] if gene.token_start - variant.token_end <= AFTER_GAP else []
        if between and all(t.lower_ in LINKERS or t.like_num or RESIDUE.fullmatch(t.text) for t in between) \
                and between[-1].lower_ in LINKERS_LAST or _genes_exemplified(between) or _gene_described(between):
            return gene
    return None


def _gene_described(between) -> bool:
    """'overexpression of the breast cancer resistance protein ABCG2', 'mutations in the apoptosis effector gene BAX':
    the gene after 'of the' or 'in the' and a description ending with a gene-name head word."""
    words = [t.lower_ for t in between]
    return len(words) >= 3 and words[0] in ("of", "in") and words[1] in ("the", "a") and words[-1] in GENE_NAME_HEADS


def opens_examples(words: list[str]) -> bool:
    """The lower-case words end with what opens a list of examples: 'such as', 'including', 'e.g.', 'like'."""
    return bool(words) and (words[-1] in EXAMPLE_WORDS or words[-2:] == ["such", "as"])


def _genes_exemplified(between) -> bool:
    """'mutations in DNA repair genes such as BRCA1', 'alterations in other DDR genes (e.g., PALB2)': the gene
    after is the first example of the genes the variant is in."""
    words = [t.lower_ for t in between if t.lower_ not in (",", "(", ":")]
    return len(words) > 2 and words[0] == "in" and ("genes" in words or "gene" in words) and opens_examples(words)


def _modifier(word: str) -> bool:
    """A modifier word, hyphenated modifiers ('loss-of-function') or a domain ('exonuclease-domain')."""
    parts = [part for part in word.split("-") if part]
    return word in MODIFIERS or all(part in MODIFIERS for part in parts) or (
        len(parts) > 1 and parts[-1] in DOMAIN_WORDS)


def _nearest_previous_gene(variant: Mention, genes: list[Mention], sentence_starts: list[int],
                           doc_length: int) -> Mention | None:
    """The closest gene before the variant in its sentence or the few sentences before it."""
    index = bisect_right(sentence_starts, variant.token_start) - 1
    window_start = sentence_starts[max(0, index - SENTENCE_WINDOW)]
    sentence_end = sentence_starts[index + 1] if index + 1 < len(sentence_starts) else doc_length
    before = [g for g in genes if window_start <= g.token_start < variant.token_start]
    if before:
        return max(before, key=lambda g: g.token_start)
    after = [g for g in genes if variant.token_end <= g.token_start < sentence_end]
    return min(after, key=lambda g: g.token_start) if after else None
