"""The exchange pages as interviewers and coordinators meet them: enrol, export to a stick,
check and merge bundles on the coordinator (trust, replay, truncation), devices and revoke,
the project key file and its backup, receipts, and locking."""

from __future__ import annotations

import random
import re
import stat
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from fieldapp.crypto.projectkey import load_project_key
from fieldapp.engine.simulate import simulate
from fieldapp.exchange.keys import (
    device_public,
    device_words,
    pinned_project_key,
    project_key_file,
)
from fieldapp.gui.models.exchange import CHECKED, MERGED, BundleRow, BundleTableModel
from fieldapp.messages import msg, text
from fieldapp.ops.model import ImportReport
from fieldapp.store import Store
from fieldapp.store.forms import get_form
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import PASSPHRASE, make_store, settle, unlock
from tests.gui.test_shell import unnamed_interactive

FORM = "escapee_survey_2017"
BUNDLE_NAME = re.compile(r"[0-9a-f]{16}\.fab")
C = BundleTableModel


# -- fixtures -------------------------------------------------------------------------------
def write_key_file(coordinator: Path, out: Path) -> tuple[Path, str]:
    """The coordinator's project key file (as `fieldapp key export` writes it) and its words."""
    with Store.open(coordinator, PASSPHRASE) as store:
        with store.reading() as conn:
            data = project_key_file(conn)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out, load_project_key(data).fingerprint_words()


@pytest.fixture
def coordinator_dir(tmp_path) -> Path:
    return make_store(tmp_path / "coordinator", role="coordinator")


@pytest.fixture
def key_file(coordinator_dir, tmp_path) -> tuple[Path, str]:
    return write_key_file(coordinator_dir, tmp_path / "from-coordinator" / "project.fieldapp-key")


