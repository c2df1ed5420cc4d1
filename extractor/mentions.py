"""The entity mention type shared by all components, and overlap resolution."""
from __future__ import annotations

from dataclasses import dataclass, field

# When two candidates cover the same text, the higher priority label wins.
LABEL_PRIORITY = {"VARIANT": 5, "TUMOR_SUBTYPE": 4, "DRUG_CLASS": 3, "DRUG": 2, "GENE": 1}


@dataclass
class Mention:
    """An entity mention with character offsets into the document text."""

    start: int
    end: int
    label: str
    normalized: str | None
    canonical: str | None
    source: str = "lexicon"  # lexicon, loose, grammar, shape, abbreviation, model
    term_type: str = ""
    attrs: dict = field(default_factory=dict)  # variant_type, gene, needs_gene, ...
    confidence: float = 1.0
    token_start: int = -1
    token_end: int = -1

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end


def resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep the longest candidate where candidates overlap; ties go to label priority."""
    ranked = sorted(candidates, key=lambda m: (-m.length, -LABEL_PRIORITY.get(m.label, 0), m.start))
    kept: list[Mention] = []
    for candidate in ranked:
        if not any(candidate.overlaps(k) for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda m: (m.start, m.end))
