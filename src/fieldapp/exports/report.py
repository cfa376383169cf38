"""The printable report: one horizontal-bar chart per question, as a self-contained HTML file or PDF.

Charts are drawn with matplotlib's Agg/SVG/PDF backends (never pyplot, never Qt) in a font
that has Hangul (``fieldapp.exports.fonts``). Bars show the percentage of the base as a
published survey would; the base is stated under each chart; small cells are hatched and
starred, suppressed ones drawn as "x" with no bar.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from fieldapp.analysis.tables import Table, round_half_up
from fieldapp.analysis.text import tr
from fieldapp.exports.fonts import font_families
from fieldapp.exports.layout import (
    HIDDEN,
    HIDDEN_MARK,
    SMALL,
    SMALL_MARK,
    chart_series,
    grid,
    heading,
    notes,
    stats_grid,
)
from fieldapp.forms.titles import title_in


@dataclass(frozen=True)
class ReportInfo:
    """What a report's cover says besides its tables."""

    title: str
    respondents: int = 0
    first: str = ""  # fieldwork period, to the month (YYYY-MM)
    last: str = ""
    min_cell: int = 5
    suppressed: bool = False


def default_info(tables: Sequence[Table], title: str | None = None) -> ReportInfo:
    """A cover from the tables alone (everybody = base + missing + n/a of a table's total)."""
    code = tables[0].lang_code if tables else "en"
    n = 0
    for t in tables:
        g = t.groups()[-1][0] if t.groups() else ""
        base, (miss, na) = t.base_of(g), t.outside(g)
        if all(v is not pd.NA for v in (base, miss, na)) and t.kind != "paired":
            n = max(n, int(base) + int(miss) + int(na))
    return ReportInfo(title=title or tr(code, "report_title"), respondents=n,
                      min_cell=tables[0].min_cell if tables else 5,
                      suppressed=any(t.suppressed for t in tables))


def report_info(ds, request, title: str | None = None) -> ReportInfo:
    """The cover of a report of ``ds`` made as ``request`` (a TableRequest) asks."""
    from fieldapp.analysis.text import text_code

    code = text_code(ds.form, request.lang)
    dates = sorted(d for d in (ds.dates if ds.dates is not None else []) if d)
    return ReportInfo(
        title=title or title_in(ds.form.title, code) or tr(code, "report_title"),
        respondents=len(ds), first=dates[0][:7] if dates else "", last=dates[-1][:7] if dates else "",
        min_cell=request.min_cell, suppressed=request.suppress)


COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5", "#843c0c")
LABEL_WIDTH = 36
#: A legend entry is wrapped at this many characters; series labels up to SHORT_LEGEND share a row.
LEGEND_WIDTH, SHORT_LEGEND = 70, 24


def _rc(families: Sequence[str]) -> dict:
    return {
        "font.family": list(families),
        "font.size": 9,
        "svg.fonttype": "path",  # glyphs as paths: the SVG needs no font on the reader's machine
        "svg.hashsalt": "fieldapp",  # stable ids, so the same tables give the same file
        "pdf.fonttype": 42,  # embed TrueType: Hangul survives copy and search in the PDF
        "axes.unicode_minus": False,
    }


def _draw_bars(ax, table: Table) -> bool:
    """Draw the chart on ``ax``; False when there is nothing to draw."""
    labels, series = chart_series(table)
    if not labels:
        ax.set_axis_off()
        return False
    n, k = len(labels), len(series)
    height = 0.8 / k
    top = 0.0
    for j, (slabel, pcts, marks) in enumerate(series):
        ys = [i + (j - (k - 1) / 2) * height for i in range(n)]
        values = [p if p is not None and m != HIDDEN else 0.0 for p, m in zip(pcts, marks)]
        bars = ax.barh(ys, values, height=height * 0.9, color=COLOURS[j % len(COLOURS)],
                       label=textwrap.fill(slabel, LEGEND_WIDTH) if k > 1 else None)
        for y, value, p, m, bar in zip(ys, values, pcts, marks, bars):
            if m == HIDDEN:
                text = HIDDEN_MARK
            elif p is None:
                text = ""
            else:
                text = f"{round_half_up(p, 0):.0f}%" + (SMALL_MARK if m == SMALL else "")
            if m == SMALL:
                bar.set_hatch("///")
                bar.set_alpha(0.55)
            ax.text(value + 1.0, y, text, va="center", ha="left", fontsize=8)
            top = max(top, value)
    ax.set_yticks(range(n), [textwrap.fill(label, LABEL_WIDTH) for label in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, max(10.0, top * 1.18))
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if k > 1:
        # Above the bars (issue #15, item 5): a tall cross-tab scrolls on the Tables page, and a
        # legend under it was below the fold at 1366x768; the key is read before the bars anyway.
        # One row for up to four short series (three groups and the total), read in the bars'
        # order (matplotlib fills a legend column by column, so two rows would read out of
        # order); long ones (a comparison's two questions) one under the other, wrapped, so the
        # legend never makes the chart wider than its bars and the pane shrinks it to nothing.
        short = all(len(slabel) <= SHORT_LEGEND for slabel, _p, _m in series)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(k, 4) if short else 1,
                  frameon=False, fontsize=8)
    return True


