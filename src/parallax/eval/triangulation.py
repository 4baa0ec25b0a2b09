"""`parallax eval claims`: claim alignment, contradictions and single-source claims against gold labels.

Three labelled sets: the sample corpus (`corpus/sample/gold.json`, sections `claims`,
`contradictions`, `compatible`, `single_source`), `corpus/labelled/triangulation.json` (short
fictional stories with planted contradictions and compatible pairs) and a held-out set in the same
format, `triangulation-heldout.json`, written after the rules were tuned. Stories are taken
from the gold membership, not from clustering, so these figures measure triangulation alone.
Gold spans are exact substrings of an article; a prediction matches when its evidence overlaps.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from parallax.eval.registry import REPO_ROOT, SAMPLE_CORPUS
from parallax.model import Article, Story
from parallax.progress import progress

LABELLED = REPO_ROOT / "corpus" / "labelled" / "triangulation.json"
HELDOUT = REPO_ROOT / "corpus" / "labelled" / "triangulation-heldout.json"  # never used to tune the rules
KINDS = ("numeric", "date", "outcome", "role", "denial", "negation", "place", "other")

Span = tuple[str, int, int]  # article id, start, end


def evaluate(data: Path | None = None) -> dict[str, float]:
    """Figures for the bundled sets (default) or for one set at `data`."""
    if data is not None:
        name = "sample" if (data / "gold.json" if data.is_dir() else data).name == "gold.json" else data.stem
        return _prefixed(name, score_set(*load_set(data)))
    figures: dict[str, float] = {}
    figures.update(_prefixed("labelled", score_set(*load_set(LABELLED))))
    figures.update(_prefixed("heldout", score_set(*load_set(HELDOUT))))
    figures.update(_prefixed("sample", score_set(*load_set(SAMPLE_CORPUS))))
    return figures


def _prefixed(prefix: str, figures: dict[str, float]) -> dict[str, float]:
    return {f"{prefix}.{k}": v for k, v in figures.items()}


# -- loading ---------------------------------------------------------------------------------


def load_set(path: Path) -> tuple[list[tuple[Story, list[Article]]], dict[str, Any]]:
    """Stories with their articles, and the gold labels (article keys replaced by article ids)."""
    if path.is_dir() or path.name == "gold.json":
        folder = path if path.is_dir() else path.parent
        return _load_sample(folder)
    gold = json.loads(path.read_text("utf-8"))
    stories, labels = [], _empty_labels()
    for raw in gold["stories"]:
        articles = [
            Article(
                id=a["id"],
                text=a["text"],
                source=a.get("source"),
                title=a.get("title"),
                published=a.get("published"),
                language=a.get("language", "en"),
                duplicate_of=a.get("duplicate_of"),
            )
            for a in raw["articles"]
        ]
        stories.append((Story(id=raw["id"], article_ids=[a.id for a in articles]), articles))
        for section in labels:
            labels[section] += [dict(item, story=raw["id"]) for item in raw.get(section, [])]
    return stories, labels


def _empty_labels() -> dict[str, list[dict[str, Any]]]:
    return {"claims": [], "contradictions": [], "compatible": [], "single_source": []}


def _load_sample(folder: Path) -> tuple[list[tuple[Story, list[Article]]], dict[str, Any]]:
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    texts = _sample_texts(folder)
    copies = {d["article"]: d["duplicate_of"] for d in gold.get("duplicates", [])}
    stories = []
    for story_id, story in gold["stories"].items():
        articles = []
        for key in story["articles"]:
            meta = gold["articles"].get(key, {})
            if key not in texts:
                continue
            articles.append(
                Article(
                    id=key,
                    text=texts[key],
                    source=meta.get("source"),
                    title=meta.get("title"),
                    published=meta.get("published"),
                    language=meta.get("language") or "en",
                    duplicate_of=copies.get(key),
                )
            )
        stories.append((Story(id=story_id, article_ids=[a.id for a in articles]), articles))
    labels = {section: list(gold.get(section, [])) for section in _empty_labels()}
    return stories, labels


def _sample_texts(folder: Path) -> dict[str, str]:
    """Article bodies keyed as gold.json keys them: file path, JSONL id, or RSS guid."""
    texts: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        key = path.relative_to(folder).as_posix()
        raw = path.read_bytes()
        if not raw or b"\0" in raw:
            continue
        try:
            content = raw.decode("utf-8")
        except UnicodeDecodeError:
            content = raw.decode("cp1252", errors="replace")
        if path.suffix == ".txt":
            texts[key] = content
        elif path.suffix == ".html":
            texts[key] = _html_body(content)
        elif path.suffix == ".jsonl":
            for line in content.splitlines():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict) and record.get("id") and record.get("text"):
                    texts[record["id"]] = record["text"]
        elif path.suffix == ".xml":
            for guid, body in re.findall(
                r"<guid[^>]*>(.*?)</guid>.*?<content:encoded><!\[CDATA\[(.*?)\]\]>", content, re.DOTALL
            ):
                texts[guid.strip()] = _html_body(body)
    return texts


def _html_body(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL | re.IGNORECASE)
    article = re.search(r"<article\b.*?</article>", page, re.DOTALL | re.IGNORECASE)
    scope = article.group(0) if article else page
    paragraphs = re.findall(r"<p\b[^>]*>(.*?)</p>", scope, re.DOTALL | re.IGNORECASE) or [scope]
    lines = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in paragraphs]
    return "\n".join(line for line in lines if line)


# -- running ---------------------------------------------------------------------------------


def analyse(stories: Sequence[tuple[Story, list[Article]]]) -> list[tuple[Story, list[Article]]]:
    """Run the registered article stages, then the story stages up to and including the summary."""
    from parallax.pipeline import default_article_stages, default_story_stages, run_article_stages

    article_stages = default_article_stages()
    story_stages = default_story_stages()
    out = []
    for story, articles in progress(stories, desc="triangulate", unit="story"):
        run_article_stages(article_stages, articles)
        for stage in story_stages:
            stage(story, articles)
            if stage.name == "summary":
                break
        out.append((story, articles))
    return out


# -- scoring ---------------------------------------------------------------------------------


def score_set(stories: Sequence[tuple[Story, list[Article]]], labels: dict[str, Any]) -> dict[str, float]:
    analysed = analyse(stories)
    articles = {a.id: a for _, arts in analysed for a in arts}
    story_of = {a.id: story for story, arts in analysed for a in arts}
    missing: list[str] = []

    def locate(item: dict[str, Any]) -> Span | None:
        article = articles.get(item["article"])
        if article is None:
            missing.append(item["article"])
            return None
        found = article.text.find(item["text"])
        if found < 0:
            missing.append(f"{item['article']}: {item['text'][:40]}")
            return None
        return (article.id, found, found + len(item["text"]))

    figures: dict[str, float] = {}
    figures.update(_score_alignment(labels["claims"], locate, analysed))
    figures.update(
        _score_contradictions(labels["contradictions"], labels["compatible"], locate, analysed, story_of)
    )
    figures.update(_score_single_source(labels["single_source"], labels["claims"], locate, analysed))
    figures["unlocated_gold_spans"] = len(missing)
    return figures


def _ev_span(ev: dict[str, Any]) -> Span:
    return (ev["article_id"], ev["start"], ev["end"])


def overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _any_overlap(evidence: Iterable[Span], spans: Iterable[Span]) -> bool:
    spans = list(spans)
    return any(overlaps(e, s) for e in evidence for s in spans)


def _ratio(num: float, den: float) -> float:
    return round(num / den, 4) if den else 1.0


def _score_alignment(
    gold_claims: Sequence[dict[str, Any]], locate: Any, analysed: Sequence[Any]
) -> dict[str, float]:
    gold_groups: list[list[Span]] = []
    for claim in gold_claims:
        spans = [s for s in (locate(item) for item in claim["support"]) if s]
        gold_groups.append(spans)
    labelled = [s for g in gold_groups for s in g]
    predicted = [[_ev_span(ev) for ev in c["evidence"]] for story, _ in analysed for c in story.claims]
    gold_pairs = found = 0
    for spans in gold_groups:
        for i in range(len(spans)):
            for j in range(i + 1, len(spans)):
                if spans[i][0] == spans[j][0]:
                    continue
                gold_pairs += 1
                found += any(_pair_in(group, spans[i], spans[j]) for group in predicted)
    judged = correct = 0
    for group in predicted:
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = group[i], group[j]
                if not (_any_overlap([a], labelled) and _any_overlap([b], labelled)):
                    continue
                judged += 1
                correct += any(_any_overlap([a], g) and _any_overlap([b], g) for g in gold_groups)
    recall, precision = _ratio(found, gold_pairs), _ratio(correct, judged)
    return {
        "align_precision": precision,
        "align_recall": recall,
        "align_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "align_pairs_judged": judged,
    }


def _pair_in(group: Sequence[Span], a: Span, b: Span) -> bool:
    hits_a = [k for k, e in enumerate(group) if overlaps(e, a)]
    hits_b = [k for k, e in enumerate(group) if overlaps(e, b)]
    return any(x != y for x in hits_a for y in hits_b)


def _sides_match(pred: dict[str, Any], gold_sides: Sequence[Sequence[Span]]) -> bool:
    pred_sides = [[_ev_span(ev) for ev in side["evidence"]] for side in pred["sides"]]
    for p, pside in enumerate(pred_sides):
        for q, qside in enumerate(pred_sides):
            if p == q:
                continue
            for s, gs in enumerate(gold_sides):
                for t, gt in enumerate(gold_sides):
                    if s != t and _any_overlap(pside, gs) and _any_overlap(qside, gt):
                        return True
    return False


def _score_contradictions(
    gold: Sequence[dict[str, Any]],
    compatible: Sequence[dict[str, Any]],
    locate: Any,
    analysed: Sequence[Any],
    story_of: dict[str, Story],
) -> dict[str, float]:
    gold_items = []
    for item in gold:
        sides = [[s for s in (locate(x) for x in side["support"]) if s] for side in item["sides"]]
        gold_items.append((item["kind"], sides))
    predicted = [c for story, _ in analysed for c in story.contradictions]
    matched_gold = [False] * len(gold_items)
    pred_ok: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])  # kind -> [correct, total]
    kind_right = 0
    for pred in predicted:
        hits = [k for k, (_, sides) in enumerate(gold_items) if _sides_match(pred, sides)]
        pred_ok[pred["kind"]][1] += 1
        if hits:
            pred_ok[pred["kind"]][0] += 1
            kind_right += any(gold_items[k][0] == pred["kind"] for k in hits)
            for k in hits:
                matched_gold[k] = True
    figures: dict[str, float] = {}
    correct = sum(v[0] for v in pred_ok.values())
    figures["contradiction_precision"] = _ratio(correct, len(predicted))
    figures["contradiction_recall"] = _ratio(sum(matched_gold), len(gold_items))
    figures["contradiction_kind_accuracy"] = _ratio(kind_right, correct)
    figures["contradictions_predicted"] = len(predicted)
    for kind in KINDS:
        total = [m for m, (k, _) in zip(matched_gold, gold_items, strict=True) if k == kind]
        if total:
            figures[f"contradiction_recall_{kind}"] = _ratio(sum(total), len(total))
        if pred_ok[kind][1]:
            figures[f"contradiction_precision_{kind}"] = _ratio(*pred_ok[kind])
    flagged = 0
    judged = 0
    for pair in compatible:
        a, b = locate(pair["a"]), locate(pair["b"])
        if a is None or b is None:
            continue
        judged += 1
        flagged += any(_sides_match(pred, [[a], [b]]) for pred in predicted)
    figures["false_contradiction_rate"] = _ratio(flagged, judged) if judged else 0.0
    figures["compatible_kept_apart"] = round(1 - figures["false_contradiction_rate"], 4)
    return figures


def _score_single_source(
    gold: Sequence[dict[str, Any]],
    gold_claims: Sequence[dict[str, Any]],
    locate: Any,
    analysed: Sequence[Any],
) -> dict[str, float]:
    spans = [s for s in (locate(item) for item in gold) if s]
    predicted = [
        [_ev_span(ev) for ev in item["evidence"]] for story, _ in analysed for item in story.single_source
    ]
    found = sum(any(_any_overlap(p, [s]) for p in predicted) for s in spans)
    shared = []  # spans of facts gold says several sources report
    for claim in gold_claims:
        located = [s for s in (locate(x) for x in claim["support"]) if s]
        if len({s[0] for s in located}) >= 2:
            shared += located
    wrong = sum(_any_overlap(p, shared) for p in predicted)
    judged = sum(_any_overlap(p, shared + spans) for p in predicted)
    return {
        "single_source_recall": _ratio(found, len(spans)),
        "single_source_precision": _ratio(judged - wrong, judged),
    }