@pytest.fixture
def laptop_dir(tmp_path) -> Path:
    """An interviewer store with 3 finalized interviews of the reference questionnaire."""
    folder = make_store(tmp_path / "laptop")
    with Store.open(folder, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        form = get_form(store, FORM)
        rng = random.Random(5)
        for _ in range(3):
            interview = repo.start(FORM)
            simulate(form, rng, fixed={"consent": "yes"}, interview=interview)
            repo.finalize(interview)
    return folder


@pytest.fixture
def usb(tmp_path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def click(qtbot, widget) -> None:
    assert widget.isEnabled(), f"{widget.objectName()} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def cell(model, row: int, column: int) -> str:
    return model.index(row, column).data() or ""


def open_export_page(qtbot, make_window, laptop_dir):
    window = make_window(laptop_dir)
    unlock(qtbot, window)
    assert window.home.export_button.isVisible()
    click(qtbot, window.home.export_button)
    page = window.exchange_pages["export"]
    assert window.stack.currentWidget() is page
    settle(qtbot, window)
    return window, page


def enrol(qtbot, page, key_path: Path) -> None:
    page.choose_key_file(key_path)
    settle(qtbot, page)
    page.match_check.setChecked(True)
    click(qtbot, page.enrol_button)
    settle(qtbot, page)
    assert page.enrolled


def export_now(qtbot, page, usb: Path) -> Path:
    page.set_folder(usb)
    before = set(usb.iterdir())
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.result_label.text() != "" and not page._busy, timeout=20000)
    settle(qtbot, page)
    (bundle,) = set(usb.iterdir()) - before
    return bundle


def open_import_page(qtbot, make_window, coordinator_dir):
    window = make_window(coordinator_dir)
    unlock(qtbot, window)
    window.import_action.trigger()
    settle(qtbot, window)
    page = window.exchange_pages["import"]
    assert window.stack.currentWidget() is page
    settle(qtbot, window)
    return window, page


def check(qtbot, page, *paths: Path) -> None:
    page.add_files(list(paths))
    qtbot.waitUntil(lambda: all(page.row(p) is not None and page.row(p).stage == CHECKED for p in paths),
                    timeout=20000)


def row_of(page, path: Path) -> int:
    return page.model.index_of(path)


def translatable(message) -> bool:
    """The page can show this core message in Korean: it and every part of it carry a code
    (no free text), and every code has a Korean template (tests/gui/test_shell_parts.py)."""
    from fieldapp.messages import Message, free_text

    return isinstance(message, Message) and message.code != "text" and not free_text(message)


def final_count(window) -> int:
    return sum(1 for r in window.session.repo.list() if r.status == "final")


# -- interviewer ----------------------------------------------------------------------------
def test_interviewer_enrols_by_comparing_words_then_exports_three_interviews(qtbot, make_window, laptop_dir,
                                                                            key_file, usb):
    key_path, words = key_file
    window, page = open_export_page(qtbot, make_window, laptop_dir)
    assert window.toolbar.widgetForAction(window.export_action).isVisible()
    assert not window.toolbar.widgetForAction(window.import_action).isVisible()
    assert "not enrolled yet" in page.enrol_status.text()
    assert page.waiting_label.text() == "3 finalized interviews waiting. Enrol this laptop with the project key first."
    assert not page.export_button.isEnabled()
    store = window.session.store
    with store.reading() as conn:
        own_words = device_words(device_public(conn))
    assert page.device_label.text().startswith(f"This laptop is device {store.info.device_id}.")
    assert page.device_words_label.text() == own_words and len(own_words.split()) == 8
    assert page.device_words_label.font().pointSizeF() > page.enrol_status.font().pointSizeF() * 1.5

    page.choose_key_file(key_path)
    settle(qtbot, page)
    assert page.words_label.text() == words and len(words.split()) == 8
    assert page.words_label.font().pointSizeF() > page.enrol_status.font().pointSizeF() * 1.5
    assert page.compare_label.isVisible() and "read out the fingerprint words" in page.compare_label.text()
    assert not page.enrol_button.isEnabled(), "enrolling needs the user's word that the words match"
    assert pinned_project_key(window.session.store.conn) is None, "choosing the file pins nothing"
    page.match_check.setChecked(True)
    click(qtbot, page.enrol_button)
    settle(qtbot, page)
    assert pinned_project_key(window.session.store.conn) == key_path.read_bytes()
    assert "This laptop is enrolled" in page.enrol_status.text()
    assert page.words_label.text() == words
    assert not page.enrol_button.isVisible()
    assert "Plug in the USB stick" in page.waiting_label.text()

    bundle = export_now(qtbot, page, usb)

    assert BUNDLE_NAME.fullmatch(bundle.name), "the file name is random and says nothing"
    result = page.result_label.text()
    assert result.startswith("Exported 3 interviews as bundle 1: file " + bundle.name)
    assert f"{bundle.stat().st_size / 1024:.1f} KB" in result
    assert page.waiting_label.text() == "No finalized interviews are waiting to be exported."
    assert not page.export_button.isEnabled()
    assert page.model.rowCount() == 1
    assert (cell(page.model, 0, 0), cell(page.model, 0, 2)) == ("1", "3")
    assert cell(page.model, 0, 3) == "Awaiting the coordinator's receipt"
    assert page.resend_button.isEnabled()
    window.show_page("home")
    settle(qtbot, window)
    # exported interviews are forgotten on the laptop, counted per day (issue #17, finding 6):
    # the home page shows how many, never which
    assert window.home.model.rowCount() == 0
    assert window.home.exported_label.isVisible()
    assert window.home.exported_label.text().startswith("3 interviews exported from this laptop")
    assert "No interviews yet" not in window.home.empty_label.text()


def test_a_key_file_from_another_coordinator_is_refused_after_enrolment(qtbot, make_window, laptop_dir,
                                                                      key_file, tmp_path):
    other = make_store(tmp_path / "other-coordinator", reference=False, role="coordinator")
    other_key, other_words = write_key_file(other, tmp_path / "other" / "project.fieldapp-key")
    window, page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, page, key_file[0])

    page.choose_key_file(other_key)
    settle(qtbot, page)

    assert page.enrol_error.text().startswith(
        "This project key differs from the one this laptop was enrolled with and is not signed by that "
        "coordinator")
    assert page.words_label.text() == key_file[1], "the pinned words stay on screen, not the other key's"
    assert other_words not in page.words_label.text()
    assert not page.enrol_button.isVisible()
    assert pinned_project_key(window.session.store.conn) == key_file[0].read_bytes()


def test_a_file_that_is_no_project_key_is_explained(qtbot, make_window, laptop_dir, tmp_path):
    _window, page = open_export_page(qtbot, make_window, laptop_dir)
    junk = tmp_path / "notes.txt"
    junk.write_text("shopping list")
    page.choose_key_file(junk)
    settle(qtbot, page)
    assert page.enrol_error.text().startswith("That is not a valid project key file")
    assert not page.enrol_button.isVisible() and not page.enrolled
    huge = tmp_path / "film.mp4"
    huge.write_bytes(b"\0" * (1024 * 1024))
    page.choose_key_file(huge)
    settle(qtbot, page)
    assert page.enrol_error.text() == f"{huge} is not a project key file (it is far too large)."
    assert not page.enrolled


