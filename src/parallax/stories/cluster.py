"""Deterministic story clustering: average-link clusters inside a gated similarity graph.

Two articles are linked when their vectors are close enough for how far apart in time
they were published, and, unless they are very close, when they name the same actors
(`GraphClusterer`). Links only say which articles *could* share a story: the default
`AverageLinkClusterer` then merges, within each connected component, the clusters whose
articles fit each other as a whole (average affinity over every pair), so one weak link no
longer chains two events into one story. Because a link depends only on the two articles,
the candidate graph does not depend on arrival order. Average-link merges do depend on it, so
`assign` groups again, from its articles, every component of the graph a new article reaches:
`parallax ingest` then gives what `parallax recluster` (the reference) gives, and components no
new article reaches keep their stories.

Candidate neighbours come from approximate nearest-neighbour indexes (usearch HNSW),
one per time bucket, so an article is only ever compared with articles published
within the link window; small buckets are searched exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np

from parallax.stories.signals import StorySignals, shared_weight

UNKNOWN = -1
NAMED = 0.5  # a shared key this strong is a surname or an organisation, not a place or a first name


@runtime_checkable
class Clusterer(Protocol):
    """Groups articles into stories. Labels are row numbers: rows with the same label form one story."""

    name: str

    def fit(self, signals: StorySignals) -> np.ndarray:
        """Cluster all rows from scratch."""
        ...

    def assign(self, signals: StorySignals, known: np.ndarray) -> np.ndarray:
        """Attach the rows whose `known` label is -1 to the groups given by the other rows' labels.

        Known groups may merge when a new article links them; a clusterer may also group again the
        known groups the new rows reach (`AverageLinkClusterer` does, so ingest agrees with recluster).
        """
        ...


@dataclass(frozen=True)
class LinkRule:
    """When two articles are about the same event."""

    min_similarity: float = 0.42  # below this, never (with shared actors)
    strong_similarity: float = 0.74  # at or above this, one shared person or organisation is enough (other
    # scripts, bad NER), or none if an article names too few actors to tell; sharing only places is not
    min_shared_names: float = 0.8  # e.g. one shared surname, two organisations, or two one-word person names
    grace_days: float = 3.0  # a story's coverage spreads over a few days at no cost
    penalty_per_day: float = 0.015  # past the grace, each day apart raises both similarity bars
    window_days: float = 30.0  # articles further apart are never linked
    unknown_time_penalty: float = 0.03  # one of the two has no date: a little more caution
    # Across languages names cannot be compared (other scripts, transliterations, an English NER on
    # other languages), and a multilingual encoder puts translations a little further apart than
    # rewordings: the vector alone decides, at a bar lowered by this much.
    cross_language_relief: float = 0.08

    def thresholds(self, dt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(needed similarity with shared names, needed similarity without) for day gaps `dt` (NaN: unknown)."""
        extra = np.where(
            np.isnan(dt),
            self.unknown_time_penalty,
            np.maximum(np.nan_to_num(dt) - self.grace_days, 0.0) * self.penalty_per_day,
        )
        return self.min_similarity + extra, self.strong_similarity + extra

    def in_window(self, dt: np.ndarray) -> np.ndarray:
        return np.isnan(dt) | (dt <= self.window_days)


