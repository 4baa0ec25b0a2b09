"""Ingest on small inputs built in each test: header lifting, decoding, every input kind, hostile
input, duplicates, idempotency and interrupt safety. No model is loaded (py3langid only)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from parallax.ingest import IngestWarning, Limits, Skipped, ingest, read_inputs
from parallax.ingest.decode import NotText, decode_bytes
from parallax.ingest.evaluate import seed_labels
from parallax.ingest.metadata import clean_author, content_id, iso_date, outlet_from_feed_title, parse_date
from parallax.ingest.textheader import parse_header
from parallax.model import Article, Story
from parallax.store import Store

PARA = (
    "The harbour authority of Lindqvist Bay said on Monday that the old grain pier would close for repairs "
    "after divers found that two of its wooden piles had rotted through. Fishing boats will moor at the "
    "ferry quay until the work is finished, which the authority expects to take about six weeks."
)
PARA2 = (
    "Boat owners were told at a meeting on Sunday evening that the ferry quay has room for forty vessels, "
    "fewer than half of the fleet, and that the rest would be sent to the marina at Kettle Point, twelve "
    "kilometres along the coast, where mooring fees are higher and the water is shallower at low tide."
)


def read(
    *paths: Path | str, limits: Limits | None = None
) -> tuple[list[Article], list[Skipped], list[IngestWarning]]:
    items = list(read_inputs([str(p) for p in paths], limits))
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, Skipped)],
        [i for i in items if isinstance(i, IngestWarning)],
    )


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# -- plain-text headers ---------------------------------------------------------------------


def test_outlet_headline_dateline_and_boilerplate_are_lifted_and_the_body_keeps_its_first_paragraph() -> None:
    text = (
        "BayWatchNews\n\nGrain pier to close for repairs\n\nMonday, March 3, 2025 by Ana Kestrel\n\n"
        f"Grain pier to close for repairs\nDescription not available\n\n{PARA}\n"
    )
    header = parse_header(text)
    assert header.fields == {
        "source": "BayWatchNews",
        "title": "Grain pier to close for repairs",
        "published": "2025-03-03",
        "author": "Ana Kestrel",
    }
    assert text[header.body_start :].strip().startswith("The harbour authority")
    assert "outlet" in header.reasons["source"] and "dateline" in header.reasons["published"]
    assert any("boilerplate" in why for why in header.reasons.values())


@pytest.mark.parametrize(
    ("first_lines", "expected"),
    [
        ("March 3, 2025 — Bayside Reporters\n", {"published": "2025-03-03", "source": "Bayside Reporters"}),
        (
            "Pier closes\nBay Post · 03.03.2025 · Ana Kestrel\n",
            {
                "title": "Pier closes",
                "source": "Bay Post",
                "published": "2025-03-03",
                "author": "Ana Kestrel",
            },
        ),
        (
            "Title: Pier closes\nSource: Bay Post\nDate: 04/03/2025\n",
            {"title": "Pier closes", "source": "Bay Post", "published": "2025-03-04"},
        ),
        (
            "BAY POST\nPier closes for six weeks\nPublished 3 March 2025, 07:40 | By Ana Kestrel, Coast Press Agency\n",
            {
                "source": "Bay Post",
                "title": "Pier closes for six weeks",
                "published": "2025-03-03T07:40:00",
                "author": "Ana Kestrel",
            },
        ),
        (
            "Pier closes for six weeks\nBy Ana Kestrel\n",
            {"title": "Pier closes for six weeks", "author": "Ana Kestrel"},
        ),
    ],
)
def test_header_forms(first_lines: str, expected: dict[str, str]) -> None:
    header = parse_header(first_lines + "\n" + PARA)
    assert header.fields == expected
    assert (first_lines + "\n" + PARA)[header.body_start :].strip() == PARA


@pytest.mark.parametrize(
    "text",
    [
        PARA + "\n" + PARA2,  # no header at all
        "VELDT — " + PARA,  # a place dateline opens the body: not metadata
        "On 3 March 2025 the harbour authority met for the last time before the vote on the pier.\n" + PARA,
        "It was supposed to take a week.\n" + PARA,
        "By Tuesday the pier had sunk.\n" + PARA,
    ],
)
def test_body_lines_are_never_lifted(text: str) -> None:
    header = parse_header(text)
    assert header.fields == {} and header.body_start == 0


def test_a_shouted_headline_may_end_with_a_full_stop_and_a_signoff_names_the_outlet(tmp_path: Path) -> None:
    write(tmp_path, "blog.txt", f"THEY CLOSED OUR PIER.\n\n{PARA}\n\nSolidarity.\nThe Pier Nine collective\n")
    (article,), _, _ = read(tmp_path / "blog.txt")
    assert article.title == "THEY CLOSED OUR PIER."
    assert article.source == "The Pier Nine"
    assert article.published is None and article.author is None  # unknown stays unknown
    assert article.text.startswith("The harbour authority")
    assert "sign-off" in article.extra["_ingest"]["lifted"]["source"]


# -- metadata helpers -----------------------------------------------------------------------


def test_dates_are_iso_and_never_guessed() -> None:
    assert iso_date("Wednesday, January 21, 2026") == "2026-01-21"
    assert iso_date("13.03.2026") == "2026-03-13"
    assert iso_date("11/03/2026") == "2026-03-11"  # day first where both readings are possible
    assert iso_date("03/25/2026") == "2026-03-25"  # month first where only that reading is possible
    assert iso_date("5 de febrero de 2025") == "2025-02-05"
    assert iso_date("on Tuesday") is None and iso_date("March 2026") is None
    assert parse_date("Fri, 13 Mar 2026 08:30:00 +0100") == "2026-03-13T08:30:00+01:00"
    assert parse_date("2026-03-12T21:05:00Z") == "2026-03-12T21:05:00+00:00"
    assert parse_date("sometime soon") is None


def test_names_are_normalised() -> None:
    assert clean_author("By Tomas Reinholt, Continental Press Agency") == "Tomas Reinholt"
    assert clean_author("sport@example.org (Karel Duda)") == "Karel Duda"
    assert outlet_from_feed_title("Estravia Today — Latest") == "Estravia Today"
    assert outlet_from_feed_title("World news | The Bay Post") == "The Bay Post"
    assert content_id("a  b\nc") == content_id("a b c") and len(content_id("x")) == 16


# -- decoding ------------------------------------------------------------------------------


def test_decoding_cascade() -> None:
    cp1252 = "\u201cWe lost everything,\u201d said Ren\u00e9 \u2013 a caf\u00e9 owner.".encode("cp1252")
    decoded = decode_bytes(cp1252)
    assert decoded.encoding == "cp1252" and decoded.warning is None
    assert decoded.text == "\u201cWe lost everything,\u201d said Ren\u00e9 \u2013 a caf\u00e9 owner."
    assert decode_bytes("caf\u00e9\r\nline".encode("utf-16")).text == "caf\u00e9\nline"
    assert decode_bytes(b"\xef\xbb\xbfplain").text == "plain"
    lossy = decode_bytes(("word " * 200).encode() + b"\x81\x8d")  # bytes cp1252 cannot decode either
    assert lossy.warning and "2" in lossy.warning
    with pytest.raises(NotText):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(NotText):
        decode_bytes(b"text\x00with\x00nuls")


def test_windows_1252_file_is_read_not_skipped(tmp_path: Path) -> None:
    write(
        tmp_path,
        "w.txt",
        ("Bay Gazette\nPier closes \u2013 for now\n\n\u201cIt is rotten,\u201d a diver said. " + PARA).encode(
            "cp1252"
        ),
    )
    (article,), skipped, warnings = read(tmp_path / "w.txt")
    assert not skipped and not warnings
    assert article.source == "Bay Gazette" and article.title == "Pier closes \u2013 for now"
    assert (
        article.text.startswith("\u201cIt is rotten,\u201d")
        and article.extra["_ingest"]["encoding"] == "cp1252"
    )


# -- bad input never stops the run ---------------------------------------------------------


def test_hostile_and_broken_files_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    write(tmp_path, "ok.txt", PARA)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.txt", b"  \n\n ")
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: no disk used
        handle.truncate(25 * 1024 * 1024)
    articles, skipped, _ = read(tmp_path)
    assert [Path(a.path or "").name for a in articles] == ["ok.txt"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["empty.txt"].startswith("empty") and reasons["blank.txt"].startswith("empty")
    assert reasons["image.txt"].startswith("binary")
    assert "too large" in reasons["huge.txt"]
    _, skipped, _ = read(tmp_path / "missing.txt")
    assert skipped[0].reason == "no such file or folder"


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", PARA)
    articles, skipped, _ = read(tmp_path / "a.txt", limits=Limits(max_file_bytes=100))
    assert not articles and "too large" in skipped[0].reason


def test_jsonl_bad_lines_are_reported_with_their_number_and_unknown_fields_kept(tmp_path: Path) -> None:
    good = {
        "id": "bay-1",
        "source": "Bay Post",
        "title": "Pier closes",
        "author": ["Ana Kestrel", "Ole Dahl"],
        "published": "2025-03-03T10:00:00+01:00",
        "url": "https://bay.example/1",
        "language": "en-GB",
        "text": PARA,
        "section": "Harbour",
    }
    lines = [
        json.dumps(good),
        '{"id": "bay-2", "text": "cut off',
        "",
        "[1, 2]",
        json.dumps({"id": "bay-3", "title": "no text"}),
        json.dumps({"source": {"name": "Coast Radio"}, "text": f"<p>{PARA2}</p><script>x()</script>"}),
    ]
    write(tmp_path, "export.jsonl", "\n".join(lines) + "\n")
    articles, skipped, _ = read(tmp_path / "export.jsonl")
    first, second = articles
    assert (first.id, first.path, first.author, first.language) == (
        "bay-1",
        f"{tmp_path}/export.jsonl:1",
        "Ana Kestrel, Ole Dahl",
        "en",
    )
    assert first.published == "2025-03-03T10:00:00+01:00" and first.extra == {"section": "Harbour"}
    assert second.id == content_id("Coast Radio", None, PARA2) and second.source == "Coast Radio"
    assert second.text == PARA2 and second.path == f"{tmp_path}/export.jsonl:6"
    assert [(s.line, s.reason.split(":")[0]) for s in skipped] == [
        (2, "malformed JSON at line 2"),
        (4, "line 4 is not a JSON object"),
        (5, "no article text found"),
    ]


def test_jsonl_line_cap(tmp_path: Path) -> None:
    write(
        tmp_path,
        "big.jsonl",
        json.dumps({"text": "x " * 2000}) + "\n" + json.dumps({"id": "ok", "text": PARA}) + "\n",
    )
    articles, skipped, _ = read(tmp_path / "big.jsonl", limits=Limits(max_line_bytes=1000))
    assert [a.id for a in articles] == ["ok"] and skipped[0].line == 1 and "longer than" in skipped[0].reason


def test_json_files_in_a_folder_that_hold_no_articles_are_not_inputs(tmp_path: Path) -> None:
    write(tmp_path, "labels.json", json.dumps({"articles": {"a": {"title": "x"}}}))
    write(tmp_path, "list.json", json.dumps([{"id": "j1", "text": PARA}, {"id": "j2", "text": PARA2}]))
    write(tmp_path, "notes.md", "# notes")
    articles, skipped, _ = read(tmp_path)
    assert [a.id for a in articles] == ["j1", "j2"] and not skipped
    _, skipped, _ = read(tmp_path / "labels.json")  # named explicitly, it is reported
    assert "no article objects" in skipped[0].reason


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Bay Post — Latest</title><language>en</language>
<item><guid isPermaLink="false">bp-1</guid><title>Pier closes</title><link>https://bay.example/1</link>
<pubDate>Mon, 03 Mar 2025 09:00:00 +0100</pubDate><dc:creator>Ana Kestrel</dc:creator>
<content:encoded><![CDATA[<p>{p1}</p><script>alert(1)</script><p>{p2}</p>]]></content:encoded></item>
<item><guid isPermaLink="false">bp-2</guid><title>Boats move</title>
<description><![CDATA[<p>{p2} And more.</p>"""


