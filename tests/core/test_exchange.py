"""Export -> bundle -> import -> receipt between real stores, and every refusal SECURITY.md lists."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldapp.crypto import age
from fieldapp.errors import UserFacingError
from fieldapp.exchange import bundle
from fieldapp.exchange.export import export_bundle, resend
from fieldapp.exchange.importer import import_bundle, import_bundles, list_devices, revoke_device
from fieldapp.exchange.keys import (
    project_key_file,
    recipient_fingerprint,
)
from fieldapp.exchange.receipt import apply_receipt
from fieldapp.messages import free_text
from fieldapp.ops.interviews import exported_per_day
from fieldapp.store import audit
from tests.conftest import require_tool
from tests.core.storetools import files_containing
from tests.core.test_exchange_support import (
    add_interviews,
    answers_by_interview,
    key_words,
    make_form,
    new_store,
    reopen,
    store_digest,
    words_of,
)


class World:
    """One coordinator and any number of interviewer laptops, in a temp folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.form = make_form(root)
        self.coord_dir = root / "coord"
        with new_store(self.coord_dir, "coordinator", self.form) as c:
            with c.reading() as conn:
                self.project_key = project_key_file(conn)
        self.stick = root / "stick"
        self.stick.mkdir()
        self.n = 0
        #: the fingerprint words of every laptop made here (the coordinator compared them)
        self.words: list[str] = []

    def device(self, interviews: int = 0, seed: int = 0) -> Path:
        self.n += 1
        folder = self.root / f"dev{self.n}"
        with new_store(folder, "interviewer", self.form) as d:
            if interviews:
                add_interviews(d, interviews, seed=seed)
        self.words.append(words_of(folder))
        return folder

    def export(self, folder: Path, more: int = 0, seed: int = 1) -> Path:
        with reopen(folder) as d:
            if more:
                add_interviews(d, more, seed=seed)
            return export_bundle(d, self.stick, self.project_key, words=key_words(self.project_key)).path

    def import_(self, *paths: Path, trust: bool = True):
        """Import as a coordinator who confirmed the words of every laptop of this world (or none)."""
        with reopen(self.coord_dir) as c:
            return import_bundles(c, paths, trust=self.words if trust else ())

    def coord_answers(self) -> dict:
        with reopen(self.coord_dir) as c:
            return answers_by_interview(c)

    def craft(self, device_folder: Path, fields: dict | None = None, records: list | None = None,
              manifest_bytes: bytes | None = None, recipients: list[str] | None = None) -> Path:
        """A bundle signed by a device's real key, with hand-made manifest fields or bytes."""
        from fieldapp.crypto.projectkey import load_project_key

        pk = load_project_key(self.project_key)
        with reopen(device_folder) as d:
            key = d.device_key()
            device_id = d.info.device_id
        records = records if records is not None else [_record()]
        base = {"bundle_id": "ab" * 16, "device_id": device_id, "signer": key.public.hex(),
                "project_id": pk.project_id, "seq": 1, "prev": "",
                "recipients": [recipient_fingerprint(r) for r in pk.recipients],
                "created": datetime.now(UTC).strftime("%Y-%m-%d"),
                "forms": [_form_entry(self)]}
        base.update(fields or {})

        def sign(m):
            return key.sign(bundle.SIGN_CONTEXT, m)

        if manifest_bytes is None:
            inner, _ = bundle.build_inner(base, records, sign, key.public)
        else:
            payload, _ = bundle.encode_records(records)
            inner = bundle.assemble(manifest_bytes, payload, 0, sign, key.public)
        path = self.stick / f"crafted-{len(list(self.stick.iterdir()))}.fab"
        path.write_bytes(age.encrypt(inner, recipients or pk.recipients))
        return path


def _form_entry(world: World) -> dict:
    import hashlib

    from fieldapp.forms.serialize import form_to_json

    return {"form_id": "xch", "version": "1", "source_sha256": world.form.source_sha256,
            "definition_sha256": hashlib.sha256(form_to_json(world.form).encode()).hexdigest()}


def _record(iid: str = "c0" * 16, revision: int = 1, age_value: int = 30, notes: str | None = "x") -> dict:
    return {"id": iid, "revision": revision, "form_id": "xch", "form_version": "1", "pseudonym": f"p-{iid[:6]}",
            "language": "English (en)", "started_at": "2024-05-01T10:00:00Z", "finalized_at": "2024-05-01T11:00:00Z",
            "answers": {"consent": ["yes", "answered"], "age": [age_value, "answered"],
                        "heard": ["radio tv", "answered"], "score": [None, "missing"],
                        "notes": [notes, "answered" if notes else "missing"],
                        "adult": ["yes" if age_value >= 18 else "no", "answered"]}, "instances": []}


