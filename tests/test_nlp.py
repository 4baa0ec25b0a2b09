"""The spaCy stage: spreading over processes changes nothing but the speed."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.annotate.claims import ClaimStage
from parallax.annotate.nlp import SpacyStage
from parallax.ingest import read_inputs
from parallax.model import Article
from parallax.models import cpu_budget

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"


def sample_articles() -> list[Article]:
    return [item for item in read_inputs([SAMPLE]) if isinstance(item, Article)]


def test_the_cpu_budget_follows_parallax_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARALLAX_THREADS", "1")
    assert cpu_budget() == 1
    monkeypatch.setenv("PARALLAX_THREADS", "3")
    assert cpu_budget() == 3


@pytest.mark.models
def test_two_processes_give_the_layers_one_process_gives() -> None:
    """The sample corpus twice over (32 articles, two batches of 16): every layer is identical."""
    texts = sample_articles()
    assert len(texts) >= 16
    one = [Article(id=f"{n}-{a.id}", text=a.text, published=a.published) for n in (1, 2) for a in texts]
    two = [Article(id=a.id, text=a.text, published=a.published) for a in one]
    SpacyStage(batch_size=16, processes=1)(one)
    SpacyStage(batch_size=16, processes=2)(two)
    ClaimStage()(one)
    ClaimStage()(two)
    for a, b in zip(one, two, strict=True):
        assert a.annotations["sentences"] == b.annotations["sentences"]
        assert a.annotations["mentions"] == b.annotations["mentions"]
        assert a.annotations["claims"] == b.annotations["claims"]  # parses and lemmas came back whole


@pytest.mark.models
def test_a_text_longer_than_spacys_limit_is_parsed_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy refuses a text over `max_length` (E088); a 5 MB JSONL record or a 20 MB .txt is one."""
    from parallax.models import spacy_pipeline

    monkeypatch.setattr(spacy_pipeline(), "max_length", 300)
    paragraph = "Ana Lind said the port of Kastel reopened on Monday after a week of strikes. " * 3
    lines = Article(id="a", text=(paragraph + "\n") * 4)
    run_on = Article(id="b", text="the port reopened and the workers went home " * 30)  # no line break
    short = Article(id="c", text="Ana Lind spoke.")
    SpacyStage(processes=1)([lines, run_on, short])
    for article in (lines, run_on, short):
        assert article.doc.text == article.text
        assert article.annotations["sentences"][-1]["end"] <= len(article.text)
    assert {m["text"] for m in lines.annotations["mentions"]} >= {"Kastel"}
    assert (
        all(lines.text[m["start"] : m["end"]] == m["text"] for m in lines.annotations["mentions"])
        and len(lines.annotations["mentions"]) >= 4
    )
