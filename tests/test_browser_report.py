"""The HTML report opened from disk (file://) in headless Chromium: a citation click shows its sentence.

Debian's `chromium` through Playwright, as in test_browser.py; no server, no network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.models,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: run `make browser` (Debian's chromium)"
    ),
]


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.outside = []  # any request leaving the report's folder
        page.on(
            "request", lambda req: None if req.url.startswith("file://") else page.outside.append(req.url)
        )
        yield page
        browser.close()


def test_a_citation_click_shows_its_sentence_highlighted(page: Any, analyzed_sample: Any) -> None:
    _, out = analyzed_sample
    report = json.loads((out / "report.json").read_text("utf-8"))
    story = max(report["stories"], key=lambda s: len(s["claims"]))
    claim = next(c for c in story["claims"] if len(c["evidence"]) > 1)
    ev = claim["evidence"][-1]

    page.goto((out / "report.html").as_uri())
    page.click(f"text={story['title']}")
    page.wait_for_url(re.compile(r"/stories/.+\.html$"))
    link = page.locator(f"#claim-{claim['id']} a.cite").nth(len(claim["evidence"]) - 1)
    outlet = next(a["source"] for a in report["articles"] if a["id"] == ev["article_id"])
    assert link.inner_text().startswith(outlet)
    link.click()

    target = page.locator(":target")
    assert target.count() == 1
    assert ev["text"] in target.inner_text()
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the cited sentence is highlighted"
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "and scrolled into view"
    assert target.evaluate("el => el.closest('section.article') !== null"), "inside its article's text"
    page.screenshot(path=str(SCREENSHOTS / "report-citation.png"))

    page.go_back()
    page.click("text=← All stories")
    page.wait_for_url(re.compile(r"/report\.html$"))
    assert not page.outside, page.outside


def test_report_pages_do_not_scroll_sideways_at_phone_width(page: Any, analyzed_sample: Any) -> None:
    _, out = analyzed_sample
    page.set_viewport_size({"width": 400, "height": 800})
    try:
        for path in [out / "report.html", *sorted((out / "stories").glob("*.html"))]:
            page.goto(path.as_uri())
            width = page.evaluate("document.scrollingElement.scrollWidth")
            assert width <= 400, f"{path.name} is {width} px wide"
        page.screenshot(path=str(SCREENSHOTS / "report-story-phone.png"), full_page=False)
    finally:
        page.set_viewport_size({"width": 1280, "height": 800})
