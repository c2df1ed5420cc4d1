"""How entities of a trained NER model are merged with lexicon and grammar candidates.

The entity component collects candidates from the lexicons, the variant grammar and the
NER model that ran before it (``doc.ents`` mapped through ``model_labels``), then keeps
the longest where they overlap (``mentions.resolve_overlaps``). Without a policy a model
is one more source of candidates ("union"). The policies below decide, for the labels
the model was trained on (GENE and DRUG by default), which source has the last word;
the measurements behind them are in models/README.md.

Policies (``merge_candidates(..., policy=...)``):

- ``union``: every candidate goes on (the behaviour without this module).
- ``model_first``: a lexicon GENE / DRUG candidate that overlaps a model entity of any
  of the governed labels is dropped, so the model's span and label win; lexicon
  candidates elsewhere stay (they add recall where the model is silent).
- ``model_only``: for the governed labels the model decides: lexicon GENE / DRUG
  candidates stay only when a model entity has exactly their span and label (they then
  carry the identifier); all others are dropped. The default for a trained model.

Always, whatever the policy:

- Lexicon candidates of other labels (DRUG_CLASS, TUMOR_SUBTYPE) and grammar
  candidates (VARIANT and the genes the grammar found inside "HER2-L755S") are kept.
- A model entity that overlaps a grammar VARIANT is dropped: the grammar's variant spans
  and HGVS normalization are better than the model's (models/README.md, "VARIANT").
- A model entity with exactly the span of a kept lexicon candidate of the same label is
  dropped as a duplicate: the lexicon candidate carries the identifier and term type.
- A model entity is given the identifier and canonical name of the lexicon entry of the
  same label for its text when there is one (``_model_candidates`` does that already).
"""
from __future__ import annotations

from .mentions import Mention
from .resources import read_json
from .sentences import doc_text

TARGET_CLASSES = "patterns/target_classes.json"

POLICIES = ("union", "model_first", "model_only")
DEFAULT_POLICY = "model_only"
GOVERNED_LABELS = ("GENE", "DRUG")


def merge_candidates(lexicon: list[Mention], grammar: list[Mention], model: list[Mention],
                     policy: str = DEFAULT_POLICY,
                     governed: tuple[str, ...] = GOVERNED_LABELS) -> list[Mention]:
    """All candidates to pass on to abbreviation handling and overlap resolution."""
    if policy not in POLICIES:
        raise ValueError(f"unknown merge policy {policy!r}: use one of {', '.join(POLICIES)}")
    variants = [m for m in grammar if m.label == "VARIANT"]
    model = [m for m in model if not any(m.overlaps(v) for v in variants)]
    if policy == "union":
        kept_lexicon = lexicon
    else:
        spans = [m for m in model if m.label in governed]
        exact = {(m.start, m.end, m.label) for m in spans}
        kept_lexicon = []
        for candidate in lexicon:
            if candidate.label not in governed:
                kept_lexicon.append(candidate)
            elif policy == "model_only":
                if (candidate.start, candidate.end, candidate.label) in exact:
                    kept_lexicon.append(candidate)
            elif not any(candidate.overlaps(m) for m in spans) or \
                    (candidate.start, candidate.end, candidate.label) in exact:
                kept_lexicon.append(candidate)
    lexicon_spans = {(m.start, m.end, m.label) for m in kept_lexicon}
    model = [m for m in model if (m.start, m.end, m.label) not in lexicon_spans]
    return kept_lexicon + grammar + model


