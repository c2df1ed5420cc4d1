"""The subject of a cue: which alteration group a cue is said of."""
from __future__ import annotations

from ..mentions import Mention
from .cues import Cues
from .alterations import LIST_JOINERS, is_hgnc_gene
from .drugs import Drugs, drug_arm_end
from .sentence import DRUG_LABELS, Alteration, Group, Sentence

PHRASE_ENDS = ("and", "or", "in", "among", "as", "but", "which", "that", "while", "whereas")
RELATIVE_PRONOUNS = ("that", "which")
COPULAS = ("is", "are", "was", "were", "has", "have")
OF_WORDS = ("of", "in", "among", "for")  # 'sensitivity of EGFR-mutant cells to gefitinib'
HOST_COORDINATION = ("and", "or", ",", "while", "compared")


def find_subject(s: Sentence, cues: Cues, lo: int, hi: int, groups: list[Group], history, prefer_after=False,
                 host_blocked=False, after_only=False, cue_end=None, passes=frozenset(),
                 clause_subject=False, after_blocked=False, after_distance=None) -> tuple[Group | None, set]:
    """The alteration group that the cue and drugs in tokens [lo, hi) are said of, and flags: the group
    right after the cue behind of/in/among/for; the nearest group before it in its clause; the first one
    after it (no other cue between, except those of a type in `passes`); an anaphor's antecedent among
    the `history` groups of earlier sentences. With `clause_subject`, only a group before the cue, the
    first of its clause ('X cells maintained elevated Y signalling despite treatment with D': not Y). With
    `after_blocked`, a group after the cue is a host ('mechanisms of resistance to D in X-mutant NSCLC'). With
    `after_only`, the group stands at most `after_distance` words after the cue (default agent_subject_distance)."""
    clause = s.clause_of(lo)
    active = [g for g in groups if g.active]
    # a group may end inside a cue that opens with its last word ('ABCG2-mediated resistance to D')
    before = [g for g in active if (g.end <= lo or g.start < lo < g.end <= hi) and s.clause_of(g.end - 1) == clause
              and not s.enclosed(g, lo)]
    scope = s.paren_scope(lo)
    # 'a poor response to D, worse than expected in X melanoma': an alteration behind 'than' is the comparator
    after = [g for g in active if hi <= g.start < scope and s.clause_of(g.start) == clause
             and not _cue_between(s, cues, hi, g.start, passes) and not _compared(s, cues, hi, g.start)]
    fronted = _fronted_phrase_end(s, cues)
    if fronted is not None and hi <= fronted:  # 'In a patient who relapsed after an initial response to D, X ...'
        after = [g for g in after if g.start < fronted]
    if after_only:
        limit = cues.agent_subject_distance if after_distance is None else after_distance
        after = [g for g in after if s.words_between(hi, g.start) <= limit
                 and not _host_coordinated(s, cues, hi, g.start)]
    if host_blocked:
        # 'patients with X who developed resistance to D': the host acquired it, unless X is named a
        # resistance mutation ('the secondary T790M mutation was found in patients with acquired resistance')
        # or X is reported as found in them ('T790M was detected in patients who developed resistance to D')
        before = [g for g in before if g.has_label("resistance") or
                  any(s.words[i] in cues.finding_words for i in range(g.end, lo))]
    if host_blocked or after_blocked:
        after = [g for g in after if _linked_after(s, cues, hi, g)]
    if prefer_after and after and after[0].start - hi <= 2:
        return after[0], set()
    between = [g for g in active if cue_end is not None and cue_end < g.start and g.end <= hi
               and s.clause_of(g.start) == clause and s.words_between(cue_end, g.start) <= 3
               and s.words[cue_end] in OF_WORDS]
    if between:
        return between[0], set()
    if clause_subject:
        return (min(before, key=lambda g: g.start), set()) if before else (None, set())
    if before and not after_only:
        return _causer(s, cues, before, lo), set()
    if after:
        return after[0], {"alteration_after_cue"}
    shared = None if host_blocked else _elliptic_subject(s, cues, lo, active)
    if shared is not None:
        return shared, {"elliptic_subject"}
    earlier = [g for g in active if g.end <= lo]
    carried = _carried_pronoun(s, cues, lo)
    clause_of_cue = s.clause_of(max(lo, hi - 1))
    if earlier and (carried or _inner_anaphor(s, cues, hi, clause_of_cue) or any(
            s.clause_of(b) == clause_of_cue and s.words[e - 1] in cues.host_words
            for b, e in s.has("anaphors", hi, min(s.end, hi + 3)))):
        # 'X confers resistance to A, but B retained potency against this mutant', '... whereas cells expressing
        # it remain sensitive to B', '..., and D induced responses in such patients'
        return earlier[-1], {"coreference"}
    before_cue = [b for b, _ in s.has("anaphors", s.clause_start(lo), lo)]
    named = [g for g in earlier if before_cue and g.end <= before_cue[0]]
    if named:  # 'the role of mutated p53 ..., indicating that this gene might predict resistance to D'
        return named[-1], {"coreference"}
    if carried or s.has("anaphors", s.start, s.end):
        recent = [g for i, g in history if s.index - cues.coreference_sentences <= i < s.index]
        if recent:
            return recent[-1], {"coreference"}
    return None, set()


