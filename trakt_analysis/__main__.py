"""``python -m trakt_analysis``: the same as the ``trakt-analysis`` command."""

from .cli import main

raise SystemExit(main())
