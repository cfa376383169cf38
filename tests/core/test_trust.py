"""Trust only by fingerprint words (issue #17, findings 3 and 10).

A laptop pins the coordinator's project key the first time only once its fingerprint words are
confirmed; a coordinator trusts a new laptop only by its key's fingerprint words, one device per
confirmation, given for that import or announced before its first bundle arrives. An outsider
holding only the public project key file is refused before its bundle is decrypted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldapp import cli
from fieldapp.crypto import age, signing
from fieldapp.crypto.projectkey import load_project_key
from fieldapp.errors import UserFacingError
from fieldapp.exchange import bundle
from fieldapp.exchange.export import export_bundle
from fieldapp.exchange.importer import (
    expect_device,
    import_bundles,
    label_device,
    list_devices,
    list_expected,
)
from fieldapp.exchange.keys import (
    enrol,
    pinned_project_key,
    project_key_file,
    recipient_fingerprint,
)
from fieldapp.store import audit
from tests.core.storetools import PASSPHRASE, files_containing
from tests.core.test_exchange_support import (
    add_interviews,
    key_words,
    make_form,
    new_store,
    reopen,
    store_digest,
    words_of,
)


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    form = make_form(tmp_path)
    with new_store(tmp_path / "coord", "coordinator", form) as c, c.reading() as conn:
        key = project_key_file(conn)
    (tmp_path / "project.fieldapp-key").write_bytes(key)
    for name in ("a", "b"):
        with new_store(tmp_path / name, "interviewer", form) as d:
            add_interviews(d, 3, seed=len(name))
    stick = tmp_path / "stick"
    stick.mkdir()
    return tmp_path, key, form


def _finalized(folder: Path) -> int:
    with reopen(folder) as d:
        return d.conn.execute("SELECT count(*) FROM interviews WHERE status = 'final'").fetchone()[0]


def _export(root: Path, name: str) -> Path:
    """A laptop's export, its first pin confirmed with the right words."""
    key = (root / "project.fieldapp-key").read_bytes()
    with reopen(root / name) as d:
        return export_bundle(d, root / "stick", key, words=key_words(key)).path


# -- finding 3: the first pin needs the project key's words --------------------------------------
def test_a_first_export_without_the_words_exits_1_and_leaves_everything_on_the_laptop(world, capsys):
    root, key, _ = world
    laptop = root / "a"
    reopen(laptop).close()
    before = store_digest(laptop)

    code = cli.main(["export", str(laptop), "--to", str(root / "project.fieldapp-key"), "--out",
                     str(root / "stick")])

    err = capsys.readouterr().err
    assert code == 1
    assert key_words(key) in err and "--words" in err and "nothing was pinned, sealed or removed" in err
    assert list((root / "stick").iterdir()) == [], "no bundle on the stick"
    assert store_digest(laptop) == before, "nothing pinned, sealed or purged: the store is byte-identical"
    assert _finalized(laptop) == 3


def test_a_swapped_key_file_is_refused_by_its_words_on_the_command_line(world, tmp_path, capsys):
    """The attack of finding 3: someone swaps the key file on the stick for their own."""
    root, key, form = world
    with new_store(tmp_path / "mallory", "coordinator", form) as m, m.reading() as conn:
        swapped = project_key_file(conn)
    (root / "stick" / "project.fieldapp-key").write_bytes(swapped)
    laptop = root / "a"
    reopen(laptop).close()
    before = store_digest(laptop)

    # The interviewer types the words the real coordinator read out over the phone.
    code = cli.main(["export", str(laptop), "--to", str(root / "stick" / "project.fieldapp-key"),
                     "--out", str(root / "stick"), "--words", key_words(key)])

    assert code == 1
    assert "may have been swapped" in capsys.readouterr().err
    assert sorted(p.name for p in (root / "stick").iterdir()) == ["project.fieldapp-key"]
    assert store_digest(laptop) == before and _finalized(laptop) == 3


