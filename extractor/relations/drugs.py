"""The drug arguments of a cue: where the drug of a relation stands relative to its cue."""
from __future__ import annotations

from spacy.tokens import Span

from ..mentions import Mention
from .cues import Cues
from .sentence import ARTICLES, DRUG_LABELS, Sentence, is_number

SENTENCE_END = {".", "!", "?"}
BRACKETS = {"(", ")", "[", "]"}
LIST_WORDS = (",", "and", "or", "and/or", "/")
TRADEMARKS = ("\u00ae", "\u2122")  # 'Erbitux® (cetuximab) and chemotherapy': a brand's sign does not end a list
COMBINING_WORDS = ("plus", "+", "±", "with", "combined", "combination")
# 'TKI therapy with vemurafenib', 'the antifolate drug D'
APPOSITION_WORDS = ("therapy", "treatment", "drug", "antibody", "with", "as")
NAMED_TREATMENT = ("treatment", "therapy", "monotherapy")
PLACEBO_JOINERS = ("plus", "+", "and", "with")
SPACED_DASHES = ("-", "\u2013", "\u2014")  # hyphen, en dash, em dash
ARM_JOINERS = ("and", "or", "and/or", "plus", "+", "±", "-", "/")  # drugs of one arm ('Compared with A, B ...': not B)
ARM_HOSTS = ("those", "patients", "who")  # 'compared with those who received D alone'

Drugs = list[tuple[Mention, bool]]  # (drug, negated by 'but not')


def drugs_before(s: Sentence, cues: Cues, position: int) -> Drugs:
    """Drugs written right before a cue: 'cisplatin resistance', 'neratinib-resistant', 'TKI treatment response',
    'Vemurafenib, as compared with dacarbazine, improved survival'."""
    position = _before_apposition(s, cues, position)
    words, i, skipped = s.words, position - 1, 0
    drug = None
    while i >= s.start and skipped <= 3:
        mention = s.at.get(i)
        if mention is not None and mention.label in DRUG_LABELS:
            drug = mention
            break
        if words[i] == ")":
            opening = _short_bracket_opening(s, i)
            if opening is None:
                return []
            i, skipped = opening - 1, skipped + 1
            continue
        if words[i] not in cues.drug_fillers or mention is not None:
            return []
        i, skipped = i - 1, skipped + 1
    if drug is None:
        return []
    found = [drug]
    i = drug.token_start - 1
    while i >= s.start:
        mention = s.mention_at(i, DRUG_LABELS)
        if mention is not None:
            found.insert(0, mention)
            i = mention.token_start - 1
        elif (words[i] in LIST_WORDS + ("plus", "+") or words[i] in cues.qualifier_joiners) \
                and i - found[0].token_start > -4:
            i -= 1  # 'cisplatin and gemcitabine resistance', 'encorafenib plus cetuximab improved OS'
        elif words[i] == ")" and (opening := _abbreviated_drug(s, i)) is not None:
            i = opening - 1  # '5-fluorouracil (5-FU) and tomudex (TDX) resistance'
        elif (added := _added_to(s, cues, i)) is not None:
            found, i = [], added  # 'the addition of D to E ...': D, not the regimen it joins
        else:
            break
    return _named(s, cues, found)


def _short_bracket_opening(s: Sentence, close: int) -> int | None:
    """The '(' at most five tokens before the ')' at `close`, else None."""
    return s.nearest_opening(close, max(s.start, close - 6))


def _abbreviated_drug(s: Sentence, close: int) -> int | None:
    """The '(' of a short bracket closing at `close` that follows a drug ('cisplatin (CDDP)'), else None."""
    opening = _short_bracket_opening(s, close)
    return opening if opening is not None and s.mention_at(opening - 1, DRUG_LABELS) is not None else None


def _other_name(s: Sentence, drug: Mention, opening: int, close: int) -> bool:
    """The bracket from `opening` to `close` after a drug names no other drug: 'adagrasib (Krazati)',
    'mogamulizumab (KW-0761)', not 'cetuximab (with irinotecan)'."""
    return all(m is None or m.canonical == drug.canonical
               for m in (s.mention_at(k, DRUG_LABELS) for k in range(opening + 1, close)))


def drug_arm_end(s: Sentence, cues: Cues, start: int) -> int | None:
    """The end of the drugs a comparison names from `start` on ('with standard EGFR-TKIs', 'carboplatin
    and paclitaxel'), or None when no drug comes first or the drug only qualifies a host ('D-sensitive cells')."""
    j = start
    while j < s.end and (s.words[j] in ("with", "to") or s.words[j] in cues.drug_prefix or s.words[j] in ARM_HOSTS
                         or s.words[j] in cues.arm_openers or s.words[j] in cues.treatment_verbs
                         or j - start < 3 and _arm_figure(s.words[j])) and s.mention_at(j, DRUG_LABELS) is None:
        j += 1  # 'versus the investigator's choice of D', 'compared with those who received D alone', 'vs 29% with D'
    end = None
    while j < s.end:
        drug = s.mention_at(j, DRUG_LABELS)
        if drug is not None:
            end = j = drug.token_end
        elif end is not None and s.words[j] in ARM_JOINERS:  # 'carboplatin and paclitaxel'
            j += 1
        else:
            break
    if end is not None and end + 1 < s.end and s.words[end] == "-" and s.words[end + 1] in cues.compound_adjectives:
        return None  # 'compared with cytarabine-sensitive parental cells': a host, not a drug arm
    return end


