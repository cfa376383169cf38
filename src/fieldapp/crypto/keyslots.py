"""The key-slot file: the store's random data key, wrapped for each way of unlocking it.

Format (JSON, versioned, written atomically, holds no secret in the clear)::

    {"format": "fieldapp-keyslots", "version": 1, "store_id": "<32 hex>",
     "slots": [{"id": 0, "type": "passphrase", "kdf": "argon2id", "salt": b64,
                "iterations": 3, "memory_kib": 262144, "lanes": 4,
                "nonce": b64, "wrapped": b64}, ...]}

Slot 0 wraps the data key with ChaCha20-Poly1305 under a key derived from the passphrase
by Argon2id. The AEAD's associated data binds the magic, the version, the store id and the
slot id, so a slot cannot be moved to another store or slot. Room is left for slot types
``escrow`` (the data key sealed to the coordinator, field devices) and ``recovery``.
A passphrase change re-wraps the same data key: the database is never re-keyed.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from fieldapp.errors import StoreError, WrongPassphrase

MAGIC = "fieldapp-keyslots"
VERSION = 1
MAX_FILE_SIZE = 64 * 1024
DATA_KEY_BYTES = 32

#: Argon2id cost used for new passphrase slots: about 0.7 s and 256 MiB on a 2020 laptop.
DEFAULT_KDF = {"iterations": 3, "memory_kib": 256 * 1024, "lanes": 4}
#: Cheap parameters for tests only; ``verify`` reports a slot made with them as weak.
FAST_KDF = {"iterations": 1, "memory_kib": 8 * 1024, "lanes": 1}
#: Below this a slot is reported as weak by ``verify``.
MIN_MEMORY_KIB = 64 * 1024


def kdf_params_from_env() -> dict[str, int]:
    """Default KDF cost; ``FIELDAPP_INSECURE_FAST_KDF=1`` (test suites only) makes it cheap."""
    if os.environ.get("FIELDAPP_INSECURE_FAST_KDF") == "1":
        return dict(FAST_KDF)
    return dict(DEFAULT_KDF)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise StoreError(f"The key-slot file is damaged ({what} is not text).")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise StoreError(f"The key-slot file is damaged ({what} is not base64).") from exc


def _aad(store_id: str, slot_id: int) -> bytes:
    return f"{MAGIC}/v{VERSION}/{store_id}/slot{slot_id}".encode("ascii")


def _derive(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=int(params["iterations"]),
        lanes=int(params["lanes"]),
        memory_cost=int(params["memory_kib"]),
    ).derive(passphrase.encode("utf-8"))


@dataclass
class KeySlots:
    store_id: str
    slots: list[dict[str, Any]]

    # -- creation ---------------------------------------------------------------------------
    @classmethod
    def new(cls, passphrase: str, kdf: dict[str, int] | None = None) -> tuple[KeySlots, bytes]:
        """A fresh store id and data key, wrapped in a passphrase slot 0."""
        data_key = secrets.token_bytes(DATA_KEY_BYTES)
        slots = cls(store_id=secrets.token_hex(16), slots=[])
        slots.set_passphrase(data_key, passphrase, kdf)
        return slots, data_key

    def set_passphrase(self, data_key: bytes, passphrase: str, kdf: dict[str, int] | None = None) -> None:
        """(Re)wrap the data key under a passphrase in slot 0."""
        params = dict(kdf or kdf_params_from_env())
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        wrapping = _derive(passphrase, salt, params)
        wrapped = ChaCha20Poly1305(wrapping).encrypt(nonce, data_key, _aad(self.store_id, 0))
        slot = {
            "id": 0,
            "type": "passphrase",
            "kdf": "argon2id",
            "salt": _b64(salt),
            **{k: int(v) for k, v in params.items()},
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
        }
        self.slots = [s for s in self.slots if s.get("id") != 0]
        self.slots.insert(0, slot)

    # -- use --------------------------------------------------------------------------------
    def unlock(self, passphrase: str) -> bytes:
        """The data key, or ``WrongPassphrase``. Never touches any file."""
        slot = self._slot(0)
        salt = _unb64(slot.get("salt"), "salt")
        nonce = _unb64(slot.get("nonce"), "nonce")
        wrapped = _unb64(slot.get("wrapped"), "wrapped key")
        try:
            params = {k: int(slot[k]) for k in ("iterations", "memory_kib", "lanes")}
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError("The key-slot file is damaged (KDF parameters).") from exc
        # Caps keep an edited file from making unlock take minutes or exhaust memory; Argon2id
        # itself needs at least 8 KiB per lane.
        if not (1 <= params["iterations"] <= 16 and 8 <= params["memory_kib"] <= 2 * 1024 * 1024
                and 1 <= params["lanes"] <= 16 and params["memory_kib"] >= 8 * params["lanes"]):
            raise StoreError("The key-slot file is damaged (KDF parameters out of range).")
        if len(salt) != 16 or len(nonce) != 12 or len(wrapped) != DATA_KEY_BYTES + 16:
            raise StoreError("The key-slot file is damaged (field sizes).")
        wrapping = _derive(passphrase, salt, params)
        try:
            return ChaCha20Poly1305(wrapping).decrypt(nonce, wrapped, _aad(self.store_id, 0))
        except InvalidTag:
            raise WrongPassphrase() from None

    # -- escrow (slot 1): the data key sealed to the coordinator -------------------------------
    def set_escrow(self, data_key: bytes, recipients: list[str]) -> bool:
        """Seal the data key to the coordinator's age recipients; False when already so.

        Lets the coordinator reopen a returned laptop whose passphrase is lost
        (``fieldapp recover``). The sealed text names the store id, so a slot copied into
        another store's key-slot file unlocks nothing there.
        """
        from fieldapp.crypto import age

        recipients = sorted(recipients)
        current = next((sl for sl in self.slots if sl.get("id") == 1), None)
        if current is not None and current.get("recipients") == recipients:
            return False
        body = json.dumps({"store_id": self.store_id, "data_key": data_key.hex()}).encode("ascii")
        slot = {"id": 1, "type": "escrow", "recipients": recipients,
                "sealed": _b64(age.encrypt(body, recipients))}
        self.slots = [sl for sl in self.slots if sl.get("id") != 1] + [slot]
        return True

    @property
    def has_escrow(self) -> bool:
        return any(sl.get("id") == 1 and sl.get("type") == "escrow" for sl in self.slots)

    def recover(self, identities: list[str]) -> bytes:
        """The data key from the escrow slot, with the coordinator's age identity."""
        from fieldapp.crypto import age

        slot = next((sl for sl in self.slots if sl.get("id") == 1 and sl.get("type") == "escrow"), None)
        if slot is None:
            raise StoreError("This store has no recovery slot: it was never enrolled with a coordinator.")
        try:
            body = json.loads(age.decrypt(_unb64(slot.get("sealed"), "escrow slot"), identities, 4096))
        except StoreError:
            raise
        except Exception:  # noqa: BLE001 - any failure means this key cannot recover the store
            raise StoreError("That key cannot recover this store (it is another project's key).") from None
        if not isinstance(body, dict) or body.get("store_id") != self.store_id:
            raise StoreError("The recovery slot belongs to another store; nothing was changed.")
        try:
            key = bytes.fromhex(str(body.get("data_key")))
        except ValueError:
            raise StoreError("The recovery slot is damaged.") from None
        if len(key) != DATA_KEY_BYTES:
            raise StoreError("The recovery slot is damaged.")
        return key

    def _slot(self, slot_id: int) -> dict[str, Any]:
        for slot in self.slots:
            if slot.get("id") == slot_id:
                return slot
        raise StoreError(f"The key-slot file has no slot {slot_id}.")

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
        doc = {"format": MAGIC, "version": VERSION, "store_id": self.store_id, "slots": self.slots}
        return (json.dumps(doc, sort_keys=True, indent=1) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlots:
        if len(data) > MAX_FILE_SIZE:
            raise StoreError("The key-slot file is too large to be a fieldapp key-slot file.")

        def no_duplicates(pairs):
            keys = [k for k, _ in pairs]
            if len(keys) != len(set(keys)):
                raise StoreError("The key-slot file is damaged (duplicate keys).")
            return dict(pairs)

        try:
            doc = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError("The key-slot file is damaged (not valid JSON).") from exc
        if not isinstance(doc, dict) or doc.get("format") != MAGIC:
            raise StoreError("This is not a fieldapp key-slot file.")
        if doc.get("version") != VERSION:
            raise StoreError(
                f"The key-slot file has version {doc.get('version')!r}; this fieldapp reads version {VERSION}."
            )
        store_id = doc.get("store_id")
        slots = doc.get("slots")
        if (not isinstance(store_id, str) or re.fullmatch(r"[0-9a-f]{32}", store_id) is None
                or not isinstance(slots, list)):
            raise StoreError("The key-slot file is damaged (store id or slots).")
        if not all(isinstance(s, dict) and isinstance(s.get("id"), int) for s in slots):
            raise StoreError("The key-slot file is damaged (slot entries).")
        return cls(store_id=store_id, slots=slots)
