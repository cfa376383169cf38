"""Respondent-level exports: identifiers, private fields, select-all dummies, formula injection,
SPSS/Stata labels and their limits."""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
import subprocess
from pathlib import Path
from types import MappingProxyType

import openpyxl
import pyreadstat
import pytest

from fieldapp.analysis import Dataset
from fieldapp.errors import UserFacingError
from fieldapp.exports import write_data
from fieldapp.exports.atomic import orphan_temp_files
from fieldapp.exports.data import truncate_label
from fieldapp.forms.model import Choice, ChoiceList, Form, Group, Question
from tests.conftest import require_tool
from tests.core.analysis_fixtures import escapee_dataset

PAYLOADS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tTAB", "\rCR"]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return escapee_dataset()


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_csv_one_row_per_interview_pseudonym_only(ds, tmp_path):
    out = tmp_path / "d.csv"
    assert write_data(ds, "csv", out) == []
    rows = read_csv(out)
    assert len(rows) == 200
    assert list(rows[0])[:4] == ["pseudonym", "consent", "age", "gender"]
    assert "iv-" not in out.read_text("utf-8-sig")  # interview ids never leave the store
    assert "notes" not in rows[0] and "private note" not in out.read_text("utf-8-sig")
    assert [r["pseudonym"] for r in rows] == sorted(r["pseudonym"] for r in rows)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert orphan_temp_files(tmp_path) == []


def test_csv_select_multiple_value_and_dummies(ds, tmp_path):
    out = tmp_path / "d.csv"
    write_data(ds, "csv", out)
    rows = {r["pseudonym"]: r for r in read_csv(out)}
    first = rows["P-000"]
    assert first["info_forms"] == "usb phone"
    assert (first["info_forms_usb"], first["info_forms_phone"], first["info_forms_internet"]) == ("1", "1", "0")
    # Not asked / not answered: empty, not 0.
    assert rows["P-199"]["info_forms"] == "" and rows["P-199"]["info_forms_usb"] == ""
    assert rows["P-000"]["hr_context"] == "" and rows["P-000"]["hr_context_friend"] == ""
    assert sum(int(r["info_forms_internet"] or 0) for r in rows.values()) == 0
    assert sum(int(r["info_forms_usb"] or 0) for r in rows.values()) == 150
    assert rows["P-000"]["age"] == "18" and rows["P-198"]["age"] == ""


def test_private_fields_only_on_request(ds, tmp_path):
    out = tmp_path / "d.csv"
    write_data(ds, "csv", out, include_private=True)
    rows = {r["pseudonym"]: r for r in read_csv(out)}
    assert rows["P-050"]["notes"] == "private note 50"


def _payload_form() -> Form:
    lab = MappingProxyType
    # The text column comes last so a spreadsheet shows it whole (nothing to its right).
    qs = (
        Question("n", "integer", 3, labels=lab({"default": "Number"})),
        Question("calc", "calculate", 4, labels=lab({"default": "Computed"}), calculation="${n}"),
        Question("pick", "select_multiple", 5, labels=lab({"default": "Pick"}), list_name="ab"),
        Question("comment", "text", 2, labels=lab({"default": "Comment"})),
    )
    ab = ChoiceList("ab", (Choice("a", lab({"default": "A"}), 2), Choice("b", lab({"default": "B"}), 3)))
    return Form("p", "1", "p", Group("p", 1, qs), MappingProxyType({"ab": ab}))


def _payload_ds() -> Dataset:
    recs = [(f"i{k}", f"P{k}", {"comment": p, "n": -5, "calc": "-5", "pick": "a"}, {})
            for k, p in enumerate(PAYLOADS)]
    return Dataset.from_records(_payload_form(), recs)


def test_formula_payloads_are_text_in_csv(tmp_path):
    out = tmp_path / "p.csv"
    write_data(_payload_ds(), "csv", out)
    rows = read_csv(out)
    assert [r["comment"] for r in rows] == ["'" + p for p in PAYLOADS]
    # Plain numbers stay numbers, whether stored as numbers or computed as text.
    assert {r["n"] for r in rows} == {"-5"} and {r["calc"] for r in rows} == {"-5"}


