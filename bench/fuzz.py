"""The long fuzz run (issue 7): >= 10,000 mutated bundles, key-slot files, XLSForms and paper files.

Every input must give a clear refusal or a correct result: no traceback, no partial write.
The run reports the inputs tried per target, the outcomes, and the failures (must be 0),
each with the replayable mutation that caused it. The targets are those of tests/fuzz
(tests/fuzz/targets.py), fed from a seeded random generator instead of hypothesis.

Two atheris (libFuzzer, coverage-guided) runs follow, each in its own process since
atheris ends the process when done: the key-slot parser and the inner bundle parser.

Baseline: ``json.loads`` on the same inputs, in the same run (inputs per second), to show
what the strict parsing, decryption and store checks cost over a bare parse.

Sizes: FIELDAPP_BENCH_FUZZ_BUNDLES (10000), FIELDAPP_BENCH_FUZZ_ATHERIS_RUNS (20000 each).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import budget

ROOT = Path(__file__).resolve().parents[1]
BUNDLES = int(os.environ.get("FIELDAPP_BENCH_FUZZ_BUNDLES", "10000"))
KEYSLOTS = int(os.environ.get("FIELDAPP_BENCH_FUZZ_KEYSLOTS", "5000"))
XLSFORMS = int(os.environ.get("FIELDAPP_BENCH_FUZZ_XLSFORMS", "1000"))
PAPER = int(os.environ.get("FIELDAPP_BENCH_FUZZ_PAPER", "300"))
ATHERIS_RUNS = int(os.environ.get("FIELDAPP_BENCH_FUZZ_ATHERIS_RUNS", "20000"))
MAX_LISTED = 20


def _baseline(inputs: list[bytes]) -> float:
    """json.loads inputs per second on the same bytes (errors are the common case, as here)."""
    start = time.perf_counter()
    for data in inputs:
        try:
            json.loads(data)
        except (ValueError, UnicodeDecodeError):
            pass
    return len(inputs) / max(time.perf_counter() - start, 1e-9)


def _tally(results, sample: list[bytes] | None = None) -> dict:
    outcomes: dict[str, int] = {}
    failures: list[dict] = []
    n = 0
    start = time.perf_counter()
    for label, outcome in results:
        n += 1
        if isinstance(outcome, BaseException):
            failures.append({"input": label, "error": f"{type(outcome).__name__}: {outcome}"[:400]})
            outcome = "FAILED"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    seconds = time.perf_counter() - start
    out = {"inputs": n, "outcomes": outcomes, "failures": len(failures), "failed_inputs": failures[:MAX_LISTED],
           "seconds": round(seconds, 1), "inputs_per_second": round(n / max(seconds, 1e-9), 1)}
    if sample:
        base = _baseline(sample)
        out["baseline_json_loads_per_second"] = round(base, 1)
        out["slowdown_vs_json_loads"] = round(base / max(out["inputs_per_second"], 1e-9), 1)
    return out


def _guarded(run, label, *args):
    try:
        return label, run(*args)
    except Exception as exc:  # noqa: BLE001 - every escaping exception is a failure to report
        return label, exc


# -- bundles ------------------------------------------------------------------------------------
def bundle_inputs(target, rng: random.Random, n: int, sample: list[bytes]):
    from tests.fuzz.mutations import random_byte_ops, random_json_ops
    from tests.fuzz.test_fuzz_bundles import MANIFEST_KEYS, RECORD_KEYS, SEQ_WORKAROUND

    for i in range(n):
        depth = rng.choices(("outer", "inner", "manifest", "records"), (35, 25, 20, 20))[0]
        if depth == "outer":
            ops = random_byte_ops(rng, len(target.valid))
            label, make = f"outer {ops!r}", lambda ops=ops: target.outer_input(ops)
        elif depth == "inner":
            ops = random_byte_ops(rng, len(target.inner))
            label, make = f"inner {ops!r}", lambda ops=ops: target.inner_input(ops)
        elif depth == "manifest":
            ops = random_byte_ops(rng, len(target.manifest_bytes))
            label, make = f"manifest {ops!r}", lambda ops=ops: target.manifest_input(ops)
        else:
            m_ops = random_json_ops(rng, MANIFEST_KEYS, 2) if rng.random() < 0.5 else []
            r_ops = random_json_ops(rng, RECORD_KEYS)
            label = f"records {m_ops!r} {r_ops!r}"

            def make(m=m_ops, r=r_ops):
                return target.records_input(m, r, max_seq=SEQ_WORKAROUND)
        try:
            data = make()
        except ValueError:  # the mutation made a record contain itself: not encodable, not an input
            continue
        if i < 2000:
            sample.append(data)
        yield label[:600], data


def run_bundles(tmp: Path, seed: int) -> dict:
    from tests.fuzz.targets import BundleTarget

    target = BundleTarget(tmp / "bundles")
    sample: list[bytes] = []
    rng = random.Random(seed)
    # The unmodified bundle first: it must import (the harness would hide a target that refuses all).
    first = [("unmodified", target.valid)]
    results = target.run_batch(iter(first + list(bundle_inputs(target, rng, BUNDLES, sample))))
    out = _tally(results, sample)
    out["unmodified_imported"] = out["outcomes"].get("imported", 0) >= 1
    from tests.fuzz.test_fuzz_bundles import SEQ_WORKAROUND

    # Visible in the report: while set, forged sequence numbers above it are not tried.
    out["seq_cap_workaround"] = SEQ_WORKAROUND
    return out


# -- key slots, xlsforms, paper files -----------------------------------------------------------
def run_keyslots(seed: int) -> dict:
    from tests.fuzz.mutations import random_byte_ops, random_json_ops
    from tests.fuzz.targets import KeySlotTarget
    from tests.fuzz.test_fuzz_keyslots import SLOT_KEYS

    target = KeySlotTarget()
    rng = random.Random(seed)
    sample = []

    def inputs():
        for _ in range(KEYSLOTS):
            if rng.random() < 0.5:
                ops = random_byte_ops(rng, len(target.valid))
                data, label = target.bytes_input(ops), f"bytes {ops!r}"
            else:
                ops = random_json_ops(rng, SLOT_KEYS)
                data, label = target.json_input(ops), f"json {ops!r}"
            sample.append(data)
            yield _guarded(target.run, label[:600], data)

    out = _tally(inputs())
    base = _baseline(sample)
    out["baseline_json_loads_per_second"] = round(base, 1)
    out["slowdown_vs_json_loads"] = round(base / max(out["inputs_per_second"], 1e-9), 1)
    return out


def run_xlsforms(tmp: Path, seed: int) -> dict:
    from hypothesis import HealthCheck, given, settings
    from tests.fuzz.mutations import apply_bytes, random_byte_ops
    from tests.fuzz.strategies import workbooks
    from tests.fuzz.targets import XLSFormTarget
    from tests.fuzz.test_fuzz_xlsform import VALID_CHOICES, VALID_SURVEY, to_xlsx
    from tests.xlsform_builder import write_xlsform

    target = XLSFormTarget()
    valid = write_xlsform(tmp / "valid.xlsx", VALID_SURVEY, VALID_CHOICES, {"form_id": "fz", "version": "1"}).read_bytes()
    rng = random.Random(seed)
    results = []
    start = time.perf_counter()
    half = XLSFORMS // 2
    for _ in range(half):
        ops = random_byte_ops(rng, len(valid))
        results.append(_guarded(target.run, f"bytes {ops!r}"[:600], apply_bytes(valid, ops)))

    # Random sheets come from the hypothesis strategy; failures are collected, not raised,
    # so one finding does not stop the run.
    @settings(max_examples=XLSFORMS - half, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(workbooks())
    def sheets(s):
        results.append(_guarded(target.run, f"sheets {s!r}"[:600], to_xlsx(s)))

    sheets()
    seconds = time.perf_counter() - start
    out = _tally(iter(results))
    out.update(seconds=round(seconds, 1), inputs_per_second=round(len(results) / seconds, 1))
    return out


def run_paper(tmp: Path, seed: int) -> dict:
    from tests.fuzz.mutations import apply_bytes, random_byte_ops
    from tests.fuzz.targets import PaperTarget
    from tests.fuzz.test_fuzz_paper import to_csv, to_xlsx

    target = PaperTarget(tmp / "paper")
    header = target.header
    rows = [[r[h] for h in header] for r in target.rows]
    csv_bytes, xlsx_bytes = to_csv(header, rows), to_xlsx(header, rows)
    rng = random.Random(seed)
    hostile = ["", "yes", "-1", "1e400", "NaN", "2024-13-45", "a b", "ä" * 300, "\u202e", "99999999999999999999"]

    def inputs():
        yield _guarded(target.run, "unmodified csv", "ok.csv", csv_bytes)
        for _ in range(PAPER):
            if rng.random() < 0.5:
                new_rows = [list(r) for r in rows]
                cells = []
                for _ in range(rng.randint(1, 4)):
                    r, c = rng.randrange(len(new_rows)), rng.randrange(len(header))
                    new_rows[r][c] = rng.choice(hostile)
                    cells.append((r, header[c], new_rows[r][c]))
                fmt = rng.choice(("csv", "xlsx"))
                data = to_csv(header, new_rows) if fmt == "csv" else to_xlsx(header, new_rows)
                yield _guarded(target.run, f"cells {fmt} {cells!r}"[:600], f"c.{fmt}", data)
            else:
                fmt = rng.choice(("csv", "csv", "xlsx"))
                ops = random_byte_ops(rng, len(csv_bytes))
                data = apply_bytes(csv_bytes if fmt == "csv" else xlsx_bytes, ops)
                yield _guarded(target.run, f"bytes {fmt} {ops!r}"[:600], f"b.{fmt}", data)

    return _tally(inputs())


# -- atheris ------------------------------------------------------------------------------------
def _atheris_keyslots(data: bytes) -> None:
    from tests.fuzz.targets import PASSPHRASE, cheap_argon2

    from fieldapp.crypto.keyslots import KeySlots
    from fieldapp.errors import StoreError, WrongPassphrase

    try:
        slots = KeySlots.from_bytes(data)
        with cheap_argon2():
            slots.unlock(PASSPHRASE)
        slots.problems()
        slots.warnings()
    except (StoreError, WrongPassphrase):
        pass


def _atheris_bundle(data: bytes) -> None:
    from fieldapp.exchange import bundle

    try:
        pre = bundle.parse_prefix(data)
        manifest = bundle.parse_manifest(pre.manifest_bytes)
        records = bundle.parse_records(manifest, bundle.split_payload(manifest, pre.rest))
        for rec in records:
            bundle.record_content(rec)
    except bundle.BundleFormatError:
        pass


def _atheris_seed(which: str, corpus: Path) -> None:
    """Seed inputs: a valid key-slot file / a valid inner bundle with no padding (small)."""
    corpus.mkdir(parents=True, exist_ok=True)
    if which == "keyslots":
        from tests.fuzz.targets import PASSPHRASE

        from fieldapp.crypto.keyslots import FAST_KDF, KeySlots

        (corpus / "valid").write_bytes(KeySlots.new(PASSPHRASE, FAST_KDF)[0].to_bytes())
        return
    from fieldapp.crypto import signing
    from fieldapp.exchange import bundle

    priv, pub = signing.generate_signing_key()
    rec = {"id": "ab" * 16, "revision": 1, "form_id": "xch", "form_version": "1", "pseudonym": "P-1",
           "language": "en", "started_at": "2024-06-01T10:00:00Z", "finalized_at": "2024-06-01T11:00:00Z",
           "answers": {"age": [31, "answered"], "notes": [None, "missing"]}}
    payload, entries = bundle.encode_records([rec])
    manifest = {"format": bundle.FORMAT, "bundle_id": "cd" * 16, "device_id": "0123456789abcdef",
                "signer": pub.hex(), "project_id": "11" * 16, "seq": 1, "prev": "",
                "recipients": ["22" * 32], "created": "2024-06-01",
                "forms": [{"form_id": "xch", "version": "1", "definition_sha256": "44" * 32, "source_sha256": ""}],
                "records": entries, "payload_sha256": bundle.sha256_hex(payload),
                "payload_length": len(payload), "padding_length": 0}
    inner = bundle.assemble(bundle.canonical(manifest), payload, 0,
                            lambda m: signing.sign(priv, bundle.SIGN_CONTEXT, m), pub)
    _atheris_bundle(inner)  # the seed itself must parse
    (corpus / "valid").write_bytes(inner)


def atheris_child(which: str, args: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        from fieldapp.crypto import keyslots  # noqa: F401
        from fieldapp.exchange import bundle  # noqa: F401
    fn = _atheris_keyslots if which == "keyslots" else _atheris_bundle
    atheris.Setup([sys.argv[0], *args], fn)
    atheris.Fuzz()


def run_atheris(which: str, tmp: Path) -> dict:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return {"skipped": "atheris is not installed (pip install atheris into the venv)"}
    corpus = tmp / f"corpus-{which}"
    _atheris_seed(which, corpus)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
               FIELDAPP_INSECURE_FAST_KDF="1")
    max_len = 4096 if which == "keyslots" else 16384
    cmd = [sys.executable, "-m", "bench.fuzz", "--atheris", which, f"-runs={ATHERIS_RUNS}",
           f"-max_len={max_len}", f"-artifact_prefix={tmp}/crash-{which}-", str(corpus)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - start
    done = re.search(r"Done (\d+) runs", proc.stderr)
    runs = int(done.group(1)) if done else None
    crashed = proc.returncode != 0
    out = {"runs": runs, "failures": int(crashed), "seconds": round(seconds, 1),
           "inputs_per_second": round(runs / seconds, 1) if runs else None}
    if crashed:
        tail = [ln for ln in proc.stderr.splitlines() if ln.strip()][-12:]
        out["crash"] = "\n".join(tail)[-1500:]
    return out


def main() -> dict:
    os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"  # store unlock cost is store_upsert's business
    seed = int(os.environ.get("FIELDAPP_BENCH_FUZZ_SEED", random.randrange(1 << 30)))
    result: dict = {"benchmark": "fuzz", "seed": seed}
    with tempfile.TemporaryDirectory(prefix="fieldapp-fuzz-") as tmp:
        tmp_path = Path(tmp)
        result["bundles"] = run_bundles(tmp_path, seed)
        result["keyslots"] = run_keyslots(seed)
        result["xlsforms"] = run_xlsforms(tmp_path, seed)
        result["paper"] = run_paper(tmp_path, seed)
        result["atheris_keyslots"] = run_atheris("keyslots", tmp_path)
        result["atheris_bundle_parser"] = run_atheris("bundle", tmp_path)
    parts = [v for v in result.values() if isinstance(v, dict)]
    tried = sum(p.get("inputs") or p.get("runs") or 0 for p in parts)
    failures = sum(p.get("failures", 0) for p in parts)
    result["inputs_tried"] = tried
    result["failures"] = failures
    result["budgets"] = [
        budget("fuzz failures (must be 0)", failures, 0),
        {"name": "bundle inputs tried", "value": result["bundles"]["inputs"], "limit": ">= 10000",
         "ok": result["bundles"]["inputs"] >= 10_000},
    ]
    return result


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--atheris":
        sys.path.insert(0, str(ROOT))
        atheris_child(sys.argv[2], sys.argv[3:])
    else:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(main(), indent=2, ensure_ascii=False))
