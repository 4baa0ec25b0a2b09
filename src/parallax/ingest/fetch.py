"""Fetching http(s) URLs politely: a timeout, a size cap, a named user agent and a pause per host."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from parallax.errors import Msg

USER_AGENT = "Parallax/0.1 (+offline news analysis)"
TIMEOUT_SECONDS = 20.0
MAX_RESPONSE_BYTES = 20 * 1024 * 1024
# Seconds between two requests to the same host.
PER_HOST_INTERVAL = 1.0

_last_request: dict[str, float] = {}


class FetchError(Exception):
    """The URL could not be fetched; the message is the user-facing reason."""


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # lower-case media type without parameters, e.g. "text/html"


def is_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in text.strip()


def fetch(
    url: str,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_RESPONSE_BYTES,
    interval: float = PER_HOST_INTERVAL,
) -> Fetched:
    if not is_url(url):
        raise FetchError(Msg.FETCH_FAILED.format(detail="only http and https URLs are fetched"))
    _wait_for_host(urlsplit(url).netloc, interval)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _opener().open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(Msg.FETCH_TOO_LARGE.format(limit=max_bytes))
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(Msg.FETCH_TOO_LARGE.format(limit=max_bytes))
            content_type = (response.headers.get_content_type() or "").lower()
            return Fetched(response.geturl(), data, content_type)
    except urllib.error.HTTPError as exc:
        raise FetchError(Msg.FETCH_FAILED.format(detail=f"HTTP {exc.code} {exc.reason}")) from exc
    except urllib.error.URLError as exc:
        raise FetchError(Msg.FETCH_FAILED.format(detail=str(exc.reason))) from exc
    except (TimeoutError, OSError, ValueError) as exc:
        raise FetchError(Msg.FETCH_FAILED.format(detail=str(exc) or type(exc).__name__)) from exc


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: a page must not send the fetcher to ftp:// or a local file."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.URLError(f"redirect to a non-http URL refused: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_HttpOnlyRedirects)


def _wait_for_host(host: str, interval: float) -> None:
    last = _last_request.get(host)
    if last is not None and interval > 0:
        pause = interval - (time.monotonic() - last)
        if pause > 0:
            time.sleep(pause)
    _last_request[host] = time.monotonic()
