"""Build small XLSForm workbooks inline in tests, from markdown-like tables (pyxform's habit).

    path = write_xlsform(tmp_path / "f.xlsx", survey='''
        | type              | name  | label::English (en) | relevant        |
        | integer           | age   | Age                 |                 |
        | select_one yn     | ok    | OK?                 | ${age} > 17     |
    ''', choices='''
        | list_name | name | label::English (en) |
        | yn        | yes  | Yes                 |
        | yn        | no   | No                  |
    ''', settings={"form_id": "t", "version": "1"})

Row 1 of each sheet is the header, so the first data row is Excel row 2.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl


def parse_table(text: str) -> list[list[str]]:
    rows = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line or set(line) <= {"|", "-", " ", ":"}:
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(cells)
    return rows


def write_xlsform(
    path: Path,
    survey: str,
    choices: str | None = None,
    settings: dict[str, str] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in parse_table(survey):
        ws.append([c if c != "" else None for c in row])
    if choices:
        wc = wb.create_sheet("choices")
        for row in parse_table(choices):
            wc.append([c if c != "" else None for c in row])
    if settings:
        st = wb.create_sheet("settings")
        st.append(list(settings.keys()))
        st.append(list(settings.values()))
    path = Path(path)
    wb.save(path)
    return path
