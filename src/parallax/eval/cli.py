"""`parallax eval`: print quality figures, and check them against the pinned baseline."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def register(commands: dict[str, Any]) -> None:
    commands["eval"] = (
        "Score the pipeline on labelled data and compare with the pinned floors in eval/baseline.json.",
        "parallax eval stories corpus/labelled/stories.jsonl",
        _build,
    )


def _build(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    p.add_argument("task", nargs="?", default="all", help="a task name, or 'all' (default); see --list")
    p.add_argument("data", nargs="?", type=Path, help="labelled data (default: the task's bundled set)")
    p.add_argument("--list", action="store_true", help="list the tasks and exit")
    p.add_argument("--json", action="store_true", help="print figures as JSON")
    p.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")

    def run(args: argparse.Namespace) -> int:
        from parallax.eval import check_baseline, run_task, tasks

        TASKS = tasks()

        if args.list:
            for name in TASKS:
                print(name)
            return 0
        names = list(TASKS) if args.task == "all" else [args.task]
        unknown = [n for n in names if n not in TASKS]
        if unknown:
            print(f"parallax eval: unknown task {unknown[0]!r}; known: {', '.join(TASKS)}", file=sys.stderr)
            return 2
        results: dict[str, dict[str, float]] = {}
        failures: list[str] = []
        for name in names:
            print(f"evaluating {name} ...", file=sys.stderr)
            results[name] = run_task(name, args.data)
            failures += check_baseline(name, results[name])
        if args.json:
            json.dump(results, sys.stdout, indent=2)
            print()
        else:
            for name, scores in results.items():
                print(name)
                for metric, value in scores.items():
                    print(
                        f"  {metric:<32} {value:.4f}"
                        if isinstance(value, float)
                        else f"  {metric:<32} {value}"
                    )
        for line in failures:
            print(f"below baseline: {line}", file=sys.stderr)
        return 1 if (failures and args.check) else 0

    return run