def test_a_receipt_that_is_not_one_removes_nothing(qtbot, make_window, laptop_dir, key_file, usb, tmp_path):
    _window, page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, page, key_file[0])
    bundle = export_now(qtbot, page, usb)
    fake = tmp_path / "x.receipt"
    fake.write_bytes(b"not a receipt at all, just some bytes of text")

    page.apply_receipt_file(fake)
    settle(qtbot, page)

    assert page.outbox_status.text() == "x.receipt is not a fieldapp receipt."
    assert cell(page.model, 0, 3) == "Awaiting the coordinator's receipt"
    page.resend_to(tmp_path)
    qtbot.waitUntil(lambda: "Wrote" in page.outbox_status.text(), timeout=10000)
    (copy,) = tmp_path.glob("*.fab")
    assert copy.read_bytes() == bundle.read_bytes(), "the sealed copy is still there to write again"


def test_cancelling_an_export_leaves_every_interview_waiting(qtbot, make_window, laptop_dir, key_file, usb,
                                                             monkeypatch):
    from fieldapp.exchange import export as core

    real = core.export_bundle
    started = threading.Event()

    def slow_export(store, out, project_key=None, progress=None, cancel=None, words=None):
        started.set()
        for _ in range(500):  # hold the job until the user's cancel arrives
            if cancel.cancelled:
                break
            threading.Event().wait(0.01)
        return real(store, out, project_key, progress, cancel, words=words)

    monkeypatch.setattr(core, "export_bundle", slow_export)
    _window, page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, page, key_file[0])
    page.set_folder(usb)
    click(qtbot, page.export_button)
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert page.cancel_button.isVisible() and not page.export_button.isEnabled()
    click(qtbot, page.cancel_button)
    qtbot.waitUntil(lambda: not page._busy, timeout=10000)

    assert page.result_label.text() == "Export cancelled; nothing was exported."
    assert list(usb.iterdir()) == []
    assert page.waiting_label.text() == "3 finalized interviews waiting to be exported."
    assert page.model.rowCount() == 0


def test_every_step_of_an_export_has_its_words(qtbot, make_window, laptop_dir):
    """The core names the export's steps (its progress goes by the bytes within the long
    ones) and resend's; the page has words for each, the read-back of the stick included."""
    from fieldapp.exchange import export as core

    _window, page = open_export_page(qtbot, make_window, laptop_dir)
    words = {step: page._progress_text(step) for step in [*core.PROGRESS, "resending", "done"]}
    assert all(words.values()), words
    assert words["checking"] == "Reading it back from the stick to check it…"
    assert len(set(words.values())) == len(words)


def test_write_again_puts_identical_bytes_on_a_new_stick(qtbot, make_window, laptop_dir, key_file, usb,
                                                         tmp_path):
    _window, page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, page, key_file[0])
    bundle = export_now(qtbot, page, usb)
    second = tmp_path / "second-stick"
    second.mkdir()

    page.resend_to(second)
    qtbot.waitUntil(lambda: "Wrote" in page.outbox_status.text(), timeout=10000)

    (copy,) = list(second.iterdir())
    assert copy.read_bytes() == bundle.read_bytes()
    assert copy.name != bundle.name and BUNDLE_NAME.fullmatch(copy.name)
    assert page.outbox_status.text().startswith(f"Wrote 1 bundle again to {second}: {copy.name}.")


def test_cancelling_write_again_leaves_the_new_stick_empty(qtbot, make_window, laptop_dir, key_file, usb,
                                                          tmp_path, monkeypatch):
    from fieldapp.exchange import export as core

    _window, page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, page, key_file[0])
    export_now(qtbot, page, usb)
    real, started = core.resend, threading.Event()

    def slow_resend(store, folder, progress=None, cancel=None):
        def held(done, total, step):  # the first MiB written, then wait for the user's cancel
            progress(done, total, step)
            started.set()
            for _ in range(500):
                if cancel.cancelled:
                    break
                threading.Event().wait(0.01)
        return real(store, folder, progress=held, cancel=cancel)

    monkeypatch.setattr(core, "resend", slow_resend)
    second = tmp_path / "second-stick"
    second.mkdir()
    page.resend_to(second)
    qtbot.waitUntil(started.is_set, timeout=5000)
    qtbot.waitUntil(lambda: page.progress_bar.value() > 0, timeout=5000)
    assert page.cancel_button.isVisible() and not page.resend_button.isEnabled()
    assert page.progress_label.text() == "Writing the bundles again and reading them back…"
    click(qtbot, page.cancel_button)
    qtbot.waitUntil(lambda: not page._busy, timeout=10000)
    assert page.outbox_status.text() == "Writing again cancelled; nothing was left in that folder."
    assert page.progress_label.text() == ""  # not "Cancelling…" any more
    assert list(second.iterdir()) == []
    assert not page.cancel_button.isVisible() and page.resend_button.isEnabled()


