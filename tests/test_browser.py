"""End-to-end: the web app served by uvicorn on 127.0.0.1, driven in headless Chromium through Playwright.

Debian's `chromium` is used (Playwright cannot download its own browser here); `make test` installs it
via the Makefile's `browser` target. Screenshots of every page land in test-output/screenshots/.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from web_sample import GAZETTE, HOSTILE_SCRIPT, WIRE, build_rich_store

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: run `make browser` (Debian's chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn in a background thread, stopped cleanly at the end."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.app = app
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, name="parallax-test-server", daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.app.state.jobs.wait(60)  # an ingest job still running removes its upload folder first
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    page.dialogs = []  # every alert()/confirm() a page tries to open
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.outside = []  # any request to another host: the app must work with no network
    page.on(
        "request",
        lambda req: None if req.url.startswith("http://127.0.0.1") else page.outside.append(req.url),
    )
    yield page
    context.close()


@pytest.fixture(scope="module")
def rich_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from parallax.web import create_app

    db = tmp_path_factory.mktemp("browser-rich") / "rich.db"
    build_rich_store(db).close()
    with LiveServer(create_app(db, token="")) as server:
        yield server


@pytest.fixture(scope="module")
def sample_server(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from parallax import api
    from parallax.web import create_app

    db = tmp_path_factory.mktemp("browser-sample") / "sample.db"
    with api.open_store(db) as store:
        api.ingest([sample_dir], store)
        api.update(store)
    with LiveServer(create_app(db, token="")) as server:
        yield server


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_citation_opens_the_highlighted_source_sentence(page: Any, rich_server: LiveServer) -> None:
    page.goto(rich_server.url + "/")
    shot(page, "rich-stories")
    page.click("a.story-link >> text=Lower Quay evacuated")
    page.wait_for_selector("#summary")
    shot(page, "rich-story")
    citation = page.locator("#summary a.cite").first
    expected = citation.get_attribute("title").split(": ", 1)[1]
    citation.click()
    page.wait_for_url("**/articles/**")
    mark = page.locator("mark#hl")
    assert mark.is_visible()
    assert mark.inner_text() == expected
    assert "hl=" in page.url
    shot(page, "rich-article-highlighted")
    assert page.dialogs == [] and page.outside == []


def test_fragment_link_is_turned_into_a_highlight(page: Any, rich_server: LiveServer) -> None:
    phrase = "We will rebuild every house"
    start = GAZETTE.text.index(phrase)
    page.goto(f"{rich_server.url}/articles/{GAZETTE.id}#{start}-{start + len(phrase)}")
    page.wait_for_selector("mark#hl")
    assert page.locator("mark#hl").inner_text() == phrase


def test_script_inside_an_article_is_text_and_never_runs(page: Any, rich_server: LiveServer) -> None:
    page.goto(f"{rich_server.url}/articles/{WIRE.id.replace('/', '%2F')}")
    page.wait_for_selector("#article-text")
    assert HOSTILE_SCRIPT in page.locator("#article-text").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.locator("#article-text script, #article-text img").count() == 0
    page.locator("#layer-toggles input[data-layer=claim]").uncheck()  # the app's own script does run
    assert "hide-claim" in (page.locator("#article-text").get_attribute("class") or "")
    shot(page, "rich-article-hostile")
    assert page.dialogs == []


def test_add_articles_shows_progress_until_done(page: Any, rich_server: LiveServer, tmp_path: Path) -> None:
    upload = tmp_path / "ferry.txt"
    upload.write_text(
        "Sarn ferry back in service\n\nThe Sarn ferry resumed on Tuesday, harbour master Odo Prell said.",
        "utf-8",
    )
    page.goto(rich_server.url + "/add")
    shot(page, "add-form")
    page.set_input_files("input[name=files]", str(upload))
    page.click("form.add button[type=submit]")
    page.wait_for_selector("#job")
    finished = "#job[data-status=done], #job[data-status=failed]"
    page.wait_for_selector(finished, timeout=120_000)  # (the page's CSP forbids wait_for_function's eval)
    assert page.locator("#job").get_attribute("data-status") == "done", page.locator(
        "#job-result"
    ).inner_text()
    assert "Added 1 article," in page.locator("#job-result").inner_text()
    shot(page, "add-done")
    page.goto(rich_server.url + "/?q=prell")
    assert page.locator("#search-results li").count() == 1
    shot(page, "search-results")


def test_sample_corpus_story_page_in_the_browser(page: Any, sample_server: LiveServer) -> None:
    page.goto(sample_server.url + "/")
    shot(page, "sample-stories")
    page.locator("a.story-link").first.click()  # the story with the most articles
    page.wait_for_selector("#summary")
    for section in (
        "summary",
        "contradictions",
        "claims",
        "entities",
        "quotes",
        "timeline",
        "framing",
        "coverage",
    ):
        assert page.locator(f"section#{section}").is_visible()
    shot(page, "sample-story")
    citations = page.locator("#summary a.cite")
    if citations.count() == 0:  # the summary stage may not fill its section yet: any cited item will do
        citations = page.locator("a.cite")
    if citations.count() == 0:
        pytest.skip("no section of the sample story carries evidence yet")
    expected = citations.first.get_attribute("title").split(": ", 1)[1]
    citations.first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("mark#hl").inner_text() == expected
    shot(page, "sample-article-highlighted")
    assert page.dialogs == [] and page.outside == []


def test_sample_hostile_page_never_runs_its_scripts(page: Any, sample_server: LiveServer) -> None:
    import json
    import urllib.request

    with urllib.request.urlopen(sample_server.url + "/api/report") as response:
        report = json.load(response)
    hostile = [a for a in report["articles"] if (a["path"] or "").endswith("hostile.html")]
    assert hostile, "broken/hostile.html should be ingested (its visible text is a valid article)"
    page.goto(f"{sample_server.url}/articles/{hostile[0]['id']}")
    page.wait_for_selector("#article-text")
    assert (
        page.dialogs == []
        and page.locator("#article-text script, #article-text iframe, #article-text img").count() == 0
    )
    shot(page, "sample-article-hostile")


@contextmanager
def editable_app(
    browser: Any, tmp_path: Path, answers: list[bool]
) -> Iterator[tuple[LiveServer, Any, list[str]]]:
    """A server on a store of its own (the test changes it) and a page whose confirm dialogs get
    `answers` in order (True: OK); yields the server, the page and the messages asked."""
    from parallax.web import create_app

    db = tmp_path / "edit.db"
    build_rich_store(db).close()
    asked: list[str] = []
    with LiveServer(create_app(db, token="")) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("dialog", lambda d: (asked.append(d.message), d.accept() if answers.pop(0) else d.dismiss()))
        yield server, page, asked
        context.close()


def test_removing_an_article_asks_first_then_takes_it_out(browser: Any, tmp_path: Path) -> None:
    with editable_app(browser, tmp_path, [False, True]) as (server, page, asked):
        article_url = f"{server.url}/articles/{GAZETTE.id}"
        page.goto(article_url)
        page.click("form.remove button")  # "Cancel": nothing changes
        assert page.url == article_url and len(asked) == 1 and "Remove this article" in asked[0]
        page.click("form.remove button")  # "OK"
        page.wait_for_url(lambda url: url != article_url)
        shot(page, "article-removed")
        assert page.goto(article_url).status == 404


PHONE = {"width": 400, "height": 800}


def fits_the_screen(page: Any) -> None:
    """Nothing on the page is wider than the screen: it never scrolls sideways."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a {PHONE['width']} px screen"


