"""Sealed fields: sealed to the coordinator at entry, carried in bundles, opened only on request.

docs/sealed-fields.md describes the design; these tests follow one sealed answer (a canary)
from the interview screen's engine to the coordinator's data export and look for it
everywhere it must not be.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.crypto import age
from fieldapp.engine.interview import SEALED, Interview
from fieldapp.errors import UserFacingError
from fieldapp.exchange import bundle
from fieldapp.exchange.export import export_bundle, read_records
from fieldapp.exchange.importer import import_bundle, import_bundles, list_devices, revoke_device
from fieldapp.exchange.keys import (
    coordinator_keys,
    pin_project_key,
    project_key_file,
)
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.store import Store
from fieldapp.store.dataset import load_dataset
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo, insert_finalized
from tests.core.storetools import PASSPHRASE, files_containing
from tests.core.test_exchange_support import words_of
from tests.xlsform_builder import write_xlsform

CANARY = "CANARY-010-9876-5432"
CANARY_B = "CANARY-B-ohne-Namen"

SURVEY = """
| type          | name      | label::English (en)   | required | relevant             | constraint             | seal |
| select_one yn | consent   | Consent?              | yes      |                      |                        |      |
| integer       | age       | Age                   | yes      | ${consent} = 'yes'   | . >= 15                |      |
| text          | contact   | Contact for follow-up |          | ${consent} = 'yes'   | string-length(.) >= 5  | yes  |
| text          | peek      | Shown if contact read |          | ${contact} != ''     |                        |      |
| integer       | kids      | Children              |          | ${consent} = 'yes'   | . >= 0                 | yes  |
| text          | notes     | Notes                 |          | ${consent} = 'yes'   |                        |      |
"""
CHOICES = """
| list_name | name | label::English (en) |
| yn        | yes  | Yes                 |
| yn        | no   | No                  |
"""


def make_form(folder: Path):
    path = write_xlsform(Path(folder) / "sealed-form.xlsx", SURVEY, CHOICES,
                         {"form_id": "sealed", "version": "1", "default_language": "English (en)"})
    return read_xlsform(path)


class World:
    """A coordinator store and one enrolled interviewer laptop with the sealed form."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.form = make_form(root)
        assert self.form.question("contact").seal and not self.form.question("notes").seal
        self.coord = root / "coord"
        with Store.create(self.coord, PASSPHRASE, "coordinator") as c:
            add_form(c, self.form)
            with c.reading() as conn:
                self.project_key = project_key_file(conn)
                self.identity = coordinator_keys(conn).enc_identity
        self.laptop = root / "laptop"
        with Store.create(self.laptop, PASSPHRASE, "interviewer") as d:
            add_form(d, self.form)
            with d.transaction() as conn:
                pin_project_key(conn, self.project_key)  # enrolment
        self.stick = root / "stick"
        self.stick.mkdir()

    def interview(self, contact=CANARY, kids=3, notes="plain note", finalize=True) -> str:
        with Store.open(self.laptop, PASSPHRASE) as d:
            repo = InterviewRepo(d)
            iv = repo.start("sealed")
            iv.set_answer("consent", "yes")
            iv.set_answer("age", 40)
            assert iv.set_answer("contact", contact) == []
            iv.set_answer("kids", kids)
            iv.set_answer("notes", notes)
            if finalize:
                repo.finalize(iv)
            return iv.id

    def export_import(self) -> Path:
        with Store.open(self.laptop, PASSPHRASE) as d:
            path = export_bundle(d, self.stick).path
        with Store.open(self.coord, PASSPHRASE) as c:
            [report] = import_bundles(c, [path], trust=[words_of(self.laptop)])
        assert report.outcome == "imported", report.reason
        return path


@pytest.fixture
def world(tmp_path) -> World:
    return World(tmp_path)


def _rows(folder: Path, sql: str, params=()) -> list:
    with Store.open(folder, PASSPHRASE) as s, s.reading() as conn:
        return conn.execute(sql, params).fetchall()


