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
    assert real.sample_size("ecbplus", "test") == real.TEST_SAMPLE["ecbplus"]
    assert real.sample_size("babe", 7) == 7
    monkeypatch.setenv(real.SAMPLE_ENV, "12")
    assert real.sample_size("fnc1-dev", None) == 12
    with pytest.raises(ValueError):
        real.resolve_sample("many")


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


def test_tfidf_hdbscan_baseline_groups_alike_texts() -> None:
    texts = ["rehab clinic actress enters rehab"] * 2 + ["earthquake hits city, buildings fall"] * 2 + ["x"]
    labels = real.tfidf_hdbscan(texts)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    assert labels[4].startswith("alone:")


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
