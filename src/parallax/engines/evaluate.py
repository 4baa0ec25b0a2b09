"""`parallax eval engines`: does the Ray engine give exactly what the local engine gives?

Runs both engines on the same input (default: the sample corpus) and scores how
much of the output agrees exactly: whole report, stories, articles' annotations
and embedding bytes, and the report rebuilt from the Parquet dataset by `load`.
Every figure should be 1.0; anything less means the engines have drifted apart.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from parallax.eval.registry import SAMPLE_CORPUS
from parallax.store import Store


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report without its generation and skip times, with articles and stories in id order."""
    out = {k: v for k, v in report.items() if k != "generated_at"}
    out["articles"] = sorted(report["articles"], key=lambda a: a["id"])
    out["stories"] = sorted(report["stories"], key=lambda s: s["id"])
    out["skipped"] = sorted(
        ({k: v for k, v in s.items() if k != "at"} for s in report["skipped"]),
        key=lambda s: (s["path"], s["line"] or 0, s["reason"]),
    )
    return out


def _agreement(left: dict[str, Any], right: dict[str, Any]) -> float:
    keys = set(left) | set(right)
    if not keys:
        return 1.0
    same = sum(
        1 for k in keys if json.dumps(left.get(k), sort_keys=True) == json.dumps(right.get(k), sort_keys=True)
    )
    return same / len(keys)


def _article_state(db: str) -> dict[str, Any]:
    with Store(db) as store:
        return {
            a.id: {
                "annotations": a.annotations,
                "embedding": None if a.embedding is None else a.embedding.tobytes().hex(),
            }
            for a in store.iter_articles()
        }


def evaluate_engines(data: Path | None = None) -> dict[str, float]:
    from parallax.engines import LocalEngine
    from parallax.engines.dataset import load_dataset
    from parallax.engines.ray_engine import RayEngine

    source = data or SAMPLE_CORPUS
    with tempfile.TemporaryDirectory(prefix="parallax-eval-engines-") as tmp:
        local = LocalEngine().analyze([source], Path(tmp) / "local")
        remote = RayEngine(num_cpus=min(2, os.cpu_count() or 1)).analyze([source], Path(tmp) / "ray")
        mine, theirs = comparable(local.report), comparable(remote.report)
        with Store(Path(tmp) / "loaded.db") as store:
            load_dataset(Path(tmp) / "ray" / "dataset", store)
            from parallax import api

            loaded = comparable(api.build_report(store))
        stories = _agreement({s["id"]: s for s in mine["stories"]}, {s["id"]: s for s in theirs["stories"]})
        articles = _agreement(_article_state(local.db), _article_state(remote.db))
    return {
        "report_identical": float(mine == theirs),
        "story_agreement": stories,
        "article_agreement": articles,
        "loaded_dataset_identical": float(loaded == mine),
        "articles": float(len(mine["articles"])),
        "stories": float(len(mine["stories"])),
    }
