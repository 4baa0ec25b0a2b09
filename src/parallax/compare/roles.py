"""A role phrase ("the Cuban leader", "Russia's interior minister") to the one story entity holding that role.

The article stage resolves "the minister" to the last person the article gave that role; when
the article never gave it ("welcomed by Miguel Díaz-Canel ... The Cuban leader described"), the
story may: its entities carry every role any source gave them. A phrase fits a person when its
head noun names one of the person's offices ("leader" covers a head of state or government),
its other words are in that role, and a place it names ("Cuban", "Russia's") is not contradicted
by the places in the person's roles. Exactly one person must fit; two or more stay unknown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from parallax.annotate.names import fold, role_heads

# Broader role nouns and the offices they cover: "the Cuban leader" is Cuba's president or premier.
BROADER_ROLES: dict[str, tuple[str, ...]] = {
    "leader": ("leader", "president", "prime minister", "premier", "chancellor", "head of state",
               "head of government", "first secretary", "supreme leader", "king", "queen", "emir", "monarch"),
    "chief": ("chief", "head", "director", "chief executive", "ceo"),
    "boss": ("boss", "chief", "head", "director", "chief executive", "ceo", "manager", "coach"),
}  # fmt: skip
# Gendered and neutral forms of the same office.
SAME_ROLE: tuple[frozenset[str], ...] = (
    frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    frozenset({"chairman", "chairwoman", "chairperson", "chair"}),
    frozenset({"congressman", "congresswoman"}),
)
# A rank before an office makes another office: a vice president is not "the president".
RANKS = frozenset({"vice", "deputy", "assistant", "under", "co", "associate", "lieutenant", "sub"})
FORMER_WORDS = frozenset(
    {"former", "ex", "ex-", "erstwhile", "onetime", "one-time", "retired", "past", "previous"}
)
# Words that say nothing about which office: "the current president", "the country's president".
NEUTRAL_WORDS = frozenset(
    {"the", "a", "an", "el", "la", "current", "incumbent", "sitting", "serving", "then", "acting", "interim",
     "country", "country's", "nation", "nation's", "state", "state's", "its", "his", "her", "their", "new", "top",
     "senior", "powerful", "longtime", "long-time", "veteran", "embattled"}
)  # fmt: skip
_DEMONYM_ENDINGS = ("an", "n", "ian", "ean", "ese", "i", "ish")
# Demonyms no ending makes from the country's name.
IRREGULAR_DEMONYMS = {
    "american": "united states", "british": "united kingdom", "french": "france", "spanish": "spain",
    "dutch": "netherlands", "swiss": "switzerland", "greek": "greece", "turkish": "turkiye", "polish": "poland",
    "danish": "denmark", "swedish": "sweden", "finnish": "finland", "norwegian": "norway", "irish": "ireland",
    "welsh": "united kingdom", "scottish": "united kingdom", "english": "united kingdom", "filipino": "philippines",
    "thai": "thailand", "saudi": "saudi arabia", "emirati": "united arab emirates", "north korean": "north korea",
    "south korean": "south korea", "israeli": "israel", "argentine": "argentina", "peruvian": "peru",
}  # fmt: skip
_WORD = re.compile(r"[\w][\w.'’-]*")


@lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    """Folded place word -> its country: territory names (Babel's English names), their demonyms
    made by the usual endings ("Cuba" -> "Cuban", "China" -> "Chinese", "Iran" -> "Iranian"), and
    the aliases of data/places.json ("U.S.", "Russian")."""
    from babel import Locale  # lazy: only stories with role phrases need it

    names: dict[str, str] = {}
    forms: dict[str, set[str]] = {}
    for code, name in Locale("en").territories.items():
        if code.isdigit() or len(code) != 2:
            continue  # regions ("world", "Africa") are not countries
        country = fold(name)
        names[country] = country
        if " " in country or len(country) < 4:
            continue
        stem = country.rstrip("aeiouy")
        if len(stem) < 3:
            continue
        for base in {stem, country}:
            for ending in _DEMONYM_ENDINGS:
                forms.setdefault(base + ending, set()).add(country)
        if len(stem) >= 5:  # "Germany" -> "German"
            forms.setdefault(stem, set()).add(country)
    for form, countries in forms.items():
        if len(countries) == 1 and form not in names:  # a form two countries could make is no evidence
            names[form] = next(iter(countries))
    for demonym, country in IRREGULAR_DEMONYMS.items():
        names.setdefault(demonym, country)
    data = json.loads(resources.files("parallax.data").joinpath("places.json").read_text(encoding="utf-8"))
    for alias, place in data.get("aliases", {}).items():
        target = fold(place)
        names[fold(alias).replace(".", "")] = names.get(target, target)
    within = {fold(k): fold(v) for k, v in data.get("within", {}).items()}
    for place in within:  # "Havana" -> "Cuba": a city stands for the country that contains it
        seen, up = {place}, within[place]
        while up in within and up not in seen and up not in names:
            seen.add(up)
            up = within[up]
        if up in names and place not in names:
            names[place] = names[up]
    return names


def place_of(word: str) -> str | None:
    """ "Cuban", "Cuba's", "U.S." -> the country they name (folded), or None."""
    bare = fold(word).strip(",;:")
    for suffix in ("'s", "’s", "'", "’"):
        if bare.endswith(suffix):
            bare = bare[: -len(suffix)]
            break
    return _place_names().get(bare.replace(".", "")) or _place_names().get(bare)


def places_in(text: str) -> set[str]:
    """The countries a role names: "Minister of the Interior of Russia", "U.S. President", "President of the United States"."""
    words = [w.strip(".,;:()") for w in _WORD.findall(text)]
    found: set[str] = set()
    names = _place_names()
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            phrase = fold(" ".join(words[i : i + n]))
            if len(words[i : i + n]) == n and (phrase in names or phrase.replace(".", "") in names):
                found.add(names.get(phrase) or names[phrase.replace(".", "")])
                i += n - 1
                break
        i += 1
    return found


def _same_role(word: str) -> frozenset[str]:
    for group in SAME_ROLE:
        if word in group:
            return group
    return frozenset({word})


class RolePhrase:
    """The parts of a role phrase that decide who may hold it."""

    def __init__(self, head: str, modifiers: Sequence[str], places: set[str], former: bool) -> None:
        self.head = head  # "leader"
        self.modifiers = list(modifiers)  # words the role itself must have: "interior", "kremlin"
        self.places = places  # countries the phrase names: {"cuba"}
        self.former = former  # "the former president"

    @classmethod
    def parse(cls, phrase: str) -> RolePhrase | None:
        """ "The Cuban leader" -> head "leader", place Cuba; None when the phrase does not end in a role word."""
        words = [fold(w).strip(",;:") for w in _WORD.findall(phrase.split(" of ")[0])]
        if not words or words[-1].strip(".") not in role_heads() | set(BROADER_ROLES):
            return None
        head = words[-1].strip(".")
        modifiers: list[str] = []
        places: set[str] = set()
        former = False
        for w in words[:-1]:
            if w in FORMER_WORDS:
                former = True
            elif w in NEUTRAL_WORDS:
                continue
            elif (place := place_of(w)) is not None:
                places.add(place)
            else:
                modifiers.append(w.rstrip("'’s") if w.endswith(("'s", "’s")) else w)
        places |= places_in(" of ".join(phrase.split(" of ")[1:])) if " of " in phrase else set()
        return cls(head, modifiers, places, former)

    def offices(self) -> set[str]:
        return set(BROADER_ROLES.get(self.head, ())) | _same_role(self.head)

    def fits_role(self, role: dict[str, Any], former: bool | None = None) -> bool:
        """The role names this office, with the phrase's words and without a rank the phrase lacks;
        held now unless the phrase (or `former`) asks for a former holder."""
        if (role.get("status") == "former") != (self.former if former is None else former):
            return False
        label = fold(role["role"])
        office_part = label.split(" of ")[0]
        words = [w.strip(".,") for w in re.split(r"[\s]+", office_part) if w]
        if not words:
            return False
        matched = next(
            (o for o in self.offices() if _ends_with(words, o.split()) or label.startswith(o + " of ")), None
        )
        if matched is None:
            return False
        before = words[: len(words) - len(matched.split())] if _ends_with(words, matched.split()) else []
        parts = {p for w in before for p in w.split("-")}
        if parts & RANKS and not parts & RANKS & set(self.modifiers):
            return False  # "the president" is not the vice president
        label_words = set(re.split(r"[\s-]+", label.replace("'s", "").replace("’s", "")))
        return all(m in label_words for m in self.modifiers)


def _ends_with(words: Sequence[str], tail: Sequence[str]) -> bool:
    return len(words) >= len(tail) and list(words[-len(tail) :]) == list(tail)


def role_holder(phrase: str, people: Iterable[dict[str, Any]]) -> str | None:
    """The id of the one person in `people` (story entities) who holds the role `phrase` names.

    A person whose roles name the phrase's country fits first; one whose roles name no country
    fits only when nobody names it ("the Cuban leader" and "the current president, Díaz-Canel");
    a person whose roles name another country never fits. Someone holding it now goes before a
    former holder ("the president" is not the former president when the story has both). Two
    fitting people: None.
    """
    parsed = RolePhrase.parse(phrase)
    if parsed is None:
        return None
    people = list(people)
    found = _holders(parsed, people, parsed.former)
    if found is None and not parsed.former:
        # nobody holds it now: "the engineer" is the story's one former chief engineer
        found = _holders(parsed, people, True)
    return found or None


def _holders(parsed: RolePhrase, people: Sequence[dict[str, Any]], former: bool) -> str | None:
    """The one fitting person's id; "" when two or more fit (unknown, never guessed); None when nobody does."""
    named, unplaced = [], []
    for person in people:
        if not any(parsed.fits_role(r, former) for r in person.get("roles", [])):
            continue
        if not parsed.places:
            named.append(person["id"])
            continue
        where = set().union(*(places_in(r["role"]) for r in person["roles"]))
        if where & parsed.places:
            named.append(person["id"])
        elif not where:
            unplaced.append(person["id"])
    if named:
        return named[0] if len(named) == 1 else ""
    if unplaced:
        return unplaced[0] if len(unplaced) == 1 else ""
    return None
