"""Build the report's independent parts (its sections) on every core: forked processes.

Why fork: a new interpreter pays the imports again (about a second for pandas and
matplotlib), more than most parts cost. A forked child has the imports and the
loaded data already; it sends back only its parts' results (HTML text). Parts
are taken in the order given by whichever process is free, so the costliest go
first.

Forking is used only where it is safe: on Linux (macOS's system frameworks are
not fork-safe), with more than one usable core, and while no other Python thread
runs (a thread holding a lock at the fork leaves it held in the child: a Jupyter
kernel has such threads), and not in a worker of a multiprocessing.Pool (a
daemonic process, which may not have children). Otherwise, with ``jobs=1``, and
where no process can be forked (too many processes, too little memory, no POSIX
semaphores), the parts run here, one after another. The result is the same either way; so
are the warnings, which a child records and this process issues again.
"""

from __future__ import annotations

import multiprocessing
import numbers
import os
import pickle
import signal
import sys
import threading
import traceback
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..errors import TraktArgumentError, TraktError

__all__ = ["Status", "build_beside", "build_parts", "check_jobs", "usable_cores"]

T = TypeVar("T")
#: Called with a short message before each step, to show progress.
Status = Callable[[str], None]
#: A part: given a status callback, returns its result (for the report, HTML text).
Part = Callable[[Status], T]


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def check_jobs(jobs: object) -> int | None:
    """`jobs` as an int (a numpy integer too), or None; else :class:`TraktArgumentError`."""
    if jobs is None:
        return None
    if not isinstance(jobs, bool) and isinstance(jobs, numbers.Integral) and int(jobs) >= 1:
        return int(jobs)
    raise TraktArgumentError(f"jobs must be a whole number of at least 1, got {jobs!r}")


def _other_threads() -> bool:
    """Whether a Python thread besides this one runs (then no fork: see the module's notes)."""
    return threading.active_count() > 1


def _shared_counter() -> tuple[Any, Any] | None:
    """The fork context and a counter of the parts taken, which forked processes share.

    None where forking is not used (see the module's notes) or the counter's lock
    cannot be had (a system without POSIX semaphores: a container without /dev/shm).
    """
    if not _can_fork():
        return None
    context = multiprocessing.get_context("fork")
    try:
        return context, context.Value("i", 0)
    except OSError:
        return None


def _can_fork() -> bool:
    # A daemonic process (a multiprocessing.Pool's worker) may not have children.
    return (
        sys.platform.startswith("linux")
        and not _other_threads()
        and not multiprocessing.current_process().daemon
    )


def _quiet(message: str) -> None:
    """A child's status: its messages would interleave with this process's."""


def _take(counter: Any) -> int:
    with counter.get_lock():
        index = int(counter.value)
        counter.value += 1
    return index


def _picklable(exc: BaseException) -> BaseException:
    """`exc` as it can travel to the parent, with where it was raised (for ``--debug``)."""
    where = "".join(traceback.format_exception(exc)).rstrip()
    note = f"Raised in a forked process of the report:\n{where}"
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # anything the pickle cannot carry
        exc = TraktError(f"{type(exc).__name__}: {exc}")
    exc.add_note(note)
    return exc


#: A recorded warning as it travels between processes: the warning, its class, file, line.
_Recorded = tuple[Warning | str, type[Warning], str, int]


def _portable(recorded: list[warnings.WarningMessage]) -> list[_Recorded]:
    """The warnings as plain tuples (a WarningMessage may carry objects that do not pickle)."""
    out: list[_Recorded] = []
    for caught in recorded:
        message: Warning | str = caught.message
        try:
            pickle.loads(pickle.dumps(message))
        except Exception:  # then its text
            message = str(message)
        out.append((message, caught.category, caught.filename, caught.lineno))
    return out


def _child(
    parts: Sequence[Part[Any]], counter: Any, connection: Any, status: Status, readers: list[Any]
) -> None:
    """Run parts until none is left; send their results and recorded warnings, or the error.

    The pipes' reading ends this process inherited (`readers`) are closed first, so
    that with this process's parent gone a send fails instead of waiting forever; and
    no part is started once the parent is gone.
    """
    for reader in readers:
        reader.close()
    parent = os.getppid()
    # Ctrl-C reaches the whole process group: the parent ends this process (SIGTERM),
    # which neither prints a traceback nor runs a handler of the caller's.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    done: dict[int, Any] = {}
    with warnings.catch_warnings(record=True) as recorded:
        try:
            while (index := _take(counter)) < len(parts):
                if os.getppid() != parent:  # the parent died: nobody wants the rest
                    return
                done[index] = parts[index](status)
            outcome: tuple[str, Any] = ("done", done)
        except BaseException as exc:  # every error goes to the parent
            outcome = ("error", _picklable(exc))
    try:
        try:
            connection.send((*outcome, _portable(recorded)))
        except (
            pickle.PicklingError,
            TypeError,
            AttributeError,
        ) as exc:  # a result that does not pickle
            connection.send(("error", _picklable(exc), _portable(recorded)))
    except OSError:  # the parent is gone (a broken pipe): nothing to tell
        pass


