import pytest

from conftest import by_text, relation_tuples


def test_gene_alias_links_to_hgnc(extractor):
    record = extractor.extract("HER2 and ERBB2 are one gene.")
    genes = by_text(record, "GENE")
    assert genes["HER2"]["normalized"] == "HGNC:3430" and genes["HER2"]["canonical"] == "ERBB2"
    assert genes["ERBB2"]["normalized"] == "HGNC:3430"


def test_drug_code_name_links_to_generic(extractor):
    record = extractor.extract("Patients received HKI-272 or poziotinib.")
    drugs = by_text(record, "DRUG")
    assert drugs["HKI-272"]["canonical"] == "neratinib"
    assert drugs["HKI-272"]["normalized"] == "DB11828"
    assert drugs["poziotinib"]["normalized"] == "DB12114"


def test_drug_inside_resistant_compound(extractor):
    record = extractor.extract("neratinib-resistant models")
    drug = by_text(record, "DRUG")["neratinib"]
    assert (drug["start"], drug["end"]) == (0, 9)


def test_variant_attached_to_preceding_gene(extractor):
    record = extractor.extract("HER2 L755S confers resistance.")
    variant = by_text(record, "VARIANT")["L755S"]
    assert (variant["start"], variant["end"]) == (5, 10)
    assert variant["normalized"] == "p.Leu755Ser"
    assert variant["canonical"] == "L755S"
    assert variant["gene"] == "ERBB2"


def test_gene_level_mutation_needs_a_gene(extractor):
    record = extractor.extract("Somatic HER2 mutations were found. Other mutations were not.")
    variants = [e for e in record["entities"] if e["label"] == "VARIANT"]
    assert [(v["text"], v["gene"], v["variant_type"]) for v in variants] == [("mutations", "ERBB2", "gene_level")]


def test_gene_level_mutation_of_a_gene_set_takes_its_first_example(extractor):
    record = extractor.extract("Mutations in DNA repair genes such as BRCA1 and PALB2 were found. "
                               "Mutations in DNA repair genes were rare, as in BRCA1 carriers.")
    variants = [e for e in record["entities"] if e["label"] == "VARIANT"]
    assert [(v["start"], v["text"], v["gene"]) for v in variants] == [(0, "Mutations", "BRCA1")]


def test_hyphenated_modifiers_may_stand_between_gene_and_alteration_word(extractor):
    record = extractor.extract("RB1 loss-of-function mutations and EGFR kinase-domain mutations were found, "
                               "but not RB1 drug-induced mutations.")
    variants = [e for e in record["entities"] if e["label"] == "VARIANT"]
    assert [(v["text"], v["gene"]) for v in variants] == [("mutations", "RB1"), ("mutations", "EGFR")]


def test_abbreviation_inherits_long_form(extractor):
    text = "ER+ invasive lobular carcinoma (ILC) versus invasive ductal carcinoma (IDC). ILC differs."
    record = extractor.extract(text)
    ilc = [e for e in record["entities"] if e["text"] == "ILC"]
    assert len(ilc) == 2
    assert all(e["label"] == "TUMOR_SUBTYPE" and e["canonical"] == "invasive lobular carcinoma" for e in ilc)
    assert by_text(record)["IDC"]["canonical"] == "invasive ductal carcinoma"
    assert by_text(record)["ER+"]["label"] == "TUMOR_SUBTYPE"


def test_receptor_status_is_a_subtype_not_a_gene(extractor):
    record = extractor.extract("patients with HER2-positive breast cancer")
    labels = [(e["text"], e["label"]) for e in record["entities"]]
    assert labels == [("HER2-positive", "TUMOR_SUBTYPE")]


