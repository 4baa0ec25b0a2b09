"""Every user-facing error and warning message, kept in one place (as spaCy does).

Messages name the file and, where there is one, the line, so a user with a
folder of ten thousand files can find the one that failed.
"""

from __future__ import annotations


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

    # store
    DB_NEWER = "database {path} has schema version {found}, newer than this Parallax knows ({known}); upgrade Parallax"
    NO_STORY = "no story with id {story_id!r}; run `parallax stories` to list them"
    NO_ARTICLE = "no article with id {article_id!r}"

    # pipeline
    STAGE_MISSING = "stage {stage!r} needs {need!r}, which no earlier stage provides"
    DUPLICATE_STAGE = "two stages are both named {stage!r}"


class ParallaxError(Exception):
    """An error a user can act on; the CLI prints it without a traceback."""
