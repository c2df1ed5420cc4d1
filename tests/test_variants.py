"""Tests of the variant grammar: one positive and at least one negative case per family."""
import pytest

from extractor.variants import VariantFinder, VariantMatch


@pytest.fixture(scope="module")
def finder() -> VariantFinder:
    return VariantFinder.from_file()


def one(finder, text) -> VariantMatch:
    found = finder.find(text)
    assert len(found) == 1, found
    return found[0]


def spans(finder, text):
    return [(v.start, v.end, v.normalized, v.canonical) for v in finder.find(text)]


# --- protein substitutions ------------------------------------------------

def test_one_letter_substitution(finder):
    v = one(finder, "HER2 L755S")
    assert (v.start, v.end, v.text) == (5, 10, "L755S")
    assert (v.variant_type, v.normalized, v.canonical) == ("protein", "p.Leu755Ser", "L755S")
    assert v.gene_text is None and not v.needs_gene


@pytest.mark.parametrize("text,norm,canon", [
    ("Leu755Ser", "p.Leu755Ser", "L755S"),
    ("p.L755S", "p.Leu755Ser", "L755S"),
    ("p.(Leu755Ser)", "p.Leu755Ser", "L755S"),
    ("p.Leu755Ser", "p.Leu755Ser", "L755S"),
    ("T790M", "p.Thr790Met", "T790M"),
    ("Cys 23 Ser", "p.Cys23Ser", "C23S"),
    ("Gly(388)Arg", "p.Gly388Arg", "G388R"),
])
def test_substitution_forms(finder, text, norm, canon):
    assert spans(finder, f"the {text} variant") == [(4, 4 + len(text), norm, canon)]


@pytest.mark.parametrize("text", ["R213*", "R213X", "Arg213Ter", "p.Arg213*", "R213stop"])
def test_stop_codons(finder, text):
    v = one(finder, text)
    assert (v.start, v.end, v.normalized, v.canonical) == (0, len(text), "p.Arg213Ter", "R213*")


@pytest.mark.parametrize("text", [
    "A549 cells", "MCF7", "H1975", "B16", "S100", "PC9", "CD340", "P450", "T4", "G1 phase",
    "T1N0M1", "in 2019", "see Figure S12A", "T47D and T98G cells", "GADD45A", "CACNA1S", "RAD51C",
    "KIF20A", "FAM161A", "pT2N1 tumours", "H2A histone", "A2A receptor", "IL-6R"])
def test_no_substitution_in_names(finder, text):
    assert finder.find(text) == []


# --- attached genes -------------------------------------------------------

@pytest.mark.parametrize("text,gene", [("HER2L755S", "HER2"), ("HER2-L755S", "HER2"), ("EGFRT790M", "EGFR")])
def test_attached_gene(finder, text, gene):
    v = one(finder, text)
    g = len(gene)
    assert (v.gene_text, v.gene_start, v.gene_end) == (gene, 0, g)
    assert (v.start, v.end) == (len(text) - 5, len(text))
    assert v.canonical == text[-5:]


@pytest.mark.parametrize("text,gene,canon", [("BRAFV600-mutant melanoma", "BRAF", "V600"),
                                             ("MEK1P124 mutations", "MEK1", "P124")])
def test_attached_gene_of_a_mutated_position(finder, text, gene, canon):
    v = one(finder, text)
    assert (v.gene_text, v.canonical, text[v.start:v.end]) == (gene, canon, canon)


def test_a_position_without_a_mutation_word_is_no_variant(finder):
    assert finder.find("BRAFV600 was sequenced") == []


@pytest.mark.parametrize("text,gene,canon", [("EGFRex19del", "EGFR", "exon 19 deletion"),
                                             ("EGFR-ex20ins", "EGFR", "exon 20 insertion")])
def test_attached_gene_of_a_short_exon_event(finder, text, gene, canon):
    v = one(finder, text)
    assert (v.gene_text, v.canonical, text[v.start:v.end]) == (gene, canon, text[-7:])


