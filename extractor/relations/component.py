"""The spaCy component "extractor_relations": sentence by sentence, each cue gives relations by its shape.

- ``predicate``: the cue is the predicate, its drug before ("cisplatin resistance",
  "neratinib-resistant") or after it ("confers resistance to D"); modifiers flip or move the
  direction ("reduced sensitivity", "sorafenib restored sensitivity to cetuximab");
- ``agent``: the drug before the cue acts on the alteration after it ("D is potent in X models",
  "D for the treatment of X melanoma");
- ``by``: "resistance was overcome by D": D, for the last resistant subject.

A sentence whose only subject is an anaphor ("this mutation") takes the last alteration group
of the previous sentences. Negation and hedging are flags and never drop a relation; study
aims, undirected statements and resistance acquired by the host of an alteration give none.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..mentions import Mention
from ..resources import read_json
from ..sentences import doc_text, lower_words, sentence_bounds
from . import drugs as find, scope
from .alterations import alteration_groups
from .cues import Cues
from .sentence import DRUG_LABELS, OPPOSITE, RESISTANT, SENSITIVE, Alteration, Group, Relation, Sentence
from .subjects import find_subject, fronted_subject, passive_agent, verb_agent, with_examples

Doc.set_extension("relations", default=None, force=True)

SPECIFIC_TYPES = {"protein", "dna", "rsid", "exon", "fusion"}
HOST_PREPOSITIONS = ("in", "with", "for", "among", "of")
HOST_NOUNS = ("patients", "those", "subjects", "cases", "women", "men")
LEVEL_HOSTS = ("in", "among")
LEVEL_NOUNS = ("level", "levels", "amounts", "expression")


@Language.factory("extractor_relations", default_config={"cues": "patterns/relation_cues.json"})
def make_relation_extractor(nlp: Language, name: str, cues: str):
    return RelationExtractor(nlp, read_json(cues))


class RelationExtractor:
    def __init__(self, nlp: Language, cues: dict):
        self.cues = Cues(nlp, cues)

    def __call__(self, doc: Doc) -> Doc:
        # an unlinked model GENE stays (it may block a subject search) but is no subject of its own; a chemical
        # that is no treatment ('ATP-competitive') or what a drug lowers ('cholesterol-lowering drugs') is no drug
        mentions = [m for m in doc._.mentions or [] if m.token_start >= 0 and not (
            m.label == "DRUG" and (self._unlinked(m) or m.canonical in self.cues.non_therapies
                                   or self._lowered(doc, m)))]
        if not any(m.label in DRUG_LABELS for m in mentions):
            doc._.relations = []
            return doc
        stop_char = self.cues.boilerplate_start(doc_text(doc))
        words = lower_words(doc)
        cues, phrases = self.cues.match(doc)
        at = {}
        for mention in mentions:
            for i in range(mention.token_start, mention.token_end):
                at.setdefault(i, mention)
        backbones = find.placebo_partners(words, at)
        cues = [self._unblocked(doc, words, at, cue) for cue in cues]
        relations: list[Relation] = []
        near: set[tuple] = set()  # claims whose receptor status stands near enough (_near_status)
        previous_drugs: list[Mention] = []
        history: list[tuple[int, Group]] = []  # (sentence index, group) of earlier sentences
        last_resistant: list[tuple[int, Group]] = []
        design = None  # (sentence index, alteration group, drugs) of a study-design sentence
        title = None  # (alteration group, drug names) of a title that names one of each: the study's population
        for index, (start, end) in enumerate(sentence_bounds(doc)):
            if doc[start].idx >= stop_char:
                break
            inside = [m for m in mentions if start <= m.token_start < end]
            sentence_cues = [c for c in cues if start <= c.start < end]
            if not inside and not sentence_cues:
                continue
            kept = self._placed([c for c in sentence_cues if self._is_cue(words, at, start, c)], words, at, start)
            s = Sentence(doc, start, end, index, words, at, inside, phrases, self.cues.clause_breaks,
                         self.cues.relative_stops, kept, backbones)
            self._drop_undirected_outcomes(s)
            self._drop_object_adjectives(s)
            groups = s.groups = alteration_groups(s, self.cues)
            found = []
            if s.cues and (s.drugs or (previous_drugs and s.has("drug_anaphors", start, end))):
                found = self._sentence_relations(s, groups, history, last_resistant, previous_drugs)
                resistant = [r for r in found if r.type == RESISTANT and not r.negated]
                if resistant:
                    last_resistant.append((index, _group_of(resistant[-1].subject, groups)))
            if not found and s.cues and design and design[0] == index - 1 and not groups:
                found = self._design_result(s, *design[1:])
            if not found and s.cues and title and not groups and s.drugs:
                drugs = [(d, False) for d in s.drugs if d.canonical in title[1]]
                found = self._design_result(s, title[0], drugs) if drugs else []
            if index == 0:
                title = self._title_population(s, groups)
            relations.extend(found)
            near.update(_claim(r) for r in found if self._near_status(s, r))
            design = self._study_design(s, groups, history)
            history.extend((index, g) for g in groups if g.active)
            previous_drugs = s.drugs
        doc._.relations = _deduplicate([r for r in relations if not self._unlinked(r.subject) and _claim(r) in near])
        return doc

    def _unblocked(self, doc: Doc, words: list[str], at: dict[int, Mention], cue: Span) -> Span:
        """'crizotinib-resistant mutations in ROS1': a blocking phrase ('resistant mutations') that opens with a
        compound adjective right after a drug and a hyphen is that adjective's cue."""
        i = cue.start
        if self.cues.family(cue)["type"] is not None or words[i] not in self.cues.compound_adjectives or i < 2 \
                or words[i - 1] != "-" or at.get(i - 2) is None or at[i - 2].label not in DRUG_LABELS:
            return cue
        matches = self.cues.cue_matcher(doc[i:i + 1])  # the adjective's own cue, matched on its one token
        return Span(doc, i, i + 1, label=matches[0][0]) if matches else cue

    def _drop_undirected_outcomes(self, s: Sentence) -> None:
        """An outcome named without a direction ('augmentation of progression-free survival') is no cue: it
        counts only with a be-verb and a comparative after it, also past its drug ('PFS was longer in X patients
        treated with D', 'the PFS for D was longer')."""
        kept = [c for c in s.cues if not self.cues.family(c).get("direction_only") or any(
            scope.trailing_direction(s, self.cues, i) is not None for i in {c.end, self._past_own_drug(s, c.end)})]
        if len(kept) < len(s.cues):
            s.keep_cues(kept)

    def _past_own_drug(self, s: Sentence, i: int) -> int:
        """Past the drug a linker joins right after the cue ('the median PFS for D was longer'), else `i`."""
        drug = s.mention_at(i + 1, DRUG_LABELS) if i + 1 < s.end and s.words[i] in self.cues.linkers else None
        return drug.token_end if drug is not None else i

    def _is_cue(self, words: list[str], at: dict[int, Mention], start: int, cue: Span) -> bool:
        """A cue of a relation type, not after one of its family's not_after words ('clinically-approved kinase
        inhibitors', 'resistant to all approved TKIs': an adjective, not the verb) unless a subjects_before word
        stands right before that word ('the FDA recently approved'), nor after a drug that follows one of its
        not_after_drug words ('approved after hydroxyurea failure': the cohort's history)."""
        family = self.cues.family(cue)
        blocked = cue.start > start and words[cue.start - 1] in family.get("not_after", ())
        drug = at.get(cue.start - 1) if cue.start > start else None
        if drug is not None and drug.label in DRUG_LABELS and drug.token_start > start and \
                words[drug.token_start - 1] in family.get("not_after_drug", ()):
            return False
        if blocked and words[cue.start - 1].isalpha() and cue.start - 1 > start and \
                words[cue.start - 2] in family.get("subjects_before", ()):  # an adverb, not 'FDA-approved'
            blocked = False  # 'the Food and Drug Administration recently approved D': the verb after its subject
        return family["type"] is not None and not blocked

    def _placed(self, cues: list[Span], words: list[str], at: dict[int, Mention], start: int) -> list[Span]:
        """An opening_agent cue counts only right after drugs that open a sentence with no other cue ('Alpelisib
        for PIK3CA-mutated breast cancer'; not 'Osimertinib for 3 weeks induced resistance in ...')."""
        opening = [c for c in cues if self.cues.family(c).get("opening_agent")]
        if not opening or len(opening) < len(cues):
            return [c for c in cues if c not in opening]
        cue = opening[0]
        i, drugs = cue.start - 1, False
        while i >= start:
            mention = at.get(i)
            if mention is not None and mention.label in DRUG_LABELS:
                drugs, i = True, mention.token_start - 1
            elif words[i] in self.cues.drug_prefix or words[i] in find.COMBINING_WORDS:
                i -= 1
            else:
                return []
        return [cue] if drugs else []

    def _study_design(self, s: Sentence, groups: list[Group], history) -> tuple[int, Group, find.Drugs] | None:
        """'We treated 30 patients with ROS1-rearranged NSCLC with crizotinib': its one alteration group (or an
        anaphor's: 'We treated 26 such patients with D') and the drugs given after a treatment verb of the
        same clause."""
        active = [g for g in groups if g.active and any(m.records() for m in g.active)]
        if not groups and s.has("anaphors", s.start, s.end):
            active = [g for i, g in history[-1:] if s.index - self.cues.coreference_sentences <= i < s.index]
        verbs = [i for i in range(s.start, s.end) if s.words[i] in self.cues.treatment_verbs]
        drugs = [d for d in s.drugs if not self._unlinked(d) and any(
            i < d.token_start and s.clause_of(i) == s.clause_of(d.token_start)
            and s.words_between(i, d.token_start) <= self.cues.treated_drug_window for i in verbs)]
        return (s.index, active[0], [(d, False) for d in drugs]) if len(active) == 1 and drugs else None

    def _title_population(self, s: Sentence, groups: list[Group]) -> tuple[Group, set[str]] | None:
        """'Alectinib after crizotinib failure in ALK-rearranged NSCLC': a title with one alteration group and
        its drugs; a later result naming one of those drugs and no alteration is said of that population."""
        active = [g for g in groups if g.active and any(m.records() for m in g.active)]
        names = {d.canonical for d in s.drugs if not self._unlinked(d)}
        return (active[0], names) if len(active) == 1 and names else None

    def _design_result(self, s: Sentence, group: Group, drugs: find.Drugs) -> list[Relation]:
        """The result of the study designed in the sentence before, stated without its alteration or drug: a
        figure ('The objective response rate was 72%.') or a denial ('No responses were observed.'), not a
        method ('Responses were assessed by RECIST.'); a drug it names must be one of the design's."""
        if s.drugs:
            named = {d.canonical for d in s.drugs}
            drugs = [(d, denied) for d, denied in drugs if d.canonical in named]
            if not drugs:
                return []
        figure = any(s.words[i][:1].isdigit() for i in range(s.start, s.end))
        for cue in s.cues:
            family = self.cues.family(cue)
            if family["family"] in self.cues.design_result_families and not scope.is_aim(s, self.cues, cue) \
                    and not scope.is_undirected(s, self.cues, cue) and (figure or scope.negated(s, self.cues, cue)):
                return self._relations(s, cue, family, family["type"], group, drugs, {"coreference", "implicit_drug"})
        return []

    def _near_status(self, s: Sentence, relation: Relation) -> bool:
        """A receptor status is a subject only close to its drug, or to another drug of the same claim
        ('HER2-positive patients benefit from D'), or a little after the cue ('adding D to E improved PFS in
        patients with HER2-positive cancer'), not as the cohort a long sentence starts from."""
        subject, drug = relation.subject, relation.object
        if subject.label != "TUMOR_SUBTYPE":
            return True
        gap = max(self._counted(s, subject.token_end, drug.token_start), self._counted(s, drug.token_end,
                                                                                      subject.token_start))
        after_cue = subject.token_start >= relation.cue_start and \
            self._counted(s, relation.cue_end, subject.token_start) <= self.cues.status_max_distance
        return gap <= self.cues.status_max_distance or after_cue or self._fronted_population(relation)

    def _counted(self, s: Sentence, lo: int, hi: int) -> int:
        """Tokens in [lo, hi) outside brackets and comparator arms ('HER2-overexpressing tumors (IHC 3+ or ISH+)
        benefited from D', 'D improved OS compared to physician's choice chemotherapy in patients with HER2-low')."""
        count, depth, i = 0, 0, lo
        while i < hi:
            arm_end = find.drug_arm_end(s, self.cues, i + 1) if s.words[i] in self.cues.drug_comparators else None
            if depth == 0 and arm_end is not None and arm_end <= hi:
                i = arm_end
                continue
            depth += s.words[i] == "("
            count += depth == 0
            depth -= s.words[i] == ")" and depth > 0
            i += 1
        return count

    def _fronted_population(self, relation: Relation) -> bool:
        """'Among patients with HER2-positive (IHC 3+) gastric cancer, D prolonged survival': a status in the phrase
        that opens the sentence, before its first comma and the cue, names the population of the claim."""
        sentence, subject = relation.sentence, relation.subject
        if len(sentence) < 2 or sentence[0].lower_ not in self.cues.fronted_openers or \
                sentence[1].lower_ not in HOST_NOUNS:
            return False
        comma = next((t.i for t in sentence if t.text == ","), None)
        return comma is not None and subject.token_end <= comma < relation.cue_start

    def _lowered(self, doc: Doc, mention: Mention) -> bool:
        """'cholesterol-lowering drugs': the chemical is what the drugs lower."""
        end = mention.token_end
        return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in self.cues.lowering_words

    def _unlinked(self, mention: Mention) -> bool:
        """A DRUG or GENE only a model found and no lexicon links ('TG' for triglyceride): no relation argument."""
        return (mention.label in ("DRUG", "GENE") and not mention.normalized
                and mention.source in self.cues.unlinked_sources)

    def _sentence_relations(self, s: Sentence, groups, history, last_resistant, previous_drugs) -> list[Relation]:
        found: list[Relation] = []
        for cue in s.cues:
            family = self.cues.family(cue)
            if scope.is_aim(s, self.cues, cue) or scope.is_undirected(s, self.cues, cue) or scope.in_statistics(s, cue):
                continue
            if family["shape"] == "predicate":
                found.extend(self._predicate(s, cue, family, groups, history, previous_drugs))
            elif family["shape"] == "agent":
                found.extend(self._agent(s, cue, family, groups, history, previous_drugs)
                             or self._as_predicate(s, cue, family, groups, history, previous_drugs))
            elif family["shape"] == "by":
                found.extend(self._by(s, cue, family, groups, last_resistant))
        found = self._without_cohort_history(s, found)
        subtype = next((m for m in s.mentions if m.label == "TUMOR_SUBTYPE"), None)
        for relation in found:
            relation.subtype = subtype
        return found

    def _drop_object_adjectives(self, s: Sentence) -> None:
        """'X knockdown sensitized the relatively resistant cells to D': an adjective cue on the object of another
        cue (past articles and degree adverbs) says what the cells were, not a claim of its own."""
        def describes_object(cue: Span) -> bool:
            if cue.text.lower() not in self.cues.compound_adjectives:
                return False
            i = cue.start - 1
            while i > s.start and cue.start - i <= 3 and s.words[i] in self.cues.object_adjective_skips:
                i -= 1
            return i in s.cue_tokens and s.words[i] not in self.cues.linkers

        kept = [c for c in s.cues if not describes_object(c)]
        if len(kept) < len(s.cues):
            s.keep_cues(kept)

    def _without_cohort_history(self, s: Sentence, found: list[Relation]) -> list[Relation]:
        """'D1 yielded responses in patients with X who had progressed after D2' (or 'after failure of D2'): a
        progression in a relative clause or after 'after' is the cohort's history (its eligibility), not a claim
        about X, when the sentence claims a benefit of another drug for X. Not for a specific variant: 'D1 is
        active in patients with T790M after progression on D2' states an acquired resistance. (A host's relative
        clause, 'who had progressed on D2', is its history for any alteration: scope.acquired.)"""
        benefits = {(r.subject.canonical, r.object.canonical) for r in found if r.type == SENSITIVE}

        def history(relation: Relation) -> bool:
            before = [w for w in s.words[max(s.start, relation.cue_start - 3):relation.cue_start]
                      if w not in self.cues.history_auxiliaries]
            specific = relation.subject.attrs.get("variant_type") in SPECIFIC_TYPES
            return relation.family == "refractory" and not specific \
                and bool(before) and before[-1] in self.cues.relative_stops | self.cues.history_prepositions and any(
                gene == relation.subject.canonical and drug != relation.object.canonical for gene, drug in benefits)

        return [r for r in found if not history(r)]

    # -- shapes ------------------------------------------------------------------------------

    def _predicate(self, s: Sentence, cue: Span, family: dict, groups, history, previous_drugs) -> list[Relation]:
        """The cue is the predicate: 'X confers resistance to D', 'D-resistant X', 'sensitivity of X cells to D'."""
        cues, flags = self.cues, set()
        drugs = find.drugs_before(s, cues, cue.start)
        # 'patients who had received D benefited from E': a drug after the cue's own 'from' / 'to' is its object
        governed = cue.end < s.end and s.words[cue.end] in ("from", "to")
        after = [] if drugs and not governed and not all(d.canonical in cues.generic_classes for d, _ in drugs) else \
            find.drugs_after(s, cues, cue.end, family.get("window", cues.drug_window), cue,
                             need_linker=family.get("needs_linker", True), of_governs=family.get("of_governs", False))
        compound = bool(drugs) and cue.text.lower() in cues.compound_adjectives
        if compound and drugs[0][0].token_start - 1 in s.cue_tokens and \
                s.words[drugs[0][0].token_start - 1] not in cues.linkers:
            return []  # 'X silencing sensitized D-resistant (chemoresistant) cells to D': cells another cue acts on
        if drugs and not after:
            flags.add("drug_adjacent")
            anchor = drugs[0][0].token_start
            if compound and (_describes_host(s, cue, anchor, groups) or _names_setting(s, cues, cue, anchor, groups)):
                return []  # 'response to D in chemotherapy-refractory colorectal cancer': the setting
        else:  # 'chemoresistance to cisplatin': the drug named after the cue, not the generic class before it
            drugs = after
            anchor = cue.start
        kind, agent, drugs, fixed = self._modified(s, cue, family, anchor, groups, drugs)
        acquired, host_acquired = scope.acquired(s, cues, cue) if kind == RESISTANT else (False, False)
        # 'mechanisms of resistance to D in X-mutant NSCLC', 'resistance mutations to D in X-mutant NSCLC': X is
        # the host; a subject after the cue is listed ('... include MET amplification', '... is ALK G1202R')
        mechanism = _mechanism_head(s, cue) or bool(family.get("mechanism"))
        if not drugs and not agent:
            drugs = self._drugless(s, cue, family, acquired, previous_drugs)
            if not drugs:
                return []
            flags.add("implicit_drug")
        agent_ids = {id(d) for d, _ in agent}
        drugs = [(d, n) for d, n in drugs if id(d) not in agent_ids]
        adjacent = "drug_adjacent" in flags
        own = [] if "implicit_drug" in flags else drugs  # an implicit drug is no argument position
        lo = min([cue.start] + [d.token_start for d, _ in own])
        hi = max([cue.end] + [d.token_end for d, _ in own])
        # 'the IC50 of D was higher' after the drug; 'response was lower in X patients treated with D' before it
        trailing = scope.trailing_direction(s, cues, hi) or scope.trailing_direction(s, cues, cue.end)
        # a direction before the measure also gives it one ('knockdown lowered the cisplatin IC50')
        directed = kind != family["type"] or s.has("mod_enhance", max(s.start, anchor - cues.modifier_window), anchor)
        if trailing == "undirected" or trailing is None and family.get("needs_direction") and not directed:
            return []
        if trailing == "reverse":
            kind = OPPOSITE[kind]
        listed = _listed_mechanism(s, cue, hi, groups) if mechanism else None
        group, where = (listed, set()) if listed is not None else find_subject(
            s, cues, lo, hi, groups, history, prefer_after=adjacent and cue.text.lower() in cues.compound_adjectives,
            host_blocked=host_acquired, cue_end=None if adjacent else cue.end, passes={family["type"]},
            clause_subject=family.get("clause_subject", False), after_blocked=mechanism)
        if not where or where & {"alteration_after_cue", "elliptic_subject"}:
            causer = verb_agent(s, cues, cue.start, lo, groups)
            if causer is not None and (group is None or causer.end <= group.start or where):
                group, where = causer, set()
        passive = group is None  # 'resistance to D was mediated by ABCC1' ('was not mediated by': negated)
        if passive:
            group = passive_agent(s, cues, hi)
        if group is None and own and not adjacent:
            # 'responses were observed in patients with X treated with D': the alteration between cue and drug
            group = _group_between(s, groups, cue.end, min(d.token_start for d, _ in own))
            where = {"alteration_after_cue"}
        if group is None or family["type"] == RESISTANT and _names_cells(s, cues, cue) and all(
                a.manipulated for a in group.active):
            return []  # 'knockdown of X in erlotinib-resistant cells restored ...': the cells were resistant before
        late = scope.negated_after(s, cues, hi, group) if passive or "alteration_after_cue" in where else None
        if late == "partial":
            return []
        agent_fixed = False
        if late and scope.denied_manipulation(s, cues, hi, group):
            # 'D enhanced the sensitivity of parental cells, but not of X-depleted cells, to E': the denial and
            # the manipulation cancel out, X (expressed) is what the sensitivity needs
            late, fixed, agent_fixed = None, True, True
        flags |= where | ({"negated"} if late else set())
        if not where:
            group = with_examples(s, drugs, group, groups)
        # 'X status is a predictive biomarker for D resistance': a role noun states what the status marks
        marks = not family.get("neutral") and bool(s.has("role_nouns", max(s.start, anchor - 3), anchor))
        out = self._relations(s, cue, family, kind, group, drugs, flags, fixed=fixed, status_ok=marks,
                              compared=agent_fixed)
        if agent:
            out += self._relations(s, cue, family, SENSITIVE, group, agent, flags - {"drug_adjacent"},
                                   fixed=agent_fixed, compared=agent_fixed)
        return out

    def _modified(self, s: Sentence, cue: Span, family: dict, anchor: int, groups, drugs):
        """(type, agent drugs, cue drugs, fixed) after the modifiers before the cue (its drug when that comes
        first): 'reduced sensitivity' flips the type; 'D restored sensitivity to E' (E resistant, D sensitive),
        'D overcame resistance to E', 'D with E had a synergistic effect on the resistance' and 'D enhances
        E sensitivity' (E gets nothing) add agents. Sensitivity restored by no drug is the subject's doing
        ('re-expression of PTEN restored sensitivity to D': sensitive; 'depletion of AXL restored sensitivity':
        the manipulation flips it). `fixed`: the modifier states the effect of what it is said of ('depletion of
        X overcame resistance to D'), so a manipulated gene's direction is not flipped again."""
        cues, kind = self.cues, family["type"]
        window = (s.words_back(anchor, family.get("modifier_window", cues.modifier_window), articles=False), anchor)
        inside = {i for g in groups for i in range(g.start, g.end)}  # 'low ERCC1 expression predicts benefit'

        def modifier(name):
            return [(b, e) for b, e in s.has(f"mod_{name}", *window) if b not in inside]

        restore, overcome, enhance = modifier("restore"), modifier("overcome"), modifier("enhance")
        acts_on = modifier("act_on") if kind == RESISTANT else []
        verbs, agent = restore or overcome or enhance or acts_on, []
        if verbs or cue.text.lower() in cues.enhance:  # 'D sensitizes X cells to E'
            verb = min(b for b, _ in verbs) if verbs else cue.start
            agent = find.agent_drugs(s, cues, verb, added_only=bool(overcome or restore))
        restored_by_drug = bool(restore and agent)
        if kind == SENSITIVE and restored_by_drug:
            kind = RESISTANT  # sensitivity a drug restored: it was lost
        elif kind == SENSITIVE and agent:
            drugs = []
        elif any(not _level_in_host(s, e) and not _modifies_another(s, e, anchor) and not (
                kind == RESISTANT and _degree(s, cues, b, e))
                 for b, e in modifier("reverse")) or _split_reverse(s, cue):
            kind = OPPOSITE[kind]
        return kind, agent, drugs, restored_by_drug or bool(overcome)

    def _drugless(self, s: Sentence, cue: Span, family: dict, acquired: bool, previous_drugs) -> find.Drugs:
        """A cue without a drug of its own: an anaphor's right after it ('resistance to both agents'), the drug
        near a resistance cue ('T790M variants confer drug resistance'), an outcome verb's agent ('D did not
        improve PFS'), a treatment named before it, a light verb's agent, a parallel clause's, a fronted arm's ('In
        the D arm, ...')."""
        cues = self.cues
        drugs = find.anaphoric_drugs(s, cues, cue, previous_drugs)  # 'resistance to both agents' names its drugs
        if not drugs and family.get("implicit_drug") and (family["family"] == "confer_resistance" or acquired):
            drugs = find.implicit_drugs(s, cues, cue)
        if not drugs and s.words[cue.start] in cues.outcome_verbs:  # 'D did not improve PFS compared with E'
            # a second predicate of the same subject reaches back to it ('D increased the response rate and
            # prolonged survival')
            coordinated = cue.start - 1 >= s.start and s.words[cue.start - 1] == "and"
            drugs = find.agent_drugs(s, cues, cue.start, limit=None if coordinated else -1)
        if drugs or any(w in cues.prognostic_words for w in s.words[max(s.start, cue.start - 4):cue.start]):
            return drugs  # 'X was a prognostic factor for poor survival': not the effect of a treatment around it
        return find.treated_drugs(s, cues, cue) or find.light_verb_agents(s, cues, cue) \
            or find.parallel_drugs(s, cues, cue) or find.arm_drugs(s, cues, cue)

    def _as_predicate(self, s: Sentence, cue: Span, family: dict, groups, history, previous_drugs) -> list[Relation]:
        """An agent cue without its agent read as its family's predicate_fallback ('X expression was associated
        with prolonged survival in patients treated with D'), as is one whose drug only names the effect ('X
        knockdown enhanced cisplatin efficacy in glioma cells')."""
        agents = find.agent_drugs(s, self.cues, cue.start, limit=None)
        if not agents:
            fallback = family.get("predicate_fallback")
        elif agents[-1][0].token_end == cue.start:
            fallback = family.get("modifier_fallback")
        else:
            return []  # an agent without a subject ('D prolonged the survival of patients, and X ...') stays without
        if fallback is None:
            return []
        predicate = Span(s.doc, cue.start, cue.end, label=self.cues.family_key(fallback))
        if agents and s.words[cue.start] not in self.cues.family(predicate)["phrases"]:
            return []  # 'D induced responses in': a verb, so D is its agent, not a noun's modifier
        return self._predicate(s, predicate, self.cues.family(predicate), groups, history, previous_drugs)

    def _agent(self, s: Sentence, cue: Span, family: dict, groups, history, previous_drugs) -> list[Relation]:
        """The drug before the cue acts on the alteration after it: 'D is potent in X models'; a resistance
        cue between them is what it acts on ('D is active against the resistance caused by X')."""
        flags = set()
        drugs = find.agent_drugs(s, self.cues, cue.start, limit=None,
                                 added_only=family["family"] == "overcome_resistance")
        if not drugs:
            drugs = find.listed_agents(s, self.cues, cue)
        if not drugs:
            drugs, flags = find.anaphoric_agents(s, self.cues, cue, previous_drugs), {"implicit_drug"}
        if not drugs:
            return []
        passes = {family["type"], RESISTANT} if family["type"] == SENSITIVE else {family["type"]}
        group, where = (None, set()) if family.get("fronted_only") else find_subject(
            s, self.cues, cue.end, cue.end, groups, history, after_only=True, passes=passes,
            after_distance=family.get("subject_distance"))
        if group is not None and family.get("variant_object") and not any(
                m.mention.label == "VARIANT" for m in group.active):
            return []  # 'D acts by inhibiting TS': the drug's target, no alteration
        fronted_end = scope.fronted_clause_end(s, self.cues)
        if group is not None and fronted_end is not None and cue.start < fronted_end < group.start:
            group = None  # 'Although D is effective in CML, X confers resistance': no subject of 'effective in'
        if group is None:
            group = fronted_subject(s, self.cues, groups, min(d.token_start for d, _ in drugs))
        if group is None:
            return []
        return self._relations(s, cue, family, family["type"], group, drugs, flags | where)

    def _by(self, s: Sentence, cue: Span, family: dict, groups, last_resistant) -> list[Relation]:
        """'resistance was overcome by D': D is the agent; the subject is the one before, else the last resistant one."""
        drugs = find.drugs_after(s, self.cues, cue.end, self.cues.drug_window, cue, combination=True,
                                 need_linker=False)
        if not drugs:
            return []
        before = [g for g in groups if g.end <= cue.start and g.active]
        if before:
            group, where = before[-1], set()
        else:
            recent = [g for i, g in last_resistant if s.index - self.cues.coreference_sentences <= i < s.index]
            if not recent:
                return []
            group, where = recent[-1], {"coreference"}
        return self._relations(s, cue, family, family["type"], group, drugs, where)

    # -- relations -----------------------------------------------------------------------------

    def _relations(self, s, cue, family, kind, group, drugs, flags, fixed: bool = False,
                   status_ok: bool = False, compared: bool = False) -> list[Relation]:
        """One relation per recordable member and drug, with flags and confidence, and negated ones for an
        alteration the claim is denied of ('in X-mutant but not in Y-mutant tumours'); `compared`: a 'but not'
        after the drugs names the subject's comparator arm, not a denied setting."""
        # 'D induces responses regardless of X status': the claim is denied of X
        hi = max([cue.end] + [d.token_end for d, _ in drugs if d.token_start >= cue.end])
        negated = family.get("denies", False) or "negated" in flags or scope.negated(s, self.cues, cue, group) or \
            any(m.independent for m in group.active) or scope.no_difference(s, self.cues, cue, hi)
        # a status says which, not whether ('KRAS status predicts response'), but a denial is a claim about
        # the alteration ('TP53 mutation status did not predict response to D')
        members = [m for m in group.active if m.records(family.get("status_ok", False) or status_ok or negated)]
        # a comparator arm gets nothing, nor does a drug given in both arms ('D plus E versus E alone': D only;
        # 'D plus E' where the document gives E with placebo)
        arms = {d.canonical for d in find.comparator_drugs(s, self.cues)}
        names = {d.canonical for d, _ in drugs}
        if names - s.backbones:  # 'ALP plus fulvestrant prolonged PFS' after 'placebo plus fulvestrant': ALP
            arms |= s.backbones
        drugs = [(d, denied) for d, denied in drugs if denied or d.canonical not in arms]  # 'to A except B': B denied
        if kind == RESISTANT and any(m.label == "resistance" for m in members):
            members = [m for m in members if m.label != "sensitizing"]
        speculative = bool(family.get("speculative")) or scope.hedged(s, self.cues, cue, group)
        out = []
        for drug, _ in drugs:
            find.name_class(s, self.cues, drug)
        paired = scope.respective_pairs(s, members, [d for d, _ in drugs])
        for alteration in members:
            for gene in _member_genes(alteration.mention):
                for drug, drug_negated in drugs:
                    if paired and (id(alteration), id(drug)) not in paired:
                        continue  # 'X and Y ... to A and B, respectively': X-A and Y-B only
                    flip = alteration.manipulated and not fixed
                    relation = Relation(OPPOSITE[kind] if flip else kind, alteration.mention, drug, s.span, cue.text,
                                        s.index, negated or drug_negated, speculative, family=family["family"],
                                        alteration=alteration.kind if alteration.gene_only else "", gene=gene,
                                        cue_start=cue.start, cue_end=cue.end)
                    relation.confidence = self._confidence(family, relation, alteration, flags)
                    out.append(relation)
        figures = None if compared or kind != SENSITIVE else scope.figure_comparator(s, self.cues, group)
        if figures is not None:  # 'responses in 84% of X versus 48% of Y': the lower arm is the resistant one
            other, lower = figures
            if not lower:
                out = [replace(r, type=OPPOSITE[r.type]) for r in out]
            out += self._relations(s, cue, family, RESISTANT if lower else SENSITIVE, other, drugs, flags,
                                   fixed=fixed, status_ok=status_ok, compared=True)
        denied = None if compared or "negated" in flags else scope.denied_alternative(s, self.cues, group, hi)
        if denied is not None:
            out += self._relations(s, cue, family, kind, denied, drugs, flags | {"negated"}, fixed=fixed,
                                   status_ok=status_ok, compared=True)
        elif out and not compared and scope.but_not_in(s, drugs):
            out += [self._negated_copy(r) for r in out if not r.negated]
        affirmed = None if compared else scope.affirmed_before(s, self.cues, group)
        if affirmed is not None and affirmed.end <= cue.start:
            out += self._relations(s, cue, family, kind, affirmed, drugs, flags - {"negated"}, fixed=fixed,
                                   status_ok=status_ok, compared=True)
        for relation in out:
            _as_subject(relation.subject)
        return out

    def _negated_copy(self, relation: Relation) -> Relation:
        confidence = round(max(0.05, relation.confidence + self.cues.adjust["negated"]), 3)
        return replace(relation, negated=True, confidence=confidence)

    def _confidence(self, family: dict, relation: Relation, alteration: Alteration, flags: set[str]) -> float:
        """The family's base plus the adjustments that apply (README, 'How confidence is computed')."""
        adjust = self.cues.adjust
        score = family["confidence"]
        if relation.subject.attrs.get("variant_type") in SPECIFIC_TYPES and not alteration.gene_only:
            score += adjust["specific_variant"]
        if alteration.gene_only:
            score += adjust["gene_only"]
        score += sum(adjust.get(flag, 0.0) for flag in flags)
        if relation.speculative:
            score += adjust["speculative"]
        if relation.negated:
            score += adjust["negated"]
        if "coreference" not in flags:
            distance = abs(relation.subject.token_start - relation.object.token_start)
            score += adjust["distance_per_10_tokens"] * (distance // 10)
        return round(min(0.99, max(0.05, score)), 3)


def _degree(s: Sentence, cues: Cues, start: int, end: int) -> bool:
    """A modifier that says how much resistance ('weak resistance', 'low-level resistance'), alone or with the
    word or hyphenated word after it."""
    return any(" ".join(s.words[start:k]).replace(" - ", "-") in cues.resistance_degrees
               for k in range(end, min(end + 3, s.end) + 1))


def _modifies_another(s: Sentence, end: int, anchor: int) -> bool:
    """A modifier whose own noun is coordinated with the cue: 'a poor prognosis and anthracycline-resistance'
    (not 'poor and short-lived responses')."""
    return any(s.words[i] in ("and", "or") for i in range(end + 1, anchor))


def _split_reverse(s: Sentence, cue: Span) -> bool:
    """'X patients are less likely than wild-type patients to respond to D': 'less likely' split by its comparator."""
    return cue.start - 1 > s.start and s.words[cue.start - 1] == "to" and bool(
        s.has("split_reverse", max(s.start, cue.start - 10), cue.start - 1))


def _mechanism_head(s: Sentence, cue: Span) -> bool:
    """The cue right after 'mechanisms of' (one word may stand between: 'mechanisms of acquired resistance')."""
    heads = s.has("mechanism_heads", max(s.start, cue.start - 4), cue.start)
    return bool(heads) and cue.start - heads[-1][1] <= 1


def _listed_mechanism(s: Sentence, cue: Span, hi: int, groups: list[Group]) -> Group | None:
    """'Mechanisms of resistance to D in EGFR-mutant NSCLC include MET amplification': the first group with a
    recordable member after a mechanism_verbs word that follows the cue and its drug in one clause."""
    clause = s.clause_of(cue.start)
    verbs = s.has("mechanism_verbs", hi, min(s.end, hi + 12))
    verb = next((e for b, e in verbs if s.clause_of(b) == clause), None)
    if verb is None:
        return None
    return next((g for g in groups if verb <= g.start and s.words_between(verb, g.start) <= 10
                 and any(m.records() for m in g.active)), None)


def _level_in_host(s: Sentence, end: int) -> bool:
    """A reverse modifier that states a level in a host ('X was reduced in D-resistant cells', 'expressed at low
    levels in D-resistant cells'), not the cue's own change ('reduced sensitivity to D')."""
    while end < s.end and s.words[end] in LEVEL_NOUNS:
        end += 1
    return end < s.end and s.words[end] in LEVEL_HOSTS


def _describes_host(s: Sentence, cue: Span, drug_start: int, groups: list[Group]) -> bool:
    """A 'D-refractory' compound behind a preposition, after another claim about D or behind the drug of another
    claim (and its host: 'in patients with'), with no alteration right after it, names that claim's setting ('not
    associated with response to cetuximab in chemotherapy-refractory colorectal cancer'), not what an alteration does
    ('X was upregulated in cisplatin-resistant cells')."""
    if drug_start - 2 < s.start or s.words[drug_start - 1] not in HOST_PREPOSITIONS:
        return False
    drug = s.mention_at(drug_start, DRUG_LABELS)
    other = [c for c in s.cues if c is not cue and c.end <= drug_start - 1]
    if drug is not None and other and not any(other[-1].end <= g.start < drug_start for g in groups) and (any(
            d.canonical == drug.canonical and d.token_end < drug_start for d in s.drugs) or (
            cue.end < s.end and s.words[cue.end] in HOST_NOUNS and not any(d.token_end < drug_start for d in s.drugs))):
        # 'X knockdown enhanced D sensitivity and suppressed EMT in D-resistant cells'; 'X had no impact on response
        # rates in D-refractory patients' (a claim without a drug of its own, about a cohort)
        return True
    # the other claim's drug, maybe behind its host ('lack of response to D in patients with chemotherapy-refractory
    # cancer')
    i = drug_start - 2
    while i > s.start and drug_start - i <= 4 and (s.words[i] in HOST_PREPOSITIONS or s.words[i] in HOST_NOUNS):
        i -= 1
    return s.mention_at(i, DRUG_LABELS) is not None and not any(cue.end <= g.start <= cue.end + 2 for g in groups)


def _names_cells(s: Sentence, cues: Cues, cue: Span) -> bool:
    """A resistance adjective on the cells an experiment uses: 'resistant AML cell lines', 'erlotinib-resistant
    HCC827 cells'."""
    return cue.end < s.end and s.words[cue.end] not in cues.linkers and any(
        s.words[i] in cues.host_words for i in range(cue.end, min(s.end, cue.end + 3)))


def _names_setting(s: Sentence, cues: Cues, cue: Span, drug_start: int, groups: list[Group]) -> bool:
    """A 'D-sensitive' compound on the host's disease, with the alteration another attribute after 'and' ('patients
    with platinum-sensitive relapsed ovarian cancer and a BRCA1 mutation'), names the cohort's setting (not
    'patients with neratinib-resistant HER2 L755S tumours')."""
    if drug_start - 1 < s.start or s.words[drug_start - 1] not in HOST_PREPOSITIONS or any(
            s.mention_at(i, ("GENE",)) is not None for i in range(s.clause_start(cue.start), drug_start)):
        return False  # 'X was downregulated in D-resistant cells and ...': X is what the compound is said of
    for j in range(cue.end, min(s.end, cue.end + 5)):
        if any(g.start == j for g in groups):
            return False
        if s.words[j] == "and":
            disease = s.words[j - 1] in cues.host_words or s.mention_at(j - 1, ("TUMOR_SUBTYPE",)) is not None
            return j > cue.end and disease and any(j < g.start <= j + 4 for g in groups)
    return False


def _member_genes(mention: Mention) -> list[str]:
    """The genes a subject names when it names several ('BRCA1/2', 'BRCA1/2 mutations'), else ['']: its own."""
    if "members" in mention.attrs:
        return [symbol for symbol, _ in mention.attrs["members"]]
    return mention.attrs.get("gene_members") or [""]


def _as_subject(mention: Mention) -> None:
    """A bare GENE used as a subject: the record's relation takes its symbol and a null variant."""
    if mention.label == "GENE":
        mention.attrs.setdefault("gene", mention.canonical)
        mention.attrs.setdefault("variant_type", "gene_level")


def _claim(relation: Relation) -> tuple:
    """The claim a relation belongs to: its sentence, cue, subject and type (one relation per drug of it)."""
    return relation.sentence_index, relation.cue_start, id(relation.subject), relation.type


def _group_of(subject: Mention, groups: list[Group]) -> Group:
    for group in groups:
        if any(m.mention is subject for m in group.members):
            return group
    return Group([Alteration(subject, subject.token_start, subject.token_end, "coreference")])


def _deduplicate(relations: list[Relation]) -> list[Relation]:
    """One relation per sentence, type, subject, drug name and negation: asserted beats hedged, then confidence.
    Two mentions of one alteration are one subject ('the epidermal growth factor receptor (EGFR) is
    overexpressed')."""
    best: dict[tuple, Relation] = {}
    for relation in relations:
        subject = relation.subject
        variant = subject.canonical if subject.label == "VARIANT" else None
        gene = relation.gene or (subject.attrs.get("gene") if subject.label == "VARIANT" else subject.canonical)
        key = (relation.sentence_index, relation.type, subject.label, gene, variant, relation.alteration,
               relation.object.canonical, relation.negated)
        current = best.get(key)
        if current is None or (not relation.speculative, relation.confidence) > (not current.speculative,
                                                                                  current.confidence):
            best[key] = relation
    return sorted(best.values(), key=lambda r: (r.sentence.start, r.subject.start, r.object.start, r.type))


def _group_between(s: Sentence, groups: list[Group], lo: int, hi: int) -> Group | None:
    """The last active alteration group between two tokens of one clause."""
    clause = s.clause_of(lo)
    inside = [g for g in groups if g.active and lo <= g.start and g.end <= hi and s.clause_of(g.start) == clause]
    return inside[-1] if inside else None
