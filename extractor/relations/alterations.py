"""Subject candidates of a sentence: alterations, and the coordinated groups they form.

Subjects are VARIANT mentions and bare GENE mentions that carry an alteration word
("IL7 expression", "high expression of claudin-7", "knockdown of XRCC1"), and, where a
sentence has none of those, positive receptor statuses ("HER2-positive": ERBB2 expression). A gene that
names a drug's target ("EGFR TKI", "anti-HER2") is none; a wild-type gene blocks the
search without giving a relation; an alteration in a contrast ("in contrast to ER
mutations") is never a subject.
"""
from __future__ import annotations

from ..mentions import Mention
from ..sentences import doc_text
from ..variant_linking import AFTER_GAP, opens_examples
from .cues import Cues
from .drugs import drug_arm_end, statistic_end
from .scope import fronted_clause_end
from .sentence import DRUG_LABELS, Alteration, Group, Sentence

GENE_LEVEL_WORDS = {"mutation", "mutant", "alteration", "mutated"}
GENE_WORDS = ("gene", "genes")
MODALS = ("can", "could", "may", "might", "will", "would")
COORDINATION = (",", "and", "or", "nor", "/", "and/or", "-")
LIST_JOINERS = (",", "and", "or", "nor", "and/or")
PATHWAY_WORDS = ("pathway", "pathways", "signaling", "signalling", "axis", "cascade", "-", "inhibitor", "inhibitors",
                 "inhibition", "activation", "network")  # after 'PI3K/AKT': a pathway or its drugs, not a gene list
GENETIC_KINDS = ("mutation", "amplification")  # a fusion named with these names its gene
STATE_KINDS = ("mutation", "amplification", "loss", "fusion", "copy number gain")  # what a gene is, not what it does
UNKNOWN_NAME_WORDS = 8  # most tokens of a gene name before its bracketed symbol
ROMAN_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
SHARED_KINDS = ("gene_level", "copy_number", "expression", "exon", "indel")  # variant types no gene of their own names


def alteration_groups(s: Sentence, cues: Cues) -> list[Group]:
    """The sentence's alterations, joined into groups where only coordination / example words separate them."""
    groups: list[Group] = []
    fronted_end = fronted_clause_end(s, cues)  # 'Although ... with EGFR mutations, KRAS mutations ...': two groups
    statistics = _statistic_positions(s)  # 'PIK3CA H1047R (HR, 0.37) and E545K mutations': one group
    for alteration in _alterations(s, cues):
        if groups:
            last = groups[-1]
            skipped = statistics if alteration.start not in statistics else set()  # not for one inside a bracket
            between = [i for i in range(last.end, alteration.start) if i not in skipped]
            glued = fronted_end not in between and (_repeats_preposition(s, cues, last, between) or all(
                s.words[i] in cues.glue or s.words[i].isdigit() or s.doc[i].is_space or
                s.mention_at(i, ("GENE", "VARIANT")) is not None for i in between))
            if (alteration.start >= last.end and len(between) <= cues.group_max_gap and glued
                    and s.clause_of(last.end - 1) == s.clause_of(alteration.start)) \
                    or alteration.start < last.end:  # or overlapping phrases ("expression of X" inside another)
                last.add(alteration)
                continue
        groups.append(Group([alteration]))
    text = doc_text(s.doc)
    for group in groups:
        group.members = _drop_head_nouns(group.members, text)
    return groups


def _repeats_preposition(s: Sentence, cues: Cues, last: Group, between: list[int]) -> bool:
    """'mediated by X or by Y', 'in X and in Y': a joiner and the preposition that introduced the group before."""
    words = [s.words[i] for i in between if not s.doc[i].is_space]
    return (len(words) >= 2 and last.start > s.start and words[-1] == s.words[last.start - 1]
            and words[-1] in cues.parallel_prepositions and any(w in LIST_JOINERS for w in words[:-1])
            and all(w in cues.glue for w in words[:-1]))