@pytest.fixture
def world(tmp_path) -> World:
    return World(tmp_path)


# -- the happy path ---------------------------------------------------------------------------
def test_round_trip_moves_answers_and_purges_the_laptop(world):
    dev = world.device(12)
    with reopen(dev) as d:
        before = answers_by_interview(d)
        device_id = d.info.device_id
    path = world.export(dev)
    assert path.suffix == ".fab" and path.stat().st_mode & 0o777 == 0o600
    with reopen(dev) as d:
        # the laptop forgets exported interviews: it keeps how many left that day (finding 6)
        assert d.conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 0
        assert [(e.day, e.interviews) for e in exported_per_day(d)] == [
            (datetime.now(UTC).strftime("%Y-%m-%d"), 12)]
        assert d.conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
        # the sealed copy is a file beside the database since format 3 (issue #16), the same bytes
        ((bundle_id, seq),) = d.conn.execute("SELECT bundle_id, seq FROM outbox").fetchall()
        assert seq == 1
        assert (d.folder / "outbox" / f"{bundle_id}.age").read_bytes() == path.read_bytes()
    [report] = world.import_(path)
    assert report.outcome == "imported" and (report.new, report.duplicate) == (12, 0)
    after = world.coord_answers()
    assert {i: v["answers"] for i, v in after.items()} == {i: v["answers"] for i, v in before.items()}
    with reopen(world.coord_dir) as c:
        assert set(c.conn.execute("SELECT status, source, device_id FROM interviews")) == {
            ("final", "bundle", device_id)}
        ledger = c.conn.execute("SELECT outcome, report FROM imports").fetchall()
    assert ledger[0][0] == "imported" and json.loads(ledger[0][1])["new"] == 12


def test_two_devices_merge_like_one_and_a_second_import_changes_nothing(world):
    a, b = world.device(120, seed=1), world.device(80, seed=2)
    expected = {}
    for folder in (a, b):
        with reopen(folder) as d:
            expected.update({i: v["answers"] for i, v in answers_by_interview(d).items()})
    pa, pb = world.export(a), world.export(b)
    reports = world.import_(pa, pb)
    assert [(r.new, r.outcome) for r in reports] == [(120, "imported"), (80, "imported")]
    assert {i: v["answers"] for i, v in world.coord_answers().items()} == expected
    snap = store_digest(world.coord_dir)
    [again] = world.import_(pa)
    assert again.outcome == "already imported" and "nothing changed" in again.summary()
    assert store_digest(world.coord_dir) == snap
    assert Path(again.receipt).is_file()  # a lost receipt can be fetched again


def test_receipt_drops_the_sealed_copy_and_is_idempotent(world):
    dev = world.device(3)
    path = world.export(dev)
    [report] = world.import_(path)
    receipt = Path(report.receipt)
    # a random name beside the bundle, sealed: a stick observer cannot tell which bundle it is for
    assert receipt.parent == path.parent and receipt.suffix == ".receipt" and path.stem not in receipt.name
    assert receipt.read_bytes().startswith(b"FIELDRC2")
    with reopen(dev) as d:
        first = apply_receipt(d, receipt)
        second = apply_receipt(d, receipt)
        assert not first.already and first.interviews == 3 and second.already
        assert d.conn.execute("SELECT length(sealed), receipt_at IS NOT NULL FROM outbox").fetchall() == [(0, 1)]
        assert list((d.folder / "outbox").iterdir()) == []  # the sealed copy's file went too
        with pytest.raises(UserFacingError, match="Nothing to send again"):
            resend(d, world.stick)


def test_receipt_from_another_coordinator_or_for_another_laptop_is_refused(world, tmp_path):
    dev, other_dev = world.device(2), world.device(2)
    [report] = world.import_(world.export(dev))
    receipt = Path(report.receipt)
    with reopen(other_dev) as d:
        export_bundle(d, world.stick, world.project_key, words=key_words(world.project_key))  # the same key
        # sealed for dev's bundle: this laptop cannot even open it (finding 9)
        with pytest.raises(UserFacingError, match="not a receipt for a bundle of this laptop"):
            apply_receipt(d, receipt)
    forged = bytearray(receipt.read_bytes())
    forged[-5] ^= 1
    bad = tmp_path / "forged.receipt"
    bad.write_bytes(bytes(forged))
    with reopen(dev) as d, pytest.raises(UserFacingError, match="or it was altered"):
        apply_receipt(d, bad)


