"""Rosters on screen (issue #13): the roster page, entering and leaving a repeat from the question
flow, removing an entry after a confirmation that names it, counted rosters, nested rosters, and
the hierarchy view with every entry; driven by keyboard, answers read back from the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.repeat_fixtures import make_form
from tests.gui.conftest import PASSPHRASE
from tests.gui.test_interview_page import ALT, Keyboard, show
from tests.gui.test_korean_errors import korean  # noqa: F401 - the Korean catalogue fixture
from tests.xlsform_builder import write_xlsform

pytestmark = pytest.mark.gui

NESTED = """
| type                | name     | label::English (en) | label::Korean (ko) | required |
| begin repeat        | members  | Family member       | 가족               |          |
| select_one rel      | relation | Relation            | 관계               | yes      |
| begin repeat        | episodes | Detention           | 구금               |          |
| integer             | year     | Year detained       | 구금 연도          |          |
| end repeat          |          |                     |                    |          |
| end repeat          |          |                     |                    |          |
| text                | closing  | Anything else?      | 더 할 말?          |          |
"""
COUNTED = """
| type         | name | label::English (en) | repeat_count |
| integer      | n    | How many children?  |              |
| begin repeat | kids | Child               | ${n}         |
| integer      | age  | Age of the child    |              |
| end repeat   |      |                     |              |
| text         | end_note | Anything else?  |              |
"""
FIXED = """
| type         | name  | label::English (en) | body::jr:noAddRemove |
| begin repeat | pets  | Animal kept         | true()               |
| text         | kind  | Which animal?       |                      |
| end repeat   |       |                     |                      |
| text         | after | Anything else?      |                      |
"""
CHOICES = """
| list_name | name    | label::English (en) | label::Korean (ko) |
| rel       | mother  | Mother              | 어머니             |
| rel       | father  | Father              | 아버지             |
| rel       | sibling | Brother or sister   | 형제자매           |
"""


@pytest.fixture
def repo(tmp_path):
    forms = [make_form(tmp_path)]
    from fieldapp.forms.xlsform import read_xlsform

    for name, survey in (("nested", NESTED), ("counted", COUNTED), ("fixed", FIXED)):
        path = write_xlsform(tmp_path / f"{name}.xlsx", survey, CHOICES,
                             {"form_id": name, "version": "1", "default_language": "English (en)"})
        forms.append(read_xlsform(path))
    store = Store.create(tmp_path / "store", PASSPHRASE, "interviewer")
    for form in forms:
        add_form(store, form)
    yield InterviewRepo(store)
    store.close()


def roster_rows(page) -> list[tuple[str, str, str]]:
    return [(i.text(0), i.text(1), i.text(2)) for i in page.roster_view().entries()]


def focused_name() -> str:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget.objectName()


def stored(repo, iv) -> dict:
    return {k: s.value for k, s in repo.answers(iv.id).items() if s.value is not None}


def test_a_roster_entered_added_to_and_left_by_keyboard(qtbot, repo):
    iv = repo.start("roster", language="en")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    keys.type("1")  # Consent? 1 = Yes
    keys.enter()
    # The roster page: the one entry the form starts with, not yet answered.
    assert iv.position == "r:family"
    assert page.findChild(QLabel, "roster_title").text() == "Family member still inside"
    assert roster_rows(page) == [("Family member still inside 1", "Not answered yet", "")]
    assert focused_name() == "roster_entries"
    keys.enter()  # opens the entry
    assert iv.position == "q:family[1]/relation"
    assert page.findChild(QLabel, "interview_section").text() == "Family member still inside 1"
    keys.type("1")  # Mother: saved the moment it is chosen, before any page turn
    assert stored(repo, iv)["family[1]/relation"] == "mother"
    keys.enter()
    keys.type("4")  # 60 or older
    keys.enter()
    keys.type("2")  # detained: No
    keys.enter()
    # After the last entry the roster asks whether there is another, focus on Add.
    assert iv.position == "r:family" and page.roster_view().asking
    assert "Is there another Family member still inside?" in page.findChild(QLabel, "roster_prompt").text()
    assert roster_rows(page) == [("Family member still inside 1", "Mother · 60 or older", "Answered: 3")]
    assert focused_name() == "roster_add"
    keys.enter()  # Add: a second entry, opened at once
    assert iv.position == "q:family[2]/relation" and iv.instance_count("family") == 2
    keys.type("3")
    keys.enter()
    keys.type("2")
    keys.enter()
    keys.type("1")
    keys.enter()
    assert iv.position == "r:family" and page.roster_view().asking
    # Back returns into the entry just left; Next comes back to the question.
    keys.press(Qt.Key.Key_Left, ALT)
    assert iv.position == "q:family[2]/detained"
    keys.enter()
    assert iv.position == "r:family"
    keys.press(Qt.Key.Key_Right, ALT)  # Next: no more family members, go on
    assert iv.position == "review"
    assert stored(repo, iv) == {
        "consent": "yes", "family[1]/relation": "mother", "family[1]/age_group": "a60",
        "family[1]/detained": "no", "family[2]/relation": "sibling", "family[2]/age_group": "a18_39",
        "family[2]/detained": "yes", "n_family": 2, "n_detained": 1}
    assert repo.instances(iv.id) == ["family[1]", "family[2]"]


def test_removing_an_entry_asks_first_naming_it(qtbot, repo):
    iv = repo.start("roster", language="en")
    iv.set_answer("consent", "yes")
    iv.set_answer("family[1]/relation", "mother")
    iv.set_answer("family[1]/age_group", "a60")
    iv.add_instance("family")
    iv.set_answer("family[2]/relation", "father")
    iv.go_to("r:family")
    page = show(qtbot, repo, iv)
    view = page.roster_view()
    entries = page.findChild(type(view._list), "roster_entries")  # noqa: SLF001
    entries.setCurrentItem(view.entries()[0])
    entries.setFocus()
    QTest.keyClick(entries, Qt.Key.Key_Delete)
    box = view.confirm_box
    assert box is not None and box.isVisible()
    assert box.text() == "Remove Family member still inside 1 (Mother · 60 or older) and all its answers?"
    assert box.defaultButton().objectName() == "confirmRemoveEntryNo"  # Enter keeps it
    QTest.keyClick(box, Qt.Key.Key_Escape)
    assert view.confirm_box is None and iv.instance_count("family") == 2
    assert stored(repo, iv)["family[1]/relation"] == "mother"
    QTest.keyClick(entries, Qt.Key.Key_Delete)
    view.confirm_box.findChild(QAbstractButton, "confirmRemoveEntryYes").click()
    # The father moved up one; the store holds one entry.
    assert roster_rows(page) == [("Family member still inside 1", "Father", "Answered: 1")]
    assert repo.instances(iv.id) == ["family[1]"]
    answers = stored(repo, iv)
    assert answers["family[1]/relation"] == "father" and "family[2]/relation" not in answers
    assert answers["n_family"] == 1
    assert page.findChild(QLabel, "interview_progress").text() == "Page 2 of 5"


def test_escape_on_an_entry_goes_up_to_its_roster(qtbot, repo):
    iv = repo.start("roster", language="en")
    iv.set_answer("consent", "yes")
    iv.add_instance("family")
    iv.open_instance("family[2]")
    page = show(qtbot, repo, iv)
    up = page.findChild(QAbstractButton, "interview_to_roster")
    assert up.isVisible() and "Family member still inside" in up.toolTip()
    Keyboard(page).press(Qt.Key.Key_Escape)
    assert iv.position == "r:family" and not page.roster_view().asking
    assert page.roster_view()._list.currentItem().text(0) == "Family member still inside 2"  # noqa: SLF001
    assert not up.isVisible()


def test_a_counted_roster_has_no_add_or_remove_and_is_walked_through(qtbot, repo):
    iv = repo.start("counted", language="en")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    keys.type("2")
    keys.enter()
    assert iv.position == "r:kids"
    assert [r[0] for r in roster_rows(page)] == ["Child 1", "Child 2"]
    assert not page.findChild(QAbstractButton, "roster_add").isVisible()
    assert not page.findChild(QAbstractButton, "roster_remove").isVisible()
    assert page.findChild(QLabel, "roster_fixed").isVisible()
    keys.press(Qt.Key.Key_Right, ALT)  # Next walks into the entries
    assert iv.position == "q:kids[1]/age"
    keys.type("7")
    keys.enter()
    assert iv.position == "q:kids[2]/age"
    keys.type("4")
    keys.enter()
    assert iv.position == "q:end_note"  # the form counts the entries: nothing to ask
    assert stored(repo, iv) == {"n": 2, "kids[1]/age": 7, "kids[2]/age": 4}


def test_nested_rosters_ask_inner_then_outer(qtbot, repo):
    iv = repo.start("nested", language="en")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    assert iv.position == "r:members"
    keys.enter()  # open Family member 1
    keys.type("2")  # Father
    keys.enter()
    assert iv.position == "r:members[1]/episodes"
    assert page.findChild(QLabel, "roster_title").text() == "Detention"
    keys.enter()  # open Detention 1
    assert page.findChild(QLabel, "interview_section").text() == "Family member 1 › Detention 1"
    keys.type("2009")
    keys.enter()
    assert iv.position == "r:members[1]/episodes" and page.roster_view().asking
    keys.enter()  # Add a second detention
    assert iv.position == "q:members[1]/episodes[2]/year"
    keys.type("2013")
    keys.enter()
    assert iv.position == "r:members[1]/episodes"
    keys.press(Qt.Key.Key_Right, ALT)  # no more detentions: the family roster asks in turn
    assert iv.position == "r:members" and page.roster_view().asking
    keys.press(Qt.Key.Key_Right, ALT)
    assert iv.position == "q:closing"
    assert stored(repo, iv) == {"members[1]/relation": "father", "members[1]/episodes[1]/year": 2009,
                                "members[1]/episodes[2]/year": 2013}
    assert repo.instances(iv.id) == ["members[1]", "members[1]/episodes[1]", "members[1]/episodes[2]"]


def test_the_hierarchy_lists_every_entry_and_opens_any_question(qtbot, repo):
    iv = repo.start("nested", language="en")
    iv.set_answer("members[1]/relation", "mother")
    iv.set_answer("members[1]/episodes[1]/year", 2001)
    second = iv.add_instance("members")
    iv.set_answer(f"{second}/relation", "sibling")
    iv.go_to("q:closing")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    keys.press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    review = page.review_page()
    tree = review._tree  # noqa: SLF001

    def shape(item, depth=0):
        out = [("  " * depth + item.text(0), item.text(1))]
        for i in range(item.childCount()):
            out += shape(item.child(i), depth + 1)
        return out

    rows = [r for i in range(tree.topLevelItemCount()) for r in shape(tree.topLevelItem(i))]
    assert rows == [
        ("Family member", "Entries: 2"),
        ("  Family member 1", "Mother"),
        ("    Relation", "Mother"),
        ("    Detention", "Entries: 1"),
        ("      Detention 1", "2001"),
        ("        Year detained", "2001"),
        ("  Family member 2", "Brother or sister"),
        ("    Relation", "Brother or sister"),
        ("    Detention", "No entries"),
        ("Anything else?", "Not answered"),
    ]
    # Any question of any entry: arrow down to the second member's relation, Enter.
    target = review.rows()["members[2]/relation"]
    while tree.currentItem() is not target:
        QTest.keyClick(tree, Qt.Key.Key_Up)
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert iv.position == "q:members[2]/relation"
    keys.type("1")  # Mother
    keys.enter()
    assert stored(repo, iv)["members[2]/relation"] == "mother"
    # A roster row opens the roster page.
    keys.press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    roster_row = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                      if tree.topLevelItem(i).text(0) == "Family member")
    tree.setCurrentItem(roster_row)
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert iv.position == "r:members"
    assert [r[1] for r in roster_rows(page)] == ["Mother", "Mother"]


def test_finalize_names_unanswered_questions_with_their_entry(qtbot, repo):
    iv = repo.start("nested", language="en")
    iv.set_answer("members[1]/relation", "mother")
    iv.add_instance("members")
    iv.set_answer("members[2]/relation", "father")
    iv.go_to("review")
    page = show(qtbot, repo, iv)
    review = page.review_page()
    review.findChild(QAbstractButton, "review_finalize").click()
    box = review.confirm_box
    assert box is not None
    lines = box.informativeText().splitlines()
    assert lines[1:] == ["\u2022 Family member 1 \u203a Detention 1 \u203a Year detained",
                         "\u2022 Anything else?"]
    box.findChild(QAbstractButton, "confirmFinalizeGoTo").click()
    assert iv.position == "q:members[1]/episodes[1]/year"


@pytest.mark.usefixtures("korean")
def test_the_roster_in_korean(qtbot, repo):
    iv = repo.start("roster", language="ko")
    iv.set_answer("consent", "yes")
    iv.set_answer("family[1]/relation", "mother")
    iv.set_answer("family[1]/age_group", "a60")
    iv.go_to("r:family")
    page = show(qtbot, repo, iv)
    assert page.findChild(QLabel, "roster_title").text() == "북한에 남은 가족"
    assert roster_rows(page) == [("북한에 남은 가족 1", "어머니 · 60세 이상", "응답: 2개")]
    assert page.findChild(QAbstractButton, "roster_add").text() == "추가: 북한에 남은 가족(&A)"
    assert page.findChild(QAbstractButton, "roster_remove").text() == "삭제(&M)…"
    view = page.roster_view()
    view._list.setCurrentItem(view.entries()[0])  # noqa: SLF001
    QTest.keyClick(view._list, Qt.Key.Key_Delete)  # noqa: SLF001
    assert view.confirm_box.text() == "북한에 남은 가족 1 (어머니 · 60세 이상) 항목과 그 응답을 모두 삭제할까요?"
    QTest.keyClick(view.confirm_box, Qt.Key.Key_Escape)
    keys = Keyboard(page)
    keys.press(Qt.Key.Key_Right, ALT)
    assert page.findChild(QLabel, "interview_section").text() == "북한에 남은 가족 1"
    assert page.findChild(QAbstractButton, "interview_to_roster").text() == "↑ 목록으로(&U)"
    keys.press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    tree = page.review_page()._tree  # noqa: SLF001
    assert (tree.topLevelItem(1).text(0), tree.topLevelItem(1).text(1)) == ("북한에 남은 가족", "항목 1개")


def test_delete_on_an_entry_of_the_hierarchy_asks_on_its_roster(qtbot, repo):
    iv = repo.start("roster", language="en")
    iv.set_answer("consent", "yes")
    iv.set_answer("family[1]/relation", "mother")
    iv.add_instance("family")
    iv.set_answer("family[2]/relation", "father")
    iv.go_to("review")
    page = show(qtbot, repo, iv)
    tree = page.review_page()._tree  # noqa: SLF001
    family = tree.topLevelItem(1)
    tree.setCurrentItem(family.child(1))
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key.Key_Delete)
    box = page.roster_view().confirm_box
    assert iv.position == "r:family" and box is not None
    assert box.text() == "Remove Family member still inside 2 (Father) and all its answers?"
    box.findChild(QAbstractButton, "confirmRemoveEntryYes").click()
    assert repo.instances(iv.id) == ["family[1]"]
    assert stored(repo, iv)["family[1]/relation"] == "mother"


def test_a_roster_without_add_or_remove_keeps_the_forms_entries(qtbot, repo):
    iv = repo.start("fixed", language="en")
    page = show(qtbot, repo, iv)
    assert iv.position == "r:pets"
    assert [r[0] for r in roster_rows(page)] == ["Animal kept 1"]
    assert not page.findChild(QAbstractButton, "roster_add").isVisible()
    assert not page.findChild(QAbstractButton, "roster_remove").isVisible()
    view = page.roster_view()
    QTest.keyClick(view._list, Qt.Key.Key_Delete)  # noqa: SLF001 - refused: nothing asks
    QTest.keyClick(view._list, Qt.Key.Key_Insert)  # noqa: SLF001
    assert view.confirm_box is None and iv.instance_count("pets") == 1
    keys = Keyboard(page)
    keys.enter()  # open the entry
    keys.type("dog")
    keys.enter()
    assert iv.position == "q:after"  # nothing to ask after the last entry
    assert stored(repo, iv) == {"pets[1]/kind": "dog"}