def _statistic_positions(s: Sentence) -> set[int]:
    """Positions of brackets holding figures and of what they hold ('(HR, 0.37)')."""
    positions: set[int] = set()
    for i in range(s.start, s.end):
        if s.words[i] == "(" and i not in positions and (close := statistic_end(s, i)) is not None:
            positions.update(range(i, close + 1))
    return positions


def is_hgnc_gene(gene: Mention) -> bool:
    """A gene that can be a relation's subject: linked to HGNC (not a family or an unlinked name)."""
    return (gene.normalized or "").startswith("HGNC:")


def qualifies_drug(s: Sentence, cues: Cues, mention: Mention) -> bool:
    """'EGFR TKI', 'BRAF V600E inhibitor', 'anti-HER2', 'targeting HER2': the gene names a drug's target."""
    words, i = s.words, mention.token_end
    if i < s.end and words[i] == "-" and i + 1 < s.end:
        i += 1
    following = s.mention_at(i, DRUG_LABELS)
    if following is not None and following.token_start == i:
        return True
    while i < s.end and words[i] in cues.drug_qualifier_heads:
        i += 1  # 'EGFR tyrosine kinase inhibitor', not 'the AXL kinase causes resistance'
    if i < s.end and words[i] in cues.drug_qualifier_after and not any(
            w in cues.drug_qualifier_not_before for w in words[i + 1:min(s.end, i + 3)]):
        return True
    j = mention.token_start - 1
    if j >= s.start and words[j] == "-" and j - 1 >= s.start and words[j - 1] == "anti":
        return True
    if s.phrases.alteration_before(mention.token_start, s.start) is not None:
        return False  # 'siRNA directed against c-Src': an experiment on the gene
    after = mention.token_end + (mention.token_end + 1 < s.end and words[mention.token_end] == "-")
    altered = mention.label == "VARIANT" or after < s.end and (
        cues.alt_after.get(words[after]) in STATE_KINDS or words[after] in cues.positive_status)
    if altered and mention.token_start - 1 in s.cue_tokens:
        # 'D is active against T315I', 'potent against BRCA1-deficient cells': the cue's object; not an activity
        # the drug acts on ('inhibited EGFR phosphorylation')
        return False
    window = words[max(s.start, mention.token_start - 2):mention.token_start]
    return any(w in cues.drug_qualifier_before for w in window[-1:]) or " ".join(window) in cues.drug_qualifier_before


