"""Lexicon lookup over token spans: longest term, leading and second words, loose matches."""
import pytest
import spacy

from extractor.lexicon import Entry, Lexicon, class_spellings
from extractor.sentences import SentenceSplitter
from extractor.tokenizer import create_tokenizer


@pytest.fixture(scope="module")
def make_doc():
    nlp = spacy.blank("en")
    nlp.tokenizer = create_tokenizer()(nlp)
    splitter = SentenceSplitter([])
    return lambda text: splitter(nlp(text))


def _lexicon(*terms):
    lexicon = Lexicon()
    for term, canonical, term_type in terms:
        lexicon.add(term, Entry("GENE", f"ID:{canonical}", canonical, term_type, "test"))
    return lexicon


def _found(lexicon, doc):
    return [(doc[m.start:m.end].text, m.entries[0].canonical, m.loose) for m in lexicon.find(doc)]


def test_longest_term_whose_second_word_follows(make_doc):
    lexicon = _lexicon(("A kinase anchor protein 1", "AKAP1", "name"), ("AKAP1", "AKAP1", "symbol"),
                       ("TCF-4", "TCF7L2", "alias"))
    doc = make_doc("A kinase anchor protein 1 (AKAP1) binds; a kinase was added; TCF-4 and TCF-4K differ.")
    assert _found(lexicon, doc) == [("A kinase anchor protein 1", "AKAP1", False), ("AKAP1", "AKAP1", False),
                                    ("TCF-4", "TCF7L2", False), ("TCF-4", "TCF7L2", False)]


def test_term_cut_at_a_token_end_inside_a_word_still_matches(make_doc):
    lexicon = _lexicon(("TCF-4", "TCF7L2", "alias"))
    doc = make_doc("TCF-4K expressing cells")
    assert [t.text for t in doc][:2] == ["TCF-4", "K"]  # scispaCy splits the unit-like "K"
    assert _found(lexicon, doc) == [("TCF-4", "TCF7L2", False)]


def test_names_fold_case_symbols_do_not(make_doc):
    lexicon = _lexicon(("epidermal growth factor receptor", "EGFR", "name"), ("WAS", "WAS", "symbol"))
    doc = make_doc("Epidermal Growth Factor Receptor was high; WAS was mutated.")
    assert _found(lexicon, doc) == [("Epidermal Growth Factor Receptor", "EGFR", False), ("WAS", "WAS", False)]


def test_loose_match_needs_a_symbol_like_token_not_opening_a_sentence(make_doc):
    lexicon = _lexicon(("KRAS", "KRAS", "symbol"), ("caspase 3", "CASP3", "name"))
    doc = make_doc("Kras rose. The mutant Kras and caspase-3 rose, but kras and caspase did not.")
    assert _found(lexicon, doc) == [("Kras", "KRAS", True), ("caspase-3", "CASP3", True)]


def test_an_identifier_takes_the_curated_canonical_for_every_term(make_doc):
    lexicon = Lexicon()
    lexicon.add("MRTX849", Entry("DRUG", "DB15568", "mrtx849", "name", "DrugBank"))
    lexicon.add("adagrasib", Entry("DRUG", "DB15568", "adagrasib", "name", "curated"))
    lexicon.add("erlotinib", Entry("DRUG", "DB00530", "erlotinib", "name", "DrugBank"))
    lexicon.unify_canonicals()
    doc = make_doc("MRTX849, adagrasib and erlotinib")
    assert [(doc[m.start:m.end].text, m.entries[0].canonical) for m in lexicon.find(doc)] == [
        ("MRTX849", "adagrasib"), ("adagrasib", "adagrasib"), ("erlotinib", "erlotinib")]


@pytest.mark.parametrize("term, spellings", [
    ("PARP inhibitor", ["PARP inhibitors"]),
    ("HER2-targeted therapies", ["HER2-targeted therapy", "HER2 targeted therapies", "HER2 targeted therapy"]),
    ("anthracycline", ["anthracyclines"]),
    ("taxanes", ["taxane"]),
    ("anti-EGFR therapy", ["anti-EGFR therapies"]),  # 'anti-EGFR' keeps its hyphen
    ("BETis", []),
    ("immune checkpoint blockade", ["immune checkpoint blockades"]),
])
def test_class_spellings(term, spellings):
    assert class_spellings(term) == spellings


def test_a_class_matches_in_either_number_unless_the_table_says_otherwise(tmp_path, make_doc):
    table = tmp_path / "classes.tsv"
    table.write_text("term\tnormalized\tcanonical\tterm_type\tkind\tsource\n"
                     "menin inhibitor\tCLASS:menin-inhibitor\tmenin inhibitor\tname\tclass\tcurated\n"
                     "platinum agents\tCLASS:platinum\tplatinum\tname\tclass\tcurated\n"
                     "platinum agent\tCLASS:other\tother\tname\tclass\tcurated\n", encoding="utf-8")
    lexicon = Lexicon()
    lexicon.load_table(table, "DRUG", {"class": "DRUG_CLASS"})
    doc = make_doc("menin inhibitors, a platinum agent and platinum agents")
    assert [(doc[m.start:m.end].text, m.entries[0].normalized) for m in lexicon.find(doc)] == [
        ("menin inhibitors", "CLASS:menin-inhibitor"), ("platinum agent", "CLASS:other"),
        ("platinum agents", "CLASS:platinum")]


def test_a_drugs_salt_form_takes_the_entries_of_its_name():
    lexicon = Lexicon()
    lexicon.salt_words = frozenset({"acetate", "hydrochloride"})
    lexicon.add("abiraterone", Entry("DRUG", "DB05812", "abiraterone", "name", "test"))
    lexicon.add("HER2", Entry("GENE", "HGNC:3430", "ERBB2", "alias", "test"))
    assert [e.normalized for e in lexicon.entries_for("Abiraterone acetate", "DRUG")] == ["DB05812"]
    # no salt word, no name before it, or not a drug: nothing
    assert lexicon.entries_for("abiraterone analogue", "DRUG") == ()
    assert lexicon.entries_for("acetate", "DRUG") == ()
    assert lexicon.entries_for("HER2 hydrochloride", "GENE") == ()


def test_a_term_of_more_than_ten_tokens_is_found(make_doc):
    lexicon = Lexicon()
    lexicon.add("poly (ADP-ribose) polymerase (PARP) inhibitors",
                Entry("DRUG", "CLASS:parp-inhibitor", "parp inhibitor", "synonym", "test"))
    doc = make_doc("Cells were sensitive to poly (ADP-ribose) polymerase (PARP) inhibitors.")
    [match] = lexicon.find(doc)
    assert doc[match.start:match.end].text == "poly (ADP-ribose) polymerase (PARP) inhibitors"