def _origin(filename: str) -> Any:
    """The loaded module whose file is `filename`; None when none is."""
    return next(
        (m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == filename), None
    )


def _reissue(recorded: list[_Recorded], registry: dict[Any, Any]) -> None:
    """Issue a child's warnings here, as their own line would have.

    Each goes through the registry of the module it names, as :func:`warnings.warn`
    does: a warning this process (or another child) has shown from that line is
    not shown again, as in one process. `registry` is for a file that is no
    loaded module's.
    """
    for message, category, filename, lineno in recorded:
        module = _origin(filename)
        if module is None:
            warnings.warn_explicit(message, category, filename, lineno, registry=registry)
            continue
        names = vars(module)
        warnings.warn_explicit(
            message,
            category,
            filename,
            lineno,
            module=module.__name__,
            registry=names.setdefault("__warningregistry__", {}),
            module_globals=names,
        )


def _receive(child: Any, receiver: Any) -> tuple[str, Any, list[_Recorded]]:
    try:
        return receiver.recv()
    except EOFError:
        child.join()
        raise TraktError(
            f"a report process ended before sending its parts (exit code {child.exitcode}); "
            "try jobs=1 (--jobs 1)"
        ) from None


_Children = list[tuple[Any, Any]]


def _start(
    context: Any,
    counter: Any,
    parts: Sequence[Part[Any]],
    n: int,
    say: Status,
    children: _Children,
) -> None:
    """Fork `n` processes that take `parts` by `counter`, each added to `children` with
    the pipe it answers on as soon as it runs (so that :func:`_end` ends it, even
    when Ctrl-C comes during the next fork)."""
    with warnings.catch_warnings():
        # Python 3.12+ warns of fork() in a process with threads. This one has only
        # native, idle pool threads, whose libraries re-create them in a forked child
        # (pthread_atfork: OpenBLAS; Arrow since 11, apache/arrow#14594, and we need
        # pyarrow>=18); a Python thread makes _can_fork() say no.
        warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
        for _ in range(n):
            receiver, sender = context.Pipe(duplex=False)
            readers = [*(reader for _, reader in children), receiver]  # for the child to close
            child = context.Process(
                target=_child, args=(parts, counter, sender, say, readers), daemon=True
            )
            # Ctrl-C held back while forking: the child ignores it from its first step.
            held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                child.start()
                children.append((child, receiver))
            except OSError:  # no process to be had (EAGAIN, ENOMEM): fewer take the parts
                receiver.close()
                break
            finally:
                sender.close()
                signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _collect(children: _Children, results: dict[int, Any]) -> None:
    """The children's results into `results`; their warnings issued here, their error raised."""
    registry: dict[Any, Any] = {}
    for child, receiver in children:
        outcome, payload, recorded = _receive(child, receiver)
        _reissue(recorded, registry)
        if outcome == "error":
            raise payload
        results.update(payload)


def _end(children: _Children) -> None:
    for child, receiver in children:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


def build_beside(part: Part[T], meanwhile: Callable[[], object], *, status: Status) -> T:
    """`part`'s result, built in a forked process while this one runs `meanwhile()`.

    For work that does not need this process, such as loading a file while
    this one imports the charts. The part gets `status` (this process is busy
    with `meanwhile` then, so their messages do not interleave). Where forking
    is not used (see the module's notes), `meanwhile()` then `part` run here.

    Raises
    ------
    Exception
        The part's error, as for :func:`build_parts`; or the error of `meanwhile`.
    """
    shared = _shared_counter() if usable_cores() > 1 else None
    children: _Children = []
    results: dict[int, T] = {}
    try:
        if shared is not None:
            _start(*shared, [part], 1, status, children)
        meanwhile()
        if not children:  # not forked
            return part(status)
        _collect(children, results)
    finally:
        _end(children)
    return results[0]


def build_parts(parts: Sequence[Part[T]], *, jobs: int | None = None, status: Status) -> list[T]:
    """Every part's result, in the order of `parts`, built by up to `jobs` processes.

    Parameters
    ----------
    parts : sequence of callables
        Each takes a status callback and returns its result; the results must
        pickle. Put the costliest first.
    jobs : int, optional
        Processes to use, this one included; default: the usable cores.
        1 builds every part here, in order.
    status : callable
        Passed to the parts built in this process (a child's parts get none).

    Raises
    ------
    TraktArgumentError
        `jobs` is not a whole number of at least 1.
    Exception
        The first error of a part, as the part raised it (or a
        :class:`~trakt_analysis.errors.TraktError` naming it, when it cannot
        be sent between processes).
    """
    processes = min(check_jobs(jobs) or usable_cores(), len(parts))
    shared = _shared_counter() if processes > 1 else None
    if shared is None:
        return [part(status) for part in parts]
    counter = shared[1]
    children: _Children = []
    results: dict[int, T] = {}
    try:
        _start(*shared, parts, processes - 1, _quiet, children)
        if children:  # the parts the others build report nothing (lines would interleave)
            status(f"{len(parts)} parts, built by {len(children) + 1} processes")
        while (index := _take(counter)) < len(parts):
            results[index] = parts[index](status)
        _collect(children, results)
    finally:
        _end(children)
    return [results[index] for index in range(len(parts))]
