"""Story clustering speed and memory at 1k, 10k and 100k articles, and how cost grows with size.

Synthetic articles stand in for real ones: each event has a random direction in embedding
space (events of one topic share part of it), its articles are noisy copies published
within a few days, and they name the event's people and places. Embeddings are given
precomputed, so this measures clustering alone; `--embed N` also times the real sentence
encoder on N texts. Each size runs in its own process so its peak memory is its own.

    python bench/stories.py                 # 1k, 10k, 100k
    python bench/stories.py --sizes 1000 5000 --embed 50
    BENCH_CLUSTERER=graph python bench/stories.py   # the old connected-components clusterer, to compare
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time

import numpy as np

from parallax.stories import StorySignals

DIM = 512
SPAN_DAYS = 90
TOPICS = 40
ARTICLES_PER_EVENT = 8
TARGET = {"seconds_100k": 120.0, "peak_gib": 4.0, "exponent": 1.3}


def synthetic(n: int, seed: int = 7) -> tuple[StorySignals, list[int]]:
    """StorySignals for `n` articles in about n/8 events, and each article's true event."""
    rng = np.random.default_rng(seed)
    events = max(1, n // ARTICLES_PER_EVENT)
    topic_dirs = rng.standard_normal((TOPICS, DIM)).astype(np.float32)
    event_topic = rng.integers(0, TOPICS, events)
    centres = 0.55 * topic_dirs[event_topic] + rng.standard_normal((events, DIM)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    event_day = rng.uniform(0, SPAN_DAYS, events)
    truth = rng.integers(0, events, n)
    noise = rng.standard_normal((n, DIM)).astype(np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    vectors = 0.85 * centres[truth] + 0.55 * noise
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    days = event_day[truth] + rng.exponential(1.0, n)
    entities = []
    for event in truth.tolist():
        names = {
            f"person{event}a": 1.0,
            f"person{event}b": 1.0,
            f"org{event}": 0.5,
            f"country{event % 30}": 0.2,
        }
        keep = rng.random(len(names)) < 0.8
        entities.append({k: w for (k, w), kept in zip(names.items(), keep, strict=True) if kept})
    signals = StorySignals(
        ids=[f"a{i:07d}" for i in range(n)], vectors=vectors.astype(np.float32), days=days, entities=entities
    )
    return signals, truth.tolist()


def run_one(n: int) -> dict[str, float]:
    from collections import Counter

    from parallax.stories import AverageLinkClusterer, GraphClusterer
    from parallax.stories.evaluate import bcubed

    signals, truth = synthetic(n)
    start, cpu_start = time.perf_counter(), time.process_time()
    clusterer = GraphClusterer() if os.environ.get("BENCH_CLUSTERER") == "graph" else AverageLinkClusterer()
    labels = clusterer.fit(signals)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
    predicted = {str(i): str(label) for i, label in enumerate(labels.tolist())}
    gold = {str(i): str(t) for i, t in enumerate(truth)}
    return {
        "articles": n,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,  # summed over threads; compare with seconds to see sharing of the machine
        "articles_per_second": n / seconds,
        "peak_gib": peak / 2**30,
        "bcubed_f1": bcubed(predicted, gold)["bcubed_f1"],
        "largest": max(Counter(labels.tolist()).values()),
        "largest_event": max(Counter(truth).values()),
    }


def run_embed(count: int) -> float:
    """Articles per second of the real encoder (three parts per article, as EmbedStage does)."""
    from parallax.annotate.embed import EmbedStage
    from parallax.model import Article

    words = ["port", "strike", "minister", "flood", "court", "verdict", "election", "visit", "talks", "river"]
    rng = np.random.default_rng(1)
    articles = [
        Article(id=str(i), title=" ".join(rng.choice(words, 8)), text=" ".join(rng.choice(words, 400)))
        for i in range(count)
    ]
    stage = EmbedStage()
    stage(articles[:1])
    start = time.perf_counter()
    stage(articles[1:])
    return (count - 1) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument(
        "--embed", type=int, default=0, metavar="N", help="also time the sentence encoder on N texts"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size, print JSON
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0

    from parallax.progress import progress

    results = []
    for n in progress(args.sizes, desc="bench stories", unit="size"):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(
        f"{'articles':>9} {'seconds':>9} {'cpu s':>9} {'articles/s':>11} {'peak GiB':>9} {'B3 F1':>6} {'largest':>8} {'exponent':>9}"
    )
    for i, r in enumerate(results):
        exponent = ""
        if i:
            prev = results[i - 1]
            exponent = (
                f"{math.log(r['seconds'] / prev['seconds']) / math.log(r['articles'] / prev['articles']):.2f}"
            )
        print(
            f"{r['articles']:>9} {r['seconds']:>9.2f} {r['cpu_seconds']:>9.2f} {r['articles_per_second']:>11.0f}"
            f" {r['peak_gib']:>9.2f}"
            f" {r['bcubed_f1']:>6.3f} {r['largest']:>8} {exponent:>9}"
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        overall = math.log(last["seconds"] / first["seconds"]) / math.log(
            last["articles"] / first["articles"]
        )
        print(
            f"growth exponent {first['articles']}->{last['articles']}: {overall:.2f} (target < {TARGET['exponent']})"
        )
    if args.embed:
        print(f"embedding: {run_embed(args.embed):.1f} articles/s (sentence encoder, headline + lead + body)")
    print(f"load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
