"""Turn a processed spaCy Doc into the record format (one JSON object a document)."""
from __future__ import annotations

from spacy.tokens import Doc

from .sentences import original_text

VARIANT_FIELDS = ("variant_type", "gene")
# alterations said of a whole gene: a relation names no variant for them, only the `alteration`
GENE_LEVEL_TYPES = {"gene_level", "copy_number", "expression"}
SENTENCE_TRIM = " \t\r\n\"'“”‘’"  # an evidence sentence is given without white space or quote marks around it


def doc_to_record(doc: Doc, doc_id: str, source: str | None = None) -> dict:
    """The record of README / DESIGN: doc_id, source, text, entities, relations."""
    mentions = sorted(doc._.mentions or [], key=lambda m: (m.start, m.end))
    ids = {id(m): f"T{i}" for i, m in enumerate(mentions, start=1)}
    text = original_text(doc)
    entities = []
    for mention in mentions:
        entity = {"id": ids[id(mention)], "start": mention.start, "end": mention.end,
                  "text": text[mention.start:mention.end], "label": mention.label,
                  "normalized": mention.normalized, "canonical": mention.canonical,
                  "confidence": mention.confidence}
        if mention.label == "VARIANT":
            entity.update({field: mention.attrs.get(field) for field in VARIANT_FIELDS})
        if "members" in mention.attrs:  # 'BRCA1/2': every gene it names
            entity["members"] = [{"canonical": canonical, "normalized": normalized}
                                 for canonical, normalized in mention.attrs["members"]]
        entities.append(entity)
    relations = [_relation_record(text, r, ids) for r in doc._.relations or []]
    return {"doc_id": doc_id, "source": source, "text": text, "entities": entities, "relations": relations}


def error_record(doc_id: str, source: str | None, error: str, text: str = "") -> dict:
    """A per-document failure: same shape as a record, with an `error` field."""
    return {"doc_id": doc_id, "source": source, "text": text, "entities": [], "relations": [], "error": error}


def _relation_record(text: str, relation, ids: dict) -> dict:
    subject = relation.subject
    # a gene-level alteration said of a named variant: 'BCR-ABL mutants' (the fusion names its gene)
    restated = subject.label == "VARIANT" and bool(relation.alteration)
    gene_level = subject.attrs.get("variant_type") in GENE_LEVEL_TYPES or subject.label == "TUMOR_SUBTYPE" or restated
    sentence = relation.sentence
    raw = sentence.text
    start = sentence.start_char + (len(raw) - len(raw.lstrip(SENTENCE_TRIM)))
    end = sentence.start_char + len(raw.rstrip(SENTENCE_TRIM))
    return {
        "type": relation.type,
        "subject": ids[id(subject)],
        "object": ids[id(relation.object)],
        "gene": relation.gene or subject.attrs.get("gene"),
        "variant": None if gene_level else subject.canonical,
        "alteration": subject.canonical if subject.label == "VARIANT" and not restated
        else relation.alteration or "alteration",
        "drug": relation.object.canonical,
        "subtype": relation.subtype.canonical if relation.subtype else None,
        "negated": relation.negated,
        "speculative": relation.speculative,
        "sentence": text[start:end],
        "confidence": relation.confidence,
        "sentence_start": start,
        "sentence_end": end,
        "cue": relation.cue,
    }
