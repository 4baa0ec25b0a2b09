"""`parallax load`: bring a Parquet dataset written by a Ray run into the SQLite store."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from parallax.report.text import plural


def register(commands: dict[str, Any]) -> None:
    commands["load"] = (
        "Load a Parquet dataset (articles, annotations, stories) written by `analyze --engine ray` into a store.",
        "parallax load out/big/dataset --db news.db && parallax stories --db news.db",
        _build,
    )


def _build(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    p.add_argument(
        "dataset", type=Path, metavar="DATASET", help="folder holding articles.parquet (and stories.parquet)"
    )
    p.add_argument("--db", metavar="PATH", help="SQLite store (default: a file under your user data folder)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")

    def run(args: argparse.Namespace) -> int:
        from parallax import api
        from parallax.engines.dataset import load_dataset

        with api.open_store(args.db) as store:
            result = load_dataset(args.dataset, store, show_progress=not args.quiet)
            outcome = {
                "db": store.path,
                "articles": result.articles,
                "stories": result.stories,
                "skipped": result.skipped,
            }
        if args.json:
            json.dump(outcome, sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            print(
                f"loaded {plural(result.articles, 'article')}, {plural(result.stories, 'story')}, "
                f"{plural(result.skipped, 'skipped input')} into {outcome['db']}"
            )
        return 0

    return run
