"""Ingest jobs started from the web app: run in a background thread, polled for progress.

One job writes at a time (SQLite has one writer); pages keep reading while it runs, since the
store uses write-ahead logging. Each job opens its own store connection.
"""

from __future__ import annotations

import shutil
import threading
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STEPS = ("queued", "reading", "annotating", "grouping", "analysing", "done")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class IngestJob:
    id: str
    inputs: list[str]
    step: str = "queued"
    status: str = "queued"  # queued | running | done | failed
    done: int = 0  # units finished within the current step
    total: int = 0
    added: list[str] = field(default_factory=list)
    already_stored: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    stories_changed: list[str] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)  # contained stage failures of this job
    error: str | None = None
    started_at: str = field(default_factory=_now)
    finished_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "step": self.step,
            "step_index": STEPS.index(self.step),
            "steps": list(STEPS),
            "done": self.done,
            "total": self.total,
            "inputs": len(self.inputs),
            "added": list(self.added),
            "already_stored": self.already_stored,
            "skipped": list(self.skipped),
            "stories_changed": list(self.stories_changed),
            "failures": list(self.failures),
            "error": self.error,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }


class IngestJobs:
    """The jobs of one app: start them, look them up; the work runs in daemon threads."""

    def __init__(self, db_path: str, show_progress: bool = False) -> None:
        self.db_path = db_path
        self.show_progress = show_progress
        self._jobs: dict[str, IngestJob] = {}
        self.write_lock = threading.Lock()  # SQLite has one writer: jobs and removals take turns
        self._threads: list[threading.Thread] = []

    def get(self, job_id: str) -> IngestJob | None:
        return self._jobs.get(job_id)

    def start(
        self, inputs: list[str], cleanup: Path | None = None, names: dict[str, str] | None = None
    ) -> IngestJob:
        """Ingest `inputs` in the background; `names` maps a saved upload's path to the user's file name,
        which the stored articles and skipped entries then show instead."""
        job = IngestJob(id=uuid.uuid4().hex[:12], inputs=list(inputs))
        self._jobs[job.id] = job
        thread = threading.Thread(
            target=self._run, args=(job, cleanup, dict(names or {})), name=f"ingest-{job.id}", daemon=True
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return job

    def wait(self, timeout: float | None = None) -> None:
        """Block until every job started so far has finished (tests, shutdown)."""
        for thread in list(self._threads):
            thread.join(timeout)

    def _run(self, job: IngestJob, cleanup: Path | None, names: dict[str, str]) -> None:
        from parallax import api

        try:
            with self.write_lock, api.open_store(self.db_path) as store:
                job.status = "running"
                job.step = "reading"
                result = api.ingest(job.inputs, store, show_progress=self.show_progress)
                for saved, shown in names.items():
                    store.relabel_paths(saved, shown)
                job.added = list(result.added)
                job.already_stored = len(result.existing)
                job.skipped = [
                    {
                        "path": _shown_path(s.path, names),
                        "line": s.line,
                        "reason": _shown_path(s.reason, names),
                    }
                    for s in result.skipped
                ]
                job.step = "annotating"
                job.done = 0
                job.total = len(result.added)
                api.annotate(store, show_progress=self.show_progress)
                job.done = job.total
                job.step = "grouping"
                job.stories_changed = api.group(store)
                job.step = "analysing"
                stale = store.story_ids(stale_only=True)
                job.done, job.total = 0, len(stale)
                for story_id in stale:
                    api.analyze_stories(store, [story_id])
                    job.done += 1
                # A stage that failed on an article or a story is contained: that item is kept and marked,
                # the job finishes, and later jobs do not trip over it again.
                job.failures = api.failures(store, job.added, stale)
            job.step, job.status = "done", "done"
        except Exception as exc:  # reported to the page; the server keeps running
            job.status = "failed"
            job.error = _shown_path(f"{type(exc).__name__}: {exc}", names)
            if cleanup is not None:
                job.error = job.error.replace(str(cleanup), "(upload)")
            if self.show_progress:
                traceback.print_exc()
        finally:
            job.finished_at = _now()
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)


def _shown_path(text: str, names: dict[str, str]) -> str:
    """`text` with every saved upload's server path replaced by the user's name for the file."""
    for saved, shown in names.items():
        text = text.replace(saved, shown)
    return text