class GraphClusterer:
    """Connected components of the links `rule` allows, found through per-time-bucket ANN indexes."""

    name = "gated-graph-components"

    def __init__(
        self,
        rule: LinkRule | None = None,
        neighbours: int = 24,
        max_neighbours: int = 192,
        exact_below: int = 2048,
        ann_dims: int = 128,
        ann_margin: float = 0.08,
        threads: int = 0,
    ) -> None:
        self.rule = rule or LinkRule()
        self.neighbours = (
            neighbours  # first k of a neighbour search; widened while the k-th still clears the floor
        )
        self.max_neighbours = (
            max_neighbours  # bounds cost in a dense topic (batch and incremental may then differ)
        )
        self.exact_below = exact_below  # buckets smaller than this are searched exactly with numpy
        self.ann_dims = (
            ann_dims  # the index holds a fixed random projection; links are judged on full vectors
        )
        self.ann_margin = ann_margin  # how far below the floor a projected similarity still makes a candidate
        self.threads = threads  # usearch search threads (0 = all cores); builds use one, to be reproducible

    def fit(self, signals: StorySignals) -> np.ndarray:
        return self.assign(signals, np.full(len(signals), UNKNOWN, dtype=np.int64))

    def assign(self, signals: StorySignals, known: np.ndarray) -> np.ndarray:
        known = np.asarray(known, dtype=np.int64)
        is_new = known == UNKNOWN
        seed = _seeds(signals, known)
        links = list(self.links(signals, np.flatnonzero(is_new), is_new))
        a = np.concatenate([np.arange(len(signals)), *(e[0] for e in links)]).astype(np.int64)
        b = np.concatenate([seed, *(e[1] for e in links)]).astype(np.int64)
        return _founder_labels(_components(len(signals), a, b), signals)

    # -- links ----------------------------------------------------------------------------------

    def links(
        self, signals: StorySignals, query_rows: np.ndarray, is_new: np.ndarray
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Linked pairs as arrays (query rows, other rows); each query looks only within its time window.

        Every pair is looked at once: new rows search their own bucket (keeping pairs with an
        older row or a larger new row) and the next bucket (all pairs); the previous bucket and
        the undated one only for rows already grouped, since new rows there search forward.
        """
        buckets = _TimeBuckets(signals.days, self.rule.window_days)
        projected = _projection(signals.vectors, self.ann_dims)
        indexes: dict[float | None, Any] = {}  # built once per bucket, dropped once passed
        for bucket, rows in buckets.query_groups(query_rows):
            for candidate_bucket, relation in buckets.neighbours_of(bucket):
                members = buckets.members(candidate_bucket)
                if relation == "before":
                    members = members[~is_new[members]]
                if len(members) == 0:
                    continue
                if len(members) < self.exact_below:
                    q, c = self._exact_candidates(signals.vectors, rows, members)
                else:
                    if candidate_bucket not in indexes or relation == "before":
                        index = _ann_index(projected, members)
                        if relation == "before":
                            q, c = self._ann_candidates(projected, rows, members, index)
                            yield self._gate(signals, q, c)
                            continue
                        indexes[candidate_bucket] = index
                    q, c = self._ann_candidates(projected, rows, members, indexes[candidate_bucket])
                if relation == "same":
                    once = ~is_new[c] | (q < c)
                    q, c = q[once], c[once]
                yield self._gate(signals, q, c)
            if bucket is not None:
                for old in [b for b in indexes if b is not None and b < bucket]:
                    del indexes[old]

    def _exact_candidates(
        self, vectors: np.ndarray, rows: np.ndarray, members: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        sims = vectors[rows] @ vectors[members].T
        qi, ci = np.nonzero(sims >= self.rule.min_similarity)
        return rows[qi], members[ci]

    def _ann_candidates(
        self, projected: np.ndarray, rows: np.ndarray, members: np.ndarray, index: Any
    ) -> tuple[np.ndarray, np.ndarray]:
        """Approximate neighbours of `rows` among `members`, widening k for rows whose k-th is still close."""
        floor = self.rule.min_similarity - self.ann_margin
        out_q, out_c = [], []
        pending, k = rows, min(self.neighbours, len(members))
        while len(pending):
            found = index.search(projected[pending], k, threads=self.threads)
            keys = np.asarray(found.keys, dtype=np.int64).reshape(len(pending), -1)
            sims = 1.0 - np.asarray(found.distances, dtype=np.float32).reshape(len(pending), -1)
            valid = (keys >= 0) & (keys < len(members)) & (sims >= floor)
            # Widen only where even the k-th neighbour clears the floor itself (not just the margin).
            full = (
                sims[:, -1] >= self.rule.min_similarity
                if keys.shape[1]
                else np.zeros(len(pending), dtype=bool)
            )
            done = ~full if k < len(members) else np.ones(len(pending), dtype=bool)
            qi, ci = np.nonzero(valid & done[:, None])
            out_q.append(pending[qi])
            out_c.append(members[keys[qi, ci]])
            pending, k = pending[~done], min(2 * k, len(members), self.max_neighbours)
            if k == self.max_neighbours and len(
                pending
            ):  # dense topic: settle for the closest max_neighbours
                found = index.search(projected[pending], k, threads=self.threads)
                keys = np.asarray(found.keys, dtype=np.int64).reshape(len(pending), -1)
                sims = 1.0 - np.asarray(found.distances, dtype=np.float32).reshape(len(pending), -1)
                qi, ci = np.nonzero((keys >= 0) & (keys < len(members)) & (sims >= floor))
                out_q.append(pending[qi])
                out_c.append(members[keys[qi, ci]])
                break
        return np.concatenate(out_q), np.concatenate(out_c)

    def _gate(self, signals: StorySignals, q: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The candidate pairs the rule links, judged on exact cosines of the full vectors."""
        keep = q != c
        q, c = q[keep], c[keep]
        sims = _pair_cosines(signals.vectors, q, c)
        dt = np.abs(signals.days[q] - signals.days[c])
        with_names, without_names = self.rule.thresholds(dt)
        close = self.rule.in_window(dt) & (sims >= with_names)
        languages = signals.languages
        other = np.array(
            [
                bool(languages[a] and languages[b] and languages[a] != languages[b])
                for a, b in zip(q[close].tolist(), c[close].tolist(), strict=True)
            ],
            dtype=bool,
        )
        bar = without_names[close] - np.where(other, self.rule.cross_language_relief, 0.0)
        q, c, strong = q[close], c[close], (sims[close] >= bar).tolist()
        entities, enough = signals.entities, self.rule.min_shared_names
        linked = np.zeros(len(q), dtype=bool)
        for i, (a, b, very_close, across) in enumerate(
            zip(q.tolist(), c.tolist(), strong, other.tolist(), strict=True)
        ):
            shared, strongest = shared_weight(entities[a], entities[b])
            linked[i] = shared >= enough or (
                very_close and (across or strongest >= NAMED or not _judgeable(entities[a], entities[b]))
            )
        return q[linked], c[linked]


def _pair_cosines(vectors: np.ndarray, q: np.ndarray, c: np.ndarray, chunk: int = 16384) -> np.ndarray:
    """Dot products of rows q[i] and c[i], a chunk of pairs at a time.

    Gathering both sides whole costs 2 x pairs x dim floats: at 10,000 articles a time
    bucket's candidate pairs ran to hundreds of thousands and grouping peaked at 2.8 GiB.
    Each pair's product is computed alone, so chunking does not change a bit of it.
    """
    sims = np.empty(len(q), dtype=vectors.dtype)
    for start in range(0, len(q), chunk):
        end = start + chunk
        sims[start:end] = np.einsum("ij,ij->i", vectors[q[start:end]], vectors[c[start:end]])
    return sims


JUDGEABLE_NAMES = 3  # an article naming this many actors can be told apart by them


def _judgeable(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether both articles name enough actors that sharing none of them means different events."""
    return min(len(a), len(b)) >= JUDGEABLE_NAMES


class _TimeBuckets:
    """Rows grouped by `floor(day / width)`; undated rows form their own bucket, compared with all."""

    UNDATED = None

    def __init__(self, days: np.ndarray, width: float) -> None:
        self.width = width
        dated = ~np.isnan(days)
        self.bucket_of = np.full(len(days), math.inf)
        self.bucket_of[dated] = np.floor(days[dated] / width)
        self._members: dict[float | None, np.ndarray] = {}
        keys, inverse = np.unique(self.bucket_of, return_inverse=True)  # inf (undated) sorts last, once
        order = np.argsort(inverse, kind="stable")
        bounds = np.searchsorted(inverse[order], np.arange(1, len(keys)))
        for key, chunk in zip(keys.tolist(), np.split(order, bounds), strict=True):
            self._members[None if math.isinf(key) else float(key)] = chunk

    def members(self, bucket: float | None) -> np.ndarray:
        return self._members.get(bucket, np.zeros(0, dtype=np.int64))

    def query_groups(self, rows: np.ndarray) -> Iterator[tuple[float | None, np.ndarray]]:
        keys = self.bucket_of[rows]
        for key in np.unique(keys).tolist():
            yield (None if math.isinf(key) else float(key)), rows[keys == key]

    def neighbours_of(self, bucket: float | None) -> list[tuple[float | None, str]]:
        """The buckets a row of `bucket` searches, each with how it relates: same, after, before.

        Together they cover every article within one width; undated rows search everything.
        """
        if bucket is None:
            return [(b, "same" if b is None else "after") for b in self._members]
        near: list[tuple[float | None, str]] = [(bucket, "same")]
        if bucket + 1 in self._members:
            near.append((bucket + 1, "after"))
        if bucket - 1 in self._members:
            near.append((bucket - 1, "before"))
        if None in self._members:
            near.append((None, "before"))
        return near


@lru_cache(maxsize=4)
def _basis(dim: int, dims: int) -> np.ndarray:
    """`dims` orthonormal directions in `dim` dimensions, the same in every run (fixed seed)."""
    gaussian = np.random.default_rng(0).standard_normal((dim, dims))
    return np.linalg.qr(gaussian)[0].astype(np.float32)


def _projection(vectors: np.ndarray, dims: int) -> np.ndarray:
    """A fixed random orthogonal projection to `dims` (cosines are roughly kept); indexes build faster on it."""
    if vectors.shape[1] <= dims:
        return vectors
    basis = np.linalg.qr(np.random.default_rng(0).standard_normal((vectors.shape[1], dims)))[0].astype(
        np.float32
    )
    projected = vectors @ basis
    projected /= np.maximum(np.linalg.norm(projected, axis=1, keepdims=True), 1e-12)
    return projected


def _ann_index(vectors: np.ndarray, members: np.ndarray) -> Any:
    """An HNSW index over the vectors of `members`; its keys are positions in `members`."""
    from usearch.index import Index

    index = Index(
        ndim=vectors.shape[1],
        metric="cos",
        dtype="i8",
        connectivity=12,
        expansion_add=40,
        expansion_search=40,
    )
    # One thread to build: a graph built in parallel depends on thread timing, and then so would
    # the stories. Searching it in parallel is read-only and gives the same answers.
    index.add(np.arange(len(members), dtype=np.uint64), vectors[members], threads=1)
    return index


def _seeds(signals: StorySignals, known: np.ndarray) -> np.ndarray:
    """The clusters assignment starts from: each stored story (`known` label) and each article with its
    copies; per row, the smallest row of its cluster."""
    n = len(signals)
    seed = np.arange(n, dtype=np.int64)
    grouped = np.flatnonzero(known != UNKNOWN)
    if len(grouped):
        _, first, inverse = np.unique(known[grouped], return_index=True, return_inverse=True)
        seed[grouped] = grouped[first][inverse]  # each grouped row points at its story's first row
    row_of = {article_id: row for row, article_id in enumerate(signals.ids)}
    copy_a = [r for r, o in enumerate(signals.duplicate_of) if o is not None and o in row_of]
    copy_b = [row_of[signals.duplicate_of[r]] for r in copy_a]  # type: ignore[index]
    return _components(
        n,
        np.concatenate([np.arange(n), np.asarray(copy_a, dtype=np.int64)]),
        np.concatenate([seed, np.asarray(copy_b, dtype=np.int64)]),
    )


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of the graph with edges (a[i], b[i]): each row's smallest row in its component."""
    parent = np.arange(n, dtype=np.int64)
    while len(a):
        ra, rb = parent[a], parent[b]
        low, high = np.minimum(ra, rb), np.maximum(ra, rb)
        differ = low != high
        if not differ.any():
            break
        np.minimum.at(parent, high[differ], low[differ])  # hook the larger root under the smaller
        while True:  # then flatten: point every row at its root
            grand = parent[parent]
            if (grand == parent).all():
                break
            parent = grand
    return parent


def _founder_labels(root: np.ndarray, signals: StorySignals) -> np.ndarray:
    """Label every row with its component's founder: the earliest article, ties broken by id."""
    keys = signals.order_keys()
    rank = np.empty(len(keys), dtype=np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    best = np.full(len(keys), len(keys), dtype=np.int64)
    np.minimum.at(best, root, rank)
    row_of_rank = np.argsort(rank)
    return row_of_rank[best[root]]


class AverageLinkClusterer(GraphClusterer):
    """Stories as average-link clusters inside the components of the gated link graph.

    A link graph's components chain: A links B and B links C, so A and C share a story however
    unlike they are, and on real news one weak link joined distinct events into a story of
    1,770 articles. Here the links only say which articles could share a story. Within each
    component, clusters merge greedily while the average affinity over *every* pair of their
    articles (not the best pair) stays above `merge_at`, and only when a link joins them. So an
    article joins a story by its fit to the story as a whole.

    Affinity is the cosine of the two vectors, less the time penalty of `rule`, plus a little for
    shared people and organisations, less a little when both name enough actors and share none
    (two rehab check-ins of two celebrities are two events). `assign` groups the components new
    articles reach again from their articles (`regroup`), or, without it, starts from the stored
    stories as clusters that are never split.
    """

    name = "gated-average-link"

    def __init__(
        self,
        rule: LinkRule | None = None,
        merge_at: float = 0.5,
        shared_bonus: float = 0.03,
        shared_cap: float = 4.0,
        disjoint_malus: float = 0.1,
        max_dense: int = 3000,
        regroup: bool = True,
        cohesion_margin: float | None = 0.1,
        cohesion_size: int = 3,
        **graph: Any,
    ) -> None:
        super().__init__(rule, **graph)
        self.merge_at = merge_at
        self.shared_bonus = shared_bonus  # per unit of shared-name weight (a surname is 1), up to shared_cap
        self.shared_cap = shared_cap
        self.disjoint_malus = disjoint_malus
        self.max_dense = max_dense  # a larger component is taken a time-ordered slice at a time
        self.regroup = regroup  # stored stories a new article reaches are grouped again (else kept whole)
        self.cohesion_margin = cohesion_margin  # None: no cohesion test
        self.cohesion_size = cohesion_size

    def assign(self, signals: StorySignals, known: np.ndarray) -> np.ndarray:
        """Group the new rows with the stored stories they reach through links.

        Every component of the link graph that a new article reaches is grouped again from its
        articles, as a full recluster would group it (with `regroup`; else its stored stories are
        kept whole and only merge): average link depends on the order of its merges, and a story
        frozen from its first articles drifted from the reference. Components no new article
        reaches keep their stories.
        """
        known = np.asarray(known, dtype=np.int64)
        n = len(signals)
        is_new = known == UNKNOWN
        stored = _seeds(signals, known)
        start = _seeds(signals, np.full(n, UNKNOWN, dtype=np.int64)) if self.regroup else stored
        linked_a, linked_b = self._reached_links(signals, is_new, stored)
        component = _components(
            n, np.concatenate([stored, linked_a]), np.concatenate([np.arange(n), linked_b])
        )
        root = stored.copy()
        order = np.argsort(component, kind="stable")
        bounds = np.flatnonzero(np.diff(component[order])) + 1
        edge_order = np.argsort(component[linked_a], kind="stable")
        edge_sorted = component[linked_a][edge_order]
        for rows in np.split(order, bounds):
            if not is_new[rows].any():
                continue
            root[rows] = start[rows]
            if len(rows) < 2 or (start[rows] == start[rows[0]]).all():
                continue
            lo, hi = (
                np.searchsorted(edge_sorted, component[rows[0]], side="left"),
                np.searchsorted(edge_sorted, component[rows[0]], side="right"),
            )
            pick = edge_order[lo:hi]
            for part in self._slices(signals, rows):
                root[part] = self._agglomerate(signals, part, start[part], linked_a[pick], linked_b[pick])
        return _founder_labels(_components(n, np.arange(n), root), signals)

    def _reached_links(
        self, signals: StorySignals, is_new: np.ndarray, stored: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Every link inside the components the new rows reach: the new rows' links, then those of the
        stored stories they reach, and so on (each row is searched once)."""
        searched = is_new.copy()
        frontier = np.flatnonzero(is_new)
        found: list[tuple[np.ndarray, np.ndarray]] = []
        while len(frontier):
            step = list(self.links(signals, frontier, searched))
            found += step
            if not self.regroup:
                break
            ends = np.concatenate([np.zeros(0, np.int64), *(e[1] for e in step)])
            reached = np.isin(stored, stored[ends]) & ~searched
            searched |= reached
            frontier = np.flatnonzero(reached)
        linked_a = np.concatenate([np.zeros(0, np.int64), *(e[0] for e in found)]).astype(np.int64)
        linked_b = np.concatenate([np.zeros(0, np.int64), *(e[1] for e in found)]).astype(np.int64)
        return linked_a, linked_b

    def _slices(self, signals: StorySignals, rows: np.ndarray) -> Iterator[np.ndarray]:
        """The rows of one component, in time-ordered slices of at most `max_dense` (dense matrices)."""
        if len(rows) <= self.max_dense:
            yield rows
            return
        days = np.nan_to_num(signals.days[rows], nan=np.inf)
        ordered = rows[np.argsort(days, kind="stable")]
        for start in range(0, len(ordered), self.max_dense):
            yield ordered[start : start + self.max_dense]

    def affinity(self, signals: StorySignals, rows: np.ndarray) -> np.ndarray:
        """Pairwise affinity of `rows`: cosine, less the time penalty, plus or minus the shared-names term."""
        vectors = signals.vectors[rows]
        sims = (vectors @ vectors.T).astype(np.float64)
        days = signals.days[rows]
        dt = np.abs(days[:, None] - days[None, :])
        with_names, _ = self.rule.thresholds(dt)
        sims -= with_names - self.rule.min_similarity
        sims[~self.rule.in_window(dt)] = -1.0
        entities = [signals.entities[r] for r in rows.tolist()]
        judgeable = np.array([len(e) >= JUDGEABLE_NAMES for e in entities])
        shared = _shared_name_matrix(entities)
        # The same people in the news within the grace days is strong evidence of one story; undated
        # (or further apart), a shared name may be another event of the same person.
        near = np.where(dt <= self.rule.grace_days, 2.0, 1.0)
        sims += self.shared_bonus * np.minimum(shared, self.shared_cap) * near
        languages = np.array([signals.languages[r] or "" for r in rows.tolist()])
        comparable = (
            (languages[:, None] == languages[None, :]) | (languages[:, None] == "") | (languages == "")
        )
        disjoint = (shared < NAMED) & judgeable[:, None] & judgeable[None, :] & comparable
        sims -= np.where(disjoint, self.disjoint_malus, 0.0)
        return sims

    def _cohesive(self, score: np.ndarray, within: np.ndarray, size: np.ndarray, i: int | None) -> np.ndarray:
        """`score` (of all cluster pairs, or of cluster `i` with each) where the two clusters may merge.

        Two stories of at least `cohesion_size` articles each merge only if they fit each other
        nearly as well as each fits itself: average affinity across no more than `cohesion_margin`
        below the less cohesive one's average inside. Two earthquakes reported by one agency are
        alike on average (0.63 on ECB+), but each story is much closer inside. A smaller story has
        too few pairs to tell how close it is inside (two articles: one pair), so it is not held to it.
        """
        if self.cohesion_margin is None:
            return score
        pairs = size * (size - 1) / 2.0
        cohesion = np.where(size >= self.cohesion_size, within / np.maximum(pairs, 1.0), np.nan)
        a, b = (cohesion[:, None], cohesion[None, :]) if i is None else (cohesion[i], cohesion)
        need = np.where(np.isnan(a) | np.isnan(b), -np.inf, np.fmin(a, b) - self.cohesion_margin)
        return np.where(score >= need, score, -np.inf)

    def _agglomerate(
        self,
        signals: StorySignals,
        rows: np.ndarray,
        seeds: np.ndarray,
        link_a: np.ndarray,
        link_b: np.ndarray,
    ) -> np.ndarray:
        """Greedy average-link merging of the seed clusters of `rows`; each row's cluster head (a row id)."""
        heads, member = np.unique(seeds, return_inverse=True)
        k = len(heads)
        if k < 2:
            return seeds
        aff = self.affinity(signals, rows)
        onehot = np.zeros((len(rows), k))
        onehot[np.arange(len(rows)), member] = 1.0
        total = onehot.T @ aff @ onehot  # summed affinity between clusters
        within = (np.diag(total) - onehot.T @ np.diag(aff)) / 2.0  # and inside each, over pairs
        np.fill_diagonal(total, 0.0)
        size = onehot.sum(axis=0)
        order = np.argsort(rows)
        at_a = np.minimum(np.searchsorted(rows, link_a, sorter=order), len(rows) - 1)
        at_b = np.minimum(np.searchsorted(rows, link_b, sorter=order), len(rows) - 1)
        inside = (rows[order[at_a]] == link_a) & (rows[order[at_b]] == link_b)
        ci, cj = member[order[at_a[inside]]], member[order[at_b[inside]]]
        linked = np.zeros((k, k), dtype=bool)
        linked[ci, cj] = linked[cj, ci] = True
        np.fill_diagonal(linked, False)
        alive = np.ones(k, dtype=bool)
        score = np.where(linked, total / np.outer(size, size), -np.inf)
        score = self._cohesive(score, within, size, None)
        best = score.argmax(axis=1)
        best_score = score[np.arange(k), best]
        while True:
            i = int(np.argmax(np.where(alive, best_score, -np.inf)))
            if not alive[i] or best_score[i] < self.merge_at:
                break
            j = int(best[i])
            if j < i:
                i, j = j, i
            # Merge j into i (Lance-Williams for average link: sums add, sizes add).
            within[i] += within[j] + total[i, j]
            total[i] += total[j]
            total[:, i] = total[i]
            total[i, i] = 0.0
            size[i] += size[j]
            linked[i] |= linked[j]
            linked[:, i] = linked[i]
            linked[i, i] = False
            alive[j] = False
            linked[j] = linked[:, j] = False
            member[member == j] = i
            row = np.where(linked[i] & alive, total[i] / (size[i] * size), -np.inf)
            row = self._cohesive(row, within, size, i)
            score[i], score[:, i] = row, row
            score[j], score[:, j] = -np.inf, -np.inf
            stale = alive & ((best == i) | (best == j))
            stale[i] = True
            stale_rows = np.flatnonzero(stale)
            best[stale_rows] = score[stale_rows].argmax(axis=1)
            best_score[stale_rows] = score[stale_rows, best[stale_rows]]
            better = alive & (score[:, i] > best_score)
            best[better], best_score[better] = i, score[better, i]
            best_score[j] = -np.inf
        return heads[member]  # a merge keeps the smaller index, so each cluster is named by its smallest head


def _shared_name_matrix(entities: list[dict[str, float]]) -> np.ndarray:
    """Summed min-weight of the name keys each pair of articles shares (`shared_weight`, for all pairs).

    min(u, v) = sum over weight levels l of [u >= l][v >= l] * (l - previous level), so the whole matrix
    is a few products of 0/1 matrices instead of a Python call per pair. Only keys that two or more
    articles name can be shared, so the matrices have a column per such key, not per name.
    """
    n = len(entities)
    shared = np.zeros((n, n))
    rows = np.fromiter((r for r, e in enumerate(entities) for _ in e), dtype=np.int64)
    if not len(rows):
        return shared
    names = [key for e in entities for key in e]
    weights = np.fromiter((w for e in entities for w in e.values()), dtype=np.float32, count=len(rows))
    keys, column = np.unique(np.array(names, dtype=object), return_inverse=True)
    common = np.bincount(column, minlength=len(keys)) >= 2
    keep = common[column]
    if not keep.any():
        return shared
    _, column = np.unique(column[keep], return_inverse=True)
    rows, weights = rows[keep], weights[keep]
    weight = np.zeros((n, int(column.max()) + 1), dtype=np.float32)
    weight[rows, column] = weights
    previous = 0.0
    for level in np.unique(weights).tolist():
        mark = (weight >= level).astype(np.float32)
        shared += (mark @ mark.T) * (level - previous)
        previous = level
    return shared
