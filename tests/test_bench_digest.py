"""bench/digest.py in a tiny mode: it builds, measures and checks plans; nothing is timed."""

from __future__ import annotations

from bench import digest


def test_tiny_run(tmp_path, capsys):
    assert (
        digest.main(
            ["--small", "300", "--large", "1500", "--runs", "1", "--workdir", str(tmp_path)]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "1,500" in out and "digest time x" in out and "full scans of tickets:" in out
    # The databases are kept and reused: a second run builds nothing.
    assert (
        digest.main(
            ["--small", "300", "--large", "1500", "--runs", "1", "--workdir", str(tmp_path)]
        )
        == 0
    )
    assert "built" not in capsys.readouterr().out
