"""Question widgets beyond the basic types (issue #15): time, dateTime, range, rank, typed and
untyped locations, media, barcode and acknowledge, driven by keyboard on the real interview page;
answers read back from the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QListWidget

from fieldapp.engine.interview import MISSING, NOT_APPLICABLE
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.gui.widgets.clock import normalise_time, shown_time
from fieldapp.gui.widgets.device import (
    AcknowledgeWidget,
    BarcodeWidget,
    NotRecordedWidget,
    PointsWidget,
    PointWidget,
)
from fieldapp.gui.widgets.rank import RankWidget
from fieldapp.gui.widgets.scale import RangeWidget, range_grid
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import PASSPHRASE
from tests.gui.test_interview_page import Keyboard, show
from tests.xlsform_builder import write_xlsform

pytestmark = pytest.mark.gui

SURVEY = """
| type            | name    | label::English (en)        | appearance        | parameters                |
| time            | t       | What time did you cross?   |                   |                           |
| dateTime        | dt      | When were you detained?    |                   |                           |
| range           | fear    | How afraid (1 to 5)?       |                   | start=1 end=5 step=1      |
| range           | share   | Share of income            | picker            | start=0 end=1 step=0.25   |
| rank needs      | needs   | Rank what you need most    |                   |                           |
| geopoint        | here    | Where are we?              |                   |                           |
| geopoint        | border  | Where did you cross?       | typed-coordinates |                           |
| geotrace        | route   | The route                  | typed-coordinates |                           |
| image           | photo   | Photo of the document      |                   |                           |
| audio           | voice   | Record the testimony       |                   |                           |
| barcode         | code    | Code on the card           |                   |                           |
| acknowledge     | ack     | I have read this aloud     |                   |                           |
"""
CHOICES = """
| list_name | name   | label::English (en) |
| needs     | food   | Food                |
| needs     | house  | Housing             |
| needs     | work   | Work                |
| needs     | school | Schooling           |
"""


@pytest.fixture
def repo(tmp_path):
    path = write_xlsform(tmp_path / "w.xlsx", SURVEY, CHOICES,
                         {"form_id": "w", "version": "1", "default_language": "English (en)"})
    store = Store.create(tmp_path / "store", PASSPHRASE, "interviewer")
    add_form(store, read_xlsform(path))
    yield InterviewRepo(store)
    store.close()


def at(qtbot, repo, name):
    iv = repo.start("w", language="en")
    iv.go_to(f"q:{name}")
    page = show(qtbot, repo, iv)
    return iv, page, page.question_widget(name), Keyboard(page)


def answers(repo, iv) -> dict:
    return {k: (s.value, s.status) for k, s in repo.answers(iv.id).items()}


def test_time_is_typed_with_or_without_a_colon(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "t")
    assert widget.editors()[0].objectName() == "q_t_time"
    assert QApplication.focusWidget() is widget.editors()[0]
    keys.type("2315")
    keys.enter()
    assert iv.position == "q:dt"
    assert repo.answers(iv.id)["t"].value == "23:15:00"
    page.close()
    iv.go_to("q:t")
    page2 = show(qtbot, repo, iv)
    assert page2.question_widget("t").editors()[0].text() == "23:15"  # shown as typed
    assert normalise_time("9:05") == "09:05" and normalise_time("14:30:15") == "14:30:15"
    assert shown_time("14:30:15") == "14:30:15"


def test_a_half_typed_time_is_refused_and_said(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "t")
    keys.type("23:")
    keys.enter()
    assert iv.position == "q:t"  # refused: the page stays
    assert widget.issue() == "Enter a time as hours:minutes, for example 14:30."
    assert "t" not in repo.answers(iv.id) or repo.answers(iv.id)["t"].value is None


def test_date_time_needs_both_parts(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "dt")
    date_edit, time_edit, clear = widget.editors()
    date_edit.setDate(QDate(2017, 3, 1))
    widget.flush()
    assert widget.issue() == "Enter a date and a time (hours:minutes)."
    keys.enter()
    assert iv.position == "q:dt"
    time_edit.setFocus()
    keys.type("0730")
    keys.enter()
    assert iv.position == "q:fear"
    assert repo.answers(iv.id)["dt"].value == "2017-03-01T07:30:00"


def test_range_slider_by_keyboard_and_an_explicit_empty_state(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "fear")
    assert isinstance(widget, RangeWidget)
    slider, spin, clear = widget.editors()
    assert spin.text() == "Not set" and widget.value() is None
    assert page.findChild(QLabel, "q_fear_low").text() == "1"
    assert page.findChild(QLabel, "q_fear_high").text() == "5"
    assert QApplication.focusWidget() is slider
    keys.press(Qt.Key.Key_Home)  # the start itself is an answer once chosen
    qtbot.waitUntil(lambda: repo.answers(iv.id).get("fear") is not None
                    and repo.answers(iv.id)["fear"].value == 1, timeout=2000)
    keys.press(Qt.Key.Key_Right)
    keys.press(Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: repo.answers(iv.id)["fear"].value == 3, timeout=2000)
    assert spin.value() == 3
    clear.click()
    assert repo.answers(iv.id).get("fear") is None or repo.answers(iv.id)["fear"].value is None
    assert spin.text() == "Not set"
    slider.setFocus()
    keys.type("5")  # a digit on the slider types the number
    keys.enter()
    assert iv.position == "q:share"
    assert repo.answers(iv.id)["fear"].value == 5
    assert range_grid({"start": "10", "end": "0", "step": "-2"}) == (10, 0, 2)


def test_range_picker_takes_decimal_steps(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "share")
    editors = widget.editors()
    assert [e.objectName() for e in editors] == ["q_share_spin", "q_share_clear"]  # picker: no slider
    spin = editors[0]
    spin.lineEdit().selectAll()
    keys.type("0.75")
    keys.enter()
    assert iv.position == "q:needs"
    assert repo.answers(iv.id)["share"].value == 0.75


def test_rank_by_keyboard(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "needs")
    assert isinstance(widget, RankWidget)
    ranking = page.findChild(QListWidget, "q_needs_ranking")
    assert [ranking.item(i).text() for i in range(4)] == ["1. Food", "2. Housing", "3. Work", "4. Schooling"]
    assert widget.value() is None  # the form's order is not an answer yet
    assert QApplication.focusWidget() is ranking
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)  # on Work
    keys.press(Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # Work above Housing
    assert widget.order() == ["food", "work", "house", "school"]
    keys.press(Qt.Key.Key_End)  # on Schooling
    keys.type("1")  # to the first place
    assert widget.order() == ["school", "food", "work", "house"]
    assert ranking.item(0).text() == "1. Schooling"
    assert repo.answers(iv.id)["needs"].value == "school food work house"
    page.findChild(QAbstractButton, "q_needs_clear").click()
    assert widget.value() is None and widget.order() == ["food", "house", "work", "school"]
    page.findChild(QAbstractButton, "q_needs_keep").click()  # the order as shown is the answer
    assert repo.answers(iv.id)["needs"].value == "food house work school"


def test_locations_and_media_on_a_laptop(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "here")
    assert isinstance(widget, NotRecordedWidget)
    assert "not recorded on this laptop" in widget.note_text()
    keys.enter()  # nothing to answer: Enter goes on
    assert iv.position == "q:border"
    point = page.question_widget("border")
    assert isinstance(point, PointWidget)
    keys.type("42.4")
    keys.press(Qt.Key.Key_Tab)
    keys.type("130.6")
    keys.enter()
    assert iv.position == "q:route"
    assert repo.answers(iv.id)["border"].value == "42.4 130.6"
    route = page.question_widget("route")
    assert isinstance(route, PointsWidget)
    keys.type("42.4 130.6")
    keys.enter()  # a new line in the box, not the next page
    keys.type("42.5, 130.7")
    keys.press(Qt.Key.Key_Tab)  # leaves the box: saved
    assert repo.answers(iv.id)["route"].value == "42.4 130.6;42.5 130.7"
    page.close()
    iv.go_to("q:photo")
    page = show(qtbot, repo, iv)
    # media questions are recorded or attached since issue #16 (tests/gui/test_media_widgets.py)
    from fieldapp.gui.widgets.media import AttachWidget, RecorderWidget

    for name, kind in (("photo", AttachWidget), ("voice", RecorderWidget)):
        w = page.question_widget(name)
        assert isinstance(w, kind), (iv.position, name)
        Keyboard(page).enter()  # optional: left unanswered, Enter goes on
    assert answers(repo, iv)["here"] == (None, NOT_APPLICABLE)
    assert answers(repo, iv)["photo"] == (None, MISSING)


def test_a_point_with_one_number_is_refused(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "border")
    keys.type("42.4")
    keys.enter()
    assert iv.position == "q:border"
    assert widget.issue() == ("Enter the latitude and the longitude in decimal degrees, for example "
                              "37.5665 126.9780.")


def test_barcode_is_typed_and_acknowledge_is_a_tick(qtbot, repo):
    iv, page, widget, keys = at(qtbot, repo, "code")
    assert isinstance(widget, BarcodeWidget)
    assert "No scanner" in page.findChild(QLabel, "q_code_no_scanner").text()
    keys.type("A-1234")
    keys.enter()
    ack = page.question_widget("ack")
    assert isinstance(ack, AcknowledgeWidget)
    keys.press(Qt.Key.Key_Space)
    assert repo.answers(iv.id)["code"].value == "A-1234"
    assert repo.answers(iv.id)["ack"].value == "OK"
    QTest.keyClick(ack.editors()[0], Qt.Key.Key_Space)
    assert repo.answers(iv.id).get("ack") is None or repo.answers(iv.id)["ack"].value is None


def test_a_message_going_away_does_not_move_the_questions_below(qtbot, tmp_path):
    """Issue #15, item 8: fixing an answer must not pull the next question up under the pointer."""
    path = write_xlsform(tmp_path / "m.xlsx", """
| type          | name  | label::English (en) | constraint | constraint_message::English (en) | appearance |
| begin group   | p     | Page                |            |                                  | field-list |
| integer       | age   | Age                 | . < 120    | An age under 120, please.        |            |
| select_one yn | ok    | All right?          |            |                                  |            |
| end group     |       |                     |            |                                  |            |
""", """
| list_name | name | label::English (en) |
| yn        | yes  | Yes                 |
| yn        | no   | No                  |
""", {"form_id": "m", "version": "1", "default_language": "English (en)"})
    store = Store.create(tmp_path / "s", PASSPHRASE, "interviewer")
    try:
        form = read_xlsform(path)
        add_form(store, form)
        repo = InterviewRepo(store)
        iv = repo.start("m", language="en")
        page = show(qtbot, repo, iv)
        age, ok = page.question_widget("age"), page.question_widget("ok")
        keys = Keyboard(page)
        keys.type("130")
        age.flush()
        qtbot.waitUntil(lambda: age.issue() == "An age under 120, please.")
        qtbot.wait(100)  # the layout settles
        top = ok.mapTo(page, ok.rect().topLeft()).y()
        edit = age.editors()[0]
        edit.selectAll()
        keys.type("30")
        age.flush()
        qtbot.wait(100)  # the layout settles
        assert age.issue() == "" and not page.findChild(QLabel, "q_age_issue").text()
        assert ok.mapTo(page, ok.rect().topLeft()).y() == top
        assert repo.answers(iv.id)["age"].value == 30
    finally:
        store.close()
