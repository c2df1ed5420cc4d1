"""RESISTANT_TO / SENSITIVE_TO relations between an alteration and a drug.

Rules over the token sequence of a sentence (no parser needed), driven by the cue
lexicon in models/patterns/relation_cues.json: each cue has a *shape* that says where
the drug and the alteration stand around it ("HER2 mutations confer resistance to
tamoxifen, fulvestrant and palbociclib", "poziotinib is potent in neratinib-resistant
HER2 L755S models", "resistance was overcome by neratinib"). Coordinated drugs give one
relation each, a drug class in apposition to a drug ("the HER2 kinase inhibitor
neratinib") yields to the drug, alterations in a contrast ("in contrast to ER
mutations") are not subjects, and a sentence without an alteration refers back to the
subject of the last relation. Negation and hedging cues set flags; they never drop a
relation.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .mentions import Mention
from .resources import read_json
from .sentences import sentence_bounds

Doc.set_extension("relations", default=None, force=True)

DRUG_LABELS = {"DRUG", "DRUG_CLASS"}
BRACKETS = {"(", ")", "[", "]"}
MAX_GAP = 5  # tokens between coordinated drugs
COREF_SENTENCES = 3


@dataclass
class Relation:
    type: str
    subject: Mention
    object: Mention
    sentence: Span
    cue: str
    sentence_index: int
    negated: bool = False
    speculative: bool = False
    subtype: Mention | None = None
    confidence: float = 0.0


@Language.factory("extractor_relations", default_config={"cues": "patterns/relation_cues.json"})
def make_relation_extractor(nlp: Language, name: str, cues: str):
    return RelationExtractor(nlp, read_json(cues))


class RelationExtractor:
    def __init__(self, nlp: Language, cues: dict):
        self.cues = cues
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.families = {}
        for index, family in enumerate(cues["cues"]):
            key = f"{family['type']}:{family['shape']}:{index}"
            self.families[key] = family
            self.matcher.add(key, [nlp.make_doc(p) for p in family["phrases"]])
        self.contrast = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.contrast.add("contrast", [nlp.make_doc(p) for p in cues["contrast"]])
        self.negation = set(cues["negation"])
        self.hedges = set(cues["hedges"])
        self.breaks = set(cues["clause_breaks"])
        self.combination = set(cues["combination"])
        self.adjust = cues["confidence_adjustments"]

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.mentions or []
        by_token = {}
        for mention in mentions:
            for i in range(mention.token_start, mention.token_end):
                by_token[i] = mention
        cues = filter_spans([Span(doc, s, e, label=k) for k, s, e in self.matcher(doc)])
        contrasts = [Span(doc, s, e) for _, s, e in self.contrast(doc)]
        relations: list[Relation] = []
        for index, (start, end) in enumerate(sentence_bounds(doc)):
            sentence = doc[start:end]
            in_sentence = [c for c in cues if sentence.start <= c.start < sentence.end]
            if in_sentence:
                contrasted = self._contrasted_tokens(doc, sentence, contrasts)
                found = self._sentence_relations(doc, sentence, in_sentence, contrasted,
                                                 by_token, mentions, relations, index)
                relations.extend(found)
        doc._.relations = _deduplicate(relations)
        return doc

    def _sentence_relations(self, doc, sentence, cues, contrasted, by_token, mentions, earlier,
                            index: int) -> list[Relation]:
        inside = [m for m in mentions if sentence.start <= m.token_start < sentence.end]
        drugs = [m for m in inside if m.label in DRUG_LABELS]
        if not drugs:
            return []
        alterations = [m for m in inside if m.label == "VARIANT" and m.token_start not in contrasted]
        found = []
        for cue in cues:
            family = self.families[cue.label_]
            for drug, alteration, flags in self._arguments(doc, sentence, cue, family, drugs, alterations,
                                                           by_token, earlier, index):
                relation = Relation(family["type"], alteration, drug, sentence, cue.text, index)
                relation.negated = self._negated(doc, sentence, cue)
                relation.speculative = any(t.lower_ in self.hedges for t in doc[sentence.start:cue.start])
                relation.subtype = next((m for m in inside if m.label == "TUMOR_SUBTYPE"), None)
                relation.confidence = self._confidence(family, relation, flags)
                found.append(relation)
        return found

    def _arguments(self, doc, sentence, cue, family, drugs, alterations, by_token, earlier, index):
        """Yield (drug, alteration, flags) for one cue according to its shape."""
        shape = family["shape"]
        if shape == "compound":
            drug = by_token.get(cue.start - 2) if cue.start >= 2 and doc[cue.start - 1].text == "-" else None
            if drug is None or drug.label not in DRUG_LABELS:
                return
            chosen = [drug]
            after = [a for a in alterations if a.token_start >= cue.end]
            alteration, flags = (after[0], set()) if after else self._subject(cue, alterations, earlier, index)
        elif shape == "agent":
            before = [d for d in drugs if d.token_end <= cue.start and not self._break_between(doc, d.token_end, cue.start)]
            if not before:
                return
            chosen = [max(before, key=lambda d: d.token_end)]
            after = [a for a in alterations if a.token_start >= cue.end]
            alteration, flags = (after[0], set()) if after else self._subject(cue, alterations, earlier, index)
        else:
            chosen = self._drugs_after(doc, sentence, cue.end, by_token, combination=shape == "overcome")
            alteration, flags = self._subject(cue, alterations, earlier, index)
        if alteration is None:
            return
        for drug in chosen:
            yield drug, alteration, flags

    def _subject(self, cue, alterations, earlier, index):
        """The alteration a cue is said of: before it, else after it, else the last subject."""
        before = [a for a in alterations if a.token_end <= cue.start]
        if before:
            return max(before, key=lambda a: a.token_end), set()
        after = [a for a in alterations if a.token_start >= cue.end]
        if after:
            return after[0], {"alteration_after_cue"}
        recent = [r for r in earlier if index - COREF_SENTENCES <= r.sentence_index < index]
        if recent:
            return recent[-1].subject, {"coreference"}
        return None, set()

    def _drugs_after(self, doc, sentence, start, by_token, combination: bool) -> list[Mention]:
        """Coordinated drugs after a cue: 'to tamoxifen, fulvestrant and palbociclib'."""
        found: list[Mention] = []
        gap = 0
        i = start
        while i < sentence.end:
            mention = by_token.get(i)
            token = doc[i]
            if mention is not None and mention.label in DRUG_LABELS:
                found.append(mention)
                gap = 0
                i = mention.token_end
                continue
            if token.lower_ in self.breaks or (token.is_sent_end and token.is_punct):
                break
            if combination and token.lower_ in self.combination:
                found.clear()
            if mention is not None and mention.label == "VARIANT" and found:
                break
            gap += 0 if token.is_punct or token.is_space else 1
            if gap > (MAX_GAP if found else MAX_GAP + 2):
                break
            i += 1
        return _drop_appositive_classes(doc, found)

    def _contrasted_tokens(self, doc, sentence, contrasts: list[Span]) -> set[int]:
        """Token indices inside a contrast phrase ('in contrast to ER mutations')."""
        tokens = set()
        for contrast in contrasts:
            if not sentence.start <= contrast.start < sentence.end:
                continue
            end = stop = contrast.end
            while stop < sentence.end and stop - end < 6 and not doc[stop].is_punct:
                stop += 1
            tokens.update(range(end, stop + 1))
        return tokens

    def _break_between(self, doc, start, end) -> bool:
        return any(t.lower_ in self.breaks for t in doc[start:end])

    def _negated(self, doc, sentence, cue) -> bool:
        window = doc[max(sentence.start, cue.start - self.cues["negation_window"]):cue.start]
        return any(t.lower_ in self.negation for t in window)

    def _confidence(self, family, relation: Relation, flags: set[str]) -> float:
        score = family["confidence"]
        if relation.subject.attrs.get("variant_type") not in (None, "gene_level"):
            score += self.adjust["specific_variant"]
        for flag in flags:
            score += self.adjust[flag]
        if relation.speculative:
            score += self.adjust["speculative"]
        distance = abs(relation.subject.token_start - relation.object.token_start)
        score += self.adjust["distance_per_10_tokens"] * (distance // 10)
        return round(min(0.99, max(0.05, score)), 3)


def _drop_appositive_classes(doc, drugs: list[Mention]) -> list[Mention]:
    """'the HER2 kinase inhibitor neratinib': the class names the drug, keep the drug."""
    kept = []
    for index, mention in enumerate(drugs):
        following = drugs[index + 1] if index + 1 < len(drugs) else None
        if mention.label == "DRUG_CLASS" and following is not None:
            between = doc[mention.token_end:following.token_start]
            if all(t.text in BRACKETS for t in between) and (following.label == "DRUG" or
                                                             following.normalized == mention.normalized):
                continue
        kept.append(mention)
    return kept


def _deduplicate(relations: list[Relation]) -> list[Relation]:
    """One relation per (type, subject, object); the most confident wins."""
    best: dict[tuple, Relation] = {}
    for relation in relations:
        key = (relation.type, id(relation.subject), id(relation.object))
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    return sorted(best.values(), key=lambda r: (r.sentence.start, r.object.start))