def test_every_page_fits_a_phone_screen(
    browser: Any, rich_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from parallax.web.jobs import IngestJob

    outlets = tmp_path / "outlets.json"
    outlets.write_text(
        json.dumps({"Harbour Gazette": {"leaning": "left"}, "Quiet Times": {"leaning": "right"}})
    )
    monkeypatch.setenv("PARALLAX_OUTLETS", str(outlets))  # the server runs in this process
    job = IngestJob(
        id="phone-job",
        inputs=[],
        step="done",
        status="done",
        added=[GAZETTE.id],
        stories_changed=["s-quay"],
        skipped=[
            {"path": "a-rather-long-file-name-from-a-phone-" * 3 + ".txt", "line": 3, "reason": "empty file"}
        ],
    )
    rich_server.app.state.jobs._jobs[job.id] = job
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    pages = {
        "stories": "/",
        "story": "/stories/s-quay",
        "story-one-article": "/stories/s-empty",
        "article": f"/articles/{WIRE.id.replace('/', '%2F')}",
        "article-highlighted": f"/articles/{GAZETTE.id}?hl=46-126#hl",
        "add": "/add",
        "job": "/add?job=phone-job",
        "search": "/?q=families",
        "api": "/api",
        "missing": "/stories/missing",
    }
    for name, path in pages.items():
        page.goto(rich_server.url + path)
        page.wait_for_selector("main")
        fits_the_screen(page)
        shot(page, f"phone-{name}")
    page.goto(rich_server.url + "/stories/s-quay")
    assert page.locator("#blindspot").inner_text() == "Blindspot: no article from outlets you marked right."
    first, second = (
        page.locator("a.headline").nth(0).bounding_box(),
        page.locator("a.headline").nth(1).bounding_box(),
    )
    assert second["y"] > first["y"]  # on a phone the headlines stack; on a wide screen they sit side by side
    page.set_viewport_size({"width": 1280, "height": 900})
    first, second = (
        page.locator("a.headline").nth(0).bounding_box(),
        page.locator("a.headline").nth(1).bounding_box(),
    )
    assert second["y"] == first["y"] and second["x"] > first["x"]
    page.goto(rich_server.url + "/add?job=phone-job")
    assert page.locator("#changed-stories a").get_attribute("href") == "/stories/s-quay"
    page.locator("#header-help summary").click()
    assert page.locator("#header-example-keys").is_visible()
    context.close()


def test_sample_story_fits_a_phone_screen(browser: Any, sample_server: LiveServer) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sample_server.url + "/")
    fits_the_screen(page)
    href = page.locator("a.story-link").first.get_attribute("href")
    page.goto(sample_server.url + href)  # the biggest story: claim matrix, framing tables, charts
    page.wait_for_selector("#summary")
    fits_the_screen(page)
    shot(page, "phone-sample-story")
    page.locator("#articles a").first.click()
    page.wait_for_url("**/articles/**")
    fits_the_screen(page)
    context.close()


