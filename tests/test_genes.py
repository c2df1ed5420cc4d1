"""Gene recognition rules: loose matching, stop list, context and abbreviation rules."""
import pytest

from conftest import by_text


def genes(extractor, text):
    return [(e["text"], e["canonical"]) for e in extractor.extract(text)["entities"] if e["label"] == "GENE"]


@pytest.mark.parametrize("text, expected", [
    ("Phosphorylation of PKCalpha rose.", [("PKCalpha", "PRKCA")]),
    ("The mutant Kras allele drives tumours.", [("Kras", "KRAS")]),
    ("Levels of TNF-alpha rose.", [("TNF-alpha", "TNF")]),
    ("We measured caspase-3 activity.", [("caspase-3", "CASP3")]),
    ("Plasma PAI-1 was high.", [("PAI-1", "SERPINE1")]),
    ("Levels of hENT1 and hMLH1 fell.", [("hENT1", "SLC29A1"), ("hMLH1", "MLH1")]),  # 'h' for the human gene
    ("Other PDGFRα and PKCα mutations.", [("PDGFRα", "PDGFRA"), ("PKCα", "PRKCA")]),  # a Greek letter
    ("Src expression was high.", [("Src", "SRC")]),  # opening a sentence, but a gene noun follows
    ("Rb-deficient cells and Rb loss.", [("Rb", "RB1"), ("Rb", "RB1")]),  # also after a hyphen
    ("Gankyrin, neurofibromin, livin and GST-pi rose.",  # curated protein names the HGNC export lacks
     [("Gankyrin", "PSMD10"), ("neurofibromin", "NF1"), ("livin", "BIRC7"), ("GST-pi", "GSTP1")]),
    ("Tubulin-β-III and tubulin beta III rose.", [("Tubulin-β-III", "TUBB3"), ("tubulin beta III", "TUBB3")]),
    ("The ribonucleotide reductase M1 subunit and class I beta-tubulin.",
     [("ribonucleotide reductase M1 subunit", "RRM1"), ("class I beta-tubulin", "TUBB")]),  # curated names
    ("The glucocorticoid receptor and the vitamin D receptor.",
     [("glucocorticoid receptor", "NR3C1"), ("vitamin D receptor", "VDR")]),  # receptors by ligand
    ("Multidrug resistance-1 protein and breast cancer resistance protein levels.",
     [("Multidrug resistance-1", "ABCB1"), ("breast cancer resistance protein", "ABCG2")]),  # transporters
])
def test_loose_gene_matches(extractor, text, expected):
    assert genes(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # common oncology spellings the trained NER misses: curated, so they stay
    ("Tumours that overexpress either HER-2 or HER-1 responded.", [("HER-2", "ERBB2"), ("HER-1", "EGFR")]),
    ("Low DPD and TOPO1 levels, high OPRT and MKP1 levels.",
     [("DPD", "DPYD"), ("TOPO1", "TOP1"), ("OPRT", "UMPS"), ("MKP1", "DUSP1")]),
    ("We measured cyclin-D1, PDGFR-alpha and VEGF-A expression.",
     [("cyclin-D1", "CCND1"), ("PDGFR-alpha", "PDGFRA"), ("VEGF-A", "VEGFA")]),
    ("High topoisomerase-1 (Topo-1) expression.", [("topoisomerase-1", "TOP1"), ("Topo-1", "TOP1")]),
    ("SHP-2, Raf-1 and bcl-xL were induced.", [("SHP-2", "PTPN11"), ("Raf-1", "RAF1"), ("bcl-xL", "BCL2L1")]),
    # thyroid transcription factor 1, not the transcription termination factor of the same symbol
    ("TTF1-positivity and TTF-1 expression.", [("TTF1", "NKX2-1"), ("TTF-1", "NKX2-1")]),
    ("GSTπ and GST-π levels.", [("GSTπ", "GSTP1"), ("GST-π", "GSTP1")]),
    # the transporters, not the synaptonemal or mismatch-repair proteins of the same aliases; a curated name
    # stays whole where the tagger found only a part of it
    ("MRP1, MRP2 and multidrug resistance-associated protein 1 levels.",
     [("MRP1", "ABCC1"), ("MRP2", "ABCC2"), ("multidrug resistance-associated protein 1", "ABCC1")]),
])
def test_curated_spellings_survive_the_trained_ner(default_extractor, text, expected):
    assert genes(default_extractor, text) == expected


