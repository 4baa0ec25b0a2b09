"""The web app: pages and a JSON API over one store, both thin views over `parallax.api` and `Store`.

`/api/stories/{id}` returns exactly the report's story object, `/api/articles/{id}` the report's
article object plus its text and annotations; the pages render those same structures.

Safety: templates autoescape and article HTML is never rendered raw (ingest keeps text only);
a strict Content-Security-Policy allows only the app's own script and styles; uploads are
size-capped, type-checked and saved under names the app makes; write endpoints refuse requests
from other sites and, when a token is set, requests without it.
"""

# No `from __future__ import annotations`: FastAPI reads these endpoint annotations at runtime,
# and they name objects local to `create_app` (the store dependency).
import json
import os
import secrets
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from parallax.errors import Msg, NotFound, ParallaxError
from parallax.report.build import collect_failures
from parallax.store import Store
from parallax.web import charts, views
from parallax.web.jobs import IngestJobs
from parallax.web.uploads import (
    ALLOWED_SUFFIXES,
    CHUNK,
    MAX_INPUTS,
    MAX_UPLOAD_BYTES,
    display_name,
    parse_urls,
    save_upload,
)

STATIC_DIR = Path(__file__).parent / "static"
MAX_REQUEST_BYTES = 5 * MAX_UPLOAD_BYTES

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",  # "no-referrer" would make browsers send `Origin: null`
    "x-frame-options": "DENY",
}


class MergeRequest(BaseModel):
    stories: list[str] = Field(description="two or more story ids", min_length=2)


class SplitRequest(BaseModel):
    articles: list[str] = Field(description="ids of the story's articles to move out", min_length=1)


