"""Real public news datasets: load, sample, run the real pipeline, and score `report.json`.

The datasets live outside the project (`../shared/datasets/`, or `PARALLAX_DATASETS`) and are read
at run time only: no text or label of theirs is ever copied into Parallax. Each run writes the chosen
articles to a temporary JSONL file and calls `parallax.analyze` on it, exactly as
`parallax analyze` would, so these figures measure the whole product (ingest, grouping, stages).

Samples are fixed and deterministic (first N topics / headlines in label order, or the first N ids
by SHA-1), so a figure can be reproduced and compared with its pinned floor. The unit of N depends
on the dataset (see `UNITS`); `"test"` means the small sizes the test suite uses (`TEST_SAMPLE`).
One analysis per dataset and sample is kept per process: several tasks score the same run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import comb
from pathlib import Path
from typing import Any

from parallax.eval.registry import REPO_ROOT, TaskUnavailable

DATASETS_ENV = "PARALLAX_DATASETS"
SAMPLE_ENV = "PARALLAX_EVAL_SAMPLE"
DEFAULT_ROOT = REPO_ROOT.parent / "shared" / "datasets"

# What one unit of a sample is, per dataset.
UNITS = {
    "ecbplus": "topics",
    "semeval8-train": "pairs",
    "polnear-train": "articles",
    "ptc-train": "articles",
    "babe": "sentences",
    "meantime-en-es": "articles",
    "fnc1-dev": "headlines",
}
# The test suite's sample: about four minutes of real data in all on two cores.
TEST_SAMPLE = {
    "ecbplus": 4,
    "semeval8-train": 60,
    "polnear-train": 8,
    "ptc-train": 15,
    "babe": 150,
    "meantime-en-es": 20,
    "fnc1-dev": 3,
}

Sample = int | str | None
STORY_DATASETS = (
    "ecbplus",
    "semeval8-train",
)  # their runs keep the grouping inputs  # None: the whole dataset; "test": TEST_SAMPLE; N: N units of each dataset


# --- locating and loading ------------------------------------------------------------------------
_root_override: Path | None = None


def datasets_root() -> Path:
    if _root_override is not None:
        return _root_override
    env = os.environ.get(DATASETS_ENV)
    return Path(env) if env else DEFAULT_ROOT


def available(root: Path | None = None) -> bool:
    return (root or datasets_root()).is_dir()


def _dataset_dir(name: str) -> Path:
    folder = datasets_root() / name
    if not (folder / "articles.jsonl").is_file() or not (folder / "gold.json").is_file():
        raise TaskUnavailable(
            f"real dataset {name!r} not found in {datasets_root()} "
            f"(expected {name}/articles.jsonl and gold.json; set {DATASETS_ENV} to the datasets folder)"
        )
    return folder


@dataclass(frozen=True)
class Dataset:
    records: dict[str, dict[str, Any]]  # article id -> JSONL record, in file order
    labels: dict[str, Any]


@lru_cache(maxsize=8)
def _load(folder: Path) -> Dataset:
    records: dict[str, dict[str, Any]] = {}
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                records[str(record["id"])] = record
    labels = json.loads((folder / "gold.json").read_text("utf-8"))["labels"]
    return Dataset(records, labels)


def load(name: str) -> Dataset:
    return _load(_dataset_dir(name))


def resolve_sample(sample: Sample) -> Sample:
    """The sample asked for, else `PARALLAX_EVAL_SAMPLE` (N, "START:STOP" or "test"), else everything."""
    if sample is None:
        env = os.environ.get(SAMPLE_ENV, "").strip()
        if not env:
            return None
        sample = env
    if isinstance(sample, str) and sample != "test":
        if sample.isdigit() and int(sample) > 0:
            return int(sample)
        start, colon, stop = sample.partition(":")
        if not (colon and start.isdigit() and stop.isdigit() and int(start) < int(stop)):
            raise ValueError(
                f"sample must be a positive number, START:STOP (units ranked START to STOP-1) or 'test', not {sample!r}"
            )
        return sample
    return sample


Window = tuple[int, int] | None  # units ranked START to STOP-1 of a dataset's stable order; None: all


def sample_size(name: str, sample: Sample) -> Window:
    """The ranks of a dataset's units a sample takes: "test" and N start at rank 0, "START:STOP" anywhere."""
    sample = resolve_sample(sample)
    if sample == "test":
        return (0, TEST_SAMPLE[name])
    if isinstance(sample, int):
        return (0, sample)
    if isinstance(sample, str):
        start, _, stop = sample.partition(":")
        return (int(start), int(stop))
    return None