def test_formula_payloads_are_text_in_xlsx(tmp_path):
    out = tmp_path / "p.xlsx"
    write_data(_payload_ds(), "xlsx", out)
    wb = openpyxl.load_workbook(out)
    ws = wb["data"]
    header = [c.value for c in ws[1]]
    col = header.index("comment") + 1
    cells = [ws.cell(r, col) for r in range(2, 2 + len(PAYLOADS))]
    # XlsxWriter stores a carriage return as the OOXML escape _x000D_; Excel shows it as \r.
    assert [c.value.replace("_x000D_", "\r") for c in cells] == ["'" + p for p in PAYLOADS]
    assert all(c.data_type == "s" for c in cells)
    n = ws.cell(2, header.index("n") + 1)
    assert n.value == -5 and n.data_type == "n"
    assert ws.cell(2, header.index("pick_a") + 1).value == 1
    assert wb["variables"]["A2"].value == "pseudonym"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def _soffice_text(path: Path, tmp_path: Path, infilter: str | None = None) -> str:
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    outdir = tmp_path / "lo-out"
    # A private LibreOffice profile, so the test neither reads nor leaves the user's settings.
    cmd = [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", "pdf", "--outdir", str(outdir), str(path)]
    env = {**os.environ, "HOME": str(tmp_path / "lo-home")}
    subprocess.run(cmd, check=True, capture_output=True, timeout=120, env=env)
    pdf = outdir / (path.stem + ".pdf")
    return subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True).stdout.decode()


@pytest.mark.slow
def test_libreoffice_shows_payloads_as_text(tmp_path):
    ds = _payload_ds()
    for fmt, infilter in (("xlsx", None), ("csv", "CSV:44,34,76,1")):
        out = tmp_path / f"p.{fmt}"
        write_data(ds, fmt, out)
        text = _soffice_text(out, tmp_path, infilter)
        for p in PAYLOADS[:4]:
            assert p in text, (fmt, p, text)


@pytest.mark.slow
def test_libreoffice_would_run_an_unneutralised_payload(tmp_path):
    """The check above can fail: the same payload without the quote is evaluated."""
    raw = tmp_path / "raw.csv"
    raw.write_bytes(b'comment\r\n"=HYPERLINK(""http://x"",""y"")"\r\n')
    text = _soffice_text(raw, tmp_path, "CSV:44,34,76,1")
    assert "HYPERLINK" not in text and "y" in text.split()


def test_sav_round_trip_with_labels(ds, tmp_path):
    out = tmp_path / "d.sav"
    warnings = write_data(ds, "sav", out, lang="ko")
    assert warnings == []
    df, meta = pyreadstat.read_sav(str(out))
    assert len(df) == 200 and "notes" not in df.columns
    labels = meta.column_names_to_labels
    assert labels["info_access"] == "외부 정보 접근은 어떻게 변했습니까?"
    assert labels["info_forms_usb"] == "외부 정보는 어떤 형태입니까?: USB로 본 외국 드라마와 영화"
    assert meta.variable_value_labels["info_access"] == {1.0: "늘었다", 2.0: "비슷하다", 3.0: "줄었다", 4.0: "모르겠다"}
    assert (df["info_access"] == 1).sum() == 68
    assert df["info_forms_internet"].sum() == 0 and df["info_forms_usb"].sum() == 150
    assert df["info_forms_usb"].isna().sum() == 4
    assert df.loc[0, "pseudonym"] == "P-000" and df.loc[0, "age"] == 18


def test_dta_round_trip_with_labels(ds, tmp_path):
    out = tmp_path / "d.dta"
    write_data(ds, "dta", out, lang="en")
    df, meta = pyreadstat.read_dta(str(out))
    assert meta.column_names_to_labels["crit_now"] == "Criticism of the regime now"
    assert meta.variable_value_labels["crit_now"][1.0] == "Never, in public or in private"
    assert (df["crit_now"] == 1).sum() == 14 and (df["crit_2007"] == 1).sum() == 36
    assert df["hr_context_friend"].isna().sum() == 54  # 50 not asked + 4 unanswered
    assert set(df["why_info"]) >= {"", "reason 0"}


def _long_label_form() -> Form:
    lab = MappingProxyType
    long_ko = "외부 정보" * 30  # 150 characters, 390 bytes
    qs = (
        Question("long-name.q", "select_one", 2, labels=lab({"default": long_ko}), list_name="yn"),
        Question("if", "integer", 3, labels=lab({"default": "reserved"})),
        Question("when", "date", 4, labels=lab({"default": "Date"})),
    )
    yn = ChoiceList("yn", (Choice("1", lab({"default": "예" * 50}), 2), Choice("2", lab({"default": "No"}), 3)))
    return Form("l", "1", "l", Group("l", 1, qs), MappingProxyType({"yn": yn}))


