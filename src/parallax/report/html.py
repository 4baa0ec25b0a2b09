"""A self-contained HTML report: inline CSS, no scripts from elsewhere, every article string escaped."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("parallax.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_html(report: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in report["articles"]}
    return str(_environment().get_template("report.html").render(report=report, articles=articles))
