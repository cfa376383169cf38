"""Sealed questions inside a repeat (a family member's contact, say): sealed on the laptop,
carried in the bundle, and decrypted only into the file of a `data --include-sealed` export
on the coordinator (one table per level), with an audit entry naming the repeat; without
the flag the level table has no such column and the canary is in no file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.store import Store
from fieldapp.store.dataset import load_level
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing
from tests.core.test_sealed import World, _rows
from tests.xlsform_builder import write_xlsform

CANARY = "CANARY-REPEAT-5150"
SURVEY = """
| type          | name    | label::English (en) | seal |
| text          | place   | Place               |      |
| begin repeat  | member  | Family member       |      |
| select_one yn | inside  | Still inside?       |      |
| text          | reach   | How to reach them   | yes  |
| end repeat    |         |                     |      |
"""
CHOICES = """
| list_name | name | label::English (en) |
| yn        | yes  | Yes                 |
| yn        | no   | No                  |
"""


class RosterWorld(World):
    def __init__(self, root: Path) -> None:
        super().__init__(root)
        path = write_xlsform(root / "roster-sealed.xlsx", SURVEY, CHOICES,
                             {"form_id": "rs", "version": "1", "default_language": "English (en)"})
        self.rform = read_xlsform(path)
        assert self.rform.question("reach").seal
        for folder in (self.coord, self.laptop):
            with Store.open(folder, PASSPHRASE) as s:
                add_form(s, self.rform)

    def roster_interview(self, members: list[tuple[str, str]]) -> None:
        with Store.open(self.laptop, PASSPHRASE) as d:
            repo = InterviewRepo(d)
            iv = repo.start("rs")
            iv.set_answer("place", "north")
            for n, (inside, reach) in enumerate(members, 1):
                if n > 1:
                    iv.add_instance("member")
                iv.set_answer(f"member[{n}]/inside", inside)
                assert iv.set_answer(f"member[{n}]/reach", reach) == []
            assert CANARY not in repr(iv.values)
            repo.finalize(iv)


@pytest.fixture
def world(tmp_path):
    (tmp_path / "w").mkdir()
    w = RosterWorld(tmp_path / "w")
    w.roster_interview([("yes", f"{CANARY}-a1"), ("no", f"{CANARY}-a2")])
    w.roster_interview([("yes", f"{CANARY}-b1")])
    w.export_import()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE)
    return w, passfile


def _data(world, passfile, out: Path, *extra: str) -> int:
    return main(["data", str(world.coord), "--form", "rs", "--format", "csv", "--out", str(out),
                 "--passphrase-file", str(passfile), *extra])


def test_sealed_answers_in_a_repeat_leave_only_into_the_asked_export(world, tmp_path):
    w, passfile = world
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    plain = out_dir / "plain.csv"
    assert _data(w, passfile, plain) == 0
    rows = list(csv.DictReader((out_dir / "plain-member.csv").read_text("utf-8-sig").splitlines()))
    assert len(rows) == 3 and "reach" not in rows[0] and sorted(r["inside"] for r in rows) == ["no", "yes", "yes"]
    assert files_containing(tmp_path, [CANARY.encode()]) == []
    assert "data.export_sealed" not in [a for (a,) in _rows(w.coord, "SELECT action FROM audit")]

    sealed = out_dir / "sealed.csv"
    assert _data(w, passfile, sealed, "--include-sealed") == 0
    level = out_dir / "sealed-member.csv"
    rows = list(csv.DictReader(level.read_text("utf-8-sig").splitlines()))
    assert sorted(r["reach"] for r in rows) == [f"{CANARY}-a1", f"{CANARY}-a2", f"{CANARY}-b1"]
    by_key = {r["KEY"].split("/", 1)[1]: r["reach"] for r in rows if r["reach"].endswith("a2")}
    assert list(by_key) == ["member[2]"]  # each answer in its own entry
    assert files_containing(tmp_path, [CANARY.encode()]) == [str(level)]
    audit = [(a, json.loads(d)) for a, d in _rows(w.coord, "SELECT action, detail FROM audit ORDER BY seq")]
    opened = [d for a, d in audit if a == "data.export_sealed"]
    assert {"form": "rs", "fields": ["reach"], "repeat": "member", "entries": 3, "format": "csv"}.items() \
        <= next(d for d in opened if d.get("repeat")).items()
    assert CANARY not in json.dumps(audit)
    assert main(["verify", str(w.coord), "--passphrase-file", str(passfile)]) == 0


def test_the_level_reader_decrypts_only_when_asked(world):
    w, _ = world
    with Store.open(w.coord, PASSPHRASE) as c:
        assert "reach" not in load_level(c, "rs", "member").values.columns
        opened = load_level(c, "rs", "member", include_sealed=True)
    assert sorted(opened.values["reach"]) == [f"{CANARY}-a1", f"{CANARY}-a2", f"{CANARY}-b1"]
    assert set(opened.status["reach"]) == {"answered"}