def test_the_right_words_pin_the_key_however_they_are_typed(world, capsys):
    root, key, _ = world
    typed = "  " + ", ".join(key_words(key).upper().split()) + "\n"
    assert cli.main(["export", str(root / "a"), "--to", str(root / "project.fieldapp-key"), "--out",
                     str(root / "stick"), "--words", typed]) == 0
    assert "Exported 3 interviews" in capsys.readouterr().out
    with reopen(root / "a") as d:
        assert pinned_project_key(d.conn) == key
        add_interviews(d, 1, seed=9)
    # Once pinned, the same file (or none) needs no words again.
    assert cli.main(["export", str(root / "a"), "--to", str(root / "project.fieldapp-key"), "--out",
                     str(root / "stick")]) == 0


def test_key_enrol_needs_the_words_too(world, capsys):
    root, key, _ = world
    laptop = root / "b"
    reopen(laptop).close()
    before = store_digest(laptop)
    assert cli.main(["key", "enrol", str(laptop), str(root / "project.fieldapp-key")]) == 1
    assert "nothing was pinned" in capsys.readouterr().err
    assert cli.main(["key", "enrol", str(laptop), str(root / "project.fieldapp-key"), "--words",
                     "acid " * 8]) == 1
    assert "may have been swapped" in capsys.readouterr().err
    assert store_digest(laptop) == before
    with reopen(laptop) as d:
        assert not d._slots.has_escrow, "no recovery slot for an unconfirmed key either"
    assert cli.main(["key", "enrol", str(laptop), str(root / "project.fieldapp-key"), "--words",
                     key_words(key)]) == 0
    assert "Enrolled" in capsys.readouterr().out
    with reopen(laptop) as d:
        assert pinned_project_key(d.conn) == key and d._slots.has_escrow


