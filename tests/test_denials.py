"""Denials of a whole story ('the story is false'): read from the parse, linked to the story's claim."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from parallax.compare.denials import story_denials
from parallax.compare.triangulate import Similarities, build_refs
from parallax.model import Article, Story
from test_triangulate import triangulate_written


def _article(article_id: str, source: str, sentences: list[str]) -> Article:
    article = Article(
        id=article_id, text=" ".join(sentences), source=source, published="2026-05-05", language="en"
    )
    article.annotations["mentions"] = []
    article.annotations["claims"] = []
    return article


def _claim(article: Article, sentence: str, people: tuple[str, ...] = (), **fields: Any) -> None:
    start = article.text.index(sentence)
    mentions = []
    for name in people:
        at = article.text.index(name, start)
        mentions.append({"start": at, "end": at + len(name), "text": name, "label": "PERSON"})
    article.annotations["mentions"].extend(mentions)
    article.annotations["claims"].append(
        {"start": start, "end": start + len(sentence), "text": sentence, "attributed_to": None, "numbers": [],
         "dates": [], "negated": False, "hedged": False, "subject": None, "predicate": None, "objects": [],
         "any_object": False, "mentions": mentions, "sentence_start": start,
         "sentence_end": start + len(sentence), **fields}
    )  # fmt: skip


GENERAL = {"text": "false", "lemma": "false", "start": 0, "end": 0, "weak": False, "general": True,
           "target": "story", "scope_start": None, "scope_end": None}  # fmt: skip
CLOSED = "Kessler closed the Dunmore mill on Monday."


def test_a_general_denial_is_linked_to_the_claim_its_article_reports_and_never_to_a_denier() -> None:
    herald = _article("a", "Herald", [CLOSED, "Workers gathered at the gate."])
    _claim(herald, CLOSED, ("Kessler",))
    daily = _article(
        "b",
        "Daily",
        ["Reports said Kessler closed the Dunmore mill.", "The company said the story was false."],
    )
    _claim(daily, "Reports said Kessler closed the Dunmore mill.", ("Kessler",), hedged=True)
    _claim(daily, "The company said the story was false.", denial=GENERAL, attributed_to="The company")
    # A denial of something else: the sentence names its own topic, which the mill's closure does not.
    crier = _article(
        "c", "Crier", [CLOSED, "Asked about Tom Reilly's resignation, the mayor said the rumours were false."]
    )
    _claim(crier, CLOSED, ("Kessler",))
    _claim(crier, "Asked about Tom Reilly's resignation, the mayor said the rumours were false.", ("Tom Reilly",),
           denial=GENERAL, attributed_to="the mayor")  # fmt: skip
    # A denial the article goes on to rebut in its own voice.
    post = _article("d", "Post", ["The company denied the reports.", CLOSED])
    _claim(post, "The company denied the reports.", denial={**GENERAL, "text": "denied"})
    _claim(post, CLOSED, ("Kessler",))
    articles = [herald, daily, crier, post]
    refs = build_refs(Story(id="s", article_ids=[a.id for a in articles]), articles)
    at = {(r.article.id, r.claim["text"][:12]): r.index for r in refs}
    mill = [at["a", CLOSED[:12]], at["b", "Reports said"], at["c", CLOSED[:12]], at["d", CLOSED[:12]]]
    groups = [mill] + [[r.index] for r in refs if r.index not in mill]
    sims = Similarities(np.eye(len(refs), dtype=np.float32))

    findings = story_denials(refs, groups, sims)

    assert [(f.refs[0].article.id, f.refs[1].article.id) for f in findings] == [("b", "a")]
    (finding,) = findings
    assert finding.kind == "denial" and finding.values == ("false (false)", CLOSED)
    assert "Reports said Kessler closed" in finding.subject  # the claim the denial was linked to
    denial_span = finding.spans[0] if finding.spans else (0, 0)
    assert daily.text[slice(*denial_span)] == "The company said the story was false."


def test_without_a_restatement_the_denial_needs_the_story_claim_close_and_named() -> None:
    short = "Turns out the Kessler mill closing was a false story."
    texts = {"a": ("Herald", CLOSED), "b": ("Gazette", "On Monday Kessler closed the Dunmore mill."),
             "c": ("Daily", short)}  # fmt: skip
    articles = []
    for article_id, (source, text) in texts.items():
        article = _article(article_id, source, [text])
        _claim(article, text, ("Kessler",), denial=GENERAL if article_id == "c" else None)
        articles.append(article)
    refs = build_refs(Story(id="s", article_ids=list(texts)), articles)
    groups = [[0, 1], [2]]
    close = np.array([[1, 0, 0], [1, 0, 0], [0.8, 0.6, 0]], dtype=np.float32)
    close /= np.linalg.norm(close, axis=1, keepdims=True)
    (first, second) = story_denials(refs, groups, Similarities(close))
    assert {first.refs[1].article.id, second.refs[1].article.id} == {"a", "b"}
    far = np.array([[1, 0, 0], [1, 0, 0], [0, 1, 0]], dtype=np.float32)  # a false story about something else
    assert story_denials(refs, groups, Similarities(far)) == []


@pytest.mark.parametrize(("filler_sentences", "linked"), [(3, True), (200, False)])
def test_a_denial_deep_in_a_long_article_is_not_linked_to_its_lead(
    filler_sentences: int, linked: bool
) -> None:
    """The lead states the story an article disputes only when the dispute follows within
    `LEAD_REACH`; thousands of words on, 'the story was false' is about what is discussed there."""
    herald = _article("a", "Herald", [CLOSED])
    _claim(herald, CLOSED, ("Kessler",))
    lead, before = "Reports said Kessler closed the Dunmore mill.", "The union met the council on Tuesday."
    filler = ["Workers gathered at the gate and talked about the weather."] * filler_sentences
    denial = "The company said the story was false."
    daily = _article("b", "Daily", [lead, *filler, before, denial])
    _claim(daily, lead, ("Kessler",))
    _claim(daily, before)
    _claim(daily, denial, denial=GENERAL, attributed_to="The company")
    refs = build_refs(Story(id="s", article_ids=["a", "b"]), [herald, daily])
    groups = [[0, 1], [2], [3]]

    findings = story_denials(refs, groups, Similarities(np.eye(len(refs), dtype=np.float32)))

    assert [(f.refs[0].article.id, f.refs[1].article.id) for f in findings] == (
        [("b", "a")] if linked else []
    )


def read_denial(sentence: str) -> Any:
    """The denial clause the parse finds in one sentence (None: no denial)."""
    from parallax.annotate.claims import find_denial
    from parallax.annotate.nlp import parse

    doc = parse(sentence)
    return find_denial(doc, doc[:])


@pytest.mark.models
def test_general_denials_are_read_from_the_parse() -> None:
    sentences = {
        "Officials said the story was fake and would not comment further.": "story",
        "The company denied the reports on Tuesday.": "reports",
        "The photo turned out to be a hoax.": "photo",
        "This story seems to be false.": "story",
        "Police said the video was fabricated.": "video",
        # none: a story called real, a refusal, a vote, a denial with a stated fact (scoped)
        "The story is not a hoax, the editor said.": None,
        "The suspect was denied bail at the hearing.": None,
        "The council rejected the budget on Tuesday.": None,
        "The ministry denied that the army had shelled the village.": "",
    }
    for sentence, target in sentences.items():
        clause = read_denial(sentence)
        if target is None:
            assert clause is None, sentence
            continue
        assert clause is not None and clause.denial is not None, sentence
        assert bool(clause.denial.get("general")) == bool(target), sentence
        if target:
            assert clause.denial["target"] == target and clause.denial["scope_start"] is None, sentence


@pytest.mark.models
def test_stage_reports_the_story_called_false_against_the_outlets_that_report_it() -> None:
    texts = {
        "Harbour Herald": "The Kessler company closed its Dunmore mill on Monday. About 300 workers lost their jobs.",
        "Valley Post": "The Kessler company closed its Dunmore mill on Monday, the union said. Workers were sent home.",
        "Dunmore Daily": "The Kessler company closed its Dunmore mill on Monday, according to reports. "
        "A spokesman for the company said the story was false.",
    }
    story, _ = triangulate_written(texts)
    (denial,) = [c for c in story.contradictions if c["kind"] == "denial"]
    sides = {side["value"]: side for side in denial["sides"]}
    assert sides["false (false)"]["sources"] == ["Dunmore Daily"]
    assert "the story was false" in sides["false (false)"]["evidence"][0]["text"]
    (reported,) = [side for value, side in sides.items() if value != "false (false)"]
    assert "Harbour Herald" in reported["sources"] and "Dunmore Daily" not in reported["sources"]
    assert all("closed its Dunmore mill" in ev["text"] for ev in reported["evidence"])


def test_a_scope_that_only_points_back_is_a_denial_of_the_story() -> None:
    from parallax.compare.denials import is_general_denial

    sentences = {
        "Police denied that it had issued such a law.": True,
        "The ministry denied doing so.": True,
        "Police said rumours that they had used rubber bullets were untrue.": False,
    }
    for sentence, general in sentences.items():
        article = _article("a", "Herald", [sentence])
        scope = sentence.index("that" if "that" in sentence else "doing")
        cue = {**GENERAL, "general": False, "scope_start": scope, "scope_end": len(sentence) - 1}
        _claim(article, sentence, denial=cue)
        (ref,) = build_refs(Story(id="s", article_ids=["a"]), [article])
        assert is_general_denial(ref) == general, sentence


@pytest.mark.models
def test_doubt_and_unverified_reports_are_weak_denials() -> None:
    # sentence -> (general, weak); None: no denial at all
    sentences: dict[str, tuple[bool, bool] | None] = {
        "It is unlikely that the mayor approved the new tax.": (False, True),
        "Experts doubt that the fish was caught in the reservoir.": (False, True),
        "Police could not confirm that the driver had been drinking.": (False, True),
        "The report has not been verified by independent sources.": (True, True),
        "The claim could not be independently confirmed.": (True, True),
        "The newspaper later retracted the story.": (True, False),
        # a confirmation that is given, an identity not yet confirmed, a question put to people
        "Police confirmed that the driver had been drinking.": None,
        "Officials have not confirmed the man's identity.": None,
        "Police questioned the driver for two hours.": None,
    }
    for sentence, expected in sentences.items():
        clause = read_denial(sentence)
        if expected is None:
            assert clause is None, sentence
            continue
        assert clause is not None and clause.denial is not None, sentence
        general, weak = expected
        assert bool(clause.denial.get("general")) == general, sentence
        assert bool(clause.denial["weak"]) == weak, sentence


@pytest.mark.models
def test_a_report_of_a_bare_thing_is_a_denial_of_the_story_and_of_an_event_keeps_its_scope() -> None:
    # sentence -> (general, predicate of the scope); a plain noun is what a story is about, not an event
    sentences = {
        "The committee denied the story of the tempting eyes.": (True, None),
        "The ministry dismissed rumours about the new uniforms.": (True, None),
        "The police denied reports of his arrest.": (False, "arrest"),
        "The company denied reports of the closure of the mill.": (False, "closure"),
    }
    for sentence, (general, predicate) in sentences.items():
        clause = read_denial(sentence)
        assert clause is not None and clause.denial is not None, sentence
        assert bool(clause.denial.get("general")) == general, sentence
        if predicate:
            assert clause.predicate == predicate, sentence


@pytest.mark.parametrize(("closeness", "linked"), [(0.8, True), (0.4, False)])
def test_a_lead_in_its_own_words_is_linked_to_the_sources_whose_claims_are_close(
    closeness: float, linked: bool
) -> None:
    """A denying article's lead that no claim group joins ('Kessler has shut its Dunmore plant')
    is still the story it disputes: the other sources' claims close to it report it."""
    herald = _article("a", "Herald", [CLOSED])
    _claim(herald, CLOSED, ("Kessler",))
    lead = "Kessler has shut down its plant in Dunmore for good."
    denial = "A spokesman said the story was false."
    daily = _article("b", "Daily", [lead, denial])
    _claim(daily, lead, ("Kessler",))
    _claim(daily, denial, denial=GENERAL, attributed_to="A spokesman")
    refs = build_refs(Story(id="s", article_ids=["a", "b"]), [herald, daily])
    groups = [[0], [1], [2]]  # the lead and the Herald's claim sit in groups of their own
    vectors = np.array([[1, 0, 0], [closeness, np.sqrt(1 - closeness**2), 0], [0, 0, 1]], dtype=np.float32)

    findings = story_denials(refs, groups, Similarities(vectors))

    assert [(f.refs[0].article.id, f.refs[1].article.id) for f in findings] == (
        [("b", "a")] if linked else []
    )


