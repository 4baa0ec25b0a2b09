"""Lifting the metadata header off a plain-text article, and saying why each field was lifted.

Saved web pages and copy-pastes often start with a few lines of metadata: an outlet line, the
headline, a dateline ("Wednesday, March 4, 2026 by Ana Reyes", "March 12, 2026 — Outlet",
"Outlet · 13.03.2026 · Author"), a "By ..." line, "Key: value" lines, a repeated headline or
"Description not available"-style boilerplate. `parse_header` reads at most the first
`MAX_HEADER_LINES` non-empty lines, one at a time, and stops at the first line that is not clearly
metadata: that line is where the body starts, so the body keeps its real first paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parallax.ingest.metadata import (
    WEEKDAYS,
    clean_author,
    clean_outlet,
    clean_space,
    find_date,
    iso_date,
    looks_like_name_list,
    looks_like_outlet,
    looks_like_person,
    reads_as_headline,
    split_credit,
)

MAX_HEADER_LINES = 8

_KEY_FIELDS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publication": "source",
    "publisher": "source",
    "site": "source",
    "date": "published",
    "published": "published",
    "dateline": "published",
    "author": "author",
    "by": "author",
    "byline": "author",
    "url": "url",
    "link": "url",
    "language": "language",
    "lang": "language",
}
_KEY_LINE = re.compile(r"^(?P<key>" + "|".join(_KEY_FIELDS) + r")\s*:\s*(?P<value>\S.*)$", re.I)
_BOILERPLATE = re.compile(
    r"^(?:description not available|no description available|advertisement|advertising|sponsored"
    r"|share(?: this(?: article| story)?)?|listen to this article|skip to (?:main )?content"
    r"|read more|continue reading|subscribe|sign up|photo|image|video)[.:!]?$",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|por|written by)\s+(?P<name>\S.*)$", re.I)
_DATE_WORDS = re.compile(
    rf"\b(?:published|updated|posted|last updated|publicado|actualizado|on|at|el|{WEEKDAYS})\b\.?", re.I
)
_PART_SPLIT = re.compile(r"\s+[|·•—–-]\s+|\s*[|·•]\s*")
_STAFF = re.compile(
    r"^(?:by\s+)?(?P<name>.+?)\s+(?:staff(?: reporters?| writers?)?|newsroom|news desk|desk)$", re.I
)
_SIGNOFF = (
    re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?(?P<name>[^\d©].*?)(?:,?\s+\d{4})?\.?$", re.I),
    re.compile(r"^(?P<name>.+?)\s+(?:collective|staff|team|newsroom|editorial board|news desk|desk)$", re.I),
)


@dataclass
class Header:
    fields: dict[str, str] = field(default_factory=dict)  # source, title, author, published, url, language
    reasons: dict[str, str] = field(default_factory=dict)  # field (or "dropped:N") -> why it was lifted
    body_start: int = 0  # offset in the text where the body begins


@dataclass
class _Line:
    number: int  # 1-based line number in the file
    start: int
    end: int
    text: str


def parse_header(text: str) -> Header:
    """Lift the metadata lines at the top of `text`; stop at the first body line."""
    lines = _non_empty_lines(text, limit=MAX_HEADER_LINES + 1)
    header = Header()
    for k, line in enumerate(lines[:MAX_HEADER_LINES]):
        following = lines[k + 1] if k + 1 < len(lines) else None
        if following is None:
            break  # a header is always followed by a body
        if not _take(line, k, following, header):
            header.body_start = line.start
            break
        header.body_start = line.end
    else:
        return Header()  # all lines read as metadata: it is not a header, keep everything
    return header if header.fields else Header()


def signoff_source(body: str) -> tuple[str, str] | None:
    """(outlet, why) from a closing line such as "© Outlet 2026" or "The Outlet collective"."""
    lines = [ln.strip() for ln in body.strip().splitlines() if ln.strip()]
    if not lines:
        return None
    last = lines[-1]
    if len(last.split()) > 7:
        return None
    for pattern in _SIGNOFF:
        match = pattern.match(last)
        if match:
            name = clean_outlet(match["name"])
            if name and not name[0].islower():
                return name, f"last line {last!r} is a sign-off naming the outlet"
    return None


def _take(line: _Line, k: int, following: _Line, header: Header) -> bool:
    """Lift `line` into `header` if it is clearly metadata; False when it is the body's first line."""
    fields, reasons, text = header.fields, header.reasons, line.text
    where = f"line {line.number}"

    key = _KEY_LINE.match(text)
    if key:
        name = _KEY_FIELDS[key["key"].lower()]
        value = _normalise(name, key["value"])
        if value and name not in fields:
            fields[name] = value
            reasons[name] = f"{where}: '{key['key']}:' field"
        return value is not None

    if _BOILERPLATE.match(text):
        reasons[f"dropped:{line.number}"] = f"{where}: boilerplate"
        return True

    if fields.get("title") and _same(text, fields["title"]):
        reasons[f"dropped:{line.number}"] = f"{where}: repeats the headline"
        return True

    dateline = _dateline(text)
    if dateline is not None:
        for name, value in dateline.items():
            if name not in fields:
                fields[name] = value
                reasons[name] = f"{where}: dateline {text!r}"
        return True

    byline = _BYLINE.match(text)
    if byline and len(text.split()) <= 10:
        staff = _STAFF.match(byline["name"])
        if staff:
            return _lift(header, "source", clean_outlet(staff["name"]), f"{where}: staff byline")
        author = clean_author(byline["name"])
        if not author or not looks_like_name_list(author):
            return False  # "By Tuesday the river had risen ..." opens the body
        if "author" not in fields:
            fields["author"] = author
            reasons["author"] = f"{where}: 'By' line"
        _name, credit = split_credit(byline["name"])
        if credit:
            _lift(header, "source", credit, f"{where}: outlet credited in the 'By' line")
        return True

    staff = _STAFF.match(text)
    if staff and len(text.split()) <= 6:
        return _lift(header, "source", clean_outlet(staff["name"]), f"{where}: staff byline")

    if k == 0 and _is_outlet_line(text, following.text):
        fields["source"] = clean_outlet(text) or text
        reasons["source"] = f"{where}: short outlet-style line above the headline"
        return True

    if "title" not in fields and reads_as_headline(text) and _body_like_after(text, following.text):
        fields["title"] = clean_space(text) or text
        reasons["title"] = f"{where}: reads as a headline (short, no final full stop)"
        return True
    return False


