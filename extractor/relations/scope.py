"""What scopes over a cue: study aims, undirected statements, acquired resistance, negation, hedging."""
from __future__ import annotations

from spacy.tokens import Span

from ..mentions import Mention
from .cues import Cues
from .drugs import Drugs, statistic_end
from .sentence import DRUG_LABELS, OPPOSITE, Alteration, Group, Sentence, is_number

COORDINATION = {"and", "or", "and/or", "/"}
ARTICLES = {"the", "a", "an", "this", "such"}
HOST_PREPOSITIONS = {"with", "harboring", "harbouring", "carrying", "bearing", "having"}  # 'patients with X'


def is_aim(s: Sentence, cues: Cues, cue: Span) -> bool:
    """'To investigate ...', 'we assessed whether ...', '... is under investigation': a study aim, not a finding."""
    end = s.clause_end(cue.start)
    relative = next((i for i in range(cue.end, end) if s.words[i] in cues.relative_stops), end)
    if s.has("aims_after", cue.end, relative):  # not in a relative clause: '..., for which new drugs are needed'
        return True
    start = _reset(s, s.clause_start(cue.start), cue.start)
    # 'X failed to predict resistance to D', 'X seems to predict resistance to D' are findings, not aims
    # a heading ('Purpose: Patients with X respond to D') is no aim of its own: what follows it says
    aims = [(b, e) for b, e in s.has("aims", start, cue.start) if s.words[e] != ":" and (
            b == s.start or (s.words[b - 1] not in cues.failed_words and s.words[b - 1] not in cues.raising_words))]
    if not aims:
        return False
    last = max(e for _, e in aims)
    claims = s.has("claims", last, cue.start)
    # 'to investigate whether X is associated with resistance to D': the claim is the aim's question
    asked = any(s.words[i] in cues.aim_questions for i in range(min(b for b, _ in aims), cue.start))
    return not claims or asked and all(" ".join(s.words[b:e]) in cues.question_claims for b, e in claims)


def fronted_clause_end(s: Sentence, cues: Cues) -> int | None:
    """The comma that ends a subordinate clause opening the sentence ('Although D is active in AML, X ...'):
    the first outside brackets that is no list comma ('Although EGFR, KRAS and BRAF mutations were found, ...')."""
    if s.words[s.start] not in cues.fronted_subordinators:
        return None
    depth = 0
    for i in range(s.start, s.end):
        depth += (s.words[i] == "(") - (s.words[i] == ")")
        if s.words[i] == "," and depth <= 0 and not {",", "and", "or"} & set(s.words[i + 1:min(s.end, i + 4)]):
            return i
    return None


def in_statistics(s: Sentence, cue: Span) -> bool:
    """A cue in brackets with figures that back up the claim before them ('not associated with response to D
    (objective response 44% vs 47%, P = 0.79)'): a statistic, no claim of its own."""
    opening = s.opening_bracket(cue.start)
    if opening is None or opening == s.start or not s.cues or s.cues[0].start >= opening:
        return False
    return statistic_end(s, opening) is not None


