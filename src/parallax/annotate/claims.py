"""Atomic factual claims: each article's sentences split into one-fact clauses, with offsets.

Triangulation compares facts, not paragraphs, so a sentence with two facts gives two claims,
and "X said that ..." is a claim by X rather than by the outlet. Questions, headings, bylines,
social-media embeds and FAQ blocks are not claims. Each claim carries the numbers, dates and
negation that later decide agreements and contradictions, all parsed here without a model
beyond spaCy (English parse; other languages are split by sentence and read with patterns).
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from typing import Any

from parallax.annotate.names import DATA_DIR
from parallax.annotate.nlp import doc_text
from parallax.model import Article

# Verbs that report speech: their clausal complement is the claim, their subject its source.
SAY_VERBS = {
    "say", "tell", "state", "claim", "announce", "add", "insist", "allege", "report", "confirm",
    "stress", "warn", "argue", "note", "declare", "assert", "explain", "write", "tweet", "post",
    "acknowledge", "admit", "maintain", "suggest", "indicate", "reveal", "deny", "believe", "estimate",
}  # fmt: skip
HEDGES = re.compile(
    r"\b(reportedly|allegedly|apparently|seemingly|appeared to|what appeared to be|may have|might have|"
    r"could have|unconfirmed|is said to|are said to|rumou?r(s|ed)?|heard that|supuestamente|al parecer)\b",
    re.IGNORECASE,
)
BOILERPLATE = re.compile(
    r"(pic\.twitter\.com|https?://|www\.|©|all rights reserved|follow us|sign up|subscribe|newsletter|"
    r"click here|read more|share this|cookie|^\s*\||^\s*(photo|image|credit|source|video|watch|listen)\s*:|"
    r"^\s*by [A-Z][\w.\-']+( [A-Z][\w.\-']+){0,3}\s*$|^\s*(published|updated|posted)\b|"
    r"—\s*[^—]*\(@\w+\)\s*\w+ \d{1,2}, \d{4})",
    re.IGNORECASE,
)
FAQ_HEADER = re.compile(
    r"^\s*(faqs?|frequently asked questions|q\s*&\s*a|questions and answers)\b", re.IGNORECASE
)
QA_LINE = re.compile(r"^\s*(q|a|question|answer)\s*[:.)-]", re.IGNORECASE)
TERMINAL = (".", "!", '"', "”", "»", "'", "’", ")", ":")

# -- numbers ---------------------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a thousand": 1000, "a dozen": 12, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "mil": 1000,
}  # fmt: skip
# 'forty-two', 'twenty one': one figure, not forty and two
NUMBER_WORDS |= {
    f"{tens}{joint}{unit}": NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    for joint in ("-", " ")
}
ROUGH_WORDS = frozenset({"a dozen"})  # number words that are rough counts by themselves
SCALES = {"thousand": 1e3, "million": 1e6, "millones": 1e6, "millón": 1e6, "billion": 1e9, "mil": 1e3}
QUALIFIERS = [
    ("more_than", r"more than|over|upwards of|in excess of|más de|above"),
    ("at_least", r"at least|no fewer than|no less than|al menos|por lo menos"),
    ("less_than", r"less than|fewer than|under|below|up to|menos de|hasta"),
    # 'nearly 23,000': just short of the figure, so no more than it ('over 24,000' breaks it)
    ("nearly", r"nearly|almost|close to|just under|just short of|casi"),
    ("about", r"about|around|some|roughly|approximately|an estimated|estimated|"
              r"cerca de|unos|unas|alrededor de|aproximadamente|only around|only about"),
]  # fmt: skip
# Units written onto the figure without a space ("10km", "5kg"): the figure still ends there.
GLUED_UNITS = "km|kms|cm|mm|mi|ft|kg|lbs?|mph|kph|kmh"
NUMBER = re.compile(
    r"(?P<cur>[€$£])?\s?(?P<num>\d{1,3}(?:[,.\u202f]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:(?P<short>m|bn|k)?\b|(?=(?:" + GLUED_UNITS + r")\b))"
    r"(?:\s*(?P<scale>thousand|million|millones|millón|billion|mil\b))?(?P<pct>\s*(?:%|percent|per cent|por ciento))?"
    r"|\b(?P<word>a thousand|a hundred|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    r"(?:[\s-]+(?P<word_scale>thousand|million|billion)\b)?",  # "two million euros", "a two-million-euro haul"
    re.IGNORECASE,
)
MAX_AGE = 120
ORDINAL_REST = re.compile(r"-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b", re.IGNORECASE)
AGE_AFTER = re.compile(r"^\s*-?\s*(years?[- ]old|años)", re.IGNORECASE)

# -- dates -----------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5, "domingo": 6,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
DATE = re.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:"
    rf"(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+)?(?P<m2>{_MONTH})(?:,?\s+(?:de\s+)?(?P<y2>\d{{4}}))?"
    rf"|(?P<part>early|mid|late|the end of|the start of|the beginning of|principios de|mediados de|finales de)[-\s]+(?:de\s+)?(?P<m3>{_MONTH})(?:\s+(?P<y3>\d{{4}}))?"
    rf"|(?:in|since|during|en)\s+(?P<m4>{_MONTH})(?:\s+(?P<y4>\d{{4}}))?"
    rf")\b"
    rf"|\b(?P<wd2>{_WEEKDAY})\b"
    rf"|\b(?:in|since|en)\s+(?P<y5>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)

NEGATIONS = {"not", "n't", "never", "no", "nunca", "neither", "nor"}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case without accents, so 'Brezník' and 'Breznik' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def parse_number(match: re.Match[str]) -> float | None:
    """The value of a `NUMBER` match, or None when the digits are no number (a version, an address)."""
    if match.group("word"):
        times = SCALES.get((match.group("word_scale") or "").lower(), 1.0)
        return float(NUMBER_WORDS.get(match.group("word").lower(), 0)) * times or None
    value = number_value(match.group("num"))
    if value is None:
        return None
    scale = (match.group("scale") or "").lower()
    if match.group("short") and match.group("cur"):  # "€8.5m", "$2bn", "$5K"
        scale = SHORT_SCALES[match.group("short").lower()]
    return value * SCALES.get(scale, 1.0)


SHORT_SCALES = {"m": "million", "bn": "billion", "k": "thousand"}


def number_value(raw: str) -> float | None:
    """Digits with thousands and decimal separators in either convention, as a float.

    "1,071,872.87" and "1.071.872,87" are both 1071872.87; a lone separator before exactly three
    digits groups thousands ("12,500"); digits whose groups fit no convention ("18.104.10", an IP
    address or a version) are not a number.
    """
    raw = raw.replace("\u202f", ",")
    seps = [c for c in raw if c in ",."]
    if not seps:
        return float(raw)
    last = raw.rfind(seps[-1])
    head, tail = raw[:last], raw[last + 1 :]
    groups = re.split(r"[,.]", raw)
    if len(set(seps)) == 2:  # the last separator is the decimal one, the others group thousands
        if seps.count(seps[-1]) > 1 or not _thousands(re.split(r"[,.]", head)):
            return None
        return float(head.replace(",", "").replace(".", "") + "." + tail)
    if len(seps) > 1:  # one kind, several times: thousands only
        return float("".join(groups)) if _thousands(groups) else None
    if len(tail) == 3 and 1 <= len(head) <= 3:
        return float(head + tail)
    return float(head + "." + tail)


def _thousands(groups: Sequence[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


# "£1. 7 million": a sum whose decimal point a stray space cut off. Only a sum before a scale word is
# joined: a sentence may end on "£1." but the next is not begun with "7 million" in digits.
SPLIT_SUM = re.compile(
    r"(?P<cur>[€$£])\s?(?P<units>\d{1,3})\.\s(?P<decimals>\d{1,2})\s*(?P<scale>million|billion|bn|m)\b",
    re.IGNORECASE,
)


# "£910, 000": a sum whose thousands separator a stray space follows. Only after a currency sign and
# before three digits that end the figure: "$5, 000 in cash"; a list of sums ("$5, $10") is no sum.
SPLIT_THOUSANDS = re.compile(r"(?P<cur>[€$£])\s?(?P<units>\d{1,3}),\s(?P<rest>\d{3})(?!\d|[,.]\d)")


def _split_sums(text: str, offset: int) -> list[dict[str, Any]]:
    found = []
    for match in SPLIT_THOUSANDS.finditer(text):
        start, end = match.span()
        found.append(
            {
                "text": match.group(0),
                "value": float(match.group("units") + match.group("rest")),
                "qualifier": _qualifier(text[max(0, start - 30) : start]),
                "unit": "money",
                "start": offset + start,
                "end": offset + end,
            }
        )
    for match in SPLIT_SUM.finditer(text):
        scale = SHORT_SCALES.get(match.group("scale").lower(), match.group("scale").lower())
        value = float(f"{match.group('units')}.{match.group('decimals')}") * SCALES[scale]
        start, end = match.span()
        found.append(
            {
                "text": match.group(0),
                "value": value,
                "qualifier": _qualifier(text[max(0, start - 30) : start]),
                "unit": "money",
                "start": offset + start,
                "end": offset + end,
            }
        )
    return found


def _qualifier(before: str) -> str:
    for name, pattern in QUALIFIERS:
        if re.search(rf"\b(?:{pattern})\s*$", before, re.IGNORECASE):
            return name
    return "exact"


# A unit after a figure that looks like a year: a measure, not a year ('fell 2000ft').
MEASURED_AFTER = re.compile(
    r"\s*(?:" + GLUED_UNITS + r"|feet|foot|metres?|meters?|miles?|kilometres?|kilometers?|people|persons)\b",
    re.IGNORECASE,
)
GLUED_TO_WORD = re.compile(r"[^\W\d_]")


def find_numbers(text: str, offset: int = 0, skip: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """Numbers in `text` with their qualifier ("about", "more_than", ...); dates and ages are skipped."""
    found = [n for n in _split_sums(text, offset) if not any(s <= n["start"] < e for s, e in skip)]
    skip = [*skip, *((n["start"], n["end"]) for n in found)]
    for match in NUMBER.finditer(text):
        start, end = match.span()
        if any(s <= offset + start < e for s, e in skip):
            continue
        value = parse_number(match)
        if value is None:
            continue
        raw = match.group(0).strip()
        first = start + len(match.group(0)) - len(match.group(0).lstrip(" -–"))
        if match.group("num") and not match.group("cur") and first and GLUED_TO_WORD.match(text[first - 1]):
            continue  # a figure glued to a word names a thing ('x86', 'F16'): it counts nothing
        if (
            match.group("num")
            and re.fullmatch(r"(19|20)\d{2}", match.group("num"))
            and not match.group("cur")
            and not MEASURED_AFTER.match(text, end)
        ):
            continue  # a year (not '2000ft', '2000 metres')
        after = text[end : end + 14]
        before = text[max(0, start - 30) : start]
        if match.group("word") and ORDINAL_REST.match(after):
            continue  # 'the twenty-first', an ordinal: which one, not how many
        unit = "percent" if match.group("pct") else "money" if match.group("cur") else ""
        if (
            AGE_AFTER.match(after)
            or (re.search(r"[A-Z]\w+,\s*$", before) and re.match(r"\s*,", after))
            # 'killing Benjamin Banky, 40.': a name's age closing the sentence
            or (
                re.search(r"[A-Z][a-z]+ [A-Z]\w+,\s*$", before)
                and re.match(r"\s*(?:\.|;|$)", after)
                and value < MAX_AGE
            )
            # 'Tomas Reval (32)', 'a man aged 45': ages only if a life could be that long
            or (re.search(r"[A-Z]\w+\s*\($", before) and re.match(r"\s*\)", after) and value < MAX_AGE)
            or (re.search(r"\baged\s*$", before, re.IGNORECASE) and value < MAX_AGE)
        ) and not match.group("pct"):
            unit = "age"
        qualifier = _qualifier(before)
        if qualifier == "exact" and (match.group("word") or "").lower() in ROUGH_WORDS:
            qualifier = "about"  # 'a dozen ships' is a rough count
        lead = len(match.group(0)) - len(match.group(0).lstrip())
        found.append(
            {
                "text": raw,
                "value": value,
                "qualifier": qualifier,
                "unit": unit,
                "start": offset + start + lead,
                "end": offset + end,
            }
        )
    return sorted(found, key=lambda n: n["start"])


def resolve_date(match: re.Match[str], published: date | None) -> tuple[str, str] | None:
    """ISO value and granularity of a date expression, against the publication date."""
    g = match.groupdict()
    year = next((int(g[k]) for k in ("y1", "y2", "y3", "y4", "y5") if g.get(k)), None)
    month_name = next((g[k] for k in ("m1", "m2", "m3", "m4") if g.get(k)), None)
    if g.get("y5"):
        return f"{year:04d}", "year"
    if month_name:
        month = MONTHS[month_name.lower()]
        day_text = g.get("d1") or g.get("d2")
        if year is None and published is None:
            # An undated article: keep month and day (ISO 8601 "--MM-DD"); the story supplies the year.
            return (
                (f"--{month:02d}-{int(day_text):02d}", "day") if day_text and 0 < int(day_text) < 32 else None
            )
        if year is None:
            assert published is not None
            year = published.year - (1 if month > published.month + 1 else 0)
        if day_text:
            try:
                return date(year, month, int(day_text)).isoformat(), "day"
            except ValueError:
                return None
        return f"{year:04d}-{month:02d}", "month"
    weekday = g.get("wd2") or g.get("wd")
    if weekday and published is not None:
        delta = (published.weekday() - WEEKDAYS[weekday.lower()]) % 7
        return (published - timedelta(days=delta)).isoformat(), "day"
    return None


def published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def find_dates(text: str, offset: int, published: date | None) -> list[dict[str, Any]]:
    found = []
    for match in DATE.finditer(text):
        resolved = resolve_date(match, published)
        if resolved is None:
            continue
        found.append(
            {
                "text": match.group(0),
                "value": resolved[0],
                "granularity": resolved[1],
                "start": offset + match.start(),
                "end": offset + match.end(),
            }
        )
    return found


# -- segmentation ----------------------------------------------------------------------------


def candidate_segments(article: Article) -> Iterator[tuple[int, int]]:
    """Sentence pieces that may hold claims: lines of sentences, minus headings, bylines, embeds, FAQs."""
    text = article.text
    sentences = article.annotations.get("sentences") or [{"start": 0, "end": len(text)}]
    faq_from = len(text) + 1
    for match in re.finditer(r"^.*$", text, re.MULTILINE):
        if FAQ_HEADER.match(match.group(0)):
            faq_from = match.start()
            break
    lines = Lines(text)
    for sentence in sentences:
        pos = sentence["start"]
        for line in re.split(r"(\n)", text[sentence["start"] : sentence["end"]]):
            start, end = pos, pos + len(line)
            pos = end
            piece = line.strip()
            if not piece or piece == "\n":
                continue
            start += len(line) - len(line.lstrip())
            end = start + len(piece)
            if (
                start >= faq_from
                or piece == (article.title or "").strip()
                or not is_claim_like(piece, text, start, lines)
            ):
                continue
            yield start, end


_SPACE = re.compile(r"\s*")


class Lines:
    """The lines of a text, found once: a piece's line by bisection and each line judged once.

    Judging the whole line again for every piece on it made a long text without line breaks
    (a JSONL export with its newlines stripped) quadratic in its length.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._junk: dict[int, bool] = {}

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        return self.starts[i], self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)

    def is_junk(self, pos: int) -> bool:
        """Whether the line holding `pos` is boilerplate or a Q&A line."""
        start, end = self.bounds(pos)
        if start not in self._junk:
            line = self.text[start:end]
            self._junk[start] = bool(BOILERPLATE.search(line) or QA_LINE.match(line))
        return self._junk[start]

    def is_whole_line(self, start: int, end: int) -> bool:
        """Whether text[start:end] is its line but for surrounding whitespace."""
        line_start, line_end = self.bounds(start)
        before = _SPACE.match(self.text, line_start, start)
        after = _SPACE.match(self.text, end, line_end)
        return bool(before and before.end() == start and after and after.end() == line_end)