@pytest.mark.parametrize(("closeness", "linked"), [(0.7, True), (0.2, False)])
def test_a_scoped_denial_that_restates_its_lead_in_other_words_disputes_that_lead(
    closeness: float, linked: bool
) -> None:
    """No rule matches 'denied that the firm had shut down the works' to 'closed the mill' (another
    predicate); close to its own article's lead, the denial disputes the story that lead reports.
    Far from it, it is a denial of some side fact and stays unlinked."""
    herald = _article("a", "Herald", [CLOSED])
    _claim(herald, CLOSED, ("Kessler",))
    lead = "Reports said Kessler closed the Dunmore mill."
    denial = "The company denied that the firm had shut down the works for good."
    daily = _article("b", "Daily", [lead, denial])
    _claim(daily, lead, ("Kessler",))
    scope = daily.text.index("that the firm")
    cue = {**GENERAL, "text": "denied", "general": False, "target": None, "scope_start": scope,
           "scope_end": len(daily.text) - 1}  # fmt: skip
    _claim(daily, denial, denial=cue, attributed_to="The company")
    refs = build_refs(Story(id="s", article_ids=["a", "b"]), [herald, daily])
    groups = [[0, 1], [2]]
    vectors = np.array([[1, 0, 0], [1, 0, 0], [closeness, np.sqrt(1 - closeness**2), 0]], dtype=np.float32)

    findings = story_denials(refs, groups, Similarities(vectors))

    assert [(f.refs[0].article.id, f.refs[1].article.id) for f in findings] == (
        [("b", "a")] if linked else []
    )
    assert all("that the firm had shut down" in f.signal for f in findings)


