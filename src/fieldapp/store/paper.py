"""Importing keyed-in paper questionnaires into a store: all rows of all files or none, once per
set of files (a form with repeats: one file or sheet per level, ``fieldapp.engine.paper``)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldapp.engine.paper import validate_files
from fieldapp.errors import ImportRowsError, UserFacingError
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store.db import Store, now_utc
from fieldapp.store.forms import get_form
from fieldapp.store.interviews import insert_finalized

#: The page cache of the import's transaction, in KiB (the store's own is 64 MiB): 20,000
#: rows of the reference survey write about 90 MiB of pages, and a page that leaves the cache
#: before the commit is encrypted and written to the log, then again if it changes (decision
#: 0023). Given back when the transaction ends.
IMPORT_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while an import builds and writes its interviews.

    Every one of the 20,000 interviews of a large import lives until the commit, and the
    collector, run every 700 new objects, walks more of them each time: about 5% of the
    import, for no garbage (decision 0023). Cycles made meanwhile are collected when it is
    on again; reference counting frees everything else as usual."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextlib.contextmanager
def page_cache(conn, kib: int) -> Iterator[None]:
    """``PRAGMA cache_size`` at ``kib`` KiB for a block, then back to what it was."""
    before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {before}")


@contextlib.contextmanager
def foreign_keys_proven(conn) -> Iterator[None]:
    """Foreign keys off for one transaction, whose writer proves them in two queries instead
    (``insert_finalized``, ``prove_parents``: SQLite looked up the interview of each of 760,000
    answers, a fifth of what SQLite spent on them; decision 0023). Set outside the transaction (SQLite ignores
    the pragma inside one) and always back on: a transaction a failed COMMIT left open is
    rolled back first, so this connection never writes unchecked again."""
    if conn.in_transaction:  # the pragma would do nothing: nothing may run unchecked
        raise RuntimeError("foreign_keys_proven inside a transaction")
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("PRAGMA foreign_keys = ON")


@dataclass(frozen=True)
class PaperImport:
    rows: int
    imported: int
    skipped_existing: int
    dry_run: bool


def import_responses(
    store: Store,
    form_id: str,
    path: Path | Sequence[Path],
    dry_run: bool = False,
    again: bool = False,
    progress: ProgressSink = no_progress,
    cancel: CancelToken | None = None,
) -> PaperImport:
    paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
    with collector_paused():
        return _import(store, form_id, paths, dry_run, again, progress, cancel)


def _import(store: Store, form_id: str, paths: list[Path], dry_run: bool, again: bool,
            progress: ProgressSink, cancel: CancelToken | None) -> PaperImport:
    form = get_form(store, form_id)
    result = validate_files(form, paths, progress, cancel)
    name = ", ".join(p.name for p in paths)
    if result.problems:
        raise ImportRowsError(result.problems, len(result.problems), name)
    if result.rows == 0:
        raise UserFacingError("paper.no_rows", source=name)
    with store.reading() as conn:
        earlier = conn.execute("SELECT at FROM paper_imports WHERE sha256 = ?", (result.sha256,)).fetchone()
    if earlier and not again:
        raise UserFacingError("paper.already_imported", source=name, date=earlier[0][:10])
    if dry_run:
        return PaperImport(result.rows, 0, 0, True)
    if cancel is not None:
        cancel.check()
    # the larger cache and the foreign keys proven once, from before BEGIN until after COMMIT
    # (the commit writes the pages out), with the store's lock held throughout, so no other
    # work runs with either
    with (store.reading() as held, page_cache(held, IMPORT_CACHE_KIB), foreign_keys_proven(held),
          store.transaction() as conn):
        ids = result.instance_ids if any(result.instance_ids) else None
        new = insert_finalized(store, conn, result.interviews, "paper", ids)
        conn.execute(
            "INSERT INTO paper_imports(sha256, form_id, rows, at) VALUES (?,?,?,?) "
            "ON CONFLICT(sha256) DO UPDATE SET at = excluded.at",
            (result.sha256, form.form_id, result.rows, now_utc()),
        )
        store.audit(conn, "responses.import", {"form": form.form_id, "rows": result.rows,
                                               "new": new, "sha256": result.sha256})
    return PaperImport(result.rows, new, result.rows - new, False)