def test_drug_class(extractor):
    record = extractor.extract("the tyrosine kinase inhibitor (TKI) neratinib and CDK4/6 inhibitors")
    classes = by_text(record, "DRUG_CLASS")
    assert classes["tyrosine kinase inhibitor"]["canonical"] == "tyrosine kinase inhibitor"
    assert classes["TKI"]["normalized"] == classes["tyrosine kinase inhibitor"]["normalized"]
    assert "CDK4/6 inhibitors" in classes
    record = extractor.extract("anti-EGFR monoclonal antibodies, EGFR TKIs and androgen deprivation therapy")
    assert [(e["text"], e["canonical"]) for e in record["entities"]] == [
        ("anti-EGFR monoclonal antibodies", "anti-egfr antibody"), ("EGFR TKIs", "egfr tyrosine kinase inhibitor"),
        ("androgen deprivation therapy", "androgen deprivation therapy")]
    record = extractor.extract("anti-PD-L1 treatment and anti-CTLA4 immunotherapies")
    assert [(e["text"], e["canonical"]) for e in record["entities"]] == [
        ("anti-PD-L1 treatment", "pd-l1 inhibitor"), ("anti-CTLA4 immunotherapies", "ctla-4 inhibitor")]
    record = extractor.extract("androgen-receptor signaling inhibitors (ARSi) and checkpoint blockade")
    assert [(e["text"], e["canonical"]) for e in record["entities"]] == [
        ("androgen-receptor signaling inhibitors", "androgen receptor signaling inhibitor"),
        ("ARSi", "androgen receptor signaling inhibitor"), ("checkpoint blockade", "immune checkpoint inhibitor")]


def test_common_chemotherapy_abbreviations_are_drugs(extractor):
    record = extractor.extract("Resistance to DDP, ADR, VCR, GEM and TMZ was measured; ADRs were mild.")
    assert [(e["text"], e["label"], e["canonical"]) for e in record["entities"]] == [
        ("DDP", "DRUG", "cisplatin"), ("ADR", "DRUG", "doxorubicin"), ("VCR", "DRUG", "vincristine"),
        ("GEM", "DRUG", "gemcitabine"), ("TMZ", "DRUG", "temozolomide")]
    # TMX is tamoxifen; TMX1 stays a gene
    record = extractor.extract("TMX was given; TMX1 was measured.")
    assert [(e["text"], e["label"], e["canonical"]) for e in record["entities"]] == [
        ("TMX", "DRUG", "tamoxifen"), ("TMX1", "GENE", "TMX1")]
    # the abbreviations of 5-aza-2'-deoxycytidine, also at the end of a sentence
    record = extractor.extract("Resistance was overcome by 5-aza-dC and by 5-Aza-CdR. It was reversed by 5-Aza-dC.")
    assert [(e["text"], e["canonical"]) for e in record["entities"]] == [
        ("5-aza-dC", "decitabine"), ("5-Aza-CdR", "decitabine"), ("5-Aza-dC", "decitabine")]


def test_dashes_read_as_hyphens_and_the_record_keeps_the_text(extractor):
    text = "Patients with EGFR–mutant non–small cell lung cancer and ER−/HER2− tumours."
    record = extractor.extract(text)
    assert record["text"] == text
    assert [(e["text"], e["label"], e["canonical"]) for e in record["entities"]] == [
        ("EGFR", "GENE", "EGFR"), ("mutant", "VARIANT", "mutation"),
        ("non–small cell lung cancer", "TUMOR_SUBTYPE", "non-small cell lung cancer"),
        ("ER−", "TUMOR_SUBTYPE", "er-negative"), ("HER2−", "TUMOR_SUBTYPE", "her2-negative")]
    assert all(text[e["start"]:e["end"]] == e["text"] for e in record["entities"])


def test_cholangiocarcinoma_abbreviations_are_subtypes(extractor):
    record = extractor.extract("Pemigatinib is approved in CCA; responses were seen in iCCA and eCCA.")
    assert [(e["text"], e["canonical"]) for e in record["entities"] if e["label"] == "TUMOR_SUBTYPE"] == [
        ("CCA", "cholangiocarcinoma"), ("iCCA", "intrahepatic cholangiocarcinoma"),
        ("eCCA", "extrahepatic cholangiocarcinoma")]


def test_anaplastic_thyroid_cancer_is_a_subtype_not_the_atm_previous_symbol(default_extractor):
    record = default_extractor.extract("Dabrafenib was effective in patients with BRAF V600E ATC.")
    assert [(e["text"], e["label"], e["canonical"]) for e in record["entities"] if e["text"] == "ATC"] == [
        ("ATC", "TUMOR_SUBTYPE", "anaplastic thyroid cancer")]
    assert {r["gene"] for r in record["relations"]} == {"BRAF"}