@pytest.mark.models
def test_common_falsity_words_are_read_over_the_parse_only() -> None:
    from parallax.annotate.claims import text_denial

    sentences = {
        "The inspector checked with the company: this is wrong.": "this",
        "The story is a lie, the spokesman said.": "story",
        "The report was invented by a blogger.": "report",
        # an act judged, not a report; a breakdown; a place
        "It is wrong to punish children for their parents' crimes.": None,
        "Something went wrong with the engine.": None,
        "The village lies north of the river.": None,
    }
    assert_general_denials(sentences, weak=False)
    assert text_denial("Something went wrong with the engine.") is None  # plain text: too common


@pytest.mark.models
def test_a_report_that_says_nothing_of_a_detail_is_a_weak_denial_and_an_unmade_denial_none() -> None:
    # sentence -> target of a weak general denial; None: no denial at all
    sentences = {
        "The first report of the attack says nothing about the singer.": "report",
        "The original story was published in July, and it says nothing about a ringtone.": "story",
        "The original report makes no mention of the ringtone.": "report",
        # a speaker keeping quiet; a question left open; the aim of an act not done
        "The police said nothing about the motive.": None,
        "The statement did not say whether anyone was hurt.": None,
        "The mayor was not using his office to quash the rumours about the closure.": None,
    }
    assert_general_denials(sentences, weak=True)


