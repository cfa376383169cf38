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
from pathlib import Path

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

COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5", "#843c0c")
LABEL_WIDTH = 36


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
                       label=slabel if k > 1 else None)
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
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=min(k, 3), frameon=False, fontsize=8)
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


def html_report(tables: Sequence[Table], title: str | None = None) -> tuple[str, list[str]]:
    """(HTML text, warnings). Self-contained: charts are data: images, no external requests."""
    families, warning = font_families()
    code = tables[0].lang_code if tables else "en"
    title = title or tr(code, "report_title")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(code)}"><head><meta charset="utf-8">',
        # Nothing in the report may load or run anything: it holds survey results.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "img-src data:; style-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
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
        parts += _html_grid(grid(t))
        parts += _html_grid(stats_grid(t))
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts), [warning] if warning else []


A4 = (8.27, 11.69)


def _pdf_page(table: Table, families: Sequence[str]):
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4)
    fig.text(0.06, 0.965, textwrap.fill(heading(table), 80), fontsize=12, weight="bold", va="top")
    chart_h = min(0.42, _chart_height(table) / A4[1])
    chart_top = 0.89
    ax = fig.add_axes((0.42, chart_top - chart_h, 0.52, chart_h))
    drew = _draw_bars(ax, table)
    y = chart_top - chart_h - (0.05 if len(table.groups()) > 1 else 0.03)
    if not drew:
        fig.text(0.06, chart_top, tr(table.lang_code, "no_data"), va="top")
    for i, sentence in enumerate(notes(table)):
        fig.text(0.06, y, textwrap.fill(sentence, 95), fontsize=9 if i else 10,
                 weight="bold" if i == 0 else "normal", va="top")
        y -= 0.022 * (1 + sentence.count("\n") + len(sentence) // 95)
    for block in (grid(table), stats_grid(table)):
        if not block:
            continue
        rows = [[textwrap.shorten(c.display(), 48, placeholder="…") if j == 0 else c.display()
                 for j, c in enumerate(row)] for row in block]
        height = min(y - 0.03, 0.018 * len(rows))
        if height <= 0.02:
            break
        tax = fig.add_axes((0.06, y - height, 0.88, height))
        tax.set_axis_off()
        ncol = len(rows[0])
        other = min(0.15, 0.66 / max(1, ncol - 1))
        tbl = tax.table(cellText=rows[1:], colLabels=rows[0], loc="upper left", cellLoc="right",
                        colWidths=[0.34] + [other] * (ncol - 1))
        tbl.auto_set_font_size(False)
        tbl.set_fontsize(7)
        for (r, c), cell in tbl.get_celld().items():
            cell.set_linewidth(0.3)
            if c == 0:
                cell.get_text().set_horizontalalignment("left")
            if r > 0 and block[r][c].mark == SMALL:
                cell.set_facecolor("#fff2cc")
        y -= height + 0.03
    return fig


def write_pdf(tables: Sequence[Table], path: Path, title: str | None = None) -> list[str]:
    """The report as a PDF, one page per table, written to ``path`` (the atomic temp file)."""
    families, warning = font_families()
    code = tables[0].lang_code if tables else "en"
    title = title or tr(code, "report_title")
    # No creation date or producer details: the file should say no more than its tables.
    meta = {"Title": title, "Creator": "fieldapp", "Producer": "fieldapp", "CreationDate": None}
    # fontTools reports every font table it cannot subset; that is noise for our users.
    subset_log = logging.getLogger("fontTools.subset")
    level = subset_log.level
    subset_log.setLevel(logging.ERROR)
    try:
        _pdf_pages(tables, path, title, families, meta)
    finally:
        subset_log.setLevel(level)
    return [warning] if warning else []


def _pdf_pages(tables, path: Path, title: str, families, meta) -> None:
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with _RC_LOCK, matplotlib.rc_context(_rc(families)), PdfPages(str(path), metadata=meta) as pdf:
        cover = Figure(figsize=A4)
        cover.text(0.06, 0.9, title, fontsize=18, weight="bold")
        for i, t in enumerate(tables[:60]):
            cover.text(0.06, 0.85 - i * 0.0135, textwrap.shorten(f"{i + 2}. {heading(t)}", 110, placeholder="…"),
                       fontsize=8)
        pdf.savefig(cover)
        for t in tables:
            pdf.savefig(_pdf_page(t, families))
