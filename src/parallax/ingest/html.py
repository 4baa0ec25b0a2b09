"""Main text and metadata from an HTML page, by a cascade of extractors that each fail soft.

1. trafilatura with metadata (title, author, date, site name): drops navigation, cookie banners,
   "related" boxes and footers;
2. trafilatura's baseline extractor, when the first finds nothing;
3. plain text of `<article>` (else `<body>`) through lxml, with scripts, styles, frames and
   forms removed.

Nothing is executed and no markup is kept: the stored text is plain text (the report escapes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from parallax.ingest.metadata import clean_author, clean_outlet, clean_space, normalise_language, parse_date

# Elements whose content is never article text.
_DROP = (
    "script",
    "style",
    "noscript",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "template",
    "form",
    "button",
    "head",
    "nav",
    "footer",
)
_BLOCKS = (
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "figure",
    "figcaption",
    "pre",
    "dd",
    "dt",
)
# At least this many characters for a stage's text to count as the article.
MIN_TEXT_CHARS = 40


@dataclass
class Extracted:
    text: str
    meta: dict[str, str | None] = field(default_factory=dict)
    method: str = ""  # which stage of the cascade produced the text


def extract_html(markup: str, url: str | None = None) -> Extracted | None:
    """The page's main text and metadata, or None when no stage finds any text."""
    meta = _meta_tags(markup)
    result = _trafilatura(markup, url) or _baseline(markup) or _lxml_main(markup)
    if result is None:
        return None
    for name, value in meta.items():
        if value and not result.meta.get(name):
            result.meta[name] = value
    # A page's own meta tag carries the time as well as the date, which trafilatura drops.
    stamped, found = meta.get("published"), result.meta.get("published")
    if stamped and found and stamped[:10] == found:
        result.meta["published"] = stamped
    title = result.meta.get("title")
    if title:
        result.text = _drop_leading_title(result.text, title)
    return result


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (feed content, a JSON field): paragraphs split by blank lines."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in markup:
        return _tidy(markup)
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    return _element_text(root)


def _trafilatura(markup: str, url: str | None) -> Extracted | None:
    try:
        from trafilatura import bare_extraction

        doc = bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
        )
    except Exception:  # trafilatura can raise on pathological markup; the next stage tries
        return None
    if doc is None:
        return None
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = _tidy(str(data.get("text") or ""))
    if len(text) < MIN_TEXT_CHARS:
        return None
    meta = {
        "title": clean_space(data.get("title")),
        "author": clean_author(data.get("author")),
        "published": parse_date(data.get("date")),
        "source": clean_outlet(data.get("sitename")),
        "url": data.get("url") or url,
        "language": normalise_language(data.get("language")),
    }
    return Extracted(text, meta, "trafilatura")


def _baseline(markup: str) -> Extracted | None:
    try:
        from trafilatura import baseline

        _tree, text, _length = baseline(markup)
    except Exception:  # as above: fail soft, fall through to the next stage
        return None
    text = _tidy(text or "")
    return Extracted(text, {}, "trafilatura-baseline") if len(text) >= MIN_TEXT_CHARS else None


def _lxml_main(markup: str) -> Extracted | None:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None
    candidates = (root.find(".//article"), root.find(".//main"), root.find(".//body"))
    main = next((el for el in candidates if el is not None), root)
    text = _element_text(main)
    return Extracted(text, {}, "lxml") if text.strip() else None


def _element_text(root: Any) -> str:
    for bad in list(root.iter(*_DROP)):
        if bad is not root and bad.getparent() is not None:
            bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    """Collapse spaces inside lines; one blank line between paragraphs; no markup-looking leftovers."""
    paragraphs = []
    for block in re.split(r"\n", text.replace("\r", "\n")):
        line = " ".join(block.split())
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _drop_leading_title(text: str, title: str) -> str:
    first, _sep, rest = text.partition("\n\n")
    if " ".join(first.lower().split()) == " ".join(title.lower().split()) and rest.strip():
        return rest
    return text


def _meta_tags(markup: str) -> dict[str, str | None]:
    """Metadata from <meta> tags and <html lang>, read with lxml (no script runs)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return {}
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = meta.get("content")
        if key and value and key not in found:
            found[key] = value
    title_el = root.find(".//title")
    published = next(
        (
            found[k]
            for k in ("article:published_time", "og:published_time", "datepublished", "date", "dc.date")
            if k in found
        ),
        None,
    )
    return {
        "title": clean_space(
            found.get("og:title") or (title_el.text_content() if title_el is not None else None)
        ),
        "author": clean_author(found.get("author") or found.get("article:author")),
        "published": parse_date(published),
        "source": clean_outlet(found.get("og:site_name") or found.get("application-name")),
        "url": found.get("og:url"),
        "language": normalise_language(root.get("lang")),
    }
