"""Memory of refusing an outsider's 1 GiB bundle, against refusing a 64 KiB one (issue #17).

The attack run found that a bundle signed by a key the coordinator never saw cost 3.2 GB of
RAM for 1 GiB on disk: it was decrypted whole before its signer was looked at. Now the
importer decrypts only its head (prefix and manifest, ``bundle.head_length``) and refuses it.

Each measurement is the peak resident size (``ru_maxrss``) of its own child process, which
opens the same coordinator store and does one thing:

* ``refuse_big``: ``import_bundles`` of an outsider bundle of ``FIELDAPP_BENCH_OUTSIDER_MB``
  MB (default 1024), refused as "not trusted here yet";
* ``refuse_small`` (the baseline): the same refusal of a 64 KiB outsider bundle: the same code,
  imports and store, so the difference is what the size of the file costs;
* ``decrypt_big`` (for scale): ``age.decrypt_path`` of the whole big bundle, what the importer
  used to do first.

Budget: ``refuse_big`` at most 16 MiB above ``refuse_small`` (the head is at most 4 MiB of
manifest plus 108 bytes), i.e. bounded whatever the file's size. The bundle is one valid
signed head followed by zero padding (no answers), encrypted to the store's two recipients.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import budget

PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
MB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[1]
SLACK_MB = 16


def _coordinator(folder: Path):
    """A coordinator store (cheap KDF: Argon2id's 256 MiB would hide what is measured)."""
    from fieldapp.crypto.keyslots import FAST_KDF
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.store import Store
    from fieldapp.store.keys import project_key_file

    with Store.create(folder, PASSPHRASE, "coordinator", kdf=FAST_KDF) as store, store.reading() as conn:
        return load_project_key(project_key_file(conn))


def _outsider_bundle(path: Path, pk, size: int) -> None:
    """A signed head from a key nobody trusts, padded with zeros to ``size``, age-encrypted
    as a stream (neither the plaintext nor the file is ever held in memory here)."""
    import pyrage
    from pyrage import x25519

    from fieldapp.crypto import signing
    from fieldapp.exchange import bundle
    from fieldapp.exchange.keys import recipient_fingerprint

    private, public = signing.generate_signing_key()
    manifest = bundle.canonical({
        "format": bundle.FORMAT, "bundle_id": "ab" * 16, "device_id": "0123456789abcdef",
        "signer": public.hex(), "project_id": pk.project_id, "seq": 1, "prev": "",
        "recipients": [recipient_fingerprint(r) for r in pk.recipients],
        "created": "2026-12-01", "forms": [], "records": [{"id": "cd" * 16, "revision": 1, "sha256": "00" * 32}],
        "payload_sha256": bundle.sha256_hex(b""),
        "payload_length": 0, "padding_length": size,
        "media": [], "media_length": 0})  # format 3 (issue #16): no media, all padding
    head = bundle.assemble(manifest, b"", 0, lambda m: signing.sign(private, bundle.SIGN_CONTEXT, m), public)
    plain = path.with_suffix(".plain")
    with open(plain, "wb") as fh:
        fh.write(head)
        fh.truncate(max(size, len(head)))  # zeros, written sparse
    with open(plain, "rb") as src, open(path, "wb") as dst:
        pyrage.encrypt_io(src, dst, [x25519.Recipient.from_str(r) for r in pk.recipients])
    plain.unlink()


def _child(mode: str, store_dir: str, bundle_path: str) -> None:
    import resource

    from fieldapp.store import Store

    t = time.perf_counter()
    with Store.open(Path(store_dir), PASSPHRASE) as store:
        if mode == "decrypt":
            from fieldapp.crypto import age
            from fieldapp.exchange import bundle
            from fieldapp.store.keys import coordinator_keys

            with store.reading() as conn:
                identities = coordinator_keys(conn).identities
            n = len(age.decrypt_path(bundle_path, identities, max_size=bundle.MAX_INNER))
            outcome = f"decrypted {n} bytes"
        else:
            from fieldapp.exchange.importer import import_bundles

            [report] = import_bundles(store, [Path(bundle_path)])
            assert report.outcome == "refused" and "not trusted here yet" in str(report.reason), report.reason
            outcome = "refused"
    seconds = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB
    print(json.dumps({"peak_mb": round(peak_kb / 1024, 1), "seconds": round(seconds, 3), "outcome": outcome}))


def _measure(mode: str, store_dir: Path, bundle_path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    done = subprocess.run([sys.executable, "-c", "import sys; from bench.outsider import _child; _child(*sys.argv[1:])",
                           mode, str(store_dir), str(bundle_path)],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{mode} child failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> dict:
    size_mb = int(os.environ.get("FIELDAPP_BENCH_OUTSIDER_MB", "1024"))
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-outsider-") as tmp:
        root = Path(tmp)
        pk = _coordinator(root / "coord")
        small, big = root / "small.fab", root / "big.fab"
        _outsider_bundle(small, pk, 64 * 1024)
        _outsider_bundle(big, pk, size_mb * MB)
        big_mb = round(big.stat().st_size / MB, 1)
        baseline = _measure("refuse", root / "coord", small)
        refused = _measure("refuse", root / "coord", big)
        whole = _measure("decrypt", root / "coord", big)
    extra = refused["peak_mb"] - baseline["peak_mb"]
    return {
        "bundle_mb": big_mb,
        "refuse_big": refused,
        "baseline_refuse_small": baseline,
        "decrypt_big_for_scale": whole,
        "extra_peak_mb": round(extra, 1),
        "ratio_peak_vs_baseline": round(refused["peak_mb"] / baseline["peak_mb"], 3),
        "budgets": [budget(f"refusing a {big_mb:.0f} MB outsider bundle costs at most {SLACK_MB} MB "
                           "more peak memory than refusing a 64 KiB one", extra, SLACK_MB)],
    }


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
