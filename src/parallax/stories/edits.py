"""Merges and splits a user made, kept across regrouping.

Grouping is statistical and a person reading the stories knows better: "these two are one event",
"this article is another story". Each such edit is recorded in the store (`story_edits`) in terms
of articles, not story ids (ids follow a story's founding article and change when it moves), and
re-applied, oldest first, to every grouping: after a full `recluster`, after each incremental
ingest and right when it is made. Re-applying after clustering, rather than steering the clusterer
with constraints, works with any `Clusterer` and cannot be undone by a later bridging article:

- a merge puts every story holding one of its articles into one;
- a split takes its moved articles out of any story that also holds one of the articles they were
  split from, into a story of their own (new articles may still join either side later).

An article removed since is skipped; an edit whose articles are all gone does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from parallax.errors import Msg, ParallaxError
from parallax.store import Store

MERGE, SPLIT = "merge", "split"


def apply_edits(groups: Iterable[Iterable[str]], edits: Sequence[dict[str, Any]]) -> list[list[str]]:
    """`groups` (article ids per story) with each edit re-applied in order; empty groups dropped."""
    label: dict[str, int] = {}
    members: dict[int, set[str]] = {}
    for number, group in enumerate(groups):
        members[number] = set(group)
        for article_id in members[number]:
            label[article_id] = number
    fresh = len(members)
    for edit in edits:
        if edit["kind"] == MERGE:
            targets = sorted({label[a] for a in edit["articles"] if a in label})
            for other in targets[1:]:
                for article_id in members.pop(other):
                    label[article_id] = targets[0]
                    members[targets[0]].add(article_id)
        elif edit["kind"] == SPLIT:
            joined = {label[a] for a in edit["others"] if a in label}
            moving = [a for a in edit["articles"] if a in label and label[a] in joined]
            if not moving:
                continue
            members[fresh] = set()
            for article_id in moving:
                members[label[article_id]].discard(article_id)
                label[article_id] = fresh
                members[fresh].add(article_id)
            fresh += 1
    return [sorted(m) for m in members.values() if m]


def stored_groups(store: Store) -> list[list[str]]:
    """The store's stories as article-id groups."""
    groups: dict[str, list[str]] = {}
    for article_id, story_id in store.story_membership().items():
        groups.setdefault(story_id, []).append(article_id)
    return list(groups.values())


def reapply(store: Store) -> list[str]:
    """Bring the stored stories in line with every recorded edit; return the ids of stories that changed."""
    from parallax.stories.assign import save_grouping

    return save_grouping(store, apply_edits(stored_groups(store), store.story_edits()))


def merge(store: Store, story_ids: Sequence[str]) -> list[str]:
    """Record that `story_ids` are one story and apply it; return the ids of stories that changed."""
    wanted = list(dict.fromkeys(story_ids))
    if len(wanted) < 2:
        raise ParallaxError(Msg.MERGE_NEEDS_TWO.format(count=len(wanted)))
    articles = [a for story_id in wanted for a in store.get_story(story_id).article_ids]
    store.record_story_edit(MERGE, articles)
    return reapply(store)


def split(store: Store, story_id: str, article_ids: Sequence[str]) -> list[str]:
    """Record that `article_ids` are not part of `story_id` and move them into a story of their own."""
    story = store.get_story(story_id)
    moving = list(dict.fromkeys(article_ids))
    if not moving:
        raise ParallaxError(Msg.SPLIT_NOTHING)
    for article_id in moving:
        if article_id not in story.article_ids:
            raise ParallaxError(Msg.SPLIT_NOT_IN_STORY.format(article_id=article_id, story_id=story_id))
    staying = [a for a in story.article_ids if a not in set(moving)]
    if not staying:
        raise ParallaxError(Msg.SPLIT_ALL.format(story_id=story_id))
    store.record_story_edit(SPLIT, moving, staying)
    return reapply(store)
