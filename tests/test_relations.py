"""Relation component: every cue family, direction, coordination, reference, flags, and their negatives."""
import csv
import json

import pytest
from typer.testing import CliRunner

from conftest import relation_tuples
from extractor.rollup import rollup


def relations(extractor, text):
    return extractor.extract(text)["relations"]


def flagged_tuples(extractor, text):
    """(gene, drug, type, negated) of each relation of a text."""
    return {(r["gene"], r["drug"], r["type"], r["negated"]) for r in relations(extractor, text)}


def only(extractor, text):
    [relation] = relations(extractor, text)
    return relation


# -- the product's own examples -------------------------------------------------------

def test_drug_resistant_compound_and_potency(extractor):
    record = extractor.extract("Poziotinib is highly potent in neratinib-resistant HER2 L755S models.")
    assert relation_tuples(record) == {("ERBB2", "L755S", "neratinib", "RESISTANT_TO"),
                                       ("ERBB2", "L755S", "poziotinib", "SENSITIVE_TO")}


def test_coordinated_drugs_give_one_relation_each(extractor):
    record = extractor.extract("HER2 mutations conferred resistance to tamoxifen, fulvestrant and the "
                               "CDK4 and CDK6 inhibitor palbociclib.")
    assert relation_tuples(record) == {("ERBB2", None, d, "RESISTANT_TO")
                                       for d in ("tamoxifen", "fulvestrant", "palbociclib")}
    record = extractor.extract("KRAS mutations conferred resistance not only to cetuximab but also to panitumumab.")
    assert relation_tuples(record) == {("KRAS", None, d, "RESISTANT_TO") for d in ("cetuximab", "panitumumab")}
    # a brand's sign does not end the list; a word does
    record = extractor.extract("KRAS mutations predict poor response to Erbitux\u00ae (cetuximab) and chemotherapy.")
    assert relation_tuples(record) == {("KRAS", None, d, "RESISTANT_TO") for d in ("cetuximab", "chemotherapy")}
    record = extractor.extract("KRAS mutations predict poor response to Erbitux\u00ae in patients given chemotherapy.")
    assert relation_tuples(record) == {("KRAS", None, "cetuximab", "RESISTANT_TO")}


def test_prefix_words_in_a_drug_list_are_no_gap(extractor):
    record = extractor.extract("Both ALK mutations were sensitive to ceritinib and other next-generation "
                               "ALK inhibitors.")
    assert relation_tuples(record) == {("ALK", None, d, "SENSITIVE_TO") for d in ("ceritinib", "alk inhibitor")}
    record = extractor.extract("Both ALK mutations were sensitive to ceritinib and showed weak binding of other "
                               "ALK inhibitors.")
    assert relation_tuples(record) == {("ALK", None, "ceritinib", "SENSITIVE_TO")}


def test_a_generic_agent_stands_for_the_drugs_a_colon_lists(extractor):
    record = extractor.extract("Four drugs have significant activity against ROS1+ NSCLC: crizotinib, ceritinib, "
                               "lorlatinib, and entrectinib.")
    assert relation_tuples(record) == {("ROS1", None, d, "SENSITIVE_TO")
                                       for d in ("crizotinib", "ceritinib", "lorlatinib", "entrectinib")}
    # the drugs after the colon are the subject of a clause of their own
    assert relation_tuples(extractor.extract(
        "Several drugs are active against ALK-rearranged NSCLC: crizotinib, ceritinib and alectinib were tested "
        "in this trial.")) == set()


def test_a_positive_status_after_against_is_the_object_but_a_cell_marker_is_no_alteration(extractor):
    assert relation_tuples(extractor.extract("Crizotinib has activity against ROS1-positive NSCLC.")) == \
        {("ROS1", None, "crizotinib", "SENSITIVE_TO")}
    assert relation_tuples(extractor.extract("Crizotinib is effective in ALK+ NSCLC.")) == \
        {("ALK", None, "crizotinib", "SENSITIVE_TO")}
    assert relation_tuples(extractor.extract("Trastuzumab is an antibody against HER2.")) == set()
    assert relation_tuples(extractor.extract("CD8+ T cells were resistant to the PD-1 blocker nivolumab.")) == set()
    assert relation_tuples(extractor.extract("The CD34+ cells were resistant to imatinib.")) == set()


def test_contrasted_alteration_is_not_the_subject(extractor):
    record = extractor.extract("The HER2 mutations conferred, in contrast to ER mutations, resistance to tamoxifen.")
    assert relation_tuples(record) == {("ERBB2", None, "tamoxifen", "RESISTANT_TO")}


def test_overcome_refers_back_to_last_subject(extractor):
    record = extractor.extract("HER2 mutations conferred resistance to tamoxifen. Resistance was overcome by "
                               "combining ER-directed therapy with the HER2 kinase inhibitor neratinib.")
    assert ("ERBB2", None, "neratinib", "SENSITIVE_TO") in relation_tuples(record)
    assert ("ERBB2", None, "er-directed therapy", "SENSITIVE_TO") not in relation_tuples(record)


def test_direction_sensitive(extractor):
    record = extractor.extract("EGFR L858R tumors were sensitive to gefitinib.")
    assert relation_tuples(record) == {("EGFR", "L858R", "gefitinib", "SENSITIVE_TO")}


def test_negation_is_flagged_not_dropped(extractor):
    record = extractor.extract("EGFR L858R did not confer resistance to gefitinib.")
    [relation] = record["relations"]
    assert relation["negated"] is True and relation["type"] == "RESISTANT_TO"


def test_hedging_is_flagged(extractor):
    record = extractor.extract("EGFR T790M may confer resistance to gefitinib.")
    [relation] = record["relations"]
    assert relation["speculative"] is True and relation["negated"] is False


def test_relation_carries_sentence_and_confidence(extractor):
    text = "Background. EGFR T790M confers resistance to gefitinib in NSCLC."
    [relation] = extractor.extract(text)["relations"]
    assert relation["sentence"] == "EGFR T790M confers resistance to gefitinib in NSCLC."
    assert text[relation["sentence_start"]:relation["sentence_end"]] == relation["sentence"]
    assert 0 < relation["confidence"] <= 1
    assert relation["subtype"] is not None


def test_no_relation_without_cue(extractor):
    record = extractor.extract("Trastuzumab, a monoclonal antibody targeting HER2, was approved.")
    assert record["relations"] == []


def test_sensitize_without_a_drug_is_no_relation(extractor):
    assert relations(extractor, "IDH2 R140Q mutations sensitize the field to new questions.") == []


def test_sensitive_to_light_is_no_relation(extractor):
    assert extractor.extract("HER2 mutant cells were sensitive to light.")["relations"] == []


# -- cue families: resistance side ------------------------------------------------------

@pytest.mark.parametrize("text, drug", [
    ("KIT D816V is refractory to imatinib.", "imatinib"),                                   # refractory
    ("BRAF V600E cells were insensitive to cetuximab.", "cetuximab"),                       # insensitive
    ("Cells with PIK3CA H1047R showed reduced sensitivity to lapatinib.", "lapatinib"),     # reduced sensitivity
    ("MET amplification causes gefitinib resistance in lung cancer.", "gefitinib"),         # drug before the cue
    ("Tumours with NRAS Q61K escape from vemurafenib.", "vemurafenib"),                     # escape
    ("Cetuximab was ineffective in KRAS G12V colorectal cancer.", "cetuximab"),              # ineffective (agent)
    ("HER2 amplification is a negative predictor of anti-EGFR therapy.", "egfr inhibitor"),  # negative predictor
    ("FGFR1 amplification confers endocrine resistance.", "endocrine therapy"),             # a class word
])
def test_resistance_families(extractor, text, drug):
    relation = only(extractor, text)
    assert (relation["type"], relation["drug"], relation["negated"]) == ("RESISTANT_TO", drug, False)


def test_confers_resistance_family_is_most_confident(extractor):
    confers = only(extractor, "EGFR T790M confers resistance to erlotinib.")
    associated = only(extractor, "EGFR T790M is associated with resistance to erlotinib.")
    assert confers["type"] == associated["type"] == "RESISTANT_TO"
    assert confers["confidence"] > associated["confidence"]


def test_resistant_compound_takes_the_alteration_it_modifies(extractor):
    record = extractor.extract("Gefitinib-resistant cells harboring MET amplification were sensitive to crizotinib.")
    assert {(r["gene"], r["drug"], r["type"]) for r in record["relations"]} == {
        ("MET", "gefitinib", "RESISTANT_TO"), ("MET", "crizotinib", "SENSITIVE_TO")}


def test_a_negative_predictor_without_a_drug_is_prognostic(extractor):
    assert relations(extractor, "KRAS mutation was a negative predictor of survival after surgery.") == []


def test_resistance_words_without_a_drug_are_no_relation(extractor):
    for text in ("Resistance training improves HER2 expression in muscle.",
                 "EGFR T790M is the most common resistance mutation.",
                 "Insulin resistance was higher in carriers of the PPARG P12A variant."):
        assert relations(extractor, text) == [], text


# -- cue families: sensitivity side -----------------------------------------------------

@pytest.mark.parametrize("text, drug", [
    ("EGFR exon 19 deletion tumours are sensitive to erlotinib.", "erlotinib"),              # sensitive
    ("KRAS G12C-mutant tumors respond to sotorasib.", "sotorasib"),                          # respond
    ("Patients with EGFR L858R benefit from gefitinib.", "gefitinib"),                       # benefit
    ("BRAF V600E predicts response to vemurafenib.", "vemurafenib"),                         # predicts response
    ("Erlotinib inhibited the growth of EGFR L858R cells.", "erlotinib"),                    # inhibit growth
    ("Osimertinib is effective in EGFR T790M tumours.", "osimertinib"),                      # effective
    ("Poziotinib is highly potent in HER2 L755S models.", "poziotinib"),                     # potent
    ("Neratinib synergized with fulvestrant in HER2 L755S models.", "neratinib"),            # synergize
    ("Sotorasib is approved for the treatment of KRAS G12C non-small cell lung cancer.", "sotorasib"),  # indication
    ("IDH2 R140Q mutations sensitize AML cells to enasidenib.", "enasidenib"),                # sensitize
])
def test_sensitivity_families(extractor, text, drug):
    relation = only(extractor, text)
    assert (relation["type"], relation["drug"], relation["negated"]) == ("SENSITIVE_TO", drug, False)