def test_tumour_abbreviations_are_no_genes_whoever_tags_them(default_extractor):
    record = default_extractor.extract("Patients with SCC, ACC, PTC, MTC, CLL or HSPC were treated with imatinib.")
    assert [(e["text"], e["label"], e["canonical"]) for e in record["entities"]] == [
        ("PTC", "TUMOR_SUBTYPE", "papillary thyroid cancer"), ("MTC", "TUMOR_SUBTYPE", "medullary thyroid cancer"),
        ("CLL", "TUMOR_SUBTYPE", "chronic lymphocytic leukemia"), ("imatinib", "DRUG", "imatinib")]
    # a curated term on no stop list stays a gene
    record = default_extractor.extract("ER and AR were expressed.")
    assert [(e["text"], e["canonical"]) for e in record["entities"]] == [("ER", "ESR1"), ("AR", "AR")]


@pytest.mark.parametrize("text, expected", [
    ("RET/PTC rearrangements confer sensitivity to vandetanib.", ("RET", "RET/PTC")),
    ("RET/PTC1 cells respond to vandetanib.", ("RET", "CCDC6::RET")),  # the partner each number names
    ("RET/PTC-3 cells respond to vandetanib.", ("RET", "NCOA4::RET")),
])
def test_ret_ptc_rearrangements_are_ret_fusions(default_extractor, text, expected):
    relations = default_extractor.extract(text)["relations"]
    assert [(r["gene"], r["variant"]) for r in relations] == [expected]


def test_a_drug_shape_never_joins_known_drugs(extractor):
    record = extractor.extract("Tumours responded to paclitaxel-carboplatin and to zongertinib.")
    assert [(e["text"], e["label"]) for e in record["entities"]] == [
        ("paclitaxel", "DRUG"), ("carboplatin", "DRUG"), ("zongertinib", "DRUG")]


def test_chemotherapy_regimens_are_classes(extractor):
    record = extractor.extract("Patients received mFOLFOX6, FOLFIRI or R-CHOP; CHOP expression rose.")
    assert [(e["text"], e["label"], e["normalized"]) for e in record["entities"]] == [
        ("mFOLFOX6", "DRUG_CLASS", "CLASS:folfox"), ("FOLFIRI", "DRUG_CLASS", "CLASS:folfiri"),
        ("R-CHOP", "DRUG_CLASS", "CLASS:r-chop"), ("CHOP", "GENE", "HGNC:2726")]


def test_singular_and_plural_class_names_are_one_class(extractor):
    record = extractor.extract("A platinum compound, platinum compounds, platinum drugs and platinum-based "
                               "chemotherapy.")
    assert {e["normalized"] for e in record["entities"]} == {"CLASS:platinum-based-chemotherapy"}
    assert len(record["entities"]) == 4


@pytest.mark.parametrize("text, canonical", [
    ("resistance to BTZ", "bortezomib"), ("responses to HMAs", "hypomethylating agent"),
    ("resistance to VEN", "venetoclax"), ("SN38 resistant clones", "SN-38"),
    ("sensitive to AZD1775", "adavosertib"), ("sensitive to MK-1775", "adavosertib"),
    ("resistance to IMiDs", "immunomodulatory drug"), ("response to ICB", "immune checkpoint inhibitor"),
    ("resistance to KRASG12C inhibitors", "kras g12c inhibitor"), ("sensitive to menin inhibition", None),
    ("Poly-ADP ribose polymerase (PARP) inhibitors", "parp inhibitor"),
    ("response to anthracyclin-based therapy", "anthracycline"), ("PARP-1 inhibitor resistance", "parp inhibitor"),
    ("treated with gemtuzumab", "gemtuzumab ozogamicin"), ("PF-06863135", "elranatamab"), ("PT2977", "belzutifan"),
    ("responses to PARPIs", "parp inhibitor"), ("resistance to ARAT", "androgen receptor signaling inhibitor"),
    ("benefit of PD-1 checkpoint blockade", "pd-1 inhibitor"), ("resistant to BTK degraders", "btk degrader"),
    ("responses to Teliso-V", "telisotuzumab vedotin"), ("failure of InO", "inotuzumab ozogamicin"),
    ("treated with MIRV", "mirvetuximab soravtansine"), ("resistant to plixorafenib", "plx8394"),
    ("resistance to hormonal treatment", "endocrine therapy"),
    ("treated with CAR-T cells", "car t-cell therapy"),  # a cell therapy, not the CARTPT alias
    ("resistance to EGFR tyrosine kinase inhibition", "egfr tyrosine kinase inhibitor"),
])
def test_oncology_abbreviations_and_class_spellings(extractor, text, canonical):
    drugs = [e["canonical"] for e in extractor.extract(text)["entities"] if e["label"] in ("DRUG", "DRUG_CLASS")]
    assert drugs == ([canonical] if canonical else [])


