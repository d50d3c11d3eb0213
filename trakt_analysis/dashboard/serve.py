"""``trakt-analysis dashboard``: serve the dashboard notebook with Voilà on 127.0.0.1.

Why Voilà: it runs the notebook's widgets with a live kernel (every control
works, unlike a static HTML export), hides the code cells, needs no JupyterLab,
and serves its own front-end files (nothing from a CDN). It is the Jupyter
project's tool for exactly this; Panel or Solara would mean a second widget
stack for the same ipywidgets the explorer already is.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from ..errors import TraktArgumentError, TraktDependencyError, TraktError
from ._logic import SOURCE_ENV

__all__ = ["NOTEBOOK", "serve", "voila_command"]

#: The notebook Voilà serves (one cell: ``Dashboard()``).
NOTEBOOK = Path(__file__).with_name("dashboard.ipynb")
#: How long to wait for Voilà to answer before giving up.
START_TIMEOUT = 60.0


def _require_voila() -> None:
    if importlib.util.find_spec("voila") is None:
        raise TraktDependencyError(
            "the dashboard needs Voilà, which is not installed: "
            "pip install 'trakt_analysis[dashboard]' (or: pip install voila)"
        )


#: Lines of Voilà and its kernels about their own set-up, true of every loopback dashboard
#: and nothing the user can act on: not passed on to the terminal (the rest is).
SETUP_NOISE = (
    "is not trusted",
    "Kernel is running over TCP without encryption",
    "websocket_ping_timeout",
)


def forward_stderr(lines: Iterable[str], out: TextIO) -> None:
    """Write each of `lines` (Voilà's stderr) to `out`, but those of :data:`SETUP_NOISE`."""
    for line in lines:
        if not any(noise in line for noise in SETUP_NOISE):
            out.write(line)
            out.flush()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def voila_command(port: int, token: str) -> list[str]:
    """The command line that serves :data:`NOTEBOOK` on 127.0.0.1:`port`."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(NOTEBOOK),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--token={token}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
        "--Voila.log_level=WARN",  # its start-up lines repeat what the command prints
        # a kernel runs the notebook before the first visit: the page opens in seconds
        "--preheat_kernel=True",
    ]


def wait_until_up(url: str, proc: subprocess.Popen[str], timeout: float = START_TIMEOUT) -> None:
    """Return once `url` answers; raise when the server exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise TraktError(f"Voilà exited with status {proc.returncode} before it served")
        try:
            with urllib.request.urlopen(url, timeout=2):  # loopback only
                return
        except urllib.error.HTTPError:
            return  # it answers (a 404 of the probe path is an answer)
        except OSError:
            time.sleep(0.2)
    raise TraktError(f"Voilà did not answer on {url.split('?')[0]} within {timeout:.0f} s")


def _source_path(args: argparse.Namespace) -> str:
    if args.user is not None or args.trakt is not None:
        raise TraktArgumentError(
            "the dashboard reads a SOURCE file or folder (or the demo users); for live "
            "data, save it first or use the explorer in JupyterLab"
        )
    if args.demo is not None:
        raise TraktArgumentError("the dashboard offers every demo user; leave out --demo")
    if args.source is None:
        return ""
    path = Path(args.source).expanduser()
    if not path.exists():
        raise TraktArgumentError(f"{args.source}: no such file or folder")
    return str(path.resolve())


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(args: argparse.Namespace, status: Callable[[str], None]) -> int:
    """Start Voilà on the dashboard notebook and wait until it is stopped (Ctrl+C)."""
    _require_voila()
    source = _source_path(args)
    port = args.port or free_port()
    token = secrets.token_hex(16)
    env = {**os.environ, SOURCE_ENV: source}
    env.pop("MPLBACKEND", None)  # the kernel's inline backend, not Agg
    status(f"starting Voilà on 127.0.0.1:{port}")
    # A SIGTERM must stop Voilà (and its kernels) too: run the clean-up below.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    proc = subprocess.Popen(
        voila_command(port, token), env=env, stderr=subprocess.PIPE, text=True, errors="replace"
    )
    threading.Thread(target=forward_stderr, args=(proc.stderr, sys.stderr), daemon=True).start()
    url = f"http://127.0.0.1:{port}/?token={token}"
    try:
        # probe a path that starts no kernel (the page itself would run the notebook)
        wait_until_up(f"http://127.0.0.1:{port}/favicon.ico", proc)
        print(f"The dashboard is at {url}  (Ctrl+C stops it)", flush=True)
        if not args.no_browser:
            webbrowser.open(url)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