@pytest.mark.parametrize("text, expected", [
    ("Bcl-XL showed no correlation with cisplatin sensitivity.", {("BCL2L1", "cisplatin", "SENSITIVE_TO", True)}),
    ("Bcl-XL was not correlated with cisplatin sensitivity.", {("BCL2L1", "cisplatin", "SENSITIVE_TO", True)}),
    ("Bcl-XL showed an inverse correlation with cisplatin sensitivity.",
     {("BCL2L1", "cisplatin", "RESISTANT_TO", False)}),
    ("AXL does not cause resistance to erlotinib.", {("AXL", "erlotinib", "RESISTANT_TO", True)}),
    ("SLFN11 is required for the response to olaparib.", {("SLFN11", "olaparib", "SENSITIVE_TO", False)}),
    ("BRCA1 defects determine sensitivity to cisplatin.", {("BRCA1", "cisplatin", "SENSITIVE_TO", False)}),
    ("OCT1 is apparently not a valid biomarker for imatinib resistance.",
     {("SLC22A1", "imatinib", "RESISTANT_TO", True)}),
    ("SLFN11 is a predictor for response to olaparib.", {("SLFN11", "olaparib", "SENSITIVE_TO", False)}),
    ("VEGFA was not predictive for bevacizumab-based treatment benefit.",
     {("VEGFA", "bevacizumab", "SENSITIVE_TO", True)}),
    ("SLFN11 was measured; the assay is a biomarker for response to olaparib.", set()),
    ("Resistance to imatinib was not mediated by PDGFRB.", {("PDGFRB", "imatinib", "RESISTANT_TO", True)}),
    ("Secondary resistance to imatinib is not related to PDGFRB.", {("PDGFRB", "imatinib", "RESISTANT_TO", True)}),
    ("Resistance to imatinib is related to PDGFRB.", {("PDGFRB", "imatinib", "RESISTANT_TO", False)}),
    ("IDH1 mutations are unrelated to the temozolomide response.", {("IDH1", "temozolomide", "SENSITIVE_TO", True)}),
    ("SLFN11 was measured, and a washout is required for the response to olaparib.", set()),
    ("Bcl-XL was measured, and no correlation with cisplatin sensitivity was seen.", set()),
])
def test_a_bare_gene_as_the_subject_of_a_correlation(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"], r["negated"]) for r in extractor.extract(text)["relations"]} == expected


@pytest.mark.parametrize("text, expected", [
    ("Patients with PDGFRB fusions were treated with 400 mg/d imatinib and achieved a CHR.",
     {("PDGFRB", "imatinib", "SENSITIVE_TO", False)}),
    ("Patients with PDGFRB fusions received 400 mg/d imatinib and achieved a CHR.",
     {("PDGFRB", "imatinib", "SENSITIVE_TO", False)}),
    ("Patients with KIT D816V treated with imatinib did not achieve a CR.",
     {("KIT", "imatinib", "SENSITIVE_TO", True)}),
    ("The PCR assay detected KIT D816V in patients treated with imatinib.", set()),
    ("Patients with PDGFRB fusions were screened, and 400 mg/d imatinib caused fatigue.", set()),
])
def test_response_abbreviations_and_doses(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"], r["negated"]) for r in extractor.extract(text)["relations"]} == expected


@pytest.mark.parametrize("text, expected", [
    ("Overexpression of ABCG2 increased the IC50 of mitoxantrone 30-fold and that of topotecan 12-fold.",
     {("ABCG2", "mitoxantrone", "RESISTANT_TO"), ("ABCG2", "topotecan", "RESISTANT_TO")}),
    ("ABCG2 overexpression increased resistance to mitoxantrone 30-fold, and that effect was seen with cisplatin.",
     {("ABCG2", "mitoxantrone", "RESISTANT_TO")}),
    ("Survivin may represent a mechanism of resistance to docetaxel.", {("BIRC5", "docetaxel", "RESISTANT_TO")}),
    ("PFS in patients with ESR1 mutations was also improved with elacestrant.",
     {("ESR1", "elacestrant", "SENSITIVE_TO")}),
    ("PFS in patients with ESR1 mutations was improved in the trial of many agents together with elacestrant.", set()),
])
def test_fold_changes_in_drug_lists_and_represented_mechanisms(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in extractor.extract(text)["relations"]} == expected


@pytest.mark.parametrize("text, expected", [
    ("Neither ESR1 nor PIK3CA mutations were associated with benefit from palbociclib.",
     {("ESR1", "palbociclib", "SENSITIVE_TO", True), ("PIK3CA", "palbociclib", "SENSITIVE_TO", True)}),
    ("The BRAF V600E mutation was not predictive of benefit from the addition of irinotecan to fluorouracil.",
     {("BRAF", "irinotecan", "SENSITIVE_TO", True)}),
    ("BRAF V600E predicted benefit from the use of irinotecan.", {("BRAF", "irinotecan", "SENSITIVE_TO", False)}),
    ("BRAF V600E predicted the response of patients to the use of irinotecan.",
     {("BRAF", "irinotecan", "SENSITIVE_TO", False)}),
    ("BRAF V600E predicted the response of patients to radiotherapy; irinotecan caused diarrhoea.", set()),
])
def test_nor_lists_and_predicted_benefit_of_a_use(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"], r["negated"]) for r in extractor.extract(text)["relations"]} == expected


@pytest.mark.parametrize("text, expected", [
    ("Re-biopsy at relapse after an initial response to pembrolizumab revealed mutations in JAK1.",
     {("JAK1", "pembrolizumab", "RESISTANT_TO")}),
    ("Responses to venetoclax were short-lived in TP53-mutated patients.", {("TP53", "venetoclax", "RESISTANT_TO")}),
    ("Responses to venetoclax were transient in TP53-mutated patients.", {("TP53", "venetoclax", "RESISTANT_TO")}),
    ("Responses to venetoclax were durable in TP53-mutated patients.", {("TP53", "venetoclax", "SENSITIVE_TO")}),
])
def test_relapse_after_an_initial_response_and_short_lived_responses(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in extractor.extract(text)["relations"]} == expected


def test_overcome_resistance_makes_the_agent_sensitive(extractor):
    record = extractor.extract("Osimertinib overcomes resistance in EGFR T790M-positive cells.")
    assert relation_tuples(record) == {("EGFR", "T790M", "osimertinib", "SENSITIVE_TO")}


def test_restored_sensitivity_means_resistance_to_that_drug(extractor):
    record = extractor.extract("Sorafenib restored sensitivity to cetuximab of colorectal cancer cells carrying "
                               "KRAS G13D.")
    assert relation_tuples(record) == {("KRAS", "G13D", "cetuximab", "RESISTANT_TO"),
                                       ("KRAS", "G13D", "sorafenib", "SENSITIVE_TO")}


@pytest.mark.parametrize("text, expected", [
    ("Re-expression of wild-type PTEN in glioblastoma cells restored sensitivity to erlotinib.",
     {("PTEN", "erlotinib", "SENSITIVE_TO", False)}),  # restored by the gene itself
    ("Depletion of AXL restored sensitivity to erlotinib.", {("AXL", "erlotinib", "RESISTANT_TO", False)}),
    ("Sorafenib restored sensitivity to cetuximab in KRAS-mutant cells.",
     {("KRAS", "sorafenib", "SENSITIVE_TO", False), ("KRAS", "cetuximab", "RESISTANT_TO", False)}),
])
def test_who_restores_sensitivity_sets_the_direction(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


def test_cells_transfected_with_a_wild_type_gene_overexpress_it(extractor):
    text = "HEK293 cells transfected with wild-type ABCG2 displayed 12-fold resistance to mitoxantrone."
    assert relation_tuples(extractor.extract(text)) == {("ABCG2", None, "mitoxantrone", "RESISTANT_TO")}
    # a wild-type host is still no subject
    assert relations(extractor, "Patients with wild-type KRAS were treated with cetuximab.") == []


def test_a_class_qualified_by_a_drug_is_that_drug(extractor):
    text = "TYMS overexpression was associated with resistance to 5-fluorouracil-based adjuvant chemotherapy."
    assert flagged_tuples(extractor, text) == {("TYMS", "fluorouracil", "RESISTANT_TO", False)}
    text = "TYMS overexpression was associated with resistance to fluorouracil and adjuvant chemotherapy."
    assert flagged_tuples(extractor, text) == {("TYMS", "fluorouracil", "RESISTANT_TO", False),
                                               ("TYMS", "chemotherapy", "RESISTANT_TO", False)}


def test_enhancing_agent_is_sensitive_and_enhanced_drug_gets_nothing(extractor):
    record = extractor.extract("AT-101 enhances gefitinib sensitivity in NSCLC cells with EGFR T790M mutations.")
    assert relation_tuples(record) == {("EGFR", "T790M", "gossypol", "SENSITIVE_TO")}


def test_sensitivity_words_without_a_drug_claim_are_no_relation(extractor):
    for text in ("A highly sensitive assay detected EGFR mutations in patients treated with erlotinib.",
                 "Erlotinib was given to all patients with EGFR mutations.",
                 "Patients with HER2 amplification were sensitive to light.",
                 "The glucose response element binds ATF4 in carriers of KRAS mutations."):
        assert relations(extractor, text) == [], text


# -- direction ---------------------------------------------------------------------------

def test_expression_level_alteration_with_poor_response(extractor):
    relation = only(extractor, "High expression of ABCB1 was associated with poor response to paclitaxel.")
    assert (relation["gene"], relation["variant"], relation["drug"], relation["type"]) == \
        ("ABCB1", None, "paclitaxel", "RESISTANT_TO")


def test_bare_gene_expression_and_methylation(extractor):
    assert relation_tuples(extractor.extract("IL7 expression correlated with chemoresistance to cisplatin.")) == \
        {("IL7", None, "cisplatin", "RESISTANT_TO")}
    assert relation_tuples(extractor.extract(
        "Patients were more sensitive to irinotecan when SULF2 was methylated.")) == \
        {("SULF2", None, "irinotecan", "SENSITIVE_TO")}


def test_knockdown_flips_direction(extractor):
    relation = only(extractor, "Knockdown of XRCC1 enhanced sensitivity to etoposide.")
    assert (relation["gene"], relation["type"]) == ("XRCC1", "RESISTANT_TO")


def test_antisense_against_a_gene_is_a_manipulation(extractor):
    assert relation_tuples(extractor.extract(
        "Antisense oligonucleotides against BCL2 increased the sensitivity of lymphoma cells to doxorubicin.")) == \
        {("BCL2", None, "doxorubicin", "RESISTANT_TO")}
    assert relation_tuples(extractor.extract(
        "Transfection of ERCC1 antisense cDNA increased the sensitivity of the cells to cisplatin.")) == \
        {("ERCC1", None, "cisplatin", "RESISTANT_TO")}
    # without the antisense construct the transfected gene is overexpressed
    assert relation_tuples(extractor.extract(
        "Transfection of ERCC1 cDNA increased the sensitivity of the cells to cisplatin.")) == \
        {("ERCC1", None, "cisplatin", "SENSITIVE_TO")}


def test_blunting_a_drug_effect_is_resistance(extractor):
    assert relation_tuples(extractor.extract("MGMT expression blunted the cytotoxic effect of temozolomide.")) == \
        {("MGMT", None, "temozolomide", "RESISTANT_TO")}
    assert relation_tuples(extractor.extract("Loss of RB1 prevented palbociclib-induced growth arrest.")) == \
        {("RB1", None, "palbociclib", "RESISTANT_TO")}
    # a measurement named as a method states nothing; a finding after it does
    assert relation_tuples(extractor.extract(
        "We measured palbociclib-induced growth arrest in cells with RB1 loss and in parental cells.")) == set()
    assert relation_tuples(extractor.extract(
        "We measured growth and found that RB1 loss prevented palbociclib-induced growth arrest.")) == \
        {("RB1", None, "palbociclib", "RESISTANT_TO")}


def test_an_alteration_phrase_reaches_a_gene_name_the_lexicon_lacks_before_its_symbol(extractor):
    record = extractor.extract("Overexpression of excision repair cross complementing group 1 (ERCC1), a DNA repair "
                               "enzyme, is associated with resistance to cisplatin.")
    assert relation_tuples(record) == {("ERCC1", None, "cisplatin", "RESISTANT_TO")}
    # no alteration phrase before the name: the bare symbol is no subject
    record = extractor.extract("Resistance to cisplatin was studied in the excision repair cross complementing "
                               "group 1 (ERCC1) gene.")
    assert relation_tuples(record) == set()


@pytest.mark.parametrize("text, expected", [
    ("Patients with the XRCC1 A/A genotype are more sensitive to cisplatin.", ("XRCC1", None)),
    ("Patients with XRCC1 399A/A genotype are more sensitive to cisplatin.", ("XRCC1", "399A/A")),
])
def test_a_named_allele_pair_is_a_genotype_not_a_status(extractor, text, expected):
    relation = only(extractor, text)
    assert (relation["gene"], relation["variant"], relation["type"]) == expected + ("SENSITIVE_TO",)


def test_reduced_modifier_flips_direction(extractor):
    assert only(extractor, "KRAS G12D reduced sensitivity to cetuximab.")["type"] == "RESISTANT_TO"
    assert only(extractor, "KRAS G12D increased sensitivity to cetuximab.")["type"] == "SENSITIVE_TO"


def test_modifier_window_counts_words_not_punctuation(extractor):
    assert only(extractor, "KRAS G12D gave limited radiographic/PSA responses to cetuximab.")["type"] == \
        "RESISTANT_TO"
    assert only(extractor, "KRAS G12D reduced tumour growth and raised the sensitivity to cetuximab.")["type"] == \
        "SENSITIVE_TO"


def test_direction_per_clause(extractor):
    record = extractor.extract("Tumors harboring EGFR L858R were sensitive to erlotinib, whereas tumors with "
                               "KRAS G12C were resistant to cetuximab.")
    assert relation_tuples(record) == {("EGFR", "L858R", "erlotinib", "SENSITIVE_TO"),
                                       ("KRAS", "G12C", "cetuximab", "RESISTANT_TO")}


def test_gene_naming_a_drug_target_is_not_an_alteration(extractor):
    assert relations(extractor, "EGFR TKI resistance was studied with BRAF inhibitors.") == []
    assert relations(extractor, "Trastuzumab targeting HER2 shows efficacy.") == []
    assert relations(extractor, "EGFR tyrosine kinase inhibitor resistance was studied with BRAF inhibitors.") == []
    # 'kinase' names the protein unless an inhibitor word follows
    assert relation_tuples(extractor.extract("Activation of the AXL kinase causes resistance to erlotinib.")) == {
        ("AXL", None, "erlotinib", "RESISTANT_TO")}


# -- coordination -------------------------------------------------------------------------

def test_coordinated_alterations_each_get_the_relation(extractor):
    record = extractor.extract("PIK3CA E545K and H1047R confer resistance to lapatinib.")
    assert relation_tuples(record) == {("PIK3CA", "E545K", "lapatinib", "RESISTANT_TO"),
                                       ("PIK3CA", "H1047R", "lapatinib", "RESISTANT_TO")}
    # a joiner that repeats the preposition before the first alteration coordinates the next one
    record = extractor.extract("Resistance to osimertinib is caused by EGFR C797S or by MET amplification.")
    assert relation_tuples(record) == {("EGFR", "C797S", "osimertinib", "RESISTANT_TO"),
                                       ("MET", None, "osimertinib", "RESISTANT_TO")}
    for text in ("Resistance to osimertinib was caused by EGFR C797S and accompanied by MET amplification.",
                 "Resistance to osimertinib was caused by EGFR C797S, as shown by MET amplification in these cells."):
        assert relation_tuples(extractor.extract(text)) == {("EGFR", "C797S", "osimertinib", "RESISTANT_TO")}


def test_a_gene_shorthand_gives_one_relation_per_gene(extractor):
    record = extractor.extract("BRCA1/2 mutations confer sensitivity to olaparib, and CD55/59 overexpression "
                               "conferred resistance to rituximab.")
    assert relation_tuples(record) == {("BRCA1", None, "olaparib", "SENSITIVE_TO"),
                                       ("BRCA2", None, "olaparib", "SENSITIVE_TO"),
                                       ("CD55", None, "rituximab", "RESISTANT_TO"),
                                       ("CD59", None, "rituximab", "RESISTANT_TO")}
    # both relations of a member pair point at the one mention
    subjects = {r["gene"]: r["subject"] for r in record["relations"] if r["drug"] == "olaparib"}
    assert subjects["BRCA1"] == subjects["BRCA2"]
    assert relations(extractor, "BRCA1/2 testing was done before olaparib was approved.") == []


def test_gene_level_class_with_examples(extractor):
    record = extractor.extract("Erlotinib is used as first-line treatment for tumours harboring EGFR mutations "
                               "such as exon 19 deletion and L858R.")
    assert relation_tuples(record) == {("EGFR", v, "erlotinib", "SENSITIVE_TO")
                                       for v in (None, "exon 19 deletion", "L858R")}


def test_but_not_to_drug_is_negated(extractor):
    record = extractor.extract("BRAF V600E cells were resistant to cetuximab but not to vemurafenib.")
    flags = {(r["drug"], r["negated"]) for r in record["relations"]}
    assert flags == {("cetuximab", False), ("vemurafenib", True)}
    # 'but not' right before a cue denies that cue
    for text in ("HER2 amplification is associated with tamoxifen resistance, but not resistance to letrozole.",
                 "HER2 amplification is associated with tamoxifen resistance but not with resistance to letrozole."):
        flags = {(r["drug"], r["negated"]) for r in extractor.extract(text)["relations"]}
        assert flags == {("tamoxifen", False), ("letrozole", True)}, text


@pytest.mark.parametrize("text", [
    "T315I is resistant to all approved TKIs except ponatinib.",
    "T315I is resistant to approved tyrosine kinase inhibitors, with the exception of ponatinib.",
])
def test_a_drug_excepted_from_a_claim_is_denied(extractor, text):
    # 'approved' after a quantifier or a preposition is an adjective, neither a cue nor a stop for the drug list
    assert flagged_tuples(extractor, text) == {("ABL1", "tyrosine kinase inhibitor", "RESISTANT_TO", False),
                                               ("ABL1", "ponatinib", "RESISTANT_TO", True)}


def test_time_to_progression_on_a_drug_is_a_measure_not_a_progression(extractor):
    text = "The median time to progression on imatinib was longer for patients with KIT exon 11 mutations."
    assert relations(extractor, text) == []
    text = "Patients with KIT exon 11 mutations progressed on imatinib."
    assert flagged_tuples(extractor, text) == {("KIT", "imatinib", "RESISTANT_TO", False)}


@pytest.mark.parametrize("text, expected", [
    ("KRAS mutation, but not BRAF mutation, predicted resistance to cetuximab.",
     {("KRAS", "cetuximab", "RESISTANT_TO", False), ("BRAF", "cetuximab", "RESISTANT_TO", True)}),
    ("EGFR amplification but not KRAS mutation was associated with resistance to cetuximab.",
     {("EGFR", "cetuximab", "RESISTANT_TO", False), ("KRAS", "cetuximab", "RESISTANT_TO", True)}),
    ("The AACC haplotype but not the S1613G variant of BRCA1 was associated with poor overall survival in patients "
     "treated with platinum combination chemotherapy.", {("BRCA1", "platinum", "RESISTANT_TO", True)}),
    # 'except' denies the subject it names, before or after the cue
    ("All patients except those with KRAS mutations responded to cetuximab.",
     {("KRAS", "cetuximab", "SENSITIVE_TO", True)}),
    ("Patients responded to cetuximab, except those with KRAS mutations.",
     {("KRAS", "cetuximab", "SENSITIVE_TO", True)}),
    ("Cetuximab was effective in EGFR-amplified but not in KRAS-mutant tumours.",
     {("EGFR", "cetuximab", "SENSITIVE_TO", False), ("KRAS", "cetuximab", "SENSITIVE_TO", True)}),
    # 'not all' is a quantifier: most are sensitive
    ("Most, but not all, NRAS-mutated melanoma cell lines are sensitive to MEK inhibition.",
     {("NRAS", "mek inhibitor", "SENSITIVE_TO", False)}),
    ("NRAS-mutated melanoma cell lines are not sensitive to MEK inhibition.",
     {("NRAS", "mek inhibitor", "SENSITIVE_TO", True)}),
])
def test_a_subject_after_but_not_is_denied_and_the_one_before_affirmed(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


def test_figures_in_brackets_stand_between_a_cue_and_its_drug(extractor):
    text = ("EGFR mutations (n = 20) were associated with an improved response rate (65% vs 10%; P < 0.001) to "
            "gefitinib.")
    assert flagged_tuples(extractor, text) == {("EGFR", "gefitinib", "SENSITIVE_TO", False)}


def test_two_mentions_of_one_alteration_give_one_relation(extractor):
    record = extractor.extract("The epidermal growth factor receptor (EGFR) is overexpressed in tumors resistant to "
                               "cetuximab.")
    assert [(r["gene"], r["drug"], r["type"]) for r in record["relations"]] == [("EGFR", "cetuximab", "RESISTANT_TO")]
    record = extractor.extract("EGFR mutations and EGFR amplification confer resistance to cetuximab.")
    assert len(record["relations"]) == 2  # two alterations of one gene stay two subjects


@pytest.mark.parametrize("text, expected", [
    ("Cells with EGFR L858R and BRAF V600E were sensitive to erlotinib and vemurafenib, respectively.",
     {("EGFR", "L858R", "erlotinib", "SENSITIVE_TO"), ("BRAF", "V600E", "vemurafenib", "SENSITIVE_TO")}),
    ("KRAS and BRAF mutations confer resistance to cetuximab and panitumumab, respectively.",
     {("KRAS", None, "cetuximab", "RESISTANT_TO"), ("BRAF", None, "panitumumab", "RESISTANT_TO")}),
    ("KRAS and BRAF mutations confer resistance to cetuximab and panitumumab.",  # no 'respectively': every pair
     {(g, None, d, "RESISTANT_TO") for g in ("KRAS", "BRAF") for d in ("cetuximab", "panitumumab")}),
])
def test_respectively_pairs_subjects_and_drugs_in_order(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_resistance_mutation_beats_activating_one(extractor):
    record = extractor.extract("H1975 cells carry EGFR with activating mutation L858R and resistance mutation "
                               "T790M and are resistant to erlotinib.")
    assert relation_tuples(record) == {("EGFR", "T790M", "erlotinib", "RESISTANT_TO")}


# -- combination therapy -------------------------------------------------------------------

def test_combination_overcoming_resistance_credits_the_added_agent(extractor):
    record = extractor.extract("HER2 mutations conferred resistance to fulvestrant. Resistance was overcome by "
                               "combining fulvestrant with neratinib.")
    assert relation_tuples(record) == {("ERBB2", None, "fulvestrant", "RESISTANT_TO"),
                                       ("ERBB2", None, "neratinib", "SENSITIVE_TO")}


def test_combination_that_is_effective_credits_both_drugs(extractor):
    record = extractor.extract("The combination of trametinib and dabrafenib was effective in BRAF V600E melanoma.")
    assert relation_tuples(record) == {("BRAF", "V600E", "trametinib", "SENSITIVE_TO"),
                                       ("BRAF", "V600E", "dabrafenib", "SENSITIVE_TO")}


def test_overcome_without_earlier_resistance_is_no_relation(extractor):
    assert relations(extractor, "EGFR is expressed in tumours. Resistance was overcome by adding neratinib.") == []


# -- cross-sentence reference --------------------------------------------------------------

def test_this_mutation_refers_to_the_last_variant(extractor):
    record = extractor.extract("We detected EGFR T790M in two patients. This mutation confers resistance to erlotinib.")
    [relation] = record["relations"]
    assert (relation["gene"], relation["variant"], relation["drug"]) == ("EGFR", "T790M", "erlotinib")
    assert relation["sentence"] == "This mutation confers resistance to erlotinib."
    assert relation["confidence"] < only(extractor, "EGFR T790M confers resistance to erlotinib.")["confidence"]


def test_reference_needs_an_anaphor_and_a_recent_alteration(extractor):
    assert relations(extractor, "We detected EGFR T790M in two patients. Patients received erlotinib. "
                                "Resistance to erlotinib developed in all.") == []
    assert relations(extractor, "These mutations confer resistance to erlotinib.") == []


def test_an_anaphor_before_the_cue_refers_to_an_alteration_of_an_earlier_clause(extractor):
    text = "p53 mutations were frequent in our cohort; this gene might be predictive of anthracycline resistance."
    [relation] = relations(extractor, text)
    assert (relation["gene"], relation["alteration"], relation["drug"], relation["type"], relation["speculative"]) \
        == ("TP53", "mutation", "anthracycline", "RESISTANT_TO", True)
    # nothing named before the anaphor: no subject
    assert relations(extractor, "Our data indicate that this gene might be predictive of anthracycline resistance.") \
        == []


def test_an_alteration_of_a_gene_anaphor_alters_the_genes_named_before_it(extractor):
    text = "ERCC1 and RRM1 are repair genes, and overexpression of these genes confers resistance to cisplatin."
    assert relation_tuples(extractor.extract(text)) == {("ERCC1", None, "cisplatin", "RESISTANT_TO"),
                                                        ("RRM1", None, "cisplatin", "RESISTANT_TO")}
    text = "ERCC1 was measured, and knockdown of this gene sensitized the cells to cisplatin."
    assert relation_tuples(extractor.extract(text)) == {("ERCC1", None, "cisplatin", "RESISTANT_TO")}
    # a gene whose own alteration is named keeps it; no alteration phrase before the anaphor, no new subject
    text = ("KRAS mutations and ERCC1 were measured, and overexpression of these genes conferred resistance to "
            "cisplatin.")
    assert relation_tuples(extractor.extract(text)) == {("ERCC1", None, "cisplatin", "RESISTANT_TO")}
    text = "ERCC1 and RRM1 are repair genes, and these genes were measured in patients treated with cisplatin."
    assert relation_tuples(extractor.extract(text)) == set()


DESIGN = "We treated 30 patients with ROS1-rearranged lung cancer with crizotinib. "


def test_a_result_sentence_takes_the_study_design_of_the_sentence_before(extractor):
    record = extractor.extract(DESIGN + "The objective response rate was 72%.")
    [relation] = record["relations"]
    assert (relation["gene"], relation["drug"], relation["type"], relation["negated"]) == (
        "ROS1", "crizotinib", "SENSITIVE_TO", False)
    assert relation["sentence"] == "The objective response rate was 72%." and relation["confidence"] < 0.5
    [relation] = relations(extractor, DESIGN + "No objective responses were observed.")
    assert (relation["gene"], relation["type"], relation["negated"]) == ("ROS1", "SENSITIVE_TO", True)


def test_a_design_may_name_its_patients_by_an_anaphor_and_its_result_the_drug(extractor):
    text = ("About 40% of anaplastic thyroid carcinomas carry BRAF V600E. We treated 26 such patients with "
            "dabrafenib in combination with trametinib. Fifteen patients (58%) achieved an objective response.")
    assert relation_tuples(extractor.extract(text)) == {("BRAF", "V600E", "dabrafenib", "SENSITIVE_TO"),
                                                        ("BRAF", "V600E", "trametinib", "SENSITIVE_TO")}
    text = DESIGN + "Crizotinib produced an objective response rate of 72%."
    assert relation_tuples(extractor.extract(text)) == {("ROS1", None, "crizotinib", "SENSITIVE_TO")}
    # a drug the design did not give is no result of it
    assert relations(extractor, DESIGN + "Cisplatin produced an objective response rate of 20%.") == []


def test_a_result_naming_a_title_drug_is_said_of_the_title_population(extractor):
    title = "Alectinib after crizotinib failure in ALK-rearranged lung cancer: a phase II study. "
    text = title + "We enrolled 62 patients. The objective response rate to alectinib was 51.6%."
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)
            if r["drug"] == "alectinib"} == {("ALK", "alectinib", "SENSITIVE_TO")}
    # a drug the title does not name, or a title without an alteration, gives no population
    assert relations(extractor, title + "We enrolled 62 patients. The response rate to cisplatin was 20%.") == []
    text = "Alectinib in lung cancer. We enrolled 62 patients. The objective response rate to alectinib was 51.6%."
    assert relations(extractor, text) == []


@pytest.mark.parametrize("text", [
    DESIGN + "Toxicity was mild. The objective response rate was 72%.",  # not the next sentence
    "Crizotinib targets ROS1-rearranged lung cancer. The objective response rate was 72%.",  # no treatment
    DESIGN + "Responses were assessed every 8 weeks by RECIST.",  # a method, no result
])
def test_a_result_sentence_needs_a_design_right_before_it(extractor, text):
    assert relations(extractor, text) == []


# -- negation and hedging ------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("Patients with BRAF V600E did not benefit from cetuximab.", "SENSITIVE_TO"),
    ("KRAS G12D was not associated with response to cetuximab.", "SENSITIVE_TO"),
    ("TP53 R248Q cells show no difference in sensitivity to etoposide.", "SENSITIVE_TO"),
    ("EGFR L858R did not confer resistance to gefitinib.", "RESISTANT_TO"),
])
def test_negated_relations_keep_the_predicate_type(extractor, text, kind):
    relation = only(extractor, text)
    assert (relation["type"], relation["negated"]) == (kind, True)


def test_but_not_in_another_disease_adds_a_negated_copy(extractor):
    record = extractor.extract("BRAF V600E predicts response to vemurafenib in melanoma but not in colorectal cancer.")
    assert {(r["type"], r["negated"]) for r in record["relations"]} == {("SENSITIVE_TO", False),
                                                                        ("SENSITIVE_TO", True)}


def test_not_only_is_no_negation(extractor):
    relation = only(extractor, "EGFR T790M not only confers resistance to gefitinib but also grows faster.")
    assert relation["negated"] is False


@pytest.mark.parametrize("text", [
    "These findings suggest that PIK3CA H1047R confers resistance to trastuzumab.",
    "PIK3CA H1047R is a potential mediator of resistance to trastuzumab.",
    "Does PIK3CA H1047R predict response to alpelisib?",
])
def test_hedged_relations(extractor, text):
    relation = only(extractor, text)
    assert relation["speculative"] is True and relation["negated"] is False


def test_reported_result_is_not_hedged(extractor):
    relation = only(extractor, "It was reported that loss of PTEN could confer resistance to trastuzumab.")
    assert relation["speculative"] is False


def test_study_aims_and_acquired_resistance_of_hosts_are_no_relation(extractor):
    for text in ("To investigate whether EGFR T790M confers resistance to erlotinib, we sequenced tumours.",
                 "We assessed whether response to erlotinib was related to EGFR amplification.",
                 "Patients with EGFR-mutant NSCLC who developed resistance to gefitinib were enrolled.",
                 "Most patients with EGFR mutations eventually develop acquired resistance to gefitinib.",
                 "Patients with EGFR-mutant NSCLC develop acquired resistance to gefitinib.",
                 "BRAF V600E melanoma cell lines displayed a range of sensitivities to vemurafenib.",
                 "PURPOSE: To determine whether patients with ALK rearrangements respond to crizotinib.",
                 "BRAF V600E melanoma clones selected for vemurafenib resistance displayed ERK reactivation.",
                 "A375 cells with BRAF V600E were selected for resistance to vemurafenib by continuous exposure.",
                 "We enrolled 62 patients whose tumours harboured ALK fusions and who had progressed on crizotinib.",
                 "Patients with KRAS G12C-mutated NSCLC who had progressed after platinum-based chemotherapy were "
                 "randomised.",
                 "Objective: We evaluated whether patients with ALK rearrangements respond to crizotinib."):
        assert relations(extractor, text) == [], text
    # an open question or a call for study after the cue is no finding
    for text in ("The sensitivity of uncommon EGFR mutations to TKIs is still unclear.",
                 "Further study of the efficacy of imatinib in PDGFRA-mutant GIST is warranted.",
                 "The efficacy of trastuzumab deruxtecan in patients with HER2-mutant NSCLC has not been investigated "
                 "extensively.",
                 "Little is known about predictors of imatinib response beyond the FIP1L1-PDGFRA fusion."):
        assert relations(extractor, text) == [], text
    # an open question about something else leaves the claim
    text = ("Trastuzumab deruxtecan showed activity in patients with HER2-mutant NSCLC, although its long-term safety "
            "has not been established.")
    assert relation_tuples(extractor.extract(text)) == {("ERBB2", None, "trastuzumab deruxtecan", "SENSITIVE_TO")}
    text = "Although the mechanism is still unclear, EGFR mutations confer sensitivity to gefitinib."
    assert relation_tuples(extractor.extract(text)) == {("EGFR", None, "gefitinib", "SENSITIVE_TO")}
    # a finding in those hosts, or a progression as the main verb, is a claim
    record = extractor.extract("Samples from patients with CLL who relapsed on ibrutinib identified a BTK C481S "
                               "mutation.")
    assert relation_tuples(record) == {("BTK", "C481S", "ibrutinib", "RESISTANT_TO")}
    assert relation_tuples(extractor.extract("All 21 patients with PDGFRA D842V progressed on imatinib.")) == {
        ("PDGFRA", "D842V", "imatinib", "RESISTANT_TO")}
    # a call for study in a relative clause after the claim leaves the claim
    text = ("Patients with KRAS mutations have an unfavorable outcome with venetoclax, for which new strategies are "
            "needed.")
    assert relation_tuples(extractor.extract(text)) == {("KRAS", None, "venetoclax", "RESISTANT_TO")}
    # a structured abstract's heading is no aim of its own
    assert relation_tuples(extractor.extract("Purpose: Patients with ALK rearrangements respond to crizotinib.")) \
        == {("ALK", None, "crizotinib", "SENSITIVE_TO")}


def test_acquired_resistance_of_hosts_takes_the_mutations_named_after_it(extractor):
    text = ("NSCLC patients harboring ALK or ROS1 rearrangements invariably acquire resistance to the first- and "
            "second-generation tyrosine kinase inhibitors (TKIs), most notably ALK G1202R and ROS1 G2032R.")
    assert relation_tuples(extractor.extract(text)) == {
        ("ALK", "G1202R", "tyrosine kinase inhibitor", "RESISTANT_TO"),
        ("ROS1", "G2032R", "tyrosine kinase inhibitor", "RESISTANT_TO")}


def test_a_drug_resistant_mutation_phrase_is_a_cue_though_resistant_mutations_alone_is_not(extractor):
    text = "We identified crizotinib-resistant mutations in the ROS1 kinase domain."
    assert relation_tuples(extractor.extract(text)) == {("ROS1", None, "crizotinib", "RESISTANT_TO")}
    assert relations(extractor, "Resistant mutations in EGFR were found in patients given gefitinib.") == []


@pytest.mark.parametrize("text", ["RhoB was down-regulated in gemcitabine-resistant PC cells.",
                                  "RhoB was up-regulated in gemcitabine-resistant PC cells."])
def test_a_hyphenated_alteration_word_after_a_gene(extractor, text):
    assert relation_tuples(extractor.extract(text)) == {("RHOB", None, "gemcitabine", "RESISTANT_TO")}


def test_coordinated_drugs_with_abbreviations_before_a_cue(extractor):
    text = "TS over-expression is a major mechanism of 5-fluorouracil (5-FU) and tomudex (TDX) resistance."
    assert {r["drug"] for r in extractor.extract(text)["relations"]} == {"fluorouracil", "raltitrexed"}


def test_acquired_resistance_linked_to_a_new_mutation(extractor):
    record = extractor.extract("Acquired resistance to erlotinib associated with a novel EGFR T854A mutation.")
    assert relation_tuples(record) == {("EGFR", "T854A", "erlotinib", "RESISTANT_TO")}


@pytest.mark.parametrize("text, expected", [
    ("Cetuximab is widely used in colorectal cancer; however, KRAS mutations confer resistance.",
     {("KRAS", None, "cetuximab", "RESISTANT_TO")}),
    ("Cetuximab is widely used in colorectal cancer, but KRAS mutations confer resistance.",
     {("KRAS", None, "cetuximab", "RESISTANT_TO")}),
    # two drugs before the clause: which one is meant is not said
    ("Cetuximab and bevacizumab are used in colorectal cancer, but KRAS mutations confer resistance.", set()),
])
def test_a_drugless_resistance_clause_takes_the_one_drug_of_the_clause_before(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Although imatinib is highly effective in CML, mutations in the ABL1 kinase domain confer resistance.",
     {("ABL1", "imatinib", "RESISTANT_TO", False)}),
    # the fronted clause's comma ends a coordination of alterations too
    ("Although responses to erlotinib were seen in patients with EGFR mutations, KRAS mutations predicted resistance.",
     {("EGFR", "erlotinib", "SENSITIVE_TO", False)}),
    # a list comma does not end the fronted clause
    ("Although gefitinib is effective in EGFR-mutant, KRAS-wild-type tumours, KRAS mutations confer resistance.",
     {("EGFR", "gefitinib", "SENSITIVE_TO", False), ("KRAS", "gefitinib", "RESISTANT_TO", False)}),
])
def test_an_agent_cue_in_a_fronted_clause_takes_no_subject_past_it(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The FDA approved selpercatinib as the first treatment for NSCLC or thyroid cancer with RET gene alterations.",
     {("RET", None, "selpercatinib", "SENSITIVE_TO")}),
    ("The FDA granted accelerated approval to tepotinib for patients with NSCLC harboring MET exon 14 skipping "
     "alterations.",
     {("MET", "exon 14 skipping", "tepotinib", "SENSITIVE_TO")}),
    ("Selective FGFR inhibitors have led to the approval of pemigatinib for FGFR2 fusion-positive cholangiocarcinoma.",
     {("FGFR2", None, "pemigatinib", "SENSITIVE_TO")}),
    ("Erdafitinib is indicated to treat metastatic urothelial carcinoma with FGFR3 alterations.",
     {("FGFR3", None, "erdafitinib", "SENSITIVE_TO")}),
    # an adjective, a passive and an approval without an alteration are no approval of a drug for an alteration
    ("Sorafenib increased the expression of MT1G mRNA in cancer cells, an effect that was not observed with eight "
     "other clinically-approved kinase inhibitors.", set()),
    ("In polycythaemia vera with JAK2 V617F, ruxolitinib is approved after hydroxyurea failure.", set()),
    ("The approval of trastuzumab changed the treatment of breast cancer.", set()),
])
def test_approvals_and_indications(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Selpercatinib is effective in treating tumors with RET alterations.",
     {("RET", None, "selpercatinib", "SENSITIVE_TO")}),
    ("Lorlatinib is a new inhibitor of ALK for treating ALK-positive NSCLC.",
     {("ALK", None, "lorlatinib", "SENSITIVE_TO")}),
    ("ROS1-rearranged NSCLC can be treated effectively with crizotinib.",
     {("ROS1", None, "crizotinib", "SENSITIVE_TO")}),
    # a class in apposition, and its bracketed abbreviation, say what the drug is
    ("Osimertinib is a third-generation tyrosine kinase inhibitor (TKI) that has been used to treat EGFR mutant lung "
     "cancers.", {("EGFR", None, "osimertinib", "SENSITIVE_TO")}),
    ("ROS1-rearranged NSCLC can be treated effectively with crizotinib, a tyrosine kinase inhibitor (TKI) targeting "
     "ROS1.",
     {("ROS1", None, "crizotinib", "SENSITIVE_TO")}),
    ("However, the gatekeeper mutation T790M in EGFR can confer resistance to tyrosine kinase inhibitors (TKIs).",
     {("EGFR", "T790M", "tyrosine kinase inhibitor", "RESISTANT_TO")}),
    # coordinated agents of a light verb
    ("In RET-rearranged NSCLC patients, vandetanib and lenvatinib have shown some efficacy.",
     {("RET", None, "vandetanib", "SENSITIVE_TO"), ("RET", None, "lenvatinib", "SENSITIVE_TO")}),
    ("p53 disruption rendered cells strikingly resistant to 5-fluorouracil.",
     {("TP53", None, "fluorouracil", "RESISTANT_TO")}),
    ("We used cisplatin to treat TP53-mutant cells for 24 hours.", set()),
])
def test_treatment_verbs_light_verbs_and_appositions(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a drug-resistance mutation named without its gene takes the gene it is known in
    ("Mutations predisposing to dasatinib resistance such as F317C/V and V299L did not occur before dasatinib "
     "exposure.",
     {("ABL1", "F317C", "dasatinib", "RESISTANT_TO"), ("ABL1", "F317V", "dasatinib", "RESISTANT_TO"),
      ("ABL1", "V299L", "dasatinib", "RESISTANT_TO")}),
    ("SLFN11 has emerged as a promising predictor of sensitivity to cisplatin.",
     {("SLFN11", None, "cisplatin", "SENSITIVE_TO")}),
    ("SLFN11 was identified as a predictive biomarker of sensitivity to lurbinectedin.",
     {("SLFN11", None, "lurbinectedin", "SENSITIVE_TO")}),
    ("SLFN11 was identified in a screen of 60 lines, and cisplatin sensitivity was measured.", set()),
    ("p53 disruption rendered cells resistant to the effects of the antimetabolite 5-fluorouracil.",
     {("TP53", None, "fluorouracil", "RESISTANT_TO")}),
    ("KRAS-mutant cells were resistant to the effects of hypoxia, not of cisplatin.", set()),
])
def test_known_resistance_mutations_role_phrases_and_drug_effects(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text", [
    "Despite the success of vemurafenib in treating patients with BRAF-mutant metastatic melanoma, most patients "
    "ultimately develop resistance.",
    "Although gefitinib is active in EGFR-mutant NSCLC, tumours invariably develop resistance.",
])
def test_resistance_the_hosts_develop_after_an_adverb_is_not_the_alterations(extractor, text):
    assert not [r for r in relations(extractor, text) if r["type"] == "RESISTANT_TO"]


