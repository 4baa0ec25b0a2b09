"""A Markdown report for pasting into notes and tickets."""

from __future__ import annotations

from typing import Any

from parallax.report.text import article_name, plural


def _md(text: Any) -> str:
    """Neutralise Markdown/HTML in article-derived strings."""
    s = str(text or "").replace("\n", " ")
    for ch in "\\`*_[]<>|#":
        s = s.replace(ch, "\\" + ch)
    return s


def render_markdown(report: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in report["articles"]}
    lines = [
        "# Parallax report",
        "",
        f"{plural(len(report['articles']), 'article')}, {plural(len(report['stories']), 'story')} "
        f"({report['generator']}, {report['generated_at']}).",
        "",
    ]
    for story in report["stories"]:
        lines += [
            f"## {_md(story['title'] or story['id'])}",
            "",
            f"Story `{story['id']}`: {plural(len(story['article_ids']), 'article')}, "
            f"{plural(len(story['sources']), 'outlet')} ({_md(', '.join(story['sources']))}), "
            f"{plural(len(story.get('contradictions') or []), 'contradiction')}.",
            "",
        ]
        summary = story.get("summary") or {}
        if summary.get("consensus"):
            lines += ["### Summary", ""]
            lines += [
                f"- {_md(s['text'])} [{_md(', '.join(s.get('sources', [])))}]" for s in summary["consensus"]
            ]
            lines.append("")
        if summary.get("disputed"):
            lines += ["### Disputed", ""]
            lines += [
                f"- {_md(s['text'])} [{_md(', '.join(s.get('sources', [])))}]" for s in summary["disputed"]
            ]
            lines.append("")
        if story.get("contradictions"):
            lines += ["### Contradictions", ""]
            for c in story["contradictions"]:
                sides = "; ".join(
                    f"{_md(s.get('value'))} ({_md(', '.join(s.get('sources', [])))})"
                    for s in c.get("sides", [])
                )
                lines.append(f"- **{_md(c.get('kind'))}** {_md(c.get('subject'))}: {sides}")
            lines.append("")
        if story.get("entities"):
            lines += ["### Entities", ""]
            lines += [
                f"- {_md(e.get('name'))} ({_md(e.get('type'))}): {_md(', '.join(e.get('aliases', [])))}"
                for e in story["entities"]
            ]
            lines.append("")
        if story.get("quotes"):
            lines += ["### Quotes", ""]
            lines += [
                f"- **{_md(q.get('speaker') or 'unknown')}**: “{_md(q.get('text'))}” "
                f"[{_md(_cited_outlets(q.get('evidence'), articles))}]"
                for q in story["quotes"]
            ]
            lines.append("")
        if story.get("timeline"):
            lines += ["### Timeline", ""]
            lines += [
                f"- {_md(t.get('date'))}: {_md(t.get('event') or t.get('text'))} [{_md(', '.join(t.get('sources') or []))}]"
                for t in story["timeline"]
            ]
            lines.append("")
        framing = story.get("framing") or {}
        if framing.get("outlets"):
            lines += [
                "### Framing",
                "",
                "| Outlet | Own voice | Quoted | Own-voice rate /1,000 words |",
                "|---|---|---|---|",
            ]
            for name, o in framing["outlets"].items():
                rate = o.get("loaded_rate_own")
                per_k = f"{rate * 1000:.1f}" if rate is not None else ""
                lines.append(
                    f"| {_md(name)} | {_md(', '.join(o.get('own_terms', [])))} | {_md(', '.join(o.get('quoted_terms', [])))} | {per_k} |"
                )
            lines.append("")
            for c in framing.get("contrasts", []):
                words = "; ".join(f"{_md(o)}: {_md(', '.join(ws))}" for o, ws in c.get("choices", {}).items())
                lines.append(f"- *{_md(c.get('referent'))}*: {words}")
            lines.append("")
        lines += ["### Articles", "", "| Outlet | Title | Published | Id |", "|---|---|---|---|"]
        for aid in story["article_ids"]:
            a = articles.get(aid, {})
            lines.append(
                f"| {_md(a.get('source') or 'unknown outlet')} | {_md(a.get('title'))} | {_md(a.get('published'))} | `{aid}` |"
            )
        lines.append("")
    if report.get("failures"):
        lines += ["## Stage failures", "", "Each was kept and the run went on.", ""]
        lines += [
            f"- {_failed_item(f, articles)}: stage {f['stage']} failed: {_md(f['reason'])}"
            for f in report["failures"]
        ]
        lines.append("")
    if report.get("skipped"):
        lines += ["## Skipped inputs", ""]
        lines += [
            f"- {_md(k['path'])}{':' + str(k['line']) if k.get('line') else ''}: {_md(k['reason'])}"
            for k in report["skipped"]
        ]
        lines.append("")
    return "\n".join(lines)


def _cited_outlets(evidence: list[dict[str, Any]] | None, articles: dict[str, dict[str, Any]]) -> str:
    names = [article_name(articles.get(ev.get("article_id", "")) or {}) for ev in evidence or []]
    return "; ".join(dict.fromkeys(names))


def _failed_item(failure: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    if failure["kind"] == "article":
        name = article_name(articles.get(failure["id"]) or {})
        return f"article {_md(name)} ({_md(failure.get('path'))})"
    return f"story {_md(failure.get('title') or failure['id'])}"