def is_undirected(s: Sentence, cues: Cues, cue: Span) -> bool:
    """No direction: 'a range of sensitivities', 'differential response', 'X regulates resistance to D' (not 'X
    negatively affects the efficacy of D'), a possible marker of a neutral outcome ('a potential predictor of the
    response to D', 'may act as a marker of response'), or a cue coordinated with its opposite ('D-sensitive and
    -resistant X cell lines')."""
    if any(b == s.start or s.words[b - 1] not in cues.directed_adverbs  # 'negatively affected the efficacy of D'
           for b, _ in s.has("mod_undirected", max(s.start, cue.start - cues.modifier_window), cue.start)):
        return not negated(s, cues, cue)  # 'did not affect sensitivity to D': a negated claim
    if cues.family(cue).get("neutral") and any(
            s.words[b - 1] not in cues.directed_qualifiers and any(w in cues.hedges for w in s.words[b - 4:b])
            for b, _ in s.has("role_nouns", max(s.start + 1, cue.start - 3), cue.start)):
        return True
    infinitive = cue.start - 1 > s.start and s.words[cue.start - 1] == "to"
    reach = 6 if infinitive else 3  # 'X might be a useful marker to predict response'
    if cues.family(cue).get("hedge_undirected") and (
            any(w in cues.hedges for w in s.words[max(s.clause_start(cue.start), cue.start - reach):cue.start])
            or infinitive and s.words[cue.start - 2] in cues.instrument_nouns):  # 'a biomarker to predict response'
        return True  # 'X may predict response to D'
    opposite = OPPOSITE[_stated_type(s, cues, cue)]
    return any(_stated_type(s, cues, other) == opposite and _coordinated(s, cues, cue, other) for other in s.cues)


def _stated_type(s: Sentence, cues: Cues, cue: Span) -> str:
    """The cue's type, flipped by a reversing word right before it ('a lower response rate and shorter PFS':
    both resistance)."""
    kind = cues.family(cue)["type"]
    return OPPOSITE[kind] if s.has("mod_reverse", max(s.start, cue.start - cues.modifier_window), cue.start) else kind


def _coordinated(s: Sentence, cues: Cues, a: Span, b: Span) -> bool:
    """Two cues joined by 'and' / 'or' with at most hyphens, commas and drug names between them; not when
    the first ends in a linker, whose drug is its object ('confers resistance to A, and B induced responses')."""
    first, second = sorted((a, b), key=lambda c: c.start)
    if s.words[first.end - 1] in cues.linkers:
        return False
    gap = range(first.end, second.start)
    drugs = (_own_drug(s, first, before=True), _own_drug(s, second, before=True) or _own_drug(s, second, before=False))
    if None not in drugs and drugs[0].canonical != drugs[1].canonical:
        return False  # 'neratinib-resistant and sensitive to poziotinib': two claims, each with its own drug
    return 0 < len(gap) <= 4 and any(s.words[i] in COORDINATION for i in gap) and all(
        s.words[i] in COORDINATION or s.words[i] in ("-", ",") or s.mention_at(i, DRUG_LABELS) is not None
        for i in gap)


def _own_drug(s: Sentence, cue: Span, before: bool) -> Mention | None:
    """The drug joined to the cue by a hyphen before it ('neratinib-resistant'), or right after it behind 'to'
    ('sensitive to poziotinib')."""
    if before:
        joined = cue.start - 2 >= s.start and s.words[cue.start - 1] == "-"
        return s.mention_at(cue.start - 2, DRUG_LABELS) if joined else None
    return s.mention_at(cue.end + 1, DRUG_LABELS) if cue.end + 1 < s.end and s.words[cue.end] == "to" else None


def acquired(s: Sentence, cues: Cues, cue: Span) -> tuple[bool, bool]:
    """(an 'acquired' phrase ends right before the cue, whether a host acquired it: 'patients ... who had
    developed resistance', 'tumours with acquired resistance', 'resistance eventually develops')."""
    found = host = False
    if any(s.words[i] in cues.emerges for i in range(cue.end, min(s.end, cue.end + 3))):
        return True, True  # 'D is active in X cancer, but resistance invariably develops': the patients'
    for b, e in s.has("acquired", s.start, s.end):
        if not (cue.start - 3 <= e <= cue.end and b < cue.end):
            continue
        found = True
        if s.words[b] in ("who", "whose", "that", "which"):
            return True, True
        if all(s.words[i] in ARTICLES for i in range(s.clause_start(cue.start), b)):
            return True, True  # 'Acquired resistance to D in X-mutant melanoma arises through Y': X is the host
        i = b - 1
        while i > s.start and (s.words[i] in cues.host_links or s.words[i] in cues.alt_after):
            i -= 1  # past an alteration's own head noun too ('patients with KRAS G12C mutations acquired ...')
        group = next((g for g in s.groups if g.start <= i < g.end), None)
        if group is not None:  # 'patients with EGFR mutations develop acquired resistance': the host has X
            i = group.start - 1
            while i > s.start and s.words[i] in HOST_PREPOSITIONS:
                i -= 1
        if i >= s.start and (s.words[i] in cues.host_words or s.mention_at(i, ("TUMOR_SUBTYPE",)) is not None):
            return True, True
    return found, host


