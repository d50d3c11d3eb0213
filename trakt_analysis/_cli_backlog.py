"""The ``backlog`` and ``upcoming`` commands of ``trakt-analysis`` (see :mod:`.cli`)."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_backlog_commands"]


def _day(text: str) -> str:
    import pandas as pd

    try:
        pd.Timestamp(text)
    except (ValueError, TypeError):
        raise argparse.ArgumentTypeError(f"not a date such as 2026-03-10: {text!r}") from None
    return text


def _when_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        metavar="DATE",
        type=_day,
        help="plan as on this day, e.g. 2026-03-10 (default: today in the time zone)",
    )
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="IANA time zone of the days and times, e.g. Europe/Berlin, or trakt.tv's name of "
        "it, e.g. Tokyo for Asia/Tokyo (default: the profile's, else this machine's)",
    )


def add_backlog_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``backlog`` and ``upcoming`` to the subcommands `commands`."""
    from .cli import _count_option

    backlog = commands.add_parser(
        "backlog",
        parents=[common],
        help="print the backlog: episodes and hours left, state, pace and finish date per show",
        description="Print the backlog as a table: per show its state (watching, stalled, "
        "dropped, caught up, finished, not started, unknown), episodes and hours left, the "
        "last play, your pace and when you would finish at it.",
    )
    _when_options(backlog)
    _count_option(
        backlog,
        "--stalled-after",
        30,
        "a show with no play for more days is stalled (default: %(default)s)",
        metavar="DAYS",
    )
    _count_option(
        backlog,
        "--dropped-after",
        180,
        "... and dropped after more days than this (default: %(default)s)",
        metavar="DAYS",
    )
    backlog.set_defaults(run=_run_backlog, parser=backlog)

    upcoming = commands.add_parser(
        "upcoming",
        parents=[common],
        help="print the episodes of the shows you watch airing in the next days; "
        "--ics writes them as a calendar file",
        description="Print the announced episodes of the shows you watch (not dropped) that "
        "air in the next DAYS days, in local time. With --ics FILE also write them as an "
        "iCalendar file any calendar app imports (re-importing updates the events).",
    )
    _when_options(upcoming)
    _count_option(
        upcoming,
        "--days",
        30,
        "how many days ahead, today included (default: %(default)s)",
        metavar="N",
    )
    upcoming.add_argument(
        "--ics",
        metavar="FILE",
        help="also write an iCalendar file (needs: pip install 'trakt_analysis[calendar]')",
    )
    upcoming.set_defaults(run=_run_upcoming, parser=upcoming)


def _run_backlog(args: argparse.Namespace, status: Any) -> int:
    from .analysis.backlog import backlog
    from .cli import _load
    from .report.backlog import format_backlog

    progress = _load(args, status)  # with --metadata, the catalog asked the provider
    if args.dropped_after < args.stalled_after:
        args.parser.error("--dropped-after must be at least --stalled-after")
    plan = backlog(
        progress,
        today=args.today,
        tz=args.tz,
        stalled_after=f"{args.stalled_after}D",
        dropped_after=f"{args.dropped_after}D",
    )
    print(format_backlog(plan))
    return 0


def _run_upcoming(args: argparse.Namespace, status: Any) -> int:
    from .analysis.upcoming import upcoming
    from .cli import _load
    from .report.backlog import format_upcoming

    progress = _load(args, status)  # with --metadata, the catalog asked the provider
    frame = upcoming(progress, days=args.days, today=args.today, tz=args.tz)
    print(format_upcoming(frame))
    if args.ics:
        from .report.ics import write_ics

        path = write_ics(frame, args.ics)
        status(f"wrote {len(frame)} episodes to {path}")
    return 0