def _fronted_phrase_end(s: Sentence, cues: Cues) -> int | None:
    """The comma closing a phrase that opens the sentence with a fronted_openers word ('In patients who ..., ')."""
    if s.words[s.start] not in cues.fronted_openers:
        return None
    return next((i for i in range(s.start + 1, s.end) if s.words[i] == ","), None)


def _inner_anaphor(s: Sentence, cues: Cues, hi: int, clause: int) -> bool:
    """'this (solvent-front) mutant' within a few words after `hi`, in the given clause."""
    for i in range(hi, min(s.end, hi + 4)):
        if s.words[i] in cues.inner_anaphor_determiners and s.clause_of(i) == clause:
            return any(s.words[j] in cues.inner_anaphor_heads and s.words_between(i + 1, j) <= 2
                       for j in range(i + 1, min(s.end, i + 7)))
    return False


def _carried_pronoun(s: Sentence, cues: Cues, lo: int) -> bool:
    """A pronoun or an anaphoric noun phrase carried by a host in the cue's clause before it ('cells expressing
    it', 'tumours harbouring them', 'cells expressing this mutant')."""
    return any(s.words[i] in cues.pronoun_carriers and (
        s.words[i + 1] in cues.carried_pronouns or _inner_anaphor(s, cues, i + 1, s.clause_of(i)))
        for i in range(s.clause_start(lo), lo - 1))


def _compared(s: Sentence, cues: Cues, lo: int, hi: int) -> bool:
    """A comparative word in [lo, hi) that makes what follows it a comparator; not one that only names the
    drug arm compared ('superior efficacy compared with crizotinib in ALK-positive NSCLC')."""
    for i in range(lo, hi):
        if cues.compares(s.words, i):
            arm_end = drug_arm_end(s, cues, i + 1) if s.words[i] in cues.drug_comparators else None
            if arm_end is None or arm_end > hi:
                return True
    return False


def verb_agent(s: Sentence, cues: Cues, cue_start: int, lo: int, groups: list[Group]) -> Group | None:
    """The subject of a causing verb whose object is the cue ('AXL mediates resistance to D', 'X induces
    D resistance'), also as a later coordinated object ('Gankyrin induces STAT3 activation in the tumour
    microenvironment and sorafenib resistance': not STAT3). A bare gene there is a gene-level subject
    (its expression, as 'X expression'); an alteration group ending there is itself ('loss of PTEN induces
    AKT activation and resistance to D')."""
    start = s.clause_start(lo)
    verbs = [(b, e) for b, e in s.has("agent_verbs", start, lo + 3) if e <= lo or b == cue_start]
    if not verbs:
        return None
    b, e = max(verbs)
    if not _verb_object(s, cues, e, lo):
        return None
    j = _bracketed_gene_end(s, _before_verbs(s, cues, b, start, verbs))
    ending = [g for g in groups if g.active and g.end == j + 1 and g.start >= start]
    if ending:
        return ending[-1]
    gene = s.mention_at(j, ("GENE",))
    if gene is not None:  # 'loss of PTEN induces ...': the variant before names the gene
        ending = [g for g in groups if g.active and g.start >= start and 0 <= gene.token_start - g.end <= 2
                  and any(a.mention.attrs.get("gene") == gene.canonical for a in g.members)]
        if ending:
            return ending[-1]
    if gene is None or gene.token_end != j + 1 or \
            (gene.token_start - 1 >= s.start and s.words[gene.token_start - 1] in cues.agent_blockers):
        return None
    if any(a.mention is gene for g in groups for a in g.members):
        return None  # already a subject candidate of its own ('AXL inhibition'), or a wild type
    # a gene family or a gene without an HGNC id is still the agent: it blocks the search, giving no relation
    return Group([Alteration(m, m.token_start, m.token_end, "expression", gene_only=True, recordable=is_hgnc_gene(m))
                  for m in _listed_bare_genes(s, gene, start, groups)])


