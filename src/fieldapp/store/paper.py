"""Importing keyed-in paper questionnaires into a store: all rows of all files or none, once per
set of files (a form with repeats: one file or sheet per level, ``fieldapp.engine.paper``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldapp.engine.paper import validate_files
from fieldapp.errors import ImportRowsError, UserFacingError
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store.db import Store, now_utc
from fieldapp.store.forms import get_form
from fieldapp.store.interviews import insert_finalized


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
    with store.transaction() as conn:
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