@pytest.mark.parametrize("text,found", [("EGFRm+ NSCLC", [("EGFRm+", "mutation", "EGFR")]),
                                        ("PIK3CAm tumours", [("PIK3CAm", "mutation", "PIK3CA")]),
                                        ("HER2mut MBC", [("HER2mut", "mutation", "HER2")]),
                                        ("mIDH2 AML", [("mIDH2", "mutation", "IDH2")]),
                                        ("mutKRAS tumours", [("mutKRAS", "mutation", "KRAS")]),
                                        ("ATMm, IFNm and 5 mm", []), ("mTOR and mRNA", [])])
def test_a_gene_with_an_m_written_on_is_its_mutation(finder, text, found):
    assert [(v.text, v.canonical, v.gene_symbol) for v in finder.find(text)] == found


def test_attached_gene_needs_known_symbol_without_hyphen(finder):
    assert finder.find("XYZ12L755S") == []
    v = one(finder, "IL8-251A/A genotype")
    assert (v.start, v.end, v.text, v.gene_text) == (3, 10, "-251A/A", "IL8")


def test_hyphenated_word_is_no_gene(finder):
    v = one(finder, "Non-V600E BRAF")
    assert (v.start, v.end, v.gene_text) == (4, 9, None)


# --- deletions, insertions, frameshifts -------------------------------------

@pytest.mark.parametrize("text,norm,canon", [
    ("E746_A750del", "p.Glu746_Ala750del", "E746_A750del"),
    ("p.Glu746_Ala750del", "p.Glu746_Ala750del", "E746_A750del"),
    ("A775_G776insYVMA", "p.Ala775_Gly776insTyrValMetAla", "A775_G776insYVMA"),
    ("L747_P753delinsS", "p.Leu747_Pro753delinsSer", "L747_P753delinsS"),
    ("p.Arg97fs", "p.Arg97fs", "R97fs"),
    ("p.Arg97Profs*23", "p.Arg97ProfsTer23", "R97Pfs*23"),
    ("p.G705RfsX16", "p.Gly705ArgfsTer16", "G705Rfs*16"),
    ("delE746-A750", "p.Glu746_Ala750del", "E746_A750del"),
    ("E746-A750del", "p.Glu746_Ala750del", "E746_A750del"),
    ("Y772_A775dup", "p.Tyr772_Ala775dup", "Y772_A775dup"),
])
def test_protein_edits(finder, text, norm, canon):
    v = one(finder, f"({text})")
    assert (v.start, v.end, v.variant_type, v.normalized, v.canonical) == (1, 1 + len(text), "protein", norm, canon)


@pytest.mark.parametrize("text,start,canon,norm", [
    ("BRAF V600-mutant melanoma", 5, "V600", "p.Val600"),
    ("KRAS G12 mutations", 5, "G12", "p.Gly12"),
    ("BRAF Val600 mutant", 5, "V600", "p.Val600"),
    ("IDH1 R132 alterations", 5, "R132", "p.Arg132"),
])
def test_a_residue_named_with_a_mutation_word_is_a_position_variant(finder, text, start, canon, norm):
    v = next(v for v in finder.find(text) if not v.needs_gene)
    assert (v.start, v.variant_type, v.canonical, v.normalized) == (start, "protein", canon, norm)


@pytest.mark.parametrize("text", ["in H358 mutant cells", "A549 mutant cells", "the C57 mutant mice",
                                  "BRAF V600 kinase", "codon G12 of KRAS"])
def test_a_residue_needs_a_symbol_before_and_a_mutation_word_after(finder, text):
    assert [v for v in finder.find(text) if not v.needs_gene] == []


def test_protein_edit_negative(finder):
    assert finder.find("insulin, dupilumab, Delaware, Insight, fs-FISH, A750-cells") == []


def test_unparsable_protein_falls_back(finder):
    v = one(finder, "allele 157delMTTTVP here")
    assert (v.start, v.end, v.variant_type, v.normalized) == (7, 19, "protein", "157delMTTTVP")


# --- DNA ------------------------------------------------------------------

