"""Slash shorthand for several genes of one stem: 'BRCA1/2' names BRCA1 and BRCA2.

BioRED and PubTator annotate such a token as one gene mention with several identifiers;
so do we: one GENE mention, linked to its first member, with every member in
`attrs["members"]` (symbol, HGNC id). A relation about it is recorded for each member.
"""
from __future__ import annotations

import re


DIGIT_SLASH = re.compile(r"\d[A-Z]?/[\dA-Z]")  # every shorthand has one ('BRCA1/2', 'CDKN2A/B'); most texts have none


class GeneComposites:
    def __init__(self, data: dict):
        self.pattern = re.compile(data["pattern"])
        self.max_members = data["max_members"]

    def find(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, member terms) of each shorthand: 'CD55/59' -> ['CD55', 'CD59']."""
        found = []
        if "/" not in text or not DIGIT_SLASH.search(text):
            return found
        for match in self.pattern.finditer(text):
            first = match["first"]
            # a lone letter stands for the first member's number with that letter ('CDKN2A/B': CDKN2B)
            numbers = [first, *(n if n[0].isdigit() else first.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + n
                                for n in match["rest"].split("/")[1:])]
            if len(numbers) <= self.max_members and len(set(numbers)) == len(numbers):
                found.append((match.start(), match.end(), [match["stem"] + n for n in numbers]))
        return found
