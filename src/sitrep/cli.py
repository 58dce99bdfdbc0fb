"""The command line: each command parses its arguments and makes one library call (see sitrep.api)."""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from . import __version__
from .errors import SitrepError
from .ledger import STATUSES
from .formats import (CONTROL_COLUMNS, CONTROL_FORMATS, DISPLACEMENT_COLUMNS, FORMATS, HISTORY_COLUMNS,
                      LOSSES_COLUMNS, TABLE_FORMATS, control_table_rows, history_table_rows, losses_table_rows,
                      render, render_events, render_rows)
from .sources import DEFAULT_MAX_MB, parse_date

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILURE, EXIT_INTERRUPTED = 0, 1, 2, 130

EXTRACT_EXAMPLE = """example:
  sitrep extract report.txt --published 2016-12-12 --format geojson -o events.geojson
  sitrep extract reports/ articles.jsonl --format csv
  cat report.txt | sitrep extract -"""
INGEST_EXAMPLE = """example:
  sitrep ingest reports/ --db sitrep.duckdb
  sitrep ingest feed.jsonl --db sitrep.duckdb --quiet
  sitrep ingest archive.parquet --engine local --workers 8
  sitrep ingest https://example.org/news/article.html saved-page.html
  sitrep ingest archive.csv --engine ray --workers 16"""
WATCH_EXAMPLE = """example:
  sitrep watch https://example.org/conflict.rss --db sitrep.duckdb --every 10m
  sitrep watch feeds/agency.atom https://example.org/rss --once"""
EVENTS_EXAMPLE = """example:
  sitrep events --db sitrep.duckdb --since 2016-12-01 --type "Battles" --actor "Islamic State"
  sitrep events --near 34.56,38.28,50 --format geojson"""
CONTROL_EXAMPLE = """example:
  sitrep control --db sitrep.duckdb --at 2016-12-12
  sitrep control --at 2016-12-12 --near 34.56,38.28,100 --format geojson
  sitrep control --place Tadmur --format json"""
LOSSES_EXAMPLE = """example:
  sitrep losses --db sitrep.duckdb
  sitrep losses --actor "Islamic State" --status captured --since 2016-12-01 --format csv"""
DISPLACEMENT_EXAMPLE = """example:
  sitrep displacement --db sitrep.duckdb --since 2016-12-01 --format json"""
EVAL_EXAMPLE = """example:
  sitrep eval --set re3d                   # entity F1 on re3d's dev split
  sitrep eval --set all --format json > benchmarks/results/eval.json
  sitrep eval --data /path/to/eval-data --limit 5   # a fast subset"""
EVAL_SETS = ("re3d", "gwn", "lgl", "wikievents", "plover", "event-location", "all")
SERVE_EXAMPLE = """example:
  sitrep serve --db sitrep.duckdb            # then open http://127.0.0.1:8000/ (API docs at /docs)
  SITREP_API_TOKEN=secret sitrep serve --host 0.0.0.0 --port 8080"""
GAZETTEER_EXAMPLE = """example:
  sitrep gazetteer import SY.zip      # a GeoNames country dump, zipped or not
  sitrep gazetteer lookup Tadmur"""


