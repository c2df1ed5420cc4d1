"""The entity component: lexicon and grammar candidates -> linked, non-overlapping mentions.

Candidates come from the gene, drug, drug-class and tumor-subtype lexicons, the
variant grammar, and (optionally) the entities of a NER model placed earlier in the
pipeline. Abbreviation definitions then relabel short forms, overlaps are resolved
(longest first), and variants are attached to their genes. The result is
`doc._.mentions` (a list of `Mention`), `doc.spans["entities"]` and `doc.ents`.
"""
from __future__ import annotations

import gc
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .abbreviations import apply_abbreviations
from .drug_shapes import DrugShapes
from .gene_composites import GeneComposites
from .gene_context import GeneContext
from .lexicon import Lexicon, read_table_column
from .mentions import LABEL_PRIORITY, Mention, resolve_overlaps, set_mentions, token_bounds
from .resources import DRUG_TABLES, models_path, read_json, read_word_list
from .sentences import doc_text
from .variant_linking import link_variants
from .variants import VariantFinder

Doc.set_extension("mentions", default=None, force=True)

DRUG_KINDS = {"drug": "DRUG", "class": "DRUG_CLASS"}
DRUG_SALTS = "lexicons/drug_salts.txt"


@Language.factory(
    "extractor_entities",
    default_config={
        "gene_tables": ["lexicons/genes.tsv", "lexicons/genes_curated.tsv", "lexicons/gene_families.tsv"],
        "drug_tables": list(DRUG_TABLES),
        "subtype_tables": ["lexicons/tumor_subtypes.tsv"],
        "gene_stoplist": "lexicons/gene_stoplist.tsv",
        "gene_context": "patterns/gene_context.json",
        "variant_patterns": "patterns/variants.json",
        "drug_shapes": "patterns/drug_morphology.json",
        "gene_composites": "patterns/gene_composites.json",
        "confidence": "patterns/entity_confidence.json",
        "model_labels": {},
    },
)
def make_entity_recognizer(nlp: Language, name: str, gene_tables: list[str], drug_tables: list[str],
                           subtype_tables: list[str], gene_stoplist: str, gene_context: str,
                           variant_patterns: str, drug_shapes: str, gene_composites: str, confidence: str,
                           model_labels: dict[str, str]):
    lexicon = load_lexicon(tuple(gene_tables), tuple(drug_tables), tuple(subtype_tables), gene_stoplist)
    return EntityRecognizer(lexicon, VariantFinder.from_file(models_path(variant_patterns)),
                            GeneContext(read_json(gene_context)), DrugShapes(read_json(drug_shapes)),
                            GeneComposites(read_json(gene_composites)), read_json(confidence), model_labels)


@lru_cache(maxsize=4)
def load_lexicon(gene_tables: tuple[str, ...], drug_tables: tuple[str, ...],
                 subtype_tables: tuple[str, ...], gene_stoplist: str | None = None) -> Lexicon:
    """Build the lexicon once a process for a given set of tables.

    The garbage collector is paused meanwhile: the hundreds of thousands of entries are
    all kept, and walking them again and again would cost more than reading them.
    """
    stoplist = frozenset(read_table_column(gene_stoplist, "term")) if gene_stoplist else frozenset()
    lexicon = Lexicon(gene_stoplist=stoplist)
    lexicon.salt_words = frozenset(w.lower() for w in read_word_list(DRUG_SALTS))
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in gene_tables:
            lexicon.load_table(path, "GENE")
        for path in drug_tables:
            lexicon.load_table(path, "DRUG", kind_labels=DRUG_KINDS)
        for path in subtype_tables:
            lexicon.load_table(path, "TUMOR_SUBTYPE")
        lexicon.unify_canonicals()
    finally:
        if collecting:
            gc.enable()
    return lexicon


