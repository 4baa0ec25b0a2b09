"""One timeline per story: the same event merged across sources, conflicting dates flagged."""

from __future__ import annotations

import pytest

from parallax.compare.timeline import TimelineStage, build_timeline, event_classes
from parallax.model import Article, Story


def dated(
    article_id: str,
    source: str,
    text: str,
    expression: str,
    value: str | None,
    verb: str | None,
    subject: str,
) -> Article:
    """An article with one `dates` item dating the whole sentence, and one entity mention."""
    start = text.index(expression)
    s = text.index(subject)
    return Article(
        id=article_id,
        source=source,
        text=text,
        annotations={
            "dates": [
                {
                    "start": start,
                    "end": start + len(expression),
                    "text": expression,
                    "value": value,
                    "granularity": "day",
                    "sentence_start": 0,
                    "sentence_end": len(text),
                    "event": text.rstrip("."),
                    "verb": verb,
                    "event_start": 0,
                    "event_end": len(text),
                }
            ],
            "mentions": [{"start": s, "end": s + len(subject), "text": subject, "label": "PERSON"}],
        },
    )


def story_of(*articles: Article) -> tuple[Story, list[Article]]:
    from parallax.compare.entities import EntityStage

    story = Story(id="s1", article_ids=[a.id for a in articles])
    EntityStage()(story, articles)
    return story, list(articles)


def test_event_classes_come_from_the_data_file() -> None:
    assert event_classes()["detain"] == event_classes()["arrest"] == "arrest"


def test_same_event_same_day_is_one_entry_with_every_source() -> None:
    a = dated(
        "a1",
        "Wire",
        "Radomir Breznik was detained on Tuesday.",
        "on Tuesday",
        "2026-03-10",
        "detain",
        "Radomir Breznik",
    )
    b = dated(
        "b1",
        "Daily",
        "Police arrested Radomír Brezník on March 10.",
        "on March 10",
        "2026-03-10",
        "arrest",
        "Radomír Brezník",
    )
    story, articles = story_of(a, b)
    timeline = build_timeline(story, articles)
    assert len(timeline) == 1
    entry = timeline[0]
    assert entry["sources"] == ["Daily", "Wire"] and entry["article_ids"] == ["a1", "b1"]
    assert entry["expressions"] == ["on March 10", "on Tuesday"] and entry["disagrees_with"] == []
    assert [ev["text"] for ev in entry["evidence"]] == [a.text, b.text]


def test_same_event_on_different_days_is_two_entries_that_disagree() -> None:
    a = dated(
        "a1",
        "Wire",
        "Radomir Breznik was detained on Tuesday.",
        "on Tuesday",
        "2026-03-10",
        "detain",
        "Radomir Breznik",
    )
    b = dated(
        "b1", "State TV", "Brezník was arrested on Monday.", "on Monday", "2026-03-09", "arrest", "Brezník"
    )
    c = dated("c1", "Blog", "Brezník was freed on Thursday.", "on Thursday", "2026-03-12", "free", "Brezník")
    story, articles = story_of(a, b, c)
    TimelineStage()(story, articles)
    dates = [e["date"] for e in story.timeline]
    assert dates == ["2026-03-09", "2026-03-10", "2026-03-12"]
    assert story.timeline[0]["disagrees_with"] == [1] and story.timeline[1]["disagrees_with"] == [0]
    assert story.timeline[2]["disagrees_with"] == []  # a release is another event, not a conflict


def test_different_people_on_different_days_do_not_disagree() -> None:
    a = dated(
        "a1",
        "Wire",
        "Radomir Breznik was detained on Tuesday.",
        "on Tuesday",
        "2026-03-10",
        "detain",
        "Radomir Breznik",
    )
    b = dated(
        "b1",
        "Daily",
        "Jelena Sabo was detained on Wednesday.",
        "on Wednesday",
        "2026-03-11",
        "detain",
        "Jelena Sabo",
    )
    story, articles = story_of(a, b)
    assert [e["disagrees_with"] for e in build_timeline(story, articles)] == [[], []]


def test_unresolved_dates_and_datelines_stay_out() -> None:
    undated = dated("a1", "Blog", "Brezník was detained on Tuesday.", "on Tuesday", None, "detain", "Brezník")
    header = dated("b1", "Wire", "March 12, 2026 — Wire", "March 12, 2026", "2026-03-12", None, "Wire")
    story, articles = story_of(undated, header)
    assert build_timeline(story, articles) == []


def test_an_undated_day_and_month_takes_the_story_year() -> None:
    from parallax.annotate.dates import find_dates

    blog = Article(id="b1", source="Blog", text="Brezník was detained on March 10 at dawn.")
    blog.annotations["dates"] = find_dates(blog.text, None)
    assert (
        blog.annotations["dates"][0]["value"] is None
        and blog.annotations["dates"][0]["month_day"] == "--03-10"
    )
    blog.annotations["dates"][0].update({"verb": "detain", "event_start": 0, "event_end": len(blog.text)})
    blog.annotations["mentions"] = [{"start": 0, "end": 7, "text": "Brezník", "label": "PERSON"}]
    wire = dated(
        "a1",
        "Wire",
        "Radomir Breznik was detained on Tuesday.",
        "on Tuesday",
        "2026-03-10",
        "detain",
        "Radomir Breznik",
    )
    wire.published = "2026-03-12"
    story, articles = story_of(wire, blog)
    timeline = build_timeline(story, articles)
    assert [(e["date"], e["article_ids"]) for e in timeline] == [("2026-03-10", ["a1", "b1"])]


@pytest.mark.models
def test_sample_strike_timeline_flags_the_arrest_date_conflict(sample_dir) -> None:
    from parallax.eval.who import analysed

    _, _, stories = analysed(sample_dir)
    timeline = stories["velmar-port-strike"].timeline
    assert timeline and all(e["evidence"] and e["sources"] for e in timeline)
    monday = [i for i, e in enumerate(timeline) if e["date"] == "2026-03-09" and "detained" in e["event"]]
    assert monday, [e["event"] for e in timeline]
    conflict = timeline[monday[0]]
    assert conflict["sources"] == ["Estravia Today"]
    other = timeline[conflict["disagrees_with"][0]]
    assert other["date"] == "2026-03-10" and len(other["sources"]) >= 3


def test_participants_are_found_by_any_long_alias_as_a_whole_word_only() -> None:
    from parallax.compare.timeline import _ActorNames

    story = Story(id="s1", article_ids=[])
    story.entities = [
        {"id": "p1", "type": "PERSON", "name": "Ilse Marrow", "aliases": ["Marrow", "@imarrow"]},
        {"id": "o1", "type": "ORG", "name": "Port Authority", "aliases": ["PA"]},
        {"id": "g1", "type": "GPE", "name": "Vale", "aliases": []},
    ]
    actors = _ActorNames(story)
    # places are not actors
    assert actors.named_in("Marrow met the Port Authority in Vale.", set()) == {"p1", "o1"}
    assert actors.named_in("Marrowby said so, as did @imarrow.", set()) == {"p1"}  # whole words; a handle
    assert actors.named_in("The PA said so.", {"p1"}) == {"p1"}  # short aliases never match; given ids kept
    assert actors.named_in("The Port said so.", set()) == set()  # a first word alone is not the name
