"""One vector per article for story clustering: the headline and lead weigh more than the tail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from parallax.model import Article


class Embedder(Protocol):
    """Anything that turns texts into unit-length float32 rows (swappable, BERTopic style)."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UniversalSentenceEncoder:
    name = "use-multilingual-v3"
    dim = 512

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        from parallax.models import sentence_encoder

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(sentence_encoder().encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


# Weights of headline, lead (first sentences) and the rest of the body.
PART_WEIGHTS = (0.35, 0.45, 0.20)
LEAD_CHARS = 600
BODY_CHARS = 2000


def article_parts(article: Article) -> tuple[str, str, str]:
    text = article.text
    title = article.title or text[:120]
    lead = text[:LEAD_CHARS]
    rest = text[LEAD_CHARS : LEAD_CHARS + BODY_CHARS] or lead
    return title, lead, rest


class EmbedStage:
    """One vector per article, computed once: articles that already have one (stored, or given in
    the input as an `embedding` field of the embedder's size) are not encoded again."""

    name = "embed"
    requires: tuple[str, ...] = ("text",)
    provides: tuple[str, ...] = ("embedding",)

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder: Embedder = embedder or UniversalSentenceEncoder()

    def __call__(self, articles: Sequence[Article]) -> None:
        todo = [a for a in articles if a.embedding is None and not self._take_precomputed(a)]
        if not todo:
            return
        parts = [p for a in todo for p in article_parts(a)]
        vectors = self.embedder.encode(parts).reshape(len(todo), 3, -1)
        weights = np.asarray(PART_WEIGHTS, dtype=np.float32)[None, :, None]
        combined = (vectors * weights).sum(axis=1)
        combined /= np.maximum(np.linalg.norm(combined, axis=1, keepdims=True), 1e-12)
        for article, vector in zip(todo, combined, strict=True):
            article.embedding = vector.astype(np.float32)

    def _take_precomputed(self, article: Article) -> bool:
        given = article.extra.get("embedding") if article.extra else None
        if not isinstance(given, list) or len(given) != self.embedder.dim:
            return False
        vector = np.asarray(given, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        if not np.isfinite(norm) or norm == 0.0:
            return False
        article.embedding = vector / norm
        return True
