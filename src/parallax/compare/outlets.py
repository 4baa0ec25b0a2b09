"""Outlet metadata (country, owner, state affiliation, the user's own leaning label) from a user file.

Parallax ships no opinion of any real outlet: it shows only what the user wrote
in an `outlets.json` (outlet name -> object of fields) and what it measured.
The file is found, first match wins:

1. the path in the environment variable PARALLAX_OUTLETS (`parallax analyze --outlets PATH` sets it);
2. an `outlets.json` in the folder of an input file, or the folder above it;
3. `outlets.json` in the user's Parallax config folder.

An outlet has many spellings ("FOX", "Fox News", "foxnews.com"): `outlet_key` folds them to one key
(case, accents, a leading "The", punctuation and a trailing generic word such as "News" or ".com"
ignored), and an entry's `"aliases": [...]` in `outlets.json` maps further spellings to it. Each
story's outlets are merged once, by `merge_outlets`, before any stage groups by outlet. An article
with no outlet still counts as a source of its own; `outlet_labels` names it for people
("unknown outlet (its title)"), never by its id.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from parallax.annotate.names import fold
from parallax.errors import Msg, ParallaxError
from parallax.ingest.metadata import is_id_like
from parallax.model import Article

OUTLETS_ENV = "PARALLAX_OUTLETS"
OUTLETS_FILE = "outlets.json"


def user_outlets_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("parallax", appauthor=False)) / OUTLETS_FILE


def _input_folder(path: str) -> Path | None:
    """The folder of an article's input ("dir/export.jsonl:12", "dir/feed.xml#id"); None for URLs."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", path, re.IGNORECASE):
        return None
    path = re.sub(r"(\.jsonl?):\d+$", r"\1", path.split("#", 1)[0])
    return Path(path).parent


def find_outlets_file(articles: Iterable[Article] = ()) -> Path | None:
    named = os.environ.get(OUTLETS_ENV)
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ParallaxError(Msg.OUTLETS_NOT_FOUND.format(path=path))
        return path
    folders: list[Path] = []
    for article in articles:
        folder = _input_folder(article.path or "")
        if folder is not None and folder not in folders:
            folders.append(folder)
    for folder in folders:
        for candidate in (folder / OUTLETS_FILE, folder.parent / OUTLETS_FILE):
            if candidate.is_file():
                return candidate
    fallback = user_outlets_path()
    return fallback if fallback.is_file() else None


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ParallaxError(Msg.BAD_OUTLETS_FILE.format(path=path, detail=exc)) from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ParallaxError(Msg.BAD_OUTLETS_FILE.format(path=path, detail="not an object of objects"))
    return {str(k): dict(v) for k, v in data.items() if not str(k).startswith("_")}


def load_outlets(path: Path | None) -> dict[str, dict[str, Any]]:
    """Outlet name -> fields, as the user wrote them; {} without a file."""
    if path is None:
        return {}
    return _read(str(path), path.stat().st_mtime)


ALIASES_FIELD = "aliases"
# Words that say what kind of outlet a name is, not which one: "Fox News" and "FOX" are one outlet.
GENERIC_OUTLET_WORDS = (
    "news",
    "network",
    "channel",
    "online",
    "tv",
    "com",
    "digital",
    "newspaper",
    "radio",
)
# Endings of a host name after the outlet's own part: "bbc.co.uk", "foxnews.com".
_TLDS = frozenset({"com", "org", "net", "co", "uk", "us", "info", "io", "gov", "edu", "int", "news", "tv"})
UNKNOWN_OUTLET = "unknown outlet"
_LABEL_CHARS = 60


def outlet_key(name: str) -> str:
    """One key for every spelling of an outlet: "FOX", "Fox News", "foxnews.com" -> "fox".

    Case, accents, a leading "The" and punctuation are ignored, and trailing generic words
    (GENERIC_OUTLET_WORDS) dropped, also when glued on ("foxnews"), so long as a name is left.
    A host's domain ending goes too. "CNN International" keeps its last word: it is not generic.
    """
    folded = fold(name).strip()
    host = re.fullmatch(r"(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)", folded)
    words = re.findall(r"[a-z0-9]+", host.group(1) if host else re.sub(r"^the\s+", "", folded))
    if host:
        while len(words) > 1 and (words[-1] in _TLDS or len(words[-1]) == 2):  # "lemonde.fr"
            words.pop()
    while len(words) > 1 and words[-1] in GENERIC_OUTLET_WORDS:
        words.pop()
    if not words:
        return folded
    last = words[-1]
    for word in GENERIC_OUTLET_WORDS:
        # Glued on ("foxnews", "bfmtv"), leaving a name of 3+ characters; never "com" ("Telecom").
        if word != "com" and last.endswith(word) and len(last) - len(word) >= 3:
            words[-1] = last[: -len(word)]
            break
    return "".join(words)


def alias_keys(table: dict[str, dict[str, Any]]) -> dict[str, str]:
    """outlet_key of each alias in `outlets.json` -> outlet_key of the outlet it names."""
    keys: dict[str, str] = {}
    for name, fields in table.items():
        aliases = fields.get(ALIASES_FIELD) or []
        if isinstance(aliases, str):
            aliases = [aliases]
        for alias in aliases:
            if isinstance(alias, str) and outlet_key(alias):
                keys[outlet_key(alias)] = outlet_key(name)
    return keys


