"""The key slots: the store's random data key, wrapped for each way of unlocking it.

The document (JSON, held in the in-place key file ``store.keys``, fieldapp.crypto.slotfile;
it holds no secret in the clear)::

    {"format": "fieldapp-keyslots", "version": 2, "store_id": "<32 hex>",
     "slots": [{"id": 0, "type": "passphrase", "kdf": "argon2id", "salt": b64,
                "iterations": 3, "memory_kib": 262144, "lanes": 4,
                "nonce": b64, "wrapped": b64},
               {"id": 1, "type": "escrow", "recipients": [...], "sealed": b64}],
     "rotation": {"reason": "passwd", "nonce": b64, "wrapped": b64}}   (only mid-rotation)

Slot 0 wraps the data key with ChaCha20-Poly1305 under a key derived from the passphrase,
in Unicode NFC, by Argon2id. The AEAD's associated data binds the magic, the version, the
store id and the slot id, so a slot cannot be moved to another store or slot. Slot 1 seals
the data key to the coordinator (``fieldapp recover``).

Slot 0 also wraps, under the same passphrase-derived key, a second random key, the *signing
wrap key* (``sign_nonce``/``sign_wrapped``): the device's signing key is stored encrypted
under it (fieldapp.store.keys), so only the passphrase opens it. The escrow slot does not
carry it: recovering a store with the coordinator's key yields the data, never the device's
signing key, and a recovered laptop gets a new one (issue #17, finding 5).

``rotation`` exists only while the data key is being replaced (decision 0002): it holds the
previous data key wrapped under the new one, so that a store whose database was not yet
re-encrypted when the power failed still opens; the store removes it as soon as the database
is re-encrypted. A passphrase change always comes with a new data key (issue #17, finding 2).

Version 1 (``keyslots.json`` of earlier releases, derived from the passphrase exactly as
typed) is still read so that those stores open; the store then rewrites them as version 2.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from fieldapp.errors import StoreError, WrongPassphrase

MAGIC = "fieldapp-keyslots"
VERSION = 2
LEGACY_VERSION = 1
MAX_FILE_SIZE = 64 * 1024
DATA_KEY_BYTES = 32

#: Argon2id cost used for new passphrase slots: about 0.7 s and 256 MiB on a 2020 laptop.
DEFAULT_KDF = {"iterations": 3, "memory_kib": 256 * 1024, "lanes": 4}
#: Cheap parameters for tests only; ``verify`` reports a slot made with them as weak.
FAST_KDF = {"iterations": 1, "memory_kib": 8 * 1024, "lanes": 1}
#: Below this a slot is reported as weak by ``verify``.
MIN_MEMORY_KIB = 64 * 1024
#: Why a data key is being replaced (recorded in the audit log once it is done).
ROTATION_REASONS = ("passwd", "recover", "upgrade", "export")


def kdf_params_from_env() -> dict[str, int]:
    """Default KDF cost; ``FIELDAPP_INSECURE_FAST_KDF=1`` (test suites only) makes it cheap."""
    if os.environ.get("FIELDAPP_INSECURE_FAST_KDF") == "1":
        return dict(FAST_KDF)
    return dict(DEFAULT_KDF)


def normalize(passphrase: str) -> str:
    """The form a passphrase is derived from: NFC, so that 한 typed as one syllable or as
    three jamo (some keyboards and pastes give the decomposed form) is the same passphrase."""
    return unicodedata.normalize("NFC", passphrase)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise StoreError("store.keyslots_damaged", detail=f"{what} is not text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise StoreError("store.keyslots_damaged", detail=f"{what} is not base64") from exc


def _aad(store_id: str, slot: int | str, version: int = VERSION) -> bytes:
    name = slot if isinstance(slot, str) else f"slot{slot}"
    return f"{MAGIC}/v{version}/{store_id}/{name}".encode("ascii")


def _derive(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=int(params["iterations"]),
        lanes=int(params["lanes"]),
        memory_cost=int(params["memory_kib"]),
    ).derive(passphrase.encode("utf-8"))


def _candidates(passphrase: str, version: int) -> list[str]:
    """Forms of the typed passphrase to try. Version 2 slots were derived from NFC. Version 1
    slots were derived from the text as typed then; the same passphrase may now arrive in
    the other normal form (another keyboard or system), so NFC and NFD are tried as well -
    only for non-ASCII text, where they differ, so a wrong ASCII passphrase costs one
    derivation as before."""
    if version != LEGACY_VERSION:
        return [normalize(passphrase)]
    out = [passphrase]
    for form in ("NFC", "NFD"):
        variant = unicodedata.normalize(form, passphrase)
        if variant not in out:
            out.append(variant)
    return out


@dataclass
class KeySlots:
    store_id: str
    slots: list[dict[str, Any]]
    version: int = VERSION
    rotation: dict[str, Any] | None = None
    #: The passphrase-derived wrapping key of the last unlock (kept while the store is open
    #: so that a data-key rotation after an export can rewrap without asking again).
    _wrapping: bytes | None = field(default=None, repr=False, compare=False)
    #: The signing wrap key, opened by the passphrase (None when locked, recovered by escrow,
    #: or in a store made before it existed until its first unlock by passphrase).
    _sign_wrap: bytes | None = field(default=None, repr=False, compare=False)

    # -- creation ---------------------------------------------------------------------------
    @classmethod
    def new(cls, passphrase: str, kdf: dict[str, int] | None = None) -> tuple[KeySlots, bytes]:
        """A fresh store id and data key, wrapped in a passphrase slot 0."""
        data_key = new_data_key()
        slots = cls(store_id=secrets.token_hex(16), slots=[])
        slots._sign_wrap = new_data_key()
        slots.set_passphrase(data_key, passphrase, kdf)
        return slots, data_key

    @property
    def legacy(self) -> bool:
        """Read from a version-1 ``keyslots.json`` (the store migrates it on open)."""
        return self.version == LEGACY_VERSION

    def set_passphrase(self, data_key: bytes, passphrase: str, kdf: dict[str, int] | None = None) -> None:
        """(Re)wrap ``data_key`` under a passphrase (NFC) in slot 0, with a fresh salt."""
        params = {k: int(v) for k, v in dict(kdf or kdf_params_from_env()).items()}
        salt = secrets.token_bytes(16)
        self._wrapping = _derive(normalize(passphrase), salt, params)
        self.version = VERSION
        self._put_slot0(data_key, salt, params)

    def _put_slot0(self, data_key: bytes, salt: bytes, params: dict[str, int]) -> None:
        nonce = secrets.token_bytes(12)
        wrapped = ChaCha20Poly1305(self._wrapping).encrypt(nonce, data_key, _aad(self.store_id, 0))
        slot = {"id": 0, "type": "passphrase", "kdf": "argon2id", "salt": _b64(salt), **params,
                "nonce": _b64(nonce), "wrapped": _b64(wrapped)}
        if self._sign_wrap is not None:
            sign_nonce = secrets.token_bytes(12)
            slot["sign_nonce"] = _b64(sign_nonce)
            slot["sign_wrapped"] = _b64(ChaCha20Poly1305(self._wrapping).encrypt(
                sign_nonce, self._sign_wrap, _aad(self.store_id, "slot0-sign")))
        self.slots = [slot] + [s for s in self.slots if s.get("id") != 0]

    def rewrap(self, data_key: bytes) -> None:
        """Wrap another data key under the passphrase of the last unlock (same salt and cost)."""
        if self._wrapping is None:
            raise StoreError("store.locked")
        slot = self._slot(0)
        params = {k: int(slot[k]) for k in ("iterations", "memory_kib", "lanes")}
        self._put_slot0(data_key, _unb64(slot.get("salt"), "salt"), params)

    # -- use --------------------------------------------------------------------------------
    def unlock(self, passphrase: str) -> bytes:
        """The current data key, or ``WrongPassphrase``. Never touches any file."""
        slot = self._slot(0)
        salt = _unb64(slot.get("salt"), "salt")
        nonce = _unb64(slot.get("nonce"), "nonce")
        wrapped = _unb64(slot.get("wrapped"), "wrapped key")
        try:
            params = {k: int(slot[k]) for k in ("iterations", "memory_kib", "lanes")}
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError("store.keyslots_damaged", detail="KDF parameters") from exc
        # Caps keep an edited file from making unlock take minutes or exhaust memory; Argon2id
        # itself needs at least 8 KiB per lane.
        if not (1 <= params["iterations"] <= 16 and 8 <= params["memory_kib"] <= 2 * 1024 * 1024
                and 1 <= params["lanes"] <= 16 and params["memory_kib"] >= 8 * params["lanes"]):
            raise StoreError("store.keyslots_damaged", detail="KDF parameters out of range")
        if len(salt) != 16 or len(nonce) != 12 or len(wrapped) != DATA_KEY_BYTES + 16:
            raise StoreError("store.keyslots_damaged", detail="field sizes")
        aad = _aad(self.store_id, 0, self.version)
        for candidate in _candidates(passphrase, self.version):
            wrapping = _derive(candidate, salt, params)
            try:
                key = ChaCha20Poly1305(wrapping).decrypt(nonce, wrapped, aad)
            except InvalidTag:
                continue
            # A version-1 wrapping may come from a non-NFC form: never reuse it (the store
            # migrates such a slot with set_passphrase, deriving afresh from NFC).
            self._wrapping = wrapping if self.version == VERSION else None
            self._sign_wrap = self._open_sign_wrap(slot, wrapping) if self.version == VERSION else None
            return key
        raise WrongPassphrase()

    def _open_sign_wrap(self, slot: dict[str, Any], wrapping: bytes) -> bytes | None:
        if "sign_wrapped" not in slot:
            return None
        nonce = _unb64(slot.get("sign_nonce"), "signing nonce")
        wrapped = _unb64(slot.get("sign_wrapped"), "signing wrap key")
        try:
            return ChaCha20Poly1305(wrapping).decrypt(nonce, wrapped, _aad(self.store_id, "slot0-sign"))
        except (InvalidTag, ValueError):
            raise StoreError("store.keyslots_damaged", detail="signing wrap key") from None

    @property
    def sign_wrap(self) -> bytes | None:
        """The signing wrap key of the last unlock by passphrase (None otherwise)."""
        return self._sign_wrap

    def new_sign_wrap(self) -> bytes:
        """A fresh signing wrap key (a store that had none, or one recovered by escrow); slot 0
        holds it from the next ``set_passphrase``/``rewrap``."""
        self._sign_wrap = new_data_key()
        return self._sign_wrap

    def forget(self) -> None:
        """Drop the wrapping keys kept since the last unlock (the store was locked)."""
        self._wrapping = None
        self._sign_wrap = None

    # -- data-key rotation --------------------------------------------------------------------
    def begin_rotation(self, old_key: bytes, new_key: bytes, reason: str) -> None:
        """Slot 0 (and the escrow slot) now wrap ``new_key``; ``old_key`` is kept, wrapped under
        ``new_key``, until ``end_rotation``. Call ``set_passphrase`` or ``rewrap`` with
        ``new_key`` first (that decides the passphrase)."""
        if reason not in ROTATION_REASONS:
            raise ValueError(f"unknown rotation reason {reason!r}")
        nonce = secrets.token_bytes(12)
        wrapped = ChaCha20Poly1305(new_key).encrypt(nonce, old_key, _aad(self.store_id, "previous"))
        self.rotation = {"reason": reason, "nonce": _b64(nonce), "wrapped": _b64(wrapped)}
        escrow = self._escrow_slot()
        if escrow is not None:
            self._seal_escrow(new_key, list(escrow.get("recipients") or []))

    def previous_key(self, current_key: bytes) -> bytes | None:
        """The data key being replaced, while a rotation is unfinished."""
        if self.rotation is None:
            return None
        nonce = _unb64(self.rotation.get("nonce"), "rotation nonce")
        wrapped = _unb64(self.rotation.get("wrapped"), "rotation key")
        try:
            return ChaCha20Poly1305(current_key).decrypt(nonce, wrapped, _aad(self.store_id, "previous"))
        except (InvalidTag, ValueError):
            raise StoreError("store.keyslots_damaged", detail="rotation key") from None

    @property
    def rotation_reason(self) -> str | None:
        return None if self.rotation is None else str(self.rotation.get("reason"))

    def end_rotation(self) -> None:
        self.rotation = None

    # -- escrow (slot 1): the data key sealed to the coordinator -------------------------------
    def set_escrow(self, data_key: bytes, recipients: list[str]) -> bool:
        """Seal the data key to the coordinator's age recipients; False when already so.

        Lets the coordinator reopen a returned laptop whose passphrase is lost
        (``fieldapp recover``). The sealed text names the store id, so a slot copied into
        another store's key file unlocks nothing there.
        """
        recipients = sorted(recipients)
        current = self._escrow_slot()
        if current is not None and current.get("recipients") == recipients:
            return False
        self._seal_escrow(data_key, recipients)
        return True

    def _seal_escrow(self, data_key: bytes, recipients: list[str]) -> None:
        from fieldapp.crypto import age

        body = json.dumps({"store_id": self.store_id, "data_key": data_key.hex()}).encode("ascii")
        slot = {"id": 1, "type": "escrow", "recipients": sorted(recipients),
                "sealed": _b64(age.encrypt(body, sorted(recipients)))}
        self.slots = [sl for sl in self.slots if sl.get("id") != 1] + [slot]

    def _escrow_slot(self) -> dict[str, Any] | None:
        return next((sl for sl in self.slots if sl.get("id") == 1 and sl.get("type") == "escrow"), None)

    @property
    def has_escrow(self) -> bool:
        return self._escrow_slot() is not None

    def recover(self, identities: list[str]) -> bytes:
        """The data key from the escrow slot, with the coordinator's age identity."""
        from fieldapp.crypto import age

        slot = self._escrow_slot()
        if slot is None:
            raise StoreError("store.no_recovery_slot")
        try:
            body = json.loads(age.decrypt(_unb64(slot.get("sealed"), "escrow slot"), identities, 4096))
        except StoreError:
            raise
        except Exception:  # noqa: BLE001 - any failure means this key cannot recover the store
            raise StoreError("store.recovery_wrong_key") from None
        if not isinstance(body, dict) or body.get("store_id") != self.store_id:
            raise StoreError("store.recovery_other_store")
        try:
            key = bytes.fromhex(str(body.get("data_key")))
        except ValueError:
            raise StoreError("store.recovery_damaged") from None
        if len(key) != DATA_KEY_BYTES:
            raise StoreError("store.recovery_damaged")
        return key

    def _slot(self, slot_id: int) -> dict[str, Any]:
        for slot in self.slots:
            if slot.get("id") == slot_id:
                return slot
        raise StoreError("store.keyslots_damaged", detail=f"no slot {slot_id}")

    def problems(self) -> list[str]:
        """Structural problems, for ``fieldapp verify`` (does not need the passphrase)."""
        try:
            slot = self._slot(0)
        except StoreError as exc:
            return [str(exc)]
        if slot.get("type") != "passphrase" or slot.get("kdf") != "argon2id":
            return ["key slot 0 is not an Argon2id passphrase slot"]
        return []

    def warnings(self) -> list[str]:
        """Weaknesses that do not make the store unsound (shown by ``verify``, exit 0)."""
        try:
            slot = self._slot(0)
        except StoreError:
            return []
        if int(slot.get("memory_kib", 0)) < MIN_MEMORY_KIB:
            return ["key slot 0 uses weak Argon2id parameters (made for tests); change the passphrase"]
        return []

    # -- (de)serialisation ----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The version-2 document (a version-1 store is written as version 2 once migrated)."""
        doc: dict[str, Any] = {"format": MAGIC, "version": VERSION, "store_id": self.store_id,
                               "slots": self.slots}
        if self.rotation is not None:
            doc["rotation"] = self.rotation
        return (json.dumps(doc, sort_keys=True, indent=1) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlots:
        if len(data) > MAX_FILE_SIZE:
            raise StoreError("store.keyslots_damaged", detail="too large")

        def no_duplicates(pairs):
            keys = [k for k, _ in pairs]
            if len(keys) != len(set(keys)):
                raise StoreError("store.keyslots_damaged", detail="duplicate keys")
            return dict(pairs)

        try:
            doc = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError("store.keyslots_damaged", detail="not valid JSON") from exc
        if not isinstance(doc, dict) or doc.get("format") != MAGIC:
            raise StoreError("store.keyslots_foreign")
        version = doc.get("version")
        if version not in (LEGACY_VERSION, VERSION) or isinstance(version, bool):
            raise StoreError("store.keyslots_version", version=repr(version), supported=VERSION)
        store_id = doc.get("store_id")
        slots = doc.get("slots")
        if (not isinstance(store_id, str) or re.fullmatch(r"[0-9a-f]{32}", store_id) is None
                or not isinstance(slots, list)):
            raise StoreError("store.keyslots_damaged", detail="store id or slots")
        if not all(isinstance(s, dict) and isinstance(s.get("id"), int) for s in slots):
            raise StoreError("store.keyslots_damaged", detail="slot entries")
        rotation = doc.get("rotation")
        if rotation is not None and (version == LEGACY_VERSION or not isinstance(rotation, dict)
                                     or rotation.get("reason") not in ROTATION_REASONS):
            raise StoreError("store.keyslots_damaged", detail="rotation entry")
        return cls(store_id=store_id, slots=slots, version=int(version), rotation=rotation)


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)