def _listed_bare_genes(s: Sentence, gene: Mention, start: int, groups: list[Group]) -> list[Mention]:
    """The bare genes coordinated before `gene`, and it: 'ABCB1, ABCG2 and ABCC1 mediate resistance to D' (not
    'In contrast to EGFR, AXL mediates ...': a list closes with a conjunction)."""
    taken = {id(a.mention) for g in groups for a in g.members}
    listed, k = [gene], gene.token_start - 1
    if not (k > start and s.words[k] in LIST_JOINERS and s.words[k] != ","):
        return listed
    while k > start and s.words[k] in LIST_JOINERS:
        while k > start and s.words[k] in LIST_JOINERS:
            k -= 1
        before = s.mention_at(k, ("GENE",))
        if before is None or before.token_end != k + 1 or id(before) in taken:
            break
        listed.insert(0, before)
        k = before.token_start - 1
    return listed


def _bracketed_gene_end(s: Sentence, j: int) -> int:
    """'P-glycoprotein (ABCB1) confers ...', 'excision repair cross-complementing group 1 (ERCC1) is associated
    with ...': a gene named with its symbol in brackets ends at the long form when that is the same gene's
    mention, else at the symbol; any other token `j` stays."""
    inner = s.mention_at(j - 1, ("GENE",)) if s.words[j] == ")" else None
    if inner is None or inner.token_end != j or s.words[inner.token_start - 1] != "(":
        return j
    outer = s.mention_at(inner.token_start - 2, ("GENE",))
    return outer.token_end - 1 if outer is not None and outer.canonical == inner.canonical else j - 1


def passive_agent(s: Sentence, cues: Cues, hi: int) -> Group | None:
    """A bare gene named as what the cue (with its drug) is due to: 'resistance to D was mediated by ABCC1',
    'response to D was also driven by SLFN11', 'sensitivity to D depends on SLFN11': its expression."""
    clause = s.clause_of(hi - 1)
    for b, e in s.has("passive_agents", hi, min(s.end, hi + cues.passive_agent_window)):
        while e < s.end and s.words[e] in ("the", "a", "an"):
            e += 1
        gene = s.mention_at(e, ("GENE",))
        if s.clause_of(b) == clause and s.words_between(hi, b) <= 3 and gene is not None \
                and gene.token_start == e and is_hgnc_gene(gene) and _ends_phrase(s, s.past_bracket(gene.token_end, 5)):
            return Group([Alteration(gene, gene.token_start, gene.token_end, "expression", gene_only=True)])
    return None


def _before_verbs(s: Sentence, cues: Cues, b: int, start: int, verbs: list[tuple[int, int]]) -> int:
    """The token before the verb starting at `b`, past skipped words, raising phrases ('is known to') and verbs
    chained before it ('has been implicated in mediating', 'may cause, or contribute to,')."""
    ends = {e: verb_start for verb_start, e in verbs}
    j = b - 1
    while j > start:
        if s.words[j] in cues.agent_skips:
            j -= 1
        elif s.words[j] == "to" and j - 1 > start and s.words[j - 1] in cues.raising_words:
            j -= 2  # 'X is known to cause', 'X was shown to confer'
        elif j + 1 in ends and ends[j + 1] < b:
            j = ends[j + 1] - 1
        elif s.words[j] in (",", "or", "and") and j - 1 > start and (j in ends or s.words[j - 1] in (",", "or")):
            j -= 1
        elif s.words[j] in RELATIVE_PRONOUNS:
            return _appositive_head(s, j, start)
        elif s.words[j] == "and" and s.words[j + 1] in COPULAS:
            return _first_predicate_subject(s, j, start)
        else:
            return j
    return j


def _first_predicate_subject(s: Sentence, j: int, start: int) -> int:
    """'X, a kinase, is upregulated in AML cells and is a mode of resistance to D': a second predicate after 'and'
    is said of the subject of the first: the words before the clause's first copula (past an appositive), else the
    clause's first gene when it opens the clause."""
    copula = next((k for k in range(start, j) if s.words[k] in COPULAS), None)
    if copula is None:  # 'ERCC1 plays a role in DNA repair and is associated with ...': the clause's first gene
        first = next((m for m in s.mentions if m.label == "GENE" and start <= m.token_start < j), None)
        return first.token_end - 1 if first is not None and first.token_start - start <= 12 else j
    if copula - 1 < start:
        return j
    return _appositive_head(s, copula - 1, start) if s.words[copula - 1] == "," else copula - 1


