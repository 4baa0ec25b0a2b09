"""`parallax eval real_claims`: claim alignment and contradictions on real news, against labelled pairs.

The labels (`eval/real_labels/ecbplus_claims.jsonl`) are pairs of sentences from two ECB+ articles of
one topic, given by article id and character offsets only: the texts stay in `../shared/datasets`.
Each pair is `same` (both state one fact: alignment positive), `contradiction` (incompatible values of
one fact, with a kind) or `different` (same topic, different facts: a hard negative). Every labelled
topic's articles (both of its sub-events) go through `parallax.analyze` in one run, as `real.py` does,
and the report is scored:

- alignment: a `same` pair is found when both sentences sit in one claim group or one consensus line;
  a `different` pair found together is a false alignment (precision = same / (same + different) together).
- contradictions: a reported contradiction covers a pair when one sentence is in one side's evidence
  and the other in another side's. Recall: labelled contradictions covered (overall, by labelled kind).
  Precision, judged per pair: among labelled pairs (of any label) that some reported contradiction
  sets on opposite sides, the share labelled contradiction (a contradiction with many sides is judged
  on every labelled pair it sets apart). `contradiction_precision_touching` judges whole reported
  contradictions: of those whose evidence touches a labelled sentence, the share that set apart a
  labelled contradiction and no labelled same-fact or different-fact pair (the labels are not
  exhaustive, so this also counts right finds next to unlabelled sentences as wrong).
  `contradiction_recall_same_story` is the recall over the labelled contradictions whose two articles
  the run put in one story (claims are compared within a story; `contradictions_across_stories`
  counts the others, which only better grouping can find).

Samples are in topics, first in label-file order ("test": the first one). `real_claims_heldout`
scores the same way the topics of `ecbplus_claims_heldout.jsonl`, labelled before any output on
them was seen and never used to tune the rules. `real_claims_blind` does the same on
`ecbplus_claims_blind.jsonl`: three topics of other event kinds (a trial and an escape, two office
shootings, two company purchases), labelled blind before any run on them, the check that the rules
reach beyond the quakes and raids they were built on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from parallax.eval import real
from parallax.eval.registry import REPO_ROOT

LABELS = REPO_ROOT / "eval" / "real_labels" / "ecbplus_claims.jsonl"
# Three more topics, labelled before any Parallax output on them was seen: the check that a change
# tuned on `LABELS` generalises (`parallax eval real_claims_heldout`).
HELDOUT_LABELS = REPO_ROOT / "eval" / "real_labels" / "ecbplus_claims_heldout.jsonl"
# Three topics whose events differ in kind from both sets above, labelled blind the same way
# (`parallax eval real_claims_blind`).
BLIND_LABELS = REPO_ROOT / "eval" / "real_labels" / "ecbplus_claims_blind.jsonl"
DATASET = "ecbplus"
LABELS_KINDS = ("same", "contradiction", "different")
KINDS = ("number", "date", "place", "outcome", "role", "denial")
# The report's contradiction kinds, in the labels' words.
REPORT_KINDS = {"numeric": "number", "negation": "denial", "denial": "denial", "date": "date",
                "place": "place", "outcome": "outcome", "role": "role"}  # fmt: skip
TEST_TOPICS = 1
# A labelled sentence sits in an evidence span when they overlap by at least this share of the shorter.
MIN_OVERLAP = 0.5

Span = tuple[str, int, int]  # article id, start, end (stored text)
Locate = Callable[[str, int, int], tuple[int, int] | None]  # gold offsets -> stored offsets


@dataclass(frozen=True)
class Pair:
    id: str
    topic: str
    a: Span
    b: Span
    label: str  # same | contradiction | different
    kind: str | None  # contradictions only


def load_labels(path: Path = LABELS) -> list[Pair]:
    pairs = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        a, b = raw["a"], raw["b"]
        pairs.append(
            Pair(
                id=raw["id"],
                topic=str(raw["topic"]),
                a=(a["article_id"], a["start"], a["end"]),
                b=(b["article_id"], b["start"], b["end"]),
                label=raw["label"],
                kind=raw.get("kind"),
            )
        )
    return pairs


def topics_of(pairs: Iterable[Pair]) -> list[str]:
    """Topics in label-file order (the sample order)."""
    return list(dict.fromkeys(p.topic for p in pairs))


def chosen_topics(pairs: Sequence[Pair], sample: real.Sample) -> list[str]:
    topics = topics_of(pairs)
    if real.resolve_sample(sample) == "test":
        return topics[:TEST_TOPICS]
    window = real.sample_size("ecbplus", sample)
    return topics if window is None else topics[window[0] : window[1]]


# --- scoring one report ----------------------------------------------------------------------------
def _sits_in(sentence: Span, evidence: Iterable[dict[str, Any]]) -> bool:
    article, start, end = sentence
    for ev in evidence:
        if ev["article_id"] != article:
            continue
        overlap = real._overlap((start, end), (ev["start"], ev["end"]))
        if overlap > 0 and overlap >= MIN_OVERLAP * min(end - start, ev["end"] - ev["start"]):
            return True
    return False


def _groups(report: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The evidence of every claim group and every consensus line of every story."""
    claims = [claim["evidence"] for story in report["stories"] for claim in story.get("claims") or []]
    return claims + _consensus(report)


