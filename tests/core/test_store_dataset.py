"""load_dataset reads exactly what Dataset.from_records would build from the same interviews."""

from __future__ import annotations

import random

import pytest

from fieldapp.analysis.dataset import Dataset
from fieldapp.engine.simulate import simulate
from fieldapp.errors import UserFacingError
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.resources import reference_questionnaire
from fieldapp.store import Store
from fieldapp.store.dataset import load_dataset
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo, insert_finalized
from tests.core.storetools import PASSPHRASE


def test_store_dataset_equals_records_dataset(tmp_path):
    form = read_xlsform(reference_questionnaire())
    rng = random.Random(4)
    interviews = [simulate(form, rng, fixed={"consent": rng.choice(["yes", "yes", "no"])}, skip_rate=0.2)
                  for _ in range(40)]
    with Store.create(tmp_path / "s", PASSPHRASE, "coordinator") as store:
        add_form(store, form)
        with pytest.raises(UserFacingError, match="no finalized interviews"):
            load_dataset(store, form.form_id)
        with store.transaction() as conn:
            insert_finalized(store, conn, interviews, "paper")
        draft = InterviewRepo(store).start(form.form_id)  # drafts are not analysed
        draft.set_answer("consent", "yes")
        got = load_dataset(store, form.form_id)
        repo = InterviewRepo(store)
        records = []
        for row in sorted(repo.list(status="final"), key=lambda r: (r.started_at, r.id)):
            states = repo.answers(row.id)
            records.append((row.id, row.pseudonym, {k: s.value for k, s in states.items()},
                            {k: s.status for k, s in states.items()}))
    want = Dataset.from_records(form, records)
    assert len(got) == 40
    assert got.values.equals(want.values)
    assert got.status.equals(want.status)
    assert got.pseudonyms.equals(want.pseudonyms)
    assert (got.status["age"] == "not_applicable").sum() == sum(iv.value("consent") == "no" for iv in interviews)


def test_breakdown_by_a_calculate_with_blanks_has_no_nan_group(tmp_path):
    from fieldapp.analysis.tables import crosstab

    form = read_xlsform(reference_questionnaire())
    rng = random.Random(8)
    ivs = [simulate(form, rng, fixed={"consent": "yes"}, skip_rate=0.3) for _ in range(60)]
    assert any(iv.value("left_2014_or_later") is None for iv in ivs)
    with Store.create(tmp_path / "s", PASSPHRASE, "coordinator") as store:
        add_form(store, form)
        with store.transaction() as conn:
            insert_finalized(store, conn, ivs, "paper")
        ds = load_dataset(store, form.form_id)
    groups = [g for g, _ in crosstab(ds, "hr_knowledge", "left_2014_or_later").groups()]
    assert groups == ["no", "yes", "_total"]