def test_stata_limits_shorten_labels_and_names_with_warnings(tmp_path):
    ds = Dataset.from_records(_long_label_form(), [
        ("a", "P1", {"long-name.q": "1", "if": 3, "when": "2017-05-01"}, {}),
        ("b", "P2", {"long-name.q": "2"}, {}),
    ])
    out = tmp_path / "l.dta"
    warnings = write_data(ds, "dta", out)
    assert any("renamed long-name.q -> long_name_q" in w and "if -> v_if" in w for w in warnings)
    assert any("limited to 80 characters" in w and "long_name_q" in w for w in warnings)
    df, meta = pyreadstat.read_dta(str(out))
    assert list(df.columns) == ["pseudonym", "long_name_q", "v_if", "when"]
    assert len(meta.column_names_to_labels["long_name_q"]) == 80
    # Names that are whole numbers are kept as the codes.
    assert meta.variable_value_labels["long_name_q"] == {1.0: "예" * 50, 2.0: "No"}
    assert str(df.loc[0, "when"])[:10] == "2017-05-01"


def test_spss_limits_cut_on_character_boundaries(tmp_path):
    ds = Dataset.from_records(_long_label_form(), [("a", "P1", {"long-name.q": "1"}, {})])
    out = tmp_path / "l.sav"
    warnings = write_data(ds, "sav", out)
    assert any("255 bytes" in w for w in warnings)
    assert any("value labels are limited to 120 bytes" in w for w in warnings)
    df, meta = pyreadstat.read_sav(str(out))
    label = meta.column_names_to_labels["long_name_q"]
    assert len(label.encode("utf-8")) <= 255 and label == ("외부 정보" * 30)[: len(label)]
    assert meta.variable_value_labels["long_name_q"][1.0] == "예" * 40


def test_truncate_label_never_splits_a_character():
    assert truncate_label("가나다", 10, 7) == "가나"
    assert truncate_label("abc", 2, 100) == "ab"


def test_parquet_without_pyarrow_is_a_clear_error(ds, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    out = tmp_path / "d.parquet"
    with pytest.raises(UserFacingError, match="needs the optional pyarrow package"):
        write_data(ds, "parquet", out)
    assert not out.exists()


def test_parquet_holds_the_same_rows_as_csv(ds, tmp_path):
    """Parquet keeps types (Int64 with missing values, strings), and every cell equals the CSV's."""
    import pandas as pd

    write_data(ds, "parquet", tmp_path / "d.parquet")
    write_data(ds, "csv", tmp_path / "d.csv")
    df = pd.read_parquet(tmp_path / "d.parquet")
    csv = pd.read_csv(tmp_path / "d.csv", dtype=str, keep_default_na=False)
    assert len(df) == 200 and df["info_forms_usb"].sum() == 150
    assert str(df["age"].dtype) == "Int64" and df["info_forms_usb"].isna().any()
    assert list(df.columns) == list(csv.columns)
    for col in df.columns:
        as_text = ["" if pd.isna(v) else str(v) for v in df[col]]
        assert as_text == [v.removesuffix(".0") for v in csv[col]], col


def test_unknown_format_and_failed_writer(ds, tmp_path, monkeypatch):
    with pytest.raises(UserFacingError, match="Unknown data format 'json'"):
        write_data(ds, "json", tmp_path / "d.json")
    out = tmp_path / "d.sav"
    out.write_bytes(b"old")
    import fieldapp.exports.data as mod

    def boom(*a, **k):
        raise ValueError("cell text that must not be shown: secret answer")

    monkeypatch.setattr(mod, "_sav", boom)
    with pytest.raises(UserFacingError) as err:
        write_data(ds, "sav", out)
    assert "secret" not in str(err.value) and "nothing was written" in str(err.value)
    assert out.read_bytes() == b"old"
    assert orphan_temp_files(tmp_path) == []


def test_no_plaintext_left_in_temp(ds, tmp_path, monkeypatch):
    """Exports write only the file asked for: nothing in TMPDIR, nothing beside it."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for fmt in ("csv", "xlsx", "sav", "dta"):
        write_data(ds, fmt, out_dir / f"d.{fmt}")
    assert sorted(os.listdir(out_dir)) == ["d.csv", "d.dta", "d.sav", "d.xlsx"]
    assert list(tmpdir.iterdir()) == []
    shutil.rmtree(out_dir)
