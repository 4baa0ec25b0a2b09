"""How the per-article stages grow on long inputs: seconds at a size and at a quarter of it.

Each case is a shape that once made a stage quadratic (or worse) on one long article: a whole
JSON export on one line, thousands of quotes, a paragraph of unclosed quote marks. For each it
prints the seconds at N/4 and at N and the growth exponent between them (1.0 = linear, 2.0 =
quadratic). The tests check these inputs give the right answers; how fast is measured here.

    .venv/bin/python bench/long_inputs.py            # every case
    .venv/bin/python bench/long_inputs.py --only quote_marks claim_layers
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Callable
from typing import Any

from parallax.model import Article

GROWTH_LIMIT = 1.3  # the exponent above which a case is flagged


def _segments(n: int) -> Callable[[], Any]:
    from parallax.annotate.claims import candidate_segments

    sentence = "The port authority said the strike cost the city a great deal of money. "
    spans = [{"start": i * len(sentence), "end": (i + 1) * len(sentence) - 1} for i in range(n)]
    article = Article(id="a", text=sentence * n, annotations={"sentences": spans})
    return lambda: list(candidate_segments(article))


def _claim_layers(n: int) -> Callable[[], Any]:
    from parallax.annotate.claims import extract_claims

    sentence = "Ana Lind dijo que 5 personas murieron el 5 de marzo en el puerto. "
    size = len(sentence)
    at = [i * size for i in range(n)]
    date = {"text": "el 5 de marzo", "value": "2026-03-05", "granularity": "day"}
    article = Article(
        id="a",
        text=sentence * n,
        language="es",
        published="2026-03-12",
        annotations={
            "sentences": [{"start": s, "end": s + size - 1} for s in at],
            "mentions": [{"start": s, "end": s + 8, "text": "Ana Lind", "label": "PERSON"} for s in at],
            "dates": [{"start": s + 38, "end": s + 51, **date} for s in at],
            "quotes": [{"start": s + 15, "end": s + 30, "speaker": f"Speaker {i}"} for i, s in enumerate(at)],
        },
    )
    return lambda: extract_claims(article)


def _quote_speakers(n: int) -> Callable[[], Any]:
    from parallax.compare.entities import collect_mentions

    unit = "Ilse Marrow said it. Oskar Venn Dal said so. "
    at = [i * len(unit) for i in range(n)]
    article = Article(
        id="a1",
        text=unit * n,
        annotations={
            "mentions": [{"start": s, "end": s + 11, "text": "Ilse Marrow", "label": "PERSON"} for s in at],
            "quotes": [{"speaker_start": s, "speaker_end": s + 11} for s in at]
            + [{"speaker_start": s + 21, "speaker_end": s + 35} for s in at],
        },
    )
    return lambda: collect_mentions([article])


def _quote_marks(n: int) -> Callable[[], Any]:
    from parallax.annotate.quotes import find_quote_spans

    text = "“word " * n + "«fine»"
    return lambda: find_quote_spans(text)


def _many_quotes(n: int) -> Callable[[], Any]:
    from parallax.annotate.quotes import QuoteStage
    from parallax.models import spacy_pipeline

    text = 'Mirko Dal said: “We stay.” The minister told him «no» and "we fight" — “Never.” ' * n
    article = Article(id="a1", text=text)
    article.doc = spacy_pipeline()(text)
    return lambda: QuoteStage()([article])


def _unheld_role(n: int) -> Callable[[], Any]:
    from parallax.annotate.quotes import extract_quotes
    from parallax.models import spacy_pipeline

    text = "John Smith arrived. “We stay,” the engineer said. Minister Ana Lind left. " * n
    doc = spacy_pipeline()(text)
    return lambda: extract_quotes(text, doc)


def _one_line_dates(n: int) -> Callable[[], Any]:
    from parallax.annotate.dates import attach_events, find_dates
    from parallax.models import spacy_pipeline

    text = "Dockers walked out on Monday after talks collapsed on March 2. " * n
    doc = spacy_pipeline()(text)
    items = find_dates(text, "2026-03-12", [(s.start_char, s.end_char) for s in doc.sents])
    return lambda: attach_events([dict(i) for i in items], doc)


def _voice_spans(n: int) -> Callable[[], Any]:
    from parallax.annotate.framing import voice_spans

    text = "Officials said the regime “will fall soon.” The minister said: “We stay.” ‘Not ’s ’s " * n
    article = Article(id="a", text=text, language="en")
    return lambda: voice_spans(article)


def _voiced_terms(n: int) -> Callable[[], Any]:
    from parallax.annotate.framing import find_terms

    text = "The regime said “the terrorists left.” Thugs stormed the so-called “parliament” on Monday. " * n
    article = Article(id="a", text=text, language="en")
    return lambda: find_terms(article)


# name -> (input builder, size N)
CASES: dict[str, tuple[Callable[[int], Callable[[], Any]], int]] = {
    "segments_one_line": (_segments, 20_000),
    "claim_layers": (_claim_layers, 15_000),
    "quote_speakers_vs_mentions": (_quote_speakers, 8_000),
    "quote_marks_unclosed": (_quote_marks, 300_000),
    "many_quotes_one_line": (_many_quotes, 2_000),
    "role_nobody_holds": (_unheld_role, 1_000),
    "dates_one_line": (_one_line_dates, 3_000),
    "voice_spans_one_line": (_voice_spans, 1_500),
    "loaded_terms_long_article": (_voiced_terms, 3_000),
}


def _seconds(run: Callable[[], Any]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), help="run these cases only")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'case':30} {'N':>8} {'s at N/4':>9} {'s at N':>8} {'growth':>7}")
    for name in args.only or CASES:
        build, n = CASES[name]
        small, large = _seconds(build(n // 4)), _seconds(build(n))
        growth = math.log(max(large, 1e-6) / max(small, 1e-6)) / math.log(4)
        flag = "  <- above linear" if growth > GROWTH_LIMIT else ""
        print(f"{name:30} {n:>8,} {small:>9.2f} {large:>8.2f} {growth:>7.2f}{flag}", flush=True)


if __name__ == "__main__":
    main()
