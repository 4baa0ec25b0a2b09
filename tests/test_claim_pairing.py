"""Pairing claims by what they state: one predicate about one argument aligns claims worded apart."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from parallax.compare.triangulate import (
    ALIGN_STRUCTURE_MIN,
    TOPIC_MIN_CLAIMS,
    ClaimRef,
    Similarities,
    align,
    build_refs,
    claim_structure,
    may_align,
    shares_structure,
    structure_pairs,
)
from parallax.model import Article, Story


def claim(
    text: str, predicate: str, subject: str | None = None, objects: tuple[str, ...] = (), **fields: Any
):
    return {
        "start": 0,
        "end": len(text),
        "text": text,
        "subject": subject,
        "predicate": predicate,
        "predicate_chain": [],
        "objects": list(objects),
        "numbers": [],
        "dates": [],
        "negated": False,
        "mentions": [],
        **fields,
    }


def test_structure_pairs_the_predicate_with_its_arguments() -> None:
    keys = claim_structure(claim("His body was recovered by rescuers on Sunday.", "recover", "His body",
                                 ("rescuer", "sunday")))  # fmt: skip
    assert "recov|body" in keys and "recov|rescuer" in keys
    assert not any(k.endswith("|sunday") for k in keys)  # when it happened is no argument


def test_a_nominalised_event_meets_its_verb_through_the_named_argument() -> None:
    arrest = claim("Police announced the arrest of Tom Hale.", "announce", "Police", ("arrest",),
                   mentions=[{"start": 31, "end": 39, "text": "Tom Hale", "label": "PERSON"}])  # fmt: skip
    detained = claim("Officers detained Hale on Monday.", "detain", "Officers", ("hale", "monday"))
    shared = claim_structure(arrest) & claim_structure(detained)
    assert (
        "verb:arrest|hal" in shared
    )  # 'the arrest of Hale' and 'detained Hale': one event class, one person
    # a reporting verb states nothing itself: no 'say|police' key that every attributed claim would share
    said = claim("Police said the road was closed.", "say", "Police", ())
    assert claim_structure(said) == frozenset()


def test_counted_nouns_and_numbers_are_no_arguments() -> None:
    """'Ten people were killed' and '612 people were killed' share only what a figure counts."""
    keys = claim_structure(claim("Ten people were killed.", "kill", "Ten people"))
    assert keys == frozenset()


def test_pairs_sharing_a_key_are_found_from_the_index_as_pair_by_pair() -> None:
    keyed = [{"a|x", "b|y"}, {"b|y"}, {"c|z"}, {"a|x", "c|z"}, set(), {"d|w"}]
    refs = [make_ref(n, f"o{n}", "text", keys) for n, keys in enumerate(keyed)]
    codes = structure_pairs(refs)
    first, second = np.triu_indices(len(refs), 1)
    found = shares_structure(codes, first, second, len(refs))
    want = [bool(keyed[i] & keyed[j]) for i, j in zip(first.tolist(), second.tolist(), strict=True)]
    assert found.tolist() == want and sum(want) == 3


def make_ref(n: int, outlet: str, text: str, structure: set[str], **fields: Any) -> ClaimRef:
    article = Article(id=f"a{n}", text=text, source=outlet, published="2026-03-13", language="en")
    ref = ClaimRef(n, article, claim(text, "x", **fields), article.id, outlet, is_copy=False)
    ref.structure = frozenset(structure)
    return ref


def test_a_key_most_claims_of_a_large_story_state_is_its_topic() -> None:
    refs = [make_ref(n, f"o{n}", "The quake struck.", {"strik|quake"}) for n in range(TOPIC_MIN_CLAIMS)]
    refs[0].structure = frozenset({"strik|quake", "recov|body"})
    refs[1].structure = frozenset({"recov|body"})
    found = shares_structure(structure_pairs(refs), np.array([0, 2]), np.array([1, 3]), len(refs))
    assert found.tolist() == [True, False]  # 'recov|body' pairs two claims; the story's topic key none


def at_cosine(cosine: float) -> np.ndarray:
    return np.array([[1.0, 0.0], [cosine, np.sqrt(1 - cosine**2)]], dtype=np.float32)


def two_claims(text_a: str, text_b: str, a: dict[str, Any], b: dict[str, Any]) -> list[ClaimRef]:
    articles = []
    for n, (text, fields) in enumerate(((text_a, a), (text_b, b))):
        article = Article(id=f"a{n}", text=text, source=f"Outlet{n}", published="2026-03-13", language="en")
        article.annotations["mentions"] = list(fields.get("mentions", []))
        article.annotations["claims"] = [claim(text, **fields)]
        articles.append(article)
    return build_refs(Story(id="s", article_ids=["a0", "a1"]), articles)


HALE = [{"start": 0, "end": 4, "text": "Hale", "label": "PERSON"}]


@pytest.mark.parametrize(
    ("text_b", "fields_b", "cosine", "aligned"),
    [
        # one predicate (recover) about one argument (body) and one name: aligned though worded apart
        ("Hale's body was recovered from the gully by a helicopter crew.",
         {"predicate": "recover", "subject": "Hale's body", "objects": ("gully", "crew"), "mentions": HALE},
         0.35, True),
        # the same wording distance without the shared predicate: not aligned
        ("Hale's climbing partner was flown to hospital in Christchurch.",
         {"predicate": "fly", "subject": "Hale's climbing partner", "objects": ("hospital",), "mentions": HALE},
         0.35, False),
        # one predicate and argument, but wording too far apart even for structure
        ("Hale's body was recovered from the gully by a helicopter crew.",
         {"predicate": "recover", "subject": "Hale's body", "objects": ("gully", "crew"), "mentions": HALE},
         ALIGN_STRUCTURE_MIN - 0.05, False),
    ],
)  # fmt: skip
def test_claims_worded_apart_align_when_they_state_one_predicate_of_one_argument(
    text_b: str, fields_b: dict[str, Any], cosine: float, aligned: bool
) -> None:
    text_a = "Hale body was recovered by rescuers on Sunday afternoon."
    fields_a = {"predicate": "recover", "subject": "Hale body", "objects": ("rescuer",), "mentions": HALE}
    refs = two_claims(text_a, text_b, fields_a, fields_b)
    groups = align(refs, Similarities(at_cosine(cosine)), "2026")
    assert ([0, 1] in groups) is aligned


def test_structure_never_joins_claims_set_in_two_places() -> None:
    """One predicate about one argument in two named places is two events, not one fact."""
    refs = [
        make_ref(0, "Herald", "Rescuers recovered the body in Arlen.", {"recov|body"}),
        make_ref(1, "Beacon", "The body was recovered in Dunmore.", {"recov|body"}),
    ]
    refs[0].names = refs[1].names = {"rescue"}  # one shared anchor besides the structure
    assert may_align(refs[0], refs[1], 0.35, "2026", structure=True)
    for ref, place in zip(refs, ("Arlen", "Dunmore"), strict=True):
        at = ref.article.text.index(place)
        ref.claim["mentions"] = [{"start": at, "end": at + len(place), "text": place, "label": "GPE"}]
    refs[0].places, refs[1].places = {"arlen"}, {"dunmore"}
    assert not may_align(refs[0], refs[1], 0.35, "2026", structure=True)


def parsed_claims(*texts: str) -> list[dict[str, Any]]:
    """The claims layer of each text (one English article each) through the real parse."""
    from parallax.annotate.claims import ClaimStage
    from parallax.annotate.nlp import SpacyStage

    articles = [
        Article(id=f"a{n}", text=t, published="2026-03-12", language="en") for n, t in enumerate(texts)
    ]
    SpacyStage(processes=1)(articles)
    ClaimStage()(articles)
    return [c for a in articles for c in a.annotations["claims"]]


def test_a_nominalised_event_in_a_parsed_sentence_meets_the_verb() -> None:
    """'the arrest of the suspect' and 'arrested the suspect' state one predicate about one argument;
    'the arrest of the mayor' is about someone else."""
    noun, verb, other = parsed_claims(
        "Police announced the arrest of the suspect.",
        "Officers arrested the suspect on Monday.",
        "Police announced the arrest of the mayor.",
    )
    assert "suspect" in noun["noun_arguments"]
    assert claim_structure(noun) & claim_structure(verb)
    assert not claim_structure(other) & claim_structure(verb)
