"""Progress bars on stderr for long work; silent when disabled or when stderr is not a terminal in CI logs."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(
    items: Iterable[T], desc: str, unit: str = "it", total: int | None = None, enabled: bool = True
) -> Iterator[T]:
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(
        items, desc=desc, unit=unit, total=total, file=sys.stderr, leave=False, dynamic_ncols=True
    )
