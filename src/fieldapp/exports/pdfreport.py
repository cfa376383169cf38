"""The PDF report, laid out by measuring text: a cover, a contents page with page numbers,
then each table on its own page(s) with its chart, its grid and its notes.

Every string is measured in the report's font before it is placed (matplotlib's Agg
renderer), so nothing is shortened and nothing overlaps: labels wrap; wide cross-tabs are
split into column blocks that repeat the label column; a block that reaches the bottom of a
page continues on the next with its header repeated; every page carries its number. The
layout is done first (a list of drawing operations per page) so the contents page can give
the page of every table, then drawn with matplotlib's PDF backend (TrueType embedded, so the
Korean text can be searched and copied).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from fieldapp.analysis.tables import TOTAL_GROUP, Table, with_rows
from fieldapp.analysis.text import tr
from fieldapp.exports.layout import HIDDEN, SMALL, grid, heading, notes, stats_grid

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 50.0, 56.0, 60.0
WIDTH = PAGE_W - 2 * MARGIN_X
BODY, SMALL_TEXT, CELL = 9.5, 8.0, 7.5
LEADING = 1.35
MAX_CHART_GROUPS = 4  # a cross-tab with more groups charts its total only (the grid has them all)
CHART_DPI = 200


@dataclass
class _Op:
    kind: str  # text | image | rule | fill
    x: float
    y: float  # from the top of the page, points (top of the text / image)
    text: str = ""
    size: float = BODY
    bold: bool = False
    ha: str = "left"
    w: float = 0.0
    h: float = 0.0
    data: bytes = b""
    colour: str = "#222222"


@dataclass
class _Page:
    ops: list[_Op] = field(default_factory=list)


class _Measure:
    def __init__(self, families: Sequence[str]) -> None:
        from matplotlib.backends.backend_agg import RendererAgg
        from matplotlib.font_manager import FontProperties

        self._r = RendererAgg(10, 10, 72)
        self._fp = {b: FontProperties(family=list(families), weight="bold" if b else "normal") for b in (0, 1)}
        self._cache: dict = {}

    def width(self, text: str, size: float, bold: bool = False) -> float:
        key = (text, size, bold)
        if key not in self._cache:
            fp = self._fp[int(bold)].copy()
            fp.set_size(size)
            w, _h, _d = self._r.get_text_width_height_descent(text, fp, ismath=False)
            self._cache[key] = w
        return self._cache[key]

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """Lines of ``text`` no wider than ``width``; a word too long for a line is broken."""
        lines: list[str] = []
        for para in str(text).split("\n"):
            line = ""
            for word in para.split(" "):
                candidate = f"{line} {word}" if line else word
                if self.width(candidate, size, bold) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = ""
                while self.width(word, size, bold) > width and len(word) > 1:
                    cut = max(1, next(i for i in range(len(word), 0, -1)
                                      if self.width(word[:i], size, bold) <= width or i == 1))
                    lines.append(word[:cut])
                    word = word[cut:]
                line = word
            lines.append(line)
        return lines


class _Layout:
    def __init__(self, families: Sequence[str], code: str) -> None:
        self.m = _Measure(families)
        self.families = families
        self.code = code
        self.pages: list[_Page] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = MARGIN_TOP

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def room(self) -> float:
        return PAGE_H - MARGIN_BOTTOM - self.y

    def ensure(self, height: float) -> None:
        if height > self.room() and self.y > MARGIN_TOP + 1:
            self.new_page()

    def paragraph(self, text: str, size: float = BODY, bold: bool = False, x: float = MARGIN_X,
                  width: float = WIDTH, colour: str = "#222222", gap: float = 3.0) -> None:
        for line in self.m.wrap(text, width, size, bold):
            self.ensure(size * LEADING)
            self.page.ops.append(_Op("text", x, self.y, line, size, bold, colour=colour))
            self.y += size * LEADING
        self.y += gap

    def image(self, png: bytes, w_px: int, h_px: int) -> None:
        w = min(WIDTH, w_px * 72.0 / CHART_DPI)
        h = h_px * w / w_px
        limit = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
        if h > limit:
            w, h = w * limit / h, limit
        self.ensure(h)
        self.page.ops.append(_Op("image", MARGIN_X, self.y, w=w, h=h, data=png))
        self.y += h + 6


def _chart_subject(table: Table) -> Table:
    """The table a chart shows: a wide cross-tab charts its total column only."""
    if table.kind != "crosstab" or len(table.groups()) <= MAX_CHART_GROUPS + 1:
        return table
    rows = table.rows[table.rows["group"] == TOTAL_GROUP]
    return with_rows(table, rows.reset_index(drop=True))


def _chart(layout: _Layout, table: Table) -> None:
    from matplotlib.image import imread

    from fieldapp.exports.report import chart_image

    subject = _chart_subject(table)
    png = chart_image(subject, layout.families, fmt="png", dpi=CHART_DPI, width_in=WIDTH / 72.0)
    if png is None:
        layout.paragraph(tr(layout.code, "no_data"))
        return
    h_px, w_px = imread(io.BytesIO(png)).shape[:2]
    layout.image(png, w_px, h_px)
    if subject is not table:
        layout.paragraph(tr(layout.code, "chart_total_only"), SMALL_TEXT, colour="#555555")


# --------------------------------------------------------------------------- grids


def _blocks(header_cells: int, per_group: int, fits) -> list[list[int]]:
    """Group indices split into blocks that fit across the page (``fits(groups) -> bool``)."""
    groups = list(range(header_cells))
    out: list[list[int]] = []
    current: list[int] = []
    for g in groups:
        if current and not fits([*current, g]):
            out.append(current)
            current = []
        current.append(g)
    if current:
        out.append(current)
    return out


def _table_grid(layout: _Layout, table: Table, ci: bool) -> None:
    cells = grid(table, ci)
    groups = table.groups()
    multi = len(groups) > 1 or table.kind == "crosstab"
    per = (len(cells[0]) - 1) // max(1, len(groups))
    code = table.lang_code
    keys = ["count", "percent", *(["weighted_percent"] if table.weight else []), *(["ci"] if ci else [])]
    sub = [tr(code, k) for k in keys]
    m = layout.m
    pad = 8.0
    col_w = []
    for j in range(1, len(cells[0])):
        texts = [sub[(j - 1) % per]] + [row[j].display() for row in cells[1:]]
        col_w.append(max(m.width(t, CELL) for t in texts) + pad)
    label_w = min(WIDTH * 0.42, max(m.width(r[0].display(), CELL) for r in cells) + pad)
    label_w = max(label_w, WIDTH * 0.22)

    def block_width(gs: list[int]) -> float:
        return label_w + sum(col_w[g * per + i] for g in gs for i in range(per))

    blocks = _blocks(len(groups), per, lambda gs: block_width(gs) <= WIDTH)
    for gs in blocks:
        _grid_block(layout, cells, groups, gs, per, sub, col_w, label_w, multi)


def _grid_block(layout, cells, groups, gs, per, sub, col_w, label_w, multi) -> None:
    m = layout.m
    line_h = CELL * LEADING
    cols = [g * per + i for g in gs for i in range(per)]
    xs = [MARGIN_X + label_w]
    for c in cols:
        xs.append(xs[-1] + col_w[c])

    def header() -> float:
        start = layout.y
        if multi:
            lines_by_group = []
            for n, g in enumerate(gs):
                span = xs[(n + 1) * per] - xs[n * per] - 4
                lines_by_group.append(m.wrap(groups[g][1], span, CELL, True))
            depth = max(len(ls) for ls in lines_by_group)
            for n, ls in enumerate(lines_by_group):
                centre = (xs[n * per] + xs[(n + 1) * per]) / 2
                for k, line in enumerate(ls):
                    layout.page.ops.append(_Op("text", centre, start + k * line_h, line, CELL, True, "center"))
            start += depth * line_h
        layout.page.ops.append(_Op("text", MARGIN_X, start, cells[0][0].display(), CELL, True))
        for n, c in enumerate(cols):
            layout.page.ops.append(_Op("text", xs[n + 1] - 4, start, sub[c % per], CELL, True, "right"))
        start += line_h
        layout.page.ops.append(_Op("rule", MARGIN_X, start + 1, w=xs[-1] - MARGIN_X))
        return start + 3 - layout.y

    head_h = _measure_header(layout, cells, groups, gs, per, xs, multi)
    layout.ensure(head_h + 2 * line_h)
    layout.y += header()
    for row in cells[1:]:
        label_lines = m.wrap(row[0].display(), label_w - 6, CELL)
        h = len(label_lines) * line_h
        if h > layout.room():
            layout.new_page()
            layout.y += header()
        for k, line in enumerate(label_lines):
            layout.page.ops.append(_Op("text", MARGIN_X, layout.y + k * line_h, line, CELL))
        for n, c in enumerate(cols):
            cell = row[c + 1]
            text = cell.display()
            if not text:
                continue
            if cell.mark == SMALL:
                layout.page.ops.append(_Op("fill", xs[n] + 1, layout.y - 1, w=xs[n + 1] - xs[n] - 2,
                                           h=line_h, colour="#fff2cc"))
            colour = "#777777" if cell.mark == HIDDEN else "#222222"
            layout.page.ops.append(_Op("text", xs[n + 1] - 4, layout.y, text, CELL, ha="right", colour=colour))
        layout.y += h
    layout.y += 8


def _measure_header(layout, cells, groups, gs, per, xs, multi) -> float:
    line_h = CELL * LEADING
    depth = 0
    if multi:
        depth = max(len(layout.m.wrap(groups[g][1], xs[(n + 1) * per] - xs[n * per] - 4, CELL, True))
                    for n, g in enumerate(gs))
    return (depth + 1) * line_h + 3


def _stats_block(layout: _Layout, table: Table) -> None:
    cells = stats_grid(table)
    if not cells:
        return
    m = layout.m
    pad = 10.0
    label_w = max(WIDTH * 0.3, max(m.width(r[0].display(), CELL) for r in cells) + pad)
    widths = [max(m.width(r[j].display(), CELL, j == 0) for r in cells) + pad for j in range(1, len(cells[0]))]
    xs = [MARGIN_X + label_w]
    for w in widths:
        xs.append(xs[-1] + max(w, 48))
    line_h = CELL * LEADING
    layout.ensure(3 * line_h)
    for r, row in enumerate(cells):
        label_lines = m.wrap(row[0].display(), label_w - 6, CELL, r == 0)
        h = len(label_lines) * line_h
        layout.ensure(h)
        for k, line in enumerate(label_lines):
            layout.page.ops.append(_Op("text", MARGIN_X, layout.y + k * line_h, line, CELL, r == 0))
        for j, cell in enumerate(row[1:]):
            colour = "#777777" if cell.mark == HIDDEN else "#222222"
            layout.page.ops.append(_Op("text", xs[j + 1] - 4, layout.y, cell.display(), CELL, r == 0, "right",
                                       colour=colour))
        layout.y += h
        if r == 0:
            layout.page.ops.append(_Op("rule", MARGIN_X, layout.y + 1, w=xs[-1] - MARGIN_X))
            layout.y += 3
    layout.y += 8


# --------------------------------------------------------------------------- the document


def _cover(layout: _Layout, info, tables: Sequence[Table]) -> None:
    code = layout.code
    layout.y = 160
    layout.paragraph(info.title, 20, True, gap=18)
    lines = [tr(code, "cover_n", n=info.respondents)]
    if info.first:
        lines.append(tr(code, "cover_dates", first=info.first, last=info.last))
    universe = next((t.universe for t in tables if t.universe), "")
    if universe:
        lines.append(tr(code, "universe", expression=universe))
    for line in lines:
        layout.paragraph(line, 11, gap=4)
    layout.y += 14
    layout.paragraph(tr(code, "cover_bases"), BODY, gap=8)
    rule = "cover_rule" if info.suppressed else "cover_flag_rule"
    layout.paragraph(tr(code, rule, k=info.min_cell, k1=info.min_cell - 1), BODY, gap=8)


def _contents(layout: _Layout, tables: Sequence[Table], first_pages: list[int]) -> None:
    code = layout.code
    layout.paragraph(tr(code, "contents"), 14, True, gap=10)
    number_w = 40.0
    for i, (t, page) in enumerate(zip(tables, first_pages), start=1):
        lines = layout.m.wrap(f"{i}. {heading(t)}", WIDTH - number_w, BODY)
        layout.ensure(len(lines) * BODY * LEADING)
        top = layout.y
        layout.paragraph("\n".join(lines), BODY, gap=2, width=WIDTH - number_w)
        layout.page.ops.append(_Op("text", MARGIN_X + WIDTH, top, str(page), BODY, ha="right"))


def _contents_pages(families, code, tables) -> int:
    probe = _Layout(families, code)
    _contents(probe, tables, [999] * len(tables))
    return len(probe.pages)


def layout_report(tables: Sequence[Table], info, families, ci: bool = False) -> list[_Page]:
    code = tables[0].lang_code if tables else "en"
    body = _Layout(families, code)
    starts = []
    for n, t in enumerate(tables):
        if n:
            body.new_page()
        starts.append(len(body.pages) - 1)
        body.paragraph(heading(t), 13, True, gap=8)
        _chart(body, t)
        _table_grid(body, t, ci)
        _stats_block(body, t)
        sentences = notes(t)
        if ci:
            sentences.append(tr(code, "ci_note"))
        for k, s in enumerate(sentences):
            body.paragraph(s, BODY if k == 0 else SMALL_TEXT, bold=k == 0,
                           colour="#222222" if k == 0 else "#444444")
    cover = _Layout(families, code)
    _cover(cover, info, tables)
    n_contents = _contents_pages(families, code, tables)
    offset = len(cover.pages) + n_contents
    contents = _Layout(families, code)
    _contents(contents, tables, [offset + s + 1 for s in starts])
    pages = cover.pages + contents.pages + body.pages
    for number, page in enumerate(pages, start=1):
        page.ops.append(_Op("text", PAGE_W / 2, PAGE_H - MARGIN_BOTTOM / 2, str(number), SMALL_TEXT, ha="center",
                            colour="#555555"))
    return pages


def draw(pages: list[_Page], pdf, families) -> None:
    from matplotlib.figure import Figure
    from matplotlib.image import imread
    from matplotlib.patches import Rectangle

    for page in pages:
        fig = Figure(figsize=(PAGE_W / 72, PAGE_H / 72))
        for op in page.ops:
            if op.kind == "text":
                fig.text(op.x / PAGE_W, 1 - op.y / PAGE_H, op.text, fontsize=op.size, va="top", ha=op.ha,
                         weight="bold" if op.bold else "normal", color=op.colour)
            elif op.kind == "image":
                ax = fig.add_axes((op.x / PAGE_W, 1 - (op.y + op.h) / PAGE_H, op.w / PAGE_W, op.h / PAGE_H))
                ax.imshow(imread(io.BytesIO(op.data)), interpolation="antialiased")
                ax.set_axis_off()
            elif op.kind == "rule":
                fig.add_artist(Rectangle((op.x / PAGE_W, 1 - op.y / PAGE_H), op.w / PAGE_W, 0.4 / PAGE_H,
                                         transform=fig.transFigure, color="#888888", lw=0))
            elif op.kind == "fill":
                fig.add_artist(Rectangle((op.x / PAGE_W, 1 - (op.y + op.h) / PAGE_H), op.w / PAGE_W, op.h / PAGE_H,
                                         transform=fig.transFigure, color=op.colour, lw=0, zorder=-1))
        pdf.savefig(fig)

