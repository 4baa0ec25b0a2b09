"""`parallax serve`: the local web app over a store."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Callable
from typing import Any

from parallax.errors import Msg


def register(commands: dict[str, Any]) -> None:
    commands["serve"] = (
        "Open the web app over a store: stories, side-by-side sources, articles, search, adding articles.",
        "parallax serve --db news.db --port 8000   # then open http://127.0.0.1:8000",
        _build,
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _build(p: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    p.add_argument("--db", metavar="PATH", help="SQLite store (default: a file under your user data folder)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument(
        "--token-env",
        default="PARALLAX_TOKEN",
        metavar="NAME",
        help="environment variable holding a token that write endpoints require (default: PARALLAX_TOKEN)",
    )

    def run(args: argparse.Namespace) -> int:
        import uvicorn

        from parallax.store.store import default_db_path
        from parallax.web import create_app

        db = args.db or str(default_db_path())
        token = os.environ.get(args.token_env) or None
        if not token and not is_loopback(args.host):
            print(f"parallax: warning: {Msg.NOT_LOOPBACK.format(host=args.host)}", file=sys.stderr)
        # On loopback, only loopback names are served: a site cannot rebind its domain to this server.
        hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if is_loopback(args.host) else None
        app = create_app(db, token=token, show_progress=True, allowed_hosts=hosts)
        print(f"Parallax on http://{args.host}:{args.port}  (store {db}; Ctrl-C stops)", file=sys.stderr)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
        return 0

    return run
