"""Attach each variant to the gene it belongs to, and keep gene-level alterations
("mutations", "amplification") only where they are said of a gene."""
from __future__ import annotations

from spacy.tokens import Doc

from .mentions import Mention
from .resources import read_word_list

MODIFIERS = frozenset(read_word_list("patterns/alteration_modifiers.txt"))
LINKERS = frozenset({"in", "of", "within", "the", "a", "an", "at", "codon", "gene", "-", "("})
SENTENCE_WINDOW = 2  # sentences back to look for the gene of a bare variant


def link_variants(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Set attrs['gene'] on variants; drop gene-level words that name no gene."""
    genes = [m for m in mentions if m.label == "GENE"]
    kept = []
    for mention in mentions:
        if mention.label == "VARIANT" and not mention.attrs.get("gene"):
            gene = _adjacent_gene(doc, mention, genes)
            if gene is None and not mention.attrs.get("needs_gene"):
                gene = _nearest_previous_gene(doc, mention, genes)
            if gene is None and mention.attrs.get("needs_gene"):
                continue
            mention.attrs["gene"] = gene.canonical if gene else None
        mention.attrs.pop("needs_gene", None)
        kept.append(mention)
    return kept


def _adjacent_gene(doc: Doc, variant: Mention, genes: list[Mention]) -> Mention | None:
    """A gene right before the variant (modifiers between) or right after ("in HER2")."""
    for gene in sorted(genes, key=lambda g: -g.token_end):
        if gene.token_end <= variant.token_start:
            between = doc[gene.token_end:variant.token_start]
            if all(t.lower_ in MODIFIERS or t.is_space for t in between):
                return gene
            break
    for gene in sorted(genes, key=lambda g: g.token_start):
        if gene.token_start >= variant.token_end:
            between = doc[variant.token_end:gene.token_start]
            if len(between) <= 3 and between and all(t.lower_ in LINKERS or t.like_num for t in between):
                return gene
            break
    return None


def _nearest_previous_gene(doc: Doc, variant: Mention, genes: list[Mention]) -> Mention | None:
    """The closest gene before the variant in its sentence or the few sentences before it."""
    sentence = doc[variant.token_start].sent
    window_start = sentence.start
    for _ in range(SENTENCE_WINDOW):
        if window_start == 0:
            break
        window_start = doc[window_start - 1].sent.start
    before = [g for g in genes if window_start <= g.token_start < variant.token_start]
    if before:
        return max(before, key=lambda g: g.token_start)
    after = [g for g in genes if sentence.start <= g.token_start < sentence.end and g.token_start >= variant.token_end]
    return min(after, key=lambda g: g.token_start) if after else None
