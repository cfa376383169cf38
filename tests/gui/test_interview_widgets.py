"""The question-widget registry: one widget per type, all with the same small interface."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from fieldapp.forms.xlsform import read_xlsform
from fieldapp.gui.pages.interview import InterviewPage
from fieldapp.gui.widgets import registered_types, widget_for
from fieldapp.gui.widgets.choice import (
    CheckChoiceWidget,
    ComboChoiceWidget,
    ListChoiceWidget,
    RadioChoiceWidget,
)
from fieldapp.gui.widgets.entry import (
    DateWidget,
    MultilineTextWidget,
    NoteWidget,
    NumberWidget,
    TextWidget,
)
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import executor_for
from tests.xlsform_builder import write_xlsform

pytestmark = pytest.mark.gui

PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
EN = "English (en)"

SURVEY = """
| type                 | name     | label::English (en) | label::Korean (ko) | hint::English (en) | required | appearance   | relevant            | constraint        | choice_filter     |
| select_one yn        | ok       | OK?                 | 괜찮습니까?         | Ask slowly         | yes      |              |                     |                   |                   |
| select_one yn        | ok_min   | OK (drop-down)?     | 괜찮습니까?         |                    |          | minimal      |                     |                   |                   |
| select_one many      | pick     | Pick one            | 하나 고르기         |                    |          |              |                     |                   |                   |
| select_multiple ctx  | where    | Where?              | 어디서?            |                    |          |              |                     |                   |                   |
| integer              | n        | How many?           | 몇 개?             |                    |          |              |                     | . >= 0            |                   |
| decimal              | x        | Weight              | 무게               |                    |          |              |                     |                   |                   |
| text                 | t        | Text                | 글                 |                    |          |              |                     |                   |                   |
| text                 | long     | Long text           | 긴 글              |                    |          | multiline    |                     |                   |                   |
| date                 | d        | When?               | 언제?              |                    |          |              |                     |                   |                   |
| note                 | info     | Just a note         | 안내               |                    |          |              |                     |                   |                   |
| select_one region    | region   | Region              | 지역               |                    |          |              |                     |                   |                   |
| select_one city      | city     | City                | 도시               |                    |          |              |                     |                   | region = ${region} |
"""
CHOICES = """
| list_name | name  | label::English (en) | label::Korean (ko) | region |
| yn        | yes   | Yes                 | 예                 |        |
| yn        | no    | No                  | 아니오             |        |
| ctx       | a     | Friend              | 친구               |        |
| ctx       | b     | Radio               | 라디오             |        |
| ctx       | none  | None                | 없음               |        |
| region    | n     | North               | 북부               |        |
| region    | s     | South               | 남부               |        |
| city      | c1    | Chongjin            | 청진               | n      |
| city      | c2    | Hyesan              | 혜산               | n      |
| city      | c3    | Haeju               | 해주               | s      |
""" + "\n".join(f"| many | m{i:02d} | Item {i:02d} | 항목 {i:02d} | |" for i in range(1, 21))


@pytest.fixture
def form(tmp_path):
    path = write_xlsform(tmp_path / "w.xlsx", SURVEY, CHOICES,
                         {"form_id": "w", "version": "1", "default_language": EN})
    return read_xlsform(path)


def make(qtbot, form, name, language=EN):
    q = form.question(name)
    choices = list(form.choices_for(q).choices) if q.is_select else None
    w = widget_for(q, choices, language)
    qtbot.addWidget(w)
    return w


def test_registry_covers_every_question_type_with_the_right_widget(qtbot, form):
    assert set(registered_types()) >= {"select_one", "select_multiple", "integer", "decimal",
                                       "text", "date", "note"}
    expected = {"ok": RadioChoiceWidget, "ok_min": ComboChoiceWidget, "pick": ListChoiceWidget,
                "where": CheckChoiceWidget, "n": NumberWidget, "x": NumberWidget, "t": TextWidget,
                "long": MultilineTextWidget, "d": DateWidget, "info": NoteWidget}
    for name, cls in expected.items():
        w = make(qtbot, form, name)
        assert type(w) is cls, name
        for editor in w.editors():
            assert editor.objectName(), (name, editor)
            assert editor.accessibleName(), (name, editor.objectName())


def test_unknown_type_is_refused_with_a_clear_message(qtbot, form):
    from dataclasses import replace

    q = replace(form.question("t"), type="mystery")  # every XLSForm type has a widget now
    with pytest.raises(LookupError, match="No question widget for type 'mystery'"):
        widget_for(q, None, EN)


@pytest.mark.parametrize("name, value, shown", [
    ("ok", "no", "no"), ("ok_min", "yes", "yes"), ("pick", "m13", "m13"),
    ("where", "a none", ["a", "none"]), ("n", 42, "42"), ("x", 2.5, "2.5"),
    ("t", "hello", "hello"), ("long", "line 1\nline 2", "line 1\nline 2"),
    ("d", "2017-03-09", "2017-03-09"),
])
def test_set_value_round_trips_without_emitting(qtbot, form, name, value, shown):
    w = make(qtbot, form, name)
    emitted = []
    w.sig_value_changed.connect(lambda *a: emitted.append(a))
    assert w.value() is None
    w.set_value(value)
    assert w.value() == shown
    w.set_value(None)
    assert w.value() is None
    w.flush()
    assert emitted == []


def test_user_changes_emit_name_and_value(qtbot, form):
    radio = make(qtbot, form, "ok")
    with qtbot.waitSignal(radio.sig_value_changed) as sig:
        radio.findChild(QAbstractButton, "q_ok_opt_no").click()
    assert sig.args == ["ok", "no"]

    boxes = make(qtbot, form, "where")
    boxes.findChild(QAbstractButton, "q_where_opt_b").click()
    with qtbot.waitSignal(boxes.sig_value_changed) as sig:
        boxes.findChild(QAbstractButton, "q_where_opt_a").click()
    assert sig.args == ["where", ["a", "b"]]

    number = make(qtbot, form, "n")
    edit = number.findChild(QLineEdit, "q_n_edit")
    QTest.keyClicks(edit, "1x2")  # the validator drops the letter
    assert edit.text() == "12"
    with qtbot.waitSignal(number.sig_value_changed, timeout=2000) as sig:
        pass  # the typing pause elapses
    assert sig.args == ["n", "12"]


def test_decimal_accepts_a_comma_as_decimal_point(qtbot, form):
    w = make(qtbot, form, "x")
    QTest.keyClicks(w.findChild(QLineEdit, "q_x_edit"), "3,75")
    assert w.value() == "3.75"


def test_required_hint_and_issue_are_shown_and_read_out(qtbot, form):
    w = make(qtbot, form, "ok")
    w.show()
    assert w.findChild(QLabel, "q_ok_required").text() == "Required"
    assert w.findChild(QLabel, "q_ok_hint").text() == "Ask slowly"
    w.set_issue("Choose one answer.")
    issue = w.findChild(QLabel, "q_ok_issue")
    assert issue.isVisible() and issue.text() == "Choose one answer."
    yes = w.findChild(QAbstractButton, "q_ok_opt_yes")
    assert "Choose one answer." in yes.accessibleDescription()
    w.set_issue("")
    assert not issue.isVisible()
    assert not make(qtbot, form, "t").findChild(QLabel, "q_t_required").isVisibleTo(None)


def test_set_language_relabels_question_and_choices(qtbot, form):
    w = make(qtbot, form, "pick")
    w.set_value("m03")
    w.set_language("Korean (ko)")
    assert w.findChild(QLabel, "q_pick_label").text() == "하나 고르기"
    lst = w.findChild(QListWidget, "q_pick_list")
    assert lst.item(0).text() == "항목 01"
    assert w.value() == "m03"  # relabelling keeps the answer
    combo = make(qtbot, form, "ok_min")
    combo.set_value("no")
    combo.set_language("Korean (ko)")
    assert combo.findChild(QComboBox).currentText() == "아니오" and combo.value() == "no"


def test_long_list_search_box_filters_and_down_chooses(qtbot, form):
    w = make(qtbot, form, "pick")
    w.show()
    search = w.findChild(QLineEdit, "q_pick_search")
    lst = w.findChild(QListWidget, "q_pick_list")
    search.setFocus()
    QTest.keyClicks(search, "item 1")
    visible = [lst.item(i).text() for i in range(lst.count()) if not lst.item(i).isHidden()]
    assert visible == [f"Item {i}" for i in range(10, 20)]
    with qtbot.waitSignal(w.sig_value_changed) as sig:
        QTest.keyClick(search, Qt.Key.Key_Down)
    assert sig.args == ["pick", "m10"]
    QTest.keyClick(lst, Qt.Key.Key_Down)
    assert w.value() == "m11"


def test_date_has_an_explicit_empty_state_and_typing_starts_from_today(qtbot, form):
    w = make(qtbot, form, "d")
    w.show()
    edit = w.findChild(QDateEdit, "q_d_date")
    assert edit.calendarPopup()
    assert edit.text() == "No date" and w.value() is None
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_Up)  # first key on an empty date: today, then one year on
    assert w.value() is not None
    assert QDate.fromString(w.value(), "yyyy-MM-dd").year() in (QDate.currentDate().year(),
                                                                QDate.currentDate().year() + 1)
    with qtbot.waitSignal(w.sig_value_changed) as sig:
        w.findChild(QAbstractButton, "q_d_clear").click()
    assert sig.args == ["d", None] and edit.text() == "No date"


def test_note_has_no_editor_and_no_value(qtbot, form):
    w = make(qtbot, form, "info")
    assert w.editors() == [] and w.value() is None
    assert w.findChild(QLabel, "q_info_label").text() == "Just a note"


@pytest.fixture
def page(qtbot, tmp_path, form):
    store = Store.create(tmp_path / "store", PASSPHRASE, "interviewer")
    add_form(store, form)
    repo = InterviewRepo(store)
    p = InterviewPage(executor_for(store), repo.start("w"))
    qtbot.addWidget(p)
    p.resize(900, 700)
    p.show()
    qtbot.waitExposed(p)
    yield p
    store.close()


def test_required_message_waits_for_next_and_type_errors_block(qtbot, page):
    iv = page.interview
    assert iv.position == "q:ok"
    assert page.findChild(QLabel, "q_ok_issue").isHidden()  # no nagging before Next
    page.findChild(QWidget, "interview_next").click()
    assert iv.position == "q:ok"
    assert page.findChild(QLabel, "q_ok_issue").text() == "This question needs an answer before you go on."
    page.findChild(QAbstractButton, "q_ok_opt_yes").click()
    assert page.findChild(QLabel, "q_ok_issue").isHidden()
    page.findChild(QWidget, "interview_next").click()
    page.findChild(QWidget, "interview_next").click()
    page.findChild(QWidget, "interview_next").click()
    page.findChild(QWidget, "interview_next").click()
    assert iv.position == "q:n"
    edit = page.findChild(QLineEdit, "q_n_edit")
    edit.setFocus()
    QTest.keyClicks(edit, "-")  # a sign alone is not a number: the engine refuses it
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert iv.position == "q:n"
    assert page.findChild(QLabel, "q_n_issue").text() == "Enter a whole number, for example 42."
    QTest.keyClicks(edit, "3")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert iv.value("n") == -3
    assert iv.position == "q:n"  # the form's constraint (. >= 0) has no message of its own
    assert page.findChild(QLabel, "q_n_issue").text().startswith("This answer is outside")


def test_enter_in_multiline_is_a_new_line_and_alt_right_moves_on(qtbot, page):
    iv = page.interview
    iv.set_answer("ok", "yes")
    iv.go_to("q:long")
    page._render()
    box = page.findChild(QPlainTextEdit, "q_long_edit")
    box.setFocus()
    QTest.keyClicks(box, "one")
    QTest.keyClick(box, Qt.Key.Key_Return)
    QTest.keyClicks(box, "two")
    assert iv.position == "q:long"
    QTest.keyClick(box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert iv.value("long") == "one\ntwo"
    assert iv.position == "q:d"


def test_choice_filter_offers_only_the_matching_choices(qtbot, page):
    iv = page.interview
    iv.set_answer("ok", "yes")
    iv.set_answer("region", "s")
    iv.go_to("q:city")
    page._render()
    names = [b.objectName() for b in page.findChildren(QAbstractButton) if b.objectName().startswith("q_city_opt_")]
    assert names == ["q_city_opt_c3"]
    assert QApplication.focusWidget() is None or QApplication.focusWidget().objectName() == "q_city_opt_c3"