@pytest.mark.parametrize("text, expected", [
    ("To investigate whether MET amplification is associated with osimertinib resistance, we analysed 50 patients.",
     set()),
    ("We investigated whether MET amplification causes resistance and found that it was associated with osimertinib "
     "resistance.", {("MET", None, "osimertinib", "RESISTANT_TO")}),
])
def test_a_claim_word_inside_the_aims_question_keeps_it_an_aim(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("BRCA2 plays a key role in docetaxel resistance.", {("BRCA2", None, "docetaxel", "RESISTANT_TO")}),
    ("MLH1-proficient cells were more sensitive to cisplatin than MLH1-deficient cells.",
     {("MLH1", None, "cisplatin", "SENSITIVE_TO")}),
    ("BRCA2 plays a key role in DNA repair, and docetaxel is given in prostate cancer.", set()),
])
def test_a_role_in_resistance_and_proficiency(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("5-FU acts by inhibiting thymidylate synthase (TS), and high levels of TS correlate with resistance to "
     "treatment with fluoropyrimidines.", {("TYMS", None, "fluoropyrimidine", "RESISTANT_TO", False)}),
    ("Inhibiting TS sensitized cells to 5-FU.", {("TYMS", None, "fluorouracil", "RESISTANT_TO", False)}),
])
def test_a_drugs_own_inhibition_of_a_gene_is_no_alteration(extractor, text, expected):
    found = {(r["gene"], r["variant"], r["drug"], r["type"], r["negated"]) for r in relations(extractor, text)}
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("A small number of lines lacking a BRAF mutation were sensitive to CI-1040 but resistant to vemurafenib.", set()),
    ("Patients without KRAS mutations responded to cetuximab.", set()),
    ("Cells lacking PTEN were resistant to trastuzumab.", {("PTEN", None, "trastuzumab", "RESISTANT_TO")}),
    # a CML response term is one cue, so the undirected verb before it reaches it
    ("ABCB1 haplotypes are associated with P-gp activity and affect a major molecular response in CML patients "
     "treated with imatinib.", set()),
])
def test_absent_alterations_and_undirected_molecular_responses(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Mechanisms of resistance to osimertinib in EGFR-mutant NSCLC include MET amplification.",
     {("MET", None, "osimertinib", "RESISTANT_TO")}),
    ("The mechanisms of resistance to osimertinib include MET amplification and HER2 amplification.",
     {("MET", None, "osimertinib", "RESISTANT_TO"), ("ERBB2", None, "osimertinib", "RESISTANT_TO")}),
    ("Mechanisms of resistance to osimertinib in EGFR-mutant NSCLC were studied.", set()),
    ("MET amplification, by contrast, is a recognised mechanism of acquired resistance to osimertinib in EGFR-mutant "
     "lung cancer.", {("MET", None, "osimertinib", "RESISTANT_TO")}),
    # a gene family named by a variant after it is no subject
    ("Secondary mutations in the MAPK/Erk signaling pathway conferred resistance to BRAF inhibitors.", set()),
])
def test_mechanisms_of_resistance_name_hosts_after_and_list_subjects(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Bruton tyrosine kinase (BTK) and PLCG2 mutations are associated with ibrutinib resistance.",
     {("BTK", None, "ibrutinib", "RESISTANT_TO"), ("PLCG2", None, "ibrutinib", "RESISTANT_TO")}),
    # a gene named before its own variants gets no gene-level copy
    ("Two mutations in the PI3K catalytic, alpha polypeptide (PI3K-CA), E545K and H1047R, confer resistance to "
     "lapatinib.",
     {("PIK3CA", "E545K", "lapatinib", "RESISTANT_TO"), ("PIK3CA", "H1047R", "lapatinib", "RESISTANT_TO")}),
])
def test_a_bracketed_symbol_in_a_coordination_shares_the_alteration(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


# -- documents -------------------------------------------------------------------------------

def test_no_relations_after_boilerplate_heading(extractor):
    text = ("EGFR T790M confers resistance to erlotinib.\nSimilar articles\n"
            "KRAS G12C confers resistance to cetuximab.\n")
    assert relation_tuples(extractor.extract(text)) == {("EGFR", "T790M", "erlotinib", "RESISTANT_TO")}


def test_subject_of_relation_may_be_a_bare_gene(extractor):
    record = extractor.extract("IL7 expression correlated with chemoresistance to cisplatin.")
    [relation] = record["relations"]
    subject = next(e for e in record["entities"] if e["id"] == relation["subject"])
    assert subject["label"] == "GENE" and "variant_type" not in subject


# -- roll-up -----------------------------------------------------------------------------------

def test_rollup_counts_sentences_and_keeps_max_confidence(extractor):
    record = extractor.extract("EGFR T790M confers resistance to erlotinib. EGFR T790M tumours were refractory "
                               "to erlotinib. EGFR T790M did not confer resistance to afatinib.", doc_id="d1")
    rows = {(r["gene"], r["variant"], r["drug"], r["type"], r["negated"]): r for r in rollup([record])}
    row = rows[("EGFR", "T790M", "erlotinib", "RESISTANT_TO", False)]
    assert row["sentences"] == 2 and row["doc_id"] == "d1"
    assert row["max_confidence"] == max(r["confidence"] for r in record["relations"] if r["drug"] == "erlotinib")
    assert rows[("EGFR", "T790M", "afatinib", "RESISTANT_TO", True)]["sentences"] == 1


def test_rollup_command_writes_csv(extractor, tmp_path):
    import typer

    from extractor.rollup import rollup_command

    record = extractor.extract("EGFR T790M confers resistance to erlotinib.", doc_id="d1")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    app = typer.Typer()
    app.command("rollup")(rollup_command)
    app.command("noop")(lambda: None)
    result = CliRunner().invoke(app, ["rollup", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert (row["gene"], row["variant"], row["drug"], row["type"], row["sentences"]) == \
        ("EGFR", "T790M", "erlotinib", "RESISTANT_TO", "1")


# -- more literature phrasing ----------------------------------------------------------------

def test_coordinated_genes_share_the_alteration_word(extractor):
    record = extractor.extract("KRAS and NRAS mutations predict lack of response to panitumumab.")
    assert relation_tuples(record) == {("KRAS", None, "panitumumab", "RESISTANT_TO"),
                                       ("NRAS", None, "panitumumab", "RESISTANT_TO")}


def test_wild_type_gene_is_no_subject(extractor):
    text = ("Although cetuximab has little effect in tumors harboring KRAS mutations, patients with wild-type "
            "KRAS tumors are more likely to benefit from cetuximab.")
    assert relation_tuples(extractor.extract(text)) == {("KRAS", None, "cetuximab", "RESISTANT_TO")}


def test_status_or_genotype_has_no_direction(extractor):
    for text in ("Response to imatinib depends on KIT mutation status.",
                 "CYP2D6 genotype predicts response to tamoxifen."):
        assert relations(extractor, text) == [], text


def test_drugs_named_by_an_anaphor(extractor):
    record = extractor.extract("Some ABL1 mutations are less sensitive to nilotinib and dasatinib. "
                               "ABL1 T315I is insensitive to both.")
    assert {("ABL1", "T315I", d, "RESISTANT_TO") for d in ("nilotinib", "dasatinib")} <= relation_tuples(record)


def test_a_drug_anaphor_after_the_cue_names_all_its_drugs(extractor):
    record = extractor.extract("The BTK C481S mutation impaired binding of ibrutinib and acalabrutinib and conferred "
                               "resistance to both agents.")
    assert relation_tuples(record) == {("BTK", "C481S", d, "RESISTANT_TO") for d in ("ibrutinib", "acalabrutinib")}
    # without an anaphor a resistance cue takes only the nearest drug
    record = extractor.extract("The BTK C481S mutation impaired binding of ibrutinib and acalabrutinib and conferred "
                               "resistance.")
    assert relation_tuples(record) == {("BTK", "C481S", "acalabrutinib", "RESISTANT_TO")}


def test_a_pronoun_carried_by_a_host_refers_to_the_alteration_before(extractor):
    text = "EGFR T790M confers resistance to erlotinib, whereas cells expressing it remain sensitive to osimertinib."
    assert flagged_tuples(extractor, text) == {("EGFR", "erlotinib", "RESISTANT_TO", False),
                                               ("EGFR", "osimertinib", "SENSITIVE_TO", False)}
    record = extractor.extract("We found EGFR T790M in two patients. Cells expressing it were sensitive to "
                               "osimertinib.")
    assert relation_tuples(record) == {("EGFR", "T790M", "osimertinib", "SENSITIVE_TO")}
    # a pronoun that no host carries is no reference, nor is one without an alteration before it
    assert relations(extractor, "We found EGFR T790M in two patients. It was sensitive to osimertinib.") == []
    assert relations(extractor, "Cells expressing it were sensitive to osimertinib.") == []


@pytest.mark.parametrize("text, expected", [
    # a subject ending inside its cue
    ("AXL-mediated resistance to erlotinib was observed.", {("AXL", "erlotinib", "RESISTANT_TO", False)}),
    ("Gefitinib reversed ABCG2-mediated resistance to topotecan.",
     {("ABCG2", "gefitinib", "SENSITIVE_TO", False), ("ABCG2", "topotecan", "RESISTANT_TO", False)}),
    # an anaphoric noun phrase carried by a host
    ("The ABL1 T315I mutation confers resistance to nilotinib, but cells expressing this mutant remain sensitive "
     "to ponatinib.", {("ABL1", "nilotinib", "RESISTANT_TO", False), ("ABL1", "ponatinib", "SENSITIVE_TO", False)}),
    # resistance the host acquired; an undirected prediction; a drug added after a regimen
    ("Melanoma cells harbouring BRAF V600E that had acquired resistance to vemurafenib showed MAPK reactivation.",
     set()),
    ("ERCC1 expression may predict the response to cisplatin.", set()),
    ("Patients with HER2-positive tumours derived greater benefit from the addition of paclitaxel after "
     "doxorubicin plus cyclophosphamide.", {("ERBB2", "paclitaxel", "SENSITIVE_TO", False)}),
])
def test_subjects_and_drugs_in_longer_phrases(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a comparator arm may open with placebo or a physician's choice: its drugs are in both arms
    ("In PIK3CA-mutated breast cancer, alpelisib plus fulvestrant prolonged progression-free survival compared "
     "with placebo plus fulvestrant.", {("PIK3CA", "alpelisib", "SENSITIVE_TO", False)}),
    ("In BRAF V600E-mutated colorectal cancer, encorafenib plus cetuximab improved overall survival compared with "
     "the investigator's choice of irinotecan plus cetuximab.", {("BRAF", "encorafenib", "SENSITIVE_TO", False)}),
    # a design, not a result
    ("This phase III trial compared the efficacy of osimertinib with that of gefitinib in patients with "
     "EGFR-mutant NSCLC.", set()),
    # a course of the drug
    ("Patients with TP53 mutations had a higher response rate to a 10-day course of decitabine.",
     {("TP53", "decitabine", "SENSITIVE_TO", False)}),
    # a clause with a drug of its own does not borrow the drugs of the clause before
    ("The ABL1 T315I mutation confers resistance to imatinib, whereas ponatinib retains activity against it, with "
     "a response rate of 70% in T315I-positive patients.",
     {("ABL1", "imatinib", "RESISTANT_TO", False), ("ABL1", "ponatinib", "SENSITIVE_TO", False)}),
    ("EGFR L858R cells were resistant to cetuximab, whereas KRAS G12D cells were sensitive.",
     {("EGFR", "cetuximab", "RESISTANT_TO", False), ("KRAS", "cetuximab", "SENSITIVE_TO", False)}),
    # a long regimen the drug is added to
    ("The addition of midostaurin to standard daunorubicin and cytarabine induction and high-dose cytarabine "
     "consolidation prolonged overall survival in adults with FLT3-mutated AML.",
     {("FLT3", "midostaurin", "SENSITIVE_TO", False)}),
    # what the patients had before is no drug of the cue
    ("Selpercatinib produced an objective response rate of 64% in platinum-pretreated patients with RET "
     "fusion-positive NSCLC.", {("RET", "selpercatinib", "SENSITIVE_TO", False)}),
    # nor is a cohort's earlier treatment a later drugless cue takes
    ("Selpercatinib produced objective responses in 64% of patients with RET fusion-positive NSCLC previously "
     "treated with platinum-based chemotherapy, and responses were observed irrespective of fusion partner.",
     {("RET", "selpercatinib", "SENSITIVE_TO", False)}),
    # the resistant cells an experiment uses are no claim about its manipulated gene
    ("Knockdown of AXL in erlotinib-resistant cells restored sensitivity to erlotinib.",
     {("AXL", "erlotinib", "RESISTANT_TO", False)}),
    ("Knockdown of XRCC1 made cells resistant to etoposide.", {("XRCC1", "etoposide", "SENSITIVE_TO", False)}),
    # nor is a drug that switches an experiment on
    ("Doxycycline-inducible overexpression of CCNE1 increased the palbociclib IC50 tenfold.",
     {("CCNE1", "palbociclib", "RESISTANT_TO", False)}),
    # expression written as staining or a '-high' suffix
    ("Elevated SLFN11 immunoreactivity predicted a favourable response to topotecan.",
     {("SLFN11", "topotecan", "SENSITIVE_TO", False)}),
    ("PD-L1-high tumours derived greater benefit from pembrolizumab than PD-L1-low tumours.",
     {("CD274", "pembrolizumab", "SENSITIVE_TO", False)}),
    # the negation word is the alteration's own; a family gives nothing; a bracketed statistic is no claim
    ("Breast cancer cell lines lacking RB1 were refractory to abemaciclib.",
     {("RB1", "abemaciclib", "RESISTANT_TO", False)}),
    ("RAS mutations were associated with a lack of response to panitumumab.", set()),
    ("ERCC1 expression was not associated with response to oxaliplatin (objective response 44% vs 47%, P = 0.79).",
     {("ERCC1", "oxaliplatin", "SENSITIVE_TO", True)}),
    # a domain between gene and alteration word; effect words in a cue; every '-free' outcome
    ("Tumours with POLE exonuclease-domain mutations showed durable responses to pembrolizumab.",
     {("POLE", "pembrolizumab", "SENSITIVE_TO", False)}),
    ("Olaparib induced complete and durable regression of BRCA2-deficient xenografts.",
     {("BRCA2", "olaparib", "SENSITIVE_TO", False)}),
    ("In FLT3-mutated AML, midostaurin prolonged event-free and overall survival.",
     {("FLT3", "midostaurin", "SENSITIVE_TO", False)}),
    # a host anaphor right after an agent cue names the alteration before; an anaphor of changes does not
    ("ERBB2 amplification confers resistance to cetuximab, and trastuzumab induced objective responses in such "
     "patients.", {("ERBB2", "cetuximab", "RESISTANT_TO", False), ("ERBB2", "trastuzumab", "SENSITIVE_TO", False)}),
    ("Nestin expression rose in treated cells, and melatonin reversed these changes.", set()),
    # the gene after its codons or exons; a D-resistant host another cue acts on
    ("Mutations in codons 12 and 13 of K-ras were associated with resistance to anti-EGFR antibodies.",
     {("KRAS", "anti-egfr antibody", "RESISTANT_TO", False)}),
    ("Silencing of MCL1 by siRNA sensitized venetoclax-resistant OCI-AML3 cells to venetoclax.",
     {("MCL1", "venetoclax", "RESISTANT_TO", False)}),
    ("Downregulation of XIAP by siRNA sensitized chemoresistant ovarian cancer cells to cisplatin.",
     {("XIAP", "cisplatin", "RESISTANT_TO", False)}),
    ("Knockdown of GSTP1 sensitized cisplatin resistant A549 cells to cisplatin.",
     {("GSTP1", "cisplatin", "RESISTANT_TO", False)}),
    ("Depletion of ERCC1 sensitized the relatively resistant MKN45 cells to cisplatin.",
     {("ERCC1", "cisplatin", "RESISTANT_TO", False)}),
    ("MKN45 cells with ERCC1 overexpression were relatively resistant to cisplatin.",
     {("ERCC1", "cisplatin", "RESISTANT_TO", False)}),
    ("A patient with EGFR L858R achieved a partial response after initiation of osimertinib.",
     {("EGFR", "osimertinib", "SENSITIVE_TO", False)}),
    # a second predicate of the drug's ('D increased ... and prolonged ...'); 'CHOP chemotherapy' is a regimen
    ("Adding rituximab to CHOP chemotherapy increased the complete response rate and prolonged event-free and "
     "overall survival in patients with CD20-positive lymphoma.", {("MS4A1", "rituximab", "SENSITIVE_TO", False)}),
    # a treatment the patients had before; a drug added to a regimen after the cue
    ("Selpercatinib produced objective responses in patients with RET fusion-positive NSCLC previously treated "
     "with platinum-based chemotherapy.", {("RET", "selpercatinib", "SENSITIVE_TO", False)}),
    ("NOTCH1 mutations contribute to the reduced efficacy of rituximab added to fludarabine and cyclophosphamide.",
     {("NOTCH1", "rituximab", "RESISTANT_TO", False)}),
    # a drug list goes on past bracketed figures
    ("ESR1 mutations were associated with resistance to aromatase inhibitors (PFS 2.1 vs 8.0 months) but not to "
     "fulvestrant.", {("ESR1", "aromatase inhibitor", "RESISTANT_TO", False),
                      ("ESR1", "fulvestrant", "RESISTANT_TO", True)}),
    # a failure to predict is a negated finding; an aim to predict is none
    ("PTEN loss failed to predict resistance to trastuzumab.", {("PTEN", "trastuzumab", "RESISTANT_TO", True)}),
    ("To predict resistance to trastuzumab, we measured PTEN loss.", set()),
    # the drug of an effect; a refractory setting of another claim; a bracketed name the tokenizer left whole
    ("Overexpression of Bcl-2 conferred marked resistance to apoptosis induced by etoposide in HL-60 cells.",
     {("BCL2", "etoposide", "RESISTANT_TO", False)}),
    ("BRAF V600E was associated with lack of response to cetuximab in patients with chemotherapy-refractory "
     "colorectal cancer.", {("BRAF", "cetuximab", "RESISTANT_TO", False)}),
    ("Imatinib is approved for the treatment of patients with KIT (CD117)-positive tumours.",
     {("KIT", "imatinib", "SENSITIVE_TO", False)}),
    # a clause without a drug takes the agent of the clause before
    ("Osimertinib potently inhibited Ba/F3 cells expressing EGFR T790M, whereas acquisition of C797S rendered the "
     "cells less sensitive.", {("EGFR", "osimertinib", "SENSITIVE_TO", False),
                               ("EGFR", "osimertinib", "RESISTANT_TO", False)}),
    # a co-mutation is the subject, the population after it is not
    ("STK11 co-mutation and primary resistance to PD-1 inhibitors in KRAS-mutant lung adenocarcinoma.",
     {("STK11", "pd-1 inhibitor", "RESISTANT_TO", False)}),
    # a bracketed abbreviation of a class is that class; a worse outcome is resistance; MGMT by its full name
    ("EML4-ALK positivity was associated with resistance to EGFR tyrosine kinase inhibitors (TKIs).",
     {("ALK", "egfr tyrosine kinase inhibitor", "RESISTANT_TO", False)}),
    ("KRAS mutation was associated with shorter overall survival in patients treated with cetuximab.",
     {("KRAS", "cetuximab", "RESISTANT_TO", False)}),
    ("O6-methylguanine-DNA methyltransferase (MGMT) promoter methylation sensitizes glioblastoma to alkylating "
     "agents.", {("MGMT", "alkylating agent", "SENSITIVE_TO", False)}),
    # a gene before 'ligands' describes the genes named after it; a bracketed symbol does not end a list
    ("Sensitivity to cetuximab was higher in cell lines with high expression of the EGFR ligands epiregulin (EREG) "
     "and amphiregulin (AREG).", {("EREG", "cetuximab", "SENSITIVE_TO", False),
                                  ("AREG", "cetuximab", "SENSITIVE_TO", False)}),
    ("High expression of EGFR predicted response to cetuximab.", {("EGFR", "cetuximab", "SENSITIVE_TO", False)}),
    # experiments written around the gene; accumulation is expression
    ("RRM2-directed siRNA enhanced gemcitabine-induced cytotoxicity.",
     {("RRM2", "gemcitabine", "RESISTANT_TO", False)}),
    ("siRNA directed against c-Src enhanced gemcitabine chemosensitivity.", {("SRC", "gemcitabine", "RESISTANT_TO",
                                                                             False)}),
    ("When expression of BNIP3 was suppressed using siRNA, gemcitabine-induced cytotoxicity was much reduced.",
     {("BNIP3", "gemcitabine", "SENSITIVE_TO", False)}),
    ("Accumulation of p53 is prognostic for aromatase inhibitor resistance.",
     {("TP53", "aromatase inhibitor", "RESISTANT_TO", False)}),
    # a gene named a determinant or marker of a drug response; TUBB3 by its class name
    ("ERCC1 is a key determinant of cisplatin resistance.", {("ERCC1", "cisplatin", "RESISTANT_TO", False)}),
    ("Class III beta-tubulin is a marker of paclitaxel resistance.", {("TUBB3", "paclitaxel", "RESISTANT_TO", False)}),
    ("KRAS is a marker of poor prognosis in patients receiving cetuximab.", set()),
    # resistance that develops later is the patients', not the alteration's
    ("Lung cancer with the ALK rearrangement is sensitive to crizotinib, but resistance invariably develops.",
     {("ALK", "crizotinib", "SENSITIVE_TO", False)}),
    ("Vemurafenib produced tumor regressions in patients with BRAF V600E-mutant melanoma.",
     {("BRAF", "vemurafenib", "SENSITIVE_TO", False)}),
    ("This study aimed to correlate TYMS expression with the response to fluorouracil.", set()),  # an aim
    # outcome abbreviations; a regimen the drug is added to after the cue; an agent's outcomes
    ("Sorafenib did not significantly improve EFS when added to intensive chemotherapy in patients with FLT3-ITD AML.",
     {("FLT3", "sorafenib", "SENSITIVE_TO", True)}),
    ("Sorafenib maintenance improves outcomes after transplant for patients with FLT3-ITD AML.",
     {("FLT3", "sorafenib", "SENSITIVE_TO", False)}),
    # the drugs of a fronted arm; a placebo arm names none
    ("In the gemcitabine/cisplatin arm, patients with low RRM1 expression had longer median survival.",
     {("RRM1", "gemcitabine", "SENSITIVE_TO", False), ("RRM1", "cisplatin", "SENSITIVE_TO", False)}),
    ("In the placebo group, patients with EGFR mutations had longer survival.", set()),
    ("Patients with HER2-positive breast cancer who received trastuzumab had improved outcomes.",
     {("ERBB2", "trastuzumab", "SENSITIVE_TO", False)}),
    # a drug the hosts were treated with, written as a compound ('cetuximab-treated patients')
    ("In cetuximab-treated patients, KRAS mutation was associated with shorter progression-free survival.",
     {("KRAS", "cetuximab", "RESISTANT_TO", False)}),
    ("Gefitinib-treated patients with EGFR mutations had a higher response rate.",
     {("EGFR", "gefitinib", "SENSITIVE_TO", False)}),
    # a long 'of' phrase of what is sensitive before the drug
    ("Exquisite sensitivity of TP53 mutant and basal breast cancers to a dose-dense epirubicin-cyclophosphamide "
     "regimen.", {("TP53", "epirubicin", "SENSITIVE_TO", False), ("TP53", "cyclophosphamide", "SENSITIVE_TO", False)}),
    # a negative predictor, less likely to respond
    ("KRAS mutations are negative predictors of response to cetuximab.", {("KRAS", "cetuximab", "RESISTANT_TO", False)}),
    ("Patients with STK11 mutations are less likely to respond to durvalumab.",
     {("STK11", "durvalumab", "RESISTANT_TO", False)}),
    # a claim made regardless of an alteration is denied of it; a contrast still removes its alteration
    ("Ponatinib induced durable responses regardless of baseline BCR-ABL1 mutation status.",
     {("ABL1", "ponatinib", "SENSITIVE_TO", True)}),
    ("Alemtuzumab is effective irrespective of genetic high-risk subgroups with TP53 mutations.",
     {("TP53", "alemtuzumab", "SENSITIVE_TO", True)}),
    ("Erlotinib improved survival in tumors with or without KRAS mutations.",
     {("KRAS", "erlotinib", "SENSITIVE_TO", True)}),
    ("Erlotinib improved survival in tumors with EGFR mutations, with or without prior chemotherapy.",
     {("EGFR", "erlotinib", "SENSITIVE_TO", False)}),
    ("In contrast to ER mutations, HER2 mutations conferred resistance to tamoxifen.",
     {("ERBB2", "tamoxifen", "RESISTANT_TO", False)}),
    ("Erlotinib significantly decreased the growth of EGFR-mutant xenografts.",
     {("EGFR", "erlotinib", "SENSITIVE_TO", False)}),
    ("EGFR mutation was an independent predictor of longer survival in gefitinib-treated patients.",
     {("EGFR", "gefitinib", "SENSITIVE_TO", False)}),  # the treatment, not a past one
])
def test_arms_designs_and_courses(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


def test_an_outcome_verb_takes_the_drug_before_it(extractor):
    text = ("In the KRAS-mutant subgroup, panitumumab plus FOLFOX4 did not improve progression-free survival "
            "compared with FOLFOX4 alone.")  # the regimen is given in both arms
    assert flagged_tuples(extractor, text) == {("KRAS", "panitumumab", "SENSITIVE_TO", True)}
    text = "Imatinib did not improve relapse-free survival in patients with the PDGFRA D842V mutation."
    assert flagged_tuples(extractor, text) == {("PDGFRA", "imatinib", "SENSITIVE_TO", True)}
    text = ("In patients with FLT3-mutated AML, adding midostaurin to daunorubicin and cytarabine induction "
            "prolonged overall survival.")
    assert flagged_tuples(extractor, text) == {("FLT3", "midostaurin", "SENSITIVE_TO", False)}
    # the agent must stand close before the verb
    assert relations(extractor, "Panitumumab was given to all patients and, in the KRAS-mutant subgroup, the "
                                "new scheduling did not improve progression-free survival.") == []


def test_downstaging_after_a_drug_is_a_benefit(extractor):
    record = extractor.extract("Somatic alterations in ATM or RB1 were associated with pathological downstaging after "
                               "cisplatin-based neoadjuvant chemotherapy.")
    assert {(r["gene"], r["drug"], r["type"]) for r in record["relations"]} == {
        ("ATM", "cisplatin", "SENSITIVE_TO"), ("RB1", "cisplatin", "SENSITIVE_TO")}
    text = "Downstaging of the tumour was assessed by MRI in patients treated with cisplatin."
    assert relations(extractor, text) == []


def test_an_outcome_may_carry_a_qualifier(extractor):
    for text in ("In patients with BRCA1 mutations, olaparib was associated with longer imaging-based "
                 "progression-free survival.",
                 "Olaparib prolonged median overall survival in patients with BRCA1 mutations."):
        assert flagged_tuples(extractor, text) == {("BRCA1", "olaparib", "SENSITIVE_TO", False)}, text
    assert relations(extractor, "In patients with BRCA1 mutations, olaparib was associated with a longer "
                                "imaging-based assessment.") == []


def test_comparison_drug_gets_no_relation(extractor):
    record = extractor.extract("NSCLCs harboring EGFR mutations derive greater benefit from erlotinib than from "
                               "chemotherapy.")
    assert relation_tuples(record) == {("EGFR", None, "erlotinib", "SENSITIVE_TO")}


def test_poor_responders_and_low_expression_subjects(extractor):
    assert only(extractor, "Tumors with high MET expression responded poorly to gefitinib.")["type"] == "RESISTANT_TO"
    # 'low' belongs to the subject, it does not reverse the cue
    assert only(extractor, "Low ERCC1 expression predicts benefit from adjuvant cisplatin.")["type"] == "SENSITIVE_TO"


def test_epigenetic_silencing_is_low_expression_but_rnai_is_an_experiment(extractor):
    assert only(extractor, "MGMT gene silencing predicts benefit from temozolomide.")["type"] == "SENSITIVE_TO"
    assert only(extractor, "Silencing of MGMT by siRNA enhanced sensitivity to temozolomide.")["type"] == \
        "RESISTANT_TO"
    # in cell or animal models silencing is an experiment too, unless the sentence names the epigenetic cause
    relation = only(extractor, "In xenografts, silencing of SLFN11 conferred resistance to cisplatin.")
    assert (relation["type"], relation["alteration"]) == ("SENSITIVE_TO", "expression")
    relation = only(extractor, "MGMT silencing by promoter methylation in glioma cells predicts sensitivity to "
                               "temozolomide.")
    assert (relation["type"], relation["alteration"]) == ("SENSITIVE_TO", "low expression")
    # 'negative for X' is its low expression, as 'X-negative' is; a variant said to be absent is no subject
    relation = only(extractor, "Tumours negative for ERCC1 responded better to cisplatin.")
    assert (relation["gene"], relation["type"], relation["alteration"]) == ("ERCC1", "SENSITIVE_TO", "low expression")
    assert extractor.extract("Tumours negative for KRAS mutations responded to cetuximab.")["relations"] == []
    relation = only(extractor, "Patients who responded to the chemotherapeutic regimen had negative BCL2 expression.")
    assert (relation["gene"], relation["drug"], relation["alteration"]) == ("BCL2", "chemotherapy", "low expression")
    # 'negative' after the alteration is the predictor's sign, not the gene's level
    relation = only(extractor, "KRAS mutation was a negative predictor of response to cetuximab.")
    assert (relation["alteration"], relation["type"]) == ("mutation", "RESISTANT_TO")
    # an IC50 is measured in a model
    relation = only(extractor, "Silencing of ATP7B reduced the IC50 of cisplatin.")
    assert (relation["type"], relation["alteration"]) == ("RESISTANT_TO", "expression")
    relation = only(extractor, "Methylation-associated silencing of ATP7B reduced the IC50 of cisplatin.")
    assert (relation["type"], relation["alteration"]) == ("SENSITIVE_TO", "low expression")
    # lower levels in cells are an observation, not an experiment
    relation = only(extractor, "Downregulation of hENT1 in the cells was associated with resistance to gemcitabine.")
    assert (relation["type"], relation["alteration"]) == ("RESISTANT_TO", "low expression")


# -- general error classes: each rule with a positive and a negative case -----------------------

def test_negation_after_the_cue_reaches_a_later_subject(extractor):
    relation = only(extractor, "Resistance to gefitinib was not associated with KRAS mutations.")
    assert (relation["gene"], relation["type"], relation["negated"]) == ("KRAS", "RESISTANT_TO", True)
    assert only(extractor, "Resistance to gefitinib was associated with MET amplification.")["negated"] is False


def test_negated_partial_attribution_is_no_claim(extractor):
    assert relations(extractor, "Resistance to 5-fluorouracil cannot be assigned solely to TP53 expression.") == []
    assert relations(extractor, "Resistance to cisplatin cannot be explained by ERCC1 expression alone.") == []


def test_negation_far_from_the_later_subject_does_not_reach_it(extractor):
    relation = only(extractor, "Resistance to erlotinib, which was not observed in untreated cell lines at any "
                               "time, is caused by EGFR T790M.")
    assert (relation["variant"], relation["type"], relation["negated"]) == ("T790M", "RESISTANT_TO", False)


@pytest.mark.parametrize("text", [
    "Vemurafenib-sensitive and -resistant BRAF V600E melanoma cell lines were profiled.",
    "We compared gefitinib-resistant and gefitinib-sensitive EGFR L858R cell lines.",
    "BRAF V600E melanoma cells resistant or sensitive to vemurafenib were analysed.",
])
def test_opposite_cues_coordinated_describe_samples(extractor, text):
    assert relations(extractor, text) == [], text


def test_opposite_cues_with_their_own_drugs_are_claims(extractor):
    record = extractor.extract("HER2 L755S cells were resistant to lapatinib and sensitive to neratinib.")
    assert relation_tuples(record) == {("ERBB2", "L755S", "lapatinib", "RESISTANT_TO"),
                                       ("ERBB2", "L755S", "neratinib", "SENSITIVE_TO")}
    for text in ("HER2 L755S cells were neratinib-resistant and sensitive to poziotinib.",
                 "HER2 L755S models were neratinib-resistant and poziotinib-sensitive."):
        assert relation_tuples(extractor.extract(text)) == {("ERBB2", "L755S", "neratinib", "RESISTANT_TO"),
                                                            ("ERBB2", "L755S", "poziotinib", "SENSITIVE_TO")}, text


def test_agents_acting_on_resistance_are_sensitive(extractor):
    record = extractor.extract("Gefitinib with cetuximab had a synergistic effect on the resistance caused by "
                               "EGFR T790M.")
    assert relation_tuples(record) == {("EGFR", "T790M", "gefitinib", "SENSITIVE_TO"),
                                       ("EGFR", "T790M", "cetuximab", "SENSITIVE_TO")}
    record = extractor.extract("Afatinib plus cetuximab showed activity against the resistance mediated by EGFR T790M.")
    assert relation_tuples(record) == {("EGFR", "T790M", "afatinib", "SENSITIVE_TO"),
                                       ("EGFR", "T790M", "cetuximab", "SENSITIVE_TO")}


def test_drug_before_resistance_without_an_acting_verb_is_resisted(extractor):
    record = extractor.extract("Gefitinib treatment led to resistance caused by EGFR T790M.")
    assert ("EGFR", "T790M", "gefitinib", "SENSITIVE_TO") not in relation_tuples(record)


def test_anaphoric_agent_takes_the_drugs_of_the_sentence_before(extractor):
    record = extractor.extract("Gefitinib and erlotinib are EGFR inhibitors. These agents were ineffective in "
                               "KRAS G12C cells.")
    assert relation_tuples(record) == {("KRAS", "G12C", d, "RESISTANT_TO") for d in ("gefitinib", "erlotinib")}
    assert relations(extractor, "KRAS G12C was sequenced. These agents were ineffective in KRAS G12C cells.") == []


def test_anaphor_refers_to_named_drugs_not_the_class_said_of_them(extractor):
    record = extractor.extract("Gefitinib and erlotinib are EGFR inhibitors. EGFR T790M confers resistance to "
                               "both drugs.")
    assert relation_tuples(record) == {("EGFR", "T790M", d, "RESISTANT_TO") for d in ("gefitinib", "erlotinib")}


def test_restated_resistance_does_not_block_a_later_subject(extractor):
    record = extractor.extract("Ponatinib overcomes resistance to other tyrosine kinase inhibitors, including "
                               "resistance caused by ABL1 T315I.")
    assert {("ABL1", "T315I", "ponatinib", "SENSITIVE_TO"),
            ("ABL1", "T315I", "tyrosine kinase inhibitor", "RESISTANT_TO")} <= relation_tuples(record)
    # a cue of the other direction still blocks
    record = extractor.extract("Ponatinib is resistant to degradation and sensitive to light in ABL1 T315I cells.")
    assert relation_tuples(record) == set()


@pytest.mark.parametrize("text, drug", [
    ("BRAF V600E testing is used to select patients for treatment with vemurafenib.", "vemurafenib"),
    ("Patients with BRAF V600E melanoma are eligible for treatment with dabrafenib.", "dabrafenib"),
    ("Only patients with EGFR L858R should be treated with erlotinib.", "erlotinib"),
    ("KRAS mutation testing is used to identify patients who may benefit from cetuximab.", "cetuximab"),
    ("BRAF V600E IHC is a screening tool for the selection of patients with metastatic melanoma to be treated with "
     "vemurafenib.", "vemurafenib"),
])
def test_patient_selection_is_an_indication(extractor, text, drug):
    relation = only(extractor, text)
    assert (relation["type"], relation["drug"]) == ("SENSITIVE_TO", drug)


@pytest.mark.parametrize("text", [
    "Patients with KRAS mutations should not be treated with cetuximab.",
    "Patients with KRAS mutations are not candidates for cetuximab.",
    "Patients with KRAS mutations are ineligible for cetuximab.",
])
def test_a_denied_selection_is_a_negated_indication(extractor, text):
    relation = only(extractor, text)
    assert (relation["gene"], relation["drug"], relation["type"], relation["negated"]) == \
        ("KRAS", "cetuximab", "SENSITIVE_TO", True)


@pytest.mark.parametrize("text, expected", [
    ("Alpelisib for PIK3CA-Mutated, Hormone Receptor-Positive Advanced Breast Cancer",
     {("PIK3CA", None, "alpelisib", "SENSITIVE_TO")}),
    ("Dabrafenib plus trametinib for BRAF V600E-mutant melanoma.",
     {("BRAF", "V600E", d, "SENSITIVE_TO") for d in ("dabrafenib", "trametinib")}),
    ("Sotorasib for Lung Cancers with KRAS p.G12C Mutation", {("KRAS", "G12C", "sotorasib", "SENSITIVE_TO")}),
    # the drug does not open the sentence, or another cue states the claim
    ("Patients received gefitinib for EGFR-mutant NSCLC.", set()),
    ("Osimertinib for 3 weeks induced resistance in EGFR-mutant cells.",
     {("EGFR", None, "osimertinib", "RESISTANT_TO")}),
])
def test_drugs_opening_a_title_for_an_alteration_name_an_indication(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_selection_named_as_a_study_aim_stays_an_aim(extractor):
    text = "The aim of this study was to identify patients likely to benefit from cetuximab using KRAS mutations."
    assert relations(extractor, text) == []
    # the selection's clause ends before the drug
    assert relations(extractor, "The selection of patients with EGFR mutations is discussed; gefitinib toxicity "
                                "was mild.") == []


def test_an_alteration_targetable_with_a_drug_is_sensitive_to_it(extractor):
    record = extractor.extract("NTRK1 fusions are actionable with larotrectinib and entrectinib.")
    assert relation_tuples(record) == {("NTRK1", None, d, "SENSITIVE_TO") for d in ("larotrectinib", "entrectinib")}
    record = extractor.extract("Tumours with MET amplification may be targeted with crizotinib.")
    assert relation_tuples(record) == {("MET", None, "crizotinib", "SENSITIVE_TO")}
    assert relations(extractor, "EGFR can be targeted by cetuximab.") == []  # a drug's target, no alteration


def test_a_gene_coordinated_before_an_alteration_records_that_alteration(extractor):
    record = extractor.extract("EGFR or HER2 exon 20 insertions confer resistance to gefitinib.")
    assert {(r["gene"], r["variant"], r["alteration"]) for r in record["relations"]} == {
        ("EGFR", None, "exon 20 insertion"), ("ERBB2", "exon 20 insertion", "exon 20 insertion")}
    record = extractor.extract("MET and HER2 amplification confer resistance to osimertinib.")
    assert [r["alteration"] for r in record["relations"]] == ["amplification", "amplification"]
    record = extractor.extract("ERCC1 and BRCA1 mRNA expression levels are associated with sensitivity to cisplatin.")
    assert [r["alteration"] for r in record["relations"]] == ["expression", "expression"]


def test_suspended_hyphen_lists_give_each_gene_and_drug(extractor):
    record = extractor.extract("KRAS- or NRAS-mutant tumours were resistant to cetuximab.")
    assert relation_tuples(record) == {(g, None, "cetuximab", "RESISTANT_TO") for g in ("KRAS", "NRAS")}
    assert [r["alteration"] for r in record["relations"]] == ["mutation", "mutation"]
    record = extractor.extract("Lorlatinib was active in crizotinib- and alectinib-resistant cells with ALK G1202R.")
    assert relation_tuples(record) == {("ALK", "G1202R", "lorlatinib", "SENSITIVE_TO"),
                                       ("ALK", "G1202R", "crizotinib", "RESISTANT_TO"),
                                       ("ALK", "G1202R", "alectinib", "RESISTANT_TO")}


@pytest.mark.parametrize("text, expected", [
    ("BRAF V600E co-occurs with PIK3CA mutations and predicts resistance to cetuximab.", ("BRAF", "V600E")),
    ("Activating mutations in PIK3CA can overlap with HER2 amplification and have been shown to confer "
     "resistance to lapatinib.", ("PIK3CA", None)),
    # no second predicate: the alteration behind 'with' is the nearest subject
    ("Tumours with PIK3CA mutations and HER2 amplification are resistant to lapatinib.", None),
])
def test_second_predicate_is_said_of_the_clause_subject(extractor, text, expected):
    found = {(r["gene"], r["variant"]) for r in relations(extractor, text)}
    if expected is None:
        assert found == {("PIK3CA", None), ("ERBB2", None)}
    else:
        assert found == {expected}


def test_an_alteration_before_a_gene_list_is_said_of_each_gene(extractor):
    record = extractor.extract("Loss of either MSH2 or MLH1 was associated with resistance to cisplatin.")
    assert relation_tuples(record) == {(g, None, "cisplatin", "RESISTANT_TO") for g in ("MSH2", "MLH1")}
    record = extractor.extract("High BCL2/MYC coexpression identified tumours responsive to ibrutinib.")
    assert relation_tuples(record) == {(g, None, "ibrutinib", "SENSITIVE_TO") for g in ("BCL2", "MYC")}
    record = extractor.extract("Coexpression of EGFRvIII and PTEN was associated with response to erlotinib.")
    assert relation_tuples(record) == {("EGFR", "vIII", "erlotinib", "SENSITIVE_TO"),
                                       ("PTEN", None, "erlotinib", "SENSITIVE_TO")}
    # a gene listed before another's alteration with no word of its own keeps none
    record = extractor.extract("MSH2 and loss of MLH1 were associated with resistance to cisplatin.")
    assert relation_tuples(record) == {("MLH1", None, "cisplatin", "RESISTANT_TO")}
    # not a pathway named by its genes, nor the objects of a verb
    assert relations(extractor, "Obese rats are highly sensitized to doxorubicin-induced cardiotoxicity by "
                                "downregulating the JAK/STAT3 pathway.") == []
    record = extractor.extract("DAPT suppressed N1ICD and SKP2 in these cells. Sensitivity of these cells to Notch "
                               "inhibition and their dependence on SKP2 offer new opportunities.")
    assert record["relations"] == []


def test_an_alteration_of_a_description_is_said_of_the_gene_in_apposition(extractor):
    record = extractor.extract("Low levels of the DNA repair enzyme, O6-methylguanine DNA methyltransferase (MGMT), "
                               "are associated with sensitivity to temozolomide.")
    assert relation_tuples(record) == {("MGMT", None, "temozolomide", "SENSITIVE_TO")}
    assert record["relations"][0]["alteration"] == "low expression"
    # no closing comma: the gene is no apposition (it starts the clause), and the description has no gene
    record = extractor.extract("Low levels of the enzyme, MGMT is associated with sensitivity to temozolomide.")
    assert {r["alteration"] for r in record["relations"]} == {"expression"}


def test_treatment_given_is_no_indication(extractor):
    for text in ("Patients with EGFR mutations were treated with erlotinib.",
                 "KIT mutation status was determined before patients were treated with imatinib."):
        assert relations(extractor, text) == [], text


def test_alteration_found_at_acquired_resistance(extractor):
    for text, drug in (("EGFR T790M was identified in patients who developed resistance to erlotinib.", "erlotinib"),
                       ("EGFR T790M was detected in tumours with acquired resistance to gefitinib.", "gefitinib")):
        assert relation_tuples(extractor.extract(text)) == {("EGFR", "T790M", drug, "RESISTANT_TO")}, text
    # the carrier's own genotype did not cause the resistance it developed
    assert relations(extractor, "Patients with EGFR L858R who developed resistance to gefitinib were enrolled.") == []


def test_gene_function_without_direction_is_no_relation(extractor):
    for text in ("AKR1C1 regulates resistance to enzalutamide.",
                 "The AKR1C3 S221N variant was studied, and AKR1C3 modulates resistance to enzalutamide.",
                 "ABCB1 expression influences sensitivity to paclitaxel."):
        assert relations(extractor, text) == [], text
    assert only(extractor, "AKR1C3 overexpression confers resistance to enzalutamide.")["type"] == "RESISTANT_TO"


def test_class_named_by_its_qualifier(extractor):
    assert only(extractor, "IDH1 mutations predict response to alkylating agent chemotherapy.")["drug"] == \
        "alkylating agent"
    assert only(extractor, "TOP2A amplification predicts benefit from anthracycline-based chemotherapy.")["drug"] \
        == "anthracycline"
    assert only(extractor, "KRAS G12C tumours were sensitive to single agent chemotherapy.")["drug"] == "chemotherapy"
    assert only(extractor, "TP53-mutant CLL responds poorly to fludarabine-based chemoimmunotherapy.")["drug"] \
        == "fludarabine"


def test_drug_as_agent_of_a_light_verb(extractor):
    record = extractor.extract("Sotorasib showed durable clinical benefit in patients with KRAS G12C-mutated NSCLC.")
    assert relation_tuples(record) == {("KRAS", "G12C", "sotorasib", "SENSITIVE_TO")}
    # a drug joined to the cue by a hyphen qualifies it; no drug, no relation
    for text in ("Cisplatin-induced sensitization of neurons was higher in cells with TP53 R175H.",
                 "KRAS G12C cells showed a durable response."):
        assert relations(extractor, text) == [], text


def test_shorter_progression_free_survival_on_a_drug_is_resistance(extractor):
    relation = only(extractor, "The PIK3CA H1047R mutation was associated with shorter progression-free survival "
                               "on trastuzumab.")
    assert (relation["variant"], relation["drug"], relation["type"]) == ("H1047R", "trastuzumab", "RESISTANT_TO")


@pytest.mark.parametrize("text, expected", [
    # each outcome may be written another way, and so may its alternates
    ("Patients with ESR1 mutations had decreased progression free survival on anastrozole.", "RESISTANT_TO"),
    ("Patients with NOTCH1-mutated disease experienced inferior PFS with ofatumumab.", "RESISTANT_TO"),
    ("Patients with ESR1 mutations had reduced overall survival on anastrozole.", "RESISTANT_TO"),
    ("Patients with ESR1 mutations had a worse time to progression on anastrozole.", "RESISTANT_TO"),
    ("High ERCC1 expression was associated with reduced survival in patients treated with cisplatin.", "RESISTANT_TO"),
    ("Patients with ESR1 mutations had longer progression free survival on anastrozole.", "SENSITIVE_TO"),
    # a cell's survival is no patient outcome
    ("Knockdown of ESR1 reduced survival of MCF7 cells.", None),
    ("Patients with ESR1 mutations had decreased progression-free survival.", None),  # no drug
])
def test_outcomes_written_other_ways(extractor, text, expected):
    assert {r["type"] for r in relations(extractor, text)} == ({expected} if expected else set())


@pytest.mark.parametrize("text, expected", [
    ("Overexpression of Pak1 in primary tumours predicts tamoxifen failure.", {("PAK1", "tamoxifen", "RESISTANT_TO")}),
    ("KIT exon 9 mutations are associated with imatinib failure.", {("KIT", "imatinib", "RESISTANT_TO")}),
    # the cohort's history, or an organ's failure, is no claim
    ("Alectinib after crizotinib failure in ALK-rearranged non-small cell lung cancer.", set()),
    ("Patients with KRAS mutations developed renal failure after cetuximab.", set()),
])
def test_a_drug_failure_is_resistance(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == expected


def test_a_nuclear_localization_is_an_expression(extractor):
    text = "Overexpression or nuclear localization of p21-activated kinase 1 (Pak1) predicts tamoxifen failure."
    assert {(r["gene"], r["alteration"], r["drug"]) for r in relations(extractor, text)} == {
        ("PAK1", "expression", "tamoxifen")}
    assert relations(extractor, "The nuclear localization of EGFR was studied in cells given cetuximab.") == []


@pytest.mark.parametrize("text, expected", [
    ("KRAS mutation has negative predictive value for response to cetuximab.", "RESISTANT_TO"),
    ("ERCC1 expression had a positive predictive value for benefit from cisplatin.", "SENSITIVE_TO"),
    # a test's accuracy is no marker role
    ("The negative predictive value of plasma EGFR testing was 80% in patients treated with erlotinib.", None),
])
def test_a_predictive_value_names_its_direction(extractor, text, expected):
    assert {r["type"] for r in relations(extractor, text)} == ({expected} if expected else set())


@pytest.mark.parametrize("text, expected", [
    # two genotypes compared by a percentage each: the lower arm is the resistant one
    ("Responses to olaparib were seen in 76% (13/17) of men with BRCA2 mutations versus 0% (0/6) of men with ATM "
     "mutations.", {("BRCA2", "SENSITIVE_TO"), ("ATM", "RESISTANT_TO")}),
    ("The response rate to imatinib was 20% in patients with KIT exon 9 mutations and 80% in those with exon 11 "
     "mutations.", {("KIT", "RESISTANT_TO"), ("KIT", "SENSITIVE_TO")}),
    # equal figures say no direction; one figure compares nothing
    ("Responses to olaparib were seen in 40% of men with BRCA2 mutations and 40% of men with ATM mutations.",
     {("BRCA2", "SENSITIVE_TO")}),
    ("Responses to olaparib were seen in 76% of men with BRCA2 mutations and in men with ATM mutations.",
     {("BRCA2", "SENSITIVE_TO")}),
])
def test_genotypes_compared_by_figures(extractor, text, expected):
    assert {(r["gene"], r["type"]) for r in relations(extractor, text) if not r["negated"]} == expected


@pytest.mark.parametrize("text, expected", [
    # an absence reaches every gene of a list, also after another attribute of the host
    ("Pembrolizumab improved survival in patients without EGFR/ALK aberrations.", set()),
    ("Pembrolizumab improved survival in patients without EGFR or ALK aberrations.", set()),
    ("Pembrolizumab improved survival in patients with a PD-L1 score of 50% or greater and without EGFR/ALK "
     "aberrations.", set()),
    ("Pembrolizumab improved survival in patients with EGFR or ALK aberrations.", {"EGFR", "ALK"}),
    ("Objective responses were rare in tumours lacking detectable KIT or PDGFRA mutations.", set()),
    ("Erlotinib improved survival in tumors with and without KRAS mutations.", {"KRAS"}),  # a comparison
])
def test_an_absent_alteration_is_no_subject(extractor, text, expected):
    assert {r["gene"] for r in relations(extractor, text)} == expected


def test_an_implicit_drug_class_gives_its_named_examples(extractor):
    text = ("AR amplification emerges as acquired resistance after treatment with AR antagonists such as "
            "bicalutamide and enzalutamide.")
    assert {r["drug"] for r in relations(extractor, text)} == {"bicalutamide", "enzalutamide"}
    text = "AR amplification emerges as acquired resistance after treatment with AR antagonists and taxanes."
    assert {r["drug"] for r in relations(extractor, text)} == {"ar antagonist", "taxane"}  # no examples: a list


def test_a_resistance_qualifier_inside_a_cue(extractor):
    relation = only(extractor, "The T790M mutation confers acquired resistance to gefitinib.")
    assert (relation["variant"], relation["drug"], relation["type"]) == ("T790M", "gefitinib", "RESISTANT_TO")
    # a negative quantifier over the first claim does not reach the next one
    text = ("None of the patients with PDGFRA D842V-mutant GIST responded to imatinib, supporting the view that this "
            "substitution confers primary resistance.")
    assert flagged_tuples(extractor, text) == {("PDGFRA", "imatinib", "SENSITIVE_TO", True),
                                               ("PDGFRA", "imatinib", "RESISTANT_TO", False)}


@pytest.mark.parametrize("text, expected", [
    ("The IC50 of erlotinib was 100-fold higher in EGFR T790M cells.", "RESISTANT_TO"),
    ("The IC50 of erlotinib was threefold lower in cells with EGFR L858R.", "SENSITIVE_TO"),
    # a figure is no word between the verb and its comparative, but a phrase is
    ("The IC50 of erlotinib was measured in cells with EGFR T790M and in cells with higher MET.", None),
])
def test_a_fold_figure_before_a_trailing_comparative(extractor, text, expected):
    assert {r["type"] for r in relations(extractor, text) if not r["negated"]} == ({expected} if expected else set())


@pytest.mark.parametrize("text, expected", [
    ("In patients with ESR1 mutations, median PFS was 8.6 months with elacestrant versus 1.9 months with standard "
     "of care.", {("ESR1", None, "elacestrant", "SENSITIVE_TO")}),
    # the outcome's own drug after it, the figures after the be-verb
    ("In patients with ESR1-mutated tumors, the median PFS for elacestrant versus SOC was 8.6 versus 1.9 months.",
     {("ESR1", None, "elacestrant", "SENSITIVE_TO")}),
    ("Median PFS on gefitinib was 10.9 months in EGFR-mutant patients versus 2.2 months in wild-type patients.",
     {("EGFR", None, "gefitinib", "SENSITIVE_TO")}),
    # the smaller figure first may be the comparator arm's: no direction
    ("In patients with ESR1 mutations, median PFS was 1.9 months with docetaxel versus 8.6 months with elacestrant.",
     set()),
    ("In patients with ESR1 mutations, median PFS was 8.6 months with elacestrant.", set()),  # no comparison
    # drugs of both arms, each behind its figure, are the backbone
    ("In HER2-positive tumours, the pCR rate was 45.8% with pertuzumab plus trastuzumab and docetaxel versus 29.0% "
     "with trastuzumab and docetaxel alone.", {("ERBB2", None, "pertuzumab", "SENSITIVE_TO")}),
])
def test_two_figures_compared_after_an_outcome_give_its_direction(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_lead_to_is_a_light_verb_in_every_form(extractor):
    relation = only(extractor, "Futibatinib could lead to meaningful benefit in patients with FGFR2 fusions.")
    assert (relation["gene"], relation["drug"], relation["speculative"]) == ("FGFR2", "futibatinib", True)


def test_elliptic_clause_shares_the_subject_before(extractor):
    record = extractor.extract("ESR1 Y537S mutations confer resistance to aromatase inhibitors but remain "
                               "sensitive to fulvestrant.")
    assert relation_tuples(record) == {("ESR1", "Y537S", "aromatase inhibitor", "RESISTANT_TO"),
                                       ("ESR1", "Y537S", "fulvestrant", "SENSITIVE_TO")}
    record = extractor.extract("ESR1 Y537S mutations confer resistance to aromatase inhibitors, whereas cells in "
                               "culture were sensitive to fulvestrant.")
    assert relation_tuples(record) == {("ESR1", "Y537S", "aromatase inhibitor", "RESISTANT_TO")}
    # a case report's second predicate: 'but had a (subsequent) response to B'
    record = extractor.extract("A patient with ALK F1174L-mutated neuroblastoma showed no response to crizotinib but "
                               "had a subsequent complete response to lorlatinib.")
    assert {(r["variant"], r["drug"], r["type"], r["negated"]) for r in record["relations"]} == {
        ("F1174L", "crizotinib", "SENSITIVE_TO", True), ("F1174L", "lorlatinib", "SENSITIVE_TO", False)}
    record = extractor.extract("A patient with ALK F1174L-mutated neuroblastoma showed no response to crizotinib but "
                               "the other patient had a response to lorlatinib.")
    assert {r["drug"] for r in record["relations"]} == {"crizotinib"}


def test_causative_verb_subject_is_before_the_verb(extractor):
    record = extractor.extract("The T315I mutation renders BCR-ABL1 insensitive to imatinib and nilotinib.")
    assert {(r["variant"], r["drug"]) for r in record["relations"]} == {("T315I", "imatinib"), ("T315I", "nilotinib")}
    assert only(extractor, "EGFR T790M renders cells resistant to gefitinib.")["variant"] == "T790M"


def test_measuring_sensitivity_is_no_finding(extractor):
    assert relations(extractor, "Sensitivity to gefitinib was measured in all EGFR L858R cell lines.") == []
    assert only(extractor, "Sensitivity to gefitinib was higher in EGFR L858R cell lines.")["type"] == "SENSITIVE_TO"


def test_abrogated_efficacy_is_resistance(extractor):
    assert only(extractor, "EGFR C797S abrogates the efficacy of osimertinib.")["type"] == "RESISTANT_TO"
    assert {r["type"] for r in relations(extractor, "The presence of T315I precludes response to imatinib and "
                                                    "nilotinib.")} == {"RESISTANT_TO"}
    assert only(extractor, "The presence of T315I predicts response to ponatinib.")["type"] == "SENSITIVE_TO"


def test_possible_marker_of_a_neutral_outcome_has_no_direction(extractor):
    for text in ("ERCC1 expression is a potential predictor of the response to cisplatin.",
                 "BRAF V600E may act as a marker of benefit from vemurafenib."):
        assert relations(extractor, text) == [], text
    # asserted, directed or about resistance: a relation
    assert only(extractor, "BRAF V600E is a biomarker for benefit from vemurafenib.")["type"] == "SENSITIVE_TO"
    assert only(extractor, "ERCC1 expression is a potential negative predictor of response to cisplatin.")["type"] \
        == "RESISTANT_TO"
    assert only(extractor, "KRAS mutation is a potential marker of resistance to cetuximab.")["type"] == "RESISTANT_TO"


def test_negative_quantifier_over_the_subject(extractor):
    relation = only(extractor, "None of the patients with KRAS mutations responded to panitumumab.")
    assert (relation["type"], relation["negated"]) == ("SENSITIVE_TO", True)
    relation = only(extractor, "No survival difference was seen in the trial, and in the end patients with KRAS "
                               "mutations responded to panitumumab.")
    assert relation["negated"] is False
    relation = only(extractor, "We show here that no patient with low CRBN expression responded to lenalidomide.")
    assert (relation["type"], relation["negated"]) == ("SENSITIVE_TO", True)
    relation = only(extractor, "We show here that patients with low CRBN expression responded to lenalidomide.")
    assert relation["negated"] is False


def test_reduced_cytotoxicity_is_resistance(extractor):
    assert only(extractor, "Overexpression of ABCB1 reduced the cytotoxicity of paclitaxel.")["type"] == "RESISTANT_TO"
    assert relations(extractor, "The cytotoxicity of paclitaxel was measured in ABCB1-overexpressing cells.") == []


def test_contrasting_clause_takes_the_drug_of_the_clause_before(extractor):
    record = extractor.extract("EGFR-mutant cell lines were resistant to cetuximab, whereas KRAS-mutant lines "
                               "were sensitive.")
    assert relation_tuples(record) == {("EGFR", None, "cetuximab", "RESISTANT_TO"),
                                       ("KRAS", None, "cetuximab", "SENSITIVE_TO")}
    record = extractor.extract("EGFR-mutant cell lines were resistant to cetuximab, whereas parental lines were "
                               "sensitive.")
    assert relation_tuples(record) == {("EGFR", None, "cetuximab", "RESISTANT_TO")}
    record = extractor.extract("EGFR-mutant cell lines were resistant to cetuximab, whereas KRAS-mutant lines "
                               "were sensitive to it.")
    assert ("KRAS", None, "cetuximab", "SENSITIVE_TO") in relation_tuples(record)
    # a cue with an object of its own that is no drug we know takes no drug from the clause before
    record = extractor.extract("MEK2Q60P conferred resistance to combined RAF/MEK inhibition in vitro, but remained "
                               "sensitive to inhibition of the downstream kinase ERK.")
    assert relation_tuples(record) == {("MAP2K2", "Q60P", "raf inhibitor", "RESISTANT_TO"),
                                       ("MAP2K2", "Q60P", "mek inhibitor", "RESISTANT_TO")}


def test_drug_list_ends_at_a_non_list_word(extractor):
    record = extractor.extract("EGFR T790M confers resistance to gefitinib, suggesting that osimertinib should be used.")
    assert relation_tuples(record) == {("EGFR", "T790M", "gefitinib", "RESISTANT_TO")}


def test_unlikely_and_thought_are_hedges(extractor):
    relation = only(extractor, "PTEN loss was unlikely to cause resistance to trastuzumab.")
    assert relation["negated"] is True and relation["speculative"] is True
    assert only(extractor, "EGFR T790M is thought to confer resistance to gefitinib.")["speculative"] is True
    assert only(extractor, "EGFR T790M is known to confer resistance to gefitinib.")["speculative"] is False


def test_neither_nor_alterations_are_each_negated(extractor):
    record = extractor.extract("Neither PTEN loss nor PIK3CA mutation predicted response to trastuzumab.")
    assert {(r["gene"], r["type"], r["negated"]) for r in record["relations"]} == {
        ("PTEN", "SENSITIVE_TO", True), ("PIK3CA", "SENSITIVE_TO", True)}


def test_negated_undirected_verb_is_a_negated_claim(extractor):
    relation = only(extractor, "PTEN loss did not significantly affect sensitivity to trastuzumab.")
    assert (relation["type"], relation["negated"]) == ("SENSITIVE_TO", True)
    assert relations(extractor, "PTEN loss significantly affected sensitivity to trastuzumab.") == []
    # a directed adverb gives the verb its direction
    assert only(extractor, "ERCC1 overexpression negatively affected the efficacy of cisplatin.")["type"] == \
        "RESISTANT_TO"
    assert only(extractor, "ERCC1 overexpression positively influenced the efficacy of cisplatin.")["type"] == \
        "SENSITIVE_TO"


def test_quantified_pronoun_refers_to_the_last_alteration(extractor):
    record = extractor.extract("We identified EGFR T790M in five patients. All of them were resistant to erlotinib.")
    assert relation_tuples(record) == {("EGFR", "T790M", "erlotinib", "RESISTANT_TO")}
    assert relations(extractor, "We identified five patients. All of them were resistant to erlotinib.") == []


def test_variant_in_brackets_after_its_gene_is_the_subject(extractor):
    record = extractor.extract("TP53 (Arg72Pro) predicts breast cancer risk in women and TGFB1 Pro (Leu10Pro) "
                               "allele predicts response to cisplatin.")
    assert relation_tuples(record) == {("TGFB1", "L10P", "cisplatin", "SENSITIVE_TO")}
    record = extractor.extract("BRAF inhibitors are used (e.g. drug resistance with BRAF G469L mutation) and "
                               "melanoma cells were sensitive to vemurafenib.")
    assert ("BRAF", "G469L", "vemurafenib", "SENSITIVE_TO") not in relation_tuples(record)


def test_host_survival_agent(extractor):
    record = extractor.extract("INNO-406 increased survival periods of mice having leukemia generated by "
                               "BCR-ABL expression.")
    assert {(r["gene"], r["drug"], r["type"]) for r in record["relations"]} == {
        ("ABL1", "bafetinib", "SENSITIVE_TO")}
    record = extractor.extract("SNS-032 prolonged the survival of mice bearing tumours with CCNE1 amplification.")
    assert relation_tuples(record) == {("CCNE1", None, "sns-032", "SENSITIVE_TO")}
    # a drug promoting the survival of cells is no benefit; a coordinated clause is not the host's
    assert relations(extractor, "Estradiol promotes the survival of MCF-7 cells with ESR1 mutations.") == []
    assert relations(extractor, "Cetuximab prolonged the survival of patients, and KRAS mutations were "
                                "frequent.") == []
    assert relations(extractor, "Gefitinib prolonged survival in patients, and KRAS mutations were frequent.") == []


def test_ic50_takes_its_direction_from_the_trailing_comparative(extractor):
    record = extractor.extract("The IC50 of erlotinib was lower in EGFR L858R cells than in wild-type cells.")
    assert relation_tuples(record) == {("EGFR", "L858R", "erlotinib", "SENSITIVE_TO")}
    record = extractor.extract("The IC50 of gefitinib was significantly higher in KRAS G12C cells.")
    assert relation_tuples(record) == {("KRAS", "G12C", "gefitinib", "RESISTANT_TO")}
    assert relations(extractor, "The IC50 of gefitinib in KRAS G12C cells was 5 uM.") == []


def test_trailing_comparative_flips_a_predicate(extractor):
    record = extractor.extract("Response to cetuximab was significantly lower in patients with KRAS mutations.")
    assert relation_tuples(record) == {("KRAS", None, "cetuximab", "RESISTANT_TO")}
    record = extractor.extract("Sensitivity to cisplatin was decreased in cells with ERCC1 overexpression.")
    assert relation_tuples(record) == {("ERCC1", None, "cisplatin", "RESISTANT_TO")}
    # an agent after 'by' acts on the resistance: the resisted drug is not flipped
    record = extractor.extract("Resistance to gefitinib was reduced by afatinib in EGFR T790M cells.")
    assert ("EGFR", "T790M", "gefitinib", "SENSITIVE_TO") not in relation_tuples(record)
    # a level word, or a small figure right after the measure
    record = extractor.extract("The response rate to gefitinib in patients with EGFR exon 20 insertions was low.")
    assert relation_tuples(record) == {("EGFR", "exon 20 insertion", "gefitinib", "RESISTANT_TO")}
    record = extractor.extract("Patients with EGFR exon 20 insertions had a response rate of only 8% to gefitinib.")
    assert relation_tuples(record) == {("EGFR", "exon 20 insertion", "gefitinib", "RESISTANT_TO")}
    record = extractor.extract("Patients with EGFR exon 19 deletions had a response rate of 80% to gefitinib.")
    assert relation_tuples(record) == {("EGFR", "exon 19 deletion", "gefitinib", "SENSITIVE_TO")}


def test_cell_kill_phrasings_are_agent_cues(extractor):
    for text in ("Gefitinib induced apoptosis in EGFR L858R cells.", "Gefitinib reduced the viability of EGFR L858R cells.",
                 "Gefitinib suppressed tumor growth in EGFR L858R xenografts.",
                 "Gefitinib induced apoptosis and durable growth arrest in EGFR L858R cells."):
        assert relation_tuples(extractor.extract(text)) == {("EGFR", "L858R", "gefitinib", "SENSITIVE_TO")}
    assert relations(extractor, "Cisplatin induced apoptosis in HeLa cells, and TP53 mutations were frequent.") == []


def test_fronted_phrase_gives_the_agent_its_subject(extractor):
    record = extractor.extract("In EGFR L858R cells, gefitinib inhibited the growth of xenografts.")
    assert relation_tuples(record) == {("EGFR", "L858R", "gefitinib", "SENSITIVE_TO")}
    assert relations(extractor, "In 2010, EGFR L858R was described, and gefitinib was effective in HeLa cells.") == []


def test_status_marked_by_a_role_noun_before_a_directed_cue(extractor):
    relation = only(extractor, "RAC1 P29S status may offer a predictive biomarker for RAF inhibitor resistance.")
    assert (relation["gene"], relation["drug"], relation["type"], relation["speculative"]) == (
        "RAC1", "raf inhibitor", "RESISTANT_TO", True)
    # a neutral outcome stays undirected; a status that is only confirmed marks nothing
    assert relations(extractor, "KRAS mutation status is a biomarker for cetuximab response.") == []
    assert relations(extractor, "EGFR T790M status was confirmed after resistance to gefitinib.") == []


# -- drug classes named by their target (extractor/target_classes.py) ---------------------

@pytest.mark.parametrize("text, drug", [
    ("CCNE1 amplified ovarian cancer cells are sensitive to WEE1 inhibitors.", "wee1 inhibitor"),
    ("NRAS Q61K melanoma cells remained responsive to MEK inhibition.", "mek inhibitor"),
    ("PTEN loss confers resistance to PI3K blockade in breast cancer cells.", "pi3k inhibitor"),
    ("Activating KIT mutations predict response to KIT inhibitors in GIST.", "kit inhibitor"),
])
def test_gene_with_a_class_head_is_a_drug_class_object(extractor, text, drug):
    record = extractor.extract(text)
    [relation] = record["relations"]
    assert relation["drug"] == drug
    assert any(e["label"] == "DRUG_CLASS" and e["canonical"] == drug for e in record["entities"])


@pytest.mark.parametrize("text, drug", [
    ("RET G810R confers resistance to RET kinase inhibitors.", "ret inhibitor"),
    ("EGFR T790M confers resistance to EGFR kinase inhibitors.", "egfr tyrosine kinase inhibitor"),  # curated
    ("ALK F1174L confers resistance to ALK tyrosine kinase inhibitors.", "alk inhibitor"),  # curated
    ("NTRK1 G595R confers resistance to NTRK tyrosine kinase inhibitors.", "ntrk tyrosine kinase inhibitor"),
])
def test_a_kinase_inhibitor_named_by_its_target(extractor, text, drug):
    assert only(extractor, text)["drug"] == drug


def test_target_class_takes_the_curated_name(extractor):
    relation = only(extractor, "FGFR3 fusions confer sensitivity to EGFR blockade in bladder cancer cells.")
    assert relation["drug"] == "egfr inhibitor"  # as 'anti-EGFR therapy' / 'EGFR inhibitors' in drugs_curated.tsv
    relation = only(extractor, "The C797S mutation confers resistance to EGFR -tyrosine kinase inhibitor therapy.")
    assert (relation["variant"], relation["drug"]) == ("C797S", "egfr tyrosine kinase inhibitor")


@pytest.mark.parametrize("text, drug", [
    ("KRAS mutations are negative predictors of response to EGFR-targeted therapies.", "egfr-targeted therapy"),
    ("KRAS mutations confer resistance to EGFR-directed monoclonal antibodies.", "egfr-directed monoclonal antibody"),
    ("KRAS mutations are often with poor response to EGFR targeted therapies.", "egfr-targeted therapy"),
    # the target spelled out with its symbol in brackets, before a hyphen or an en dash
    ("KRAS mutations confer resistance to epidermal growth factor receptor (EGFR)-directed monoclonal antibodies.",
     "egfr-directed monoclonal antibody"),
    ("KRAS mutations confer resistance to epidermal growth factor receptor (EGFR)\u2013targeted treatments.",
     "egfr-targeted therapy"),
    ("KRAS mutations confer resistance to anti-epidermal growth factor receptor (EGFR) monoclonal antibodies.",
     "anti-egfr antibody"),
])
def test_a_class_qualified_by_its_target_is_one_class(extractor, text, drug):
    record = extractor.extract(text)
    assert relation_tuples(record) == {("KRAS", None, drug, "RESISTANT_TO")}
    assert [e["canonical"] for e in record["entities"] if e["label"] == "DRUG_CLASS"] == [drug]
    assert not any(e["label"] == "GENE" and e["canonical"] == "EGFR" for e in record["entities"])


@pytest.mark.parametrize("text, drug, span", [
    ("IGF1R overexpression confers resistance to EGF receptor (EGFR) inhibitors.", "egfr inhibitor",
     "EGF receptor (EGFR) inhibitors"),
    ("PTEN loss predicts sensitivity to epidermal growth factor receptor (EGFR) tyrosine kinase inhibitors.",
     "egfr tyrosine kinase inhibitor", "epidermal growth factor receptor (EGFR) tyrosine kinase inhibitors"),
    ("PTEN loss predicts sensitivity to inhibitors of the mTOR kinase.", "mtor inhibitor", "inhibitors of the mTOR"),
    ("IGF1R overexpression confers resistance to inhibitors of EGFR.", "egfr inhibitor", "inhibitors of EGFR"),
    ("STK11 alterations drive resistance to PD-1 axis inhibitors.", "pd-1 inhibitor", "PD-1 axis inhibitors"),
])
def test_a_class_of_a_named_or_governed_target_is_one_class(extractor, text, drug, span):
    record = extractor.extract(text)
    assert [r["drug"] for r in record["relations"]] == [drug]
    assert [e["text"] for e in record["entities"] if e["label"] == "DRUG_CLASS"] == [span]


@pytest.mark.parametrize("text, drugs", [
    ("NRAS mutations confer resistance to BRAF/MEK inhibitors.", {"braf inhibitor", "mek inhibitor"}),
    ("NRAS mutations confer resistance to combined BRAF and MEK inhibition.", {"braf inhibitor", "mek inhibitor"}),
    ("PTEN loss confers resistance to PI3K/mTOR inhibitors.", {"pi3k inhibitor", "mtor inhibitor"}),
    ("STK11 mutations confer resistance to PD-1/PD-L1 inhibitors.", {"pd-1/pd-l1 inhibitor"}),  # one class
    # a list of three, and a suspended hyphen
    ("BRAF V600E tumours respond to BRAF, MEK, and EGFR inhibitors.",
     {"braf inhibitor", "mek inhibitor", "egfr inhibitor"}),
    ("ARID1A loss sensitizes cells to WEE1, CHK1 and ATR inhibitors.",
     {"wee1 inhibitor", "chk1 inhibitor", "atr inhibitor"}),
    ("NRAS mutations confer resistance to BRAF- and MEK-inhibitors.", {"braf inhibitor", "mek inhibitor"}),
    # a comma alone makes no list, nor does ', and' after a single gene
    ("In tumours with mutant KRAS, EGFR inhibitors are ineffective.", {"egfr inhibitor"}),
    ("Overexpression of HER2 is linked to resistance, and aromatase inhibitors show benefit in ER-positive disease.",
     {"aromatase inhibitor"}),
    # classes that say what the drugs after them are give the drugs only
    ("Mcl-1 upregulation renders cancers resistant to the Bcl-2/Bcl-xL inhibitors ABT-737 and ABT-263.",
     {"abt-737", "navitoclax"}),
])
def test_coordinated_targets_share_a_class_word(extractor, text, drugs):
    assert {r["drug"] for r in extractor.extract(text)["relations"]} == drugs


def test_a_singular_inhibitor_of_a_gene_describes_a_drug(extractor):
    record = extractor.extract("Gefitinib, an inhibitor of EGFR, was effective in EGFR-mutant cells.")
    assert [e["text"] for e in record["entities"] if e["label"] in ("DRUG", "DRUG_CLASS")] == ["Gefitinib"]
    assert relation_tuples(record) == {("EGFR", None, "gefitinib", "SENSITIVE_TO")}


def test_a_gene_directed_phrase_without_a_class_stays_a_gene(extractor):
    record = extractor.extract("EGFR-directed therapy was given.")
    assert [(e["text"], e["label"]) for e in record["entities"]] == [("EGFR", "GENE")]


def test_inhibition_as_an_experiment_stays_an_alteration(extractor):
    # 'X inhibition' opening a sentence is a manipulation of X, not a drug class (unless another gene is altered)
    record = extractor.extract("MEK inhibition sensitized the cells to docetaxel.")
    assert not any(e["label"] == "DRUG_CLASS" for e in record["entities"])
    record = extractor.extract("AXL inhibition restored sensitivity to erlotinib in resistant cells.")
    assert not any(r["drug"] == "axl inhibitor" for r in record["relations"])


def test_alteration_behind_than_is_the_comparator(extractor):
    text = "The patient had a poor response to vemurafenib, worse than that expected in BRAF V600E melanoma."
    assert relations(extractor, text) == []
    record = extractor.extract("BRAF V600E cells showed a poor response to vemurafenib, worse than in melanoma.")
    assert relation_tuples(record) == {("BRAF", "V600E", "vemurafenib", "RESISTANT_TO")}


@pytest.mark.parametrize("text", [
    "Alectinib demonstrated superior efficacy compared with crizotinib in ALK-positive NSCLC.",
    "Compared with crizotinib, alectinib prolonged PFS in ALK-positive NSCLC.",
    "Alectinib improved PFS versus crizotinib or chemotherapy in patients with ALK-positive NSCLC.",
])
def test_a_drug_arm_compared_with_is_skipped_and_gets_nothing(extractor, text):
    assert relation_tuples(extractor.extract(text)) == {("ALK", None, "alectinib", "SENSITIVE_TO")}


def test_an_alteration_compared_with_stays_the_comparator(extractor):
    record = extractor.extract("KRAS-mutant cells were more resistant to erlotinib than EGFR-mutant cells.")
    assert relation_tuples(record) == {("KRAS", None, "erlotinib", "RESISTANT_TO")}
    text = "Erlotinib prolonged PFS compared with chemotherapy, but not in patients with KRAS mutations."
    assert [(r["gene"], r["drug"], r["negated"]) for r in relations(extractor, text)] == [
        ("KRAS", "erlotinib", True)]


def test_a_treatment_verb_ahead_lets_the_drug_stand_further_from_the_cue(extractor):
    text = "Disease control was achieved in 80% of the BRAF V600E-mutant patients receiving dabrafenib."
    assert relation_tuples(extractor.extract(text)) == {("BRAF", "V600E", "dabrafenib", "SENSITIVE_TO")}
    text = "Disease control was achieved in 80% of the BRAF V600E-mutant patients in the dabrafenib study."
    assert relations(extractor, text) == []


# -- clinical-study phrasing -----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Patients with mutant KRAS derived no benefit from cetuximab.", {("KRAS", "cetuximab", "SENSITIVE_TO", True)}),
    ("TP53 mutation status did not predict response to cisplatin.", {("TP53", "cisplatin", "SENSITIVE_TO", True)}),
    ("No significant difference in response to erlotinib was observed between tumors with and without EGFR "
     "amplification.", {("EGFR", "erlotinib", "SENSITIVE_TO", True)}),
    ("Talazoparib provided a significant progression-free survival benefit in patients with a germline BRCA1 or "
     "BRCA2 mutation.", {("BRCA1", "talazoparib", "SENSITIVE_TO", False),
                         ("BRCA2", "talazoparib", "SENSITIVE_TO", False)}),
    ("In men with alterations in BRCA1, BRCA2 or ATM, olaparib was associated with longer progression-free "
     "survival.", {(g, "olaparib", "SENSITIVE_TO", False) for g in ("BRCA1", "BRCA2", "ATM")}),
    # 'low or no expression' is the alteration, no negation; 'little or no response' is one
    ("Cell lines with low or no expression of ATM are sensitive to olaparib.",
     {("ATM", "olaparib", "SENSITIVE_TO", False)}),
    ("Patients with EGFR mutations showed little or no response to cetuximab.",
     {("EGFR", "cetuximab", "SENSITIVE_TO", True)}),
    # 'increased survival from D'; a drug before 'clinical response'; 'PD-1/PD-L1 therapy'
    ("We found increased overall survival from temozolomide in lower-grade glioma with IDH1 R132H mutations.",
     {("IDH1", "temozolomide", "SENSITIVE_TO", False)}),
    ("Homozygous BRCA1 methylation predicts rucaparib clinical response.",
     {("BRCA1", "rucaparib", "SENSITIVE_TO", False)}),
    ("STK11 mutation confers primary resistance to PD-1/PD-L1 therapy.",
     {("STK11", "pd-1/pd-l1 inhibitor", "RESISTANT_TO", False)}),
    # a level word between coordinated alterations
    ("RAD51C and RAD51D mutations and high-level BRCA1 promoter methylation predict response to rucaparib.",
     {(g, "rucaparib", "SENSITIVE_TO", False) for g in ("RAD51C", "RAD51D", "BRCA1")}),
    # the genes of a gene set named by example
    ("Tumors harboring mutations in epigenetic genes such as ARID1A, KDM6A, and BAP1 are highly sensitive to EZH2 "
     "inhibition.", {(g, "ezh2 inhibitor", "SENSITIVE_TO", False) for g in ("ARID1A", "KDM6A", "BAP1")}),
    ("Mutations in genes involved in DNA repair, including BRCA1, BRCA2 and ATM, predict response to olaparib.",
     {(g, "olaparib", "SENSITIVE_TO", False) for g in ("BRCA1", "BRCA2", "ATM")}),
    ("Patients with alterations in other DDR genes (e.g., PALB2) benefit from PARP inhibition.",
     {("PALB2", "parp inhibitor", "SENSITIVE_TO", False)}),
    ("The addition of midostaurin to standard induction chemotherapy significantly prolonged overall survival "
     "in patients with FLT3-mutated AML.", {("FLT3", "midostaurin", "SENSITIVE_TO", False)}),
    # the regimen a drug is added to is given in both arms; a status a little after the cue is still its subject
    ("In the CLEOPATRA trial, adding pertuzumab to trastuzumab plus docetaxel significantly prolonged "
     "progression-free survival in patients with HER2-positive metastatic breast cancer.",
     {("ERBB2", "pertuzumab", "SENSITIVE_TO", False)}),
    ("The addition of lapatinib to adjuvant trastuzumab did not significantly improve disease-free survival in "
     "patients with HER2-positive early breast cancer.", {("ERBB2", "lapatinib", "SENSITIVE_TO", True)}),
    ("The progression-free survival benefit of adding alpelisib to fulvestrant was confined to patients with "
     "PIK3CA-mutated cancer.", {("PIK3CA", "alpelisib", "SENSITIVE_TO", False)}),
    ("Encorafenib plus cetuximab improved overall survival in BRAF V600E-mutant colorectal cancer.",
     {("BRAF", "encorafenib", "SENSITIVE_TO", False), ("BRAF", "cetuximab", "SENSITIVE_TO", False)}),
    ("Selumetinib did not improve progression-free survival in patients with KRAS-mutant NSCLC.",
     {("KRAS", "selumetinib", "SENSITIVE_TO", True)}),
    ("Mutations in JAK1 and JAK2, together with truncating B2M mutations, were associated with resistance to "
     "pembrolizumab.", {(g, "pembrolizumab", "RESISTANT_TO", False) for g in ("JAK1", "JAK2", "B2M")}),
    ("A knockout screen identified loss of NF1, MED12 and CUL3 as drivers of resistance to vemurafenib.",
     {(g, "vemurafenib", "RESISTANT_TO", False) for g in ("NF1", "MED12", "CUL3")}),
    ("ERCC1 expression can be used to predict response to cisplatin.", {("ERCC1", "cisplatin", "SENSITIVE_TO", False)}),
])
def test_clinical_study_phrasing(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "ESR1 mutations may predict response to fulvestrant.",  # hedged and undirected
    "ERCC1 expression might be a useful marker to predict response to cisplatin.",  # ... before 'to predict'
    "KRAS mutation status predicted response to cetuximab.",  # a status says which, not whether
    "To characterize mechanisms of resistance to osimertinib, we sequenced EGFR and MET.",  # an aim
    "DAPT suppressed NOTCH1 and SKP2, and SKP2-high cells were sensitized to radiation.",  # a verb's objects
    "Activation of the PI3K/AKT pathway mediates resistance to BRAF inhibitors.",  # a pathway, not a list
    "Mutated BRAF was found in 40% of patients treated with vemurafenib.",  # no response
])
def test_clinical_study_phrasing_negatives(extractor, text):
    assert relations(extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("ROS1 G2032R conferred resistance to crizotinib, but repotrectinib retained potency against this mutant.",
     {("ROS1", "crizotinib", "RESISTANT_TO", False), ("ROS1", "repotrectinib", "SENSITIVE_TO", False)}),
    ("PDGFRA D842V cells were resistant to imatinib but exquisitely sensitive to avapritinib.",
     {("PDGFRA", "imatinib", "RESISTANT_TO", False), ("PDGFRA", "avapritinib", "SENSITIVE_TO", False)}),
    ("Vemurafenib, as compared with dacarbazine, improved rates of overall and progression-free survival in "
     "patients with BRAF V600E melanoma.", {("BRAF", "vemurafenib", "SENSITIVE_TO", False)}),
    ("Amivantamab, an EGFR-MET bispecific antibody, produced responses in patients with EGFR exon 20 "
     "insertions.", {("EGFR", "amivantamab", "SENSITIVE_TO", False)}),
    ("Ivosidenib induced durable remissions in AML with a susceptible IDH1 mutation.",
     {("IDH1", "ivosidenib", "SENSITIVE_TO", False)}),
    ("Overexpression of BCL2L1 protected OCI-Ly1 cells from venetoclax-induced apoptosis.",
     {("BCL2L1", "venetoclax", "RESISTANT_TO", False)}),
    ("MCL1 knockdown enhanced venetoclax-induced apoptosis in AML cells.",  # a manipulation: expression resists
     {("MCL1", "venetoclax", "RESISTANT_TO", False)}),
    ("ROS1 G2032R conferred resistance to crizotinib, but repotrectinib retained nanomolar potency against this "
     "solvent-front mutant.", {("ROS1", "crizotinib", "RESISTANT_TO", False),
                               ("ROS1", "repotrectinib", "SENSITIVE_TO", False)}),
    ("siRNA-mediated ERCC1 knockdown lowered the cisplatin IC50 in A549 cells.",
     {("ERCC1", "cisplatin", "RESISTANT_TO", False)}),
    ("EBC-1 cells, which carry high-level MET amplification, were highly sensitive to capmatinib.",
     {("MET", "capmatinib", "SENSITIVE_TO", False)}),
    ("Selitrectinib (LOXO-195) overcame larotrectinib resistance in cells bearing NTRK1 G595R.",
     {("NTRK1", "selitrectinib", "SENSITIVE_TO", False), ("NTRK1", "larotrectinib", "RESISTANT_TO", False)}),
    ("FLT3 D835Y tyrosine kinase domain mutations confer resistance to quizartinib.",
     {("FLT3", "quizartinib", "RESISTANT_TO", False)}),
    ("ERBB2 amplification confers resistance to cetuximab, and dual HER2 blockade with trastuzumab and lapatinib "
     "induced objective responses in such patients.", {("ERBB2", "cetuximab", "RESISTANT_TO", False),
                                                        ("ERBB2", "trastuzumab", "SENSITIVE_TO", False),
                                                        ("ERBB2", "lapatinib", "SENSITIVE_TO", False)}),
    ("Restoration of wild-type p53 expression re-sensitised TP53-null colon cancer cells to 5-fluorouracil.",
     {("TP53", "fluorouracil", "SENSITIVE_TO", False)}),
    ("Durable remissions with ivosidenib in IDH1-mutated relapsed or refractory acute myeloid leukemia",
     {("IDH1", "ivosidenib", "SENSITIVE_TO", False)}),
    # acquired resistance opening the sentence: the alteration after it is the host unless named the cause
    ("Acquired resistance to vemurafenib in BRAF V600E-mutant melanoma can arise through MAPK reactivation driven "
     "by NRAS Q61K mutations.", {("NRAS", "vemurafenib", "RESISTANT_TO", False)}),
    ("Acquired resistance to erlotinib is mediated by EGFR T790M.", {("EGFR", "erlotinib", "RESISTANT_TO", False)}),
    ("Revumenib, an oral menin inhibitor, produced complete remissions in patients with KMT2A-rearranged or "
     "NPM1-mutated acute leukaemias.", {("KMT2A", "revumenib", "SENSITIVE_TO", False),
                                         ("NPM1", "revumenib", "SENSITIVE_TO", False)}),
    ("Secondary BRCA2 reversion mutations are a cause of resistance to PARP inhibitors.",
     {("BRCA2", "parp inhibitor", "RESISTANT_TO", False)}),
    # the drug-refractory setting of a claim is no second drug, nor a claim of its own
    ("EGFR expression was associated with response to cetuximab in chemotherapy-refractory colorectal cancer.",
     {("EGFR", "cetuximab", "SENSITIVE_TO", False)}),
    ("Connexin 43 was upregulated in cisplatin-resistant ovarian carcinoma cells.",
     {("GJA1", "cisplatin", "RESISTANT_TO", False)}),
    # the cohort's disease setting, with the alteration another attribute after 'and'
    ("In patients with platinum-sensitive relapsed ovarian cancer and a germline BRCA2 mutation, olaparib "
     "prolonged progression-free survival.", {("BRCA2", "olaparib", "SENSITIVE_TO", False)}),
    ("Sunitinib was active in patients with imatinib-resistant GIST and KIT exon 9 mutations.",
     {("KIT", "sunitinib", "SENSITIVE_TO", False)}),
    ("Poziotinib was potent in patients with neratinib-resistant HER2 L755S tumours.",
     {("ERBB2", "poziotinib", "SENSITIVE_TO", False), ("ERBB2", "neratinib", "RESISTANT_TO", False)}),
])
def test_preclinical_and_trial_phrasing(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("In the ESR1-mutated subgroup, elacestrant reduced the risk of progression or death by 45%.",
     {("ESR1", "elacestrant", "SENSITIVE_TO", False)}),
    ("Adagrasib might be a reasonable option for patients with KRAS G12C-mutated NSCLC.",
     {("KRAS", "adagrasib", "SENSITIVE_TO", False)}),
    # the drug given in both arms is no agent; the combination's other drug is
    ("In HER2-positive gastric cancer, trastuzumab plus chemotherapy reduced the risk of death compared with "
     "chemotherapy alone.", {("ERBB2", "trastuzumab", "SENSITIVE_TO", False)}),
    ("Encorafenib plus cetuximab improved overall survival compared with cetuximab plus irinotecan in patients "
     "with BRAF V600E-mutated colorectal cancer.", {("BRAF", "encorafenib", "SENSITIVE_TO", False)}),
    # 'objective responses' is no study objective
    ("Lorlatinib induced objective responses in patients harboring ALK G1202R, a mutation that confers "
     "resistance to alectinib.", {("ALK", "lorlatinib", "SENSITIVE_TO", False),
                                  ("ALK", "alectinib", "RESISTANT_TO", False)}),
    ("None of the nine patients whose tumors harbored KRAS mutations responded to gefitinib.",
     {("KRAS", "gefitinib", "SENSITIVE_TO", True)}),
    ("A girl with an NTRK3 rearrangement achieved a complete response after eight cycles of larotrectinib.",
     {("NTRK3", "larotrectinib", "SENSITIVE_TO", False)}),
    # a response inside a fronted phrase is the host's, not the alteration's named after it
    ("In a patient who relapsed after an initial response to vemurafenib, a MEK1 C121S mutation was detected and "
     "was shown to confer resistance to vemurafenib.", {("MAP2K1", "vemurafenib", "RESISTANT_TO", False)}),
    # a host's attribute ('patients with KRAS wild-type') is not the subject of the clause's second predicate
    ("HER2 amplification was identified in patients with KRAS wild-type colorectal cancer and was associated with "
     "resistance to cetuximab.", {("ERBB2", "cetuximab", "RESISTANT_TO", False)}),
])
def test_trial_results(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "Ba/F3 cells were insensitive to imatinib.",  # a cell line, not the F3 gene
    "Dexrazoxane protected the heart from doxorubicin-induced cardiotoxicity in HER2-positive patients.",
    "Cisplatin-induced apoptosis was measured in cells transfected with TP53 siRNA.",
    "The objective of this study was to assess resistance to erlotinib in EGFR T790M patients.",
    "The IC50 of cisplatin was measured in ERCC1-high cells.",  # a measure without a direction
    "The assay was highly sensitive for EGFR T790M detection in patients on osimertinib.",
    "Acquired resistance to osimertinib in EGFR-mutant NSCLC",
])
def test_preclinical_and_trial_phrasing_negatives(extractor, text):
    assert relations(extractor, text) == []


