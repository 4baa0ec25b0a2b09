"""One timeline per story: dated events, merged across sources, with disagreements marked.

Each resolved date in the `dates` layer dates a clause (its main verb and the entities in it).
Two datings are the same event when their verbs are of one event class (`data/event_verbs.tsv`:
"detained" and "arrested" are both an arrest) and they share an entity or both name none; the
same event on the same date from several sources is one entry listing them all. The same event
put on different days by different sources gives two entries naming each other in
`disagrees_with`. Expressions the article could not resolve (no publication date) are left out,
except a day and month ("March 10"), which takes the year all the story's dated articles share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Any

from parallax.annotate.names import DATA_DIR, fold, speech_verbs
from parallax.compare.basics import independent
from parallax.compare.entities import mention_index
from parallax.compare.outlets import outlet_labels
from parallax.model import Article, Story

GENERIC_VERBS = {"be", "have", "do", "make", "get", "go", "come", "become", "say", "tell"}


@lru_cache(maxsize=1)
def event_classes() -> dict[str, str]:
    """Verb lemma -> event class, from the user-extensible data file."""
    classes: dict[str, str] = {}
    for line in (DATA_DIR / "event_verbs.tsv").read_text("utf-8").splitlines():
        cells = line.split("\t")
        if line.strip() and not line.startswith("#") and len(cells) >= 2:
            classes[fold(cells[0].strip())] = cells[1].strip()
    return classes


@dataclass
class Dating:
    article: Article
    item: dict[str, Any]
    event_class: str | None
    participants: set[str]


@dataclass
class Entry:
    date: str
    granularity: str
    event_class: str | None
    datings: list[Dating] = field(default_factory=list)

    @property
    def participants(self) -> set[str]:
        return set().union(*(d.participants for d in self.datings)) if self.datings else set()


def _event_class(verb: str | None) -> str | None:
    if not verb:
        return None
    verb = fold(verb)
    return event_classes().get(verb, verb)


def _same_event(entry: Entry, dating: Dating) -> bool:
    if entry.event_class is None or dating.event_class is None:
        return False
    if entry.event_class != dating.event_class:
        return False
    if not entry.participants or not dating.participants:
        return True  # "released on Thursday afternoon" with no name: the story's release that day
    return bool(entry.participants & dating.participants)


def _is_header(article: Article, item: dict[str, Any]) -> bool:
    """A dateline or byline ("March 12, 2026 — Outlet", "Published 13 March 2026"): no event."""
    line_start = article.text.rfind("\n", 0, item["start"]) + 1
    line_end = article.text.find("\n", item["end"])
    line = article.text[line_start : line_end if line_end >= 0 else len(article.text)]
    if article.text.count("\n", 0, line_start) >= 5 or len(line.split()) >= 15:
        return False
    bare = line.strip().lower()
    return (
        bare.startswith(("published", "updated", "by ", "date:", "posted"))
        or any(mark in line for mark in ("|", "·"))
        or bool(article.source and article.source.lower() in bare)
        or (item["end"] - item["start"]) * 5 >= 2 * len(line.strip())
    )


@lru_cache(maxsize=1 << 14)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """The alias as a whole word; compiled once (a long story has thousands, past `re`'s own cache)."""
    return re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")


_WORD_RUN = re.compile(r"\w+")


class _ActorNames:
    """The story's people and organisations by the first word of each of their names, built once.

    A clause can only contain an alias whose first word it contains, so each clause looks at a
    handful of aliases instead of every alias of the story (thousands in a long one).
    """

    def __init__(self, story: Story) -> None:
        self.ids = {e["id"] for e in story.entities if e["type"] in ("PERSON", "ORG")}
        self.by_first_word: dict[str, list[tuple[str, str]]] = {}
        self.unworded: list[tuple[str, str]] = []  # aliases that do not start with a word character
        for entity in story.entities:
            if entity["id"] not in self.ids:
                continue
            for alias in {entity["name"], *entity["aliases"]}:
                if len(alias) < 4:
                    continue
                first = _WORD_RUN.match(alias)
                target = self.by_first_word.setdefault(first.group(0), []) if first else self.unworded
                target.append((entity["id"], alias))

    def named_in(self, clause: str, found: set[str]) -> set[str]:
        """`found` and the actors an alias (long enough, as a whole word) names in `clause`."""
        found = set(found)
        words = dict.fromkeys(_WORD_RUN.findall(clause))
        candidates = chain.from_iterable(self.by_first_word.get(word, ()) for word in words)
        for entity_id, alias in chain(candidates, self.unworded):
            if entity_id not in found and alias in clause and _alias_pattern(alias).search(clause):
                found.add(entity_id)
        return found


def _participants(
    actors: _ActorNames, index: dict[str, list[tuple[int, int, str]]], article: Article, start: int, end: int
) -> set[str]:
    """People and organisations named in the dated clause, by mention or by a (long enough) alias."""
    found = {eid for s, e, eid in index.get(article.id, []) if start <= s and e <= end and eid in actors.ids}
    return actors.named_in(article.text[start:end], found)


def _story_year(articles: Sequence[Article]) -> int | None:
    """The one year every dated article of the story was published in, if there is one."""
    years = {a.published[:4] for a in articles if a.published and a.published[:4].isdigit()}
    return int(years.pop()) if len(years) == 1 else None


def _with_story_year(item: dict[str, Any], year: int | None) -> dict[str, Any]:
    """ "March 10" in an undated article takes the year of the story's other articles."""
    if item.get("value") or not item.get("month_day") or year is None:
        return item
    try:
        value = date(year, int(item["month_day"][2:4]), int(item["month_day"][5:7])).isoformat()
    except ValueError:
        return item
    return {**item, "value": value}


def _datings(story: Story, articles: Sequence[Article]) -> list[Dating]:
    index = mention_index(story.entities)
    actors = _ActorNames(story)
    year = _story_year(articles)
    out: list[Dating] = []
    for article in articles:
        for item in article.annotations.get("dates", []):
            item = _with_story_year(item, year)
            if not item.get("value") or item.get("no_event") or _is_header(article, item):
                continue
            start, end = (
                item.get("event_start", item["sentence_start"]),
                item.get("event_end", item["sentence_end"]),
            )
            people = _participants(actors, index, article, start, end)
            out.append(Dating(article, item, _event_class(item.get("verb")), people))
    return out


def build_timeline(story: Story, articles: Sequence[Article]) -> list[dict[str, Any]]:
    originals = {a.id for a in independent(articles)}
    entries: list[Entry] = []
    for dating in _datings(story, articles):
        value, granularity = dating.item["value"], dating.item["granularity"]
        target = next(
            (
                e
                for e in entries
                if e.date == value and e.granularity == granularity and _same_event(e, dating)
            ),
            None,
        )
        if target is None:
            target = Entry(value, granularity, dating.event_class)
            entries.append(target)
        target.datings.append(dating)
    entries.sort(key=lambda e: (e.date, e.granularity, e.datings[0].item["start"]))
    labels = outlet_labels(articles)  # an article without an outlet still shows, by its title
    timeline = [_entry_dict(e, originals, labels) for e in entries]
    _mark_disagreements(entries, timeline)
    return timeline


def _entry_dict(entry: Entry, originals: set[str], labels: dict[str, str]) -> dict[str, Any]:
    first = entry.datings[0].item
    evidence = []
    for d in entry.datings:
        s, e = d.item["sentence_start"], d.item["sentence_end"]
        evidence.append(d.article.evidence(s, e))
    return {
        "date": entry.date,
        "granularity": entry.granularity,
        "event": first.get("event") or first["text"],
        "expressions": sorted({d.item["text"] for d in entry.datings}),
        "sources": sorted({labels[d.article.id] for d in entry.datings if d.article.id in originals}),
        "article_ids": sorted({d.article.id for d in entry.datings}),
        "disagrees_with": [],
        "evidence": evidence,
    }


def _mark_disagreements(entries: Sequence[Entry], timeline: list[dict[str, Any]]) -> None:
    """The same event (class and a shared entity) put on different days by different sources."""
    for i, a in enumerate(entries):
        for j in range(i + 1, len(entries)):
            b = entries[j]
            if a.granularity != "day" or b.granularity != "day" or a.date == b.date:
                continue
            if a.event_class is None or a.event_class != b.event_class:
                continue
            if a.event_class in GENERIC_VERBS or a.event_class in speech_verbs():
                continue
            if not (a.participants & b.participants):
                continue
            if set(timeline[i]["sources"]) & set(timeline[j]["sources"]) or not timeline[i]["sources"]:
                continue  # one outlet dating two events of a kind is two events, not a disagreement
            timeline[i]["disagrees_with"].append(j)
            timeline[j]["disagrees_with"].append(i)


class TimelineStage:
    """Fills `story.timeline` (see docs/report-schema.md)."""

    name = "timeline"
    requires: tuple[str, ...] = ("dates", "entities")
    provides: tuple[str, ...] = ("timeline",)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        story.timeline = build_timeline(story, articles)