def stable(key: str) -> str:
    """A stable pseudo-random order, the same on every machine (Python's hash() is salted)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _first(items: Iterable[str], n: Window, key: Any = None) -> list[str]:
    ordered = sorted(items, key=key or stable)
    return ordered if n is None else ordered[n[0] : n[1]]


# --- running the pipeline ------------------------------------------------------------------------
@dataclass
class Run:
    """One `parallax.analyze` run: its report, and the text each article has in the store."""

    label: str
    report: dict[str, Any]
    texts: dict[str, str]  # article id -> stored text
    shift: dict[str, int | None]  # gold offset - stored offset (None: the stored text was changed)
    seconds: float
    duplicate_of: dict[str, str] = field(default_factory=dict)
    signals: Any = None  # the grouping inputs (`StorySignals`) of the run's store

    def story_of(self) -> dict[str, str]:
        """article id -> story id. A copy that no story lists takes its original's story; any other
        article in no story is a story of its own."""
        story: dict[str, str] = {}
        for s in self.report["stories"]:
            for article_id in s["article_ids"]:
                story.setdefault(article_id, s["id"])
        for article_id in self.texts:
            if article_id not in story:
                original = self.duplicate_of.get(article_id)
                story[article_id] = story.get(original or "", f"alone:{article_id}")
        return story

    def span(self, article_id: str, start: int, end: int) -> tuple[int, int] | None:
        """A gold span as offsets into the stored text (None: the article or its text was lost)."""
        shift = self.shift.get(article_id)
        if shift is None:
            return None
        s, e = start - shift, end - shift
        if s < 0 or e > len(self.texts[article_id]) or s >= e:
            return None
        return s, e


def analyse(dataset: str, records: Sequence[dict[str, Any]], label: str) -> Run:
    """Write `records` to a temporary JSONL file and run `parallax.analyze` on it (with progress)."""
    import parallax
    from parallax.store import Store

    print(f"real: {label}: analysing {len(records)} articles ...", file=sys.stderr, flush=True)
    folder = Path(tempfile.mkdtemp(prefix=f"parallax-real-{dataset}-"))
    try:
        source = folder / f"{dataset}.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        began = time.perf_counter()
        result = parallax.analyze([source], out=folder / "out", show_progress=True)
        seconds = time.perf_counter() - began
        texts: dict[str, str] = {}
        copies: dict[str, str] = {}
        with Store(result.db) as store:
            from parallax.stories.assign import load_signals

            # only the story scores use the grouping inputs (incremental agreement): read them there
            signals = load_signals(store, store.article_ids()) if dataset in STORY_DATASETS else None
            for article in store.iter_articles(annotations=False):
                texts[article.id] = article.text
                if article.duplicate_of:
                    copies[article.id] = article.duplicate_of
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    shift: dict[str, int | None] = {}
    for record in records:
        article_id = str(record["id"])
        stored = texts.get(article_id)
        if stored is None:
            shift[article_id] = None
        elif stored == record["text"]:
            shift[article_id] = 0
        else:  # ingest strips surrounding space; any other change loses that article's offsets
            at = record["text"].find(stored)
            shift[article_id] = at if at >= 0 else None
    print(
        f"real: {label}: {len(texts)} articles, {len(result.report['stories'])} stories in {seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    return Run(label, result.report, texts, shift, seconds, copies, signals)


def _select(name: str, data: Dataset, n: Window) -> list[tuple[str, list[str]]]:
    """The sample of a dataset as (label, article ids) groups; each group is one pipeline run."""
    labels = data.labels
    if name == "ecbplus":
        topics = _first({v.split("-")[0] for v in labels["stories"].values()}, n, key=int)
        keep = set(topics)
        ids = [a for a in data.records if labels["stories"].get(a, "").split("-")[0] in keep]
        return [(f"ecbplus ({len(topics)} topics)", ids)]
    if name == "semeval8-train":
        pairs = _chosen_pairs(data, n)
        ids = list(dict.fromkeys(x for p in pairs for x in (p["a"], p["b"])))
        return [(f"semeval8-train ({len(pairs)} pairs)", ids)]
    if name == "meantime-en-es":
        # N articles: the first N/2 English ones by hash (a window: ranks halved), each with its Spanish translation.
        ids = list(data.records)
        if n is not None:
            english = _first(
                {v for v in labels["translations"].values() if v in data.records},
                (n[0] // 2, (n[1] + 1) // 2),
            )
            wanted = set(english) | {k for k, v in labels["translations"].items() if v in english}
            ids = [a for a in ids if a in wanted]
        return [(f"meantime-en-es ({len(ids)} articles)", ids)]
    if name == "fnc1-dev":
        heads = _first(set(labels["stories"].values()), n, key=lambda h: int(h[1:]))
        groups = []
        for head in heads:
            ids = [a for a in data.records if labels["stories"].get(a) == head]
            groups.append((f"fnc1-dev {head}", ids))
        return groups
    ids = _first(data.records, n)
    return [(f"{name} ({len(ids)} {UNITS[name]})", ids)]


def _chosen_pairs(data: Dataset, n: Window) -> list[dict[str, Any]]:
    pairs = [p for p in data.labels["pairs"] if p["a"] in data.records and p["b"] in data.records]
    pairs.sort(key=lambda p: stable(f"{p['a']}|{p['b']}"))
    return pairs if n is None else pairs[n[0] : n[1]]


@lru_cache(maxsize=16)
def _runs(name: str, n: Window, root: Path) -> tuple[Run, ...]:
    data = load(name)
    return tuple(
        analyse(name, [data.records[i] for i in ids], label) for label, ids in _select(name, data, n)
    )


def runs(name: str, sample: Sample) -> tuple[Run, ...]:
    """The analysis of a dataset's sample, run once per process (keyed by dataset, size and folder)."""
    return _runs(name, sample_size(name, sample), datasets_root())