# -- the subject of a causing verb (subjects.verb_agent) -----------------------------------

def test_bare_gene_agent_of_a_causing_verb_is_the_subject(extractor):
    relation = only(extractor, "AXL mediates resistance to erlotinib in lung cancer cells.")
    assert (relation["gene"], relation["variant"], relation["drug"], relation["type"]) == (
        "AXL", None, "erlotinib", "RESISTANT_TO")
    record = extractor.extract("SOX2 drives tamoxifen resistance in breast cancer.")
    assert relation_tuples(record) == {("SOX2", None, "tamoxifen", "RESISTANT_TO")}
    record = extractor.extract("SOX2 sustains resistance to tamoxifen.")
    assert relation_tuples(record) == {("SOX2", None, "tamoxifen", "RESISTANT_TO")}
    assert relations(extractor, "Tamoxifen sustained the growth of SOX2-low cells.") == []
    # a raising phrase or an adverb may stand between the gene and its verb
    for text in ("Survivin is known to confer resistance to cisplatin.",
                 "Survivin has previously been associated with cisplatin resistance."):
        assert relation_tuples(extractor.extract(text)) == {("BIRC5", None, "cisplatin", "RESISTANT_TO")}
    # but not a verb that is no raising one: the gene is not what confers
    assert relations(extractor, "Survivin was used to confer resistance to cisplatin.") == []


