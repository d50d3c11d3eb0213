"""The report's sections built in forked processes (report/_parts.py): same page, same warnings.

A barrier shared with the forked process makes the parallel cases deterministic:
part 0 (taken here) waits until part 1 has been taken by another process, so a
run that did not fork fails with a broken barrier instead of passing by luck.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest

import trakt_analysis as ta
from trakt_analysis.report import _parts
from trakt_analysis.report._parts import build_beside, build_parts
from trakt_analysis.report.html import report_html

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the report forks on Linux only"
)


#: The rule itself, before the fixture below sets it aside.
OTHER_THREADS = _parts._other_threads


@pytest.fixture(autouse=True)
def idle_threads(monkeypatch):
    """The stand-in servers of other tests run in threads of this process, idle between
    requests: for these tests they do not count (one test below checks the real rule)."""
    monkeypatch.setattr(_parts, "_other_threads", lambda: False)


def _met(barrier, in_child=None):
    """A part that, once another process has reached `barrier`, calls `in_child` in the
    forked process (whichever of the two parts it took) and returns its process id."""
    parent = os.getpid()

    def part(say):
        barrier.wait(timeout=20)
        if in_child is not None and os.getpid() != parent:
            in_child()
        return os.getpid()

    return part


def _pid(say):
    return os.getpid()


def _quiet(message):
    pass


def test_two_jobs_build_in_two_processes_and_keep_the_order():
    barrier = multiprocessing.get_context("fork").Barrier(2)
    said: list[str] = []

    def named(value):
        def part(say):
            say(f"part {value}")
            return value

        return part

    results = build_parts(
        [_met(barrier), _met(barrier), named("c"), named("d")], jobs=2, status=said.append
    )
    # One of the first two was built here, the other by the forked process.
    assert os.getpid() in results[:2]
    assert len(set(results[:2])) == 2
    assert results[2:] == ["c", "d"]
    # Only the parts built here report progress (a child's lines would interleave),
    # after one line that says so.
    assert said[0] == "4 parts, built by 2 processes"
    assert set(said[1:]) <= {"part c", "part d"}


def test_one_job_builds_everything_here_in_order():
    said: list[str] = []

    def part(value):
        def build(say):
            say(value)
            return (value, os.getpid())

        return build

    assert build_parts([part("a"), part("b"), part("c")], jobs=1, status=said.append) == [
        ("a", os.getpid()),
        ("b", os.getpid()),
        ("c", os.getpid()),
    ]
    assert said == ["a", "b", "c"]


def test_a_running_thread_means_no_fork(monkeypatch):
    monkeypatch.setattr(_parts, "_other_threads", OTHER_THREADS)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        pids = build_parts([_pid, _pid, _pid], jobs=2, status=_quiet)
    finally:
        stop.set()
        thread.join()
    assert pids == [os.getpid()] * 3


def test_a_warning_in_the_forked_process_is_issued_here():
    barrier = multiprocessing.get_context("fork").Barrier(2)

    def warns():
        warnings.warn("show 'Dark' (2017): odd runtime -1", ta.TraktDataWarning, stacklevel=1)

    parts = [_met(barrier, warns), _met(barrier, warns)]
    with pytest.warns(ta.TraktDataWarning, match="show 'Dark' \\(2017\\): odd runtime -1"):
        build_parts(parts, jobs=2, status=_quiet)


def test_an_error_in_the_forked_process_is_raised_here():
    barrier = multiprocessing.get_context("fork").Barrier(2)

    def fails():
        raise ta.TraktDataError("history part 3: not JSON")

    with pytest.raises(ta.TraktDataError, match="history part 3: not JSON") as raised:
        build_parts([_met(barrier, fails), _met(barrier, fails)], jobs=2, status=_quiet)
    # Where it was raised, for --debug: the forked process's traceback, naming the part.
    (note,) = raised.value.__notes__
    assert note.startswith("Raised in a forked process of the report:\nTraceback")
    assert "in fails" in note


def test_an_error_that_cannot_travel_is_named():
    barrier = multiprocessing.get_context("fork").Barrier(2)

    class Local(Exception):  # a local class does not pickle
        pass

    def fails():
        raise Local("drawing failed")

    with pytest.raises(ta.TraktError, match="Local: drawing failed"):
        build_parts([_met(barrier, fails), _met(barrier, fails)], jobs=2, status=_quiet)


def test_a_process_that_dies_is_an_error_not_a_hang():
    barrier = multiprocessing.get_context("fork").Barrier(2)

    def dies():
        os._exit(3)

    with pytest.raises(ta.TraktError, match=r"exit code 3.*--jobs 1"):
        build_parts([_met(barrier, dies), _met(barrier, dies)], jobs=2, status=_quiet)


def test_a_numpy_integer_is_a_whole_number_of_jobs():
    import numpy as np

    assert build_parts([_pid, _pid], jobs=np.int64(1), status=_quiet) == [os.getpid()] * 2


def test_a_bad_dpi_is_refused_before_the_file_is_read(tmp_path, capsys):
    from trakt_analysis.cli import main

    missing = tmp_path / "not-there.zip"  # were it read first, this would be the error
    assert main(["report", str(missing), "--dpi", "5", "-o", str(tmp_path / "r.html")]) != 0
    assert "dpi must be a whole number from 10 to 600, got 5" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True, "2"])
def test_bad_jobs(jobs):
    with pytest.raises(ta.TraktArgumentError, match="jobs must be a whole number"):
        build_parts([_pid], jobs=jobs, status=_quiet)
    with pytest.raises(ta.TraktArgumentError, match="jobs must be a whole number"):
        report_html(ta.load_demo("casual"), jobs=jobs)


def test_the_page_is_the_same_with_one_job_or_three():
    progress = ta.load_demo("casual")
    options = dict(dpi=30, generated=datetime(2026, 1, 15, tzinfo=UTC), tz="Europe/Berlin")
    alone = report_html(progress, jobs=1, **options)
    assert report_html(progress, jobs=3, **options) == alone
    assert alone.count("<figure") >= 7  # the charts were drawn, not left out


def test_a_file_is_loaded_beside_the_imports(tmp_path):
    barrier = multiprocessing.get_context("fork").Barrier(2)
    said = tmp_path / "status.txt"  # a file: the forked process writes it

    def status(message):
        with said.open("a", encoding="utf-8") as out:
            out.write(message + "\n")

    def load(say):
        say("loading demo-export.zip")
        barrier.wait(timeout=20)  # only returns while `meanwhile` waits too: two processes
        warnings.warn("show 'Dark' (2017): odd runtime -1", ta.TraktDataWarning, stacklevel=1)
        return os.getpid()

    with pytest.warns(ta.TraktDataWarning, match="odd runtime"):
        pid = build_beside(load, lambda: barrier.wait(timeout=20), status=status)
    assert pid != os.getpid()
    # The loading process's messages are shown: this one is busy importing meanwhile.
    assert said.read_text(encoding="utf-8") == "loading demo-export.zip\n"


def test_without_fork_the_file_is_loaded_here_after_the_imports(monkeypatch):
    monkeypatch.setattr(_parts, "_other_threads", lambda: True)
    order: list[str] = []

    def load(say):
        order.append("load")
        return os.getpid()

    assert build_beside(load, lambda: order.append("imports"), status=_quiet) == os.getpid()
    assert order == ["imports", "load"]


@pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")
def test_the_command_line_reads_a_file_beside_its_imports(tmp_path, capsys, monkeypatch):
    from trakt_analysis.cli import main

    export = Path(__file__).resolve().parents[2] / "data/fixtures/export/demo-export.zip"
    pids: list[int] = []
    real = _parts.build_beside

    def spied(part, meanwhile, *, status):
        pids.append(0)  # here: build_beside was called
        return real(lambda say: (pids.append(os.getpid()), part(say))[1], meanwhile, status=status)

    monkeypatch.setattr(_parts, "build_beside", spied)
    out = tmp_path / "report.html"
    assert main(["report", str(export), "-o", str(out), "--dpi", "20", "-q"]) == 0
    assert pids == [0]  # the reading process's pid was appended to its own copy
    # The loader's warning (one entry in two history parts), issued in the forked process,
    # reaches the user once.
    err = capsys.readouterr().err
    assert err.count("listed twice") == 1
    page = out.read_text(encoding="utf-8")
    assert page.count("<figure") >= 4


_ORPHAN = """
import os, sys, time
from pathlib import Path
from trakt_analysis.report._parts import build_parts