# --- shared scoring helpers ----------------------------------------------------------------------
def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _r(x: float) -> float:
    return round(x, 4)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _spans_by_article(items: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        out.setdefault(item["article_id"], []).append(item)
    return out


# --- stories: ECB+ (B-cubed) and SemEval-2022 Task 8 (pairs) ---------------------------------------
def tfidf_hdbscan(texts: Sequence[str]) -> list[str]:
    """Off-the-shelf baseline: TF-IDF vectors (default settings), HDBSCAN on cosine distance
    (min_cluster_size=2); noise points are stories of their own."""
    import numpy as np
    from sklearn.cluster import HDBSCAN
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) < 2:
        return [f"alone:{i}" for i in range(len(texts))]
    vectors = TfidfVectorizer().fit_transform(texts)
    distance = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, None)
    np.fill_diagonal(distance, 0.0)
    found = HDBSCAN(min_cluster_size=2, metric="precomputed", copy=True).fit_predict(distance)
    return [f"c{c}" if c >= 0 else f"alone:{i}" for i, c in enumerate(found)]


def _baseline_of(run: Run, data: Dataset) -> dict[str, str]:
    ids = [i for i in run.shift if i in data.records]
    return dict(zip(ids, tfidf_hdbscan([data.records[i]["text"] for i in ids]), strict=True))


def score_ecbplus_stories(sample: Sample) -> dict[str, float]:
    from parallax.stories.evaluate import adjusted_rand, bcubed, incremental_agreement

    data = load("ecbplus")
    (run,) = runs("ecbplus", sample)
    gold = {a: data.labels["stories"][a] for a in run.shift if a in data.labels["stories"]}
    figures: dict[str, float] = {}
    for prefix, predicted in (("", run.story_of()), ("baseline_tfidf_hdbscan.", _baseline_of(run, data))):
        b = bcubed(predicted, gold)
        figures |= {f"{prefix}ecbplus_{k}": _r(v) for k, v in b.items()}
        figures[f"{prefix}ecbplus_ari"] = _r(adjusted_rand(predicted, gold))
        figures[f"{prefix}ecbplus_predicted_stories"] = float(len({predicted[a] for a in gold}))
    figures["ecbplus_incremental_agreement"] = _r(incremental_agreement(run.signals))
    figures |= consensus_figures("ecbplus", [run.report])
    figures["ecbplus_articles"] = float(len(gold))
    figures["ecbplus_gold_stories"] = float(len(set(gold.values())))
    figures["ecbplus_seconds"] = round(run.seconds, 1)
    return dict(sorted(figures.items(), key=lambda kv: kv[0].startswith("baseline")))


def score_semeval_pairs(sample: Sample) -> dict[str, float]:
    from parallax.stories.evaluate import incremental_agreement

    data = load("semeval8-train")
    (run,) = runs("semeval8-train", sample)
    pairs = _chosen_pairs(data, sample_size("semeval8-train", sample))
    figures: dict[str, float] = {}
    for prefix, predicted in (("", run.story_of()), ("baseline_tfidf_hdbscan.", _baseline_of(run, data))):
        tp = said = gold = 0
        for p in pairs:
            same = predicted.get(p["a"], "?a") == predicted.get(p["b"], "?b")
            said += same
            gold += bool(p["same_story"])
            tp += same and bool(p["same_story"])
        precision, recall, f1 = _prf(tp, said, gold)
        figures |= {
            f"{prefix}semeval8_pair_precision": _r(precision),
            f"{prefix}semeval8_pair_recall": _r(recall),
            f"{prefix}semeval8_pair_f1": _r(f1),
        }
    cross = [p for p in pairs if p["lang"].split("-")[0] != p["lang"].split("-")[-1]]
    story = run.story_of()
    cross_same = [p for p in cross if p["same_story"]]
    figures["semeval8_crosslingual_recall"] = _r(
        sum(story.get(p["a"], "?a") == story.get(p["b"], "?b") for p in cross_same) / len(cross_same)
        if cross_same
        else 0.0
    )
    figures["semeval8_incremental_agreement"] = _r(incremental_agreement(run.signals))
    figures["semeval8_vector_ceiling_f1"] = _r(vector_ceiling_f1(run.signals, pairs, run.duplicate_of))
    figures["semeval8_pairs"] = float(len(pairs))
    figures["semeval8_same_story_pairs"] = float(sum(bool(p["same_story"]) for p in pairs))
    figures["semeval8_seconds"] = round(run.seconds, 1)
    return dict(sorted(figures.items(), key=lambda kv: kv[0].startswith("baseline")))


