"""The target_classes component: drug classes named by their target, which the entity
component leaves as a bare GENE.

"sensitive to WEE1 inhibitors", "responsiveness to MEK inhibition", "resistance to EGFR -tyrosine
kinase inhibitor": a gene followed by a class head word ('target_classes' in relation_cues.json) is a
DRUG_CLASS mention over the gene and the head. Heads that also name an experiment ('inhibition',
'blockade': "PI3K inhibition sensitised the cells") make a class only as the object of a linker word
("to MEK inhibition"); elsewhere the gene stays a manipulated alteration. A gene written before a
generic kinase-inhibitor class ("EGFR -tyrosine kinase inhibitor") joins it. The class takes the
name and identifier of the curated drug class of that wording (drugs_curated.tsv: "BTK inhibitor"),
else "<gene as written> <head>". The component runs after the entity component (and after a
trained NER, whose GENE mentions it reads too) and sets `doc._.mentions`, `doc.spans["entities"]`
and `doc.ents` again; its settings are models/patterns/target_classes.json.
"""
from __future__ import annotations

import csv
import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from .mentions import Mention, set_mentions
from .resources import models_path, read_json
from .sentences import doc_text

CURATED = "lexicons/drugs_curated.tsv"
SHARING_JOINERS = ("/", "and", "or")
LIST_JOINERS = SHARING_JOINERS + (",", "-")  # ',' between listed genes; '-' of a suspended compound ('BRAF- and')
MAX_SHARING = 3  # genes that share one class word
ALTERATIONS = "patterns/relation_cues.json"
GENETIC_KINDS = ("mutation", "loss", "fusion", "amplification")


@Language.factory("extractor_target_classes", default_config={"settings": "patterns/target_classes.json"})
def make_target_classes(nlp: Language, name: str, settings: str):
    return TargetClasses(read_json(settings))


class TargetClasses:
    def __init__(self, settings: dict):
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.mentions
        if not mentions:
            return doc
        found = target_classes(doc, mentions, LowerWords(doc), self.settings)
        if found is not mentions:
            set_mentions(doc, found)
        return doc


class LowerWords:
    """The lower-case text of a token, made when asked for: only the words around gene
    mentions are read, so the document's words are not all made."""

    def __init__(self, doc: Doc):
        self.doc = doc

    def __getitem__(self, i: int) -> str:
        return self.doc[i].lower_


@cache
def _curated_classes(path: str = CURATED) -> dict[str, tuple[str, str]]:
    """Lower-case term -> (normalized, canonical) of the curated drug classes."""
    with open(models_path(path), encoding="utf-8", newline="") as handle:
        return {row["term"].lower(): (row["normalized"], row["canonical"])
                for row in csv.DictReader(handle, delimiter="\t") if row["kind"] == "class"}


