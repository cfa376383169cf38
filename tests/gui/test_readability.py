"""Readability (issue #15, item 8): hints meet WCAG AA contrast (4.5:1, computed as WCAG defines
it), on the light palette and on a dark desktop's; list and tree rows and the click targets of
radio buttons and check boxes are at least 24 px at 100% text size (WCAG 2.2, 2.5.8)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListWidget,
    QTreeWidget,
    QTreeWidgetItem,
)

from fieldapp.gui import theme
from fieldapp.gui.app import apply_appearance
from fieldapp.gui.models.tables import ROW_KIND_ROLE, ROW_OUTSIDE, SummaryTableModel
from fieldapp.gui.pages.interview import InterviewPage
from fieldapp.gui.prefs import Prefs
from tests.gui.conftest import executor_for

AA = 4.5


@pytest.fixture
def styled(qapp):
    """The app's fonts, palette and style sheet at 100% text size, as `fieldapp gui` applies them."""
    apply_appearance(qapp, Prefs(), "en")
    yield qapp
    apply_appearance(qapp, Prefs(), "en")


def stylesheet_colour(widget) -> QColor:
    found = re.search(r"color:\s*(#[0-9a-fA-F]{6})", widget.styleSheet())
    assert found, f"{widget.objectName()} sets no colour"
    return QColor(found.group(1))


def test_the_contrast_ratio_is_wcags():
    black, white = QColor("#000000"), QColor("#ffffff")
    assert theme.contrast_ratio(black, white) == pytest.approx(21.0)
    assert theme.contrast_ratio(white, white) == pytest.approx(1.0)
    # WCAG's own examples: #767676 is the lightest grey passing AA on white, #777777 fails.
    assert theme.contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)
    assert theme.contrast_ratio(QColor("#777777"), white) < AA
    # Qt's default placeholder text (the text at half opacity) fails AA on white.
    assert theme.contrast_ratio(QColor(0, 0, 0, 128), white) < AA


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6"), (QPalette.ColorRole.Text, "#e6e6e6")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("dark", [False, True])
def test_the_hint_colour_passes_aa_on_window_and_lists(styled, dark):
    palette = dark_palette() if dark else styled.palette()
    hint = theme.hint_colour(palette)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert theme.contrast_ratio(hint, palette.color(role)) >= AA, (hint.name(), role)
    # quieter than the text itself, yet readable
    assert hint != palette.color(QPalette.ColorRole.WindowText)
    if dark:
        assert theme.relative_luminance(hint) > 0.3, "a light grey on a dark desktop"


def test_the_hints_on_screen_and_the_placeholder_text_pass_aa(qtbot, styled, repo, reference_form):
    iv = repo.start(reference_form.form_id, language="en")
    page = InterviewPage(executor_for(repo.store), iv)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.findChild(QLabel, "q_consent_label") is not None)
    hints = [w for w in page.findChildren(QLabel) if w.objectName().endswith("_hint")]
    assert hints, "every question has its hint label"
    window = page.palette().color(QPalette.ColorRole.Window)
    for label in hints:
        ratio = theme.contrast_ratio(stylesheet_colour(label), window)
        assert ratio >= AA, (label.objectName(), ratio)
    edit = QLineEdit()
    edit.setPlaceholderText("Type to search the list")
    placeholder = edit.palette().color(QPalette.ColorRole.PlaceholderText)
    assert theme.contrast_ratio(placeholder, edit.palette().color(QPalette.ColorRole.Base)) >= AA


def test_the_tables_quiet_rows_and_small_cells_pass_aa(styled):
    from fieldapp.analysis import Dataset, frequency
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire

    form = read_xlsform(reference_questionnaire())
    records = [(f"i{n}", f"P{n}", {"gender": "female" if n % 3 else "male"}, {}) for n in range(7)]
    model = SummaryTableModel()
    model.set_table(frequency(Dataset.from_records(form, records), "gender", lang="en", min_cell=5))
    base = styled.palette().color(QPalette.ColorRole.Base)
    outside = [r for r in range(model.rowCount()) if model.index(r, 0).data(ROW_KIND_ROLE) == ROW_OUTSIDE]
    assert outside
    for row in outside:
        brush = model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
        assert theme.contrast_ratio(brush.color(), base) >= AA
    small = model.small_cells()
    assert small, "2 male respondents of 7: a small cell"
    index = model.index(*small[0])
    assert theme.contrast_ratio(index.data(Qt.ItemDataRole.ForegroundRole).color(),
                                index.data(Qt.ItemDataRole.BackgroundRole).color()) >= AA


def test_list_and_tree_rows_are_at_least_24_px(qtbot, styled):
    rows = QListWidget()
    rows.addItems(["One", "Two"])
    tree = QTreeWidget()
    tree.setHeaderLabels(["Question", "Answer"])
    QTreeWidgetItem(tree, ["Gender", "Female"])
    for widget in (rows, tree):
        qtbot.addWidget(widget)
        widget.show()
    qtbot.waitExposed(tree)
    assert rows.visualItemRect(rows.item(0)).height() >= theme.MIN_TARGET_PX
    assert tree.visualItemRect(tree.topLevelItem(0)).height() >= theme.MIN_TARGET_PX


def test_radio_and_check_targets_are_at_least_24_px(qtbot, styled, repo, reference_form):
    iv = repo.start(reference_form.form_id, language="en")
    page = InterviewPage(executor_for(repo.store), iv)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    options = [b for b in page.findChildren(QAbstractButton) if b.objectName().startswith("q_consent_opt_")]
    assert options
    for button in options:
        assert button.height() >= theme.MIN_TARGET_PX and button.width() >= theme.MIN_TARGET_PX, button.objectName()