def test_on_a_terminal_the_words_are_shown_and_a_yes_is_asked(world, monkeypatch, capsys):
    from fieldapp.cli import exchange as cli_exchange

    root, key, _ = world
    answers = iter(["n", "y"])
    asked = []
    monkeypatch.setattr(cli_exchange, "_on_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    args = ["export", str(root / "a"), "--to", str(root / "project.fieldapp-key"), "--out", str(root / "stick")]

    assert cli.main(args) == 1
    out, err = capsys.readouterr()
    assert key_words(key) in out and "were not confirmed" in err
    assert list((root / "stick").iterdir()) == [] and _finalized(root / "a") == 3
    assert cli.main(args) == 0
    assert len(asked) == 2 and "Exported 3" in capsys.readouterr().out


def test_a_signed_replacement_needs_no_words(world):
    """Rotation stays as it was: a replacement signed by the pinned coordinator is accepted."""
    from fieldapp.crypto.projectkey import make_project_key
    from fieldapp.exchange.keys import coordinator_keys

    root, key, _ = world
    with reopen(root / "a") as d:
        enrol(d, key, key_words(key))
    with reopen(root / "coord") as c, c.reading() as conn:
        ck = coordinator_keys(conn)
    new_enc = age.generate_identity()[1]
    replacement = make_project_key(ck.sign.private, new_enc, ck.esc_recipient, replaces=load_project_key(key))
    with reopen(root / "a") as d:
        assert enrol(d, replacement) is True
        assert pinned_project_key(d.conn) == replacement


# -- finding 10: a new device only by its words, one per confirmation ------------------------------
def test_only_the_device_whose_words_were_given_is_trusted(world, capsys):
    root, _, _ = world
    pa, pb = _export(root, "a"), _export(root, "b")

    code = cli.main(["import", str(root / "coord"), str(pa), str(pb), "--trust-device", words_of(root / "a")])

    out, err = capsys.readouterr()
    assert code == 1
    assert "3 new" in out and "1 of 2 bundles accepted" in out
    assert pb.name in err and words_of(root / "b") in err
    with reopen(root / "coord") as c:
        assert [d.words for d in list_devices(c)] == [words_of(root / "a")]
        assert c.conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 3


def test_trust_new_devices_in_a_script_trusts_nobody_without_words(world, capsys):
    root, _, _ = world
    pa = _export(root, "a")
    reopen(root / "coord").close()
    before = store_digest(root / "coord")
    assert cli.main(["import", str(root / "coord"), str(pa), "--trust-new-devices"]) == 1
    err = capsys.readouterr().err
    assert "--trust-device" in err and "not trusted here yet" in err
    assert store_digest(root / "coord") == before


def test_on_a_terminal_each_new_device_is_asked_once(world, monkeypatch, capsys):
    from fieldapp.cli import exchange as cli_exchange

    root, _, _ = world
    pa1 = _export(root, "a")
    with reopen(root / "a") as d:
        add_interviews(d, 2, seed=4)
    pa2 = _export(root, "a")
    pb = _export(root, "b")
    prompts = []

    def answer(prompt):
        prompts.append(capsys.readouterr().out)
        return "y" if words_of(root / "a") in prompts[-1] else "n"

    monkeypatch.setattr(cli_exchange, "_on_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", answer)
    code = cli.main(["import", str(root / "coord"), str(pa1), str(pb), str(pa2), "--trust-new-devices"])

    assert code == 1
    assert len(prompts) == 2, "one confirmation per device, not per bundle"
    with reopen(root / "a") as d:
        a_id = d.info.device_id
    assert f"device {a_id}" in prompts[0]
    with reopen(root / "coord") as c:
        assert [d.device_id for d in list_devices(c)] == [a_id]
        assert c.conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 5


def test_a_laptop_announced_by_its_words_is_trusted_when_its_first_bundle_arrives(world, capsys):
    root, _, _ = world
    words = words_of(root / "a")
    assert cli.main(["devices", "trust", str(root / "coord"), *words.split(), "--label", "Seoul team, laptop 3"]) == 0
    assert "will be trusted when its first bundle arrives" in capsys.readouterr().out
    assert cli.main(["devices", str(root / "coord")]) == 0
    assert f"(expected)\tkey {words}\texpected" in capsys.readouterr().out
    pa, pb = _export(root, "a"), _export(root, "b")

    assert cli.main(["import", str(root / "coord"), str(pa), str(pb)]) == 1

    out = capsys.readouterr().out
    assert "3 new" in out and "is now trusted" in out
    with reopen(root / "coord") as c:
        [device] = list_devices(c)
        assert (device.words, device.label) == (words, "Seoul team, laptop 3")
        assert list_expected(c) == [], "the announcement is used up"
    assert cli.main(["devices", "list", str(root / "coord")]) == 0
    listed = capsys.readouterr().out
    assert f"\tkey {words}\ttrusted\t" in listed and listed.rstrip().endswith("\tSeoul team, laptop 3")


def test_announcing_refuses_what_are_not_eight_fingerprint_words(world, capsys):
    root, _, _ = world
    reopen(root / "coord").close()
    before = store_digest(root / "coord")
    words = words_of(root / "a").split()
    assert cli.main(["devices", "trust", str(root / "coord"), *words[:7]]) == 1
    assert "eight words; 7 were given" in capsys.readouterr().err
    assert cli.main(["devices", "trust", str(root / "coord"), *words[:7], "zzzzz"]) == 1
    assert "“zzzzz” is not one of the fingerprint words" in capsys.readouterr().err
    (root / "x.fab").write_bytes(b"x")
    assert cli.main(["import", str(root / "coord"), str(root / "x.fab"), "--trust-device", "acid zoom"]) == 2
    assert "eight words" in capsys.readouterr().err
    assert store_digest(root / "coord") == before


def test_words_of_a_registered_device_cannot_be_announced_again(world):
    root, _, _ = world
    path = _export(root, "a")
    with reopen(root / "coord") as c:
        [r] = import_bundles(c, [path], trust=[words_of(root / "a")])
        assert r.outcome == "imported"
        with pytest.raises(UserFacingError, match="already registered"):
            expect_device(c, words_of(root / "a"))


def test_labels_stay_on_the_coordinator(world, capsys):
    root, _, _ = world
    label = "LABEL-CANARY Seoul team, laptop 3"
    pa = _export(root, "a")
    with reopen(root / "coord") as c:
        [r] = import_bundles(c, [pa], trust=[words_of(root / "a")])
        with pytest.raises(UserFacingError, match="one line"):
            label_device(c, r.device_id, "two\nlines")
    assert cli.main(["devices", "label", str(root / "coord"), r.device_id, label]) == 0
    assert cli.main(["devices", str(root / "coord")]) == 0
    assert capsys.readouterr().out.rstrip().endswith(label)
    with reopen(root / "a") as d:
        add_interviews(d, 1, seed=11)
    pa2 = _export(root, "a")
    with reopen(root / "coord") as c:
        r2, again = import_bundles(c, [pa2, pa])
    assert (r2.outcome, again.outcome) == ("imported", "already imported")
    assert files_containing(root, [b"LABEL-CANARY"]) == [], "not in bundles, receipts or any other file"


# -- an outsider with only the public project key file -------------------------------------------
def _outsider_bundle(root: Path, key: bytes, n_records: int = 1) -> Path:
    """A well-formed bundle signed by a key the coordinator never saw (only the public file used)."""
    pk = load_project_key(key)
    private, public = signing.generate_signing_key()
    records = [{"id": f"{i:032x}", "revision": 1, "form_id": "xch", "form_version": "1", "pseudonym": f"p{i}",
                "language": "English (en)", "started_at": "2024-05-01T10:00:00Z",
                "finalized_at": "2024-05-01T11:00:00Z",
                "answers": {"consent": ["no", "answered"], "age": [None, "not_applicable"],
                            "heard": [None, "not_applicable"], "score": [None, "not_applicable"],
                            "notes": ["x" * 200, "answered"], "adult": ["no", "answered"]}}
               for i in range(n_records)]
    fields = {"bundle_id": "ab" * 16, "device_id": "0123456789abcdef", "signer": public.hex(),
              "project_id": pk.project_id, "seq": 1, "prev": "",
              "recipients": [recipient_fingerprint(r) for r in pk.recipients],
              "created": datetime.now(UTC).strftime("%Y-%m-%d"), "forms": []}
    inner, _ = bundle.build_inner(fields, records, lambda m: signing.sign(private, bundle.SIGN_CONTEXT, m), public)
    path = root / "stick" / "outsider.fab"
    path.write_bytes(age.encrypt(inner, pk.recipients))
    return path


@pytest.mark.parametrize("fmt", [bundle.FORMAT_1, bundle.FORMAT])
def test_an_outsider_is_refused_before_the_bundle_is_decrypted(world, monkeypatch, fmt):
    """Formats 1 and 2 share the prefix the refusal reads: either is refused from its head."""
    root, key, _ = world
    if fmt == bundle.FORMAT_1:  # format 1 records carry no repeat instances
        lines = lambda recs: (b"".join(bundle.canonical(r) + b"\n" for r in recs),  # noqa: E731
                              [{"id": r["id"], "revision": r["revision"],
                                "sha256": bundle.sha256_hex(bundle.canonical(r))} for r in recs])
        with monkeypatch.context() as m:
            m.setattr(bundle, "FORMAT", bundle.FORMAT_1)
            m.setattr(bundle, "encode_records", lines)
            path = _outsider_bundle(root, key, n_records=20_000)
    else:
        path = _outsider_bundle(root, key, n_records=20_000)  # about 8 MB
    reopen(root / "coord").close()
    before = store_digest(root / "coord")
    decrypted = []
    real = age.decrypt_path

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        decrypted.append(len(out))
        return out

    monkeypatch.setattr(age, "decrypt_path", spy)
    with reopen(root / "coord") as c:
        [report] = import_bundles(c, [path])
    assert report.outcome == "refused" and "not trusted here yet" in str(report.reason)
    assert report.device_words and report.device_words in str(report.reason)
    assert path.stat().st_size > 8_000_000
    assert decrypted and max(decrypted) <= bundle.PREFIX.size + bundle.MAX_UNTRUSTED_MANIFEST
    assert max(decrypted) < 3_000_000, "only the head: the prefix and the manifest"
    assert store_digest(root / "coord") == before


def test_the_audit_log_records_who_was_announced_and_labelled(world):
    root, _, _ = world
    with reopen(root / "coord") as c:
        expect_device(c, words_of(root / "a"), "x")
        with c.reading() as conn:
            actions = [e["action"] for e in audit.entries(conn)]
    assert actions[0] == "device.expect"