@lru_cache(maxsize=1)
def _templates() -> Any:
    from jinja2 import Environment, PackageLoader, Undefined, select_autoescape

    # Undefined, not StrictUndefined: a section lacking a key renders as empty, never as an error.
    env = Environment(
        loader=PackageLoader("parallax.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        evidence_href=views.evidence_href,
        article_href=views.article_href,
        story_href=views.story_href,
        mark_terms=views.mark_terms,
        term_in_context=views.term_in_context,
        highlight_hits=views.highlight_hits,
        one_per_article=views.one_per_article,
    )
    env.filters["plural"] = lambda value, noun, many=None: views.plural(
        len(value) if isinstance(value, list | tuple | dict) else int(value or 0), noun, many
    )
    env.filters["pretty"] = lambda value: json.dumps(value, ensure_ascii=False, indent=1, default=str)
    env.tests["structured"] = lambda value: isinstance(value, dict | list)
    return env


def create_app(
    db_path: str | Path,
    token: str | None = None,
    show_progress: bool = False,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The app over the store at `db_path`; with a `token` (or `PARALLAX_TOKEN`), writes need it.

    `allowed_hosts` (e.g. `["127.0.0.1", "localhost"]`) refuses requests naming any other host, so a
    web page cannot reach a local server by pointing its own domain name at 127.0.0.1.
    """
    from parallax import __version__, api

    db = str(db_path)
    secret = token if token is not None else (os.environ.get("PARALLAX_TOKEN") or None)
    Store(db).close()  # create or migrate once, before the first request
    jobs = IngestJobs(db, show_progress=show_progress)

    app = FastAPI(
        title="Parallax",
        version=__version__,
        description="Stories, articles and search over a Parallax store; the same structures as report.json.",
        docs_url=None,  # FastAPI's interactive docs load scripts from a CDN; /api renders the schema itself
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.jobs = jobs
    app.state.db_path = db
    app.state.token_required = bool(secret)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.middleware("http")
    async def _headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        length = request.headers.get("content-length")
        if request.method == "POST" and length and length.isdigit() and int(length) > MAX_REQUEST_BYTES:
            return JSONResponse({"detail": f"request larger than {MAX_REQUEST_BYTES} bytes"}, status_code=413)
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def get_store() -> Iterator[Store]:
        store = Store(db)
        try:
            yield store
        finally:
            store.close()

    StoreDep = Annotated[Store, Depends(get_store)]
    Files = Annotated[list[UploadFile], File(description=f"allowed: {' '.join(ALLOWED_SUFFIXES)}")]
    UrlsField = Annotated[str | None, Form(description="one http(s) article or feed URL per line")]
    TokenField = Annotated[str | None, Form(description="the server's token, when it has one")]

    def page(name: str, request: Request, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = _templates().get_template(name).render(request=request, token_required=bool(secret), **context)
        return HTMLResponse(html, status_code=status_code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(
            "error.html", request, status_code=exc.status_code, status=exc.status_code, detail=exc.detail
        )

    # -- shared lookups --------------------------------------------------------------------

    def story_rows(
        store: Store, outlet: str | None, date_from: str | None, date_to: str | None, entity: str | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """Every story's list row, the rows of those that pass the filters, and the stage failures
        (read from the same stories: decoding every story twice doubled the page's cost)."""
        loaded = list(store.iter_stories())
        stories = [s.to_dict() for s in loaded]
        kept = {
            id(s)
            for s in views.filter_stories(
                stories, outlet or None, date_from or None, date_to or None, entity or None
            )
        }
        rows = sorted(
            ((views.story_row(s), id(s) in kept) for s in stories),
            key=lambda r: (-r[0]["articles"], r[0]["title"]),
        )
        return [r for r, _ in rows], [r for r, ok in rows if ok], collect_failures(store, loaded)

    def story_report(store: Store, story_id: str) -> dict[str, Any]:
        try:
            return api.build_report(store, [story_id])
        except ParallaxError as exc:
            raise HTTPException(404, str(exc)) from exc

    def article_record(store: Store, article_id: str) -> dict[str, Any]:
        try:
            article = store.get_article(article_id)
        except ParallaxError as exc:
            raise HTTPException(404, str(exc)) from exc
        return {
            **article.metadata(),
            "story_id": store.story_of(article.id),
            "text": article.text,
            "extra": article.extra,
            "annotations": article.annotations,
        }

    def search_results(store: Store, q: str, outlet: str | None, date_from: str | None, date_to: str | None):
        results = store.search(q, limit=100)
        if outlet:
            results = [r for r in results if views.same_outlet(r["source"], outlet)]
        if date_from:
            results = [r for r in results if (r["published"] or "")[:10] >= date_from]
        if date_to:
            results = [r for r in results if r["published"] and r["published"][:10] <= date_to]
        return results

    def authorize(request: Request, form_token: str | None) -> None:
        origin = request.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
            raise HTTPException(403, Msg.CROSS_ORIGIN.format(origin=origin))
        if not secret:
            return
        header = request.headers.get("authorization", "")
        offered = header[7:] if header.lower().startswith("bearer ") else (form_token or "")
        if not secrets.compare_digest(offered.encode(), secret.encode()):
            raise HTTPException(401, Msg.TOKEN_REQUIRED, headers={"WWW-Authenticate": "Bearer"})

    async def accept_ingest(files: list[UploadFile], urls: str | None) -> Any:
        try:
            url_list = parse_urls(urls)
            uploads = [f for f in files if f.filename]
            if len(uploads) + len(url_list) > MAX_INPUTS:
                raise ParallaxError(
                    Msg.UPLOAD_TOO_MANY.format(count=len(uploads) + len(url_list), limit=MAX_INPUTS)
                )
            if not uploads and not url_list:
                raise ParallaxError(Msg.NOTHING_TO_INGEST)
            folder = Path(tempfile.mkdtemp(prefix="parallax-upload-")) if uploads else None
            inputs: list[str] = []
            names: dict[str, str] = {}  # where the server saved an upload -> the user's name for it
            try:
                for index, upload in enumerate(uploads, 1):
                    data = bytearray()
                    while chunk := await upload.read(CHUNK):
                        data += chunk
                        if len(data) > MAX_UPLOAD_BYTES:
                            break
                    assert folder is not None
                    saved = str(save_upload(folder, upload.filename or "", index, bytes(data)))
                    inputs.append(saved)
                    names[saved] = display_name(upload.filename or "")
            except ParallaxError:
                if folder is not None:
                    import shutil

                    shutil.rmtree(folder, ignore_errors=True)
                raise
        except ParallaxError as exc:
            raise HTTPException(400, str(exc)) from exc
        return jobs.start(inputs + url_list, cleanup=folder, names=names)

    # -- JSON API ----------------------------------------------------------------------------

    @app.get("/api/stories", tags=["stories"], summary="List stories (filters: outlet, date range, entity)")
    def api_stories(
        store: StoreDep,
        outlet: str | None = None,
        date_from: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        date_to: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        entity: Annotated[str | None, Query(description="any spelling of an entity's name")] = None,
    ) -> list[dict[str, Any]]:
        return story_rows(store, outlet, date_from, date_to, entity)[1]

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story, as in report.json")
    def api_story(story_id: str, store: StoreDep) -> dict[str, Any]:
        story: dict[str, Any] = story_report(store, story_id)["stories"][0]
        return story

    @app.get(
        "/api/articles/{article_id:path}",
        tags=["articles"],
        summary="One article: report fields, text, annotations",
    )
    def api_article(article_id: str, store: StoreDep) -> dict[str, Any]:
        return article_record(store, article_id)

    def remove_article(store: Store, article_id: str) -> str | None:
        with jobs.write_lock:
            try:
                return api.delete_article(store, article_id)
            except ParallaxError as exc:
                raise HTTPException(404, str(exc)) from exc

    @app.delete(
        "/api/articles/{article_id:path}",
        tags=["articles"],
        summary="Remove an article; the story it was in is analysed again without it",
    )
    def api_remove_article(request: Request, article_id: str, store: StoreDep) -> dict[str, Any]:
        authorize(request, None)
        return {"removed": article_id, "story_id": remove_article(store, article_id)}

    def edit_stories(store: Store, change: Callable[[], Any]) -> Any:
        """Run a merge or split under the write lock; unknown ids are 404, refused edits 400."""
        with jobs.write_lock:
            try:
                return change()
            except ParallaxError as exc:
                raise HTTPException(404 if isinstance(exc, NotFound) else 400, str(exc)) from exc

    @app.post(
        "/api/stories/merge",
        tags=["stories"],
        summary="Merge stories into one (recorded: recluster and later ingests keep it); returns its id",
    )
    def api_merge(request: Request, body: MergeRequest, store: StoreDep) -> dict[str, Any]:
        authorize(request, None)
        merged = edit_stories(store, lambda: api.merge_stories(store, body.stories))
        return {"merged": body.stories, "story_id": merged}

    @app.post(
        "/api/stories/{story_id}/split",
        tags=["stories"],
        summary="Move articles out of a story into a story of their own (recorded, as merges are)",
    )
    def api_split(request: Request, story_id: str, body: SplitRequest, store: StoreDep) -> dict[str, Any]:
        authorize(request, None)
        moved, staying = edit_stories(store, lambda: api.split_story(store, story_id, body.articles))
        return {"moved": body.articles, "story_id": moved, "remaining_story_id": staying}

    @app.get("/api/story-edits", tags=["stories"], summary="Every merge and split recorded, oldest first")
    def api_story_edits(store: StoreDep) -> list[dict[str, Any]]:
        return api.story_edits(store)

    @app.get(
        "/api/stories/{story_id}/leanings",
        tags=["stories"],
        summary="A story's articles by the leaning your outlets.json gives their outlets, and its blindspots",
    )
    def api_leanings(story_id: str, store: StoreDep) -> dict[str, Any]:
        try:
            return api.leaning_coverage(store, story_id)
        except ParallaxError as exc:
            raise HTTPException(404 if isinstance(exc, NotFound) else 400, str(exc)) from exc

    @app.get(
        "/api/search", tags=["articles"], summary="Full-text search over article titles, text and outlets"
    )
    def api_search(
        store: StoreDep,
        q: Annotated[str, Query(description="words; accents and case do not matter")],
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> dict[str, Any]:
        return {"query": q, "results": search_results(store, q, outlet, date_from, date_to)}

    @app.get("/api/report", tags=["stories"], summary="The whole report (report.json) for the store")
    def api_report(store: StoreDep) -> dict[str, Any]:
        return api.build_report(store)

    @app.post("/api/ingest", tags=["ingest"], status_code=202, summary="Upload files and/or URLs to ingest")
    async def api_ingest(
        request: Request,
        files: Files = [],  # noqa: B006 (FastAPI copies defaults per request)
        urls: UrlsField = None,
        token: TokenField = None,
    ) -> dict[str, Any]:
        authorize(request, token)
        job = await accept_ingest(files, urls)
        return {**job.to_dict(), "status_url": f"/api/ingest/{job.id}"}

    @app.get("/api/ingest/{job_id}", tags=["ingest"], summary="Progress of an ingest job")
    def api_ingest_status(job_id: str) -> dict[str, Any]:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, Msg.NO_JOB.format(job_id=job_id))
        return job.to_dict()

    # -- pages -------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request,
        store: StoreDep,
        q: str = "",
        outlet: str = "",
        date_from: str = "",
        date_to: str = "",
        entity: str = "",
    ) -> HTMLResponse:
        every, rows, failures = story_rows(store, outlet, date_from, date_to, entity)
        results = search_results(store, q, outlet, date_from, date_to) if q.strip() else None
        titles = {r["id"]: r["title"] for r in every}
        outlets = views.outlet_choices(every)
        return page(
            "stories.html",
            request,
            rows=rows,
            total=len(every),
            results=results,
            titles=titles,
            outlets=outlets,
            filters={"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to, "entity": entity},
            article_count=store.count_articles(),
            failures=failures,
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(
        request: Request, story_id: str, store: StoreDep, edited: str = "", other: str = ""
    ) -> HTMLResponse:
        report = story_report(store, story_id)
        story = report["stories"][0]
        articles = {a["id"]: a for a in report["articles"]}
        coverage, coverage_error = None, None
        try:
            coverage = views.leaning_bar(api.leaning_coverage(store, story_id))
        except ParallaxError as exc:  # a broken outlets.json: say so, show the rest
            coverage_error = str(exc)
        titles = store.story_titles()
        return page(
            "story.html",
            request,
            story=story,
            articles=articles,
            headlines=views.headlines(story, articles),
            coverage=coverage,
            coverage_error=coverage_error,
            merge_choices=views.merge_choices(story, titles),
            edited=edited if edited in ("merged", "split") else "",
            other={"id": other, "title": next((t["title"] for t in titles if t["id"] == other), "")}
            if other
            else None,
            matrix=views.claim_matrix(story),
            speakers=views.quotes_by_speaker(story.get("quotes") or []),
            framing=views.framing_view(story.get("framing") or {}),
            timeline_chart=charts.timeline_svg(story.get("timeline") or []),
            coverage_chart=charts.coverage_svg(report["articles"]),
        )

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        request: Request, article_id: str, store: StoreDep, hl: str = "", plain: bool = False
    ) -> HTMLResponse:
        record = article_record(store, article_id)
        text = record["text"]
        spans = [] if plain else views.annotation_spans(record["annotations"], len(text))
        highlight = views.parse_span(hl)
        layers = {layer: record["annotations"].get(layer) or [] for layer in views.ARTICLE_LAYERS}
        return page(
            "article.html",
            request,
            article=record,
            body=views.render_text(text, spans, highlight),
            highlight=highlight,
            highlighted=text[highlight[0] : highlight[1]] if highlight else "",
            layers=layers,
            plain=plain,
            story_title=(store.get_story(record["story_id"]).title if record["story_id"] else ""),
        )

    @app.post("/articles/{article_id:path}/remove", include_in_schema=False)
    def remove_article_submit(
        request: Request, article_id: str, store: StoreDep, token: TokenField = None
    ) -> Response:
        authorize(request, token)
        story_id = remove_article(store, article_id)
        return RedirectResponse(views.story_href(story_id) if story_id else "/", status_code=303)

    StoryList = Annotated[list[str], Form(description="story ids")]
    ArticleList = Annotated[list[str], Form(description="article ids")]

    @app.post("/stories/merge", include_in_schema=False)
    def merge_submit(
        request: Request,
        store: StoreDep,
        stories: StoryList = [],  # noqa: B006 (FastAPI copies defaults per request)
        token: TokenField = None,
    ) -> Response:
        authorize(request, token)
        merged = edit_stories(store, lambda: api.merge_stories(store, stories))
        return RedirectResponse(views.story_href(merged) + "?edited=merged", status_code=303)

    @app.post("/stories/{story_id}/merge", include_in_schema=False)
    def merge_one_submit(
        request: Request,
        story_id: str,
        store: StoreDep,
        other: Annotated[str, Form()],
        token: TokenField = None,
    ) -> Response:
        authorize(request, token)
        merged = edit_stories(store, lambda: api.merge_stories(store, [story_id, other]))
        return RedirectResponse(views.story_href(merged) + "?edited=merged", status_code=303)

    @app.post("/stories/{story_id}/split", include_in_schema=False)
    def split_submit(
        request: Request,
        story_id: str,
        store: StoreDep,
        articles: ArticleList = [],  # noqa: B006
        token: TokenField = None,
    ) -> Response:
        authorize(request, token)
        moved, staying = edit_stories(store, lambda: api.split_story(store, story_id, articles))
        query = urlencode({"edited": "split", "other": staying})
        return RedirectResponse(f"{views.story_href(moved)}?{query}", status_code=303)

    def job_view(store: Store, job_id: str) -> dict[str, Any] | None:
        """A job as the add page shows it: with the title of each story it changed (those still stored)."""
        found = jobs.get(job_id) if job_id else None
        if found is None:
            return None
        view = found.to_dict()
        titles = {t["id"]: t for t in store.story_titles()} if found.status == "done" else {}
        view["changed"] = [titles[i] for i in found.stories_changed if i in titles]
        return view

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request, store: StoreDep, job: str = "") -> HTMLResponse:
        return page(
            "add.html",
            request,
            job=job_view(store, job),
            allowed=" ".join(ALLOWED_SUFFIXES),
            limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
            error=None,
        )

    @app.post("/add", include_in_schema=False)
    async def add_submit(
        request: Request,
        files: Files = [],  # noqa: B006 (FastAPI copies defaults per request)
        urls: UrlsField = None,
        token: TokenField = None,
    ) -> Response:
        try:
            authorize(request, token)
            job = await accept_ingest(files, urls)
        except HTTPException as exc:
            return page(
                "add.html",
                request,
                status_code=exc.status_code,
                job=None,
                allowed=" ".join(ALLOWED_SUFFIXES),
                limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
                error=exc.detail,
            )
        return RedirectResponse(f"/add?job={job.id}", status_code=303)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request) -> HTMLResponse:
        schema = app.openapi()
        endpoints = [
            {
                "method": method.upper(),
                "path": path,
                "summary": op.get("summary", ""),
                "params": op.get("parameters", []),
            }
            for path, methods in schema.get("paths", {}).items()
            for method, op in methods.items()
        ]
        return page("api.html", request, endpoints=endpoints, version=__version__)

    return app
