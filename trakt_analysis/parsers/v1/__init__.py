"""The API v1 ``user/progress/watched`` parser.

Two ways in, one result: :func:`parse_progress` walks parsed JSON in full;
:func:`parse_progress_json` decodes the bytes with msgspec (:mod:`.typed`,
episodes read in bulk by :mod:`.episode_bytes`) and falls back to the full walk
(:mod:`.walk`) wherever that path declines. Both end in the same build of the
columns (:mod:`.build`); the fields both read are listed in :mod:`.fields`.
"""

from __future__ import annotations

from ..parsed import ParsedProgress
from .parse import check_failure_body, parse_progress, parse_progress_json

__all__ = ["ParsedProgress", "check_failure_body", "parse_progress", "parse_progress_json"]
