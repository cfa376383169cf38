"""The store schema and its migration ladder on ``PRAGMA user_version``.

Each step runs in one transaction together with the ``user_version`` bump, so a failed step
leaves the store exactly as it was. Never edit a released step: add a new one, and freeze a
store of the previous version in ``tests/vectors/stores`` (see tests/core/test_migrations.py).
"""

from __future__ import annotations

from collections.abc import Callable

V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE keys (
    name  TEXT PRIMARY KEY,          -- e.g. device_sign, coord_enc, coord_esc, coord_sign, project_key
    value BLOB NOT NULL
);
CREATE TABLE forms (
    form_id       TEXT NOT NULL,
    version       TEXT NOT NULL,
    title         TEXT NOT NULL,
    definition    TEXT NOT NULL,     -- canonical JSON of the Form model
    source_sha256 TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
);
CREATE TABLE interviews (
    id            TEXT PRIMARY KEY,  -- 128-bit random, hex
    form_id       TEXT NOT NULL,
    form_version  TEXT NOT NULL,
    pseudonym     TEXT NOT NULL UNIQUE,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'final', 'exported')),
    language      TEXT NOT NULL DEFAULT '',
    position      TEXT NOT NULL DEFAULT '',   -- page key where a draft stopped
    revision      INTEGER NOT NULL DEFAULT 1,
    device_id     TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT 'interview',  -- interview | paper | bundle
    started_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    finalized_at  TEXT,
    exported_at   TEXT,
    FOREIGN KEY (form_id, form_version) REFERENCES forms(form_id, version)
);
CREATE INDEX interviews_form ON interviews(form_id, status);
CREATE TABLE answers (
    interview_id  TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    field         TEXT NOT NULL,
    value         TEXT,              -- JSON, NULL when not answered
    status        TEXT NOT NULL CHECK (status IN ('answered', 'missing', 'not_applicable')),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (interview_id, field)
) WITHOUT ROWID;
CREATE INDEX answers_field ON answers(field, status);
CREATE TABLE paper_imports (
    sha256        TEXT PRIMARY KEY,
    form_id       TEXT NOT NULL,
    rows          INTEGER NOT NULL,
    at            TEXT NOT NULL
);
CREATE TABLE outbox (                -- field device: sealed bundles kept until a receipt
    bundle_id     TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    sealed        BLOB NOT NULL,
    interview_ids TEXT NOT NULL,     -- JSON list
    receipt_at    TEXT
);
CREATE TABLE devices (               -- coordinator: the device registry
    device_id     TEXT PRIMARY KEY,
    sign_key      BLOB NOT NULL,
    label         TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL CHECK (state IN ('trusted', 'revoked')),
    first_seen    TEXT NOT NULL,
    last_seq      INTEGER NOT NULL DEFAULT 0,
    last_hash     TEXT NOT NULL DEFAULT '',
    revoked_at    TEXT
);
CREATE TABLE imports (               -- coordinator: the import ledger, one row per bundle seen
    id            INTEGER PRIMARY KEY,
    bundle_id     TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    device_id     TEXT NOT NULL DEFAULT '',
    seq           INTEGER,
    at            TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    report        TEXT NOT NULL      -- JSON: counts and problems, never answers
);
CREATE TABLE interview_history (     -- coordinator: superseded revisions
    interview_id  TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    record        TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    PRIMARY KEY (interview_id, revision)
);
CREATE TABLE conflicts (             -- coordinator: same revision, different content
    id            INTEGER PRIMARY KEY,
    interview_id  TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    record        TEXT NOT NULL,
    bundle_id     TEXT NOT NULL,
    at            TEXT NOT NULL,
    resolved_at   TEXT
);
CREATE TABLE sealed_answers (        -- answers sealed to the coordinator at entry
    interview_id  TEXT NOT NULL,
    field         TEXT NOT NULL,
    sealed        BLOB NOT NULL,
    PRIMARY KEY (interview_id, field)
);
CREATE TABLE audit (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    action        TEXT NOT NULL,
    detail        TEXT NOT NULL,
    prev_hash     BLOB NOT NULL,
    hash          BLOB NOT NULL
);
"""

Step = Callable[[object], None]


def _sql(script: str) -> Step:
    def run(conn) -> None:
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)

    return run


def _backfill_keys(conn) -> None:
    """v2: a store made before the exchange existed gets its role's keys (device signing key;
    a coordinator's age, signing and project keys), so no caller has to create them lazily.
    The schema is unchanged; a new store gets the same keys from ``Store.create``."""
    from fieldapp.store import keys

    keys.backfill(conn)


#: v3 (repeat groups, issue #13): an answer is keyed by its repeat instance too
#: (``instance``: ``''`` outside repeats, ``members[2]``, ``members[2]/visits[1]``; ``field``
#: stays the question's key), and the instances an interview has are listed, so an instance
#: whose answers are all missing still exists. Every answer of an older store is outside
#: repeats: it moves with ``instance = ''`` (SQLite cannot change a primary key in place, so
#: the tables are rebuilt, in the step's one transaction).
V3 = """
CREATE TABLE answers_v3 (
    interview_id  TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    instance      TEXT NOT NULL DEFAULT '',   -- repeat instance path, '' outside repeats
    field         TEXT NOT NULL,              -- the question's key
    value         TEXT,
    status        TEXT NOT NULL CHECK (status IN ('answered', 'missing', 'not_applicable')),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (interview_id, instance, field)
) WITHOUT ROWID;
INSERT INTO answers_v3(interview_id, instance, field, value, status, updated_at)
    SELECT interview_id, '', field, value, status, updated_at FROM answers;
