"""The ``devices`` table (coordinator): the registry of field devices and their signing keys.

A device is registered when its first bundle is imported with trust given; revoking it makes
the importer refuse (quarantine) its later bundles. ``last_seq``/``last_hash`` follow the
highest bundle number merged from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.store.conn import Connection


@dataclass(frozen=True)
class Device:
    device_id: str
    state: str  # trusted | revoked


@dataclass(frozen=True)
class DeviceRecord:
    device_id: str
    sign_key: bytes
    state: str
    first_seen: str
    last_seq: int
    bundles: int  # bundles of this device in the import ledger as imported


def by_key(conn: Connection, sign_key: bytes) -> Device | None:
    row = conn.execute("SELECT device_id, state FROM devices WHERE sign_key = ?", (sign_key,)).fetchone()
    return None if row is None else Device(row[0], row[1])


def get(conn: Connection, device_id: str) -> Device | None:
    row = conn.execute("SELECT device_id, state FROM devices WHERE device_id = ?", (device_id,)).fetchone()
    return None if row is None else Device(row[0], row[1])


def register(conn: Connection, device_id: str, sign_key: bytes, first_seen: str) -> None:
    conn.execute("INSERT INTO devices(device_id, sign_key, state, first_seen) VALUES (?,?,?,?)",
                 (device_id, sign_key, "trusted", first_seen))


def advance(conn: Connection, device_id: str, seq: int, manifest_sha256: str) -> None:
    """Remember bundle ``seq`` as the device's latest, unless a later one was merged before."""
    conn.execute("UPDATE devices SET last_seq = ?, last_hash = ? WHERE device_id = ? AND last_seq < ?",
                 (seq, manifest_sha256, device_id, seq))


def revoke(conn: Connection, device_id: str, at: str) -> None:
    conn.execute("UPDATE devices SET state = 'revoked', revoked_at = ? WHERE device_id = ?", (at, device_id))


def records(conn: Connection) -> list[DeviceRecord]:
    rows = conn.execute(
        "SELECT d.device_id, d.sign_key, d.state, d.first_seen, d.last_seq, "
        "(SELECT count(*) FROM imports i WHERE i.device_id = d.device_id AND i.outcome = 'imported') "
        "FROM devices d ORDER BY d.first_seen, d.device_id").fetchall()
    return [DeviceRecord(d, bytes(k), s, f, n, b) for d, k, s, f, n, b in rows]


def labels(conn: Connection) -> dict[str, str]:
    """Each registered device's label ('' until the coordinator names it), by device id."""
    return {d: label for d, label in conn.execute("SELECT device_id, label FROM devices")}
