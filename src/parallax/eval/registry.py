"""Evaluation tasks by name, and the baseline of pinned floors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

# A task takes an optional path to labelled data (None: its bundled default) and returns figures.
Task = Callable[[Path | None], dict[str, float]]


class SampledTask(Protocol):
    """A task on real datasets that also takes a sample: a size, "test" (the test suite's), None (all)."""

    def __call__(self, data: Path | None = None, sample: int | str | None = None) -> dict[str, float]: ...


class TaskUnavailable(RuntimeError):
    """The task's data is not on this machine (e.g. the real datasets folder): skipped, not failed."""


# `real_stories@sample` is `real_stories` on the test suite's fixed sample; it has floors of its own.
SAMPLE_SUFFIX = "@sample"

REPO_ROOT = Path(__file__).resolve().parents[3]
BASELINE_PATH = REPO_ROOT / "eval" / "baseline.json"
SAMPLE_CORPUS = REPO_ROOT / "corpus" / "sample"


def tasks() -> dict[str, Task]:
    """All tasks by name; imported on demand so `parallax --help` loads no model."""
    from parallax.eval.tasks import TASKS

    return TASKS


def sampled_tasks() -> dict[str, SampledTask]:
    from parallax.eval.tasks import SAMPLED_TASKS

    return SAMPLED_TASKS


def known_task(name: str) -> bool:
    base = name.removesuffix(SAMPLE_SUFFIX)
    return base in tasks() and (base == name or base in sampled_tasks())


def run_task(name: str, data: Path | None = None, sample: int | str | None = None) -> dict[str, float]:
    """Run a task; `sample` (or a name ending in "@sample", meaning "test") applies to real-data tasks."""
    base = name.removesuffix(SAMPLE_SUFFIX)
    if base != name:
        sample = "test"
    sampled = sampled_tasks().get(base)
    if sampled is not None:
        return sampled(data, sample)
    return tasks()[base](data)


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