def assert_general_denials(sentences: dict[str, str | None], weak: bool) -> None:
    """Each sentence reads as a whole-story denial of its target (weak or not); None: no denial."""
    for sentence, target in sentences.items():
        clause = read_denial(sentence)
        if target is None:
            assert clause is None, sentence
            continue
        assert clause is not None and clause.denial is not None, sentence
        assert clause.denial["general"] and clause.denial["target"] == target, sentence
        assert bool(clause.denial.get("weak")) == weak, sentence


@pytest.mark.parametrize(("shares_a_name", "linked"), [(True, True), (False, False)])
def test_a_denial_of_a_story_the_article_quoted_earlier_is_linked_to_that_quote(
    shares_a_name: bool, linked: bool
) -> None:
    """Neither the lead nor the sentence before states the story; the article quoted it further up
    ('Here is how the Post's story began: Kessler closed the mill'). A claim before the denial that
    shares a name with it, and that other sources state, is what the denial disputes."""
    herald = _article("a", "Herald", [CLOSED])
    _claim(herald, CLOSED, ("Kessler",))
    lead, quoted = "A story spread fast on Tuesday.", "Kessler closed the Dunmore mill, the Post wrote."
    aside = "Readers shared it widely."
    denial = "But the first report says nothing about Kessler." if shares_a_name else "But it was false."
    daily = _article("b", "Daily", [lead, "It was everywhere.", quoted, aside, denial])
    _claim(daily, lead)
    _claim(daily, "It was everywhere.")
    _claim(daily, quoted, ("Kessler",))
    _claim(daily, aside)
    _claim(daily, denial, ("Kessler",) if shares_a_name else (), denial=GENERAL)
    refs = build_refs(Story(id="s", article_ids=["a", "b"]), [herald, daily])
    groups = [[0, 3], [1], [2], [4], [5]]

    findings = story_denials(refs, groups, Similarities(np.eye(len(refs), dtype=np.float32)))

    assert [(f.refs[0].article.id, f.refs[1].article.id) for f in findings] == (
        [("b", "a")] if linked else []
    )
    assert all("Kessler closed the Dunmore mill" in f.subject for f in findings)


