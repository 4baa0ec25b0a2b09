"""The `parallax` command: a thin view over `parallax.api`.

Exit status: 0 when all went well; 1 on an error; 2 on a usage error;
3 when the run finished but some inputs were skipped, or a stage failed on some
articles or stories (each is listed on stderr, and kept in the store and report).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from parallax import api
from parallax.errors import ParallaxError
from parallax.report.text import plural

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


INPUTS_HELP = "files (text, HTML, JSON, JSONL, Parquet, feeds), folders or http(s) URLs"


def _command(
    sub: Any, name: str, help: str, example: str
) -> Callable[[Callable[[argparse.ArgumentParser], Handler]], None]:
    """Register a subcommand; every command's --help ends with a runnable example."""

    def register(build: Callable[[argparse.ArgumentParser], Handler]) -> None:
        COMMANDS[name] = build(_parser(sub, name, help, example))

    return register


def _parser(sub: Any, name: str, help: str, example: str) -> argparse.ArgumentParser:
    """A (sub)command parser whose --help ends with a runnable example."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=help,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", help="SQLite store (default: a file under your user data folder)"
    )


def _quiet_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")


def _outlets_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--outlets", metavar="PATH",
                        help="your outlet metadata (JSON: outlet name -> fields such as country, owner, leaning); "
                        "default: $PARALLAX_OUTLETS, else an outlets.json beside the inputs")  # fmt: skip


def _use_outlets(args: argparse.Namespace) -> None:
    """Hand --outlets to the framing stage (and to Ray workers) through the environment."""
    if getattr(args, "outlets", None):
        import os

        from parallax.compare.outlets import OUTLETS_ENV
        from parallax.errors import Msg

        path = Path(args.outlets).expanduser().resolve()
        if not path.is_file():  # say so before a long ingest, not after
            raise ParallaxError(Msg.OUTLETS_NOT_FOUND.format(path=path))
        os.environ[OUTLETS_ENV] = str(path)


def _report_skipped(result: api.IngestResult) -> None:
    for item in result.skipped:
        print(f"skipped {item}", file=sys.stderr)
    for warning in getattr(result, "warnings", []):
        print(f"warning {warning}", file=sys.stderr)


def _report_failures(failures: Sequence[dict[str, Any]]) -> None:
    from parallax.errors import Msg

    for f in failures:
        name = f"{f['id']} ({f['path']})" if f.get("path") else f["id"]
        print("failed " + Msg.STAGE_FAILED.format(kind=f["kind"], name=name, stage=f["stage"], reason=f["reason"]),
              file=sys.stderr)  # fmt: skip


def _failure_summary(failures: Sequence[dict[str, Any]]) -> str:
    if not failures:
        return ""
    articles = len({f["id"] for f in failures if f["kind"] == "article"})
    stories = len({f["id"] for f in failures if f["kind"] == "story"})
    return (
        f"; a stage failed on {plural(articles, 'article')} and {plural(stories, 'story')}"
        " (listed above, and in the report)"
    )


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="See one news story through many sources: who, what, when, who said what, "
        "where outlets agree and contradict each other, and how each frames it.",
        epilog="example:\n  parallax analyze corpus/sample --out out/demo\n\n"
        "exit status: 0 ok, 1 error, 2 usage error, 3 finished but some inputs were skipped",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"parallax {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    @_command(
        sub,
        "analyze",
        "Ingest files, folders, feeds or URLs, analyse them and write a report.",
        "parallax analyze ../shared/seeds --out /tmp/report",
    )
    def _analyze(p: argparse.ArgumentParser) -> Handler:
        p.add_argument("inputs", nargs="+", metavar="PATH", help=INPUTS_HELP)
        p.add_argument("--out", required=True, metavar="DIR", help="where report.json/.html/.md are written")
        p.add_argument("--db", metavar="PATH", help="store to use (default: DIR/parallax.db)")
        p.add_argument(
            "--engine",
            choices=["local", "ray"],
            default="local",
            help="where to run the pipeline: this process, or Ray (also writes DIR/dataset/*.parquet)",
        )
        p.add_argument(
            "--address",
            metavar="ADDRESS",
            help="Ray cluster to join, e.g. ray://head:10001 or auto (default: start a local Ray)",
        )
        _outlets_option(p)
        _quiet_option(p)

        def run(args: argparse.Namespace) -> int:
            from parallax.engines import get_engine

            _use_outlets(args)
            engine = get_engine(args.engine, address=args.address)
            result = engine.analyze(args.inputs, args.out, db=args.db, show_progress=not args.quiet)
            _report_skipped(result.ingested)
            _report_failures(result.failures)
            print(
                f"{plural(len(result.report['articles']), 'article')}, {plural(len(result.report['stories']), 'story')}"
                + _failure_summary(result.failures)
            )
            print(f"report: {result.paths['html']}")
            print(f"        {result.paths['json']}")
            print(f"        {result.paths['md']}")
            return EXIT_SKIPPED if (result.ingested.skipped or result.failures) else EXIT_OK

        return run

    @_command(
        sub,
        "ingest",
        "Add articles to the store, attach them to stories and analyse what changed.",
        "parallax ingest --db news.db exports/march.jsonl feeds/world.xml clippings/",
    )
    def _ingest(p: argparse.ArgumentParser) -> Handler:
        p.add_argument("inputs", nargs="+", metavar="PATH", help=INPUTS_HELP)
        _db_option(p)
        p.add_argument("--no-analyze", action="store_true", help="only store the articles")
        p.add_argument("--json", action="store_true", help="print the outcome as JSON")
        _outlets_option(p)
        _quiet_option(p)

        def run(args: argparse.Namespace) -> int:
            _use_outlets(args)
            with api.open_store(args.db) as store:
                result = api.ingest(args.inputs, store, show_progress=not args.quiet)
                changed = [] if args.no_analyze else api.update(store, show_progress=not args.quiet)
                _report_skipped(result)
                failures = api.failures(store, result.added, changed)
                _report_failures(failures)
                outcome = {
                    "db": store.path,
                    "added": len(result.added),
                    "already_stored": len(result.existing),
                    "duplicates": result.duplicates,
                    "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in result.skipped],
                    "stories_changed": changed,
                    "failures": failures,
                }
            if args.json:
                _print_json(outcome)
            else:
                print(
                    f"added {outcome['added']}, already stored {outcome['already_stored']}, "
                    f"duplicates {len(result.duplicates)}, skipped {len(result.skipped)}; "
                    f"{plural(len(changed), 'story')} changed ({outcome['db']})" + _failure_summary(failures)
                )
            return EXIT_SKIPPED if (result.skipped or failures) else EXIT_OK

        return run

    @_command(
        sub,
        "recluster",
        "Rebuild every story from scratch and re-analyse them.",
        "parallax recluster --db news.db",
    )
    def _recluster(p: argparse.ArgumentParser) -> Handler:
        _db_option(p)
        _outlets_option(p)
        _quiet_option(p)

        def run(args: argparse.Namespace) -> int:
            _use_outlets(args)
            with api.open_store(args.db) as store:
                changed = api.update(store, full=True, show_progress=not args.quiet)
                failures = api.failures(store)
            _report_failures(failures)
            print(plural(len(changed), "story") + _failure_summary(failures))
            return EXIT_SKIPPED if failures else EXIT_OK

        return run

    @_command(
        sub,
        "remove",
        "Remove articles from the store; their stories are analysed again without them.",
        "parallax remove a1b2c3d4e5f6 --db news.db",
    )
    def _remove(p: argparse.ArgumentParser) -> Handler:
        p.add_argument(
            "articles", nargs="+", metavar="ARTICLE", help="article ids (see report.json or the web app)"
        )
        _db_option(p)

        def run(args: argparse.Namespace) -> int:
            with api.open_store(args.db) as store:
                for article_id in args.articles:
                    story_id = api.delete_article(store, article_id)
                    print(
                        f"removed {article_id}" + (f"; story {story_id} analysed again" if story_id else "")
                    )
            return EXIT_OK

        return run

    @_command(
        sub,
        "stories",
        "List the stories in the store; `merge` and `split` correct the grouping (kept across recluster).",
        "parallax stories --db news.db --json\n"
        "  parallax stories merge s1a2b3c4d5 s9f8e7d6c5 --db news.db\n"
        "  parallax stories split s1a2b3c4d5 a1b2c3d4e5f6 --db news.db",
    )
    def _stories(p: argparse.ArgumentParser) -> Handler:
        _db_option(p)
        p.add_argument("--json", action="store_true", help="print as JSON")
        actions = p.add_subparsers(dest="stories_action", metavar="ACTION")
        for name, help_text, example in (
            (
                "merge",
                "Make two or more stories one (recorded: recluster and later ingests keep them together).",
                "parallax stories merge s1a2b3c4d5 s9f8e7d6c5 --db news.db",
            ),
            (
                "split",
                "Move articles out of a story into a story of their own (recorded: recluster and later "
                "ingests keep them apart from the rest).",
                "parallax stories split s1a2b3c4d5 a1b2c3d4e5f6 --db news.db",
            ),
        ):
            action = _parser(actions, name, help_text, example)
            # SUPPRESS: a --db given before the action is not overwritten by this one's default.
            action.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                                help="SQLite store (default: a file under your user data folder)")  # fmt: skip
            action.add_argument(
                "--json", action="store_true", default=argparse.SUPPRESS, help="print as JSON"
            )
            if name == "merge":
                action.add_argument("stories", nargs="+", metavar="STORY", help="story ids (two or more)")
            else:
                action.add_argument("story", metavar="STORY", help="the story to take articles out of")
                action.add_argument("articles", nargs="+", metavar="ARTICLE", help="article ids to move out")

        def run(args: argparse.Namespace) -> int:
            if args.stories_action == "merge":
                with api.open_store(args.db) as store:
                    merged = api.merge_stories(store, args.stories)
                    outcome: dict[str, Any] = {"merged": args.stories, "story_id": merged}
                if args.json:
                    _print_json(outcome)
                else:
                    print(f"merged {', '.join(args.stories)} into story {merged}; analysed again")
                return EXIT_OK
            if args.stories_action == "split":
                with api.open_store(args.db) as store:
                    moved, staying = api.split_story(store, args.story, args.articles)
                    outcome = {"moved": args.articles, "story_id": moved, "remaining_story_id": staying}
                if args.json:
                    _print_json(outcome)
                else:
                    print(f"moved {', '.join(args.articles)} into story {moved}; {staying} keeps the rest;"
                          " both analysed again")  # fmt: skip
                return EXIT_OK
            with api.open_store(args.db) as store:
                rows: list[dict[str, Any]] = [
                    {
                        "id": s.id,
                        "title": s.title,
                        "articles": len(s.article_ids),
                        "sources": s.sources,
                        "first_published": s.first_published,
                        "last_published": s.last_published,
                        "contradictions": len(s.contradictions),
                    }
                    for s in store.iter_stories()
                ]
            if args.json:
                _print_json(rows)
            else:
                for r in rows:
                    print(
                        f"{r['id']}  {r['articles']:>3} articles  {len(r['sources']):>2} outlets  {r['title']}"
                    )
            return EXIT_OK

        return run

    @_command(
        sub,
        "show",
        "Show one story: outlets, entities, quotes, timeline, claims, contradictions.",
        "parallax show s1a2b3c4d5 --db news.db --json",
    )
    def _show(p: argparse.ArgumentParser) -> Handler:
        p.add_argument("story", metavar="STORY", help="a story id from `parallax stories`")
        _db_option(p)
        p.add_argument("--json", action="store_true", help="print the story as JSON, as in report.json")

        def run(args: argparse.Namespace) -> int:
            from parallax.report.markdown import render_markdown

            with api.open_store(args.db) as store:
                report = api.build_report(store, [args.story])
            if args.json:
                _print_json(report["stories"][0])
            else:
                print(render_markdown({**report, "skipped": []}))
            return EXIT_OK

        return run

    @_command(
        sub,
        "export",
        "Write the report (JSON, HTML and Markdown) for the whole store or some stories.",
        "parallax export --db news.db --out reports/ --story s1a2b3c4d5",
    )
    def _export(p: argparse.ArgumentParser) -> Handler:
        _db_option(p)
        p.add_argument(
            "--out", metavar="DIR", help="folder for report.json/.html/.md (default: JSON to stdout)"
        )
        p.add_argument("--story", action="append", metavar="STORY", help="only this story (repeatable)")

        def run(args: argparse.Namespace) -> int:
            with api.open_store(args.db) as store:
                report = api.build_report(store, args.story)
                if args.out:
                    paths = api.write_report(report, args.out, store)
                    print(f"report: {paths['html']}")
                    return EXIT_OK
            _print_json(report)
            return EXIT_OK

        return run

    for name, (help_text, example, attach) in _EXTRA_COMMANDS.items():
        _command(sub, name, help_text, example)(attach)
    return parser


# Commands contributed by other packages (eval, serve, load): name -> (help, example, builder).
_EXTRA_COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], Handler]]] = {}


def _version() -> str:
    from parallax import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    _load_extra_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except ParallaxError as exc:
        print(f"parallax: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("parallax: interrupted; everything committed so far is kept", file=sys.stderr)
        return 130


def _load_extra_commands() -> None:
    """Each optional command lives beside the code it drives and registers itself here."""
    from parallax.eval.cli import register as register_eval

    register_eval(_EXTRA_COMMANDS)
    from parallax.engines.cli import register as register_load

    register_load(_EXTRA_COMMANDS)
    from parallax.web.cli import register as register_serve

    register_serve(_EXTRA_COMMANDS)


if __name__ == "__main__":
    raise SystemExit(main())
