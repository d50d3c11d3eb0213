"""Paths of the bundled fixtures that several test modules read."""

from __future__ import annotations

from pathlib import Path

EXPORT = Path(__file__).parents[2] / "data" / "fixtures" / "export" / "demo-export.zip"
