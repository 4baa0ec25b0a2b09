"""The report in its three forms: schema-valid JSON, self-contained escaped HTML, Markdown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from parallax.model import STORY_SECTIONS, Article, Story
from parallax.report import build_report, validate_report, write_report
from parallax.store import Store

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _store_with_hostile_story(tmp_path: Path) -> Store:
    store = Store(tmp_path / "p.db")
    text = f"Headline {HOSTILE} body text."
    store.add_article(Article(id="a1", text=text, source=f"Outlet {HOSTILE}", title=HOSTILE), "h1")
    story = Story(id="s1", article_ids=["a1"], title=HOSTILE, sources=[f"Outlet {HOSTILE}"])
    story.quotes.append(
        {
            "text": HOSTILE,
            "speaker": HOSTILE,
            "evidence": [{"article_id": "a1", "start": 9, "end": 9 + len(HOSTILE), "text": HOSTILE}],
        }
    )
    store.save_story(story)
    return store


def test_hand_built_report_validates_and_escapes(tmp_path: Path) -> None:
    with _store_with_hostile_story(tmp_path) as store:
        report = build_report(store)
    validate_report(report)
    paths = write_report(report, tmp_path / "out")
    html = paths["html"].read_text("utf-8")
    assert "<script>" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), (
        "report.html must not load external assets"
    )
    md = paths["md"].read_text("utf-8")
    assert "<script>" not in md
    assert json.loads(paths["json"].read_text("utf-8")) == report


def test_schema_rejects_items_without_evidence(tmp_path: Path) -> None:
    with _store_with_hostile_story(tmp_path) as store:
        report = build_report(store)
    report["stories"][0]["quotes"][0]["evidence"] = []
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)
    report["stories"][0]["quotes"][0].pop("evidence")
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)


def test_report_lists_every_story_section(tmp_path: Path) -> None:
    with _store_with_hostile_story(tmp_path) as store:
        story = build_report(store)["stories"][0]
    assert set(STORY_SECTIONS) <= set(story)


def _check_evidence(report: dict, texts: dict[str, str]) -> int:
    """Every evidence span in the report points at exactly the text it claims."""
    checked = 0

    def walk(node: object) -> None:
        nonlocal checked
        if isinstance(node, dict):
            if {"article_id", "start", "end"} <= set(node) and isinstance(node.get("start"), int):
                text = texts[node["article_id"]]
                assert 0 <= node["start"] <= node["end"] <= len(text)
                if "text" in node:
                    assert text[node["start"] : node["end"]] == node["text"]
                checked += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(report["stories"])
    return checked


@pytest.mark.models
def test_seeds_analyse_into_a_valid_report(analyzed_seeds) -> None:
    result, out = analyzed_seeds
    report = json.loads((out / "report.json").read_text("utf-8"))
    validate_report(report)
    assert report["schema"] == "parallax.report/1"
    assert len(report["articles"]) == 5
    with Store(result.db) as store:
        texts = {a.id: a.text for a in store.iter_articles(annotations=False)}
    _check_evidence(report, texts)


@pytest.mark.models
def test_sample_corpus_report_is_valid_and_traceable(analyzed_sample) -> None:
    result, out = analyzed_sample
    report = json.loads((out / "report.json").read_text("utf-8"))
    validate_report(report)
    assert report["skipped"], "the sample corpus has deliberately broken files"
    with Store(result.db) as store:
        texts = {a.id: a.text for a in store.iter_articles(annotations=False)}
    _check_evidence(report, texts)
    html = (out / "report.html").read_text("utf-8")
    assert "<script>alert" not in html


def _framing_story() -> dict[str, object]:
    def term(word: str, source: str | None, article: str, voice: str) -> dict[str, object]:
        evidence = [{"article_id": article, "start": 0, "end": 4, "text": f"sentence with {word}"}]
        return {"term": word, "source": source, "article_id": article, "voice": voice, "category": "x",
                "speaker": "Ana Ruiz" if voice == "quoted" else None, "evidence": evidence}  # fmt: skip

    profile = {"loaded_rate_own": 0.01, "quoted_share": 0.5, "subjectivity": 0.2, "tone": {}, "metadata": {}}
    story = Story(
        id="s1", article_ids=["a1", "a2", "a3"], title="A story", sources=["Alpha", "Beta"]
    ).to_dict()
    return {
        **story,
        "claims": [{"id": "c1", "text": "The port closed.", "sources": ["Alpha"]}],
        "framing": {
            "outlets": {"Alpha": profile, "Beta": profile},
            "articles": {"a3": profile},
            "unattributed": ["a3"],
            "terms": [
                term("regime", "Alpha", "a1", "own"),
                term("thugs", "Beta", "a2", "quoted"),
                term("junta", "Alpha", "a1", "quoted"),
                term("mob", None, "a3", "own"),
                term("puppet", "Beta", "a2", "own"),
            ],
            "coverage": {
                "claim_ids": ["c1"],
                "outlets": {"Beta": {"covers": [], "omits": ["c1"], "alone": []}},
            },
        },
    }


def test_framing_table_puts_each_term_in_its_outlets_row_and_voice() -> None:
    from parallax.report.html import render_story

    report = {
        "generator": "t",
        "generated_at": "t",
        "schema": "t",
        "articles": [],
        "stories": [_framing_story()],
    }
    html = render_story(report, report["stories"][0])
    rows: dict[str, str] = {}  # the first row of each name: the framing table comes before coverage
    for m in re.finditer(r"<tr><td(?: class=\"muted\")?>([^<]+)</td>.*?</tr>", html, re.S):
        rows.setdefault(m.group(1), m.group(0))
    alpha, beta, unknown = rows["Alpha"], rows["Beta"], rows["unknown outlet: untitled article"]
    cells = [
        re.findall(r'<(?:span|a) class="tag"[^>]*>([a-z]+)', cell)
        for cell in re.findall(r"<td>(.*?)</td>", alpha, re.S)
    ]
    assert cells[1] == ["regime"] and cells[2] == ["junta"], "own voice, then quoted, for Alpha"
    assert "puppet" in beta and "thugs" in beta and "regime" not in beta
    assert beta.index("puppet") < beta.index("thugs")
    assert "mob" in unknown and "regime" not in unknown
    assert 'href="#claim-c1" title="The port closed."' in html, "an omitted claim is shown with its text"


_SEGMENT = re.compile(r'<span class="s(?: cited)?" id="([^"]+)">(.*?)</span>', re.S)
_CITE = re.compile(r'<a class="(?:cite|tag)" href="#([^"]+)"[^>]*>(.*?)</a>', re.S)


def _story_pages(out: Path, report: dict) -> dict[str, str]:
    index = (out / "report.html").read_text("utf-8")
    pages = {}
    for story in report["stories"]:
        [href] = re.findall(rf'href="(stories/{re.escape(story["id"])}\.html)"', index)
        pages[story["id"]] = (out / href).read_text("utf-8")
    return pages


def _check_citations(page: str) -> int:
    """Every in-page link lands on an element of the page; returns how many cite a sentence."""
    import html as _html

    sentences = {m.group(1): _html.unescape(m.group(2)) for m in _SEGMENT.finditer(page)}
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    cited = 0
    for target, label in _CITE.findall(page):
        assert target in ids, f"#{target} is on no element"
        if target in sentences:
            cited += 1
            assert not re.fullmatch(r"[0-9a-f]{8,}", label.strip()), "a citation names its outlet, not an id"
    # A quoted passage followed by its link: the linked sentence holds the quoted words.
    for quoted, target in re.findall(r'<q>(.*?)</q> <a class="cite" href="#([^"]+)"', page, re.S):
        assert _html.unescape(quoted) in sentences[target]
    return cited


def _links_hold_evidence(fragment: str, evidence: list, sentences: dict, articles: dict) -> None:
    """The links in `fragment` are one per cited article, each to the sentence holding its first span."""
    import html as _html

    links = _CITE.findall(fragment)
    firsts: dict[str, dict] = {}
    for ev in evidence:
        firsts.setdefault(ev["article_id"], ev)
    assert len(links) == len(firsts)
    for (target, label), ev in zip(links, firsts.values(), strict=True):
        assert ev["text"] in sentences[target]
        assert _html.unescape(label).startswith(articles[ev["article_id"]]["source"] or "unknown outlet")


@pytest.mark.models
def test_every_citation_of_the_sample_report_links_to_its_sentence(analyzed_sample) -> None:
    """Each citation is a link to a sentence of the article text on the story page, holding the cited text."""
    import html as _html

    from parallax.report.html import article_anchor

    result, out = analyzed_sample
    report = json.loads((out / "report.json").read_text("utf-8"))
    with Store(result.db) as store:
        texts = {a.id: a.text for a in store.iter_articles(annotations=False)}
    articles = {a["id"]: a for a in report["articles"]}
    pages = _story_pages(out, report)
    for story in report["stories"]:
        page = pages[story["id"]]
        sentences = {m.group(1): _html.unescape(m.group(2)) for m in _SEGMENT.finditer(page)}
        assert _check_citations(page) > 0
        # Each article's whole text is on its page once, in its own section, cut into sentences.
        for aid in story["article_ids"]:
            [section] = re.findall(
                rf'<section class="article" id="{article_anchor(aid)}">(.*?)</section>', page, re.S
            )
            assert "".join(_html.unescape(m.group(2)) for m in _SEGMENT.finditer(section)) == texts[aid]
        # Claim rows: each member's sentence is one link away, named by outlet and title.
        for claim in story["claims"]:
            row = re.search(rf'<tr id="claim-{claim["id"]}">(.*?)</tr>', page, re.S)
            assert row, claim["id"]
            _links_hold_evidence(row.group(1), claim["evidence"], sentences, articles)
        # Timeline rows, in order: each dating's sentence is one link away.
        if story["timeline"]:
            table = page[page.index("<h2>Timeline</h2>") :].split("</table>")[0]
            rows = re.findall(r"<tr><td>[^<]*</td><td>.*?</td><td>(.*?)</td></tr>", table, re.S)
            for row, event in zip(rows, story["timeline"], strict=True):
                _links_hold_evidence(row, event["evidence"], sentences, articles)
    # The index names stories and links to their pages; it carries no article text.
    index = (out / "report.html").read_text("utf-8")
    assert "1 contradictions" not in index and len(index) < 20_000


@pytest.mark.models
def test_every_citation_of_the_seeds_report_resolves(analyzed_seeds) -> None:
    _, out = analyzed_seeds
    report = json.loads((out / "report.json").read_text("utf-8"))
    for page in _story_pages(out, report).values():
        _check_citations(page)


def test_story_pages_escape_article_text_and_remove_pages_of_gone_stories(tmp_path: Path) -> None:
    with _store_with_hostile_story(tmp_path) as store:
        report = build_report(store)
        (tmp_path / "out" / "stories").mkdir(parents=True)
        (tmp_path / "out" / "stories" / "sold.html").write_text("an old story", "utf-8")
        paths = write_report(report, tmp_path / "out", store)
    [page] = list(paths["stories"].glob("*.html"))
    html = page.read_text("utf-8")
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert _check_citations(html) == 1  # the quote, linked to its span in the article's text
    assert page.name == "s1.html"


def test_without_texts_the_page_shows_the_cited_passages_linked() -> None:
    from parallax.report.html import render_story

    text = "First sentence here. The port closed on Monday. Last one."
    start = text.index("The port")
    ev = {"article_id": "x/1 odd id", "start": start, "end": start + 25, "text": text[start : start + 25]}
    story = {
        **Story(id="s1", article_ids=["x/1 odd id"], title="T", sources=["Alpha"]).to_dict(),
        "claims": [{"id": "c1", "text": ev["text"], "sources": ["Alpha"], "evidence": [ev]}],
    }
    article = {"id": "x/1 odd id", "source": "Alpha", "title": "Port news"}
    report = {"generator": "t", "generated_at": "t", "schema": "t", "articles": [article], "stories": [story]}
    page = render_story(report, story)
    assert _check_citations(page) == 1
    assert "First sentence" not in page and "only the cited passages are shown" in page
    assert ">Alpha · Port news</a>" in page


def test_a_cited_span_across_sentences_is_one_target() -> None:
    from parallax.report.html import ArticleText, article_body

    text = "He said: “We stay. We fight.” Then he left."
    sentences = ((0, 19), (19, 30), (30, len(text)))
    quote = {"article_id": "a", "start": 10, "end": 28}
    body = article_body("a", ArticleText(text, sentences), [quote])
    [region] = body.regions
    assert [s.text for s in region] == ["He said: “We stay. We fight.” ", "Then he left."]
    target = body.segment_at(10, 28)
    assert target is region[0] and target.cited and not region[1].cited


def test_plural_counts() -> None:
    from parallax.report.text import plural

    assert plural(1, "contradiction") == "1 contradiction"
    assert plural(0, "contradiction") == "0 contradictions"
    assert plural(2, "story") == "2 stories" and plural(3, "day") == "3 days"
    assert plural(2, "speech") == "2 speeches" and plural(2, "person") == "2 people"
    assert plural(10_000, "article") == "10,000 articles" and plural(1, "story section") == "1 story section"


def test_ten_thousand_articles_make_small_pages(tmp_path: Path) -> None:
    """A 10,000-article report: each page carries its own story's text only, the index no article text."""

    from parallax.report.html import ArticleText

    body = "The ferry left Velmar at dawn with {n} passengers. Officials said the crossing was calm. " * 3
    texts = {f"a{i}": ArticleText(body.format(n=i), ((0, 51), (51, 89))) for i in range(10_000)}
    articles = [{"id": f"a{i}", "source": f"Outlet {i % 7}", "title": f"Ferry {i}"} for i in range(10_000)]
    stories = []
    for k in range(2_000):
        ids = [f"a{i}" for i in range(5 * k, 5 * k + 5)]
        evidence = [{"article_id": a, "start": 0, "end": 40, "text": texts[a].text[:40]} for a in ids]
        claim = {"id": "c1", "text": "The ferry left Velmar.", "sources": [], "evidence": evidence}
        stories.append(
            {**Story(id=f"s{k}", article_ids=ids, title=f"Ferry {k}").to_dict(), "claims": [claim]}
        )
    report = {"schema": "parallax.report/1", "generator": "t", "generated_at": "t", "articles": articles,
              "stories": stories, "skipped": [], "failures": []}  # fmt: skip
    paths = write_report(report, tmp_path / "out", texts=lambda ids: {i: texts[i] for i in ids})
    pages = list(paths["stories"].glob("*.html"))
    assert len(pages) == 2_000
    assert max(p.stat().st_size for p in pages) < 20_000
    index = paths["html"].read_text("utf-8")
    assert "passengers" not in index and len(index) < 1_500_000
    assert "with 7 passengers" in (paths["stories"] / "s1.html").read_text("utf-8")


