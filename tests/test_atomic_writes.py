import os

import pytest

import trakt_analysis as ta
from trakt_analysis.cli import main
from trakt_analysis.report._files import write_atomic


def test_a_symlink_is_written_through_and_kept(tmp_path):
    real = tmp_path / "synced" / "report.html"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "report.html"
    link.symlink_to(real)
    write_atomic(link, lambda tmp: tmp.write_text("new"))
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_a_path_that_is_not_a_regular_file_is_refused_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ta.TraktFileError, match="not a regular file"):
        write_atomic(fifo, lambda tmp: tmp.write_text("x"))
    assert not fifo.is_file()  # still the FIFO
    with pytest.raises(ta.TraktFileError, match="not a regular file"):
        ta.write_report(ta.load_demo("casual"), fifo, charts=False)


def test_cli_names_a_missing_file_and_refuses_to_replace_a_device(capsys, tmp_path):
    assert main(["summary", "-q", str(tmp_path / "nope.json")]) == 1
    assert "nope.json: no such file or directory" in capsys.readouterr().err
    assert main(["report", "-q", "--no-charts", "-o", "/dev/null"]) == 1
    assert "/dev/null: it exists and is not a regular file" in capsys.readouterr().err


def test_structural_errors_name_the_file(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(
        '[{"show": {"title": "A"}, "progress": {"aired": 1, "completed": 1}, '
        '"seasons": [{"season": 1, "episodes": {"one": true}}]}]'
    )
    with pytest.raises(ta.TraktDataError, match=r"progress\.json: item 0 \('A'\): seasons\[0\]"):
        ta.load_progress(path)