def _pair(denial_text: str, scope: str, report_text: str, denial_fields: dict[str, Any],
          report_fields: dict[str, Any]) -> tuple[Any, Any]:  # fmt: skip
    """A scoped denial (Herald) and a report (Daily), as triangulation's claim refs."""
    herald, daily = _article("a", "Herald", [denial_text]), _article("b", "Daily", [report_text])
    at = denial_text.index(scope)
    cue = {**GENERAL, "text": "disputed", "general": False, "target": None,
           "scope_start": at, "scope_end": at + len(scope)}  # fmt: skip
    _claim(herald, denial_text, denial=cue, **denial_fields)
    _claim(daily, report_text, **report_fields)
    return tuple(build_refs(Story(id="s", article_ids=["a", "b"]), [herald, daily]))


@pytest.mark.parametrize(("scope", "found"), [("that diesel was spilled from the tanker", True), ("", False)])
def test_a_denied_clause_inside_a_long_sentence_is_matched_by_its_own_words(scope: str, found: bool) -> None:
    """The whole sentence's wording makes the pair look far apart (similarity 0.25): a short denied
    clause is still matched, since its own words say what it denies; a denial that is the whole
    sentence needs the usual similarity."""
    from parallax.compare.triangulate import rule_denial

    sentence = (
        "The harbour master said the cranes at the north quay had been inspected on Monday, and he "
        "disputed the claim that diesel was spilled from the tanker."
    )
    fields = {"predicate": "spill", "subject": "diesel", "objects": ["tanker"]}
    denial, report = _pair(
        sentence, scope or sentence, "Diesel had been spilled from the tanker.", fields, dict(fields)
    )
    finding = rule_denial(denial, report, 0.25)
    assert (finding is not None) == found
    if finding is not None:
        assert finding.kind == "denial" and finding.values[0].startswith("false (")