def target_classes(doc: Doc, mentions: list[Mention], words: LowerWords | list[str], data: dict) -> list[Mention]:
    """`mentions` with each GENE that names a class's target (and the class word after it) replaced by
    one DRUG_CLASS mention."""
    heads, object_only, treatment_heads = data["heads"], set(data["object_only"]), set(data["treatment_heads"])
    linkers, skipped, joins = set(data["object_linkers"]), set(data["object_skip"]), set(data["kinase_joins"])
    kinase_classes, qualifiers = set(data["kinase_classes"]), set(data["target_qualifiers"])
    target_nouns = set(data["target_nouns"])
    by_start = {m.token_start: m for m in mentions if m.token_start >= 0}
    replaced: dict[int, Mention] = {}  # id of the mention(s) replaced -> the class
    by_end = {m.token_end: m for m in mentions if m.token_start >= 0}
    governing_skip, head_names = set(data["governing_skip"]), set(heads.values())
    for gene in (m for m in mentions if m.label == "GENE" and m.token_start >= 0):
        first = _name_before(words, gene, by_end, len(doc)) or gene  # 'EGF receptor (EGFR) inhibitors'
        after = gene.token_end + (first is not gene)  # past the bracket
        i = after
        while i < len(doc) and words[i] in joins and by_start.get(i) is None and i - after < 2:
            i += 1
        following = by_start.get(i)
        if following is not None and following.label == "DRUG_CLASS" and following.canonical in kinase_classes:
            # 'RET kinase inhibitors': a RET inhibitor (BRAF is no tyrosine kinase); 'EGFR kinase inhibitors' is curated
            name = _name(doc, gene, "tyrosine kinase inhibitor") if following.canonical != "kinase inhibitor" else \
                _name(doc, gene, "kinase inhibitor", uncurated_head="inhibitor")
            mention = _class(doc, first, following.token_end, following.end, name, following.confidence)
            replaced[id(first)] = replaced[id(gene)] = replaced[id(following)] = mention
            continue
        qualified = _qualified_class(doc, gene, words, by_start, qualifiers, after)
        if qualified is not None:  # 'human epidermal growth factor receptor 2 (HER2)-targeted therapy': over both
            following, name = qualified
            mention = _class(doc, first, following.token_end, following.end, name, following.confidence)
            replaced[id(first)] = replaced[id(gene)] = replaced[id(following)] = mention
            continue
        i = after + (after < len(doc) and words[after] == "-")
        if i + 1 < len(doc) and words[i] in target_nouns and words[i + 1] in heads:
            i += 1  # 'PD-1 axis inhibitors'
        headed = i < len(doc) and words[i] in heads and by_start.get(i) is None
        shared = _sharing_genes(words, first, by_end) if headed else []  # 'BRAF/MEK inhibitors'
        if headed and (words[i] not in object_only or
                       _object(words, (shared[0] if shared else first).token_start, linkers, skipped, doc) or
                       words[i] in treatment_heads and _other_alteration(doc, gene, mentions, words)):
            head = heads[words[i]]
            replaced[id(first)] = replaced[id(gene)] = _class(doc, first, i + 1, doc[i].idx + len(doc[i]),
                                                              _name(doc, gene, head), gene.confidence)
            for other in shared:
                replaced[id(other)] = _class(doc, other, other.token_end, other.end, _name(doc, other, head),
                                             other.confidence)
            continue
        head = _shared_class_head(words, gene, by_start, by_end, head_names, len(doc))
        if head is not None:  # 'BRAF/MEK inhibitors' with 'MEK inhibitors' a lexicon class: BRAF shares its head
            replaced[id(gene)] = _class(doc, gene, gene.token_end, gene.end, _name(doc, gene, head), gene.confidence)
            continue
        spelled = _anti_spelled_out(doc, words, gene, by_start, data["anti_heads"])
        if spelled is not None:  # 'anti-programmed death protein 1 (PD-1) therapy': the class of 'anti-PD-1 therapy'
            start, end, name = spelled
            mention = Mention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "DRUG_CLASS", *name,
                              source="target_class", term_type="class", confidence=gene.confidence,
                              token_start=start, token_end=end)
            for covered in (m for m in mentions if start <= m.token_start and m.token_end <= end):
                replaced[id(covered)] = mention  # the gene's full name inside it too
            continue
        head = _governing_head(words, gene, heads, governing_skip)
        if head is not None:  # 'inhibitors of the mTOR kinase': the head before 'of' names the class
            name = _name(doc, gene, heads[words[head]])
            replaced[id(gene)] = Mention(doc[head].idx, gene.end, "DRUG_CLASS", *name, source="target_class",
                                         term_type="class", confidence=gene.confidence, token_start=head,
                                         token_end=gene.token_end)
    if not replaced:
        return mentions
    out, seen = [], set()
    for mention in mentions:
        new = replaced.get(id(mention), mention)
        if id(new) not in seen:
            seen.add(id(new))
            out.append(new)
    return out


def _qualified_class(doc: Doc, gene: Mention, words: LowerWords | list[str], by_start: dict[int, Mention],
                     qualifiers: set[str], after: int) -> tuple[Mention, tuple[str, str]] | None:
    """'EGFR-targeted therapies', 'EGFR-directed monoclonal antibodies': the class after the gene's hyphen and
    qualifier at `after` (past the bracket of a symbol after its full name), the class may start with the
    qualifier, and the name of the whole. Without the hyphen ('EGFR targeted therapies') the class must start
    with the qualifier."""
    i = after
    hyphen = i < len(doc) and words[i] == "-"
    if i + hyphen >= len(doc) or words[i + hyphen] not in qualifiers:
        return None
    for start in (i + hyphen, i + 2) if hyphen else (i,):
        following = by_start.get(start)
        if following is not None and following.label == "DRUG_CLASS":
            written = doc_text(doc)[gene.start:gene.end].lower()
            head = following.canonical if start == i + hyphen else f"{words[i + 1]} {following.canonical}"
            canonical = f"{written}-{head}"
            return following, _curated_classes().get(canonical) or _uncurated(canonical)
    return None


