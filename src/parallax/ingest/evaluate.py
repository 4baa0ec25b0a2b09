"""`parallax eval ingest`: how well ingest lifts metadata, links copies and reports broken inputs.

Scored against `corpus/sample/gold.json` ("articles", "duplicates", "broken") and, for the five
real seed articles, against `corpus/labelled/seeds-metadata.json` (what a person reads off each
file's first lines). Every figure is in [0, 1], higher is better.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parallax.ingest.run import IngestResult, ingest
from parallax.model import Article

FIELDS = ("source", "title", "published", "author", "language")
_HOSTILE_MARKERS = ("<script", "alert(", "javascript:", "onerror", "onload", "<iframe", "document.write")


def evaluate_ingest(data: Path | None = None) -> dict[str, float]:
    """Figures for the sample corpus (or the corpus folder `data`, with its gold.json) and the seeds."""
    from parallax.eval.registry import REPO_ROOT, SAMPLE_CORPUS

    scores = score_corpus(data or SAMPLE_CORPUS)
    labels = REPO_ROOT / "corpus" / "labelled" / "seeds-metadata.json"
    seeds = REPO_ROOT.parent / "shared" / "seeds"
    if data is None and labels.exists() and seeds.is_dir():
        scores.update(score_seeds(seeds, labels))
    headers = REPO_ROOT / "corpus" / "labelled" / "ingest-headers.jsonl"
    if data is None and headers.exists():
        scores.update(score_headers(headers))
    return scores


def score_corpus(corpus: Path) -> dict[str, float]:
    gold = json.loads((corpus / "gold.json").read_text("utf-8"))
    result, articles = _ingest_all([corpus])
    by_key = {_gold_key(a, corpus): a for a in articles}
    expected: dict[str, dict[str, Any]] = gold.get("articles", {})
    scores: dict[str, float] = {"articles_found": _share(k in by_key for k in expected)}
    for name in FIELDS:
        scores[f"{name}_accuracy"] = _share(
            k in by_key and _same(name, getattr(by_key[k], name), want.get(name))
            for k, want in expected.items()
        )
    gold_pairs = {(d["article"], d["duplicate_of"]) for d in gold.get("duplicates", [])}
    found_pairs = {
        (_gold_key(a, corpus), _gold_key(by_id[a.duplicate_of], corpus))
        for by_id in [{x.id: x for x in articles}]
        for a in articles
        if a.duplicate_of and a.duplicate_of in by_id
    }
    scores["duplicates_recall"] = _share(p in found_pairs for p in gold_pairs) if gold_pairs else 1.0
    scores["duplicates_precision"] = _share(p in gold_pairs for p in found_pairs) if found_pairs else 1.0
    broken = gold.get("broken", [])
    scores["broken_handled"] = (
        _share(_broken_ok(b, corpus, result, articles) for b in broken) if broken else 1.0
    )
    return scores


def seed_labels(seeds: Path, labels: Path) -> dict[str, dict[str, Any]]:
    """The seed labels, each `{"line": N}` value read off line N of its seed file: the labels point
    at the seeds' own words (a headline) instead of holding a copy of them."""
    expected: dict[str, dict[str, Any]] = json.loads(labels.read_text("utf-8"))["files"]
    for name, want in expected.items():
        for field, value in want.items():
            if isinstance(value, dict) and "line" in value:
                lines = (seeds / name).read_text("utf-8").splitlines()
                want[field] = lines[int(value["line"]) - 1].strip()
    return expected


def score_seeds(seeds: Path, labels: Path) -> dict[str, float]:
    expected = seed_labels(seeds, labels)
    _result, articles = _ingest_all([seeds])
    by_name = {Path(a.path or "").name: a for a in articles}
    checks = [
        name in by_name and _same(field, getattr(by_name[name], field), want.get(field))
        for name, want in expected.items()
        for field in FIELDS
    ]
    body = [
        name in by_name and _body_first_line(seeds / name, by_name[name]) == want["body_first_line"]
        for name, want in expected.items()
    ]
    return {"seeds_field_accuracy": _share(checks), "seeds_body_start_accuracy": _share(body)}


def score_headers(cases_path: Path) -> dict[str, float]:
    """Plain-text header cases written for Parallax (one JSON object a line: name, text, expect, body_first_line)."""
    import tempfile

    cases = [json.loads(line) for line in cases_path.read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for case in cases:
            (folder / case["name"]).write_bytes(case["text"].encode("utf-8"))
        _result, articles = _ingest_all([folder])
        by_name = {Path(a.path or "").name: a for a in articles}
        checks = [
            case["name"] in by_name and _same(field, getattr(by_name[case["name"]], field), want)
            for case in cases
            for field, want in case["expect"].items()
        ]
        body = [
            case["name"] in by_name
            and _body_first_line(folder / case["name"], by_name[case["name"]]) == case["body_first_line"]
            for case in cases
        ]
    return {"headers_field_accuracy": _share(checks), "headers_body_start_accuracy": _share(body)}


def _ingest_all(sources: list[Path]) -> tuple[IngestResult, list[Article]]:
    from parallax.store import Store

    with Store(":memory:") as store:
        result = ingest(sources, store, show_progress=False)
        articles = list(store.iter_articles(annotations=False))
    for article in articles:
        # The gold says what the input itself names; an outlet derived from a URL host or file name
        # is marked as such (`source_derived`) and is not a reading of the text.
        if article.extra.get("source_derived"):
            article.source = None
    return result, articles


def _gold_key(article: Article, corpus: Path) -> str:
    """gold.json names JSONL records and feed items by id, one-article files by relative path."""
    path = article.path or ""
    if ":" in path.rsplit("/", 1)[-1] or "#" in path:
        return article.id
    try:
        return Path(path).resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        return article.id


def _same(field: str, got: Any, want: Any) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if field == "published":
        return str(got)[:10] == str(want)[:10]
    return " ".join(str(got).split()) == " ".join(str(want).split())


def _broken_ok(entry: dict[str, Any], corpus: Path, result: IngestResult, articles: list[Article]) -> bool:
    """Handled as gold says: skipped and reported (with the line, where gold gives one), or read safely."""
    target = (corpus / entry["file"]).resolve()
    skips = [s for s in result.skipped if Path(s.path).resolve() == target]
    from_file = [
        a for a in articles if Path((a.path or "").split("#")[0].rsplit(":", 1)[0]).resolve() == target
    ]
    if entry.get("line") is not None and not any(s.line == entry["line"] for s in skips):
        return False
    if not entry.get("still_ingested"):
        return bool(skips) and not from_file
    if not from_file:
        return False
    if entry.get("reason") == "hostile-html":
        return not any(m in a.text.lower() for a in from_file for m in _HOSTILE_MARKERS)
    if entry.get("reason") == "encoding":
        return not skips and not any("\ufffd" in a.text for a in from_file)
    return True


def _body_first_line(path: Path, article: Article) -> int:
    raw = path.read_text("utf-8", errors="replace").replace("\r\n", "\n")
    at = raw.find(article.text[:60])
    return raw.count("\n", 0, at) + 1 if at >= 0 else -1


def _share(flags: Any) -> float:
    values = [bool(f) for f in flags]
    return round(sum(values) / len(values), 4) if values else 0.0