def vector_ceiling_f1(
    signals: Any, pairs: Sequence[dict[str, Any]], duplicate_of: dict[str, str] | None = None
) -> float:
    """The best same-story pair F1 any single cosine threshold on the article vectors reaches,
    chosen with the gold labels in hand: an oracle, so the grouping's pair F1 can be read against
    what its one vector per article can tell at all (grouping adds no pairwise model on top)."""
    row = {article_id: i for i, article_id in enumerate(signals.ids)}
    copies = duplicate_of or {}
    scored: list[tuple[float, bool]] = []
    for p in pairs:
        a = row.get(p["a"], row.get(copies.get(p["a"], "")))
        b = row.get(p["b"], row.get(copies.get(p["b"], "")))
        cosine = float(signals.vectors[a] @ signals.vectors[b]) if a is not None and b is not None else -1.0
        scored.append((cosine, bool(p["same_story"])))
    gold = sum(same for _, same in scored)
    best, tp = 0.0, 0
    # lower the threshold one pair at a time: every pair at or above it is called the same story
    for said, (_, same) in enumerate(sorted(scored, key=lambda cs: -cs[0]), 1):
        tp += same
        best = max(best, _prf(tp, said, gold)[2])
    return best


@lru_cache(maxsize=4)
def _fnc1_bodies_run(n: Window, root: Path) -> tuple[Run, dict[str, str]]:
    """Each distinct FNC-1 body once (under its first article id), with its claim cluster as gold.

    FNC-1's per-headline stories share bodies, so they cannot score grouping; its claim clusters
    (headlines that share bodies) partition the bodies into events, which can. A sample of N takes
    the claim clusters of the first N headlines, whole."""
    data = load("fnc1-dev")
    clusters = data.labels["claim_cluster"]
    heads = _first(set(data.labels["stories"].values()), n, key=lambda h: int(h[1:]))
    keep = {clusters[h] for h in heads}
    first_of_body: dict[str, str] = {}
    for article_id, head in data.labels["stories"].items():
        if clusters[head] in keep and article_id in data.records:
            first_of_body.setdefault(article_id.split("-", 1)[1], article_id)
    ids = sorted(first_of_body.values(), key=stable)
    gold = {a: clusters[data.labels["stories"][a]] for a in ids}
    run = analyse("fnc1-dev", [data.records[a] for a in ids], f"fnc1-dev bodies ({len(keep)} claim clusters)")
    return run, gold


def score_fnc1_stories(sample: Sample) -> dict[str, float]:
    """FNC-1 bodies grouped by event (claim cluster), B-cubed, beside TF-IDF + HDBSCAN."""
    from parallax.stories.evaluate import bcubed

    data = load("fnc1-dev")
    run, gold = _fnc1_bodies_run(sample_size("fnc1-dev", sample), datasets_root())
    figures: dict[str, float] = {}
    for prefix, predicted in (("", run.story_of()), ("baseline_tfidf_hdbscan.", _baseline_of(run, data))):
        b = bcubed(predicted, gold)
        figures |= {f"{prefix}fnc1_stories_{k}": _r(v) for k, v in b.items()}
        figures[f"{prefix}fnc1_predicted_stories"] = float(len({predicted[a] for a in gold}))
    figures["fnc1_bodies"] = float(len(gold))
    figures["fnc1_gold_stories"] = float(len(set(gold.values())))
    return figures


def stories_task(data: Path | None = None, sample: Sample = None) -> dict[str, float]:
    """ECB+ B-cubed, SemEval-2022 Task 8 same-story pairs and FNC-1 bodies by event, each beside a
    TF-IDF + HDBSCAN baseline."""
    with _root(data):
        figures = score_ecbplus_stories(sample) | score_semeval_pairs(sample) | score_fnc1_stories(sample)
    return dict(sorted(figures.items(), key=lambda kv: kv[0].startswith("baseline")))


# --- quotes: PolNeAR ------------------------------------------------------------------------------
# Words that make a capitalised source no name: pronouns, determiners, and collective nouns.
_NOT_NAMES = (
    "i he she it we they you his her its their our my your him them us this that these those the a an "
    "some many several others other sources source officials official aides aide critics experts "
    "analysts people reports report who which one both all each mr mrs ms dr"
)
NOT_NAMES = frozenset(_NOT_NAMES.split())


def _words(text: str) -> list[str]:

    return re.findall(r"[\w'’-]+", text)


def _name_words(text: str) -> set[str]:
    """Lower-cased capitalised words of a source that are not pronouns/determiners ("Sen. Ted Cruz")."""
    out = set()
    for word in _words(text):
        w = word.strip("'’-").removesuffix("'s").removesuffix("’s")
        if w[:1].isupper() and w.lower() not in NOT_NAMES:
            out.add(w.lower())
    return out


def _content_pieces(run: Run, article_id: str, content: dict[str, Any]) -> list[tuple[int, int]]:
    """Stored-text spans of a gold content: its `fragments` when brat gave a discontinuous span;
    none when any piece cannot be placed."""
    raw = content.get("fragments") or [[content["start"], content["end"]]]
    pieces = [run.span(article_id, start, end) for start, end in raw]
    return [w for w in pieces if w is not None] if all(w is not None for w in pieces) else []


