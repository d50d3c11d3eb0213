"""The ``review`` and ``dashboard`` commands of the command line (kept apart from cli.py).

:func:`add_commands` adds them to the parser; each run function only formats
what :mod:`trakt_analysis.analysis.year_review` computed or starts the app.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import TraktArgumentError

__all__ = ["add_commands"]

THEMES = ("dark", "light")


def _whole(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be {low}-{high}, got {value}")
        return value

    return parse


#: A calendar year on the command line (--year of every command): checked before any work.
year_type = _whole(1900, 2200, "the year")


def add_commands(
    commands: Any,
    common: argparse.ArgumentParser,
    *,
    load: Callable[..., Any],
) -> None:
    """Add ``review`` and ``dashboard`` to `commands` (argparse sub-parsers).

    `load` is the CLI's own source loading (:func:`~trakt_analysis.sources.catalog.load_source`),
    so every command reads SOURCE, --demo, --trakt, --metadata ... the same way.
    """
    review = commands.add_parser(
        "review",
        parents=[common],
        help="a year (or month) in review: print the highlights, draw a card to share",
        description="Print a year (or month) in review of the watch history and, with -o, "
        "draw it as one portrait image to share (PNG, or SVG by suffix). Nothing is fetched "
        "from the network for the image.",
    )
    review.add_argument(
        "--year",
        type=year_type,
        help="the calendar year, local time (default: the last full year when it has plays, "
        "else the latest year with a play)",
    )
    review.add_argument(
        "--month", type=_whole(1, 12, "the month"), help="review one month (1-12) of --year"
    )
    review.add_argument(
        "-o", "--output", metavar="FILE", help="draw the card to FILE (.png or .svg)"
    )
    review.add_argument(
        "--theme", choices=THEMES, default="dark", help="the card's colours (default: dark)"
    )
    review.add_argument(
        "--dpi",
        type=_whole(30, 1200, "--dpi"),
        default=150,
        help="the card's pixels per inch: larger text at a higher value (default: 150)",
    )
    review.add_argument(
        "--size",
        metavar="WxH",
        default="1080x1350",
        help="the card's size in pixels (default: %(default)s)",
    )
    review.add_argument(
        "--svg",
        metavar="FILE",
        help="also save the year's calendar heatmap as a compact SVG (a README badge)",
    )
    review.add_argument(
        "--tz",
        metavar="ZONE",
        help="IANA time zone, e.g. Europe/Berlin, or trakt.tv's name of it, e.g. Tokyo for "
        "Asia/Tokyo (default: the profile's, else this machine's)",
    )

    def run_review(args: argparse.Namespace, status: Callable[[str], None]) -> int:
        progress = load(args, status)
        return _run_review(args, progress, progress.provenance.label, status)

    review.set_defaults(run=run_review, parser=review)

    dashboard = commands.add_parser(
        "dashboard",
        parents=[common],
        help="open the explorer, the history and the year in review as a local web page",
        description="Serve a dashboard (Voilà: the explorer, the history, the year in review "
        "and the breakdowns) on 127.0.0.1. The SOURCE is loaded on this machine; in the page "
        "you can also upload an export ZIP, which stays on this machine. Needs the "
        "'dashboard' extra: pip install 'trakt_analysis[dashboard]'.",
    )
    dashboard.add_argument(
        "--port", type=_whole(0, 65535, "--port"), default=8866, help="(default: %(default)s)"
    )
    dashboard.add_argument("--no-browser", action="store_true", help="do not open a web browser")

    def run_dashboard(args: argparse.Namespace, status: Callable[[str], None]) -> int:
        from .dashboard.serve import serve

        return serve(args, status)

    dashboard.set_defaults(run=run_dashboard, parser=dashboard)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise TraktArgumentError(f"--size: give WIDTHxHEIGHT in pixels, got {text!r}") from None
    return width, height


def _run_review(
    args: argparse.Namespace, progress: Any, label: str, status: Callable[[str], None]
) -> int:
    from .analysis.history import watched_at
    from .analysis.timezone import resolve_timezone
    from .analysis.year_review import YearInReview, month_in_review, year_in_review

    if progress.history is None:
        raise TraktArgumentError(
            f"{label} has no watch history (API v1 sends none): load the account export "
            "or use API v2 (--trakt)"
        )
    zone = resolve_timezone(args.tz, progress)
    times = watched_at(progress.history).dropna().dt.tz_convert(zone)
    if not len(times):
        raise TraktArgumentError(f"{label}: no play has a date, so there is nothing to review")
    year = args.year
    if year is None:
        # As the report and the dashboard choose it: the last full year when it has plays
        # (a review of a year still running is asked for with --year), else the latest.
        from datetime import UTC, datetime

        from .report.history_html import default_year

        year = default_year(progress, datetime.now(UTC), zone) or int(times.dt.year.max())
    review: YearInReview  # or its MonthInReview
    if args.month is not None:
        review = month_in_review(progress, year, args.month, tz=zone)
    else:
        review = year_in_review(progress, year, tz=zone)
    if not review.totals["plays"]:
        # A review of nothing is not a review of zeros: say so, and where the plays are.
        raise TraktArgumentError(
            f"{label}: no plays in {review.label} (local time in {zone}); the history's "
            f"plays are from {times.min():%Y-%m-%d} to {times.max():%Y-%m-%d}"
        )
    table = review.table()
    width = int(table["label"].str.len().max())
    print(f"{review.label} in review ({label})")
    for row in table.itertuples(index=False):
        print(f"  {row.label:<{width}}  {row.value}")
    for note in review.notes:
        print(f"  note: {note}")
    if args.output is not None:
        status("drawing the card")
        from .plotting.card import plot_review_card

        plot_review_card(review, args.output, size=_size(args.size), dpi=args.dpi, theme=args.theme)
        print(f"Card written to {Path(args.output).resolve()}")
    if args.svg is not None:
        status("drawing the calendar")
        from .plotting.card import save_calendar_svg

        save_calendar_svg(progress, args.svg, year=year, tz=zone)
        print(f"Calendar written to {Path(args.svg).resolve()}")
    sys.stdout.flush()
    return 0