# -- coordinator ----------------------------------------------------------------------------
def test_coordinator_checks_trusts_merges_then_sees_replays_and_truncation(qtbot, make_window, laptop_dir,
                                                                         coordinator_dir, key_file, usb,
                                                                         tmp_path):
    laptop, export_page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, export_page, key_file[0])
    bundle = export_now(qtbot, export_page, usb)

    window, page = open_import_page(qtbot, make_window, coordinator_dir)
    assert not window.toolbar.widgetForAction(window.export_action).isVisible()
    assert not window.home.export_button.isVisible()
    check(qtbot, page, bundle)
    n = row_of(page, bundle)
    assert cell(page.model, n, C.FILE) == bundle.name
    assert cell(page.model, n, C.SIGNATURE) == "Valid", "the signed manifest names the laptop"
    device = cell(page.model, n, C.DEVICE)
    words = page.row(bundle).report.device_words
    assert device.startswith("NEW device ") and f"fingerprint words: {words}" in device
    # What the coordinator compares before trusting: the laptop shows the same id and words.
    assert export_page.device_label.text().startswith(f"This laptop is device {page.row(bundle).report.device_id}.")
    assert export_page.device_words_label.text() == words
    # Not trusted yet: refused from the head of the bundle, nothing counted, nothing to merge.
    assert cell(page.model, n, C.STATUS) == "Laptop not trusted yet"
    assert [cell(page.model, n, c) for c in (C.NEW, C.DUPLICATE, C.UPDATED, C.CONFLICT)] == ["", "", "", ""]
    assert "Trust this laptop" in cell(page.model, n, C.PROBLEMS)
    assert not page.merge_button.isEnabled()
    assert final_count(window) == 0, "checking writes nothing"

    # Trust is given for this one laptop, by its words, in a dialog.
    assert not page.trust_button.isEnabled(), "nothing selected yet"
    page.table.selectRow(n)
    click(qtbot, page.trust_button)
    dialog = page.trust_dialog
    assert dialog is not None and dialog.isVisible() and dialog.words_label.text() == words
    assert not dialog.trust_button.isEnabled(), "the words must be ticked as matching first"
    dialog.match_check.setChecked(True)
    dialog.label_edit.setText("Seoul team, laptop 3")
    click(qtbot, dialog.trust_button)
    qtbot.waitUntil(lambda: page.row(bundle).stage == CHECKED and page.row(bundle).report.ok, timeout=20000)
    n = row_of(page, bundle)
    assert cell(page.model, n, C.STATUS) == "Ready to merge"
    assert cell(page.model, n, C.SIGNATURE) == "Valid"
    assert [cell(page.model, n, c) for c in (C.NEW, C.DUPLICATE, C.UPDATED, C.CONFLICT)] == ["3", "0", "0", "0"]
    assert "registered when this bundle is merged" in cell(page.model, n, C.PROBLEMS)
    assert final_count(window) == 0
    assert not list(usb.glob("*.receipt"))

    click(qtbot, page.merge_button)
    qtbot.waitUntil(lambda: page.row(bundle).stage == MERGED, timeout=20000)
    assert cell(page.model, n, C.STATUS) == "Imported"
    assert cell(page.model, n, C.NEW) == "3"
    notices = page.row(bundle).report.notices
    assert notices and all(translatable(t) for t in notices), notices
    assert cell(page.model, n, C.DEVICE).startswith("Known device ")
    receipt = Path(page.row(bundle).report.receipt)  # a random name, beside the bundle (finding 9)
    assert receipt.is_file() and receipt.parent == usb
    assert f"Receipt written to {receipt}" in cell(page.model, n, C.PROBLEMS)
    assert page.status_label.text().startswith("Merge finished: 1 bundle imported, 0 already imported before, "
                                               "0 refused.")
    assert str(usb) in page.status_label.text()
    assert final_count(window) == 3

    # The same bundle again: recognised, nothing doubled.
    check(qtbot, page, bundle)
    assert cell(page.model, row_of(page, bundle), C.STATUS) == "Already imported"
    assert cell(page.model, row_of(page, bundle), C.DEVICE).startswith("Known device Seoul team, laptop 3,"), \
        "the label given when it was trusted"
    assert "Imported before" in cell(page.model, row_of(page, bundle), C.PROBLEMS)
    assert "imported before; nothing changed" not in cell(page.model, row_of(page, bundle), C.PROBLEMS), \
        "said once, by the page, not again by the core"
    click(qtbot, page.merge_button)
    qtbot.waitUntil(lambda: page.row(bundle).stage == MERGED, timeout=20000)
    assert "1 already imported before" in page.status_label.text()
    assert final_count(window) == 3

    # A truncated copy: one clear sentence, and it cannot be merged.
    page.model.remove({bundle})
    cut = tmp_path / "cut.fab"
    cut.write_bytes(bundle.read_bytes()[:-100])
    check(qtbot, page, cut)
    n = row_of(page, cut)
    assert cell(page.model, n, C.STATUS) == "Refused"
    assert cell(page.model, n, C.PROBLEMS) == ("cut.fab was refused: it is damaged, truncated or altered "
                                               "(decryption failed); nothing was imported.")
    assert cell(page.model, n, C.NEW) == ""
    assert translatable(page.row(cut).report.reason)
    assert not page.merge_button.isEnabled()
    page._on_merge_clicked()  # even if forced
    assert "Nothing to merge" in page.status_label.text()
    assert final_count(window) == 3

    # The receipt goes back to the laptop and frees its sealed copy.
    laptop.exchange_pages["export"].apply_receipt_file(receipt)
    settle(qtbot, laptop)
    assert export_page.outbox_status.text() == (
        "Receipt verified: bundle 1 (3 interviews) is safe at the coordinator; its sealed copy was removed "
        "from this laptop.")
    assert cell(export_page.model, 0, 3) == "Receipt received: safe at the coordinator"
    assert not export_page.resend_button.isEnabled()
    export_page.apply_receipt_file(receipt)
    settle(qtbot, laptop)
    assert export_page.outbox_status.text() == "Bundle 1 was already acknowledged; nothing changed."


