"""The neutral summary: consensus first with citations, loaded or disputed wording left out, each side stated."""

from __future__ import annotations

from typing import Any

from parallax.compare.summary import SummaryStage, disputed_sentence, sentence_case
from parallax.model import Article, Story


def _ev(article: Article, fragment: str) -> dict[str, Any]:
    start = article.text.index(fragment)
    return article.evidence(start, start + len(fragment))


def _group(cid: str, *evidence: dict[str, Any], sources: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "text": evidence[0]["text"],
        "sources": sources,
        "article_ids": [e["article_id"] for e in evidence],
        "attributed_to": None,
        "entities": [],
        "numbers": extra.get("numbers", []),
        "dates": [],
        "evidence": list(evidence),
    }


def _story() -> tuple[Story, list[Article]]:
    a = Article(id="a", source="Herald", language="en", text=(
        "The court released Anna Holt on bail on Thursday. The regime's thugs stormed the port. "
        "About 3,000 workers joined the strike."
    ))  # fmt: skip
    b = Article(id="b", source="Beacon", language="en", text=(
        "Anna Holt was released on bail on Thursday. Police cleared the port on Wednesday. "
        "Some 12,000 workers joined the strike."
    ))  # fmt: skip
    c = Article(
        id="c", source="Post", language="en", text="Anna Holt walked free on Thursday after a bail hearing."
    )
    a.annotations["loaded_terms"] = [
        {
            "start": a.text.index("regime"),
            "end": a.text.index("regime") + 6,
            "term": "regime",
            "category": "pejorative",
        }
    ]
    story = Story(id="s", article_ids=["a", "b", "c"])
    story.claims = [
        _group(
            "c1",
            _ev(a, "The court released Anna Holt on bail on Thursday."),
            _ev(b, "Anna Holt was released on bail on Thursday."),
            _ev(c, "Anna Holt walked free on Thursday after a bail hearing."),
            sources=["Beacon", "Herald", "Post"],
        ),
        _group(
            "c2",
            _ev(a, "The regime's thugs stormed the port."),
            _ev(b, "Police cleared the port on Wednesday."),
            sources=["Beacon", "Herald"],
        ),
        _group("c3", _ev(a, "About 3,000 workers joined the strike."), sources=["Herald"]),
        _group("c4", _ev(b, "Some 12,000 workers joined the strike."), sources=["Beacon"]),
    ]
    side_a = {
        "value": "3,000",
        "sources": ["Herald"],
        "article_ids": ["a"],
        "claim_id": "c3",
        "evidence": story.claims[2]["evidence"],
    }
    side_b = {
        "value": "12,000",
        "sources": ["Beacon"],
        "article_ids": ["b"],
        "claim_id": "c4",
        "evidence": story.claims[3]["evidence"],
    }
    story.contradictions = [
        {"kind": "numeric", "subject": "number of workers (strike)", "signal": "different figures", "confidence": 0.8,
         "sides": [side_a, side_b], "evidence": side_a["evidence"] + side_b["evidence"]}
    ]  # fmt: skip
    return story, [a, b, c]


def test_consensus_cites_every_source_and_prefers_the_most_supported_fact() -> None:
    story, articles = _story()
    SummaryStage()(story, articles)
    first = story.summary["consensus"][0]
    assert first["claim_id"] == "c1" and first["sources"] == ["Beacon", "Herald", "Post"]
    assert len(first["evidence"]) == 3
    assert first["text"].endswith(".") and "Anna Holt" in first["text"]


def test_consensus_never_uses_an_outlets_loaded_wording_or_a_disputed_fact() -> None:
    story, articles = _story()
    SummaryStage()(story, articles)
    texts = [s["text"] for s in story.summary["consensus"]]
    assert not any("regime" in t or "thugs" in t for t in texts)
    assert "Police cleared the port on Wednesday." in texts  # the same fact, in the neutral wording
    assert not any("workers" in t for t in texts)  # disputed: only in the disputed section


def test_disputed_states_each_side_with_who_holds_it() -> None:
    story, articles = _story()
    SummaryStage()(story, articles)
    (disputed,) = story.summary["disputed"]
    assert "Herald reports “3,000”" in disputed["text"] and "Beacon reports “12,000”" in disputed["text"]
    assert disputed["kind"] == "numeric" and disputed["sources"] == ["Beacon", "Herald"]
    assert disputed["evidence"]
    several = disputed_sentence({**story.contradictions[0], "sides": [
        {**story.contradictions[0]["sides"][0], "sources": ["Herald", "Post"]}, story.contradictions[0]["sides"][1]]})  # fmt: skip
    assert "Herald and Post report “3,000”" in several["text"]


