"""Every command given a bad path: one sentence on stderr, exit 1, the right code, nothing changed.

For each path argument of each command: a missing folder, a folder where a file was meant, an
unwritable target, and a file that is not what it should be. ``FIELDAPP_ERROR_CODES=1`` puts
the stable code in front of the sentence, so the test checks the reason, not the wording.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from fieldapp import cli
from tests.core.storetools import PASSPHRASE, snapshot
from tests.core.test_exchange_support import add_interviews, make_form, new_store


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A coordinator and an interviewer store, a project key file, a garbage file, an unwritable folder."""
    root = tmp_path_factory.mktemp("paths")
    mp = pytest.MonkeyPatch()
    mp.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
    try:
        form = make_form(root)
        new_store(root / "coord", "coordinator", form).close()
        with new_store(root / "dev", "interviewer", form) as d:
            add_interviews(d, 2)
        mp.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
        assert cli.main(["key", "export", str(root / "coord"), str(root / "project.key")]) == 0
    finally:
        mp.undo()
    (root / "garbage.bin").write_bytes(os.urandom(3000))
    (root / "big.bin").write_bytes(b"x" * 200_000)
    (root / "a_folder").mkdir()
    (root / "notes.txt").write_text("not a questionnaire\n")
    locked = root / "locked"
    locked.mkdir()
    with _unwritable(locked) as ok:
        yield {"root": root, "form": form, "locked": locked, "locked_ok": ok}


