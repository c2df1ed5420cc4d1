"""Read BioC XML / JSON gold (e.g. BioRED's BioC release) as records in the record format.

Document text is built exactly as the extraction reader builds it (passages at their
offsets, `extractor.readers.bioc.place_passages`), so annotation offsets line up with
the predictions. Each annotation becomes an entity: its `type` infon is the label, its
`identifier` infon (or the first infon naming an identifier) the normalized id; an
annotation with several locations spans from the first to the last.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import bioc

from extractor.readers.bioc import place_passages

ID_INFONS = ("identifier", "Identifier", "NCBI Gene", "MESH", "ID")


def read_bioc_gold(path: str | Path) -> Iterator[dict]:
    """One record a BioC document; raises ValueError on a file that is not BioC."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            is_json = handle.read(64).lstrip("\ufeff \t\r\n")[:1] in "{["
            handle.seek(0)
            collection = bioc.biocjson.load(handle) if is_json else bioc.biocxml.load(handle)
    except Exception as error:  # the bioc package raises many kinds on bad input
        raise ValueError(f"not a BioC collection: {type(error).__name__}: {error}") from error
    for document in collection.documents:
        text = place_passages([(p.offset, p.text) for p in document.passages])
        annotations = list(document.annotations) + [a for p in document.passages for a in p.annotations]
        entities = [_entity(a) for a in annotations if a.locations]
        yield {"doc_id": str(document.id), "source": str(path), "text": text,
               "entities": sorted(entities, key=lambda e: (e["start"], e["end"]))}


def _entity(annotation) -> dict:
    start = min(loc.offset for loc in annotation.locations)
    end = max(loc.offset + loc.length for loc in annotation.locations)
    identifier = next((annotation.infons[k] for k in ID_INFONS if annotation.infons.get(k)), None)
    return {"id": str(annotation.id), "start": start, "end": end, "text": annotation.text,
            "label": annotation.infons.get("type"), "normalized": identifier}
