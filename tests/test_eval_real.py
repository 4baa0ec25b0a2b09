"""The real-data evaluation plumbing, without models or datasets: samples, missing data, scoring helpers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from parallax.eval import real
from parallax.eval.registry import TaskUnavailable, known_task, run_task


def test_sample_comes_from_the_argument_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(real.SAMPLE_ENV, raising=False)
    assert real.sample_size("ecbplus", None) is None
    assert real.sample_size("ecbplus", "test") == (0, real.TEST_SAMPLE["ecbplus"])
    assert real.sample_size("babe", 7) == (0, 7)
    assert real.sample_size("babe", "300:450") == (300, 450)
    monkeypatch.setenv(real.SAMPLE_ENV, "12")
    assert real.sample_size("fnc1-dev", None) == (0, 12)
    for wrong in ("many", "0", "9:3", "4:", ":8"):
        with pytest.raises(ValueError):
            real.resolve_sample(wrong)


def test_a_window_takes_later_ranks_of_the_same_order() -> None:
    ranked = [f"id{i}" for i in range(20)]
    assert real._first(ranked, (5, 8)) == real._first(ranked, None)[5:8]
    assert real._first(ranked, (0, 3)) == real._first(ranked, None)[:3]


def test_missing_datasets_say_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(real.DATASETS_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(TaskUnavailable, match="nowhere"):
        run_task("real_stories@sample")


def test_sampled_names_are_known_for_real_tasks_only() -> None:
    assert known_task("real_stories") and known_task("real_framing@sample")
    assert not known_task("stories@sample") and not known_task("real_nothing")


def test_cross_document_pairs_leave_out_pairs_inside_one_article() -> None:
    # chain g has mentions a, a, b: three pairs, one of them inside article a.
    assert real._pairs_across(Counter({"g": 3}), Counter({("a", "g"): 2, ("b", "g"): 1})) == 2


def test_names_and_pronouns() -> None:
    assert real._name_words("Sen. Ted Cruz") >= {"ted", "cruz"}
    assert not real._name_words("He") and not real._name_words("Officials")
    assert real._named({"text": "Tara Reid"}) and not real._named({"text": "The actress"})
    assert real._named({"text": "President Barack Obama"}) and real._named({"text": "Banco de España"})
    # descriptions that hold a name: their entity is their head, which overlap cannot find
    for text in ("Velmar parent Dockco", "Dockco's board", "Ida Varga, CEO de Dockco", "Dockco and Marlow"):
        assert not real._named({"text": text}), text


def test_entity_merge_is_scored_on_gold_pairs_inside_one_story(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entities are a story's: a gold pair across two stories counts in `all_pairs_recall` only."""
    texts = {"a": "Ida Varga Spoke.", "b": "Varga left.", "c": "Ida Varga won."}
    gold = [{"id": "g1", "type": "PERSON", "kind": "entity", "mentions": [
        {"article_id": "a", "start": 0, "end": 9, "text": "Ida Varga"},
        {"article_id": "b", "start": 0, "end": 5, "text": "Varga"},
        {"article_id": "c", "start": 0, "end": 9, "text": "Ida Varga"}]}]  # fmt: skip
    evidence = [{"article_id": "a", "start": 0, "end": 9}, {"article_id": "b", "start": 0, "end": 5}]
    report = {"stories": [
        {"id": "s1", "article_ids": ["a", "b"], "entities": [{"id": "e1", "evidence": evidence}]},
        {"id": "s2", "article_ids": ["c"], "entities": [{"id": "e1", "evidence": [
            {"article_id": "c", "start": 0, "end": 9}]}]}]}  # fmt: skip
    run = real.Run("x", report, texts, dict.fromkeys(texts, 0), 0.0)
    monkeypatch.setattr(real, "load", lambda name: real.Dataset({k: {} for k in texts}, {"chains": gold}))
    monkeypatch.setattr(real, "runs", lambda name, sample: (run,))
    scores = real.score_entity_chains("meantime-en-es", None)
    assert scores["meantime_merge_precision"] == scores["meantime_merge_recall"] == 1.0
    assert scores["meantime_gold_pairs"] == 3 and scores["meantime_all_pairs_recall"] == round(1 / 3, 4)
    assert scores["meantime_gold_pairs_in_one_story"] == round(1 / 3, 4)
    # nested gold: the mention "Ida Varga" lies inside another chain's gold span too
    gold.append({"id": "g2", "type": "PERSON", "kind": "entity", "mentions": [
        {"article_id": "a", "start": 0, "end": 15, "text": "Ida Varga Spoke"}]})  # fmt: skip
    again = real.score_entity_chains("meantime-en-es", None)
    assert again["meantime_merge_precision"] == 1.0  # the mention stands for the gold span it fits best
    assert again["meantime_mention_coverage"] == 1.0 and again["meantime_gold_pairs"] == 3


def test_tfidf_hdbscan_baseline_groups_alike_texts() -> None:
    texts = ["rehab clinic actress enters rehab"] * 2 + ["earthquake hits city, buildings fall"] * 2 + ["x"]
    labels = real.tfidf_hdbscan(texts)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    assert labels[4].startswith("alone:")