def test_gap_is_reported_by_device_and_number_and_filled_later(world):
    dev = world.device()
    p1, p2, p3 = (world.export(dev, more=2, seed=s) for s in (1, 2, 3))
    r1, r3 = world.import_(p1, p3)
    assert r1.missing_seqs == [] and r3.outcome == "imported"
    assert r3.missing_seqs == [2]
    assert any("bundle number 2 has not arrived" in str(n) for n in r3.notices)
    [r2] = world.import_(p2)
    assert r2.outcome == "imported" and r2.missing_seqs == [] and not r2.notices
    assert len(world.coord_answers()) == 6


def test_lost_stick_resend_writes_the_same_bytes_and_nothing_doubles(world):
    dev = world.device(4)
    first = world.export(dev)
    original = first.read_bytes()
    first.unlink()  # the stick is lost
    with reopen(dev) as d:
        [again] = resend(d, world.stick)
    assert again.read_bytes() == original and again.name != first.name
    [report] = world.import_(again)
    assert report.new == 4
    assert world.import_(again)[0].outcome == "already imported"
    assert len(world.coord_answers()) == 4


def test_nothing_to_export_is_a_clear_error(world):
    dev = world.device(0)
    with reopen(dev) as d, pytest.raises(UserFacingError, match="Nothing to export"):
        export_bundle(d, world.stick, world.project_key, words=key_words(world.project_key))
    assert list(world.stick.iterdir()) == []


def test_a_different_coordinator_key_is_refused_after_pinning(world, tmp_path):
    dev = world.device(2)
    world.export(dev)
    other = World(tmp_path / "other")
    with reopen(dev) as d:
        add_interviews(d, 1)
        with pytest.raises(UserFacingError, match="differs from the one this laptop was enrolled with"):
            export_bundle(d, world.stick, other.project_key)
        assert d.conn.execute("SELECT count(*) FROM interviews WHERE status = 'final'").fetchone()[0] == 1
        # Without --to the pinned key is used.
        assert export_bundle(d, world.stick).interviews == 1


def test_the_field_store_cannot_decrypt_its_own_bundle(world):
    dev = world.device(2)
    path = world.export(dev)
    with reopen(dev) as d:
        values = [bytes(v) for (v,) in d.conn.execute("SELECT value FROM keys")]
    assert not any(b"AGE-SECRET-KEY" in v for v in values)
    candidates = [v.decode("ascii", "replace") for v in values] + [age.generate_identity()[0]]
    for candidate in candidates:
        with pytest.raises(age.AgeDecryptError):
            age.decrypt(path.read_bytes(), [candidate], max_size=1 << 30)


def test_no_canary_answer_leaves_the_stores(world):
    canary = "CANARY-7f3a-do-not-leak"
    dev = world.root / "canary-dev"
    with new_store(dev, "interviewer", world.form) as d:
        add_interviews(d, 3, canary=canary)
    world.words.append(words_of(dev))
    path = world.export(dev)
    world.import_(path)
    outside = [p for p in files_containing(world.root, [canary.encode()])]
    assert outside == []
    with reopen(world.coord_dir) as c:
        assert c.conn.execute("SELECT count(*) FROM answers WHERE value LIKE ?", (f"%{canary}%",)).fetchone()[0] == 1


# -- revisions, conflicts, forms -------------------------------------------------------------
def test_higher_revision_supersedes_and_same_revision_different_content_is_a_conflict(world):
    dev = world.device()
    [r1] = world.import_(world.craft(dev, records=[_record(age_value=30)]))
    assert r1.new == 1
    [r2] = world.import_(world.craft(dev, {"bundle_id": "cd" * 16, "seq": 2},
                                     records=[_record(revision=2, age_value=31)]))
    assert (r2.updated, r2.new) == (1, 0)
    [r3] = world.import_(world.craft(dev, {"bundle_id": "ef" * 16, "seq": 3},
                                     records=[_record(revision=2, age_value=99)]))
    assert r3.conflict == 1 and any("both versions are kept" in str(n) for n in r3.notices)
    [r4] = world.import_(world.craft(dev, {"bundle_id": "0f" * 16, "seq": 4},
                                     records=[_record(revision=1, age_value=30), _record(revision=2, age_value=31)]))
    assert (r4.duplicate, r4.conflict, r4.updated) == (2, 0, 0)
    with reopen(world.coord_dir) as c:
        assert c.conn.execute("SELECT revision FROM interviews").fetchall() == [(2,)]
        assert json.loads(c.conn.execute("SELECT value FROM answers WHERE field = 'age'").fetchone()[0]) == 31
        history = c.conn.execute("SELECT revision, record FROM interview_history").fetchall()
        assert [h[0] for h in history] == [1] and json.loads(history[0][1])["answers"]["age"][0] == 30
        conflicts = c.conn.execute("SELECT revision, record FROM conflicts").fetchall()
        assert [c_[0] for c_ in conflicts] == [2] and json.loads(conflicts[0][1])["answers"]["age"][0] == 99


