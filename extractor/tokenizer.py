"""scispaCy's combined rule tokenizer, with extra splits for biomedical compounds.

The extra infixes split "neratinib-resistant", "HER2-positive" (also in title case, "PIK3CA-Mutated"), "anti-HER2",
"ER+/HER2-" and "PI3K/AKT", cut a hyphen off the end of a word ("KRAS- or NRAS-mutant", "HER2-"), a plus sign off an
upper-case name ("ALK+ NSCLC") and a bracketed
symbol off a hyphenated qualifier ("receptor (EGFR)-directed") so that
entity boundaries fall on token boundaries, while keeping
"HKI-272", "CDK4/6", "T-DM1", "p.L755S" and "c.2264T>C" whole; protein changes such as
"T790M" are kept whole where scispaCy would split a unit suffix off ("790M").
"""
from __future__ import annotations

import re
import warnings
from types import SimpleNamespace

import spacy
from scispacy.custom_tokenizer import combined_rule_tokenizer
from spacy.lang import char_classes
from spacy.util import compile_infix_regex

from .resources import read_word_list

EXTRA_INFIXES_FILE = "patterns/tokenizer_infixes.txt"
SUFFIX_GUARD_FILE = "patterns/tokenizer_suffix_guard.txt"
EXTRA_PREFIXES_FILE = "patterns/tokenizer_prefixes.txt"
EXTRA_SUFFIXES_FILE = "patterns/tokenizer_suffixes.txt"
# spaCy's own punctuation classes trigger this notice when compiled; it is harmless.
warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)


@spacy.registry.tokenizers("extractor.tokenizer.v1")
def create_tokenizer(infixes_file: str = EXTRA_INFIXES_FILE, suffix_guard_file: str = SUFFIX_GUARD_FILE,
                     prefixes_file: str = EXTRA_PREFIXES_FILE, suffixes_file: str = EXTRA_SUFFIXES_FILE):
    """Tokenizer factory used by models/config.cfg."""

    def make(nlp):
        # scispaCy reads the default token_match from nlp.tokenizer, which does not exist
        # yet while the pipeline is being built from config.
        defaults = SimpleNamespace(token_match=nlp.Defaults.token_match)
        tokenizer = combined_rule_tokenizer(SimpleNamespace(vocab=nlp.vocab, Defaults=nlp.Defaults, tokenizer=defaults))
        infixes = read_word_list(infixes_file) + _scispacy_infixes(tokenizer)
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        prefixes = read_word_list(prefixes_file) + [tokenizer.prefix_search.__self__.pattern]
        tokenizer.prefix_search = re.compile("|".join(prefixes)).search
        guarded = _guard_units(tokenizer.suffix_search.__self__.pattern, "".join(read_word_list(suffix_guard_file)))
        tokenizer.suffix_search = re.compile("|".join(read_word_list(suffixes_file) + [guarded.pattern])).search
        return tokenizer

    return make


def _guard_units(suffixes: str, guard: str) -> re.Pattern:
    """scispaCy's suffix regex with `guard` checked before a unit is split off a number."""
    units = r"(?<=[0-9])(?:{})$".format(char_classes.UNITS)
    if units not in suffixes:
        raise ValueError("scispaCy's suffix patterns no longer have the unit suffix this tokenizer guards")
    return re.compile(suffixes.replace(units, r"(?<=[0-9]){}(?:{})$".format(guard, char_classes.UNITS)))


def _scispacy_infixes(tokenizer) -> list[str]:
    """The infix patterns scispaCy compiled, as a list of alternatives."""
    return [tokenizer.infix_finditer.__self__.pattern]
