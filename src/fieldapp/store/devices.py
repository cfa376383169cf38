"""The device registry (coordinator): field laptops, their signing keys, labels and trust.

``devices``: a laptop is registered when its first bundle is merged with its key trusted by its
fingerprint words (given for that import, or announced in ``expected_devices`` beforehand);
revoking it makes the importer refuse its later bundles. ``last_seq``/``last_hash`` follow the
highest bundle number merged from it. ``label`` ("Seoul team, laptop 3") is the coordinator's
own name for a laptop; it never leaves this store (bundles and receipts carry none).

``retired_keys``: the key a laptop signed with before it was recovered (``fieldapp recover``
gives it a new one); bundles signed with it are accepted only up to the number it had reached.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.store.conn import Connection


@dataclass(frozen=True)
class Device:
    device_id: str
    state: str  # trusted | revoked
    label: str = ""
    sign_key: bytes = b""


@dataclass(frozen=True)
class DeviceRecord:
    device_id: str
    sign_key: bytes
    state: str
    first_seen: str
    last_seq: int
    bundles: int  # bundles of this device in the import ledger as imported
    label: str = ""
    recovered_at: str | None = None


@dataclass(frozen=True)
class Expected:
    """A laptop announced by its fingerprint words before its first bundle arrived."""

    words: str
    label: str
    device_id: str  # '' for a new laptop; else the device whose key this replaces (recovery)
    added_at: str


@dataclass(frozen=True)
class Retired:
    device_id: str
    max_seq: int
    retired_at: str


_DEVICE = "SELECT device_id, state, label, sign_key FROM devices"


def _device(row) -> Device | None:
    return None if row is None else Device(row[0], row[1], row[2], bytes(row[3]))


def by_key(conn: Connection, sign_key: bytes) -> Device | None:
    return _device(conn.execute(f"{_DEVICE} WHERE sign_key = ?", (sign_key,)).fetchone())


def get(conn: Connection, device_id: str) -> Device | None:
    return _device(conn.execute(f"{_DEVICE} WHERE device_id = ?", (device_id,)).fetchone())


def register(conn: Connection, device_id: str, sign_key: bytes, first_seen: str, label: str = "") -> None:
    conn.execute("INSERT INTO devices(device_id, sign_key, state, first_seen, label) VALUES (?,?,?,?,?)",
                 (device_id, sign_key, "trusted", first_seen, label))


def advance(conn: Connection, device_id: str, seq: int, manifest_sha256: str) -> None:
    """Remember bundle ``seq`` as the device's latest, unless a later one was merged before."""
    conn.execute("UPDATE devices SET last_seq = ?, last_hash = ? WHERE device_id = ? AND last_seq < ?",
                 (seq, manifest_sha256, device_id, seq))


def revoke(conn: Connection, device_id: str, at: str) -> None:
    conn.execute("UPDATE devices SET state = 'revoked', revoked_at = ? WHERE device_id = ?", (at, device_id))


def set_label(conn: Connection, device_id: str, label: str) -> None:
    conn.execute("UPDATE devices SET label = ? WHERE device_id = ?", (label, device_id))


def records(conn: Connection) -> list[DeviceRecord]:
    rows = conn.execute(
        "SELECT d.device_id, d.sign_key, d.state, d.first_seen, d.last_seq, "
        "(SELECT count(*) FROM imports i WHERE i.device_id = d.device_id AND i.outcome = 'imported'), "
        "d.label, d.recovered_at FROM devices d ORDER BY d.first_seen, d.device_id").fetchall()
    return [DeviceRecord(d, bytes(k), s, f, n, b, lb, r) for d, k, s, f, n, b, lb, r in rows]


def labels(conn: Connection) -> dict[str, str]:
    """Each registered device's label ('' until the coordinator names it), by device id."""
    return {d: label for d, label in conn.execute("SELECT device_id, label FROM devices")}


# -- announced laptops ------------------------------------------------------------------------
def expected(conn: Connection, words: str) -> Expected | None:
    row = conn.execute("SELECT words, label, device_id, added_at FROM expected_devices WHERE words = ?",
                       (words,)).fetchone()
    return None if row is None else Expected(*row)


def all_expected(conn: Connection) -> list[Expected]:
    return [Expected(*r) for r in conn.execute(
        "SELECT words, label, device_id, added_at FROM expected_devices ORDER BY added_at, words")]


def expect(conn: Connection, words: str, label: str, device_id: str, at: str) -> None:
    """Announce a laptop by its fingerprint words (again: the label and device are updated)."""
    conn.execute("INSERT INTO expected_devices(words, label, device_id, added_at) VALUES (?,?,?,?) "
                 "ON CONFLICT(words) DO UPDATE SET label = excluded.label, device_id = excluded.device_id",
                 (words, label, device_id, at))


def unexpect(conn: Connection, words: str) -> None:
    conn.execute("DELETE FROM expected_devices WHERE words = ?", (words,))


# -- recovered laptops ------------------------------------------------------------------------
def retired(conn: Connection, sign_key: bytes) -> Retired | None:
    row = conn.execute("SELECT device_id, max_seq, retired_at FROM retired_keys WHERE sign_key = ?",
                       (sign_key,)).fetchone()
    return None if row is None else Retired(*row)


def replace_key(conn: Connection, device_id: str, sign_key: bytes, max_seq: int, at: str) -> None:
    """A recovered laptop signs with ``sign_key`` from now on; its old key is retired, accepted
    only for bundles up to ``max_seq`` (those it signed before the recovery)."""
    old = conn.execute("SELECT sign_key FROM devices WHERE device_id = ?", (device_id,)).fetchone()[0]
    conn.execute("INSERT OR REPLACE INTO retired_keys(sign_key, device_id, max_seq, retired_at) VALUES (?,?,?,?)",
                 (old, device_id, max_seq, at))
    conn.execute("UPDATE devices SET sign_key = ?, recovered_at = ? WHERE device_id = ?", (sign_key, at, device_id))
