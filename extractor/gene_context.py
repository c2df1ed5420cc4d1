"""Context rules against false-friend gene names ("ER stress", "HR = 0.7", "IMPACT trial"), and for
class words that name a drug class only before a response word ("endocrine resistance").

The rules are data (models/patterns/gene_context.json): for a short list of ambiguous
strings, the word after or before the mention that shows it is not a gene; for a few class
words, the words after them that make them a class.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .mentions import Mention
from .sentences import doc_text


class GeneContext:
    def __init__(self, rules: dict):
        self.after: dict[str, set[str]] = {}
        self.before: dict[str, set[str]] = {}
        for rule in rules["rules"]:
            for term in rule["terms"]:
                self.after.setdefault(term, set()).update(rule.get("not_before", []))
                self.before.setdefault(term, set()).update(rule.get("not_after", []))
        self.class_words: dict[str, set[str]] = {word: set(following) for word, following in
                                                 rules.get("class_words", {}).items() if word != "_doc"}

    def keep(self, doc: Doc, mention: Mention) -> bool:
        """False for a GENE mention whose neighbouring word shows it is something else, and for a class word
        not followed (past a hyphen) by a word that makes it a class."""
        if mention.label == "DRUG_CLASS":
            needed = self.class_words.get(doc_text(doc)[mention.start:mention.end].lower())
            if needed is None:
                return True
            following = _word(doc, mention.token_end, step=1)
            if following == "-":
                following = _word(doc, mention.token_end + 1, step=1)
            return following in needed
        if mention.label != "GENE" or mention.source == "abbreviation":
            return True
        text = doc_text(doc)[mention.start:mention.end]
        if text not in self.after and text not in self.before:
            return True
        following = _word(doc, mention.token_end, step=1)
        previous = _word(doc, mention.token_start - 1, step=-1)
        return following not in self.after.get(text, ()) and previous not in self.before.get(text, ())


def _word(doc: Doc, i: int, step: int) -> str:
    """The lower-cased text of the nearest non-space token from index i in direction step."""
    while 0 <= i < len(doc) and doc[i].is_space:
        i += step
    return doc[i].lower_ if 0 <= i < len(doc) else ""
