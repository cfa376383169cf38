"""Every frozen store of a past schema version opens with today's code and keeps its answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fieldapp.store import Store, schema
from fieldapp.store.interviews import InterviewRepo

FROZEN = Path(__file__).resolve().parents[1] / "vectors" / "stores"
#: The reference questionnaire as the frozen stores hold it, by version, from git (2017.1: commit
#: 5cde059, stores v1-v4; 2017.2: commit 09a4c0f, v5): re-installing the very workbook must be
#: recognised as the same form.
OLD_REFERENCES = {"2017.1": FROZEN / "escapee-survey-2017.1.xlsx", "2017.2": FROZEN / "escapee-survey-2017.2.xlsx"}
PASSPHRASE = "frozen-vector-store-passphrase-not-secret"
VERSIONS = sorted(int(p.name[1:]) for p in FROZEN.glob("v*") if p.is_dir())


def test_there_is_a_frozen_store_for_every_schema_version():
    assert VERSIONS == list(range(1, schema.latest_version() + 1))


@pytest.mark.parametrize("version", VERSIONS)
def test_frozen_store_opens_migrates_and_keeps_its_answers(tmp_path, version):
    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    _private(path)
    with Store.open(path, PASSPHRASE) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        assert store.verify() == []
        repo = InterviewRepo(store)
        rows = {r.status: r for r in repo.list(form_id="escapee_survey_2017")}
        assert set(rows) == {"final", "draft"}
        final = repo.answers(rows["final"].id)
        assert final["age"].value == 44 and final["anything_else"].value == "frozen"
        assert rows["final"].language == "Korean (ko)"
        draft = repo.resume(rows["draft"].id)
        assert draft.value("consent") == "yes" and draft.value("age") is None


def _raw_keys_and_version(path: Path) -> tuple[set[str], int]:
    """What the frozen store holds before any migration runs (opened without the ladder)."""
    from fieldapp.store import keyfile
    from fieldapp.store.db import DB_NAME, _connect

    data_key = keyfile.load(path).slots.unlock(PASSPHRASE)
    conn, _ = _connect(path / DB_NAME, [data_key])
    try:
        return ({r[0] for r in conn.execute("SELECT name FROM keys")},
                conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_the_v1_store_gets_its_coordinator_keys_on_the_ladder(tmp_path):
    """v1 predates the exchange: its keys table is empty until step 2 fills it, once."""
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.store import audit, keys
    from tests.core.test_exchange_support import store_digest

    path = tmp_path / "store"
    shutil.copytree(FROZEN / "v1", path)
    assert _raw_keys_and_version(path) == (set(), 1)
    with Store.open(path, PASSPHRASE) as store:
        assert store.role == "coordinator"
        with store.reading() as conn:
            assert keys.missing(conn, "coordinator") == set()
            ck = keys.coordinator_keys(conn)
            project_key = load_project_key(keys.project_key_file(conn))
            entries = audit.entries(conn)
            actions = [e["action"] for e in entries]
        assert project_key.project_id == ck.project_id
        assert list(project_key.recipients) == list(ck.recipients)
        assert store.verify() == []
    # Newest first: the keys were made inside the migration step's transaction (to v2), then
    # the answers got their repeat instances (to v3), the device registry its announced and
    # retired keys (to v4), the media tables (to v5), the form images (to v6), the answers'
    # status rule as comparisons (to v7); then the key slots moved from
    # keyslots.json to store.keys, with a new data key (decision 0003), and the device signing
    # key was sealed under the new passphrase-only signing wrap key (issue #17, finding 5).
    assert actions[:2] == ["keys.device_key_sealed", "store.key_file_upgraded"]
    made = actions.index("keys.create")
    assert entries[made - 1]["action"] == "store.migrate" and entries[made - 1]["detail"] == {"to": 2}
    assert [e["detail"]["to"] for e in entries[2:made]] == list(range(schema.latest_version(), 1, -1))
    before = store_digest(path)
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []
        with store.reading() as conn:
            again = keys.coordinator_keys(conn)
    assert again == ck  # the keys were made once, not again at the next opening
    assert store_digest(path) == before


def test_a_store_created_today_has_its_keys_without_a_migration_entry(tmp_path):
    from fieldapp.store import audit, keys

    with Store.create(tmp_path / "s", PASSPHRASE, "interviewer") as store:
        with store.reading() as conn:
            assert keys.missing(conn, "interviewer") == set()
            actions = [e["action"] for e in audit.entries(conn)]
    assert sorted(actions) == ["keys.create", "store.create"]


def test_a_failed_migration_leaves_the_store_exactly_as_it_was(tmp_path, monkeypatch):
    """A step that has already written (keys, an audit entry) and then fails rolls back whole."""
    from fieldapp.store import keys
    from tests.core.test_exchange_support import store_digest

    path = tmp_path / "store"
    shutil.copytree(FROZEN / "v1", path)
    before = store_digest(path)

    def half_done(conn) -> None:
        keys.backfill(conn)
        raise OSError(28, "No space left on device")

    steps = list(schema.MIGRATIONS)
    steps[steps.index(schema._backfill_keys)] = half_done
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    with pytest.raises(OSError, match="No space left"):
        Store.open(path, PASSPHRASE)
    assert store_digest(path) == before
    assert _raw_keys_and_version(path) == (set(), 1)
    monkeypatch.undo()
    with Store.open(path, PASSPHRASE) as store:  # the lock was released; the ladder runs again
        assert store.info.schema_version == schema.latest_version()
        assert store.verify() == []


@pytest.mark.parametrize("version", VERSIONS)
def test_forms_of_the_old_reader_keep_running(tmp_path, version):
    """The frozen stores hold the reference form as the old reader stored it (definition
    format 1): it still reads, its draft resumes and can be finished, and installing the
    same workbook again with the pyxform reader is recognised as the same form."""
    import json
    import random

    from fieldapp.engine.simulate import simulate
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire
    from fieldapp.store.forms import add_form, get_form

    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    _private(path)
    with Store.open(path, PASSPHRASE) as store:
        stored = store.conn.execute(
            "SELECT definition FROM forms WHERE form_id = 'escapee_survey_2017'").fetchone()[0]
        # v1 and v2 were made by the old reader (definition format 1), v3 on by pyxform's
        assert json.loads(stored)["format"] == (1 if version <= 2 else 2)
        form = get_form(store, "escapee_survey_2017")
        assert form.question("age").type == "integer" and not form.attachments
        repo = InterviewRepo(store)
        draft = next(r for r in repo.list(form_id="escapee_survey_2017") if r.status == "draft")
        iv = repo.resume(draft.id)
        simulate(form, random.Random(3), fixed={"consent": "yes"}, interview=iv)
        assert iv.can_finalize()
        # The workbook the store was made from (kept beside the frozen stores since the bundled
        # one moved on: 2017.2 added section 7's rosters, 2017.3 labels) is the same form
        workbook = OLD_REFERENCES.get(form.version, reference_questionnaire())
        assert add_form(store, read_xlsform(workbook)) is False
        if form.version in OLD_REFERENCES:  # and today's questionnaire installs beside it
            assert add_form(store, read_xlsform(reference_questionnaire())) is True
            assert get_form(store, "escapee_survey_2017", form.version).question("age").type == "integer"


ROSTER_VERSIONS = [v for v in VERSIONS if v >= 3]


@pytest.mark.parametrize("version", ROSTER_VERSIONS)
def test_frozen_repeat_instances_survive_and_resume(tmp_path, version):
    """From v3 on the frozen store holds interviews of a roster form (make_store.py): 2
    members (the second with a detention episode), none, and a draft with one. Their
    instances and answers come back, and the draft resumes with its roster."""
    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    _private(path)
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []
        repo = InterviewRepo(store)
        rows = [r for r in repo.list(form_id="roster_fixture")]
        final = sorted((r for r in rows if r.status == "final"), key=lambda r: r.answered)
        assert len(final) == 2
        none, two = final
        assert repo.instances(none.id) == []
        assert repo.answers(none.id)["n_members"].value == 0
        assert repo.instances(two.id) == ["members[1]", "members[2]", "members[2]/episodes[1]"]
        answers = {k: v.value for k, v in repo.answers(two.id).items() if v.status == "answered"}
        assert answers == {"members[1]/relation": "mother", "members[1]/age": 71,
                           "members[2]/relation": "sibling", "members[2]/age": 40,
                           "members[2]/episodes[1]/year": 2009, "n_members": 2}
        draft = repo.resume(next(r.id for r in rows if r.status == "draft"))
        assert draft.instances() == ["members[1]", "members[1]/episodes[1]"]
        assert draft.value("members[1]/relation") == "sibling"
        draft.add_instance("members")
        draft.set_answer("members[2]/age", 33)
        again = repo.resume(draft.id)
        assert again.instance_count("members") == 2 and again.value("members[2]/age") == 33


REGISTRY_VERSIONS = [v for v in VERSIONS if v >= 4]


@pytest.mark.parametrize("version", REGISTRY_VERSIONS)
def test_frozen_device_registry_keeps_announced_and_retired_keys(tmp_path, version):
    """From v4 on the frozen store announces a laptop by its words and holds a recovered
    laptop (make_store.py): both survive, and the retired key stays bounded by its number."""
    from fieldapp.crypto.words import fingerprint_words
    from fieldapp.store import devices

    # the keys make_store.py wrote (OLD_KEY, NEW_KEY, ANNOUNCED_KEY)
    OLD_KEY, NEW_KEY, ANNOUNCED_KEY = bytes(range(32)), bytes(range(32, 64)), bytes(range(64, 96))

    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    _private(path)
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []
        with store.reading() as conn:
            announced = devices.all_expected(conn)
            assert [(e.words, e.label) for e in announced] == [(fingerprint_words(ANNOUNCED_KEY),
                                                                "Seoul team, laptop 3")]
            (busan,) = devices.records(conn)
            assert (busan.label, busan.sign_key, busan.last_seq) == ("Busan laptop", NEW_KEY, 3)
            assert busan.recovered_at == "2026-12-01T12:30:00Z"
            assert devices.retired(conn, OLD_KEY).max_seq == 3
            assert devices.by_key(conn, OLD_KEY) is None


def _private(folder: Path) -> None:
    """Git keeps no file modes but the executable bit: a store's files are 0600 wherever the
    store was made, as they are for a user restoring it from a backup."""
    for f in folder.iterdir():
        f.chmod(0o600)


MEDIA_VERSIONS = [v for v in VERSIONS if v >= schema.MEDIA_VERSION]


def test_older_stores_get_empty_media_tables_and_verify(tmp_path):
    """Every store made before media answers migrates to tables that hold none (issue #16)."""
    for version in [v for v in VERSIONS if v < schema.MEDIA_VERSION]:
        path = tmp_path / f"v{version}"
        shutil.copytree(FROZEN / f"v{version}", path)
        _private(path)
        with Store.open(path, PASSPHRASE) as store:
            assert store.conn.execute("SELECT count(*) FROM media").fetchone()[0] == 0
            assert store.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0
            assert store.verify() == []


@pytest.mark.parametrize("version", MEDIA_VERSIONS)
def test_frozen_media_answers_survive_and_verify(tmp_path, version):
    """From the media version on the frozen store holds a draft's photo and a finalized
    interview's three-chunk recording (make_store.py); both read back byte for byte."""
    import hashlib

    from fieldapp.ops import media as ops_media

    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    _private(path)
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []
        rows = {r.status: r for r in InterviewRepo(store).list(form_id="media_fixture")}
        photo = ops_media.read_media(store, rows["draft"].id, "photo")
        assert photo == bytes(range(256)) * 5
        (audio,) = ops_media.list_media(store, rows["final"].id)
        assert (audio.key, audio.kind, audio.chunks, audio.size) == ("testimony", "audio", 3, 3000)
        data = ops_media.read_media(store, rows["final"].id, "testimony")
        assert data == b"\0" * 1000 + b"\1" * 1000 + b"\2" * 1000
        assert hashlib.sha256(data).hexdigest() == audio.sha256


FORM_MEDIA_VERSIONS = [v for v in VERSIONS if v >= schema.FORM_MEDIA_VERSION]


def test_older_stores_get_an_empty_form_images_table_and_verify(tmp_path):
    """Every store made before form images migrates to a table holding none (issue #16)."""
    for version in [v for v in VERSIONS if v < schema.FORM_MEDIA_VERSION]:
        path = tmp_path / f"v{version}"
        shutil.copytree(FROZEN / f"v{version}", path)
        _private(path)
        with Store.open(path, PASSPHRASE) as store:
            assert store.conn.execute("SELECT count(*) FROM form_media").fetchone()[0] == 0
            assert store.verify() == []


@pytest.mark.parametrize("version", FORM_MEDIA_VERSIONS)
def test_frozen_form_images_survive_and_verify(tmp_path, version):
    """From the form-images version on the frozen store holds a form whose question and
    choice show images (make_store.py); they read back byte for byte, the draft resumes."""
    from fieldapp.store.forms import form_media_file, get_form

    marker = b"frozen-image-"
    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    _private(path)
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []
        form = get_form(store, "images_fixture", "1")
        question = form.question("ok")
        assert question.image() == "question.png"
        assert form.choices_for(question).get("yes").image() == "yes.png"
        for name in ("question.png", "yes.png"):
            data = form_media_file(store, "images_fixture", "1", name)
            assert data.startswith(b"\x89PNG") and data.endswith(marker + name.encode())
        (draft,) = InterviewRepo(store).list(form_id="images_fixture")
        assert InterviewRepo(store).resume(draft.id).value("ok") == "yes"


def _raw_answers(path: Path) -> list[tuple]:
    """The answers rows of a frozen store before any migration runs."""
    from fieldapp.store import keyfile
    from fieldapp.store.db import DB_NAME, _connect

    data_key = keyfile.load(path).slots.unlock(PASSPHRASE)
    conn, _ = _connect(path / DB_NAME, [data_key])
    try:
        return sorted(conn.execute("SELECT interview_id, instance, field, value, status, updated_at FROM answers"))
    finally:
        conn.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_the_answers_status_rule_is_kept_by_the_rebuilt_table(tmp_path, version):
    """The step that writes the status rule as comparisons (decision 0018) keeps every answer,
    and the rule still refuses any other status; the (field, status) index, which that step
    rebuilt, is gone from v9 on (decision 0023)."""
    from sqlcipher3 import dbapi2 as sqlcipher

    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    _private(path)
    before = _raw_answers(path) if version >= 3 else None  # v1, v2: no instance column yet
    with Store.open(path, PASSPHRASE) as store:
        with store.reading() as conn:
            rows = sorted(conn.execute("SELECT interview_id, instance, field, value, status, updated_at "
                                       "FROM answers"))
            table = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'answers'").fetchone()[0]
            indexes = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                   "AND tbl_name = 'answers'").fetchall()
        assert rows and (before is None or rows == before)
        assert "status = 'answered' OR status = 'missing' OR status = 'not_applicable'" in table
        assert "status IN" not in table
        assert indexes == []  # WITHOUT ROWID: the primary key is the table's own tree
        iid = rows[0][0]
        for status in ("answered", "missing", "not_applicable"):
            with store.transaction() as conn:
                conn.execute("INSERT INTO answers(interview_id, instance, field, value, status, updated_at) "
                             "VALUES (?, '', ?, NULL, ?, 'now')", (iid, f"new_{status}", status))
        for status in ("maybe", "", "Answered"):
            with pytest.raises(sqlcipher.IntegrityError, match="CHECK"):
                with store.transaction() as conn:
                    conn.execute("INSERT INTO answers(interview_id, instance, field, value, status, updated_at) "
                                 "VALUES (?, '', 'bad', NULL, ?, 'now')", (iid, status))
        with store.transaction() as conn:
            conn.execute("DELETE FROM answers WHERE field LIKE 'new_%'")
        assert store.verify() == []