def _alterations(s: Sentence, cues: Cues) -> list[Alteration]:
    words = s.words
    variants = [m for m in s.mentions if m.label == "VARIANT"]
    found = []
    for variant in variants:
        if qualifies_drug(s, cues, variant):
            continue
        start = variant.token_start
        before = s.at.get(start - 1) or (s.at.get(start - 2) if words[start - 1] == "-" else None)
        gene = variant.attrs.get("gene")
        # 'mutations in the MAPK/Erk pathway': a family's, whatever the side its gene stands on
        recordable = bool(gene) and not any(m.label == "GENE" and m.canonical == gene and not is_hgnc_gene(m)
                                            for m in s.mentions)
        if before is not None and before.label == "GENE":
            start = before.token_start
            recordable = recordable and is_hgnc_gene(before)  # 'RAS mutations': a family's
        kind = variant.attrs.get("variant_type") or "gene_level"
        recordable = recordable and not _absent(s, start)
        mutated = _gene_alteration(s, cues, variant) if kind == "fusion" else None
        if mutated is not None and mutated.kind in GENETIC_KINDS:
            # 'BCR-ABL mutants', 'mutations in BCR-ABL1': the fusion names its gene, whose mutation it is
            found.append(Alteration(variant, mutated.start, mutated.end, mutated.kind, gene_only=True,
                                    recordable=recordable))
            continue
        example = _first_example(s, variant)  # 'mutations in DDR genes such as X, Y': the phrase reaches X
        end = example.token_end if example is not None else variant.token_end
        found.append(Alteration(variant, start, end, kind, recordable=recordable))
    for gene in (m for m in s.mentions if m.label == "GENE"):
        if qualifies_drug(s, cues, gene):
            continue
        if any(v.attrs.get("gene") == gene.canonical and (0 <= v.token_start - gene.token_end <= 4 or
                                                          0 <= gene.token_start - v.token_end <= 4)
               for v in variants):
            continue
        altered = _gene_alteration(s, cues, gene)
        if altered is not None and any(v.attrs.get("gene") == gene.canonical and altered.start <= v.token_start
                                       and v.token_end <= altered.end for v in variants):
            continue  # 'overexpression of the DNA repair gene ERCC1': the variant mention already names it
        if altered is not None and altered.manipulated and _done_by_drug(s, cues, altered):
            continue  # 'dual HER2 blockade with trastuzumab and lapatinib': the drugs' action, not an alteration
        if altered is not None:
            altered.recordable = is_hgnc_gene(gene)
            found.append(altered)
        elif (wild_end := _wild_type(s, gene)) is not None:
            # 'patients with wild-type KRAS benefit': the subject is no alteration; it blocks the search
            found.append(Alteration(gene, gene.token_start, wild_end, "wild type", gene_only=True,
                                    recordable=False))
    found += _anaphoric_alterations(s, cues, found)
    found = _shared_alterations(s, cues, sorted(found, key=lambda a: (a.start, a.end)))
    if not any(a.recordable for a in found):
        found = sorted(found + _statuses(s, cues), key=lambda a: (a.start, a.end))
    contrasted, independent = _contrasted(s, cues, "contrast", 6), _contrasted(s, cues, "independence", 10)
    for alteration in found:
        alteration.contrasted = alteration.mention.token_start in contrasted
        alteration.independent = alteration.mention.token_start in independent
        alteration.label = _label(s, cues, alteration)
        span = range(alteration.mention.token_start, min(s.end, alteration.end + 1))
        if any(s.words[i] in cues.undirected_after for i in span) and not _named_genotype(s, cues, span):
            # 'KIT mutation status', 'CYP2D6 genotype': a status predicts nothing in one direction; a named
            # genotype does ('the GSTP1 Val/Val genotype')
            alteration.status = True
    return found


def _before_unknown_name(s: Sentence, gene: Mention) -> tuple[int, str] | None:
    """'Overexpression of excision repair cross complementing group 1 (ERCC1) is ...': an alteration phrase before
    a name the lexicon does not know, the gene's symbol in brackets after it; the phrase's (start, kind)."""
    position = gene.token_start - 1
    if position <= s.start or s.words[position] != "(":
        return None
    for _ in range(UNKNOWN_NAME_WORDS):
        hit = s.phrases.alteration_before(position, s.start)
        if hit is not None:
            return hit
        position -= 1
        if position <= s.start or s.at.get(position) is not None or not (
                s.is_word(position) or s.words[position] == "-"):
            return None
    return None


def _allele_pair(s: Sentence, cues: Cues, i: int) -> bool:
    """Two alleles joined by a slash from token i ('A/A', 'Val/Val', '399A/A')."""
    return i + 2 < s.end and s.words[i + 1] == "/" and s.words[i].lstrip("0123456789") in cues.allele_words \
        and s.words[i + 2].lstrip("0123456789") in cues.allele_words


def _named_genotype(s: Sentence, cues: Cues, span: range) -> bool:
    """Two alleles joined by a slash ('Val/Val', 'A/G', '399A/A'): a genotype named, not a status."""
    return any(_allele_pair(s, cues, i) for i in range(span.start, span.stop - 2))


