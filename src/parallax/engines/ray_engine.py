"""The pipeline on Ray: per-article stages on an actor pool, grouping and story analysis as tasks.

The driver ingests into the SQLite store (reading, duplicate detection, skipped
inputs: the same `parallax.api.ingest`), then ships the articles to annotate as
Arrow blocks of `batch_size` rows. Ray Data runs `ArticleAnnotator` over them with
`map_batches` on a pool of actors; each actor builds the registered stages once
(`default_article_stages`), so models load once per actor. One block is one batch,
exactly the batches the local engine forms, so results do not depend on how Ray
splits the work. The annotated rows stream back to the driver, which appends them
to `OUT/dataset/articles.parquet` and stores them through the same code path as
`parallax load`. Grouping (`parallax.api.group`) runs as a Ray task on the driver's
node, beside the store file; each stale story is analysed by a Ray task running
`default_story_stages()`. Stories and skipped inputs are written to the dataset too,
and the report is built by `parallax.report` from the store, as locally.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from parallax import api
from parallax.engines.dataset import ArticleWriter, articles_to_table, export_stories, save_article_rows
from parallax.errors import Msg, ParallaxError
from parallax.model import Article, Story
from parallax.pipeline import (
    INGEST_PROVIDES,
    StoryStage,
    article_layers,
    check_order,
    default_article_stages,
    default_story_stages,
    run_article_stages,
    run_story_stages,
)
from parallax.progress import progress
from parallax.store import Store

# Same batch size as `parallax.api.annotate`, so both engines form the same batches.
BATCH_SIZE = 32
STORIES_PER_ACTOR = 8


def import_ray() -> Any:
    """Ray, or a clear message when the optional extra is not installed."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ParallaxError(Msg.NEEDS_RAY_EXTRA.format(what="--engine ray and Parquet datasets")) from exc
    return ray


def worker_env() -> dict[str, Any]:
    """Environment for Ray workers: BLAS set up as in a plain process on the same machine.

    Ray starts workers with OMP_NUM_THREADS=1, and OpenBLAS initialised single-threaded
    sums in another order than a multi-threaded one (even when later limited to one
    thread), which moves the sentence encoder's vectors in the last bits. Giving workers
    the driver's setting makes Ray's vectors identical to the local engine's.
    """
    threads = os.environ.get("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    # Parallax settings (outlet metadata, lexicon...) travel with the job, also to remote nodes.
    settings = {k: v for k, v in os.environ.items() if k.startswith("PARALLAX_") and k != "PARALLAX_THREADS"}
    return {"env_vars": {**settings, "OMP_NUM_THREADS": threads}}


@contextmanager
def ray_session(address: str | None = None, num_cpus: int | None = None) -> Iterator[Any]:
    """Join the Ray already initialised in this process, the cluster at `address`, or start a local one.

    A Ray started here is shut down on exit; one that was already running is left alone.
    """
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    options: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "runtime_env": worker_env(),
    }
    try:
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=num_cpus, **options)
    except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError...
        raise ParallaxError(
            Msg.RAY_START_FAILED.format(address=address or "a local Ray", detail=exc)
        ) from exc
    try:
        yield ray
    finally:
        ray.shutdown()


class ArticleAnnotator:
    """A Ray Data actor: builds the registered article stages once, then annotates batch after batch."""

    def __init__(self, threads: int = 1) -> None:
        # Each actor owns `threads` CPUs; the encoder must not spread over the whole machine.
        os.environ["PARALLAX_THREADS"] = str(threads)
        self.stages = default_article_stages()
        check_order(self.stages, INGEST_PROVIDES)
        embedder = next(
            (getattr(s, "embedder", None) for s in self.stages if getattr(s, "embedder", None)), None
        )
        self.embedding_model = getattr(embedder, "name", "")

    def __call__(self, batch: Any) -> Any:
        from parallax.engines.dataset import table_to_articles

        articles = table_to_articles(batch)
        run_article_stages(self.stages, articles)
        return articles_to_table(articles, embedding_model=self.embedding_model)


def analyze_story_with(stages: Sequence[StoryStage], story: Story, articles: Sequence[Article]) -> Story:
    """The body of `parallax.api.analyze_story`, given the articles instead of a store."""
    fresh = Story(id=story.id, article_ids=list(story.article_ids), title=story.title)
    run_story_stages(stages, fresh, articles)
    return fresh


class StoryAnalyzer:
    """A Ray actor: builds the registered story stages once, then analyses story after story."""

    def __init__(self, threads: int = 1) -> None:
        os.environ["PARALLAX_THREADS"] = str(threads)
        self.stages = default_story_stages()

    def analyze(self, story: Story, articles: Sequence[Article]) -> Story:
        return analyze_story_with(self.stages, story, articles)


def group_task(db_path: str, full: bool) -> list[str]:
    """Grouping, run beside the store file (on the driver's node)."""
    with Store(db_path) as store:
        return api.group(store, full=full)