# -- on the laptop ---------------------------------------------------------------------------
def test_sealed_answer_is_stored_only_as_age_ciphertext_on_the_laptop(world):
    iid = world.interview()
    answers = dict(_rows(world.laptop, "SELECT field, value FROM answers WHERE interview_id = ?", (iid,)))
    statuses = dict(_rows(world.laptop, "SELECT field, status FROM answers WHERE interview_id = ?", (iid,)))
    assert answers["contact"] is None and statuses["contact"] == "answered"
    assert answers["kids"] is None and statuses["kids"] == "answered"
    assert json.loads(answers["notes"]) == "plain note"  # open questions are unchanged
    sealed = dict(_rows(world.laptop, "SELECT field, sealed FROM sealed_answers WHERE interview_id = ?", (iid,)))
    assert set(sealed) == {"contact", "kids"}
    blob = bytes(sealed["contact"])
    assert blob.startswith(b"age-encryption.org/v1\n") and CANARY.encode() not in blob
    # Only the coordinator's key opens it, and it holds exactly what was typed.
    assert json.loads(age.decrypt(blob, [world.identity], max_size=4096)) == CANARY
    assert json.loads(age.decrypt(bytes(sealed["kids"]), [world.identity], max_size=4096)) == 3
    # The store folder is encrypted anyway; no file in it shows the canary.
    assert files_containing(world.laptop, [CANARY.encode()]) == []


def test_engine_keeps_no_plaintext_and_resume_cannot_recover_it(world):
    with Store.open(world.laptop, PASSPHRASE) as d:
        repo = InterviewRepo(d)
        iv = repo.start("sealed")
        iv.set_answer("consent", "yes")
        iv.set_answer("contact", CANARY)
        # Screens get a marker that says "answered, sealed" and nothing of the value.
        assert iv.value("contact") is SEALED and "contact" not in iv.values
        assert iv.is_sealed("contact") and iv.status_of("contact") == "answered"
        assert CANARY not in repr(iv.values) and CANARY.encode() not in b"".join(iv.sealed.values())
        again = repo.resume(iv.id)
    assert again.is_sealed("contact") and again.status_of("contact") == "answered"
    assert again.value("contact") is SEALED and again.value("peek") is None
    assert all(CANARY not in str(v) for v in again.values.values())
    assert again.field_states()["contact"].value is None


def test_sealed_length_does_not_tell_how_long_the_answer_is(world):
    with Store.open(world.laptop, PASSPHRASE) as d:
        iv = InterviewRepo(d).start("sealed")
        iv.set_answer("consent", "yes")
        iv.set_answer("contact", "Kim A")
        short = iv.sealed["contact"]
        iv.set_answer("contact", "Kim Chol-su, 010-1234-5678, Seoul")
        longer = iv.sealed["contact"]
    # age headers vary (random "grease" stanzas); the encrypted payload after them must not.
    assert _payload_length(short) == _payload_length(longer)
    assert json.loads(age.decrypt(short, [world.identity], max_size=4096)) == "Kim A"


def _payload_length(blob: bytes) -> int:
    mac_line = blob.index(b"\n---") + 1
    return len(blob) - (blob.index(b"\n", mac_line) + 1)


def test_expressions_see_a_sealed_answer_as_empty(world):
    """Documented limit: skip logic cannot depend on what a sealed answer says."""
    with Store.open(world.laptop, PASSPHRASE) as d:
        iv = InterviewRepo(d).start("sealed")
        iv.set_answer("consent", "yes")
        iv.set_answer("contact", CANARY)
        assert not iv.is_relevant("peek")  # ${contact} != '' is false: the value reads as ''


def test_constraint_is_checked_before_sealing_and_a_bad_value_is_not_kept(world):
    with Store.open(world.laptop, PASSPHRASE) as d:
        repo = InterviewRepo(d)
        iv = repo.start("sealed")
        iv.set_answer("consent", "yes")
        [issue] = iv.set_answer("contact", "abc")
        assert issue.code == "constraint"
        assert not iv.is_sealed("contact") and iv.status_of("contact") == "missing"
        # The refusal stands: the page cannot be left as if the answer had been taken.
        iv.go_to("q:contact")
        assert [i.code for i in iv.go_next()] == ["constraint"] and iv.position == "q:contact"
        assert iv.set_answer("contact", CANARY) == [] and iv.page_issues() == []
        iv.set_answer("contact", None)
        assert [i.code for i in iv.set_answer("kids", "two")] == ["type"]
        assert iv.set_answer("kids", -1)[0].code == "constraint" and not iv.is_sealed("kids")
        rows = _count(d, iv.id)
    assert rows == 0