def score_polnear(sample: Sample) -> dict[str, float]:
    """Quote recall (>= half the gold content covered by one Parallax quote), speaker accuracy on
    found direct quotes whose gold source is a name, indirect content recall, and direct and
    indirect precision (>= half a Parallax quote inside one gold content).

    A discontinuous gold content ('"X," he said, "Y."') is its pieces (`fragments`): the attribution
    between them is no content, so neither its length nor a quote over it counts. A direct gold quote
    takes its speaker from a direct or partial Parallax quote when one covers it, not from reported
    content around a partial quote that happens to overlap it more."""
    data = load("polnear-train")
    (run,) = runs("polnear-train", sample)
    quotes: dict[str, list[dict[str, Any]]] = {}
    for story in run.report["stories"]:
        for quote in story["quotes"]:
            for ev in quote["evidence"]:
                quotes.setdefault(ev["article_id"], []).append(
                    {"span": (ev["start"], ev["end"]), "quote": quote}
                )
    gold_by_article = _spans_by_article(q for q in data.labels["quotes"] if q["article_id"] in run.shift)
    direct = direct_found = indirect = indirect_found = named = named_right = 0
    pred_direct = pred_direct_right = pred_indirect = pred_indirect_right = 0
    for article_id in run.shift:
        golds = gold_by_article.get(article_id, [])
        mine = quotes.get(article_id, [])
        gold_pieces: list[list[tuple[int, int]]] = []
        for g in golds:
            pieces = _content_pieces(run, article_id, g["content"])
            gold_pieces.append(pieces)
            best = None
            if pieces:
                length = sum(end - start for start, end in pieces)
                hits = [(sum(_overlap(w, q["span"]) for w in pieces), q) for q in mine]
                hits = [h for h in hits if h[0] >= 0.5 * length]
                if g["direct"]:
                    # like with like: a quote's speaker is read off a quote where one covers it
                    hits = [h for h in hits if h[1]["quote"]["kind"] in ("direct", "partial")] or hits
                best = max(hits, key=lambda h: h[0])[1]["quote"] if hits else None
            if g["direct"]:
                direct += 1
                if best is None:
                    continue
                direct_found += 1
                source = (g.get("source") or {}).get("text") or ""
                want = _name_words(source)
                if want:
                    named += 1
                    got: set[str] = set()
                    for text in [best.get("speaker") or ""] + [
                        e["text"] for e in best.get("speaker_evidence") or []
                    ]:
                        got |= {w.lower().removesuffix("'s").removesuffix("’s") for w in _words(text)}
                    named_right += bool(want & got)
            else:
                indirect += 1
                indirect_found += best is not None
        for q in mine:
            # right: at least half of it lies in one gold attribution's content (the recall rule, turned round)
            length = q["span"][1] - q["span"][0]
            right = any(
                sum(_overlap(w, q["span"]) for w in pieces) >= 0.5 * length
                for pieces in gold_pieces
                if pieces
            )
            if q["quote"]["kind"] in ("direct", "partial"):
                pred_direct += 1
                pred_direct_right += right
            elif q["quote"]["kind"] == "indirect":
                pred_indirect += 1
                pred_indirect_right += right
    return {
        "polnear_direct_recall": _r(direct_found / direct if direct else 0.0),
        "polnear_direct_precision": _r(pred_direct_right / pred_direct if pred_direct else 0.0),
        "polnear_speaker_accuracy": _r(named_right / named if named else 0.0),
        "polnear_indirect_recall": _r(indirect_found / indirect if indirect else 0.0),
        "polnear_indirect_precision": _r(pred_indirect_right / pred_indirect if pred_indirect else 0.0),
        "polnear_gold_direct": float(direct),
        "polnear_gold_indirect": float(indirect),
        "polnear_named_speakers_scored": float(named),
        "polnear_parallax_direct": float(pred_direct),
        "polnear_parallax_indirect": float(pred_indirect),
        "polnear_articles": float(len(run.shift)),
        "polnear_seconds": round(run.seconds, 1),
    }


def quotes_task(data: Path | None = None, sample: Sample = None) -> dict[str, float]:
    """PolNeAR attribution relations: direct quotes found, their speakers, indirect content, precision."""
    with _root(data):
        return score_polnear(sample)


# --- entities: ECB+ and MEANTIME cross-document merging --------------------------------------------
ENTITY_TYPES = {
    "ecbplus": ("HUMAN_PART", "NON_HUMAN_PART", "LOC"),
    "meantime-en-es": ("PERSON", "ORGANIZATION", "LOCATION"),
}
# First words that make a capitalised mention no name (English and Spanish determiners, pronouns).
_SPANISH = "el la los las un una unos unas él ella ellos ellas su sus este esta estos estas ese esa lo le"
NOT_NAME_START = NOT_NAMES | frozenset(_SPANISH.split())


# Words a name may hold in lower case ("Section 7 of the Endangered Species Act", "Banco de España").
NAME_JOINERS = frozenset({"of", "the", "de", "del", "la", "las", "los", "el", "di", "da", "du", "van", "von"})


def _named(mention: dict[str, Any]) -> bool:
    """A gold mention that is a name (with its title, if any): "President Barack Obama", "EADS N.V.",
    not a description that holds one ("Airbus parent EADS", "Apple's board of directors",
    "Steve Jobs, CEO de Apple", "General Motors and Chrysler"). A description's gold entity is its
    head, which may be any of the names in it, so matching it by overlap scores the head finder."""
    text = mention["text"]
    words = _words(text)
    if not words or not words[0][:1].isupper() or words[0].lower() in NOT_NAME_START or "," in text:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_JOINERS for w in words)


