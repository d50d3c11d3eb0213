"""Run a stand-in server from the command line: ``python -m trakt_analysis.demo.serve tvmaze|v2``.

It prints the URL and the environment to point the CLI, a notebook or your own
code at it (for API v2: the fake client id and secret, which open nothing but
the stand-in), then serves on 127.0.0.1 until Ctrl-C. Nothing leaves the
machine. The TVmaze client keeps TVmaze's rate limit only for TVmaze itself: on
a loopback URL (this stand-in) it does not wait.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence

from .users import DEMO_USERS

__all__ = ["main"]


def _lines_tvmaze(user: str) -> tuple[object, list[str]]:
    from .tvmaze_server import TVmazeServer

    server = TVmazeServer(user)
    return server, [
        f"TVmaze stand-in for the demo user {user!r} at {server.base_url}",
        "",
        f"  export TVMAZE_BASE_URL={server.base_url}",
        "  trakt-analysis report data/fixtures/export/demo-export.zip --metadata tvmaze",
        "",
        "In Python: ta.TVmaze(base_url=...) with the URL above.",
    ]


def _lines_v2(user: str) -> tuple[object, list[str]]:
    from .generate import make_specs
    from .v2_server import FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, V2Server

    server = V2Server({user: make_specs(12, seed=7)})
    server.device_interval = 1  # trakt.tv asks to poll every 5 s; the stand-in is quicker
    auth = getattr(server, "auth_url", None)
    return server, [
        f"API v2 stand-in at {server.base_url} (user {user!r}; fake credentials, "
        "good for this stand-in only)",
        "",
        f"  export TRAKT_API_URL={server.base_url}",
        *([f"  export TRAKT_AUTH_URL={auth}"] if auth else []),
        f"  export TRAKT_CLIENT_ID={FAKE_CLIENT_ID}",
        f"  export TRAKT_CLIENT_SECRET={FAKE_CLIENT_SECRET}",
        "  trakt-analysis login            # approves itself after one poll",
        "  trakt-analysis report --trakt me",
        "",
        f"Public profile without login: trakt-analysis report --trakt {user}",
    ]


_SERVERS = {"tvmaze": _lines_tvmaze, "v2": _lines_v2}


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python -m trakt_analysis.demo.serve``."""
    parser = argparse.ArgumentParser(
        prog="python -m trakt_analysis.demo.serve",
        description="Serve a stand-in TVmaze or trakt.tv API v2 on 127.0.0.1, built from "
        "the demo data, until Ctrl-C.",
    )
    parser.add_argument("server", choices=list(_SERVERS), help="which stand-in to run")
    parser.add_argument(
        "--user",
        default=None,
        help="the demo user it serves (tvmaze: one of "
        f"{', '.join(DEMO_USERS)}; default demo; v2: any name, default ada)",
    )
    return parser


def main(argv: Sequence[str] | None = None, *, stop: threading.Event | None = None) -> int:
    """Start the stand-in, print how to use it, serve until Ctrl-C (or until `stop` is set)."""
    args = build_parser().parse_args(argv)
    if args.server == "tvmaze":
        user = args.user or "demo"
        if user not in DEMO_USERS:
            print(f"unknown demo user {user!r}; choose one of: {', '.join(DEMO_USERS)}")
            return 2
    else:
        user = args.user or "ada"
    server, lines = _SERVERS[args.server](user)
    server.start()  # type: ignore[attr-defined]
    try:
        print("\n".join(lines), flush=True)
        print("\nServing; Ctrl-C stops.", flush=True)
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.stop()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
