"""HTML pages such as press releases: the title and the body text, boilerplate removed.

Parsed with selectolax (lexbor). Removed: script/style, navigation, page header and
footer, asides, forms, sharing / cookie / newsletter widgets, and contact, disclaimer,
copyright and forward-looking-statement blocks (by element, ARIA role, class or id, or by
the words a paragraph or short block starts with; a boilerplate heading goes with the
section under it).
Block elements become lines; whitespace inside a block is collapsed.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..pipeline import InputDoc
from .text import read_file_text

BOILERPLATE_TAGS = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select"
BOILERPLATE_ROLES = ", ".join(f"[role={r}]" for r in ("navigation", "banner", "contentinfo", "complementary", "search"))
BOILERPLATE_NAMES = re.compile(r"contact|disclaimer|cookie|share|social|newsletter|subscribe|breadcrumb|"
                               r"sidebar|menu|navbar|footer|related|advert|promo|copyright", re.I)
BOILERPLATE_WORDS = re.compile(r"\s*(media contacts?|press contacts?|contacts?\s*:|for more information,? contact|"
                               r"disclaimer|forward[- ]looking statements?|copyright|©|all rights reserved)", re.I)
BLOCKS = ("p, div, section, article, main, li, dt, dd, td, th, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, "
          "figcaption, br")
SHORT_BLOCK = 500  # a div or section is boilerplate by its first words only when shorter
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
LINE = "\u2029"


def read_html(path: Path) -> Iterator[InputDoc]:
    html, error = read_file_text(path)
    yield InputDoc(path.stem, html_to_text(html) if not error else "", str(path), error)


def html_to_text(html: str) -> str:
    """The page's title (its h1, else <title>) and body text, one block a line."""
    tree = LexborHTMLParser(html)
    title = _clean(_first_text(tree, "h1") or _first_text(tree, "title"))
    _remove_boilerplate(tree)
    root = tree.body or tree.root
    if root is None:
        return title
    for node in root.css(BLOCKS):
        node.insert_after(LINE)
    lines = [_clean(line) for line in root.text(separator="").split(LINE)]
    lines = [line for line in lines if line]
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    return "\n".join(lines)


def _remove_boilerplate(tree: LexborHTMLParser) -> None:
    for node in tree.css(f"{BOILERPLATE_TAGS}, {BOILERPLATE_ROLES}"):
        node.remove()
    for node in tree.css("[class], [id]"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if node.tag not in ("html", "body", "main", "article") and BOILERPLATE_NAMES.search(names):
            node.remove()
    for node in tree.css(f"p, li, div, section, {', '.join(HEADINGS)}"):
        text = node.text(separator=" ")
        short = node.tag not in ("div", "section") or len(text) < SHORT_BLOCK
        if short and BOILERPLATE_WORDS.match(text):
            if node.tag in HEADINGS:
                _remove_section(node)
            node.remove()


def _remove_section(heading: LexborNode) -> None:
    """The siblings after a boilerplate heading, up to the next heading."""
    node = heading.next
    while node is not None and node.tag not in HEADINGS:
        following = node.next
        node.remove()
        node = following


def _first_text(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    return node.text(separator=" ") if node is not None else ""


def _clean(text: str) -> str:
    return " ".join(text.split())