DROP TABLE answers;
ALTER TABLE answers_v3 RENAME TO answers;
CREATE INDEX answers_field ON answers(field, status);
CREATE TABLE sealed_answers_v3 (
    interview_id  TEXT NOT NULL,
    instance      TEXT NOT NULL DEFAULT '',
    field         TEXT NOT NULL,
    sealed        BLOB NOT NULL,
    PRIMARY KEY (interview_id, instance, field)
);
INSERT INTO sealed_answers_v3(interview_id, instance, field, sealed)
    SELECT interview_id, '', field, sealed FROM sealed_answers;
DROP TABLE sealed_answers;
ALTER TABLE sealed_answers_v3 RENAME TO sealed_answers;
CREATE TABLE repeat_instances (      -- the repeat instances of each interview
    interview_id  TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    instance      TEXT NOT NULL,
    PRIMARY KEY (interview_id, instance)
) WITHOUT ROWID
"""

V4 = """
CREATE TABLE expected_devices (      -- coordinator: laptops announced by their fingerprint words
    words         TEXT PRIMARY KEY,  -- the key's eight fingerprint words, lower case, one space apart
    label         TEXT NOT NULL DEFAULT '',
    device_id     TEXT NOT NULL DEFAULT '',  -- '' for a new laptop, else the device it is the new key of
    added_at      TEXT NOT NULL
);
CREATE TABLE retired_keys (          -- coordinator: a device's signing key before it was recovered
    sign_key      BLOB PRIMARY KEY,
    device_id     TEXT NOT NULL,
    max_seq       INTEGER NOT NULL,  -- bundles it signs with a higher number are refused
    retired_at    TEXT NOT NULL
);
ALTER TABLE devices ADD COLUMN recovered_at TEXT;
"""

#: Media answers (issue #16): an image, audio, video or file answer is a row of ``media``
#: (keyed like an answer: interview, repeat instance, question) and its bytes are chunks of
#: ``media_chunks`` inside the encrypted database, never a file beside it. ``sha256`` and
#: ``size`` are those of the whole media once it is complete; a recording is written chunk by
#: chunk while it runs (``state = 'recording'``), so a crash loses at most the chunk being
#: encoded. Both tables go with their interview (ON DELETE CASCADE; ``secure_delete`` zeroes
#: the cells) and are purged with the answers at export (decision 0013).
MEDIA = """
CREATE TABLE media (
    interview_id  TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    instance      TEXT NOT NULL DEFAULT '',
    field         TEXT NOT NULL,
    media_id      TEXT NOT NULL UNIQUE,      -- 128-bit random hex, named by the answer value
    kind          TEXT NOT NULL CHECK (kind IN ('image', 'audio', 'video', 'file')),
    mime          TEXT NOT NULL,
    ext           TEXT NOT NULL,             -- '.ogg', '.jpg': the file name it is exported as
    size          INTEGER NOT NULL DEFAULT 0,
    sha256        TEXT NOT NULL DEFAULT '',  -- '' until complete
    chunks        INTEGER NOT NULL DEFAULT 0,
    state         TEXT NOT NULL CHECK (state IN ('recording', 'complete')),
    created_at    TEXT NOT NULL,
    key           BLOB NOT NULL,             -- 32 random bytes sealing its chunks (never exported)
    PRIMARY KEY (interview_id, instance, field)
);
CREATE TABLE media_chunks (          -- not WITHOUT ROWID: rows are large blobs
    media_id      TEXT NOT NULL REFERENCES media(media_id) ON DELETE CASCADE,
    n             INTEGER NOT NULL,  -- 0, 1, 2 ... in order
    data          BLOB NOT NULL,
    UNIQUE (media_id, n)
)
"""

_media_step = _sql(MEDIA)

#: Form media (issue #16): the images a form shows with its questions and choices
#: (``fieldapp.forms.media_files``), installed with the form and kept inside the encrypted
#: database like its definition (they may show documents or places). One row per file of a
#: form version; they go with the form.
FORM_MEDIA = """
CREATE TABLE form_media (
    form_id       TEXT NOT NULL,
    version       TEXT NOT NULL,
    name          TEXT NOT NULL,     -- the file name the form's image columns give
    mime          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    PRIMARY KEY (form_id, version, name),
    FOREIGN KEY (form_id, version) REFERENCES forms(form_id, version) ON DELETE CASCADE
)
"""
_form_media_step = _sql(FORM_MEDIA)

#: The answers table's status rule written as comparisons (decision 0018): the same rule, but
#: ``status IN ('answered', 'missing', 'not_applicable')`` in a CHECK builds a temporary
#: b-tree of the three names for every row written (SQLite codes an IN list so), which cost
#: about a third of each bulk insert (a merge, a paper import). The table is rebuilt, as in
#: v3 (SQLite cannot change a constraint in place), in the step's one transaction.
ANSWERS_STATUS_CHECK = """
CREATE TABLE answers_next (
    interview_id  TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    instance      TEXT NOT NULL DEFAULT '',
    field         TEXT NOT NULL,
    value         TEXT,
    status        TEXT NOT NULL CHECK (status = 'answered' OR status = 'missing' OR status = 'not_applicable'),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (interview_id, instance, field)
) WITHOUT ROWID;
INSERT INTO answers_next(interview_id, instance, field, value, status, updated_at)
    SELECT interview_id, instance, field, value, status, updated_at FROM answers ORDER BY interview_id, instance, field;
