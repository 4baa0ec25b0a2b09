"""Date and time expressions, normalised against the article's publication date.

Rules, not a general parser: news dates come in a handful of shapes ("on Tuesday", "March 10",
"in November 2025", "last year", "two days ago", "el martes 10 de marzo") and each shape has
one reading given the publication date and the tense of the sentence ("will play on Saturday"
looks forward). An expression that needs the publication date keeps `value: null` when the
article has none: unknown, never guessed. Each expression also records the clause it dates
(`event`, its main `verb` and span) so the timeline can line up the same event across sources.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from parallax.annotate.nlp import doc_text
from parallax.model import Article

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
    "sabado": 5, "domingo": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
}  # fmt: skip
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "primavera": 3, "verano": 6, "otoño": 9}

_MONTH = r"(?P<month>" + "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True)) + r")"
_MONTH_ABBR = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|(?:por\s+la\s+)?(?:mañana|tarde|noche)))?"
_LEAD = (
    r"(?:(?:\b(?:on|in|since|by|until|till|from|as\s+early\s+as|as\s+late\s+as|early|late|mid|before|after|"
    r"in\s+the\s+early\s+hours\s+of|in\s+the\s+early\s+hours\s+of|el|este|esta|desde|hasta|en|del|"
    r"the\s+night\s+of|the\s+morning\s+of)\s+)*)"
)
_NUMWORD = r"(?P<n>\d+|" + "|".join(NUMBERS) + r")"

# Order matters: longer shapes first; a span taken by one rule is not matched again.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("weekday_md", re.compile(_LEAD + r"\b" + _WEEKDAY + r",?\s+(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?" + _MONTH_ABBR + r"(?:,?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d))?" + _PART, re.I)),
    ("weekday_md", re.compile(_LEAD + r"\b" + _WEEKDAY + r",?\s+" + _MONTH_ABBR + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?" + _PART, re.I)),
    ("md", re.compile(_LEAD + r"\b" + _MONTH_ABBR + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)),
    ("md", re.compile(_LEAD + r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?" + _MONTH_ABBR + r"(?:,?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("my", re.compile(_LEAD + r"\b(?:(?:early|late|mid)[\s-]+)?" + _MONTH + r",?\s+(?:de\s+|of\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("month", re.compile(r"\b(?:in|since|by|until|from|early|late|mid|en|desde|hasta)(?:\s+(?:early|late|mid))?[\s-]+" + _MONTH + r"\b", re.I)),
    ("relmonth_named", re.compile(r"\b(?P<rel>last|next|this|el\s+pasado|el\s+próximo)\s+" + _MONTH + r"\b", re.I)),
    ("weekday", re.compile(_LEAD + r"\b(?P<rel>last|next|this|este|esta|el\s+pasado|el\s+próximo)?\s*" + _WEEKDAY + r"\b(?:\s+(?:pasado|próximo))?" + _PART, re.I)),
    ("ago", re.compile(r"\b(?:hace\s+" + _NUMWORD + r"\s+(?P<unit>días|dia|día|meses|mes|años|año)|" + _NUMWORD.replace("<n>", "<n2>") + r"\s+(?P<unit2>days?|months?|years?)\s+ago)\b", re.I)),
    ("relword", re.compile(r"\b(?P<word>(?:the\s+day\s+before\s+)?yesterday|today|tomorrow|tonight|last\s+night|ayer|anteayer|hoy|anoche)\b", re.I)),
    ("relunit", re.compile(r"\b(?:(?:by|until|at|before)\s+the\s+end\s+of\s+)?(?P<rel>last|next|this|the\s+past|the\s+coming|el\s+próximo|el\s+pasado|este|el|the)\s+(?P<unit>month|year|mes|año)(?:\s+(?:pasado|próximo|que\s+viene))?\b", re.I)),
    ("season", re.compile(r"\b(?P<rel>last|next|this)\s+(?P<season>spring|summer|autumn|fall|winter)\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|by|until|from|before|after|of|en|desde|hasta|para|de)\s+(?:early\s+|late\s+|mid-?)?(?P<year>(?:19|20)\d\d)\b(?![-/]\d|\s*(?:crowns|people|jobs|officers|euros|dollars|%))", re.I)),
]  # fmt: skip

FUTURE_CUES = re.compile(
    r"\b(will|'ll|shall|is\s+due|are\s+due|is\s+set\s+to|are\s+set\s+to|scheduled|is\s+expected\s+to|are\s+expected\s+to|"
    r"plans?\s+to|is\s+to|are\s+to|going\s+to|next|upcoming|could|would|might|expects?|expected|forecasts?|"
    r"due\s+to|va\s+a|van\s+a|para|\w+rá|\w+rán)\b",
    re.I,
)


# Particles that complete a phrasal verb ("walk out", "step down", "break off").
VERB_PARTICLES = frozenset({"out", "up", "down", "off", "back", "away", "over"})


def anchor_date(published: str | None) -> date | None:
    """The publication date as a date, or None when the article has none (or it cannot be read)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_dates(
    text: str, published: str | None, sentences: Sequence[tuple[int, int]] = ()
) -> list[dict[str, Any]]:
    """Every date expression in `text`: span, ISO value (or None) and granularity."""
    anchor = anchor_date(published)
    taken: list[tuple[int, int]] = []
    found: list[dict[str, Any]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in " ,":
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            if "\n" in text[start:end]:
                continue  # a date is written on one line; "desde noviembre\n13" is two things
            if any(s < end and start < e for s, e in taken) or end - start < 3:
                continue
            sent = _sentence_of(start, sentences, text)
            future = bool(FUTURE_CUES.search(text[sent[0] : start]))  # "will play on Saturday"
            resolved = _resolve(kind, m, anchor, future)
            if resolved is None:
                continue
            value, granularity = resolved
            taken.append((start, end))
            item: dict[str, Any] = {
                "start": start,
                "end": end,
                "text": text[start:end],
                "value": value,
                "granularity": granularity,
                "sentence_start": sent[0],
                "sentence_end": sent[1],
            }
            if value is None and kind in ("weekday_md", "md"):
                # "March 10" in an undated article: the story's dates may still give the year
                item["month_day"] = (
                    f"--{MONTHS[m.group('month').lower().rstrip('.')]:02d}-{int(m.group('day')):02d}"
                )
            found.append(item)
    found.sort(key=lambda d: d["start"])
    return found


def _sentence_of(pos: int, sentences: Sequence[tuple[int, int]], text: str) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    start = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos) + 1) + 1
    end = min(x for x in (text.find("\n", pos), text.find(". ", pos) + 1, len(text)) if x > 0)
    return start, end


