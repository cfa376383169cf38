"""What a coerced unlock shows after export (issue #17, finding 6).

The adversary has the laptop and its passphrase (the interviewer was made to unlock it) after
every finished interview was exported. They must learn how many interviews left on which day
and nothing more: no pseudonym, no interview id, no time to the second of any interview's
start, finalization or export, and no way to read the sealed copy awaiting a receipt.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from fieldapp.exchange.export import export_bundle, outbox
from fieldapp.exchange.keys import project_key_file
from fieldapp.ops.interviews import exported_per_day, home_summary, interview_counts
from fieldapp.store import Store
from fieldapp.store import outbox as outbox_rows
from fieldapp.store.interviews import InterviewRepo
from tests.core.test_exchange_support import add_interviews, key_words, make_form, new_store, reopen

SECONDS = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


def _plaintext(store: Store) -> bytes:
    """Everything the data key opens: every value of every table, as bytes."""
    out = bytearray()
    with store.reading() as conn:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for v in row:
                    out += (v if isinstance(v, bytes) else str(v).encode()) + b"\n"
    return bytes(out)


def test_after_export_a_coerced_unlock_shows_counts_per_day_only(tmp_path):
    form = make_form(tmp_path)
    with new_store(tmp_path / "coord", "coordinator", form) as c, c.reading() as conn:
        key = project_key_file(conn)
    laptop = tmp_path / "laptop"
    new_store(laptop, "interviewer", form).close()
    with reopen(laptop) as d:  # work in progress stays, as the interviewer needs it
        draft = InterviewRepo(d).start("xch")
        draft.set_answer("consent", "yes")
    # everything the interview work writes happens from this second on
    start = datetime.now(UTC).replace(microsecond=0)
    time.sleep(1.05 - datetime.now(UTC).microsecond / 1e6)
    work_began = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S").encode()
    assert work_began > start.strftime("%Y-%m-%dT%H:%M:%S").encode()
    (tmp_path / "stick").mkdir()
    with reopen(laptop) as d:
        ids = add_interviews(d, 7, seed=4)
        repo = InterviewRepo(d)
        pseudonyms = [r.pseudonym for r in repo.list() if r.id in ids]
        export_bundle(d, tmp_path / "stick", key, words=key_words(key))
    with reopen(laptop) as d:  # the coerced unlock
        seen = _plaintext(d)
        rows = InterviewRepo(d).list()
        counts = interview_counts(d)
        days = exported_per_day(d)
        summary = home_summary(d)
        [sent] = outbox(d)
        with d.reading() as conn:
            # since format 3 (issue #16) the copy is the file outbox/<bundle id>.age
            sealed = b"".join(outbox_rows.sealed_chunks(conn, sent.bundle_id, d.folder))
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    assert [(r.status, r.id) for r in rows] == [("draft", draft.id)]
    assert [(c.form_id, c.drafts, c.finalized, c.exported) for c in counts] == [("xch", 1, 0, 7)]
    assert [(e.day, e.interviews) for e in days] == [(today, 7)] and summary.exported == 7
    assert sent.created_at == today and sent.interviews == 7
    for secret in [*pseudonyms, *ids]:
        assert secret.encode() not in seen, "an exported interview is still named on the laptop"
    # no time to the second from the interview work on (the draft was begun before it)
    late = [t for t in SECONDS.findall(seen) if t >= work_began]
    assert not late, [seen[max(0, seen.find(t) - 120):seen.find(t) + 40] for t in late]
    # the sealed copy is for the coordinator: the laptop holds no age identity that opens it
    assert sealed.startswith(b"age-encryption.org/v1") and b"AGE-SECRET-KEY-" not in seen
