"""The Tables page over repeat levels (issue #13): the family members still inside and the
detention episodes of the reference questionnaire, counted as entries or as respondents with at
least one, broken down by a respondent's own field, small cells judged by respondents.

The expected numbers are counted here from the answers as they were typed in (``MEMBERS``),
never read back through the analysis code the page uses.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fieldapp.engine.simulate import simulate
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.gui import theme
from fieldapp.gui.models.tables import MARK_ROLE, ROW_BASE, ROW_OPTION
from fieldapp.resources import reference_questionnaire
from fieldapp.store import Store
from fieldapp.store.interviews import insert_finalized
from tests.gui.conftest import PASSPHRASE, make_store
from tests.gui.test_shell import unnamed_interactive
from tests.gui.test_tables_page import open_tables, settle_chart, shown_rows, wait_ready

LEVEL = "family_member"
COMMON = ("mother", "father", "sibling", "child")
#: One respondent lists six grandparents, nobody else lists any: six entries, one respondent.
RARE = "grandparent"
RESPONDENTS = 25


@pytest.fixture(scope="module")
def level_store(tmp_path_factory) -> tuple[Path, list[tuple[str, list[str]]]]:
    """A coordinator store of RESPONDENTS interviews; returns it and, for each respondent as
    typed, (gender, relations of the family members listed)."""
    folder = make_store(tmp_path_factory.mktemp("levels") / "store", role="coordinator")
    form = read_xlsform(reference_questionnaire())
    rng = random.Random(13)
    typed, interviews = [], []
    for i in range(RESPONDENTS):
        gender = "female" if i == 0 else rng.choice(("female", "male"))
        relations = [RARE] * 6 if i == 0 else [rng.choice(COMMON) for _ in range(rng.choice((0, 1, 2, 3)))]
        fixed = {"consent": "yes", "respondent_type": "survey", "gender": gender}
        fixed.update({f"{LEVEL}[{n}]/family_relation": r for n, r in enumerate(relations, start=1)})
        interviews.append(simulate(form, rng, fixed=fixed, roster_sizes={LEVEL: len(relations)}))
        typed.append((gender, relations))
    with Store.open(folder, PASSPHRASE) as store, store.transaction() as conn:
        insert_finalized(store, conn, interviews, "test")
    return folder, typed


def choose(qtbot, page, combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered by {combo.objectName()}"
    wait_ready(qtbot, page, lambda: combo.setCurrentIndex(index))


def option_counts(page) -> dict[str, list]:
    return {r["label"]: r["values"] for r in shown_rows(page) if r["kind"] == ROW_OPTION}


def test_the_level_picker_offers_the_respondents_and_each_roster(qtbot, make_window, level_store):
    window, page = open_tables(qtbot, make_window, level_store[0])
    offered = [(page.level_combo.itemData(i), page.level_combo.itemText(i)) for i in range(page.level_combo.count())]
    assert offered == [("", "Respondents"), ("family_member", "Family member still in North Korea"),
                       ("detention_episode", "Detention episode")]
    assert not page.over_combo.isEnabled()
    # The respondents' own questions only: a roster's questions are tables of their level.
    shown = [page.question_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(page.question_list.count())]
    assert "family_relation" not in shown and "gender" in shown
    by = [page.by_combo.itemData(i) for i in range(page.by_combo.count())]
    assert "family_relation" not in by and "gender" in by
    assert unnamed_interactive(page) == []
    settle_chart(qtbot, page)


def test_entries_are_counted_with_the_base_in_entries_and_respondents(qtbot, make_window, level_store):
    folder, typed = level_store
    window, page = open_tables(qtbot, make_window, folder)
    choose(qtbot, page, page.level_combo, LEVEL)
    assert page.over_combo.isEnabled() and page.over_combo.currentData() == "instances"
    shown = [page.question_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(page.question_list.count())]
    assert shown == ["family_relation", "family_age_group", "family_contact", "family_detained"]
    assert not page.compare_combo.isEnabled()
    # At 1366x768 each question's row holds its whole wrapped text inside the rows' padding
    # (a long one was cut with "..." once the rows had padding).
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: page.question_list.viewport().width() < 400)
    view, (pad_y, pad_x) = page.question_list, theme.ITEM_PADDING
    width = view.viewport().width() - 2 * view.spacing() - 2 * pad_x - 8
    for row in range(view.count()):
        item = view.item(row)
        needed = view.fontMetrics().boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap),
                                                 item.text()).height()
        assert view.visualItemRect(item).height() - 2 * pad_y >= needed, item.text()
    page.select_question("family_relation")
    everyone = Counter(r for _g, rels in typed for r in rels)
    entries = sum(everyone.values())
    with_members = sum(1 for _g, rels in typed if rels)
    counts = option_counts(page)
    assert counts["Mother"][0] == everyone["mother"] and counts["Grandparent"][0] == 6
    base = next(r for r in shown_rows(page) if r["kind"] == ROW_BASE)
    assert base["values"][0] == entries
    assert page.heading_label.text().startswith("Family member still in North Korea: ")
    assert f"Base: {entries} entries of “Family member still in North Korea”" in page.notes_label.text()
    assert f"from {with_members} respondents" in page.notes_label.text()
    assert page.status_label.text().startswith(
        f"Counting entries of “Family member still in North Korea”: {entries} entries from "
        f"{with_members} respondents.")
    # Six grandparents of one respondent: more than 5 entries, still a small cell (it is one person).
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == "Grandparent")
    assert page.model.index(row, 1).data() == "6*"
    assert page.model.index(row, 1).data(MARK_ROLE) == "small"
    for label, values in counts.items():
        relation = {"Mother": "mother", "Father": "father", "Brother or sister": "sibling",
                    "Son or daughter": "child"}.get(label)
        if relation:
            people = sum(1 for _g, rels in typed if relation in rels)
            cell = page.model.index(next(r for r in range(page.model.rowCount())
                                         if page.model.index(r, 0).data() == label), 1)
            assert (cell.data(MARK_ROLE) == "small") == (0 < people < 5 or 0 < values[0] < 5), label
    settle_chart(qtbot, page)


def test_respondents_with_at_least_one_entry(qtbot, make_window, level_store):
    folder, typed = level_store
    window, page = open_tables(qtbot, make_window, folder)
    choose(qtbot, page, page.level_combo, LEVEL)
    choose(qtbot, page, page.over_combo, "respondents")
    page.select_question("family_relation")
    counts = option_counts(page)
    with_members = sum(1 for _g, rels in typed if rels)
    for label, relation in (("Mother", "mother"), ("Brother or sister", "sibling"), ("Grandparent", RARE)):
        assert counts[label][0] == sum(1 for _g, rels in typed if relation in rels), label
    base = next(r for r in shown_rows(page) if r["kind"] == ROW_BASE)
    assert base["values"][0] == with_members
    assert "respondents with at least one" in page.heading_label.text()
    assert f"{with_members} respondents with at least one entry" in page.status_label.text()
    # Over respondents a roster's own fields are no breakdown (each respondent has many).
    by = [page.by_combo.itemData(i) for i in range(page.by_combo.count())]
    assert "family_age_group" not in by and "gender" in by
    settle_chart(qtbot, page)


def test_entries_broken_down_by_a_respondent_field(qtbot, make_window, level_store):
    folder, typed = level_store
    window, page = open_tables(qtbot, make_window, folder)
    choose(qtbot, page, page.level_combo, LEVEL)
    by = [page.by_combo.itemData(i) for i in range(page.by_combo.count())]
    assert "family_age_group" in by  # counting entries, the roster's own fields too
    page.select_question("family_relation")
    choose(qtbot, page, page.by_combo, "gender")
    table = page.current_table
    assert table.kind == "crosstab" and table.by == "gender" and table.level == LEVEL
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    base = next(r for r in shown_rows(page) if r["kind"] == ROW_BASE)
    for gender, label in (("female", "Female"), ("male", "Male")):
        want = sum(len(rels) for g, rels in typed if g == gender)
        assert base["values"][headers.index(f"{label}: Count") - 1] == want
    mothers_of_men = sum(rels.count("mother") for g, rels in typed if g == "male")
    row = next(r for r in shown_rows(page) if r["label"] == "Mother")
    assert row["values"][headers.index("Male: Count") - 1] == mothers_of_men
    # Back to the respondents: their own questions and breakdown fields again.
    choose(qtbot, page, page.level_combo, "")
    assert not page.over_combo.isEnabled()
    assert page.current_table is not None and page.current_table.level in (None, "")
    settle_chart(qtbot, page)


def test_detention_episodes_and_korean_level_names(qtbot, make_window, level_store):
    folder, _typed = level_store
    window, page = open_tables(qtbot, make_window, folder, language="ko")
    names = [page.level_combo.itemText(i) for i in range(page.level_combo.count())]
    assert names[1:] == ["북한에 남아 있는 가족", "구금 경험"]
    assert names[0] != "Respondents"  # translated
    choose(qtbot, page, page.level_combo, "detention_episode")
    shown = [page.question_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(page.question_list.count())]
    assert shown == ["detention_year", "detention_facility", "detention_duration", "detention_treatment"]
    assert page.current_table is not None
    assert "구금 경험" in page.status_label.text()
    settle_chart(qtbot, page)