def test_feed_entries_become_articles_and_a_truncated_feed_keeps_only_complete_entries(
    tmp_path: Path,
) -> None:
    complete = FEED.format(p1=PARA, p2=PARA2) + "]]></description></item></channel></rss>"
    write(tmp_path, "feed.xml", complete)
    articles, skipped, _ = read(tmp_path / "feed.xml")
    assert not skipped and [a.id for a in articles] == ["bp-1", "bp-2"]
    first = articles[0]
    assert (first.source, first.title, first.author, first.published) == (
        "Bay Post",
        "Pier closes",
        "Ana Kestrel",
        "2025-03-03T09:00:00+01:00",
    )
    assert first.text == f"{PARA}\n\n{PARA2}" and first.path == f"{tmp_path}/feed.xml#bp-1"
    write(tmp_path, "cut.txt", FEED.format(p1=PARA, p2=PARA2))  # truncated, and named .txt: sniffed as a feed
    articles, skipped, _ = read(tmp_path / "cut.txt")
    assert [a.id for a in articles] == ["bp-1"]
    assert skipped[0].line and "broken feed" in skipped[0].reason


def test_feeds_with_entity_tricks_are_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    feed = f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>X</title><item><title>&b;</title><description>&x; {PARA}</description></item></channel></rss>'
    write(tmp_path, "trick.xml", feed)
    articles, skipped, _ = read(tmp_path / "trick.xml")
    assert not articles and "broken feed" in skipped[0].reason