def is_claim_like(piece: str, text: str, start: int, lines: Lines | None = None) -> bool:
    words = re.findall(r"\w+", piece)
    if len(words) < 4 or piece.rstrip(" \"”»’'").endswith("?"):
        return False
    lines = lines or Lines(text)
    if BOILERPLATE.search(piece) or lines.is_junk(start):
        return False
    # A heading: a whole line, or a short piece, without closing punctuation.
    if piece.endswith(TERMINAL):
        return True
    return not (lines.is_whole_line(start, start + len(piece)) or len(words) < 14)


class ClaimStage:
    """Layer `claims`: one record per atomic claim (see docs/report-schema.md)."""

    name: str = "claims"
    requires: tuple[str, ...] = ("doc", "sentences", "mentions")
    provides: tuple[str, ...] = ("claims",)

    def __call__(self, articles: Sequence[Article]) -> None:
        for article in articles:
            article.annotations["claims"] = extract_claims(article)


def extract_claims(article: Article) -> list[dict[str, Any]]:
    doc = article.doc
    if doc is None and (article.language or "en") == "en":
        from parallax.annotate.nlp import parse

        doc = parse(article.text)
    published = published_date(article)
    english = (article.language or "en") == "en" and doc is not None
    claims: list[dict[str, Any]] = []
    layers = LayerIndex(article)
    for start, end in candidate_segments(article):
        clauses = split_clauses(doc, start, end) if english else [ClauseSpan(start, end)]
        for clause in clauses:
            if clause.predicate == "accord" and clause.end - clause.start < 60:
                continue  # a bare "according to X." fragment
            claim = describe(article, clause, published, start, end, layers)
            if english:
                number_frames(doc, claim["numbers"])
                claim["none_of"] = zero_counts(doc, clause.start, clause.end)
                claim["person_outcomes"] = person_outcomes(doc, clause.start, clause.end)
            claims.append(claim)
    return claims


