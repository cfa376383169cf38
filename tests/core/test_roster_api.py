"""The engine API a roster page and a hierarchy view are built on (docs/forms.md, "Repeats"),
through the ops layer the GUI calls, with the store as the sink: every change is saved."""

from __future__ import annotations

import pytest

from fieldapp.errors import UserFacingError
from fieldapp.ops import interviews as ops
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.repeat_fixtures import make_form
from tests.core.storetools import PASSPHRASE
from tests.xlsform_builder import write_xlsform


@pytest.fixture
def store(tmp_path):
    form = make_form(tmp_path)
    with Store.create(tmp_path / "s", PASSPHRASE, "interviewer") as s:
        add_form(s, form)
        yield s


def test_roster_add_summary_remove_and_open(store):
    iv = ops.start_interview(store, "roster", language="en")
    iv.set_answer("consent", "yes")
    r = ops.roster(iv, "family")
    assert (r.label, r.page, r.can_add, r.can_remove, r.relevant) == (
        "Family member still inside", "r:family", True, True, True)
    assert [e.instance for e in r.entries] == ["family[1]"]
    assert r.entries[0].summary == "" and r.entries[0].issues == 0
    iv.set_answer("family[1]/relation", "mother")
    iv.set_answer("family[1]/age_group", "a60")
    assert ops.add_instance(iv, "family") == "family[2]"
    iv.set_answer("family[2]/relation", "sibling")
    r = ops.roster(iv, "family")
    assert [(e.title, e.summary, e.answered) for e in r.entries] == [
        ("Family member still inside 1", "Mother · 60 or older", 2),
        ("Family member still inside 2", "Brother or sister", 1)]
    page = ops.open_instance(iv, "family[2]")
    assert page.key == "q:family[2]/relation" and iv.position == page.key
    assert [q.name for q in page.questions] == ["family[2]/relation"]
    iv.set_language("ko")
    assert ops.roster(iv, "family").entries[0].summary == "어머니 · 60세 이상"
    ops.remove_instance(iv, "family[1]")
    assert iv.position == "q:family[1]/relation"  # the page moved up with its entry
    assert iv.value("family[1]/relation") == "sibling" and iv.instance_count("family") == 1
    # every step was saved: the draft reopens as it is
    again = InterviewRepo(store).resume(iv.id)
    assert again.instances() == ["family[1]"] and again.value("family[1]/relation") == "sibling"
    assert again.value("n_family") == 1
    assert InterviewRepo(store).answers(iv.id).get("family[2]/relation") is None


def test_removing_the_open_entry_goes_back_to_the_roster(store):
    iv = ops.start_interview(store, "roster", language="en")
    iv.set_answer("consent", "yes")
    ops.open_instance(iv, "family[1]")
    ops.remove_instance(iv, "family[1]")
    assert iv.position == "r:family" and iv.current_page.is_roster


def test_hierarchy_lists_groups_rosters_entries_and_questions(store):
    iv = ops.start_interview(store, "roster", language="en")
    iv.set_answer("consent", "yes")
    iv.set_answer("family[1]/relation", "father")
    ops.add_instance(iv, "family")
    tree = ops.hierarchy(iv)
    assert [(n.kind, n.key) for n in tree] == [("question", "consent"), ("repeat", "family")]
    consent, family = tree
    assert (consent.text, consent.status, consent.page) == ("Yes", "answered", "q:consent")
    assert family.page == "r:family"
    assert [(n.key, n.label) for n in family.children] == [
        ("family[1]", "Family member still inside 1"), ("family[2]", "Family member still inside 2")]
    first = family.children[0].children
    assert [(n.key, n.text, n.status) for n in first] == [
        ("family[1]/relation", "Father", "answered"), ("family[1]/age_group", "", "missing"),
        ("family[1]/detained", "", "missing")]
    iv.go_to(first[1].page)
    assert iv.current_page.questions[0].name == "family[1]/age_group"
    iv.set_answer("consent", "no")
    family = ops.hierarchy(iv)[1]
    assert not family.relevant and family.page is None
    assert all(not n.relevant and n.page is None for n in family.children)


def test_a_counted_repeat_cannot_be_changed_by_hand(tmp_path):
    from fieldapp.engine.interview import Interview
    from fieldapp.forms.xlsform import read_xlsform

    form = read_xlsform(write_xlsform(tmp_path / "c.xlsx", """
| type         | name | label | repeat_count | body::jr:noAddRemove |
| integer      | n    | N     |              |                      |
| begin repeat | kids | Kids  | ${n}         |                      |
| integer      | age  | Age   |              |                      |
| end repeat   |      |       |              |                      |
| begin repeat | pets | Pets  |              | true()               |
| text         | kind | Kind  |              |                      |
| end repeat   |      |       |              |                      |
""", settings={"form_id": "c", "version": "1"}))
    iv = Interview.start(form)
    iv.set_answer("n", 3)
    kids, pets = iv.roster("kids"), iv.roster("pets")
    assert len(kids.entries) == 3 and not kids.can_add and not kids.can_remove
    assert len(pets.entries) == 1 and not pets.can_add
    for call in (lambda: iv.add_instance("kids"), lambda: iv.remove_instance("kids[1]"),
                 lambda: iv.add_instance("pets")):
        with pytest.raises(UserFacingError, match="set by the form"):
            call()
    iv.set_answer("kids[3]/age", 4)
    iv.set_answer("n", 2)
    assert iv.instance_count("kids") == 2 and "kids[3]/age" not in iv.values
    with pytest.raises(UserFacingError, match="no entry"):
        iv.remove_instance("kids[7]")
    with pytest.raises(UserFacingError, match="no question"):
        iv.set_answer("kids[3]/age", 1)


def test_entry_pages_come_from_one_pass_over_the_pages(store):
    """Each entry's and instance's page (roster and hierarchy) is the first relevant page
    inside it, its nested entries' pages included, as a scan of the pages finds it."""
    from fieldapp.engine.roster import _first_page_in, _first_pages

    iv = ops.start_interview(store, "roster", language="en")
    iv.set_answer("consent", "yes")
    for _ in range(11):  # family[1] and family[11]: one must not be taken for the other
        ops.add_instance(iv, "family")
    relevant = iv.relevant_pages()
    first = _first_pages(relevant)
    instances = iv.instances()
    assert len(instances) >= 12
    assert {i: first.get(i) for i in instances} == {i: _first_page_in(i, relevant) for i in instances}
    assert [e.page for e in ops.roster(iv, "family").entries] == [
        _first_page_in(f"family[{n}]", relevant) for n in range(1, 13)]


def test_the_hierarchy_of_the_reference_survey_opens_each_entry_at_its_first_page():
    """Labelled sections before and around the rosters (the reference survey's layout): every
    entry of the hierarchy names the first relevant page inside it, as a scan finds it."""
    import random

    from fieldapp.engine.roster import _first_page_in
    from fieldapp.engine.simulate import simulate
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire

    iv = simulate(read_xlsform(reference_questionnaire()), random.Random(4), fixed={"consent": "yes"},
                  roster_sizes={"family_member": 3})

    def flat(nodes):
        for n in nodes:
            yield n
            yield from flat(n.children)

    entries = {n.key: n.page for n in flat(ops.hierarchy(iv)) if n.kind == "instance"}
    assert {"family_member[1]", "family_member[2]", "family_member[3]"} <= set(entries)
    relevant = iv.relevant_pages()
    assert entries == {k: _first_page_in(k, relevant) if iv.relevance.get("group:" + k, True) else None
                       for k in entries}
