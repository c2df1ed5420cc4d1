"""RESISTANT_TO / SENSITIVE_TO relations between an alteration and a drug.

Rules over the token sequence of each sentence (no parser needed), driven by the cue
lexicon in ``models/patterns/relation_cues.json`` (its ``_doc`` explains every list).
The algorithm, sentence by sentence:

1. *Alterations* (subjects): VARIANT mentions, and bare GENE mentions that carry an
   alteration word ("IL7 expression", "high expression of claudin-7", "SULF2 was
   methylated", "knockdown of XRCC1"). Genes that only qualify a drug class ("EGFR TKI",
   "anti-HER2") are not alterations; alterations inside a contrast ("in contrast to ER
   mutations") are never subjects. Alterations joined by coordination or examples
   ("E545K and H1047R", "EGFR mutations such as exon 19 deletion and L858R") form a
   group, and every member gets the relation.
2. *Cues* (families such as resist, refractory, insensitive, reduced sensitivity,
   confer resistance, escape, sensitive, respond, benefit, predict response, potent,
   effective, inhibit growth, overcome, indication) each have a *shape* that says where
   the drug and the alteration stand: ``predicate`` ("HER2 mutations confer resistance
   to tamoxifen, fulvestrant and palbociclib", "cisplatin resistance",
   "neratinib-resistant HER2 L755S models"), ``agent`` ("poziotinib is highly potent in
   HER2 L755S models", "D for the treatment of BRAF V600E melanoma") and ``by``
   ("resistance was overcome by combining ER-directed therapy with neratinib": only
   the added agent).
3. *Direction* comes from the family, flipped by modifiers ("reduced sensitivity",
   "poor response" -> RESISTANT_TO), by experimental manipulation of the gene
   ("suppressing XRCC1 enhances sensitivity" -> XRCC1 RESISTANT_TO), and by agents
   ("sorafenib restored sensitivity to cetuximab": cetuximab RESISTANT_TO, sorafenib
   SENSITIVE_TO).
4. *Reference*: a sentence whose only alteration is an anaphor ("these mutations")
   refers to the last alteration group of the previous sentences; "resistance was
   overcome by D" refers to the subject of the last RESISTANT_TO relation.
5. *Flags*: negation ("did not confer", "no benefit", "but not to D") and hedging
   ("may", "suggesting", "potential", a question title) set ``negated`` /
   ``speculative`` and never drop a relation. Study aims ("To investigate ...", "we
   assessed whether ..."), undirected statements ("a range of sensitivities"),
   resistance acquired by the host of an alteration ("patients with X who developed
   resistance to D") and text after a PubMed boilerplate heading ("Similar articles")
   give no relation.
6. *Confidence*: the family's base plus documented adjustments (README, "How
   confidence is computed").

``rollup(records)`` aggregates the relations of records into one row per document,
gene, variant, drug, type and negation (``extractor rollup``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .mentions import Mention
from .resources import read_json
from .sentences import doc_text, sentence_bounds

Doc.set_extension("relations", default=None, force=True)

DRUG_LABELS = {"DRUG", "DRUG_CLASS"}
RESISTANT, SENSITIVE = "RESISTANT_TO", "SENSITIVE_TO"
OPPOSITE = {RESISTANT: SENSITIVE, SENSITIVE: RESISTANT}
SPECIFIC_TYPES = {"protein", "dna", "rsid", "exon", "fusion"}
GENE_LEVEL_WORDS = {"mutation", "mutant", "alteration", "mutated"}
SENTENCE_END = {".", "!", "?"}
BRACKETS = {"(", ")", "[", "]"}
COMPOUND_ADJECTIVES = {"resistant", "sensitive", "refractory", "insensitive", "responsive", "cross-resistant",
                       "chemoresistant", "unresponsive", "sensitizing", "sensitising"}
RELATIVE_STOPS = {"that", "which", "who", "whose", "whom"}
TREATMENT_VERBS = {"receive", "received", "receiving", "treated", "underwent", "undergo", "undergoing", "given"}
COMPARATIVE_STOPS = {";", "than", "versus", "vs", "vs.", "compared", "whereas"}  # 'from D than from chemotherapy'
APPOSITION_MARKERS = {"such", "including", "e.g.", "e.g", "i.e.", "i.e", "namely", "like", "especially"}
IMPLICIT_DISTANCE = 20  # tokens between a resistance cue without its own drug and the drug it takes
AGENT_SUBJECT_DISTANCE = 15  # tokens between an agent cue and its alteration
# lists of relation_cues.json matched as (possibly multi-word) phrases
PHRASE_LISTS = ("contrast", "aims", "aims_after", "wild_type", "drug_anaphors", "claims", "hedge_exceptions", "hedge_resets", "hedge_nonhedges",
                "treatment_links", "acquired", "causal_links", "anaphors",
                "negation_exceptions", "but_not")
MODIFIER_LISTS = ("reverse", "restore", "overcome", "enhance", "undirected")


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
    family: str = ""


@dataclass
class Alteration:
    """A subject candidate: a VARIANT, or a GENE with an alteration word around it."""

    mention: Mention
    start: int  # token span of the whole phrase ("HER2 L755S", "high expression of claudin-7")
    end: int
    kind: str
    gene_only: bool = False
    manipulated: bool = False
    contrasted: bool = False
    label: str | None = None  # "resistance" / "sensitizing" qualifier ("resistance mutation T790M")
    recordable: bool = True  # False for a gene family ("PI3K/AKT activation") or a variant without a gene


@dataclass
class Group:
    """Coordinated alterations that share a predicate."""

    members: list[Alteration] = field(default_factory=list)
    start: int = -1  # token span of the whole group, head nouns included
    end: int = -1

    def __post_init__(self):
        if self.members and self.start < 0:
            self.start = min(m.start for m in self.members)
            self.end = max(m.end for m in self.members)

    def add(self, alteration: Alteration) -> None:
        self.members.append(alteration)
        self.start, self.end = min(self.start, alteration.start), max(self.end, alteration.end)

    @property
    def active(self) -> list[Alteration]:
        """Members that can be subjects (not in a contrast). A group of only gene families or gene-less
        variants is still active: it is the subject, and it blocks the search, but yields no relation."""
        return [m for m in self.members if not m.contrasted]


@dataclass
class _Sentence:
    """One sentence of a doc with its mentions indexed by token."""

    doc: Doc
    start: int
    end: int
    index: int
    words: list[str]
    at: dict
    mentions: list[Mention]
    clause: dict
    cue_tokens: set
    cues: list = field(default_factory=list)

    @property
    def drugs(self) -> list[Mention]:
        return [m for m in self.mentions if m.label in DRUG_LABELS]

    def clause_of(self, token: int) -> int:
        return self.clause.get(token, 0)


@Language.factory("extractor_relations", default_config={"cues": "patterns/relation_cues.json"})
def make_relation_extractor(nlp: Language, name: str, cues: str):
    return RelationExtractor(nlp, read_json(cues))


class RelationExtractor:
    def __init__(self, nlp: Language, cues: dict):
        self.cues = cues
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.families: dict[str, dict] = {}
        for index, family in enumerate(cues["cues"]):
            key = f"{family['family']}:{index}"
            self.families[key] = family
            self.matcher.add(key, [nlp.make_doc(p) for p in family["phrases"]])
        self.lists = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name in PHRASE_LISTS:
            self.lists.add(name, [nlp.make_doc(p) for p in cues[name]])
        modifiers = cues["modifiers"]
        for name in MODIFIER_LISTS:
            self.lists.add(f"mod_{name}", [nlp.make_doc(p) for p in modifiers[name]])
        alteration_words = cues["alteration_words"]
        for phrase, kind in alteration_words["before"].items():
            self.lists.add(f"alt_before:{kind}", [nlp.make_doc(phrase)])
        self.lists.add("experimental", [nlp.make_doc(p) for p in alteration_words["experimental"]])
        self.alt_after = alteration_words["after"]
        self.between_after = set(alteration_words["between_after"])
        self.between_before = set(alteration_words["between_before"])
        self.modifier_window = modifiers["window"]
        self.agent_window = modifiers["agent_window"]
        self.drug_window = cues["drug_window"]
        self.linkers = set(cues["linkers"])
        self.drug_prefix = set(cues["drug_prefix"])
        self.prefix_unknown = cues["drug_prefix_unknown"]
        self.fillers = set(cues["drug_fillers"])
        self.qualifier_after = set(cues["drug_qualifier_after"])
        self.qualifier_before = set(cues["drug_qualifier_before"])
        self.glue = set(cues["glue"])
        self.group_gap = cues["group_max_gap"]
        self.resistance_labels = set(cues["resistance_labels"])
        self.sensitizing_labels = set(cues["sensitizing_labels"])
        self.negation = set(cues["negation"])
        self.negation_window = cues["negation_window"]
        self.hedges = set(cues["hedges"])
        self.hedge_verbs = set(cues["hedge_verbs"])
        self.undirected_after = set(cues["undirected_after"])
        self.host_words = set(cues["host_words"])
        self.host_links = set(cues["host_links"])
        self.breaks = set(cues["clause_breaks"])
        self.combination = set(cues["combination"])
        self.coref_sentences = cues["coreference_sentences"]
        self.adjust = cues["confidence_adjustments"]
        headings = "|".join(re.escape(h) for h in cues["boilerplate_headings"])
        self.boilerplate = re.compile(rf"^[ \t]*(?:{headings})[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)

    # -- document ----------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        mentions = [m for m in doc._.mentions or [] if m.token_start >= 0]
        if not any(m.label in DRUG_LABELS for m in mentions):
            doc._.relations = []
            return doc
        text = doc_text(doc)
        boilerplate = self.boilerplate.search(text)
        stop_char = boilerplate.start() if boilerplate else len(text) + 1
        words = [t.lower_ for t in doc]
        cues = [c for c in filter_spans([Span(doc, s, e, label=k) for k, s, e in self.matcher(doc)])]
        self._spans = defaultdict(list)
        for key, s, e in self.lists(doc):
            self._spans[self.lists.vocab.strings[key]].append((s, e))
        at = {}
        for mention in mentions:
            for i in range(mention.token_start, mention.token_end):
                at.setdefault(i, mention)
        relations: list[Relation] = []
        self._previous_drugs: list[Mention] = []
        history: list[tuple[int, Group]] = []  # (sentence index, group) of earlier sentences
        last_resistant: list[tuple[int, Group]] = []
        for index, (start, end) in enumerate(sentence_bounds(doc)):
            if doc[start].idx >= stop_char:
                break
            inside = [m for m in mentions if start <= m.token_start < end]
            sentence_cues = [c for c in cues if start <= c.start < end]
            if not inside and not sentence_cues:
                continue
            s = _Sentence(doc, start, end, index, words, at, inside, self._clauses(words, start, end),
                          {i for c in sentence_cues if self.families[c.label_]["type"] is not None
                           for i in range(c.start, c.end)})
            s.cues = [c for c in sentence_cues if self.families[c.label_]["type"] is not None]
            groups = self._groups(s, self._alterations(s))
            if sentence_cues and (s.drugs or (self._previous_drugs and self._has("drug_anaphors", start, end))):
                found = self._sentence_relations(s, sentence_cues, groups, history, last_resistant)
                relations.extend(found)
                resistant = [r for r in found if r.type == RESISTANT and not r.negated]
                if resistant:
                    last_resistant.append((index, _group_of(resistant[-1].subject, groups, found)))
            history.extend((index, g) for g in groups if g.active)
            self._previous_drugs = [m for m in inside if m.label in DRUG_LABELS]
        doc._.relations = _deduplicate(relations)
        return doc

    def _clauses(self, words, start, end) -> dict[int, int]:
        """Clause number of each token: ';', 'but', 'whereas', 'while', 'although' ... start a new clause."""
        clause, out = 0, {}
        for i in range(start, end):
            word = words[i]
            if word in self.breaks and not (word == "but" and i + 1 < end and words[i + 1] in ("not", "also")):
                clause += 1
            out[i] = clause
        return out

    def _has(self, key: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """Spans of phrase list `key` lying within tokens [lo, hi)."""
        return [(s, e) for s, e in self._spans.get(key, ()) if lo <= s and e <= hi]

    # -- alterations ---------------------------------------------------------------------

    def _alterations(self, s: _Sentence) -> list[Alteration]:
        words = s.words
        variants = [m for m in s.mentions if m.label == "VARIANT"]
        found = []
        for variant in variants:
            if self._qualifies_drug(s, variant):
                continue
            start = variant.token_start
            before = s.at.get(start - 1) or (s.at.get(start - 2) if words[start - 1] == "-" else None)
            if before is not None and before.label == "GENE":
                start = before.token_start
            kind = variant.attrs.get("variant_type") or "gene_level"
            found.append(Alteration(variant, start, variant.token_end, kind, recordable=bool(variant.attrs.get("gene"))))
        for gene in (m for m in s.mentions if m.label == "GENE"):
            if self._qualifies_drug(s, gene):
                continue
            if any(v.attrs.get("gene") == gene.canonical and (0 <= v.token_start - gene.token_end <= 4 or
                                                              0 <= gene.token_start - v.token_end <= 4)
                   for v in variants):
                continue
            altered = self._gene_alteration(s, gene)
            if altered is not None:
                altered.recordable = (gene.normalized or "").startswith("HGNC:")
                found.append(altered)
            elif self._wild_type(s, gene):
                # 'patients with wild-type KRAS benefit': the subject is no alteration; it blocks the search
                found.append(Alteration(gene, gene.token_start, gene.token_end, "wild type", gene_only=True,
                                        recordable=False))
        found.sort(key=lambda a: (a.start, a.end))
        found = self._shared_alterations(s, found)
        contrasted = self._contrasted(s)
        for alteration in found:
            alteration.contrasted = alteration.mention.token_start in contrasted
            alteration.label = self._label(s, alteration)
            if any(s.words[i] in self.undirected_after for i in range(alteration.mention.token_start,
                                                                       min(s.end, alteration.end + 1))):
                # 'KIT mutation status', 'CYP2D6 genotype': a status predicts nothing in one direction
                alteration.recordable = False
        return found

    def _shared_alterations(self, s: _Sentence, found: list[Alteration]) -> list[Alteration]:
        """'KRAS and NRAS mutations', 'BRCA1, BRCA2 or PALB2 mutations': coordinated genes share the
        alteration word of the last one (each becomes a gene-level subject)."""
        used = {id(a.mention) for a in found} | {id(m) for a in found for m in s.mentions
                                                  if m.label == "GENE" and a.start <= m.token_start < a.end}
        extra = []
        for gene in (m for m in s.mentions if m.label == "GENE" and id(m) not in used):
            i = gene.token_end
            while i < s.end and (s.words[i] in (",", "and", "or", "/", "and/or", "-") or
                                 (s.at.get(i) is not None and s.at[i].label == "GENE")):
                i = s.at[i].token_end if s.at.get(i) is not None else i + 1
            target = next((a for a in found if a.start == i or (a.start < i < a.end)), None)
            if target is None or i == gene.token_end or self._qualifies_drug(s, gene):
                continue
            extra.append(Alteration(gene, gene.token_start, gene.token_end, target.kind, gene_only=True,
                                    manipulated=target.manipulated))
        return sorted(found + extra, key=lambda a: (a.start, a.end))

    def _qualifies_drug(self, s: _Sentence, mention: Mention) -> bool:
        """'EGFR TKI', 'BRAF V600E inhibitor', 'anti-HER2', 'targeting HER2': the gene names a drug's target."""
        words, i = s.words, mention.token_end
        if i < s.end and words[i] == "-" and i + 1 < s.end:
            i += 1
        nxt = s.at.get(i)
        if nxt is not None and nxt.label in DRUG_LABELS and nxt.token_start == i:
            return True
        if i < s.end and words[i] in self.qualifier_after:
            return True
        j = mention.token_start - 1
        if j >= s.start and words[j] == "-" and j - 1 >= s.start and words[j - 1] == "anti":
            return True
        window = words[max(s.start, mention.token_start - 2):mention.token_start]
        return any(w in self.qualifier_before for w in window[-1:]) or " ".join(window) in self.qualifier_before

    def _wild_type(self, s: _Sentence, gene: Mention) -> bool:
        """'wild-type KRAS', 'KRAS wild-type', 'K-ras wild type status', 'HER2-negative'."""
        for b, e in self._has("wild_type", max(s.start, gene.token_start - 3), min(s.end, gene.token_end + 3)):
            if e <= gene.token_start and all(s.words[i] in ("the", "a", "-") for i in range(e, gene.token_start)):
                return True
            if b >= gene.token_end and all(s.words[i] in ("-", "gene", "genes", "(") for i in range(gene.token_end, b)):
                return True
        return False

    def _gene_alteration(self, s: _Sentence, gene: Mention) -> Alteration | None:
        """A bare gene with an alteration word after ('X expression') or before ('loss of X')."""
        words = s.words
        after_kind, end = None, gene.token_end
        i, steps = gene.token_end, 0
        while i < s.end and steps <= 3:
            word = words[i]
            if word in self.alt_after:
                after_kind, end = self.alt_after[word], i + 1
                break
            if word == "(":
                close = next((k for k in range(i + 1, min(i + 5, s.end)) if words[k] == ")"), None)
                if close is None:
                    break
                i, steps = close + 1, steps + 1
                continue
            if (word not in self.between_after and not word.isdigit()) or s.at.get(i) is not None:
                break
            i, steps = i + 1, steps + 1
        before_kind, start = None, gene.token_start
        position, steps = gene.token_start, 0
        while position > s.start and steps <= 5:
            hits = [(b, key) for key, spans in self._spans.items() if key.startswith("alt_before:")
                    for b, e in spans if e == position and b >= s.start]
            if hits:
                b, key = min(hits)
                before_kind, start = key.split(":", 1)[1], b
                break
            if words[position - 1] not in self.between_before or s.at.get(position - 1) is not None:
                break
            position, steps = position - 1, steps + 1
        if after_kind is None and before_kind is None:
            return None
        kinds = {after_kind, before_kind} - {None}
        if "silencing" in kinds:
            # RNAi silencing is an experiment (direction flips); epigenetic silencing in tumours is low expression
            experiment = bool(self._has("experimental", s.start, s.end))
            kinds = (kinds - {"silencing"}) | {"manipulation" if experiment else "low expression"}
            before_kind, after_kind = (("manipulation" if experiment else "low expression") if k == "silencing" else k
                                       for k in (before_kind, after_kind))
        manipulated = "manipulation" in kinds
        kind = next((k for k in (before_kind, after_kind) if k and k != "manipulation"), "expression")
        return Alteration(gene, start, end, kind, gene_only=True, manipulated=manipulated)

    def _contrasted(self, s: _Sentence) -> set[int]:
        """Tokens inside a contrast phrase's scope ('in contrast to ER mutations')."""
        tokens = set()
        for _, end in self._has("contrast", s.start, s.end):
            stop = end
            while stop < s.end and stop - end < 6 and s.words[stop] not in (",", ";", ".", ")"):
                stop += 1
            tokens.update(range(end, stop + 1))
        return tokens

    def _label(self, s: _Sentence, alteration: Alteration) -> str | None:
        """'resistance mutation T790M' -> resistance; 'activating mutation L858R' -> sensitizing."""
        before = s.words[max(s.start, alteration.start - 3):alteration.start]
        for word in reversed(before):
            if word in self.resistance_labels:
                return "resistance"
            if word in self.sensitizing_labels:
                return "sensitizing"
        after = s.words[alteration.end:min(s.end, alteration.end + 6)]
        for offset, word in enumerate(after):
            if s.at.get(alteration.end + offset) is not None and s.at[alteration.end + offset].label == "VARIANT":
                break
            if word in ("resistance", "resistant") and offset + 1 < len(after) and \
                    after[offset + 1] in ("biomarker", "marker", "mutation", "mutations"):
                return "resistance"
        return None

    def _groups(self, s: _Sentence, alterations: list[Alteration]) -> list[Group]:
        """Alterations joined only by coordination / example words form one group."""
        groups: list[Group] = []
        for alteration in alterations:
            if groups:
                last = groups[-1]
                between = range(last.end, alteration.start)
                if alteration.start >= last.end and len(between) <= self.group_gap and all(
                        s.words[i] in self.glue or s.words[i].isdigit() or s.doc[i].is_space or
                        (s.at.get(i) is not None and s.at[i].label in ("GENE", "VARIANT")) for i in between) \
                        and s.clause_of(last.end - 1) == s.clause_of(alteration.start):
                    last.add(alteration)
                    continue
                if alteration.start < last.end:  # overlapping phrases ("expression of X" inside another)
                    last.add(alteration)
                    continue
            groups.append(Group([alteration]))
        text = doc_text(s.doc)
        for group in groups:
            group.members = _drop_head_nouns(group.members, text)
        return groups

    # -- relations of one sentence ---------------------------------------------------------

    def _sentence_relations(self, s, cues, groups, history, last_resistant) -> list[Relation]:
        found: list[Relation] = []
        for cue in cues:
            family = self.families[cue.label_]
            if family["type"] is None:
                continue
            if self._is_aim(s, cue) or self._undirected(s, cue):
                continue
            shape = family["shape"]
            if shape == "predicate":
                found.extend(self._predicate(s, cue, family, groups, history, self._previous_drugs))
            elif shape == "agent":
                found.extend(self._agent(s, cue, family, groups, history))
            elif shape == "by":
                found.extend(self._by(s, cue, family, groups, history, last_resistant))
        subtype = next((m for m in s.mentions if m.label == "TUMOR_SUBTYPE"), None)
        for relation in found:
            relation.subtype = subtype
        return found

    def _predicate(self, s, cue, family, groups, history, previous_drugs=()) -> list[Relation]:
        flags: set[str] = set()
        drugs = self._drugs_before(s, cue.start)
        if drugs:
            flags.add("drug_adjacent")
            anchor = drugs[0][0].token_start
        else:
            drugs = self._drugs_after(s, cue.end, family.get("window", self.drug_window), cue,
                                      of_governs=family.get("of_governs", False))
            anchor = cue.start
        kind = family["type"]
        agent = None
        window = (max(s.start, anchor - self.modifier_window), anchor)
        inside = {i for g in groups for i in range(g.start, g.end)}  # 'low ERCC1 expression predicts benefit'

        def modifier(name):
            return [(b, e) for b, e in self._has(name, *window) if b not in inside]

        restore, overcome, enhance = modifier("mod_restore"), modifier("mod_overcome"), modifier("mod_enhance")
        if (restore or overcome or enhance or cue.text.lower() in ("sensitizes", "sensitized", "sensitises",
                                                                     "sensitised")):
            verb = min(b for b, _ in (restore or overcome or enhance)) if (restore or overcome or enhance) else cue.start
            agent = self._agent_drugs(s, verb, added_only=bool(overcome or restore))
        if kind == SENSITIVE and restore:
            kind = RESISTANT  # sensitivity restored: it was lost
        elif kind == SENSITIVE and agent and not restore:
            drugs = []  # 'D enhances E sensitivity', 'D sensitizes X cells to E': E has no relation
        elif modifier("mod_reverse"):
            kind = OPPOSITE[kind]
        acquired = kind == RESISTANT and self._acquired(s, cue)
        if not drugs and not agent:
            if family.get("implicit_drug") and (family["family"] == "confer_resistance" or acquired):
                drugs = self._implicit_drugs(s, cue)
            if not drugs:
                drugs = self._treated_drugs(s, cue)
            if not drugs:
                drugs = self._anaphoric_drugs(s, cue, previous_drugs)
            if not drugs:
                return []
            flags.add("implicit_drug")
        if agent:
            agent_ids = {id(d) for d, _ in agent}
            drugs = [(d, n) for d, n in drugs if id(d) not in agent_ids]
        prefer_after = bool(flags & {"drug_adjacent"}) and cue.text.lower() in COMPOUND_ADJECTIVES
        own = [] if "implicit_drug" in flags else drugs  # an implicit drug is no argument position
        lo = min([cue.start] + [d.token_start for d, _ in own])
        hi = max([cue.end] + [d.token_end for d, _ in own])
        group, where = self._subject(s, lo, hi, groups, history, prefer_after=prefer_after,
                                     host_blocked=acquired and self._host_acquired(s, cue),
                                     cue_end=None if flags & {"drug_adjacent"} else cue.end)
        if group is None:
            return []
        flags |= where
        if not where:
            group = self._examples(s, drugs, group, groups)
        # 'depletion of AXL restored sensitivity', 'X knockdown overcame resistance': the modifier already
        # states the manipulation's effect, so the manipulated gene's direction is not flipped again
        fixed = bool(restore or overcome)
        out = self._relations(s, cue, family, kind, group, drugs, flags, fixed=fixed)
        if agent:
            out += self._relations(s, cue, family, SENSITIVE, group, agent, flags - {"drug_adjacent"})
        return out

    def _agent(self, s, cue, family, groups, history) -> list[Relation]:
        drugs = self._agent_drugs(s, cue.start, limit=None, added_only=family["family"] == "overcome_resistance")
        if not drugs:
            return []
        group, where = self._subject(s, cue.end, cue.end, groups, history, after_only=True)
        if group is None:
            return []
        return self._relations(s, cue, family, family["type"], group, drugs, where)

    def _by(self, s, cue, family, groups, history, last_resistant) -> list[Relation]:
        drugs = self._drugs_after(s, cue.end, self.drug_window, cue, combination=True, need_linker=False)
        if not drugs:
            return []
        before = [g for g in groups if g.end <= cue.start and g.active]
        if before:
            group, where = before[-1], set()
        else:
            recent = [g for i, g in last_resistant if s.index - self.coref_sentences <= i < s.index]
            if not recent:
                return []
            group, where = recent[-1], {"coreference"}
        return self._relations(s, cue, family, family["type"], group, drugs, where)

    def _relations(self, s, cue, family, kind, group, drugs, flags, fixed: bool = False) -> list[Relation]:
        members = [m for m in group.active if m.recordable]
        if kind == RESISTANT and any(m.label == "resistance" for m in members) and \
                any(m.label == "sensitizing" for m in members):
            members = [m for m in members if m.label != "sensitizing"]
        negated = self._negated(s, cue)
        speculative = bool(family.get("speculative")) or self._hedged(s, cue, group)
        sentence = s.doc[s.start:s.end]
        out = []
        for alteration in members:
            for drug, drug_negated in drugs:
                flip = alteration.manipulated and not fixed
                relation = Relation(OPPOSITE[kind] if flip else kind, alteration.mention, drug,
                                    sentence, cue.text, s.index, negated or drug_negated, speculative,
                                    family=family["family"])
                relation.confidence = self._confidence(family, relation, alteration, flags)
                out.append(relation)
        out += self._but_not_in(s, drugs, out)
        for relation in out:
            _as_subject(relation.subject)
        return out

    # -- arguments -------------------------------------------------------------------------

    def _drugs_before(self, s: _Sentence, position: int) -> list[tuple[Mention, bool]]:
        """Drugs written right before a cue: 'cisplatin resistance', 'neratinib-resistant', 'TKI treatment response'."""
        words, i, skipped = s.words, position - 1, 0
        drug = None
        while i >= s.start and skipped <= 3:
            mention = s.at.get(i)
            if mention is not None and mention.label in DRUG_LABELS:
                drug = mention
                break
            if words[i] == ")":
                opening = next((k for k in range(i - 1, max(s.start, i - 6) - 1, -1) if words[k] == "("), None)
                if opening is None:
                    return []
                i, skipped = opening - 1, skipped + 1
                continue
            if words[i] not in self.fillers or mention is not None:
                return []
            i, skipped = i - 1, skipped + 1
        if drug is None:
            return []
        found = [drug]
        i = drug.token_start - 1
        while i >= s.start:
            mention = s.at.get(i)
            if mention is not None and mention.label in DRUG_LABELS:
                found.insert(0, mention)
                i = mention.token_start - 1
                continue
            if words[i] in (",", "and", "or", "and/or", "/", "-") and i - drug.token_start > -4:
                i -= 1
                continue
            break
        return [(d, False) for d in _drop_appositive_classes(s, found)]

    def _drugs_after(self, s: _Sentence, start: int, window: int, cue, combination: bool = False,
                     need_linker: bool = True, of_governs: bool = True) -> list[tuple[Mention, bool]]:
        """Coordinated drugs after a cue: 'to tamoxifen, fulvestrant and palbociclib', 'but not to B' negated."""
        words = s.words
        found: list[tuple[Mention, bool]] = []
        negated, gap, cut, i = False, 0, 0, start
        linker = not need_linker or s.words[start - 1] in self.linkers
        but_not = {b for b, _ in self._has("but_not", start, s.end)}
        while i < s.end:
            mention = s.at.get(i)
            if mention is not None and mention.label in DRUG_LABELS and mention.token_start >= start:
                if not linker or (need_linker and not found and
                                  not self._governed(s, start, mention.token_start, of_governs)):
                    break
                found.append((mention, negated))
                gap, i = 0, mention.token_end
                continue
            word = words[i]
            if i in but_not:
                negated = True
                i += 2
                continue
            if word in SENTENCE_END or s.clause_of(i) != s.clause_of(start - 1) or word in COMPARATIVE_STOPS:
                break
            if not found and word in RELATIVE_STOPS and not (
                    i + 1 < s.end and s.words[i + 1] in TREATMENT_VERBS or
                    i + 2 < s.end and s.words[i + 2] in TREATMENT_VERBS):  # 'patients who received D'
                break
            if not found and i in s.cue_tokens and not cue.start <= i < cue.end:
                break
            if mention is not None and mention.label == "VARIANT" and found:
                break
            if word in self.linkers:
                linker = True
            if combination and found and word in self.combination:
                cut = len(found)
            if not (s.doc[i].is_punct or s.doc[i].is_space):
                gap += 1
            if gap > (3 if found else window):
                break
            i = mention.token_end if mention is not None and mention.token_end > i else i + 1
        if cut:
            found = found[cut:]
        kept = {id(m) for m in _drop_appositive_classes(s, [m for m, _ in found])}
        return [(m, n) for m, n in found if id(m) in kept]

    def _governed(self, s: _Sentence, start: int, drug_start: int, of_governs: bool = True) -> bool:
        """The first drug after a cue must be the object of a linking word: at most a few words that are
        not drug-phrase words ('the BH3 mimetics') between the last linker and the drug
        ('resistance of the latter cells to doxorubicin', but not 'sensitization to seizures induced by cocaine')."""
        unknown = 0
        for i in range(drug_start - 1, start - 2, -1):
            word = s.words[i]
            if word in self.linkers:
                # 'sensitization of lidocaine convulsions', 'resistance of cells to D': after a sensitivity or
                # resistance word 'of' names what is sensitive, not the drug ('efficacy of D' is fine)
                return of_governs or word != "of"
            mention = s.at.get(i)
            if word in self.drug_prefix or s.doc[i].is_space or (mention is not None and mention.label != "VARIANT"):
                continue
            unknown += 1
            if unknown > self.prefix_unknown:
                return False
        return False

    def _agent_drugs(self, s: _Sentence, position: int, limit: int | None = -1,
                     added_only: bool = False) -> list[tuple[Mention, bool]]:
        """The drug(s) acting as the agent of a verb or adjective at `position` ('D enhances', 'D is potent in',
        'encorafenib plus cetuximab improved survival'); with `added_only`, only the drugs added in a
        combination ('the combination of vemurafenib with cetuximab overcame resistance' -> cetuximab)."""
        limit = self.agent_window if limit == -1 else limit
        clause = s.clause_of(position)
        before = [d for d in s.drugs if d.token_end <= position and s.clause_of(d.token_start) == clause
                  and (limit is None or position - d.token_end <= limit)]
        if not before:
            return []
        nearest = max(before, key=lambda d: d.token_end)
        found = [nearest]
        i, combined = nearest.token_start - 1, False
        while i >= s.start:
            mention = s.at.get(i)
            if mention is not None and mention.label in DRUG_LABELS:
                if added_only and combined:
                    break
                found.insert(0, mention)
                i = mention.token_start - 1
                continue
            word = s.words[i]
            if word in (",", "and", "or", "and/or", "/", "(", ")", "plus", "+", "with", "combined", "combination",
                        "in", "together"):
                combined = combined or word in ("plus", "+", "with", "combined", "combination")
                i -= 1
                continue
            break
        return [(d, False) for d in _drop_appositive_classes(s, found)]

    def _implicit_drugs(self, s: _Sentence, cue) -> list[tuple[Mention, bool]]:
        """A resistance cue without its own drug: the drug named before it in the sentence (else after)."""
        clause = s.clause_of(cue.start)
        near = [d for d in s.drugs if s.clause_of(d.token_start) == clause and
                (cue.start - d.token_end <= IMPLICIT_DISTANCE if d.token_end <= cue.start
                 else d.token_start - cue.end <= IMPLICIT_DISTANCE)]
        overcome = {b for b, _ in self._has("mod_overcome", s.start, s.end)}
        near = [d for d in near if not any(0 <= b - d.token_end <= 4 for b in overcome)]
        before = [d for d in near if d.token_end <= cue.start]
        if before:
            return [(max(before, key=lambda d: d.token_end), False)]
        after = [d for d in near if d.token_start >= cue.end]
        return [(after[0], False)] if after else []

    def _anaphoric_drugs(self, s: _Sentence, cue, previous_drugs) -> list[tuple[Mention, bool]]:
        """'T315I is insensitive to both': the drugs of the sentence before (or earlier in this one)."""
        after = [(b, e) for b, e in self._has("drug_anaphors", cue.end, min(s.end, cue.end + 3))]
        if not after:
            return []
        earlier = [d for d in s.drugs if d.token_end <= cue.start]
        chosen = earlier or previous_drugs
        return [(d, False) for d in _drop_appositive_classes(s, chosen)] if chosen else []

    def _treated_drugs(self, s: _Sentence, cue) -> list[tuple[Mention, bool]]:
        """'patients with X treated with D had a better response': the treatment named before the cue."""
        clause, start = s.clause_of(cue.start), self._clause_start(s, cue.start)
        links = self._has("treatment_links", start, cue.start)
        for drug in sorted((d for d in s.drugs if start <= d.token_start and d.token_end <= cue.start),
                           key=lambda d: -d.token_end):
            if s.clause_of(drug.token_start) != clause or _words_between(s, drug.token_end, cue.start) > 8:
                continue
            treated = any(0 <= drug.token_start - e <= 2 for _, e in links)
            named = drug.token_end < s.end and s.words[drug.token_end] in ("treatment", "therapy", "monotherapy")
            if treated or named:
                return self._agent_drugs(s, drug.token_end, limit=0)
        return []

    def _subject(self, s, lo, hi, groups, history, prefer_after=False, host_blocked=False,
                 after_only=False, cue_end=None) -> tuple[Group | None, set]:
        """The alteration group a cue is said of: before it in its clause, else after it, else an anaphor's."""
        clause = s.clause_of(lo)
        active = [g for g in groups if g.active]
        before = [g for g in active if g.end <= lo and s.clause_of(g.end - 1) == clause
                  and not self._enclosed(s, g, lo)]
        scope = self._paren_scope(s, lo)
        after = [g for g in active if hi <= g.start < scope and s.clause_of(g.start) == clause
                 and not self._cue_between(s, hi, g.start)]
        if after_only:
            after = [g for g in after if _words_between(s, hi, g.start) <= AGENT_SUBJECT_DISTANCE
                     and not self._host_coordinated(s, hi, g.start)]
        if host_blocked:
            # 'patients with X who developed resistance to D': the host acquired it, unless X is named a
            # resistance mutation ('the secondary T790M mutation was found in patients with acquired resistance')
            before = [g for g in before if any(m.label == "resistance" for m in g.members)]
            after = [g for g in after if self._linked_after(s, hi, g)]
        if prefer_after and after and after[0].start - hi <= 2:
            return after[0], set()
        between = [g for g in active if cue_end is not None and cue_end < g.start and g.end <= hi
                   and s.clause_of(g.start) == clause and _words_between(s, cue_end, g.start) <= 3
                   and s.words[cue_end] in ("of", "in", "among", "for")]
        if between:
            return between[0], set()
        if before and not after_only:
            return max(before, key=lambda g: g.end), set()
        if after:
            return after[0], {"alteration_after_cue"}
        if any(self._has("anaphors", s.start, s.end)):
            recent = [g for i, g in history if s.index - self.coref_sentences <= i < s.index]
            if recent:
                return recent[-1], {"coreference"}
        return None, set()

    def _host_coordinated(self, s: _Sentence, start: int, end: int) -> bool:
        """'D inhibited the proliferation of HCT116 cells and a higher level of FASN ...': the agent's
        object phrase ends at a host noun followed by a coordination."""
        return any(s.words[i] in ("and", "or", ",", "while", "compared") and s.words[i - 1] in self.host_words
                   for i in range(start + 1, end))

    def _enclosed(self, s: _Sentence, group: Group, lo: int) -> bool:
        """A group inside a parenthesis that closes before the cue: '(e.g. drug resistance with G469L) ... sensitive'."""
        depth, opening = 0, None
        for i in range(group.start - 1, s.start - 1, -1):
            word = s.words[i]
            if word == ")":
                depth += 1
            elif word == "(":
                if depth == 0:
                    opening = i
                    break
                depth -= 1
        if opening is None:
            return False
        depth = 0
        for i in range(opening + 1, lo):
            word = s.words[i]
            if word == "(":
                depth += 1
            elif word == ")":
                if depth == 0:
                    return i >= group.end
                depth -= 1
        return False

    def _paren_scope(self, s: _Sentence, position: int) -> int:
        """End of the parenthesis a cue stands in ('(approved for first-line use ...)'), else the sentence end."""
        depth = 0
        for i in range(position - 1, s.start - 1, -1):
            word = s.words[i]
            if word == ")":
                depth += 1
            elif word == "(":
                if depth == 0:
                    inner = 0
                    for k in range(position, s.end):
                        if s.words[k] == "(":
                            inner += 1
                        elif s.words[k] == ")":
                            if inner == 0:
                                return k
                            inner -= 1
                    return s.end
                depth -= 1
        return s.end

    def _cue_between(self, s: _Sentence, lo: int, hi: int) -> bool:
        """Another relation cue between a cue and a later alteration, unless it only qualifies that
        alteration ('neratinib-resistant HER2 L755S', 'sensitive and resistant EGFR mutations')."""
        for cue in s.cues:
            if lo <= cue.start and cue.end <= hi:
                between = range(cue.end, hi)
                qualifier = len(between) <= 4 and all(
                    s.words[i] in self.glue or i in s.cue_tokens or s.words[i] == "-" or
                    (s.at.get(i) is not None and s.at[i].label in DRUG_LABELS | {"GENE"}) for i in between)
                if not qualifier:
                    return True
        return False

    def _examples(self, s: _Sentence, drugs, group: Group, groups: list[Group]) -> Group:
        """'sensitivity to TKI (point mutations G719A/C in exon 18, L858R and L861Q)': examples of the subject."""
        if not drugs:
            return group
        last = max(d.token_end for d, _ in drugs)
        if last >= s.end or s.words[last] != "(":
            return group
        genes = {m.mention.attrs.get("gene") or m.mention.canonical for m in group.members}
        close = next((k for k in range(last + 1, s.end) if s.words[k] == ")"), s.end)
        extra = [m for g in groups if last < g.start < close for m in g.active
                 if (m.mention.attrs.get("gene") or m.mention.canonical) in genes]
        if not extra:
            return group
        return Group(group.members + [m for m in extra if m not in group.members], group.start, group.end)

    def _linked_after(self, s: _Sentence, hi: int, group: Group) -> bool:
        """An alteration after an acquired-resistance cue counts only when linked to it ('due to T790M')."""
        if any(m.label == "resistance" for m in group.members):
            return True
        return any(group.start - e <= 4 and e <= group.start for _, e in self._has("causal_links", hi, group.start + 1))

    # -- cue context -----------------------------------------------------------------------

    def _clause_start(self, s: _Sentence, position: int) -> int:
        clause = s.clause_of(position)
        start = position
        while start > s.start and s.clause_of(start - 1) == clause:
            start -= 1
        return start

    def _clause_end(self, s: _Sentence, position: int) -> int:
        clause = s.clause_of(position)
        end = position
        while end < s.end and s.clause_of(end) == clause:
            end += 1
        return end

    def _is_aim(self, s: _Sentence, cue) -> bool:
        """'To investigate ...', 'we assessed whether ...', '... is under investigation': a study aim, not a finding."""
        end = self._clause_end(s, cue.start)
        if self._has("aims_after", cue.end, end):
            return True
        start = self._clause_start(s, cue.start)
        start = max([start] + [e for _, e in self._has("hedge_resets", start, cue.start)])
        aims = self._has("aims", start, cue.start)
        if not aims:
            return False
        last = max(e for _, e in aims)
        return not self._has("claims", last, cue.start)

    def _undirected(self, s: _Sentence, cue) -> bool:
        return bool(self._has("mod_undirected", max(s.start, cue.start - self.modifier_window), cue.start))

    def _acquired(self, s: _Sentence, cue) -> bool:
        return any(cue.start - 3 <= e <= cue.end and b < cue.end for b, e in self._has("acquired", s.start, s.end))

    def _host_acquired(self, s: _Sentence, cue) -> bool:
        """'patients ... who had developed resistance', 'tumours with acquired resistance': the host acquired it."""
        for b, e in self._has("acquired", s.start, s.end):
            if cue.start - 3 <= e <= cue.end and b < cue.end:
                if s.words[b] in ("who", "that", "which"):
                    return True
                i = b - 1
                while i > s.start and s.words[i] in self.host_links:
                    i -= 1
                if i >= s.start and (s.words[i] in self.host_words or
                                     (s.at.get(i) is not None and s.at[i].label == "TUMOR_SUBTYPE")):
                    return True
        return False

    def _negated(self, s: _Sentence, cue) -> bool:
        start = max(self._clause_start(s, cue.start), cue.start - self.negation_window)
        exceptions = {i for b, e in self._has("negation_exceptions", start, cue.end + 2) for i in range(b, e)}
        return any(s.words[i] in self.negation and i not in exceptions for i in range(start, cue.start))

    def _hedged(self, s: _Sentence, cue, group: Group | None = None) -> bool:
        """The relation's own predicate is hedged: a hedge between its subject and the cue ('X may confer'),
        right before the subject ('a potential role of X'), or a hedging verb that governs the clause
        ('these data suggest that ... X confers'); a question title."""
        if s.words[s.end - 1] == "?" or (s.end - 2 >= s.start and s.words[s.end - 2] == "?"):
            return True
        start = self._clause_start(s, cue.start)
        exceptions = self._has("hedge_exceptions", s.start, cue.start)
        start = max([start] + [e for _, e in self._has("hedge_resets", start, cue.start)])
        nonhedges = {i for b, e in self._has("hedge_nonhedges", start, cue.end) for i in range(b, e)}
        local = start
        if group is not None and start <= group.start and group.end <= cue.start:
            local = max(start, group.start - 3)

        def hedge(i, words):
            return s.words[i] in words and i not in nonhedges and not any(e <= i for _, e in exceptions)

        return any(hedge(i, self.hedges) for i in range(local, cue.start)) or \
            any(hedge(i, self.hedge_verbs) for i in range(start, local))

    def _but_not_in(self, s: _Sentence, drugs, relations: list[Relation]) -> list[Relation]:
        """'predicts response to D in melanoma but not in colorectal cancer': a negated copy."""
        if not drugs or not relations:
            return []
        last = max(d.token_end for d, _ in drugs)
        for b, e in self._has("but_not", last, min(s.end, last + 10)):
            if e < s.end and s.words[e] in ("in", "among", "for") and not any(
                    d.token_start >= e for d in s.drugs):
                copies = []
                for relation in relations:
                    if not relation.negated:
                        copy = Relation(**{**relation.__dict__, "negated": True})
                        copy.confidence = round(max(0.05, relation.confidence + self.adjust["negated"]), 3)
                        copies.append(copy)
                return copies
        return []

    def _confidence(self, family, relation: Relation, alteration: Alteration, flags: set[str]) -> float:
        score = family["confidence"]
        if relation.subject.attrs.get("variant_type") in SPECIFIC_TYPES and not alteration.gene_only:
            score += self.adjust["specific_variant"]
        if alteration.gene_only:
            score += self.adjust["gene_only"]
        for flag in flags:
            score += self.adjust.get(flag, 0.0)
        if relation.speculative:
            score += self.adjust["speculative"]
        if relation.negated:
            score += self.adjust["negated"]
        if "coreference" not in flags:
            distance = abs(relation.subject.token_start - relation.object.token_start)
            score += self.adjust["distance_per_10_tokens"] * (distance // 10)
        return round(min(0.99, max(0.05, score)), 3)


# -- helpers ---------------------------------------------------------------------------

def _words_between(s: _Sentence, start: int, end: int) -> int:
    """Tokens between two positions, a mention counting once and punctuation not at all."""
    count, i = 0, start
    while i < end:
        mention = s.at.get(i)
        if not (s.doc[i].is_punct or s.doc[i].is_space):
            count += 1
        i = mention.token_end if mention is not None and mention.token_end > i else i + 1
    return count


def _drop_head_nouns(members: list[Alteration], text: str) -> list[Alteration]:
    """'a missense mutation in KIT exon 13 (K642E)': the singular gene-level word is K642E's head noun."""
    specific_genes = {m.mention.attrs.get("gene") for m in members
                      if not m.gene_only and m.mention.attrs.get("variant_type") not in (None, "gene_level")}
    kept = []
    for member in members:
        mention = member.mention
        singular = mention.label == "VARIANT" and mention.attrs.get("variant_type") == "gene_level" and \
            text[mention.start:mention.end].lower() in GENE_LEVEL_WORDS
        if singular and mention.attrs.get("gene") in specific_genes:
            continue
        kept.append(member)
    return kept or members


def _drop_appositive_classes(s: _Sentence, drugs: list[Mention]) -> list[Mention]:
    """Keep the named drug: 'the HER2 kinase inhibitor neratinib', 'TKI therapy with vemurafenib',
    'BH3 mimetics ABT-737', 'irinotecan-based chemotherapy'; one mention per drug name."""
    kept: list[Mention] = []
    words = s.words
    for index, mention in enumerate(drugs):
        following = drugs[index + 1] if index + 1 < len(drugs) else None
        if mention.label == "DRUG_CLASS" and following is not None:
            between = [w for w in words[mention.token_end:following.token_start]]
            # 'TKIs such as erlotinib', 'TKIs, namely erlotinib', 'TKI therapy with vemurafenib', 'AI (AI) drug';
            # a bare comma is a list ('aromatase inhibitors, tamoxifen or fulvestrant')
            marked = any(w in APPOSITION_MARKERS for w in between)
            appositive = all(w in BRACKETS or w in ("therapy", "treatment", "with", "as") or w in APPOSITION_MARKERS
                             or (w == "," and marked) for w in between)
            if appositive and (following.label == "DRUG" or following.normalized == mention.normalized):
                continue
        if mention.label == "DRUG_CLASS" and index > 0:
            previous = drugs[index - 1]
            between = words[previous.token_end:mention.token_start]
            if previous.label == "DRUG" and between and between[-1] == "based":
                continue
        if any(k.canonical == mention.canonical for k in kept):
            continue
        kept.append(mention)
    return kept


def _as_subject(mention: Mention) -> None:
    """A bare GENE used as a subject: the record's relation takes its symbol and a null variant."""
    if mention.label == "GENE":
        mention.attrs.setdefault("gene", mention.canonical)
        mention.attrs.setdefault("variant_type", "gene_level")


def _group_of(subject: Mention, groups: list[Group], relations: list[Relation]) -> Group:
    for group in groups:
        if any(m.mention is subject for m in group.members):
            return group
    return Group([Alteration(subject, subject.token_start, subject.token_end, "coreference")])


def _deduplicate(relations: list[Relation]) -> list[Relation]:
    """One relation per sentence, type, subject, drug name and negation: asserted beats hedged, then confidence."""
    best: dict[tuple, Relation] = {}
    for relation in relations:
        key = (relation.sentence_index, relation.type, id(relation.subject), relation.object.canonical,
               relation.negated)
        current = best.get(key)
        if current is None or (not relation.speculative, relation.confidence) > (not current.speculative,
                                                                                  current.confidence):
            best[key] = relation
    return sorted(best.values(), key=lambda r: (r.sentence.start, r.subject.start, r.object.start, r.type))


def rollup(records) -> list[dict]:
    """One row per (doc_id, gene, variant, drug, type, negated); see extractor/rollup.py."""
    from .rollup import rollup as roll_up  # imported late: the CLI part of that module needs typer

    return roll_up(records)
