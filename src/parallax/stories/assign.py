"""Group stored articles into stories, from scratch or by attaching new articles.

`assign_stories(store)` only looks at the articles published within the link window of
the new ones, so ingesting a day of news into a year-long store reads a few weeks of
vectors, not the whole store. `assign_stories(store, full=True)` rebuilds every story and
is the reference; incremental assignment stays close to it (see `parallax.stories.cluster`).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from parallax.model import Story
from parallax.store import Store
from parallax.stories.cluster import UNKNOWN, AverageLinkClusterer, Clusterer
from parallax.stories.edits import apply_edits
from parallax.stories.signals import StorySignals, day_number, entity_weights


def story_id_for(founder_id: str) -> str:
    """A story's id, derived from its founding (earliest) article so it survives re-clustering."""
    return "s" + hashlib.sha1(founder_id.encode("utf-8")).hexdigest()[:10]


def assign_stories(store: Store, full: bool = False, clusterer: Clusterer | None = None) -> list[str]:
    """Attach unassigned articles to stories (or rebuild all with `full`); return the ids of stories that changed."""
    clusterer = clusterer or AverageLinkClusterer()
    rows = store.article_dates()
    ids = [r[0] for r in rows]
    days = np.array([day_number(r[1]) for r in rows], dtype=np.float64)
    duplicate_of = {r[0]: r[2] for r in rows if r[2]}
    story_of = {} if full else store.story_membership()
    new = [i for i in ids if i not in story_of]
    if not new:
        return []
    pool = (
        ids
        if full
        else _pool(
            ids, days, new, duplicate_of, getattr(getattr(clusterer, "rule", None), "window_days", math.inf)
        )
    )
    signals = load_signals(store, pool)
    numbers = {sid: n for n, sid in enumerate(sorted(set(story_of.values())))}
    known = np.array([numbers.get(story_of.get(i, ""), UNKNOWN) for i in signals.ids], dtype=np.int64)
    labels = clusterer.fit(signals) if full else clusterer.assign(signals, known)

    # The whole grouping after this step: stored stories, with the groups the clusterer made. A stored
    # story's members it did not see (outside the window, or without a vector) go where most of the
    # members it saw went: a regrouped story may split, and they follow its larger part.
    members_of_story: dict[str, list[str]] = {}
    for article_id, sid in story_of.items():
        members_of_story.setdefault(sid, []).append(article_id)
    label: dict[str, tuple[str, str | int]] = {a: ("stored", sid) for a, sid in story_of.items()}
    votes: dict[str, Counter[int]] = {}
    for row, row_label in enumerate(labels.tolist()):
        article_id = signals.ids[row]
        label[article_id] = ("clustered", row_label)
        if article_id in story_of:
            votes.setdefault(story_of[article_id], Counter())[row_label] += 1
    seen = set(signals.ids)
    for sid, count in votes.items():
        larger_part = count.most_common(1)[0][0]
        for article_id in members_of_story[sid]:
            if article_id not in seen:
                label[article_id] = ("clustered", larger_part)
    groups: dict[tuple[str, str | int], list[str]] = {}
    for article_id, key in label.items():
        groups.setdefault(key, []).append(article_id)
    order = {i: (math.inf if math.isnan(d) else float(d), i) for i, d in zip(ids, days.tolist(), strict=True)}
    return save_grouping(
        store, apply_edits(groups.values(), store.story_edits()), full=full, order=order, membership=story_of
    )


def save_grouping(
    store: Store,
    groups: Iterable[Sequence[str]],
    full: bool = False,
    order: dict[str, tuple[float, str]] | None = None,
    membership: dict[str, str] | None = None,
) -> list[str]:
    """Store `groups` (article ids per story) as the stories; return the ids of those that changed.

    A story's id comes from its earliest article (`order`: (day, id) per article); a story whose
    members did not change is left as it is (analysed), one that did is saved stale, and a stored
    story no group keeps is deleted. `full` replaces every story (a recluster). `membership` is the
    stored article id -> story id, when the caller has just read it.
    """
    groups = [list(g) for g in groups if g]
    if order is None:
        every = [a for g in groups for a in g]
        order = {
            a: (math.inf if math.isnan(d := day_number(published)) else float(d), a)
            for a, published, _ in store.article_dates(every)
        }
    story_of = {} if full else (store.story_membership() if membership is None else membership)
    size = Counter(story_of.values())
    stories: list[Story] = []
    kept: set[str] = set()
    for group in groups:
        same = story_of.get(group[0])
        if same is not None and size[same] == len(group) and all(story_of.get(a) == same for a in group):
            # unchanged: keeps its id, even one its founder no longer gives (a removed founder)
            kept.add(same)
            continue
        article_ids = sorted(group, key=lambda a: order.get(a, (math.inf, a)))
        story = Story(id=story_id_for(article_ids[0]), article_ids=article_ids)
        kept.add(story.id)
        stories.append(story)
    if full:
        store.replace_stories(stories)
    else:
        with store.transaction():
            for sid in sorted(set(size) - kept):
                store.delete_story(sid)
            for story in stories:
                store.save_story(story, stale=True)
    return sorted(s.id for s in stories)


def _pool(
    ids: Sequence[str], days: np.ndarray, new: Sequence[str], duplicate_of: dict[str, str], window: float
) -> list[str]:
    """The articles a new one could link to: those within the window of any new article, and undated ones."""
    new_set = set(new)
    new_days = np.sort(np.array([d for i, d in zip(ids, days.tolist(), strict=True) if i in new_set]))
    if np.isnan(new_days).any() or not math.isfinite(window):
        return list(ids)
    pos = np.searchsorted(new_days, days)
    below, above = np.clip(pos - 1, 0, len(new_days) - 1), np.clip(pos, 0, len(new_days) - 1)
    nearest = np.minimum(np.abs(days - new_days[below]), np.abs(days - new_days[above]))
    wanted = {
        a
        for a, near, d in zip(ids, nearest.tolist(), days.tolist(), strict=True)
        if math.isnan(d) or near <= window
    }
    wanted |= new_set | {duplicate_of[a] for a in new if a in duplicate_of}
    return [a for a in ids if a in wanted]


def load_signals(store: Store, ids: Sequence[str]) -> StorySignals:
    """Vectors, days, names and duplicate links of stored articles; articles without a vector are left out."""
    vectors = store.embeddings(ids)
    have = (
        np.flatnonzero(np.linalg.norm(vectors, axis=1) > 0)
        if vectors.shape[1]
        else np.zeros(0, dtype=np.int64)
    )
    kept = [ids[r] for r in have.tolist()]
    meta = {a: (published, original) for a, published, original in store.article_dates(kept)}
    mentions: dict[str, list[dict[str, object]]] = store.layer(kept, "mentions")
    languages = store.article_languages(kept)
    return StorySignals(
        ids=kept,
        vectors=vectors[have] if len(have) else np.zeros((0, vectors.shape[1]), np.float32),
        days=np.array([day_number(meta[a][0]) for a in kept], dtype=np.float64),
        entities=[
            entity_weights(mentions.get(a, []), language) for a, language in zip(kept, languages, strict=True)
        ],
        duplicate_of=[meta[a][1] for a in kept],
        languages=languages,
    )