# -- what a number counts ---------------------------------------------------------------------

# Words that make a figure a part of another count ("four other people", "another 20").
PARTIAL_WORDS = frozenset(
    {"other", "others", "another", "more", "further", "additional", "extra", "remaining"}
)
CLOCK_AFTER = re.compile(
    r"\s*(?:[ap]\.\s?m\.?|[ap]m\b|o'clock|hours?\s+(?:gmt|bst|utc|local)|(?:gmt|utc|bst)\b)", re.IGNORECASE
)  # '4:15 a.m.', '1400 hours local', '(1023 GMT)'

# A figure hyphenated to a number word the compounds of `NUMBER_WORDS` miss is no count of its own.
_NUMBER_WORD = "|".join(w for w in NUMBER_WORDS if " " not in w)
HYPHENATED_NUMBER = re.compile(rf"-(?:{_NUMBER_WORD})\b", re.IGNORECASE)
HYPHENATED_BEFORE = re.compile(rf"\b(?:{_NUMBER_WORD})-$", re.IGNORECASE)
MODEL_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}-$")  # "AK-47", "M-16"; not "magnitude-5.9"
AGES_AFTER = re.compile(r"(?:\s*(?:,|and|or)\s*\d{1,3})+\s*-?\s*years?[- ]old", re.IGNORECASE)
# The tag of a figure's tokens ("5 million people": '5' and 'million').
_NUMERIC_TAGS = ("CD",)


def number_frames(doc: Any, numbers: list[dict[str, Any]]) -> None:
    """Add to each figure what the parse says it counts, so that only counts of one thing are compared.

    `counts`: the lemma of the noun the figure quantifies ('ten people' -> person, 'a 5.9 magnitude
    quake' -> magnitude, 'a magnitude of 5.9' -> magnitude, 'fell 150 metres' -> metre); `head`: the
    predicate the counted thing is an argument of ('killing 10 people' -> kill, 'home to 120,000
    people' -> home, 'the toll rose to 24' -> toll); `partial`: the figure is part of another count
    ('four other people', 'another 20', 'a total of 14'), or a clock time or a model name ('AK-47');
    `from`: what a distance is measured from. None where the parse says nothing.
    """
    text = doc_text(doc)
    for number in numbers:
        span = doc.char_span(number["start"], number["end"], alignment_mode="expand")
        if span is None or not len(span):
            continue
        token = next((t for t in reversed(span) if t.tag_ in _NUMERIC_TAGS or t.like_num), span[-1])
        before, after = (
            text[max(0, number["start"] - 6) : number["start"]],
            text[number["end"] : number["end"] + 1],
        )
        if (
            after == ":"
            or before.endswith(":")
            or MODEL_BEFORE.search(before)
            or CLOCK_AFTER.match(text, number["end"])
            or HYPHENATED_NUMBER.match(text, number["end"])
            or HYPHENATED_BEFORE.search(text[max(0, number["start"] - 10) : number["start"]])
        ):
            number.update(counts=None, head=None, partial=True)  # a clock time, a model ('AK-47')
            continue
        if AGES_AFTER.match(text, number["end"]):
            number["unit"] = "age"  # "aged 68 and 48-years-old": the first age of a list
        counted, partial = _counted_noun(token)
        number["counts"] = fold(counted.lemma_) if counted is not None else None
        measure = _measure_named_with(token, text[max(0, number["start"] - 20) : number["start"]])
        if measure is not None:  # "a magnitude-5.9 quake", "6.1 on the Richter scale"
            number["counts"] = measure
        number["head"] = _governor(counted if counted is not None else token)
        number["partial"] = partial or _partial(token)
        number["from"] = _reference_point(counted) if counted is not None else None
        number["toward"] = _direction(counted) if counted is not None else None
    _share_counted_nouns(text, numbers)
    for number in numbers:
        glued = re.compile(r"(?:" + GLUED_UNITS + r"|m)\b", re.IGNORECASE).match(text, int(number["end"]))
        if glued and number.get("counts") is None and "counts" in number and not number.get("unit"):
            number["counts"] = glued.group(0).lower()  # '2000ft': a unit the parse did not split off
        # 'bringing to 10 the number of Israelis killed': the figure counts what the number is of
        named = NUMBER_OF_AFTER.match(text, int(number["end"]))
        if named and number.get("counts") in ("number", "total", "toll", None):
            noun = fold(named.group(1))
            number["counts"] = noun[:-1] if noun.endswith("s") and len(noun) > 4 else noun


NUMBER_OF_AFTER = re.compile(r"\s+the\s+(?:number|total|toll)\s+of\s+([^\W\d_]+)", re.IGNORECASE)
COORDINATED = re.compile(r"\s*(?:and|or|to|-|–)\s*", re.IGNORECASE)


def _share_counted_nouns(text: str, numbers: list[dict[str, Any]]) -> None:
    """Two figures joined by a conjunction count the noun written after the second ('7.6 and 7.5
    magnitude quakes', '12 or 14 people'): the parse hangs that noun on one of them only, or gives
    the other the noun the pair modifies ('quakes')."""
    ordered = sorted((n for n in numbers if "counts" in n), key=lambda n: int(n["start"]))
    for first, second in pairwise(ordered):
        if first.get("partial") or second.get("partial") or first.get("unit") != second.get("unit"):
            continue
        if not COORDINATED.fullmatch(text[int(first["end"]) : int(second["start"])]):
            continue
        word = re.match(r"[\s-]*([^\W\d_]+)", text[int(second["end"]) : int(second["end"]) + 30])
        written = fold(word.group(1)) if word else ""
        noun = next(
            (c for c in (second.get("counts"), first.get("counts")) if c and written.startswith(str(c)[:4])),
            None,
        )
        if noun is None:
            continue
        for number, other in ((first, second), (second, first)):
            number["counts"] = noun
            number["head"] = number.get("head") or other.get("head")


# Determiners and pronouns that count nothing: 'no one was killed', 'there were no casualties'.
NONE_WORDS = frozenset({"no", "nobody", "none", "noone"})