def _pairs_across(counts: Counter[Any], by_article: Counter[Any]) -> int:
    """Pairs inside each group minus the pairs inside one article (only cross-document pairs count)."""
    return sum(comb(n, 2) for n in counts.values()) - sum(comb(n, 2) for n in by_article.values())


def score_entity_chains(name: str, sample: Sample) -> dict[str, float]:
    data = load(name)
    (run,) = runs(name, sample)
    prefix = name.split("-")[0]
    mentions: dict[str, list[tuple[tuple[int, int], tuple[str, str]]]] = {}
    for story in run.report["stories"]:
        for entity in story["entities"]:
            for ev in entity["evidence"]:
                mentions.setdefault(ev["article_id"], []).append(
                    ((ev["start"], ev["end"]), (story["id"], entity["id"]))
                )
    seen: set[tuple[str, int, int]] = set()
    total = 0
    # One Parallax mention stands for one gold mention, the one whose span it fits best: in nested gold
    # ("Apple CEO Steve Jobs" > "Apple CEO" > "Apple") the mention "Apple" is the company, not also
    # the person the enclosing phrases name.
    aligned: dict[tuple[str, int, int], tuple[float, str]] = {}  # parallax mention -> (fit, gold chain)
    entity_of: dict[tuple[str, int, int], tuple[str, str]] = {}
    covered = 0  # gold mentions some Parallax mention overlaps (aligned with it or not)
    for chain in data.labels["chains"]:
        if chain["kind"] != "entity":
            continue
        for m in chain["mentions"]:
            tag = m.get("tag") or chain["type"]
            key = (m["article_id"], m["start"], m["end"])
            if m["article_id"] not in run.shift or key in seen:
                continue
            if not tag.startswith(ENTITY_TYPES[name]) or not _named(m):
                continue
            seen.add(key)
            total += 1
            where = run.span(m["article_id"], m["start"], m["end"])
            if where is None:
                continue
            hits = [
                (_overlap(where, span), span, entity) for span, entity in mentions.get(m["article_id"], [])
            ]
            hits = [h for h in hits if h[0] > 0]
            if hits:
                covered += 1
                shared, span, entity = max(hits, key=lambda h: h[0])
                fit = shared / (max(where[1], span[1]) - min(where[0], span[0]))  # intersection over union
                at = (m["article_id"], *span)
                if fit > aligned.get(at, (0.0, ""))[0]:
                    aligned[at], entity_of[at] = (fit, chain["id"]), entity
    matched = [(at[0], gold, entity_of[at]) for at, (_, gold) in aligned.items()]  # (article, chain, entity)
    gold_same = _pairs_across(Counter(g for _, g, _ in matched), Counter((a, g) for a, g, _ in matched))
    pred_same = _pairs_across(Counter(p for _, _, p in matched), Counter((a, p) for a, _, p in matched))
    both = _pairs_across(Counter((g, p) for _, g, p in matched), Counter((a, g, p) for a, g, p in matched))
    # Entities are one story's (docs/report-schema.md): a gold pair whose articles grouping put in two
    # stories can never be merged, so merge recall counts the gold pairs inside one story (MEANTIME's
    # chains span whole corpora of distinct Wikinews stories; ECB+'s topics are one story each).
    # How many gold pairs grouping put in one story is reported beside it, and recall over all
    # pairs too; predicted pairs are always inside one story.
    story_of = run.story_of()
    in_story = _pairs_across(
        Counter((g, story_of.get(a)) for a, g, _ in matched), Counter((a, g) for a, g, _ in matched)
    )
    precision, recall, f1 = _prf(both, pred_same, in_story)
    return {
        f"{prefix}_merge_precision": _r(precision),
        f"{prefix}_merge_recall": _r(recall),
        f"{prefix}_merge_f1": _r(f1),
        f"{prefix}_mention_coverage": _r(covered / total if total else 0.0),
        f"{prefix}_named_mentions": float(total),
        f"{prefix}_gold_pairs_in_one_story": _r(in_story / gold_same if gold_same else 0.0),
        f"{prefix}_all_pairs_recall": _r(both / gold_same if gold_same else 0.0),
        f"{prefix}_gold_pairs": float(gold_same),
        f"{prefix}_predicted_pairs": float(pred_same),
    }


def entities_task(data: Path | None = None, sample: Sample = None) -> dict[str, float]:
    """Cross-document merging of named entity mentions (ECB+, MEANTIME en+es), pairwise, and coverage."""
    with _root(data):
        return score_entity_chains("ecbplus", sample) | score_entity_chains("meantime-en-es", sample)


# --- framing: PTC and BABE loaded words ----------------------------------------------------------
PTC_LOADED = ("Loaded_Language", "Name_Calling,Labeling")
# Report terms that are framing but not loaded words: hedges and speculation mark stance (PTC has
# them as other techniques, "Doubt"), and a scare quote is the marks around words the datasets
# count as in quotation marks (`in_quote`), never as the outlet's own words.
NOT_LOADED = ("hedge", "speculation")


