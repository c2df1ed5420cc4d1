"""Dictionary lookup of gene, drug, drug-class and tumor-subtype names over token spans.

Terms are looked up as raw character slices of the text that start and end on token
boundaries, so a lexicon never needs to be tokenized at load time and multi-word
terms ("invasive lobular carcinoma", "HER2-targeted therapies") match whatever the
tokenizer does inside them. Symbols and codes match case-sensitively; names in lower or
title case match case-insensitively. Gene symbols and aliases also match loosely
("squashed": case, hyphens, spaces and Greek letter names folded), so "PAI-1", "Kras",
"TNF-alpha" and "PKCalpha" find SERPINE1, KRAS, TNF and PRKCA; a loose match needs an
upper-case letter or a digit in the text, so plain words ("cat", "set") never match.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

import pandas
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .mentions import token_bounds
from .resources import models_path, read_word_list
from .sentences import doc_text, sentence_bounds

NAME_TYPES = {"name", "previous_name"}
SQUASHABLE_TYPES = {"symbol", "alias", "previous_symbol", "name", "previous_name"}
SQUASH_MIN_CHARS = 3
SQUASH_MAX_TOKENS = 3
NEVER_LOOSE, SYMBOL_LIKE, NAME_LIKE = 0, 1, 2
NOTHING = (0, (), NEVER_LOOSE, None)  # the facts of a token that starts no term
FACTS_CACHE_SIZE = 200_000
HEAD = re.compile(r"\w+")
LOCANT_CHARS = "0123456789,-"  # a leading chemical locant ("5-", "1,3-")
NOT_ALNUM = re.compile(r"[^0-9a-z]+")
CAPITAL_OR_DIGIT = re.compile(r"[A-Z0-9]")
DIGIT = re.compile(r"\d")
RUN_OF_SPACES = re.compile(r"\s\s")
DIGIT_FOLLOWS = re.compile(r"[ -]{0,2}\d")  # "caspase-3", "caveolin 1"
LOOSE_SPAN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9α-ω \-.]*[A-Za-z0-9α-ω])?")  # Greek letters after the first
# plural abbreviations (AEs, HCs), a letter with a number (P20, T4) and microRNAs (miR-16, not the MIR16 alias of
# GDE1): never loose matches
LOOSE_EXCLUDED = re.compile(r"[A-Z]{2,}s|[A-Za-z]\d+|[Mm]i[Rr]-?\d[\w-]*")
LOOSE_STOPWORDS = STOP_WORDS | set(read_word_list("patterns/loose_match_stopwords.txt"))
GENE_NOUNS = frozenset(read_word_list("patterns/gene_nouns.txt"))  # after a sentence-opening symbol
HYPHEN_JOIN = re.compile(r"\w-[a-z]{4,}")  # "HER2-targeted", "platinum-based"; not "anti-EGFR", "PD-1"
CODE_NAME = re.compile(r"([A-Z]{1,6})[- ](\d{2,8}[A-Z]?)")  # a development code name: PF-00299804, AMG 510


def code_spellings(term: str) -> list[str]:
    """The other ways a code name is written: 'PF-00299804' -> 'PF00299804', 'PF 00299804'."""
    prefix, number = CODE_NAME.fullmatch(term).groups()
    return [f"{prefix}{number}", f"{prefix}-{number}", f"{prefix} {number}"]


def class_spellings(term: str) -> list[str]:
    """The other ways a drug-class term is written: its last word in the other number ("PARP inhibitor" ->
    "PARP inhibitors", "HER2-targeted therapies" -> "HER2-targeted therapy"), and with spaces for its
    hyphens ("HER2 targeted therapy")."""
    head, space, last = term.rpartition(" ")
    head += space
    if not (last.isalpha() and last.islower() and len(last) > 3):
        numbers = [term]
    elif last.endswith("ies"):
        numbers = [term, f"{head}{last[:-3]}y"]
    elif last.endswith("y"):
        numbers = [term, f"{head}{last[:-1]}ies"]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        numbers = [term, f"{head}{last[:-1]}"]
    elif not last.endswith("s"):
        numbers = [term, f"{head}{last}s"]
    else:
        numbers = [term]
    spellings = numbers + [spelling.replace("-", " ") for spelling in numbers if HYPHEN_JOIN.search(spelling)]
    return [spelling for spelling in dict.fromkeys(spellings) if spelling != term]


GREEK = sorted((line.split("\t") for line in read_word_list("patterns/greek_letters.tsv")),
               key=lambda pair: -len(pair[0]))


@dataclass(frozen=True)
class Entry:
    """One lexicon entry a term points to."""

    label: str
    normalized: str
    canonical: str
    term_type: str
    source: str


@dataclass(frozen=True)
class LexiconMatch:
    start: int  # token index
    end: int  # token index, exclusive
    entries: tuple[Entry, ...]
    loose: bool = False  # matched ignoring case, hyphens and Greek letter names


class HeadIndex:
    """The lengths of the terms one leading word starts, by the terms' second word.

    A term can only match where the text's next word after the leading one is the term's
    second word ("a kinase anchor protein" needs "kinase" after "a"), so most tokens that
    start some term are passed over without trying any span.
    """

    def __init__(self):
        self.singles: set[int] = set()  # terms with no second word ("EGFR", "ER+")
        self.by_second: dict[str, set[int]] = {}

    def add(self, length: int, second: str | None) -> None:
        (self.singles if second is None else self.by_second.setdefault(second, set())).add(length)

    def lengths(self, second: str | None) -> set[int]:
        more = self.by_second.get(second) if second is not None else None
        return self.singles | more if more else self.singles


class Lexicon:
    """Maps terms to entries; finds the longest term at each token."""

    def __init__(self, max_tokens: int = 16, gene_stoplist: frozenset[str] = frozenset()):
        self.exact: dict[str, list[Entry]] = {}
        self.folded: dict[str, list[Entry]] = {}
        self.squashed: dict[str, list[Entry]] = {}
        # leading word of every term (as written for exact terms, lower-cased for case-folded
        # ones) -> the lengths of the terms it starts
        self.exact_heads: dict[str, HeadIndex] = {}
        self.folded_heads: dict[str, HeadIndex] = {}
        self.max_tokens = max_tokens
        self.gene_stoplist = gene_stoplist  # generated gene terms that are rarely genes in text
        self._facts: dict[str, tuple] = {}  # token text -> `_token_facts`
        self._loose: dict[tuple[str, bool], tuple[Entry, ...]] = {}  # span -> `_loose_entries`
        self._squashed_starts: set[str] | None = None  # every start of a squashed term, for `_may_open_loose`
        self.curated_genes: set[str] = set()  # ids of the genes of the curated table (cancer genes)
        self.salt_words: frozenset[str] = frozenset()  # 'acetate' in 'abiraterone acetate'

    def add(self, term: str, entry: Entry) -> None:
        """Index a term; one-letter gene terms and stop-listed generated ones are skipped."""
        term = " ".join(term.split())
        if entry.label == "GENE" and entry.source == "curated":
            self.curated_genes.add(entry.normalized)
        if not term or entry.label == "GENE" and (
                len(term) < 2 or entry.source != "curated" and term in self.gene_stoplist):
            return
        table = self.folded if _folds(term, entry.term_type) else self.exact
        key = term.lower() if table is self.folded else term
        entries = table.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        heads = self.folded_heads if table is self.folded else self.exact_heads
        head = _head(key)
        heads.setdefault(head, HeadIndex()).add(len(term), _next_word(key, len(head)))
        self._facts.clear()
        self._loose.clear()
        self._squashed_starts = None
        if entry.label == "GENE" and entry.term_type in SQUASHABLE_TYPES:
            key = squash(term)
            if len(key) >= SQUASH_MIN_CHARS:
                entries = self.squashed.setdefault(key, [])
                if entry not in entries:
                    entries.append(entry)

    def load_table(self, path: str | Path, label: str, kind_labels: dict[str, str] | None = None) -> int:
        """Read a term table (term, normalized, canonical[, term_type][, kind], source)."""
        table = pandas.read_csv(models_path(path), sep="\t", quoting=csv.QUOTE_NONE, dtype=str,
                                keep_default_na=False)
        for column, default in (("kind", ""), ("term_type", ""), ("source", "")):
            if column not in table:
                table[column] = default
        kind_labels = kind_labels or {}
        columns = (table[c].tolist() for c in ("term", "normalized", "canonical", "term_type", "kind", "source"))
        other_spellings = []  # added after the table: a term it lists itself keeps its own entry
        for term, normalized, canonical, term_type, kind, source in zip(*columns):
            entry = Entry(kind_labels.get(kind, label), normalized, canonical, term_type or "term", source)
            self.add(term, entry)
            if entry.label == "DRUG" and CODE_NAME.fullmatch(term):
                other_spellings += [(spelling, entry) for spelling in code_spellings(term)]
            elif entry.label == "DRUG_CLASS":
                other_spellings += [(spelling, entry) for spelling in class_spellings(term)]
        for spelling, entry in other_spellings:
            if not self.lookup(spelling, regular=True):
                self.add(spelling, entry)
        return len(table)

    def unify_canonicals(self) -> None:
        """One canonical name per identifier: the curated tables' (which agree with themselves). DrugBank lists
        some drugs under a code name ('MRTX849': adagrasib); the HGNC export has some older symbols ('H3F3A':
        H3-3A)."""
        tables = (self.exact, self.folded, self.squashed)
        preferred = {e.normalized: e.canonical for table in tables for entries in table.values() for e in entries
                     if e.source == "curated"}
        for table in tables:
            for key, entries in table.items():
                if any(preferred.get(e.normalized, e.canonical) != e.canonical for e in entries):
                    table[key] = [replace(e, canonical=preferred.get(e.normalized, e.canonical)) for e in entries]

    def lookup(self, text: str, regular: bool = False) -> tuple[Entry, ...]:
        """Entries of a term; `regular`: the caller knows the text has no line breaks or runs of spaces."""
        if not regular and _irregular_space(text):
            text = " ".join(text.split())
        entries = self.exact.get(text) or self.folded.get(text.lower())
        return tuple(entries) if entries else ()

    def entries_for(self, text: str, label: str) -> tuple[Entry, ...]:
        """Entries of a label for a term; a drug's salt form ('abiraterone acetate') that is no term of its
        own takes the entries of the name before its salt word."""
        entries = tuple(e for e in self.lookup(text) if e.label == label)
        if entries or label != "DRUG":
            return entries
        name, _, salt = text.rstrip().rpartition(" ")
        return self.entries_for(name, label) if name and salt.lower() in self.salt_words else ()

    def gene_entries(self, term: str) -> tuple[Entry, ...]:
        """GENE entries of a term written as a symbol: exact or case-folded, else loosely ('Smad3')."""
        return self.entries_for(term, "GENE") or self._loose_entries(term, symbol_like=True)

    def find(self, doc: Doc) -> list[LexiconMatch]:
        """Longest match starting at each token; matches may overlap (resolved later).

        Only spans whose leading word, second word and length are those of some term are
        looked up, so most tokens cost one dictionary lookup.
        """
        matches = []
        text = doc_text(doc)
        sentence_starts = {start for start, _ in sentence_bounds(doc)}
        tokens = token_bounds(doc)
        starts, ends = tokens.starts, tokens.ends
        bounds = list(zip(starts, ends, tokens.space))
        runs_on = {i for i in tokens.touching if HEAD.match(text, ends[i], ends[i] + 1)}  # a word runs on past it
        irregular = _irregular_space(text)  # line breaks or runs of spaces: lookups fold them
        runs = irregular and RUN_OF_SPACES.search(text) is not None  # runs also change a term's length
        cached = self._facts.get
        for start, facts in enumerate([cached(text[begin:stop]) for begin, stop, _ in bounds]):
            if facts is NOTHING:
                continue
            begin, stop, is_space = bounds[start]
            if is_space:
                continue
            if facts is None or start in runs_on:
                facts = self._token_facts(text, begin, stop)
            head_length, heads, loose, single_lengths = facts
            match = None
            if heads:
                if single_lengths is not None:
                    lengths = single_lengths
                else:
                    words = _next_words(text, begin + head_length, starts, ends)
                    if len(heads) == 1 and len(words) == 1:
                        lengths = heads[0].lengths(words[0])
                    else:
                        lengths = set().union(*(h.lengths(word) for h in heads for word in words))
                if lengths:
                    match = self._exact_match(text, bounds, ends, start, lengths, irregular, runs)
                    if (match is not None and ends[start] - begin < 4  # a short alias written capitalised: 'Men'
                            and _capitalised_word_alone(text, bounds, match, start in sentence_starts)):
                        match = _without_gene_aliases(match)
            if match is None and start in runs_on:  # the tokenizer cut a word: a one-word term of the part
                match = self._part_match(text, bounds, start)
            if match is None and (loose == SYMBOL_LIKE or loose == NAME_LIKE and DIGIT_FOLLOWS.match(text, stop)):
                match = self._loose_match(text, bounds, start, start in sentence_starts)
            if match is not None:
                matches.append(match)
        return matches

    def _token_facts(self, text: str, begin: int, stop: int) -> tuple[int, tuple[HeadIndex, ...], int, set | None]:
        """(the token's leading word's length, the term indexes of that word, how it may open a
        loose match, the term lengths when none of those terms has a second word, else None).

        They depend on the token's text alone unless a word character follows it, so they
        are cached by token text (`NOTHING` for most tokens); the cache is emptied when it
        grows large.
        """
        token = text[begin:stop]
        if HEAD.match(text, stop, stop + 1):  # the leading word runs on past the token
            head = _head(text[begin:begin + 40])
            heads = self._head_indexes(head)
            return len(head), heads, _loose_kind(token), _single_lengths(heads)
        facts = self._facts.get(token)
        if facts is None:
            if len(self._facts) >= FACTS_CACHE_SIZE:
                self._facts.clear()
            head = _head(token[:40])
            heads = self._head_indexes(head)
            loose = _loose_kind(token)
            if loose != NEVER_LOOSE and not self._may_open_loose(token):
                loose = NEVER_LOOSE
            facts = (len(head), heads, loose, _single_lengths(heads))
            facts = self._facts[token] = NOTHING if facts[1:] == NOTHING[1:] else facts
        return facts

    def _part_match(self, text: str, bounds: list, start: int) -> LexiconMatch | None:
        """A term that is exactly a token the tokenizer cut off a longer word ("chemo" of "chemoresistance")."""
        begin, stop, _ = bounds[start]
        part = text[begin:stop]
        if not any(stop - begin in h.singles for h in self._head_indexes(part)):
            return None
        entries = self.lookup(part, regular=True)
        return LexiconMatch(start, start + 1, entries) if entries else None

    def _may_open_loose(self, token: str) -> bool:
        """Some squashed gene term starts with the squashed token (else no loose match starts here)."""
        if self._squashed_starts is None:  # a set: a bisection of the sorted terms costs more, they are so many
            self._squashed_starts = {key[:i] for key in self.squashed for i in range(len(key) + 1)}
        if squash(token) in self._squashed_starts:
            return True
        prefixed = _human_prefixed(token)
        return bool(prefixed) and squash(prefixed[0]) in self._squashed_starts

    def _head_indexes(self, head: str) -> tuple[HeadIndex, ...]:
        exact, folded = self.exact_heads.get(head), self.folded_heads.get(head.lower())
        if exact and folded:
            return exact, folded
        return (exact,) if exact else (folded,) if folded else ()

    def _exact_match(self, text: str, bounds: list, ends: list[int], start: int, lengths: set[int],
                     irregular: bool, runs: bool) -> LexiconMatch | None:
        """The longest exact (or case-folded) term of up to max_tokens tokens at `start`."""
        begin = bounds[start][0]
        last = min(len(bounds), start + self.max_tokens)
        if not runs:  # no term is longer than the longest length
            last = min(last, bisect_right(ends, begin + max(lengths), start))
        for end in range(last, start, -1):
            _, stop, last_is_space = bounds[end - 1]
            if last_is_space or (stop - begin not in lengths and not (runs and _irregular_space(text[begin:stop]))):
                continue
            if text[stop - 1] == "-" and text[stop:stop + 1].isalnum():  # "HER2-" of "HER2-mutant"
                continue
            entries = self.lookup(text[begin:stop], regular=not irregular)
            if entries:
                return LexiconMatch(start, end, entries)
        return None

    def _loose_match(self, text: str, bounds: list, start: int, sentence_start: bool) -> LexiconMatch | None:
        """The longest squashed gene match of up to three tokens at `start`.

        Symbol-like text ("PKCalpha", "Kras") may match symbols, aliases and names; a
        lower-case name matches only gene names and only with a number ("caspase-3",
        "caveolin 1"). Never spans with brackets or signs ("CD4(+)"), plain lower-case
        words, common words ("All", "In a"), amino-acid codes, months, or a capitalised
        word opening a sentence or standing next to another one (names, titles).
        """
        begin, first_end, _ = bounds[start]
        first = text[begin:first_end]
        symbol_like = _may_be_symbol(first)
        if symbol_like and _capitalised_word_alone(text, bounds, LexiconMatch(start, start + 1, ()), sentence_start):
            return None
        for end in range(min(len(bounds), start + SQUASH_MAX_TOKENS), start, -1):
            if bounds[end - 1][2]:
                continue
            entries = self._loose_entries(text[begin:bounds[end - 1][1]], symbol_like)
            if entries:
                return LexiconMatch(start, end, entries, loose=True)
        return None

    def _loose_entries(self, span: str, symbol_like: bool) -> tuple[Entry, ...]:
        """Gene entries a span matches loosely (cached by span text)."""
        key = (span, symbol_like)
        entries = self._loose.get(key)
        if entries is None:
            if len(self._loose) >= FACTS_CACHE_SIZE:
                self._loose.clear()
            entries = self._loose[key] = self._squashed_entries(span, symbol_like)
        return entries

    def _squashed_entries(self, span: str, symbol_like: bool) -> tuple[Entry, ...]:
        if (not LOOSE_SPAN.fullmatch(span) or LOOSE_EXCLUDED.fullmatch(span) or span.isalpha() and span.islower()
                or any(word.lower() in LOOSE_STOPWORDS for word in span.split())):
            return ()
        entries = self.squashed.get(squash(span), ())
        if not entries and symbol_like:  # 'hENT1', 'hMLH1': the human gene
            keys = [key for key in map(squash, _human_prefixed(span)) if key in self.squashed]
            entries = self.squashed[keys[0]] if keys else ()
        if not symbol_like:
            entries = [e for e in entries if e.term_type in NAME_TYPES and DIGIT.search(span)]
        return tuple(entries)


def _next_word(text: str, position: int) -> str | None:
    """The next run of letters and digits from `position` on, lower-cased (at most 40 characters)."""
    match = HEAD.search(text, position)
    return match.group(0)[:40].lower() if match else None


def _next_words(text: str, position: int, starts: list[int], ends: list[int]) -> tuple[str | None, ...]:
    """`_next_word`, and its part in its first token when the tokenizer cut the run ("TCF-4K")."""
    match = HEAD.search(text, position)
    if not match:
        return (None,)
    word_start, word_end = match.span()
    token_end = ends[bisect_right(starts, word_start) - 1]
    word = match.group(0)[:40].lower()
    if token_end >= word_end:
        return (word,)
    return word, text[word_start:token_end][:40].lower()


def _single_lengths(heads: tuple[HeadIndex, ...]) -> set[int] | None:
    """The lengths of the terms these indexes start when none has a second word, else None."""
    if not heads or any(h.by_second for h in heads):
        return None
    return set().union(*(h.singles for h in heads))


def _head(text: str) -> str:
    """The leading run of letters and digits ("HER2" of "HER2-positive")."""
    match = HEAD.match(text)
    return match.group(0) if match else text[:1]


def read_table_column(path: str | Path, column: str) -> list[str]:
    """One column of a TSV table under models/."""
    with open(models_path(path), encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def squash(term: str) -> str:
    """Lower case, Greek letter names folded to one letter, no hyphens or spaces."""
    term = term.lower()
    for name, letter in GREEK:
        if name in term:
            term = term.replace(name, letter)
    return NOT_ALNUM.sub("", term)


def _human_prefixed(token: str) -> tuple[str, ...]:
    """The symbol after a lower-case 'h' that marks the human gene ('hENT1' -> 'ENT1'), if any."""
    return (token[1:],) if len(token) > 3 and token[0] == "h" and token[1].isupper() and token[2].isupper() else ()


def _loose_kind(token: str) -> int:
    """How a token may open a loose match: symbol-like, a name if a number follows ("caspase-3"), or not."""
    if _may_be_symbol(token):
        return SYMBOL_LIKE
    return NAME_LIKE if token.isalpha() and len(token) >= SQUASH_MIN_CHARS else NEVER_LOOSE


def _may_be_symbol(token: str) -> bool:
    """A token that can start a loose symbol match: has a capital or a digit, or is one letter."""
    return len(token) == 1 and token.isalpha() or CAPITAL_OR_DIGIT.search(token) is not None


def _gene_noun_follows(text: str, bounds: list, start: int) -> bool:
    """A word that marks a symbol comes next ('Src expression', 'Akt phosphorylation'), also after a
    hyphen ('Rb-deficient cells')."""
    following = start + 1
    while following < len(bounds) and bounds[following][2]:
        following += 1
    if (following + 1 < len(bounds) and text[bounds[following][0]:bounds[following][1]] == "-"
            and bounds[following][0] == bounds[start][1] and bounds[following + 1][0] == bounds[following][1]):
        following += 1
    return following < len(bounds) and text[bounds[following][0]:bounds[following][1]].lower() in GENE_NOUNS


def _capitalised_word_alone(text: str, bounds: list, match: LexiconMatch, sentence_start: bool) -> bool:
    """A one-word match written capitalised ("Men", "Genesis") that opens a sentence with no gene noun
    after it, or stands next to another capitalised word: an ordinary word or a name, not a gene alias."""
    word = text[bounds[match.start][0]:bounds[match.end - 1][1]]
    return match.end - match.start == 1 and word.istitle() and word.isalpha() and (
        (sentence_start and not _gene_noun_follows(text, bounds, match.start))
        or _in_title_case_run(text, bounds, match.start))


def _without_gene_aliases(match: LexiconMatch) -> LexiconMatch | None:
    """The match without its gene aliases and previous symbols (symbols, names and other labels stay)."""
    kept = tuple(e for e in match.entries if e.label != "GENE" or e.term_type not in ("alias", "previous_symbol"))
    return LexiconMatch(match.start, match.end, kept, match.loose) if kept else None


def _in_title_case_run(text: str, bounds: list, start: int) -> bool:
    """A capitalised word next to another one: a name or a title ("Bora Lim", "Impact Journals")."""
    for neighbour in (start - 1, start + 1):
        while 0 <= neighbour < len(bounds) and bounds[neighbour][2]:
            neighbour += neighbour - start
        if 0 <= neighbour < len(bounds):
            word = text[bounds[neighbour][0]:bounds[neighbour][1]]
            if word[:1].isupper() and word[1:].islower() and word.isalpha():
                return True
    return False


def _irregular_space(text: str) -> bool:
    """Line breaks or runs of spaces, which lookup folds to single spaces."""
    return "  " in text or "\n" in text or "\t" in text


def _folds(term: str, term_type: str) -> bool:
    """Names, and terms of four letters or more written in lower or title case (after a leading
    locant: "5-Fluorouracil"), match case-insensitively."""
    if term_type in NAME_TYPES:
        return True
    word = term.lstrip(LOCANT_CHARS)
    if not (term == term.lower() or (word[:1].isupper() and word[1:] == word[1:].lower())):
        return False
    return sum(c.isalpha() for c in term) >= 4