def test_merging_and_splitting_stories_asks_first_and_is_kept(browser: Any, tmp_path: Path) -> None:
    import json
    import urllib.request

    answers = [False, True, True, True]
    with editable_app(browser, tmp_path, answers) as (server, page, asked):
        page.goto(server.url + "/")
        page.check("input[form=merge-stories][value=s-quay]")
        page.check("input[form=merge-stories][value=s-empty]")
        page.click("#merge-stories button[type=submit]")  # "Cancel": nothing changes
        assert page.url == server.url + "/" and "Merge the checked stories" in asked[0]
        page.click("#merge-stories button[type=submit]")  # "OK"
        page.wait_for_url("**/stories/*?edited=merged", timeout=120_000)
        assert "Stories merged into this one" in page.locator("#edit-notice").inner_text()
        assert page.locator("#articles tbody tr").count() == 3
        shot(page, "story-merged")

        page.check("input[form=split-form][value=lone-1]")
        page.click("#split-form button[type=submit]")
        page.wait_for_url("**/stories/*?edited=split*", timeout=120_000)
        assert "Move the checked articles" in asked[2]
        assert page.locator("#articles tbody tr").count() == 1
        page.click("#edit-notice a")  # to the story the others stayed in
        page.wait_for_selector("#articles")
        rest_url = page.url
        assert page.locator("#articles tbody tr").count() == 2
        shot(page, "story-split")

        with page.expect_navigation(timeout=120_000):
            page.locator("#articles form.remove button").nth(1).click()  # remove one article from the table
        assert page.url == rest_url and "Remove this article" in asked[3]
        assert page.locator("#articles tbody tr").count() == 1
        with urllib.request.urlopen(server.url + "/api/story-edits") as response:
            assert [e["kind"] for e in json.load(response)] == ["merge", "split"]
        with urllib.request.urlopen(server.url + "/api/stories") as response:
            assert sorted(r["articles"] for r in json.load(response)) == [1, 1]
        assert answers == []  # every change asked first