def _arm_figure(word: str) -> bool:
    """The arm's figure before its drugs: '29.0', '%', 'months'."""
    return is_number(word) or word in ("%", "months", "mo")


def comparator_drugs(s: Sentence, cues: Cues) -> list[Mention]:
    """The sentence's drugs that are the arm a result is compared with ('Compared with crizotinib, alectinib
    prolonged PFS', 'improved PFS versus carboplatin and paclitaxel'); found once a sentence."""
    if s.comparators is None:
        starts = [end for _, end in s.has("contrast", s.start, s.end)]
        starts += [end for _, end in s.has("drug_comparators", s.start, s.end)]
        ends = [(start, drug_arm_end(s, cues, start) or 0) for start in starts]
        s.comparators = [d for d in s.drugs if any(start <= d.token_start and end >= d.token_end
                                                   for start, end in ends)]
    return s.comparators


def placebo_partners(words: list[str], at: dict[int, Mention]) -> set[str]:
    """Drugs a document gives together with placebo ('randomised to D plus fulvestrant or placebo plus
    fulvestrant'): the backbone of both arms, no agent of a claim that names another drug with it."""
    found = set()
    for i, word in enumerate(words):
        if word != "placebo":
            continue
        for joiner, drug_at in ((i + 1, i + 2), (i - 1, i - 2)):
            mention = at.get(drug_at) if 0 <= joiner < len(words) and words[joiner] in PLACEBO_JOINERS else None
            if mention is not None and mention.label in DRUG_LABELS:
                found.add(mention.canonical)
    return found


def comparator_arm(s: Sentence, cues: Cues, drug: Mention) -> bool:
    """The drug is a comparator arm, so it gets no relation of its own."""
    return any(d is drug for d in comparator_drugs(s, cues))


def drugs_after(s: Sentence, cues: Cues, start: int, window: int, cue: Span, combination: bool = False,
                need_linker: bool = True, of_governs: bool = True) -> Drugs:
    """Coordinated drugs after a cue: 'to tamoxifen, fulvestrant and palbociclib', 'but not to B' negated;
    with `combination`, only those after the last combining word ('combining A with B' -> B)."""
    words = s.words
    found: Drugs = []
    negated, gap, cut, i = False, 0, 0, start
    if not of_governs and start < s.end and words[start] == "of":
        # 'sensitivity of TP53 mutant and basal breast cancers to D': what is sensitive does not count
        to = next((k for k in range(start + 1, min(s.end, start + 14)) if words[k] == "to"), None)
        window += s.words_between(start, to) if to is not None else 0
    # 'responses were seen in 80% of the patients with X receiving D': a treatment verb ahead reaches further
    treated = any(s.words[k] in cues.treatment_verbs and s.clause_of(k) == s.clause_of(start - 1)
                  for k in range(start, min(s.end, start + cues.treated_drug_window)))
    linker = not need_linker or s.words[start - 1] in cues.linkers
    but_not = dict(s.has("but_not", start, s.end))
    effects = dict(s.has("effect_linkers", start, s.end))  # 'resistance to apoptosis induced by D
    while i < s.end:
        mention = s.at.get(i)
        if mention is not None and mention.label in DRUG_LABELS and _qualifies_host(s, cues, mention, cue):
            i = mention.token_end + 2  # 'in platinum-pretreated patients': the patients' history, not the cue's drug
            continue
        if mention is not None and mention.label in DRUG_LABELS and mention.token_start >= start:
            if found and mention.token_end in s.cue_tokens and not cue.start <= mention.token_end < cue.end:
                if found[-1][0].label == "DRUG_CLASS" and _appositive(s, cues, found[-1][0], mention):
                    # 'approval to the ADC D for the treatment of': the class only says what D is
                    found[-1] = (mention, found[-1][1])
                break  # 'confers resistance to A, and B induced responses': B is the next cue's agent
            if not linker or (need_linker and not found and
                              not _governed(s, cues, start, mention.token_start, of_governs)):
                break
            found.append((mention, negated))
            gap, i = 0, mention.token_end
            continue
        word = words[i]
        if word == "(" and (close := statistic_end(s, i)) is not None:
            i = close + 1  # 'resistance to D (PFS 2.1 vs 8.0 months) but not to E', 'a response rate (65% vs 10%) to D'
            continue
        if i in but_not:
            negated, i = True, but_not[i]
            continue
        if i in effects and not found:
            linker, i = True, effects[i]
            continue
        if word in SENTENCE_END or s.clause_of(i) != s.clause_of(start - 1) or cues.compares(words, i):
            break
        if found and word in ("to", "after", "following") and _addition_before(s, cues, i):
            break  # 'the benefit of adding D to E' (or 'after E'): D, not the regimen it joins
        if word == "to" and i - 1 >= s.start and s.words[i - 1] == "added":
            break  # 'D did not improve EFS when added to chemotherapy': the regimen, not the agent
        if word in cues.treatment_verbs and i - 1 >= s.start and s.words[i - 1] in cues.history_words:
            break  # 'responses in patients previously treated with D': the patients' history
        if not found and word in cues.relative_stops and not any(  # 'patients who received D' goes on
                k < s.end and s.words[k] in cues.treatment_verbs for k in (i + 1, i + 2)):
            break
        if i in s.cue_tokens and not cue.start <= i < cue.end:  # 'resistant to A and sensitive to B'
            break
        if found and (mention is not None and mention.label == "VARIANT" or mention is None and (word == "in" or not (
                word in LIST_WORDS + TRADEMARKS or word in cues.drug_prefix or word in cues.linkers
                or word in cues.combination or word in ("as", "well", "but", "not", "also") or _list_filler(s, i)))):
            break  # a list of drugs goes on only with list words ('to A, B and the CDK4/6 inhibitor C'; not 'in')
        if word in cues.linkers:
            linker = True
        if combination and found and word in cues.combination:
            cut = len(found)
        # 'to A as well as (to) B', 'to A and other next-generation B': connectives and prefix words are no gap
        listed = found and (_list_filler(s, i) or word in ("as", "well") or word in cues.drug_prefix)
        gap += s.is_word(i) and not listed and word not in cues.gap_adverbs
        if gap > (3 if found else cues.treated_drug_window if treated else window):
            break
        i = mention.token_end if mention is not None and mention.token_end > i else i + 1
    found = found[cut:]
    kept = {id(m) for m, _ in _named(s, cues, [m for m, _ in found])}
    return [(m, n) for m, n in found if id(m) in kept]


