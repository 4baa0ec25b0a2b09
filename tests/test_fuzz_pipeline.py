"""Property-based fuzz test of the whole pipeline, ingest to report: odd articles never crash a run.

Hypothesis writes 1-4 generated articles (as JSONL, or as a folder of .txt files with text headers)
mixing random Unicode, numbers and currencies in every notation, dates valid and not, quotes of every
kind, run-on sentences, names with titles and HTML fragments, and `parallax.analyze` reads them.
"Zero crashes": analyze returns, report.json validates against its schema, no stage failure is
recorded in `failures`, and no reader hit its last-resort safety net. The runs are derandomized so
CI sees the same examples every time; the models load once per process.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parallax
from parallax.errors import Msg
from parallax.report import validate_report

pytestmark = pytest.mark.models

READ_FAILED = Msg.READ_FAILED.split("{")[0]

# -- fragments ---------------------------------------------------------------------------------

NUMBERS = [
    "$1,071,872.87", "18.104.10", "$5K", "€8.5m", "1.071.872,87", "12 500", "12\u202f500", "3,5 %", "1e9",
    "-0", "½", "٣٤٥", "١٬٠٠٠", "۱۲۳", "१२३", "£2bn", "$0.5 billion", "10,000,000,000,000,000,000,000",
    "99999999999999999999999999999999999999", "0.000001", "1,2,3", "1..2", "1,,000", ",5", ".5", "5.",
    "12,5 millones", "more than 1,000", "about 40 percent", "nearly 3.5 per cent", "two dozen", "a hundred",
    "5,00", "1.000", "1,000.000,00", "$", "€", "%", "1/2", "3:45", "+44 20 7946 0958", "#1", "No. 5",
    "999,999,999,999,999,999.99", "0,001", "0.001.002", "1 000 000", "mil millones", "10k", "7bn",
]  # fmt: skip
DATES = [
    "2026-01-05", "2026-13-45", "2026-02-30", "0000-00-00", "1999-12-31T23:59:59Z", "Jan. 5", "Jan 5th",
    "5 de enero de 2026", "el martes 10 de marzo", "Monday", "last Monday", "next Friday", "since 2012",
    "the 1990s", "in 1066", "in 2099", "February 30, 2026", "31 April 2025", "March 0", "May 99",
    "yesterday", "two days ago", "hace 3 días", "hace 0 meses", "99999 days ago", "last year",
    "the end of the month", "next spring", "last winter", "early March", "mid-2024", "in late November",
    "11/03/2026", "03/11/2026", "13.03.2026", "2026/03/12", "Wednesday, January 21, 2026",
    "the night of June 3", "finales de marzo", "Sept. 31", "December 32nd, 2025", "1e9 years ago",
    "9999-12-31", "0001-01-01", "hace un año", "500 months ago", "by the end of next year",
]  # fmt: skip
QUOTES = [
    '"All of this is false," said the president.',
    '"All of this ..." said the president',
    "“Curly quotes,” she said. “And a second one.”",
    "«Guillemets», dijo el ministro. «Otra cita»",
    "»Reversed guillemets«",
    '"Unbalanced quote that never closes',
    "Closes but never opened” he said.",
    '"Nested \'single\' and “curly” quotes," he told reporters.',
    "'Single quoted statement,' the spokesman added.",
    '"" said nobody.',
    '"',
    "“",
    "”“”“”“",
    '"a" "b" "c" "d"',
    "He said: «We will never surrender». She said, 'No.'",
    '„German quotes“ sagte er.',
    "「Japanese quotes」 he said.",
    '"Quote with number 1,000 and date March 5," said Dr. Smith.',
    'According to the ministry, "everything is fine."',
    '"Ends with a question?" asked the reporter.',
]  # fmt: skip
NAMES = [
    "Mr. X", "Díaz-Canel", "Miguel Díaz-Canel Bermúdez", "Dr. Jane O'Neil-Smith", "President Biden",
    "Mrs. Ñúñez", "Sen. J. R. R. Tolkien Jr.", "al-Assad", "Xi Jinping", "محمد بن سلمان", "אברהם",
    "Владимир Путин", "Ms.", "Mr.", "The Hon. Lord X of Y", "MR. SHOUTING NAME", "von der Leyen",
    "St. Louis", "U.S.", "U.N.", "E.U.", "Ph.D.", "O'Brien", "Prof. Dr. med. Müller",
]  # fmt: skip
HTML = [
    "<p>paragraph</p>", "<script>alert(1)</script>", "<b>bold", "</div>", "<br/>", "&amp;", "&nbsp;",
    "&#x202E;", "<!-- comment -->", "<a href='javascript:x'>link</a>", "<![CDATA[ data ]]>", "<<>>",
    "<img src=x onerror=alert(1)>", "<table><tr><td>1</td></tr></table>", "<?xml version='1.0'?>", "<",
]  # fmt: skip
ODD = [
    "", " ", "\n", "\n\n\n", "\t", "\r\n", "\u200b", "\u200e", "\u200f", "\u202e", "\u2028", "\u2029",
    "\ufeff", "\x00", "\x07", "\x1b[31m", "\x85", "e\u0301\u0301\u0301", "\u0300", "Z\u0335\u0336\u0337",
    "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇸", "😀" * 50, "مرحبا بالعالم", "שלום עולם", "ٱلْعَرَبِيَّة", "नमस्ते",
    "中文新闻报道", "한국어", "…", "—", "–", "-", "•", "·", "|", "#", "*", "Q:", "A:", "FAQ",
    "By John Smith", "© Outlet 2026", "Advertisement", "Read more at https://example.com/x", "pic.twitter.com/abc",
    "?", "!", ".", ". . .", "...", "(", ")", "[", "]", "{", "}", ":", ";", ",",
]  # fmt: skip
WORDS = [
    "the", "government", "said", "police", "killed", "people", "not", "never", "reportedly", "injured",
    "according", "to", "officials", "on", "in", "ministry", "announced", "protest", "strike", "workers",
    "will", "meet", "after", "denied", "charged", "with", "any", "offence", "more", "than", "about",
]  # fmt: skip
SENTENCE_TEMPLATES = [
    "{name} said {number} people were killed on {date}.",
    "Police said {number} protesters were arrested {date}.",
    "{name} told reporters that the ministry had {neg} approved {number} in aid since {date}.",
    "The government reportedly spent {number} on the project in {date}, {name} said.",
    "{quote} {name} said on {date}.",
    "According to {name}, more than {number} workers went on strike {date}.",
    "{name}, {number}, was {neg} charged with any offence on {date}.",
    "The storm {neg} killed about {number} people and injured {number} others in {place} on {date}.",
    "{name} denied that {number} soldiers had crossed into {place} {date}.",
    "Officials in {place} said the strike will end on {date}, {name} announced.",
    "It was {number}.",
]  # fmt: skip
PLACES = ["Havana", "Gaza", "Kyiv", "São Paulo", "the port of Kastel", "New York", "القاهرة", "תל אביב"]
OUTLETS = [
    "Reuters",
    "El País",
    "BBC News",
    "Al Jazeera",
    "ΚΑΘΗΜΕΡΙΝΗ",
    "",
    " ",
    "Outlet & Co <b>",
    "🦜 News",
]
LANGUAGES = ["en", "es", "ar", "he", "zh", "EN", "en-US", "english", "xx", "", "123", "e", "zz-ZZ-zz"]


def _formatted_number(value: float, style: int) -> str:
    if style == 0:
        return f"{value:,.2f}"
    if style == 1:
        return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if style == 2:
        return f"${value:,.0f}"
    if style == 3:
        return f"€{value:.1f}m"
    if style == 4:
        return f"{value:.3g} %"
    if style == 5:
        return f"{value:e}"
    return f"{value:,.0f}".replace(",", " ")


numbers = st.one_of(
    st.sampled_from(NUMBERS),
    st.builds(
        _formatted_number,
        st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
        st.integers(0, 6),
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def _formatted_date(day: date, style: int) -> str:
    return [
        day.isoformat(),
        day.strftime("%B %d, %Y"),
        day.strftime("%b. %d"),
        day.strftime("%d %B %Y"),
        day.strftime("%A"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%A, %B %d"),
        f"{day.day} de enero de {day.year}",
    ][style]


dates = st.one_of(
    st.sampled_from(DATES),
    st.builds(_formatted_date, st.dates(), st.integers(0, 7)),
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
)
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
names = st.sampled_from(NAMES)
quotes = st.sampled_from(QUOTES)

SLOTS = {
    "number": numbers,
    "date": dates,
    "quote": quotes,
    "neg": st.sampled_from(["", "not", "never", "reportedly"]),
    "place": st.sampled_from(PLACES),
}


@st.composite
def facts(draw: st.DrawFn, cast: list[str]) -> tuple[str, dict[str, str]]:
    """A news-like sentence template with its slots filled, about one of `cast`."""
    slots = {key: draw(strategy) for key, strategy in SLOTS.items()}
    return draw(st.sampled_from(SENTENCE_TEMPLATES)), {"name": draw(st.sampled_from(cast)), **slots}


@st.composite
def retold(draw: st.DrawFn, fact: tuple[str, dict[str, str]]) -> str:
    """The fact as another outlet tells it: as given, or with one figure (number, date, ...) changed."""
    template, slots = fact
    changed = draw(st.sampled_from([None, None, *SLOTS]))
    if changed is not None:
        slots = {**slots, changed: draw(SLOTS[changed])}
    return template.format(**slots)


sentences = facts(NAMES).flatmap(retold)
SOUP = [
    '"', "“", "”", "«", "»", "‘", "’", "’s", "'s", "'", "„", "said", "told", "he", "she said", "Mr. X",
    "Díaz-Canel", "John Smith", "the minister", "the ministry", "according to", "Police", "that", ".", ",",
    "—", ":", "\n", "\n\n", "regime", "so-called", "not", "12", "$5K", "Monday", "March 5", "?", "!",
]  # fmt: skip
# Quote marks, names, speech verbs and possessives in any order: what the speaker rules rarely see.
soup = st.lists(st.sampled_from(SOUP), min_size=1, max_size=60).map(" ".join)
run_on = st.builds(
    lambda words, n: " ".join(words[i % len(words)] for i in range(n)),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    st.sampled_from([200, 1500, 3000]),
)
fragments = st.one_of(
    sentences,
    sentences,
    numbers,
    dates,
    quotes,
    names,
    st.sampled_from(HTML),
    st.sampled_from(ODD),
    soup,
    unicode_text,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
)
separators = st.sampled_from([" ", " ", "\n", "\n\n", ". ", ", ", "", "\t", " — "])


@st.composite
def texts(draw: st.DrawFn, story: list[tuple[str, dict[str, str]]]) -> str:
    """An article body: the story's facts (told as given, or with other figures), fragments, separators."""
    parts = draw(st.lists(fragments, max_size=3 if story else 14))
    for fact in story:
        if draw(st.integers(0, 4)):
            parts.insert(draw(st.integers(0, len(parts))), draw(retold(fact)))
    if draw(st.integers(0, 9)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(run_on))
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(separators))
    return "".join(out)