def test_an_attribute_added_to_the_host_with_and_is_the_agent_cue_subject(extractor):
    record = extractor.extract("Imatinib was effective in patients with GIST and KIT exon 11 mutations.")
    assert relation_tuples(record) == {("KIT", "exon 11 mutation", "imatinib", "SENSITIVE_TO")}
    # the host's phrase ends at 'and' outside a 'with' phrase
    record = extractor.extract("Imatinib was effective in GIST cells and KIT exon 11 mutations were rare.")
    assert relation_tuples(record) == set()


def test_a_list_of_hosts_before_the_alteration_does_not_end_the_object(extractor):
    record = extractor.extract("Sotorasib and MRTX849 show promising antitumor activity in NSCLC, colorectal cancer "
                               "and other solid tumors harboring KRAS G12C mutation.")
    assert relation_tuples(record) == {("KRAS", "G12C", d, "SENSITIVE_TO") for d in ("sotorasib", "adagrasib")}
    # no host after the coordination: the object ended at the host
    record = extractor.extract("Gefitinib inhibited the proliferation of A549 cells and EGFR mutations were absent.")
    assert relation_tuples(record) == set()


def test_coordinated_bare_genes_share_the_causing_verb(extractor):
    record = extractor.extract("ABCB1, ABCG2 and ABCC1 mediate resistance to doxorubicin.")
    assert relation_tuples(record) == {(g, None, "doxorubicin", "RESISTANT_TO") for g in ("ABCB1", "ABCG2", "ABCC1")}
    # a gene before a comma and no conjunction is no list member
    record = extractor.extract("In contrast to EGFR, AXL mediates resistance to erlotinib.")
    assert relation_tuples(record) == {("AXL", None, "erlotinib", "RESISTANT_TO")}


@pytest.mark.parametrize("text, gene, drug, kind", [
    ("P-glycoprotein (ABCB1) confers resistance to paclitaxel.", "ABCB1", "paclitaxel", "RESISTANT_TO"),
    ("The excision repair cross-complementing group 1 (ERCC1) gene is associated with resistance to cisplatin.",
     "ERCC1", "cisplatin", "RESISTANT_TO"),  # the long form is no gene mention: the symbol in brackets
    ("Schlafen 11 (SLFN11) sensitizes cancer cells to DNA-damaging agents.", "SLFN11", "dna-damaging agent",
     "SENSITIVE_TO"),
])
def test_a_gene_with_its_bracketed_symbol_is_the_agent(extractor, text, gene, drug, kind):
    assert relation_tuples(extractor.extract(text)) == {(gene, None, drug, kind)}


def test_a_bracket_that_is_no_gene_gives_no_agent(extractor):
    assert relations(extractor, "Tumours of patients (n = 12) confer resistance to paclitaxel.") == []


def test_an_onset_noun_may_stand_between_the_verb_and_its_cue(extractor):
    record = extractor.extract("MDR1 has been associated with the acquisition of paclitaxel resistance.")
    assert relation_tuples(record) == {("ABCB1", None, "paclitaxel", "RESISTANT_TO")}
    # any other noun there is the verb's object, not the resistance
    assert relations(extractor, "MDR1 has been associated with the analysis of paclitaxel resistance.") == []


def test_a_position_variant_is_the_subject(extractor):
    record = extractor.extract("Patients with BRAF V600-mutant melanoma responded to vemurafenib.")
    assert relation_tuples(record) == {("BRAF", "V600", "vemurafenib", "SENSITIVE_TO")}


