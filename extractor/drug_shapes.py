"""Drug names missing from the lexicon, recognised by their shape.

International nonproprietary names carry stems that say what a drug is (-tinib kinase
inhibitors, -ciclib CDK inhibitors, -lisib PI3K inhibitors, -parib PARP inhibitors,
-mab antibodies), and development code names have a company prefix and a number
(AZD9291, GDC-0941, AMG 193). Mentions found this way have no identifier and a lower
confidence. Stems and prefixes are data: models/patterns/drug_morphology.json.
"""
from __future__ import annotations

import re

from .prefilter import Prefilter


class DrugShapes:
    def __init__(self, data: dict):
        stems = "|".join(re.escape(s) for s in data["stems"])
        prefixes = "|".join(re.escape(p) for p in data["code_prefixes"])
        inn = rf"[A-Za-z][a-z\-]{{{data['min_length'] - 6},}}(?:{stems})"
        code = rf"(?:{prefixes})(?:-|(?<=[A-Z]{{3}}) )?\d{{3,7}}[A-Z]?"  # a space only after 3 letters: 'AMG 193'
        self.pattern = re.compile(rf"(?<![\w\-])(?:{inn}|{code})(?![\w\-])")
        self.min_length = data["min_length"]
        self.prefilter = Prefilter([self.pattern])

    def find(self, text: str) -> list[tuple[int, int]]:
        """Character spans of INN-stem names ("zongertinib") and code names ("AZD9291")."""
        if not self.prefilter.candidates(text):
            return []
        return [m.span() for m in self.pattern.finditer(text)
                if m.group()[0].isupper() or len(m.group()) >= self.min_length]
