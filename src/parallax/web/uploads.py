"""Checking what a user sends before anything is ingested: uploads and URL lists.

A file is saved under a name Parallax makes (an index and the sanitised base name) in a fresh
temporary folder, never at a path the user chose; its type is checked by suffix and content,
and its size is capped while it is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from parallax.errors import Msg, ParallaxError

ALLOWED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # per file, as the ingest readers' own limit
MAX_INPUTS = 200  # files plus URLs in one request
CHUNK = 64 * 1024


def safe_basename(name: str) -> str:
    """`report_march.txt` from any client-supplied name: no folders, no dots in front, no odd bytes."""
    base = re.split(r"[\\/]", name or "")[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._-")[-80:] or "upload"


def safe_filename(name: str, index: int) -> str:
    """`007-report_march.txt`: the safe base name, numbered so two uploads never share a name."""
    return f"{index:03d}-{safe_basename(name)}"


def display_name(name: str) -> str:
    """The name to show for an upload: the user's own file name, without its folders or control characters.

    Stored as the article's `path`, so pages, reports and errors never show where the server kept it.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    return re.sub(r"[\x00-\x1f\x7f]+", "", base).strip()[-120:] or "upload"


def check_suffix(name: str) -> str:
    suffix = Path(re.split(r"[\\/]", name or "")[-1]).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ParallaxError(
            Msg.UPLOAD_TYPE.format(name=name, suffix=suffix or "(none)", allowed=" ".join(ALLOWED_SUFFIXES))
        )
    return suffix


def check_content(name: str, data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ParallaxError(Msg.UPLOAD_TOO_LARGE.format(name=name, limit=MAX_UPLOAD_BYTES))
    if b"\x00" in data:
        raise ParallaxError(Msg.UPLOAD_BINARY.format(name=name))


def save_upload(folder: Path, name: str, index: int, data: bytes) -> Path:
    """Check one uploaded file and write it into `folder` under a safe name; return its path."""
    check_suffix(name)
    check_content(name, data)
    # A numbered folder each, so the file keeps its own name: an outlet derived from a file's
    # name ("harbour-notes.txt" -> "harbour-notes") is then the user's, not the server's.
    path = folder / f"{index:03d}" / safe_basename(name)
    if path.resolve().parent.parent != folder.resolve():  # belt and braces: never outside the folder
        raise ParallaxError(Msg.UPLOAD_TYPE.format(name=name, suffix="", allowed=" ".join(ALLOWED_SUFFIXES)))
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def parse_urls(text: str | None) -> list[str]:
    """One http(s) URL per line (blank lines and `#` comments ignored); anything else is refused."""
    urls = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = urlsplit(line)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in line):
            raise ParallaxError(Msg.BAD_URL.format(url=line[:200]))
        urls.append(line)
    return urls
