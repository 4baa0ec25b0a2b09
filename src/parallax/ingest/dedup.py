"""Near-duplicate detection: a syndicated copy is linked to its original and never counts as a source.

Each article gets a MinHash signature (128 permutations) of its word 5-shingles. An LSH index over
every stored signature (kept in the store, so a later ingest also finds copies of earlier
articles) proposes candidates; a candidate is a copy when the estimated Jaccard similarity is at
least `JACCARD_THRESHOLD`, or when nearly all of the shorter text's shingles are in the longer
one (`CONTAINMENT_THRESHOLD`: a wire story re-run with a new intro and a cut ending). Of a
pair, the original is the one published first; on a tie or an unknown date, the one stored first.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
JACCARD_THRESHOLD = 0.8
CONTAINMENT_THRESHOLD = 0.9
LSH_THRESHOLD = 0.5  # candidates only; the thresholds above decide
MIN_SHINGLES = 25  # shorter texts are matched only when identical (by content hash)
# Pinned so signatures stored by one datasketch version compare with those of the next.
MINHASH_SCHEME = "affine32"

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class Signature:
    """A MinHash of a text's shingles, plus how many shingles it had (for containment)."""

    def __init__(self, minhash: Any, count: int) -> None:
        self.minhash = minhash
        self.count = count

    @classmethod
    def of(cls, text: str) -> Signature:
        from datasketch import MinHash

        grams = shingles(text)
        minhash = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME, permutations=_permutations())
        minhash.update_batch(list(grams))
        return cls(minhash, len(grams))

    def to_bytes(self) -> bytes:
        return struct.pack("<Q", self.count) + np.asarray(self.minhash.hashvalues, dtype=np.uint64).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        from datasketch import MinHash

        (count,) = struct.unpack("<Q", data[:8])
        values = np.frombuffer(data[8:], dtype=np.uint64)
        return cls(MinHash(num_perm=len(values), hashvalues=values, scheme=MINHASH_SCHEME), count)

    def similar_to(self, other: Signature) -> bool:
        jaccard = float(self.minhash.jaccard(other.minhash))
        if jaccard >= JACCARD_THRESHOLD:
            return True
        smaller = min(self.count, other.count)
        if smaller < MIN_SHINGLES:
            return False
        shared = jaccard * (self.count + other.count) / (1 + jaccard)
        return shared / smaller >= CONTAINMENT_THRESHOLD


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """The hash permutations, drawn once (from datasketch's fixed seed) instead of per article."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME).permutations


class DuplicateIndex:
    """Signatures of the stored articles in an LSH index, with what is needed to pick originals."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, Signature] = {}
        self.published: dict[str, str | None] = {}
        self.duplicate_of: dict[str, str | None] = {}

    def load(
        self, signatures: Iterable[tuple[str, bytes]], articles: Iterable[tuple[str, str | None, str | None]]
    ) -> None:
        """Fill from the store: (id, signature bytes) and (id, published, duplicate_of) rows."""
        for article_id, published, duplicate_of in articles:
            self.published[article_id] = published
            self.duplicate_of[article_id] = duplicate_of
        for article_id, data in signatures:
            self.add(article_id, Signature.from_bytes(data))

    def add(self, article_id: str, signature: Signature) -> None:
        if signature.count >= MIN_SHINGLES and article_id not in self.signatures:
            self.lsh.insert(article_id, signature.minhash)
            self.signatures[article_id] = signature

    def find_copy_of(self, signature: Signature) -> str | None:
        """The original (root) article this signature is a copy of, if any."""
        if signature.count < MIN_SHINGLES:
            return None
        matches = [c for c in self.lsh.query(signature.minhash) if signature.similar_to(self.signatures[c])]
        if not matches:
            return None
        best = max(matches, key=lambda c: float(signature.minhash.jaccard(self.signatures[c].minhash)))
        return self.root(best)

    def root(self, article_id: str) -> str:
        seen = {article_id}
        while (parent := self.duplicate_of.get(article_id)) and parent not in seen:
            seen.add(parent)
            article_id = parent
        return article_id


def published_earlier(a: str | None, b: str | None) -> bool:
    """True when date `a` is a strictly earlier day than `b` (both known)."""
    return bool(a and b and a[:10] < b[:10])