def _done_by_drug(s: Sentence, cues: Cues, altered: Alteration) -> bool:
    """A manipulation named with the drug that does it ('X inhibition with D', 'X blockade by D', '5-FU acts by
    inhibiting TS')."""
    i = altered.end
    if i < s.end and s.words[i] in ("with", "by", "using") and drug_arm_end(s, cues, i + 1) is not None:
        return True
    j = altered.start - 1
    while j >= s.start and altered.start - j <= 4 and s.words[j] in cues.drug_action_links:
        j -= 1
    return s.start <= j < altered.start - 1 and s.mention_at(j, DRUG_LABELS) is not None


def _statuses(s: Sentence, cues: Cues) -> list[Alteration]:
    """'HER2-positive patients benefit from trastuzumab': a receptor status (a TUMOR_SUBTYPE) is the
    subject, as its gene's expression (low for 'HER2-low'), where the sentence names no other alteration."""
    found = []
    for status in (m for m in s.mentions if m.label == "TUMOR_SUBTYPE" and m.canonical in cues.status_subjects):
        gene, kind = cues.status_subjects[status.canonical]
        status.attrs.setdefault("gene", gene)
        found.append(Alteration(status, status.token_start, status.token_end, kind, gene_only=True))
    return found


def _shared_alterations(s: Sentence, cues: Cues, found: list[Alteration]) -> list[Alteration]:
    """'KRAS and NRAS mutations', 'BRCA1, BRCA2 or PALB2 mutations': coordinated genes share the
    alteration word of the last one (each becomes a gene-level subject); a bracketed symbol may follow a name
    ('Bruton tyrosine kinase (BTK) and PLCG2 mutations')."""
    used = {id(a.mention) for a in found} | {id(m) for a in found for m in s.mentions
                                              if m.label == "GENE" and a.start <= m.token_start < a.end}
    extra = []
    for gene in (m for m in s.mentions if m.label == "GENE" and id(m) not in used):
        i = gene.token_end
        if _bracketed_symbol_end(s, gene.token_start - 1) is not None:
            i += 1  # '(BTK) and PLCG2 mutations': past the bracket the symbol stands in
        while i < s.end:
            bracket = _bracketed_symbol_end(s, i)
            if bracket is None and s.words[i] not in COORDINATION and s.mention_at(i, ("GENE",)) is None \
                    and s.words[i] not in GENE_WORDS:  # 'EGFR and PTEN gene mutations'
                break
            i = bracket if bracket is not None else s.at[i].token_end if s.at.get(i) is not None else i + 1
        target = next((a for a in found if (a.start == i or a.start < i < a.end) and not _names_gene_after(s, a)),
                      None)
        if (target is None or i == gene.token_end) and gene.token_start > s.start:
            target = _listed_after(s, cues, found, gene)
        if target is None or qualifies_drug(s, cues, gene) or target.mention.attrs.get("gene") == gene.canonical:
            continue  # 'PI3K-CA (PIK3CA), E545K and H1047R': the variants are the gene's own
        # 'KRAS or NRAS mutations', 'EGFR or HER2 exon 20 insertions': the alteration said of both genes
        shared = target.mention.label == "VARIANT" and target.kind in SHARED_KINDS
        kind = target.mention.canonical if shared else target.kind
        extra.append(Alteration(gene, gene.token_start, gene.token_end, kind, gene_only=True,
                                manipulated=target.manipulated,
                                recordable=is_hgnc_gene(gene) and not _absent(s, target.start)))
    return sorted(found + extra, key=lambda a: (a.start, a.end))


def _names_gene_after(s: Sentence, alteration: Alteration) -> bool:
    """'amplification of ERBB2', 'mutations in the KRAS gene': the alteration word names its gene after it, so
    genes coordinated before it do not share it ('Mutations in KRAS and BRAF and amplification of ERBB2')."""
    gene, i = alteration.mention.attrs.get("gene"), alteration.end
    if gene is None or i >= s.end or s.words[i] not in ("of", "in"):
        return False
    i += 1 + (i + 1 < s.end and s.words[i + 1] == "the")
    named = s.mention_at(i, ("GENE",)) if i < s.end else None
    return named is not None and named.canonical == gene


