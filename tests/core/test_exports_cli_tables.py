"""`fieldapp tables` with the issue-14 options, end to end through the command line."""

from __future__ import annotations

import csv

import pytest

from fieldapp.cli import main
from tests.core.analysis_fixtures import FORM
from tests.core.storetools import PASSPHRASE
from tests.core.test_acceptance_exchange_tables import _store_with_published_dataset


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    mp = pytest.MonkeyPatch()
    mp.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    mp.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
    _store_with_published_dataset(path)
    yield path
    mp.undo()


def run(store, *args):
    return main(["tables", str(store), "--form", FORM.form_id, *args])


@pytest.mark.parametrize("k", ["0", "1", "-3"])
def test_min_cell_below_two_is_a_usage_error(store, k, capsys, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    assert run(store, "--suppress", "--min-cell", k) == 2
    assert "at least 2" in capsys.readouterr().err


def test_flags_end_to_end(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "t.csv"
    assert run(store, "--pair", "crit_2007:crit_now", "--filter", "${gender} = 'female'",
               "--exclude", "year_left,econ", "--format", "csv", "--out", str(out)) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    questions = {r["question"] for r in rows}
    assert "econ" not in questions and "year_left" not in questions
    assert "consent" in questions  # this form gates nothing on it: not administrative
    gender = [r for r in rows if r["question"] == "gender" and r["option"] == "female"][0]
    assert gender["count"] == "150" and gender["base"] == "150"  # the universe: women only
    assert gender["ci_low"] and gender["ci_high"]
    md = tmp_path / "t.md"
    assert run(store, "--pair", "crit_2007:crit_now", "--title", "My report", "--ci", "--format", "md",
               "--out", str(md)) == 0
    text = md.read_text("utf-8")
    assert text.startswith("# My report") and "McNemar" in text and "95% CI" in text
    assert run(store, "--pair", "crit_2007", "--format", "csv") == 2


def test_note_only_when_hidden_and_open_text(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    md = tmp_path / "s.md"
    assert run(store, "--suppress", "--format", "md", "--out", str(md)) == 0
    sections = md.read_text("utf-8").split("\n## ")[1:]
    hidden = [s for s in sections if "| x |" in s or " x |" in s]
    noted = [s for s in sections if "hidden to protect respondents" in s]
    assert hidden and sorted(noted) == sorted(hidden)
    listing = tmp_path / "o.md"
    assert run(store, "--open-text", "--format", "md", "--out", str(listing)) == 0
    text = listing.read_text("utf-8")
    assert "IDENTIFYING" in text and "reason 10" in text and "private note" not in text
    assert run(store, "--open-text", "--suppress", "--format", "md", "--out", str(listing)) == 2
    assert run(store, "--open-text", "--format", "csv", "--out", str(tmp_path / "o.csv")) == 2