def test_a_bare_anti_checkpoint_name_is_its_class(extractor):
    record = extractor.extract("POLE deficiency predicts anti–PD-1 efficacy; PD-1 expression and checkpoint blockade "
                               "immunotherapy.")
    assert [(e["text"], e["normalized"]) for e in record["entities"] if e["label"] != "VARIANT"] == [
        ("POLE", "HGNC:9177"), ("anti–PD-1", "CLASS:pd-1-inhibitor"), ("PD-1", "HGNC:8760"),
        ("checkpoint blockade immunotherapy", "CLASS:immune-checkpoint-inhibitor")]


def test_a_targets_antibody_is_a_class_only_as_an_object(extractor):
    record = extractor.extract("KRAS mutations predict resistance to EGFR antibodies; IGF1R antibody staining was "
                               "weak.")
    assert [(e["text"], e["label"], e["normalized"]) for e in record["entities"] if e["label"] != "VARIANT"] == [
        ("KRAS", "GENE", "HGNC:6407"), ("EGFR antibodies", "DRUG_CLASS", "CLASS:anti-egfr-antibody"),
        ("IGF1R", "GENE", "HGNC:5465")]


def test_abbreviation_with_non_gene_long_form_is_no_gene(extractor):
    record = extractor.extract("Overall survival (OS) was longer. OS improved.")
    assert [e for e in record["entities"] if e["label"] == "GENE"] == []


def test_offsets_slice_the_text(extractor):
    text = "Acquired HER2 mutations (L755S, p.Leu755Ser) confer resistance to tamoxifen in ER+ ILC."
    record = extractor.extract(text)
    assert record["entities"]
    for entity in record["entities"]:
        assert text[entity["start"]:entity["end"]] == entity["text"]


def test_unseen_drug_by_name_shape(extractor):
    record = extractor.extract("Zongertinib and GDC-9545 were compared.")
    drugs = by_text(record, "DRUG")
    assert drugs["Zongertinib"]["normalized"] is None and drugs["Zongertinib"]["canonical"] == "zongertinib"
    assert drugs["GDC-9545"]["confidence"] < drugs["Zongertinib"]["confidence"] + 0.01 < 1
    record = extractor.extract("Ponatinib or asciminib; the nib was broken.")
    assert [e["canonical"] for e in record["entities"]] == ["ponatinib", "asciminib"]  # the general '-nib' stem


@pytest.mark.parametrize("code", ["MI219", "MI-773", "CC-486", "CB-839", "LBH589", "UNC2025", "AMG 193"])
def test_academic_and_company_code_names_are_drug_shapes(extractor, code):
    record = extractor.extract(f"AML cells with mutated p53 were resistant to {code}.")
    assert [(e["text"], e["canonical"]) for e in record["entities"] if e["label"] == "DRUG"] == [(code, code.lower())]


def test_cell_lines_and_words_are_not_drug_shapes(extractor):
    record = extractor.extract("BT474 and HCC827 cells; the platinum group; SU 5416 with a two-letter prefix.")
    assert [e for e in record["entities"] if e["label"] == "DRUG" and e["normalized"] is None] == []


def test_entities_carry_a_confidence(extractor):
    record = extractor.extract("HER2 L755S and neratinib")
    assert all(0 < e["confidence"] <= 1 for e in record["entities"])


def test_combined_statuses_and_hyphenated_mutants(extractor):
    statuses = extractor.extract("ER+/HER2- tumors")["entities"]
    assert [(e["text"], e["canonical"]) for e in statuses] == [("ER+", "er-positive"), ("HER2-", "her2-negative")]
    mutant = extractor.extract("HER2-mutant disease")["entities"]
    assert [(e["text"], e["label"]) for e in mutant] == [("HER2", "GENE"), ("mutant", "VARIANT")]


