"""The cue lexicon (``models/patterns/relation_cues.json``) and its phrase matches in a doc."""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

# lists of relation_cues.json matched as (possibly multi-word) phrases
PHRASE_LISTS = ("contrast", "aims", "aims_after", "wild_type", "drug_anaphors", "claims", "hedge_exceptions",
                "hedge_resets", "hedge_nonhedges", "treatment_links", "acquired", "causal_links", "anaphors",
                "negation_exceptions", "but_not", "light_verbs", "role_nouns", "agent_verbs", "drug_comparators",
                "effect_linkers", "independence", "no_difference", "no_association", "passive_agents", "split_reverse",
                "absence", "mechanism_heads", "mechanism_verbs")
MODIFIER_LISTS = ("reverse", "restore", "overcome", "enhance", "undirected", "act_on")
# single-word lists, kept as sets under the same name
WORD_LISTS = ("linkers", "drug_prefix", "drug_fillers", "drug_qualifier_after", "drug_qualifier_before", "glue",
              "instrument_nouns",
              "resistance_labels", "sensitizing_labels", "negation", "hedges", "hedge_verbs", "undirected_after",
              "host_words", "host_links", "clause_breaks", "aim_questions", "question_claims", "drug_action_links",
              "fronted_subordinators", "combination", "compound_adjectives", "relative_stops",
              "treatment_verbs", "comparative_stops", "drug_comparators", "apposition_markers", "negation_after",
              "negation_partial",
              "finding_words", "qualifier_joiners", "outcome_verbs", "arm_openers", "host_drug_qualifiers",
              "history_words", "prognostic_words", "failed_words", "raising_words", "emerges", "arm_nouns",
              "generic_classes", "elliptic_words", "positive_status", "cell_populations",
              "causative_verbs", "directed_qualifiers",
              "negative_quantifiers", "universal_quantifiers", "directed_adverbs", "arm_comparators",
              "figure_comparators", "figure_hosts",
              "quantifier_openers", "resistance_degrees",
              "history_auxiliaries", "history_prepositions", "host_relatives", "object_adjective_skips",
              "coordinated_predicate_words", "onset_nouns", "generic_agent_nouns",
              "trailing_verbs", "trailing_same", "trailing_reverse", "trailing_undirected", "trailing_low_figures",
              "fronted_openers", "agent_skips", "agent_blockers", "unlinked_sources", "non_therapies",
              "design_result_families",
              "inner_anaphor_determiners", "inner_anaphor_heads", "pronoun_carriers", "carried_pronouns",
              "course_nouns", "course_units", "dose_units", "addition_words", "gap_adverbs",
              "drug_qualifier_not_before", "drug_qualifier_heads", "gene_anaphor_heads", "no_difference_groups",
              "parallel_prepositions", "sentence_connectives", "allele_words", "lowering_words",
              "elliptic_openers", "denied_hosts", "elliptic_auxiliaries", "quantity_comparatives", "quantity_words")
NUMBERS = ("drug_window", "treated_drug_window", "status_max_distance", "drug_prefix_unknown", "group_max_gap",
           "negation_window", "coreference_sentences",
           "implicit_drug_distance", "agent_subject_distance", "agent_object_words", "light_verb_words",
           "negative_quantifier_words", "regimen_words", "no_difference_words",
           "passive_agent_window", "copula_class_words")


