"""The labelled real-text pairs (ids and offsets only) and the `real_claims` scoring, without models."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from parallax.eval import real, real_claims
from parallax.eval.real_claims import BLIND_LABELS, HELDOUT_LABELS, LABELS, Pair, load_labels, score

LABEL_FILES = pytest.mark.parametrize(
    "path", [LABELS, HELDOUT_LABELS, BLIND_LABELS], ids=["dev", "heldout", "blind"]
)


def _rows(path: Path = LABELS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@LABEL_FILES
def test_labels_are_ids_and_offsets_only(path: Path) -> None:
    rows = _rows(path)
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == {"id", "dataset", "topic", "a", "b", "label", "kind", "note"}, r["id"]
        for side in (r["a"], r["b"]):
            assert set(side) == {"article_id", "start", "end"} and 0 <= side["start"] < side["end"]
        assert r["a"]["article_id"] != r["b"]["article_id"], r["id"]
        assert r["label"] in real_claims.LABELS_KINDS
        assert (r["kind"] in real_claims.KINDS) if r["label"] == "contradiction" else r["kind"] is None
        assert 5 <= len(r["note"]) <= 120


def test_labels_cover_enough_pairs_and_kinds() -> None:
    pairs = load_labels()
    labels = Counter(p.label for p in pairs)
    kinds = Counter(p.kind for p in pairs if p.kind)
    assert len(pairs) >= 80 and labels["contradiction"] >= 25 and labels["different"] >= 10
    assert {"number", "date", "place", "denial"} <= set(kinds)
    assert len(real_claims.topics_of(pairs)) >= 5


def test_heldout_topics_are_new_and_cover_the_kinds() -> None:
    dev, heldout = load_labels(), load_labels(HELDOUT_LABELS)
    assert not set(real_claims.topics_of(dev)) & set(real_claims.topics_of(heldout))
    assert len(real_claims.topics_of(heldout)) == 3 and not {p.id for p in dev} & {p.id for p in heldout}
    assert {"same", "contradiction", "different"} == {p.label for p in heldout}


def test_blind_topics_are_new_and_hold_enough_of_each_label() -> None:
    dev, heldout, blind = load_labels(), load_labels(HELDOUT_LABELS), load_labels(BLIND_LABELS)
    seen = set(real_claims.topics_of(dev)) | set(real_claims.topics_of(heldout))
    assert len(real_claims.topics_of(blind)) == 3 and not seen & set(real_claims.topics_of(blind))
    assert not ({p.id for p in dev} | {p.id for p in heldout}) & {p.id for p in blind}
    labels = Counter(p.label for p in blind)
    assert labels["contradiction"] >= 10 and labels["same"] >= 15 and labels["different"] >= 5


@LABEL_FILES
def test_offsets_land_on_whole_sentences_of_one_topic(path: Path) -> None:
    if not real.available() or not (real.datasets_root() / "ecbplus" / "articles.jsonl").is_file():
        pytest.skip(f"real datasets not found at {real.datasets_root()}")
    data = real.load("ecbplus")
    for p in load_labels(path):
        topics = set()
        for article_id, start, end in (p.a, p.b):
            text = data.records[article_id]["text"]
            sentence = text[start:end]
            assert end <= len(text) and "\n" not in sentence, p.id
            assert sentence == sentence.strip() and len(sentence.split()) >= 3, p.id
            # ECB+ gives one sentence per line: a span is one whole line.
            assert text[:start].strip(" ").endswith("\n") or not text[:start].strip(), p.id
            assert text[end:].strip(" ").startswith("\n") or not text[end:].strip(), p.id
            topics.add(data.labels["stories"][article_id].split("-")[0])
        assert topics == {p.topic}, p.id


def test_sample_is_the_first_topics_in_file_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(real.SAMPLE_ENV, raising=False)
    pairs = [
        Pair(str(i), t, ("x", 0, 1), ("y", 0, 1), "same", None) for i, t in enumerate(["9", "9", "3", "7"])
    ]
    assert real_claims.chosen_topics(pairs, "test") == ["9"]
    assert real_claims.chosen_topics(pairs, 2) == ["9", "3"]
    assert real_claims.chosen_topics(pairs, None) == ["9", "3", "7"]


# --- scoring a hand-built report ---------------------------------------------------------------------
def _ev(article_id: str, start: int, end: int) -> dict[str, Any]:
    return {"article_id": article_id, "start": start, "end": end, "text": "..."}


PAIRS = [
    Pair("s1", "1", ("a", 0, 40), ("b", 10, 50), "same", None),  # toll: grouped -> found
    Pair("s2", "1", ("a", 50, 90), ("c", 0, 30), "same", None),  # magnitude: not grouped -> missed
    Pair("c1", "1", ("a", 0, 40), ("c", 40, 80), "contradiction", "number"),  # reported
    Pair("c2", "1", ("b", 60, 100), ("c", 90, 120), "contradiction", "date"),  # missed
    Pair("d1", "1", ("b", 10, 50), ("c", 130, 160), "different", None),  # grouped -> false alignment
]


def _report() -> dict[str, Any]:
    claims = [
        # a clause inside a's sentence, b's whole sentence, and the hard negative from c
        {"id": "c1", "evidence": [_ev("a", 5, 30), _ev("b", 10, 50), _ev("c", 130, 160)]},
        {"id": "c2", "evidence": [_ev("a", 50, 90)]},
        {"id": "c3", "evidence": [_ev("c", 0, 12)]},  # too little of c's 30-character sentence
    ]
    contradictions = [
        {"kind": "numeric", "sides": [{"evidence": [_ev("a", 0, 40)]}, {"evidence": [_ev("c", 40, 80)]}]},
        # covers the hard negative d1: judged, wrong
        {"kind": "numeric", "sides": [{"evidence": [_ev("b", 10, 50)]}, {"evidence": [_ev("c", 130, 160)]}]},
        # touches a labelled sentence but covers no labelled pair: not judged
        {"kind": "place", "sides": [{"evidence": [_ev("a", 50, 90)]}, {"evidence": [_ev("b", 200, 240)]}]},
    ]
    for c in contradictions:
        c["evidence"] = [e for side in c["sides"] for e in side["evidence"]]
    consensus = [{"text": "...", "evidence": [_ev("b", 10, 50), _ev("c", 130, 160)]}]
    return {
        "stories": [{"claims": claims, "contradictions": contradictions, "summary": {"consensus": consensus}}]
    }


def test_scores_alignment_and_contradictions_from_the_report() -> None:
    figures = score(PAIRS, _report(), lambda article, start, end: (start, end))
    assert figures["align_recall"] == 0.5 and figures["align_precision"] == 0.5
    assert figures["hard_negatives_apart"] == 0.0
    assert figures["contradiction_recall"] == 0.5
    assert figures["contradiction_recall_number"] == 1.0 and figures["contradiction_recall_date"] == 0.0
    assert figures["contradiction_precision"] == 0.5  # two judged, one right
    assert figures["contradiction_precision_touching"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["contradiction_kind_accuracy"] == 1.0
    assert figures["consensus_different_pairs"] == 1.0 and figures["consensus_contradicted_pairs"] == 0.0
    assert figures["consensus_clean"] == pytest.approx(2 / 3, abs=1e-3)


def test_a_lost_text_counts_as_missed() -> None:
    def locate(article: str, start: int, end: int) -> tuple[int, int] | None:
        return None if article == "c" else (start, end)

    figures = score(PAIRS, _report(), locate)
    assert figures["pairs_lost"] == 4.0
    assert figures["contradiction_recall"] == 0.0 and figures["align_recall"] == 0.5


def test_a_many_sided_contradiction_is_judged_on_every_pair_it_sets_apart() -> None:
    pairs = [
        Pair("c", "1", ("a", 0, 40), ("b", 0, 40), "contradiction", "number"),  # 30 dead vs 40 dead
        Pair("s", "1", ("a", 0, 40), ("c", 0, 40), "same", None),  # 30 dead, twice
    ]
    sides = [{"evidence": [_ev(x, 0, 40)]} for x in "abc"]  # a, b and c each a side of their own
    report = {"stories": [{"claims": [], "contradictions": [{"kind": "numeric", "sides": sides}]}]}
    report["stories"][0]["contradictions"][0]["evidence"] = [e for s in sides for e in s["evidence"]]
    figures = score(pairs, report, lambda article, start, end: (start, end))
    assert figures["contradiction_recall"] == 1.0
    assert figures["contradiction_precision"] == 0.5 and figures["contradiction_precision_number"] == 0.5
    assert figures["contradiction_precision_touching"] == 0.0


def test_recall_within_one_story_counts_only_contradictions_whose_articles_share_a_story() -> None:
    report = _report()
    report["stories"][0]["article_ids"] = ["a", "c"]
    report["stories"].append({"article_ids": ["b"], "claims": [], "contradictions": []})
    figures = score(PAIRS, report, lambda article, start, end: (start, end))
    # c1 (a, c) sits in one story and is reported; c2 (b, c) spans two stories
    assert figures["contradiction_recall"] == 0.5
    assert figures["contradiction_recall_same_story"] == 1.0
    assert figures["contradictions_across_stories"] == 1.0