HOSTILE = """<!DOCTYPE html><html lang="en"><head><title>Pier closes | Bay Post</title>
<meta property="og:site_name" content="Bay Post"><meta name="author" content="Ana Kestrel">
<meta property="article:published_time" content="2025-03-03T09:00:00+01:00"><script>alert(1)</script></head>
<body onload="alert(2)"><nav><a href="/">Home</a> | <a href="/sport">Sport</a></nav><article><h1>Pier closes</h1>
<p>{p1}<script>document.write('<img src=x>')</script></p><p><img src=x onerror="alert(3)">{p2}</p>
<p>Divers said the sign on the pier read &lt;script&gt; in red paint, which nobody could explain. <a href="javascript:alert(4)">More</a></p><iframe src="https://evil.example" hidden></iframe>
</article><footer>© Bay Post</footer></body></html>"""


def test_hostile_html_keeps_only_text(tmp_path: Path) -> None:
    write(tmp_path, "page.html", HOSTILE.format(p1=PARA, p2=PARA2))
    (article,), skipped, warnings = read(tmp_path / "page.html")
    assert not skipped and "2 event handler(s)" in warnings[0].message
    assert (article.source, article.title, article.author) == ("Bay Post", "Pier closes", "Ana Kestrel")
    assert article.published == "2025-03-03T09:00:00+01:00" and article.language == "en"
    assert PARA in article.text and PARA2 in article.text
    for marker in ("alert(", "<img", "onerror", "javascript:", "document.write", "<iframe", "Home | Sport"):
        assert marker not in article.text
    assert "read <script> in red paint" in article.text  # escaped text stays text; the report escapes it


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="iso-8859-15"><title>Caf\u00e9 closes</title></head><body><article><p>{PARA} \u20ac5.</p></article></body></html>'
    write(tmp_path, "latin.html", page.encode("iso-8859-15"))
    (article,), skipped, _ = read(tmp_path / "latin.html")
    assert not skipped and article.text.endswith("\u20ac5.")  # the euro sign is 0xA4 in ISO-8859-15