def _iso_date(value: str):
    try:
        return parse_date(value)
    except SitrepError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _near(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--near wants LAT,LON,KM (e.g. 34.56,38.28,50), got {value!r}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise argparse.ArgumentTypeError(f"--near {value!r}: latitude, longitude or radius out of range")
    return lat, lon, km


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"wants a whole number of at least 1, got {value!r}")
    return int(value)


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("reports", nargs="+", metavar="REPORT",
                        help="text files, folders of them, JSON Lines (.jsonl), CSV or Parquet archives, HTML pages "
                        "(.html files or http(s) URLs), or - for standard input")
    parser.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                        help="publication date used to resolve relative dates (else read from the text)")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB, help="largest document accepted (MB)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description="Turn conflict reports into sourced, dated, "
                                     "geocoded events.", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="extract events from reports and print them",
                                  epilog=EXTRACT_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_reading_options(extract)
    extract.add_argument("--format", choices=FORMATS, default="json")
    extract.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    extract.set_defaults(run=run_extract)

    ingest = commands.add_parser("ingest", help="extract and store in a DuckDB database", epilog=INGEST_EXAMPLE,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_reading_options(ingest)
    ingest.add_argument("--db", type=Path, default=Path("sitrep.duckdb"), help="database file (default: %(default)s)")
    ingest.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local: worker processes on this machine (default); ray: a Ray Data actor pool")
    ingest.add_argument("--workers", type=_positive_int, metavar="N",
                        help="worker processes or actors (default: every core; small inputs run in-process)")
    ingest.set_defaults(run=run_ingest)

    watch = commands.add_parser("watch", help="poll RSS/Atom feeds and ingest new items", epilog=WATCH_EXAMPLE,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    watch.add_argument("feeds", nargs="+", metavar="FEED", help="feed URLs or files (RSS or Atom)")
    watch.add_argument("--db", type=Path, default=Path("sitrep.duckdb"), help="database file (default: %(default)s)")
    watch.add_argument("--every", default="10m", help="time between polls: 90s, 10m, 1h (default: %(default)s)")
    watch.add_argument("--once", action="store_true", help="poll once and exit")
    watch.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default: %(default)s)")
    watch.add_argument("--retries", type=int, default=2, help="retries per request, back-off doubling from 1 s")
    watch.add_argument("--host-delay", type=float, default=1.0,
                       help="least seconds between two requests to one host (default: %(default)s)")
    watch.add_argument("--quiet", "-q", action="store_true", help="no summary per poll")
    watch.set_defaults(run=run_watch)

    events = commands.add_parser("events", help="query stored events", epilog=EVENTS_EXAMPLE,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    events.add_argument("--db", type=Path, default=Path("sitrep.duckdb"))
    events.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD")
    events.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD")
    events.add_argument("--type", dest="event_type", help="ACLED event type or sub-event type")
    events.add_argument("--actor", help="part of an actor's canonical name")
    events.add_argument("--near", type=_near, metavar="LAT,LON,KM")
    events.add_argument("--format", choices=FORMATS, default="jsonl")
    events.set_defaults(run=run_events)

    _add_situation_commands(commands)
    evaluation = commands.add_parser("eval", help="score the pipeline on third-party gold sets",
                                     epilog=EVAL_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluation.add_argument("--data", type=Path, metavar="DIR",
                            help="evaluation data folder (default: $SITREP_EVAL_DATA, else ../shared/eval-data)")
    evaluation.add_argument("--set", dest="sets", action="append", choices=EVAL_SETS, metavar="SET",
                            help=f"one of {', '.join(EVAL_SETS)} (repeatable; default: all)")
    evaluation.add_argument("--format", choices=("table", "json"), default="table")
    evaluation.add_argument("--limit", type=_positive_int, metavar="N", help="at most N documents per set")
    evaluation.add_argument("--split", choices=("test", "dev", "all"), default=None,
                            help="half of GWN, LGL, PLOVER and WikiEvents to score: test (odd-indexed items, the "
                                 "default and the reported figures), dev (even-indexed, the half rules are tuned on) "
                                 "or all")
    evaluation.set_defaults(run=run_eval)

    serve = commands.add_parser("serve", help="HTTP API and offline web map over a database", epilog=SERVE_EXAMPLE,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--db", type=Path, default=Path("sitrep.duckdb"), help="database file (default: %(default)s)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: %(default)s); any other than loopback needs "
                            "SITREP_API_TOKEN, which writes must then present as a bearer token")
    serve.add_argument("--port", type=_positive_int, default=8000, help="port (default: %(default)s)")
    serve.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB, help="largest document accepted (MB)")
    serve.set_defaults(run=run_serve)

    gazetteer = commands.add_parser("gazetteer", help="manage the local gazetteer", epilog=GAZETTEER_EXAMPLE,
                                    formatter_class=argparse.RawDescriptionHelpFormatter)
    gaz_commands = gazetteer.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")
    gaz_import = gaz_commands.add_parser("import", help="load a GeoNames dump (e.g. SY.zip, allCountries.zip)",
                                         epilog=GAZETTEER_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    gaz_import.add_argument("file", type=Path)
    gaz_import.set_defaults(run=run_gazetteer_import)
    gaz_lookup = gaz_commands.add_parser("lookup", help="show the places a name can mean", epilog=GAZETTEER_EXAMPLE,
                                         formatter_class=argparse.RawDescriptionHelpFormatter)
    gaz_lookup.add_argument("name")
    gaz_lookup.set_defaults(run=run_gazetteer_lookup)
    return parser


def _subcommand(commands: Any, name: str, help_text: str, epilog: str) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help_text, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.add_argument("--db", type=Path, default=Path("sitrep.duckdb"), help="database file (default: %(default)s)")
    return sub


def _add_situation_commands(commands: Any) -> None:
    control = _subcommand(commands, "control", "who controls which place on a day, or one place's history",
                          CONTROL_EXAMPLE)
    which = control.add_mutually_exclusive_group(required=True)
    which.add_argument("--at", type=_iso_date, metavar="YYYY-MM-DD", help="the day to show")
    which.add_argument("--place", metavar="NAME", help="history of the places whose name contains NAME")
    control.add_argument("--near", type=_near, metavar="LAT,LON,KM", help="only places within KM of a point (--at)")
    control.add_argument("--format", choices=CONTROL_FORMATS, default="table")
    control.set_defaults(run=run_control)

    losses = _subcommand(commands, "losses", "equipment ledger: " + ", ".join(STATUSES), LOSSES_EXAMPLE)
    losses.add_argument("--actor", help="part of the losing or gaining actor's canonical name")
    losses.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD")
    losses.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD")
    losses.add_argument("--status", choices=STATUSES)
    losses.add_argument("--format", choices=TABLE_FORMATS, default="table")
    losses.set_defaults(run=run_losses)

    moved = _subcommand(commands, "displacement", "people displaced: how many, from where, toward where, when",
                        DISPLACEMENT_EXAMPLE)
    moved.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD")
    moved.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD")
    moved.add_argument("--format", choices=TABLE_FORMATS, default="table")
    moved.set_defaults(run=run_displacement)


@contextmanager
def _progress(enabled: bool, description: str) -> Iterator[Any]:
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(desc=description, unit="doc", file=sys.stderr) as bar:
        yield bar


def _report_errors(errors: Sequence[SitrepError], notices: Sequence[str] = ()) -> None:
    for notice in notices:
        print(f"sitrep: note: {notice}", file=sys.stderr)
    for error in errors:
        print(f"sitrep: {error}", file=sys.stderr)


def _tick(bar: Any):
    return (lambda doc: bar.update(1)) if bar is not None else None


def run_extract(args: argparse.Namespace) -> int:
    from .api import extract

    with _progress(not args.quiet, "extracting") as bar:
        report = extract(args.reports, published=args.published, max_mb=args.max_mb, on_document=_tick(bar))
    text = render(report.combined(), args.format, per_document=report.results)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    _report_errors(report.errors, report.notices)
    return EXIT_OK if report.ok else EXIT_INPUT_ERRORS


def run_ingest(args: argparse.Namespace) -> int:
    from .api import ingest

    with _progress(not args.quiet, "ingesting") as bar:
        report = ingest(args.reports, db=args.db, published=args.published, max_mb=args.max_mb,
                        on_document=_tick(bar), engine=args.engine, workers=args.workers)
    _report_errors(report.errors, report.notices)
    if not args.quiet:
        print(f"sitrep: stored {report.stored} document(s), {report.already_stored} already stored, "
              f"{len(report.errors)} unreadable, in {args.db}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_INPUT_ERRORS


def run_watch(args: argparse.Namespace) -> int:
    from .api import watch
    from .feeds import parse_duration
    from .fetch import Fetcher

    every = parse_duration(args.every)
    fetcher = Fetcher(timeout=args.timeout, retries=max(0, args.retries), host_delay=max(0.0, args.host_delay))

    def summary(poll: Any) -> None:
        _report_errors(poll.errors)
        if not args.quiet:
            print(f"sitrep: {poll.seen} item(s) in the feeds, {poll.new} tried, stored {poll.stored}, "
                  f"{poll.pending} to retry on the next poll, in {args.db}", file=sys.stderr, flush=True)

    reports = watch(args.feeds, db=args.db, every=every, once=args.once, fetcher=fetcher, on_poll=summary)
    return EXIT_OK if all(not r.errors for r in reports) else EXIT_INPUT_ERRORS


def run_events(args: argparse.Namespace) -> int:
    from .api import query_events

    if not args.db.exists():
        raise SitrepError(f"{args.db}: no such database (create it with 'sitrep ingest')")
    events = query_events(db=args.db, since=args.since, until=args.until, event_type=args.event_type,
                          actor=args.actor, near=args.near)
    sys.stdout.write(render_events(events, args.format))
    return EXIT_OK


def run_control(args: argparse.Namespace) -> int:
    from .api import control_at, control_history

    if args.at:
        rows = control_at(db=args.db, day=args.at, near=args.near)
        table = control_table_rows(rows) if args.format == "table" else rows
        sys.stdout.write(render_rows(table, args.format, key="control", columns=CONTROL_COLUMNS))
        return EXIT_OK
    places = control_history(db=args.db, place=args.place)
    if args.format == "table":
        sys.stdout.write(render_rows(history_table_rows(places), "table", key="places", columns=HISTORY_COLUMNS))
    else:
        sys.stdout.write(render_rows(places, args.format, key="places", columns=HISTORY_COLUMNS))
    return EXIT_OK


def run_losses(args: argparse.Namespace) -> int:
    from .api import equipment_losses

    lines = equipment_losses(db=args.db, actor=args.actor, since=args.since, until=args.until, status=args.status)
    rows = losses_table_rows(lines) if args.format != "json" else lines
    sys.stdout.write(render_rows(rows, args.format, key="losses", columns=LOSSES_COLUMNS))
    return EXIT_OK


def run_displacement(args: argparse.Namespace) -> int:
    from .api import displacement

    rows = displacement(db=args.db, since=args.since, until=args.until)
    sys.stdout.write(render_rows(rows, args.format, key="displacement", columns=DISPLACEMENT_COLUMNS))
    return EXIT_OK


def run_eval(args: argparse.Namespace) -> int:
    import json

    from .api import evaluate
    from .evaluation.report import render_table

    def announce(name: str) -> None:
        print(f"sitrep: scoring {name}", file=sys.stderr)

    results = evaluate(args.sets or ["all"], data_dir=args.data, limit=args.limit, split=args.split,
                       on_set=announce if sys.stderr.isatty() else None)
    sys.stdout.write(json.dumps(results, indent=2) + "\n" if args.format == "json" else render_table(results))
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from .server import serve

    serve(db=args.db, host=args.host, port=args.port, max_mb=args.max_mb)
    return EXIT_OK


def run_gazetteer_import(args: argparse.Namespace) -> int:
    from .api import import_gazetteer

    count = import_gazetteer(args.file)
    print(f"sitrep: imported {count} places from {args.file}", file=sys.stderr)
    return EXIT_OK


def run_gazetteer_lookup(args: argparse.Namespace) -> int:
    from .gazetteer import Gazetteer

    for place in Gazetteer.default().lookup(args.name):
        print(f"{place.id}\t{place.name}\t{place.latitude:.4f}\t{place.longitude:.4f}\t{place.country}\t"
              f"{place.admin1 or ''}\t{place.feature_type}\t{place.population}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except SitrepError as exc:
        print(f"sitrep: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("sitrep: interrupted; everything stored so far is kept (re-run to finish the batch)", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