def _resolve(kind: str, m: re.Match[str], anchor: date | None, future: bool) -> tuple[str | None, str] | None:
    """(ISO value or None, granularity) for one match; None when the match is not a date after all."""
    g = m.groupdict()
    if kind == "iso":
        try:
            return date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat(), "day"
        except ValueError:
            return None
    if kind in ("weekday_md", "md"):
        month, day = MONTHS[g["month"].lower().rstrip(".")], int(g["day"])
        if g.get("year"):
            return _safe_date(int(g["year"]), month, day), "day"
        if anchor is None:
            return None, "day"
        year = anchor.year
        candidate = _safe_date(year, month, day)
        if candidate is None:
            return None
        gap = (date.fromisoformat(candidate) - anchor).days
        if gap > 180:
            year -= 1
        elif gap < -180 and future:
            year += 1
        return _safe_date(year, month, day), "day"
    if kind == "my":
        return f"{int(g['year']):04d}-{MONTHS[g['month'].lower()]:02d}", "month"
    if kind in ("month", "relmonth_named"):
        month = MONTHS[g["month"].lower()]
        if anchor is None:
            return None, "month"
        rel = (g.get("rel") or "").lower()
        year = anchor.year
        if "last" in rel or "pasado" in rel or (not rel and not future and month > anchor.month + 1):
            year -= 1 if month >= anchor.month else 0
        elif "next" in rel or "próximo" in rel or (future and month < anchor.month):
            year += 1 if month <= anchor.month else 0
        return f"{year:04d}-{month:02d}", "month"
    if kind == "weekday":
        if anchor is None:
            return None, "day"
        weekday = WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        tail = m.group(0).lower()
        if "next" in rel or "próximo" in rel or "próximo" in tail:
            delta = (weekday - anchor.weekday()) % 7 or 7
        elif "last" in rel or "pasado" in rel or "pasado" in tail:
            delta = -((anchor.weekday() - weekday) % 7 or 7)
        elif future:
            delta = (weekday - anchor.weekday()) % 7
        else:
            delta = -((anchor.weekday() - weekday) % 7)
        return (anchor + timedelta(days=delta)).isoformat(), "day"
    if kind == "ago":
        n_text = (g.get("n") or g.get("n2") or "").lower()
        n = int(n_text) if n_text.isdigit() else NUMBERS.get(n_text, 0)
        unit = (g.get("unit") or g.get("unit2") or "").lower()
        if not n:
            return None
        if anchor is None:
            return None, "day" if unit.startswith(("day", "d")) else "month" if unit.startswith(
                "m"
            ) else "year"
        if unit.startswith(("day", "día", "dia")):
            return (anchor - timedelta(days=n)).isoformat(), "day"
        if unit.startswith(("month", "mes")):
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
            return f"{y:04d}-{mo + 1:02d}", "month"
        return f"{anchor.year - n:04d}", "year"
    if kind == "relword":
        word = " ".join(g["word"].lower().split())
        offsets = {"yesterday": -1, "ayer": -1, "last night": -1, "anoche": -1, "today": 0, "hoy": 0,
                   "tonight": 0, "tomorrow": 1, "anteayer": -2, "the day before yesterday": -2}  # fmt: skip
        if anchor is None:
            return None, "day"
        return (anchor + timedelta(days=offsets[word])).isoformat(), "day"
    if kind == "relunit":
        rel = " ".join(g["rel"].lower().split())
        tail = m.group(0).lower()
        step = 0
        if rel in ("last", "the past", "el pasado") or "pasado" in tail:
            step = -1
        elif rel in ("next", "the coming", "el próximo") or "próximo" in tail or "que viene" in tail:
            step = 1
        elif rel in ("el", "the") and "end of" not in tail:
            return None  # "the year" alone is not a date
        unit = g["unit"].lower()
        if anchor is None:
            return None, "month" if unit in ("month", "mes") else "year"
        if unit in ("month", "mes"):
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
            return f"{y:04d}-{mo + 1:02d}", "month"
        return f"{anchor.year + step:04d}", "year"
    if kind == "season":
        if anchor is None:
            return None, "year"
        rel, season = g["rel"].lower(), g["season"].lower()
        if season == "winter":
            return None  # spans two years
        start_month = SEASONS[season]
        if rel == "last":
            year = anchor.year if anchor.month >= start_month + 3 else anchor.year - 1
        elif rel == "next":
            year = anchor.year if anchor.month < start_month else anchor.year + 1
        else:
            year = anchor.year
        return f"{year:04d}", "year"
    if kind == "year":
        return f"{int(g['year']):04d}", "year"
    return None


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_URL = re.compile(r"(?:\bhttps?://|\bwww\.|\bpic\.twitter\.com/|\bt\.co/|\bbit\.ly/)\S*", re.I)
# "— Laura Loomer (@LauraLoomer) October 4, 2017": the end of an embedded post, before its date.
_POST_SIGNATURE = re.compile(r"\(@\w{1,30}\)\s*$")
# A whole post on one line: its text, a picture link or its signature ("— Name (@handle)").
_POST_LINE = re.compile(r"\bpic\.twitter\.com/|[—–]\s*[^()\n]{1,60}\(@\w{1,30}\)")
# "PORTLAND, Sept. 28 (UPI) — The band ...": a dateline opening the first paragraph.
_DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:—|–|--|-\s)")
_HEADING_WORDS = 12
_LONG_LINE = 2000  # characters: a paragraph or a whole unbroken text, not a post, link or heading line


