#!/usr/bin/env python3
"""Verify corpus/sample/gold.json against the sample corpus (standard library only).

Checks that:
  * every article key resolves to a file (.txt/.html, path relative to this folder),
    a JSONL record id (any *.jsonl below this folder, malformed lines skipped) or an
    RSS item guid (any parseable *.xml below this folder);
  * every "text" / "quote" / "expression" / "term" is an exact substring of that
    article's text (.txt/.html: the raw file content, decoded as UTF-8 or, failing
    that, Windows-1252; JSONL: the record's "text"; RSS: content:encoded or
    description, raw or with tags stripped);
  * cross references (stories <-> articles, entity names, enums, broken files) hold.

Run:  python3 corpus/sample/check_gold.py   (exit status 0 = all good)
"""
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"

KINDS_CONTRA = {"numeric", "date", "outcome", "role", "negation", "place"}
KINDS_COMPAT = {"place", "date", "numeric", "event"}
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
QUOTE_KINDS = {"direct", "partial", "indirect"}
GRANULARITY = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$"}
LOADED_CATS = {"pejorative", "laudatory", "charged-verb", "intensifier", "hedge",
               "scare-quote", "speculation"}
BROKEN_REASONS = {"empty", "binary", "encoding", "malformed-json", "broken-feed", "hostile-html"}

errors = []


def err(msg):
    errors.append(msg)