def test_a_bundle_for_a_form_not_installed_is_refused_by_name(world):
    dev = world.device()
    rec = _record()
    rec["form_version"] = "9"
    entry = dict(_form_entry(world), version="9")
    path = world.craft(dev, {"forms": [entry]}, records=[rec])
    before = store_digest(world.coord_dir)
    [report] = world.import_(path)
    assert "form xch version 9 is not installed on this coordinator" in str(report.reason)
    assert report.reason.params["reason"].code == "bundle.form_missing"
    assert store_digest(world.coord_dir) == before


def test_a_record_with_a_value_the_form_forbids_is_refused(world):
    dev = world.device()
    rec = _record()
    rec["answers"]["heard"] = ["radio satellite", "answered"]
    [report] = world.import_(world.craft(dev, records=[rec]))
    assert not report.ok and "answers heard with a value its form does not allow" in str(report.reason)


# -- refusals: one sentence each, the coordinator store byte-identical --------------------------
def _merged_state(folder: Path) -> tuple:
    """Everything an import could change but the audit log: interviews, answers, ledger, registry."""
    with reopen(folder) as c, c.reading() as conn:
        return tuple(sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in (
            "interviews", "answers", "imports", "devices", "conflicts", "interview_history",
            "expected_devices", "retired_keys"))


def _refused(world: World, path: Path, expect: str, trust: bool = True):
    """Refused with ``expect`` in the reason; nothing changed - but a forgery's audit entry."""
    from fieldapp.exchange.importer import FORGERY_CODES

    before = store_digest(world.coord_dir)
    state = _merged_state(world.coord_dir)
    with reopen(world.coord_dir) as c:
        report = import_bundle(c, path, trust=world.words if trust else ())
    assert not report.ok and report.outcome == "refused"
    reason = str(report.reason)
    assert expect in reason, reason
    assert reason.startswith(path.name) and reason.endswith("nothing was imported.")
    assert "\n" not in reason and reason.count(". ") == 0
    # Coded all the way down: the GUI can show every part of it in the user's language.
    assert report.reason.code == "bundle.refused" and free_text(report.reason) == [], free_text(report.reason)
    if report.reason.params["reason"].code in FORGERY_CODES:
        assert _merged_state(world.coord_dir) == state
        with reopen(world.coord_dir) as c, c.reading() as conn:
            entry = audit.entries(conn, limit=1)[0]
        assert entry["action"] == "exchange.refused_forgery"
        assert entry["detail"]["reason"] == report.reason.params["reason"].code
    else:
        assert store_digest(world.coord_dir) == before
    assert not path.with_name(path.name + ".receipt").exists()
    return report


def _copy(path: Path, data: bytes, name: str) -> Path:
    out = path.with_name(name)
    out.write_bytes(data)
    return out


@pytest.fixture
def known_device(world):
    """A device the coordinator already trusts (so refusals are not about trust)."""
    dev = world.device(2)
    world.import_(world.export(dev))
    return dev


def test_truncated_bundle_is_refused(world, known_device):
    data = world.export(known_device, more=5).read_bytes()
    _refused(world, _copy(world.stick, data[:-100], "cut.fab"), "damaged, truncated or altered")


