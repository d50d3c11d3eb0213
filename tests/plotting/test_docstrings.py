import inspect

import pytest

import trakt_analysis as ta
from trakt_analysis.plotting._docstrings import FRAGMENTS, fill_doc

CHARTS = [name for name in ta.__all__ if name.startswith("plot_")]


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_documents_its_parameters_in_full(name):
    doc = getattr(ta, name).__doc__
    assert "%(" not in doc  # every shared fragment was filled in
    documented = {line.split(" : ")[0].strip() for line in doc.splitlines() if " : " in line}
    documented |= {"**kwargs"} if "**kwargs" in doc else set()
    params = inspect.signature(getattr(ta, name)).parameters
    for param in params.values():
        shown = f"**{param.name}" if param.kind is param.VAR_KEYWORD else param.name
        assert shown in documented, f"{name}: {shown} is not documented"


def test_fill_doc_indents_each_fragment_like_its_placeholder():
    def f():
        """Title.

        Parameters
        ----------
        %(ax)s
        """

    doc = fill_doc(f).__doc__
    first, second = FRAGMENTS["ax"].splitlines()[:2]
    assert f"\n        {first}\n        {second}\n" in doc
