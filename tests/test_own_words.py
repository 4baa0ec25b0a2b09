"""The project holds no run of the datasets' or the seeds' words: tests, comments, lexicons and the
sample corpus are written in our own words (the brief: their text is read at run time, never copied)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SHARED = ROOT.parent / "shared"
RUN = 10  # words in a row: shorter runs are stock phrases ("did not respond to requests for comment")
CHECKED = (
    "src/**/*.py",
    "src/parallax/data/*",
    "tests/*.py",
    "corpus/**/*",
    "eval/**/*",
    "docs/**/*.md",
    "*.md",
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def runs(text: str) -> set[str]:
    w = words(text)
    return {" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def their_runs() -> set[str]:
    found: set[str] = set()
    for path in sorted((SHARED / "datasets").glob("*/articles.jsonl")):
        for line in path.read_text("utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            found |= runs(f"{record.get('title') or ''} . {record.get('text') or ''}")
    for path in sorted((SHARED / "seeds").glob("*")):
        if path.is_file():
            found |= runs(path.read_text("utf-8", errors="replace"))
    return found


def test_no_run_of_the_datasets_or_seeds_words_is_in_the_project() -> None:
    if not (SHARED / "datasets").is_dir() or not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/datasets or ../shared/seeds is not here")
    theirs = their_runs()
    assert len(theirs) > 100_000  # the datasets were read
    copied = []
    for pattern in CHECKED:
        for path in sorted(ROOT.glob(pattern)):
            if not path.is_file() or path.suffix in (".db", ".png", ".gz", ".pyc"):
                continue
            for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
                if runs(line) & theirs:
                    copied.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not copied, "\n".join(copied)