@pytest.mark.parametrize("text,norm", [
    ("c.2264T>C", "c.2264T>C"),
    ("c.2235_2249del15", "c.2235_2249del15"),
    ("c.35G>A", "c.35G>A"),
    ("g.12345A>G", "g.12345A>G"),
    ("c.1234+1G>A", "c.1234+1G>A"),
    ("c. *469 C>A", "c.*469C>A"),
    ("IVS3+1G>A", "IVS3+1G>A"),
    ("IVS8 -2A>G", "IVS8-2A>G"),
    ("677C>T", "677C>T"),
    ("-3170G>A", "-3170G>A"),
    ("657del5", "657del5"),
    ("5382insC", "5382insC"),
    ("c.592C-->T", "c.592C>T"),
])
def test_dna(finder, text, norm):
    v = one(finder, f"a {text} change")
    assert (v.start, v.end, v.variant_type, v.normalized, v.canonical) == (2, 2 + len(text), "dna", norm, norm)


def test_dna_negative(finder):
    assert finder.find("incubated at 37C for 4 h, then 4C overnight; c. 2264 patients; g.d. 12") == []


# --- rsIDs ----------------------------------------------------------------

def test_rsid(finder):
    v = one(finder, "SNP rs121913529 was")
    assert (v.start, v.end, v.variant_type, v.normalized, v.canonical) == (4, 15, "rsid", "rs121913529", "rs121913529")
    assert one(finder, "Rs702553 at PDE4D").normalized == "rs702553"


def test_rsid_negative(finder):
    assert finder.find("RS-232 and rs12 and hrs123456") == []


# --- exon events ----------------------------------------------------------

@pytest.mark.parametrize("text,norm", [
    ("exon 20 insertion", "exon 20 insertion"),
    ("exon 20 insertions", "exon 20 insertion"),
    ("exon 19 deletions", "exon 19 deletion"),
    ("exon 14 skipping", "exon 14 skipping"),
    ("exon 11 mutations", "exon 11 mutation"),
    ("exon 9 mutant", "exon 9 mutation"),
    ("ex20ins", "exon 20 insertion"),
    ("exon 20 insertion mutations", "exon 20 insertion"),
    ("del19", "exon 19 deletion"),
    ("Del19", "exon 19 deletion"),
    ("19del", "exon 19 deletion"),
    ("exon19del", "exon 19 deletion"),
    ("20ins", "exon 20 insertion"),
])
def test_exon_events(finder, text, norm):
    v = one(finder, f"EGFR {text} in")
    assert (v.start, v.end, v.variant_type, v.normalized, v.canonical) == (5, 5 + len(text), "exon", norm, norm)


def test_exon_negative(finder):
    assert [v for v in finder.find("exon 20 of EGFR and exon 19 sequencing") if not v.needs_gene] == []
    # the compact forms name the EGFR / ERBB2 kinase exons 18-21 only; 'del17p' is a chromosome arm
    assert [v.variant_type for v in finder.find("del17p, del(5q) and 12del cases") if not v.needs_gene] == []


# --- substitutions sharing a position ---------------------------------------

def test_alternative_residues_are_one_variant_each(finder):
    found = finder.find("EGFR G719A/C/S in exon 18")
    assert [(v.start, v.end, v.text, v.canonical, v.normalized) for v in found] == [
        (5, 10, "G719A", "G719A", "p.Gly719Ala"), (11, 12, "C", "G719C", "p.Gly719Cys"),
        (13, 14, "S", "G719S", "p.Gly719Ser")]


def test_alternatives_keep_an_attached_gene_on_the_first(finder):
    first, second = finder.find("KRASG12C/D")
    assert (first.gene_text, first.canonical, second.gene_text, second.canonical) == ("KRAS", "G12C", None, "G12D")


def test_two_full_variants_with_a_slash_are_no_alternatives(finder):
    assert [v.canonical for v in finder.find("EGFR T790M/C797S")] == ["T790M", "C797S"]


# --- fusions --------------------------------------------------------------