def _consensus(report: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [
        line.get("evidence") or []
        for story in report["stories"]
        for line in (story.get("summary") or {}).get("consensus") or []
    ]


def _contradictions(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for story in report["stories"] for c in story.get("contradictions") or []]


def _covers(contradiction: dict[str, Any], a: Span, b: Span) -> bool:
    sides = contradiction["sides"]
    return any(
        _sits_in(a, x["evidence"]) and _sits_in(b, y["evidence"])
        for i, x in enumerate(sides)
        for j, y in enumerate(sides)
        if i != j
    )


def score(pairs: Sequence[Pair], report: dict[str, Any], locate: Locate) -> dict[str, float]:
    """Alignment and contradiction figures of one report against labelled pairs (see the module doc).
    A pair whose text the run lost (`locate` gives None) counts as not found."""
    located: list[tuple[Pair, Span, Span]] = []
    lost = 0
    for p in pairs:
        a, b = locate(*p.a), locate(*p.b)
        if a is None or b is None:
            lost += 1
            continue
        located.append((p, (p.a[0], *a), (p.b[0], *b)))
    groups = _groups(report)
    consensus = _consensus(report)
    together = {p.id for p, a, b in located if any(_sits_in(a, g) and _sits_in(b, g) for g in groups)}
    count = {label: sum(p.label == label for p in pairs) for label in LABELS_KINDS}
    same_found = sum(p.label == "same" and p.id in together for p, _, _ in located)
    different_together = sum(p.label == "different" and p.id in together for p, _, _ in located)
    # Consensus is never false: no consensus line may cite both sides of a contradiction or two facts.
    in_consensus = {p.id for p, a, b in located if any(_sits_in(a, g) and _sits_in(b, g) for g in consensus)}
    apart = [p for p in pairs if p.label != "same"]
    # Contradictions: which labelled pairs each reported one covers.
    reported = _contradictions(report)
    sentences = [s for _, a, b in located for s in (a, b)]
    found: dict[str, str] = {}  # labelled contradiction id -> the report's kind (first that covers it)
    opposed: dict[str, set[str]] = {}  # labelled pair id -> the (label-word) kinds that set it apart
    touching = touching_right = 0
    for c in reported:
        covered = [p for p, a, b in located if _covers(c, a, b)]
        kind = REPORT_KINDS.get(c.get("kind") or "", "other")
        for p in covered:
            opposed.setdefault(p.id, set()).add(kind)
            if p.label == "contradiction":
                found.setdefault(p.id, c.get("kind") or "")
        if any(_sits_in(s, c.get("evidence") or []) for s in sentences):
            touching += 1
            # right only when it sets a labelled contradiction apart and no pair that agrees or differs
            touching_right += bool(covered) and all(p.label == "contradiction" for p in covered)
    label_of = {p.id: p.label for p in pairs}
    judged = len(opposed)
    right = sum(label_of[i] == "contradiction" for i in opposed)
    by_kind_judged = {k: sum(k in kinds for kinds in opposed.values()) for k in KINDS}
    by_kind_right = {
        k: sum(k in kinds and label_of[i] == "contradiction" for i, kinds in opposed.items()) for k in KINDS
    }
    contradictions = [p for p in pairs if p.label == "contradiction"]
    # Contradictions whose two articles the run put in one story: only those can be compared, since
    # claims are aligned within a story (a diagnostic next to the recall, which counts them all).
    story_of = {a: n for n, story in enumerate(report["stories"]) for a in story.get("article_ids") or []}
    one_story = [p for p in contradictions if story_of.get(p.a[0], -1) == story_of.get(p.b[0], -2)]
    precision_together = same_found + different_together
    r = real._r
    figures: dict[str, float] = {
        "align_precision": r(same_found / precision_together if precision_together else 0.0),
        "align_recall": r(same_found / count["same"] if count["same"] else 0.0),
        "hard_negatives_apart": r(1 - different_together / count["different"] if count["different"] else 1.0),
        "contradiction_precision": r(right / judged if judged else 0.0),
        "contradiction_recall": r(len(found) / len(contradictions) if contradictions else 0.0),
        "contradiction_precision_touching": r(touching_right / touching if touching else 0.0),
        "contradiction_recall_same_story": r(
            sum(p.id in found for p in one_story) / len(one_story) if one_story else 0.0
        ),
        "contradictions_across_stories": float(len(contradictions) - len(one_story)),
        "contradiction_kind_accuracy": r(
            sum(REPORT_KINDS.get(found[p.id]) == p.kind for p in contradictions if p.id in found) / len(found)
            if found
            else 0.0
        ),
        "consensus_clean": r(1 - sum(p.id in in_consensus for p in apart) / len(apart) if apart else 1.0),
        "consensus_contradicted_pairs": float(sum(p.id in in_consensus for p in contradictions)),
        "consensus_different_pairs": float(
            sum(p.id in in_consensus for p in apart if p.label == "different")
        ),
    }
    for kind in KINDS:
        of_kind = [p for p in contradictions if p.kind == kind]
        if of_kind:
            figures[f"contradiction_recall_{kind}"] = r(sum(p.id in found for p in of_kind) / len(of_kind))
            figures[f"labelled_{kind}"] = float(len(of_kind))
        if by_kind_judged[kind]:
            figures[f"contradiction_precision_{kind}"] = r(by_kind_right[kind] / by_kind_judged[kind])
    figures |= {
        "reported_contradictions": float(len(reported)),
        "judged_pairs": float(judged),
        "labelled_pairs": float(len(pairs)),
        "labelled_same": float(count["same"]),
        "labelled_contradictions": float(count["contradiction"]),
        "labelled_different": float(count["different"]),
        "pairs_lost": float(lost),
    }
    return figures


# --- running the pipeline --------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _run(topics: tuple[str, ...], root: Path) -> real.Run:
    """The labelled topics in one run, once per process. Not `real.runs("ecbplus", ...)`: that takes
    the dataset's first topics by number, and the labels name their own topics."""
    data = real.load(DATASET)
    keep = set(topics)
    ids = [a for a in data.records if data.labels["stories"].get(a, "").split("-")[0] in keep]
    return real.analyse(DATASET, [data.records[i] for i in ids], f"ecbplus claims ({len(topics)} topics)")


def score_claims(sample: real.Sample, labels: Path = LABELS) -> dict[str, float]:
    pairs = load_labels(labels)
    topics = chosen_topics(pairs, sample)
    run = _run(tuple(topics), real.datasets_root())
    chosen = [p for p in pairs if p.topic in set(topics)]
    figures = {f"ecbplus_{k}": v for k, v in score(chosen, run.report, run.span).items()}
    figures["ecbplus_topics"] = float(len(topics))
    figures["ecbplus_articles"] = float(len(run.texts))
    figures["ecbplus_seconds"] = round(run.seconds, 1)
    return figures


def claims_task(data: Path | None = None, sample: real.Sample = None) -> dict[str, float]:
    """ECB+ labelled sentence pairs: alignment precision/recall, contradiction precision/recall by kind."""
    with real._root(data):
        return score_claims(sample)


def heldout_task(data: Path | None = None, sample: real.Sample = None) -> dict[str, float]:
    """The same figures on the held-out topics (`HELDOUT_LABELS`), never used to tune the rules."""
    with real._root(data):
        return score_claims(sample, HELDOUT_LABELS)


def blind_task(data: Path | None = None, sample: real.Sample = None) -> dict[str, float]:
    """The same figures on the blind-labelled topics of other event kinds (`BLIND_LABELS`)."""
    with real._root(data):
        return score_claims(sample, BLIND_LABELS)
