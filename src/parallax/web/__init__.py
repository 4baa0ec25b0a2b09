"""The local web app (`parallax serve`): stories, articles, search and ingest over a store.

FastAPI is imported only when an app is created, so `parallax --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(
    db_path: str | Path,
    token: str | None = None,
    show_progress: bool = False,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    from parallax.web.app import create_app as _create_app

    return _create_app(db_path, token=token, show_progress=show_progress, allowed_hosts=allowed_hosts)


__all__ = ["create_app"]
