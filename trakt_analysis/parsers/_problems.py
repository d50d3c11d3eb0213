"""One collector for what a parse found odd: made once per parse, passed to every helper.

Our error policy: an odd value of one show loads as NA with a
:class:`~trakt_analysis.TraktDataWarning` naming the show, and an
inconsistency in the data (a percentage that disagrees with its counts) is
said, never silently fixed. A parser never warns itself: it records what it
found in a :class:`Problems` made with the source's label, and the source
issues the warnings in one place (:func:`trakt_analysis.sources.issue`), one
per place (show, entry, episode), the first :data:`MAX_SHOWN` of them and one
line saying how many more.

A value may only be dropped without a warning where the call says so by name:
:meth:`Problems.ignore` records the field and the reason (it is kept, never
shown). There is no other silent path.

>>> problems = Problems("p.json")
>>> problems.odd("item 0 ('Dark')", "year: 'soon' is not a number")
>>> problems.inconsistent("item 0 ('Dark')", "50% of 4 is not 3")
>>> problems.messages()
["p.json: item 0 ('Dark'): year: 'soon' is not a number; loaded as NA; 50% of 4 is not 3"]
"""

from __future__ import annotations

import itertools

__all__ = ["MAX_SHOWN", "MORE", "Problems"]

#: How many places a parse's warnings name; the rest are counted in one last line.
MAX_SHOWN = 10
#: The one phrase for the places beyond them: "... and 3 more with odd values or inconsistencies".
MORE = "with odd values or inconsistencies"


class Problems:
    """What one parse found odd or inconsistent, by place, in the order found.

    Parameters
    ----------
    label : str
        Names the source (a file, a URL) at the start of every message.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        # place -> what was found there, in the order found
        self._found: dict[str, list[str]] = {}
        # place -> its sort key: (the caller's order, or none, then the order first found)
        self._order: dict[str, tuple[float, int]] = {}
        self._counter = itertools.count()
        #: Fields dropped without a warning, by name, with the reason: see :meth:`ignore`.
        self.ignored: dict[str, str] = {}

    def _add(self, where: str, what: str, order: int | None) -> None:
        if where not in self._found:
            self._found[where] = []
            self._order[where] = (float("inf") if order is None else order, next(self._counter))
        self._found[where].append(what)

    def odd(
        self, where: str, what: str, *, then: str = "loaded as NA", order: int | None = None
    ) -> None:
        """A value at `where` is odd: `what` was wrong, and `then` is what became of it.

        `where` names the place for the user (``"item 3 ('Dark')"``, ``"entry
        12"``); `order`, where given, sorts the places (e.g. the item's index)
        before those without one.
        """
        self._add(where, f"{what}; {then}" if then else what, order)

    def inconsistent(self, where: str, what: str, *, order: int | None = None) -> None:
        """Values at `where` disagree (`what` says how); they are kept as sent."""
        self._add(where, what, order)

    def ignore(self, field: str, *, reason: str) -> None:
        """Values of `field` are dropped on purpose, without a warning, for `reason`."""
        self.ignored[field] = reason

    def extend(self, other: Problems) -> None:
        """Add what `other` found (another parse of the same load), under its own label."""
        for where, whats in other.found().items():
            prefix = f"{other.label}: " if other.label != self.label else ""
            for what in whats:
                self._add(f"{prefix}{where}", what, None)
        self.ignored.update(other.ignored)

    def found(self) -> dict[str, list[str]]:
        """Every place with what was found there, in order (nothing capped)."""
        places = sorted(self._found, key=self._order.__getitem__)
        return {where: list(self._found[where]) for where in places}

    def messages(self) -> list[str]:
        """One line per place, the first :data:`MAX_SHOWN`, and one line for the rest."""
        lines = [
            f"{self.label}: {where}: {'; '.join(whats)}"
            if where
            else f"{self.label}: {'; '.join(whats)}"
            for where, whats in self.found().items()
        ]
        if len(lines) > MAX_SHOWN:
            rest = len(lines) - MAX_SHOWN
            lines = [*lines[:MAX_SHOWN], f"{self.label}: ... and {rest} more {MORE}"]
        return lines

    def __len__(self) -> int:
        """How many places have a problem."""
        return len(self._found)

    def __repr__(self) -> str:
        return f"Problems({self.label!r}, {len(self)} places, {len(self.ignored)} ignored)"
