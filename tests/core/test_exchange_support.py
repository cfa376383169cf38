"""Helpers shared by the exchange tests: a small form, stores, finalized interviews (no tests here)."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from fieldapp.forms.xlsform import read_xlsform
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, snapshot
from tests.xlsform_builder import write_xlsform

SURVEY = """
| type                | name     | label::English (en) | required | relevant           | constraint           | calculation                     |
| select_one yn       | consent  | Consent?            | yes      |                    |                      |                                 |
| integer             | age      | Age                 | yes      | ${consent} = 'yes' | . >= 15 and . <= 110 |                                 |
| select_multiple src | heard    | Heard from?         |          | ${consent} = 'yes' |                      |                                 |
| decimal             | score    | Score               |          | ${consent} = 'yes' |                      |                                 |
| text                | notes    | Notes               |          | ${consent} = 'yes' |                      |                                 |
| calculate           | adult    |                     |          |                    |                      | if(${age} >= 18, 'yes', 'no')   |
"""
CHOICES = """
| list_name | name   | label::English (en) |
| yn        | yes    | Yes                 |
| yn        | no     | No                  |
| src       | radio  | Radio               |
| src       | friend | Friend              |
| src       | tv     | TV                  |
"""


def make_form(folder: Path, version: str = "1"):
    path = write_xlsform(Path(folder) / f"exchange-form-{version}.xlsx", SURVEY, CHOICES,
                         {"form_id": "xch", "version": version, "default_language": "English (en)"})
    return read_xlsform(path)


def new_store(folder: Path, role: str, form) -> Store:
    store = Store.create(folder, PASSPHRASE, role)
    add_form(store, form)
    return store


def add_interviews(store: Store, n: int, seed: int = 0, canary: str | None = None) -> list[str]:
    """``n`` finalized interviews with varied answers; returns their ids."""
    rng = random.Random(seed)
    repo = InterviewRepo(store)
    ids = []
    for i in range(n):
        iv = repo.start("xch")
        if rng.random() < 0.1:
            iv.set_answer("consent", "no")
        else:
            iv.set_answer("consent", "yes")
            iv.set_answer("age", rng.randint(15, 90))
            iv.set_answer("heard", rng.sample(["radio", "friend", "tv"], rng.randint(0, 3)))
            iv.set_answer("score", round(rng.uniform(0, 10), 2) if rng.random() < 0.7 else None)
            iv.set_answer("notes", canary if (canary and i == 0) else rng.choice(["", "금강산", "ok", None]))
        repo.finalize(iv)
        ids.append(iv.id)
    return ids


def answers_by_interview(store: Store) -> dict[str, dict]:
    """id -> (form, revision, status, {field: (value, status)}) for every non-draft interview."""
    with store.reading() as conn:
        heads = {r[0]: r[1:] for r in conn.execute(
            "SELECT id, form_id, form_version, revision FROM interviews WHERE status != 'draft'")}
        out = {i: {"head": h, "answers": {}} for i, h in heads.items()}
        for iid, field, value, status in conn.execute("SELECT interview_id, field, value, status FROM answers"):
            if iid in out:
                out[iid]["answers"][field] = (value, status)
    return out


def store_digest(folder: Path) -> dict[str, str]:
    """Byte snapshot of a closed store folder (the lock file is empty and excluded)."""
    return {k: v for k, v in snapshot(folder).items() if k != "store.lock"}


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def reopen(folder: Path) -> Store:
    return Store.open(folder, PASSPHRASE)


def words_of(folder: Path) -> str:
    """A laptop's key fingerprint words, as its Export page shows them to be read out."""
    from fieldapp.exchange.keys import device_public, device_words

    with reopen(folder) as store, store.reading() as conn:
        return device_words(device_public(conn))


def key_words(project_key: bytes) -> str:
    """A project key file's fingerprint words, as the coordinator reads them out."""
    from fieldapp.crypto.projectkey import load_project_key

    return load_project_key(project_key).fingerprint_words()
