"""The command-line contract for the foundation commands (ARCHITECTURE section 8)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from fieldapp import __version__
from fieldapp.cli import main
from tests.core.storetools import PASSPHRASE, snapshot


@pytest.fixture
def pw(monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    return PASSPHRASE


def run_cli(*args, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *map(str, args)],
        capture_output=True, text=True, env=env, timeout=120,
    )


def test_version_is_fast_and_light():
    start = time.perf_counter()
    out = run_cli("--version")
    elapsed = time.perf_counter() - start
    assert out.returncode == 0 and out.stdout.strip() == f"fieldapp {__version__}"
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from fieldapp.cli import main; main(['--version']); "
         "heavy = [m for m in ('pandas', 'PySide6', 'sqlcipher3', 'cryptography') if m in sys.modules]; "
         "print(heavy)"],
        capture_output=True, text=True,
    )
    assert probe.stdout.strip().endswith("[]"), probe.stdout
    assert elapsed < 5  # generous: the budget (0.3 s) is measured in bench/, not here


@pytest.mark.parametrize("role", ["interviewer", "coordinator"])
def test_init_creates_an_encrypted_store(tmp_path, pw, role, capsys):
    store = tmp_path / "s"
    assert main(["init", str(store), "--role", role]) == 0
    assert "Created a" in capsys.readouterr().out
    for p in store.iterdir():
        assert not p.read_bytes().startswith(b"SQLite format 3")
    assert main(["verify", str(store)]) == 0


def test_wrong_passphrase_exits_1_with_a_sentence_and_touches_nothing(tmp_path, pw):
    store = tmp_path / "s"
    assert main(["init", str(store), "--role", "interviewer"]) == 0
    before = snapshot(store)
    out = run_cli("form", "list", store, env_extra={"FIELDAPP_PASSPHRASE": "wrong"})
    assert out.returncode == 1
    assert "passphrase is wrong" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert len(out.stderr.strip().splitlines()) == 1
    assert snapshot(store) == before


def test_weak_passphrase_is_refused_with_reason_and_a_generated_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", "password123")
    assert main(["init", str(tmp_path / "s"), "--role", "interviewer"]) == 1
    err = capsys.readouterr().err
    assert "too weak" in err and "generated" in err
    suggested = err.split('"')[1]
    assert len(suggested.split()) == 6
    assert not (tmp_path / "s").exists()


def test_passphrase_file_and_passwd(tmp_path, capsys):
    store = tmp_path / "s"
    pf = tmp_path / "pw.txt"
    pf.write_text(PASSPHRASE + "\n")
    new = tmp_path / "new.txt"
    new.write_text("orbit-saddle-pepper-glacier-wombat-echo\n")
    assert main(["init", str(store), "--role", "interviewer", "--passphrase-file", str(pf)]) == 0
    assert main(["passwd", str(store), "--passphrase-file", str(pf), "--new-passphrase-file", str(new)]) == 0
    assert main(["form", "list", str(store), "--passphrase-file", str(pf)]) == 1
    assert "passphrase is wrong" in capsys.readouterr().err
    assert main(["form", "list", str(store), "--passphrase-file", str(new)]) == 0
    assert "No forms installed" in capsys.readouterr().out


def test_verify_fails_naming_the_cause_when_a_byte_is_flipped(tmp_path, pw, capsys):
    store = tmp_path / "s"
    assert main(["init", str(store), "--role", "coordinator"]) == 0
    db = store / "store.db"
    data = bytearray(db.read_bytes())
    data[len(data) - 200] ^= 0x80  # inside the last page
    db.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["verify", str(store)]) == 1
    err = capsys.readouterr().err
    assert "FAILED" in err and ("authentication" in err or "damaged" in err)


def test_usage_errors_exit_2(capsys):
    assert main(["init"]) == 2
    assert main(["no-such-command"]) == 2
    assert main(["init", "x", "--role", "spy"]) == 2


def test_no_passphrase_without_a_terminal_is_a_usage_error(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "fieldapp", "form", "list", str(tmp_path)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "FIELDAPP_PASSPHRASE"},
    )
    assert out.returncode == 2 and "No passphrase given" in out.stderr


def test_missing_store_is_one_sentence(tmp_path, pw, capsys):
    assert main(["verify", str(tmp_path / "nothing")]) == 1
    assert "There is no store" in capsys.readouterr().err
