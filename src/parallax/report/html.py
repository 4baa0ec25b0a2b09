"""The HTML report: an index (`report.html`) and one page per story (`stories/<id>.html`).

Every page is self-contained (inline CSS, no scripts, nothing fetched; every article string escaped).
A story page holds the text of its articles once, cut into sentences with stable ids
(`<article anchor>-<offset>`), and every citation is a link to the sentence it cites, which CSS
`:target` highlights. One page per story keeps a 10,000-article report usable: the index stays a
table of stories, and no page carries more text than its own story's articles.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from parallax.report.text import article_name, plural

if TYPE_CHECKING:
    from parallax.store import Store

STORIES_DIR = "stories"
_LABEL_TITLE_CHARS = 48
_SAFE_ID = re.compile(r"[A-Za-z0-9_.-]{1,80}")


@dataclass(frozen=True)
class ArticleText:
    """An article's stored text and its sentence spans (empty when the sentence layer is missing)."""

    text: str
    sentences: tuple[tuple[int, int], ...] = ()


# Given article ids, their texts (ids it does not know are left out).
TextSource = Callable[[Sequence[str]], Mapping[str, ArticleText]]


def store_texts(store: Store) -> TextSource:
    """Read a story's article texts and sentence spans from the store, one story at a time."""

    def read(ids: Sequence[str]) -> dict[str, ArticleText]:
        sentences = store.layer(ids, "sentences")
        return {
            a.id: ArticleText(a.text, tuple((s["start"], s["end"]) for s in sentences.get(a.id) or ()))
            for a in store.iter_articles(ids, annotations=False)
        }

    return read


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("parallax.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["plural"] = plural
    return env


def story_filename(story_id: str) -> str:
    """The story page's file name under `stories/`: the id when it is file-safe, else a digest of it."""
    if _SAFE_ID.fullmatch(story_id) and not story_id.startswith("."):
        return f"{story_id}.html"
    return "h" + hashlib.sha1(story_id.encode("utf-8")).hexdigest()[:16] + ".html"


def article_anchor(article_id: str) -> str:
    """A stable, short HTML id for an article on its story page (ids are any string; links repeat it)."""
    return "a" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:10]


def iter_evidence(node: Any) -> Iterator[dict[str, Any]]:
    """Every evidence record (`article_id`, `start`, `end`) anywhere in a story, in document order."""
    if isinstance(node, dict):
        if all(isinstance(node.get(k), t) for k, t in (("article_id", str), ("start", int), ("end", int))):
            yield node
        for value in node.values():
            if isinstance(value, (dict, list)):
                yield from iter_evidence(value)
    elif isinstance(node, list):
        for value in node:
            if isinstance(value, (dict, list)):
                yield from iter_evidence(value)


@dataclass
class Segment:
    start: int
    end: int
    text: str
    cited: bool = False


@dataclass
class ArticleBody:
    """An article cut into segments: sentences, joined where a cited span crosses a sentence boundary.

    `complete` is False when the full text was not available and only the cited passages are shown.
    """

    anchor: str
    regions: list[list[Segment]]
    complete: bool

    def __post_init__(self) -> None:
        self._starts = [[s.start for s in region] for region in self.regions]

    def segment_at(self, start: int, end: int) -> Segment | None:
        for region, starts in zip(self.regions, self._starts, strict=True):
            i = bisect_right(starts, start) - 1
            if i >= 0 and region[i].start <= start and end <= region[i].end:
                return region[i]
        return None

    def segment_id(self, segment: Segment) -> str:
        return f"{self.anchor}-{segment.start}"


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined (spans that only touch stay apart)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _cut(
    region_start: int, region_text: str, cuts: Sequence[int], covered: Sequence[tuple[int, int]]
) -> list[Segment]:
    """Cut one known stretch of text at `cuts`, never inside a cited span (`covered`, merged)."""
    region_end = region_start + len(region_text)
    inside = sorted({c for c in cuts if region_start < c < region_end})
    covered_starts = [s for s, _ in covered]
    points = [region_start]
    for c in inside:
        i = bisect_right(covered_starts, c) - 1
        if i >= 0 and covered[i][0] < c < covered[i][1]:
            continue
        points.append(c)
    points.append(region_end)
    return [
        Segment(a, b, region_text[a - region_start : b - region_start]) for a, b in pairwise(points) if b > a
    ]


def article_body(article_id: str, text: ArticleText | None, cited: Sequence[dict[str, Any]]) -> ArticleBody:
    """Segments of one article; with no text, the cited passages alone (rebuilt from the evidence)."""
    spans = [(ev["start"], ev["end"]) for ev in cited]
    if text is not None:
        ok = [(s, e) for s, e in spans if 0 <= s <= e <= len(text.text)]
        covered = _merge([(s, e) for s, e in ok if e > s])
        if text.sentences:
            cuts = [s for s, _ in text.sentences]
        else:  # no sentence layer: paragraphs, and the cited spans themselves
            cuts = [m.end() for m in re.finditer(r"\n+", text.text)] + [p for span in ok for p in span]
        regions = [_cut(0, text.text, cuts, covered)] if text.text else []
        complete = True
    else:
        regions = []
        covered = _merge([(s, e) for s, e in spans if e > s])
        ordered = sorted(cited, key=lambda ev: ev["start"])
        ordered_starts = [ev["start"] for ev in ordered]
        for start, end in covered:
            chars: list[str | None] = [None] * (end - start)
            first = bisect_right(ordered_starts, start - 1)
            for ev in ordered[first : bisect_right(ordered_starts, end)]:
                piece = ev.get("text")
                fits = start <= ev["start"] and ev["end"] <= end
                if fits and isinstance(piece, str) and len(piece) == ev["end"] - ev["start"]:
                    chars[ev["start"] - start : ev["end"] - start] = list(piece)
            if all(c is not None for c in chars):
                passage = "".join(c for c in chars if c is not None)
                regions.append(_cut(start, passage, [p for span in spans for p in span], [(start, end)]))
        complete = False
    body = ArticleBody(article_anchor(article_id), regions, complete)
    for start, end in spans:
        segment = body.segment_at(start, end)
        if segment is not None:
            segment.cited = True
    return body


