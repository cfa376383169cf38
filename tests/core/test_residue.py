"""Residue: after a full workflow, canary answers exist only in the stores and in the export asked for.

SECURITY.md ("Residue"): a seized laptop must not give answers away through temp files,
config, caches, logs, bundles or exports nobody asked for. The workflow runs with HOME,
TMPDIR and every XDG folder inside this test's folder, through the same entry points a user
has (the CLI, and the engine with InterviewRepo as the GUI uses it); then every file written
is searched for the canaries in UTF-8 and UTF-16.
"""

from __future__ import annotations

import csv
import os
import stat
import tempfile
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.engine.interview import Interview
from fieldapp.store import Store
from fieldapp.store.forms import get_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing
from tests.core.test_exchange_support import CHOICES, SURVEY, key_words, words_of
from tests.xlsform_builder import write_xlsform

CANARY_TEXT = "zq7-CANARY-notes-4f1c"
CANARY_PSEUDONYM = "zq7-CANARY-pseudo-88b2"
CANARY_KOREAN = "카나리아-zq7-종이"  # typed on paper, keyed in from a CSV
CANARY_DRAFT = "zq7-CANARY-draft-19ad"
CANARIES = [c.encode("utf-8") for c in (CANARY_TEXT, CANARY_PSEUDONYM, CANARY_KOREAN, CANARY_DRAFT)]


def run(*argv: str) -> None:
    code = main([str(a) for a in argv])
    assert code == 0, f"fieldapp {' '.join(map(str, argv))} exited {code}"


