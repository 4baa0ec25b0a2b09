"""The web app in-process through httpx.ASGITransport, on a hand-built store (no models), plus the
store's full-text search and the pure view helpers behind the pages."""

from __future__ import annotations

import asyncio
import html
import re
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from markupsafe import escape

from parallax import api
from parallax.errors import ParallaxError
from parallax.model import Article
from parallax.store import Store
from parallax.store.migrations import MIGRATIONS
from parallax.store.store import _statements, fts_query
from parallax.web import create_app, views
from parallax.web.uploads import display_name, parse_urls, safe_filename, save_upload
from web_sample import GAZETTE, HOSTILE_IMG, HOSTILE_SCRIPT, SUMMARY_SENTENCE, WIRE, build_rich_store


def request(app: Any, method: str, url: str, **kwargs: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "web.db"
    build_rich_store(path).close()
    return path


@pytest.fixture()
def app(db: Path) -> Any:
    return create_app(db, token="")


# -- store: FTS5 migration and search -------------------------------------------------------------


def test_migration_2_backfills_existing_articles_and_triggers_follow_changes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Store(path, migrations=[m for m in MIGRATIONS if m.version == 1])
    old.add_article(
        Article(id="a1", text="The Sarn ferry sank near Kovač pier.", source="Wire", title="Ferry"), "h1"
    )
    assert old.schema_version() == 1
    old.close()
    store = Store(path)  # upgrades to the latest schema
    assert store.schema_version() >= 2
    assert [r["article_id"] for r in store.search("kovac")] == ["a1"]  # backfilled, accents folded
    store.conn.execute("UPDATE articles SET title = 'Lifeboat' WHERE id = 'a1'")
    assert [r["article_id"] for r in store.search("lifeboat")] == ["a1"]
    assert [r["title"] for r in store.search("ferry")] == ["Lifeboat"]
    store.conn.execute("DELETE FROM articles WHERE id = 'a1'")
    assert store.search("sarn") == []
    store.close()


def test_search_ranks_marks_hits_and_never_parses_user_syntax(tmp_path: Path) -> None:
    store = build_rich_store(tmp_path / "s.db")
    results = store.search("families lower quay")
    assert {r["article_id"] for r in results} == {GAZETTE.id, WIRE.id}
    for r in results:
        assert r["story_id"] == "s-quay"
        hit_words = {r["snippet"][a:b].lower() for a, b in r["hits"]}
        assert hit_words <= {"families", "lower", "quay"} and hit_words
    assert [r["article_id"] for r in store.search("North Wire")] == [WIRE.id]  # the outlet is indexed too
    assert store.search("evacuat")[0]["article_id"] == GAZETTE.id  # last word is a prefix
    for hostile in ['"', "AND (", "NEAR(a b", "*", "title:x OR", "'; DROP TABLE articles; --", ""]:
        assert isinstance(store.search(hostile), list)
    assert store.count_articles() == 3
    assert fts_query('say "hi" OR') == '"say" "hi" "OR"*'
    store.close()


def test_statement_splitter_keeps_trigger_bodies_whole() -> None:
    sql = "CREATE TABLE t (a); CREATE TRIGGER x AFTER INSERT ON t BEGIN INSERT INTO t VALUES (1); SELECT 1; END; SELECT ';'"
    parts = _statements(sql)
    assert len(parts) == 3 and parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END")
    conn = sqlite3.connect(":memory:")
    for part in parts:
        conn.execute(part)


# -- view helpers ----------------------------------------------------------------------------


def test_render_text_escapes_and_marks_exactly_the_span() -> None:
    text = "Intro. <script>alert(1)</script> Mayor Varn said it."
    start = text.index("Mayor")
    spans = [
        (start, start + len("Mayor Varn"), "a-mention a-person", "entity: PERSON"),
        (text.index("<script>"), text.index("</script>") + 9, "a-quote", 'quote "x" <b>'),
        (0, len(text) + 50, "a-claim", "claim"),  # clipped, overlapping everything
    ]
    out = str(
        views.render_text(
            text, views.annotation_spans({"claims": []}, len(text)) + spans, (start, start + 10)
        )
    )
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'quote &#34;x&#34; &lt;b&gt;"' in out and "<b>" not in out
    mark = re.search(r'<mark id="hl">(.*?)</mark>', out)
    assert mark and html.unescape(re.sub(r"<[^>]+>", "", mark.group(1))) == "Mayor Varn"
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text  # nothing lost or added


def test_annotation_spans_skip_malformed_items() -> None:
    layers = {
        "mentions": [{"start": 0, "end": 4, "label": "ORG"}, {"start": "x"}, "junk", {"start": 5, "end": 2}],
        "claims": "no",
    }
    assert views.annotation_spans(layers, 10) == [(0, 4, "a-mention a-org", "entity: ORG")]
    assert views.parse_span("12-40") == (12, 40)
    assert (
        views.parse_span("40-12") is None
        and views.parse_span("a-b") is None
        and views.parse_span(None) is None
    )


def test_eval_parser_tells_inert_pages_from_live_markup() -> None:
    from parallax.web.evaluate import _inert, _parse

    assert _inert(
        '<article id="article-text"><span class="a-claim" title="t">a &lt;b&gt;</span></article>', "a <b>"
    )
    assert not _inert('<article id="article-text">a <script>x</script></article>', "a x")
    assert not _inert('<article id="article-text"><span onclick="x">a</span></article>', "a")
    assert not _inert('<article id="article-text">a</article>', "a b")  # text lost
    assert _parse('<article id="article-text">x <mark id="hl"><span>y</span> z</mark></article>').marks == [
        "y z"
    ]


def test_charts_escape_labels_mark_disputes_and_skip_copies() -> None:
    from parallax.web.charts import coverage_svg, timeline_svg

    svg = str(
        timeline_svg(
            [
                {
                    "date": "2026-03-10",
                    "event": "<script>x</script> arrest",
                    "sources": ["A"],
                    "disagrees_with": [1],
                },
                {
                    "date": "2026-03",
                    "granularity": "month",
                    "event": "strike",
                    "sources": ["B"],
                    "disagrees_with": [],
                },
                {"date": None, "event": "undated"},
            ]
        )
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<circle") == 2 and svg.count('fill="#c0392b"') == 1
    assert str(timeline_svg([{"date": "soon", "event": "x"}])) == ""
    articles = [
        {"source": "A", "published": "2026-03-10"},
        {"source": "A", "published": "2026-03-10T08:00:00"},
        {"source": "B", "published": "2026-03-12", "duplicate_of": "x"},
        {"source": "C", "published": None},
    ]
    cover = str(coverage_svg(articles))
    assert "A: 2 articles on 2026-03-10" in cover and ">B" not in cover and "C (+1 undated)" in cover


def test_claim_matrix_cells() -> None:
    from web_sample import rich_story

    matrix = views.claim_matrix(rich_story().to_dict())
    assert matrix["outlets"] == ["Harbour Gazette", "North Wire"]
    cells = {row["claim"]["id"]: row["cells"] for row in matrix["rows"]}
    assert cells["c1"] == {"Harbour Gazette": "supports", "North Wire": "contradicts"}
    assert cells["c2"] == {"Harbour Gazette": "contradicts", "North Wire": "supports"}
    story = {"sources": ["A", "B", "C"], "claims": [{"id": "c9", "sources": ["A"]}], "contradictions": []}
    assert views.claim_matrix(story)["rows"][0]["cells"] == {"A": "supports", "B": "silent", "C": "silent"}


def test_filter_stories_by_outlet_date_and_any_entity_spelling() -> None:
    from web_sample import rich_story

    story = rich_story().to_dict()
    other = {
        "id": "x",
        "sources": ["Quiet Times"],
        "first_published": "2026-01-01",
        "last_published": "2026-01-02",
        "entities": [],
    }
    assert views.filter_stories([story, other], outlet="North Wire") == [story]
    assert views.filter_stories([story, other], date_from="2026-04-07") == [story]
    assert views.filter_stories([story, other], date_to="2026-03-01") == [other]
    assert views.filter_stories([story, other], entity="mayor varn") == [story]
    assert views.filter_stories([story, other], entity="ILSA VÁRN") == [story]  # accents and case folded
    assert views.filter_stories([story, other], entity="Kovac") == []


def test_uploads_get_safe_names_and_are_type_checked(tmp_path: Path) -> None:
    assert safe_filename("../../etc/passwd.txt", 3) == "003-passwd.txt"
    assert safe_filename("C:\\Users\\me\\..\\evil name.html", 1) == "001-evil_name.html"
    assert safe_filename("....", 2) == "002-upload"
    saved = save_upload(tmp_path, "../../x.txt", 1, b"hello")
    assert saved == tmp_path / "001" / "x.txt" and saved.read_bytes() == b"hello"  # a folder each, own name
    assert display_name("C:\\Users\\me\\Harbour notes\x07.txt") == "Harbour notes.txt"
    with pytest.raises(ParallaxError, match="not accepted"):
        save_upload(tmp_path, "run.sh", 2, b"echo")
    with pytest.raises(ParallaxError, match="binary"):
        save_upload(tmp_path, "image.txt", 3, b"\x89PNG\x00\x00")
    assert parse_urls("https://a.example/x\n\n# note\nhttp://b.example/feed.xml") == [
        "https://a.example/x",
        "http://b.example/feed.xml",
    ]
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x.example/a", "https://"):
        with pytest.raises(ParallaxError, match="not an http"):
            parse_urls(bad)


# -- JSON API -----------------------------------------------------------------------------------


def test_api_story_is_the_report_story(app: Any, db: Path) -> None:
    with api.open_store(db) as store:
        report = api.build_report(store, ["s-quay"])
    got = request(app, "GET", "/api/stories/s-quay")
    assert got.status_code == 200
    assert got.json() == report["stories"][0]
    rows = request(app, "GET", "/api/stories").json()
    assert [r["id"] for r in rows] == ["s-quay", "s-empty"]
    assert rows[0]["contradictions"] == 1 and rows[0]["articles"] == 2 and rows[0]["outlets"] == 2
    assert [r["id"] for r in request(app, "GET", "/api/stories", params={"entity": "varn"}).json()] == [
        "s-quay"
    ]
    assert [
        r["id"] for r in request(app, "GET", "/api/stories", params={"outlet": "Quiet Times"}).json()
    ] == ["s-empty"]
    missing = request(app, "GET", "/api/stories/nope")
    assert missing.status_code == 404 and "no story" in missing.json()["detail"]


def test_api_article_search_report_and_openapi(app: Any, db: Path) -> None:
    article = request(
        app, "GET", "/api/articles/" + WIRE.id.replace("/", "%2F")
    ).json()  # ids may hold slashes
    with api.open_store(db) as store:
        report_article = next(a for a in api.build_report(store)["articles"] if a["id"] == WIRE.id)
    assert {k: article[k] for k in report_article} == report_article
    assert article["text"] == WIRE.text and "loaded_terms" in article["annotations"]
    found = request(app, "GET", "/api/search", params={"q": "rebuild"}).json()
    assert [r["article_id"] for r in found["results"]] == [GAZETTE.id]
    assert request(app, "GET", "/api/report").json()["schema"] == "parallax.report/1"
    schema = request(app, "GET", "/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/search", "/api/ingest"} <= set(schema["paths"])
    assert request(app, "GET", "/api/articles/missing").status_code == 404


# -- pages --------------------------------------------------------------------------------------


def test_stories_page_lists_filters_and_searches(app: Any) -> None:
    page = request(app, "GET", "/")
    assert page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]
    assert "Lower Quay evacuated" in page.text and "Nothing much happened" in page.text
    filtered = request(app, "GET", "/", params={"outlet": "Quiet Times"}).text
    assert "Nothing much happened" in filtered and "/stories/s-quay" not in filtered
    searched = request(app, "GET", "/", params={"q": "rebuild"}).text
    assert "<mark>rebuild</mark>" in searched and "/articles/hg-001" in searched
    hostile = request(app, "GET", "/", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in hostile and "&lt;script&gt;alert(1)" in hostile


def test_story_page_shows_every_section_with_citations(app: Any) -> None:
    page = request(app, "GET", "/stories/s-quay").text
    for section in (
        "summary",
        "contradictions",
        "claims",
        "single-source",
        "entities",
        "quotes",
        "timeline",
        "framing",
        "coverage",
    ):
        assert f'<section id="{section}">' in page
    start = GAZETTE.text.index(SUMMARY_SENTENCE)
    href = f"/articles/hg-001?hl={start}-{start + len(SUMMARY_SENTENCE)}#hl"
    assert f'class="cite" href="{href}"' in page
    assert "✘ contradicts" in page and "✔ supports" in page  # the claim matrix
    assert "Mayor Varn" in page and "unknown speaker" in page  # aliases; a quote with no speaker
    assert page.count("<svg") == 2 and 'fill="#c0392b"' in page  # timeline (disputed date in red) + coverage
    assert (
        '<mark class="loaded-own">regime</mark>' in page
        and '<mark class="loaded-quoted">disgrace</mark>' in page
    )
    assert "none found" not in page.split('<section id="coverage">')[0]


def test_counts_agree_with_their_nouns() -> None:
    assert [views.plural(n, "contradiction") for n in (0, 1, 2)] == [
        "0 contradictions",
        "1 contradiction",
        "2 contradictions",
    ]
    assert views.plural(1, "story") == "1 story" and views.plural(3, "story") == "3 stories"
    assert views.plural(2, "entity") == "2 entities" and views.plural(2, "copy") == "2 copies"


def test_story_page_lays_the_headlines_side_by_side_and_counts_in_words(app: Any) -> None:
    page = request(app, "GET", "/stories/s-quay").text
    cards = re.findall(
        r'<a class="headline" href="([^"]+)"><span class="h-outlet">([^<]+)</span><span class="h-title">([^<]+)</span>',
        page,
    )
    assert [(outlet, html.unescape(title)) for _, outlet, title in cards] == [
        ("Harbour Gazette", GAZETTE.title),
        ("North Wire", WIRE.title),
    ]
    assert cards[1][0] == views.article_href(WIRE.id)
    assert "· 1 contradiction ·" in page and "1 contradictions" not in page
    assert "2 articles · 2 outlets" in page
    lone = request(app, "GET", "/stories/s-empty").text
    assert "1 article · 1 outlet · 0 contradictions" in lone
    assert "1 story" not in request(app, "GET", "/").text and "2 stories" in request(app, "GET", "/").text


def _outlets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: dict[str, Any]) -> None:
    import json

    path = tmp_path / "outlets.json"
    path.write_text(json.dumps(table), "utf-8")
    monkeypatch.setenv("PARALLAX_OUTLETS", str(path))


def test_coverage_by_leaning_names_the_side_that_misses_the_story(
    app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _outlets_file(
        tmp_path,
        monkeypatch,
        {
            "The Harbour Gazette": {"leaning": "left"},  # a spelling of "Harbour Gazette"
            "North Wire": {"leaning": "centre", "aliases": ["NW"]},
            "Quiet Times": {"leaning": "right"},
            "Nobody's Paper": {"country": "Aldermark"},
        },
    )
    coverage = request(app, "GET", "/api/stories/s-quay/leanings").json()
    assert [(s["leaning"], s["articles"], s["outlets"]) for s in coverage["sides"]] == [
        ("left", 1, ["Harbour Gazette"]),
        ("centre", 1, ["North Wire"]),
        ("right", 0, []),
    ]
    assert coverage["blindspots"] == ["right"] and coverage["unlabelled"]["articles"] == 0
    page = request(app, "GET", "/stories/s-quay").text
    blindspot = re.search(r'<p class="blindspot" id="blindspot">(.*?)</p>', page, re.S)
    assert blindspot and re.sub(r"<[^>]+>", "", blindspot.group(1)).endswith("you marked right.")
    widths = [
        float(w) for w in re.findall(r'<rect class="side-\d" x="[\d.]+%" y="0" width="([\d.]+)%"', page)
    ]
    assert widths == [50.0, 50.0]
    lone = request(app, "GET", "/stories/s-empty").text  # one side covers it: the other two are missed
    assert "you marked <b>left</b>, <b>centre</b>." in lone

    _outlets_file(tmp_path, monkeypatch, {"Quiet Times": {"country": "Aldermark"}})
    page = request(app, "GET", "/stories/s-quay").text  # no leaning anywhere: say how to add one
    assert 'id="no-leanings"' in page and "blindspot" not in page
    (tmp_path / "outlets.json").write_text("[1, 2]", "utf-8")
    broken = request(app, "GET", "/stories/s-quay")
    assert broken.status_code == 200 and "Coverage by leaning is not shown" in broken.text
    assert request(app, "GET", "/api/stories/s-quay/leanings").status_code == 400
    assert request(app, "GET", "/api/stories/nope/leanings").status_code == 404


def test_edit_endpoints_refuse_bad_requests_before_touching_the_store(db: Path) -> None:
    app = create_app(db, token="")
    assert request(app, "POST", "/api/stories/merge", json={"stories": ["s-quay"]}).status_code == 422
    one = request(app, "POST", "/api/stories/merge", json={"stories": ["s-quay", "s-quay"]})
    assert one.status_code == 400 and "two or more" in one.json()["detail"]
    assert request(app, "POST", "/api/stories/merge", json={"stories": ["s-quay", "nope"]}).status_code == 404
    every = request(app, "POST", "/api/stories/s-quay/split", json={"articles": [GAZETTE.id, WIRE.id]})
    assert every.status_code == 400 and "at least one article" in every.json()["detail"]
    other = request(app, "POST", "/api/stories/s-quay/split", json={"articles": ["lone-1"]})
    assert other.status_code == 400 and "not in story" in other.json()["detail"]
    nothing = request(app, "POST", "/stories/merge", data={})  # the list page's form with nothing checked
    assert nothing.status_code == 400 and "two or more" in nothing.text
    guarded = create_app(db, token="s3cret")
    body = {"stories": ["s-quay", "s-empty"]}
    assert request(guarded, "POST", "/api/stories/merge", json=body).status_code == 401
    assert (
        request(guarded, "POST", "/stories/merge", data={"stories": ["s-quay", "s-empty"]}).status_code == 401
    )
    cross = request(app, "POST", "/stories/merge", data=body, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    assert request(app, "GET", "/api/story-edits").json() == []
    with Store(db) as store:
        assert sorted(store.story_ids()) == ["s-empty", "s-quay"]
    page = request(app, "GET", "/stories/s-quay").text  # the forms, each asking first (CSP-safe)
    assert 'id="split-form"' in page and 'id="merge-form"' in page and page.count("data-confirm=") >= 4
    assert '<option value="s-empty">' in page and 'form="split-form"' in page
    assert 'form="merge-stories"' in request(app, "GET", "/").text


@pytest.mark.models
def test_merge_and_split_from_the_web_app_are_recorded_and_reanalysed(db: Path) -> None:
    app = create_app(db, token="")
    merged = request(app, "POST", "/stories/merge", data={"stories": ["s-quay", "s-empty"]})
    assert merged.status_code == 303 and merged.headers["location"].endswith("?edited=merged")
    merged_id = merged.headers["location"].split("/stories/")[1].split("?")[0]
    story = request(app, "GET", f"/api/stories/{merged_id}").json()
    assert sorted(story["article_ids"]) == sorted([GAZETTE.id, WIRE.id, "lone-1"])
    assert sorted(story["sources"]) == ["Harbour Gazette", "North Wire", "Quiet Times"]  # analysed again
    assert "Stories merged into this one" in request(app, "GET", merged.headers["location"]).text

    split = request(app, "POST", "/api/stories/" + merged_id + "/split", json={"articles": ["lone-1"]})
    assert split.status_code == 200
    moved, staying = split.json()["story_id"], split.json()["remaining_story_id"]
    assert request(app, "GET", f"/api/stories/{moved}").json()["article_ids"] == ["lone-1"]
    rest = request(app, "GET", f"/api/stories/{staying}").json()
    assert sorted(rest["article_ids"]) == sorted([GAZETTE.id, WIRE.id]) and rest["sources"]
    assert [e["kind"] for e in request(app, "GET", "/api/story-edits").json()] == ["merge", "split"]
    with Store(db) as store:
        assert store.story_ids(stale_only=True) == []


def test_empty_story_says_none_found_for_each_section(app: Any) -> None:
    page = request(app, "GET", "/stories/s-empty").text
    assert page.count("none found") >= 8
    assert request(app, "GET", "/stories/missing").status_code == 404


def test_article_page_highlights_the_cited_span_and_escapes_hostile_text(app: Any) -> None:
    phrase = "Officials said 120 families left Lower Quay on Sunday."
    start = WIRE.text.index(phrase)
    page = request(app, "GET", f"/articles/{WIRE.id}", params={"hl": f"{start}-{start + len(phrase)}"}).text
    mark = re.search(r'<mark id="hl">(.*?)</mark>', page, re.S)
    assert mark and html.unescape(re.sub(r"<[^>]+>", "", mark.group(1))) == phrase
    assert HOSTILE_SCRIPT not in page and HOSTILE_IMG not in page
    assert str(escape(HOSTILE_SCRIPT)) in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert "a-loaded-quoted" in page and "North Wire" in page
    plain = request(app, "GET", f"/articles/{GAZETTE.id}", params={"plain": "1"}).text
    assert "a-mention" not in plain.split('id="article-text"')[1]


def test_add_page_and_write_endpoint_guards(db: Path) -> None:
    guarded = create_app(db, token="s3cret")
    assert 'name="token"' in request(guarded, "GET", "/add").text
    files = {"files": ("note.txt", b"A short fictional note about the Sarn river.", "text/plain")}
    assert request(guarded, "POST", "/api/ingest", files=files).status_code == 401
    assert (
        request(
            guarded, "POST", "/api/ingest", files=files, headers={"Authorization": "Bearer wrong"}
        ).status_code
        == 401
    )
    other_site = request(
        guarded,
        "POST",
        "/add",
        files=files,
        data={"token": "s3cret"},
        headers={"Origin": "https://evil.example"},
    )
    assert other_site.status_code == 403
    bad_type = request(
        guarded,
        "POST",
        "/api/ingest",
        files={"files": ("x.exe", b"MZ", "application/octet-stream")},
        headers={"Authorization": "Bearer s3cret"},
    )
    assert bad_type.status_code == 400 and "not accepted" in bad_type.json()["detail"]
    bad_url = request(guarded, "POST", "/api/ingest", data={"urls": "file:///etc/passwd", "token": "s3cret"})
    assert bad_url.status_code == 400
    nothing = request(guarded, "POST", "/add", data={"token": "s3cret"})
    assert nothing.status_code == 400 and "nothing to ingest" in nothing.text
    assert request(guarded, "GET", "/api/ingest/nope").status_code == 404


def test_add_page_explains_the_text_header_with_examples_that_read_as_it_says(app: Any) -> None:
    from parallax.ingest.textheader import parse_header

    page = request(app, "GET", "/add").text
    assert 'id="header-help"' in page
    for example in ("header-example-keys", "header-example-page"):
        text = html.unescape(
            re.search(rf'<pre class="example" id="{example}">(.*?)</pre>', page, re.S).group(1)
        )
        header = parse_header(text)
        assert header.fields["source"] == "Harbour Gazette", example
        assert header.fields["title"] == "Lower Quay evacuated as the Sarn river rises"
        assert header.fields["published"] == "2026-04-06" and header.fields["author"] == "Mira Olund"
        assert text[header.body_start :].strip().startswith("Mayor Ilsa Varn said")


def test_a_job_page_links_the_stories_it_changed_and_shows_no_server_path(app: Any) -> None:
    from parallax.web.jobs import IngestJob

    job = IngestJob(
        id="j1",
        inputs=["/tmp/parallax-upload-x/001/ferry.txt"],
        step="done",
        status="done",
        added=[GAZETTE.id],
        stories_changed=["s-quay", "s-gone"],  # a story absorbed since is left out
        skipped=[{"path": "notes.txt", "line": None, "reason": "empty file"}],
    )
    app.state.jobs._jobs[job.id] = job
    page = request(app, "GET", "/add?job=j1").text
    links = re.search(r'<ul class="changed-stories" id="changed-stories">(.*?)</ul>', page, re.S)
    assert links and re.findall(r'href="([^"]+)"', links.group(1)) == ["/stories/s-quay"]
    assert "Added 1 article, 0 already stored, 1 skipped; 2 stories changed." in page
    assert "parallax-upload" not in page and "/tmp/" not in page


def test_token_from_the_environment_and_upload_size_cap(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import parallax.web.uploads as uploads

    monkeypatch.setenv("PARALLAX_TOKEN", "from-env")
    guarded = create_app(db)
    note = {"files": ("note.txt", b"twelve bytes", "text/plain")}
    assert request(guarded, "POST", "/api/ingest", files=note).status_code == 401
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 11)
    too_big = request(
        guarded, "POST", "/api/ingest", files=note, headers={"Authorization": "Bearer from-env"}
    )
    assert too_big.status_code == 400 and "larger than the upload limit" in too_big.json()["detail"]


def test_allowed_hosts_refuse_a_rebound_domain(db: Path) -> None:
    from parallax.web.cli import is_loopback

    local = create_app(db, token="", allowed_hosts=["127.0.0.1", "localhost"])
    assert request(local, "GET", "/api/stories").status_code == 200
    assert request(local, "GET", "/api/stories", headers={"Host": "attacker.example"}).status_code == 400
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_pages_never_fetch_from_elsewhere(app: Any) -> None:
    for url in ("/", "/stories/s-quay", f"/articles/{GAZETTE.id}", "/add", "/api"):
        page = request(app, "GET", url)
        assert page.status_code == 200, url
        assert not re.search(r'(src|href)="(https?:)?//', page.text), url
    css = request(app, "GET", "/static/app.css")
    assert css.status_code == 200 and "@import" not in css.text and "url(" not in css.text
    for traversal in ("/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fcli.py"):
        assert request(app, "GET", traversal).status_code == 404, traversal


@pytest.mark.models
def test_upload_is_ingested_and_joins_a_story(tmp_path: Path) -> None:
    db = tmp_path / "ingest.db"
    app = create_app(db, token="")
    text = (
        "Ferry service on the Sarn resumes\n\n"
        "The Sarn ferry resumed service on Tuesday after the river fell, the harbour master said. "
        '"The channel is safe again," said harbour master Odo Prell.'
    )
    response = request(
        app, "POST", "/api/ingest", files={"files": ("../ferry.txt", text.encode(), "text/plain")}
    )
    assert response.status_code == 202
    job_id = response.json()["id"]
    app.state.jobs.wait(120)
    status = request(app, "GET", f"/api/ingest/{job_id}").json()
    assert status["status"] == "done", status
    assert len(status["added"]) == 1 and status["stories_changed"]
    with Store(db) as store:
        article = store.get_article(status["added"][0])
        assert "harbour master Odo Prell" in article.text and store.story_of(article.id)
        assert article.path == "ferry.txt"  # the user's name for the file, never where the server kept it
        assert article.source == "ferry" and article.extra.get("source_derived") == "file name"
    job_page = request(app, "GET", f"/add?job={job_id}").text
    assert f'href="{views.story_href(status["stories_changed"][0])}"' in job_page
    article_page = request(app, "GET", views.article_href(article.id)).text
    for shown in (job_page, article_page, request(app, "GET", f"/api/ingest/{job_id}").text):
        assert "parallax-upload" not in shown and "/tmp/" not in shown
    found = request(app, "GET", "/api/search", params={"q": "prell"}).json()["results"]
    assert [r["article_id"] for r in found] == [article.id]


@pytest.mark.models
def test_a_failing_upload_does_not_poison_later_ones_and_an_article_can_be_removed(
    tmp_path: Path, fragile_claims: Any
) -> None:
    db = tmp_path / "jobs.db"
    app = create_app(db, token="")
    odd = b"Odd ferry note\n\nMARKER The Sarn ferry carried 40 cars on Monday, the operator said."
    fine = b"Ferry on the Sarn\n\nThe Sarn ferry resumed service on Tuesday after the river fell."
    statuses = []
    for name, body in (("odd.txt", odd), ("fine.txt", fine)):
        response = request(app, "POST", "/api/ingest", files={"files": (name, body, "text/plain")})
        app.state.jobs.wait(120)
        statuses.append(request(app, "GET", f"/api/ingest/{response.json()['id']}").json())
    first, second = statuses
    assert first["status"] == "done" and len(first["added"]) == 1
    assert [(f["kind"], f["stage"]) for f in first["failures"]] == [("article", "claims")]
    assert second["status"] == "done" and second["failures"] == [] and len(second["added"]) == 1
    odd_id = first["added"][0]
    job_page = request(app, "GET", f"/add?job={first['id']}").text
    assert "stage claims failed on article" in job_page and views.article_href(odd_id) in job_page
    assert "A stage failed on 1 item" in request(app, "GET", "/").text
    article_page = request(app, "GET", views.article_href(odd_id)).text
    assert "Stage claims failed on this article" in article_page and "Remove this article" in article_page

    guarded = create_app(db, token="s3cret")
    assert request(guarded, "DELETE", f"/api/articles/{odd_id}").status_code == 401
    removed = request(app, "POST", views.article_href(odd_id) + "/remove")
    assert removed.status_code == 303
    assert request(app, "GET", f"/api/articles/{odd_id}").status_code == 404
    assert "A stage failed" not in request(app, "GET", "/").text
    fine_id = second["added"][0]
    gone = request(app, "DELETE", f"/api/articles/{fine_id}")
    assert gone.status_code == 200 and gone.json()["removed"] == fine_id
    assert request(app, "DELETE", f"/api/articles/{fine_id}").status_code == 404
    with Store(db) as store:
        assert store.count_articles() == 0 and store.story_ids() == []