class Lines:
    """A text's line bounds by bisection: finding them by scanning made one-line texts quadratic."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def of(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_left(self.newlines, start)  # newlines before `start` end earlier lines
        line_start = self.newlines[i - 1] + 1 if i else 0
        j = bisect_left(self.newlines, end)
        return line_start, self.newlines[j] if j < len(self.newlines) else self.size


def no_event_reason(
    text: str, item: dict[str, Any], doc: Any = None, date_chars: int = 0, lines: Lines | None = None
) -> str | None:
    """Why a date expression dates no event of the story, or None when it may.

    An embedded post's signature ("— Name (@handle) March 5, 2018") dates the post; a line that is
    mostly a link dates a page; a short line with no verb and no closing stop is a heading or a
    caption ("Timeline of the crisis in March 2018"), not something that happened; nor is a
    dateline ("LOS ANGELES, Sept. 28 (UPI) —", "Correction: October 2, 2016, Sunday.").
    """
    line_start, line_end = (lines or Lines(text)).of(item["start"], item["end"])
    if line_end - line_start > _LONG_LINE and "sentence_start" in item:
        # A text without line breaks (a JSON export) is one "line": its sentence stands in for it,
        # or one embedded post would make every date of the article a post's.
        line_start, line_end = max(line_start, item["sentence_start"]), min(line_end, item["sentence_end"])
    line = text[line_start:line_end]
    before = text[line_start : item["start"]]
    if _POST_SIGNATURE.search(before) or _POST_LINE.search(line):
        return "post"
    place = before.split()
    if len(place) <= 5 and all(w[:1].isupper() for w in place) and _DATELINE_TAIL.match(text, item["end"]):
        return "dateline"
    if _URL.search(line):
        rest = _URL.sub(" ", line[: item["start"] - line_start] + " " + line[item["end"] - line_start :])
        if len(re.findall(r"[^\W\d_]{2,}", rest)) < 8:
            return "link"
    words = line.split()
    if (
        doc is not None
        and len(words) <= _HEADING_WORDS
        and not line.rstrip().endswith((".", "!", "?", ".”", '."'))
    ):
        span = doc.char_span(line_start, line_end, alignment_mode="expand")
        if span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span):
            return "heading"
    if (
        doc is not None
        and len(words) <= _HEADING_WORDS
        and max(date_chars, item["end"] - item["start"]) * 5 >= 2 * len(line.strip())
    ):
        # "Correction: October 2, 2016, Sunday.": a line that is mostly dates, with no verb
        span = doc.char_span(line_start, line_end, alignment_mode="expand")
        if span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span):
            return "dateline"
    return None


def attach_events(items: list[dict[str, Any]], doc: Any) -> None:
    """Add the clause each date dates: its main verb, a short description and the clause's span.

    A date that dates no event (see `no_event_reason`) gets `event: None` and the reason in `no_event`.
    """
    text = doc_text(doc)
    lines = Lines(text)
    date_chars: dict[int, int] = {}  # line start -> characters of dates on that line
    for item in items:
        line = lines.of(item["start"], item["end"])[0]
        date_chars[line] = date_chars.get(line, 0) + item["end"] - item["start"]
    for item in items:
        line = lines.of(item["start"], item["end"])[0]
        reason = no_event_reason(text, item, doc, date_chars[line], lines)
        if reason is not None:
            item.update(
                {"event": None, "verb": None, "event_start": None, "event_end": None, "no_event": reason}
            )
            continue
        span = doc.char_span(item["start"], item["end"], alignment_mode="expand")
        verb, path = _governing_verb(span)
        holder = _subject_noun(span, verb, path)
        if holder is not None:
            # "The activist, in exile since 2012, spoke": the date is inside the subject, so it
            # dates that noun phrase ("activist in exile"), not what the subject did.
            words = [t for t in holder.subtree if not _in_date(t, item)]
            event = _words_text(words if len(words) <= 12 else _phrase(holder))
            left, right = holder.left_edge.idx, holder.right_edge.idx + len(holder.right_edge.text)
            item.update({"event": _short(event), "verb": None, "event_start": left, "event_end": right})
            continue
        conjunct = _prepositional_conjunct(span, path)
        if conjunct is not None:
            # "born in Velmar in 1961 and at the helm of the union since 2012": the second date
            # dates its own conjunct ("at the helm of the union"), not the verb of the first.
            words = [t for t in conjunct.subtree if not _in_date(t, item)]
            left, right = conjunct.left_edge.idx, conjunct.right_edge.idx + len(conjunct.right_edge.text)
            item.update(
                {"event": _short(_words_text(words)), "verb": None, "event_start": left, "event_end": right}
            )
            continue
        line_start, line_end = lines.of(item["start"], item["end"])
        if verb is None:
            # No verb to read: the date's sentence, within its line (a headline or dateline above
            # the first sentence is often parsed into it).
            s, e = max(item["sentence_start"], line_start), min(item["sentence_end"], line_end)
            item.update({"event": _short(text[s:e]), "verb": None, "event_start": s, "event_end": e})
            continue
        words = [verb]
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and child.tag_ not in ("WDT", "WP"):
                words += _phrase(child)
            elif child.dep_ in ("aux", "auxpass", "neg", "prt", "acomp") or (
                # "walked out", "stepped down": a particle the parser read as an adverb
                child.dep_ == "advmod" and child.i == verb.i + 1 and child.lower_ in VERB_PARTICLES
            ):
                words.append(child)
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            # "the strike, which began on March 2" / "a union founded in 1998": the noun it describes
            words += _phrase(verb.head)
        # The date has its own column: its words ("2012" read as a subject) are not the event, nor
        # are words of another line (a dateline "5 March 2009" the parser joined to the sentence).
        kept = [t for t in words if not _in_date(t, item) and line_start <= t.idx < line_end]
        if len(kept) <= 2 and all(t.pos_ in ("VERB", "AUX", "PART") for t in kept):
            # A bare verb ("called", "to fly") says nothing alone: its clause, without the date.
            clause = [t for t in verb.subtree if not _in_date(t, item) and line_start <= t.idx < line_end]
            kept = clause if len(clause) <= 14 else kept
        event = _words_text(kept)
        left, right = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
        item.update(
            {"event": _short(event), "verb": verb.lemma_.lower(), "event_start": left, "event_end": right}
        )


def _governing_verb(span: Any) -> tuple[Any, list[Any]]:
    """The verb the date expression hangs from (not a participle used as an adjective), and the path to it."""
    path: list[Any] = []
    if span is None:
        return None, path
    token = span.root
    for _ in range(8):
        # Not a participle used as an adjective or a preposition ("according to", "following").
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "prep"):
            return token, path
        if token.head == token:  # spaCy makes a new Token object on each access: compare, never `is`
            break
        path.append(token)
        token = token.head
    return None, path


def _subject_noun(span: Any, verb: Any, path: list[Any]) -> Any:
    """The noun the date modifies when the path to the verb runs through the verb's subject, else None."""
    if verb is None or not path or path[-1].dep_ not in ("nsubj", "nsubjpass"):
        return None
    outside = [t for t in path if not (span.start <= t.i < span.end)]
    noun = next((t for t in outside if t.pos_ in ("NOUN", "PROPN")), None)
    if noun is None:
        return None
    set_off = any(t.text in (",", "(", "—", "–") for t in span.doc[min(noun.i, span.start) : span.start])
    if len(outside) < 2 and span.root.dep_ == "prep" and not set_off:
        return None  # "Veterans in 2014 were killing": a parser's attachment, the date is the verb's
    return noun