def _anti_spelled_out(doc: Doc, words: LowerWords | list[str], gene: Mention, by_start: dict[int, Mention],
                      anti_heads: list[str]) -> tuple[int, int, tuple[str, str]] | None:
    """(start, end, name) of 'anti-<full name> (<symbol>) <head>' where 'anti-<symbol> <head>' is a curated class
    ('anti-programmed cell death protein 1 (PD-1) antibodies'); the head may be two words ('monoclonal
    antibodies'); the full name holds no other mention."""
    i, j = gene.token_start, gene.token_end
    if i < 3 or j + 1 >= len(doc) or words[i - 1] != "(" or words[j] != ")":
        return None
    written = doc_text(doc)[gene.start:gene.end]
    heads = [j + 2] if words[j + 1] in anti_heads else []
    heads += [j + 3] if j + 2 < len(doc) and words[j + 2] in anti_heads else []
    keys = {stop: f"anti-{written} {' '.join(words[k] for k in range(j + 1, stop))}".lower() for stop in heads}
    end = next((stop for stop, key in keys.items() if key in _curated_classes()), None)
    if end is None:
        return None
    name = _curated_classes()[keys[end]]
    for k in range(i - 2, max(-1, i - 10), -1):
        other = by_start.get(k)
        if other is not None and other.canonical != gene.canonical:  # the full name may be the gene's own
            return None
        if words[k] == "anti" or words[k] == "anti-":
            return k, end, name
    return None


def _sharing_genes(words: LowerWords | list[str], gene: Mention, by_end: dict[int, Mention]) -> list[Mention]:
    """The genes coordinated right before a gene that share its class word ('BRAF/MEK inhibitors': BRAF; 'WEE1,
    CHK1 and ATR inhibitors': WEE1 and CHK1), at most MAX_SHARING - 1, in text order. The gene must be joined by
    '/', 'and' or 'or' ('KRAS, EGFR inhibitors' is no list), and by ', and' only in a list of three or more."""
    found, start, oxford = [], gene.token_start, False
    while len(found) < MAX_SHARING - 1:
        joiners = _joiners_before(words, start)
        before = by_end.get(start - len(joiners)) if joiners else None
        if before is None or before.label != "GENE" or not found and not set(joiners) & set(SHARING_JOINERS):
            break
        oxford = oxford or not found and "," in joiners
        found.insert(0, before)
        start = before.token_start
    return [] if oxford and len(found) < 2 else found


def _joiners_before(words: LowerWords | list[str], start: int) -> list[str]:
    """The list words (at most two: ', and') right before token `start`."""
    joiners = []
    while start - len(joiners) >= 2 and len(joiners) < 2 and words[start - len(joiners) - 1] in LIST_JOINERS:
        joiners.insert(0, words[start - len(joiners) - 1])
    return joiners


def _shared_class_head(words: LowerWords | list[str], gene: Mention, by_start: dict[int, Mention],
                       by_end: dict[int, Mention], head_names: set[str], length: int) -> str | None:
    """The head of the target class coordinated after a gene, past other listed genes ('BRAF/MEK inhibitors',
    'BRAF, MEK, and EGFR inhibitors', 'BRAF- and MEK-inhibitors' -> inhibitor); the class must be joined by '/',
    'and' or 'or', and by ', and' only in a list of three or more ('overexpression of HER2, and aromatase
    inhibitors show ...' is no list)."""
    i, listed = gene.token_end, gene.token_start >= 1 and words[gene.token_start - 1] == "," and \
        getattr(by_end.get(gene.token_start - 1), "label", None) == "GENE"
    for _ in range(MAX_SHARING - 1):
        joiners = []
        while i < length and len(joiners) < 2 and words[i] in LIST_JOINERS:
            joiners.append(words[i])
            i += 1
        following = by_start.get(i) if joiners else None
        if following is not None and following.label == "GENE":
            i, listed = following.token_end, True
            continue
        if following is None or following.label != "DRUG_CLASS" or not set(joiners) & set(SHARING_JOINERS) \
                or "," in joiners and not listed:
            return None
        head = following.canonical.rsplit(" ", 1)[-1]
        return head if " " in following.canonical and head in head_names else None
    return None