class Citations:
    """Links from a story's citations to the cited sentences on its page, labelled by outlet and title."""

    def __init__(self, articles: Mapping[str, dict[str, Any]], bodies: Mapping[str, ArticleBody]) -> None:
        self.articles = articles
        self.bodies = bodies

    def label(self, article_id: str) -> str:
        return article_name(self.articles.get(article_id) or {}, _LABEL_TITLE_CHARS)

    def href(self, ev: dict[str, Any]) -> str | None:
        body = self.bodies.get(ev.get("article_id", ""))
        if body is None:
            return None
        segment = body.segment_at(ev["start"], ev["end"])
        if segment is None:
            return None
        piece = ev.get("text")
        if isinstance(piece, str) and piece and piece not in segment.text:
            return None  # the stored text changed since the report was built
        return "#" + body.segment_id(segment)

    def link(self, ev: dict[str, Any] | None, label: str | None = None) -> Markup:
        """`<a href="#sentence">Outlet · Title</a>`; plain text when the sentence is not on the page."""
        if not ev:
            return Markup("")
        text = label if label is not None else self.label(ev.get("article_id", ""))
        href = self.href(ev)
        if href is None:
            return Markup('<span class="cite muted">{}</span>').format(text)
        return Markup('<a class="cite" href="{}">{}</a>').format(href, text)

    def links(self, evidence: Sequence[dict[str, Any]] | None) -> Markup:
        """Citations for a list of evidence, one per article (the first sentence each cites)."""
        seen: set[str] = set()
        out = []
        for ev in evidence or ():
            if ev.get("article_id") in seen:
                continue
            seen.add(ev.get("article_id", ""))
            out.append(self.link(ev))
        return Markup('<span class="cites">{}</span>').format(Markup("; ").join(out)) if out else Markup("")


def story_lookups(story: dict[str, Any]) -> dict[str, Any]:
    """Indexes the template reads instead of scanning a story's lists inside its loops.

    Scanning made the page quadratic: a 1,770-article story took minutes to render.
    Each index keeps the order of the list it indexes.
    """
    framing = story.get("framing") or {}
    by_outlet: dict[tuple[str, str], list[dict[str, Any]]] = {}
    by_article: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for term in framing.get("terms") or []:
        by_outlet.setdefault((term.get("source"), term.get("voice")), []).append(term)
        by_article.setdefault((term.get("article_id"), term.get("voice")), []).append(term)
    return {
        "claim_text": {c.get("id"): c.get("text") for c in story.get("claims") or []},
        "terms_by_outlet": by_outlet,
        "terms_by_article": by_article,
    }


def index_chunks(report: dict[str, Any]) -> Iterator[str]:
    """`report.html` in pieces: the stories (each a link to its page), failures and skipped inputs."""
    articles = {a["id"]: a for a in report["articles"]}
    template = _environment().get_template("index.html")
    return template.generate(
        report=report,
        articles=articles,
        page_of=lambda story_id: f"{STORIES_DIR}/{story_filename(story_id)}",
        anchor=article_anchor,
    )


def story_chunks(
    report: dict[str, Any],
    story: dict[str, Any],
    texts: Mapping[str, ArticleText] | None = None,
    articles: Mapping[str, dict[str, Any]] | None = None,
) -> Iterator[str]:
    """One story's page in pieces; `texts` are its articles' texts (else only cited passages are shown)."""
    if articles is None:
        articles = {a["id"]: a for a in report["articles"]}
    cited: dict[str, list[dict[str, Any]]] = {aid: [] for aid in story.get("article_ids") or ()}
    for ev in iter_evidence({k: v for k, v in story.items() if k != "article_ids"}):
        cited.setdefault(ev["article_id"], []).append(ev)
    bodies = {
        aid: article_body(aid, texts.get(aid) if texts is not None else None, evs)
        for aid, evs in cited.items()
    }
    template = _environment().get_template("story.html")
    return template.generate(
        report=report,
        s=story,
        articles=articles,
        look=story_lookups(story),
        cites=Citations(articles, bodies),
        bodies=bodies,
        has_texts=texts is not None,
        index_href=f"../{_INDEX}",
    )


_INDEX = "report.html"


def render_html(report: dict[str, Any]) -> str:
    """The index page as one string."""
    return "".join(index_chunks(report))


def render_story(
    report: dict[str, Any], story: dict[str, Any], texts: Mapping[str, ArticleText] | None = None
) -> str:
    """One story page as one string."""
    return "".join(story_chunks(report, story, texts))
