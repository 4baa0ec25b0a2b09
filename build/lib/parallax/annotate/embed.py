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
    name = "embed"
    requires = ("text",)
    provides = ("embedding",)

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder: Embedder = embedder or UniversalSentenceEncoder()

    def __call__(self, articles: Sequence[Article]) -> None:
        todo = [a for a in articles if a.embedding is None]
        if not todo:
            return
        parts = [p for a in todo for p in article_parts(a)]
        vectors = self.embedder.encode(parts).reshape(len(todo), 3, -1)
        weights = np.asarray(PART_WEIGHTS, dtype=np.float32)[None, :, None]
        combined = (vectors * weights).sum(axis=1)
        combined /= np.maximum(np.linalg.norm(combined, axis=1, keepdims=True), 1e-12)
        for article, vector in zip(todo, combined, strict=True):
            article.embedding = vector.astype(np.float32)
