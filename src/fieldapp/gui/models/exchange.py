"""Table models of the exchange pages: the outbox, the bundles being checked or merged, the devices.

They adapt core objects (``OutboxEntry``, ``ImportReport``, ``DeviceRow``) and say nothing a
bundle's answers hold: only file names, counts, device ids and key fingerprints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from fieldapp.gui.messages import both_fingerprint_forms, fingerprint_words, present
from fieldapp.gui.models.rows import Column, RowsModel, local_time
from fieldapp.messages import Message, text
from fieldapp.ops.exchange import ExpectedRow
from fieldapp.ops.model import DeviceRow, ImportReport, OutboxEntry

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter



def with_hints(message: Message, hints: dict[str, str]) -> Message:
    """``message`` with the ``hint`` of each code in ``hints`` replaced by the page's own words
    (already translated); nested messages likewise. The core's hints name command-line steps."""
    params = {k: (with_hints(v, hints) if isinstance(v, Message) else v) for k, v in message.params.items()}
    if message.code in hints and "hint" in params:
        params["hint"] = text(hints[message.code])
    return Message(message.code, params)


def human_size(size: int) -> str:
    """``1536`` -> ``1.5 KB``: what a user compares with the free space on a stick."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover - the loop always returns


class OutboxTableModel(RowsModel[OutboxEntry]):
    """Bundles this laptop exported, and whether the coordinator's receipt came back."""

    def columns(self) -> list[Column[OutboxEntry]]:
        return [
            Column(self.tr("Bundle"), lambda e: str(e.seq), lambda e: e.seq, _RIGHT),
            Column(self.tr("Exported"), lambda e: local_time(e.created_at), lambda e: e.created_at),
            Column(self.tr("Interviews"), lambda e: str(e.interviews), lambda e: e.interviews, _RIGHT),
            Column(self.tr("State"), self._state),
        ]

    def _state(self, entry: OutboxEntry) -> str:
        if entry.acknowledged:
            return self.tr("Receipt received: safe at the coordinator")
        return self.tr("Awaiting the coordinator's receipt")

    def waiting(self) -> int:
        return sum(1 for e in self._rows if not e.acknowledged)


# Where a bundle added on the import page stands.
CHECKING, CHECKED, MERGING, MERGED = "checking", "checked", "merging", "merged"


@dataclass(frozen=True)
class BundleRow:
    """One bundle file on the import page: its latest check or import report."""

    path: Path
    stage: str = CHECKING
    report: ImportReport | None = None
    # "known", "new", "revoked", or "" when the bundle could not be opened far enough to say.
    device_state: str = ""
    label: str = ""  # the coordinator's label for a known device

    @property
    def refused(self) -> bool:
        return self.report is not None and not self.report.ok

    @property
    def untrusted(self) -> bool:
        """Refused only because its laptop is not trusted yet: the page offers to trust it."""
        reason = self.report.reason if self.report is not None else None
        inner = reason.params.get("reason") if reason is not None else None
        return (self.stage == CHECKED and self.refused and isinstance(inner, Message)
                and inner.code in ("bundle.unknown_device", "bundle.unknown_signer")
                and bool(self.report and self.report.device_words))

    @property
    def mergeable(self) -> bool:
        """Checked, not refused: merging it imports it or (if imported before) writes a receipt."""
        return self.stage == CHECKED and self.report is not None and self.report.ok

    def with_(self, **changes) -> BundleRow:
        return replace(self, **changes)


