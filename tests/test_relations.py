from conftest import relation_tuples


def test_drug_resistant_compound_and_potency(extractor):
    record = extractor.extract("Poziotinib is highly potent in neratinib-resistant HER2 L755S models.")
    assert relation_tuples(record) == {("ERBB2", "L755S", "neratinib", "RESISTANT_TO"),
                                       ("ERBB2", "L755S", "poziotinib", "SENSITIVE_TO")}


def test_coordinated_drugs_give_one_relation_each(extractor):
    record = extractor.extract("HER2 mutations conferred resistance to tamoxifen, fulvestrant and the "
                               "CDK4 and CDK6 inhibitor palbociclib.")
    assert relation_tuples(record) == {("ERBB2", None, d, "RESISTANT_TO")
                                       for d in ("tamoxifen", "fulvestrant", "palbociclib")}


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


def test_sensitive_to_light_is_no_relation(extractor):
    assert extractor.extract("HER2 mutant cells were sensitive to light.")["relations"] == []