parent, folder = os.getpid(), Path(sys.argv[1])

def part(say):
    if os.getpid() == parent:
        (folder / "parent-working").write_text("")
        time.sleep(60)  # killed meanwhile
    (folder / "child").write_text(str(os.getpid()))
    time.sleep(1.5)  # the parent dies meanwhile
    return b"x" * 1_000_000  # more than a pipe holds

build_parts([part, part], jobs=2, status=print)
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
    except (FileNotFoundError, IndexError):
        return True
    return state in ("Z", "X")  # exited (a zombie waits for its reaper)


def test_a_forked_process_ends_when_its_parent_is_killed(tmp_path):
    # Killed alone (SIGKILL, a timeout), the parent cannot end its children: they must see
    # it and end, not wait forever to send a result nobody reads, holding the output open.
    import signal
    import subprocess
    import time

    script = subprocess.Popen([sys.executable, "-c", _ORPHAN, str(tmp_path)])
    try:
        deadline = time.monotonic() + 30
        while not ((tmp_path / "child").exists() and (tmp_path / "parent-working").exists()):
            assert time.monotonic() < deadline, "the parts did not start"
            time.sleep(0.05)
        child = int((tmp_path / "child").read_text())
        script.send_signal(signal.SIGKILL)
        script.wait(timeout=10)
        deadline = time.monotonic() + 15
        while not _gone(child):
            assert time.monotonic() < deadline, f"process {child} outlived its parent"
            time.sleep(0.1)
    finally:
        if script.poll() is None:
            script.kill()


