"""Data export column names: real fields keep their names when a 0/1 column would collide."""

from __future__ import annotations

import random

from fieldapp.analysis.dataset import Dataset
from fieldapp.engine.simulate import simulate
from fieldapp.exports.data import build_columns
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.resources import reference_questionnaire


def test_other_follow_up_field_keeps_its_name():
    form = read_xlsform(reference_questionnaire())
    rng = random.Random(9)
    ivs = [simulate(form, rng, fixed={"consent": "yes", "info_forms": "other usb", "info_forms_other": "x"})
           for _ in range(3)]
    ds = Dataset.from_records(form, [(iv.id, iv.pseudonym, iv.values, {}) for iv in ivs])
    cols, warnings = build_columns(ds)
    by_name = {c.name: c for c in cols}
    assert by_name["info_forms_other"].kind == "text" and by_name["info_forms_other"].values == ["x"] * 3
    assert by_name["info_forms__other"].kind == "dummy" and by_name["info_forms__other"].values == [1, 1, 1]
    assert by_name["info_forms_usb"].values == [1, 1, 1]
    assert not any("appears twice" in w for w in warnings)