class BundleTableModel(RowsModel[BundleRow]):
    """Per bundle: signature, device and trust, what a merge does (or did), and the problems."""

    FILE, STATUS, SIGNATURE, DEVICE, NEW, DUPLICATE, UPDATED, CONFLICT, PROBLEMS = range(9)

    def columns(self) -> list[Column[BundleRow]]:
        def count(name: str):
            def show(row: BundleRow) -> str:
                if row.report is None or row.refused or row.report.outcome == "already imported":
                    return ""
                return str(getattr(row.report, name))
            return show

        return [
            Column(self.tr("File"), lambda r: r.path.name),
            Column(self.tr("Status"), self._status),
            Column(self.tr("Signature"), self._signature),
            Column(self.tr("Device"), self._device),
            Column(self.tr("New"), count("new"), align=_RIGHT),
            Column(self.tr("Duplicate"), count("duplicate"), align=_RIGHT),
            Column(self.tr("Updated"), count("updated"), align=_RIGHT),
            Column(self.tr("Conflict"), count("conflict"), align=_RIGHT),
            Column(self.tr("Problems and notices"), self._problems),
        ]

    # -- cells ------------------------------------------------------------------------------
    def _status(self, row: BundleRow) -> str:
        report = row.report
        if row.stage == CHECKING:
            return self.tr("Checking…")
        if row.stage == MERGING:
            return self.tr("Merging…")
        if report is None:
            return ""
        if report.outcome == "refused":
            return self.tr("Laptop not trusted yet") if row.untrusted else self.tr("Refused")
        if report.outcome == "already imported":
            return self.tr("Already imported")
        if report.outcome == "imported":
            return self.tr("Imported")
        return self.tr("Ready to merge")

    def _signature(self, row: BundleRow) -> str:
        if row.report is None or row.stage == CHECKING:
            return ""
        return self.tr("Valid") if row.report.signature_valid else self.tr("Not verified")

    def _device(self, row: BundleRow) -> str:
        report = row.report
        if report is None or not report.device_fingerprint:
            return ""
        state = {"known": self.tr("Known device"), "new": self.tr("NEW device"),
                 "revoked": self.tr("REVOKED device")}.get(row.device_state, "")
        who = row.label or report.device_id or self.tr("unknown id")
        return self.tr("{0} {1}, fingerprint words: {2}").format(
            state, who, fingerprint_words(report.device_words)).strip()

    def presented(self, message: Message) -> str:
        """A core refusal or notice (by code) in the user's language, with the app's own hints."""
        return present(with_hints(message, {
            "bundle.form_missing": self.tr("add it on the Forms page, then add the bundle again"),
        }))

    def _problems(self, row: BundleRow) -> str:
        report = row.report
        if report is None:
            return ""
        if report.outcome == "refused":
            if row.untrusted:
                return self.tr("A laptop not trusted yet. Select this row and press “Trust this laptop…” "
                               "to compare its fingerprint words with the interviewer's laptop.")
            return self.presented(report.summary_message())
        parts: list[str] = []
        if row.device_state == "new" and row.stage == CHECKED:
            parts.append(self.tr("A laptop this store has just been told to trust: it is registered when "
                                 "this bundle is merged."))
        if report.outcome == "already imported":
            parts.append(self.tr("Imported before; merging again changes nothing and writes a fresh "
                                 "receipt."))
        # Said once, by the page (above), not again by the core.
        parts += [self.presented(n) for n in report.notices if n.code != "bundle.notice.already"]
        if report.receipt:
            parts.append(self.tr("Receipt written to {0}").format(report.receipt))
        return " ".join(p if p.endswith(".") else p + "." for p in parts)

    # -- rows -------------------------------------------------------------------------------
    def index_of(self, path: Path) -> int:
        for n, row in enumerate(self._rows):
            if row.path == path:
                return n
        return -1

    def upsert(self, row: BundleRow) -> None:
        """Replace the row of the same file (a re-check), or append it."""
        n = self.index_of(row.path)
        if n < 0:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(row)
            self.endInsertRows()
            return
        self._rows[n] = row
        self.dataChanged.emit(self.index(n, 0), self.index(n, self.columnCount() - 1))

    def remove(self, paths: set[Path]) -> None:
        self.set_rows([r for r in self._rows if r.path not in paths])


def expected_row(expected: ExpectedRow) -> DeviceRow:
    """A laptop announced by its words, shown among the devices until its first bundle arrives."""
    return DeviceRow(device_id="", fingerprint="", state="expected", first_seen=expected.added_at, last_seq=0,
                     bundles=0, words=expected.words, label=expected.label)


class DeviceTableModel(RowsModel[DeviceRow]):
    """Laptops this coordinator trusts (or revoked, or expects), with their key's fingerprint words."""

    DEVICE, LABEL, WORDS, FIRST_SEEN, LAST_BUNDLE, BUNDLES, TRUST = range(7)

    def columns(self) -> list[Column[DeviceRow]]:
        return [
            Column(self.tr("Device"), lambda d: d.device_id or self.tr("(no bundle yet)")),
            Column(self.tr("Label"), lambda d: d.label),
            Column(self.tr("Fingerprint words"), lambda d: fingerprint_words(d.words),
                   tooltip=lambda d: both_fingerprint_forms(d.words)),
            Column(self.tr("First seen"), lambda d: local_time(d.first_seen), lambda d: d.first_seen),
            Column(self.tr("Last bundle"), lambda d: str(d.last_seq), lambda d: d.last_seq, _RIGHT),
            Column(self.tr("Bundles"), lambda d: str(d.bundles), lambda d: d.bundles, _RIGHT),
            Column(self.tr("Trust"), self._state),
        ]

    def _state(self, device: DeviceRow) -> str:
        if device.state == "revoked":
            return self.tr("Revoked: its bundles are refused")
        if device.state == "expected":
            return self.tr("Expected: trusted when its first bundle arrives")
        return self.tr("Trusted")