def test_devices_are_listed_and_a_revoked_laptop_is_refused(qtbot, make_window, laptop_dir, coordinator_dir,
                                                           key_file, usb):
    _laptop, export_page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, export_page, key_file[0])
    bundle = export_now(qtbot, export_page, usb)
    window, page = open_import_page(qtbot, make_window, coordinator_dir)
    check(qtbot, page, bundle)
    words = page.row(bundle).report.device_words
    page.trust_device(words)
    qtbot.waitUntil(lambda: page.row(bundle).stage == CHECKED and page.row(bundle).report.ok, timeout=20000)
    click(qtbot, page.merge_button)
    qtbot.waitUntil(lambda: page.row(bundle).stage == MERGED, timeout=20000)

    window.devices_action.trigger()
    settle(qtbot, window)
    devices = window.exchange_pages["devices"]
    assert window.stack.currentWidget() is devices
    assert devices.model.rowCount() == 1
    D = devices.model
    assert [cell(D, 0, c) for c in (D.WORDS, D.LAST_BUNDLE, D.BUNDLES, D.TRUST)] == [words, "1", "1", "Trusted"]
    assert not devices.revoke_button.isEnabled(), "nothing selected yet"
    devices.table.selectRow(0)

    click(qtbot, devices.revoke_button)
    box = devices.confirm_box
    assert box is not None and box.isVisible() and words in box.text()
    click(qtbot, box.findChild(QAbstractButton, "confirmRevokeNo"))
    settle(qtbot, page)
    assert cell(devices.model, 0, D.TRUST) == "Trusted"

    click(qtbot, devices.revoke_button)
    click(qtbot, devices.confirm_box.findChild(QAbstractButton, "confirmRevokeYes"))
    settle(qtbot, window)
    assert cell(devices.model, 0, D.TRUST) == "Revoked: its bundles are refused"
    assert "is revoked" in devices.devices_status.text()
    assert not devices.revoke_button.isEnabled()

    window.import_action.trigger()
    settle(qtbot, window)
    check(qtbot, page, bundle)
    n = row_of(page, bundle)
    assert cell(page.model, n, C.DEVICE).startswith(f"REVOKED device {page.row(bundle).report.device_id}, "
                                                     f"fingerprint words: {words}")
    assert page.row(bundle).report.device_id == cell(devices.model, 0, 0), "named from the registry"
    assert cell(page.model, n, C.STATUS) == "Refused"
    assert "is revoked" in cell(page.model, n, C.PROBLEMS)
    assert translatable(page.row(bundle).report.reason)