def negated(s: Sentence, cues: Cues, cue: Span, group: Group | None = None) -> bool:
    """A negation word shortly before the cue in its clause ('did not confer', 'no benefit'), a negative
    quantifier opening the clause of a subject before the cue ('None of the patients with X responded', 'we found
    that no patient with X responded'), or a
    'but_not' phrase right before the subject, past host words ('A but not X was associated with resistance
    to D', 'patients responded to D, except those with X')."""
    clause = s.clause_start(cue.start)
    start = max(clause, s.words_back(cue.start, cues.negation_window))  # punctuation not counted
    # a cue that is a verb's object: the window reaches back from the verb ('X is unlikely to play an important
    # role in the mechanism of resistance to D')
    verbs = [b for b, e in s.has("agent_verbs", clause, cue.start) if s.words_between(e, cue.start) <= 3]
    if verbs:  # not past a comma ('Loss of X, which is not rare, plays a role in resistance to D')
        verb = min(verbs)
        reach = max(clause, s.words_back(verb, cues.negation_window))
        start = min(start, next((i + 1 for i in range(verb - 1, reach - 1, -1) if s.words[i] == ","), reach))
    exceptions = {i for b, e in s.has("negation_exceptions", clause, cue.end + 2) for i in range(b, e)}
    for b, e in s.has("but_not", clause, cue.start):  # the next subject's ('A but not X was ...'), unless it
        # denies this cue ('associated with tamoxifen resistance, but not (with) resistance to D')
        if s.words_between(e, cue.start) > 1 or any(e <= g.start < cue.start for g in s.groups):
            exceptions.update(range(b, e))
    if group is not None:  # 'cell lines lacking RB1 were refractory': the word is the alteration's own
        exceptions.update(range(group.start, group.end))
    if any(s.words[i] in cues.negation and i not in exceptions for i in range(start, cue.start)):
        return True
    if group is not None and denying_phrase(s, cues, group) is not None and \
            not all(m.manipulated for m in group.active):  # (a manipulated arm is a comparator: denied_manipulation)
        return True  # 'AACC haplotype but not S1613G was associated with ...', '... except those with X'
    opening = clause
    while opening < cue.start and s.words[opening] in cues.sentence_connectives:  # 'However, none of ...'
        opening += 1
    openings = [opening, opening + 1] + [i + 1 for i in range(clause, group.start if group else clause)
                                         if s.words[i] in cues.quantifier_openers]  # 'found that no patient ...'
    # not past another cue: 'None of the patients with X responded to D, ... that this substitution confers
    # primary resistance' denies the response only
    return group is not None and clause <= group.start and group.end <= cue.start and \
        not any(group.end <= c.start < cue.start for c in s.cues) and any(
        s.words[i] in cues.negative_quantifiers and s.words_between(i, group.start) <= cues.negative_quantifier_words
        for i in openings if i < group.start)


def denying_phrase(s: Sentence, cues: Cues, group: Group) -> tuple[int, int] | None:
    """The 'but_not' phrase right before a subject, past host words ('KRAS mutation, but not BRAF mutation',
    'all patients except those with KRAS mutations'), if any; not a quantifier ('most, but not all, X ...')."""
    for b, e in s.has("but_not", max(s.start, group.start - 8), group.start):
        if e < s.end and s.words[e] in cues.universal_quantifiers:
            continue
        i = e
        while i < group.start and (s.words[i] in cues.denied_hosts or s.words[i] in ("a", "an", "the", ",")):
            i += 1
        if s.words_between(i, group.start) <= 1:
            return b, e
    return None