@pytest.mark.parametrize(
    ("report", "fields", "found"),
    [
        ("Protesters were at the depot on Monday.", {"predicate": "be", "subject": "Protesters"}, True),
        ("She came to the depot after the warning.", {"predicate": "come", "subject": "She"}, False),
    ],
)
def test_a_place_two_light_verbs_share_is_not_a_shared_deed(
    report: str, fields: dict[str, Any], found: bool
) -> None:
    """'denied that protesters were at the depot' disputes protesters being there, not anyone coming."""
    from parallax.compare.triangulate import rule_denial

    denial_text = "The mayor denied that protesters were at the depot."
    denial, claim = _pair(
        denial_text,
        "that protesters were at the depot",
        report,
        {"predicate": "be", "subject": "protesters", "objects": ["depot"]},
        {**fields, "objects": ["depot"]},
    )
    assert (rule_denial(denial, claim, 0.6) is not None) == found


def test_a_bare_event_said_not_to_have_happened_points_back_at_the_story() -> None:
    from parallax.compare.denials import is_general_denial

    sentences = {
        "A navy spokesman denied the raid took place.": ("the raid took place", "raid", "take", ["place"]),
        "The council denied the fire happened.": ("the fire happened", "fire", "happen", []),
        "The council denied the warehouse fire on Elm Street happened.": (
            "the warehouse fire on Elm Street happened", "fire", "happen", []),
        "The rebels deny that it is working for the army to unsettle the valley.": (
            "that it is working for the army to unsettle the valley", "it", "work", ["army"]),
    }  # fmt: skip
    general = {"A navy spokesman denied the raid took place.", "The council denied the fire happened."}
    for sentence, (scope, subject, predicate, objects) in sentences.items():
        article = _article("a", "Herald", [sentence])
        at = sentence.index(scope)
        cue = {**GENERAL, "general": False, "scope_start": at, "scope_end": at + len(scope)}
        _claim(article, sentence, denial=cue, subject=subject, predicate=predicate, objects=objects)
        (ref,) = build_refs(Story(id="s", article_ids=["a"]), [article])
        assert is_general_denial(ref) == (sentence in general), sentence


def test_denied_that_an_event_happened_is_matched_with_a_report_of_the_event() -> None:
    from parallax.compare.triangulate import predicate_heads, rule_denial, scope_coverage

    denial, report = _pair(
        "A Norland spokesman denied the shelling of the port happened.",
        "the shelling of the port happened",
        "Norland artillery shelled the port on Monday.",
        {"predicate": "happen", "subject": "the shelling of the port"},
        {"predicate": "shell", "subject": "Norland artillery", "objects": ["port"]},
    )
    assert predicate_heads(denial.claim) == {"shelling"}  # the event, not the port
    assert scope_coverage(denial, report) == 1.0  # 'happened' is no content a report must state
    finding = rule_denial(denial, report, 0.6)
    assert finding is not None and finding.kind == "denial"


@pytest.mark.models
@pytest.mark.parametrize("universal", [True, False])
def test_not_bombed_anywhere_is_contradicted_by_bombs_the_same_army_dropped(universal: bool) -> None:
    where = "anywhere near Kessia" if universal else "the Kessia bridge"
    texts = {
        "Harbour Herald": f"A spokesman said the Norland army had not bombed {where} this week.",
        "Dunmore Daily": "Norland army planes dropped six bombs on villages near Kessia on Thursday.",
    }
    story, _ = triangulate_written(texts)
    found = [c for c in story.contradictions if c["kind"] == "negation"]
    assert bool(found) == universal, story.contradictions
    if found:
        evidence = " ".join(ev["text"] for side in found[0]["sides"] for ev in side["evidence"])
        assert "had not bombed" in evidence and "dropped six bombs" in evidence
