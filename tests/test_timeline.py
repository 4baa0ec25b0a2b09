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


def test_an_article_without_an_outlet_is_cited_by_its_label_never_left_out() -> None:
    a = dated(
        "a1",
        "",
        "Radomir Breznik was detained on Tuesday.",
        "on Tuesday",
        "2026-03-10",
        "detain",
        "Radomir Breznik",
    )
    a.title = "Dock leader held"
    story, articles = story_of(a)
    (entry,) = build_timeline(story, articles)
    assert entry["sources"] == ["unknown outlet (Dock leader held)"]


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


def _events(text: str, published: str = "2018-03-07") -> dict[str, dict]:
    """The `dates` layer of `text` as the pipeline builds it, by expression."""
    from parallax.annotate.dates import attach_events, find_dates
    from parallax.models import spacy_pipeline

    doc = spacy_pipeline()(text)
    items = find_dates(text, published, [(s.start_char, s.end_char) for s in doc.sents])
    attach_events(items, doc)
    return {item["text"]: item for item in items}


@pytest.mark.models
def test_embedded_posts_links_and_headings_date_no_event() -> None:
    text = (
        "Port strike: what we know\n\n"
        "Timeline of the dispute in March 2018\n\n"
        "Dockers walked out on Monday after talks with the port authority collapsed.\n"
        "Why did the port authority say the talks ended on Feb. 28th?\n"
        "pic.twitter.com/Qx7Lm2Pz0a — Mara Velez (@maravelez) March 5, 2018\n"
        "https://t.co/8HkWq1ZpLs — Port Watch (@portwatch) March 6, 2018\n"
        "Reaction on Tuesday\n"
        "The union said on Tuesday that the strike would go on."
    )
    items = _events(text)
    assert items["March 5, 2018"]["no_event"] == "post" and items["March 5, 2018"]["event"] is None
    assert items["March 6, 2018"]["no_event"] in ("post", "link")
    assert items["in March 2018"]["no_event"] == "heading"
    assert (
        items["on Monday"]["event"].startswith("Dockers walked out") and "no_event" not in items["on Monday"]
    )
    assert "talks ended" in items["on Feb. 28th"]["event"], "a question in a post is still a sentence"
    story = Story(id="s1", article_ids=["a1"])
    article = Article(id="a1", text=text, source="Gazette", published="2018-03-07")
    article.annotations["dates"] = list(items.values())
    timeline = build_timeline(story, [article])
    shown = " ".join(t["event"] for t in timeline)
    assert "@" not in shown and "pic.twitter" not in shown and "t.co/" not in shown
    assert "Timeline of the dispute" not in shown and "Reaction" not in shown
    assert len(timeline) == 3, "Monday's walk-out, the talks ending, Tuesday's statement; no post dates"


@pytest.mark.models
def test_event_text_is_the_clause_the_date_belongs_to() -> None:
    items = _events(
        "The activist, in exile since 2012, spoke to reporters in Geneva on Wednesday.\n"
        "The strike, which began on March 2, has closed the port.\n"
        "According to a memo dated April 2nd, the ministry had been warned.\n"
        "Port strike enters second week\n"
        "6 March 2018\n"
        "Dockers marched through Velmar on Tuesday."
    )
    since = items["since 2012"]["event"]
    assert "exile" in since and "spoke" not in since and "2012" not in since
    assert items["on Wednesday"]["event"].endswith("spoke") and items["on Wednesday"]["verb"] == "speak"
    assert items["on March 2"]["event"] == "The strike began"
    assert items["April 2nd"]["event"] != "According" and "memo" in items["April 2nd"]["event"]
    assert items["on Tuesday"]["event"] == "Dockers marched", "the headline and dateline lines stay out"
    assert items["6 March 2018"]["no_event"] == "heading"


@pytest.mark.models
def test_a_date_in_a_coordinated_phrase_dates_that_phrase_not_the_first_verb() -> None:
    items = _events(
        "Breznik, born in the coastal town of Velmar in 1961 and at the helm of the dockers' union since 2012, "
        "met the minister."
    )
    assert items["in 1961"]["event"].endswith("born")
    since = items["since 2012"]["event"]
    assert "at the helm of" in since and "born" not in since and "2012" not in since


def test_a_date_does_not_run_across_lines() -> None:
    from parallax.annotate.dates import find_dates

    found = find_dates("Shares have risen since November\n13 analysts agree.", "2009-03-12")
    assert [d["text"] for d in found] == ["since November"]


@pytest.mark.models
def test_datelines_and_whole_posts_on_one_line_date_no_event_but_a_plain_sentence_does() -> None:
    items = _events(
        "PORTLAND, Sept. 28 (UPI) — In a short teaser for the series, the band plays a new song.\n"
        "Watch the clip before the premiere on September 30th. https://t.co/hb4WqfjJcp "
        "pic.twitter.com/P2qpm3h3Pm— Music Desk (@musicdesk) September 27, 2016\n"
        "Correction: October 2, 2016, Sunday.\n"
        "Ferries in 2014 were breaking down at a rate of two a week.\n"
        "The talks broke down on Monday - a week after they began.",
        published="2016-10-03",
    )
    assert items["Sept. 28"]["no_event"] == "dateline"
    assert (
        items["on September 30th"]["no_event"] == "post" and items["September 27, 2016"]["no_event"] == "post"
    )
    assert items["October 2, 2016"]["no_event"] == "dateline" and items["Sunday"]["no_event"] == "dateline"
    assert items["in 2014"]["event"].startswith("Ferries were breaking"), "the verb's date, not the noun's"
    assert items["on Monday"]["event"] == "The talks broke down"


@pytest.mark.models
def test_a_text_without_line_breaks_judges_each_date_by_its_sentence() -> None:
    filler = " ".join(f"Dock crews unloaded cargo ship number {n} at the eastern quay." for n in range(40))
    text = (
        "Dockers walked out on Monday after talks with the port authority collapsed. "
        + filler
        + " pic.twitter.com/Qx7Lm2Pz0a — Mara Velez (@maravelez) March 5, 2018 "
        + "The union said on Tuesday that the strike would go on."
    )
    assert "\n" not in text and len(text) > 2000
    items = _events(text)
    assert items["March 5, 2018"]["no_event"] == "post", "the post's own sentence is still a post"
    assert "no_event" not in items["on Monday"] and items["on Monday"]["event"].startswith("Dockers walked")
    assert "no_event" not in items["on Tuesday"], "one embedded post does not make the whole text a post"


def test_line_bounds_come_from_bisection_over_the_newlines() -> None:
    from parallax.annotate.dates import Lines

    text = "first line\nsecond line\n\nlast"
    lines = Lines(text)
    assert lines.of(0, 5) == (0, 10)
    assert lines.of(13, 18) == (11, 22)
    assert lines.of(25, 27) == (24, 28)