def canonical_names(names: Iterable[str], table: dict[str, dict[str, Any]] | None = None) -> dict[str, str]:
    """Each spelling -> its outlet's displayed name: the most frequent spelling (ties: the longest)."""
    counts = Counter(names)
    aliases = alias_keys(table or {})
    groups: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        key = outlet_key(name)
        groups[aliases.get(key, key)].append(name)
    shown: dict[str, str] = {}
    for spellings in groups.values():
        best = max(spellings, key=lambda s: (counts[s], len(s), s))
        shown.update({s: best for s in spellings})
    return shown


def merge_outlets(articles: Sequence[Article], table: dict[str, dict[str, Any]] | None = None) -> None:
    """Give every article of one story its outlet's displayed name, so later stages group by outlet.

    Done once per story (in memory; the stored article keeps the name as its input wrote it).
    """
    if table is None:
        table = load_outlets(find_outlets_file(articles))
    shown = canonical_names((a.source for a in articles if a.source), table)
    for article in articles:
        if article.source:
            article.source = shown[article.source]


def _file_stem(path: str) -> str:
    name = re.split(r"[/\\]", path.split("#", 1)[0].rstrip("/\\"))[-1]
    return name.rsplit(".", 1)[0]


def _human_name(article: Article) -> str:
    """A title, else the input's file name, else the first words: how a person recognises the article."""
    if article.title and article.title.strip():
        text = " ".join(article.title.split())
    elif article.path and not is_id_like(_file_stem(article.path)):
        text = re.split(r"[/\\]", article.path.split("#", 1)[0].rstrip("/\\"))[-1]
    else:  # no title, and a file name that is an id ("000_cf727978da0bb46f.txt"): the opening words
        text = " ".join(article.text.split()[:8])
    if len(text) > _LABEL_CHARS:
        text = text[:_LABEL_CHARS].rsplit(" ", 1)[0] + "…"
    return text


def outlet_labels(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> the outlet to show and to count by: its outlet, or "unknown outlet (title)".

    An article with no outlet counts as an outlet of its own, so two such articles get two labels
    (numbered if their titles are the same), and no label is ever an article id.
    """
    labels: dict[str, str] = {}
    taken: Counter[str] = Counter()
    for article in sorted(articles, key=lambda a: a.id):
        if article.source:
            labels[article.id] = article.source
            continue
        label = f"{UNKNOWN_OUTLET} ({_human_name(article)})"
        taken[label] += 1
        labels[article.id] = label if taken[label] == 1 else f"{label} {taken[label]}"
    return labels


def is_unknown_label(label: str) -> bool:
    return label.startswith(UNKNOWN_OUTLET + " (")


def metadata_for(outlet: str, table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The user's fields for `outlet`, matched as `outlet_key` matches names, or by one of its aliases."""
    fields = table.get(outlet)
    if fields is None:
        wanted = outlet_key(outlet)
        wanted = alias_keys(table).get(wanted, wanted)
        fields = next((f for name, f in table.items() if outlet_key(name) == wanted), None)
    return {k: v for k, v in (fields or {}).items() if k != ALIASES_FIELD}


LEANING_FIELD = "leaning"


def leanings(table: dict[str, dict[str, Any]]) -> list[str]:
    """The distinct `leaning` labels of `outlets.json`, in the order they first appear there."""
    seen: dict[str, None] = {}
    for fields in table.values():
        value = fields.get(LEANING_FIELD)
        if isinstance(value, str) and value.strip():
            seen.setdefault(value.strip(), None)
    return list(seen)


def leaning_coverage(articles: Sequence[Article], table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A story's articles counted by the leaning the user gave each outlet, and the leanings with none.

    Parallax has no opinion of its own: the sides are the `leaning` labels of the user's
    `outlets.json` (any short words, e.g. "left", "centre", "right"), in the file's order. An outlet
    without one counts as `unlabelled`. A side is a blindspot when none of the story's articles
    comes from an outlet the user put there, while some labelled outlet does cover the story.
    """
    sides = leanings(table)
    shown = canonical_names((a.source for a in articles if a.source), table)
    counts: Counter[str] = Counter()
    outlets: dict[str, set[str]] = defaultdict(set)
    unlabelled: set[str] = set()
    labels = outlet_labels(articles)
    leaning_of = {name: metadata_for(name, table).get(LEANING_FIELD) for name in set(shown.values())}
    for article in articles:
        name = shown[article.source] if article.source else labels[article.id]
        value = leaning_of[name] if article.source else None
        side = value.strip() if isinstance(value, str) and value.strip() else ""
        if side and side not in sides:
            sides.append(side)
        if side:
            counts[side] += 1
            outlets[side].add(name)
        else:
            unlabelled.add(name)
    labelled = sum(counts.values())
    return {
        "sides": [
            {"leaning": side, "articles": counts[side], "outlets": sorted(outlets[side])} for side in sides
        ],
        "unlabelled": {"articles": len(articles) - labelled, "outlets": sorted(unlabelled)},
        "articles": len(articles),
        "blindspots": [side for side in sides if not counts[side]] if labelled else [],
    }
