"""The command line: ``trakt-analysis report|summary|backlog|upcoming [SOURCE]``.

Also ``python -m trakt_analysis``.

Errors are one line on stderr and a non-zero exit status: 1 for bad data, a
failed download or an unwritable file, 2 for a bad command line, 130 when
interrupted. ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from ._advice import command_line
from ._version import __version__
from .analysis.sorting import SORT_ORDERS
from .demo.users import DEMO_USERS
from .errors import TraktError

if TYPE_CHECKING:
    from .progress import Progress

__all__ = ["build_parser", "main"]

PROG = "trakt-analysis"
EXTENDED = ("normal", "full")
METADATA = ("tvmaze",)  # --metadata providers

_DESCRIPTION = """\
Analyse what you watched on trakt.tv: your account export (the ZIP or its folder),
live from API v2 (--trakt me signed in, or a public profile), or saved API v1 files
(a user/progress/watched response).

Without a SOURCE the bundled demo user is used: no API key, no network.
"""

_EPILOG = """\
examples:
  trakt-analysis report                       report of the bundled demo user
  trakt-analysis report progress.json -o me.html
  trakt-analysis report trakt-export.zip      your account export (Settings > Data > Export)
  trakt-analysis report --year 2025           add a year in review (needs a watch history)
  trakt-analysis summary --demo binger        a text summary of another demo user
  trakt-analysis backlog trakt-export.zip --metadata tvmaze   hours left, finish dates
  trakt-analysis upcoming trakt-export.zip --metadata tvmaze --ics next.ics
  trakt-analysis report --user justin --extended full   fetch live (needs an API key)
  trakt-analysis login                        sign in to API v2 (TRAKT_CLIENT_ID/_SECRET)
  trakt-analysis report --trakt me --cache    your live progress from API v2, cached
  trakt-analysis review export.zip --year 2025 -o card.png   a year in review card to share
  trakt-analysis dashboard export.zip         the explorer and the review as a local page

