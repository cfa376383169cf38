"""The coordinator's Interviews list (issue #15, item 3): where each record came from (the device,
by the label the device registry gives it, and how it arrived), filters, and a record opened read
only; the import page shows a refusal in full."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from fieldapp.engine.simulate import simulate
from fieldapp.ops import exchange as exchange_ops
from fieldapp.store import Store
from fieldapp.store.forms import get_form
from fieldapp.store.interviews import InterviewRepo, insert_finalized
from tests.gui.conftest import PASSPHRASE, make_store, settle, unlock
from tests.gui.test_exchange_pages import write_key_file

pytestmark = pytest.mark.gui

FORM = "escapee_survey_2017"
LABEL = "Seoul team, laptop 3"


@pytest.fixture
def coordinator(tmp_path):
    """A coordinator store with three records from a laptop's bundle and two keyed-in paper forms."""
    coordinator = make_store(tmp_path / "coordinator", role="coordinator")
    key, words = write_key_file(coordinator, tmp_path / "project.fieldapp-key")
    laptop = make_store(tmp_path / "laptop")
    rng = random.Random(11)
    with Store.open(laptop, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        form = get_form(store, FORM)
        for _ in range(3):
            interview = repo.start(FORM, language="English (en)")
            simulate(form, rng, fixed={"consent": "yes", "gender": "female"}, interview=interview)
            repo.finalize(interview)
        exchange_ops.enrol(store, key, words=words)  # the words the coordinator read out
        bundle = exchange_ops.export(store, tmp_path).result.path
        device = store.info.device_id
        laptop_words = exchange_ops.exchange_status(store).device_words
    with Store.open(coordinator, PASSPHRASE) as store:
        (report,) = exchange_ops.merge_bundles(store, [bundle], trust=[laptop_words])
        assert report.new == 3
        form = get_form(store, FORM)
        paper = [simulate(form, rng, fixed={"consent": "yes", "gender": "male"}) for _ in range(2)]
        with store.transaction() as conn:
            insert_finalized(store, conn, paper, "paper")
            # The device registry's label (set on the Devices page once that lands).
            conn.execute("UPDATE devices SET label = ? WHERE device_id = ?", (LABEL, device))
    return coordinator, device


def column(home, header: str) -> int:
    headers = [home.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(home.proxy.columnCount())]
    return headers.index(header)


def shown(home, header: str) -> list[str]:
    c = column(home, header)
    return sorted(home.proxy.index(r, c).data() for r in range(home.proxy.rowCount()))


def test_records_show_their_device_and_source_and_filter(qtbot, make_window, coordinator):
    folder, device = coordinator
    window = make_window(folder)
    unlock(qtbot, window)
    home = window.home
    assert home.proxy.rowCount() == 5
    assert shown(home, "Device") == [LABEL, LABEL, LABEL, "This computer", "This computer"]
    assert shown(home, "Source") == ["Bundle from a laptop"] * 3 + ["Paper form"] * 2
    assert home.device_filter.isVisible() and home.source_filter.isVisible()

    home.device_filter.setCurrentIndex(home.device_filter.findData(device))
    assert home.device_filter.currentText() == LABEL
    assert home.proxy.rowCount() == 3
    home.device_filter.setCurrentIndex(0)
    home.source_filter.setCurrentIndex(home.source_filter.findData("paper"))
    assert shown(home, "Source") == ["Paper form"] * 2
    qtbot.keyClicks(home.filter_edit, "no match at all")
    assert home.proxy.rowCount() == 0
    home.filter_edit.clear()
    home.source_filter.setCurrentIndex(0)
    assert home.status_filter.findData("draft") == -1  # no drafts here: not offered
    home.status_filter.setCurrentIndex(home.status_filter.findData("final"))
    assert home.proxy.rowCount() == 5


def test_a_merged_record_opens_read_only(qtbot, make_window, coordinator):
    folder, device = coordinator
    window = make_window(folder)
    unlock(qtbot, window)
    home = window.home
    home.device_filter.setCurrentIndex(home.device_filter.findData(device))
    home.table.selectRow(0)
    row = home.selected_interview()
    assert row.device_id == device and row.status == "final"
    assert home.view_button.isEnabled() and not home.resume_button.isEnabled()
    before = window.session.repo.answers(row.id)
    qtbot.mouseClick(home.view_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.interview_page is not None
                    and window.stack.currentWidget() is window.interview_page)
    page = window.interview_page
    assert page.read_only
    review = page.review_page()
    assert review.rows()["gender"].text(1) == "Female"
    assert page.findChild(QLabel, "interview_pseudonym").text() == row.pseudonym
    assert not page.findChild(QAbstractButton, "interview_next").isVisible()
    qtbot.mouseClick(page.findChild(QAbstractButton, "interview_close"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is home)
    settle(qtbot, window)
    assert window.session.repo.answers(row.id) == before
    assert home.selected_interview().id == row.id


def test_an_interviewer_list_has_no_device_or_source_columns(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    home = window.home
    headers = [home.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(home.proxy.columnCount())]
    assert headers == ["Pseudonym", "Form", "Status", "Started", "Last change"]
    assert not home.device_filter.isVisible() and not home.source_filter.isVisible()


def test_a_refused_bundle_shows_its_whole_reason(qtbot, make_window, tmp_path):
    from tests.gui.test_exchange_pages import check, open_import_page

    coordinator = make_store(tmp_path / "coordinator", role="coordinator")
    damaged = tmp_path / "damaged.fab"
    damaged.write_bytes(b"age-encryption.org/v1\n-> X25519 not really\n" + bytes(200))
    window, page = open_import_page(qtbot, make_window, coordinator)
    page.resize(700, 600)  # a narrow window: the problems column cannot hold the sentence
    check(qtbot, page, damaged)
    page.table.selectRow(0)
    reason = page.model.index(0, page.model.PROBLEMS).data()
    assert reason and "damaged.fab" in reason
    assert page.model.index(0, page.model.PROBLEMS).data(Qt.ItemDataRole.ToolTipRole) == reason
    details = page.findChild(QLabel, "importDetails")
    assert details.isVisible() and details.text() == f"damaged.fab: {reason}"
    page.table.clearSelection()
    assert not details.isVisible()


def test_records_show_the_forms_title_in_the_interface_language(qtbot, make_window, coordinator):
    """The Form column names the questionnaire by its title, not its id (issue #15): the half of
    the reference questionnaire's bilingual title in the interface language; the id is in the
    tool tip, and typing it in the filter still finds the records."""
    folder, _device = coordinator
    for language, title, version in (("en", "Change in North Korea since 2007: escapee survey (2017)", "version"),
                                     ("ko", "2007년 이후 북한의 변화: 북한이탈주민 설문조사 (2017)", "버전")):
        window = make_window(folder, language=language)
        unlock(qtbot, window)
        home = window.home
        c = column(home, "Form" if language == "en" else "설문지")
        cell = home.proxy.index(0, c)
        assert cell.data() == f"{title} ({version} 2017.3)"
        assert FORM in cell.data(Qt.ItemDataRole.ToolTipRole) and title in cell.data(Qt.ItemDataRole.ToolTipRole)
        assert home.form_filter.itemText(1) == title and home.form_filter.itemData(1) == FORM
        qtbot.keyClicks(home.filter_edit, FORM)
        assert home.proxy.rowCount() == 5
        window.lock()
        window.shutdown()
