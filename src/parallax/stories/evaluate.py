"""Scoring story grouping against gold labels: B-cubed precision/recall/F1 and the adjusted Rand index.

`stories_task` is the `parallax eval stories` task: it loads labelled articles into a
temporary store, annotates them (names and vectors only) and groups them exactly as
`parallax ingest` would.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Mapping
from math import comb
from pathlib import Path
from typing import Any

from parallax.model import Article
from parallax.store import Store
from parallax.stories.signals import StorySignals

REPO_ROOT = Path(__file__).resolve().parents[3]
LABELLED = REPO_ROOT / "corpus" / "labelled" / "stories.jsonl"  # the rule was tuned on this one
HELDOUT = REPO_ROOT / "corpus" / "labelled" / "stories-heldout.jsonl"  # and never on this one
SAMPLE = REPO_ROOT / "corpus" / "sample"


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items in `gold` (each item: how pure and complete its cluster is)."""
    items = [i for i in gold if i in predicted]
    if not items:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0}
    both = Counter((predicted[i], gold[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    precision = sum(both[predicted[i], gold[i]] / pred_size[predicted[i]] for i in items) / len(items)
    recall = sum(both[predicted[i], gold[i]] / gold_size[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1}


def adjusted_rand(predicted: Mapping[str, str], gold: Mapping[str, str]) -> float:
    """Agreement on every pair of items, corrected for chance (1 = identical, about 0 = random)."""
    items = [i for i in gold if i in predicted]
    n = len(items)
    if n < 2:
        return 1.0
    pairs_both = sum(comb(c, 2) for c in Counter((predicted[i], gold[i]) for i in items).values())
    pairs_pred = sum(comb(c, 2) for c in Counter(predicted[i] for i in items).values())
    pairs_gold = sum(comb(c, 2) for c in Counter(gold[i] for i in items).values())
    expected = pairs_pred * pairs_gold / comb(n, 2)
    best = (pairs_pred + pairs_gold) / 2
    if best == expected:
        return 1.0
    return (pairs_both - expected) / (best - expected)


def scores(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    found = [i for i in gold if i in predicted]
    return {
        **bcubed(predicted, gold),
        "ari": adjusted_rand(predicted, gold),
        "articles": float(len(found)),
        "gold_stories": float(len({gold[i] for i in found})),
        "predicted_stories": float(len({predicted[i] for i in found})),
    }


def read_labelled(path: Path) -> tuple[list[Article], dict[str, str]]:
    """Articles of a labelled JSONL file (one object a line, with a `story` field) and their gold story."""
    articles, gold = [], {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        article_id = str(record.get("id") or f"{path.name}:{number}")
        articles.append(
            Article(
                id=article_id,
                text=record["text"],
                source=record.get("source"),
                title=record.get("title"),
                published=record.get("published"),
                language=record.get("language"),
                path=f"{path.name}:{number}",
                duplicate_of=record.get("duplicate_of"),
            )
        )
        gold[article_id] = str(record["story"])
    return articles, gold


def annotate_for_stories(store: Store, show_progress: bool = False) -> None:
    """Only the layers grouping needs (names and vectors), so evaluation does not wait for other stages."""
    from parallax import api
    from parallax.annotate.embed import EmbedStage
    from parallax.annotate.nlp import SpacyStage

    stages: list[Any] = [SpacyStage(), EmbedStage()]
    api.annotate(store, stages=stages, show_progress=show_progress)


def grouping(store: Store) -> dict[str, str]:
    """article id -> story id, as stored."""
    return {a: s.id for s in store.iter_stories() for a in s.article_ids}


def evaluate_labelled(path: Path, show_progress: bool = False) -> dict[str, float]:
    from parallax.ingest.run import content_hash
    from parallax.stories import assign_stories

    articles, gold = read_labelled(path)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.db") as store:
        for article in articles:
            store.add_article(article, content_hash(article.text))
        annotate_for_stories(store, show_progress)
        assign_stories(store)
        return scores(grouping(store), gold)


def evaluate_sample(sample: Path = SAMPLE, show_progress: bool = False) -> dict[str, float]:
    """The sample corpus through the real ingest; gold keys are JSONL/feed ids or paths relative to it."""
    from parallax import api
    from parallax.stories import assign_stories

    labels = json.loads((sample / "gold.json").read_text("utf-8"))["stories"]
    gold = {key: slug for slug, story in labels.items() for key in story["articles"]}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.db") as store:
        api.ingest([sample], store, show_progress=show_progress)
        annotate_for_stories(store, show_progress)
        assign_stories(store)
        by_article = grouping(store)
        predicted: dict[str, str] = {}
        for article in store.iter_articles(annotations=False):
            key = article.id if article.id in gold else _relative(article.path, sample)
            if key in gold and article.id in by_article:
                predicted[key] = by_article[article.id]
        return scores(predicted, gold)


def _relative(path: str | None, root: Path) -> str:
    if not path:
        return ""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def stories_task(data: Path | None = None) -> dict[str, float]:
    """`parallax eval stories [LABELLED.jsonl]`: the given file, or the bundled sets and the sample corpus."""
    if data is not None:
        return evaluate_labelled(data)
    figures = {f"labelled_{k}": v for k, v in evaluate_labelled(LABELLED).items()}
    figures.update({f"heldout_{k}": v for k, v in evaluate_labelled(HELDOUT).items()})
    figures.update({f"sample_{k}": v for k, v in evaluate_sample().items()})
    return figures


def incremental_agreement(signals: StorySignals, batch: int = 100, seed: int = 0) -> float:
    """B-cubed F1 of batch-by-batch assignment against one full clustering (the reference).

    Articles arrive `batch` at a time in publication order (undated ones in a fixed random
    order among them), each batch attached to the stories the earlier ones formed, as
    `parallax ingest` does; then the same articles are clustered at once, as `recluster` does.
    """
    import numpy as np

    from parallax.stories.cluster import UNKNOWN, AverageLinkClusterer

    clusterer = AverageLinkClusterer()
    full = clusterer.fit(signals)
    shuffled = np.random.default_rng(seed).permutation(len(signals))
    arrival = shuffled[np.argsort(np.nan_to_num(signals.days[shuffled], nan=np.inf), kind="stable")]
    story: dict[str, str] = {}
    for end in range(batch, len(arrival) + batch, batch):
        rows = np.sort(arrival[:end])
        part = signals.subset(rows.tolist())
        numbers = {s: n for n, s in enumerate(sorted(set(story.values())))}
        known = np.array([numbers.get(story.get(i, ""), UNKNOWN) for i in part.ids], dtype=np.int64)
        labels = clusterer.assign(part, known)
        story = {i: part.ids[int(label)] for i, label in zip(part.ids, labels.tolist(), strict=True)}
    reference = {signals.ids[r]: signals.ids[int(label)] for r, label in enumerate(full.tolist())}
    return bcubed(story, reference)["bcubed_f1"]