def _bracketed_symbol_end(s: Sentence, i: int) -> int | None:
    """'(BTK) and': a bracketed gene symbol followed by a coordination word; the position after the bracket."""
    symbol = s.mention_at(i + 1, ("GENE",)) if s.words[i] == "(" else None
    end = symbol.token_end if symbol is not None else None
    if end is None or end + 1 >= s.end or s.words[end] != ")" or s.words[end + 1] not in COORDINATION:
        return None
    return end + 1


def _listed_after(s: Sentence, cues: Cues, found: list[Alteration], gene: Mention) -> Alteration | None:
    """'loss of NF1, MED12 and CUL3', 'alterations in BRCA1, BRCA2 or ATM': the alteration whose gene opens
    the list the gene is coordinated in, when its word stands before that gene (or is an adjective before it:
    'mutated JAK1 and JAK2')."""
    i = gene.token_start - 1
    if s.words[i] not in LIST_JOINERS and not (s.words[i] == "/" and _slash_list(s, gene)):
        return None  # not a pathway ('the PI3K/AKT pathway', 'JAK-STAT')
    while i >= s.start and (s.words[i] in COORDINATION or s.mention_at(i, ("GENE",)) is not None):
        i = s.at[i].token_start - 1 if s.at.get(i) is not None else i - 1
    first = s.mention_at(i + 1, ("GENE",))
    if first is None or first is gene:
        return None
    if first.token_start > s.start and s.words[first.token_start - 1] in cues.list_adjectives:
        # 'mutated JAK1 and JAK2': an adjective before the list qualifies every gene in it
        return next((a for a in found if a.mention is first), None)
    opening = _list_opening(s, first.token_start)
    if opening is None:
        return None  # a noun and its genes ('knockdown of X, Y and Z'), not a verb's objects ('suppressed X and Y')
    return next((a for a in found if a.mention is first and a.start < first.token_start
                 or a.mention.label == "VARIANT" and a.mention.attrs.get("gene") == first.canonical
                 and (a.end == first.token_end or a.end <= opening and first.token_start - a.end <= AFTER_GAP)),
                None)


def _slash_list(s: Sentence, gene: Mention) -> bool:
    """'mutations of KRAS/NRAS/BRAF': genes joined by slashes that no pathway word follows ('PI3K/AKT pathway')."""
    j = gene.token_end
    while j + 1 < s.end and s.words[j] == "/" and s.mention_at(j + 1, ("GENE",)) is not None:
        j = s.at[j + 1].token_end
    return j >= s.end or s.words[j] not in PATHWAY_WORDS


def _first_example(s: Sentence, variant: Mention) -> Mention | None:
    """The gene of a variant said of a gene set and given as the set's first example ('mutations in DNA repair
    genes such as BRCA1')."""
    gene = variant.attrs.get("gene")
    for mention in s.mentions:
        if mention.label == "GENE" and mention.canonical == gene and \
                0 < mention.token_start - variant.token_end <= AFTER_GAP:
            opening = _list_opening(s, mention.token_start)
            return mention if opening is not None and s.words[opening] not in ("of", "in") else None
    return None


def _list_opening(s: Sentence, start: int) -> int | None:
    """The position of 'of' / 'in' right before a gene list ('loss of X, Y'), or of the example word that opens
    it ('mutations in DDR genes such as X, Y', '(e.g., X, Y)'), else None."""
    i = start - 1
    if s.words[i] == "," and i > s.start:
        i -= 1
    if s.words[i] in ("of", "in") and i == start - 1 or opens_examples(s.words[max(s.start, i - 1):i + 1]):
        return i
    return None


