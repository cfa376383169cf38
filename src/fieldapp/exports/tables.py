"""Writing summary tables to files: CSV (the long-format contract), markdown, XLSX, HTML, PDF.

Every file goes through ``atomic_write`` (0600, fsync, rename); CSV and XLSX text cells are
neutralised against formula injection. HTML and PDF reports live in ``fieldapp.exports.report``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from fieldapp.analysis.tables import Table, long_format
from fieldapp.analysis.text import tr
from fieldapp.errors import UserFacingError
from fieldapp.exports.atomic import atomic_write
from fieldapp.exports.cells import neutralise
from fieldapp.exports.layout import HIDDEN, HIDDEN_MARK, SMALL, grid, heading, notes, stats_grid

TABLE_FORMATS = ("csv", "md", "xlsx", "html", "pdf")
#: Also accepted by ``write_tables``: one table's annotated chart.
CHART_FORMATS = ("png",)
_TEXT_COLUMNS = ("question", "option", "label", "by", "group")
XLSX_OPTIONS = {
    # Answers and labels are text, whatever they look like (SECURITY.md: formula injection).
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    # Never a temp file: by default xlsxwriter spills each sheet to a file in /tmp, which
    # would leave answers in plaintext outside the target (issue 17, finding 11).
    "in_memory": True,
}


def xlsx_bytes(write) -> bytes:
    """Run ``write(workbook_target)`` against memory and return the finished .xlsx bytes."""
    buf = io.BytesIO()
    write(buf)
    return buf.getvalue()


def _lang(tables: Sequence[Table]) -> str:
    return tables[0].lang_code if tables else "en"


def tables_csv(tables: Sequence[Table]) -> bytes:
    """Long format (ARCHITECTURE.md s.8), UTF-8 with a BOM so Excel reads Korean correctly."""
    df = long_format(tables)
    for col in _TEXT_COLUMNS:
        if col in df.columns:
            df[col] = df[col].map(neutralise)
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\r\n", float_format="%.1f")
    return buf.getvalue().encode("utf-8-sig")


def _md_escape(text: str) -> str:
    return re.sub(r"([\\|`*_\[\]<>])", r"\\\1", str(text)).replace("\n", " ")


def open_text_markdown(listing, code: str) -> list[str]:
    """The open-text section (``fieldapp.analysis.export.open_text``), flagged as identifying."""
    lines = [f"# {_md_escape(tr(code, 'open_text_title'))}", "", f"**{_md_escape(tr(code, 'open_text_warning'))}**", ""]
    for item in listing:
        lines += [f"## {_md_escape(item.title)}", ""]
        lines += [f"- {_md_escape(a)}" for a in item.answers] or [f"_{_md_escape(tr(code, 'no_data'))}_"]
        lines.append("")
    return lines


def tables_markdown(tables: Sequence[Table], title: str | None = None, ci: bool = False,
                    open_text=None) -> str:
    code = _lang(tables)
    lines = [f"# {_md_escape(title or tr(code, 'report_title'))}", ""]
    if open_text:
        lines += [f"**{_md_escape(tr(code, 'open_text_warning'))}**", ""]
    for t in tables:
        lines += [f"## {_md_escape(heading(t))}", ""]
        for block in (grid(t, ci), stats_grid(t)):
            if not block:
                continue
            header, *body = block
            lines.append("| " + " | ".join(_md_escape(c.display()) for c in header) + " |")
            lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
            for row in body:
                lines.append("| " + " | ".join(_md_escape(c.display()) for c in row) + " |")
            lines.append("")
        lines += [_md_escape(n) for n in notes(t)]
        lines.append("")
    if open_text:
        lines += open_text_markdown(open_text, code)
    return "\n".join(lines)


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_names(tables: Sequence[Table]) -> list[str]:
    """Unique Excel sheet names (31 characters, no []:*?/\\) from the question names."""
    used = {"index"}
    out = []
    for t in tables:
        base = _SHEET_BAD.sub("_", "+".join(t.questions))[:31] or "table"
        name, n = base, 2
        while name.lower() in used:
            suffix = f"~{n}"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        used.add(name.lower())
        out.append(name)
    return out


def _write_xlsx(tables: Sequence[Table], target, title: str | None) -> None:
    import xlsxwriter

    code = _lang(tables)
    wb = xlsxwriter.Workbook(target, XLSX_OPTIONS)
    try:
        bold = wb.add_format({"bold": True})
        head = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        pct = wb.add_format({"num_format": "0.0"})
        small = wb.add_format({"bg_color": "#FFF2CC"})
        small_pct = wb.add_format({"bg_color": "#FFF2CC", "num_format": "0.0"})
        hidden = wb.add_format({"font_color": "#7F7F7F", "align": "right"})
        link = wb.add_format({"font_color": "blue", "underline": 1})
        names = sheet_names(tables)
        index = wb.add_worksheet("index")
        index.write_string(0, 0, neutralise(title or tr(code, "report_title")), bold)
        for col, key in enumerate(("sheet", "question", "base")):
            index.write_string(2, col, tr(code, key), head)
        for i, (t, name) in enumerate(zip(tables, names), start=3):
            index.write_url(i, 0, f"internal:'{name}'!A1", link, string=name)
            index.write_string(i, 1, neutralise(heading(t)))
            base = t.base_of(t.groups()[-1][0]) if t.groups() else 0
            if base is pd.NA:
                index.write_string(i, 2, HIDDEN_MARK, hidden)
            else:
                index.write_number(i, 2, int(base))
        index.set_column(0, 0, 18)
        index.set_column(1, 1, 70)
        for t, name in zip(tables, names):
            ws = wb.add_worksheet(name)
            ws.write_string(0, 0, neutralise(heading(t)), bold)
            r = 2
            for block in (grid(t), stats_grid(t)):
                if not block:
                    continue
                for c, cell in enumerate(block[0]):
                    ws.write_string(r, c, neutralise(cell.display()), head)
                r += 1
                for row in block[1:]:
                    for c, cell in enumerate(row):
                        _xlsx_cell(ws, r, c, cell, pct, small, small_pct, hidden)
                    r += 1
                r += 1
            for sentence in notes(t):
                ws.write_string(r, 0, neutralise(sentence))
                r += 1
            ws.set_column(0, 0, 45)
            ws.set_column(1, 2 * len(t.groups()), 12)
    finally:
        wb.close()


def _xlsx_cell(ws, r, c, cell, pct, small, small_pct, hidden) -> None:
    if cell.mark == HIDDEN:
        ws.write_string(r, c, HIDDEN_MARK, hidden)
        return
    v = cell.value
    if v is None or (isinstance(v, float) and v != v):
        ws.write_blank(r, c, None)
        return
    if cell.kind in ("count", "base", "percent", "stat") and isinstance(v, int | float):
        is_small = cell.mark == SMALL
        fmt = (small_pct if is_small else pct) if cell.kind in ("percent", "stat") else (small if is_small else None)
        ws.write_number(r, c, float(v) if cell.kind in ("percent", "stat") else int(v), fmt)
        return
    ws.write_string(r, c, neutralise(str(v)))


def write_tables(tables: Sequence[Table], fmt: str, out: str | Path, title: str | None = None,
                 ci: bool = False, info=None, open_text=None) -> list[str]:
    """Write ``tables`` as ``fmt`` (csv, md, xlsx, html, pdf, png) to ``out``; returns warnings.

    Flags are always shown; to hide small cells pass the tables of one export through
    ``fieldapp.analysis.protect`` first. ``ci`` adds the 95% intervals to the report formats;
    ``info`` (``fieldapp.exports.report.ReportInfo``) fills the report's cover. ``png`` is the
    chart of the first table, with its title, base and notes. ``open_text``
    (``fieldapp.analysis.export.open_text``) adds the open-text answers to md and html only,
    flagged as identifying.
    """
    fmt = fmt.lower().lstrip(".")
    out = Path(out)
    if fmt not in TABLE_FORMATS + CHART_FORMATS:
        raise UserFacingError(f"Unknown table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}.")
    if not out.parent.is_dir():
        raise UserFacingError(f"The folder {out.parent} does not exist.")
    tables = list(tables)
    if fmt == "csv":
        atomic_write(out, tables_csv(tables))
        return []
    if fmt == "md":
        atomic_write(out, tables_markdown(tables, title, ci, open_text).encode("utf-8"))
        return []
    if fmt == "xlsx":
        atomic_write(out, xlsx_bytes(lambda buf: _write_xlsx(tables, buf, title)))
        return []
    from fieldapp.exports import report

    if fmt == "png":
        data, warnings = report.chart_png(tables[0]) if tables else (None, [])
        if data is None:
            raise UserFacingError("tables.nothing_to_draw")
        atomic_write(out, data)
        return warnings
    if fmt == "html":
        html, warnings = report.html_report(tables, title, ci=ci, info=info, open_text=open_text)
        atomic_write(out, html.encode("utf-8"))
        return warnings
    warnings: list[str] = []
    atomic_write(out, lambda tmp: warnings.extend(report.write_pdf(tables, tmp, title, ci=ci, info=info)))
    return warnings