def affirmed_before(s: Sentence, cues: Cues, group: Group) -> Group | None:
    """The subject a 'but not' subject is set against: 'KRAS mutation, but not BRAF mutation, predicted ...'."""
    phrase = denying_phrase(s, cues, group)
    if phrase is None:
        return None
    return next((g for g in s.groups if g is not group and g.active and g.end <= phrase[0]
                 and all(s.words[i] == "," for i in range(g.end, phrase[0])) and phrase[0] - g.end <= 1), None)


def respective_pairs(s: Sentence, members: list[Alteration], drugs: list[Mention]) -> set[tuple[int, int]]:
    """'EGFR- and HER2-mutant cells were sensitive to erlotinib and lapatinib, respectively': as many subjects as
    drugs, with 'respectively' right after either list, pair them in order (ids of alteration and drug)."""
    if len(members) < 2 or len(members) != len(drugs):
        return set()
    ends = (max(m.end for m in members), max(d.token_end for d in drugs))
    if not any(s.words[i] == "respectively" for end in ends for i in range(end, min(s.end, end + 3))):
        return set()
    members = sorted(members, key=lambda m: m.start)
    drugs = sorted(drugs, key=lambda d: d.token_start)
    return {(id(m), id(d)) for m, d in zip(members, drugs)}


def no_difference(s: Sentence, cues: Cues, cue: Span, hi: int) -> bool:
    """The cue is one side of a comparison that found no difference: 'no significant association between X and
    response to D', 'response to D did not differ between patients with high and low X', 'response rates to D
    were comparable in patients with X and those without'."""
    clause = s.clause_of(cue.start)
    if any(s.words_between(e, cue.start) <= cues.no_difference_words
           for _, e in s.has("no_association", s.clause_start(cue.start), cue.start)):
        return True  # 'did not correlate with clinicopathological characteristics or response to D'
    for b, e in s.has("no_difference", s.clause_start(cue.start), cue.start):
        between = next((i for i in range(e, min(e + 4, cue.start)) if s.words[i] == "between"), None)
        if between is not None and s.words_between(between, cue.start) <= cues.no_difference_words:
            return True
    for b, e in s.has("no_difference", hi, min(s.end, hi + cues.negation_window + 4)):
        if s.clause_of(b) == clause and s.words_between(hi, b) <= cues.negation_window and any(
                s.words[i] in cues.no_difference_groups for i in range(e, min(s.end, e + 4))):
            return True
    return False


def negated_after(s: Sentence, cues: Cues, hi: int, group: Group) -> str | None:
    """A negation shortly before the subject that follows a cue (with its drug): 'resistance to D was not
    associated with X' -> 'negated'; with a limiting word it neither affirms nor denies ('resistance to D
    cannot be assigned solely to X', '... to X alone') -> 'partial'."""
    exceptions = {i for b, e in s.has("negation_exceptions", hi, group.start + 2) for i in range(b, e)}
    if not any(s.words[i] in cues.negation_after and i not in exceptions and
               s.words_between(i, group.start) <= cues.negation_window for i in range(hi, group.start)):
        return None
    limit = min(s.end, group.end + 2)
    return "partial" if any(s.words[i] in cues.negation_partial for i in range(hi, limit)) else "negated"


def denied_manipulation(s: Sentence, cues: Cues, hi: int, group: Group) -> bool:
    """'... the sensitivity of parental cells, but not (of) X-depleted cells, to D': a 'but_not' phrase right
    before a subject whose members are all manipulated, after another host of the cue: the manipulated arm is
    the comparator that lacks the effect."""
    members = group.active
    if not members or not all(m.manipulated for m in members):
        return False
    return any(e <= group.start and s.words_between(e, group.start) <= 3 and
               any(s.words[i] in cues.host_words for i in range(hi, b))
               for b, e in s.has("but_not", hi, group.start + 1))


