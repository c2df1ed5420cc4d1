"""Stream the elements of one tag from a (possibly gzipped) XML file with flat memory."""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from ..pipeline import InputDoc


def read_elements(path: Path, tag: str, to_doc: Callable[[etree._Element, str, str], InputDoc]) -> Iterator[InputDoc]:
    """`to_doc(element, source, fallback_id)` for each `tag` element, cleared once read.

    A malformed or truncated file ends with one error document that says where it broke
    and how many documents were read before; the batch goes on with the next file.
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    read = 0
    try:
        with opener(path, "rb") as stream:
            for _, element in etree.iterparse(stream, tag=tag, resolve_entities=False, no_network=True,
                                              huge_tree=True):
                read += 1
                yield to_doc(element, str(path), f"{path.name}:{read}")
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        yield InputDoc(f"{path.name}:error", "", str(path),
                       f"malformed XML at line {exc.lineno}: {exc.msg}; {read} documents read before it, "
                       "the rest of the file is skipped")
    except (OSError, EOFError, zlib.error) as exc:
        yield InputDoc(f"{path.name}:error", "", str(path), f"cannot read file after {read} documents: {exc}")


def element_text(element: etree._Element | None) -> str:
    """All text of an element (inline markup such as <i> or <sup> dropped), whitespace collapsed."""
    return "" if element is None else " ".join("".join(element.itertext()).split())