@pytest.mark.parametrize("text,norm", [
    ("EML4-ALK", "EML4::ALK"), ("EML4::ALK", "EML4::ALK"), ("ETV6-NTRK3 fusion", "ETV6::NTRK3"),
    ("FGFR1-TACC1 fusion", "FGFR1::TACC1"), ("Bcr-Abl", "BCR::ABL"), ("bcr/abl", "BCR::ABL"),
    ("Eml4-Alk", "EML4::ALK")])
def test_fusions(finder, text, norm):
    v = finder.find(f"an {text} was")[0]
    gene_pair = text.split(" ")[0]
    assert (v.start, v.end, v.variant_type, v.normalized) == (3, 3 + len(gene_pair), "fusion", norm)


@pytest.mark.parametrize("text", ["PD-L1", "HLA-DR", "NF-KB", "MDA-MB-231", "ER-HER2", "ALK-TKI", "KIT-D816V",
                                  "Ret-Ros", "non-small", "Anti-Alk"])
def test_fusion_negative(finder, text):
    assert [v for v in finder.find(text) if v.variant_type == "fusion"] == []


# --- gene-level, copy number, expression --------------------------------------

@pytest.mark.parametrize("text,start,vtype,norm", [
    ("HER2 mutations", 5, "gene_level", "mutation"),
    ("HER2-mutant", 5, "gene_level", "mutation"),
    ("HER2 amplification", 5, "copy_number", "amplification"),
    ("HER2-amplified", 5, "copy_number", "amplification"),
    ("HER2 overexpression", 5, "expression", "overexpression"),
    ("PTEN loss", 5, "copy_number", "loss"),
    ("MYC copy number gain", 4, "copy_number", "gain"),
    ("CDKN2A deletion", 7, "copy_number", "deletion"),
])
def test_gene_level_words(finder, text, start, vtype, norm):
    v = one(finder, text)
    assert (v.start, v.end, v.variant_type, v.normalized, v.needs_gene) == (start, len(text), vtype, norm, True)


def test_gene_level_negative(finder):
    assert finder.find("non-mutated tissue, loss-of-function, mutational burden, variants") == []
    # the word after a specific variant is that variant again, not a second mention
    assert [v.text for v in finder.find("the L755S mutation")] == ["L755S"]


# --- worded changes (BioRED style) -------------------------------------------

@pytest.mark.parametrize("text,norm", [
    ("arginine 150 proline", "p.Arg150Pro"),
    ("methionine-->valine substitution at codon 404", "p.Met404Val"),
    ("arginine at amino acid position 229 by glycine", "p.Arg229Gly"),
    ("alanine for valine at position 88", "p.Val88Ala"),
    ("Glu 272 to stop", "p.Glu272Ter"),
])
def test_worded_protein_changes(finder, text, norm):
    v = one(finder, f"a {text} was")
    assert (v.start, v.end, v.variant_type, v.normalized) == (2, 2 + len(text), "protein", norm)


def test_worded_changes_need_position_or_change_word(finder):
    assert one(finder, "a threonine to alanine substitution").normalized == "Thr>Ala"
    assert finder.find("converts serine to glycine and glutamine to glutamate") == []


def test_worded_dna_changes(finder):
    v = one(finder, "a C to T transition at nucleotide 3916 in")
    assert (v.start, v.end, v.variant_type, v.normalized) == (2, 38, "dna", "3916C>T")
    assert finder.find("from A to Z and B to C") == []


def test_indel_words_and_delta(finder):
    assert [(v.start, v.end, v.text) for v in finder.find("a 32-bp deletion (CCR5 Delta32)")] == [
        (2, 16, "32-bp deletion"), (23, 30, "Delta32")]
    assert finder.find("a 32-bp fragment and delta values") == []