@pytest.mark.parametrize("text", [
    "Ivosidenib is an IDH1 inhibitor, approved for use in patients with IDH1-mutated AML.",
    "Ivosidenib, an IDH1 inhibitor, is approved for use in patients with IDH1-mutated AML.",
])
def test_a_class_that_says_what_the_agent_is_gives_way_to_the_drug(extractor, text):
    assert relation_tuples(extractor.extract(text)) == {("IDH1", None, "ivosidenib", "SENSITIVE_TO")}


def test_an_approval_in_carriers_of_a_variant_in_a_gene_is_an_indication(extractor):
    record = extractor.extract("PARP inhibitors are approved in cancers harbouring a pathogenic variant in BRCA1 or "
                               "BRCA2.")
    assert relation_tuples(record) == {("BRCA1", None, "parp inhibitor", "SENSITIVE_TO"),
                                       ("BRCA2", None, "parp inhibitor", "SENSITIVE_TO")}
    assert relations(extractor, "Olaparib was approved in 2014 by the FDA; BRCA2 is a tumour suppressor.") == []


@pytest.mark.parametrize("text,kind", [
    ("STK11-mutant patients are less likely than wild-type patients to respond to pembrolizumab.", "RESISTANT_TO"),
    ("STK11-mutant patients are more likely than wild-type patients to respond to pembrolizumab.", "SENSITIVE_TO"),
])
def test_less_likely_split_by_its_comparator_still_reverses(extractor, text, kind):
    assert relation_tuples(extractor.extract(text)) == {("STK11", None, "pembrolizumab", kind)}


