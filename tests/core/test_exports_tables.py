"""Table files: the exact CSV rows of the long-format contract, XLSX/markdown layout, HTML and PDF reports."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import warnings
from pathlib import Path
from types import MappingProxyType

import openpyxl
import pytest

from fieldapp.analysis import Dataset, all_tables, crosstab, frequency, paired, suppress
from fieldapp.analysis.tables import LONG_EXTRA_COLUMNS
from fieldapp.errors import UserFacingError
from fieldapp.exports import write_tables
from fieldapp.exports.atomic import orphan_temp_files
from fieldapp.forms.model import Choice, ChoiceList, Form, Group, Question
from tests.conftest import require_tool
from tests.core.analysis_fixtures import escapee_dataset

PAYLOADS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return escapee_dataset()


def csv_lines(path: Path) -> list[str]:
    """The CSV's lines cut to the contract's columns (the ones after them are checked apart)."""
    import csv
    import io

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    text = raw[3:].decode("utf-8")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    width = 8 if rows[0][6:8] == ["by", "group"] else 6
    assert rows[0][width:] == LONG_EXTRA_COLUMNS
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(r[:width] for r in rows)
    return buf.getvalue().split("\n")


def assert_private_file(path: Path) -> None:
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert orphan_temp_files(path.parent) == []


def test_csv_exact_published_rows(ds, tmp_path):
    out = tmp_path / "tables.csv"
    tables = [*all_tables(ds), paired(ds, ["crit_2007", "crit_now"])]
    assert write_tables(tables, "csv", out) == []
    lines = csv_lines(out)
    assert lines[0] == "question,option,label,count,percent,base"
    block = lines[lines.index("info_access,increased,Increased,68,34.0,200"):][:6]
    assert block == [
        "info_access,increased,Increased,68,34.0,200",
        "info_access,same,About the same,50,25.0,200",
        "info_access,decreased,Decreased,56,28.0,200",
        "info_access,dk,I don't know,26,13.0,200",
        "info_access,_missing,No answer (missing),0,,",
        "info_access,_not_applicable,Not applicable (not asked),0,,",
    ]
    # Select-all with a zero row; base = respondents who answered.
    assert "info_forms,internet,Foreign news on the internet,0,0.0,196" in lines
    assert "info_forms,usb,Foreign dramas and films on USB,150,76.5,196" in lines
    # Conditional question: base only those asked and answering; the rest outside it.
    assert "hr_context,friend,In conversation,70,47.9,146" in lines
    assert "hr_context,_missing,No answer (missing),4,," in lines
    assert "hr_context,_not_applicable,Not applicable (not asked),50,," in lines
    # Paired 2007 vs now.
    assert 'crit_2007,never,"Never, in public or in private",36,18.0,200' in lines
    assert 'crit_now,never,"Never, in public or in private",14,7.0,200' in lines
    assert "age,20-39,20-39,100,50.5,198" in lines
    assert_private_file(out)


def test_csv_crosstab_by_calculated_field(ds, tmp_path):
    out = tmp_path / "by.csv"
    write_tables([crosstab(ds, "hr_knowledge", "left_2014")], "csv", out)
    lines = csv_lines(out)
    assert lines[0] == "question,option,label,count,percent,base,by,group"
    assert "hr_knowledge,never,Never heard the term,20,16.7,120,left_2014,yes" in lines
    assert "hr_knowledge,never,Never heard the term,30,37.5,80,left_2014,no" in lines
    assert "hr_knowledge,little,Understood it a little,15,18.8,80,left_2014,no" in lines
    assert "hr_knowledge,never,Never heard the term,50,25.0,200,left_2014,_total" in lines


def test_csv_korean_labels_and_suppressed_cells(ds, tmp_path):
    out = tmp_path / "ko.csv"
    write_tables([suppress(frequency(ds, "gender", lang="ko"))], "csv", out)
    lines = csv_lines(out)
    assert "gender,female,여성,150,75.0,200" in lines
    assert "gender,male,남성,,,200" in lines  # hidden so the 2 beside it cannot be worked out
    assert "gender,prefer_not,응답하지 않음,,,200" in lines


def test_markdown_marks_small_cells(ds, tmp_path):
    out = tmp_path / "t.md"
    write_tables([frequency(ds, "info_forms")], "md", out)
    text = out.read_text("utf-8")
    assert "## What form does outside information take?" in text
    assert "| Foreign news on the internet | 0 | 0.0 |" in text
    assert "| Other | 3\\* | 1.5\\* |" in text
    assert "Base: 196 respondents who were asked this question and answered it." in text
    assert_private_file(out)


def _malicious_form() -> Form:
    labels = MappingProxyType
    choices = ChoiceList("c", tuple(Choice(f"c{i}", labels({"default": p}), i + 2) for i, p in enumerate(PAYLOADS)))
    q = Question("q", "select_one", 2, labels=labels({"default": "=1+1"}), list_name="c")
    return Form("m", "1", "m", Group("m", 1, (q,)), MappingProxyType({"c": choices}))


def test_xlsx_index_sheets_numbers_and_neutralised_labels(ds, tmp_path):
    out = tmp_path / "t.xlsx"
    tables = [frequency(ds, "info_access"), suppress(crosstab(ds, "hr_knowledge", "left_2014"))]
    write_tables(tables, "xlsx", out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["index", "info_access", "hr_knowledge"]
    idx = wb["index"]
    assert idx["A4"].value == "info_access" and idx["C4"].value == 200
    ws = wb["info_access"]
    cells = {ws.cell(r, 1).value: (ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(1, ws.max_row + 1)}
    assert cells["Increased"] == (68, 34)
    assert cells["Base"][0] == 200
    ct = wb["hr_knowledge"]
    row = next(r for r in ct.iter_rows(values_only=True) if r[0] == "Fully understood it")
    assert row[1:5] == ("x", "x", "x", "x") and row[5] == 24
    assert_private_file(out)

    mal = tmp_path / "mal.xlsx"
    recs = [(str(i), f"P{i}", {"q": f"c{i % 4}"}, {}) for i in range(8)]
    write_tables([frequency(Dataset.from_records(_malicious_form(), recs), "q")], "xlsx", mal)
    sheet = openpyxl.load_workbook(mal)["q"]
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert sheet["A1"].value == "'=1+1"
    for p in PAYLOADS:
        cell = next(c for c in texts if c.value.endswith(p))
        assert cell.value == "'" + p and cell.data_type == "s"


def test_html_report_is_self_contained_with_charts_and_bases(ds, tmp_path):
    out = tmp_path / "r.html"
    tables = [frequency(ds, "info_forms"), paired(ds, ["crit_2007", "crit_now"]),
              suppress(crosstab(ds, "info_access", "province"))]
    warnings = write_tables(tables, "html", out, title="Escapees <2017>")
    text = out.read_text("utf-8")
    assert warnings == []  # a Hangul font was found (bundled or installed)
    assert text.count('<img class="chart"') == 3
    assert 'src="data:image/svg+xml;base64,' in text
    assert "<script" not in text and 'src="http' not in text
    # the only links are the contents' links to sections of the same page
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', text))
    assert "default-src 'none'" in text
    assert "Escapees &lt;2017&gt;" in text
    assert "Base: 196 respondents who were asked this question and answered it." in text
    assert '<td class="small">3*</td>' in text
    assert '<td class="suppressed">x</td>' in text
    assert_private_file(out)


def test_report_warns_without_a_korean_font(ds, tmp_path, monkeypatch):
    from fieldapp.exports import fonts

    fonts.font_families.cache_clear()
    monkeypatch.setattr(fonts, "korean_font", lambda: None)
    try:
        warnings = write_tables([frequency(ds, "econ")], "html", tmp_path / "r.html")
    finally:
        fonts.font_families.cache_clear()
    assert warnings == [fonts.NO_KOREAN_FONT]


def test_korean_chart_labels_have_glyphs(ds, tmp_path):
    # matplotlib warns "Glyph ... missing from font(s)" when it would draw a box instead.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert write_tables([frequency(ds, "info_forms", lang="ko")], "html", tmp_path / "k.html") == []
    assert "외부 정보는 어떤 형태입니까?" in (tmp_path / "k.html").read_text("utf-8")


def test_pdf_report_has_korean_text_and_bases(ds, tmp_path):
    pdftotext = require_tool("pdftotext")
    out = tmp_path / "r.pdf"
    tables = [frequency(ds, "info_access", lang="ko"), crosstab(ds, "hr_knowledge", "left_2014", lang="ko")]
    assert write_tables(tables, "pdf", out) == []
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run([pdftotext, "-layout", str(out), "-"], capture_output=True, check=True).stdout.decode()
    assert "외부 정보 접근은 어떻게 변했습니까?" in text
    assert "기준: 이 질문을 받고 응답한 응답자 200명." in text
    assert "34.0" in text and "28.0" in text  # the grid (the chart is a picture)
    assert "응답자: 200명" in text  # the cover counts the respondents
    assert_private_file(out)


def test_bad_format_and_folder_are_clear_errors(ds, tmp_path):
    with pytest.raises(UserFacingError, match="Unknown table format 'docx'"):
        write_tables([], "docx", tmp_path / "x.docx")
    with pytest.raises(UserFacingError, match="does not exist"):
        write_tables([], "csv", tmp_path / "nope" / "x.csv")


def test_failed_write_keeps_the_old_file(ds, tmp_path, monkeypatch):
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"old")
    from fieldapp.exports import tables as mod

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(mod, "_write_xlsx", boom)
    with pytest.raises(RuntimeError):
        write_tables([frequency(ds, "econ")], "xlsx", out)
    assert out.read_bytes() == b"old"
    assert orphan_temp_files(tmp_path) == []
    assert not [p for p in os.listdir(tmp_path) if p != "t.xlsx"]
