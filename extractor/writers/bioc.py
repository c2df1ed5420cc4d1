"""BioC XML output with the `bioc` package, one document at a time.

Each document has one passage (offset 0) holding the text and its annotations (infons:
type = label, identifier = normalized, and the other entity fields); relations are
document-level, with subject and object nodes and the other relation fields as infons.
Records with an error are left out (they are reported on stderr)."""
from __future__ import annotations

from bioc import BioCAnnotation, BioCCollection, BioCDocument, BioCLocation, BioCNode, BioCPassage, BioCRelation
from bioc.biocxml import BioCXMLDocumentWriter

ENTITY_PLACED = ("id", "start", "end", "text", "label", "normalized")  # not infons: BioC has places for them
RELATION_PLACED = ("type", "subject", "object")


class BiocWriter:
    def __init__(self, output: str):
        self.writer = BioCXMLDocumentWriter(output)
        collection = BioCCollection()
        collection.source = "extractor"
        self.writer.write_collection_info(collection)

    def done_ids(self) -> set[str]:
        return set()

    def write(self, record: dict) -> None:
        if "error" not in record:
            self.writer.write_document(bioc_document(record))

    def close(self) -> None:
        self.writer.close()


def bioc_document(record: dict) -> BioCDocument:
    document = BioCDocument()
    document.id = record["doc_id"]
    passage = BioCPassage()
    passage.offset = 0
    passage.text = record["text"]
    for entity in record["entities"]:
        annotation = BioCAnnotation()
        annotation.id = entity["id"]
        annotation.text = entity["text"]
        annotation.add_location(BioCLocation(entity["start"], entity["end"] - entity["start"]))
        infons = {"type": entity["label"], "identifier": entity["normalized"],
                  **{k: v for k, v in entity.items() if k not in ENTITY_PLACED}}
        annotation.infons.update(_infons(infons))
        passage.add_annotation(annotation)
    document.add_passage(passage)
    for number, relation in enumerate(record["relations"], start=1):
        bioc_relation = BioCRelation()
        bioc_relation.id = f"R{number}"
        bioc_relation.infons.update(_infons({"type": relation["type"],
                                             **{k: v for k, v in relation.items() if k not in RELATION_PLACED}}))
        bioc_relation.add_node(BioCNode(relation["subject"], "subject"))
        bioc_relation.add_node(BioCNode(relation["object"], "object"))
        document.add_relation(bioc_relation)
    return document


def _infons(values: dict) -> dict[str, str]:
    """Infons are strings: booleans as true/false, nulls left out."""
    return {k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in values.items() if v is not None}
