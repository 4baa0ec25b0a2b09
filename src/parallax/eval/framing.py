"""`parallax eval framing`: loaded-term precision/recall and own-voice vs quoted accuracy.

Two labelled sets: the sample corpus's gold.json `loaded_terms` (scored on the
real pipeline's output) and corpus/labelled/framing.jsonl (short fictional
paragraphs, every loaded term marked with its voice and speaker; a development set and a held-out
set written after the lexicon was frozen). A predicted
term matches a gold term when their spans overlap: gold marks phrases ("masked
thugs", "It was a kidnapping") where the lexicon finds a word of them.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parallax.eval.registry import REPO_ROOT, SAMPLE_CORPUS
from parallax.model import Article

LABELLED_SET = REPO_ROOT / "corpus" / "labelled" / "framing.jsonl"
# Written after the lexicon was frozen and never used to tune it: the honest figure for unseen text.
HELDOUT_SET = REPO_ROOT / "corpus" / "labelled" / "framing-heldout.jsonl"


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Lenient: a shared name word ("Lazic" ~ "Teodor Lazić"), as gold uses canonical names."""
    if not predicted or not gold:
        return predicted == gold
    ignore = {"the", "of", "de", "del", "mr", "ms", "gen"}
    want = {w.strip(".,'’") for w in fold(gold).split()} - ignore
    return bool(want & ({w.strip(".,'’") for w in fold(predicted).split()} - ignore))


def locate(text: str, term: str, occurrence: int | None = None) -> list[tuple[int, int]]:
    """Where a gold term stands: its n-th occurrence when the label says which, else every occurrence
    (gold names a term by its words, and an outlet that repeats a loaded word uses it each time)."""
    found, at = [], text.find(term)
    while at != -1:
        found.append((at, at + len(term)))
        at = text.find(term, at + 1)
    if occurrence is not None:
        return found[occurrence - 1 : occurrence]
    return found


class Tally:
    """Counts over many articles; `figures` turns them into rates."""

    def __init__(self) -> None:
        self.predicted = self.predicted_hit = self.gold = self.gold_hit = 0
        self.voice_total = self.voice_right = self.speaker_total = self.speaker_right = 0
        self.category_right = 0

    def add(self, text: str, predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> None:
        located = []
        for g in gold:
            places = locate(text, g["term"], g.get("occurrence"))
            if places:
                located.append((places, g))
        self.gold += len(gold)  # a term whose text the pipeline lost counts as missed
        self.predicted += len(predicted)
        self.predicted_hit += sum(
            1 for p in predicted if any(_overlap(p, w) for ws, _ in located for w in ws)
        )
        for places, g in located:
            # voice, speaker and category are judged at the first occurrence the pipeline found
            where, hits = next(
                ((w, h) for w in places if (h := [p for p in predicted if _overlap(p, w)])), (None, [])
            )
            if where is None:
                continue
            self.gold_hit += 1
            best = max(hits, key=lambda p: (p["category"] == g["category"], _overlap(p, where)))
            self.category_right += best["category"] == g["category"]
            self.voice_total += 1
            self.voice_right += best["voice"] == g["voice"]
            if g["voice"] == "quoted" and g.get("speaker") and best["voice"] == "quoted":
                self.speaker_total += 1
                self.speaker_right += same_speaker(best.get("speaker"), g["speaker"])

    def figures(self, prefix: str) -> dict[str, float]:
        precision = self.predicted_hit / self.predicted if self.predicted else 0.0
        recall = self.gold_hit / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            f"{prefix}_precision": round(precision, 4),
            f"{prefix}_recall": round(recall, 4),
            f"{prefix}_f1": round(f1, 4),
            f"{prefix}_voice_accuracy": round(self.voice_right / self.voice_total, 4)
            if self.voice_total
            else 0.0,
            f"{prefix}_speaker_accuracy": round(self.speaker_right / self.speaker_total, 4)
            if self.speaker_total
            else 0.0,
            f"{prefix}_category_accuracy": round(self.category_right / self.gold_hit, 4)
            if self.gold_hit
            else 0.0,
            f"{prefix}_gold_terms": float(self.gold),
        }


def _overlap(p: dict[str, Any], where: tuple[int, int]) -> int:
    return max(0, min(p["end"], where[1]) - max(p["start"], where[0]))


def annotate_for_eval(articles: list[Article]) -> None:
    """The registered article stages up to loaded_terms (the embedding is not needed to score framing)."""
    from parallax.pipeline import ArticleStage, default_article_stages, run_article_stages

    stages: list[ArticleStage] = []
    for stage in default_article_stages():
        if stage.name != "embed":
            stages.append(stage)
        if stage.name == "loaded_terms":
            break
    run_article_stages(stages, articles)


def score_labelled_set(path: Path = LABELLED_SET, prefix: str = "labelled") -> dict[str, float]:
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    articles = [
        Article(id=r["id"], text=r["text"], source=r.get("source"), language=r.get("language", "en"))
        for r in records
    ]
    annotate_for_eval(articles)
    tally = Tally()
    for record, article in zip(records, articles, strict=True):
        tally.add(article.text, article.annotations.get("loaded_terms", []), record["terms"])
    return tally.figures(prefix)


def score_sample_corpus(corpus: Path = SAMPLE_CORPUS) -> dict[str, float]:
    from parallax.eval.corpus import analysed_store, article_key_map, load_gold

    gold = load_gold(corpus)
    store = analysed_store(corpus)
    keys = article_key_map(store, corpus)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for item in gold.get("loaded_terms", []):
        by_article.setdefault(item["article"], []).append(item)
    tally = Tally()
    found = 0
    for key, items in by_article.items():
        article_id = keys.get(key)
        if article_id is None:
            tally.add("", [], items)  # an article the pipeline lost: its terms count as missed
            continue
        found += 1
        article = store.get_article(article_id)
        tally.add(article.text, article.annotations.get("loaded_terms", []), items)
    return {**tally.figures("sample"), "sample_articles_found": float(found)}


def evaluate(data: Path | None = None) -> dict[str, float]:
    """Both sets by default; a .jsonl path scores that labelled set, a folder with gold.json that corpus."""
    if data is not None:
        if data.is_dir():
            return score_sample_corpus(data)
        return score_labelled_set(data)
    return {**score_sample_corpus(), **score_labelled_set(), **score_labelled_set(HELDOUT_SET, "heldout")}