@contextlib.contextmanager
def _unwritable(folder: Path):
    """A folder nobody can write into: chmod for users, the immutable attribute for root (CI)."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield True
        finally:
            folder.chmod(0o700)
        return
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    try:
        yield done
    finally:
        if done:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)


def _run(args, capsys, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_ERROR_CODES", "1")
    status = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.err


def _p(world, name):
    return world["root"] / name


# (id, argv builder, expected code). ``{x}`` names resolve under the world's root.
CASES = [
    # stores
    ("init-under-a-file", lambda w: ["init", _p(w, "notes.txt") / "deeper" / "s", "--role", "interviewer"],
     "folder.not_a_folder"),
    ("init-over-a-file", lambda w: ["init", _p(w, "garbage.bin"), "--role", "interviewer"], "store.exists"),
    ("init-unwritable", lambda w: ["init", w["locked"] / "s", "--role", "interviewer"], "file.unwritable"),
    ("verify-missing-store", lambda w: ["verify", _p(w, "nowhere")], None),  # verify prints FAILED
    ("passwd-missing-store", lambda w: ["passwd", _p(w, "nowhere")], "store.missing"),
    ("passwd-file-not-store", lambda w: ["passwd", _p(w, "garbage.bin")], "store.not_a_store"),
    ("wipe-missing-store", lambda w: ["wipe", _p(w, "nowhere"), "--yes"], "store.missing"),
    ("wipe-not-a-store", lambda w: ["wipe", _p(w, "a_folder"), "--yes"], "store.not_a_store"),
    ("passphrase-file-missing", lambda w: ["form", "list", _p(w, "coord"), "--passphrase-file",
                                           _p(w, "nowhere/pw")], "folder.missing"),
    ("passphrase-file-is-folder", lambda w: ["form", "list", _p(w, "coord"), "--passphrase-file",
                                             _p(w, "a_folder")], "file.is_folder"),
    ("passphrase-file-binary", lambda w: ["form", "list", _p(w, "coord"), "--passphrase-file",
                                          _p(w, "garbage.bin")], "file.not_text"),
    ("recover-key-missing", lambda w: ["recover", _p(w, "dev"), "--key", _p(w, "nowhere.age")], "file.missing"),
    ("recover-key-folder", lambda w: ["recover", _p(w, "dev"), "--key", _p(w, "a_folder")], "file.is_folder"),
    ("recover-key-garbage", lambda w: ["recover", _p(w, "dev"), "--key", _p(w, "notes.txt")], "key.backup_invalid"),
    # forms
    ("form-check-missing", lambda w: ["form", "check", _p(w, "nowhere.xlsx")], "file.missing"),
    ("form-check-folder", lambda w: ["form", "check", _p(w, "a_folder")], "file.is_folder"),
    ("form-check-garbage", lambda w: ["form", "check", _p(w, "garbage.bin")], "form"),
    ("form-add-missing", lambda w: ["form", "add", _p(w, "coord"), _p(w, "nowhere/f.xlsx")], "folder.missing"),
    ("form-add-garbage", lambda w: ["form", "add", _p(w, "coord"), _p(w, "notes.txt")], "form"),
    ("form-list-missing-store", lambda w: ["form", "list", _p(w, "nowhere")], "store.missing"),
    ("responses-missing", lambda w: ["responses", "import", _p(w, "coord"), "--form", "f",
                                     _p(w, "nowhere.csv")], "file.missing"),
    ("responses-folder", lambda w: ["responses", "import", _p(w, "coord"), "--form", "f",
                                    _p(w, "a_folder")], "file.is_folder"),
    ("responses-not-csv", lambda w: ["responses", "import", _p(w, "coord"), "--form", "f",
                                     _p(w, "notes.txt")], "paper.bad_format"),
    # keys
    ("key-export-missing-folder", lambda w: ["key", "export", _p(w, "coord"), _p(w, "nowhere/k.fpk")],
     "folder.missing"),
    ("key-export-unwritable", lambda w: ["key", "export", _p(w, "coord"), w["locked"] / "k.fpk"], "file.unwritable"),
    ("key-backup-missing-folder", lambda w: ["key", "backup", _p(w, "coord"), "--out", _p(w, "nowhere/k.txt")],
     "folder.missing"),
    ("key-backup-folder", lambda w: ["key", "backup", _p(w, "coord"), "--out", _p(w, "a_folder")], "file.is_folder"),
    ("key-backup-unwritable", lambda w: ["key", "backup", _p(w, "coord"), "--out", w["locked"] / "k.txt"],
     "file.unwritable"),
    ("key-backup-exists", lambda w: ["key", "backup", _p(w, "coord"), "--out", _p(w, "notes.txt")],
     "key.backup_exists"),
    ("key-enrol-missing", lambda w: ["key", "enrol", _p(w, "dev"), _p(w, "nowhere.fpk")], "file.missing"),
    ("key-enrol-folder", lambda w: ["key", "enrol", _p(w, "dev"), _p(w, "a_folder")], "file.is_folder"),
    ("key-enrol-too-big", lambda w: ["key", "enrol", _p(w, "dev"), _p(w, "big.bin")], "key.not_a_key_file"),
    ("key-enrol-garbage", lambda w: ["key", "enrol", _p(w, "dev"), _p(w, "garbage.bin")], "key"),
    # export and import
    ("export-key-missing", lambda w: ["export", _p(w, "dev"), "--to", _p(w, "nowhere.fpk"), "--out",
                                      _p(w, "a_folder")], "file.missing"),
    ("export-key-garbage", lambda w: ["export", _p(w, "dev"), "--to", _p(w, "garbage.bin"), "--out",
                                      _p(w, "a_folder")], "key"),
    ("export-stick-missing", lambda w: ["export", _p(w, "dev"), "--to", _p(w, "project.key"), "--out",
                                        _p(w, "unplugged/b.fab")], "folder.missing"),
    ("export-over-a-file", lambda w: ["export", _p(w, "dev"), "--to", _p(w, "project.key"), "--out",
                                      _p(w, "notes.txt")], "file.exists"),
    ("export-unwritable", lambda w: ["export", _p(w, "dev"), "--to", _p(w, "project.key"), "--out",
                                     w["locked"]], "file.unwritable"),
    ("resend-not-a-folder", lambda w: ["export", _p(w, "dev"), "--resend", "--out", _p(w, "notes.txt")],
     "folder.not_a_folder"),
    ("import-missing", lambda w: ["import", _p(w, "coord"), _p(w, "nowhere.fab")], "file.missing"),
    ("import-folder", lambda w: ["import", _p(w, "coord"), _p(w, "a_folder")], "file.is_folder"),
    ("import-garbage", lambda w: ["import", _p(w, "coord"), _p(w, "garbage.bin")], "refused"),
    ("receipt-missing", lambda w: ["receipt", _p(w, "dev"), _p(w, "nowhere.receipt")], "file.missing"),
    ("receipt-folder", lambda w: ["receipt", _p(w, "dev"), _p(w, "a_folder")], "file.is_folder"),
    ("receipt-garbage", lambda w: ["receipt", _p(w, "dev"), _p(w, "garbage.bin")], "receipt"),
    ("devices-missing-store", lambda w: ["devices", _p(w, "nowhere")], "store.missing"),
    # tables and data
    ("tables-missing-folder", lambda w: ["tables", _p(w, "coord"), "--form", w["form"], "--format", "xlsx",
                                         "--out", _p(w, "nowhere/t.xlsx")], "folder.missing"),
    ("tables-folder", lambda w: ["tables", _p(w, "coord"), "--form", w["form"], "--format", "csv",
                                 "--out", _p(w, "a_folder")], "file.is_folder"),
    ("tables-unwritable", lambda w: ["tables", _p(w, "coord"), "--form", w["form"], "--format", "csv",
                                     "--out", w["locked"] / "t.csv"], "file.unwritable"),
    ("data-missing-folder", lambda w: ["data", _p(w, "coord"), "--form", w["form"], "--format", "csv",
                                       "--out", _p(w, "nowhere/d.csv")], "folder.missing"),
    ("data-folder", lambda w: ["data", _p(w, "coord"), "--form", w["form"], "--format", "sav",
                               "--out", _p(w, "a_folder")], "file.is_folder"),
    ("data-unwritable", lambda w: ["data", _p(w, "coord"), "--form", w["form"], "--format", "csv",
                                   "--out", w["locked"] / "d.csv"], "file.unwritable"),
]


def test_init_creates_the_missing_folders_on_the_way(tmp_path, monkeypatch, capsys):
    """The first-run default (~/.local/share/fieldapp/store) is in folders a new laptop lacks."""
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "new" / "deeper" / "store"
    assert cli.main(["init", str(target), "--role", "interviewer"]) == 0, capsys.readouterr().err
    assert (target / "store.db").is_file()


@pytest.mark.parametrize(("case", "argv", "code"), [pytest.param(i, a, c, id=i) for i, a, c in CASES])
def test_a_bad_path_is_one_sentence_exit_1(world, case, argv, code, capsys, monkeypatch):
    if "unwritable" in case and not world["locked_ok"]:
        if os.environ.get("FIELDAPP_REQUIRE_TOOLS") == "1":
            pytest.fail("no unwritable folder could be made here (chattr +i failed)")
        pytest.skip("no unwritable folder could be made here (chattr +i failed on this file system)")
    args = argv(world)
    before = {name: snapshot(world["root"] / name) for name in ("coord", "dev")}
    status, err = _run(args, capsys, monkeypatch)
    # Progress lines ("import: 0/1") are not errors; a refused form lists each problem, by file.
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith(("import:", "export:"))]
    assert status == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    if code == "form":
        assert all(line.startswith(str(args[-1])) for line in lines), err
        assert lines[-1].endswith(("the form was not accepted.", "nothing was installed.")), err
        return
    assert len(lines) == 1, err
    if code is not None:
        sentence = lines[-1]
        if "." in code:
            assert sentence.startswith(f"fieldapp: [{code}]"), sentence
        else:  # a family of codes: form.*, key.*, bundle refusals, receipt.*
            assert code in sentence, sentence
    for name, snap in before.items():
        assert snapshot(world["root"] / name) == snap, f"{name} changed"