def _chart_height(table: Table) -> float:
    labels, series = chart_series(table)
    lines = sum(max(1, len(textwrap.wrap(label, LABEL_WIDTH))) for label in labels)
    return max(1.2, 0.22 * max(lines, len(labels) * len(series)) + 0.5 + (0.3 if len(series) > 1 else 0))


#: matplotlib's rcParams are process-wide: one chart or PDF at a time (the GUI draws and
#: exports from worker threads).
_RC_LOCK = threading.RLock()


def chart_image(table: Table, families: Sequence[str], fmt: str = "svg", dpi: int = 96,
                width_in: float = 7.5) -> bytes | None:
    """The bar chart of ``table`` as SVG or PNG bytes, in memory; None when nothing to draw.

    The one chart routine for the HTML/PDF report and the GUI's tables page, so the screen
    and the printed report agree.
    """
    import matplotlib
    from matplotlib.figure import Figure

    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    with _RC_LOCK, matplotlib.rc_context(_rc(families)):
        fig = Figure(figsize=(width_in, _chart_height(table)))
        if not _draw_bars(fig.add_subplot(), table):
            return None
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", metadata=metadata)
    return buf.getvalue()


_CSS = """
body { font-family: "NanumGothic", "Noto Sans KR", "Malgun Gothic", sans-serif; max-width: 52em;
       margin: 2em auto; color: #222; }
h2 { font-size: 1.1em; margin-top: 2.5em; border-top: 1px solid #ccc; padding-top: 1em; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
th, td { border-bottom: 1px solid #ddd; padding: 2px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.small { background: #fff2cc; } td.suppressed { color: #777; }
p.base { font-weight: bold; margin: 0.2em 0; } p.note { color: #555; margin: 0.2em 0; font-size: 0.9em; }
img.chart { max-width: 100%; }
p.identifying { color: #a00000; font-weight: bold; border: 2px solid #a00000; padding: 0.5em; }
"""


def _html_grid(block) -> list[str]:
    if not block:
        return []
    header, *body = block
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{html.escape(c.display())}</th>" for c in header) + "</tr></thead>", "<tbody>"]
    for row in body:
        cells = []
        for c in row:
            cls = {SMALL: ' class="small"', HIDDEN: ' class="suppressed"'}.get(c.mark or "", "")
            cells.append(f"<td{cls}>{html.escape(c.display())}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def html_report(tables: Sequence[Table], title: str | None = None, ci: bool = False,
                info: ReportInfo | None = None, open_text=None) -> tuple[str, list[str]]:
    """(HTML text, warnings). Self-contained: charts are data: images, no external requests."""
    families, warning = font_families()
    code = tables[0].lang_code if tables else "en"
    title = title or (info.title if info else tr(code, "report_title"))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(code)}"><head><meta charset="utf-8">',
        # Nothing in the report may load or run anything: it holds survey results.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "img-src data:; style-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        *([f'<p class="identifying">{html.escape(tr(code, "open_text_warning"))}</p>'] if open_text else []),
        *_html_cover(info, tables, code),
        f"<nav><h2>{html.escape(tr(code, 'contents'))}</h2><ol>",
        *[f'<li><a href="#t{i}">{html.escape(heading(t))}</a></li>' for i, t in enumerate(tables)],
        "</ol></nav>",
    ]
    for i, t in enumerate(tables):
        parts.append(f'<section id="t{i}"><h2>{html.escape(heading(t))}</h2>')
        svg = chart_image(t, families)
        if svg is None:
            parts.append(f'<p class="note">{html.escape(tr(code, "no_data"))}</p>')
        else:
            # An <img> cannot run script even if a label smuggled markup into the SVG.
            data = base64.b64encode(svg).decode("ascii")
            alt = html.escape(heading(t), quote=True)
            parts.append(f'<img class="chart" alt="{alt}" src="data:image/svg+xml;base64,{data}">')
        sentences = notes(t)
        parts.append(f'<p class="base">{html.escape(sentences[0])}</p>')
        parts += [f'<p class="note">{html.escape(s)}</p>' for s in sentences[1:]]
        parts += _html_grid(grid(t, ci))
        parts += _html_grid(stats_grid(t))
        if ci:
            parts.append(f'<p class="note">{html.escape(tr(code, "ci_note"))}</p>')
        parts.append("</section>")
    if open_text:
        parts.append(f'<section id="open-text"><h1>{html.escape(tr(code, "open_text_title"))}</h1>')
        parts.append(f'<p class="identifying">{html.escape(tr(code, "open_text_warning"))}</p>')
        for item in open_text:
            parts.append(f"<h2>{html.escape(item.title)}</h2><ul>")
            parts += [f"<li>{html.escape(a)}</li>" for a in item.answers]
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts), [warning] if warning else []


