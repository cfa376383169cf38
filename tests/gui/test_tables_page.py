"""The Tables page: the numbers on screen are the analysis core's, small cells are marked,
breakdowns and comparisons work, exports write the contract files, and locking forgets it all."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from fieldapp.analysis import LONG_COLUMNS, crosstab, frequency, paired
from fieldapp.analysis.tables import (
    FLAG_SMALL_COUNT,
    IN_BASE_ROLES,
    ROLE_MISSING,
    ROLE_NA,
    round_half_up,
)
from fieldapp.engine.simulate import simulate
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.gui.models.tables import (
    MARK_ROLE,
    ROW_BASE,
    ROW_KIND_ROLE,
    ROW_OPTION,
    ROW_OUTSIDE,
    VALUE_ROLE,
)
from fieldapp.resources import reference_questionnaire
from fieldapp.store import Store
from fieldapp.store.dataset import load_dataset
from fieldapp.store.interviews import insert_finalized
from tests.gui.conftest import PASSPHRASE, make_store, settle, unlock
from tests.gui.test_shell import all_shown_text, unnamed_interactive

FORM = "escapee_survey_2017"
RESPONDENTS = 60
EN = "English (en)"


@pytest.fixture(scope="module")
def coordinator_store(tmp_path_factory) -> Path:
    """A coordinator store with RESPONDENTS finalized interviews of the reference form."""
    folder = make_store(tmp_path_factory.mktemp("tables") / "store", role="coordinator")
    form = read_xlsform(reference_questionnaire())
    rng = random.Random(2017)
    interviews = [simulate(form, rng, fixed={"consent": "yes", "respondent_type": "survey"})
                  for _ in range(RESPONDENTS)]
    with Store.open(folder, PASSPHRASE) as store, store.transaction() as conn:
        insert_finalized(store, conn, interviews, "test")
    return folder


@pytest.fixture(scope="module")
def dataset(coordinator_store):
    with Store.open(coordinator_store, PASSPHRASE) as store:
        return load_dataset(store, FORM)


def open_tables(qtbot, make_window, store: Path, language: str = "en"):
    window = make_window(store, language=language)
    unlock(qtbot, window)
    page = window.tables
    with qtbot.waitSignal(page.sig_tables_ready, timeout=30000):
        window.tables_action.trigger()
    assert window.stack.currentWidget() is page
    return window, page


def wait_ready(qtbot, page, change) -> None:
    with qtbot.waitSignal(page.sig_tables_ready, timeout=30000):
        change()


def settle_chart(qtbot, page) -> None:
    """Let the chart worker of the table on screen report (no job may outlive a test)."""
    qtbot.waitUntil(lambda: not page.working, timeout=30000)


def shown_rows(page) -> list[dict]:
    model = page.model
    rows = []
    for r in range(model.rowCount()):
        rows.append({
            "kind": model.index(r, 0).data(ROW_KIND_ROLE),
            "label": model.index(r, 0).data(),
            "cells": [model.index(r, c).data() for c in range(1, model.columnCount())],
            "values": [model.index(r, c).data(VALUE_ROLE) for c in range(1, model.columnCount())],
        })
    return rows


def test_the_table_shows_the_counts_and_percents_of_the_analysis_core(qtbot, make_window,
                                                                       coordinator_store, dataset):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    assert page.form_combo.currentData() == FORM
    assert "60" in page.form_combo.currentText()
    assert page.language_combo.currentData() == EN
    assert page.min_cell_spin.value() == 5

    page.select_question("info_access_change")
    expected = frequency(dataset, "info_access_change", lang="en")
    rows = shown_rows(page)
    inside = expected.rows[expected.rows["role"].isin(IN_BASE_ROLES)]
    options = [r for r in rows if r["kind"] == ROW_OPTION]
    assert [r["label"] for r in options] == list(inside["label"])
    for row, (_, want) in zip(options, inside.iterrows()):
        count_text, percent_text = row["cells"]
        assert count_text.rstrip("*") == str(want["count"])
        assert percent_text.rstrip("*") == f"{round_half_up(want['percent']):.1f}"
        assert row["values"][0] == want["count"]
    base_row = next(r for r in rows if r["kind"] == ROW_BASE)
    assert base_row["values"][0] == expected.base_of("") > 0
    # Missing and not applicable sit after the base and carry no percentage.
    outside = [r for r in rows if r["kind"] == ROW_OUTSIDE]
    assert [r["label"] for r in outside] == ["No answer (missing)", "Not applicable (not asked)"]
    want_outside = {role: int(expected.rows.loc[expected.rows["role"] == role, "count"].iloc[0])
                    for role in (ROLE_MISSING, ROLE_NA)}
    assert [r["values"][0] for r in outside] == [want_outside[ROLE_MISSING], want_outside[ROLE_NA]]
    assert all(r["cells"][1] == "" for r in outside)
    assert rows.index(base_row) == len(options)
    assert f"Base: {expected.base_of('')} respondents" in page.notes_label.text()
    assert page.heading_label.text() == expected.title
    settle_chart(qtbot, page)
    assert not page.chart_pixmap().isNull() and page.chart_pixmap().width() > 200
    assert "%" in page.chart_label.accessibleDescription()


def test_a_select_all_question_shows_every_option_including_zero_rows(qtbot, make_window,
                                                                       coordinator_store, dataset):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("info_forms")
    expected = frequency(dataset, "info_forms", lang="en")
    options = [r for r in shown_rows(page) if r["kind"] == ROW_OPTION]
    assert len(options) == len(dataset.form.choices_for(dataset.form.question("info_forms")).choices)
    assert [r["values"][0] for r in options] == [
        int(c) for c in expected.rows.loc[expected.rows["role"].isin(IN_BASE_ROLES), "count"]]
    assert "more than 100" in page.notes_label.text()
    settle_chart(qtbot, page)


def test_a_breakdown_by_left_2014_or_later_shows_each_groups_base(qtbot, make_window,
                                                                   coordinator_store, dataset):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("hr_knowledge")
    wait_ready(qtbot, page, lambda: page.by_combo.setCurrentIndex(
        page.by_combo.findData("left_2014_or_later")))
    table = page.current_table
    assert table.kind == "crosstab" and table.by == "left_2014_or_later"
    expected = crosstab(dataset, "hr_knowledge", "left_2014_or_later", lang="en")
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    # The derived field and its values by their labels, never their ids (issue #15, item 5).
    groups = ("Left before 2014", "Left in 2014 or later", "Total")
    for group in groups:
        assert f"{group}: Count" in headers and f"{group}: Percent" in headers
    base_row = next(r for r in shown_rows(page) if r["kind"] == ROW_BASE)
    bases = [base_row["values"][headers.index(f"{g}: Count") - 1] for g in groups]
    assert bases == [expected.base_of("no"), expected.base_of("yes"), expected.base_of("_total")]
    assert bases[0] + bases[1] <= bases[2] and min(bases[:2]) > 0
    notes_text = page.notes_label.text()
    assert notes_text.startswith("Bases: ")
    for part in (f"Left before 2014 {bases[0]}", f"Left in 2014 or later {bases[1]}", f"Total {bases[2]}."):
        assert part in notes_text.splitlines()[0]
    assert "(by Year of leaving: 2014 or later)" in page.heading_label.text()
    assert page.by_combo.currentText() == "Year of leaving: 2014 or later"
    assert "left_2014_or_later" not in page.heading_label.text() + notes_text + " ".join(headers)


def test_fields_are_named_by_their_labels_in_the_interface_language(qtbot, make_window, coordinator_store):
    """The breakdown list and the question list show labels; a variable name only where two
    fields share a label or a field has no label at all."""
    window, page = open_tables(qtbot, make_window, coordinator_store, language="ko")
    by = {page.by_combo.itemData(i): page.by_combo.itemText(i) for i in range(page.by_combo.count())}
    assert by["left_2014_or_later"] == "탈북 시기: 2014년 이후" and by["age_band"] == "연령대"
    assert not [text for text in by.values() if "_" in text], by
    questions = [page.question_list.item(r).text() for r in range(page.question_list.count())]
    assert not [text for text in questions if "_" in text], questions
    page.select_question("gender")
    wait_ready(qtbot, page, lambda: page.by_combo.setCurrentIndex(page.by_combo.findData("age_band")))
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert "15-29세: 응답 수" in headers and "age_band" not in page.heading_label.text()
    settle_chart(qtbot, page)
    settle_chart(qtbot, page)


def test_small_cells_are_marked_and_the_minimum_is_adjustable(qtbot, make_window,
                                                             coordinator_store, dataset):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    small = next(q.name for q in dataset.fields if q.type == "select_one"
                 and frequency(dataset, q.name).flags.str.contains(FLAG_SMALL_COUNT).any())
    page.select_question(small)
    marked = page.model.small_cells()
    assert marked, f"{small} has counts under 5 but none is marked"
    row, column = marked[0]
    index = page.model.index(row, column)
    assert index.data().endswith("*")
    assert index.data(MARK_ROLE) == "small"
    assert "Fewer than 5 respondents" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "fewer than 5 respondents" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "* fewer than 5 respondents" in page.notes_label.text()
    unmarked = page.model.index(0, 0)
    assert unmarked.data(Qt.ItemDataRole.BackgroundRole) is None

    before = len(page.model.small_cells())
    assert page.min_cell_spin.minimum() == 2, "a threshold under 2 protects nobody (issue #14)"
    wait_ready(qtbot, page, lambda: page.min_cell_spin.setValue(2))
    assert page.current_table.min_cell == 2
    assert len(page.model.small_cells()) < before
    settle_chart(qtbot, page)


def test_a_new_computation_supersedes_a_stale_one(qtbot, make_window, coordinator_store):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("province")
    with qtbot.waitSignal(page.sig_tables_ready, timeout=30000):
        page.min_cell_spin.setValue(2)
        page.min_cell_spin.setValue(9)
        page.min_cell_spin.setValue(3)
    qtbot.waitUntil(lambda: not page.working, timeout=30000)
    assert page.computed.settings.min_cell == 3
    assert page.current_table.min_cell == 3


def test_compare_with_shows_paired_questions_side_by_side(qtbot, make_window, coordinator_store, dataset):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("criticism_2007")
    offered = [page.compare_combo.itemData(i) for i in range(page.compare_combo.count())]
    assert offered == ["", "criticism_now"]
    with qtbot.waitSignal(page.sig_table_shown, timeout=30000):
        page.compare_combo.setCurrentIndex(1)
    table = page.current_table
    assert table.kind == "paired" and table.questions == ("criticism_2007", "criticism_now")
    expected = paired(dataset, ("criticism_2007", "criticism_now"), lang="en")
    base_row = next(r for r in shown_rows(page) if r["kind"] == ROW_BASE)
    assert [base_row["values"][0], base_row["values"][2]] == [
        expected.base_of("criticism_2007"), expected.base_of("criticism_now")]
    # A question without a twin offers no comparison.
    page.select_question("gender")
    assert not page.compare_combo.isEnabled()
    assert page.current_table.kind == "frequency"
    settle_chart(qtbot, page)


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV for Excel starts with a BOM"
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def export(qtbot, page, fmt: str, path: Path) -> None:
    # the whole report audits every table of the survey at once (about 30 s of CPU): a
    # shared, loaded machine needs more than a minute, and a hang still fails here
    with qtbot.waitSignal(page.sig_exported, timeout=180000) as blocker:
        page.export(fmt, path)
    assert blocker.args == [path]
    qtbot.waitUntil(lambda: not page.working, timeout=30000)


def test_export_csv_writes_the_contract_columns_and_hides_small_cells(qtbot, make_window,
                                                                      coordinator_store, dataset, tmp_path):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("info_access_change")
    out = tmp_path / "info.csv"
    export(qtbot, page, "csv", out)
    rows = read_csv(out)
    # the contract's columns first; issue 14's new ones only after them
    assert list(rows[0].keys())[: len(LONG_COLUMNS)] == LONG_COLUMNS
    expected = frequency(dataset, "info_access_change", lang="en")
    by_option = {r["option"]: r for r in rows}
    assert set(by_option) == set(expected.rows["option"])
    assert by_option["_missing"]["percent"] == "" and by_option["_missing"]["base"] == ""
    assert f"Wrote {out}" in page.status_label.text()

    # Hidden in the file (the default), still shown on screen.
    small = next(q.name for q in dataset.fields if q.type == "select_one"
                 and frequency(dataset, q.name).flags.str.contains(FLAG_SMALL_COUNT).any())
    page.select_question(small)
    assert page.hide_small_check.isChecked()
    export(qtbot, page, "csv", tmp_path / "small.csv")
    flagged = frequency(dataset, small).rows
    flagged_options = set(flagged.loc[flagged["flags"].str.contains(FLAG_SMALL_COUNT), "option"])
    hidden = {r["option"]: r["count"] for r in read_csv(tmp_path / "small.csv")}
    assert all(hidden[o] == "" for o in flagged_options)
    page.hide_small_check.setChecked(False)
    export(qtbot, page, "csv", tmp_path / "shown.csv")
    shown = {r["option"]: r["count"] for r in read_csv(tmp_path / "shown.csv")}
    assert all(shown[o] != "" and 0 < int(shown[o]) < 5 for o in flagged_options)


def test_export_xlsx_png_and_the_whole_report_as_pdf(qtbot, make_window, coordinator_store, tmp_path):
    from openpyxl import load_workbook

    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("corruption_change")
    export(qtbot, page, "xlsx", tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["index", "corruption_change"]
    export(qtbot, page, "png", tmp_path / "t.png")
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")
    export(qtbot, page, "pdf", tmp_path / "report.pdf")
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # A cover page plus one page per table.
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") >= 1
    assert (tmp_path / "report.pdf").stat().st_mode & 0o077 == 0


def test_the_export_buttons_open_a_save_dialog_without_blocking(qtbot, make_window, coordinator_store):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("gender")
    qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    dialog = page._file_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert dialog.defaultSuffix() == "csv"
    assert dialog.selectedFiles()[0].endswith(f"{FORM}-gender.csv")
    dialog.reject()
    settle_chart(qtbot, page)


def test_locking_forgets_the_tables_and_unlocking_returns_to_them(qtbot, make_window, coordinator_store):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("detention_change")
    label = page.model.index(0, 0).data()
    settle_chart(qtbot, page)
    window.lock()
    assert page.model.rowCount() == 0 and page.question_list.count() == 0
    assert page.computed is None and page.chart_pixmap().isNull()
    assert label not in all_shown_text()
    with qtbot.waitSignal(page.sig_tables_ready, timeout=30000):
        unlock(qtbot, window)
    assert window.stack.currentWidget() is page
    settle_chart(qtbot, page)


def test_labels_follow_the_korean_interface(qtbot, make_window, coordinator_store, dataset):
    window, page = open_tables(qtbot, make_window, coordinator_store, language="ko")
    assert page.language_combo.currentData() == "Korean (ko)"
    page.select_question("gender")
    expected = frequency(dataset, "gender", lang="ko")
    assert page.model.index(0, 0).data() == expected.rows["label"].iloc[0]
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "응답 수"
    wait_ready(qtbot, page, lambda: page.language_combo.setCurrentIndex(page.language_combo.findData(EN)))
    assert page.model.index(0, 0).data() == frequency(dataset, "gender", lang="en").rows["label"].iloc[0]
    settle_chart(qtbot, page)


def test_a_store_without_finalized_interviews_says_so(qtbot, make_window, tmp_path):
    store = make_store(tmp_path / "empty", role="coordinator")
    window = make_window(store)
    unlock(qtbot, window)
    window.tables_action.trigger()
    settle(qtbot, window)
    page = window.tables
    assert page.empty_label.isVisible()
    assert "No finalized interviews yet" in page.empty_label.text()
    assert not page.csv_button.isEnabled() and not page.pdf_button.isEnabled()


def test_every_interactive_widget_of_the_tables_page_is_named(qtbot, make_window, coordinator_store):
    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("criticism_2007")
    assert unnamed_interactive(page) == []
    assert unnamed_interactive(window.toolbar) == []
    settle_chart(qtbot, page)


def test_a_numeric_question_shows_bands_and_its_summary(qtbot, make_window, coordinator_store, dataset):
    from fieldapp.analysis import numeric_summary

    window, page = open_tables(qtbot, make_window, coordinator_store)
    page.select_question("age")
    expected = numeric_summary(dataset, "age", lang="en")
    options = [r for r in shown_rows(page) if r["kind"] == ROW_OPTION]
    assert [r["label"] for r in options][:2] == ["15-19", "20-39"]
    n = int(expected.stats.at["", "n"])
    assert f"Respondents (n) {n}" in page.notes_label.text()
    assert f"Mean {round_half_up(expected.stats.at['', 'mean']):g}" in page.notes_label.text()
    settle_chart(qtbot, page)


# -- layout at 1366x768 (issue #15, item 5) ---------------------------------------------------
def test_at_1366x768_nothing_of_a_comparison_is_cut_off(qtbot, make_window, coordinator_store):
    """Numbered columns instead of whole questions, row labels that stay when the table scrolls,
    a chart no wider than its pane, question-list rows tall enough for their wrapped text."""
    window, page = open_tables(qtbot, make_window, coordinator_store, language="ko")
    window.resize(1366, 768)
    page.select_question("criticism_2007")
    with qtbot.waitSignal(page.sig_table_shown, timeout=30000):
        page.compare_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.working and not page.chart_pixmap().isNull(), timeout=30000)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, page.model.columnCount())]
    assert headers == ["1: 응답 수", "1: 백분율", "2: 응답 수", "2: 백분율"]
    key = page.heading_label.text().splitlines()
    assert [line[:3] for line in key] == ["1: ", "2: "] and all(len(line) > 10 for line in key)
    # The option labels are row headers (they do not scroll away); the label column is hidden.
    assert page.table_view.isColumnHidden(0) and page.table_view.verticalHeader().isVisible()
    assert page.model.headerData(0, Qt.Orientation.Vertical) == page.model.index(0, 0).data()
    # The chart fits its pane, also after the window gets narrower.
    room = page.chart_scroll.viewport().width()
    assert page.chart_pixmap().deviceIndependentSize().width() <= room
    window.resize(1100, 768)
    qtbot.waitUntil(lambda: page.chart_pixmap().deviceIndependentSize().width()
                    <= page.chart_scroll.viewport().width(), timeout=5000)
    # Every question-list row is as tall as its text wrapped at the width it is drawn at.
    view = page.question_list
    width = view.viewport().width() - 2 * view.spacing() - 8
    for row in range(view.count()):
        item = view.item(row)
        needed = view.fontMetrics().boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap),
                                                 item.text()).height()
        assert view.visualItemRect(item).height() >= needed, item.text()
    settle_chart(qtbot, page)
