"""The objects relation rules work on: a sentence with its mentions by token, alteration
candidates and their coordinated groups, and the relations found."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..mentions import Mention
from .cues import Phrases

DRUG_LABELS = {"DRUG", "DRUG_CLASS"}
RESISTANT, SENSITIVE = "RESISTANT_TO", "SENSITIVE_TO"
OPPOSITE = {RESISTANT: SENSITIVE, SENSITIVE: RESISTANT}
ARTICLES = frozenset({"the", "a", "an"})


def is_number(word: str) -> bool:
    """A figure token: '8', '8.6'."""
    return word.replace(".", "", 1).isdigit()


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
    alteration: str = ""  # a bare gene subject's alteration kind ('overexpression' in 'tumors overexpressing X')
    gene: str = ""  # one gene of a subject that names several ('BRCA1/2'), else empty: the subject's gene
    cue_start: int = -1  # token span of the cue
    cue_end: int = -1


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
    independent: bool = False  # 'regardless of X status': the claim is denied of X
    label: str | None = None  # "resistance" / "sensitizing" qualifier ("resistance mutation T790M")
    recordable: bool = True  # False for a gene family ("PI3K/AKT activation") or a variant without a gene
    status: bool = False  # 'KIT mutation status', 'V600E testing': says which, not whether it is present

    def records(self, status_ok: bool = False) -> bool:
        """Gives relations: a status only for cues that select by it ('V600E testing selects patients for D')."""
        return self.recordable and (status_ok or not self.status)


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

    def has_label(self, label: str) -> bool:
        return any(m.label == label for m in self.members)


@dataclass
class Sentence:
    """One sentence of a doc: its tokens, the mentions at each token, clauses, cues and phrase matches."""

    doc: Doc
    start: int
    end: int
    index: int
    words: list[str]  # lower-case tokens of the whole doc
    at: dict[int, Mention]
    mentions: list[Mention]
    phrases: Phrases
    breaks: set[str]
    relatives: set[str]  # words opening a relative clause after a comma ('mutations, which were ..., were')
    cues: list[Span] = field(default_factory=list)  # cues of a relation type (not 'block')
    backbones: set[str] = field(default_factory=set)  # drugs the document gives with placebo (drugs.placebo_partners)
    groups: list[Group] = field(default_factory=list)  # its alteration groups (alterations.alteration_groups)
    clause: dict[int, int] = field(init=False)
    cue_tokens: set[int] = field(init=False)
    comparators: list[Mention] | None = field(default=None, init=False)  # drugs.comparator_drugs, once a sentence

    def __post_init__(self):
        self.clause, number = {}, 0  # ';', 'but', 'whereas', 'although' ... start a new clause
        bracketed, relative = self._bracketed(), self._relative_clauses()
        for i in range(self.start, self.end):
            word = self.words[i]
            if word in self.breaks and not (word == ";" and i in bracketed) and not (
                    word == "but" and i + 1 < self.end and self.words[i + 1] in ("not", "also")) and not (
                    word != ";" and i in relative):
                number += 1  # not a ';' inside closed brackets ('(65% vs 10%; P < 0.001)')
            self.clause[i] = number
        self.keep_cues(self.cues)

    def keep_cues(self, kept: list[Span]) -> None:
        """Only these of its cues are cues."""
        self.cues = kept
        self.cue_tokens = {i for c in kept for i in range(c.start, c.end)}

    def _bracketed(self) -> set[int]:
        """Positions inside a pair of round brackets that closes within the sentence."""
        inside, opened = set(), []
        for i in range(self.start, self.end):
            if self.words[i] == "(":
                opened.append(i)
            elif self.words[i] == ")" and opened:
                inside.update(range(opened.pop() + 1, i))
        return inside

    def _relative_clauses(self) -> set[int]:
        """Positions inside a relative clause enclosed by commas ('the mutations D538G and Y537S, which were rare
        in primary tumours but enriched in metastases, were associated with ...'): a 'but' there starts no clause."""
        inside = set()
        for i in range(self.start + 1, self.end - 1):
            if self.words[i] == "," and self.words[i + 1] in self.relatives:
                close = next((j for j in range(i + 2, self.end) if self.words[j] in (",", ";")), None)
                if close is not None and self.words[close] == "," and close + 1 < self.end:
                    inside.update(range(i + 2, close))
        return inside

    @property
    def drugs(self) -> list[Mention]:
        return [m for m in self.mentions if m.label in DRUG_LABELS]

    @property
    def span(self) -> Span:
        return self.doc[self.start:self.end]

    def has(self, key: str, lo: int, hi: int) -> list[tuple[int, int]]:
        return self.phrases.within(key, lo, hi)

    def mention_at(self, i: int, labels=None) -> Mention | None:
        mention = self.at.get(i)
        return mention if mention is not None and (labels is None or mention.label in labels) else None

    def is_word(self, i: int) -> bool:
        return not (self.doc[i].is_punct or self.doc[i].is_space)

    def clause_of(self, token: int) -> int:
        return self.clause.get(token, 0)

    def clause_start(self, position: int) -> int:
        clause, start = self.clause_of(position), position
        while start > self.start and self.clause_of(start - 1) == clause:
            start -= 1
        return start

    def clause_end(self, position: int) -> int:
        clause, end = self.clause_of(position), position
        while end < self.end and self.clause_of(end) == clause:
            end += 1
        return end

    def words_between(self, start: int, end: int) -> int:
        """Tokens between two positions, a mention counting once and punctuation not at all."""
        count, i = 0, start
        while i < end:
            mention = self.at.get(i)
            count += self.is_word(i)
            i = mention.token_end if mention is not None and mention.token_end > i else i + 1
        return count

    def words_back(self, position: int, count: int, articles: bool = True) -> int:
        """The position `count` words before `position`, punctuation not counted (nor articles, unless `articles`:
        'negatively correlated with the efficacy') and a hyphenated compound counted once ('poor and short-lived
        responses'), at most the sentence start."""
        i = position
        while i > self.start and count > 0:
            i -= 1
            count -= self.is_word(i) and not self._hyphen_joined(i) and (articles or self.words[i] not in ARTICLES)
        return i

    def _hyphen_joined(self, i: int) -> bool:
        """Token i is the second part of a hyphenated compound written without spaces ('lived' in 'short-lived')."""
        return i - 2 >= self.start and self.words[i - 1] == "-" and not self.doc[i - 1].whitespace_ \
            and not self.doc[i - 2].whitespace_ and self.is_word(i - 2)

    def nearest_opening(self, close: int, lo: int) -> int | None:
        """The nearest '(' before `close`, at `lo` or after it, else None."""
        return next((k for k in range(close - 1, lo - 1, -1) if self.words[k] == "("), None)

    def nearest_closing(self, opening: int, hi: int) -> int | None:
        """The nearest ')' after `opening`, before `hi`, else None."""
        return next((k for k in range(opening + 1, hi) if self.words[k] == ")"), None)

    def past_bracket(self, i: int, width: int) -> int:
        """The token after a bracket opening at i and closing within `width` tokens ('(RRM2)', '(0/6)'), else i."""
        if i < self.end and self.words[i] == "(":
            close = self.nearest_closing(i, min(self.end, i + width))
            if close is not None:
                return close + 1
        return i

    def opening_bracket(self, position: int) -> int | None:
        """The '(' of the parenthesis that `position` stands in."""
        depth = 0
        for i in range(position - 1, self.start - 1, -1):
            if self.words[i] == ")":
                depth += 1
            elif self.words[i] == "(":
                if depth == 0:
                    return i
                depth -= 1
        return None

    def closing_bracket(self, lo: int, hi: int) -> int | None:
        """The first ')' in [lo, hi) that closes a parenthesis opened before `lo`."""
        depth = 0
        for i in range(lo, hi):
            if self.words[i] == "(":
                depth += 1
            elif self.words[i] == ")":
                if depth == 0:
                    return i
                depth -= 1
        return None

    def enclosed(self, group: Group, lo: int) -> bool:
        """A group inside an aside that closes before `lo`: '(e.g. drug resistance with G469L) ... sensitive'.
        A parenthesis holding only the group names an alteration ('TGFbeta1 Pro (Leu10Pro) allele predicts')."""
        opening = self.opening_bracket(group.start)
        close = None if opening is None else self.closing_bracket(opening + 1, lo)
        return close is not None and close >= group.end and any(
            self.is_word(i) for i in range(opening + 1, close) if not group.start <= i < group.end)

    def paren_scope(self, position: int) -> int:
        """End of the parenthesis `position` stands in ('(approved for first-line use ...)'), else the sentence end."""
        if self.opening_bracket(position) is None:
            return self.end
        close = self.closing_bracket(position, self.end)
        return self.end if close is None else close
