"""Quality evaluation against labelled data written for Parallax.

Each task scores one part of the pipeline and returns named figures in [0, 1]
(or counts). `eval/baseline.json` pins a floor for each figure; the test suite
fails when a figure drops below its floor, so quality cannot drop unnoticed.
"""

from parallax.eval.registry import check_baseline, load_baseline, run_task, tasks

__all__ = ["check_baseline", "load_baseline", "run_task", "tasks"]
