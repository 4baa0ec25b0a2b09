"""Normalising article metadata: dates to ISO 8601, outlet and author names, language, headlines, ids.

Every function returns None rather than a guess: an unknown date stays unknown, and the current
date is never used as a silent default. The one derived value, an outlet named by its URL's host or
its file's name (`fill_derived_source`), says so in `extra["source_derived"]`.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from parallax.model import Article

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan", "enero", "ene"),
            ("february", "feb", "febrero"),
            ("march", "mar", "marzo"),
            ("april", "apr", "abril", "abr"),
            ("may", "mayo"),
            ("june", "jun", "junio"),
            ("july", "jul", "julio"),
            ("august", "aug", "agosto", "ago"),
            ("september", "sep", "sept", "septiembre", "setiembre"),
            ("october", "oct", "octubre"),
            ("november", "nov", "noviembre"),
            ("december", "dec", "diciembre", "dic"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
# The date forms headers use; each names its parts so one function builds the ISO string.
DATE_PATTERNS = [
    re.compile(
        r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?",
    ),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}", re.I),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?(?P<year>\d{{4}}){_TIME}",
        re.I,
    ),
    re.compile(rf"\b(?P<num1>\d{{1,2}})[./](?P<num2>\d{{1,2}})[./](?P<year>\d{{4}})\b{_TIME}"),
]
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun"
    "|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
)

# Words that mark a name as an outlet rather than a person.
OUTLET_WORDS = frozenset(
    [
        "press",
        "agency",
        "news",
        "newswire",
        "wire",
        "times",
        "post",
        "gazette",
        "herald",
        "reporters",
        "reporter",
        "headlines",
        "chronicle",
        "bulletin",
        "tribune",
        "journal",
        "daily",
        "weekly",
        "today",
        "courier",
        "media",
        "tv",
        "radio",
        "network",
        "broadcasting",
        "observer",
        "guardian",
        "telegraph",
        "express",
        "standard",
        "review",
        "magazine",
        "monitor",
        "report",
        "dispatch",
        "independent",
        "online",
        "mail",
        "star",
        "sun",
        "globe",
        "record",
        "examiner",
        "inquirer",
        "insider",
        "digest",
        "world",
        "international",
        "service",
        "staff",
        "desk",
        "newsroom",
        "editorial",
        "channel",
        "television",
        "ledger",
        "sentinel",
        "mercury",
        "argus",
        "clarion",
        "beacon",
        "advocate",
        "register",
        "gazette",
        "diario",
        "periódico",
        "periodico",
        "noticias",
        "prensa",
        "crónica",
        "cronica",
        "heraldo",
        "correo",
    ]
)
# Short words that stay capitalised when a SHOUTED outlet name is title-cased, unless in this list.
_SMALL_WORDS = frozenset(
    {"THE", "OF", "AND", "FOR", "ON", "IN", "A", "AN", "AT", "DE", "EL", "LA", "LOS", "LAS"}
)
# Feed titles often append a section: "Outlet — Latest", "World | Outlet".
_FEED_SECTION_WORDS = frozenset(
    [
        "latest",
        "news",
        "home",
        "homepage",
        "top",
        "stories",
        "headlines",
        "world",
        "sport",
        "sports",
        "politics",
        "business",
        "rss",
        "feed",
        "all",
        "local",
        "national",
        "international",
        "opinion",
        "culture",
        "breaking",
        "front",
        "page",
    ]
)


def iso_date(text: str | None, prefer: str = "dmy") -> str | None:
    """The first full date in `text` (day, month and year all present) as ISO 8601, else None.

    Numeric dates such as 11/03/2026 are read day-first unless only month-first is possible.
    """
    if not text:
        return None
    found = find_date(text, prefer)
    return found[0] if found else None


def find_date(text: str, prefer: str = "dmy") -> tuple[str, int, int] | None:
    """(ISO value, start, end) of the first full date in `text`, by regex then dateparser."""
    best: tuple[str, int, int] | None = None
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = _from_match(match, prefer)
            if value and (best is None or match.start() < best[1]):
                best = (value, match.start(), match.end())
                break
    return best


def parse_date(value: Any) -> str | None:
    """A date from a structured field (JSON, feed, HTML meta) as ISO 8601, keeping time and zone."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 < value < 10**11:  # a Unix timestamp in seconds
            from datetime import UTC

            return datetime.fromtimestamp(value, UTC).isoformat()
        return None
    text = str(value).strip()
    match = DATE_PATTERNS[0].fullmatch(text) or DATE_PATTERNS[0].match(text)
    if match:
        return _from_match(match, "dmy")
    try:  # RFC 822, as in RSS
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return iso_date(text) or _dateparser(text)


