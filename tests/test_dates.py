"""Date expressions normalised against the publication date (rules only: no model needed)."""

from __future__ import annotations

import pytest

from parallax.annotate.dates import anchor_date, find_dates

# Thursday 12 March 2026
PUBLISHED = "2026-03-12T09:30:00+01:00"


def _one(text: str, published: str | None = PUBLISHED) -> dict:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "value", "granularity"),
    [
        ("The court met on Tuesday, March 10 to hear the case.", "on Tuesday, March 10", "2026-03-10", "day"),
        ("Talks collapsed on January 3.", "on January 3", "2026-01-03", "day"),
        ("The deal expired in November 2025.", "in November 2025", "2025-11", "month"),
        ("He has led the ministry since 2012.", "since 2012", "2012", "year"),
        ("The strike began on Monday.", "on Monday", "2026-03-09", "day"),
        ("The court ruled on Thursday.", "on Thursday", "2026-03-12", "day"),  # same weekday: that day
        ("The team will play on Saturday.", "on Saturday", "2026-03-14", "day"),  # future tense looks ahead
        ("Prices rose last month.", "last month", "2026-02", "month"),
        ("The minister resigned last year.", "last year", "2025", "year"),
        ("The march ended two days ago.", "two days ago", "2026-03-10", "day"),
        ("Shops reopened yesterday.", "yesterday", "2026-03-11", "day"),
        ("Detuvieron al líder el martes 10 de marzo.", "el martes 10 de marzo", "2026-03-10", "day"),
        ("Hace dos días hubo protestas.", "Hace dos días", "2026-03-10", "day"),
        ("The vote is due next year.", "next year", "2027", "year"),
        ("Repairs were finished in early March.", "in early March", "2026-03", "month"),
        ("The walls were built in 1986.", "in 1986", "1986", "year"),
    ],
)
def test_expressions_are_normalised_against_the_publication_date(
    text, expression, value, granularity
) -> None:
    found = _one(text)
    assert text[found["start"] : found["end"]] == found["text"]
    assert expression in found["text"]
    assert (found["value"], found["granularity"]) == (value, granularity)


def test_a_date_without_a_year_goes_to_the_previous_year_when_it_would_be_far_ahead() -> None:
    assert _one("The pact was signed on December 20.", "2026-01-05")["value"] == "2025-12-20"


def test_an_undated_article_keeps_relative_dates_unresolved_but_absolute_ones_resolved() -> None:
    text = "On Tuesday the union met. The port opened in 1991. Its lease ends on March 3, 2030."
    found = {d["text"]: d["value"] for d in find_dates(text, None)}
    assert found == {"On Tuesday": None, "in 1991": "1991", "on March 3, 2030": "2030-03-03"}


def test_numbers_that_are_not_years_are_not_dates() -> None:
    assert find_dates("About 2,500 jobs and 1,180 officers; 2019 people marched.", PUBLISHED) == []


def test_unreadable_publication_dates_count_as_none() -> None:
    assert anchor_date("13.03.2026") is None
    assert anchor_date("2026-03-13T07:40:00Z").isoformat() == "2026-03-13"


def test_sentence_bounds_come_from_the_sentences_layer() -> None:
    text = "First sentence. The strike began on Monday."
    found = find_dates(text, PUBLISHED, sentences=[(0, 15), (16, len(text))])
    assert (found[0]["sentence_start"], found[0]["sentence_end"]) == (16, len(text))