def _count(store, iid) -> int:
    with store.reading() as conn:
        return conn.execute("SELECT count(*) FROM sealed_answers WHERE interview_id = ?", (iid,)).fetchone()[0]


def test_replacing_clearing_and_skip_logic_update_the_sealed_row(world):
    with Store.open(world.laptop, PASSPHRASE) as d:
        repo = InterviewRepo(d)
        iv = repo.start("sealed")
        iv.set_answer("consent", "yes")
        iv.set_answer("contact", CANARY)
        with d.reading() as conn:
            first = conn.execute("SELECT sealed FROM sealed_answers WHERE field = 'contact'").fetchone()[0]
        iv.set_answer("contact", CANARY_B)
        with d.reading() as conn:
            second = conn.execute("SELECT sealed FROM sealed_answers WHERE field = 'contact'").fetchone()[0]
        assert bytes(first) != bytes(second)
        assert json.loads(age.decrypt(bytes(second), [world.identity], max_size=4096)) == CANARY_B
        iv.set_answer("contact", "")
        assert _count(d, iv.id) == 0 and iv.status_of("contact") == "missing"
        iv.set_answer("contact", CANARY)
        iv.set_answer("kids", 2)
        assert _count(d, iv.id) == 2
        iv.set_answer("consent", "no")  # both sealed questions stop applying: their answers go
        assert _count(d, iv.id) == 0 and iv.value("contact") is None
        assert repo.answers(iv.id)["contact"].status == "not_applicable"


def test_deleting_a_draft_removes_its_sealed_answers(world):
    iid = world.interview(finalize=False)
    with Store.open(world.laptop, PASSPHRASE) as d:
        InterviewRepo(d).delete_draft(iid)
        assert _count(d, iid) == 0


def test_a_laptop_not_enrolled_refuses_to_start_a_form_with_sealed_questions(tmp_path):
    form = make_form(tmp_path)
    with Store.create(tmp_path / "fresh", PASSPHRASE, "interviewer") as d:
        add_form(d, form)
        with pytest.raises(UserFacingError, match="enrol with the coordinator's project key first"):
            InterviewRepo(d).start("sealed")
        assert InterviewRepo(d).list() == []  # nothing was written
    with pytest.raises(UserFacingError, match="enrol"):
        Interview.start(form)


def test_paper_import_seals_answers_before_storing_them(world):
    """Bulk entry (``responses import``) puts values in directly; they are sealed on insert."""
    with Store.open(world.coord, PASSPHRASE) as c:
        iv = Interview.blank(world.form)
        iv.values.update({"consent": "yes", "age": 33, "contact": CANARY, "notes": "x"})
        iv._recompute()
        assert iv.all_issues() == []
        with c.transaction() as conn:
            assert insert_finalized(c, conn, [iv], "paper") == 1
        with c.reading() as conn:
            value = conn.execute("SELECT value FROM answers WHERE field = 'contact'").fetchone()[0]
            blob = conn.execute("SELECT sealed FROM sealed_answers WHERE field = 'contact'").fetchone()[0]
        assert value is None
        assert json.loads(age.decrypt(bytes(blob), [world.identity], max_size=4096)) == CANARY


# -- in the bundle and at the coordinator ----------------------------------------------------
def test_bundle_carries_sealed_values_and_coordinator_keeps_them_apart(world):
    iid = world.interview()
    with Store.open(world.laptop, PASSPHRASE) as d, d.reading() as conn:
        [rec] = read_records(conn)
    assert set(rec["sealed"]) == {"contact", "kids"}
    assert rec["answers"]["contact"] == [None, "answered"]
    assert bundle.decode_sealed(rec["sealed"]["contact"]).startswith(b"age-encryption.org/v1\n")

    path = world.export_import()
    # The laptop keeps nothing of it once exported.
    assert _rows(world.laptop, "SELECT count(*) FROM sealed_answers") == [(0,)]
    # The bundle is age to the coordinator, and the canary is not in it in the clear.
    assert CANARY.encode() not in path.read_bytes()
    answers = dict(_rows(world.coord, "SELECT field, value FROM answers WHERE interview_id = ?", (iid,)))
    assert answers["contact"] is None and answers["kids"] is None
    assert all(CANARY not in (v or "") for v in answers.values())
    sealed = dict(_rows(world.coord, "SELECT field, sealed FROM sealed_answers WHERE interview_id = ?", (iid,)))
    assert json.loads(age.decrypt(bytes(sealed["contact"]), [world.identity], max_size=4096)) == CANARY
    # A second copy of the same bundle is a duplicate, sealed values included.
    with Store.open(world.coord, PASSPHRASE) as c:
        again = import_bundle(c, path, write_receipts=False)
    assert again.outcome == "already imported"