def _list_filler(s: Sentence, i: int) -> bool:
    """A fold change after a listed drug, or 'that' / 'those' standing for the cue's noun: 'the IC50 of A 30-fold
    and that of B 12-fold'."""
    word = s.words[i]
    return word[:1].isdigit() and i + 2 < s.end and s.words[i + 1] == "-" and s.words[i + 2] == "fold" or \
        word == "fold" or word == "-" and i + 1 < s.end and s.words[i + 1] == "fold" or \
        word in ("that", "those") and i + 1 < s.end and s.words[i + 1] in ("of", "to")


def statistic_end(s: Sentence, opening: int) -> int | None:
    """The ')' closing a bracket at `opening` that holds figures ('(HR 0.66, P = 0.01)'), else None."""
    close = s.closing_bracket(opening + 1, s.end)
    return close if close is not None and any(s.words[i][:1].isdigit() for i in range(opening + 1, close)) else None


def _host_history(s: Sentence, cues: Cues, drug: Mention) -> bool:
    """'platinum-pretreated', 'TKI-naive', 'doxycycline-inducible': the drug says what a host has had or what
    switches an experiment on."""
    end = drug.token_end
    return end + 1 < s.end and s.words[end] == "-" and s.words[end + 1] in cues.host_drug_qualifiers


def _qualifies_host(s: Sentence, cues: Cues, drug: Mention, cue: Span) -> bool:
    """A host's history ('platinum-pretreated'), or a compound of another cue ('sensitized venetoclax-resistant
    cells to venetoclax', 'sensitized chemoresistant cells to D')."""
    end = drug.token_end
    adjective = end + 1 if end < s.end and s.words[end] == "-" else end  # 'chemoresistant', 'cisplatin resistant'
    if adjective >= s.end:
        return False
    word = s.words[adjective]
    return _host_history(s, cues, drug) or (
        word in cues.compound_adjectives and adjective in s.cue_tokens and not cue.start <= adjective < cue.end
        and adjective + 1 < s.end and s.words[adjective + 1] not in cues.linkers)


def _generic_relative_agent(s: Sentence, cues: Cues, drug: Mention, position: int) -> bool:
    """'D ..., and there is a need for therapies that overcome ...': the relative clause's own head, a generic
    noun past a comma, is the agent; not 'D, a drug that overcomes' (apposition) nor 'D is one of the drugs that'."""
    for i in range(drug.token_end + 1, position):
        if s.words[i] in ("that", "which") and s.words[i - 1] in cues.generic_agent_nouns \
                and s.mention_at(i - 1, DRUG_LABELS) is None:
            between = s.words[drug.token_end:i - 1]
            appositive = len(between) <= 4 and between[:1] == [","] and between[1:2] in (["a"], ["an"], ["the"])
            return "," in between and not appositive
    return False


