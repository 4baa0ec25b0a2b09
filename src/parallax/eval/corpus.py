"""Labelled corpora analysed once per process, shared by all evaluation tasks.

Every task scores a different section of the same analysis; running the
pipeline once and reading the store keeps `parallax eval all` and the baseline
tests fast.
"""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from parallax.eval.registry import SAMPLE_CORPUS
from parallax.store import Store


@lru_cache(maxsize=8)
def analysed_store(corpus: Path = SAMPLE_CORPUS) -> Store:
    """A store holding `corpus` ingested, annotated, grouped and analysed (cached per process)."""
    from parallax import api

    folder = Path(tempfile.mkdtemp(prefix="parallax-eval-"))
    store = Store(folder / "eval.db")
    api.ingest([corpus], store)
    api.update(store)
    return store


@lru_cache(maxsize=8)
def load_gold(corpus: Path = SAMPLE_CORPUS) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((corpus / "gold.json").read_text("utf-8"))
    return data


def article_key_map(store: Store, corpus: Path = SAMPLE_CORPUS) -> dict[str, str]:
    """Gold keys (file path relative to the corpus, or a JSONL/feed id) -> stored article id."""
    keys: dict[str, str] = {}
    root = str(corpus)
    for article in store.iter_articles(annotations=False):
        keys[article.id] = article.id
        path = article.path or ""
        if path.startswith(root):
            rel = path[len(root) :].lstrip("/")
            # "file.jsonl:3" and "feed.xml#guid" name records; their gold key is the given id.
            if ":" not in rel and "#" not in rel:
                keys[rel] = article.id
    return keys