def _dateparser(text: str) -> str | None:
    """Last resort for free-form dates; never fills a missing part from today's date."""
    if len(text) > 80:
        return None
    try:
        import dateparser

        parsed = dateparser.parse(
            text,
            languages=["en", "es"],
            settings={
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DATES_FROM": "past",
                "DATE_ORDER": "DMY",
            },
        )
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if parsed is None:
        return None
    if parsed.hour or parsed.minute or parsed.tzinfo:
        return parsed.isoformat()
    return parsed.date().isoformat()


def _from_match(match: re.Match[str], prefer: str) -> str | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("num1"):
        first, second = int(parts["num1"]), int(parts["num2"])
        if first > 12 or (prefer == "dmy" and second <= 12):
            day, month = first, second
        else:
            day, month = second, first
    else:
        month_text = parts["month"]
        month = MONTHS[month_text.lower()] if not month_text.isdigit() else int(month_text)
        day = int(parts["day"])
    try:
        date = datetime(year, month, day)
    except ValueError:
        return None
    if not 1800 <= year <= 2200:
        return None
    if parts.get("hour") is None:
        return date.date().isoformat()
    hour, minute, second = int(parts["hour"]), int(parts["minute"]), int(parts.get("second") or 0)
    if hour > 23 or minute > 59 or second > 59:
        return date.date().isoformat()
    stamp = date.replace(hour=hour, minute=minute, second=second).isoformat()
    tz = parts.get("tz")
    if tz:
        stamp += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    return stamp


def clean_space(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(str(text).split())
    return text or None


def clean_outlet(name: str | None) -> str | None:
    """An outlet's display name: spaces collapsed, SHOUTED names title-cased."""
    name = clean_space(name)
    if not name:
        return None
    name = name.strip(" -—–|·:,")
    if name.isupper() and len(name) > 4:
        name = " ".join(w if _acronym(w) else w.title() for w in name.split())
    return name or None


def _acronym(word: str) -> bool:
    """BBC, NPR, TV, AP stay capitalised; BAY, THE do not."""
    if word in _SMALL_WORDS:
        return False
    return len(word) <= 2 or (len(word) <= 4 and not re.search(r"[AEIOU]", word))


def outlet_from_feed_title(title: str | None) -> str | None:
    """The outlet in a feed title, dropping a section name: "Estravia Today — Latest" -> "Estravia Today"."""
    title = clean_space(title)
    if not title:
        return None
    parts = [p.strip() for p in re.split(r"\s+[—–|:-]\s+|\s+::\s+", title) if p.strip()]
    if len(parts) > 1:
        named = [p for p in parts if not set(p.lower().split()) <= _FEED_SECTION_WORDS]
        if named:
            return clean_outlet(named[0])
    return clean_outlet(title)


def clean_author(name: str | None) -> str | None:
    """A byline as a name: "By Tomas Reinholt, Continental Press Agency" -> "Tomas Reinholt"."""
    name = clean_space(name)
    if not name:
        return None
    email_name = re.fullmatch(r"\S+@\S+\s*\((.+)\)", name)
    if email_name:
        name = email_name.group(1)
    elif re.fullmatch(r"\S+@\S+", name):
        return None
    name, _credit = split_credit(re.sub(r"^(?:by|por|written by)\s+", "", name, flags=re.I).strip())
    return name.strip(" ,|·-—") or None


def split_credit(byline: str) -> tuple[str, str | None]:
    """("Tomas Reinholt", "Continental Press Agency") from "Tomas Reinholt, Continental Press Agency"."""
    credit = re.match(r"(?P<name>[^,|]+?)\s*[,|]\s*(?P<rest>.+)$", byline)
    if credit and looks_like_outlet(credit["rest"]):
        return credit["name"], clean_outlet(credit["rest"])
    return byline, None


def looks_like_outlet(text: str) -> bool:
    words = re.findall(r"[A-Za-zÀ-ÿ]+", text)
    return any(w.lower() in OUTLET_WORDS for w in words) or bool(
        re.search(r"\.(com|org|net|co|example)\b", text)
    )


def looks_like_person(text: str) -> bool:
    """Two to four capitalised words and no outlet word: "Albert Rivera", "Zoé Marlin"."""
    words = text.split()
    if not 2 <= len(words) <= 4 or looks_like_outlet(text):
        return False
    return all(
        w[:1].isupper() or w.lower() in {"de", "del", "van", "von", "da", "al", "bin", "la", "le"}
        for w in words
    )


_NAME_PARTICLES = frozenset(
    {"de", "del", "van", "von", "der", "da", "al", "bin", "la", "le", "and", "y", "e", "di", "du"}
)


def looks_like_name_list(text: str) -> bool:
    """A byline's names: capitalised words (and particles), no digits, no sentence: "Ana Kestrel and Ole Dahl"."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 9 or any(ch.isdigit() for ch in text) or text.endswith("."):
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)


def reads_as_headline(line: str) -> bool:
    """Short, one line, no final full stop (a SHOUTED line may end with one), not a dateline."""
    line = line.strip()
    words = line.split()
    if not 2 <= len(words) <= 25 or len(line) > 200:
        return False
    if line[-1] in ",;:" or (line[-1] == "." and not line.isupper()):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘¿¡"


def normalise_language(code: str | None) -> str | None:
    code = clean_space(code)
    if not code:
        return None
    code = re.split(r"[-_]", code.lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code by py3langid, or None for text too short to tell."""
    sample = text[:2000]  # enough to tell a language; classify time grows with length
    if len(sample.split()) < 3:
        return None
    import py3langid  # loads its model once, on first import

    language, _score = py3langid.classify(sample)
    return str(language)


def content_id(*parts: str | None) -> str:
    """A stable id from content: sha1 of the whitespace-normalised parts, 16 hex characters."""
    joined = "\x1f".join(" ".join((p or "").split()) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


# Host prefixes that name a version of a site, not the outlet: "www.foxnews.com" is "foxnews.com".
_HOST_PREFIXES = ("www.", "m.", "amp.")
# Inputs that hold one article each, so their file name can stand for the outlet.
SINGLE_ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})