@pytest.fixture
def world(tmp_path, monkeypatch) -> Path:
    """Every place a process may write to by default, inside tmp_path."""
    for name in ("home", "tmp", "xdg-config", "xdg-cache", "xdg-data", "xdg-state", "xdg-runtime",
                 "inputs", "out", "stick"):
        (tmp_path / name).mkdir(mode=0o700)
    env = {"HOME": "home", "TMPDIR": "tmp", "TMP": "tmp", "TEMP": "tmp",
           "XDG_CONFIG_HOME": "xdg-config", "XDG_CACHE_HOME": "xdg-cache", "XDG_DATA_HOME": "xdg-data",
           "XDG_STATE_HOME": "xdg-state", "XDG_RUNTIME_DIR": "xdg-runtime",
           "FIELDAPP_CONFIG_DIR": "xdg-config/fieldapp"}
    for key, folder in env.items():
        monkeypatch.setenv(key, str(tmp_path / folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # Python caches the temp folder it found first
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    monkeypatch.chdir(tmp_path / "home")  # anything written to the current folder is searched too
    return tmp_path


def interview_on_the_laptop(device: Path) -> None:
    """One finalized interview with a canary answer and pseudonym, one draft with a canary."""
    with Store.open(device, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        form = get_form(store, "xch")
        interview = Interview.start(form, pseudonym_factory=lambda: CANARY_PSEUDONYM)
        repo.create(interview)
        interview.sink = repo
        interview.set_answer("consent", "yes")
        interview.set_answer("age", 44)
        interview.set_answer("heard", ["radio", "friend"])
        interview.set_answer("notes", CANARY_TEXT)
        repo.finalize(interview)
        draft = repo.start("xch")
        draft.set_answer("consent", "yes")
        draft.set_answer("notes", CANARY_DRAFT)
        assert store.verify() == []


def test_canaries_are_only_in_the_stores_and_the_export_asked_for(world):
    root = world
    coord, device = root / "coord", root / "laptop"
    form = write_xlsform(root / "inputs" / "form.xlsx", SURVEY, CHOICES,
                         {"form_id": "xch", "version": "1", "default_language": "English (en)"})
    out, stick = root / "out", root / "stick"

    # Coordinator and laptop set up through the CLI, as the user guide says.
    run("init", coord, "--role", "coordinator")
    run("init", device, "--role", "interviewer")
    run("form", "add", coord, form)
    run("form", "add", device, form)
    run("key", "export", coord, out / "project.fieldapp-key")
    run("key", "backup", coord, "--out", out / "coordinator-key-backup.txt")

    interview_on_the_laptop(device)
    run("export", device, "--to", out / "project.fieldapp-key", "--out", stick,
        "--words", key_words((out / "project.fieldapp-key").read_bytes()))
    (bundle,) = stick.glob("*.fab")
    run("import", coord, bundle, "--trust-device", words_of(device))
    receipts = list(stick.glob("*.receipt"))
    assert receipts
    run("receipt", device, *receipts)

    paper = root / "inputs" / "paper.csv"
    with paper.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["consent", "age", "heard", "score", "notes"])
        writer.writerow(["yes", "31", "tv", "2.5", CANARY_KOREAN])
        writer.writerow(["yes", "52", "radio", "", "ok"])
    run("responses", "import", coord, "--form", "xch", paper)

    asked_for = [out / "tables.csv", out / "tables.xlsx", out / "data.csv", out / "data.xlsx", out / "data.sav"]
    run("tables", coord, "--form", "xch", "--format", "csv", "--out", asked_for[0])
    run("tables", coord, "--form", "xch", "--format", "xlsx", "--out", asked_for[1])
    for path in asked_for[2:]:
        run("data", coord, "--form", "xch", "--format", path.suffix[1:], "--out", path, "--include-private")
    run("verify", coord)
    run("verify", device)

    # The export the user asked for holds the answers: the search below can see them.
    exported = (out / "data.csv").read_bytes()
    for canary in (CANARY_TEXT, CANARY_PSEUDONYM, CANARY_KOREAN):
        assert canary.encode("utf-8") in exported, canary
    assert CANARY_DRAFT.encode() not in exported  # drafts never leave the laptop

    # Everywhere else: nothing. Stores are encrypted; inputs/ are the user's own files.
    skip = {coord, device, root / "inputs", *asked_for}
    searched, leaks = [], []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or any(path == s or s in path.parents for s in skip):
            continue
        searched.append(path)
        leaks += files_containing_one(path)
    assert {bundle, *receipts, out / "coordinator-key-backup.txt"} <= set(searched)
    assert leaks == []

    # Even the encrypted stores hold no plaintext canary (SQLCipher, WAL included).
    assert files_containing(coord, CANARIES) == []
    assert files_containing(device, CANARIES) == []

    # Files holding keys, bundles and exports are private to the user.
    private = [out / "coordinator-key-backup.txt", bundle, *receipts, *asked_for,
               coord / "store.keys", device / "store.keys",
               *(store / name for store in (coord, device) for name in ("store.db", "store.lock"))]
    loose = {str(p.relative_to(root)): oct(stat.S_IMODE(p.stat().st_mode)) for p in private
             if stat.S_IMODE(p.stat().st_mode) & 0o077}
    assert loose == {}
    # The project key file holds public keys only and is meant to be handed out; it must
    # still not be writable by anyone else (a swapped key would redirect bundles).
    assert stat.S_IMODE((out / "project.fieldapp-key").stat().st_mode) & 0o022 == 0


def files_containing_one(path: Path) -> list[str]:
    data = path.read_bytes()
    hits = []
    for canary in CANARIES:
        for variant in (canary, canary.decode("utf-8").encode("utf-16-le"),
                        canary.decode("utf-8").encode("utf-16-be")):
            if variant in data:
                hits.append(f"{path.name}: {canary.decode('utf-8')}")
                break
    return hits


def test_the_search_would_see_a_leak(world):
    """The search itself: a canary written to a temp file under TMPDIR is found."""
    fd, name = tempfile.mkstemp()
    os.write(fd, CANARY_TEXT.encode("utf-16-le"))
    os.close(fd)
    assert Path(name).is_relative_to(world / "tmp")
    assert files_containing_one(Path(name)) == [f"{Path(name).name}: {CANARY_TEXT}"]