Run 'trakt-analysis COMMAND --help' for a command's options.
"""


def _source_options() -> argparse.ArgumentParser:
    """Options shared by every command: where the data comes from, and --debug."""
    common = argparse.ArgumentParser(add_help=False)
    data = common.add_argument_group("data source (one of; default: the demo user 'demo')")
    data.add_argument(
        "source",
        nargs="?",
        metavar="SOURCE",
        help="a trakt.tv account export (the ZIP or the folder it unpacks to), or a saved "
        "API v1 user/progress/watched response in JSON ('-' reads standard input)",
    )
    data.add_argument(
        "--user",
        metavar="NAME",
        help="fetch NAME's progress live from the trakt API: the key is read from "
        "TRAKT_API_KEY (never from the command line), the server from TRAKT_BASE_URL",
    )
    data.add_argument(
        "--trakt",
        metavar="NAME",
        help="fetch live from API v2: 'me' (after 'trakt-analysis login') or a public "
        "profile; the app's id from TRAKT_CLIENT_ID, the server from TRAKT_API_URL",
    )
    data.add_argument(
        "--demo",
        metavar="NAME",
        choices=list(DEMO_USERS),
        help=f"a bundled demo user: {', '.join(DEMO_USERS)}",
    )
    shaping = common.add_argument_group("options")
    shaping.add_argument(
        "--sort",
        metavar="ORDER",
        choices=SORT_ORDERS,
        help=f"order of the shows: {', '.join(SORT_ORDERS)} "
        "(default: the response's order; with --user the API sorts)",
    )
    shaping.add_argument(
        "--extended",
        choices=EXTENDED,
        help="with --user: ask the API for more show fields (normal: url and images; "
        "full: network, genres, ratings ...)",
    )
    shaping.add_argument(
        "--cache",
        action="store_true",
        help="with --user or --trakt: keep answers in the user's cache directory; "
        "a re-run with nothing changed asks the server (almost) nothing",
    )
    shaping.add_argument(
        "--offline",
        action="store_true",
        help="with --user, --trakt or --metadata: use only the cache, send no request",
    )
    shaping.add_argument(
        "--history",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --trakt: also read the watch history (every play), as the report, --year "
        "and the summary's history figures need (default: read it; --no-history skips it)",
    )
    shaping.add_argument(
        "--metadata",
        choices=METADATA,
        help="fill the aired counts, the unwatched episodes, what to watch next and runtimes "
        "from TVmaze (for the account export, which has none); answers are cached in your "
        "user cache directory; TVMAZE_BASE_URL points elsewhere",
    )
    shaping.add_argument(
        "-q", "--quiet", action="store_true", help="print no progress messages on stderr"
    )
    shaping.add_argument(
        "--debug", action="store_true", help="on an error, show the full traceback"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``trakt-analysis``."""
    common = _source_options()
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    report = commands.add_parser(
        "report",
        parents=[common],
        help="write a one-file HTML report (charts and tables; opens offline)",
        description="Write a self-contained HTML report: summary numbers, charts and tables. "
        "The file needs no network to open.",
    )
    report.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="report.html",
        help="where to write the report (default: %(default)s); parent folders are created",
    )
    report.add_argument("--title", help="the report's heading")
    report.add_argument(
        "--no-charts", action="store_true", help="leave out the charts (faster, smaller)"
    )
    _count_option(
        report,
        "--dpi",
        96,
        "resolution of the chart images, 10-600 (default: %(default)s; 192 for sharp prints)",
    )
    _count_option(
        report,
        "--jobs",
        None,
        "processes that read the file and draw the charts (default: the usable cores; "
        "1: this one only)",
        metavar="N",
    )
    _year_options(
        report,
        year="add a year in review for this calendar year (needs a watch history)",
        tz_of="the history sections",
    )
    report.set_defaults(run=_run_report, parser=report)

    summary = commands.add_parser(
        "summary",
        parents=[common],
        help="print a text summary: totals, completion, what to watch next, the shows",
        description="Print a text summary of the progress to the terminal.",
    )
    _count_option(
        summary, "--top", 10, "shows listed under 'Watch next' (default: %(default)s)", metavar="N"
    )
    _year_options(
        summary,
        year="the year in review (needs a watch history; default: the last full year)",
        tz_of="the history's figures",
    )
    summary.set_defaults(run=_run_summary, parser=summary)

    from ._cli_backlog import add_backlog_commands

    add_backlog_commands(commands, common)

    login = commands.add_parser(
        "login",
        help="sign in to API v2 with a device code (stores the token in your config dir)",
        description="Sign in to trakt.tv API v2: open the link, enter the code shown. "
        "The app's id and secret come from TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET; the "
        "token is kept in your user config directory (mode 0600).",
    )
    login.add_argument("--debug", action="store_true", help="on an error, show the traceback")
    login.set_defaults(run=_run_login, parser=login, quiet=False)
    # review and dashboard (#27) live in their own module
    from ._cli_review import add_commands

    add_commands(commands, common, load=_load)
    return parser


def _year_options(parser: argparse.ArgumentParser, *, year: str, tz_of: str) -> None:
    """Add ``--year`` (help `year`) and ``--tz`` (the zone of `tz_of`) to `parser`."""
    from ._cli_review import year_type

    parser.add_argument("--year", type=year_type, help=year)
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help=f"IANA time zone of {tz_of}, e.g. Europe/Berlin, or trakt.tv's name of it, e.g. "
        "Tokyo for Asia/Tokyo (default: the profile's, else this machine's)",
    )


def _count_option(
    parser: argparse.ArgumentParser,
    flag: str,
    default: int | None,
    help: str,
    metavar: str | None = None,
) -> None:
    """Add `flag`, a whole number of at least 1 (`default` when not given), to `parser`."""
    parser.add_argument(flag, metavar=metavar, type=_positive_int, default=default, help=help)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


