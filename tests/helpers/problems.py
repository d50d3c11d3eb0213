"""Run a parser that records problems, and issue them as its source would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from trakt_analysis.parsers._problems import Problems
from trakt_analysis.sources._issue import issue

T = TypeVar("T")


def issued(parse: Callable[..., T], *args: Any, label: str, **kwargs: Any) -> T:
    """`parse(*args, label=label, problems=...)`, then its problems issued as warnings."""
    problems = Problems(label)
    result = parse(*args, label=label, problems=problems, **kwargs)
    issue(problems)
    return result