def _absent(s: Sentence, start: int) -> bool:
    """'lines lacking a BRAF mutation', 'patients without KRAS mutations', 'without EGFR/ALK aberrations': the
    alteration is said to be absent (not in a comparison: 'tumors with and without EGFR amplification')."""
    i = start - 1
    while i >= s.start and (s.words[i] in ("a", "an", "the", "any", "detectable") or s.words[i] in COORDINATION
                            and s.mention_at(i - 1, ("GENE",)) is not None):
        i = s.at[i - 1].token_start - 1 if s.words[i] in COORDINATION else i - 1
    return any(e == i + 1 and not (b - 1 > s.start and s.words[b - 1] in ("and", "or") and s.words[b - 2] == "with")
               for b, e in s.has("absence", max(s.start, i - 2), i + 1))


def _wild_type(s: Sentence, gene: Mention) -> int | None:
    """'wild-type KRAS', 'KRAS wild-type', 'K-ras wild type status', 'negative for KRAS' (a gene with '-negative'
    after it is its low expression: 'ERCC1-negative tumours', an alteration word found before this): the end of
    the phrase, so that an alteration coordinated after it joins its group ('KRAS wild-type, HER2-amplified')."""
    for b, e in s.has("wild_type", max(s.start, gene.token_start - 3), min(s.end, gene.token_end + 3)):
        if e <= gene.token_start and all(s.words[i] in ("the", "a", "-") for i in range(e, gene.token_start)):
            return gene.token_end
        if b >= gene.token_end and all(s.words[i] in ("-", "gene", "genes", "(") for i in range(gene.token_end, b)):
            return e
    return None


def _gene_alteration(s: Sentence, cues: Cues, gene: Mention) -> Alteration | None:
    """A bare gene with an alteration word after ('X expression') or before ('loss of X'); not a gene that
    describes the genes after it ('the EGFR ligands EREG and AREG')."""
    words = s.words
    if gene.token_end < s.end and words[gene.token_end] in cues.descriptor_nouns:
        return None
    after_kind, end = None, gene.token_end
    i, steps = gene.token_end, 0
    while i < s.end and steps <= 3:
        word = words[i]
        hyphenated = f"{word}-{words[i + 2]}" if i + 2 < s.end and words[i + 1] == "-" else None
        if hyphenated in cues.alt_after:  # 'down-regulated', 'over-expression': three tokens
            after_kind, end = cues.alt_after[hyphenated], i + 3
            break
        if word in cues.alt_after:
            numbered = i + 1 < s.end and (words[i + 1].isdigit() or words[i + 1] in ROMAN_NUMERALS)
            population = word in cues.positive_status and i + 1 < s.end and words[i + 1] in cues.cell_populations
            # 'splice variant 7': a named variant; 'CD8+ T cells': a kind of cell
            if not (cues.alt_after[word] == "variant" and numbered) and not population:
                after_kind, end = cues.alt_after[word], i + 1
            break
        if word == "(":
            close = s.nearest_closing(i, min(i + 5, s.end))
            if close is None:
                break
            i, steps = close + 1, steps + 1
            continue
        if word[:1] == "(" and word[-1:] == ")":  # '(CD117)' left whole by the tokenizer
            i, steps = i + 1, steps + 1
            continue
        if _allele_pair(s, cues, i):  # 'the XRCC1 A/A genotype', 'XRCC1 399A/A genotype'
            i, steps = i + 3, steps + 1
            continue
        relative = word == "whose" or word == "," and i + 1 < s.end and words[i + 1] == "whose"  # 'X, whose loss'
        if (word not in cues.between_after and not word.isdigit() and not relative) or s.at.get(i) is not None:
            break
        i, steps = i + 1, steps + 1
    before_kind, start = None, gene.token_start
    position, steps, listed_past = gene.token_start, 0, False
    pathway = gene.token_end < s.end and words[gene.token_end] in PATHWAY_WORDS and words[gene.token_end] != "-"
    while position > s.start and steps <= 5:
        hit = s.phrases.alteration_before(position, s.start)
        if hit is not None:
            # past a list, a noun's ('loss of X or Y'), not a verb's objects ('suppressed X and Y': the verb's own)
            if not (listed_past and hit[1] == "manipulation" and words[position - 1] != "of"):
                start, before_kind = hit
            break
        named = s.at.get(position - 1)
        if named is not None and named.label == "GENE" and named.canonical == gene.canonical:
            position = named.token_start  # 'overexpression of the breast cancer resistance protein ABCG2'
            continue
        described = s.at.get(position - 2) if words[position - 1] in cues.descriptor_nouns else None
        if described is not None and described.label == "GENE":  # 'high expression of the EGFR ligands EREG'
            position, steps = described.token_start, steps + 1
            continue
        described = _appositive_alteration(s, position, gene) if words[position - 1] == "," else None
        if described is not None:  # 'high expression of the EGFR ligand, amphiregulin (AREG), was ...'
            start, before_kind = described
            break
        before = position - 2
        if before > s.start and words[before] == ")":  # 'epiregulin (EREG) and amphiregulin': past the symbol
            opening = s.nearest_opening(before, max(s.start, before - 4))
            before = opening - 1 if opening is not None else before
        listed = s.at.get(before) if words[position - 1] in COORDINATION and before >= s.start else None
        if listed is not None and listed.label in ("GENE", "VARIANT") and not pathway:  # not 'the JAK/STAT3 pathway'
            # 'loss of either MSH2 or MLH1', 'coexpression of EGFRvIII and PTEN'
            position, steps, listed_past = listed.token_start, steps + 1, True
            continue
        if words[position - 1] not in cues.between_before or named is not None:
            break
        position, steps = position - 1, steps + 1
    if before_kind is None:
        start, before_kind = _before_unknown_name(s, gene) or (start, None)
    return _phrase_alteration(s, cues, gene, start, end, [before_kind, after_kind])