def agent_drugs(s: Sentence, cues: Cues, position: int, limit: int | None = -1, added_only: bool = False) -> Drugs:
    """The drug(s) acting as the agent of a verb or adjective at `position` ('D enhances', 'D is potent in',
    'encorafenib plus cetuximab improved survival'), only the added ones where drugs are added to a regimen
    ('adding D to E improved', 'the addition of D to E'); with `added_only`, only the drugs added in a
    combination ('the combination of vemurafenib with cetuximab overcame resistance' -> cetuximab).
    `limit`: most tokens between drug and position (-1: the lexicon's agent_window; None: the clause)."""
    limit = cues.agent_window if limit == -1 else limit
    position = _before_apposition(s, cues, position)
    added = _added_to(s, cues, position - 1)  # 'the addition of D to best supportive care was associated with'
    position = position if added is None else added + 1
    clause = s.clause_of(position)
    before = [d for d in s.drugs if d.token_end <= position and s.clause_of(d.token_start) == clause
              and (limit is None or position - d.token_end <= limit) and not comparator_arm(s, cues, d)
              and not _host_history(s, cues, d)]  # 'doxycycline-inducible overexpression of X increased
    if not before:
        return []
    nearest = max(before, key=lambda d: d.token_end)
    if _generic_relative_agent(s, cues, nearest, position):
        return []
    # 'a tyrosine kinase inhibitor (TKI) that': the bracket abbreviates the name before it
    nearest = next((d for d in before if _bracketed_after(s, d, nearest)), nearest)
    # 'Ivosidenib, an IDH1 inhibitor, is approved', 'Ivosidenib is an IDH1 inhibitor approved': the class says
    # what the drug is
    nearest = next((d for d in before if _says_what(s, cues, d, nearest)), nearest)
    found = [nearest]
    i, combined = nearest.token_start - 1, False
    while i >= s.start:
        mention = s.mention_at(i, DRUG_LABELS)
        if mention is not None:
            if added_only and combined or mention.token_start - 1 in s.cue_tokens:
                break  # '... resistance to A, and B induced responses': A is the object of another cue
            found.insert(0, mention)
            i = mention.token_start - 1
            continue
        word = s.words[i]
        # 'tucatinib added to trastuzumab and capecitabine improved ...', 'the addition of midostaurin to
        # chemotherapy prolonged ...': the drugs added act, the regimen they join is given in both arms
        added = i - 2 if word == "to" and i - 1 >= s.start and s.words[i - 1] in ("added", "adding") else \
            _added_to(s, cues, i)
        if added is not None:
            found, combined, i = [], False, added
            continue
        if word not in LIST_WORDS + COMBINING_WORDS + ("(", ")", "in", "together") and word not in cues.qualifier_joiners:
            break
        combined = combined or word in COMBINING_WORDS
        i -= 1
    return _named(s, cues, found)


def _added_to(s: Sentence, cues: Cues, i: int) -> int | None:
    """Where to go on looking for drugs when the words ending at i are 'the addition of D to [standard
    induction]' or 'adding D to' before a drug (D is added to it), also past more of the regimen ('the addition
    of D to daunorubicin and cytarabine induction and high-dose cytarabine', 'to best supportive care'): the
    token before 'to'; else None."""
    j = i
    while j >= s.start and i - j <= cues.regimen_words and s.words[j] != "to":
        drug = s.mention_at(j, DRUG_LABELS)
        if drug is None and s.words[j] not in cues.drug_prefix and s.words[j] not in cues.drug_fillers \
                and s.words[j] not in cues.arm_openers:
            return None
        j = drug.token_start - 1 if drug is not None else j - 1
    if j < s.start or s.words[j] != "to":
        return None
    j = _before_apposition(s, cues, j)  # 'adding D — a kinase inhibitor — to'
    return j - 1 if _addition_before(s, cues, j) else None


def _addition_before(s: Sentence, cues: Cues, to: int) -> bool:
    """'the addition of D to' / 'adding D to' / 'D added to' / 'D as (an) adjunct to' / 'D in addition to': the
    drug before `to` is added to the one after it."""
    if to - 2 >= s.start and s.words[to - 1] in cues.addition_words:
        k = to - 2
        while k > s.start and s.words[k] in ("as", "an", "in"):
            k -= 1
        if s.mention_at(k, DRUG_LABELS) is not None and (k == to - 2 or s.words[to - 1] != "added"):
            return True
    i = to - 1
    while i >= s.start and to - i <= 8:
        mention = s.mention_at(i, DRUG_LABELS)
        if mention is not None:
            i = mention.token_start - 1
        elif s.words[i] in cues.drug_prefix:
            i -= 1
        else:
            break
    if i == to - 1:
        return False
    return s.words[i] == "adding" or (s.words[i] == "of" and i - 1 >= s.start and s.words[i - 1] == "addition")


def _before_apposition(s: Sentence, cues: Cues, position: int) -> int:
    """'Methadone, an agonist of OPRM1, enhances', 'Neratinib, an irreversible pan-HER inhibitor, produced',
    'Alectinib, as compared with crizotinib, showed': a verb right after an apposition (between commas or
    spaced dashes: 'Midostaurin — a multi-targeted kinase inhibitor — prolongs'; no drug in it, or one class
    saying what the drug is, or a comparator arm) that follows a drug acts from before the apposition."""
    if position - 1 <= s.start or not _apposition_mark(s, position - 1):
        return position
    mark = s.words[position - 1]
    k, limit, named_class = position - 2, max(s.start, position - 20), None
    while k > limit:
        if s.words[k] == ")" and (opening := _abbreviated_drug(s, k)) is not None:
            k = opening - 1  # 'a third-generation EGFR tyrosine kinase inhibitor (EGFR-TKI)': the class's short form
            continue
        mention = s.mention_at(k, DRUG_LABELS)
        if mention is not None and comparator_arm(s, cues, mention):
            k = mention.token_start - 1
            continue
        if mention is not None:
            if mention.label != "DRUG_CLASS" or named_class is not None:
                return position
            named_class, k = mention, mention.token_start - 1
            continue
        if s.words[k] == mark and _apposition_mark(s, k):
            opening = _abbreviated_drug(s, k - 1) if s.words[k - 1] == ")" else None
            if opening is not None and not _other_name(s, s.mention_at(opening - 1, DRUG_LABELS), opening, k - 1):
                return position
            # 'Mogamulizumab (KW-0761), a ... antibody,': past the drug's other name
            drug = s.mention_at(k - 1 if opening is None else opening - 1, DRUG_LABELS)
            if drug is None or (named_class is not None and drug.label != "DRUG"):
                return position
            return k if opening is None else opening
        k -= 1
    return position