def _loaded_word(term: dict[str, Any]) -> bool:
    return term["category"] not in NOT_LOADED and term.get("entry") != "scare quotes"


def _tokens(text: str) -> list[tuple[int, int]]:

    return [m.span() for m in re.finditer(r"\w+", text)]


def score_loaded_words(name: str, sample: Sample) -> dict[str, float]:
    """Own-voice loaded words against the gold spans not in quotation marks.

    `own_*`: token level (every word of a gold span is one to find; PTC spans are phrases, up to
    whole clauses, so this undercounts a detector that finds the loaded word of a phrase).
    `own_span_*`: span level (a gold span is found when an own-voice loaded term overlaps it; a
    term is right when it overlaps an own-voice gold span), the unit the labels were given in.
    `voice_accuracy`: own vs quoted for terms over a gold span wholly inside or wholly outside
    quotation marks (a span crossing a quote's edge has no single voice).
    """
    data = load(name)
    (run,) = runs(name, sample)
    prefix = name.split("-")[0]
    terms = _spans_by_article(t for story in run.report["stories"] for t in story["framing"]["terms"])
    spans = [
        s
        for s in data.labels["spans"]
        if s["article_id"] in run.shift and (name != "ptc-train" or s["label"] in PTC_LOADED)
    ]
    gold_by_article = _spans_by_article(spans)
    gold_tokens = pred_tokens = hit_tokens = pred_all = hit_all = 0
    gold_spans = found_spans = pred_terms = right_terms = 0
    voice_total = voice_right = 0
    for article_id, text in run.texts.items():
        if article_id not in run.shift:
            continue
        gold = []
        for s in gold_by_article.get(article_id, []):
            where = run.span(article_id, s["start"], s["end"])
            lost = where is None
            gold_tokens += len(_tokens(s["text"])) if lost and not s["in_quote"] else 0  # lost text: missed
            gold_spans += 1 if lost and not s["in_quote"] else 0
            if where is not None:
                gold.append((where, bool(s["in_quote"]), 0 < float(s.get("quote_overlap") or 0) < 1))
        mine = terms.get(article_id, [])
        own = [(t["start"], t["end"]) for t in mine if t["voice"] == "own" and _loaded_word(t)]
        own_any = [(t["start"], t["end"]) for t in mine if t["voice"] == "own"]
        own_gold_spans = [w for w, quoted, _ in gold if not quoted]
        own_gold: set[tuple[int, int]] = set()
        own_pred: set[tuple[int, int]] = set()
        own_pred_all: set[tuple[int, int]] = set()
        for token in _tokens(text):
            if any(_overlap(token, w) for w in own_gold_spans):
                own_gold.add(token)
            if any(_overlap(token, t) for t in own):
                own_pred.add(token)
            if any(_overlap(token, t) for t in own_any):
                own_pred_all.add(token)
        gold_tokens += len(own_gold)
        pred_tokens += len(own_pred)
        hit_tokens += len(own_pred & own_gold)
        pred_all += len(own_pred_all)
        hit_all += len(own_pred_all & own_gold)
        gold_spans += len(own_gold_spans)
        found_spans += sum(1 for w in own_gold_spans if any(_overlap(w, t) for t in own))
        pred_terms += len(own)
        right_terms += sum(1 for t in own if any(_overlap(w, t) for w in own_gold_spans))
        for t in mine:
            if t.get("entry") == "scare quotes":
                continue
            hits = [
                (_overlap((t["start"], t["end"]), w), quoted) for w, quoted, crossing in gold if not crossing
            ]
            hits = [h for h in hits if h[0] > 0]
            if hits:
                voice_total += 1
                voice_right += (t["voice"] == "quoted") == max(hits)[1]
    precision, recall, f1 = _prf(hit_tokens, pred_tokens, gold_tokens)
    span_p = right_terms / pred_terms if pred_terms else 0.0
    span_r = found_spans / gold_spans if gold_spans else 0.0
    span_f1 = 2 * span_p * span_r / (span_p + span_r) if span_p + span_r else 0.0
    return {
        f"{prefix}_own_precision": _r(precision),
        f"{prefix}_own_recall": _r(recall),
        f"{prefix}_own_f1": _r(f1),
        f"{prefix}_own_span_precision": _r(span_p),
        f"{prefix}_own_span_recall": _r(span_r),
        f"{prefix}_own_span_f1": _r(span_f1),
        f"{prefix}_own_precision_all_terms": _r(hit_all / pred_all if pred_all else 0.0),
        f"{prefix}_voice_accuracy": _r(voice_right / voice_total if voice_total else 0.0),
        f"{prefix}_voice_scored": float(voice_total),
        f"{prefix}_gold_own_tokens": float(gold_tokens),
        f"{prefix}_predicted_own_tokens": float(pred_tokens),
        f"{prefix}_articles": float(len(run.shift)),
        f"{prefix}_seconds": round(run.seconds, 1),
    }


def framing_task(data: Path | None = None, sample: Sample = None) -> dict[str, float]:
    """Loaded words in the outlet's own voice (PTC loaded-language/name-calling spans, BABE biased words)."""
    with _root(data):
        return score_loaded_words("ptc-train", sample) | score_loaded_words("babe", sample)


