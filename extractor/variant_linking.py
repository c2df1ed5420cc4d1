"""Attach each variant to the gene it belongs to, and keep gene-level alterations
("mutations", "amplification") only where they are said of a gene."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from .mentions import Mention
from .resources import read_word_list
from .sentences import sentence_bounds

MODIFIERS = frozenset(read_word_list("patterns/alteration_modifiers.txt"))
LINKERS = frozenset({"in", "of", "within", "the", "a", "an", "at", "codon", "gene", "-", "("})
SENTENCE_WINDOW = 2  # sentences back to look for the gene of a bare variant


def link_variants(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Set attrs['gene'] on variants; drop gene-level words that name no gene."""
    genes = [m for m in mentions if m.label == "GENE"]
    sentence_starts = [start for start, _ in sentence_bounds(doc)] if any(m.label == "VARIANT" for m in mentions) else []
    kept = []
    for mention in mentions:
        if mention.label == "VARIANT" and not mention.attrs.get("gene"):
            gene = _adjacent_gene(doc, mention, genes)
            if gene is None and not mention.attrs.get("needs_gene"):
                gene = _nearest_previous_gene(mention, genes, sentence_starts, len(doc))
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
