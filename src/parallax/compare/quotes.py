"""Who said what across a story: each quote of the `quotes` layer with its speaker as a story entity.

The article stage names the speaker as the text does ("Breznik", "the minister" resolved to
"Teodor Lazic"); here that name becomes a canonical entity id, through the entity mention at the
same offsets or, failing that, a unique alias match. A speaker no entity matches keeps the
text's words ("prosecutors") with `speaker_id: null`; an unknown speaker stays null.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from parallax.annotate.names import fold, name_tokens
from parallax.compare.entities import SpanLookup, mention_index
from parallax.compare.roles import RolePhrase, role_holder
from parallax.model import Article, Story


class _SpeakerNames:
    """The story's entities by each way a speaker may be named, built once per story.

    A long story has thousands of quotes and thousands of entities; looking each speaker up
    here instead of scanning every entity keeps the stage linear. Each list keeps the
    entities' order and holds an entity at most once, so the rules below read as before.
    """

    def __init__(self, entities: Sequence[dict[str, Any]]) -> None:
        self.exact: dict[str, list[str]] = defaultdict(list)  # folded name or alias
        self.org_word: dict[str, list[str]] = defaultdict(list)  # a word of an organisation's name
        self.role_head: dict[str, list[dict[str, Any]]] = defaultdict(list)  # "minister" -> its holders
        self._by_role: dict[str, str | None] = {}  # role phrase -> its one holder, looked up once
        self.full_name: dict[tuple[str, ...], list[str]] = defaultdict(list)  # a person's name words
        self.surname: dict[str, list[str]] = defaultdict(list)  # last word of a person's name or alias
        for e in entities:
            names = [e["name"], *e["aliases"]]
            for key in dict.fromkeys(fold(a) for a in names):
                self.exact[key].append(e["id"])
            if e["type"] == "ORG":
                for word in set(fold(e["name"]).split()):
                    self.org_word[word].append(e["id"])
            if e["type"] == "PERSON":
                for head in {_role_head(r["role"]) for r in e["roles"]}:
                    self.role_head[head].append(e)
                self.full_name[tuple(name_tokens(e["name"]))].append(e["id"])
                for last in {t[-1] for t in map(name_tokens, names) if t}:
                    self.surname[last].append(e["id"])

    def match(self, speaker: str) -> str | None:
        """The one entity with `speaker` among its names; a surname alone must point at exactly one person."""
        exact = self.exact.get(fold(speaker), [])
        if len(exact) == 1:
            return exact[0]
        tokens = name_tokens(speaker)
        if len(exact) > 1 or not tokens:
            return None
        if speaker.lower().startswith(("the ", "el ", "la ")):
            # "the union": the one organisation of that kind, or the one holder of that role
            orgs = self.org_word.get(tokens[-1], [])
            if len(orgs) == 1:
                return orgs[0]
            return self.role(speaker)
        if len(tokens) >= 2 and RolePhrase.parse(speaker) is not None and self.role(speaker):
            return self.role(speaker)  # "Russia's interior minister"
        if len(tokens) >= 2:  # a full name must match a full name: "Ilse Marrow" is not "Peter Marrow"
            full = self.full_name.get(tuple(tokens), [])
            return full[0] if len(full) == 1 else None
        by_surname = self.surname.get(tokens[-1], [])
        return by_surname[0] if len(by_surname) == 1 else None

    def role(self, phrase: str) -> str | None:
        """The one person holding the role `phrase` names ("the Cuban leader"), or None."""
        if phrase not in self._by_role:
            parsed = RolePhrase.parse(phrase)
            candidates: dict[str, dict[str, Any]] = {}
            for office in parsed.offices() if parsed else ():
                for e in self.role_head.get(office.split()[-1], []) + self.role_head.get(
                    office.split()[0], []
                ):
                    candidates[e["id"]] = e
            self._by_role[phrase] = role_holder(phrase, candidates.values()) if candidates else None
        return self._by_role[phrase]


def _role_head(role: str) -> str:
    """ "Interior Minister" -> "minister"; "chairman of the union" -> "chairman"."""
    words = fold(role).split(" of ")[0].split()
    return words[-1] if words else ""


def _mention_fits(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """The entity has a mention at the speaker's words that is not mostly other words.

    "Palace of the Revolution by Díaz-Canel" (the issue's example) tagged as one name covers the
    speaker "Díaz-Canel", but that entity is the palace phrase, not the person.
    """
    for s, e in spans:
        if s < end and start < e:
            shared = min(e, end) - max(s, start)
            if shared * 2 >= e - s:
                return True
    return False


def _recent_role_holder(
    phrase: str, text: str, spans: Sequence[tuple[int, int, str]], people: dict[str, dict[str, Any]], at: int
) -> str | None:
    """ "said the president" where the story has several presidents: the holder of that role the
    article named last, in the paragraph of the quote or the one before it, when every other holder
    it names was last named before that (a definite description's nearest antecedent). Otherwise
    the speaker stays unknown."""
    last: dict[str, int] = {}
    for s, e, eid in spans:
        if e <= at and eid in people:
            last[eid] = max(last.get(eid, -1), s)
    holders = [eid for eid in last if role_holder(phrase, [people[eid]])]
    if not holders:
        return None
    holders.sort(key=lambda eid: last[eid], reverse=True)
    paragraph = _paragraph_before(text, at)
    nearest = holders[0]
    if last[nearest] <= paragraph:
        return None  # named too far back
    if len(holders) > 1 and last[holders[1]] > paragraph:
        return None  # two holders named just before: unknown, never guessed
    return nearest


def _paragraph_before(text: str, at: int) -> int:
    """Where the paragraph before the one holding `at` starts (the line break before it; -1 at the top)."""
    end = text.rfind("\n", 0, at)
    if end < 0:
        return -1
    while end > 0 and text[end - 1] in "\n\r \t":
        end -= 1  # the blank lines between two paragraphs
    return text.rfind("\n", 0, end)


def story_quotes(story: Story, articles: Sequence[Article]) -> list[dict[str, Any]]:
    spans_of = mention_index(story.entities)
    lookups = {aid: SpanLookup(spans) for aid, spans in spans_of.items()}
    entity_spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for aid, spans in spans_of.items():
        for s, e, eid in spans:
            entity_spans[aid, eid].append((s, e))
    speakers = _SpeakerNames(story.entities)
    names = {e["id"]: e["name"] for e in story.entities}
    people = {e["id"]: e for e in story.entities if e["type"] == "PERSON"}
    quotes: list[dict[str, Any]] = []
    for article in articles:
        for q in article.annotations.get("quotes", []):
            speaker, speaker_id = q.get("speaker"), None
            speaker_evidence: list[dict[str, Any]] = []
            if speaker is not None and q.get("speaker_start") is not None:
                start, end = q["speaker_start"], q["speaker_end"]
                lookup = lookups.get(article.id)
                speaker_id = (lookup.entity_at(start, end) if lookup else None) or speakers.match(speaker)
                if speaker_id is not None and not _mention_fits(
                    entity_spans.get((article.id, speaker_id), []), start, end
                ):
                    speaker_id = speakers.match(speaker)  # a longer mention swallowed the name
                speaker_evidence.append(article.evidence(start, end))
                ref_start, ref_end = q.get("ref_start"), q.get("ref_end")
                if ref_start is not None and ref_end is not None and (ref_start, ref_end) != (start, end):
                    speaker_evidence.append(article.evidence(ref_start, ref_end))
            elif q.get("ref_start") is not None and q.get("ref_end") is not None:
                # "said a senior adviser": nobody named, the words that describe the speaker kept as evidence;
                # "said the president", left open by the article, is the story's one president if it has one
                words = article.text[q["ref_start"] : q["ref_end"]]
                if words.lower().startswith(("the ", "el ", "la ")):
                    speaker_id = speakers.role(words) or _recent_role_holder(
                        words, article.text, spans_of.get(article.id, []), people, q["ref_start"]
                    )
                speaker_evidence.append(article.evidence(q["ref_start"], q["ref_end"]))
            quotes.append(
                {
                    "text": q["text"],
                    "kind": q["kind"],
                    "speaker": names.get(speaker_id, speaker) if speaker_id else speaker,
                    "speaker_id": speaker_id,
                    "speaker_evidence": speaker_evidence,
                    "cue": q.get("cue"),
                    "article_id": article.id,
                    "evidence": [article.evidence(q["start"], q["end"])],
                }
            )
    return quotes


class StoryQuoteStage:
    """Fills `story.quotes` (see docs/report-schema.md)."""

    name = "story_quotes"
    requires: tuple[str, ...] = ("quotes", "entities")
    provides: tuple[str, ...] = (
        "quotes",
    )  # the story section (the article layer of the same name is its input)

    def __call__(self, story: Story, articles: Sequence[Article]) -> None:
        story.quotes = story_quotes(story, articles)
