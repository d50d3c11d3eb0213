"""TVmaze's cast and crew of a show -> rows of the people frame (:data:`schema.PEOPLE`).

``GET /shows/{id}/cast``: ``[{"person": {"id", "name", ...}, "character":
{"id", "name", ...}, "self", "voice"}]``; ``GET /shows/{id}/crew``: ``[{"type":
"Creator", "person": {...}}]``. Pure: payloads in, rows out. An entry without a
person's name is left out with a problem line naming the show; the others load.
"""

from __future__ import annotations

from typing import Any

from ._checks import short
from ._problems import Problems

__all__ = ["parse_tvmaze_people"]

_MAX_CREDITS = 10_000


def parse_tvmaze_people(cast: object, crew: object, *, problems: Problems) -> list[dict[str, Any]]:
    """The credits of one show: ``role``, ``person_id``, ``name``, ``character``, ``job``.

    Parameters
    ----------
    cast, crew : list
        The parsed JSON of ``/shows/{id}/cast`` and ``/shows/{id}/crew``.
    problems : Problems
        Made with the show's label: where the entries left out, and a document
        that is not a list, are recorded; the source issues them as warnings.

    Returns
    -------
    list of dict
        Cast first, in TVmaze's order (billing), then crew.
    """
    rows: list[dict[str, Any]] = []
    for role, data in (("cast", cast), ("crew", crew)):
        if not isinstance(data, list):
            problems.odd(f"TVmaze's {role}", f"not a list ({short(data)})", then="left out")
            continue
        for index, entry in enumerate(data[:_MAX_CREDITS]):
            person = entry.get("person") if isinstance(entry, dict) else None
            name = person.get("name") if isinstance(person, dict) else None
            if not isinstance(name, str) or not name.strip():
                problems.odd(f"{role} entry {index}", "names no person", then="left out")
                continue
            assert isinstance(entry, dict)
            assert isinstance(person, dict)
            person_id = person.get("id")
            character = entry.get("character")
            character_name = character.get("name") if isinstance(character, dict) else None
            job = entry.get("type")
            rows.append(
                {
                    "role": role,
                    "person_id": person_id if type(person_id) is int else None,
                    "name": name.strip(),
                    "character": character_name
                    if role == "cast" and isinstance(character_name, str)
                    else None,
                    "job": job if role == "crew" and isinstance(job, str) else None,
                }
            )
    return rows