def _apposition_mark(s: Sentence, i: int) -> bool:
    """A comma, or a dash standing between spaces (not the hyphen of 'multi-targeted')."""
    return s.words[i] == "," or s.words[i] in SPACED_DASHES and i > s.start and bool(
        s.doc[i - 1].whitespace_ and s.doc[i].whitespace_)


def implicit_drugs(s: Sentence, cues: Cues, cue: Span) -> Drugs:
    """A resistance cue without its own drug: the drug named before it in the clause (else after), not
    one that overcomes the resistance."""
    clause, distance = s.clause_of(cue.start), cues.implicit_drug_distance
    near = [d for d in s.drugs if s.clause_of(d.token_start) == clause and
            (cue.start - d.token_end <= distance if d.token_end <= cue.start else d.token_start - cue.end <= distance)]
    overcome = {b for key in ("mod_overcome", "mod_act_on") for b, _ in s.has(key, s.start, s.end)}
    near = [d for d in near if not any(0 <= b - d.token_end <= 4 for b in overcome)]
    before = [d for d in near if d.token_end <= cue.start]
    if before:
        return _with_examples(s, cues, max(before, key=lambda d: d.token_end))
    after = [d for d in near if d.token_start >= cue.end]
    if after:
        return _with_examples(s, cues, after[0])
    # 'Cetuximab is used in colorectal cancer; however, KRAS mutations confer resistance': the one drug of the
    # clause before
    earlier = [d for d in s.drugs if s.clause_of(d.token_start) < clause]
    return [(earlier[-1], False)] if earlier and len({d.canonical for d in s.drugs}) == 1 else []


def _with_examples(s: Sentence, cues: Cues, drug: Mention) -> Drugs:
    """A class with the drugs named as its examples right after it ('following treatment with AR antagonists such as
    bicalutamide'): the named drugs; else the drug itself."""
    listed = [drug]
    for following in (d for d in s.drugs if d.token_start >= drug.token_end):
        between = s.words[listed[-1].token_end:following.token_start]
        if len(listed) == 1 and drug.label == "DRUG_CLASS" and _appositive(s, cues, drug, following) or \
                len(listed) > 1 and between and all(w in LIST_WORDS for w in between):
            listed.append(following)
        else:
            break
    return _named(s, cues, listed)


def anaphoric_drugs(s: Sentence, cues: Cues, cue: Span, previous_drugs: list[Mention]) -> Drugs:
    """'T315I is insensitive to both': the drugs of the sentence before (or earlier in this one)."""
    anaphors = s.has("drug_anaphors", cue.end, min(s.end, cue.end + 3))
    return _antecedents(s, cues, anaphors[0][0], previous_drugs) if anaphors else []


def anaphoric_agents(s: Sentence, cues: Cues, cue: Span, previous_drugs: list[Mention]) -> Drugs:
    """'These agents were ineffective in X cells': the agent is an anaphor of earlier drugs."""
    start = max(s.clause_start(cue.start), cue.start - cues.agent_window)
    anaphors = s.has("drug_anaphors", start, cue.start)
    return _antecedents(s, cues, anaphors[0][0], previous_drugs) if anaphors else []


def listed_agents(s: Sentence, cues: Cues, cue: Span) -> Drugs:
    """'Four drugs are active against ROS1+ NSCLC: A, B, C and D': a generic noun in the agent's place stands
    for the drugs a colon after the cue lists to the end of the sentence."""
    start = max(s.clause_start(cue.start), cue.start - cues.agent_window)
    if not any(w in cues.generic_agent_nouns for w in s.words[start:cue.start]):
        return []
    colon = next((i for i in range(cue.end, s.end) if s.words[i] == ":"), None)
    listed, i = [], s.end if colon is None else colon + 1
    while i < s.end:
        mention = s.mention_at(i, DRUG_LABELS)
        if mention is None and s.words[i] not in LIST_WORDS:
            break
        listed += [mention] if mention is not None else []
        i = mention.token_end if mention is not None else i + 1
    ended = i >= s.end or s.words[i] in SENTENCE_END
    return _named(s, cues, listed) if ended else []


def _antecedents(s: Sentence, cues: Cues, position: int, previous_drugs: list[Mention]) -> Drugs:
    """The drugs an anaphor at `position` refers to: those earlier in the sentence, else of the sentence
    before; named drugs rather than a class said of them ('A and B are EGFR inhibitors. Both ...')."""
    chosen = [d for d in s.drugs if d.token_end <= position] or previous_drugs
    named = [d for d in chosen if d.label == "DRUG"]
    return _named(s, cues, named or chosen)