def merge_mentions(doc, mentions: list[Mention], model_spans, lexicon=None,
                   policy: str = DEFAULT_POLICY, governed: tuple[str, ...] = GOVERNED_LABELS,
                   confidence: dict[str, float] | None = None, min_confidence: float = 0.0,
                   propagate: bool = False) -> list[Mention]:
    """The same policies after the fact: the rules' final ``mentions`` and the model's
    entities (spans) of a NER placed after the entity component (models/config_ner.cfg).

    Rules mentions of other labels (VARIANT, DRUG_CLASS, TUMOR_SUBTYPE) always stay and
    win over model entities that overlap them (guidelines: "HER2-positive" is one
    TUMOR_SUBTYPE). For the governed labels: ``model_only`` keeps a rules mention only
    where the model has its exact span and label, and takes every other model entity;
    ``model_first`` also keeps rules mentions that no model entity overlaps; ``union``
    keeps all rules mentions and adds the model entities that overlap none of them.
    Model entities get the identifier of the lexicon entry of their label for their text
    (``lexicon.lookup``) and their ``confidence`` (``{"start:end": probability}``, as the
    NER component leaves it); one the rules did not find counts as no entity below
    ``min_confidence``. A model GENE whose text is on the gene stop list and no curated term
    counts as no entity.
    With ``propagate``, GENE / DRUG mentions are then spread over the document
    (``propagate_mentions``). Variants are then linked again to the genes that remain.
    """
    from .variant_linking import link_variants

    if policy not in POLICIES:
        raise ValueError(f"unknown merge policy {policy!r}: use one of {', '.join(POLICIES)}")
    others = [m for m in mentions if m.label not in governed]
    ruled = [m for m in mentions if m.label in governed]
    confidence = confidence or {}
    model = [Mention(s.start_char, s.end_char, s.label_, None, None, "model",
                     confidence=confidence.get(f"{s.start_char}:{s.end_char}", 1.0),
                     token_start=s.start, token_end=s.end)
             for s in model_spans if s.label_ in governed]
    text = doc_text(doc)
    taken = _Occupancy(len(text), others)
    model = [m for m in model if not taken.overlaps(m.start, m.end) and _plausible(text[m.start:m.end])
             and not _stopped(lexicon, m, text[m.start:m.end])]
    ruled_spans = {(m.start, m.end, m.label) for m in ruled}
    # an unsure model entity counts as no entity (the rules' one stays under model_first)
    model = [m for m in model if m.confidence >= min_confidence or (m.start, m.end, m.label) in ruled_spans]
    class_genes = _class_target_genes(model, ruled, text)
    model = [m for m in model if all(not m.overlaps(gene) for gene in class_genes)]
    exact = {(m.start, m.end, m.label) for m in model}
    if policy == "model_only":
        kept = [m for m in ruled if (m.start, m.end, m.label) in exact or _protected(m, model)]
    elif policy == "model_first":
        kept = [m for m in ruled if (m.start, m.end, m.label) in exact or _protected(m, model)
                or not any(m.overlaps(o) for o in model)]
    else:
        kept = ruled
    kept += [gene for gene in class_genes if gene not in kept]
    kept_spans = {(m.start, m.end, m.label) for m in kept}
    added = [m for m in model if (m.start, m.end, m.label) not in kept_spans
             and not any(m.overlaps(k) for k in kept)]
    for mention in added:
        surface = text[mention.start:mention.end]
        if surface.endswith("-") and len(surface) > 2:  # 'NRAS- and BRAF-mutant': the name without its hyphen
            surface, mention.end = surface[:-1], mention.end - 1
        entries = lexicon.entries_for(surface, mention.label) if lexicon else ()
        if entries:
            mention.normalized, mention.canonical, mention.term_type = (
                entries[0].normalized, entries[0].canonical, entries[0].term_type)
        else:
            mention.canonical = surface.lower()
    merged = sorted(others + kept + added, key=lambda m: (m.start, m.end))
    if propagate:
        merged = propagate_mentions(doc, merged, governed)
    return link_variants(doc, merged)


def _plausible(surface: str) -> bool:
    """No entity: a model span that opens or closes a bracket it does not close or open, cut across a
    bracket ("MEK) 1/2 inhibitor" in "MAPK kinase (MEK) 1/2 inhibitor"), or one without a letter (the
    reference numbers in "human cancers4,5,6")."""
    balanced = surface.count("(") == surface.count(")") and surface.count("[") == surface.count("]")
    return balanced and any(c.isalpha() for c in surface)


def _stopped(lexicon, mention: Mention, surface: str) -> bool:
    """A model gene whose text is on the gene stop list and no curated term ("CML", "TP", "SCC"): the list
    names the texts that are rarely genes in abstracts, whoever tagged them."""
    return lexicon is not None and mention.label == "GENE" and surface in lexicon.gene_stoplist \
        and not lexicon.entries_for(surface, "GENE")