def hedged(s: Sentence, cues: Cues, cue: Span, group: Group | None = None) -> bool:
    """The relation's own predicate is hedged: a hedge between its subject and the cue ('X may confer'),
    right before the subject ('a potential role of X'), or a hedging verb that governs the clause
    ('these data suggest that ... X confers'); a question title."""
    if s.words[s.end - 1] == "?" or (s.end - 2 >= s.start and s.words[s.end - 2] == "?"):
        return True
    exceptions = s.has("hedge_exceptions", s.start, cue.start)
    start = _reset(s, s.clause_start(cue.start), cue.start)
    nonhedges = {i for b, e in s.has("hedge_nonhedges", start, cue.end) for i in range(b, e)}
    local = start
    if group is not None and start <= group.start and group.end <= cue.start:
        local = max(start, group.start - 3)

    def hedge(i, words):
        return s.words[i] in words and i not in nonhedges and not any(e <= i for _, e in exceptions)

    return any(hedge(i, cues.hedges) for i in range(local, cue.start)) or \
        any(hedge(i, cues.hedge_verbs) for i in range(start, local))


def but_not_in(s: Sentence, drugs: Drugs) -> bool:
    """'predicts response to D in melanoma but not in colorectal cancer': the claim is also denied elsewhere."""
    if not drugs:
        return False
    last = max(d.token_end for d, _ in drugs)
    return any(e < s.end and s.words[e] in ("in", "among", "for") and not any(d.token_start >= e for d in s.drugs)
               for _, e in s.has("but_not", last, min(s.end, last + 10)))


def denied_alternative(s: Sentence, cues: Cues, group: Group, hi: int) -> Group | None:
    """The alteration a claim is denied of, after its subject and its drug: 'response to D in X-mutant but not in
    Y-mutant tumours', 'D improved survival in patients with wild-type X but not in those with mutant X', 'patients
    with wild-type X benefited from D, whereas those with X mutations did not'."""
    after = max(group.end, hi)
    for _, e in s.has("but_not", after, min(s.end, after + 6)):
        found = _group_at(s, cues, e, group)
        if found is not None:
            return found
    opener = next((i for i in range(after, s.end) if s.words[i] in cues.elliptic_openers), None)
    found = None if opener is None else _group_at(s, cues, opener + 1, group)
    if found is None:
        return None
    i = found.end
    while i < s.end and s.words[i] in cues.denied_hosts:
        i += 1
    ellipsis = i + 1 < s.end and s.words[i] in cues.elliptic_auxiliaries and s.words[i + 1] == "not" and (
        i + 2 >= s.end or not s.is_word(i + 2))
    return found if ellipsis else None


def figure_comparator(s: Sentence, cues: Cues, group: Group) -> tuple[Group, bool] | None:
    """'responses in 84% of patients with X versus 48% of those with Y', 'in 76% of men with X and in 5% of those
    with Y': the group compared with the subject by a percentage each, and whether its figure is the lower; None
    without two figures that differ."""
    mine = _percentage_before(s, cues, group.start)
    if mine is None:
        return None
    i = s.past_bracket(group.end, 8)
    if i >= s.end or s.words[i] not in cues.figure_comparators:
        return None
    i += 1
    while i < s.end and s.words[i] in cues.figure_hosts and i - group.end < 6:
        i += 1
    if i + 1 >= s.end or not is_number(s.words[i]) or s.words[i + 1] != "%":
        return None
    theirs, i = float(s.words[i]), s.past_bracket(i + 2, 8)
    start = i
    while i < s.end and s.words[i] in cues.figure_hosts and i - start < 5:
        i += 1
    other = next((g for g in s.groups if g.start == i and g is not group and g.active), None)
    return None if other is None or theirs == mine else (other, theirs < mine)