def test_record_content_includes_sealed_values(world):
    world.interview()
    with Store.open(world.laptop, PASSPHRASE) as d, d.reading() as conn:
        [rec] = read_records(conn)
    other = json.loads(json.dumps(rec))
    other["sealed"]["contact"] = rec["sealed"]["kids"]
    assert bundle.record_content(rec) != bundle.record_content(other)
    plain = {k: v for k, v in rec.items() if k != "sealed"}
    # Records without sealed answers hash exactly as before this feature.
    assert bundle.record_content(plain) == bundle.canonical(
        {"form": [rec["form_id"], rec["form_version"]], "answers": rec["answers"]})


@pytest.mark.parametrize(("mutate", "reason"), [
    (lambda r: r["sealed"].update(contact="bm90IGFnZQ=="), "malformed sealed answer for field contact"),
    (lambda r: r["sealed"].update(notes=r["sealed"]["kids"]), "its answers do not mark as sealed"),
    (lambda r: r.update(sealed={}), "malformed sealed answers"),
    (lambda r: r["sealed"].pop("kids"), "contradicts its status for field kids"),
])
def test_parse_records_refuses_malformed_sealed_parts(world, mutate, reason):
    world.interview()
    with Store.open(world.laptop, PASSPHRASE) as d, d.reading() as conn:
        [rec] = read_records(conn)
    mutate(rec)
    payload, entries = bundle.encode_records([rec])
    manifest = {"records": entries, "forms": [{"form_id": "sealed", "version": "1"}]}
    with pytest.raises(bundle.BundleFormatError, match=reason):
        bundle.parse_records(manifest, payload)


def test_coordinator_refuses_a_sealed_field_sent_unsealed(world):
    """A bundle carrying a sealed question's answer in plain is refused, and nothing stored."""

    world.interview()
    with Store.open(world.laptop, PASSPHRASE) as d:
        with d.reading() as conn:
            [rec] = read_records(conn)
        key = d.device_key()
        device_id = d.info.device_id
    rec.pop("sealed")
    rec["answers"]["contact"] = [CANARY, "answered"]
    rec["answers"]["kids"] = [3, "answered"]
    path = _craft(world, key, device_id, [rec])
    with Store.open(world.coord, PASSPHRASE) as c:
        report = import_bundle(c, path, trust=[words_of(world.laptop)], write_receipts=False)
    assert report.outcome == "refused"
    assert "carries the sealed field contact unsealed" in str(report.reason)
    assert _rows(world.coord, "SELECT count(*) FROM answers") == [(0,)]


def _craft(world: World, key, device_id: str, records: list) -> Path:
    import hashlib
    from datetime import UTC, datetime

    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.exchange.keys import recipient_fingerprint
    from fieldapp.forms.serialize import form_to_json

    pk = load_project_key(world.project_key)
    fields = {"bundle_id": "cd" * 16, "device_id": device_id, "signer": key.public.hex(),
              "project_id": pk.project_id, "seq": 1, "prev": "",
              "recipients": [recipient_fingerprint(r) for r in pk.recipients],
              "created": datetime.now(UTC).strftime("%Y-%m-%d"),
              "forms": [{"form_id": "sealed", "version": "1", "source_sha256": world.form.source_sha256,
                         "definition_sha256": hashlib.sha256(form_to_json(world.form).encode()).hexdigest()}]}
    inner, _ = bundle.build_inner(fields, records, lambda m: key.sign(bundle.SIGN_CONTEXT, m), key.public)
    path = world.stick / "crafted.fab"
    path.write_bytes(age.encrypt(inner, pk.recipients))
    return path


