"""What scopes over a cue: study aims, undirected statements, acquired resistance, negation, hedging."""
from __future__ import annotations

from spacy.tokens import Span

from .cues import Cues
from .drugs import Drugs
from .sentence import Group, Sentence


def is_aim(s: Sentence, cue: Span) -> bool:
    """'To investigate ...', 'we assessed whether ...', '... is under investigation': a study aim, not a finding."""
    if s.has("aims_after", cue.end, s.clause_end(cue.start)):
        return True
    start = _reset(s, s.clause_start(cue.start), cue.start)
    aims = s.has("aims", start, cue.start)
    if not aims:
        return False
    last = max(e for _, e in aims)
    return not s.has("claims", last, cue.start)


def is_undirected(s: Sentence, cues: Cues, cue: Span) -> bool:
    """'a range of sensitivities', 'differential response': no direction."""
    return bool(s.has("mod_undirected", max(s.start, cue.start - cues.modifier_window), cue.start))


def acquired(s: Sentence, cues: Cues, cue: Span) -> tuple[bool, bool]:
    """(an 'acquired' phrase ends right before the cue, whether a host acquired it: 'patients ... who had
    developed resistance', 'tumours with acquired resistance')."""
    found = host = False
    for b, e in s.has("acquired", s.start, s.end):
        if not (cue.start - 3 <= e <= cue.end and b < cue.end):
            continue
        found = True
        if s.words[b] in ("who", "that", "which"):
            return True, True
        i = b - 1
        while i > s.start and s.words[i] in cues.host_links:
            i -= 1
        if i >= s.start and (s.words[i] in cues.host_words or s.mention_at(i, ("TUMOR_SUBTYPE",)) is not None):
            return True, True
    return found, host


def negated(s: Sentence, cues: Cues, cue: Span) -> bool:
    """A negation word shortly before the cue in its clause ('did not confer', 'no benefit')."""
    start = max(s.clause_start(cue.start), cue.start - cues.negation_window)
    exceptions = {i for b, e in s.has("negation_exceptions", start, cue.end + 2) for i in range(b, e)}
    return any(s.words[i] in cues.negation and i not in exceptions for i in range(start, cue.start))


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


def _reset(s: Sentence, start: int, position: int) -> int:
    """A 'hedge_resets' phrase ('for example', 'moreover') starts the cue's scope afresh."""
    return max([start] + [e for _, e in s.has("hedge_resets", start, position)])