published = st.one_of(
    st.none(),
    dates,
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(["", "2026-03-11T07:40:00+01:00", "yesterday", "not a date", "1700000000", "0"]),
    unicode_text,
)


@st.composite
def articles(draw: st.DrawFn) -> list[dict[str, Any]]:
    """1-4 articles; most often several outlets telling one story (same people, figures that differ)."""
    story: list[tuple[str, dict[str, str]]] = []
    if draw(st.integers(0, 3)):
        cast = draw(st.lists(names, min_size=1, max_size=3))
        story = draw(st.lists(facts(cast), min_size=2, max_size=6))
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
    count = draw(st.integers(1, 4))
    out = []
    for _ in range(count):
        record: dict[str, Any] = {
            "text": draw(texts(story)),
            "source": draw(st.one_of(st.sampled_from(OUTLETS), st.none(), unicode_text)),
            "title": draw(st.one_of(st.none(), st.sampled_from(QUOTES), sentences, unicode_text)),
            "published": draw(st.one_of(st.just(day.isoformat()), published)),
            "language": draw(st.one_of(st.none(), st.sampled_from(LANGUAGES))),
        }
        if draw(st.booleans()):
            record["author"] = draw(st.one_of(names, unicode_text))
        out.append(record)
    return out


# -- the runs ----------------------------------------------------------------------------------