def url_host(url: str | None) -> str | None:
    """The outlet a URL points at: its host, lower case, without "www."/"m."/"amp."."""
    from urllib.parse import urlsplit

    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    changed = True
    while changed:
        changed = False
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix) and "." in host[len(prefix) :]:
                host, changed = host[len(prefix) :], True
    return host if "." in host else None


def derive_source(article: Article) -> tuple[str, str] | None:
    """(outlet, how) for an article whose input named no outlet, else None.

    The URL's host first; then, for a file that holds one article, the file's name. Records of a
    JSONL/Parquet export or a feed share their file name, so it says nothing of their outlet.
    """
    if article.source:
        return None
    host = url_host(article.url)
    if host:
        return host, "url host"
    path = str(article.path or "")
    if not path or "#" in path or re.match(r"^[a-z][a-z0-9+.-]*://", path, re.I):
        return None
    from pathlib import PurePath

    name = PurePath(path)
    stem = _COUNTER.sub("", name.stem.strip())  # "07_ferry-news" -> "ferry-news"
    if name.suffix.lower() in SINGLE_ARTICLE_SUFFIXES and stem and not is_id_like(stem):
        return stem, "file name"
    return None


def is_id_like(name: str) -> bool:
    """Whether a file name (without its counter) is an id rather than words: a hash, a date, hex."""
    return bool(_ID_LIKE.match(_COUNTER.sub("", name.strip())))


# A leading counter that numbers files in a folder, and a name that is an id, not an outlet
# ("000_cf727978da0bb46f", "20260121", "a3f9c0e1"): shown as an outlet, it would be an id on screen.
_COUNTER = re.compile(r"^\d{1,4}[_\-. ]+(?=\D)")
_ID_LIKE = re.compile(r"^(?=[^a-z]*\d|.*\d.*\d)[0-9a-f_\-.]{6,}$", re.I)


def fill_derived_source(article: Article) -> None:
    """Give an article without an outlet the derived one, noting how in `extra["source_derived"]`."""
    derived = derive_source(article)
    if derived:
        article.source, article.extra["source_derived"] = derived