def test_hotspot_goes_to_its_gene_not_the_nearest(extractor):
    record = extractor.extract("EGFR mutations were common. The secondary T790M mutation and MET amplification "
                               "were found.")
    variants = {e["text"]: e["gene"] for e in record["entities"] if e["label"] == "VARIANT"}
    assert variants == {"mutations": "EGFR", "T790M": "EGFR", "amplification": "MET"}


def test_hotspot_is_not_given_to_a_gene_named_after_it(extractor):
    record = extractor.extract("Resistance to gefitinib came with a secondary T790M mutation and MET amplification.")
    variants = {e["text"]: e["gene"] for e in record["entities"] if e["label"] == "VARIANT"}
    assert variants == {"T790M": "EGFR", "amplification": "MET"}
    other = extractor.extract("We found E928G and ERBB3 amplification in two tumors.")
    assert by_text(other, "VARIANT")["E928G"]["gene"] == "ERBB3"  # not a hotspot: the next gene


def test_bare_variant_takes_the_nearest_gene_when_not_a_hotspot(extractor):
    record = extractor.extract("Sequencing of ERBB3 found E928G in two tumors.")
    assert by_text(record, "VARIANT")["E928G"]["gene"] == "ERBB3"


def test_fusion_belongs_to_its_three_prime_partner(extractor):
    record = extractor.extract("EML4-ALK and BCR-ABL1 fusions")
    assert {e["text"]: e["gene"] for e in record["entities"]} == {"EML4-ALK": "ALK", "BCR-ABL1": "ABL1"}


def test_fusion_partners_take_their_approved_symbols(extractor):
    record = extractor.extract("BCR-ABL and BCR/ABL fusion transcripts")
    assert [(e["text"], e["normalized"], e["gene"]) for e in record["entities"]] == [
        ("BCR-ABL", "BCR::ABL1", "ABL1"), ("BCR/ABL", "BCR::ABL1", "ABL1")]


def test_alteration_after_an_abbreviated_gene(extractor):
    record = extractor.extract("Epidermal growth factor receptor (EGFR) mutation predicts response.")
    assert by_text(record, "VARIANT")["mutation"]["gene"] == "EGFR"


def test_alteration_of_a_described_gene(extractor):
    record = extractor.extract("Overexpression of the breast cancer resistance protein ABCG2 was found.")
    assert by_text(record, "VARIANT")["Overexpression"]["gene"] == "ABCG2"
    record = extractor.extract("Mutations in the apoptosis effector gene BAX were found.")
    assert by_text(record, "VARIANT")["Mutations"]["gene"] == "BAX"
    record = extractor.extract("Loss of the cells expressing ABCG2 was found.")
    assert "VARIANT" not in {e["label"] for e in record["entities"]}


def test_target_class_is_an_entity_of_its_own_component(extractor):
    # the target_classes component, not the relations, turns 'MEK inhibition' into a class
    text = "NRAS Q61K melanoma cells remained responsive to MEK inhibition."
    with extractor.nlp.select_pipes(disable=["relations"]):
        entities = extractor.extract(text)["entities"]
    assert [(e["text"], e["label"], e["canonical"]) for e in entities if e["label"] == "DRUG_CLASS"] == [
        ("MEK inhibition", "DRUG_CLASS", "mek inhibitor")]
    with extractor.nlp.select_pipes(disable=["relations", "target_classes"]):
        entities = extractor.extract(text)["entities"]
    assert ("MEK", "GENE") in [(e["text"], e["label"]) for e in entities]