@pytest.mark.parametrize("text,expected", [
    ("High PD-1 expression was associated with inferior clinical response to anti-PD-L1 treatment.",
     {("PDCD1", "pd-l1 inhibitor", "RESISTANT_TO")}),
    ("Clinical evidence indicates limited benefit of poly(ADP-ribose) polymerase (PARP) inhibitor monotherapy in "
     "CDK12-defective tumors.", {("CDK12", "parp inhibitor", "RESISTANT_TO")}),
])
def test_inferior_and_limited_reverse_a_benefit(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == expected


@pytest.mark.parametrize("text,kind", [
    ("Dicer mRNA concentrations were decreased in cisplatin-resistant cells compared with cisplatin-sensitive "
     "parental cells.", "RESISTANT_TO"),  # the drug of a compared host is no comparator arm
    ("Dicer expression was reduced in cisplatin-resistant cells.", "RESISTANT_TO"),
    ("Dicer was expressed at low levels in cisplatin-resistant A2780 cells.", "RESISTANT_TO"),
    ("Dicer loss reduced sensitivity to cisplatin.", "RESISTANT_TO"),
    ("Dicer expression reduced resistance to cisplatin.", "SENSITIVE_TO"),
])
def test_a_level_stated_in_a_resistant_host_keeps_the_type(extractor, text, kind):
    assert relation_tuples(extractor.extract(text)) == {("DICER1", None, "cisplatin", kind)}


@pytest.mark.parametrize("text,kind", [
    ("AXL expression was negatively correlated with the effectiveness of erlotinib.", "RESISTANT_TO"),
    ("AXL expression was inversely related to the efficacy of erlotinib.", "RESISTANT_TO"),
    ("AXL expression was negatively correlated with tumour size and was associated with the efficacy of "
     "erlotinib.", "SENSITIVE_TO"),  # a reversing word out of reach
])
def test_articles_do_not_count_in_a_modifier_window(extractor, text, kind):
    assert relation_tuples(extractor.extract(text)) == {("AXL", None, "erlotinib", kind)}


@pytest.mark.parametrize("text,gene,drug", [
    ("There was no significant association between RRM1 mRNA expression and response rate to gemcitabine.",
     "RRM1", "gemcitabine"),
    ("Response to gemcitabine did not differ between patients with high and low RRM1 expression.",
     "RRM1", "gemcitabine"),
    ("Response rates to cetuximab were comparable in patients with KRAS mutations and those without.",
     "KRAS", "cetuximab"),
    ("The benefit from cisplatin was the same for ERCC1-positive and ERCC1-negative patients.", "ERCC1", "cisplatin"),
    ("There was a statistically non-significant association between high ERCC1 expression and improved outcome "
     "with cisplatin.", "ERCC1", "cisplatin"),
])
def test_a_comparison_that_found_no_difference_is_negated(extractor, text, gene, drug):
    assert flagged_tuples(extractor, text) == {(gene, drug, "SENSITIVE_TO", True)}


def test_a_difference_for_a_group_is_no_denial(extractor):
    text = "Response to cisplatin was higher for ERCC1-negative patients."
    assert flagged_tuples(extractor, text) == {("ERCC1", "cisplatin", "SENSITIVE_TO", False)}


def test_a_denied_association_negates_each_of_its_objects(extractor):
    text = "ERCC1 expression did not correlate with clinicopathological characteristics or response to chemotherapy."
    assert flagged_tuples(extractor, text) == {("ERCC1", "chemotherapy", "SENSITIVE_TO", True)}


def test_plus_minus_joins_drugs_and_a_supported_hypothesis_is_no_hedge(extractor):
    text = "In support of this hypothesis, FGFR1 amplification reduced the sensitivity to fulvestrant ± palbociclib."
    assert {(r["gene"], r["drug"], r["type"], r["speculative"]) for r in relations(extractor, text)} == {
        ("FGFR1", "fulvestrant", "RESISTANT_TO", False), ("FGFR1", "palbociclib", "RESISTANT_TO", False)}
    text = "We hypothesized that FGFR1 amplification reduces sensitivity to palbociclib."
    assert [r["speculative"] for r in relations(extractor, text)] == [True]


@pytest.mark.parametrize("text,expected", [
    ("However, none of the patients with KRAS mutations responded to cetuximab.",
     {("KRAS", "cetuximab", "SENSITIVE_TO", True)}),  # a negative quantifier behind a connective
    ("IGF1R was predictive of response to trastuzumab.", {("IGF1R", "trastuzumab", "SENSITIVE_TO", False)}),
])
def test_connectives_before_a_quantifier_and_predictive_of_as_a_verb(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


def test_a_named_genotype_is_a_subject_but_a_genotype_is_a_status(extractor):
    text = "Patients carrying the GSTP1 Val/Val genotype had a better response to oxaliplatin."
    assert flagged_tuples(extractor, text) == {("GSTP1", "oxaliplatin", "SENSITIVE_TO", False)}
    assert relations(extractor, "The CYP2D6 genotype predicted response to tamoxifen.") == []


def test_a_bare_gene_that_sensitises_cells_is_the_subject(extractor):
    assert flagged_tuples(extractor, "SLFN11 sensitises cancer cells to cisplatin.") == {
        ("SLFN11", "cisplatin", "SENSITIVE_TO", False)}
    assert flagged_tuples(extractor, "Olaparib sensitizes BRCA1-mutant cells to cisplatin.") == {
        ("BRCA1", "olaparib", "SENSITIVE_TO", False)}  # a drug that sensitises is the agent, as before


@pytest.mark.parametrize("text,expected", [
    ("MCL1, an antiapoptotic BCL2 family member, is upregulated in AML cells and is often a primary mode of "
     "resistance to venetoclax.", {("MCL1", "venetoclax", "RESISTANT_TO")}),
    ("The ERCC1 enzyme plays a role in the nucleotide excision repair pathway and is associated with resistance to "
     "cisplatin.", {("ERCC1", "cisplatin", "RESISTANT_TO")}),
    ("Cisplatin is widely used and is associated with resistance.", set()),  # the first subject is no gene
])
def test_a_second_predicate_is_said_of_the_first_subject(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == expected


@pytest.mark.parametrize("text,expected", [
    ("SLFN11, a helicase that sensitises cancer cells to cisplatin, is a biomarker.",
     {("SLFN11", "cisplatin", "SENSITIVE_TO")}),
    ("Schlafen 11 (SLFN11), a DNA/RNA helicase that sensitises cancer cells to DNA-damaging agents, has emerged.",
     {("SLFN11", "dna-damaging agent", "SENSITIVE_TO")}),
    ("ABCB1, a transporter which confers resistance to paclitaxel, was overexpressed.",
     {("ABCB1", "paclitaxel", "RESISTANT_TO")}),
])
def test_an_appositive_relative_clause_is_said_of_its_head(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == expected


@pytest.mark.parametrize("text", [
    "Mutations affecting the C481 codon of BTK confer resistance to ibrutinib.",
    "Mutations in the kinase domain of BTK confer resistance to ibrutinib.",
])
def test_a_gene_level_word_finds_its_gene_past_a_domain_or_residue(extractor, text):
    assert flagged_tuples(extractor, text) == {("BTK", "ibrutinib", "RESISTANT_TO", False)}


def test_a_second_claim_of_a_new_alteration_takes_the_drug_of_the_first(extractor):
    text = ("Xenografts with p53 mutation showed higher resistance to cisplatin and also tumours with cyclin D1 "
            "amplification showed higher resistance.")
    assert flagged_tuples(extractor, text) == {("TP53", "cisplatin", "RESISTANT_TO", False),
                                               ("CCND1", "cisplatin", "RESISTANT_TO", False)}
    text = "KRAS mutant cells were resistant to cetuximab and the cells showed no sensitivity."
    assert flagged_tuples(extractor, text) == {("KRAS", "cetuximab", "RESISTANT_TO", False)}


def test_adverbs_between_a_gene_and_its_alteration_word(extractor):
    text = "RRM1 and TRIM21 were significantly upregulated in both GEM-resistant cell lines."
    assert flagged_tuples(extractor, text) == {("RRM1", "gemcitabine", "RESISTANT_TO", False),
                                               ("TRIM21", "gemcitabine", "RESISTANT_TO", False)}
    text = "Patients with high RRM1 levels had poor survival after gemcitabine treatment than those with low levels."
    assert flagged_tuples(extractor, text) == {("RRM1", "gemcitabine", "RESISTANT_TO", False)}


def test_no_difference_in_another_clause_does_not_negate(extractor):
    text = "Response to gemcitabine was higher in patients with low RRM1 expression, and toxicity did not differ."
    assert flagged_tuples(extractor, text) == {("RRM1", "gemcitabine", "SENSITIVE_TO", False)}


@pytest.mark.parametrize("text,expected", [
    ("ESR1 Y537S decreased the antitumor activity of tamoxifen.", {("ESR1", "tamoxifen", "RESISTANT_TO")}),
    ("Loss of PTEN reduced the therapeutic effect of trastuzumab.", {("PTEN", "trastuzumab", "RESISTANT_TO")}),
    ("The cytotoxicity of paclitaxel was measured in ABCB1-expressing cells.", set()),
])
def test_a_drug_effect_changed_by_an_alteration(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == expected


@pytest.mark.parametrize("text,expected", [
    ("In MET-amplified cell lines, crizotinib induced apoptosis.", {("MET", "crizotinib", "SENSITIVE_TO")}),
    ("In MET-amplified cell lines, crizotinib inhibited proliferation.", {("MET", "crizotinib", "SENSITIVE_TO")}),
    ("Cisplatin induced apoptosis and TP53 mutations were frequent.", set()),  # nothing fronted
    ("EGFR-mutant tumours showed marked shrinkage after gefitinib.", {("EGFR", "gefitinib", "SENSITIVE_TO")}),
])
def test_bare_growth_and_shrinkage_cues(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == expected


@pytest.mark.parametrize("text,expected", [
    ("Patients with KRAS wild-type tumours benefited from cetuximab, whereas those with KRAS mutations did not.",
     {("KRAS", "cetuximab", "SENSITIVE_TO", True)}),
    ("Cetuximab improved survival in patients with wild-type KRAS but not in those with mutant KRAS.",
     {("KRAS", "cetuximab", "SENSITIVE_TO", True)}),
    ("Response to erlotinib was seen in EGFR-mutant but not in KRAS-mutant tumours.",
     {("EGFR", "erlotinib", "SENSITIVE_TO", False), ("KRAS", "erlotinib", "SENSITIVE_TO", True)}),
    ("EGFR-mutant cells responded to gefitinib, while KRAS-mutant cells did not.",
     {("EGFR", "gefitinib", "SENSITIVE_TO", False), ("KRAS", "gefitinib", "SENSITIVE_TO", True)}),
    # no elliptic denial: the second clause has a verb of its own
    ("EGFR-mutant cells responded to gefitinib, while KRAS-mutant cells did not grow in soft agar.",
     {("EGFR", "gefitinib", "SENSITIVE_TO", False)}),
])
def test_an_alteration_the_claim_is_denied_of_gets_a_negated_relation(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


@pytest.mark.parametrize("text,kind", [
    ("Downregulation of XIAP using XIAP-specific small interfering RNA increased sensitivity to cisplatin.",
     "RESISTANT_TO"),  # an experiment: the knocked-down gene's expression resists
    ("Downregulation of XIAP was associated with sensitivity to cisplatin in patients.", "SENSITIVE_TO"),  # low level
    ("XIAP silencing with shRNA in HeLa cells enhanced the sensitivity of the cells to cisplatin.", "RESISTANT_TO"),
    ("Downregulation of XIAP reduces cisplatin resistance of ovarian cancer cells.", "RESISTANT_TO"),  # ... or acting
    ("Downregulation of XIAP in the cells results in cisplatin resistance.", "RESISTANT_TO"),  # low level, no flip
    ("XIAP gene silence enhances the sensitivity toward cisplatin.", "RESISTANT_TO"),  # silencing acting, too
    ("Epigenetic silencing of XIAP enhances the sensitivity to cisplatin.", "SENSITIVE_TO"),  # ... unless epigenetic
    ("Reduction of XIAP using an antisense oligonucleotide reversed cisplatin resistance.", "RESISTANT_TO"),
    ("Reduction of XIAP in tumours was associated with response to cisplatin.", "SENSITIVE_TO"),  # a lower level
    ("Downregulation of XIAP could significantly increase sensitivity to cisplatin.", "RESISTANT_TO"),  # past a modal
    ("Knockdown of XIAP gene expression suppresses cisplatin resistance.", "RESISTANT_TO"),  # 'suppresses' reverses
    ("Blockade of XIAP activation overcomes resistance to cisplatin.", "RESISTANT_TO"),  # a blockade manipulates
])
def test_downregulation_is_an_experiment_only_with_an_experimental_word_or_verb(extractor, text, kind):
    assert relation_tuples(extractor.extract(text)) == {("XIAP", None, "cisplatin", kind)}


@pytest.mark.parametrize("text,expected", [
    ("ZEB1 knockdown enhanced docetaxel sensitivity and suppressed EMT in docetaxel-resistant cells.",
     {("ZEB1", "docetaxel", "RESISTANT_TO")}),  # the resistant cells are the setting of the first claim
    ("Erlotinib response was measured, and AXL was upregulated in erlotinib-resistant cells.",
     {("AXL", "erlotinib", "RESISTANT_TO")}),  # an alteration between: its own claim
    ("Recently, gemcitabine resistance has been associated with the ribonucleotide reductase subunit M2 (RRM2).",
     {("RRM2", "gemcitabine", "RESISTANT_TO")}),  # a passive agent behind an article, with its abbreviation
])
def test_settings_and_passive_agents_of_drug_claims(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == expected


def test_a_drug_in_contrast_with_the_claim_gets_nothing(extractor):
    record = extractor.extract("Patients with BRAF V600E melanoma benefit from immunotherapies, which, by contrast "
                               "with BRAF inhibitors, can produce durable complete responses.")
    assert relation_tuples(record) == {("BRAF", "V600E", "immunotherapy", "SENSITIVE_TO")}


@pytest.mark.parametrize("text,expected", [
    ("ERCC1 is associated with resistance to cisplatin.", ("ERCC1", "cisplatin", "RESISTANT_TO")),
    ("TS was strongly correlated with 5-FU resistance in colorectal cancer.", ("TYMS", "fluorouracil", "RESISTANT_TO")),
    ("SLFN11 predicts sensitivity to olaparib.", ("SLFN11", "olaparib", "SENSITIVE_TO")),
])
def test_bare_gene_subject_of_an_association_verb_is_its_expression(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == {expected}
    assert all(r["variant"] is None for r in relations(extractor, text))


def test_a_gene_after_a_preposition_is_no_association_subject(extractor):
    assert relations(extractor, "Treatment with an EGFR antibody was associated with resistance to cisplatin.") == []


@pytest.mark.parametrize("text,expected", [
    ("Resistance to cisplatin was mediated by ERCC1 in lung cancer cells.", {("ERCC1", "cisplatin", "RESISTANT_TO")}),
    ("Response to the talazoparib-temozolomide combination was also driven by SLFN11.",
     {("SLFN11", "talazoparib", "SENSITIVE_TO"), ("SLFN11", "temozolomide", "SENSITIVE_TO")}),
    ("Sensitivity to olaparib depends on SLFN11.", {("SLFN11", "olaparib", "SENSITIVE_TO")}),
    ("Adaptive resistance to sunitinib is dependent on mTOR signalling.", set()),  # a pathway
])
def test_a_bare_gene_the_cue_is_due_to_is_its_expression(extractor, text, expected):
    assert {(r["gene"], r["drug"], r["type"]) for r in relations(extractor, text)} == expected


@pytest.mark.parametrize("text,speculative", [
    ("ABCB1 is a primary mode of resistance to paclitaxel.", False),
    ("ABCB1 has been implicated in mediating resistance to paclitaxel.", False),
    ("ABCB1 may cause, or contribute to, resistance to paclitaxel.", True),
])
def test_a_chain_of_causing_verbs_reaches_back_to_its_subject(extractor, text, speculative):
    [relation] = relations(extractor, text)
    assert (relation["gene"], relation["drug"], relation["type"], relation["speculative"]) == (
        "ABCB1", "paclitaxel", "RESISTANT_TO", speculative)


def test_a_raising_verb_makes_to_predict_a_finding(extractor):
    [relation] = relations(extractor, "AR-V7 seems to predict resistance to androgen-receptor signaling inhibitors.")
    assert (relation["gene"], relation["variant"], relation["drug"], relation["type"], relation["speculative"]) == (
        "AR", "AR-V7", "androgen receptor signaling inhibitor", "RESISTANT_TO", True)
    assert relations(extractor, "We aimed to predict resistance to enzalutamide in AR-V7 positive patients.") == []
    [relation] = relations(extractor, "AR-V7 expression was demonstrated to predict poor response to abiraterone.")
    assert (relation["drug"], relation["type"], relation["speculative"]) == ("abiraterone", "RESISTANT_TO", False)


def test_zygosity_words_join_coordinated_alterations(extractor):
    record = extractor.extract("High p16 expression and heterozygous RB1 loss are biomarkers for CDK4/6 inhibitor "
                               "resistance.")
    assert {(r["gene"], r["type"]) for r in record["relations"]} == {("CDKN2A", "RESISTANT_TO"),
                                                                      ("RB1", "RESISTANT_TO")}


def test_agent_of_coordinated_objects_beats_the_nearer_gene(extractor):
    record = extractor.extract("YAP1 promotes STAT3 phosphorylation in stromal cells and cisplatin resistance.")
    assert relation_tuples(record) == {("YAP1", None, "cisplatin", "RESISTANT_TO")}
    record = extractor.extract("Loss of PTEN induces AKT activation and resistance to trastuzumab.")
    assert relation_tuples(record) == {("PTEN", None, "trastuzumab", "RESISTANT_TO")}
    # the host named after the cue is not the cause
    record = extractor.extract("AXL promotes resistance to erlotinib in EGFR-mutant cells.")
    assert relation_tuples(record) == {("AXL", None, "erlotinib", "RESISTANT_TO")}


def test_causing_verb_without_the_cue_as_object_gives_no_agent(extractor):
    assert relations(extractor, "TP53 induces apoptosis in cells sensitive to cisplatin.") == []
    # a relative clause has its own subject
    record = extractor.extract("YAP1 induces EGFR expression, which confers resistance to cisplatin.")
    assert relation_tuples(record) == {("EGFR", None, "cisplatin", "RESISTANT_TO")}


# -- resistance without a resistance word (family persist) ---------------------------------

@pytest.mark.parametrize("text, gene, drug", [
    ("MET-amplified cells continued to proliferate in the presence of gefitinib.", "MET", "gefitinib"),
    ("FLT3-ITD blasts kept dividing despite treatment with quizartinib.", "FLT3", "quizartinib"),
    ("Patients with KRAS mutations failed to respond to cetuximab.", "KRAS", "cetuximab"),
    ("The patient with an EML4-ALK fusion relapsed after crizotinib.", "ALK", "crizotinib"),
])
def test_persistence_under_treatment_is_resistance(extractor, text, gene, drug):
    relation = only(extractor, text)
    assert (relation["gene"], relation["drug"], relation["type"], relation["negated"]) == (
        gene, drug, "RESISTANT_TO", False)


def test_persistence_subject_is_the_carrier_not_the_readout(extractor):
    record = extractor.extract("SOX2-overexpressing cells maintained elevated AKT1 phosphorylation despite "
                               "treatment with capivasertib.")
    assert {(r["gene"], r["type"]) for r in record["relations"]} == {("SOX2", "RESISTANT_TO")}
    # a fronted 'despite' clause says nothing about what follows it
    assert relations(extractor, "Despite treatment with cisplatin, TP53 was expressed in all samples.") == []


# -- negation scope: a denied manipulated arm (scope.denied_manipulation) ------------------

def test_manipulated_arm_behind_but_not_is_the_comparator(extractor):
    record = extractor.extract("Sensitivity to cisplatin was observed in parental cells but not in cells with "
                               "XRCC1 knockdown.")
    assert {(r["gene"], r["drug"], r["type"], r["negated"]) for r in record["relations"]} == {
        ("XRCC1", "cisplatin", "SENSITIVE_TO", False)}
    # an agent written before an apposition: the sensitising agent needs the gene
    record = extractor.extract("Chloroquine, an inhibitor of autophagy, enhanced the sensitivity of parental cells, "
                               "but not ATG5-depleted cells, to gemcitabine.")
    assert {(r["gene"], r["drug"], r["type"], r["negated"]) for r in record["relations"]} == {
        ("ATG5", "chloroquine", "SENSITIVE_TO", False)}


def test_denied_unmanipulated_subject_stays_negated(extractor):
    record = extractor.extract("Sensitivity to cisplatin was observed in parental cells but not in cells with "
                               "XRCC1 overexpression.")
    assert all(r["negated"] for r in record["relations"] if r["gene"] == "XRCC1")
    record = extractor.extract("Cisplatin sensitivity was not observed in XRCC1-depleted cells.")
    assert all(r["negated"] for r in record["relations"])


# -- drugs and genes a model found that no lexicon links (unlinked_sources) ----------------

def _relations_with_model_mention(extractor, text, word, normalized, label="DRUG", source="model"):
    """Relations of `text` when a model (not the lexicons) tagged `word` as a DRUG (or `label`); `source`
    'propagated': a copy of such a mention at another occurrence of its text."""
    from extractor.mentions import Mention

    doc = extractor.make_doc(text)
    for name, component in extractor.nlp.pipeline:
        if name == "relations":
            break
        doc = component(doc)
    span = doc.char_span(text.index(word), text.index(word) + len(word))
    found = Mention(span.start_char, span.end_char, label, normalized, word.lower(), source,
                    token_start=span.start, token_end=span.end)
    doc._.mentions = sorted([m for m in doc._.mentions if not m.overlaps(found)] + [found], key=lambda m: m.start)
    doc = extractor.nlp.get_pipe("relations")(doc)
    return [(r.subject.canonical, r.object.canonical, r.type) for r in doc._.relations]


def test_an_unlinked_model_drug_is_no_relation_object(extractor):
    text = "KRAS-mutant cells were resistant to TG in culture."
    assert _relations_with_model_mention(extractor, text, "TG", None) == []
    assert _relations_with_model_mention(extractor, text, "TG", "DB00001") == [("mutation", "tg", "RESISTANT_TO")]
    # a copy of it at another occurrence of its text is no object either
    assert _relations_with_model_mention(extractor, text, "TG", None, source="propagated") == []


def test_an_unlinked_model_gene_is_no_subject(extractor):
    text = "Collagen XIA1 was upregulated in cisplatin-resistant ovarian cancer cells."
    assert _relations_with_model_mention(extractor, text, "Collagen XIA1", None, "GENE") == []
    assert _relations_with_model_mention(extractor, text, "Collagen XIA1", "HGNC:2186", "GENE") == [
        ("collagen xia1", "cisplatin", "RESISTANT_TO")]


def test_class_in_brackets_after_a_drug_says_what_it_is(extractor):
    text = "XRCC1 loss enhanced chemosensitivity to etoposide (a topoisomerase II inhibitor) in lung cancer cells."
    record = extractor.extract(text)
    assert {r["drug"] for r in record["relations"]} == {"etoposide"}
    # a class of its own in a list stays
    record = extractor.extract("XRCC1 loss enhanced sensitivity to etoposide and topoisomerase I inhibitors.")
    assert {r["drug"] for r in record["relations"]} == {"etoposide", "topoisomerase i inhibitor"}


@pytest.mark.parametrize("text, expected", [
    ("ABCB1 overexpression confers chemoresistance in ovarian cancer cells.",
     {("ABCB1", None, "chemotherapy", "RESISTANT_TO")}),
    ("KRAS mutations were associated with chemosensitivity.", {("KRAS", None, "chemotherapy", "SENSITIVE_TO")}),
    ("IL7 expression correlated with chemoresistance to cisplatin.", {("IL7", None, "cisplatin", "RESISTANT_TO")}),
    ("Chemosensitivity was assessed by MTT assays in TP53-mutant cells.", set()),
])
def test_chemo_fused_to_a_response_word_is_chemotherapy(extractor, text, expected):
    # the tokenizer splits 'chemo' off 'chemoresistance'; a drug named after the cue wins over it
    assert relation_tuples(extractor.extract(text)) == expected


# -- phrasings of clinical and preclinical response ----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Objective responses to sotorasib were observed in patients with KRAS G12C mutations.",
     {("KRAS", "G12C", "sotorasib", "SENSITIVE_TO")}),
    # the drug of a treatment verb may stand past the alteration
    ("Objective responses were observed in patients with KRAS G12C mutations treated with sotorasib.",
     {("KRAS", "G12C", "sotorasib", "SENSITIVE_TO")}),
    ("KRAS-mutant xenografts regressed upon treatment with trametinib.", {("KRAS", None, "trametinib", "SENSITIVE_TO")}),
    ("Encorafenib plus cetuximab prolonged overall survival in BRAF V600E-mutant colorectal cancer.",
     {("BRAF", "V600E", "encorafenib", "SENSITIVE_TO"), ("BRAF", "V600E", "cetuximab", "SENSITIVE_TO")}),
    ("Lapatinib was active in patients whose tumors overexpressed HER2.", {("ERBB2", None, "lapatinib", "SENSITIVE_TO")}),
    # a rate 'of' the drug; a response 'within' a course of it
    ("The objective response rate of crizotinib in ALK-positive patients was 60%.",
     {("ALK", None, "crizotinib", "SENSITIVE_TO")}),
    ("A man with BRAF V600E-positive thyroid carcinoma achieved a response within eight weeks of starting dabrafenib.",
     {("BRAF", "V600E", "dabrafenib", "SENSITIVE_TO")}),
    ("In patients with BRAF V600E-mutant melanoma, vemurafenib was associated with a 63% reduction in the risk of "
     "death.", {("BRAF", "V600E", "vemurafenib", "SENSITIVE_TO")}),
    # the cohort treated with the drug is named in a fronted phrase
    ("Among patients receiving everolimus for renal cell carcinoma, those whose tumours carried TSC1 mutations had "
     "a longer progression-free survival than patients without such mutations.",
     {("TSC1", None, "everolimus", "SENSITIVE_TO")}),
    ("Among patients receiving second-line sunitinib for GIST, those with KIT exon 13 mutations had longer "
     "progression-free survival.", {("KIT", "exon 13 mutation", "sunitinib", "SENSITIVE_TO")}),
    # the drug added to a regimen that names no drug
    ("Among patients with KRAS G13D-mutated tumours, the addition of cetuximab to best supportive care was "
     "associated with longer overall survival.", {("KRAS", "G13D", "cetuximab", "SENSITIVE_TO")}),
    # a reversed response and a resistance outcome coordinated: both resistance, not opposite directions
    ("High TUBB3 expression was associated with a lower response rate and shorter progression-free survival in "
     "patients receiving paclitaxel.", {("TUBB3", None, "paclitaxel", "RESISTANT_TO")}),
    # a light verb in its base form; an option 'in' a population
    ("Trastuzumab appeared to provide clinical benefit for patients lacking PTEN.",
     {("PTEN", None, "trastuzumab", "SENSITIVE_TO")}),
    ("Trametinib could be a valid therapeutic option in patients with melanoma harboring the BRAF K601E mutation.",
     {("BRAF", "K601E", "trametinib", "SENSITIVE_TO")}),
    # the comparator arm gets nothing: 'over D', 'compared with those who receive D alone'
    ("Vemurafenib achieved improved overall survival over chemotherapy in BRAF-mutated melanoma.",
     {("BRAF", None, "vemurafenib", "SENSITIVE_TO")}),
    ("Patients with PIK3CA mutations who receive alpelisib plus fulvestrant have longer real-world progression-free "
     "survival compared with those who receive fulvestrant alone.", {("PIK3CA", None, "alpelisib", "SENSITIVE_TO")}),
    # a plural class after a copula says what the drugs are
    ("Midostaurin and gilteritinib are FLT3 inhibitors that have been recently approved for use in FLT3-mutant AML.",
     {("FLT3", None, "midostaurin", "SENSITIVE_TO"), ("FLT3", None, "gilteritinib", "SENSITIVE_TO")}),
    # a chemical that is no treatment is no object; a direction left open ('was variable') is no claim
    ("When C797S occurs in cis with T790M, it confers resistance to all ATP-competitive EGFR TKIs.",
     {("EGFR", "T790M", "egfr tyrosine kinase inhibitor", "RESISTANT_TO")}),
    ("AML cells rendered deficient for BAX displayed resistance to venetoclax, whereas sensitivity to conventional "
     "chemotherapy was variable.", {("BAX", None, "venetoclax", "RESISTANT_TO")}),
    ("Outcome measures: fasting serum insulin levels, insulin sensitivity index and glucose effectiveness.", set()),
    # what a drug lowers is no drug; the drug the sentence names is
    ("Cholesterol-lowering drugs showed activity against prostate cancer harboring SPOP mutations.", set()),
    ("Cholesterol showed activity against prostate cancer harboring SPOP mutations.",
     {("SPOP", None, "cholesterol", "SENSITIVE_TO")}),
    # 'defective in X' is a loss; an exon event specific to one gene's literature goes to that gene
    ("Tumor cells defective in BRCA1 are sensitive to PARP inhibitors.",
     {("BRCA1", None, "parp inhibitor", "SENSITIVE_TO")}),
    ("Exon 19 deletions predicted favorable PFS following EGFR TKI treatment.",
     {("EGFR", "exon 19 deletion", "egfr tyrosine kinase inhibitor", "SENSITIVE_TO")}),
    # drugs a cohort had before are its history, not the treatment a result is about
    ("Selpercatinib was active in RET-fusion lung cancer, while in RET-altered thyroid cancer patients who had "
     "previously received cabozantinib, the ORR was 69%.", {("RET", None, "selpercatinib", "SENSITIVE_TO")}),
    # the alteration of a relative pronoun's antecedent; one adjective for a list of genes; 'gain' glues alterations
    ("We identified ARID1A, whose loss confers resistance to fulvestrant.",
     {("ARID1A", None, "fulvestrant", "RESISTANT_TO")}),
    ("Mutated JAK1 and JAK2 play a key role in primary resistance to anti-PD-1 therapy.",
     {("JAK1", None, "pd-1 inhibitor", "RESISTANT_TO"), ("JAK2", None, "pd-1 inhibitor", "RESISTANT_TO")}),
    ("FLT3 internal tandem duplication gain or TP53 loss conferred cross-resistance to venetoclax.",
     {("FLT3", "ITD", "venetoclax", "RESISTANT_TO"), ("TP53", None, "venetoclax", "RESISTANT_TO")}),
    # an outcome with its direction after it, the drug after that
    ("Median PFS was significantly longer in patients with EGFR mutations treated with gefitinib than in those "
     "without.", {("EGFR", None, "gefitinib", "SENSITIVE_TO")}),
    ("Response was significantly lower in KRAS-mutant patients treated with cetuximab.",
     {("KRAS", None, "cetuximab", "RESISTANT_TO")}),
    # an outcome named without a direction is no cue and hides none ('a progression-free survival benefit')
    ("Talazoparib provided a significant progression-free survival benefit in patients with a germline BRCA1 "
     "mutation.", {("BRCA1", None, "talazoparib", "SENSITIVE_TO")}),
    # 'homozygous' between a gene and its alteration word; a relapse on a drug
    ("CDKN2A homozygous deletion sensitizes glioma to palbociclib.", {("CDKN2A", None, "palbociclib", "SENSITIVE_TO")}),
    ("A secondary mutation in SMO was found in patients following relapse on vismodegib.",
     {("SMO", None, "vismodegib", "RESISTANT_TO")}),
    # a class after a drug's other name in brackets says what the drug is
    ("The FDA approved adagrasib (Krazati), a KRAS G12C inhibitor, for KRAS G12C-mutated colorectal cancer.",
     {("KRAS", "G12C", "adagrasib", "SENSITIVE_TO")}),
    # 'all' between an alteration word and its gene; responses a drug triggers; resistance mitigated by a drug
    ("Methylation of all BRCA1 copies predicts response to rucaparib.", {("BRCA1", None, "rucaparib", "SENSITIVE_TO")}),
    ("Tazemetostat triggers responses in 71% of patients with follicular lymphoma who carry mutations in EZH2.",
     {("EZH2", None, "tazemetostat", "SENSITIVE_TO")}),
    ("Higher CDK4 levels were associated with endocrine resistance which was mitigated by palbociclib.",
     {("CDK4", None, "endocrine therapy", "RESISTANT_TO"), ("CDK4", None, "palbociclib", "SENSITIVE_TO")}),
    # a gene introduced into cells, its expression enhanced: overexpression
    ("P53 introduction enhances chemotherapy-induced apoptosis in HeLa cells.",
     {("TP53", None, "chemotherapy", "SENSITIVE_TO")}),
    ("Enhancement of TYMP expression improves the sensitivity of gastric carcinoma cells to capecitabine.",
     {("TYMP", None, "capecitabine", "SENSITIVE_TO")}),
])
def test_response_phrasings(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text", [
    "OBJECTIVE: To assess responses to sotorasib in patients with KRAS G12C mutations.",  # a study aim
    "The tumours regressed in patients with KRAS G12C mutations.",  # no drug
    "Responses were observed in patients with KRAS G12C mutations. Patients were treated with sotorasib later.",
    # a prognosis within a treated cohort; the rate of patients, no drug
    "In patients who all received cisplatin, high survivin expression was a prognostic factor for poor survival.",
    "The response rate of patients with EGFR mutations was 70%.",
    "Overall survival of patients with EGFR mutations treated with gefitinib was 24 months.",
])
def test_response_phrasings_negative(extractor, text):
    assert relation_tuples(extractor.extract(text)) == set()


def test_bare_gene_subject_records_its_alteration_kind(extractor):
    [relation] = extractor.extract("Lapatinib was active in tumors overexpressing HER2.")["relations"]
    assert (relation["gene"], relation["variant"], relation["alteration"]) == ("ERBB2", None, "overexpression")
    [relation] = extractor.extract("IL7 expression correlated with chemoresistance to cisplatin.")["relations"]
    assert relation["alteration"] == "expression"


@pytest.mark.parametrize("text, expected", [
    ("Trastuzumab improves survival in women with HER2-amplified breast cancer.",
     {("ERBB2", None, "trastuzumab", "SENSITIVE_TO")}),
    ("ESR1 D538G mutations were detected in patients progressing on letrozole.",
     {("ESR1", "D538G", "letrozole", "RESISTANT_TO")}),
])
def test_present_tense_outcomes_and_progression(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_progressing_without_a_drug_gives_nothing(extractor):
    text = "ESR1 D538G mutations were detected in patients progressing rapidly."
    assert relation_tuples(extractor.extract(text)) == set()


# -- positive receptor statuses as subjects (status_subjects) ------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Trastuzumab was effective in HER2-positive breast cancer.", {("ERBB2", None, "trastuzumab", "SENSITIVE_TO")}),
    ("Tamoxifen benefits patients with ER-positive tumors.", {("ESR1", None, "tamoxifen", "SENSITIVE_TO")}),
    # another alteration in the sentence is the subject; the status is the cohort
    ("In HER2-positive breast cancer, PIK3CA mutations confer resistance to trastuzumab.",
     {("PIK3CA", None, "trastuzumab", "RESISTANT_TO")}),
    ("Trastuzumab deruxtecan improved progression-free survival in HER2-low breast cancer.",
     {("ERBB2", None, "trastuzumab deruxtecan", "SENSITIVE_TO")}),
    ("Brigatinib demonstrated superior progression-free survival versus crizotinib in ALK-positive NSCLC.",
     {("ALK", None, "brigatinib", "SENSITIVE_TO")}),
    ("Trastuzumab was ineffective in HER2-negative breast cancer.", set()),  # a negative status is no subject
])
def test_positive_status_is_a_subject_where_no_alteration_is(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_status_subject_record(extractor):
    record = extractor.extract("Trastuzumab was effective in HER2-positive breast cancer.")
    [relation] = record["relations"]
    subject = next(e for e in record["entities"] if e["id"] == relation["subject"])
    assert (subject["text"], subject["label"]) == ("HER2-positive", "TUMOR_SUBTYPE")
    low = only(extractor, "Trastuzumab deruxtecan improved survival in HER2-low breast cancer.")
    assert (low["gene"], low["alteration"]) == ("ERBB2", "low expression")
    assert (relation["gene"], relation["variant"], relation["alteration"]) == ("ERBB2", None, "expression")


@pytest.mark.parametrize("text", [
    "HER2-negative patients responded to capecitabine.",  # only positive statuses
    "Samples from 54 node-negative ER-positive breast cancer cases with known outcome were used to search for "
    "genes whose activity is associated with tamoxifen resistance.",  # the status is a far-away cohort
])
def test_status_subject_negative(extractor, text):
    assert relation_tuples(extractor.extract(text)) == set()


def test_a_directed_outcome_after_a_marker_role_is_directed(extractor):
    # 'improved PFS' says the direction; 'benefit' after a hedged marker role does not
    text = "EGFR mutation status was a strong predictor of improved progression-free survival with gefitinib."
    assert relation_tuples(extractor.extract(text)) == {("EGFR", None, "gefitinib", "SENSITIVE_TO")}
    text = "EGFR mutation status may be a potential predictor of benefit from gefitinib."
    assert relation_tuples(extractor.extract(text)) == set()


def test_an_adverb_between_drug_and_outcome(extractor):
    text = "Icotinib significantly prolonged progression-free survival in patients with EGFR-mutant NSCLC."
    assert relation_tuples(extractor.extract(text)) == {("EGFR", None, "icotinib", "SENSITIVE_TO")}
    # without an agent drug the outcome is a predicate: the drug of the treated patients
    text = "High hENT1 expression was associated with improved survival in patients treated with gemcitabine."
    assert relation_tuples(extractor.extract(text)) == {("SLC29A1", None, "gemcitabine", "SENSITIVE_TO")}
    text = "High hENT1 expression was associated with prolonged survival of patients treated with gemcitabine."
    assert relation_tuples(extractor.extract(text)) == {("SLC29A1", None, "gemcitabine", "SENSITIVE_TO")}
    text = "KRAS mutation was associated with improved survival in colorectal cancer."  # prognosis: no drug
    assert relation_tuples(extractor.extract(text)) == set()
    text = "Vorasidenib doubled progression-free survival in patients with IDH1-mutant glioma."  # 'doubled'
    assert relation_tuples(extractor.extract(text)) == {("IDH1", None, "vorasidenib", "SENSITIVE_TO")}
    # an adverb alone does not make a drug the agent of a cue further on
    text = "Icotinib was given; resistance significantly increased in EGFR-mutant NSCLC."
    assert relation_tuples(extractor.extract(text)) == set()


def test_a_drug_naming_the_effect_before_an_agent_cue_is_its_object(extractor):
    # 'cisplatin efficacy in': the drug modifies the effect noun, so the cue is read as the predicate 'efficacy'
    text = "ERCC1 knockdown enhanced cisplatin efficacy in glioma cells."
    assert relation_tuples(extractor.extract(text)) == {("ERCC1", None, "cisplatin", "RESISTANT_TO")}
    text = "Erlotinib showed efficacy in patients with EGFR mutations."  # the drug is the agent
    assert relation_tuples(extractor.extract(text)) == {("EGFR", None, "erlotinib", "SENSITIVE_TO")}
    # a verb cue's drug stays its agent: no subject after it, no relation
    text = "ERCC1 expression was high in these tumours; cisplatin induced responses in a third of patients."
    assert relation_tuples(extractor.extract(text)) == set()


def test_a_manipulation_reaches_past_a_description_of_the_gene(extractor):
    text = "Knockdown of the DNA repair gene ERCC1 enhanced temozolomide cytotoxicity."
    assert relation_tuples(extractor.extract(text)) == {("ERCC1", None, "temozolomide", "RESISTANT_TO")}
    text = "Inhibition of DNA-repair genes Ercc1 and Mgmt enhances temozolomide efficacy in gliomas."
    assert relation_tuples(extractor.extract(text)) == {("ERCC1", None, "temozolomide", "RESISTANT_TO"),
                                                        ("MGMT", None, "temozolomide", "RESISTANT_TO")}
    # 'transcripts' after a gene are its expression
    relation = only(extractor, "dCK mRNA transcripts were associated with resistance to cytarabine.")
    assert (relation["gene"], relation["alteration"], relation["type"]) == ("DCK", "expression", "RESISTANT_TO")
    assert relations(extractor, "Transcripts were associated with resistance to cytarabine.") == []
    # one relation where a variant word before the description already names the gene's alteration
    record = extractor.extract("Overexpression of the nucleotide excision repair gene ERCC1 conferred resistance to "
                               "cisplatin.")
    assert [(r["gene"], r["alteration"], r["drug"], r["type"]) for r in record["relations"]] == [
        ("ERCC1", "overexpression", "cisplatin", "RESISTANT_TO")]
    # a description without a manipulation before it leaves the gene's own expression
    text = "The DNA repair gene ERCC1 enhanced resistance to temozolomide."
    assert relation_tuples(extractor.extract(text)) == {("ERCC1", None, "temozolomide", "RESISTANT_TO")}


def test_a_drug_given_with_placebo_is_the_backbone_of_the_document(extractor):
    text = ("Women were randomised to alpelisib plus fulvestrant or placebo plus fulvestrant. Alpelisib plus "
            "fulvestrant prolonged progression-free survival in patients with PIK3CA mutations.")
    assert flagged_tuples(extractor, text) == {("PIK3CA", "alpelisib", "SENSITIVE_TO", False)}
    # a backbone named alone is still the agent
    text = "Fulvestrant plus placebo was given. Fulvestrant prolonged PFS in patients with ESR1 mutations."
    assert flagged_tuples(extractor, text) == {("ESR1", "fulvestrant", "SENSITIVE_TO", False)}


def test_a_drug_added_to_a_regimen_is_the_agent(extractor):
    text = "Olaparib added to bevacizumab prolonged progression-free survival in patients with BRCA1 mutations."
    assert relation_tuples(extractor.extract(text)) == {("BRCA1", None, "olaparib", "SENSITIVE_TO")}
    # a drug compared with, not added to, the agent gets nothing
    text = "Olaparib was compared to bevacizumab; olaparib prolonged progression-free survival in BRCA1-mutant cancer."
    assert relation_tuples(extractor.extract(text)) == {("BRCA1", None, "olaparib", "SENSITIVE_TO")}
    # an apposition between dashes (press-release style) or commas before 'to'
    for text in ("Adding midostaurin \u2014 a multi-targeted kinase inhibitor \u2014 to chemotherapy prolongs survival "
                 "among patients with FLT3-mutated AML.",
                 "Adding midostaurin, a multi-targeted kinase inhibitor, to chemotherapy prolongs survival among "
                 "patients with FLT3-mutated AML.",
                 "Midostaurin \u2013 a multi-targeted kinase inhibitor \u2013 prolongs survival among patients with "
                 "FLT3-mutated AML."):
        assert relation_tuples(extractor.extract(text)) == {("FLT3", None, "midostaurin", "SENSITIVE_TO")}, text


def test_a_class_in_apposition_to_a_drug_names_the_drug(extractor):
    text = "Neratinib, an irreversible pan-HER inhibitor, produced responses in patients with HER2-mutant tumors."
    assert relation_tuples(extractor.extract(text)) == {("ERBB2", None, "neratinib", "SENSITIVE_TO")}
    # a long apposition, with the class's short form in brackets
    text = ("Osimertinib, a third-generation epidermal growth factor receptor tyrosine-kinase inhibitor (EGFR-TKI), "
            "has demonstrated benefit in patients with EGFR T790M.")
    assert relation_tuples(extractor.extract(text)) == {("EGFR", "T790M", "osimertinib", "SENSITIVE_TO")}
    # past the drug's other name in brackets; the class may name its target
    text = ("Mogamulizumab (KW-0761), a defucosylated humanised anti-CCR4 monoclonal antibody, achieved an overall "
            "response rate of 50% in patients with relapsed CCR4-positive adult T-cell leukaemia-lymphoma.")
    assert relation_tuples(extractor.extract(text)) == {("CCR4", None, "mogamulizumab", "SENSITIVE_TO")}
    # the apposition may describe the class at length, as a copula's complement does
    text = ("Tazemetostat, a first-in-class EZH2 inhibitor, demonstrated clinical activity in EZH2-mutant follicular "
            "lymphoma.")
    assert relation_tuples(extractor.extract(text)) == {("EZH2", None, "tazemetostat", "SENSITIVE_TO")}
    # but not past the apposition's end: the class is another agent
    text = "Cisplatin, a standard drug, and PARP inhibitors were effective in BRCA1-mutant cells."
    assert "parp inhibitor" in {d for _, _, d, _ in relation_tuples(extractor.extract(text))}
    # a list of drugs and a class is no apposition: all act
    text = "Tamoxifen, fulvestrant and aromatase inhibitors produced responses in ESR1-mutant tumors."
    assert {d for _, _, d, _ in relation_tuples(extractor.extract(text))} == {
        "tamoxifen", "fulvestrant", "aromatase inhibitor"}


def test_an_alteration_naming_its_gene_after_it_is_not_shared_backwards(extractor):
    record = extractor.extract("Mutations in KRAS and BRAF and amplification of ERBB2 drive resistance to anti-EGFR "
                               "treatment.")
    ents = {e["id"]: e["text"] for e in record["entities"]}
    assert sorted((r["gene"], ents[r["subject"]], r["drug"]) for r in record["relations"]) == [
        ("BRAF", "BRAF", "egfr inhibitor"), ("ERBB2", "amplification", "egfr inhibitor"),
        ("KRAS", "Mutations", "egfr inhibitor")]


def test_a_model_gene_with_a_suspended_hyphen_is_linked_and_shares_the_alteration(default_extractor):
    text = "Binimetinib has activity in NRAS- and BRAF-mutant melanoma."
    record = default_extractor.extract(text)
    assert ("NRAS", "NRAS") in [(e["text"], e["canonical"]) for e in record["entities"] if e["label"] == "GENE"]
    assert relation_tuples(record) == {("NRAS", None, "binimetinib", "SENSITIVE_TO"),
                                       ("BRAF", None, "binimetinib", "SENSITIVE_TO")}


def test_a_degree_of_resistance_does_not_turn_it_around(extractor):
    assert only(extractor, "When cells were transfected with TUBB3, weak resistance to paclitaxel was found.")["type"] \
        == "RESISTANT_TO"
    assert only(extractor, "When cells were transfected with TUBB3, reduced resistance to paclitaxel was found.")[
        "type"] == "SENSITIVE_TO"


def test_inhibition_is_a_treatment_where_another_gene_is_altered(extractor):
    record = extractor.extract("Combined PARP and ATR inhibition suppressed tumor growth in BRCA1-deficient models.")
    assert relation_tuples(record) == {("BRCA1", None, "parp inhibitor", "SENSITIVE_TO"),
                                       ("BRCA1", None, "atr inhibitor", "SENSITIVE_TO")}
    assert only(extractor, "EGFR inhibition sensitised the cells to cisplatin.")["gene"] == "EGFR"  # an experiment
    assert ("KRAS", None, "mek inhibitor", "SENSITIVE_TO") in relation_tuples(
        extractor.extract("MEK inhibition sensitized KRAS mutant cells to docetaxel."))


def test_class_inhibition_after_toward_and_further(extractor):
    assert relation_tuples(extractor.extract(
        "MTAP-deleted tumours are selectively sensitized toward further PRMT5 inhibition.")) == \
        {("MTAP", None, "prmt5 inhibitor", "SENSITIVE_TO")}
    assert relation_tuples(extractor.extract("Further PRMT5 inhibition in MTAP-deleted tumours was studied.")) == set()


@pytest.mark.parametrize("text, expected", [
    ("The FDA approved erdafitinib for patients with urothelial carcinoma with susceptible FGFR3 genetic alterations.",
     {("FGFR3", None, "erdafitinib", "SENSITIVE_TO")}),
    ("HSP27 overexpression rendered PL5 cells more susceptible towards treatment with gemcitabine.",
     {("HSPB1", None, "gemcitabine", "SENSITIVE_TO")}),
    ("Patients harboring the T315I mutation are also candidates for either ponatinib or asciminib.",
     {("ABL1", "T315I", "ponatinib", "SENSITIVE_TO"), ("ABL1", "T315I", "asciminib", "SENSITIVE_TO")}),
])
def test_genetic_alterations_towards_and_candidates(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_a_cohorts_progression_in_a_relative_clause_is_its_history(extractor):
    record = extractor.extract("Erdafitinib yielded a response rate of 40% among patients with urothelial carcinoma "
                               "harboring FGFR3 mutations who had progressed after platinum-containing chemotherapy.")
    assert relation_tuples(record) == {("FGFR3", None, "erdafitinib", "SENSITIVE_TO")}
    # a specific variant too: the cohort's eligibility, not a finding
    record = extractor.extract("Osimertinib was effective in patients with EGFR T790M who had progressed on gefitinib.")
    assert relation_tuples(record) == {("EGFR", "T790M", "osimertinib", "SENSITIVE_TO")}
    record = extractor.extract("Among patients with EGFR T790M-positive NSCLC whose disease had progressed after "
                               "gefitinib, the response rate was higher with osimertinib (71%) than with chemotherapy.")
    assert relation_tuples(record) == {("EGFR", "T790M", "osimertinib", "SENSITIVE_TO")}
    # without a benefit of another drug the progression is the claim
    record = extractor.extract("T790M was detected in patients who had progressed after gefitinib.")
    assert relation_tuples(record) == {("EGFR", "T790M", "gefitinib", "RESISTANT_TO")}
    # so is a failure after 'after'; and 'a role in treating' is an indication
    record = extractor.extract("Binimetinib may have a role in treating NRAS-mutated melanoma patients after failure "
                               "of immunotherapy.")
    assert relation_tuples(record) == {("NRAS", None, "binimetinib", "SENSITIVE_TO")}


@pytest.mark.parametrize("text, expected", [
    ("TROP2T256R confers resistance to sacituzumab govitecan.",
     {("TACSTD2", "T256R", "sacituzumab govitecan", "RESISTANT_TO")}),
    ("Our analysis uncovered RB and PTEN loss as mechanisms of acquired resistance to CDK4/6 inhibitors.",
     {("RB1", None, "cdk4/6 inhibitor", "RESISTANT_TO"), ("PTEN", None, "cdk4/6 inhibitor", "RESISTANT_TO")}),
    ("The topoIIalpha amplification was associated with increased sensitivity to doxorubicin.",
     {("TOP2A", None, "doxorubicin", "SENSITIVE_TO")}),
])
def test_glued_variants_and_curated_gene_aliases(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sotorasib was granted accelerated approval by the US Food and Drug Administration in May of 2021 for adult "
     "patients with advanced KRAS G12C-mutant NSCLC.", {("KRAS", "G12C", "sotorasib", "SENSITIVE_TO")}),
    ("Sotorasib received FDA approval for KRAS G12C-mutated NSCLC.", {("KRAS", "G12C", "sotorasib", "SENSITIVE_TO")}),
    ("Ivosidenib was approved by the FDA for IDH1-mutant AML.", {("IDH1", None, "ivosidenib", "SENSITIVE_TO")}),
    ("Midostaurin as adjunct to chemotherapy improves outcome in patients with FLT3-ITD.",
     {("FLT3", "ITD", "midostaurin", "SENSITIVE_TO")}),
    ("Midostaurin in addition to chemotherapy improves outcome in patients with FLT3-ITD.",
     {("FLT3", "ITD", "midostaurin", "SENSITIVE_TO")}),
    ("Midostaurin and chemotherapy improve outcome in patients with FLT3-ITD.",
     {("FLT3", "ITD", "midostaurin", "SENSITIVE_TO"), ("FLT3", "ITD", "chemotherapy", "SENSITIVE_TO")}),
    ("These data indicate that tovorafenib could be an effective therapy for BRAF-altered pLGG.",
     {("BRAF", None, "tovorafenib", "SENSITIVE_TO")}),
    ("Afatinib is a pan-ErbB family inhibitor that may be an effective treatment for NRG1 fusion-driven tumors.",
     {("NRG1", None, "afatinib", "SENSITIVE_TO")}),
    ("Venetoclax-based low intensive chemotherapy is an effective treatment for NPM1-mutated AML.",
     {("NPM1", None, "venetoclax", "SENSITIVE_TO")}),
    ("Hence HDAC3 inhibition represents a novel therapy for CREBBP mutant lymphomas.",
     {("CREBBP", None, "hdac3 inhibitor", "SENSITIVE_TO")}),
    ("Significantly, EZH2 inhibition causes regression of ARID1A mutated ovarian tumors in vivo.",
     {("ARID1A", None, "ezh2 inhibitor", "SENSITIVE_TO")}),
    ("Olaparib remains a treatment option for BRCA1-mutant tumours.", {("BRCA1", None, "olaparib", "SENSITIVE_TO")}),
    ("Tamoxifen reduced the annual recurrence rate by 39% in women with ER-positive disease.",
     {("ESR1", None, "tamoxifen", "SENSITIVE_TO")}),
    ("Olaparib caused regression of tumours in mice, and BRCA1 was sequenced.", set()),
    ("The Food and Drug Administration recently approved avapritinib (Ayvakit) for adults with GISTs with a PDGFRA "
     "exon 18 mutation.", {("PDGFRA", "exon 18 mutation", "avapritinib", "SENSITIVE_TO")}),
    ("Amivantamab is the only FDA-approved treatment for EGFR exon 20 insertion NSCLC.",
     {("EGFR", "exon 20 insertion", "amivantamab", "SENSITIVE_TO")}),
    ("Dasatinib, an FDA-approved SRC inhibitor, reduced p-PI3K levels in PTEN-null tumors.", set()),
    # the approval of one drug says nothing of a gene named as its target
    ("Sotorasib received FDA approval after trials of drugs that target the KRAS protein.", set()),
])
def test_approvals_and_effective_therapies(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("INI1-negative tumours responded to tazemetostat.", {("SMARCB1", None, "tazemetostat", "SENSITIVE_TO")}),
    ("PTEN-negative tumors were resistant to trastuzumab.", {("PTEN", None, "trastuzumab", "RESISTANT_TO")}),
    # a receptor status stays a subtype, a mutation-negative tumour stays wild type
    ("Patients with HER2-negative tumours did not benefit from trastuzumab.", set()),
])
def test_a_negative_gene_is_its_low_expression(extractor, text, expected):
    record = extractor.extract(text)
    assert relation_tuples(record) == expected
    assert all(r["alteration"] == "low expression" for r in record["relations"])


@pytest.mark.parametrize("text, expected", [
    ("Trials confirmed the effectiveness of crizotinib in ROS1-rearranged NSCLC.",
     {("ROS1", None, "crizotinib", "SENSITIVE_TO")}),
    ("TP53 mutations interfere with venetoclax-mediated apoptosis.", {("TP53", None, "venetoclax", "RESISTANT_TO")}),
    ("TP53 mutations attenuate venetoclax-induced apoptosis.", {("TP53", None, "venetoclax", "RESISTANT_TO")}),
    ("Ipatasertib has been shown to have a greater effect in patients with PTEN-loss.",
     {("PTEN", None, "ipatasertib", "SENSITIVE_TO")}),
    ("Enasidenib produced an overall response rate of 40% in patients with mIDH2.",
     {("IDH2", None, "enasidenib", "SENSITIVE_TO")}),
])
def test_effectiveness_and_verbs_that_weaken_a_drugs_effect(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_a_refractory_cohort_after_a_claim_without_a_drug_is_the_setting(extractor):
    assert relations(extractor, "SF3B1 mutation had no impact on response rates or survival times in "
                                "fludarabine-refractory patients.") == []
    # an alteration found in such a cohort is the resistance finding
    assert relation_tuples(extractor.extract("TP53 mutations were frequent in fludarabine-refractory patients.")) == {
        ("TP53", None, "fludarabine", "RESISTANT_TO")}


def test_a_wild_type_after_with_qualifies_the_alteration_before_it(extractor):
    record = extractor.extract("EGFR gene alterations with wild-type PTEN are associated with significantly better PFS "
                               "and OS in patients treated with gefitinib.")
    assert relation_tuples(record) == {("EGFR", None, "gefitinib", "SENSITIVE_TO")}
    # a wild type alone is no subject
    assert relations(extractor, "Patients with wild-type KRAS benefit from cetuximab.") == []


@pytest.mark.parametrize("text, expected", [
    # a 'but' inside a comma-enclosed relative clause starts no clause: the subject is before it
    ("The ESR1 mutations D538G and Y537S, which were rare in primary tumours but enriched in metastases, were "
     "associated with resistance to aromatase inhibitors.",
     {("ESR1", v, "aromatase inhibitor", "RESISTANT_TO") for v in (None, "D538G", "Y537S")}),
    # without the closing comma the 'but' is a clause break, and the clause names no alteration
    ("The ESR1 mutations D538G and Y537S were rare in primary tumours but enriched in metastases after resistance "
     "to aromatase inhibitors.", set()),
])
def test_a_but_inside_a_relative_clause_keeps_the_subject(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Patients with ESR1 mutations have poor outcome when treated with exemestane.",
     {("ESR1", None, "exemestane", "RESISTANT_TO")}),
    ("Concurrent EGFR E709X mutations exerted a detrimental effect on outcomes in patients treated with osimertinib.",
     {("EGFR", "E709*", "osimertinib", "RESISTANT_TO")}),
    ("Patients with AR-V7 had a shorter TTF with enzalutamide.", {("AR", "AR-V7", "enzalutamide", "RESISTANT_TO")}),
    ("Patients with AR-V7 had a longer time to treatment failure with cabazitaxel.",
     {("AR", "AR-V7", "cabazitaxel", "SENSITIVE_TO")}),
    ("High FGFR2 expression was associated with greater PFS gain from palbociclib.",
     {("FGFR2", None, "palbociclib", "SENSITIVE_TO")}),
    # an outcome without a drug is prognosis
    ("KRAS mutation is associated with poor outcome in colorectal cancer.", set()),
])
def test_outcome_and_treatment_failure_phrasings(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Gilteritinib is a potent and selective FLT3 kinase inhibitor with clinical efficacy in FLT3-mutated AML.",
     {("FLT3", None, "gilteritinib", "SENSITIVE_TO")}),
    ("Selpercatinib is a first-in-class, highly selective RET kinase inhibitor that has shown efficacy in RET "
     "fusion-positive lung cancers.", {("RET", None, "selpercatinib", "SENSITIVE_TO")}),
    # a class far past the copula's article is another agent, not what the drug is
    ("Erlotinib is a drug given to many patients for years before EGFR TKIs were effective in EGFR-mutant NSCLC.",
     {("EGFR", None, "egfr tyrosine kinase inhibitor", "SENSITIVE_TO")}),
])
def test_a_class_after_a_copula_describing_it_names_the_drug(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ripretinib inhibits all tested KIT and PDGFRA mutants.",
     {("KIT", None, "ripretinib", "SENSITIVE_TO"), ("PDGFRA", None, "ripretinib", "SENSITIVE_TO")}),
    ("Osimertinib inhibited EGFR T790M in vitro.", {("EGFR", "T790M", "osimertinib", "SENSITIVE_TO")}),
    # what the drug inhibits is no alteration; the mutant cells are only where
    ("Erlotinib inhibited EGFR phosphorylation in KRAS-mutant cells.", set()),
    ("Osimertinib was designed to target the T790M gatekeeper mutation of EGFR.",
     {("EGFR", "T790M", "osimertinib", "SENSITIVE_TO")}),
    ("Cetuximab targets EGFR in colorectal cancer.", set()),  # the drug's target, no alteration
])
def test_a_drug_inhibiting_an_alteration_is_sensitivity(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # an article before the outcome
    ("Trastuzumab improves the overall survival in HER2 overexpressing gastric cancers.",
     {("ERBB2", None, "trastuzumab", "SENSITIVE_TO")}),
    # 'more than half' counts patients; it compares nothing
    ("Vemurafenib induces clinical responses in more than half of patients with BRAF V600-mutant melanoma.",
     {("BRAF", "V600", "vemurafenib", "SENSITIVE_TO")}),
    # 'more than' before an alteration compares with it
    ("Vemurafenib induced more responses in BRAF V600E melanoma than in BRAF V600K melanoma.",
     {("BRAF", "V600E", "vemurafenib", "SENSITIVE_TO")}),
])
def test_outcome_articles_and_counted_patients(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("ALK mutations conferred resistance to alectinib as well as to crizotinib.",
     {("ALK", None, "alectinib", "RESISTANT_TO"), ("ALK", None, "crizotinib", "RESISTANT_TO")}),
    # past the list, a drug far from the cue is another claim's
    ("ALK mutations conferred resistance to alectinib in most of the patients who later received crizotinib.",
     {("ALK", None, "alectinib", "RESISTANT_TO")}),
])
def test_as_well_as_continues_a_drug_list(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_a_target_hyphenated_to_tki_is_its_class(extractor):
    record = extractor.extract("ALK G1202R confers resistance to ALK-TKIs but not to MET-TKI.")
    assert flagged_tuples(extractor, record["text"]) == {
        ("ALK", "alk inhibitor", "RESISTANT_TO", False), ("ALK", "met tyrosine kinase inhibitor", "RESISTANT_TO", True)}


@pytest.mark.parametrize("text, expected", [
    # a fusion right before a variant of its gene names the gene
    ("The BCR-ABL1 T315I mutation is resistant to imatinib.", {("ABL1", "T315I", "imatinib", "RESISTANT_TO")}),
    # a fusion named with a mutation word: its gene's mutation
    ("Point mutations in BCR-ABL1 confer resistance to imatinib.", {("ABL1", None, "imatinib", "RESISTANT_TO")}),
    ("BCR-ABL kinase domain mutations confer resistance to imatinib.", {("ABL1", None, "imatinib", "RESISTANT_TO")}),
    # the fusion itself
    ("BCR-ABL-positive cells were sensitive to imatinib.", {("ABL1", "BCR::ABL1", "imatinib", "SENSITIVE_TO")}),
])
def test_a_fusion_naming_its_gene(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_a_fusions_mutation_is_recorded_gene_level(extractor):
    [relation] = extractor.extract("BCR-ABL mutants confer resistance to imatinib.")["relations"]
    assert (relation["gene"], relation["variant"], relation["alteration"]) == ("ABL1", None, "mutation")


@pytest.mark.parametrize("text, expected", [
    # the modifier's own noun is coordinated with the cue: it does not turn the cue around
    ("Mutant TP53 is associated with a poor prognosis and anthracycline-resistance in breast cancer.",
     {("TP53", None, "anthracycline", "RESISTANT_TO")}),
    ("KRAS mutations were associated with a poor prognosis and response to cetuximab.",
     {("KRAS", None, "cetuximab", "SENSITIVE_TO")}),
    ("KRAS mutations were associated with poor responses to cetuximab.", {("KRAS", None, "cetuximab", "RESISTANT_TO")}),
])
def test_a_modifier_of_a_coordinated_noun_leaves_the_cue(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_an_inhibited_endogenous_gene_and_named_chemotherapy_classes(extractor):
    text = ("Inhibition of endogenous BRCA1 expression in ovarian cancer cells results in increased sensitivity to "
            "platinum therapy and decreased sensitivity to antimicrotubule agents.")
    assert relation_tuples(extractor.extract(text)) == {
        ("BRCA1", None, "platinum-based chemotherapy", "RESISTANT_TO"),
        ("BRCA1", None, "microtubule-targeting agent", "SENSITIVE_TO")}
    text = "Expression of class III beta tubulin is correlated with resistance to taxane chemotherapy."
    assert relation_tuples(extractor.extract(text)) == {("TUBB3", None, "taxane", "RESISTANT_TO")}
    record = extractor.extract("TOP2A amplification predicted response to anthracycline-based chemotherapy.")
    assert relation_tuples(record) == {("TOP2A", None, "anthracycline", "SENSITIVE_TO")}
    assert [(e["text"], e["canonical"]) for e in record["entities"] if e["label"] == "DRUG_CLASS"] == [
        ("anthracycline-based chemotherapy", "anthracycline")]  # one class, not 'chemotherapy' beside it


@pytest.mark.parametrize("text, expected", [
    # knocking the gene down lessened the resistance: the gene's expression is resistant
    ("ERCC1 siRNA ameliorates drug resistance to cisplatin in gastric cancer cells.",
     {("ERCC1", None, "cisplatin", "RESISTANT_TO")}),
    # a degree of resistance is still resistance; a lower one is not
    ("Loss of hMSH2 or hMLH1 was associated with low-level resistance to etoposide.",
     {("MSH2", None, "etoposide", "RESISTANT_TO"), ("MLH1", None, "etoposide", "RESISTANT_TO")}),
    ("Loss of MLH1 was associated with low resistance to cisplatin.", {("MLH1", None, "cisplatin", "SENSITIVE_TO")}),
    # 'defective' before a gene is its loss, also before 'status'
    ("Defective p53 status is a major determinant of cisplatin resistance.",
     {("TP53", None, "cisplatin", "RESISTANT_TO")}),
    ("Mutant p53 cells displayed attenuated response to cis-Pt.", {("TP53", None, "cisplatin", "RESISTANT_TO")}),
])
def test_lessened_resistance_degrees_and_defective_genes(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_either_may_stand_between_an_alteration_word_and_its_gene(extractor):
    record = extractor.extract("Loss of either hMSH2 or hMLH1 function was associated with resistance to cisplatin.")
    assert ("MSH2", None, "cisplatin", "RESISTANT_TO") in relation_tuples(record)
    record = extractor.extract("Either hMSH2 or hMLH1 function was studied in cells treated with cisplatin.")
    assert relation_tuples(record) == set()


@pytest.mark.parametrize("text, expected", [
    ("A major resistance mutation to alectinib and ceritinib is the ALK G1202R solvent front mutation.",
     {("ALK", "G1202R", "alectinib", "RESISTANT_TO"), ("ALK", "G1202R", "ceritinib", "RESISTANT_TO")}),
    ("ALK G1202R is a resistance mutation to alectinib.", {("ALK", "G1202R", "alectinib", "RESISTANT_TO")}),
    # the patients' own alteration is the host of the mutations found, no subject
    ("We identified resistance mutations to osimertinib in 30% of patients with EGFR-mutant NSCLC.", set()),
    # without a drug it stays no cue
    ("EGFR T790M is the most common resistance mutation.", set()),
])
def test_a_resistance_mutation_to_a_drug(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Vemurafenib arrested cell proliferation in melanoma lines, inhibiting tumor growth in BRAF V600E xenografts.",
     {("BRAF", "V600E", "vemurafenib", "SENSITIVE_TO")}),
    # an acquired resistance is the alteration's when the sentence names it the cause
    ("The cell line developed resistance to gefitinib as a result of focal amplification of MET.",
     {("MET", None, "gefitinib", "RESISTANT_TO")}),
    ("The EGFR-mutant cell line developed resistance to gefitinib after long exposure.", set()),
])
def test_growth_inhibition_in_ing_form_and_a_result_of(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Mutations of KRAS/NRAS/BRAF predict cetuximab resistance in colorectal cancer.",
     {(g, None, "cetuximab", "RESISTANT_TO") for g in ("KRAS", "NRAS", "BRAF")}),
    # a slash list naming a pathway is no list of altered genes
    ("Mutations in the PI3K/AKT pathway predict resistance to cetuximab.", set()),
    ("Cell lines with mutations in PTEN or PIK3CA were less sensitive to growth inhibition by PLX4720.",
     {("PTEN", None, "plx-4720", "RESISTANT_TO"), ("PIK3CA", None, "plx-4720", "RESISTANT_TO")}),
])
def test_slash_gene_lists_and_growth_inhibition_by(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The CR rate was 60% in NPM1-mutated patients treated with venetoclax.",
     {("NPM1", None, "venetoclax", "SENSITIVE_TO")}),
    ("FLT3 inhibitors achieved composite CR rates of 45% in patients with FLT3-mutated AML.",
     {("FLT3", None, "flt3 inhibitor", "SENSITIVE_TO")}),
    ("The CR rate was 60% in patients with AML.", set()),
])
def test_complete_remission_rate_abbreviations(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Acquired resistance to KRAS G12C inhibitors include novel KRAS mutations such as Y96D.",
     {("KRAS", v, "kras g12c inhibitor", "RESISTANT_TO") for v in (None, "Y96D")}),
    # the host that acquired it is no cause
    ("Patients with KRAS G12C mutations who developed resistance to sotorasib were studied.", set()),
])
def test_what_an_acquired_resistance_includes_is_its_cause(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a class, its bracketed abbreviation and 'such as': the named drug only
    ("NSCLCs with activating EGFR mutations respond to EGFR tyrosine kinase inhibitors (TKIs) such as erlotinib.",
     {("EGFR", None, "erlotinib", "SENSITIVE_TO")}),
    ("ATR inhibitors as a synthetic lethal therapy for tumours deficient in ARID1A",
     {("ARID1A", None, "atr inhibitor", "SENSITIVE_TO")}),
    ("ATR inhibitors as a synthetic lethal therapy for solid tumours", set()),
])
def test_abbreviated_classes_before_examples_and_synthetic_lethal_therapy(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a bracket of figures between coordinated alterations keeps them one group
    ("Everolimus prolonged PFS in patients with PIK3CA H1047R (HR, 0.37) and E545K mutations (HR = 0.30).",
     {("PIK3CA", v, "everolimus", "SENSITIVE_TO") for v in ("H1047R", "E545K")}),
    ("Everolimus was associated with a decreased hazard of progression in patients with PIK3CA mutations "
     "(HR, 0.67; 95% CI, 0.45 to 1.00) or PTEN loss (HR, 0.54).",
     {("PIK3CA", None, "everolimus", "SENSITIVE_TO"), ("PTEN", None, "everolimus", "SENSITIVE_TO")}),
    # an alteration inside such a bracket is not joined to the group before it
    ("Among patients whose tumours overexpressed HER2 (IHC 3+ or FISH-positive), the response rate was 46% with "
     "pertuzumab.", {("ERBB2", None, "pertuzumab", "SENSITIVE_TO")}),
])
def test_statistics_between_alterations_and_hazard_of_progression(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("HER2 mutations are associated with sensitivity to anti-HER2 therapies such as the monoclonal antibody "
     "trastuzumab or the pan-HER tyrosine kinase inhibitor poziotinib.",
     {("ERBB2", None, "trastuzumab", "SENSITIVE_TO"), ("ERBB2", None, "poziotinib", "SENSITIVE_TO")}),
    # without an apposition marker the first class is a drug of the list
    ("HER2 mutations are associated with sensitivity to anti-HER2 therapies and the monoclonal antibody trastuzumab.",
     {("ERBB2", None, "her2-targeted therapy", "SENSITIVE_TO"), ("ERBB2", None, "trastuzumab", "SENSITIVE_TO")}),
])
def test_a_class_whose_examples_are_named_with_their_own_class(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a hyphenated compound is one word of the modifier window
    ("KRAS mutations were associated with poor and short-lived responses to cetuximab.",
     {("KRAS", None, "cetuximab", "RESISTANT_TO")}),
    # a modifier of another clause stays out of it
    ("Outcomes were poor overall; KRAS mutations were associated with durable responses to cetuximab.",
     {("KRAS", None, "cetuximab", "SENSITIVE_TO")}),
])
def test_a_hyphenated_compound_counts_once_in_a_window(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a negation before the verb whose object is the cue denies it
    ("Mutation of TUBB is unlikely to play an important role in the mechanism of resistance to paclitaxel.",
     {("TUBB", "paclitaxel", "RESISTANT_TO", True)}),
    # not one inside a comma-enclosed clause before the verb
    ("Loss of PTEN, which is not rare, plays a central role in resistance to trastuzumab.",
     {("PTEN", "trastuzumab", "RESISTANT_TO", False)}),
])
def test_a_negation_before_the_verb_of_a_cue(extractor, text, expected):
    assert flagged_tuples(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the patients carrying the variant acquired the resistance: the variant is its host, not its cause
    ("Patients with KRAS G12C mutations acquired resistance to sotorasib within months.", set()),
    ("Patients with high ERCC1 expression developed resistance to cisplatin.", set()),
    # a variant said to confer it is the cause
    ("KRAS G12C mutations conferred acquired resistance to sotorasib.",
     {("KRAS", "G12C", "sotorasib", "RESISTANT_TO")}),
])
def test_a_host_acquiring_resistance_past_its_alteration_head_noun(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("KRAS codon 13 mut patients gain more benefit from cetuximab.", {("KRAS", None, "cetuximab", "SENSITIVE_TO")}),
    ("KRAS mut patients had shorter PFS with cetuximab.", {("KRAS", None, "cetuximab", "RESISTANT_TO")}),
    ("KRAS patients had shorter PFS with cetuximab.", set()),
])
def test_mut_after_a_gene_is_its_mutation(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Tumours with MET amplification progressed despite continued gefitinib treatment.",
     {("MET", None, "gefitinib", "RESISTANT_TO")}),
    # the drug must follow at once
    ("MET amplification persisted despite ongoing research into gefitinib.", set()),
])
def test_progression_despite_ongoing_treatment_named_by_its_drug(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a variant right after a cue is its object, not a drug's target
    ("Ponatinib is active against T315I.", {("ABL1", "T315I", "ponatinib", "SENSITIVE_TO")}),
    ("Panitumumab still inhibited EGFR S492R-mutant cells.", {("EGFR", "S492R", "panitumumab", "SENSITIVE_TO")}),
    # a variant after 'against' that no cue owns names a drug's target
    ("Antibodies against EGFRvIII were tested in glioma cells treated with temozolomide.", set()),
])
def test_a_variant_right_after_a_cue_is_no_drug_target(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_splice_variants_of_a_gene_are_its_gene_level_alteration(extractor):
    [relation] = relations(extractor, "AR splice variants may explain resistance to abiraterone.")
    assert (relation["gene"], relation["variant"], relation["alteration"], relation["type"], relation["speculative"]) \
        == ("AR", None, "variant", "RESISTANT_TO", True)
    # a numbered isoform is a named variant, not the gene-level kind
    assert relations(extractor, "Androgen receptor splice variant 7 confers resistance to enzalutamide.") == []


@pytest.mark.parametrize("text, expected", [
    ("KRAS mutations are a good predictive factor for immunotherapy.",
     {("KRAS", None, "immunotherapy", "SENSITIVE_TO")}),
    ("RAD51C methylation is a positive predictor of response to olaparib.",
     {("RAD51C", None, "olaparib", "SENSITIVE_TO")}),
    ("RAD51C methylation is a negative predictor of response to olaparib.",
     {("RAD51C", None, "olaparib", "RESISTANT_TO")}),
])
def test_positive_and_negative_predictors(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_a_status_in_the_fronted_population_phrase_is_the_subject_at_any_distance(extractor):
    text = ("Among patients with HER2-positive (IHC 3+ or FISH-positive) advanced gastric or gastro-oesophageal "
            "junction cancer, the addition of trastuzumab to capecitabine prolonged median overall survival.")
    assert relation_tuples(extractor.extract(text)) == {("ERBB2", None, "trastuzumab", "SENSITIVE_TO")}
    # not a status far from the drug in the sentence's body
    text = ("The cohort included women with HER2-positive disease and a history of cardiac events as well as "
            "several others with diabetes, and the addition of trastuzumab to capecitabine prolonged overall survival.")
    assert relation_tuples(extractor.extract(text)) == set()


def test_a_drug_after_the_cues_own_preposition_beats_a_drug_before_it(extractor):
    record = extractor.extract("Patients with KRAS mutations who had received endocrine therapy benefited from "
                               "trastuzumab.")
    assert relation_tuples(record) == {("KRAS", None, "trastuzumab", "SENSITIVE_TO")}
    record = extractor.extract("KRAS mutant tumours showed cetuximab resistance in this series.")
    assert relation_tuples(record) == {("KRAS", None, "cetuximab", "RESISTANT_TO")}


@pytest.mark.parametrize("text, expected", [
    ("Imatinib remains the mainstay of treatment for patients with KIT-mutant GIST.",
     {("KIT", None, "imatinib", "SENSITIVE_TO")}),
    ("Trastuzumab and lapatinib have been the foundation of treatment of HER2-positive breast cancer.",
     {("ERBB2", None, d, "SENSITIVE_TO") for d in ("trastuzumab", "lapatinib")}),
    ("Chemotherapy remains the mainstay of treatment for patients with pancreatic cancer.", set()),
])
def test_a_standard_treatment_for_an_alteration_is_an_indication(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_a_bracket_or_a_comparator_arm_does_not_count_in_a_status_distance(extractor):
    text = "Patients with HER2-overexpressing tumors (IHC 3+ or IHC 2+/ISH+) benefited from trastuzumab."
    assert relation_tuples(extractor.extract(text)) == {("ERBB2", None, "trastuzumab", "SENSITIVE_TO")}
    text = ("Trastuzumab deruxtecan significantly improved overall survival and progression-free survival compared "
            "to physician's choice chemotherapy in patients with HER2-low metastatic breast cancer.")
    assert relation_tuples(extractor.extract(text)) == {("ERBB2", None, "trastuzumab deruxtecan", "SENSITIVE_TO")}
    text = "Patients with HER2-overexpressing tumors who had been followed for more than ten years at three " \
           "centres benefited from trastuzumab."
    assert relation_tuples(extractor.extract(text)) == set()


def test_a_status_after_the_cue_counts_from_its_end(extractor):
    text = "Trastuzumab induced objective responses in 30% of patients with HER2-positive colorectal cancer."
    assert relation_tuples(extractor.extract(text)) == {("ERBB2", None, "trastuzumab", "SENSITIVE_TO")}
    text = ("Trastuzumab induced objective responses in 30% of the 914 patients enrolled in the study between 2012 "
            "and 2016 with HER2-positive colorectal cancer.")
    assert relation_tuples(extractor.extract(text)) == set()


@pytest.mark.parametrize("text, expected", [
    # a wild type coordinated before an alteration is the host's other attribute: it joins the group
    ("Trastuzumab and lapatinib induced objective responses in 30% of patients with KRAS wild-type, "
     "HER2-amplified metastatic colorectal cancer.",
     {("ERBB2", None, "trastuzumab", "SENSITIVE_TO"), ("ERBB2", None, "lapatinib", "SENSITIVE_TO")}),
    ("Trastuzumab induced objective responses in patients with KRAS wild-type, HER2-positive colorectal cancer.",
     {("ERBB2", None, "trastuzumab", "SENSITIVE_TO")}),
    # alone, it still blocks the search
    ("Cetuximab induced objective responses in 30% of patients with KRAS wild-type metastatic colorectal cancer.",
     set()),
])
def test_a_wild_type_before_a_coordinated_alteration_joins_its_group(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a gene with an alteration word right after a cue's 'against' is the cue's object, not the drug's target
    ("Olaparib is active against BRCA1-deficient cells.", {("BRCA1", None, "olaparib", "SENSITIVE_TO")}),
    ("Antibodies against EGFR were tested in cells treated with cetuximab.", set()),
    # 'aberrations' of a gene are its gene-level alteration
    ("Patients with ATM aberrations responded to olaparib.", {("ATM", None, "olaparib", "SENSITIVE_TO")}),
])
def test_altered_genes_as_objects_of_against_and_aberrations(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_a_cue_in_a_relative_clause_on_the_host_does_not_block_the_subject_after_it(extractor):
    text = ("Osimertinib showed benefit in patients with NSCLC who were resistant to erlotinib and had acquired a "
            "T790M mutation.")
    assert relation_tuples(extractor.extract(text)) == {("EGFR", "T790M", "osimertinib", "SENSITIVE_TO"),
                                                        ("EGFR", "T790M", "erlotinib", "RESISTANT_TO")}
    # without the relative clause the other cue still blocks
    text = "Osimertinib showed benefit in patients with NSCLC, but resistance to erlotinib emerged with T790M."
    assert ("EGFR", "T790M", "osimertinib", "SENSITIVE_TO") not in relation_tuples(extractor.extract(text))



def test_rearrangements_of_a_gene_list_after_another_alteration(extractor):
    text = ("Cells driven by ALK amplification and oncogenic rearrangements of ROS1 and RET kinase genes were "
            "sensitive to ganetespib.")
    assert relation_tuples(extractor.extract(text)) == {
        (gene, None, "ganetespib", "SENSITIVE_TO") for gene in ("ALK", "ROS1", "RET")}


@pytest.mark.parametrize("text,expected", [
    ("GSTP1 expression was a significant predictor of pCR during neoadjuvant docetaxel.",
     {("GSTP1", None, "docetaxel", "SENSITIVE_TO")}),
    ("PIK3CA mutations were associated with a lower pathological complete response (pCR) rate after trastuzumab.",
     {("PIK3CA", None, "trastuzumab", "RESISTANT_TO")}),  # the bracketed abbreviation is no second cue
    ("MGMT methylation was assessed by methylation-specific PCR in patients randomised to temozolomide.", set()),
])
def test_pcr_is_a_response_only_as_written(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("EGFR and PTEN gene mutations were associated with poor response to gefitinib.",
     {(gene, None, "gefitinib", "RESISTANT_TO") for gene in ("EGFR", "PTEN")}),  # 'gene' before the shared word
    ("EGFR gene amplification and KRAS mutations were associated with poor response to gefitinib.",
     {(gene, None, "gefitinib", "RESISTANT_TO") for gene in ("EGFR", "KRAS")}),  # each its own alteration
    ("Ganetespib inhibited in vivo tumor growth in cells harboring EGFR T790M.",
     {("EGFR", "T790M", "ganetespib", "SENSITIVE_TO")}),
])
def test_gene_words_in_lists_and_in_vivo_growth(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("word", ["including", "especially", "particularly"])
def test_a_class_and_the_kinds_named_after_it(extractor, word):
    text = (f"High GSTP1 expression predicts response to chemotherapy, {word} anthracycline- and taxane-containing "
            "regimens.")
    assert relation_tuples(extractor.extract(text)) == {
        ("GSTP1", None, drug, "SENSITIVE_TO") for drug in ("chemotherapy", "anthracycline", "taxane")}


def test_an_adverb_before_a_place_names_no_drug(extractor):
    text = "KRAS mutant cells were resistant to cetuximab, particularly in vivo."
    assert relation_tuples(extractor.extract(text)) == {("KRAS", None, "cetuximab", "RESISTANT_TO")}


@pytest.mark.parametrize("text,drugs", [
    ("Resistance of cells to an EGFR TKI, gefitinib, is associated with high ABCG2 expression.", {"gefitinib"}),
    ("High ABCG2 expression was associated with resistance to aromatase inhibitors, tamoxifen or fulvestrant.",
     {"aromatase inhibitor", "tamoxifen", "fulvestrant"}),  # a plural class and a comma: a list
])
def test_one_class_named_by_the_drug_after_a_comma(extractor, text, drugs):
    assert {r["drug"] for r in relations(extractor, text)} == drugs


@pytest.mark.parametrize("text,expected", [
    ("OPRT transfection increases the cytotoxicity of 5-FU in HNSCC cells.",
     {("UMPS", None, "fluorouracil", "SENSITIVE_TO")}),  # a transfected gene is overexpressed
    ("Lowering the GSTP1 level increased the sensitivity of A375 cells to etoposide.",
     {("GSTP1", None, "etoposide", "RESISTANT_TO")}),  # lowering a level is a manipulation
    ("The MDR1 C1236T polymorphism is a risk factor for nonoptimal clinical response to imatinib.",
     {("ABCB1", "C1236T", "imatinib", "RESISTANT_TO")}),
    ("Patients with KRAS G12C mutations had an improvement in PFS with sotorasib.",
     {("KRAS", "G12C", "sotorasib", "SENSITIVE_TO")}),
    ("Osimertinib is standard-of-care therapy for EGFR mutation-positive advanced NSCLC.",
     {("EGFR", None, "osimertinib", "SENSITIVE_TO")}),
    ("ERCC1 expression levels could predict the effectiveness of cisplatin.", set()),  # hedged, undirected
    ("PD-L1 expression is the most studied biomarker to predict the efficacy of pembrolizumab.", set()),  # a use
])
def test_manipulations_outcomes_and_indications_in_other_words(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("Capivasertib was active in patients with AKT1 E17K-mutant cancer, including those with prior disease "
     "progression on fulvestrant.", {("AKT1", "E17K", "capivasertib", "SENSITIVE_TO")}),  # the cohort's history
    ("Patients with KRAS mutations had disease progression on cetuximab.",
     {("KRAS", None, "cetuximab", "RESISTANT_TO")}),
])
def test_prior_progression_is_the_hosts_history(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("High TYMS expression is related to reduced sensitivity to the antifolate drug pemetrexed.",
     {("TYMS", None, "pemetrexed", "RESISTANT_TO")}),  # the class only says what the drug is
    ("Smith and colleagues investigated the safety and efficacy of dabrafenib in patients with BRAF V600E-positive "
     "thyroid cancer.", set()),  # a study's aim, whoever ran it
])
def test_class_words_before_a_drug_and_aims_of_others(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("The FDA granted accelerated approval to the antibody-drug conjugate trastuzumab deruxtecan for the treatment "
     "of patients with NSCLC bearing HER2 mutations.", {("ERBB2", None, "trastuzumab deruxtecan", "SENSITIVE_TO")}),
    ("The safety and efficacy of sotorasib in patients with KRAS G12C-mutated pancreatic cancer are unknown.", set()),
])
def test_a_class_naming_the_next_cues_drug_and_unknown_efficacy(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("CD19 loss confers resistance to CAR-T therapy.", {("CD19", None, "car t-cell therapy", "RESISTANT_TO")}),
    ("Response to the CD38-targeting antibody daratumumab is associated with CD38 expression levels.",
     {("CD38", None, "daratumumab", "SENSITIVE_TO")}),  # the class and 'antibody' say what the drug is
])
def test_cell_therapy_class_and_an_antibody_named_after_its_target(extractor, text, expected):
    assert relation_tuples(extractor.extract(text)) == expected


def test_rna_between_a_gene_and_its_level(extractor):
    text = "The TOP2A RNA level is associated with a favorable response to anthracycline-based therapy."
    assert relation_tuples(extractor.extract(text)) == {("TOP2A", None, "anthracycline", "SENSITIVE_TO")}


@pytest.mark.parametrize("line", ["first-line", "first line", "frontline"])
def test_first_line_indication_in_any_spelling(extractor, line):
    text = f"The FDA approved crizotinib as {line} therapy for ROS1+ NSCLC."
    assert relation_tuples(extractor.extract(text)) == {("ROS1", None, "crizotinib", "SENSITIVE_TO")}
