"""The evaluation tasks. Each module that owns a stage adds its scorer here."""

from __future__ import annotations

from parallax.engines.evaluate import evaluate_engines
from parallax.eval import real, real_claims
from parallax.eval.framing import evaluate as evaluate_framing
from parallax.eval.registry import SampledTask, Task
from parallax.eval.triangulation import evaluate as evaluate_claims
from parallax.eval.who import dates_task, entities_task, quotes_task
from parallax.ingest.evaluate import evaluate_ingest
from parallax.stories.evaluate import stories_task
from parallax.web.evaluate import evaluate_web

# Real public news datasets (../shared/datasets, read at run time), first: the figures that matter most.
SAMPLED_TASKS: dict[str, SampledTask] = {}
SAMPLED_TASKS["real_stories"] = real.stories_task  # ECB+ B-cubed, SemEval-8 same-story pairs; TF-IDF+HDBSCAN
SAMPLED_TASKS["real_quotes"] = real.quotes_task  # PolNeAR: direct quotes found, speakers, indirect, precision
SAMPLED_TASKS["real_entities"] = real.entities_task  # ECB+, MEANTIME: cross-document merge pairs, coverage
SAMPLED_TASKS["real_framing"] = real.framing_task  # PTC, BABE: own-voice loaded words, voice accuracy
SAMPLED_TASKS["real_disagreement"] = real.disagreement_task  # FNC-1: agree-vs-disagree contradictions
SAMPLED_TASKS["real_claims"] = (
    real_claims.claims_task
)  # ECB+ labelled pairs: alignment, contradictions by kind
SAMPLED_TASKS["real_claims_heldout"] = real_claims.heldout_task  # the same on three held-out topics
SAMPLED_TASKS["real_claims_blind"] = real_claims.blind_task  # and on three topics of other event kinds

TASKS: dict[str, Task] = {}
TASKS.update(SAMPLED_TASKS)
TASKS["ingest"] = evaluate_ingest  # metadata lifted, copies linked, broken inputs reported
TASKS["claims"] = evaluate_claims  # claim alignment, contradictions by kind, single-source claims
TASKS["framing"] = evaluate_framing  # loaded-term precision/recall, own-voice vs quoted accuracy
TASKS["entities"] = entities_task  # entity-merge pair precision/recall, distinct people kept apart, roles
TASKS["quotes"] = quotes_task  # quotes found, speaker attribution accuracy
TASKS["dates"] = dates_task  # date expressions found and normalised to the gold value
TASKS["web"] = evaluate_web  # search recall/MRR, hostile queries and article HTML inert, exact highlights
TASKS["engines"] = evaluate_engines  # local and Ray engines agree exactly: report, stories, annotations
TASKS["stories"] = (
    stories_task  # B-cubed precision/recall/F1 and ARI of story grouping, labelled set + sample
)