def _appositive_head(s: Sentence, j: int, start: int) -> int:
    """The last token of the noun an appositive relative clause is said of ('SLFN11, a helicase that sensitises
    ...': SLFN11; 'Schlafen 11 (SLFN11), a helicase that ...': the long form, or the abbreviation when the long form
    is no gene mention), else `j`."""
    comma = next((k for k in range(j - 1, max(start, j - 8), -1) if s.words[k] == ","), None)
    if comma is None or comma - 1 < start:
        return j
    i = comma - 1
    if s.words[i] == ")":  # the long form before the bracket, else the abbreviation in it
        opening = s.nearest_opening(i, max(start + 1, i - 4))
        if opening is not None:
            i = opening - 1 if s.mention_at(opening - 1, ("GENE",)) is not None else i - 1
    return i


def _ends_phrase(s: Sentence, i: int) -> bool:
    """Nothing more of the noun phrase follows at `i` ('by ABCC1.', 'by ABCC1 and ...'; not 'mTOR signalling')."""
    return i >= s.end or not s.is_word(i) or s.words[i] in PHRASE_ENDS


def _verb_object(s: Sentence, cues: Cues, verb_end: int, lo: int) -> bool:
    """The cue (or its drug) at `lo` is the verb's object: right after it, or after an 'and' that closes the
    verb's first object ('induces X activation in Y and D resistance'), also behind an onset noun ('is associated
    with the acquisition of D resistance')."""
    onset = verb_end + (verb_end < lo and s.words[verb_end] == "the")
    if onset + 1 < lo and s.words[onset] in cues.onset_nouns and s.words[onset + 1] == "of":
        verb_end = onset + 2
    if verb_end >= lo or s.words_between(verb_end, lo) <= 2:
        return not any(s.mention_at(i, ("GENE", "VARIANT")) for i in range(verb_end, lo))
    if s.words_between(verb_end, lo) > cues.agent_object_words:
        return False
    ands = [i for i in range(verb_end, lo) if s.words[i] == "and"]
    return bool(ands) and s.words_between(ands[-1] + 1, lo) <= 2 and not any(
        s.words[i] in cues.relative_stops for i in range(verb_end, lo)) and not s.has("agent_verbs", verb_end, lo)


def fronted_subject(s: Sentence, cues: Cues, groups: list[Group], agent: int) -> Group | None:
    """'In EGFR L858R cells, gefitinib induced apoptosis': the last group of an opening phrase that ends at a
    comma shortly before the agent."""
    if s.words[s.start] not in cues.fronted_openers:
        return None
    comma = next((i for i in range(s.start, agent) if s.words[i] == ","), None)
    if comma is None or s.words_between(comma, agent) > 4:
        return None
    inside = [g for g in groups if g.active and s.start < g.start and g.end <= comma]
    return inside[-1] if inside else None


def _causer(s: Sentence, cues: Cues, before: list[Group], lo: int) -> Group:
    """The nearest group before the cue at `lo`, unless it is the object of a causative verb ('T315I renders
    BCR-ABL1 insensitive to D'): then the group before that verb; or a host's attribute before a second
    predicate of the clause's subject ('X was found in patients with Y and was associated with ...'): then X; or
    a wild type that qualifies the group before it ('X with wild-type Y'): then X."""
    nearest = max(before, key=lambda g: g.end)
    first = min(before, key=lambda g: g.start)
    if first is not nearest and s.words[nearest.start - 1] in ("with", "without") and any(
            s.words[i] == "and" and (s.words[i + 1] in cues.trailing_verbs or all(
                s.words[k] in cues.coordinated_predicate_words for k in range(i + 1, lo)))
            for i in range(nearest.end, lo)):
        # 'X was found in patients with Y and was associated with resistance to D', 'X co-occurs with Y and
        # (has been shown to) confer resistance to D': X
        return first
    if first is not nearest and all(m.kind == "wild type" for m in nearest.members):
        for k in range(max(s.start, nearest.start - 4), nearest.start):  # "with wild - type Y"
            earlier = [g for g in before if g.end == k] if s.words[k] == "with" else []
            if earlier:
                return earlier[0]  # 'EGFR alterations with wild-type PTEN are associated with ...': EGFR
    for verb in range(nearest.start - 1, max(s.start, nearest.start - 3) - 1, -1):
        if s.words[verb] in cues.causative_verbs:
            earlier = [g for g in before if g.end <= verb]
            return max(earlier, key=lambda g: g.end) if earlier else nearest
    return nearest


