"""The PDF and HTML report of the reference survey by province (issue 14): a cover, contents
with page numbers, no two words overlapping on any page, every table row present, page
numbers on every page; and the annotated chart PNG."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from fieldapp.analysis.export import TableRequest, make_tables
from fieldapp.exports import write_tables
from fieldapp.exports.layout import grid, heading
from fieldapp.exports.report import report_info, title_in
from tests.core.reference_data import reference_dataset


@pytest.fixture(scope="module", params=["en", "ko"])
def report(request, tmp_path_factory):
    ds = reference_dataset()
    req = TableRequest(by="province", lang=request.param, suppress=True)
    tables, audit = make_tables(ds, req)
    assert audit.complete
    info = report_info(ds, req)
    out = tmp_path_factory.mktemp("report") / f"report-{request.param}.pdf"
    assert write_tables(tables, "pdf", out, info.title, info=info) == []
    with pdfplumber.open(out) as pdf:
        pages = [(p.extract_words(use_text_flow=False, keep_blank_chars=False), p.extract_text() or "")
                 for p in pdf.pages]
    return request.param, tables, info, pages


def _overlap(a, b) -> float:
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return w * h if w > 0.5 and h > 0.5 else 0.0


def test_no_two_words_overlap_on_any_page(report):
    _lang, _tables, _info, pages = report
    for number, (words, _text) in enumerate(pages, start=1):
        words = sorted(words, key=lambda w: (w["top"], w["x0"]))
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b["top"] > a["bottom"]:
                    break
                assert not _overlap(a, b), (number, a["text"], b["text"])


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_row_and_page_number_is_there(report):
    lang, tables, info, pages = report
    # a long row label wraps, and the numbers of its first line come between its lines: a
    # row is there when its label's words follow each other (other words between them) on
    # the pages of its table
    words = [w["text"] for page_words, _t in pages for w in page_words]
    position = 0
    for t in tables:
        for row in grid(t)[1:]:
            for word in row[0].display().split():
                position = words.index(word, position) + 1 if word in words[position:] else -1
                assert position > 0, (t.question, row[0].display(), word)
    for number, (_words, text) in enumerate(pages, start=1):
        assert text.strip().splitlines()[-1].strip() == str(number)
    # the title is the form's, in the report's language (the bilingual title cut in two)
    assert _norm(info.title) in _norm(pages[0][1])
    if lang == "ko":
        assert info.title.startswith("2007년 이후 북한의 변화")
    else:
        assert info.title == "Change in North Korea since 2007: escapee survey (2017)"
    assert "200" in pages[0][1]
    # contents: every table with the page it starts on
    contents = _norm(pages[1][1])
    for t in tables[:5]:
        assert _norm(heading(t))[:30] in contents


def test_admin_questions_are_left_out_unless_asked(report):
    _lang, tables, _info, _pages = report
    assert "consent" not in {t.question for t in tables}
    ds = reference_dataset()
    with_admin, _ = make_tables(ds, TableRequest(include_admin=True))
    assert "consent" in {t.question for t in with_admin}


def test_title_in_language():
    assert title_in("Survey / 설문", "ko") == "설문"
    assert title_in("Survey / 설문", "en") == "Survey"
    assert title_in("A / B", "ko") == "A / B"


def test_chart_png_carries_title_base_and_notes(tmp_path):
    from PIL import Image

    ds = reference_dataset()
    tables, _ = make_tables(ds, TableRequest())
    out = tmp_path / "chart.png"
    write_tables([tables[3]], "png", out)
    img = Image.open(out)
    plain = Image.open(__import__("io").BytesIO(__import__(
        "fieldapp.exports.report", fromlist=["chart_image"]).chart_image(
            tables[3], ("DejaVu Sans",), fmt="png", dpi=150)))
    assert img.height > plain.height + 60  # room for the title above and the notes below


def test_grid_base_row_shows_every_base_the_table_keeps():
    """A group whose cells are partly hidden keeps its base unless the base itself is hidden."""
    import pandas as pd

    ds = reference_dataset()
    tables, _ = make_tables(ds, TableRequest(by="province", suppress=True))
    for t in tables:
        cells = grid(t)
        base_row = next(r for r in cells if r[0].display() == "Base")
        shown = [c.display() for c in base_row[1::2]]
        for (g, _label), text in zip(t.groups(), shown):
            base = t.base_of(g)
            assert text == ("x" if base is pd.NA else str(base)), (t.question, g)


def test_a_cross_tabs_legend_is_above_its_bars():
    """A tall cross-tab scrolls on the Tables page; its legend sits above the first bar, so the
    key to the colours is on screen without scrolling (issue #15, item 5), and printed too."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from fieldapp.exports.report import _chart_height, _draw_bars

    ds = reference_dataset()
    tables, _ = make_tables(ds, TableRequest(by="gender"))
    table = next(t for t in tables if t.questions == ("province",))
    fig = Figure(figsize=(7.5, _chart_height(table)))
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    assert _draw_bars(ax, table)
    canvas.draw()
    renderer = canvas.get_renderer()
    legend, axes = ax.get_legend().get_window_extent(renderer), ax.get_window_extent(renderer)
    assert legend.y0 >= axes.y1 - 1  # drawn above the bars, not under the last of them
    texts = ax.get_legend().get_texts()
    assert [t.get_text() for t in texts][-1] == "Total" and len(texts) == 4  # three genders and the total
    # In one row, in the bars' order (a legend of two rows read column by column).
    assert len({round(t.get_window_extent(renderer).y0) for t in texts}) == 1


def test_a_comparisons_long_legend_keeps_the_chart_its_width():
    """Two whole questions in one legend row made the chart several times wider than its bars,
    so the Tables page shrank it to an unreadable strip (issue #15, item 5): long entries go
    one under the other, wrapped, and the image keeps about the width it was drawn for."""
    import io

    from PIL import Image

    from fieldapp.analysis.tables import paired
    from fieldapp.exports.report import chart_image

    table = paired(reference_dataset(), ("info_access_change", "kkotjebi_change"), "en")
    png = chart_image(table, ("DejaVu Sans",), fmt="png", dpi=96, width_in=6.0)
    width = Image.open(io.BytesIO(png)).width
    assert width <= 6.0 * 96 * 1.1