def test_trusting_one_laptop_leaves_another_laptops_bundle_refused(qtbot, make_window, laptop_dir, tmp_path,
                                                                    coordinator_dir, key_file, usb):
    """One device per confirmation: the dialog's words trust that laptop only (issue #17, finding 10)."""
    second = make_store(tmp_path / "second-laptop")
    with Store.open(second, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        interview = repo.start(FORM)
        simulate(get_form(store, FORM), random.Random(9), fixed={"consent": "yes"}, interview=interview)
        repo.finalize(interview)
    bundles = []
    for folder in (laptop_dir, second):
        _laptop, export_page = open_export_page(qtbot, make_window, folder)
        enrol(qtbot, export_page, key_file[0])
        bundles.append(export_now(qtbot, export_page, usb))
    window, page = open_import_page(qtbot, make_window, coordinator_dir)
    check(qtbot, page, *bundles)
    first, other = (page.row(b) for b in bundles)
    assert first.untrusted and other.untrusted and first.report.device_words != other.report.device_words

    page.table.selectRow(row_of(page, bundles[0]))
    click(qtbot, page.trust_button)
    page.trust_dialog.match_check.setChecked(True)
    click(qtbot, page.trust_dialog.trust_button)
    qtbot.waitUntil(lambda: page.row(bundles[0]).stage == CHECKED and page.row(bundles[0]).report.ok, timeout=20000)
    assert page.row(bundles[1]).untrusted, "the other laptop still needs its own confirmation"
    click(qtbot, page.merge_button)
    qtbot.waitUntil(lambda: page.row(bundles[0]).stage == MERGED, timeout=20000)
    assert final_count(window) == 3
    assert page.row(bundles[1]).stage == CHECKED and page.row(bundles[1]).untrusted


def test_the_devices_page_adds_a_laptop_by_its_words_and_labels_it(qtbot, make_window, laptop_dir,
                                                                   coordinator_dir, key_file, usb):
    with Store.open(laptop_dir, PASSPHRASE) as store, store.reading() as conn:
        words = device_words(device_public(conn))
    window = make_window(coordinator_dir)
    unlock(qtbot, window)
    window.devices_action.trigger()
    settle(qtbot, window)
    devices = window.exchange_pages["devices"]
    D = devices.model
    click(qtbot, devices.announce_button)
    dialog = devices.device_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.words_edit.setText(" ".join(words.split()[:7]))
    click(qtbot, dialog.ok_button)
    settle(qtbot, window)
    assert "eight words; 7 were given" in dialog.error_label.text(), "told why, the dialog stays open"
    dialog.words_edit.setText(words.upper())
    dialog.label_edit.setText("Seoul team, laptop 3")
    click(qtbot, dialog.ok_button)
    settle(qtbot, window)
    assert devices.device_dialog is None
    assert [cell(D, 0, c) for c in (D.DEVICE, D.LABEL, D.WORDS, D.TRUST)] == [
        "(no bundle yet)", "Seoul team, laptop 3", words, "Expected: trusted when its first bundle arrives"]

    # Its first bundle is then merged without another question, and keeps the label.
    _laptop, export_page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, export_page, key_file[0])
    bundle = export_now(qtbot, export_page, usb)
    window.import_action.trigger()
    page = window.exchange_pages["import"]
    check(qtbot, page, bundle)
    assert page.row(bundle).report.ok
    click(qtbot, page.merge_button)
    qtbot.waitUntil(lambda: page.row(bundle).stage == MERGED, timeout=20000)
    window.devices_action.trigger()
    settle(qtbot, window)
    assert D.rowCount() == 1
    assert [cell(D, 0, c) for c in (D.LABEL, D.WORDS, D.TRUST)] == ["Seoul team, laptop 3", words, "Trusted"]

    devices.table.selectRow(0)
    click(qtbot, devices.label_button)
    assert devices.device_dialog.words_edit is None
    assert devices.device_dialog.label_edit.text() == "Seoul team, laptop 3"
    devices.device_dialog.label_edit.setText("Busan, laptop 1")
    click(qtbot, devices.device_dialog.ok_button)
    settle(qtbot, window)
    assert cell(D, 0, D.LABEL) == "Busan, laptop 1"