class Cues:
    """Word sets, numbers and phrase matchers of the cue lexicon (its ``_doc`` explains every list)."""

    def __init__(self, nlp: Language, data: dict):
        for name in WORD_LISTS:
            setattr(self, name, set(data[name]))
        for name in NUMBERS:
            setattr(self, name, data[name])
        modifiers, alterations = data["modifiers"], data["alteration_words"]
        self.modifier_window, self.agent_window = modifiers["window"], modifiers["agent_window"]
        self.enhance = set(modifiers["enhance"])
        self.alt_after = alterations["after"]
        self.between_after = set(alterations["between_after"])
        self.between_before = set(alterations["between_before"])
        self.descriptor_nouns = set(alterations["descriptor_nouns"])
        self.list_adjectives = set(alterations["list_adjectives"])
        self.adjust = data["confidence_adjustments"]
        self.status_subjects: dict[str, list[str]] = data["status_subjects"]  # canonical -> [gene, alteration]
        headings = "|".join(re.escape(h) for h in data["boilerplate_headings"])
        self.boilerplate = re.compile(rf"^[ \t]*(?:{headings})[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)

        def patterns(phrases):
            return [nlp.make_doc(p) for p in phrases]

        self.families: dict[str, dict] = {}
        self.cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cased_cue_matcher = PhraseMatcher(nlp.vocab)  # abbreviations read only as written: 'pCR', not 'PCR'
        qualifiers, resistance = data["outcome_qualifiers"], data["resistance_qualifiers"]
        for index, family in enumerate(data["cues"]):
            key = f"{family['family']}:{index}"
            self.families[key] = family
            phrases = alternated(family["phrases"], qualifiers["alternates"])
            phrases += qualified(phrases, qualifiers["words"], set(qualifiers["heads"])) + qualified(
                phrases, qualifiers["effect_words"], set(qualifiers["effect_heads"])) + qualified(
                phrases, resistance["words"], set(resistance["heads"]))
            self.cue_matcher.add(key, patterns(phrases))
            if family.get("cased_phrases"):
                self.cased_cue_matcher.add(key, patterns(family["cased_phrases"]))
        self.list_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name in PHRASE_LISTS:
            self.list_matcher.add(name, patterns(data[name]))
        for name in MODIFIER_LISTS:
            self.list_matcher.add(f"mod_{name}", patterns(modifiers[name]))
        for phrase, kind in alterations["before"].items():
            self.list_matcher.add(f"alt_before:{kind}", patterns([phrase]))
        for name in ("experimental", "model_systems", "epigenetic"):
            self.list_matcher.add(name, patterns(alterations[name]))

    def compares(self, words: list[str], i: int) -> bool:
        """A comparative_stops word at i that makes what follows a comparator; not 'than' in a count ('more than
        half of patients', 'less than 10%')."""
        if words[i] not in self.comparative_stops:
            return False
        return not (words[i] == "than" and i > 0 and words[i - 1] in self.quantity_comparatives and i + 1 < len(words)
                    and (words[i + 1][:1].isdigit() or words[i + 1] in self.quantity_words))

    def family(self, cue: Span) -> dict:
        return self.families[cue.label_]

    def family_key(self, name: str) -> str:
        """The cue label of the family with this name."""
        return next(key for key, family in self.families.items() if family["family"] == name)

    def boilerplate_start(self, text: str) -> int:
        """Character offset of the first boilerplate heading ('Similar articles'), else past the end."""
        found = self.boilerplate.search(text)
        return found.start() if found else len(text) + 1

    def match(self, doc: Doc) -> tuple[list[Span], "Phrases"]:
        """The doc's cues (longest wins where they overlap; not an abbreviation in brackets right after its cue,
        'a lower pathological complete response (pCR) rate') and its phrase-list matches."""
        found = [Span(doc, s, e, label=k) for k, s, e in self.cue_matcher(doc) + self.cased_cue_matcher(doc)]
        # an outcome that counts only with a direction ('PFS was longer') gives way to any cue it overlaps
        # ('a progression-free survival benefit')
        cues = filter_spans([c for c in found if not self.family(c).get("direction_only")])
        taken = {i for c in cues for i in range(c.start, c.end)}
        cues = sorted(cues + filter_spans([c for c in found if self.family(c).get("direction_only") and not any(
            i in taken for i in range(c.start, c.end))]), key=lambda c: c.start)
        ends = {c.end for c in cues}
        cues = [c for c in cues if not (c.start - 1 in ends and doc[c.start - 1].text == "(" and c.end < len(doc)
                                        and doc[c.end].text == ")")]
        spans = defaultdict(list)
        for key, s, e in self.list_matcher(doc):
            spans[self.list_matcher.vocab.strings[key]].append((s, e))
        return cues, Phrases(spans)


def alternated(phrases: list[str], alternates: dict[str, list[str]]) -> list[str]:
    """The phrases, and each with an outcome written another way ('prolonged progression-free survival' ->
    'prolonged event-free survival', -> 'prolonged pfs' -> 'prolonged os'), also of the ways found; no repeats."""
    out = dict.fromkeys(phrases)
    todo = list(phrases)
    while todo:
        phrase = todo.pop()
        for outcome, others in alternates.items():
            if outcome in phrase:
                new = [p for p in (phrase.replace(outcome, other) for other in others) if p not in out]
                out.update(dict.fromkeys(new))
                todo.extend(new)
    return list(out)


def qualified(phrases: list[str], qualifiers: list[str], heads: set[str]) -> list[str]:
    """Each phrase with an outcome head after its first word, with each qualifier put before that head
    ('longer progression-free survival' -> 'longer median progression-free survival')."""
    out = []
    for phrase in phrases:
        words = phrase.split()
        at = next((i for i, word in enumerate(words) if i > 0 and word in heads), None)
        if at is not None:
            out.extend(" ".join(words[:at] + [qualifier] + words[at:]) for qualifier in qualifiers)
    return out


class Phrases:
    """Token spans of each phrase list found in a doc."""

    def __init__(self, spans: dict[str, list[tuple[int, int]]]):
        self.spans = spans

    def within(self, key: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """Spans of phrase list `key` lying within tokens [lo, hi)."""
        return [(s, e) for s, e in self.spans.get(key, ()) if lo <= s and e <= hi]

    def alteration_before(self, position: int, lo: int) -> tuple[int, str] | None:
        """(start, kind) of the longest 'alteration word before a gene' phrase ending at `position`."""
        hits = [(b, key) for key, spans in self.spans.items() if key.startswith("alt_before:")
                for b, e in spans if e == position and b >= lo]
        if not hits:
            return None
        b, key = min(hits)
        return b, key.split(":", 1)[1]