def _lift(header: Header, name: str, value: str | None, why: str) -> bool:
    """Record a field unless an earlier line already gave it; True when the line was metadata."""
    if not value:
        return False
    if name not in header.fields:
        header.fields[name] = value
        header.reasons[name] = why
    return True


def _dateline(text: str) -> dict[str, str] | None:
    """Fields of a dateline: a full date plus, optionally, an outlet and an author, and nothing else."""
    found = find_date(text)
    if not found or len(text.split()) > 16:
        return None
    value, start, end = found
    marked = text[:start] + " \x00 " + text[end:]
    fields = {"published": value}
    parts = [p.strip(" ,;") for p in _PART_SPLIT.split(marked)]
    parts = [p for p in parts if p]
    date_index = next(i for i, p in enumerate(parts) if "\x00" in p)
    for i, part in enumerate(parts):
        if "\x00" in part:
            part = part.replace("\x00", " ")
            by = re.search(r"\b(?:by|por)\s+(?P<name>\S.*)$", part, re.I)
            if by:
                author = clean_author(by["name"])
                if not author or not looks_like_name_list(author):
                    return None
                fields["author"] = author
                part = part[: by.start()]
            leftover = _DATE_WORDS.sub(" ", part).strip(" ,.;")
            if leftover:
                return None  # other words beside the date: a sentence, not a dateline
            continue
        by = _BYLINE.match(part)
        if len(part.split()) > 7:
            return None
        if find_date(part) and not _DATE_WORDS.sub(" ", _remove_date(part)).strip(" ,.;"):
            continue  # a second date ("Updated 5 Feb 2025"): the first one is the publication date
        if by:
            author = clean_author(by["name"])
            if not author or not looks_like_name_list(author):
                return None
            fields.setdefault("author", author)
            continue
        # An outlet word decides; otherwise "Outlet · date · Author" and "date — Outlet" by position.
        if looks_like_outlet(part) or i < date_index or (len(parts) == 2 and not looks_like_person(part)):
            fields.setdefault("source", clean_outlet(part) or part)
        else:
            fields.setdefault("author", clean_author(part) or part)
    return fields


def _remove_date(text: str) -> str:
    found = find_date(text)
    return text[: found[1]] + " " + text[found[2] :] if found else text


def _is_outlet_line(text: str, following: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 40 or text[-1] in ".,;:!?":
        return False
    if find_date(text) or _BYLINE.match(text):
        return False
    styled = (
        (text.isupper() and len(text) > 2)
        or looks_like_outlet(text)
        or (len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+", text) is not None)
        or all(w[:1].isupper() for w in words if w.lower() not in {"the", "of", "and"})
    )
    if not styled or (not text.isupper() and looks_like_person(text) and not looks_like_outlet(text)):
        return False
    next_is_headline = reads_as_headline(following) and len(following.split()) > len(words)
    return next_is_headline or _dateline(following) is not None


def _body_like_after(headline: str, following: str) -> bool:
    """A headline is followed by more metadata or by a paragraph, not by a second headline-sized line."""
    if _KEY_LINE.match(following) or _BYLINE.match(following) or _dateline(following) is not None:
        return True
    if _BOILERPLATE.match(following) or _same(following, headline):
        return True
    return len(following.split()) > len(headline.split())


def _normalise(name: str, value: str) -> str | None:
    if name == "published":
        return iso_date(value)
    if name == "author":
        return clean_author(value)
    if name == "source":
        return clean_outlet(value)
    return clean_space(value)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _non_empty_lines(text: str, limit: int) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(number, offset + lead, offset + lead + len(stripped), stripped))
            if len(out) >= limit:
                break
        offset += len(raw) + 1
    return out