def _phrase_alteration(s: Sentence, cues: Cues, gene: Mention, start: int, end: int, kinds: list) -> Alteration | None:
    """The gene-level alteration its phrase's alteration words (`kinds`, None where there is none) name."""
    if "silencing" in kinds or "downregulation" in kinds:
        # RNAi is an experiment (direction flips); epigenetic silencing or lower levels in tumours are low expression
        experiment = s.has("experimental", s.start, s.end)
        # 'downregulation of X reduces D resistance', 'X gene silencing enhances sensitivity': acting on a response
        verb = end
        while verb < s.end and (s.words[verb] in MODALS or s.words[verb] in cues.gap_adverbs):
            verb += 1  # 'downregulation of X could significantly reduce ...'
        acting = any(s.has(f"mod_{verbs}", verb, verb + 1) for verbs in ("enhance", "reverse", "restore", "overcome"))
        silenced = experiment or (
            (acting or s.has("model_systems", s.start, s.end)) and not s.has("epigenetic", s.start, s.end))
        resolved = {"silencing": "manipulation" if silenced else "low expression",
                    "downregulation": "manipulation" if experiment or acting else "low expression"}
        kinds = [resolved.get(k, k) for k in kinds]
    if not any(kinds):
        return None
    kind = next((k for k in kinds if k and k != "manipulation"), "expression")
    return Alteration(gene, start, end, kind, gene_only=True, manipulated="manipulation" in kinds)


def _anaphoric_alterations(s: Sentence, cues: Cues, found: list[Alteration]) -> list[Alteration]:
    """'ERCC1 and RRM1 are repair genes, and overexpression of these genes confers resistance to D': an
    alteration phrase before a gene anaphor alters the genes named before it in the sentence that have no
    alteration of their own."""
    altered = {a.mention.attrs.get("gene") or a.mention.canonical for a in found}
    anaphoric = []
    for b, e in s.has("anaphors", s.start, s.end):
        hit = s.phrases.alteration_before(b, s.start)
        if s.words[e - 1] not in cues.gene_anaphor_heads or hit is None:
            continue
        for gene in s.mentions:
            if gene.label == "GENE" and gene.token_end <= hit[0] and gene.canonical not in altered \
                    and is_hgnc_gene(gene) and not qualifies_drug(s, cues, gene):
                alteration = _phrase_alteration(s, cues, gene, hit[0], e, [hit[1]])
                if alteration is not None:
                    anaphoric.append(alteration)
    return anaphoric


