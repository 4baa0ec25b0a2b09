"""Quality cannot drop unnoticed: every evaluation task must stay at or above its pinned floors."""

from __future__ import annotations

import pytest

from parallax.eval import check_baseline, load_baseline, run_task
from parallax.eval.real import available, datasets_root
from parallax.eval.registry import SAMPLE_SUFFIX, known_task


def _in_tests(name: str) -> bool:
    """Real-data floors without "@sample" hold for whole datasets: `parallax eval --check` checks them."""
    return not name.startswith("real_") or name.endswith(SAMPLE_SUFFIX)


def test_every_pinned_task_exists() -> None:
    missing = sorted(name for name in load_baseline() if not known_task(name))
    assert not missing, f"eval/baseline.json pins floors for unknown tasks: {missing}"


@pytest.mark.models
@pytest.mark.parametrize("task", [name for name in load_baseline() if _in_tests(name)])
def test_task_meets_its_floors(task: str) -> None:
    if task.startswith("real_") and not available():
        pytest.skip(f"real datasets not found at {datasets_root()} (set PARALLAX_DATASETS)")
    scores = run_task(task)
    failures = check_baseline(task, scores)
    assert not failures, "\n".join(failures)


def test_check_baseline_flags_a_drop() -> None:
    baseline = {"demo": {"f1": 0.8, "recall": 0.5}}
    assert check_baseline("demo", {"f1": 0.81, "recall": 0.5}, baseline) == []
    assert check_baseline("demo", {"f1": 0.79, "recall": 0.6}, baseline) == ["demo.f1: 0.7900 < floor 0.8000"]
    assert check_baseline("demo", {"f1": 0.9}, baseline) == ["demo.recall: missing (floor 0.5)"]