def test_a_disputed_subject_keeps_the_capitals_of_the_name_it_starts_with() -> None:
    story, _ = _story()
    contradiction = {**story.contradictions[0], "subject": "Ida Varga's current title (president)"}
    assert disputed_sentence(contradiction)["text"].startswith("On Ida Varga's current title (president), ")


def test_sentence_case_drops_a_dateline_and_closes_the_sentence() -> None:
    assert sentence_case("VELMAR, Estravia (CPA) — a court freed him on bail") == "A court freed him on bail."


def _claim(article: Article, fragment: str, predicate: str, negated: bool = False) -> None:
    start = article.text.index(fragment)
    article.annotations.setdefault("claims", []).append(
        {"start": start, "end": start + len(fragment), "text": fragment, "subject": fragment.split()[0],
         "predicate": predicate, "objects": [], "negated": negated, "hedged": False, "attributed_to": None}
    )  # fmt: skip


def test_a_consensus_line_cites_only_the_sentences_that_state_its_fact() -> None:
    """A claim group joins close sentences; a topic and a name in common are not the same fact."""
    a = Article(
        id="a", source="Herald", language="en", text="Police arrested Omar Vale at the harbour on Monday."
    )
    b = Article(
        id="b", source="Beacon", language="en", text="Omar Vale was detained at the harbour on Monday."
    )
    c = Article(id="c", source="Post", language="en", text="Omar Vale long ran the harbour workers' union.")
    _claim(a, a.text, "arrest")
    _claim(b, b.text, "detain")
    _claim(c, c.text, "run")
    story = Story(id="s", article_ids=["a", "b", "c"])
    story.claims = [
        _group("c1", _ev(a, a.text), _ev(b, b.text), _ev(c, c.text), sources=["Beacon", "Herald", "Post"])
    ]
    SummaryStage()(story, [a, b, c])
    (line,) = story.summary["consensus"]
    assert line["sources"] == ["Beacon", "Herald"]  # arrest and detain: one event class
    assert {e["article_id"] for e in line["evidence"]} == {"a", "b"}


def test_sentences_that_state_different_figures_are_never_a_consensus() -> None:
    from parallax.compare.summary import sentences_conflict

    a = Article(id="a", source="Herald", language="en", text="The court sent Vale to a 90-day program.")
    b = Article(id="b", source="Beacon", language="en", text="The court sent Vale to a 30-day program.")
    _claim(a, a.text, "send")
    _claim(b, b.text, "send")
    story = Story(id="s", article_ids=["a", "b"])
    story.claims = [_group("c1", _ev(a, a.text), _ev(b, b.text), sources=["Beacon", "Herald"])]
    SummaryStage()(story, [a, b])
    assert story.summary["consensus"] == []
    assert sentences_conflict(a.text, b.text) == "number (day)"
    assert sentences_conflict("Vale was released on bail.", "Vale remains in custody.") == "outcome"
    assert sentences_conflict("Talks began on 12 January 2026.", "Talks began on 14 January 2026.") == "date"
    assert sentences_conflict("Talks began on 5 March.", "Talks opened on March 5.") is None
    assert sentences_conflict("About 3,000 joined.", "Some 12,000 joined.") is None  # estimates, not counts


def test_a_group_with_a_denial_in_it_is_never_a_consensus() -> None:
    from parallax.compare.summary import sentences_conflict

    a = Article(id="a", source="Herald", language="en", text="The club signed the striker on Monday.")
    b = Article(
        id="b", source="Beacon", language="en", text="The club signed the striker on Monday, sources said."
    )
    c = Article(
        id="c", source="Post", language="en", text="The club denied that it signed the striker on Monday."
    )
    for article in (a, b, c):
        _claim(article, article.text, "sign")
    c.annotations["claims"][0]["denial"] = {
        "text": "denied",
        "lemma": "deny",
        "start": 9,
        "end": 15,
        "weak": False,
    }
    story = Story(id="s", article_ids=["a", "b", "c"])
    story.claims = [
        _group("c1", _ev(c, c.text), _ev(a, a.text), _ev(b, b.text), sources=["Beacon", "Herald", "Post"])
    ]
    SummaryStage()(story, [a, b, c])
    assert story.summary["consensus"] == []  # no contradiction was matched, but the group holds a denial
    c.annotations["claims"][0]["denial"] = None
    story.claims[0]["evidence"] = [_ev(a, a.text), _ev(b, b.text)]
    SummaryStage()(story, [a, b, c])
    (line,) = story.summary["consensus"]
    assert {e["article_id"] for e in line["evidence"]} == {"a", "b"}
    assert sentences_conflict(a.text, c.text) == "denial"
    assert sentences_conflict("The story is a hoax.", "It was a hoax, police said.") is None
