"""Outlet names: spellings merged, outlets derived at ingest, never an article id shown as an outlet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parallax.compare.basics import StoryBasicsStage
from parallax.compare.outlets import (
    canonical_names,
    merge_outlets,
    metadata_for,
    outlet_key,
    outlet_labels,
)
from parallax.ingest import ingest
from parallax.ingest.metadata import url_host
from parallax.model import Article, Story
from parallax.store import Store
from parallax.web.views import filter_stories, outlet_choices

HEX_ID = re.compile(r"\b[0-9a-f]{16}\b")


@pytest.mark.parametrize("name", ["FOX", "Fox News", "foxnews.com", "FOX NEWS", "www.foxnews.com", "The Fox"])
def test_spellings_of_one_outlet_share_a_key(name: str) -> None:
    assert outlet_key(name) == outlet_key("Fox News")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("CNN", "CNN International"),
        ("Fox News", "Fox Business"),
        ("Estravia Today", "Open Estravia"),
        ("Telecom", "Tele"),
        ("News", "Network"),
    ],
)
def test_distinct_outlets_stay_distinct(one: str, other: str) -> None:
    assert outlet_key(one) != outlet_key(other)


def test_accents_case_and_punctuation_are_folded() -> None:
    assert (
        outlet_key("El Correo Atlántico")
        == outlet_key("EL CORREO ATLANTICO")
        == outlet_key("El-Correo Atlántico")
    )
    assert outlet_key("BBC News") == outlet_key("www.bbc.co.uk") == outlet_key("BBC")


def test_displayed_name_is_the_most_frequent_spelling_then_the_longest() -> None:
    shown = canonical_names(["FOX", "Fox News", "FOX", "CNN"])
    assert shown == {"FOX": "FOX", "Fox News": "FOX", "CNN": "CNN"}
    assert canonical_names(["FOX", "Fox News"])["FOX"] == "Fox News"  # a tie: the longest


def test_user_aliases_merge_spellings_the_rule_does_not() -> None:
    table = {"Fox News": {"country": "US", "aliases": ["FNC", "Fox News Channel"]}}
    shown = canonical_names(["FNC", "Fox News", "Fox News", "CNN"], table)
    assert shown["FNC"] == "Fox News" and shown["CNN"] == "CNN"
    assert metadata_for("FNC", table) == {"country": "US"}
    assert metadata_for("FOX", table) == {"country": "US"}
    assert metadata_for("CNN", table) == {}


def test_an_article_without_outlet_is_labelled_by_its_title_and_counts_on_its_own() -> None:
    first = Article(id="0123456789abcdef", text="Body one.", title="Bridge opens")
    second = Article(id="fedcba9876543210", text="Body two.", title="Bridge opens")
    third = Article(id="aaaaaaaaaaaaaaaa", text="Words of the body here.", path="in/notes.jsonl:3")
    labels = outlet_labels([first, second, third])
    assert len(set(labels.values())) == 3
    assert labels[first.id] == "unknown outlet (Bridge opens)"
    assert labels[third.id] == "unknown outlet (notes.jsonl:3)"
    assert not any(HEX_ID.search(label) for label in labels.values())
    assert outlet_labels([Article(id="b", text="x", source="Fox News")]) == {"b": "Fox News"}


def test_story_basics_merge_spellings_and_list_unknown_outlets_by_title() -> None:
    articles = [
        Article(id="a1", text="t", source="FOX"),
        Article(id="a2", text="t", source="Fox News"),
        Article(id="a3", text="t", source="Fox News"),
        Article(id="a4", text="t", title="Ferry strike"),
        Article(id="a5", text="t", source="FOX", duplicate_of="a1"),
    ]
    story = Story(id="s", article_ids=[a.id for a in articles])
    StoryBasicsStage()(story, articles)
    assert story.sources == ["Fox News", "unknown outlet (Ferry strike)"]
    assert {a.source for a in articles if a.source} == {"Fox News"}


def test_merge_outlets_keeps_distinct_outlets() -> None:
    articles = [
        Article(id="a", text="t", source="CNN"),
        Article(id="b", text="t", source="CNN International"),
    ]
    merge_outlets(articles, {})
    assert [a.source for a in articles] == ["CNN", "CNN International"]


def test_web_outlet_filter_merges_spellings() -> None:
    stories = [
        {"id": "s1", "sources": ["FOX", "unknown outlet (Ferry strike)"]},
        {"id": "s2", "sources": ["Fox News", "CNN"]},
        {"id": "s3", "sources": ["CNN International"]},
    ]
    assert outlet_choices(stories) == ["CNN", "CNN International", "Fox News"]
    assert [s["id"] for s in filter_stories(stories, outlet="Fox News")] == ["s1", "s2"]
    assert [s["id"] for s in filter_stories(stories, outlet="CNN")] == ["s2"]


def test_url_host() -> None:
    assert url_host("https://www.foxnews.com/politics/x") == "foxnews.com"
    assert url_host("https://m.BBC.co.uk/news") == "bbc.co.uk"
    assert url_host("https://amp.example.org/a") == "example.org"
    assert url_host("not a url") is None


def test_ingest_derives_outlets_from_url_host_and_file_name(tmp_path: Path) -> None:
    (tmp_path / "harbour-gazette-notes.txt").write_text(
        "Ferry workers walk out in Velmar\n\n"
        "Ferry workers in the fictional port of Velmar stopped work on Tuesday over a pay dispute.\n",
        "utf-8",
    )
    (tmp_path / "named.txt").write_text(
        "Source: Velmar Courier\n\nFerry services in Velmar resumed on Wednesday after a short strike.\n",
        "utf-8",
    )
    records = [
        {
            "id": "r1",
            "url": "https://www.foxnews.com/a",
            "title": "A",
            "text": "Ferry crews strike in Velmar.",
        },
        {"id": "r2", "title": "B", "text": "Ferry crews return to work in Velmar."},
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    with Store(tmp_path / "db.sqlite") as store:
        result = ingest([tmp_path], store, show_progress=False)
        assert not result.skipped
        articles = {a.id: a for a in store.iter_articles()}
    from_file = next(a for a in articles.values() if (a.path or "").endswith("harbour-gazette-notes.txt"))
    assert from_file.source == "harbour-gazette-notes"
    assert from_file.extra["source_derived"] == "file name"
    named = next(a for a in articles.values() if (a.path or "").endswith("named.txt"))
    assert named.source == "Velmar Courier" and "source_derived" not in named.extra
    assert articles["r1"].source == "foxnews.com" and articles["r1"].extra["source_derived"] == "url host"
    # A record shares its export's file name with every other record: that names no outlet.
    assert articles["r2"].source is None and "source_derived" not in articles["r2"].extra


ARTICLES = {
    "fox-upper.txt": (
        "Source: FOX\n\nTidal barrier fails at Port Olvena\n\n"
        "The tidal barrier at Port Olvena failed on Monday, flooding the lower harbour district. "
        "Harbour master Edda Voss said 300 homes were evacuated overnight. "
        "Engineers from the Olvena Water Board said the gate motors had not been serviced since 2019. "
        "Repairs are expected to take three weeks, the board said.\n"
    ),
    "fox-news.txt": (
        "Source: Fox News\n\nPort Olvena barrier breaks, harbour district flooded\n\n"
        "A tidal barrier in Port Olvena broke down on Monday and flooded the lower harbour district. "
        "Harbour master Edda Voss said 300 homes were evacuated. "
        "The Olvena Water Board said repairs would take three weeks. "
        "Residents said the alarms sounded late.\n"
    ),
    "untitled.jsonl": json.dumps(
        {
            "id": "olvena-3",
            "title": "Olvena flood: evacuations after barrier failure",
            "text": "Port Olvena's tidal barrier failed on Monday. Harbour master Edda Voss said 300 homes "
            "were evacuated from the lower harbour district. The Olvena Water Board said repairs would "
            "take three weeks.",
        }
    )
    + "\n",
}


@pytest.mark.models
def test_analyze_merges_spellings_and_shows_no_id_as_an_outlet(tmp_path: Path) -> None:
    import parallax

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, "utf-8")
    result = parallax.analyze([folder], out=tmp_path / "out")
    report = result.report
    stories = [s for s in report["stories"] if len(s["article_ids"]) > 1]
    assert stories, "the three articles should form a story"
    story = max(stories, key=lambda s: len(s["article_ids"]))
    assert len(story["article_ids"]) == 3
    sources = story["sources"]
    assert [s for s in sources if outlet_key(s) == "fox"] in (["FOX"], ["Fox News"])
    assert "unknown outlet (Olvena flood: evacuations after barrier failure)" in sources
    assert len(sources) == 2
    ids = {a["id"] for a in report["articles"]}
    shown = [
        *sources,
        *(s for c in story["claims"] for s in c.get("sources") or []),
        *(c.get("source") for c in story["single_source"]),
        *(
            s
            for c in story["contradictions"]
            for side in c.get("sides") or []
            for s in side.get("sources") or []
        ),
        *story["framing"].get("outlets", {}),
    ]
    assert not [s for s in shown if s in ids or HEX_ID.fullmatch(str(s))]
    markdown = result.paths["md"].read_text("utf-8")
    assert "unknown outlet (Olvena flood" in markdown


def test_a_file_name_that_is_an_id_or_a_counter_is_no_outlet() -> None:
    from parallax.ingest.metadata import derive_source
    from parallax.model import Article

    def derived(path: str) -> str | None:
        found = derive_source(Article(id="a", text="t", path=path))
        return found[0] if found else None

    assert derived("/in/000_cf727978da0bb46f.txt") is None  # a hash: shown, it would be an id
    assert derived("/in/20260121.txt") is None and derived("/in/a3f9c0e1.html") is None
    assert derived("/in/07_ferry-news.txt") == "ferry-news"  # a counter numbering the files goes
    assert derived("/in/cafe.txt") == "cafe" and derived("/in/reuters-2024.txt") == "reuters-2024"


def test_an_article_without_outlet_or_title_is_labelled_by_its_words_when_its_file_name_is_an_id() -> None:
    labels = outlet_labels(
        [
            Article(
                id="a",
                text="Port workers walked out at dawn on Monday in Velmar.",
                path="/in/000_cf72a978.txt",
            ),
            Article(id="b", text="Ferry fares rose.", path="/in/ferry-notes.txt"),
        ]
    )
    assert labels == {
        "a": "unknown outlet (Port workers walked out at dawn on Monday)",  # its first eight words
        "b": "unknown outlet (ferry-notes.txt)",
    }