class RayEngine:
    name = "ray"

    def __init__(
        self,
        address: str | None = None,
        actors: int | None = None,
        batch_size: int = BATCH_SIZE,
        num_cpus: int | None = None,
    ) -> None:
        self.address = address
        self.actors = actors  # default: one per CPU of the cluster
        self.batch_size = batch_size
        self.num_cpus = num_cpus  # for a Ray started here; default: all of this machine's

    def analyze(
        self,
        sources: Iterable[str | Path],
        out: str | Path,
        db: str | Path | None = None,
        show_progress: bool = False,
    ) -> api.AnalyzeResult:
        """Same contract as `parallax.api.analyze`; also writes the Parquet dataset to `out/dataset`."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        with (
            ray_session(self.address, self.num_cpus),
            Store(db if db is not None else out / "parallax.db") as store,
        ):
            ingested = api.ingest(sources, store, show_progress=show_progress)
            self.update(store, out / "dataset", show_progress=show_progress)
            report = api.build_report(store)
            paths = api.write_report(report, out, store)
            return api.AnalyzeResult(
                report, paths, ingested, store.path, [s["id"] for s in report["stories"]]
            )

    def update(
        self, store: Store, dataset: Path, full: bool = False, show_progress: bool = False
    ) -> list[str]:
        """`parallax.api.update` on Ray: annotate, group, analyse; then write stories to the dataset."""
        if full:
            store.clear_article_failures()
        self.annotate(store, dataset, show_progress=show_progress)
        changed = self.group(store, full=full)
        self.analyze_stories(store, show_progress=show_progress)
        export_stories(store, dataset)
        return changed

    def annotate(self, store: Store, dataset: Path, show_progress: bool = False) -> int:
        """Annotate every article lacking a layer on an actor pool; append them to the dataset and the store."""
        ray = import_ray()
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # the dataset keeps ingest order
        context.enable_progress_bars = False  # ours below counts batches back in the store
        logging.getLogger("ray.data").setLevel(logging.WARNING)

        layers = article_layers(default_article_stages())  # building stages loads no model
        todo = store.ids_missing_layers(layers)
        # As in `parallax.api.annotate`: the same batches, with the layers already stored.
        refs = [
            ray.put(articles_to_table(list(store.iter_articles(todo[i : i + self.batch_size]))))
            for i in range(0, len(todo), self.batch_size)
        ]
        with ArticleWriter(dataset) as writer:
            if not refs:
                return 0
            actors = self.actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
            annotated = ray.data.from_arrow_refs(refs).map_batches(
                ArticleAnnotator,
                batch_size=None,  # one block is one batch: the batches of the local engine
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=min(actors, len(refs))),
                num_cpus=1,
            )
            batches = annotated.iter_batches(batch_size=None, batch_format="pyarrow")
            for table in progress(
                batches, desc="annotate (ray)", unit="batch", total=len(refs), enabled=show_progress
            ):
                writer.write(table)
                save_article_rows(table, store)
        return len(todo)

    def group(self, store: Store, full: bool = False) -> list[str]:
        """`parallax.api.group` as a Ray task pinned to this node, where the store file is."""
        if store.path == ":memory:":
            return api.group(store, full=full)
        ray = import_ray()
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        here = NodeAffinitySchedulingStrategy(ray.get_runtime_context().get_node_id(), soft=False)
        task = ray.remote(num_cpus=1, scheduling_strategy=here)(group_task)
        return list(ray.get(task.remote(store.path, full)))

    def analyze_stories(self, store: Store, show_progress: bool = False) -> int:
        """Analyse each stale story on a pool of actors, storing each result as it comes back.

        Taking results in submission order let one long story hold back every actor behind it
        (a 1,770-article story kept the other actor idle for minutes). `Store.save_story` keeps
        each story's place, so the store lists the stories as the local engine leaves them.
        Stories go out in store order, not longest first: that would pair the two longest
        stories in memory at once (4.32 GiB against 4.12 GiB at 10,000 articles).
        """
        ray = import_ray()
        from ray.util import ActorPool

        ids = store.story_ids(stale_only=True)
        if not ids:
            return 0
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        # An actor costs a model load: start one per STORIES_PER_ACTOR stories, at most one per CPU.
        size = max(1, min(self.actors or cpus, -(-len(ids) // STORIES_PER_ACTOR)))
        actors = [ray.remote(num_cpus=1)(StoryAnalyzer).remote() for _ in range(size)]
        pool = ActorPool(actors)
        window = 2 * size  # stories in flight: bounds the driver's memory

        def analysed() -> Iterator[Story]:
            in_flight = 0
            for story_id in ids:
                story = store.get_story(story_id)
                articles = list(store.iter_articles(story.article_ids))
                pool.submit(lambda actor, job: actor.analyze.remote(*job), (story, articles))
                in_flight += 1
                if in_flight >= window:
                    yield pool.get_next_unordered()
                    in_flight -= 1
            while pool.has_next():
                yield pool.get_next_unordered()

        try:
            for story in progress(
                analysed(), desc="analyse (ray)", unit="story", total=len(ids), enabled=show_progress
            ):
                store.save_story(story, stale=False)
        finally:
            # Stop the actors now, not whenever their handles are collected: the one that had the
            # longest story still holds its memory (1.7 GB at 10,000 articles) while the report is built.
            for actor in actors:
                ray.kill(actor)
        return len(ids)
