"""Small wording helpers shared by the reports (and usable by the web app): counts with the right noun form."""

from __future__ import annotations

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