def light_verb_agents(s: Sentence, cues: Cues, cue: Span) -> Drugs:
    """'Sotorasib showed durable clinical benefit in X', 'D produced responses in X': the agent of a light
    verb whose object is the cue (not 'D-induced sensitization', where D qualifies the cue)."""
    start = max(s.clause_start(cue.start), cue.start - 2 * cues.light_verb_words)
    for b, e in s.has("light_verbs", start, cue.start):
        if s.words_between(e, cue.start) <= cues.light_verb_words and s.words[b - 1] != "-" and not any(
                s.at.get(i) is not None for i in range(e, cue.start)):
            return agent_drugs(s, cues, b, limit=2)
    return []


def parallel_drugs(s: Sentence, cues: Cues, cue: Span) -> Drugs:
    """'X cells were resistant to D, whereas Y cells were sensitive': a cue opening a new clause without a drug
    takes the drug of the last cue of the clause before; not when its own clause names a drug before it
    ('..., whereas D retains activity against it, with a response rate of 70%')."""
    if _own_unknown_object(s, cues, cue):
        return []
    start = s.clause_start(cue.start)
    if start == s.start:
        return _coordinated_claim_drugs(s, cues, cue)
    if any(start <= d.token_start < cue.start for d in s.drugs):
        return []
    for other in sorted((c for c in s.cues if c.end <= start and s.clause_of(c.start) == s.clause_of(start - 1)),
                        key=lambda c: -c.start):
        drugs = drugs_before(s, cues, other.start) or drugs_after(s, cues, other.end, cues.drug_window, other)
        if not drugs and cues.family(other)["shape"] == "agent":  # 'D potently inhibited X cells, whereas ...'
            drugs = agent_drugs(s, cues, other.start)
        if drugs:
            return drugs
    return []


def _own_unknown_object(s: Sentence, cues: Cues, cue: Span) -> bool:
    """'..., but remained sensitive to inhibition of the downstream kinase ERK': the cue names an object of its own
    that is no drug we know (not a pronoun: '... whereas Y cells were sensitive to it')."""
    i = cue.end
    return i + 1 < s.end and s.words[i] in ("to", "against", "towards", "toward") and s.words[i + 1].isalpha() \
        and s.words[i + 1] not in cues.drug_prefix and s.words[i + 1] not in ("it", "them")


def _coordinated_claim_drugs(s: Sentence, cues: Cues, cue: Span) -> Drugs:
    """'X1 tumours showed higher resistance to D and also X2 tumours showed higher resistance': a cue of the same
    type earlier in the clause, with its drug, and a new alteration after 'and' between the two."""
    for other in sorted((c for c in s.cues if c.end <= cue.start), key=lambda c: -c.start):
        if cues.family(other)["type"] != cues.family(cue)["type"]:
            continue
        joined = [i for i in range(other.end, cue.start) if s.words[i] == "and"]
        if joined and any(joined[0] < g.start and g.end <= cue.start for g in s.groups) and not any(
                joined[0] < d.token_start < cue.start for d in s.drugs):
            return drugs_after(s, cues, other.end, cues.drug_window, other)
        return []
    return []


def arm_drugs(s: Sentence, cues: Cues, cue: Span) -> Drugs:
    """'In the gemcitabine/cisplatin arm, patients with low RRM1 had longer survival': the drugs of a fronted arm
    phrase, for a cue after it; also of a fronted treatment ('Among patients receiving D for RCC, those with X
    had longer PFS')."""
    if s.words[s.start] not in cues.fronted_openers:
        return []
    comma = next((i for i in range(s.start + 1, cue.start) if s.words[i] == ","), None)
    if comma is None:
        return []
    if s.words[comma - 1] not in cues.arm_nouns:
        links = s.has("treatment_links", s.start, comma)
        treated = [d for d in s.drugs if d.token_end <= comma and (
            any(_names_treatment(s, cues, e, d) for _, e in links) or _hyphen_treated(s, d))]
        return agent_drugs(s, cues, treated[0].token_end, limit=0) if treated else []
    found, i = [], comma - 2
    while i > s.start:
        mention = s.mention_at(i, DRUG_LABELS)
        if mention is not None:
            found.insert(0, mention)
            i = mention.token_start - 1
        elif s.words[i] in ARM_JOINERS or s.words[i] in cues.drug_prefix:
            i -= 1
        else:
            break
    return _named(s, cues, found) if found else []


def treated_drugs(s: Sentence, cues: Cues, cue: Span) -> Drugs:
    """'patients with X treated with D had a better response': the treatment named before the cue."""
    clause, start = s.clause_of(cue.start), s.clause_start(cue.start)
    links = s.has("treatment_links", start, cue.start)
    for drug in sorted((d for d in s.drugs if start <= d.token_start and d.token_end <= cue.start
                        and not comparator_arm(s, cues, d)), key=lambda d: -d.token_end):
        if s.clause_of(drug.token_start) != clause or s.words_between(drug.token_end, cue.start) > 8:
            continue
        # 'patients who had previously received D', 'previously treated with D': the patients' history
        treated = any((drug.token_start - e <= 2 or _dosed(s, cues, e, drug.token_start)) and e <= drug.token_start
                      and not any(w in cues.history_words for w in s.words[max(start, b - 2):b]) for b, e in links)
        named = drug.token_end < s.end and s.words[drug.token_end] in NAMED_TREATMENT
        if treated or named or _hyphen_treated(s, drug):
            return agent_drugs(s, cues, drug.token_end, limit=0)
    return []