def test_revoked_device_bundles_are_refused(world):
    """Device revocation (issue 7) already works; confirmed here with sealed content too."""
    world.interview()
    world.export_import()
    with Store.open(world.coord, PASSPHRASE) as c:
        [dev] = list_devices(c)
        revoke_device(c, dev.device_id)
    world.interview(contact=CANARY_B)
    with Store.open(world.laptop, PASSPHRASE) as d:
        path = export_bundle(d, world.stick).path
    with Store.open(world.coord, PASSPHRASE) as c:
        report = import_bundle(c, path, write_receipts=False)
    assert report.outcome == "refused" and "revoked" in str(report.reason)
    assert _rows(world.coord, "SELECT count(*) FROM interviews") == [(1,)]


# -- tables and data exports -----------------------------------------------------------------
def _cli(*args: str, passfile: Path) -> int:
    return main([*args, "--passphrase-file", str(passfile)])


@pytest.fixture
def imported(world, tmp_path):
    for n in range(3):
        world.interview(contact=f"{CANARY}-{n}", kids=n + 1)
    world.export_import()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE)
    return world, passfile


def test_default_dataset_and_tables_leave_sealed_fields_out(imported, tmp_path, capsys):
    world, passfile = imported
    with Store.open(world.coord, PASSPHRASE) as c:
        ds = load_dataset(c, "sealed")
    assert "contact" not in ds.values.columns and "kids" not in ds.values.columns
    assert "notes" in ds.values.columns
    out = tmp_path / "tables.csv"
    assert _cli("tables", str(world.coord), "--form", "sealed", "--out", str(out), passfile=passfile) == 0
    text = out.read_text("utf-8-sig")
    assert "contact" not in text.lower() and "Contact for follow-up" not in text and CANARY not in text
    assert "Children" not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav"])
def test_data_export_excludes_sealed_by_default(imported, tmp_path, fmt):
    world, passfile = imported
    out = tmp_path / f"data.{fmt}"
    assert _cli("data", str(world.coord), "--form", "sealed", "--format", fmt, "--out", str(out),
                passfile=passfile) == 0
    assert files_containing(tmp_path, [CANARY.encode()]) == []
    actions = [a for (a,) in _rows(world.coord, "SELECT action FROM audit")]
    assert "data.export_sealed" not in actions


def test_include_sealed_decrypts_into_the_chosen_file_and_is_audited(imported, tmp_path):
    world, passfile = imported
    out = tmp_path / "data.csv"
    assert _cli("data", str(world.coord), "--form", "sealed", "--format", "csv", "--out", str(out),
                "--include-sealed", passfile=passfile) == 0
    rows = list(csv.DictReader(out.read_text("utf-8-sig").splitlines()))
    assert sorted(r["contact"] for r in rows) == [f"{CANARY}-{n}" for n in range(3)]
    assert sorted(r["kids"] for r in rows) == ["1", "2", "3"]
    # The canary is in the file the user asked for and nowhere else outside the stores.
    assert files_containing(tmp_path, [CANARY.encode()]) == [str(out)]
    audit = [(a, json.loads(d)) for a, d in _rows(world.coord, "SELECT action, detail FROM audit ORDER BY seq")]
    [(_, detail)] = [e for e in audit if e[0] == "data.export_sealed"]
    assert detail["form"] == "sealed" and detail["fields"] == ["contact", "kids"]
    assert detail["format"] == "csv" and detail["interviews"] == 3
    assert CANARY not in json.dumps(audit)
    # The audit chain still verifies after the new entry.
    assert main(["verify", str(world.coord), "--passphrase-file", str(passfile)]) == 0


def test_write_data_leaves_sealed_columns_out_unless_asked(imported, tmp_path):
    from fieldapp.exports import write_data

    world, _ = imported
    with Store.open(world.coord, PASSPHRASE) as c:
        ds = load_dataset(c, "sealed", include_sealed=True)
    assert sorted(ds.values["contact"]) == [f"{CANARY}-{n}" for n in range(3)]
    out = tmp_path / "plain.csv"
    write_data(ds, "csv", out)  # a dataset with sealed columns, but not asked to write them
    assert CANARY not in out.read_text("utf-8-sig")


def test_include_sealed_is_refused_on_a_laptop(world):
    world.interview()
    with Store.open(world.laptop, PASSPHRASE) as d, pytest.raises(UserFacingError, match="coordinator's store"):
        load_dataset(d, "sealed", include_sealed=True)
