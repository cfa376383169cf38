"""Issue 17, finding 11: no export of any format creates a file outside its target.

During every table and data export: the temp folder (TMPDIR and ``tempfile.tempdir``) is a
path where nothing can be created, so any library reaching for a temp file fails the
export; every file Python opens for writing is recorded and must be the target or the
atomic-write temp file beside it; afterwards the target folder holds the target alone.
A canary answer must appear in no file but the target.
"""

from __future__ import annotations

import builtins
import os
import tempfile

import pytest

from fieldapp.analysis import Dataset, all_tables, suppress
from fieldapp.exports import DATA_FORMATS, TABLE_FORMATS, write_data, write_tables
from fieldapp.exports.atomic import TEMP_PREFIX
from tests.core.analysis_fixtures import FORM, escapee_records

CANARY = "canary-7f3a-answer"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    recs = escapee_records()
    iid, pseudonym, answers, status = recs[0]
    recs[0] = (iid, pseudonym, {**answers, "why_info": CANARY}, status)
    return Dataset.from_records(FORM, recs)


@pytest.fixture
def watched(tmp_path, monkeypatch):
    # matplotlib writes its font list cache on first use (font names only, no answers, once
    # per machine): let that happen before watching.
    from fieldapp.exports.fonts import font_families

    font_families()
    blocked = tmp_path / "no-temp-files-here"
    blocked.write_text("a file, so nothing can be created below it")
    monkeypatch.setenv("TMPDIR", str(blocked))
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    writes: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, mode="r", *a, **k):
        if any(c in mode for c in "wax+"):
            writes.append(os.fspath(file))
        return real_open(file, mode, *a, **k)

    def spy_os_open(path, flags, *a, **k):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(os.fspath(path))
        return real_os_open(path, flags, *a, **k)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    out = tmp_path / "out"
    out.mkdir()
    return out, writes


def _check(out, target, writes):
    assert sorted(os.listdir(out)) == [target.name]
    for path in writes:
        p = os.path.abspath(path)
        assert os.path.dirname(p) == str(out), p
        assert os.path.basename(p) == target.name or os.path.basename(p).startswith(TEMP_PREFIX), p


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_table_exports_write_only_their_target(ds, watched, fmt):
    out, writes = watched
    target = out / f"tables.{fmt}"
    tables = [suppress(t, 5) for t in all_tables(ds, by="province")[:4]]
    write_tables(tables, fmt, target)
    _check(out, target, writes)


@pytest.mark.parametrize("fmt", DATA_FORMATS)
def test_data_exports_write_only_their_target(ds, watched, fmt):
    out, writes = watched
    target = out / f"data.{fmt}"
    write_data(ds, fmt, target)
    _check(out, target, writes)
    if fmt in ("csv", "sav", "dta"):  # formats that keep text as it is
        assert CANARY.encode() in target.read_bytes()


def test_xlsx_would_have_used_a_temp_file_without_in_memory(ds, watched):
    """The guard works: xlsxwriter's default (temp files) fails under it."""
    import xlsxwriter

    out, _writes = watched
    wb = xlsxwriter.Workbook(str(out / "plain.xlsx"))
    wb.add_worksheet().write_string(0, 0, CANARY)
    with pytest.raises(xlsxwriter.exceptions.FileCreateError, match="no-temp-files-here"):
        wb.close()


@pytest.mark.parametrize("fmt", DATA_FORMATS)
def test_level_exports_write_only_their_targets(watched, fmt):
    """A form with a repeat: the respondent file and one file per level (xlsx: sheets), and
    nothing else; the canary (a respondent's pseudonym, so in every level's keys) only in them."""
    from fieldapp.exports.data import level_targets
    from tests.core.test_analysis_levels_attacker import world

    level_ds, level, _frame = world(1)
    level_ds = Dataset(level_ds.form, level_ds.values, level_ds.status,
                       level_ds.pseudonyms.mask(level_ds.pseudonyms.eq("P0"), CANARY))
    assert level.values.index.get_level_values(0).isin(["iv0"]).any()  # P0 has entries
    out, writes = watched
    target = out / f"data.{fmt}"
    write_data(level_ds, fmt, target, levels=[level])
    targets = level_targets(target, [level], fmt)
    assert len(targets) == (1 if fmt == "xlsx" else 2)
    assert sorted(os.listdir(out)) == sorted(p.name for p in targets)
    for path in writes:
        p = os.path.abspath(path)
        assert os.path.dirname(p) == str(out), p
        assert os.path.basename(p) in {t.name for t in targets} or os.path.basename(p).startswith(TEMP_PREFIX), p
    if fmt in ("csv", "sav", "dta"):
        assert all(CANARY.encode() in t.read_bytes() for t in targets)