def test_sorted_non_overlapping(finder):
    text = "c.2264T>C (p.Leu755Ser) and rs121913529; HER2 exon 20 insertions"
    found = finder.find(text)
    assert [v.text for v in found] == ["c.2264T>C", "p.Leu755Ser", "rs121913529", "exon 20 insertions"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(text[v.start:v.end] == v.text for v in found)


def test_plain_substitutions_are_spelt_as_the_hgvs_parser_spells_them():
    from bioutils.sequences import aa1_to_aa3_lut

    from extractor.variants import _hgvs_parser, _protein_forms

    standard = "ACDEFGHIKLMNPQRSTVWY"
    for ref in standard:
        for alt in standard:
            for edit in (f"{ref}755{alt}", f"{aa1_to_aa3_lut[ref]}12{aa1_to_aa3_lut[alt]}"):
                posedit = _hgvs_parser().parse_p_posedit(edit)
                posedit.uncertain = False
                assert _protein_forms.__wrapped__(edit) == (
                    "p." + str(posedit), posedit.format(conf={"p_3_letter": False})), edit
    assert _protein_forms("L755S") == ("p.Leu755Ser", "L755S")
    assert _protein_forms("R213*") == ("p.Arg213Ter", "R213*")  # not a plain substitution: parsed by hgvs


def test_internal_tandem_duplication_is_a_variant_of_the_gene_before_it(extractor):
    record = extractor.extract("FLT3-ITD predicted poor response to chemotherapy; FLT3 internal tandem "
                               "duplications confer resistance to sorafenib. Iodide transport defect (ITD) is rare.")
    variants = [(e["text"], e["variant_type"], e["canonical"], e["gene"]) for e in record["entities"]
                if e["label"] == "VARIANT"]
    assert variants == [("ITD", "indel", "ITD", "FLT3"), ("internal tandem duplications", "indel", "ITD", "FLT3")]
    assert {(r["gene"], r["variant"], r["drug"], r["type"]) for r in record["relations"]} == {
        ("FLT3", "ITD", "chemotherapy", "RESISTANT_TO"), ("FLT3", "ITD", "sorafenib", "RESISTANT_TO")}


def test_tyrosine_kinase_domain_mutations_are_mutations_of_the_gene_before_them(extractor):
    record = extractor.extract("FLT3-TKD mutations and FLT3 tyrosine kinase domain mutations confer resistance to "
                               "quizartinib. The tyrosine kinase was mutated.")
    variants = [(e["text"], e["canonical"], e["gene"]) for e in record["entities"] if e["label"] == "VARIANT"]
    assert variants == [("TKD mutations", "TKD", "FLT3"), ("mutations", "mutation", "FLT3")]


def test_altered_after_a_hyphen_is_a_gene_level_alteration(finder):
    [v] = [v for v in finder.find("PIK3CA-altered tumours") if v.needs_gene]
    assert (v.start, v.end, v.variant_type, v.normalized) == (7, 14, "gene_level", "alteration")
    assert [v for v in finder.find("cells with altered metabolism; EGFR was altered") if v.needs_gene] == []



def test_two_genes_before_a_non_fusion_word_are_no_fusion():
    from extractor.variants import VariantFinder
    finder = VariantFinder.from_file()
    assert [v.text for v in finder.find("an EGFR-MET bispecific antibody and the HER2-HER3 heterodimer")] == []
    assert [v.normalized for v in finder.find("EML4-ALK fusions")] == ["EML4::ALK"]
    # the last two of a slash list of genes are no fusion either
    assert [v.normalized for v in finder.find("TKIs targeting ROS1/MET/ALK rearrangements")] == []
    assert [v.normalized for v in finder.find("EML4/ALK rearrangements")] == ["EML4::ALK"]


def test_variants_known_by_a_name():
    from extractor.variants import VariantFinder
    finder = VariantFinder.from_file()
    found = [(v.text, v.variant_type, v.canonical, v.gene_symbol)
             for v in finder.find("EGFRvIII, EGFR variant III and AR-V7 (ARv7), not HPV7 or FARV7; METex14 skipping, "
                                  "MET\u2206ex14")]
    assert found == [("EGFRvIII", "named", "vIII", "EGFR"), ("EGFR variant III", "named", "vIII", "EGFR"),
                     ("AR-V7", "named", "AR-V7", "AR"), ("ARv7", "named", "AR-V7", "AR"),
                     ("METex14 skipping", "named", "exon 14 skipping", "MET"),
                     ("MET\u2206ex14", "named", "exon 14 skipping", "MET")]