def _dosed(s: Sentence, cues: Cues, lo: int, hi: int) -> bool:
    """Only drug qualifiers and a dose stand in [lo, hi), at most six tokens: 'treated with 400 mg/d imatinib'."""
    return hi - lo <= 6 and all(s.words[k] in cues.drug_prefix or _dose_word(s, cues, k) for k in range(lo, hi))


def _dose_word(s: Sentence, cues: Cues, i: int) -> bool:
    """A dose unit, or a number before one: '400 mg/d'."""
    word = s.words[i]
    return word in cues.dose_units or word[:1].isdigit() and i + 1 < s.end and s.words[i + 1] in cues.dose_units


def _names_treatment(s: Sentence, cues: Cues, link_end: int, drug: Mention) -> bool:
    """The drug follows a treatment link, past at most a few qualifiers ('receiving second-line sunitinib')."""
    between = range(link_end, drug.token_start)
    return 0 <= len(between) <= 4 and all(
        s.words[k] in cues.drug_prefix or s.words[k] in cues.qualifier_joiners for k in between)


def _hyphen_treated(s: Sentence, drug: Mention) -> bool:
    """'cetuximab-treated patients': the drug named as the hosts' treatment."""
    i = drug.token_end
    return i + 1 < s.end and s.words[i] == "-" and s.words[i + 1] == "treated"


def name_class(s: Sentence, cues: Cues, drug: Mention) -> None:
    """A generic class named by the action before it takes that name: 'alkylating agent chemotherapy'
    -> alkylating agent ('single agent chemotherapy' stays chemotherapy)."""
    i = drug.token_start
    if drug.label != "DRUG_CLASS" or drug.canonical not in cues.generic_classes or i - 2 < s.start:
        return
    action, agent = s.words[i - 2], s.words[i - 1]
    if agent in ("agent", "agents") and action.endswith("ing") and len(action) > 5 and s.at.get(i - 2) is None:
        drug.canonical = f"{action} agent"
        drug.normalized = f"CLASS:{action}-agent"


def _governed(s: Sentence, cues: Cues, start: int, drug_start: int, of_governs: bool = True) -> bool:
    """The first drug after a cue must be the object of a linking word: at most a few words that are
    not drug-phrase words ('the BH3 mimetics') between the last linker and the drug
    ('resistance of the latter cells to doxorubicin', but not 'sensitization to seizures induced by cocaine')."""
    unknown, course = 0, False
    effect_ends = {e for _, e in s.has("effect_linkers", start, drug_start)}
    for i in range(drug_start - 1, start - 2, -1):
        word = s.words[i]
        if i + 1 in effect_ends:
            return True  # 'resistance to apoptosis induced by D'
        if word == "of" and i - 1 >= s.start and s.words[i - 1] in cues.course_nouns:
            course = True  # 'a complete response after eight cycles of D': a course of the drug
            continue
        if course and (word in cues.course_nouns or word in cues.course_units or word == "-" or word[:1].isdigit()):
            continue  # 'a 10-day course of D'
        course = False
        if word in cues.linkers:
            # 'sensitization of lidocaine convulsions', 'resistance of cells to D': after a sensitivity or
            # resistance word 'of' names what is sensitive, not the drug ('efficacy of D' is fine)
            return of_governs or word != "of"
        mention = s.at.get(i)
        if word in cues.drug_prefix or s.doc[i].is_space or (mention is not None and mention.label != "VARIANT"):
            continue
        if _dose_word(s, cues, i):
            continue  # '400 mg/d imatinib'
        unknown += 1
        if unknown > cues.drug_prefix_unknown:
            return False
    return False


def _bracketed_after(s: Sentence, first: Mention, second: Mention) -> bool:
    """`second` stands alone in brackets right after `first`: 'cisplatin (CDDP)'."""
    return first.token_end == second.token_start - 1 and s.words[first.token_end] == "(" \
        and second.token_end < s.end and s.words[second.token_end] == ")"


def _says_what(s: Sentence, cues: Cues, drug: Mention, drug_class: Mention) -> bool:
    """A class in brackets, after a comma or after a copula right behind a named drug, with only an article and
    drug words between: 'etoposide (a topoisomerase II inhibitor)', 'neratinib, an irreversible pan-HER
    inhibitor', 'ivosidenib is an (oral, selective) IDH1 inhibitor', also past the drug's other name in brackets
    ('adagrasib (Krazati), a KRAS G12C inhibitor'); a plural copula needs no article ('midostaurin and gilteritinib
    are FLT3 inhibitors')."""
    end = drug.token_end
    close = s.nearest_closing(end, min(s.end, end + 7)) if end < s.end and s.words[end] == "(" else None
    if close is not None and _other_name(s, drug, end, close):
        end = close + 1  # 'adagrasib (Krazati), a KRAS G12C inhibitor', 'D (KW-0761), a ...': past its other name
    elif drug.token_start > s.start and s.words[drug.token_start - 1] == "(" and end < s.end and s.words[end] == ")":
        end += 1  # the other name itself: '(Krazati), a KRAS G12C inhibitor'
    between = s.words[end:drug_class.token_start]
    if drug.label != "DRUG" or drug_class.label != "DRUG_CLASS":
        return False
    if between == ["are"] or between == ["were"]:
        return True
    if len(between) < 2 or between[0] not in ("(", ",", "is", "was", "are", "were") or between[1] not in ARTICLES:
        return False
    if _plain_apposition(s, cues, end, drug_class):
        return True  # drug words, or the target they name: 'D (a humanized anti-CCR4 monoclonal antibody)'
    if between[0] != "(":
        # 'gilteritinib is a potent and selective FLT3 inhibitor', 'selpercatinib is a first-in-class, highly
        # selective RET kinase inhibitor', 'tazemetostat, a first-in-class EZH2 inhibitor': a copula's complement
        # or an apposition may describe the class at length (hyphens and bracketed words not counted)
        depth, counted = 0, 0
        for i in range(end + 2, drug_class.token_start):
            word = s.words[i]
            if word in cues.comparative_stops or word in cues.relative_stops or s.mention_at(i, DRUG_LABELS) or \
                    word == "," and s.words[i + 1] in LIST_WORDS:
                return False  # 'cisplatin, a standard drug, and PARP inhibitors': a list
            depth += (word in ("(", "[")) - (word in (")", "]"))
            counted += depth == 0 and word not in BRACKETS and word != "-"
        return counted <= cues.copula_class_words
    return False