def _class_target_genes(model: list[Mention], ruled: list[Mention], text: str) -> list[Mention]:
    """The rules' genes that name a drug class's target, whatever the model said of them; the target_classes
    component then makes the class with its curated name and identifier. A gene a model DRUG entity spans with
    one class head after it ("ATR inhibitors", "FGFR4 antibody": the model's bare span lacks the name), and a
    gene right before a class head that no model entity overlaps ("responses to PARP inhibition": the model,
    trained on gene mentions, not class targets, left it out)."""
    heads = read_json(TARGET_CLASSES)["heads"]
    drugs_at = {m.start: m for m in model if m.label == "DRUG"}  # model entities do not overlap
    genes = []
    for gene in (m for m in ruled if m.label == "GENE"):
        entity = drugs_at.get(gene.start)
        if entity is not None:
            rest = text[gene.end:entity.end].lstrip(" -").split() if gene.end < entity.end else []
            if len(rest) == 1 and rest[0].lower() in heads:
                genes.append(gene)
            continue
        rest = text[gene.end:gene.end + 20].lstrip(" -").split(maxsplit=1)
        if rest and rest[0].lower().rstrip(".,;:)") in heads and not any(gene.overlaps(m) for m in model):
            genes.append(gene)
    return genes


def _protected(mention: Mention, model: list[Mention]) -> bool:
    """A curated lexicon term (our oncology conventions, e.g. "ER" = ESR1) or a drug's generic
    name ("fluorouracil" in "5-fluorouracil") the model did not tag otherwise stays: the model
    learned another corpus's conventions, and misses names in forms it rarely saw. A code name
    ("AMG 193") stays where the model tagged only its prefix ("AMG"), as does a curated name where the model
    tagged only a part of it ("resistance-associated protein 1" in "multidrug resistance-associated protein 1"),
    though not a family ("BCL2" in "the BCL2 family" stays the model's gene)."""
    named = mention.attrs.get("curated", False) or (mention.label == "DRUG" and mention.term_type == "name")
    if mention.source == "shape" and any(m.label == "DRUG" and _inside(m, mention) for m in model):
        return True
    overlapping = [m for m in model if mention.overlaps(m)]
    if mention.attrs.get("curated", False) and mention.term_type != "family" and overlapping and all(
            _inside(m, mention) and m.label == mention.label for m in overlapping):
        return True
    return named and not overlapping


def _inside(part: Mention, whole: Mention) -> bool:
    """`part` lies within `whole` and is shorter."""
    return whole.start <= part.start and part.end <= whole.end and (part.start, part.end) != (whole.start, whole.end)


def propagate_mentions(doc, mentions: list[Mention], labels: tuple[str, ...] = GOVERNED_LABELS,
                       min_length: int = 2) -> list[Mention]:
    """One sense a document: every other occurrence of the text of a GENE / DRUG mention,
    and of an abbreviation whose long form ends with one (scispaCy's ``doc._.abbreviations``),
    becomes the same mention where it falls on token boundaries and overlaps no mention.

    A tagger decides token by token, so it can find "Psoriasin" once and miss it twice,
    or find "monohydroxyethylrutoside" but not "monoHER" defined after it.
    """
    text = doc_text(doc)
    templates: dict[str, Mention] = {}
    for mention in mentions:
        if mention.label in labels:
            templates.setdefault(text[mention.start:mention.end], mention)
    ending = {m.end: m for m in mentions if m.label in labels}
    for short in (getattr(doc._, "abbreviations", None) or []) if doc.has_extension("abbreviations") else []:
        long_form = short._.long_form
        if long_form is None:
            continue
        source = ending.get(long_form.end_char)
        if source is not None and source.start >= long_form.start_char:
            templates.setdefault(short.text, source)
    taken = _Occupancy(len(text), mentions)
    added = []
    for surface, template in templates.items():
        if len(surface) < min_length or not surface.strip():
            continue
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not taken.overlaps(start, end):
                span = doc.char_span(start, end)
                if span is not None:
                    added.append(Mention(start, end, template.label, template.normalized, template.canonical,
                                         "propagated", template.term_type, dict(template.attrs),
                                         confidence=template.confidence,
                                         token_start=span.start, token_end=span.end))
                    taken.add(start, end)
            start = text.find(surface, start + 1)
    return sorted(mentions + added, key=lambda m: (m.start, m.end)) if added else mentions


class _Occupancy:
    """The characters of a text that mentions cover: "does [start, end) overlap one?" in
    C time (``bytearray.find``) instead of a loop over the mentions."""

    def __init__(self, length: int, mentions=()):
        self.chars = bytearray(length)
        for mention in mentions:
            self.add(mention.start, mention.end)

    def add(self, start: int, end: int) -> None:
        if end > start:
            self.chars[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return end > start and self.chars.find(1, start, end) >= 0