DROP TABLE answers;
ALTER TABLE answers_next RENAME TO answers;
CREATE INDEX answers_field ON answers(field, status)"""
_answers_check_step = _sql(ANSWERS_STATUS_CHECK)

#: The interviewer's Stop of a background recording, or the respondent's no to the app's own
#: question (issue #16, decision 0021): the respondent's choice, kept with the interview so a
#: restart of the app never starts a recording they refused. It goes with the interview.
RECORDING_CHOICES = """
CREATE TABLE recording_choices (
    interview_id  TEXT PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
    choice        TEXT NOT NULL CHECK (choice = 'stopped' OR choice = 'declined')
) WITHOUT ROWID
"""
_recording_choices_step = _sql(RECORDING_CHOICES)

#: The answers' ``(field, status)`` index goes (decision 0023): no query of the store reads it
#: (each finds answers by interview, through the primary key, or by joining interviews; SQLite's
#: planner chose it for none, on a store of 20,000 interviews, analysed or not), yet every answer
#: written paid for it: a bulk insert in interview order adds to it at a hundred places at once
#: (one per question and status), which cost as much as the table itself. ``secure_delete``
#: zeroes its pages.
DROP_ANSWERS_FIELD_INDEX = "DROP INDEX IF EXISTS answers_field"
_drop_answers_index_step = _sql(DROP_ANSWERS_FIELD_INDEX)


def _media_db_copy(conn) -> None:
    """v10, first commit (decision 0024): the chunks copied into media.db (attached as
    ``mediadb`` by db.py before the ladder runs), whose table is made afresh (a copy left by
    a crash before the step's own commit is replaced)."""
    from fieldapp.store import mediadb

    conn.execute(f"DROP TABLE IF EXISTS {mediadb.SCHEMA}.media_chunks")
    conn.execute(mediadb.CHUNKS_TABLE)
    conn.execute(f"INSERT INTO {mediadb.SCHEMA}.media_chunks(media_id, n, data) "
                 "SELECT media_id, n, data FROM main.media_chunks ORDER BY media_id, n")


def _media_db_step(conn) -> None:
    """v10, second commit: store.db's copy goes (``secure_delete`` zeroes its pages). Until
    this commits the store is v9 with its chunks where they were."""
    conn.execute("DROP TABLE main.media_chunks")


_media_db_step.before = _media_db_copy  # type: ignore[attr-defined]

#: MIGRATIONS[i] takes a store from user_version i to i + 1.
MIGRATIONS: list[Step] = [
    _sql(V1),
    _backfill_keys,
    _sql(V3),
    # v4 (issue #17, findings 5 and 10): devices trusted by their fingerprint words before
    # their first bundle, and the keys of recovered laptops, refused from then on.
    _sql(V4),
    # v5 (issue #16): media answers, chunked and sealed with a key each, inside the store.
    _media_step,
    # v6 (issue #16): the form's own images (question and choice images), installed with it.
    _form_media_step,
    # v7 (decision 0018): the answers' status rule as comparisons, cheaper per row written.
    _answers_check_step,
    # v8 (decision 0021): a background recording the interviewer stopped or the respondent refused.
    _recording_choices_step,
    # v9 (decision 0023): the answers' (field, status) index, which no query reads, dropped.
    _drop_answers_index_step,
    # v10 (decision 0024): the media chunks in media.db, a database of their own beside store.db.
    _media_db_step,
]
#: The version whose step added the media tables (frozen stores hold media from then on).
MEDIA_VERSION = MIGRATIONS.index(_media_step) + 1
#: The version whose step added the form images table (frozen stores hold a form with images).
FORM_MEDIA_VERSION = MIGRATIONS.index(_form_media_step) + 1
#: The version whose step added the recording choices (frozen stores hold a stopped one).
RECORDING_CHOICES_VERSION = MIGRATIONS.index(_recording_choices_step) + 1
#: The version whose step dropped the answers' (field, status) index.
ANSWERS_INDEX_DROPPED_VERSION = MIGRATIONS.index(_drop_answers_index_step) + 1
#: The version whose step moved the media chunks into media.db (frozen stores have one from then on).
MEDIA_DB_VERSION = MIGRATIONS.index(_media_db_step) + 1


def latest_version() -> int:
    return len(MIGRATIONS)