def test_a_forked_process_leaves_ctrl_c_and_termination_to_this_one():
    # Ctrl-C reaches the whole process group: this process stops the forked ones, which
    # would otherwise each print a traceback. A handler of the caller's for SIGTERM (with
    # which this process ends them) is not theirs to run.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        barrier = multiprocessing.get_context("fork").Barrier(2)

        def handlers(say):
            barrier.wait(timeout=20)
            ignores_ctrl_c = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            return os.getpid(), ignores_ctrl_c, signal.getsignal(signal.SIGTERM) is signal.SIG_DFL

        results = build_parts([handlers, handlers], jobs=2, status=_quiet)
    finally:
        signal.signal(signal.SIGTERM, previous)
    (forked,) = [result[1:] for result in results if result[0] != os.getpid()]
    assert forked == (True, True)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # here: unchanged


def _report_in(connection):
    """Build two parts with two jobs, and send the pids or the error's name on `connection`."""
    try:
        connection.send(build_parts([_pid, _pid], jobs=2, status=_quiet))
    except Exception as exc:
        connection.send(f"{type(exc).__name__}: {exc}")


def test_a_daemonic_process_builds_here():
    # A worker of a multiprocessing.Pool is daemonic, and may have no child: the report
    # of a Pool's worker builds its parts there, one after another.
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_report_in, args=(sender,), daemon=True)
    worker.start()
    sender.close()
    try:
        pids = receiver.recv()
    finally:
        worker.join()
    assert pids == [worker.pid, worker.pid]


def _odd_runtime():
    warnings.warn("show 'Dark' (2017): odd runtime -1", ta.TraktDataWarning, stacklevel=1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_warning_of_two_processes_is_shown_once_as_in_one(jobs):
    # The same warning from the same line, in a part built here and one built in the
    # forked process: "default" shows it once per place, as one process does.
    barrier = multiprocessing.get_context("fork").Barrier(2)

    def part(say):
        if jobs == 2:
            barrier.wait(timeout=20)
        _odd_runtime()
        return os.getpid()

    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("default")
        pids = build_parts([part, part], jobs=jobs, status=_quiet)
    assert len(set(pids)) == jobs
    assert [str(item.message) for item in shown] == ["show 'Dark' (2017): odd runtime -1"]


def _no_fork():
    raise BlockingIOError(11, "Resource temporarily unavailable")  # fork()'s EAGAIN


def _no_semaphores(self, *args, **kwargs):
    raise OSError(38, "Function not implemented")  # sem_open without /dev/shm


@pytest.mark.parametrize(
    ("target", "failure"),
    [(os, ("fork", _no_fork)), (multiprocessing.context.BaseContext, ("Value", _no_semaphores))],
    ids=["fork-fails", "no-semaphores"],
)
def test_where_no_process_can_be_forked_the_parts_are_built_here(monkeypatch, target, failure):
    # Too many processes (EAGAIN), no memory to fork (ENOMEM), no POSIX semaphores (a
    # container without /dev/shm): as with jobs=1, not an error.
    monkeypatch.setattr(target, *failure)
    order: list[str] = []

    def load(say):
        order.append("load")
        return os.getpid()

    assert build_parts([_pid, _pid, _pid], jobs=3, status=_quiet) == [os.getpid()] * 3
    assert build_beside(load, lambda: order.append("imports"), status=_quiet) == os.getpid()
    assert order == ["imports", "load"]