def test_slash_shorthand_is_one_gene_mention_with_its_members(extractor):
    record = extractor.extract("BRCA1/2 carriers; CD55/59 and caspase-3/7 levels; F4/80 cells; CDK4/6 inhibitors.")
    genes = {e["text"]: (e["normalized"], e["canonical"], e.get("members")) for e in record["entities"]
             if e["label"] == "GENE"}
    assert genes == {
        "BRCA1/2": ("HGNC:1100", "BRCA1", [{"canonical": "BRCA1", "normalized": "HGNC:1100"},
                                           {"canonical": "BRCA2", "normalized": "HGNC:1101"}]),
        "CD55/59": ("HGNC:2665", "CD55", [{"canonical": "CD55", "normalized": "HGNC:2665"},
                                          {"canonical": "CD59", "normalized": "HGNC:1689"}]),
        "caspase-3/7": ("HGNC:1504", "CASP3", [{"canonical": "CASP3", "normalized": "HGNC:1504"},
                                               {"canonical": "CASP7", "normalized": "HGNC:1508"}])}
    # 'F4/80' names no two genes; the class term wins over the genes it is made of
    assert by_text(record, "DRUG_CLASS")["CDK4/6 inhibitors"]["canonical"] == "cdk4/6 inhibitor"


def test_a_hyphenated_word_may_follow_the_shorthand(extractor):
    record = extractor.extract("BRCA1/2-mutated tumours; CD55/59-3 cells.")
    genes = {e["text"]: [m["canonical"] for m in e.get("members", [])] for e in record["entities"]
             if e["label"] == "GENE"}
    assert genes == {"BRCA1/2": ["BRCA1", "BRCA2"]}  # a number after the hyphen continues the token
    record = extractor.extract("Olaparib improved survival in patients with BRCA1/2-mutated breast cancer.")
    assert relation_tuples(record) == {("BRCA1", None, "olaparib", "SENSITIVE_TO"),
                                       ("BRCA2", None, "olaparib", "SENSITIVE_TO")}


def test_a_lone_letter_after_the_slash_names_the_next_member(extractor):
    record = extractor.extract("CDKN2A/B deletion; PI3K/AKT signalling.")
    genes = {e["text"]: [m["canonical"] for m in e.get("members", [])] for e in record["entities"]
             if e["label"] == "GENE"}
    assert genes["CDKN2A/B"] == ["CDKN2A", "CDKN2B"] and genes["PI3K"] == [] and genes["AKT"] == []


def test_a_bracketed_symbol_names_what_its_full_name_names(extractor):
    record = extractor.extract("O6-methylguanine DNA methyltransferase (MGMT) removes lesions.")
    assert [(e["text"], e["canonical"]) for e in record["entities"] if e["label"] == "GENE"] == [
        ("O6-methylguanine DNA methyltransferase", "MGMT"), ("MGMT", "MGMT")]


def test_a_gene_family_term_wins_over_the_shorthand(extractor):
    record = extractor.extract("ERK1/2 phosphorylation")
    assert [(e["text"], e["normalized"], "members" in e) for e in record["entities"]] == [
        ("ERK1/2", "FAMILY:ERK", False)]


def test_a_code_name_in_brackets_names_the_drug_before_it(extractor):
    record = extractor.extract("Selitrectinib (LOXO-195) and gefitinib (ZD1839) were given; AZD1234 (osimertinib).")
    drugs = [(e["text"], e["normalized"], e["canonical"]) for e in record["entities"] if e["label"] == "DRUG"]
    assert ("LOXO-195", "DB14896", "selitrectinib") in drugs and ("ZD1839", "DB00317", "gefitinib") in drugs
    assert ("AZD1234", "DB09330", "osimertinib") in drugs


def test_a_drug_name_after_a_locant_matches_in_any_case(extractor):
    # the DrugBank synonym is '5-Fluorouracil'; the trained NER does not tag this one, the name stays
    record = extractor.extract("Restoration of p53 re-sensitised TP53-null colon cancer cells to 5-fluorouracil.")
    assert [(e["text"], e["normalized"]) for e in record["entities"] if e["label"] == "DRUG"] == [
        ("5-fluorouracil", "DB00544")]
    assert [e["text"] for e in extractor.extract("5-fu and 5-FU")["entities"]] == ["5-FU"]  # acronyms keep case


@pytest.mark.parametrize("text, expected", [
    ("ESR1 mutations confer endocrine resistance.", [("endocrine", "endocrine therapy")]),
    ("These lines were endocrine-sensitive.", [("endocrine", "endocrine therapy")]),
    ("Endocrine tumors with RET mutations respond to vandetanib.", [("vandetanib", "vandetanib")]),
    ("Neuroendocrine differentiation was seen.", []),
])
def test_a_class_word_is_a_class_only_before_a_response_word(extractor, text, expected):
    record = extractor.extract(text)
    assert [(e["text"], e["canonical"]) for e in record["entities"] if e["label"] in ("DRUG", "DRUG_CLASS")] == expected