@pytest.mark.parametrize("text", [
    "All patients had a cat.",  # plain and capitalised words
    "In a cohort of mice, the P20 pups grew.",  # common words, letter + number
    "AEs were mild.",  # plural abbreviation
    "Mice lacking the gene were smaller.",  # capitalised word opening a sentence
    "Mice-derived cells were smaller.",  # ... before a hyphen and a word that is no gene noun
    "Large deletions were found.",  # an adjective opening a sentence before a gene noun
    "CT and EMT were measured; TTP and TTF were longer in HRD tumours.",  # curated stop list: abbreviations
    "Amplification was confirmed by FISH in FISH-positive tumours.",  # a method, not the SH3PXD2A alias
    # disease and outcome abbreviations
    "Imatinib is effective in CML and ALL; OS, EFS and the DCR at the MTD were longer in NHL and HL.",
    "Pemigatinib was approved for rearranged CCA.",  # cholangiocarcinoma, not the FBN2 previous symbol
    "TP levels at each TP were measured.",  # thymidine phosphorylase or time point, not TMPO
    "written by Bora Lim and colleagues",  # names: capitalised words side by side
    "Epub 2021 Sep 2.",  # months
    "Levels of miR-16 fell.",  # a microRNA, not the MIR16 alias of GDE1
    "Levels of hE and hPSCs fell.",  # no symbol after the 'h'
])
def test_no_loose_gene_matches_on_common_words(extractor, text):
    assert genes(extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Men with prostate cancer were treated.", []),  # the HGNC alias 'Men' of ELL, opening a sentence
    ("Ray Of Hope For Men", []),  # aliases in a title-case run
    ("Survivin may confer resistance.", [("Survivin", "BIRC5")]),  # a protein written as a word stays
    ("Dicer expression was low.", [("Dicer", "DICER1")]),  # a gene noun follows the alias
    ("Levels of Dicer fell.", [("Dicer", "DICER1")]),  # the alias inside a sentence
])
def test_capitalised_aliases_opening_a_sentence(extractor, text, expected):
    assert genes(extractor, text) == expected


def test_gene_family(extractor):
    record = extractor.extract("Signalling through the PI3K/AKT and RAS/MEK/ERK pathways.")
    assert [(e["text"], e["normalized"]) for e in record["entities"]] == [
        ("PI3K", "FAMILY:PI3K"), ("AKT", "FAMILY:AKT"), ("RAS", "FAMILY:RAS"), ("MEK", "FAMILY:MEK"), ("ERK", "FAMILY:ERK")]


def test_stop_listed_strings_are_not_genes(extractor):
    assert genes(extractor, "The odds ratio was 1.5 (95% CI 1.1-2.0), P < 0.05.") == []


def test_curated_terms_survive_the_stop_list(extractor):
    assert genes(extractor, "ER expression was lost.") == [("ER", "ESR1")]


@pytest.mark.parametrize("text, expected", [
    ("ER stress rose in the cells.", []),
    ("ER expression rose in the cells.", [("ER", "ESR1")]),
    ("The HR was 0.70.", []),
    ("The IMPACT trial enrolled patients.", []),
    ("MET amplification was found.", [("MET", "MET")]),
    ("THP-1 cells and AGS cells were treated.", []),  # cell lines named like GLI2 and JAG1 aliases
    ("The Met/Met genotype was common; Met expression rose.", [("Met", "MET")]),  # methionine, then the gene
    ("THP1 expression was high.", [("THP1", "GLI2")]),
])
def test_context_rules(extractor, text, expected):
    assert genes(extractor, text) == expected


def test_abbreviation_defined_as_a_gene_name(extractor):
    record = extractor.extract("Human epidermal growth factor receptor 2 (HER2) is amplified. HER2 matters.")
    assert all(e["canonical"] == "ERBB2" for e in record["entities"] if e["label"] == "GENE")
    assert len([e for e in record["entities"] if e["text"] == "HER2"]) == 2


def test_genotype_brackets_leave_the_gene(extractor):
    record = extractor.extract("VIP(-/-) mice and sgk1(+/+) littermates")
    assert [(e["text"], e["canonical"]) for e in record["entities"]] == [("VIP", "VIP"), ("sgk1", "SGK1")]


def test_variant_hyphenated_to_its_gene(extractor):
    entities = by_text(extractor.extract("Uniquely, D90A-SOD1 is recessive."))
    assert entities["SOD1"]["label"] == "GENE"
    assert entities["D90A"]["gene"] == "SOD1"


@pytest.mark.parametrize("text, expected", [
    ("MDR1 levels were high.", [("MDR1", "ABCB1")]),  # a previous symbol beats another gene's alias
    ("CIP1 levels were high.", [("CIP1", "CDKN1A")]),  # a cancer gene's alias beats another gene's
    ("p21 levels were high.", [("p21", "CDKN1A")]),  # curated
])
def test_ambiguous_gene_terms(extractor, text, expected):
    assert genes(extractor, text) == expected


def test_curated_stop_list_rows_survive_a_new_derivation(tmp_path):
    from evaluation.tune_gene_stoplist import curated_rows

    path = tmp_path / "gene_stoplist.tsv"
    path.write_text("term\ttagged\tannotated\tsource\nCI\t43\t0\tannotation statistics of Train.PubTator\n"
                    "EMT\t\t\tcurated: epithelial-mesenchymal transition\n", encoding="utf-8")
    assert curated_rows(path) == [["EMT", "", "", "curated: epithelial-mesenchymal transition"]]
    assert curated_rows(tmp_path / "missing.tsv") == []