def test_html_without_text_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "blank.html", "<html><body><script>alert(1)</script></body></html>")
    articles, skipped, _ = read(tmp_path / "blank.html")
    assert not articles and skipped[0].reason.startswith("no main text")


# -- URLs, against a server on this machine -------------------------------------------------


def test_urls_are_fetched_with_a_user_agent_and_a_size_cap(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    agents: list[str] = []
    pages = {
        "/page": ("text/html", HOSTILE.format(p1=PARA, p2=PARA2)),
        "/feed": (
            "application/rss+xml",
            FEED.format(p1=PARA, p2=PARA2) + "]]></description></item></channel></rss>",
        ),
        "/big": ("text/plain", "x" * 5000),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            agents.append(self.headers.get("User-Agent", ""))
            if self.path == "/jump":  # a redirect off the web must not be followed
                self.send_response(302)
                self.send_header("Location", "ftp://127.0.0.1/secret")
                self.end_headers()
                return
            if self.path not in pages:
                self.send_error(404)
                return
            kind, body = pages[self.path]
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        write(tmp_path, "list.urls", f"{base}/feed\n{base}/missing\n")
        limits = Limits(fetch_max_bytes=4000, fetch_interval=0, fetch_timeout=5)
        articles, skipped, _ = read(
            f"{base}/page", tmp_path / "list.urls", f"{base}/big", f"{base}/jump", limits=limits
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert [a.path for a in articles] == [f"{base}/page", f"{base}/feed#bp-1", f"{base}/feed#bp-2"]
    assert articles[0].url == f"{base}/page" and articles[0].title == "Pier closes"
    assert {s.path: s.reason for s in skipped} == {
        f"{base}/missing": "cannot fetch URL (HTTP 404 Not Found)",
        f"{base}/big": "response larger than 4000 bytes",
        f"{base}/jump": "cannot fetch URL (redirect to a non-http URL refused: ftp://127.0.0.1/secret)",
    }
    assert set(agents) == {"Parallax/0.1 (+offline news analysis)"}


# -- storing: duplicates, idempotency, interrupts ------------------------------------------


def _copy_of(text: str) -> str:
    """A syndicated copy: a new intro, a small edit, the last clause cut."""
    body = text.replace("about six weeks", "roughly six weeks").split(", where mooring fees")[0] + "."
    return "Here is the agency's report.\n\n" + body


def test_copies_are_linked_to_the_earlier_published_original_across_runs(tmp_path: Path) -> None:
    original = f"{PARA}\n\n{PARA2}"
    write(
        tmp_path / "a", "copy.txt", f"Pier closes\nMarch 5, 2025 — Bay Evening Post\n\n{_copy_of(original)}"
    )
    write(tmp_path / "b", "wire.txt", f"Pier to close\nMarch 3, 2025 — Coast Press Agency\n\n{original}")
    other = (
        "A different story: the town's lifeboat crew rescued two kayakers off Kettle Point on Sunday. " * 4
    )
    write(tmp_path / "b", "other.txt", other + PARA2)  # shares one paragraph only: not a copy
    with Store(":memory:") as store:
        first = ingest([tmp_path / "a"], store, show_progress=False)
        assert first.duplicates == {}
        store.save_story(Story(id="s1", article_ids=first.added), stale=False)  # already analysed
        second = ingest([tmp_path / "b"], store, show_progress=False)  # the original arrives later
        by_name = {Path(a.path or "").name: a for a in store.iter_articles(annotations=False)}
        assert by_name["copy.txt"].duplicate_of == by_name["wire.txt"].id
        assert by_name["wire.txt"].duplicate_of is None and by_name["other.txt"].duplicate_of is None
        assert second.duplicates == {by_name["copy.txt"].id: by_name["wire.txt"].id}
        assert store.story_ids(stale_only=True) == ["s1"]  # its sources must be counted again


def test_exact_copies_under_another_id_are_linked(tmp_path: Path) -> None:
    write(
        tmp_path,
        "x.jsonl",
        "\n".join(json.dumps({"id": i, "text": PARA, "source": s}) for i, s in (("a1", "A"), ("b1", "B"))),
    )
    with Store(":memory:") as store:
        result = ingest([tmp_path], store, show_progress=False)
        assert result.duplicates == {"b1": "a1"} and store.count_articles() == 2


def test_ingest_is_idempotent_and_skips_are_recorded_once(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", PARA)
    write(tmp_path, "b.jsonl", json.dumps({"id": "b", "text": PARA2}) + "\n{broken\n")
    with Store(tmp_path / "s.db") as store:
        one = ingest([tmp_path], store, show_progress=False)
        two = ingest([tmp_path], store, show_progress=False)
        assert (len(one.added), len(two.added), len(two.existing)) == (2, 0, 2)
        assert store.count_articles() == 2 and len(store.skipped()) == 1 and not one.ok


class _FailingStore(Store):
    """A real store whose third signature write fails, as a crash or Ctrl-C mid-ingest would."""

    calls = 0

    def save_minhash(self, article_id: str, signature: bytes) -> None:
        _FailingStore.calls += 1
        if _FailingStore.calls == 3:
            raise KeyboardInterrupt
        super().save_minhash(article_id, signature)


def test_an_interrupt_keeps_what_was_committed_and_no_half_article(tmp_path: Path) -> None:
    for i in range(5):
        write(tmp_path / "in", f"{i}.txt", f"Item {i}: " + (PARA if i % 2 else PARA2) + f" Number {i}.")
    db = tmp_path / "s.db"
    with _FailingStore(db) as store, pytest.raises(KeyboardInterrupt):
        ingest([tmp_path / "in"], store, show_progress=False)
    with Store(db) as store:
        stored = store.article_ids()
        assert len(stored) == 2
        assert {a for a, _sig in store.iter_minhashes()} == set(stored)  # article and signature together
        assert ingest([tmp_path / "in"], store, show_progress=False).added.__len__() == 3  # resumes


# -- the real seed articles ----------------------------------------------------------------


def test_seed_headers_are_lifted_as_labelled(seeds_dir: Path) -> None:
    labels = seed_labels(seeds_dir, Path(__file__).parents[1] / "corpus/labelled/seeds-metadata.json")
    articles, skipped, warnings = read(seeds_dir)
    assert not skipped and not warnings
    by_name = {Path(a.path or "").name: a for a in articles}
    for name, want in labels.items():
        got = by_name[name]
        assert (got.source, got.title, got.author, got.language) == (
            want["source"],
            want["title"],
            want["author"],
            want["language"],
        )
        assert (got.published or None) == want["published"]
        raw = (seeds_dir / name).read_text("utf-8")
        assert raw.count("\n", 0, raw.find(got.text[:60])) + 1 == want["body_first_line"], name
        assert got.text in raw  # the body is the file's own text, untouched


def test_an_unexpected_reader_error_skips_only_that_input() -> None:
    from parallax.ingest.readers import _guarded

    def reader() -> Iterator[Article | Skipped | IngestWarning]:
        yield Article(id="a", text=PARA)
        raise RecursionError("maximum recursion depth exceeded")

    first, second = _guarded("deep.html", reader())
    assert isinstance(first, Article) and isinstance(second, Skipped)
    assert second.path == "deep.html" and "RecursionError" in second.reason
