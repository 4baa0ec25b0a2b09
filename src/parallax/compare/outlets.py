"""Outlet metadata (country, owner, state affiliation, the user's own leaning label) from a user file.

Parallax ships no opinion of any real outlet: it shows only what the user wrote
in an `outlets.json` (outlet name -> object of fields) and what it measured.
The file is found, first match wins:

1. the path in the environment variable PARALLAX_OUTLETS (`parallax analyze --outlets PATH` sets it);
2. an `outlets.json` in the folder of an input file, or the folder above it;
3. `outlets.json` in the user's Parallax config folder.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from parallax.errors import Msg, ParallaxError
from parallax.model import Article

OUTLETS_ENV = "PARALLAX_OUTLETS"
OUTLETS_FILE = "outlets.json"


def user_outlets_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("parallax", appauthor=False)) / OUTLETS_FILE


def _input_folder(path: str) -> Path | None:
    """The folder of an article's input ("dir/export.jsonl:12", "dir/feed.xml#id"); None for URLs."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", path, re.IGNORECASE):
        return None
    path = re.sub(r"(\.jsonl?):\d+$", r"\1", path.split("#", 1)[0])
    return Path(path).parent


def find_outlets_file(articles: Iterable[Article] = ()) -> Path | None:
    named = os.environ.get(OUTLETS_ENV)
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ParallaxError(Msg.OUTLETS_NOT_FOUND.format(path=path))
        return path
    folders: list[Path] = []
    for article in articles:
        folder = _input_folder(article.path or "")
        if folder is not None and folder not in folders:
            folders.append(folder)
    for folder in folders:
        for candidate in (folder / OUTLETS_FILE, folder.parent / OUTLETS_FILE):
            if candidate.is_file():
                return candidate
    fallback = user_outlets_path()
    return fallback if fallback.is_file() else None


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ParallaxError(Msg.BAD_OUTLETS_FILE.format(path=path, detail=exc)) from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ParallaxError(Msg.BAD_OUTLETS_FILE.format(path=path, detail="not an object of objects"))
    return {str(k): dict(v) for k, v in data.items() if not str(k).startswith("_")}


def load_outlets(path: Path | None) -> dict[str, dict[str, Any]]:
    """Outlet name -> fields, as the user wrote them; {} without a file."""
    if path is None:
        return {}
    return _read(str(path), path.stat().st_mtime)


def _key(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    folded = re.sub(r"^the\s+", "", folded)
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def metadata_for(outlet: str, table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The user's fields for `outlet`; names match ignoring case, accents and a leading "The"."""
    if outlet in table:
        return dict(table[outlet])
    wanted = _key(outlet)
    for name, fields in table.items():
        if _key(name) == wanted:
            return dict(fields)
    return {}
