"""Fuzz targets shared by the hypothesis tests (tests/fuzz) and the long run (bench/fuzz.py).

Each target owns one parser entry point and one rule from SECURITY.md ("strict parsing with
caps", "all or nothing"): for any input it returns the outcome ("refused", "imported", ...)
or raises ``FuzzFailure`` (a broken rule, e.g. a store changed by a refused input). Any
other exception escaping a target is itself a failure: the user would see a traceback.

Targets hold their fixtures (a key-slot file, a coordinator store and a device key, the
reference form and a store) so thousands of inputs can be tried without rebuilding them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fuzz.mutations import apply_bytes, apply_json

PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"


class FuzzFailure(AssertionError):
    """An input broke a rule (not merely refused): the message says which."""


def _digest(folder: Path) -> dict[str, str]:
    """Bytes of a closed store folder; the empty lock file is excluded (tests/core do the same)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file() and p.name != "store.lock"
    }


def _one_sentence(text: str, what: str) -> None:
    if not text or "\n" in text or "Traceback" in text:
        raise FuzzFailure(f"{what}: the refusal is not one plain sentence: {text!r}")


@contextlib.contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Turn an input that makes a parser hang (a denial of service) into a failure, not a stuck run.

    SIGALRM interrupts pure-Python loops between bytecodes, which is where such hangs live
    (a range over a forged count, a quadratic scan). Outside the main thread it does nothing.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise FuzzFailure(f"{what} took more than {seconds:g} s (a hostile input can stall the app)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: Per input; honest inputs take well under 0.1 s even on a loaded CI machine, and a runaway
#: loop must not have long to fill memory.
INPUT_SECONDS = 5.0


# -- key slots -----------------------------------------------------------------------------------
@contextlib.contextmanager
def cheap_argon2() -> Iterator[None]:
    """Keep mutated KDF costs from making each input take seconds and gigabytes.

    A mutated file may ask for up to 4 GiB of Argon2id memory, which keyslots allows for
    strong real-world settings. Argon2id itself is not under test here, the checks around it
    are: costly parameters still go through Argon2id's own validation (its constructor),
    then a hash stands in for the derivation. Cheap ones derive for real.
    """
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    from fieldapp.crypto import keyslots

    real = keyslots._derive

    def derive(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
        if params["memory_kib"] <= 64 * 1024 and params["iterations"] <= 4 and params["lanes"] <= 8:
            return real(passphrase, salt, params)
        Argon2id(salt=salt, length=32, iterations=int(params["iterations"]), lanes=int(params["lanes"]),
                 memory_cost=int(params["memory_kib"]))
        return hashlib.sha256(repr((passphrase, salt, sorted(params.items()))).encode()).digest()

    keyslots._derive = derive
    try:
        yield
    finally:
        keyslots._derive = real


class KeySlotTarget:
    """``KeySlots.from_bytes`` and ``.unlock`` raise only StoreError / WrongPassphrase."""

    def __init__(self) -> None:
        from fieldapp.crypto.keyslots import FAST_KDF, KeySlots

        slots, self.data_key = KeySlots.new(PASSPHRASE, FAST_KDF)
        self.valid = slots.to_bytes()
        self.doc = json.loads(self.valid)

    def run(self, data: bytes) -> str:
        from fieldapp.crypto.keyslots import KeySlots
        from fieldapp.errors import StoreError, WrongPassphrase

        try:
            slots = KeySlots.from_bytes(data)
        except StoreError as exc:
            _one_sentence(str(exc), "key slots")
            return "refused"
        try:
            with cheap_argon2():
                key = slots.unlock(PASSPHRASE)
        except WrongPassphrase:
            return "wrong passphrase"
        except StoreError as exc:
            _one_sentence(str(exc), "key slots")
            return "refused"
        # What `fieldapp verify` asks of an unlocked file must not break either.
        slots.problems()
        slots.warnings()
        if key != self.data_key:
            raise FuzzFailure("a mutated key-slot file unlocked to a different data key")
        return "unlocked"

    def bytes_input(self, ops: list[tuple]) -> bytes:
        return apply_bytes(self.valid, ops)

    def json_input(self, ops: list[tuple]) -> bytes:
        return json.dumps(apply_json(self.doc, ops)).encode("utf-8")


class KeyFileTarget:
    """``store.keys`` as a whole (two checksummed copies of the slots, a rotation under way):
    mutated bytes are refused with StoreError, or yield this very document, whose keys
    unlock to the data keys it was made with."""

    def __init__(self, folder) -> None:
        from fieldapp.crypto import slotfile
        from fieldapp.crypto.keyslots import FAST_KDF, KeySlots, new_data_key

        slots, self.old_key = KeySlots.new(PASSPHRASE, FAST_KDF)
        self.data_key = new_data_key()
        slots.set_passphrase(self.data_key, PASSPHRASE, FAST_KDF)
        slots.begin_rotation(self.old_key, self.data_key, "passwd")
        self.path = folder / "store.keys"
        slotfile.create(self.path, slots.to_bytes())
        self.valid = self.path.read_bytes()

    def run(self, data: bytes) -> str:
        from fieldapp.crypto import slotfile
        from fieldapp.crypto.keyslots import KeySlots
        from fieldapp.errors import StoreError, WrongPassphrase

        self.path.write_bytes(data)
        try:
            slots = KeySlots.from_bytes(slotfile.read(self.path).document)
            with cheap_argon2():
                key = slots.unlock(PASSPHRASE)
            previous = slots.previous_key(key)
        except WrongPassphrase:
            return "wrong passphrase"
        except StoreError as exc:
            _one_sentence(str(exc), "key file")
            return "refused"
        if (key, previous) != (self.data_key, self.old_key):
            raise FuzzFailure("a mutated key file unlocked to other data keys")
        return "unlocked"

    def bytes_input(self, ops: list[tuple]) -> bytes:
        return apply_bytes(self.valid, ops)


# -- XLSForms ------------------------------------------------------------------------------------
class XLSFormTarget:
    """``read_xlsform`` returns a Form or raises FormErrors whose rows name real sheet rows."""

    def run(self, data: bytes) -> str:
        import io

        import openpyxl

        from fieldapp.errors import FormErrors
        from fieldapp.forms.model import Form
        from fieldapp.forms.xlsform import read_xlsform

        try:
            form = read_xlsform(data, "fuzz")
        except FormErrors as exc:
            if not exc.errors:
                raise FuzzFailure("FormErrors without any FormError") from None
            sizes = _sheet_sizes(openpyxl, io.BytesIO(data))
            for err in exc.errors:
                _one_sentence(str(err), "xlsform")
                if err.row is None and re.search(r"\brows? \d+", err.detail) and not err.sheet:
                    raise FuzzFailure(f"an error names a row in its text but carries no sheet and row: {err}")
                if err.row is not None:
                    if not err.sheet:
                        raise FuzzFailure(f"an error names row {err.row} but no sheet: {err}")
                    rows = sizes.get(err.sheet.strip().lower())
                    if rows is None:
                        raise FuzzFailure(f"an error names sheet {err.sheet!r}, which the workbook lacks: {err}")
                    if not 1 <= err.row <= max(rows, 1):
                        raise FuzzFailure(f"an error names row {err.row} of a {rows}-row sheet: {err}")
            return "refused"
        if not isinstance(form, Form):
            raise FuzzFailure(f"read_xlsform returned {type(form).__name__}")
        # A form that was accepted must survive the store's round trip unchanged.
        from fieldapp.forms.serialize import form_from_json, form_to_json

        if form_from_json(form_to_json(form)) != form:
            raise FuzzFailure("an accepted form does not survive form_to_json/form_from_json")
        return "form"


def _sheet_sizes(openpyxl, stream) -> dict[str, int]:
    try:
        wb = openpyxl.load_workbook(stream, read_only=True)
    except Exception:  # noqa: BLE001 - an unreadable workbook has no rows to check against
        return {}
    try:
        out = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()
            out.setdefault(ws.title.strip().lower(), sum(1 for _ in ws.iter_rows()))
        return out
    finally:
        wb.close()


# -- stores: refuse without a trace, or import completely --------------------------------------
@dataclass
class _StoreBox:
    """A closed store folder with a pristine copy to return to after an input imported."""

    folder: Path
    pristine: Path
    digest: dict[str, str] = field(default_factory=dict)

    @classmethod
    def keep(cls, folder: Path) -> _StoreBox:
        pristine = folder.with_name(folder.name + "-pristine")
        shutil.copytree(folder, pristine)
        return cls(folder, pristine, _digest(folder))

    def unchanged(self) -> bool:
        return _digest(self.folder) == self.digest

    def restore(self) -> None:
        shutil.rmtree(self.folder)
        shutil.copytree(self.pristine, self.folder)


_MERGED_TABLES = ("interviews", "answers", "imports", "devices", "conflicts", "interview_history",
                  "expected_devices", "retired_keys")


def _tables(folder: Path) -> tuple:
    from fieldapp.store import Store

    with Store.open(folder, PASSPHRASE) as s, s.reading() as conn:
        merged = tuple(sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in _MERGED_TABLES)
        audit = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY seq")]
    return merged, audit


def _only_forgery_audited(folder: Path, pristine: Path) -> str:
    """'' when ``folder`` differs from ``pristine`` by one forgery audit entry only."""
    (merged, audit), (merged0, audit0) = _tables(folder), _tables(pristine)
    if merged != merged0:
        return "merged tables differ"
    if audit[:len(audit0)] != audit0 or audit[len(audit0):] != ["exchange.refused_forgery"]:
        return f"audit entries {audit[len(audit0):]}"
    return ""


def _verified(store, what: str) -> None:
    problems = store.verify()
    if problems:
        raise FuzzFailure(f"{what} left the store unsound: {problems}")


class PaperTarget:
    """Paper-import files against the reference form: all rows or none, a refusal changes nothing."""

    FORM_ID = "escapee_survey_2017"

    def __init__(self, root: Path, rows: int = 3, seed: int = 7) -> None:
        from fieldapp.engine.simulate import paper_row, simulate
        from fieldapp.forms.xlsform import read_xlsform
        from fieldapp.resources import reference_questionnaire
        from fieldapp.store import Store
        from fieldapp.store.forms import add_form

        self.root = Path(root)
        self.form = read_xlsform(reference_questionnaire())
        folder = self.root / "paper-store"
        with Store.create(folder, PASSPHRASE, "coordinator") as s:
            add_form(s, self.form)
        self.box = _StoreBox.keep(folder)
        rng = random.Random(seed)
        self.rows = [paper_row(simulate(self.form, rng, fixed={"consent": "yes"})) for _ in range(rows)]
        self.header = list(self.rows[0])
        self.n = 0

    def run(self, name: str, data: bytes) -> str:
        from fieldapp.errors import UserFacingError
        from fieldapp.store import Store
        from fieldapp.store.paper import import_responses

        self.n += 1
        path = self.root / "files" / f"{self.n}-{name}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        outcome = None
        try:
            with Store.open(self.box.folder, PASSPHRASE) as s:
                try:
                    done = import_responses(s, self.FORM_ID, path)
                except UserFacingError as exc:
                    # Row problems quote column headers, which may hold any text: only the
                    # lead-in must be plain, and no traceback may reach the user.
                    if not str(exc).startswith(path.name) or "Traceback" in str(exc):
                        raise FuzzFailure(f"a paper refusal does not name the file: {exc}") from None
                    outcome = "refused"
                else:
                    rows = s.conn.execute("SELECT count(*) FROM interviews WHERE source = 'paper'").fetchone()[0]
                    if rows != done.imported:
                        raise FuzzFailure(f"{done.imported} rows reported imported but {rows} stored")
                    _verified(s, "a paper import")
                    outcome = "imported"
        finally:
            path.unlink()
            if outcome != "refused":
                self.box.restore()  # imported, or failed half-way: the next input starts clean
        if not self.box.unchanged():
            self.box.restore()
            raise FuzzFailure(f"a refused paper file ({name}) changed the store's files")
        return outcome


# -- bundles ------------------------------------------------------------------------------------
class BundleTarget:
    """Mutated bundles: refused with one sentence and the coordinator store byte-identical, or imported.

    Inputs are made at four depths, so mutations get past the layers in front of a parser:

    - ``outer``: the age file as found on the stick (decryption refuses almost all);
    - ``inner``: the plaintext, mutated, re-encrypted to the coordinator (signature and
      payload hash refuse);
    - ``manifest``: the manifest bytes mutated and re-signed with the device's real key
      (reaches the strict JSON and manifest checks);
    - ``records``: manifest fields and records mutated as JSON, then encoded, hashed and
      signed like a real export (reaches record checks, form checks and the merge).
    """

    def __init__(self, root: Path, interviews: int = 3) -> None:
        from fieldapp.crypto import age
        from fieldapp.crypto.projectkey import load_project_key
        from fieldapp.exchange import bundle
        from fieldapp.exchange.export import export_bundle
        from fieldapp.exchange.keys import (
            coordinator_keys,
            device_words,
            project_key_file,
        )
        from tests.core.test_exchange_support import add_interviews, key_words, make_form, new_store

        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        form = make_form(self.root)
        coord = self.root / "coord"
        with new_store(coord, "coordinator", form) as c:
            with c.reading() as conn:
                project_key = project_key_file(conn)
                identity = coordinator_keys(conn).enc_identity
        self.stick = self.root / "stick"
        self.stick.mkdir()
        with new_store(self.root / "dev", "interviewer", form) as d:
            add_interviews(d, interviews, seed=3)
            path = export_bundle(d, self.stick, project_key, words=key_words(project_key)).path
            self.key = d.device_key()
        #: the laptop's fingerprint words, as the coordinator confirmed them
        self.words = device_words(self.key.public)
        self.valid = path.read_bytes()
        path.unlink()
        self.recipients = list(load_project_key(project_key).recipients)
        self.inner = age.decrypt(self.valid, [identity], max_size=bundle.MAX_INNER)
        pre = bundle.parse_prefix(self.inner)
        self.manifest_bytes = pre.manifest_bytes
        self.manifest = json.loads(pre.manifest_bytes)
        payload = bundle.split_payload(self.manifest, pre.rest)
        self.records = bundle.parse_records(self.manifest, payload)
        self.payload = payload
        self.box = _StoreBox.keep(coord)
        self.n = 0

    # input makers
    def _seal(self, inner: bytes) -> bytes:
        from fieldapp.crypto import age

        return age.encrypt(inner, self.recipients)

    def _sign(self, m: bytes) -> bytes:
        from fieldapp.exchange import bundle

        return self.key.sign(bundle.SIGN_CONTEXT, m)

    def outer_input(self, ops: list[tuple]) -> bytes:
        return apply_bytes(self.valid, ops)

    def inner_input(self, ops: list[tuple]) -> bytes:
        return self._seal(apply_bytes(self.inner, ops))

    def manifest_input(self, ops: list[tuple]) -> bytes:
        from fieldapp.exchange import bundle

        body = apply_bytes(self.manifest_bytes, ops)
        padding = self.manifest["padding_length"]
        return self._seal(bundle.assemble(body, self.payload, padding, self._sign, self.key.public))

    def records_input(self, manifest_ops: list[tuple], record_ops: list[tuple],
                      max_seq: int | None = None) -> bytes:
        """Records and manifest fields mutated as JSON, then hashed and signed honestly.

        ``max_seq`` caps a mutated sequence number (a workaround while the importer walks every
        number up to it; see test_fuzz_bundles.test_a_huge_sequence_number_does_not_stall_the_import).
        """
        from fieldapp.exchange import bundle

        records = apply_json(self.records, record_ops)
        lines, entries = [], []
        for rec in records if isinstance(records, list) else [records]:
            line = bundle.canonical(rec)
            lines.append(line + b"\n")
            head = rec if isinstance(rec, dict) else {}
            entries.append({"id": head.get("id"), "revision": head.get("revision"),
                            "sha256": bundle.sha256_hex(line)})
        payload = b"".join(lines)
        manifest = dict(self.manifest, records=entries, payload_sha256=bundle.sha256_hex(payload),
                        payload_length=len(payload))
        manifest = apply_json(manifest, manifest_ops)
        if (max_seq is not None and isinstance(manifest, dict) and isinstance(manifest.get("seq"), int)
                and manifest["seq"] > max_seq):
            manifest["seq"] = max_seq
        body = bundle.canonical(manifest)
        used = bundle.PREFIX.size + len(body) + len(payload)
        padding = manifest.get("padding_length") if isinstance(manifest, dict) else 0
        # An honest writer pads to the bucket; a mutated padding_length is kept as the lie it is.
        if not isinstance(padding, int) or isinstance(padding, bool) or not 0 <= padding <= 1 << 20:
            padding = bundle.bucket_size(used) - used
        return self._seal(bundle.assemble(body, payload, padding, self._sign, self.key.public))

    def run(self, data: bytes, trust: bool = True) -> str:
        from fieldapp.errors import BundleError
        from fieldapp.exchange.importer import FORGERY_CODES, import_bundle, raise_if_refused
        from fieldapp.messages import free_text
        from fieldapp.store import Store

        self.n += 1
        path = self.stick / f"fuzz-{self.n}.fab"
        path.write_bytes(data)
        report = None
        try:
            with Store.open(self.box.folder, PASSPHRASE) as s:
                with time_limit(INPUT_SECONDS, "importing one bundle"):
                    report = import_bundle(s, path, trust=[self.words] if trust else (), write_receipts=False)
                if report.ok:
                    _verified(s, "an imported bundle")
        finally:
            path.unlink()
            if report is None or report.outcome == "imported":
                # Whatever happened, the next input starts from the pristine store.
                self.box.restore()
        if not report.ok:
            try:
                raise_if_refused(report)
            except BundleError as exc:
                text = str(exc)
                if exc.code != "bundle.refused" or free_text(exc.message):
                    raise FuzzFailure(f"a bundle refusal without a message code: {text!r}") from None
            else:
                raise FuzzFailure("a refused report did not raise BundleError")
            _one_sentence(text, "bundle")
            if not (text.startswith(path.name) and text.endswith("nothing was imported.")
                    and text.count(". ") == 0):
                raise FuzzFailure(f"a bundle refusal is not one sentence naming the file: {text!r}")
            if report.reason.params["reason"].code in FORGERY_CODES:
                # a forgery's refusal writes one audit entry and nothing else (issue #17)
                problem = _only_forgery_audited(self.box.folder, self.box.pristine)
                self.box.restore()
                if problem:
                    raise FuzzFailure(f"a refused forgery changed the coordinator store: {problem} ({text})")
            elif not self.box.unchanged():
                self.box.restore()
                raise FuzzFailure(f"a refused bundle changed the coordinator store ({text})")
            return "refused"
        if report.outcome != "imported" and not self.box.unchanged():
            self.box.restore()
            raise FuzzFailure(f"a bundle with outcome {report.outcome!r} changed the store")
        return report.outcome


    def run_batch(self, inputs, check_every: int = 500):
        """The long run: one open store for many inputs (bench/fuzz.py); yields (label, outcome|error).

        Opening the store per input costs more than most inputs do, so a refusal is checked
        here by the connection's change counter (any INSERT/UPDATE/DELETE moves it), and the
        byte-for-byte comparison of the closed store runs every ``check_every`` inputs and at
        the end. An input that imports is followed by a restore of the pristine store.
        """
        from fieldapp.exchange.importer import import_bundle
        from fieldapp.messages import free_text
        from fieldapp.store import Store

        path = self.stick / "fuzz-batch.fab"
        store = Store.open(self.box.folder, PASSPHRASE)
        since_check = 0
        try:
            for label, data in inputs:
                path.write_bytes(data)
                before = store.conn.total_changes
                try:
                    with time_limit(INPUT_SECONDS, "importing one bundle"):
                        report = import_bundle(store, path, trust=[self.words], write_receipts=False)
                    if report.ok:
                        outcome = report.outcome
                    else:
                        _one_sentence(str(report.reason), "bundle")
                        if report.reason is None or free_text(report.reason):
                            raise FuzzFailure(f"a refusal without a message code: {report.reason}")
                        if store.conn.total_changes != before:
                            raise FuzzFailure(f"a refused bundle wrote to the store ({report.reason})")
                        outcome = "refused"
                    if report.outcome == "imported":
                        _verified(store, "an imported bundle")
                except Exception as exc:  # noqa: BLE001 - reported as a failure with its input
                    outcome = exc
                since_check += 1
                imported = not isinstance(outcome, Exception) and outcome == "imported"
                if imported or isinstance(outcome, Exception) or since_check >= check_every:
                    store.close()
                    if imported or isinstance(outcome, Exception):
                        self.box.restore()
                    elif not self.box.unchanged():
                        outcome = FuzzFailure("the store's files changed during refused inputs")
                        self.box.restore()
                    store = Store.open(self.box.folder, PASSPHRASE)
                    since_check = 0
                yield label, outcome
        finally:
            store.close()
            path.unlink(missing_ok=True)
        if not self.box.unchanged():
            self.box.restore()
            yield "final check", FuzzFailure("the store's files changed during refused inputs")


def first_failure(target_run, inputs: Iterator[tuple[str, Any]]) -> tuple[int, dict[str, int], list[dict]]:
    """Run ``inputs`` ((label, args)) through ``target_run``: (count, outcomes, failures)."""
    outcomes: dict[str, int] = {}
    failures: list[dict] = []
    n = 0
    for label, args in inputs:
        n += 1
        try:
            outcome = target_run(*args)
        except Exception as exc:  # noqa: BLE001 - every escaping exception is a finding to report
            failures.append({"input": label, "error": f"{type(exc).__name__}: {exc}"[:500]})
            outcome = "FAILED"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return n, outcomes, failures
