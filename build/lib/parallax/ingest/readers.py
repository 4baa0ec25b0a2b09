"""Dispatch each input to the reader for its kind. (Minimal: plain text only, for now.)"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Msg
from parallax.model import Article

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class Skipped:
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def content_id(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def read_inputs(sources: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    for source in sources:
        path = Path(source)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _read_file(child)
        elif path.is_file():
            yield from _read_file(path)
        else:
            yield Skipped(str(source), None, Msg.NOT_FOUND)


def _read_file(path: Path) -> Iterator[Article | Skipped]:
    data = path.read_bytes()
    if not data.strip():
        yield Skipped(str(path), None, Msg.EMPTY)
        return
    text = data.decode("utf-8", errors="replace")
    yield Article(id=content_id(text), text=text, path=str(path))
