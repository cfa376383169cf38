"""`fieldapp selftest` runs the whole path and leaves nothing behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fieldapp.cli import main


def test_selftest_passes_and_removes_its_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["selftest"]) == 0
    out = capsys.readouterr().out
    assert "[9/9]" in out and "selftest: OK" in out
    assert list(Path(tmp_path).iterdir()) == []
