"""One pass over a text that tells which of many regexes may match it.

Hyperscan compiles every pattern in prefilter mode into one automaton: a scan reports
each pattern that *may* match (never missing one that does), so the exact Python regexes
only run over the texts where they have a chance. Without the ``hyperscan`` package
(it ships wheels for x86-64 only) every pattern is a candidate: same results, slower.
"""
from __future__ import annotations

import re

try:
    import hyperscan
except ImportError:  # pragma: no cover - depends on the platform
    hyperscan = None

# Python-only regex syntax, rewritten the PCRE way Hyperscan reads it
_NAMED_GROUP = re.compile(r"\(\?P<")
_CONDITIONAL = re.compile(r"\(\?\((\w+)\)")


class Prefilter:
    """``candidates(text)``: indices of the patterns that may match ``text``."""

    def __init__(self, patterns: list[re.Pattern]):
        self.always: set[int] = set()  # patterns Hyperscan cannot compile: always tried
        self.database = self.scratch = None
        if hyperscan is None:
            self.always = set(range(len(patterns)))
            return
        expressions = {index: _CONDITIONAL.sub(r"(?(<\1>)", _NAMED_GROUP.sub("(?<", pattern.pattern)).encode()
                       for index, pattern in enumerate(patterns)}
        try:
            self.database = _compile(expressions)
        except hyperscan.error:  # find the ones it cannot read, and leave them out
            self.always = {index for index, expression in expressions.items() if not _compiles(expression)}
            self.database = _compile({i: e for i, e in expressions.items() if i not in self.always})
        self.scratch = hyperscan.Scratch(self.database) if self.database else None

    def candidates(self, text: str) -> set[int]:
        found = set(self.always)
        if self.database is not None:
            self.database.scan(text.encode("utf-8"), match_event_handler=lambda index, *_: found.add(index),
                               scratch=self.scratch)
        return found


def _compile(expressions: dict[int, bytes]):
    if not expressions:
        return None
    database = hyperscan.Database()
    database.compile(expressions=list(expressions.values()), ids=list(expressions), elements=len(expressions),
                     flags=[_FLAGS] * len(expressions))
    return database


def _compiles(expression: bytes) -> bool:
    try:
        _compile({0: expression})
    except hyperscan.error:
        return False
    return True


_FLAGS = (hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP
          | hyperscan.HS_FLAG_SINGLEMATCH) if hyperscan else 0