def test_a_stopped_background_recording_stays_stopped_after_the_migration(tmp_path):
    """From v8 the frozen store's reference draft holds the interviewer's Stop (decision
    0021); every older store gets an empty table, and the choice goes with its interview."""
    from fieldapp.ops import background

    for version in VERSIONS:
        path = tmp_path / f"v{version}"
        shutil.copytree(FROZEN / f"v{version}", path)
        _private(path)
        with Store.open(path, PASSPHRASE) as store:
            (draft,) = [r for r in InterviewRepo(store).list(form_id="escapee_survey_2017") if r.status == "draft"]
            expected = "stopped" if version >= schema.RECORDING_CHOICES_VERSION else None
            assert background.refusal(store, draft.id) == expected, version
            assert store.verify() == []
            InterviewRepo(store).delete_draft(draft.id)
            assert store.conn.execute("SELECT count(*) FROM recording_choices").fetchone()[0] == 0


@pytest.mark.parametrize("version", VERSIONS)
def test_the_answers_index_is_dropped_and_every_answer_kept(tmp_path, version):
    """v9 (decision 0023) drops the answers' (field, status) index, which no query read: every
    answer stays, reading them by interview and by form still works, and a frozen v9 store,
    made without it, is the same."""
    from fieldapp.store.dataset import load_dataset

    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    _private(path)
    before = _raw_answers(path) if version >= 3 else None
    had_index = _raw_index(path)
    assert had_index == (version < schema.ANSWERS_INDEX_DROPPED_VERSION)
    with Store.open(path, PASSPHRASE) as store:
        with store.reading() as conn:
            rows = sorted(conn.execute("SELECT interview_id, instance, field, value, status, updated_at "
                                       "FROM answers"))
            assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'answers_field'").fetchone()[0] == 0
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert rows and (before is None or rows == before)
        data = load_dataset(store, "escapee_survey_2017")
        assert list(data.values["age"]) == [44] and list(data.values["anything_else"]) == ["frozen"]
        assert store.verify() == []


def _raw_index(path: Path) -> bool:
    """Whether the store holds the answers_field index before any migration runs."""
    from fieldapp.store import keyfile
    from fieldapp.store.db import DB_NAME, _connect

    data_key = keyfile.load(path).slots.unlock(PASSPHRASE)
    conn, _ = _connect(path / DB_NAME, [data_key])
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'answers_field'").fetchone()[0] == 1
    finally:
        conn.close()