# --- consensus that is never false ---------------------------------------------------------------
def consensus_figures(prefix: str, reports: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Consensus lines, and the share whose cited sentences (from different articles) never conflict."""
    from parallax.compare.summary import evidence_conflicts

    lines = conflicted = 0
    for report in reports:
        for story in report["stories"]:
            for line in story["summary"]["consensus"]:
                lines += 1
                conflicted += evidence_conflicts(line.get("evidence") or [])
    return {
        f"{prefix}_consensus_lines": float(lines),
        f"{prefix}_consensus_consistent": _r(1.0 - conflicted / lines if lines else 1.0),
    }


# --- disagreement: FNC-1 ------------------------------------------------------------------------
def separates_stances(sides: Sequence[Sequence[str | None]]) -> bool:
    """Whether a contradiction sets agreeing bodies against disagreeing ones.

    A contradiction says that every body on one side disagrees with every body on another; it
    is right when most of those cross-side pairs are an agreeing and a disagreeing body. So a
    contradiction between two agreeing bodies is wrong, and so is one whose sides both hold
    mostly agreeing bodies with a disagreeing one in among them (the old test, "an agreeing
    body on one side and a disagreeing one on another", counted that as found).
    """
    pairs = opposed = 0
    for i, x in enumerate(sides):
        for y in sides[i + 1 :]:
            for p in x:
                for q in y:
                    pairs += 1
                    opposed += {p, q} == {"agree", "disagree"}
    return pairs > 0 and 2 * opposed > pairs


def keyword_baseline(texts: dict[str, str], stance: dict[str, str]) -> tuple[int, int, bool]:
    """Trivial baseline: every body with a denial word anywhere ('hoax', 'denied', 'not true')
    contradicts every body without one, one contradiction per pair. (pairs reported, pairs right,
    headline found)."""
    from parallax.annotate.claims import text_denial

    cued = [a for a, text in texts.items() if text_denial(text)]
    plain = [a for a in texts if a not in cued]
    right = sum(separates_stances([[stance.get(x)], [stance.get(y)]]) for x in cued for y in plain)
    return len(cued) * len(plain), right, right > 0


def score_fnc1(sample: Sample) -> dict[str, float]:
    """One run per headline (its bodies recur under other headlines as other article ids, and
    ingest would link them as copies): a headline is found when a contradiction sets its
    agreeing articles against its disagreeing ones (`separates_stances`); precision is the share
    of contradictions that do. Beside it, the keyword baseline (`keyword_baseline`)."""
    data = load("fnc1-dev")
    stance = data.labels["stance"]
    found = reported = right = any_reported = 0
    base_reported = base_right = base_found = 0
    kinds: Counter[str] = Counter()
    seconds = 0.0
    heads = runs("fnc1-dev", sample)
    for run in heads:
        seconds += run.seconds
        hit = False
        contradictions = [c for story in run.report["stories"] for c in story["contradictions"]]
        any_reported += bool(contradictions)
        for c in contradictions:
            reported += 1
            opposed = separates_stances([[stance.get(a) for a in side["article_ids"]] for side in c["sides"]])
            right += opposed
            kinds[c["kind"]] += opposed
            hit |= opposed
        found += hit
        pairs, pairs_right, base_hit = keyword_baseline(run.texts, stance)
        base_reported, base_right, base_found = (
            base_reported + pairs,
            base_right + pairs_right,
            base_found + base_hit,
        )
    n = len(heads)
    return (
        consensus_figures("fnc1", [run.report for run in heads])
        | {
            "fnc1_claim_recall": _r(found / n if n else 0.0),
            "fnc1_contradiction_precision": _r(right / reported if reported else 0.0),
            "fnc1_headlines_with_a_contradiction": _r(any_reported / n if n else 0.0),
            "fnc1_contradictions": float(reported),
            "fnc1_denials_right": float(kinds["denial"]),
            "fnc1_headlines": float(n),
            "fnc1_seconds": round(seconds, 1),
        }
        | {
            "baseline_keyword.fnc1_claim_recall": _r(base_found / n if n else 0.0),
            "baseline_keyword.fnc1_contradiction_precision": _r(
                base_right / base_reported if base_reported else 0.0
            ),
        }
    )


def disagreement_task(data: Path | None = None, sample: Sample = None) -> dict[str, float]:
    """FNC-1: contradictions between bodies that agree and bodies that disagree with one claim."""
    with _root(data):
        return score_fnc1(sample)


# --- plumbing -----------------------------------------------------------------------------------
class _root:
    """`parallax eval real_x PATH`: PATH is the datasets folder for this call."""

    def __init__(self, data: Path | None) -> None:
        self.data = data

    def __enter__(self) -> None:
        global _root_override
        self.saved = _root_override
        if self.data is not None:
            _root_override = self.data
        if not available():
            raise TaskUnavailable(
                f"real datasets folder not found: {datasets_root()} "
                f"(set {DATASETS_ENV}, or pass the folder as the task's data argument)"
            )

    def __exit__(self, *exc: object) -> None:
        global _root_override
        _root_override = self.saved
