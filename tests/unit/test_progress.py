import io

from minutebook.progress import PlainProgress, TerminalProgress


def test_progress_plain_lines_only_for_long_builds():
    out = io.StringIO()
    progress = PlainProgress(out)
    for done in range(1, 189):
        progress.advance(done, 188)
    assert out.getvalue() == ""
    for done in range(1, 2001):
        progress.advance(done, 2000)
    lines = out.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[-1] == "minutebook: rendered 2000 of 2000 pages"


def test_progress_terminal_bar_redraws_one_line_and_clears_it():
    out = io.StringIO()
    progress = TerminalProgress(out)
    for done in range(1, 51):
        progress.advance(done, 50)
    progress.stage("render", 0.1)
    text = out.getvalue()
    assert "\n" not in text
    assert "\r  rendering [" + "#" * 30 + "] 50/50 pages" in text
    assert text.endswith("\r")