def _html_cover(info: ReportInfo | None, tables: Sequence[Table], code: str) -> list[str]:
    if info is None:
        info = default_info(tables)
    lines = [tr(code, "cover_n", n=info.respondents)]
    if info.first:
        lines.append(tr(code, "cover_dates", first=info.first, last=info.last))
    universe = next((t.universe for t in tables if t.universe), "")
    if universe:
        lines.append(tr(code, "universe", expression=universe))
    lines.append(tr(code, "cover_bases"))
    rule = "cover_rule" if info.suppressed else "cover_flag_rule"
    lines.append(tr(code, rule, k=info.min_cell, k1=info.min_cell - 1))
    return [f'<p class="cover">{html.escape(line)}</p>' for line in lines]




def write_pdf(tables: Sequence[Table], path: Path, title: str | None = None, ci: bool = False,
              info: ReportInfo | None = None) -> list[str]:
    """The report as a PDF (``fieldapp.exports.pdfreport``), written to ``path`` (the atomic temp file)."""
    from fieldapp.exports import pdfreport

    families, warning = font_families()
    info = info or default_info(tables, title)
    title = title or info.title
    # No creation date or producer details: the file should say no more than its tables.
    meta = {"Title": title, "Creator": "fieldapp", "Producer": "fieldapp", "CreationDate": None}
    # fontTools reports every font table it cannot subset; that is noise for our users.
    subset_log = logging.getLogger("fontTools.subset")
    level = subset_log.level
    subset_log.setLevel(logging.ERROR)
    try:
        import matplotlib
        from matplotlib.backends.backend_pdf import PdfPages

        with _RC_LOCK, matplotlib.rc_context(_rc(families)):
            pages = pdfreport.layout_report(tables, info, families, ci)
            with PdfPages(str(path), metadata=meta) as pdf:
                pdfreport.draw(pages, pdf, families)
    finally:
        subset_log.setLevel(level)
    return [warning] if warning else []


def chart_png(table: Table, dpi: int = 150) -> tuple[bytes | None, list[str]]:
    """One table's chart as a stand-alone PNG: its title above, its base and notes below."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.image import imread

    families, warning = font_families()
    chart = chart_image(table, families, fmt="png", dpi=dpi)
    if chart is None:
        return None, [warning] if warning else []
    img = imread(io.BytesIO(chart))
    h_px, w_px = img.shape[:2]
    width_in = max(7.5, w_px / dpi)
    title_lines = textwrap.wrap(heading(table), 90) or [""]
    note_lines = [line for s in notes(table) for line in (textwrap.wrap(s, 110) or [""])]
    top, bottom = 0.28 * len(title_lines) + 0.2, 0.19 * len(note_lines) + 0.2
    height_in = top + h_px / dpi + bottom
    with _RC_LOCK, matplotlib.rc_context(_rc(families)):
        fig = Figure(figsize=(width_in, height_in))
        y = 1 - 0.1 / height_in
        for line in title_lines:
            fig.text(0.02, y, line, fontsize=12, weight="bold", va="top")
            y -= 0.28 / height_in
        ax = fig.add_axes((0.02, bottom / height_in, (w_px / dpi) / width_in, (h_px / dpi) / height_in))
        ax.imshow(img)
        ax.set_axis_off()
        y = (bottom - 0.1) / height_in
        for line in note_lines:
            fig.text(0.02, y, line, fontsize=8.5, va="top", color="#333333")
            y -= 0.19 / height_in
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue(), [warning] if warning else []
