"""Where the pipeline runs: in this process (`local`) or on a Ray cluster (`ray`).

Both engines run the same stage functions (`parallax.pipeline`), the same grouping
(`parallax.api.group`) and the same report code, so they give the same report on
the same input; they differ only in how the work is spread.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from parallax import api

ENGINES = ("local", "ray")


class Engine(Protocol):
    name: str

    def analyze(
        self,
        sources: Iterable[str | Path],
        out: str | Path,
        db: str | Path | None = None,
        show_progress: bool = False,
    ) -> api.AnalyzeResult: ...


class LocalEngine:
    """The in-process pipeline: exactly `parallax.api.analyze`."""

    name = "local"

    def analyze(
        self,
        sources: Iterable[str | Path],
        out: str | Path,
        db: str | Path | None = None,
        show_progress: bool = False,
    ) -> api.AnalyzeResult:
        return api.analyze(sources, out, db=db, show_progress=show_progress)


def get_engine(name: str, address: str | None = None) -> Engine:
    """The engine called `name`; Ray is imported only when asked for."""
    if name == "ray":
        from parallax.engines.ray_engine import RayEngine

        return RayEngine(address=address)
    return LocalEngine()


__all__ = ["ENGINES", "Engine", "LocalEngine", "get_engine"]