def _name_before(words: LowerWords | list[str], gene: Mention, by_end: dict[int, Mention], length: int
                 ) -> Mention | None:
    """The GENE mention of the full name right before a bracketed symbol ('EGF receptor (EGFR)'), if any."""
    i, j = gene.token_start, gene.token_end
    if i < 1 or j >= length or words[i - 1] != "(" or words[j] != ")":
        return None
    before = by_end.get(i - 1)
    return before if before is not None and before.label == "GENE" and before.canonical == gene.canonical else None


def _governing_head(words: LowerWords | list[str], gene: Mention, heads: dict[str, str], skipped: set[str]
                    ) -> int | None:
    """'inhibitors of the mTOR kinase', 'antagonists of EGFR': the plural class head before 'of' (and at most
    one skipped word) that governs the gene."""
    i = gene.token_start - 1
    if i >= 0 and words[i] in skipped:
        i -= 1
    if i < 1 or words[i] != "of" or words[i - 1] not in heads or not words[i - 1].endswith("s"):
        return None
    return i - 1


def _object(words: LowerWords | list[str], start: int, linkers: set[str], skipped: set[str], doc: Doc) -> bool:
    """A linker word stands before `start`, with only 'the', 'pharmacological' ... between."""
    i = start - 1
    while i >= 0 and words[i] in skipped and start - i <= 3:
        i -= 1
    return i >= 0 and words[i] in linkers


def _other_alteration(doc: Doc, gene: Mention, mentions: list[Mention], words: LowerWords | list[str]) -> bool:
    """The gene's sentence names a genetic alteration of another gene ("EZH2 inhibition causes regression of
    ARID1A mutated tumours", "... in BRCA1-deficient models"): the inhibition is a treatment of the altered
    tumours, not an experiment on the gene."""
    sentence = doc[gene.token_start].sent
    kinds = read_json(ALTERATIONS)["alteration_words"]["after"]
    for other in mentions:
        if not sentence.start <= other.token_start < sentence.end:
            continue
        if other.label == "VARIANT" and other.attrs.get("gene") not in (None, gene.canonical):
            return True
        if other.label == "GENE" and other.canonical != gene.canonical:
            i = other.token_end + (other.token_end < sentence.end and words[other.token_end] == "-")
            if i < sentence.end and kinds.get(words[i]) in GENETIC_KINDS:
                return True
    return False


def _name(doc: Doc, gene: Mention, head: str, uncurated_head: str | None = None) -> tuple[str, str]:
    """(normalized, canonical) of the curated class '<gene> <head>', else the wording's own name (with
    `uncurated_head` for `head` when given)."""
    written = doc_text(doc)[gene.start:gene.end]
    curated = _curated_classes()
    for term in (f"{written} {head}", f"{gene.canonical} {head}"):
        found = curated.get(term.lower())
        if found:
            return found
    if uncurated_head is not None:
        return _name(doc, gene, uncurated_head)
    canonical = f"{written.lower()} {head}"
    return _uncurated(canonical)


def _uncurated(canonical: str) -> tuple[str, str]:
    """(normalized, canonical) of a class no curated entry names: a CLASS: id made of its name."""
    return f"CLASS:{re.sub(r'[^a-z0-9]+', '-', canonical).strip('-')}", canonical


def _class(doc: Doc, gene: Mention, token_end: int, end: int, name: tuple[str, str], confidence: float) -> Mention:
    normalized, canonical = name
    return Mention(gene.start, end, "DRUG_CLASS", normalized, canonical, source="target_class", term_type="class",
                   confidence=confidence, token_start=gene.token_start, token_end=token_end)
