"""Placeholder grouping: greedy single pass on article embeddings. (Replaced by issue 3's clusterer.)"""

from __future__ import annotations

import hashlib

import numpy as np

from parallax.model import Story
from parallax.store import Store

THRESHOLD = 0.55


def assign_stories(store: Store, full: bool = False) -> list[str]:
    """Attach unassigned articles to stories; return the ids of stories that changed."""
    if full:
        store.replace_stories([])
    ids = store.unassigned_article_ids()
    if not ids:
        return []
    stories = {s.id: s for s in store.iter_stories()}
    centroids = {sid: store.embeddings(s.article_ids).mean(axis=0) for sid, s in stories.items()}
    vectors = store.embeddings(ids)
    changed: set[str] = set()
    for article_id, vector in zip(ids, vectors, strict=True):
        best, best_sim = None, THRESHOLD
        for sid, centroid in centroids.items():
            sim = float(vector @ centroid / max(float(np.linalg.norm(centroid)), 1e-12))
            if sim > best_sim:
                best, best_sim = sid, sim
        if best is None:
            best = "s" + hashlib.sha1(article_id.encode()).hexdigest()[:10]
            stories[best] = Story(id=best, article_ids=[])
        stories[best].article_ids.append(article_id)
        centroids[best] = store.embeddings(stories[best].article_ids).mean(axis=0)
        changed.add(best)
    for sid in changed:
        store.save_story(stories[sid], stale=True)
    return sorted(changed)