def _write_jsonl(records: list[dict[str, Any]], folder: Path) -> Path:
    path = folder / "articles.jsonl"
    lines = [json.dumps({"id": f"a{i}", **r}, ensure_ascii=bool(i % 2)) for i, r in enumerate(records)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _header(record: dict[str, Any]) -> str:
    lines = []
    if record.get("source"):
        lines.append(f"Source: {record['source']}")
    if record.get("published"):
        lines.append(f"Date: {record['published']}")
    if record.get("author"):
        lines.append(f"By {record['author']}")
    if record.get("title"):
        lines.append(str(record["title"]))
    return "\n".join(line.replace("\n", " ") for line in lines) + "\n\n"


def _write_folder(records: list[dict[str, Any]], folder: Path) -> Path:
    inputs = folder / "articles"
    inputs.mkdir()
    for i, record in enumerate(records):
        text = _header(record) + record["text"]
        (inputs / f"article-{i}.txt").write_bytes(text.encode("utf-8"))
    return inputs


def _check_run(source: Path, out: Path) -> None:
    result = parallax.analyze([source], out=out)
    validate_report(json.loads(result.paths["json"].read_text("utf-8")))
    assert result.report.get("failures", []) == [], result.report["failures"]
    crashed = [s for s in result.report["skipped"] if READ_FAILED in s["reason"]]
    assert not crashed, f"a reader crashed: {crashed}"


FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)


@FUZZ
@given(records=articles())
def test_generated_jsonl_articles_never_crash_the_pipeline(records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _check_run(_write_jsonl(records, folder), folder / "out")


@settings(FUZZ, max_examples=10)
@given(records=articles())
def test_generated_text_files_with_headers_never_crash_the_pipeline(records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _check_run(_write_folder(records, folder), folder / "out")
