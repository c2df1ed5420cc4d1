import pytest


@pytest.mark.parametrize("text, tokens", [
    ("HER2 L755S", ["HER2", "L755S"]),
    ("p.Leu755Ser", ["p.", "Leu755Ser"]),
    ("CDK4/6 inhibitors", ["CDK4/6", "inhibitors"]),
    ("HKI-272", ["HKI-272"]),
    ("T-DM1", ["T-DM1"]),
    ("E746_A750del", ["E746_A750del"]),
    ("neratinib-resistant cells", ["neratinib", "-", "resistant", "cells"]),
    ("HER2-positive", ["HER2", "-", "positive"]),
    ("anti-HER2 therapy", ["anti", "-", "HER2", "therapy"]),
    ("ER+/HER2- tumors", ["ER", "+", "/", "HER2", "-", "tumors"]),
    ("ALK+ NSCLC", ["ALK", "+", "NSCLC"]),
    # a full stop after a capital behind a hyphen ends the sentence; initials keep theirs
    ("resistant to ara-C.", ["resistant", "to", "ara", "-", "C", "."]),
    ("overcome by 5-aza-dC.", ["overcome", "by", "5", "-", "aza-dC", "."]),
    ("J. Smith in the U.S.", ["J.", "Smith", "in", "the", "U.S."]),
    ("PIK3CA-Mutated Breast Cancer", ["PIK3CA", "-", "Mutated", "Breast", "Cancer"]),
    ("BCR-Abl", ["BCR-Abl"]),
    ("ER+ and Ca2+ levels", ["ER", "+", "and", "Ca2", "+", "levels"]),
    # a hyphen that ends a word is cut off: a suspended compound 'KRAS- or NRAS-mutant'
    ("KRAS- or NRAS-mutant", ["KRAS", "-", "or", "NRAS", "-", "mutant"]),
    # a bracketed symbol before a hyphenated qualifier is cut out; a bracketed stereo descriptor stays whole
    ("(EGFR)-directed", ["(", "EGFR", ")", "-", "directed"]),
    ("(S)-ketamine", ["(S)", "-", "ketamine"]),
    ("PI3K/AKT pathway", ["PI3K", "/", "AKT", "pathway"]),
    # protein changes keep the capital scispaCy would split off as a unit; units still split
    ("EGFR T790M cells", ["EGFR", "T790M", "cells"]),
    ("(p.Q61K, D538G)", ["(", "p.", "Q61K", ",", "D538G", ")"]),
    ("in 10M urea", ["in", "10", "M", "urea"]),
    ("FLT3-ITD AML", ["FLT3", "-", "ITD", "AML"]),
    ("FLT3-TKD AML", ["FLT3", "-", "TKD", "AML"]),
    ("FLT3-ITD-positive AML", ["FLT3", "-", "ITD", "-", "positive", "AML"]),  # also before a status
    ("FLT3-ITD+ and FLT3-ITD/NPM1", ["FLT3", "-", "ITD", "+", "and", "FLT3", "-", "ITD", "/", "NPM1"]),
    ("to ALK-TKIs and MET-TKI", ["to", "ALK", "-", "TKIs", "and", "MET", "-", "TKI"]),
    ("TKI-naive", ["TKI", "-", "naive"]),
    # a variant in brackets after its gene is cut off it; a genotype sign too
    ("The BRAF(V600E) mutation", ["The", "BRAF", "(", "V600E", ")", "mutation"]),
    ("VIP(-/-) mice", ["VIP", "(", "-/-", ")", "mice"]),
    ("IL(2)R", ["IL(2)R"]),
    # citation numbers glued to a word or a full stop are cut off; versions, figures and decimals stay whole
    ("PARP inhibitors.37 Next", ["PARP", "inhibitors", ".", "37", "Next"]),
    ("platinum-based therapies5,6, and", ["platinum", "-", "based", "therapies", "5,6", ",", "and"]),
    ("MEK inhibition2 and chemotherapy12.", ["MEK", "inhibition", "2", "and", "chemotherapy", "12", "."]),
    # a single number stays on a gene name
    ("caspase3, claudin1, erbb2", ["caspase3", ",", "claudin1", ",", "erbb2"]),
    ("v2.1, Fig.3, pH7.4, 37.5 and JAK29,16", ["v2.1", ",", "Fig.3", ",", "pH7.4", ",", "37.5", "and", "JAK29,16"]),
])
def test_tokenization_keeps_biomedical_names_whole(nlp, text, tokens):
    assert [t.text for t in nlp.tokenizer(text)] == tokens


@pytest.mark.parametrize("text, sentences", [
    ("Kalra et al. showed it. Then more.", ["Kalra et al. showed it.", "Then more."]),
    ("Drugs (e.g. neratinib) work. Next.", ["Drugs (e.g. neratinib) work.", "Next."]),
    ("The p. L755S change. Next.", ["The p. L755S change.", "Next."]),
    ("Matthew J. Ellis wrote. Next.", ["Matthew J. Ellis wrote.", "Next."]),
    # a capital letter closing a name ends the sentence; an author's initial does not
    ("Cells resisted ara-C. EGFR was mutated.", ["Cells resisted ara-C.", "EGFR was mutated."]),
    ("They took vitamin C. Then more.", ["They took vitamin C.", "Then more."]),
    ("It was written by J. Smith here.", ["It was written by J. Smith here."]),
    ("Title line\nAbstract text here.", ["Title line", "Abstract text here."]),
    ("A wrapped line that goes\non in lower case.", ["A wrapped line that goes\non in lower case."]),
    # a citation number glued after the full stop stays with its sentence
    ("Cells resisted cisplatin.12,13 In addition, it was 5.3 Mb.",
     ["Cells resisted cisplatin.12,13", "In addition, it was 5.3 Mb."]),
])
def test_sentence_boundaries(nlp, text, sentences):
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == sentences


def test_a_protein_change_is_not_cut_into_a_term(nlp):
    doc = nlp("The IC50 of gefitinib was lower in EGFR T790M cells.")
    assert [(e.text, e.label_) for e in doc.ents] == [("gefitinib", "DRUG"), ("EGFR", "GENE"), ("T790M", "VARIANT")]


def test_tokenizer_with_the_suffix_guard_serializes(nlp):
    restored = type(nlp.tokenizer)(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in restored("EGFR T790M cells")] == ["EGFR", "T790M", "cells"]
