"""`parallax eval`: print quality figures, and check them against the pinned baseline."""

from __future__ import annotations

import argparse
import json
import os
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
    p.add_argument(
        "--sample",
        metavar="N|START:STOP",
        help="real-data tasks only: N units of each dataset (topics, pairs, articles, headlines), "
        "START:STOP the units ranked START to STOP-1 (a held-out window: '200:280'), or "
        "'test' for the test suite's sample (default: everything, or env PARALLAX_EVAL_SAMPLE); "
        "'real_x@sample' runs the test sample against its own floors",
    )

    def run(args: argparse.Namespace) -> int:
        from parallax.eval import check_baseline, run_task, tasks
        from parallax.eval.registry import SAMPLE_SUFFIX, TaskUnavailable, known_task

        TASKS = tasks()

        if args.list:
            for name in TASKS:
                print(name)
            return 0
        names = list(TASKS) if args.task == "all" else [args.task]
        unknown = [n for n in names if not known_task(n)]
        if unknown:
            print(f"parallax eval: unknown task {unknown[0]!r}; known: {', '.join(TASKS)}", file=sys.stderr)
            return 2
        from parallax.eval.real import resolve_sample

        try:  # --sample, else PARALLAX_EVAL_SAMPLE: read by one function, as the tasks read it
            sample = resolve_sample(args.sample)
        except ValueError:
            wrong = args.sample or os.environ.get("PARALLAX_EVAL_SAMPLE")
            print(
                f"parallax eval: --sample wants N, START:STOP or 'test', not {wrong!r}", file=sys.stderr
            )
            return 2
        results: dict[str, dict[str, float]] = {}
        failures: list[str] = []
        for name in names:
            print(f"evaluating {name} ...", file=sys.stderr, flush=True)
            try:
                results[name] = run_task(name, args.data, sample)
            except TaskUnavailable as exc:
                print(f"skipped {name}: {exc}", file=sys.stderr)
                continue
            # Floors of a real task hold for the whole datasets (or, under "@sample", the test sample).
            if sample is None or name.endswith(SAMPLE_SUFFIX) or not name.startswith("real_"):
                failures += check_baseline(name, results[name])
            elif sample == "test":
                failures += check_baseline(name + SAMPLE_SUFFIX, results[name])
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