def zero_counts(doc: Any, start: int, end: int) -> list[dict[str, Any]]:
    """Counts of zero the parse states: 'no one was killed', 'there were no dead or wounded', 'nobody
    was hurt'. Each: the words (`text`, offsets), `counts` (the noun's lemma; None for 'no one' and
    'nobody': people) and `head` (its predicate, as for figures). 'No other casualties' and 'no
    further deaths' speak of more than a count already given, and 'no reports of X' of the reporting:
    neither is a count of zero."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    found: list[dict[str, Any]] = []
    for tok in span:
        word = tok.lower_
        if word == "no" and tok.dep_ == "det" and tok.head.pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "NUM"):
            noun = tok.head
        elif word in ("nobody", "noone") or (
            word == "one" and tok.i > 0 and tok.nbor(-1).lower_ == "no" and tok.nbor(-1).head.i != tok.i
        ):
            noun = tok
        else:
            continue
        if any(c.lower_ in PARTIAL_WORDS for c in noun.children) or any(
            _is_negated(t) for t in (noun.head, *noun.head.ancestors)
        ):
            continue  # 'no other casualties'; 'it is not true that no one died'
        person = noun.lower_ in ("one", "nobody", "noone", "body")
        for item in (noun, *noun.conjuncts):  # 'no dead or wounded', 'no casualties or fatalities'
            if item.i >= span.end or item.i < span.start:
                continue
            counts = None if person else fold(item.lemma_)
            if counts is not None and (counts in _report_words() or counts in _measure_words()):
                continue
            first = tok if item.i == noun.i else item
            found.append(
                {
                    "start": first.idx,
                    "end": item.idx + len(item.text),
                    "text": doc_text(doc)[first.idx : item.idx + len(item.text)],
                    "counts": counts,
                    "head": _governor(item),
                }
            )
    return list({(z["start"], z["end"]): z for z in found}.values())


@cache
def _person_outcome_lemmas() -> dict[str, str]:
    """lemma -> the outcome it gives a person (`person_outcomes` in `outcomes.json`): 'death' -> dead."""
    data = json.loads((DATA_DIR / "outcomes.json").read_text("utf-8"))
    return {fold(w): state for state, words in data.get("person_outcomes", {}).items() for w in words}


# Words under which an outcome is only wanted, threatened or ordered, not reported as having happened.
IRREALIS_HEADS = frozenset(
    {
        "demand",
        "call",
        "want",
        "seek",
        "threaten",
        "plan",
        "order",
        "urge",
        "warn",
        "fear",
        "risk",
        "face",
        "avoid",
        "prevent",
        "escape",
        "evade",
        "resist",
        "deny",
        "rumor",
        "rumour",
    }
)


def person_outcomes(doc: Any, start: int, end: int) -> list[dict[str, Any]]:
    """What the clause says happened to a named person, from the parse: 'the death of X', "X's
    arrest", 'X was captured', 'X died', 'forces killed X'. Each: `who` (the person's name as
    written), `state` (`person_outcomes` in `outcomes.json`), `word` and its offsets. An outcome under
    a negation, a modal or a wish ('demanded his arrest', 'could be arrested') is none."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    lemmas = _person_outcome_lemmas()
    found: list[dict[str, Any]] = []
    for tok in span:
        state = lemmas.get(fold(tok.lemma_)) or lemmas.get(tok.lower_)
        if state is None:
            continue
        if tok.pos_ == "NOUN":
            args = [c for c in tok.children if c.dep_ == "poss"]
            args += [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        elif tok.pos_ == "VERB":
            if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in tok.children):
                continue
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
            if fold(tok.lemma_) == "die" or passive:
                args = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            else:
                args = [c for c in tok.children if c.dep_ == "dobj"]
        else:
            continue
        governor = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if governor is not None and (fold(governor.lemma_) in IRREALIS_HEADS or _is_negated(governor)):
            continue  # only the verb the outcome hangs on: 'demanded his arrest', not a verb further up
        for arg in args:
            person = _person_name(arg)
            if person is not None:
                found.append(
                    {
                        "who": person,
                        "state": state,
                        "word": tok.text,
                        "start": tok.idx,
                        "end": tok.idx + len(tok.text),
                    }
                )
    return found