def _percentage_before(s: Sentence, cues: Cues, start: int) -> float | None:
    """The percentage right before a group, past host words and a bracket of counts ('76% (13/17) of men with')."""
    i = start - 1
    while i > s.start and start - i < 8:
        if s.words[i] == ")":
            opening = s.nearest_opening(i, max(s.start, i - 6))
            if opening is None:
                return None
            i = opening - 1
        elif s.words[i] in cues.figure_hosts:
            i -= 1
        else:
            break
    return float(s.words[i - 1]) if s.words[i] == "%" and i - 1 >= s.start and is_number(s.words[i - 1]) else None


def _group_at(s: Sentence, cues: Cues, i: int, subject: Group) -> Group | None:
    """The active alteration group starting at token i, past host words ('in those with', 'among patients with')."""
    start = i
    while i < s.end and s.words[i] in cues.denied_hosts and i - start < 5:
        i += 1
    return next((g for g in s.groups if g.start == i and g is not subject and g.active), None)


def trailing_direction(s: Sentence, cues: Cues, hi: int) -> str | None:
    """'response to D was significantly lower in X', 'the IC50 of D in X cells was 10-fold higher': a be-verb
    after the cue and its drug, then a comparative -> 'reverse' or 'same', or two figures compared, the larger
    first -> 'same'; an undirected word ('sensitivity to D was variable') -> 'undirected'; a small figure right
    after ('a response rate of only 8%') -> 'reverse'; None without one."""
    for phrase in cues.trailing_low_figures:
        words = phrase.split()
        figure = hi + len(words)
        if figure < s.end and s.words[hi:figure] == words and s.words[figure][:1].isdigit():
            return "reverse"
    clause = s.clause_of(hi - 1)
    for i in range(hi, min(s.end, hi + cues.drug_window)):
        if s.clause_of(i) != clause or i in s.cue_tokens or s.mention_at(i, DRUG_LABELS) is not None:
            return None
        if s.words[i] not in cues.trailing_verbs:
            continue
        if _larger_figure_first(s, cues, i + 1, clause):
            return "same"
        words, k = 0, i + 1
        while k < s.end and words < 3:
            if _fold(s.words[k]):  # 'was 100-fold higher': a figure is no word between
                k += 1
                continue
            words += 1
            if k + 1 < s.end and s.words[k + 1] == "by":  # 'resistance to D was reduced by E': an agent acts
                return None
            if s.words[k] in cues.trailing_reverse:
                return "reverse"
            if s.words[k] in cues.trailing_same:
                return "same"
            if s.words[k] in cues.trailing_undirected:
                return "undirected"
            k += 1
        return None
    return None


def _larger_figure_first(s: Sentence, cues: Cues, i: int, clause: int) -> bool:
    """'median PFS was 8.6 months with D versus 1.9 months with E', 'the PFS for D versus E was 8.6 versus 1.9
    months': a figure right after the be-verb, larger than the one after the comparator that follows it. The
    other order gives no direction: the first figure may be the comparator arm's."""
    if i >= s.end or not is_number(s.words[i]):
        return False
    first = float(s.words[i])
    for k in range(i + 1, min(s.end - 1, i + 2 * cues.drug_window)):
        if s.clause_of(k) != clause or is_number(s.words[k]):
            return False
        if s.words[k] in cues.arm_comparators:
            return is_number(s.words[k + 1]) and first > float(s.words[k + 1])
    return False


def _fold(word: str) -> bool:
    """A token of a fold figure: '100', '-', 'fold', '2.5', 'threefold'."""
    return word in ("-", "fold") or word.endswith("fold") or is_number(word)


def _reset(s: Sentence, start: int, position: int) -> int:
    """A 'hedge_resets' phrase ('for example', 'moreover') starts the cue's scope afresh."""
    return max([start] + [e for _, e in s.has("hedge_resets", start, position)])
