"""Every frozen bundle of a past format version still imports with today's code.

tests/vectors/bundles/<format>/ holds a coordinator store, the form and one bundle made by
the code of that format version (make_bundle.py there, run once). Today's importer must
accept the bundle, merge exactly the interviews it carries, and recognise it again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fieldapp.exchange import bundle
from fieldapp.ops import exchange as ops
from fieldapp.store import Store

FROZEN = Path(__file__).resolve().parents[1] / "vectors" / "bundles"
PASSPHRASE = "frozen-vector-store-passphrase-not-secret"
VERSIONS = sorted(p.name for p in FROZEN.glob("fieldapp-bundle-*") if p.is_dir())

#: What the interviews of each frozen bundle hold: (field -> value) per interview, answered
#: fields only, in the order they were finalized.
EXPECTED = {
    "fieldapp-bundle-1": [
        {"consent": "yes", "age": 44, "heard": "radio tv", "score": 7.5, "notes": "frozen 금강산",
         "adult": "yes"},
        {"consent": "yes", "age": 19, "adult": "yes"},
        {"consent": "no", "adult": "no"},
    ],
}
# Format 2 (repeats) was frozen before format 3 (media) with the same three interviews.
EXPECTED["fieldapp-bundle-2"] = EXPECTED["fieldapp-bundle-1"]


def test_the_current_format_has_a_frozen_bundle_or_is_the_first():
    assert "fieldapp-bundle-1" in VERSIONS
    assert set(EXPECTED) == set(VERSIONS)
    number = int(bundle.FORMAT.rsplit("/", 1)[1])
    # every format before the current one is frozen (the current one is frozen before the next)
    assert all(f"fieldapp-bundle-{n}" in VERSIONS for n in range(1, number))


def _answered(store: Store) -> list[dict]:
    with store.reading() as conn:
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM interviews WHERE status = 'final' ORDER BY finalized_at, id")]
        out = []
        for iid in ids:
            rows = conn.execute("SELECT field, value FROM answers WHERE interview_id = ? "
                                "AND status = 'answered'", (iid,)).fetchall()
            out.append({f: json.loads(v) for f, v in rows})
    return out


@pytest.mark.parametrize("version", VERSIONS)
def test_frozen_bundle_imports_with_todays_code(tmp_path, version):
    folder = FROZEN / version
    frozen_files = sorted(p.name for p in folder.iterdir())
    path = tmp_path / "coordinator"
    shutil.copytree(folder / "coordinator", path)
    _private(path)
    # A copy: the merge writes its receipt beside the bundle, never into the frozen folder.
    fab = tmp_path / "bundle.fab"
    shutil.copyfile(folder / "bundle.fab", fab)
    with Store.open(path, PASSPHRASE) as store:
        # its laptop is new here: refused until the coordinator gives the words it reads out
        [unknown] = ops.merge_bundles(store, [fab])
        assert unknown.outcome == "refused" and unknown.device_words in str(unknown.reason)
        reports = ops.merge_bundles(store, [fab], trust=[unknown.device_words])
        assert reports[0].ok, reports[0].summary()
        assert (reports[0].new, reports[0].duplicate) == (3, 0)
        held = _answered(store)
        assert sorted(held, key=json.dumps) == sorted(EXPECTED[version], key=json.dumps)
        assert store.verify() == []
        # the same bundle again changes nothing
        again = ops.merge_bundles(store, [fab])
        assert again[0].outcome == "already imported"
        assert _answered(store) == held
    assert sorted(p.name for p in folder.iterdir()) == frozen_files


def _private(folder: Path) -> None:
    """Git keeps no file modes but the executable bit: a store's files are 0600 wherever the
    store was made, as they are for a user restoring it from a backup."""
    for f in folder.iterdir():
        f.chmod(0o600)
