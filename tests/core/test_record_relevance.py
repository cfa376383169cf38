"""A finalized record keeps no non-relevant repeat instance (JavaRosa submits no
non-relevant node): the detention-episode repeat of a respondent never detained adds no
entry to the episode tables, and instances left out of a roster by their own relevance
leave the others numbered 1, 2, ... as the submission's positions number them."""

from __future__ import annotations

import random

import pytest

from fieldapp.analysis.export import TableRequest, make_tables
from fieldapp.engine.simulate import simulate
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.ops import interviews as ops
from fieldapp.store import Store
from fieldapp.store.dataset import load_dataset, load_level
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE
from tests.core.test_reference_form import WORKBOOK
from tests.xlsform_builder import write_xlsform

EPISODE = "detention_episode"


@pytest.fixture
def reference_store(tmp_path):
    form = read_xlsform(WORKBOOK)
    with Store.create(tmp_path / "s", PASSPHRASE, "coordinator") as s:
        add_form(s, form)
        yield s, form


def _finalize(store, form, rng, **fixed):
    iv = simulate(form, rng, fixed={"consent": "yes", **fixed})
    repo = InterviewRepo(store)
    repo.create(iv)
    repo.finalize(iv)
    return iv


def test_a_respondent_never_detained_has_no_detention_episode(reference_store):
    store, form = reference_store
    rng = random.Random(7)
    never = [_finalize(store, form, rng, ever_detained="no") for _ in range(3)]
    once = _finalize(store, form, rng, ever_detained="yes")
    episodes = len([i for i in once.instances() if i.startswith(EPISODE + "[")])
    assert episodes >= 1
    repo = InterviewRepo(store)
    for iv in never:
        assert f"{EPISODE}[1]" in iv.instances()  # the engine holds pyxform's first instance ...
        assert not [i for i in repo.instances(iv.id) if i.startswith(EPISODE)]  # ... the record does not
        assert not [k for k in repo.answers(iv.id) if k.startswith(EPISODE)]
    level = load_level(store, form.form_id, EPISODE)
    assert len(level.values) == episodes  # entries: the detained respondent's episodes only
    assert set(level.pseudonyms) == {once.pseudonym}
    tables, _ = make_tables(load_dataset(store, form.form_id), TableRequest(level=EPISODE, min_cell=2), level)
    facility = next(t for t in tables if t.question == "detention_facility")
    assert facility.base_of() + facility.rows.set_index("option").at["_missing", "count"] \
        + facility.rows.set_index("option").at["_not_applicable", "count"] == episodes


def test_instances_left_out_on_their_own_leave_the_others_renumbered(tmp_path):
    """Should one instance alone be non-relevant, the record numbers the ones it keeps by
    position, as a submission does. (Instance 2 is made non-relevant directly: JavaRosa
    refuses a repeat's ``relevant`` that reads the instance itself, e.g. ``position(.)``,
    as a cycle, so in real forms a repeat's instances in one parent share one relevance.)"""
    path = write_xlsform(tmp_path / "r.xlsx", survey="""
        | type          | name   | label::English (en) | repeat_count |
        | begin repeat  | kid    | Child               | 3            |
        | text          | note   | Note                |              |
        | end repeat    |        |                     |              |
    """, settings={"form_id": "kids", "version": "1"})
    form = read_xlsform(path)
    with Store.create(tmp_path / "s", PASSPHRASE, "interviewer") as s:
        add_form(s, form)
        iv = ops.start_interview(s, "kids", language="en")
        for n, note in ((1, "first"), (2, "second"), (3, "third")):
            iv.set_answer(f"kid[{n}]/note", note)
        iv.relevance["group:kid[2]"] = False
        iv.relevance["kid[2]/note"] = False
        instances, states, _sealed = iv.record_parts()
        assert instances == ["kid[1]", "kid[2]"]
        notes = {k: st.value for k, st in states.items() if k.endswith("/note")}
        assert notes == {"kid[1]/note": "first", "kid[2]/note": "third"}