def test_markdown_counts_and_names_outlets_not_ids() -> None:
    from parallax.report.markdown import render_markdown

    ev = {"article_id": "9f3a1c0d2e", "start": 0, "end": 9, "text": "We stayed"}
    story = {
        **Story(id="s1", article_ids=["9f3a1c0d2e"], title="Port", sources=["Alpha"]).to_dict(),
        "quotes": [{"text": "We stayed", "speaker": "Ana Ruiz", "evidence": [ev]}],
        "contradictions": [{"kind": "numeric", "subject": "x", "sides": []}],
    }
    article = {"id": "9f3a1c0d2e", "source": "Alpha", "title": "Port news"}
    failure = {"kind": "article", "id": "9f3a1c0d2e", "path": "in.jsonl:3", "stage": "claims", "reason": "E"}
    report = {"generator": "t", "generated_at": "t", "articles": [article], "stories": [story],
              "failures": [failure], "skipped": []}  # fmt: skip
    md = render_markdown(report)
    assert "1 article, 1 story " in md and "1 outlet (Alpha), 1 contradiction." in md
    assert "“We stayed” [Alpha · Port news]" in md
    assert "- article Alpha · Port news (in.jsonl:3): stage claims failed" in md


def test_an_article_is_named_by_outlet_and_title_never_by_id() -> None:
    from parallax.report.text import article_name

    assert (
        article_name({"id": "a1", "source": "Gazette", "title": "Port  strike\nends"})
        == "Gazette · Port strike ends"
    )
    assert article_name({"id": "a1", "title": "Port strike"}) == "unknown outlet · Port strike"
    assert article_name({"id": "a1"}) == "unknown outlet"
    assert article_name({"source": "Gazette", "title": "A" * 60}, 10) == "Gazette · AAAAAAAAA…"