def test_loaded_word_scoring_counts_loaded_words_spans_and_clear_voices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Own-voice scoring: hedges and scare-quote marks are framing but not loaded words; a gold
    phrase is found at span level by a word of it; a gold span crossing a quote's edge has no voice."""
    text = 'The corrupt elite, it seems, hid the "deal" and "the sleazy plan" today.'

    def at(word: str) -> tuple[int, int]:
        start = text.index(word)
        return start, start + len(word)

    def gold(word: str, in_quote: bool = False, overlap: float = 0.0) -> dict[str, object]:
        s, e = at(word)
        return {"article_id": "a", "start": s, "end": e, "text": word, "label": "Loaded_Language",
                "in_quote": in_quote, "quote_overlap": overlap}  # fmt: skip

    def term(word: str, category: str, voice: str, entry: str | None = None) -> dict[str, object]:
        s, e = at(word)
        return {"article_id": "a", "start": s, "end": e, "term": word, "entry": entry or word,
                "category": category, "voice": voice}  # fmt: skip

    labels = {"spans": [gold("corrupt elite"), gold("sleazy", True, 1.0), gold('"deal" and', False, 0.5)]}
    terms = [
        term("corrupt", "pejorative", "own"),
        term("it seems", "hedge", "own"),
        term('"deal"', "scare-quote", "own", "scare quotes"),
        term("sleazy", "pejorative", "quoted"),
        term("today", "pejorative", "own"),  # a wrong own-voice loaded word
    ]
    run = real.Run("t", {"stories": [{"framing": {"terms": terms}}]}, {"a": text}, {"a": 0}, 0.0)
    monkeypatch.setattr(real, "load", lambda name: real.Dataset({"a": {"id": "a", "text": text}}, labels))
    monkeypatch.setattr(real, "runs", lambda name, sample: (run,))
    got = real.score_loaded_words("ptc-train", None)
    # tokens: gold own = corrupt, elite, deal, and (4); predicted loaded own = corrupt, today (2)
    assert got["ptc_own_precision"] == 0.5 and got["ptc_own_recall"] == 0.25
    # spans: 2 own gold spans, 1 found; 2 own loaded terms, 1 right
    assert got["ptc_own_span_recall"] == 0.5 and got["ptc_own_span_precision"] == 0.5
    # all own terms (hedge and scare quote too): corrupt, it, seems, deal, today -> 2 of 5 tokens hit
    assert got["ptc_own_precision_all_terms"] == 0.4
    # voice: "corrupt" own (right), "sleazy" quoted (right); the scare quote and the crossing span are not scored
    assert got["ptc_voice_accuracy"] == 1.0 and got["ptc_voice_scored"] == 2.0


def test_a_disagreement_is_right_only_when_it_separates_the_stances() -> None:
    assert real.separates_stances([["agree", "agree"], ["disagree"]])
    assert real.separates_stances([["agree"], ["agree"], ["disagree"]])  # 2 of 3 cross-side pairs opposed
    assert real.separates_stances([["disagree"] * 9 + ["agree"], ["agree"]])  # a quoting body on a side
    assert not real.separates_stances([["agree"], ["agree"]])  # two agreeing bodies: a false positive
    assert not real.separates_stances([["agree"] * 5 + ["disagree"], ["agree"]])  # mostly agree vs agree
    assert not real.separates_stances([["agree"], [None]])  # an article without a stance label


def test_keyword_baseline_pairs_bodies_with_and_without_a_denial_word() -> None:
    texts = {
        "1": "The story is a hoax.",
        "2": "The bear fled.",
        "3": "The bear ran off.",
        "4": "Officials denied it.",
    }
    stance = {"1": "disagree", "2": "agree", "3": "disagree", "4": "agree"}
    reported, right, found = real.keyword_baseline(texts, stance)
    assert (reported, right, found) == (4, 2, True)  # 1-2 and 4-3 set the stances apart; 1-3 and 4-2 do not


def test_the_vector_ceiling_is_the_best_single_cosine_cut_and_follows_copies() -> None:
    import numpy as np

    from parallax.stories.signals import StorySignals

    angle = {"a": 0.0, "b": 0.1, "c": 0.5, "d": 1.4}  # radians: a, b close; c between; d far
    vectors = np.array([[np.cos(t), np.sin(t)] for t in angle.values()], dtype=np.float32)
    signals = StorySignals(ids=list(angle), vectors=vectors, days=np.full(4, np.nan))
    pairs = [
        {"a": "a", "b": "b", "same_story": True},  # cosine 0.995
        {"a": "b2", "b": "c", "same_story": False},  # 0.921; b2 is a copy of b, stored under b
        {"a": "a", "b": "c", "same_story": True},  # 0.878
        {"a": "a", "b": "d", "same_story": False},  # 0.170
    ]
    # cuts: above a~b only -> F1 0.67; down to b~c -> 0.5; down to a~c -> 0.8 (the best); to a~d -> 0.67
    assert real.vector_ceiling_f1(signals, pairs, {"b2": "b"}) == pytest.approx(0.8)
    # a pair whose article is not found scores below every cut, so it no longer costs precision
    assert real.vector_ceiling_f1(signals, pairs) == pytest.approx(1.0)