def _plain_apposition(s: Sentence, cues: Cues, end: int, drug_class: Mention) -> bool:
    """Only drug words, or the targets they name, between the article and the class."""
    return all(s.words[i] in cues.drug_prefix and s.words[i] not in LIST_WORDS and s.words[i] not in BRACKETS
               or s.mention_at(i, ("GENE",)) for i in range(end + 2, drug_class.token_start))


def _appositive(s: Sentence, cues: Cues, drug_class: Mention, following: Mention) -> bool:
    """'TKIs such as erlotinib', 'TKIs, namely erlotinib', 'TKI therapy with vemurafenib', 'AI (AI) drug': the class
    only says what the drug after it is; a bare comma is a list ('aromatase inhibitors, tamoxifen or fulvestrant')
    unless one class is named ('resistance to an EGFR TKI, gefitinib, is ...')."""
    between = s.words[drug_class.token_end:following.token_start]
    one_named = drug_class.token_start > s.start and s.words[drug_class.token_start - 1] in ("a", "an") \
        and following.token_end < s.end and s.words[following.token_end] == ","
    marked = one_named or any(w in cues.apposition_markers for w in between)
    appositive = all(w in BRACKETS or w in APPOSITION_WORDS or w in cues.apposition_markers or (w == "," and marked)
                     for w in between)
    return appositive and (following.label == "DRUG" or following.normalized == drug_class.normalized)


def _named(s: Sentence, cues: Cues, drugs: list[Mention]) -> Drugs:
    """Keep the named drug: 'the HER2 kinase inhibitor neratinib', 'TKI therapy with vemurafenib',
    'BH3 mimetics ABT-737', 'irinotecan-based chemotherapy'; one mention per drug name."""
    kept: list[Mention] = []
    explained = None  # the last class that says what the drug before it is
    words = s.words
    for index, mention in enumerate(drugs):
        following = drugs[index + 1] if index + 1 < len(drugs) else None
        if index > 0 and (kept and kept[-1] is drugs[index - 1] or drugs[index - 1] is explained) and \
                _bracketed_after(s, drugs[index - 1], mention):
            # 'EGFR tyrosine kinase inhibitors (TKIs)': the bracket abbreviates the name before it, also when that
            # name only says what a drug is ('crizotinib, a tyrosine kinase inhibitor (TKI)')
            continue
        if mention.label == "DRUG_CLASS" and index > 0 and _says_what(s, cues, drugs[index - 1], mention):
            explained = mention
            continue  # 'etoposide (a topoisomerase II inhibitor)': the class says what the drug is
        if mention.label == "DRUG_CLASS" and following is not None:
            after = drugs[index + 2] if index + 2 < len(drugs) else None
            if _appositive(s, cues, mention, following) or after is not None and _bracketed_after(
                    s, mention, following) and _appositive(s, cues, following, after):
                continue  # 'TKIs such as erlotinib', 'tyrosine kinase inhibitors (TKIs) such as erlotinib'
            if following.label == "DRUG_CLASS" and after is not None and _appositive(s, cues, following, after) and \
                    all(w in ("/", "and", "or") for w in words[mention.token_end:following.token_start]):
                continue  # 'the Bcl-2/Bcl-xL inhibitors ABT-737 and ABT-263': both classes say what the drugs are
            if following.label == "DRUG_CLASS" and after is not None and after.label == "DRUG" and \
                    following.token_end == after.token_start and \
                    any(w in cues.apposition_markers for w in words[mention.token_end:following.token_start]):
                continue  # 'anti-HER2 therapies such as the monoclonal antibody trastuzumab': the drug's examples
        if mention.label == "DRUG_CLASS" and index > 0 and mention.canonical in cues.generic_classes:
            # 'irinotecan-based chemotherapy', 'anthracycline-containing chemotherapy': the qualifier names it
            between = words[drugs[index - 1].token_end:mention.token_start]
            if all(w in cues.qualifier_joiners or w in BRACKETS for w in between):
                continue
        if not any(k.canonical == mention.canonical for k in kept):
            kept.append(mention)
    return [(d, False) for d in kept]