class EntityRecognizer:
    def __init__(self, lexicon: Lexicon, variants: VariantFinder, gene_context: GeneContext,
                 drug_shapes: DrugShapes, gene_composites: GeneComposites, confidence: dict,
                 model_labels: dict[str, str]):
        self.lexicon = lexicon
        self.variants = variants
        self.gene_context = gene_context
        self.drug_shapes = drug_shapes
        self.gene_composites = gene_composites
        self.confidence = confidence
        self.model_labels = model_labels

    def __call__(self, doc: Doc) -> Doc:
        lexical = self._lexicon_candidates(doc)
        candidates = (lexical + self._variant_candidates(doc) + self._shape_candidates(doc, lexical)
                      + self._composite_candidates(doc, lexical) + self._model_candidates(doc))
        candidates = [c for c in apply_abbreviations(doc, candidates) if self.gene_context.keep(doc, c)]
        mentions = resolve_overlaps(candidates)
        _link_bracketed_names(doc_text(doc), mentions)
        set_mentions(doc, link_variants(doc, mentions), token_bounds(doc))
        return doc

    def _rank(self, entry) -> tuple:
        return _entry_rank(entry, self.lexicon.curated_genes)

    def _lexicon_candidates(self, doc: Doc) -> list[Mention]:
        candidates = []
        for match in self.lexicon.find(doc):
            entry = match.entries[0] if len(match.entries) == 1 else max(match.entries, key=self._rank)
            first, last = doc[match.start], doc[match.end - 1]
            confidence = (self.confidence["loose"] if match.loose else
                          self.confidence["lexicon"].get(entry.term_type, self.confidence["lexicon_default"]))
            candidates.append(Mention(first.idx, last.idx + len(last), entry.label, entry.normalized,
                                      entry.canonical, "loose" if match.loose else "lexicon", entry.term_type,
                                      attrs={"curated": True} if entry.source == "curated" else {},
                                      token_start=match.start, token_end=match.end, confidence=confidence))
        return candidates

    def _shape_candidates(self, doc: Doc, lexical: list[Mention]) -> list[Mention]:
        """Drugs by INN stem or code-name shape, where no lexicon term stands and that join no known drugs
        ('paclitaxel-carboplatin' is two)."""
        taken = {(m.start, m.end) for m in lexical}
        drugs = [(m.start, m.end) for m in lexical if m.label == "DRUG"]
        text = doc_text(doc)
        candidates = []
        for start, end in self.drug_shapes.find(text):
            span = doc.char_span(start, end)
            if span is None or (start, end) in taken or any(start <= b and e <= end for b, e in drugs):
                continue
            candidates.append(Mention(start, end, "DRUG", None, text[start:end].lower(), "shape",
                                      token_start=span.start, token_end=span.end,
                                      confidence=self.confidence["shape"]))
        return candidates

    def _composite_candidates(self, doc: Doc, lexical: list[Mention]) -> list[Mention]:
        """'BRCA1/2': one GENE mention for several genes of one stem, when the lexicon knows every member
        and has no term for the whole."""
        taken = {(m.start, m.end) for m in lexical}
        candidates = []
        for start, end, terms in self.gene_composites.find(doc_text(doc)):
            entries = [self.lexicon.gene_entries(term) for term in terms]
            if (start, end) in taken or not all(entries):
                continue
            members = [max(found, key=self._rank) for found in entries]
            if len({m.normalized for m in members}) < len(members):
                continue
            first = members[0]
            candidates.append(_with_tokens(doc, Mention(
                start, end, "GENE", first.normalized, first.canonical, "composite", first.term_type,
                attrs={"members": [(m.canonical, m.normalized) for m in members]},
                confidence=self.confidence["composite"])))
        return candidates

    def _variant_candidates(self, doc: Doc) -> list[Mention]:
        candidates = []
        for match in self.variants.find(doc_text(doc)):
            attrs = {"variant_type": match.variant_type, "needs_gene": match.needs_gene}
            if match.gene_symbol:  # 'HER2mut': the approved symbol
                attrs["gene"] = self._gene_symbol(match.gene_symbol) or match.gene_symbol
            if match.gene_text:
                entries = self.lexicon.entries_for(match.gene_text, "GENE")
                if entries:
                    gene = _with_tokens(doc, Mention(match.gene_start, match.gene_end, "GENE",
                                                     entries[0].normalized, entries[0].canonical,
                                                     "grammar", entries[0].term_type,
                                                     confidence=self.confidence["lexicon_default"]))
                    candidates.append(gene)
                    attrs["gene"] = entries[0].canonical
            normalized, canonical = match.normalized, match.canonical
            if match.variant_type == "fusion":  # partners by approved symbol: BCR-ABL -> BCR::ABL1
                partners = [(self._gene_symbol(name), name) for name in match.normalized.split("::")]
                attrs["gene"] = partners[-1][0]
                normalized = canonical = "::".join(symbol or name for symbol, name in partners)
            confidence = self.confidence["grammar"].get(match.variant_type, self.confidence["grammar_default"])
            candidates.append(_with_tokens(doc, Mention(match.start, match.end, "VARIANT", normalized, canonical,
                                                        "grammar", attrs=attrs, confidence=confidence)))
        return candidates

    def _gene_symbol(self, name: str) -> str | None:
        """The approved symbol of a gene name, when the lexicon knows it."""
        entries = self.lexicon.entries_for(name, "GENE")
        return max(entries, key=self._rank).canonical if entries else None

    def _model_candidates(self, doc: Doc) -> list[Mention]:
        """Entities set by an earlier NER model, mapped to our labels and linked by lexicon."""
        candidates = []
        for ent in doc.ents:
            label = self.model_labels.get(ent.label_)
            if label is None:
                continue
            entries = self.lexicon.entries_for(ent.text, label)
            entry = entries[0] if entries else None
            candidates.append(Mention(ent.start_char, ent.end_char, label,
                                      entry.normalized if entry else None,
                                      entry.canonical if entry else ent.text.lower(), "model",
                                      token_start=ent.start, token_end=ent.end,
                                      confidence=self.confidence["model"]))
        return candidates


def _link_bracketed_names(text: str, mentions: list[Mention]) -> None:
    """'Selitrectinib (LOXO-195)', 'LOXO-195 (selitrectinib)': an unlinked drug name in brackets right after
    a linked one, or before one in brackets, is the same drug."""
    for first, second in zip(mentions, mentions[1:]):
        if first.label != "DRUG" or second.label != "DRUG" or bool(first.normalized) == bool(second.normalized):
            continue
        if text[first.end:second.start].strip() == "(" and text[second.end:second.end + 1] == ")":
            unlinked, linked = (second, first) if first.normalized else (first, second)
            unlinked.normalized, unlinked.canonical = linked.normalized, linked.canonical


def _entry_rank(entry, curated_genes: set[str]) -> tuple:
    """Prefer curated entries, then an approved gene symbol, then subtype > class > drug > gene alias, then a
    name, a previous symbol over an alias ('MDR1': ABCB1, not the TBC1D9 alias), a curated (cancer) gene."""
    is_symbol = entry.label == "GENE" and entry.term_type == "symbol"
    return (entry.source == "curated", is_symbol, LABEL_PRIORITY.get(entry.label, 0), entry.term_type == "name",
            entry.term_type == "previous_symbol", entry.normalized in curated_genes)


def _with_tokens(doc: Doc, mention: Mention) -> Mention:
    """Fill the token bounds of a character-offset mention (tokens that contain it)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is not None:
        mention.token_start, mention.token_end = span.start, span.end
    return mention