def _elliptic_subject(s: Sentence, cues: Cues, lo: int, active: list[Group]) -> Group | None:
    """'X confers resistance to A but remains sensitive to B': a clause without a subject of its own shares
    the nearest subject of the clause before."""
    start = s.clause_start(lo)
    if start == s.start or not all(s.words[i] in cues.elliptic_words for i in range(start + 1, lo)):
        return None
    before = [g for g in active if g.end <= start]
    return max(before, key=lambda g: g.end) if before else None


def with_examples(s: Sentence, drugs: Drugs, group: Group, groups: list[Group]) -> Group:
    """'sensitivity to TKI (point mutations G719A/C in exon 18, L858R and L861Q)': examples of the subject."""
    if not drugs:
        return group
    last = max(d.token_end for d, _ in drugs)
    if last >= s.end or s.words[last] != "(":
        return group
    genes = {m.mention.attrs.get("gene") or m.mention.canonical for m in group.members}
    close = s.nearest_closing(last, s.end)
    close = s.end if close is None else close
    extra = [m for g in groups if last < g.start < close for m in g.active
             if (m.mention.attrs.get("gene") or m.mention.canonical) in genes]
    if not extra:
        return group
    return Group(group.members + [m for m in extra if m not in group.members], group.start, group.end)


def _host_coordinated(s: Sentence, cues: Cues, start: int, end: int) -> bool:
    """'D inhibited the proliferation of HCT116 cells and a higher level of FASN ...': the agent's
    object phrase ends at a host noun followed by a coordination (also the cue's own: 'D prolonged the survival
    of patients, and X ...')."""
    return any(s.words[i] in HOST_COORDINATION and s.words[i - 1] in cues.host_words
               and not _with_attributes(s, start, i) and not _listed_hosts(s, cues, i, end) for i in range(start, end))


def _listed_hosts(s: Sentence, cues: Cues, i: int, end: int) -> bool:
    """'activity in NSCLC, colorectal cancer and other solid tumors harboring X': the coordination at i lists
    another host before the alteration at `end`, so the phrase goes on."""
    return any(s.words[k] in cues.host_words for k in range(i + 1, end))


def _with_attributes(s: Sentence, start: int, i: int) -> bool:
    """'patients with melanoma and KIT mutations': a bare 'and' inside a 'with' phrase adds another attribute of
    the host."""
    # three words back, a hyphenated compound counting once: 'with imatinib-resistant GIST and'
    return s.words[i] == "and" and "with" in s.words[max(start, s.words_back(i - 1, 3)):i - 1]


def _cue_between(s: Sentence, cues: Cues, lo: int, hi: int, passes=frozenset()) -> bool:
    """Another relation cue between a cue and a later alteration, unless it only qualifies that
    alteration ('neratinib-resistant HER2 L755S', 'sensitive and resistant EGFR mutations'), its
    type passes ('overcomes resistance to D, including resistance caused by X'), or it stands in a relative clause
    on the host ('patients who were resistant to E and had acquired X')."""
    for cue in s.cues:
        if lo <= cue.start and cue.end <= hi and cues.family(cue)["type"] not in passes:
            if any(s.words[i] in cues.host_relatives for i in range(lo, cue.start)):
                continue  # 'benefit in patients who were resistant to E and had acquired X': the host's history
            between = range(cue.end, hi)
            qualifier = len(between) <= 4 and all(
                s.words[i] in cues.glue or i in s.cue_tokens or s.words[i] == "-" or
                s.mention_at(i, DRUG_LABELS | {"GENE"}) is not None for i in between)
            if not qualifier:
                return True
    return False


def _linked_after(s: Sentence, cues: Cues, hi: int, group: Group) -> bool:
    """An alteration after an acquired-resistance cue counts only when linked to it ('due to T790M') or reported
    as found ('samples from patients who relapsed on D identified a C481S mutation')."""
    return group.has_label("resistance") or any(
        group.start - e <= 4 and e <= group.start for _, e in s.has("causal_links", hi, group.start + 1)) or any(
        s.words[i] in cues.finding_words for i in range(max(hi, group.start - 4), group.start))