def read_text_file(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def strip_tags(s):
    return html.unescape(re.sub(r"<[^>]+>", "", s))


def load_records():
    """id/guid -> list of candidate texts."""
    recs = {}
    for root, _dirs, files in os.walk(HERE):
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith(".jsonl"):
                with open(path, encoding="utf-8") as fh:
                    for line in fh:
                        line = line.strip()
                        if not line:
                            continue
                        try:
                            obj = json.loads(line)
                        except json.JSONDecodeError:
                            continue
                        if "id" in obj:
                            if obj["id"] in recs:
                                err("duplicate record id %r" % obj["id"])
                            recs[obj["id"]] = [obj.get("text", "")]
            elif name.endswith(".xml"):
                try:
                    tree = ET.parse(path)
                except ET.ParseError:
                    continue
                for item in tree.iter("item"):
                    guid = (item.findtext("guid") or "").strip()
                    body = item.findtext(CONTENT_NS) or item.findtext("description") or ""
                    if guid:
                        if guid in recs:
                            err("duplicate guid %r" % guid)
                        recs[guid] = [body, strip_tags(body)]
    return recs


def main():
    gold_path = os.path.join(HERE, "gold.json")
    with open(gold_path, encoding="utf-8") as fh:
        gold = json.load(fh)

    records = load_records()
    cache = {}

    def texts(key):
        if key in cache:
            return cache[key]
        path = os.path.join(HERE, key)
        if key.endswith((".txt", ".html")) and os.path.isfile(path):
            cache[key] = [read_text_file(path)]
        elif key in records:
            cache[key] = records[key]
        else:
            cache[key] = None
        return cache[key]

    articles = gold.get("articles", {})
    stories = gold.get("stories", {})

    def check_key(key, where):
        if key not in articles:
            err("%s: key %r not in gold 'articles'" % (where, key))
        if texts(key) is None:
            err("%s: key %r does not resolve to a file, JSONL id or feed guid" % (where, key))
            return False
        return True

    def check_sub(key, s, where):
        if not check_key(key, where):
            return
        if not isinstance(s, str) or not s:
            err("%s: empty or non-string text" % where)
            return
        if not any(s in t for t in texts(key)):
            err("%s: not an exact substring of %s: %r" % (where, key, s))

    # stories <-> articles
    seen = {}
    for slug, st in stories.items():
        for key in st.get("articles", []):
            check_key(key, "stories[%s]" % slug)
            if key in seen:
                err("article %r listed in two stories" % key)
            seen[key] = slug
    for key, meta in articles.items():
        check_key(key, "articles")
        if meta.get("story") not in stories:
            err("articles[%s]: unknown story %r" % (key, meta.get("story")))
        elif seen.get(key) != meta["story"]:
            err("articles[%s]: story %r but listed under %r" % (key, meta["story"], seen.get(key)))
        if meta.get("language") not in ("en", "es"):
            err("articles[%s]: bad language" % key)
        pub = meta.get("published")
        if pub is not None and not re.match(GRANULARITY["day"], pub):
            err("articles[%s]: bad published %r" % (key, pub))
        for f in ("source", "title"):
            if not meta.get(f):
                err("articles[%s]: missing %s" % (key, f))
        if meta.get("title") and not any(meta["title"] in t or html.escape(meta["title"], quote=False) in t
                                         for t in texts(key) or []):
            # titles of JSONL/feed records live outside "text"; only check files
            if key.endswith((".txt", ".html")):
                err("articles[%s]: title not found in file" % key)

    for d in gold.get("duplicates", []):
        check_key(d["article"], "duplicates")
        check_key(d["duplicate_of"], "duplicates")

    for b in gold.get("broken", []):
        path = os.path.join(HERE, b["file"])
        if not os.path.isfile(path):
            err("broken: missing file %s" % b["file"])
            continue
        if b.get("reason") not in BROKEN_REASONS:
            err("broken[%s]: bad reason" % b["file"])
        if b.get("line") is not None:
            n = len(open(path, "rb").read().splitlines())
            if not 1 <= b["line"] <= n:
                err("broken[%s]: line %s out of range (1..%d)" % (b["file"], b["line"], n))

    # entities
    canon = {}
    for e in gold.get("entities", []):
        if e.get("type") not in ENTITY_TYPES:
            err("entity %r: bad type" % e.get("canonical"))
        if e.get("story") not in stories:
            err("entity %r: unknown story" % e.get("canonical"))
            continue
        canon.setdefault(e["canonical"], set()).add(e["story"])
        story_texts = [t for k in stories[e["story"]]["articles"] for t in (texts(k) or [])]
        for a in e.get("aliases", []):
            if not any(a in t for t in story_texts):
                err("entity %r: alias %r not found in any article of story %s"
                    % (e["canonical"], a, e["story"]))
    for pair in gold.get("distinct_entities", []):
        for name in pair:
            if name not in canon:
                err("distinct_entities: %r is not a canonical entity" % name)

    def check_entity(name, where):
        if name is not None and name not in canon:
            err("%s: %r is not a canonical entity" % (where, name))

    for i, r in enumerate(gold.get("roles", [])):
        where = "roles[%d]" % i
        check_entity(r["entity"], where)
        check_sub(r["article"], r["text"], where)

    for i, q in enumerate(gold.get("quotes", [])):
        where = "quotes[%d]" % i
        check_entity(q.get("speaker"), where)
        if q.get("kind") not in QUOTE_KINDS:
            err("%s: bad kind" % where)
        check_sub(q["article"], q["quote"], where)

    for i, d in enumerate(gold.get("dates", [])):
        where = "dates[%d]" % i
        check_sub(d["article"], d["expression"], where)
        g = d.get("granularity")
        if g not in GRANULARITY or not re.match(GRANULARITY[g], str(d.get("value"))):
            err("%s: value %r does not match granularity %r" % (where, d.get("value"), g))

    ids = set()
    for c in gold.get("claims", []):
        where = "claims[%s]" % c.get("id")
        if c.get("id") in ids:
            err("%s: duplicate id" % where)
        ids.add(c.get("id"))
        if c.get("story") not in stories:
            err("%s: unknown story" % where)
        for s in c.get("support", []):
            check_sub(s["article"], s["text"], where)

    for i, c in enumerate(gold.get("contradictions", [])):
        where = "contradictions[%d]" % i
        if c.get("kind") not in KINDS_CONTRA:
            err("%s: bad kind" % where)
        if len(c.get("sides", [])) < 2:
            err("%s: fewer than two sides" % where)
        for side in c.get("sides", []):
            for s in side.get("support", []):
                check_sub(s["article"], s["text"], where)

    for i, c in enumerate(gold.get("compatible", [])):
        where = "compatible[%d]" % i
        if c.get("kind") not in KINDS_COMPAT:
            err("%s: bad kind" % where)
        for side in ("a", "b"):
            check_sub(c[side]["article"], c[side]["text"], where)

    for i, s in enumerate(gold.get("single_source", [])):
        check_sub(s["article"], s["text"], "single_source[%d]" % i)

    for i, l in enumerate(gold.get("loaded_terms", [])):
        where = "loaded_terms[%d]" % i
        if l.get("category") not in LOADED_CATS:
            err("%s: bad category %r" % (where, l.get("category")))
        if l.get("voice") not in ("own", "quoted"):
            err("%s: bad voice" % where)
        if l.get("voice") == "own" and l.get("speaker") is not None:
            err("%s: own-voice term with a speaker" % where)
        check_entity(l.get("speaker"), where)
        check_sub(l["article"], l["term"], where)

    counts = {k: len(v) for k, v in gold.items()}
    print("gold.json sections:", ", ".join("%s=%d" % kv for kv in counts.items()))
    if errors:
        print("%d problem(s):" % len(errors))
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all keys resolve and all texts are exact substrings.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