def test_project_key_file_and_backup_from_the_devices_page(qtbot, make_window, coordinator_dir, key_file,
                                                           tmp_path):
    window = make_window(coordinator_dir)
    unlock(qtbot, window)
    window.devices_action.trigger()
    settle(qtbot, window)
    page = window.exchange_pages["devices"]
    assert page.words_label.text() == key_file[1]

    out = tmp_path / "stick" / "project.fieldapp-key"
    out.parent.mkdir()
    page.save_project_key(out)
    settle(qtbot, page)
    assert out.read_bytes() == key_file[0].read_bytes(), "always the same file, so laptops can compare"
    assert str(out) in page.key_status.text()

    assert "opens every bundle of the project" in page.backup_warning.text()
    click(qtbot, page.backup_button)
    box = page.confirm_box
    assert box is not None and "can read every interview" in box.text()
    click(qtbot, box.findChild(QAbstractButton, "confirmBackupNo"))
    settle(qtbot, page)
    assert getattr(page, "_file_dialog", None) is None

    backup = tmp_path / "safe" / "key.txt"
    backup.parent.mkdir()
    page.write_key_backup(backup)
    settle(qtbot, page)
    text = backup.read_text()
    assert "AGE-SECRET-KEY-1" in text and "Keep it offline" in text
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert "readable by you only" in page.backup_status.text()
    before = backup.read_bytes()
    page.write_key_backup(backup)
    settle(qtbot, page)
    assert "never overwrites" in page.backup_status.text()
    assert backup.read_bytes() == before

    # The backup opens a bundle (age's own identity format).
    from fieldapp.crypto import age

    identity = next(line for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-1"))
    recipient = load_project_key(key_file[0].read_bytes()).encryption_recipient
    assert age.decrypt(age.encrypt(b"probe", [recipient]), [identity], max_size=1024) == b"probe"


def test_the_backup_button_asks_before_the_file_dialog(qtbot, make_window, coordinator_dir):
    window = make_window(coordinator_dir)
    unlock(qtbot, window)
    window.devices_action.trigger()
    settle(qtbot, window)
    page = window.exchange_pages["devices"]
    click(qtbot, page.backup_button)
    click(qtbot, page.confirm_box.findChild(QAbstractButton, "confirmBackupYes"))
    dialog = page._file_dialog
    assert dialog.isVisible(), "the save dialog opens without a nested event loop"
    dialog.reject()


# -- shell integration ----------------------------------------------------------------------
def test_locking_forgets_the_bundle_list_and_returns_to_the_import_page(qtbot, make_window, laptop_dir,
                                                                      coordinator_dir, key_file, usb):
    _laptop, export_page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, export_page, key_file[0])
    bundle = export_now(qtbot, export_page, usb)
    window, page = open_import_page(qtbot, make_window, coordinator_dir)
    check(qtbot, page, bundle)
    assert page.model.rowCount() == 1

    window.lock()
    assert page.model.rowCount() == 0 and page.status_label.text() == ""
    assert not window.toolbar.isVisible()
    unlock(qtbot, window)
    assert window.stack.currentWidget() is page
    assert window.toolbar.widgetForAction(window.import_action).isVisible()


def test_locking_forgets_the_export_page(qtbot, make_window, laptop_dir, key_file, usb):
    window, page = open_export_page(qtbot, make_window, laptop_dir)
    enrol(qtbot, page, key_file[0])
    export_now(qtbot, page, usb)
    window.lock()
    assert page.words_label.text() == "" and page.result_label.text() == ""
    assert page.model.rowCount() == 0 and page.folder_edit.text() == ""
    unlock(qtbot, window)
    assert window.stack.currentWidget() is page
    assert page.words_label.text() == key_file[1] and page.model.rowCount() == 1