@pytest.mark.parametrize("where", ["header", "middle", "last"])
def test_one_flipped_byte_is_refused(world, known_device, where):
    data = bytearray(world.export(known_device, more=3).read_bytes())
    pos = {"header": 40, "middle": len(data) // 2, "last": len(data) - 1}[where]
    data[pos] ^= 0x01
    _refused(world, _copy(world.stick, bytes(data), f"flip-{where}.fab"), "refused")


def test_empty_file_and_trailing_garbage_are_refused(world, known_device):
    _refused(world, _copy(world.stick, b"", "empty.fab"), "the file is empty")
    data = world.export(known_device, more=1).read_bytes()
    _refused(world, _copy(world.stick, data + b"\x00" * 17, "tail.fab"), "refused")


def test_a_folder_given_as_a_bundle_is_refused_in_one_sentence(world, known_device):
    folder = world.stick / "not-a-bundle.fab"
    folder.mkdir()
    report = _refused(world, folder, "it is a folder, not a bundle file")
    assert report.reason.params["reason"].code == "bundle.is_folder"


def test_the_ledger_keeps_notices_by_code_and_reads_rows_written_before_codes(world):
    from fieldapp.exchange.importer import ImportReport
    from fieldapp.messages import Message
    from fieldapp.store import ledger

    dev = world.device(2)
    [report] = world.import_(world.export(dev))
    assert [n.code for n in report.notices] == ["bundle.notice.device_trusted"]
    with reopen(world.coord_dir) as c:
        (entry,) = ledger.imported_from(c.conn, report.device_id).values()
    assert entry.report["notices"] == [report.notices[0].to_json()]
    assert entry.report["reason"] is None
    back = ImportReport.from_ledger(entry.report)
    assert back.notices == report.notices and back.new == 2 and back.reason is None
    assert "manifest_sha256" in entry.report  # what the sequence checks read; not a report field
    # A row from before messages had codes: plain English sentences.
    old = dict(entry.report, reason="", notices=["device 0a1b (key fingerprint 89ab) is now trusted"])
    back = ImportReport.from_ledger(old)
    assert back.notices == [Message("text", {"text": "device 0a1b (key fingerprint 89ab) is now trusted"})]
    assert str(back.notices[0]) == "device 0a1b (key fingerprint 89ab) is now trusted"
    assert back.reason is None and back.summary() == report.summary()


def test_bundle_for_another_coordinator_is_refused(world, tmp_path):
    other = World(tmp_path / "elsewhere")
    dev = other.device(2)
    path = other.export(dev)
    _refused(world, path, "not addressed to this coordinator's key")


def test_unknown_signer_is_refused_without_trust(world):
    dev = world.device(2)
    with reopen(dev) as d:
        device_id = d.info.device_id
    report = _refused(world, world.export(dev), f"signed by device {device_id}, which is not trusted here yet "
                      f"(fingerprint words: {words_of(dev)})", trust=False)
    assert "--trust-device" in str(report.reason)
    assert report.device_id == device_id and report.device_words == words_of(dev) and report.signature_valid


def test_device_a_key_claiming_device_b_is_refused(world, known_device):
    dev_b = world.device(1)
    world.import_(world.export(dev_b))
    with reopen(dev_b) as d:
        b_id = d.info.device_id
    path = world.craft(known_device, {"device_id": b_id, "seq": 7})
    _refused(world, path, f"but claims to come from device {b_id}")


def test_new_key_claiming_a_registered_device_is_refused_even_with_trust(world, known_device):
    with reopen(known_device) as d:
        a_id = d.info.device_id
    stranger = world.device()
    _refused(world, world.craft(stranger, {"device_id": a_id}), "is not signed with that device's registered key")


def test_duplicate_json_keys_in_the_manifest_are_refused(world, known_device):
    with reopen(known_device) as d:
        key = d.device_key()
    manifest = (b'{"bundle_id":"' + b"ab" * 16 + b'","bundle_id":"' + b"cd" * 16 + b'","signer":"'
                + key.public.hex().encode() + b'"}')
    _refused(world, world.craft(known_device, manifest_bytes=manifest), "repeats the key 'bundle_id'")


def test_deeply_nested_manifest_is_refused(world, known_device):
    manifest = b'{"format":' + b"[" * 5000 + b"]" * 5000 + b"}"
    _refused(world, world.craft(known_device, manifest_bytes=manifest), "nested more than")


def test_recipients_list_without_us_is_refused(world, known_device):
    other = age.generate_identity()[1]
    path = world.craft(known_device, {"recipients": [recipient_fingerprint(other)], "seq": 5})
    _refused(world, path, "signed recipient list does not include this coordinator")


def test_bundle_of_a_revoked_device_is_refused_and_audited(world, known_device):
    """Refused, not quarantined (docs/security.md, "When a laptop is lost or seized", says so
    since issue #17): nothing merged, one forgery audit entry (checked by _refused)."""
    with reopen(known_device) as d:
        device_id = d.info.device_id
    with reopen(world.coord_dir) as c:
        revoke_device(c, device_id)
        assert [r.state for r in list_devices(c)] == ["revoked"]
    report = _refused(world, world.export(known_device, more=1), f"device {device_id} is revoked")
    assert report.reason.params["reason"].code == "bundle.device_revoked"


def test_tampered_record_under_a_valid_signature_is_refused(world, known_device):
    """A manifest listing one record hash while the payload carries another."""
    with reopen(known_device) as d:
        key = d.device_key()
    good, _ = bundle.encode_records([_record(age_value=40)])
    inner, manifest = bundle.build_inner({"bundle_id": "ab" * 16, "device_id": "00" * 8, "signer": key.public.hex(),
                                          "project_id": "11" * 16, "seq": 1, "prev": "", "recipients": ["22" * 32],
                                          "created": "2024-01-01", "forms": []},
                                         [_record(age_value=41)], lambda m: key.sign(bundle.SIGN_CONTEXT, m),
                                         key.public)
    swapped = inner.replace(b'"age":[41,', b'"age":[40,')
    assert swapped != inner and len(good) > 0
    pre = bundle.parse_prefix(swapped)
    with pytest.raises(bundle.BundleFormatError, match="do not match the signed manifest"):
        bundle.split_payload(bundle.parse_manifest(pre.manifest_bytes), pre.rest)


# -- the reference age tool ------------------------------------------------------------------
def test_reference_age_tool_opens_a_bundle_with_the_key_backup(world, tmp_path, monkeypatch):
    age_bin = require_tool("age")
    from fieldapp import cli
    from tests.core.storetools import PASSPHRASE

    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    path = world.export(world.device(3))
    backup = tmp_path / "backup.txt"
    assert cli.main(["key", "backup", str(world.coord_dir), "--out", str(backup)]) == 0
    assert backup.stat().st_mode & 0o777 == 0o600
    out = subprocess.run([age_bin, "-d", "-i", str(backup), str(path)], capture_output=True, check=True).stdout
    assert out.startswith(bundle.MAGIC)
    other = World(tmp_path / "other")
    other_backup = tmp_path / "other.txt"
    assert cli.main(["key", "backup", str(other.coord_dir), "--out", str(other_backup)]) == 0
    failed = subprocess.run([age_bin, "-d", "-i", str(other_backup), str(path)], capture_output=True)
    assert failed.returncode != 0 and failed.stdout == b""


def test_a_trusted_device_cannot_push_its_numbering_to_the_limit(world):
    """A hostile trusted laptop signs bundle 2**53 - 1: refused (with an audit entry), so the
    next honest bundle reports no gap of 9e15 (issue #17)."""
    dev = world.device(1)
    world.import_(world.export(dev))
    _refused(world, world.craft(dev, {"seq": 2**53 - 1}), "more than 10000 after bundle 1")
    [honest] = world.import_(world.export(dev, more=1, seed=4))
    assert honest.outcome == "imported" and honest.missing_seqs == []
    # a device's first bundle too: numbered within reach of 0
    stranger = world.device(0)
    _refused(world, world.craft(stranger, {"seq": 10_001}), "more than 10000 after bundle 0")


def test_a_refused_forgery_leaves_an_audit_entry_and_nothing_else(world):
    dev = world.device(1)
    world.import_(world.export(dev))
    with reopen(dev) as d:
        device_id = d.info.device_id
    stranger = world.device(0)
    report = _refused(world, world.craft(stranger, {"device_id": device_id}), "registered key")
    with reopen(world.coord_dir) as c, c.reading() as conn:
        entry = audit.entries(conn, limit=1)[0]
    assert entry["detail"]["device_id"] == device_id and entry["detail"]["signer"] == report.device_fingerprint


def test_a_value_accepted_for_one_question_is_still_refused_for_another(world):
    """The merge remembers verdicts on text values by form and question: "radio tv" is a
    valid answer to heard in record 1 and still refused as the answer to consent in record 2."""
    dev = world.device()
    good, bad = _record("c1" * 16), _record("c2" * 16)
    bad["answers"]["consent"] = ["radio tv", "answered"]
    before = store_digest(world.coord_dir)
    [report] = world.import_(world.craft(dev, records=[good, bad]))
    assert not report.ok and "record 2 answers consent with a value its form does not allow" in str(report.reason)
    assert store_digest(world.coord_dir) == before
