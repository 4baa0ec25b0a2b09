"""Evaluation tasks by name, and the baseline of pinned floors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

# A task takes an optional path to labelled data (None: its bundled default) and returns figures.
Task = Callable[[Path | None], dict[str, float]]

REPO_ROOT = Path(__file__).resolve().parents[3]
BASELINE_PATH = REPO_ROOT / "eval" / "baseline.json"
SAMPLE_CORPUS = REPO_ROOT / "corpus" / "sample"


def tasks() -> dict[str, Task]:
    """All tasks by name; imported on demand so `parallax --help` loads no model."""
    from parallax.eval.tasks import TASKS

    return TASKS


def run_task(name: str, data: Path | None = None) -> dict[str, float]:
    return tasks()[name](data)


def load_baseline(path: Path = BASELINE_PATH) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def check_baseline(
    name: str, scores: dict[str, float], baseline: dict[str, dict[str, float]] | None = None
) -> list[str]:
    """The figures of task `name` that fell below their pinned floor, as readable lines."""
    floors = (baseline if baseline is not None else load_baseline()).get(name, {})
    failures = []
    for metric, floor in floors.items():
        got = scores.get(metric)
        if got is None:
            failures.append(f"{name}.{metric}: missing (floor {floor})")
        elif got + 1e-9 < floor:
            failures.append(f"{name}.{metric}: {got:.4f} < floor {floor:.4f}")
    return failures