def test_every_interactive_widget_on_the_exchange_pages_is_named(qtbot, make_window, laptop_dir,
                                                                 coordinator_dir, key_file):
    problems = {}
    laptop, export_page = open_export_page(qtbot, make_window, laptop_dir)
    export_page.choose_key_file(key_file[0])  # the enrolment controls are shown
    problems["export"] = unnamed_interactive(export_page)
    problems["laptop toolbar"] = unnamed_interactive(laptop.toolbar)
    problems["home"] = unnamed_interactive(laptop.home)

    window = make_window(coordinator_dir)
    unlock(qtbot, window)
    problems["coordinator toolbar"] = unnamed_interactive(window.toolbar)
    for name in ("import", "devices"):
        window.show_page(name)
        settle(qtbot, window)
        problems[name] = unnamed_interactive(window.exchange_pages[name])
    devices = window.exchange_pages["devices"]
    click(qtbot, devices.backup_button)
    problems["backup confirmation"] = unnamed_interactive(devices.confirm_box)
    devices.confirm_box.findChild(QAbstractButton, "confirmBackupNo").click()
    click(qtbot, devices.announce_button)
    problems["announce dialog"] = unnamed_interactive(devices.device_dialog)
    devices.device_dialog.reject()
    from fieldapp.gui.pages.import_ import TrustDeviceDialog

    report = ImportReport(bundle="x.fab", device_id="0a1b2c3d4e5f6071", device_words="acid " * 8)
    problems["trust dialog"] = unnamed_interactive(TrustDeviceDialog(BundleRow(Path("x.fab"), CHECKED, report),
                                                                     window))
    problems = {k: v for k, v in problems.items() if v}
    assert problems == {}, "\n".join(f"{k}: {line}" for k, v in problems.items() for line in v)


def test_the_exchange_pages_fit_at_200_percent(qtbot, make_window, laptop_dir, coordinator_dir):
    sizes = {}
    laptop = make_window(laptop_dir)
    unlock(qtbot, laptop)
    laptop.show_page("export")
    sizes["export"] = laptop.minimumSizeHint()
    window = make_window(coordinator_dir)
    unlock(qtbot, window)
    for name in ("import", "devices"):
        window.show_page(name)
        settle(qtbot, window)
        sizes[name] = window.minimumSizeHint()
    too_big = {k: (s.width(), s.height()) for k, s in sizes.items() if s.width() > 960 or s.height() > 500}
    assert too_big == {}


def test_the_korean_catalogue_translates_the_exchange_pages(qapp, tmp_path):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from fieldapp.gui import i18n_build
    from fieldapp.resources import resource

    copy = tmp_path / "fieldapp_ko.ts"
    copy.write_bytes(resource("i18n", "fieldapp_ko.ts").read_bytes())
    (qm,) = i18n_build.release([copy])
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("ExportPage", "E&xport") == "내보내기(&X)"
        assert QCoreApplication.translate("ImportPage", "&Merge") == "병합(&M)"
        assert QCoreApplication.translate("ExportPage", "Reading it back from the stick to check it…") == (
            "확인을 위해 USB 메모리에서 다시 읽는 중…")
        assert QCoreApplication.translate("DevicesPage", "&Revoke…") == "폐기(&R)…"
        assert QCoreApplication.translate(
            "ExportPage", "%n finalized interview(s) waiting to be exported.", "", 3) == "완료된 인터뷰 3건을 내보낼 수 있습니다."
        # The importer's messages are shown in Korean by their codes; free text passes unchanged.
        model = BundleTableModel()
        refused = model.presented(msg("bundle.refused", bundle="cut.fab", reason=msg("bundle.damaged")))
        assert refused.startswith("cut.fab") and "복호화" in refused and "refused" not in refused
        trusted = model.presented(msg("bundle.notice.device_trusted", device="0a1b2c3d4e5f6071",
                                      fingerprint="acid zoom yo-yo"))
        assert "0a1b2c3d4e5f6071" in trusted and "acid zoom yo-yo" in trusted and "trusted" not in trusted
        assert model.presented(text("something the core says one day")) == "something the core says one day"
        # The core's command-line hint gives way to the page's own words.
        missing = model.presented(msg("bundle.refused", bundle="b.fab", reason=msg(
            "bundle.form_missing", form="xch", version="9", hint=msg("bundle.form_missing.hint"))))
        assert "설문지 페이지" in missing and "form add" not in missing and "xch" in missing, missing
        # Export page and devices page refusals, by code too.
        from fieldapp.errors import UserFacingError
        from fieldapp.gui.messages import present_error

        swapped = present_error(UserFacingError("key.swapped_pin"))
        assert "아무것도 등록하지 않았습니다" in swapped, swapped
        forged = present_error(UserFacingError("receipt.forged", name="b.fab.receipt"))
        assert forged.startswith("b.fab.receipt") and "위조" in forged, forged
    finally:
        QCoreApplication.removeTranslator(translator)
