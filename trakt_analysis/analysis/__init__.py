"""Analysis: frames -> frames, no matplotlib."""