def _prepositional_conjunct(span: Any, path: list[Any]) -> Any:
    """A prepositional phrase coordinated with the verb's own ("and at the head of ...") that holds the date."""
    if span is None:
        return None
    return next(
        (t for t in path if t.dep_ == "conj" and t.pos_ == "ADP" and not (span.start <= t.i < span.end)), None
    )


def _in_date(token: Any, item: dict[str, Any]) -> bool:
    return bool(item["start"] <= token.idx < item["end"])


def _words_text(words: list[Any]) -> str:
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i) if not t.is_punct)


def _phrase(head: Any) -> list[Any]:
    """A noun with its determiner, compounds, adjectives and possessor: "dockworkers' leader Radomir Breznik"."""
    words = [head]
    for child in head.children:
        if child.dep_ in ("det", "compound", "amod", "poss", "nummod", "case") and child.i < head.i:
            words += [t for t in child.subtree if t.i < head.i]
        elif (
            child.dep_ in ("compound", "appos") and child.i > head.i and child.ent_type_ in ("PERSON", "ORG")
        ):
            words.append(child)
    return words


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class DateStage:
    """Fills the `dates` layer (see docs/report-schema.md)."""

    name = "dates"
    requires: tuple[str, ...] = ("doc", "sentences")
    provides: tuple[str, ...] = ("dates",)

    def __call__(self, articles: Sequence[Article]) -> None:
        for article in articles:
            sentences = [(s["start"], s["end"]) for s in article.annotations.get("sentences", [])]
            items = find_dates(article.text, article.published, sentences)
            doc = article.doc
            if doc is None:
                from parallax.annotate.nlp import parse

                doc = parse(article.text)
            attach_events(items, doc)
            article.annotations["dates"] = items
