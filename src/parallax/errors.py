"""Every user-facing error and warning message, kept in one place (as spaCy does).

Messages name the file and, where there is one, the line, so a user with a
folder of ten thousand files can find the one that failed.
"""

from __future__ import annotations

from pathlib import Path


class Msg:
    # ingest: why an input was skipped
    EMPTY = "empty file"
    BINARY = "binary file (contains NUL bytes or is not text)"
    UNDECODABLE = "cannot decode as text ({detail})"
    TOO_LARGE = "file too large ({size} bytes; the limit is {limit})"
    UNREADABLE = "cannot read file ({detail})"
    NOT_FOUND = "no such file or folder"
    UNSUPPORTED = "unsupported file type {suffix!r}"
    BAD_JSON = "malformed JSON at line {line}: {detail}"
    NOT_AN_OBJECT = "line {line} is not a JSON object"
    NO_TEXT = "no article text found"
    BROKEN_FEED = "broken feed ({detail})"
    EMPTY_FEED = "feed has no entries"
    FETCH_FAILED = "cannot fetch URL ({detail})"
    FETCH_TOO_LARGE = "response larger than {limit} bytes"
    HTML_NO_TEXT = "no main text could be extracted from the HTML page"
    LINE_TOO_LONG = "line {line} is longer than {limit} bytes"
    BAD_PARQUET = "not a readable Parquet file ({detail})"
    ROW_TOO_LONG = "row {row} is larger than {limit} bytes"
    NOT_A_RECORD = "row {row}: {detail}"
    NO_ARTICLES_IN_JSON = "no article objects (with a 'text' field) in this JSON file"
    READ_FAILED = "could not be read ({detail}); the rest of the run went on"
    # ingest: warnings about inputs that were read all the same
    LOSSY_DECODING = "decoded with {count} unreadable characters replaced by \ufffd"
    ACTIVE_CONTENT = "active content removed from the HTML page ({found}); only its text is kept"

    # store
    DB_NEWER = "database {path} has schema version {found}, newer than this Parallax knows ({known}); upgrade Parallax"
    NO_STORY = "no story with id {story_id!r}; run `parallax stories` to list them"
    NO_ARTICLE = "no article with id {article_id!r}"
    MERGE_NEEDS_TWO = "a merge needs two or more different stories (got {count})"
    SPLIT_NOT_IN_STORY = "article {article_id!r} is not in story {story_id!r}"
    SPLIT_NOTHING = "a split needs one or more of the story's articles to move out, not none"
    SPLIT_ALL = (
        "a split must leave at least one article in story {story_id!r}; to drop a story, remove its articles"
    )

    # web app (`parallax serve`)
    UPLOAD_TYPE = "{name}: file type {suffix!r} is not accepted (allowed: {allowed})"
    UPLOAD_TOO_LARGE = "{name}: larger than the upload limit of {limit} bytes"
    UPLOAD_BINARY = "{name}: binary content (NUL bytes); upload text, HTML, JSON or feed files"
    UPLOAD_TOO_MANY = "too many inputs in one request ({count}; the limit is {limit})"
    BAD_URL = "not an http(s) URL: {url!r}"
    NOTHING_TO_INGEST = "nothing to ingest: upload files or paste URLs"
    TOKEN_REQUIRED = (
        "this server needs a token for changes: send 'Authorization: Bearer TOKEN' or the token field"
    )
    CROSS_ORIGIN = "request from another site ({origin}) refused"
    NO_JOB = "no ingest job with id {job_id!r}"
    NOT_LOOPBACK = (
        "serving on {host} without a token: anyone who can reach it can add articles; set PARALLAX_TOKEN"
    )

    # pipeline
    STAGE_FAILED = "{kind} {name}: stage {stage!r} failed ({reason}); kept, and the rest of the run went on"
    STAGE_MISSING = "stage {stage!r} needs {need!r}, which no earlier stage provides"
    DUPLICATE_STAGE = "two stages are both named {stage!r}"

    # framing: the loaded-terms lexicon and the outlet metadata file
    BAD_LEXICON_LINE = "{path}, line {line}: expected 'term<TAB>category[<TAB>referent[<TAB>language]]' with category one of {categories}"
    LEXICON_NOT_FOUND = "lexicon file {path} (from {env}) does not exist"
    OUTLETS_NOT_FOUND = "outlet metadata file {path} does not exist"
    BAD_OUTLETS_FILE = (
        "{path}: outlet metadata must be a JSON object of outlet name -> object of fields ({detail})"
    )

    # engines (Ray) and Parquet datasets
    NEEDS_RAY_EXTRA = "{what} need the Ray extra, which is not installed: pip install 'parallax[ray]'"
    RAY_START_FAILED = "cannot start or reach Ray at {address}: {detail}"
    NOT_A_DATASET = (
        "{path} is not a Parallax dataset (no {file} in it); write one with `parallax analyze --engine ray`"
    )


class ParallaxError(Exception):
    """An error a user can act on; the CLI prints it without a traceback."""


class NotFound(ParallaxError):
    """No article or story with the id asked for (the web app answers 404)."""


def failure_reason(exc: BaseException, limit: int = 300) -> str:
    """What a contained stage failure says: the exception and where in Parallax it was raised."""
    import traceback

    text = f"{type(exc).__name__}: {exc}"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    frames = [Path(f.filename).as_posix() + f":{f.lineno}" for f in traceback.extract_tb(exc.__traceback__)]
    ours = [f.rsplit("/parallax/", 1)[-1] for f in frames if "/parallax/" in f]
    if ours:
        text += f" (at {ours[-1]})"
    return text