def _appositive_alteration(s: Sentence, start: int, gene: Mention) -> tuple[int, str] | None:
    """'low levels of the DNA repair enzyme, MGMT, are ...': an alteration phrase before a short description
    ('the ...', no mention in it but a hyphenated modifier: 'the EGFR-binding ligand') that the gene (its phrase
    starting at `start`, after a comma), closed by a comma, stands in apposition to; its (start, kind)."""
    end = gene.token_end
    end = s.past_bracket(end, 5)
    if end >= s.end or s.words[end] != ",":
        return None
    for k in range(start - 2, max(s.start, start - 8) - 1, -1):
        named = s.at.get(k)
        if named is not None and (named.token_end >= s.end or s.words[named.token_end] != "-"):
            return None
        if s.words[k] in ("the", "a", "an"):
            return s.phrases.alteration_before(k, s.start)
    return None


def _contrasted(s: Sentence, cues: Cues, phrases: str, width: int) -> set[int]:
    """Tokens inside the scope (up to `width` tokens, or a comma) of a `phrases` phrase ('in contrast to ER
    mutations', 'regardless of KRAS status'); a drug arm is the whole scope when the phrase names one ('compared
    with crizotinib in ALK-positive NSCLC')."""
    tokens = set()
    for _, end in s.has(phrases, s.start, s.end):
        arm_end = drug_arm_end(s, cues, end)
        if arm_end is not None:
            tokens.update(range(end, arm_end))
            continue
        stop = end
        while stop < s.end and stop - end < width and s.words[stop] not in (",", ";", ".", ")"):
            stop += 1
        tokens.update(range(end, stop + 1))
    return tokens


def _label(s: Sentence, cues: Cues, alteration: Alteration) -> str | None:
    """'resistance mutation T790M' -> resistance; 'activating mutation L858R' -> sensitizing."""
    for word in reversed(s.words[max(s.start, alteration.start - 3):alteration.start]):
        if word in cues.resistance_labels:
            return "resistance"
        if word in cues.sensitizing_labels:
            return "sensitizing"
    after = s.words[alteration.end:min(s.end, alteration.end + 6)]
    for offset, word in enumerate(after):
        if s.mention_at(alteration.end + offset, ("VARIANT",)) is not None:
            break
        if word in ("resistance", "resistant") and offset + 1 < len(after) and \
                after[offset + 1] in ("biomarker", "marker", "mutation", "mutations"):
            return "resistance"
    return None


def _drop_head_nouns(members: list[Alteration], text: str) -> list[Alteration]:
    """'a missense mutation in KIT exon 13 (K642E)': the singular gene-level word is K642E's head noun; 'the
    BCR-ABL1 T315I mutation': the fusion right before a variant of its gene names that gene."""
    specific_genes = {m.mention.attrs.get("gene") for m in members
                      if not m.gene_only and m.mention.attrs.get("variant_type") not in (None, "gene_level")}
    kept = []
    for member in members:
        mention = member.mention
        singular = mention.label == "VARIANT" and mention.attrs.get("variant_type") == "gene_level" and \
            text[mention.start:mention.end].lower() in GENE_LEVEL_WORDS
        if not (singular and mention.attrs.get("gene") in specific_genes) and not _names_variant_gene(member, members):
            kept.append(member)
    return kept or members


def _names_variant_gene(member: Alteration, members: list[Alteration]) -> bool:
    """A fusion followed (behind at most a hyphen) by a variant of its gene: 'BCR-ABL1 T315I'."""
    mention = member.mention
    return mention.attrs.get("variant_type") == "fusion" and not member.gene_only and any(
        0 <= other.mention.token_start - mention.token_end <= 1 and other.mention.label == "VARIANT"
        and other.mention.attrs.get("gene") == mention.attrs.get("gene") for other in members)
