"""The reference questionnaire with simulated answers, as a coordinator would tabulate it."""

from __future__ import annotations

import functools
import random

from fieldapp.analysis import Dataset
from fieldapp.analysis.dataset import dataset_fields


@functools.cache
def reference_dataset(n: int = 200, seed: int = 2017) -> Dataset:
    from fieldapp.engine.simulate import simulate
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire

    form = read_xlsform(reference_questionnaire())
    rng = random.Random(seed)
    names = [q.name for q in dataset_fields(form)]
    records = []
    for i in range(n):
        iv = simulate(form, rng, fixed={"consent": "yes"})
        answers = {k: iv.values.get(k) for k in names}
        status = {k: iv.status_of(k) for k in names}
        records.append((f"iv{i:05d}", f"P{i:05d}", answers, status))
    return Dataset.from_records(form, records)