def _person_name(token: Any) -> str | None:
    """The person a noun phrase names ('Venezuelan President Nicolás Maduro' -> 'Nicolás Maduro')."""
    if token.ent_type_ != "PERSON":
        return None
    words = [t for t in token.subtree if t.ent_type_ == "PERSON" and t.i <= token.i]
    run = [token]
    for t in reversed(words[:-1]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    name = " ".join(t.text for t in run)
    return re.sub(r"['’]s$", "", name)


@cache
def _report_words() -> frozenset[str]:
    """Nouns of reports and evidence (`denial.json`): 'no reports of damage' counts no damage."""
    lex = denial_lexicon()
    return frozenset(lex["report_nouns"] | lex["evidence_nouns"] | lex["story_nouns"])


def _partial(token: Any) -> bool:
    """'another 20', 'four other people', 'a total of 14 this year' (a sum over several events).

    'A total of 10 people were killed' is the whole count of one event: a total is a sum over
    several events only when the sentence gives the period it runs over."""
    before = {t.lower_ for t in token.doc[max(0, token.i - 3) : token.i]}
    words = {c.lower_ for c in token.children if c.i > token.i or c.lower_ != "more"}  # not "more than 20"
    if bool(words & PARTIAL_WORDS) or bool(before & (PARTIAL_WORDS - {"more"})):
        return True
    return "total" in before and bool(CUMULATIVE.search(token.sent.text))


# A period a count runs over: 'so far this year', 'since March', 'to date', 'over the past week'.
CUMULATIVE = re.compile(
    r"\b(?:since|so far|to date|this (?:year|month|week|season)|over the (?:past|last))\b", re.IGNORECASE
)
# A measure hyphenated onto the figure: 'a magnitude-5.9 quake'.
MEASURE_BEFORE = re.compile(r"([^\W\d_]+)-$")


def _measure_named_with(token: Any, before: str) -> str | None:
    """A measure (`measure_classes`) the figure is given in where the parse does not make it the
    counted noun: hyphenated before it ('magnitude-5.9', one token to the parser) or a scale right
    after it ('6.1 on the Richter scale')."""
    hyphenated = MEASURE_BEFORE.search(before)
    if hyphenated and fold(hyphenated.group(1)) in _measure_words():
        return fold(hyphenated.group(1))
    if token.dep_ == "nummod":  # "a magnitude 4.6 earthquake": the measure names the figure before it
        for word in token.head.children:
            if (
                word.dep_ in ("compound", "nmod")
                and word.i == token.i - 1
                and fold(word.text) in _measure_words()
            ):
                return _measure_noun(fold(word.text))
    for holder in (token, token.head):
        for prep in holder.children:  # "6.1 on the Richter scale", "4.4 in magnitude"
            if prep.dep_ != "prep" or prep.lower_ not in ("on", "in") or prep.i != token.i + 1:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for word in (pobj, *pobj.children):
                    if fold(word.text) in _measure_words():
                        return _measure_noun(fold(word.text))
    return None


def _measure_noun(word: str) -> str:
    """The noun of a measure's class where the class is named by one ('richter' -> 'magnitude'), so
    that '6.1 on the Richter scale' and 'a magnitude of 5.9' count one noun."""
    data = json.loads((DATA_DIR / "outcomes.json").read_text("utf-8"))
    for name, words in data["measure_classes"].items():
        if word in (fold(w) for w in words) and name in words:
            return str(name)
    return word


def _reference_point(counted: Any) -> str | None:
    """What a distance is measured from: '20 miles north of Santa Rosa' -> 'rosa' (the object of
    'of' / 'from' / 'off' under the unit, the direction word under it, or the word it modifies)."""
    if fold(counted.lemma_) not in _length_units():
        return None
    return next(
        (point for h in _distance_holders(counted) if (point := _object_of_from(h)) is not None), None
    )


def _distance_holders(counted: Any) -> list[Any]:
    """The unit of a distance and the words that may hold its reference point and direction. A
    direction word with a distance of its own ('10 km, 55 km south of X': 'south' under '10 km' in a
    misparse) belongs to that other distance."""
    holders = [
        counted,
        *(
            c
            for c in counted.children
            if c.dep_ in ("advmod", "amod", "npadvmod", "appos")
            and not any(g.dep_ == "npadvmod" and g.i != counted.i for g in c.children)
        ),
    ]
    if counted.dep_ == "npadvmod" and counted.head is not counted:
        holders.append(counted.head)  # "20 miles north of X": the unit modifies the direction word
    elif counted.dep_ == "dobj" and counted.head.pos_ == "VERB":
        holders.append(counted.head)  # "took place 150 miles off Aden": the place hangs off the verb
    return holders


# Compass directions: 'west', 'south-east', 'north-northeast', 'southwestern'.
DIRECTION = re.compile(r"(?:north|south|east|west)(?:-?(?:north|south|east|west))*(?:ward|ern)?")


def _direction(counted: Any) -> str | None:
    """The compass direction of a distance: '55 km west of X' -> 'west', '14 miles north-northeast of
    X' -> 'north-northeast' (a direction split by the tokenizer is joined again)."""
    if fold(counted.lemma_) not in _length_units():
        return None
    for holder in _distance_holders(counted)[1:]:
        if DIRECTION.fullmatch(holder.lower_):
            parts = [
                c
                for c in holder.children
                if c.dep_ == "compound" and holder.i - 2 <= c.i < holder.i and DIRECTION.fullmatch(c.lower_)
            ]
            return "-".join([*(p.lower_ for p in parts), holder.lower_])
    return None


# Nouns of a kind of place: 'west of the town of Bireun' is measured from Bireun.
PLACE_KIND_NOUNS = frozenset({"town", "city", "village", "island", "port", "capital", "province", "district"})


def _object_of_from(token: Any) -> str | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "off"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if pobj.lower_ in PLACE_KIND_NOUNS:  # "the town of Bireun": the name
                named = _object_of_from(pobj)
                if named is not None:
                    return named
            return fold(pobj.text)
    return None


@cache
def _measure_words() -> frozenset[str]:
    """Every unit and measure of `outcomes.json` (`measure_classes`): 'a 5.9 magnitude quake'."""
    data = json.loads((DATA_DIR / "outcomes.json").read_text("utf-8"))
    return frozenset(fold(w) for words in data["measure_classes"].values() for w in words)


@cache
def _length_units() -> frozenset[str]:
    """The units of length in `outcomes.json` (`measure_classes`): their figures are distances."""
    data = json.loads((DATA_DIR / "outcomes.json").read_text("utf-8"))
    return frozenset(fold(w) for w in data["measure_classes"].get("length", []))


def _counted_noun(token: Any) -> tuple[Any, bool]:
    """The noun a figure quantifies, and whether it is marked as a part ('other people')."""
    current = token
    while (
        current.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod")
        and current.head is not current
    ):
        head = current.head
        # a unit the tagger takes for a verb ('fell about 200m' tags 'm' VERB) is still what is counted
        if (head.pos_ in ("NOUN", "PROPN") or fold(head.lower_) in _measure_words()) and not head.like_num:
            partial = head.lower_ in PARTIAL_WORDS or any(c.lower_ in PARTIAL_WORDS for c in head.children)
            # "a 5.9 magnitude quake": the noun right after the figure is what it measures
            between = [c for c in head.children if c.dep_ == "compound" and current.i < c.i < head.i]
            measure = between[0] if between and fold(between[0].lemma_) in _measure_words() else None
            return (measure if measure is not None else head), partial
        if head.like_num or head.tag_ in _NUMERIC_TAGS:
            current = head
            continue
        break
    # "brought the death toll to 11", "the toll rose to 24": the figure counts the verb's noun
    if current.dep_ == "pobj" and current.head.lower_ == "to" and current.head.head.pos_ == "VERB":
        verb = current.head.head
        nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.pos_ == "NOUN"]
        if nouns:  # the object ('brought the toll to 11'), else the subject ('the toll rose to 24')
            return sorted(nouns, key=lambda c: c.dep_ != "dobj")[0], False
    # "a magnitude of 5.9", "a population of 120,000", "a depth of 12 miles": the noun before 'of'
    if current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.pos_ == "NOUN":
        return current.head.head, False
    # "40 of the people": the noun after 'of'
    of = next((c for c in current.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ == "NOUN":
            return pobj, any(c.lower_ in PARTIAL_WORDS for c in pobj.children)
    # "measured magnitude 5.9", "magnitude-5.9": a noun the figure is in apposition to
    if current.dep_ in ("appos", "attr", "dobj") and current.head.pos_ == "NOUN":
        return current.head, False
    return None, False


# Nouns that only sum a count: 'a total of 10 people were killed' counts the killed.
SUM_NOUNS = frozenset({"total", "tally"})


def _governor(token: Any, limit: int = 6) -> str | None:
    """The predicate a counted thing is an argument of: the nearest verb above it, or the noun it
    hangs off through a preposition ('home to', 'toll of'), or the noun it modifies."""
    current = token
    for _ in range(limit):
        head = current.head
        if head is current:
            return _lemma(current) if current.pos_ in ("VERB", "AUX") else None
        if head.pos_ == "VERB":
            return _lemma(head)
        if (
            head.pos_ == "ADP"
            and head.head.pos_ in ("NOUN", "PROPN", "ADJ")
            and head.head.head is not head.head
        ):
            if head.lower_ == "of" and head.head.lower_ in SUM_NOUNS:
                current = head.head  # 'killed a total of 10 people': the predicate is above 'total'
                continue
            return fold(head.head.lemma_)
        if current.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN":
            return fold(head.lemma_)
        current = head
    return None


class LayerIndex:
    """The dates, mentions and speaking quotes of an article, each claim's found by bisection.

    Filtering every layer again for each claim made a long article quadratic. The layers come in
    text order; one that does not (a hand-built article) is read by the plain scans.
    """

    def __init__(self, article: Article) -> None:
        self.dates = [d for d in article.annotations.get("dates") or [] if d.get("value")]
        self.date_starts = [d.get("start", -1) for d in self.dates]
        self.mentions = list(article.annotations.get("mentions") or [])
        self.mention_starts = [m["start"] for m in self.mentions]
        self.people = [m for m in self.mentions if m["label"] == "PERSON"]
        self.people_ends = [m["end"] for m in self.people]
        self.quotes = [q for q in article.annotations.get("quotes") or [] if q.get("speaker")]
        self.quote_starts = [q["start"] for q in self.quotes]
        self.quote_reach = list(accumulate((q["end"] for q in self.quotes), max))
        self.in_order = all(
            map(_ascending, (self.date_starts, self.mention_starts, self.people_ends, self.quote_starts))
        )

    def dates_in(self, start: int, end: int) -> list[dict[str, Any]]:
        if not self.in_order:
            return [d for d in self.dates if start <= d.get("start", -1) < end]
        return self.dates[bisect_left(self.date_starts, start) : bisect_left(self.date_starts, end)]

    def mentions_in(self, start: int, end: int) -> list[dict[str, Any]]:
        chosen = (
            self.mentions[bisect_left(self.mention_starts, start) : bisect_right(self.mention_starts, end)]
            if self.in_order
            else self.mentions
        )
        return [m for m in chosen if start <= m["start"] and m["end"] <= end]

    def first_quote_over(self, start: int, end: int) -> dict[str, Any] | None:
        """The first quote with a speaker that overlaps [start, end)."""
        if not self.in_order:
            return next((q for q in self.quotes if q["start"] < end and start < q["end"]), None)
        first = bisect_right(self.quote_reach, start)  # the first quote ending after `start`
        return self.quotes[first] if first < len(self.quotes) and self.quote_starts[first] < end else None

    def last_person_before(self, offset: int) -> str | None:
        if not self.in_order:
            people = [m for m in self.people if m["end"] <= offset]
            return people[-1]["text"] if people else None
        last = bisect_right(self.people_ends, offset) - 1
        return self.people[last]["text"] if last >= 0 else None


def _ascending(values: Sequence[int]) -> bool:
    return all(a <= b for a, b in pairwise(values))


class ClauseSpan:
    """A clause's span and what the parse says about it."""

    def __init__(
        self,
        start: int,
        end: int,
        speaker: str | None = None,
        subject: str | None = None,
        predicate: str | None = None,
        negated: bool | None = None,
        objects: Sequence[str] = (),
        any_object: bool = False,
        denial: dict[str, Any] | None = None,
        chain: Sequence[str] = (),
    ) -> None:
        self.start, self.end = start, end
        self.speaker, self.subject, self.predicate = speaker, subject, predicate
        self.negated, self.objects, self.any_object = negated, list(objects), any_object
        self.denial = denial  # the cue that calls this clause's proposition false (`find_denial`)
        self.chain = list(chain)  # the verbs the predicate hands on to: "plans to cut" -> ["cut"]
        # what its subject's and objects' nouns are of or whose they are (`_noun_arguments`)
        self.noun_arguments: list[str] = []


def _span_of(tokens: Sequence[Any]) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _subtree_tokens(token: Any, exclude: set[int]) -> list[Any]:
    """The token's subtree, without the subtrees rooted at the `exclude` token indices."""
    out, stack = [], [token]
    while stack:
        tok = stack.pop()
        if tok.i in exclude:
            continue
        out.append(tok)
        stack.extend(tok.children)
    return out


def split_clauses(doc: Any, start: int, end: int) -> list[ClauseSpan]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return [ClauseSpan(start, end)]
    denied = find_denial(doc, span)
    if denied is not None:
        return [denied]
    roots = [t for t in span if t.head == t or not (start <= t.head.idx < end)]
    root = next((t for t in roots if t.pos_ in ("VERB", "AUX")), roots[0] if roots else span.root)
    speaker = None
    main = root
    if root.lemma_.lower() in SAY_VERBS:
        comp = next(
            (c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None
        )
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if comp is not None:
            main = comp
            if subj is not None:
                speaker = doc_text(doc)[slice(*_span_of(list(subj.subtree)))]
    for tok in span:  # "according to X"
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                speaker = doc_text(doc)[slice(*_span_of(list(pobj.subtree)))]
    verbs = [main] + [c for c in main.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if len(verbs) == 1 and main is root:
        return [_describe_clause(doc, main, start, end, speaker, None)]
    told = [(verb, speaker) for verb in verbs] + (_other_reports(doc, root) if main is not root else [])
    clauses = []
    conj_ids = {v.i for v in verbs[1:]}
    subject = None
    for verb, speaker in told:
        if verb not in verbs:
            subject = None  # another speaker's statement names its own subject
        tokens = _subtree_tokens(verb, conj_ids - {verb.i})
        tokens = [t for t in tokens if not (t.dep_ == "cc" and t.head.i == main.i) and start <= t.idx < end]
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        tokens = _contiguous_run(sorted(tokens, key=lambda t: t.i), verb.i)
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens.pop()
        while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("cc", "mark")):
            tokens.pop(0)
        if len(tokens) < 2:
            continue
        c_start, c_end = _span_of(tokens)
        clause = _describe_clause(doc, verb, c_start, c_end, speaker, subject)
        subject = subject or clause.subject
        clauses.append(clause)
    return clauses or [_describe_clause(doc, root, start, end, speaker, None)]


def _other_reports(doc: Any, say: Any) -> list[tuple[Any, str | None]]:
    """'X said A, but Y said B': the statement of each further say-verb joined to the first, with its
    own speaker (two sources giving one fact two ways in one sentence)."""
    out = []
    for verb in (c for c in say.children if c.dep_ == "conj" and c.lemma_.lower() in SAY_VERBS):
        comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if comp is None:
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        out.append((comp, doc_text(doc)[slice(*_span_of(list(subj.subtree)))] if subj is not None else None))
    return out


def _contiguous_run(tokens: list[Any], anchor: int) -> list[Any]:
    """The unbroken run of tokens around `anchor`: a claim is one contiguous span of text."""
    runs: list[list[Any]] = []
    for tok in tokens:
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return next((run for run in runs if run[0].i <= anchor <= run[-1].i), tokens)


def _describe_clause(
    doc: Any, verb: Any, start: int, end: int, speaker: str | None, inherited_subject: str | None
) -> ClauseSpan:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    subject = doc_text(doc)[slice(*_span_of(list(subj.subtree)))] if subj is not None else inherited_subject
    chain = [verb, *[c for c in verb.children if c.dep_ in ("aux", "auxpass")]]
    negated = any(is_negation_token(c) for t in chain for c in t.children) or any(
        c.lower_ in ("never", "no") for c in verb.children
    )
    objects, any_object = [], False
    for child in verb.children:
        targets = [child] if child.dep_ in ("dobj", "attr", "acomp", "oprd") else []
        if child.dep_ in ("prep", "agent"):
            targets = [g for g in child.children if g.dep_ == "pobj"]
        for obj in targets:
            objects.append(obj.lemma_.lower())
            # "charged with any offence" denies every charge; "at any point" is only a time.
            if child.dep_ == "dobj" or child.lower_ in ("with", "of", "for"):
                any_object = any_object or any(g.lower_ == "any" for g in obj.children)
            objects.extend(g.lemma_.lower() for g in obj.children if g.dep_ in ("compound", "amod"))
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    predicate = f"{verb.lemma_.lower()}_{particle}" if particle else verb.lemma_.lower()  # "break_out"
    clause = ClauseSpan(start, end, speaker, subject, predicate, negated, objects, any_object)
    clause.chain = _xcomp_chain(verb)
    nouns = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd")]
    nouns += [g for c in verb.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    clause.noun_arguments = _noun_arguments(nouns)
    return clause


def _noun_arguments(nouns: Sequence[Any]) -> list[str]:
    """Lemmas of what the clause's nouns are of or whose they are: an event noun's arguments ('the
    arrest of the suspect', "Hale's arrest", 'no reports of damage or injuries' -> suspect, hale,
    damage, injury), so 'the death of X' can meet 'X died' (`triangulate.claim_structure`)."""
    found: list[str] = []
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                found.append(child.lemma_.lower())
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    found += [obj.lemma_.lower()] + [c.lemma_.lower() for c in obj.conjuncts]
    return found


def _xcomp_chain(verb: Any, limit: int = 3) -> list[str]:
    """The verbs an intention or aspect verb hands its subject on to: 'is going to cut' -> cut,
    'plans to separate' -> separate, 'has plans to separate' -> separate (through the noun)."""
    chain: list[str] = []
    current = verb
    while len(chain) < limit:
        nxt = next((c for c in current.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if nxt is None:  # "have plans to X": the infinitive hangs off the object noun
            nouns = [c for c in current.children if c.dep_ == "dobj"]
            nxt = next(
                (g for n in nouns for g in n.children if g.dep_ in ("acl", "relcl") and g.tag_ == "VB"), None
            )
        if nxt is None:
            break
        chain.append(_lemma(nxt))
        current = nxt
    return chain


# -- denials ----------------------------------------------------------------------------------


@cache
def denial_lexicon() -> dict[str, frozenset[str]]:
    """The denial cue lemmas of `data/denial.json` by role, loaded once (users extend the file)."""
    data = json.loads((DATA_DIR / "denial.json").read_text("utf-8"))
    lex = {key: frozenset(fold(w) for w in words) for key, words in data.items() if not key.startswith("_")}
    # every predicate that can say a report is false (or, negated, true): one set, not one per token
    lex["any_predicate"] = (
        lex["false_predicates"]
        | lex["parse_false_predicates"]
        | lex["weak"]
        | lex["doubt_predicates"]
        | lex["true_predicates"]
    )
    return lex


def _word_forms(lemma: str) -> set[str]:
    """A lemma's inflected forms, enough for plain-text matching ('deny' -> denied, denies, denying)."""
    head, _, rest = lemma.replace("_", " ").partition(" ")
    forms = {head, head + "s", head + "ed", head + "d", head + "ing", head + "es"}
    if head.endswith("y"):
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    if head.endswith("e"):
        forms.add(head[:-1] + "ing")
    return {f"{form} {rest}".strip() for form in forms}


@cache
def _text_denial_pattern() -> re.Pattern[str]:
    lex = denial_lexicon()
    alternatives = lambda words: "|".join(  # noqa: E731
        sorted({re.escape(f) for w in words for f in _word_forms(w)}, key=len, reverse=True)
    )
    # Only the verbs that deny whatever they take: 'rejected the bill', 'was dismissed' deny nothing.
    outright = alternatives(lex["verbs_with_nominal_object"] | lex["false_predicates"] | lex["weak"])
    truths = alternatives(lex["true_predicates"] - {"case", "right"})
    evidence = alternatives(lex["evidence_nouns"])
    events = alternatives(lex["non_event_verbs"])
    return re.compile(
        rf"\b(?:{outright})\b|\bnot\s+(?:\w+\s+)?(?:{truths})\b|\bno\s+(?:\w+\s+)?(?:{evidence})\b"
        rf"|(?:\bnot|\bnever|n['’]t)\s+(?:\w+\s+)?(?:{events})\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=8192)
def text_denial(text: str) -> str | None:
    """The denial cue in a plain sentence ('denied', 'a hoax', 'not true', 'no evidence'), or None.

    For the places that have only text (the consensus guard and its eval): broader than
    `find_denial`, which needs the parse and a scope; a sentence that merely mentions a denial
    is treated as one, which can only keep a line out of the consensus.
    """
    match = _text_denial_pattern().search(fold(text))
    return match.group(0) if match else None


PRONOUN_SUBJECTS = frozenset(
    ["it", "this", "that", "these", "those", "which", "what", "he", "she", "they", "we", "i", "you", "there"]
)
_CLAUSE_DEPS = ("ccomp", "acl", "advcl", "xcomp", "csubj", "csubjpass", "parataxis")


def _lemma(token: Any) -> str:
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    return fold(f"{token.lemma_}_{particle}" if particle else token.lemma_)


def is_negation_token(token: Any) -> bool:
    """A verb's negation: labelled `neg`, or 'not'/"n't" under any label. The parser labels a
    curly-apostrophe "n’t" ('it wasn’t the Russians') as punctuation now and then, and one such
    sentence against its straight-quoted copy would read as one source denying the other."""
    if token.dep_ == "neg":
        return True
    after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return token.lower_.replace("\u2019", "'") in ("not", "n't") and after != "only"  # 'not only X but Y'


def _is_negated(token: Any) -> bool:
    chain = [token, *[c for c in token.children if c.dep_ in ("aux", "auxpass")]]
    return any(is_negation_token(c) or c.lower_ in ("never", "no") for t in chain for c in t.children)


def _clause_child(token: Any) -> Any:
    """A complement clause under `token` that states a proposition ('that X', 'X did Y'), or None.

    A relative clause ('reports that circulated') states none: its own subject is the relative pronoun.
    """
    for child in token.children:
        if child.dep_ == "relcl" and child.pos_ in ("VERB", "AUX") and _misparsed_complement(child):
            return child
        if child.dep_ in _CLAUSE_DEPS and child.pos_ in ("VERB", "AUX") and child.i > token.i:
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
            if subject is not None and subject.lower_ in ("that", "which", "who"):
                continue
            if subject is not None or child.dep_ == "xcomp":
                return child
    return None


def _misparsed_complement(verb: Any) -> bool:
    """'the story that Kirchner adopted a boy', parsed as a relative clause whose object is 'that':
    a verb with a second object of its own has no room for a relative pronoun, so 'that' is a mark."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return len(objects) == 2 and objects[0].lower_ == "that"


def _content_of(noun: Any, lex: dict[str, frozenset[str]]) -> Any:
    """What a report or evidence noun reports: its clause ('reports that X'), the event it names
    ('reports of his arrest'), or None when it names no proposition ('the story')."""
    clause = _clause_child(noun)
    if clause is not None:
        return clause
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "about", "on", "to", "for", "that"):
            for pobj in prep.children:
                if pobj.dep_ in ("pobj", "pcomp"):
                    if fold(pobj.lemma_) in lex["report_nouns"]:
                        return _content_of(pobj, lex)
                    if fold(noun.lemma_) in lex["report_nouns"] and _bare_thing(pobj):
                        return None  # "the story of the tempting eyes": a topic, not a stated event
                    return pobj if pobj.pos_ in ("NOUN", "PROPN", "VERB") else None
    return None


def _bare_thing(noun: Any) -> bool:
    """A plain noun with no argument of its own ('the tempting eyes', 'the photos'): what a report
    is about, not an event it states. 'His arrest', 'the adoption of the boy' carry their event's
    arguments, so a denial of 'reports of his arrest' keeps that event as its scope."""
    return (
        noun.pos_ == "NOUN"
        and noun.tag_ != "VBG"
        and not any(c.dep_ in ("poss", "prep", "compound", "nummod") for c in noun.children)
    )


def _subject_content(head: Any, lex: dict[str, frozenset[str]], report_only: bool = False) -> Any:
    """What a predicate ('... is false', '... never happened') is said of: the clause of 'it is false
    that X', the content of a report noun, or a nominalised event ('the adoption was a hoax')."""
    while head.dep_ == "xcomp" and head.head is not head:  # "turned out to be a hoax"
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            break
        head = head.head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass")), None)
    if subject is None:
        return None
    if subject.dep_.startswith("csubj"):
        return subject
    if subject.lower_ in PRONOUN_SUBJECTS or subject.dep_ == "expl":
        return _clause_child(head)  # "It is not true that X"
    if fold(subject.lemma_) in lex["report_nouns"]:
        return _content_of(subject, lex)
    if report_only or subject.pos_ != "NOUN":
        return None  # "the parents were denied": a refusal of people, not a false report
    # A nominalised event with an argument of its own ("the adoption of the boy"), not "the website".
    return subject if any(c.dep_ in ("poss", "prep", "compound") for c in subject.children) else None


def find_denial(doc: Any, span: Any) -> ClauseSpan | None:
    """A sentence that calls a proposition false, described as that proposition with its cue.

    Read from the parse with the lemmas of `data/denial.json`: a denial verb over a clause or a
    report ('officials denied that X', 'rejected reports that X'), a falsity predicate said of a
    report or an event ('the claim that X is a hoax', 'it is not true that X'), an absent proof
    ('no evidence that X'), a negated occurrence ('the adoption never happened'). The scope is
    the denied clause (or nominalised event) itself, so triangulation compares what is denied,
    never the sentence's topic. A denial of the story as a whole, with no scope ('the story is
    fake', 'officials denied the reports'), is kept as a general denial (`find_general_denial`).
    """
    lex = denial_lexicon()
    start, end = span.start_char, span.end_char
    for tok in span:
        lemma = _lemma(tok)
        scope, weak, denier = None, lemma in lex["weak"] | lex["weak_verbs"] | lex["doubt_predicates"], None
        if lemma in lex["verbs"] and tok.pos_ == "VERB" and not _is_negated(tok) and not _purpose_denied(tok):
            denier = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            scope = _denied_by_verb(tok, lemma, lex)
        elif lemma in lex["any_predicate"]:
            scope = _denied_by_predicate(tok, lemma in lex["true_predicates"], lex)
            if scope is not None and scope.dep_ == "xcomp" and lemma in lex["parse_false_predicates"]:
                scope = None  # "it is wrong to punish them" judges an act; it calls no report false
        elif lemma in lex["evidence_nouns"] and tok.pos_ == "NOUN":
            absent = any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children) or _is_negated(tok.head)
            scope = _content_of(tok, lex) if absent else None
        elif lemma in lex["non_event_verbs"] and _is_negated(tok):
            scope = _subject_content(tok, lex)
        elif lemma in lex["verification_verbs"] and tok.pos_ == "VERB" and _is_negated(tok):
            # 'could not confirm that X', 'has not verified reports that X': doubted, not refuted
            denier = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            scope, weak = _denied_by_verb(tok, "", lex), True
        if scope is None or not (start <= scope.idx < end) or tok in scope.subtree:
            continue  # "it turned out to be a hoax": the cue's own clause is no scope
        if scope.pos_ in ("PROPN", "PRON"):
            continue  # "rumours about Smith" name no event: a general denial, about Smith
        scope_start, scope_end = _span_of([t for t in scope.subtree if start <= t.idx < end] or [scope])
        cue = {
            "text": tok.text,
            "lemma": lemma,
            "start": tok.idx,
            "end": tok.idx + len(tok.text),
            "weak": weak,
            "scope_start": scope_start,  # the denied clause: what a report must state to be denied
            "scope_end": scope_end,
        }
        speaker = doc_text(doc)[slice(*_span_of(list(denier.subtree)))] if denier is not None else None
        if scope.pos_ in ("VERB", "AUX"):
            clause = _describe_clause(doc, scope, start, end, speaker, None)
        else:
            clause = _describe_event_noun(doc, scope, start, end, speaker)
        clause.denial = cue
        return clause
    return find_general_denial(doc, span)


def find_general_denial(doc: Any, span: Any) -> ClauseSpan | None:
    """A sentence that calls the story itself false, with no proposition of its own to deny.

    'The story is false', 'this report turned out to be a hoax', 'officials denied the reports',
    'the photo is fake', 'it is not true', 'X was a false story': a denial cue (`data/denial.json`)
    said of a report or story noun with no stated content, or of 'it' / 'this' with no clause.
    The cue carries no scope (`general`); triangulation links it to the claim the story states
    (`parallax.compare.denials`). A negated cue ('the story is not a hoax') denies nothing, and
    'the parents were denied' is a refusal of people, not of a report.
    """
    lex = denial_lexicon()
    for tok in span:
        lemma = _lemma(tok)
        target = None
        unverified = lemma in lex["verification_verbs"] and tok.pos_ == "VERB" and _is_negated(tok)
        silent = lemma in lex["omission_verbs"] and tok.pos_ == "VERB" and _says_nothing(tok, lex)
        denies = (
            lemma in lex["verbs"] and tok.pos_ == "VERB" and not _is_negated(tok) and not _purpose_denied(tok)
        )
        if denies or unverified:
            # 'officials denied the reports'; 'the report has not been verified'
            nouns = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            target = next((n for n in nouns if _names_the_story(n, lex)), None)
        elif silent:  # 'the first report says nothing about X': what is told of it, it does not state
            target = _silent_report(tok, lex)
        elif lemma in lex["any_predicate"]:
            target = _story_called_false(tok, lemma in lex["true_predicates"], lex)
        if target is None:
            continue
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        denier = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is tok else None
        speaker = doc_text(doc)[slice(*_span_of(list(denier.subtree)))] if denier is not None else None
        clause = _describe_clause(doc, verb, span.start_char, span.end_char, speaker, None)
        clause.denial = {
            "text": tok.text,
            "lemma": lemma,
            "start": tok.idx,
            "end": tok.idx + len(tok.text),
            "weak": lemma in lex["weak"] | lex["weak_verbs"] | lex["doubt_predicates"]
            or unverified
            or silent,
            "general": True,  # of the story as a whole: no denied clause to compare
            "target": target.text,
            "scope_start": None,
            "scope_end": None,
        }
        return clause
    return None


def _purpose_denied(verb: Any) -> bool:
    """A denial verb its source does not perform: the aim of a negated act ('was not using his fame
    to quash the rumours', 'did not move to deny it')."""
    return verb.dep_ in ("xcomp", "advcl") and _is_negated(verb.head)


def _silent_report(verb: Any, lex: dict[str, frozenset[str]]) -> Any:
    """The report or story that says nothing of something: the verb's subject, or, for 'it', the
    subject of the clause it is joined to ('the first story was published in July, and it says
    nothing about X'); None when that is not a report ('the police said nothing about the motive')."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in STORY_PRONOUNS and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or fold(subject.lemma_) not in lex["report_nouns"] | lex["story_nouns"]:
        return None
    return subject


def _says_nothing(verb: Any, lex: dict[str, frozenset[str]]) -> bool:
    """'says nothing about X', 'makes no mention of X': an object that states an absence."""
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        if obj.lower_ == "nothing":
            return True
        if fold(obj.lemma_) in lex["omission_nouns"] and any(
            c.dep_ == "det" and c.lower_ == "no" for c in obj.children
        ):
            return True
    return False


STORY_PRONOUNS = frozenset(["it", "this", "that", "these", "those"])


def _names_the_story(noun: Any, lex: dict[str, frozenset[str]]) -> bool:
    """'the story', 'these reports', 'the photo', 'it': a report or story noun with no content of its
    own (a report with content is a scoped denial), or a pronoun with no clause ('it is false that X')."""
    if noun.lower_ in STORY_PRONOUNS:
        return noun.pos_ == "PRON" or noun.dep_ in ("nsubj", "nsubjpass", "dobj")
    if fold(noun.lemma_) not in lex["report_nouns"] | lex["story_nouns"]:
        return False
    content = _content_of(noun, lex)
    return content is None or content.pos_ in ("PROPN", "PRON")  # "the reports about Smith"


def _story_called_false(tok: Any, truth: bool, lex: dict[str, frozenset[str]]) -> Any:
    """The story noun a falsity predicate is said of: 'the story is false', 'this seems to be a hoax',
    'it is not true', 'X was a false story', 'the report was fabricated'; None otherwise."""
    if tok.dep_ in ("acomp", "attr", "oprd") and _is_negated(tok.head) == truth:
        head = tok.head
        while head.dep_ == "xcomp" and head.head is not head:  # "turned out to be a hoax"
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
                break
            head = head.head
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        clauses = [_clause_child(tok.head), _clause_child(head)]
        if subject is None or any(c is not None and tok not in c.subtree for c in clauses):
            return None  # "it is not true that X" has a scope of its own
        return subject if _names_the_story(subject, lex) else None
    if truth:
        return None
    if tok.dep_ == "amod" and tok.head.dep_ in ("attr", "oprd") and not _is_negated(tok.head.head):
        # "X was a false story", "the video is a fake clip", "a false news item"
        nouns = [tok.head, *(c for c in tok.head.children if c.dep_ == "compound")]
        return next((n for n in nouns if fold(n.lemma_) in lex["report_nouns"] | lex["story_nouns"]), None)
    passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if tok.pos_ == "VERB" and passive is not None and not _is_negated(tok):  # "the story was fabricated"
        return passive if _names_the_story(passive, lex) else None
    return None


def _denied_by_verb(verb: Any, lemma: str, lex: dict[str, frozenset[str]]) -> Any:
    """'denied that X', 'rejected reports that X', 'reports that X were denied', 'denied his arrest'."""
    scope = _clause_child(verb)
    if scope is not None:
        return scope
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    for noun in [*objects, *([passive_subject] if passive_subject is not None else [])]:
        if fold(noun.lemma_) in lex["report_nouns"]:
            return _content_of(noun, lex)
        # "denied his arrest": an event noun with an argument of its own; "was denied bail" is a refusal
        if (
            noun in objects
            and passive_subject is None
            and lemma in lex["verbs_with_nominal_object"]
            and noun.pos_ == "NOUN"
            and any(c.dep_ in ("poss", "prep", "compound") for c in noun.children)
        ):
            return noun
    return None


def _denied_by_predicate(tok: Any, truth: bool, lex: dict[str, frozenset[str]]) -> Any:
    """'X is false / a hoax', 'it is not true that X', 'false reports that X', 'reports that X were
    fabricated'. A truth word ('true', 'accurate') denies only when negated, a falsity word only when not."""
    if tok.dep_ in ("acomp", "attr", "oprd") and _is_negated(tok.head) == truth:
        return _subject_content(tok.head, lex)
    if truth:
        return None
    if tok.dep_ == "amod" and fold(tok.head.lemma_) in lex["report_nouns"]:
        if tok.head.dep_ in ("attr", "oprd"):  # "X was a false story"
            return _subject_content(tok.head.head, lex)
        return _content_of(tok.head, lex)  # "false reports that X"
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
    if tok.pos_ == "VERB" and passive and not _is_negated(tok):
        return _subject_content(tok, lex, report_only=True)
    return None


def _describe_event_noun(doc: Any, noun: Any, start: int, end: int, speaker: str | None) -> ClauseSpan:
    """A nominalised event as a clause: 'the arrest of X' has predicate 'arrest' and argument X."""
    subject, objects = None, []
    for child in noun.children:
        if child.dep_ == "poss":
            subject = doc_text(doc)[slice(*_span_of(list(child.subtree)))]
            objects.append(child.lemma_.lower())
        elif child.dep_ in ("compound", "amod"):
            objects.append(child.lemma_.lower())
        elif child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    objects.append(pobj.lemma_.lower())
                    objects.extend(g.lemma_.lower() for g in pobj.children if g.dep_ in ("compound", "amod"))
                    subject = subject or doc_text(doc)[slice(*_span_of(list(pobj.subtree)))]
    return ClauseSpan(start, end, speaker, subject, noun.lemma_.lower(), False, objects, False)


def describe(
    article: Article,
    clause: ClauseSpan,
    published: date | None,
    s_start: int,
    s_end: int,
    layers: LayerIndex | None = None,
) -> dict[str, Any]:
    text = article.text
    start, end = clause.start, clause.end
    layers = layers or LayerIndex(article)
    dates = [
        {k: d[k] for k in ("start", "end", "text", "value", "granularity")}
        for d in layers.dates_in(start, end)
    ] or find_dates(text[start:end], start, published)
    numbers = find_numbers(text[start:end], start, [(d["start"], d["end"]) for d in dates])
    mentions = layers.mentions_in(start, end)
    speaker = clause.speaker
    quote = layers.first_quote_over(start, end)
    if quote is not None:
        speaker = quote["speaker"]
    if speaker and speaker.lower() in ("he", "she", "they", "it", "i", "we"):
        speaker = layers.last_person_before(s_start) or None
    negated = clause.negated
    if negated is None:  # no parse (another language): negation words in the text
        negated = bool(
            re.search(r"\b(not|never|no|nunca|ningún|ninguna)\b|n['’]t\b", text[start:end], re.IGNORECASE)
        )
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "attributed_to": speaker,
        "numbers": numbers,
        "dates": dates,
        "negated": negated,
        "hedged": bool(HEDGES.search(text[s_start:s_end])),
        "subject": clause.subject,
        "predicate": clause.predicate,
        "predicate_chain": clause.chain,
        "noun_arguments": clause.noun_arguments,
        "objects": clause.objects,
        "any_object": clause.any_object,
        "denial": clause.denial,
        "mentions": [{k: m[k] for k in ("start", "end", "text", "label")} for m in mentions],
        "sentence_start": s_start,
        "sentence_end": s_end,
    }