class _Status:
    """Progress messages on stderr, with the time since the start."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.start
            print(f"{PROG}: [{elapsed:5.1f}s] {message}", file=sys.stderr, flush=True)


def _check_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.command == "login":
        return
    sources = (
        ("SOURCE", args.source),
        ("--user", args.user),
        ("--trakt", args.trakt),
        ("--demo", args.demo),
    )
    given = [name for name, value in sources if value is not None]
    if len(given) > 1:
        parser.error(f"give only one data source, not {' and '.join(given)}")
    if args.extended and args.user is None:
        parser.error("--extended needs --user: it asks the API for more fields")
    if args.user is not None and not args.user.strip():
        parser.error("--user needs a username")
    if args.trakt is not None and not args.trakt.strip():
        parser.error("--trakt needs 'me' or a username")
    if getattr(args, "history", None) is not None and args.trakt is None:
        parser.error("--history and --no-history apply to --trakt (other sources say themselves)")
    if args.cache and args.user is None and args.trakt is None:
        parser.error("--cache applies to a networked source (--user or --trakt)")
    if args.offline and args.user is None and args.trakt is None and args.metadata is None:
        parser.error("--offline applies to a networked source (--user, --trakt or --metadata)")


def _load(args: argparse.Namespace, status: _Status) -> Progress:
    """The progress the arguments name (its ``provenance.label`` says where from), sorted once."""
    from .sources.catalog import load_source

    provider = _metadata_provider(args) if args.metadata is not None else None
    try:
        progress = load_source(
            args.source,
            user=args.user,
            trakt=args.trakt,
            demo=args.demo,
            sort=args.sort,
            extended=args.extended,
            cache=args.cache,
            offline=args.offline,
            metadata=provider,
            history=getattr(args, "history", None) is not False,
            status=status,
        )
    finally:
        if provider is not None:
            provider.close()
    if args.sort and args.user is None:  # with --user the API sorted
        from .analysis.sorting import sort_shows

        progress = dataclasses.replace(progress, shows=sort_shows(progress.shows, args.sort))
    return progress


def _metadata_provider(args: argparse.Namespace) -> Any:
    """The provider --metadata names: TVmaze (at ``TVMAZE_BASE_URL`` if set), cached."""
    from .sources.tvmaze import TVmaze

    options: dict[str, Any] = {}
    if _is_loopback(os.environ.get("TVMAZE_BASE_URL", "")):
        # TVmaze's rate limit is TVmaze's: a stand-in on this machine
        # (python -m trakt_analysis.demo.serve tvmaze) is not throttled.
        options["rate_limit"] = (1_000_000, 1.0)
    return TVmaze(offline=args.offline, progress_bar=False if args.quiet else None, **options)


def _is_loopback(url: str) -> bool:
    """Whether `url` points at this machine (127.0.0.0/8, ::1 or localhost)."""
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _run_report(args: argparse.Namespace, status: _Status) -> int:
    from .report.html import check_dpi

    check_dpi(args.dpi)  # before the file is read: a bad value costs no wait
    beside = not args.no_charts and args.jobs != 1 and _reads_local_data(args)
    if beside:
        # A file or the demo is read in a forked process while this one imports the charts
        # (two cores, one wait); API sources and standard input are read here.
        from .report._parts import build_beside
        from .report.html import import_charts

        progress = build_beside(partial(_load, args), import_charts, status=status)
    else:
        progress = _load(args, status)
    label = _label(progress)
    _warn_year(args, progress, label)
    if not args.no_charts and not beside:  # else imported while the file was read
        status("loading matplotlib")
    from .report.html import write_report

    # What is loaded now (modules, the progress) outlives the report: kept out of the
    # garbage collector's full passes, which walked all of it two or three times per
    # report (0.15 to 0.25 s CPU), and handed back after.
    gc.freeze()
    try:
        out = write_report(
            progress,
            args.output,
            title=args.title,
            source=label,
            charts=not args.no_charts,
            dpi=args.dpi,
            jobs=args.jobs,
            status=status,
            year=args.year,
            tz=args.tz,
        )
    finally:
        gc.unfreeze()
    size = out.stat().st_size
    print(f"Report written to {out.resolve()} ({size / 1024:,.0f} KB)")
    return 0


def _reads_local_data(args: argparse.Namespace) -> bool:
    """Whether the arguments name a file, a folder or the demo, with no network and no stdin."""
    source = getattr(args, "source", None)
    return (
        args.user is None
        and args.trakt is None
        and args.metadata is None
        and (source is None or os.fspath(source) != "-")
    )


def _label(progress: Progress) -> str:
    """Where `progress` came from, as the report and messages name it."""
    return progress.provenance.label if progress.provenance else "unknown source"


def _warn_year(args: argparse.Namespace, progress: Progress, label: str) -> None:
    """Say on stderr when --year cannot give a review: no history, or no play that year.

    Not an error (the rest is still worth having), but never a silent all-zero review.
    """
    if args.year is None:
        return
    if progress.history is None:
        why = (
            "--no-history was given"
            if getattr(args, "history", None) is False
            else f"{label} has no watch history (the account export and API v2 have one)"
        )
        print(
            f"{PROG}: warning: --year {args.year}: {why}, so there is no year in review",
            file=sys.stderr,
        )
        return
    from .analysis.timezone import resolve_timezone
    from .report.history_html import plays_in

    zone = resolve_timezone(args.tz, progress)
    if not plays_in(progress, args.year, zone):
        print(
            f"{PROG}: warning: --year {args.year}: no plays in {args.year} (local time in {zone})",
            file=sys.stderr,
        )


def _run_login(args: argparse.Namespace, status: _Status) -> int:
    from .sources.v2_api import TraktAPI

    with TraktAPI() as api:
        user = api.login()
    print(f"Signed in as {user}; the token is in {api._store.path}")
    return 0


def _run_summary(args: argparse.Namespace, status: _Status) -> int:
    from .report.text import format_summary

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        progress = _load(args, status)
    label = _label(progress)
    # The summary prints the provenance's notes: a warning that is one of them is said
    # once, as a note, not also as "warning:" on stderr.
    notes = set(progress.provenance.notes) if progress.provenance is not None else set()
    for item in caught:
        if str(item.message) not in notes:
            _show_warning(item.message, item.category, item.filename, item.lineno)
    _warn_year(args, progress, label)
    print(format_summary(progress, top=args.top, year=args.year, tz=args.tz))
    return 0


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " / ".join(part.strip() for part in text.splitlines() if part.strip())


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    print(f"{PROG}: warning: {_one_line(Warning(message))}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments, without the program name; ``sys.argv[1:]`` by default.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_args(args.parser, args)
    run: Callable[[argparse.Namespace, _Status], int] = args.run
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        try:
            with command_line():  # messages give command-line advice
                return run(args, _Status(args.quiet))
        except KeyboardInterrupt:
            if args.debug:
                raise
            print(f"{PROG}: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): not worth a message. Point
            # stdout at devnull so the interpreter's final flush does not fail.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        except TraktError as exc:
            if args.debug:
                raise
            print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
            return 1
        except Exception as exc:
            if args.debug:
                raise
            if isinstance(exc.__cause__, KeyboardInterrupt):
                # Python 3.11 wraps Ctrl-C during an import's class creation (__set_name__).
                print(f"{PROG}: interrupted", file=sys.stderr)
                return 130
            print(
                f"{PROG}: internal error: {type(exc).__name__}: {_one_line(exc)} "
                "(run again with --debug for the traceback, and please report it)",
                file=sys.stderr,
            )
            return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
