"""Small wording helpers shared by the reports (and usable by the web app): counts, article names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Nouns the reports count whose plural is not the regular one.
_IRREGULAR = {"person": "people", "child": "children", "analysis": "analyses", "criterion": "criteria"}
_VOWELS = "aeiou"


def plural_of(word: str) -> str:
    """The plural of an English count noun: 'story' -> 'stories', 'speech' -> 'speeches', 'outlet' -> 'outlets'."""
    lower = word.lower()
    if lower in _IRREGULAR:
        form = _IRREGULAR[lower]
        return form.capitalize() if word[:1].isupper() else form
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    """'1 contradiction', '0 contradictions', '2 stories', '1,200 articles': the count and the noun that fits it."""
    form = word if count == 1 else (plural_word or plural_of(word))
    return f"{count:,} {form}"


def article_name(article: Mapping[str, Any], title_chars: int | None = None) -> str:
    """An article as a reader knows it, "Outlet · Title" (the title cut to `title_chars`)."""
    outlet = article.get("source") or "unknown outlet"
    title = " ".join(str(article.get("title") or "").split())
    if title_chars is not None and len(title) > title_chars:
        title = title[: title_chars - 1].rstrip() + "…"
    return f"{outlet} · {title}" if title else outlet
