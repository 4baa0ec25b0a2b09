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
    from parallax.report.html import render_html

    report = {
        "generator": "t",
        "generated_at": "t",
        "schema": "t",
        "articles": [],
        "stories": [_framing_story()],
    }
    html = render_html(report)
    rows: dict[str, str] = {}  # the first row of each name: the framing table comes before coverage
    for m in re.finditer(r"<tr><td(?: class=\"muted\")?>([^<]+)</td>.*?</tr>", html, re.S):
        rows.setdefault(m.group(1), m.group(0))
    alpha, beta, unknown = rows["Alpha"], rows["Beta"], rows["unknown outlet: a3"]
    cells = [
        re.findall(r'<span class="tag"[^>]*>([a-z]+)', cell)
        for cell in re.findall(r"<td>(.*?)</td>", alpha, re.S)
    ]
    assert cells[1] == ["regime"] and cells[2] == ["junta"], "own voice, then quoted, for Alpha"
    assert "puppet" in beta and "thugs" in beta and "regime" not in beta
    assert beta.index("puppet") < beta.index("thugs")
    assert "mob" in unknown and "regime" not in unknown
    assert 'title="The port closed."' in html, "an omitted claim is shown with its text"
