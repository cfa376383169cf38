"""Crash-harness worker: performs one store operation and is killed (-9) at a random moment.

Run as ``python -m tests.crash.worker OP STORE [ARGS]``. It prints ``ready`` once set up and
``committed N`` after each durable step, so the parent knows the minimum that must survive.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
NEW_PASSPHRASE = "harbor-pencil-meadow-violin-copper-lantern"


def say(text: str) -> None:
    print(text, flush=True)


def op_autosave(store_path: Path) -> None:
    from fieldapp.store import Store
    from fieldapp.store.interviews import InterviewRepo

    with Store.open(store_path, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        [row] = repo.list(status="draft")
        iv = repo.resume(row.id)
        iv.set_answer("consent", "yes")
        say("ready")
        for i in range(10_000):
            iv.set_answer("note_text", f"draft text {i}")
            say(f"committed {i}")


def op_finalize(store_path: Path) -> None:
    from fieldapp.store import Store
    from fieldapp.store.interviews import InterviewRepo

    with Store.open(store_path, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        for row in repo.list(status="draft"):
            iv = repo.resume(row.id)
            say("ready")
            repo.finalize(iv)
            say(f"committed {row.id}")


def op_paper(store_path: Path, csv_path: str) -> None:
    from fieldapp.store import Store
    from fieldapp.store.paper import import_responses

    with Store.open(store_path, PASSPHRASE) as store:
        say("ready")
        result = import_responses(store, "crash", Path(csv_path))
        say(f"committed {result.imported}")


def op_passwd(store_path: Path) -> None:
    from fieldapp.store import Store

    with Store.open(store_path, PASSPHRASE) as store:
        say("ready")
        store.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
        say("committed 1")


def op_export(store_path: Path, project_key: str, out: str) -> None:
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.exchange.export import export_bundle
    from fieldapp.store import Store

    with Store.open(store_path, PASSPHRASE) as store:
        say("ready")
        data = Path(project_key).read_bytes()
        export_bundle(store, Path(out), data, words=load_project_key(data).fingerprint_words())
        say("committed 1")


def op_export_die_after_commit(store_path: Path, project_key: str, out: str) -> None:
    """Export, and die at the first instruction after the export's COMMIT (a power cut)."""
    from fieldapp.store import wal

    def power_cut(conn) -> None:
        say("committed 1")
        os._exit(0)

    wal.back_to_wal = power_cut
    op_export(store_path, project_key, out)


def op_passwd_churn(store_path: Path) -> None:
    """Change the passphrase back and forth; after each change says which one opens."""
    from fieldapp.store import Store

    pair = (PASSPHRASE, NEW_PASSPHRASE)
    with Store.open(store_path, PASSPHRASE) as store:
        say("ready")
        for i in range(1000):
            store.change_passphrase(pair[i % 2], pair[(i + 1) % 2])
            say(f"committed {(i + 1) % 2}")


def op_migrate(store_path: Path) -> None:
    from tests.crash.harness import install_slow_migration

    install_slow_migration()
    from fieldapp.store import Store

    say("ready")
    with Store.open(store_path, PASSPHRASE):
        say("committed 1")


OPS = {"autosave": op_autosave, "finalize": op_finalize, "paper": op_paper,
       "passwd": op_passwd, "migrate": op_migrate, "export": op_export,
       "export_die_after_commit": op_export_die_after_commit, "passwd_churn": op_passwd_churn}

if __name__ == "__main__":
    os.environ.setdefault("FIELDAPP_INSECURE_FAST_KDF", "1")
    OPS[sys.argv[1]](Path(sys.argv[2]), *sys.argv[3:])