@pytest.mark.parametrize("text, label, canonical", [
    ("MKN45 cells exhibited 5FU resistance.", "DRUG", "fluorouracil"),
    ("Cells were resistant to 4-OH-tamoxifen.", "DRUG", "afimoxifene"),
    ("Cells were resistant to Tomudex.", "DRUG", "raltitrexed"),
    ("Cyclin E amplification was found.", "GENE", "CCNE1"),
    ("Loss of 53BP1 restored HR function.", "GENE", "TP53BP1"),
    ("New Topoisomerase I mutations were found.", "GENE", "TOP1"),
    # a code name DrugBank lists a drug under, an older HGNC symbol: the curated canonical
    ("Cells were sensitive to MRTX849.", "DRUG", "adagrasib"),
    ("H3F3A K27M mutations were found.", "GENE", "H3-3A"),
    # class names spelled out or abbreviated
    ("Cells are sensitive to poly ADP ribose polymerase (PARP) inhibitors.", "DRUG_CLASS", "parp inhibitor"),
    ("Resistance to BRAFi was seen.", "DRUG_CLASS", "braf inhibitor"),
    ("Resistance to cytotoxic-based therapies was seen.", "DRUG_CLASS", "chemotherapy"),
    ("Cells displayed resistance to BCL-2 targeting.", "DRUG_CLASS", "bcl-2 inhibitor"),
    # a code name written without its hyphen; an anti- class with the target's name spelled out
    ("Cells were resistant to PF00299804.", "DRUG", "dacomitinib"),
    ("Resistance to anti-programmed death protein 1 (PD-1) therapy was seen.", "DRUG_CLASS", "pd-1 inhibitor"),
    ("Patients received anti-programmed cell death 1 (PD-1) antibodies.", "DRUG_CLASS", "pd-1 inhibitor"),
    ("Aurora kinase inhibitors are effective in MYC-amplified cells.", "DRUG_CLASS", "aurora kinase inhibitor"),
    # classes and regimens of haematology and breast cancer trials
    ("TP53-mutant CLL responds poorly to chemoimmunotherapy.", "DRUG_CLASS", "chemoimmunotherapy"),
    ("IDH inhibitors are effective in IDH-mutant AML.", "DRUG_CLASS", "idh inhibitor"),
    ("TOP2A-amplified tumours benefited from CEF.", "DRUG_CLASS", "fec"),
])
def test_curated_names_found_in_preclinical_abstracts(extractor, text, label, canonical):
    record = extractor.extract(text)
    assert [e["canonical"] for e in record["entities"] if e["label"] == label] == [canonical]


def test_a_gene_shorthand_links_to_the_approved_symbol(extractor):
    record = extractor.extract("Neratinib is active in HER2mut, nonamplified MBC.")
    assert [(e["text"], e["gene"]) for e in record["entities"] if e["label"] == "VARIANT"] == [("HER2mut", "ERBB2")]


def test_a_generic_phrase_is_no_gene_name(extractor):
    record = extractor.extract("High human equilibrative nucleoside transporter 1 expression was seen.")
    assert [e for e in record["entities"] if e["label"] == "GENE"] == []


def test_a_code_name_stays_where_the_model_tagged_its_prefix(default_extractor):
    record = default_extractor.extract("We report the PRMT5 inhibitor AMG 193, which killed MTAP-deleted cells.")
    assert [e["text"] for e in record["entities"] if e["label"] == "DRUG"] == ["AMG 193"]


def test_a_trained_ner_drug_in_its_salt_form_is_linked_and_related(default_extractor):
    record = default_extractor.extract("AR-V7 confers resistance to abiraterone acetate.")
    drug = by_text(record, "DRUG")["abiraterone acetate"]
    assert (drug["normalized"], drug["canonical"]) == ("DB05812", "abiraterone")
    assert relation_tuples(record) == {("AR", "AR-V7", "abiraterone", "RESISTANT_TO")}
