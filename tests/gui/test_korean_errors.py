"""Five representative core errors, raised by the real use cases, read in Korean by code (issue #11).

Each error is produced the way a user meets it (``fieldapp.ops``), checked by its code, then
rendered by the GUI's error presenter with the Korean catalogue installed: the sentence must be
Korean, not the English template, and keep its parameters (file names, paths).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from fieldapp.errors import FormErrors, UserFacingError
from fieldapp.gui import i18n_build
from fieldapp.gui.errors import error_text
from fieldapp.gui.messages import present
from fieldapp.ops import exchange as exchange_ops
from fieldapp.ops import forms as form_ops
from fieldapp.ops import stores as store_ops
from fieldapp.resources import resource
from tests.core.storetools import PASSPHRASE
from tests.core.test_exchange_support import add_interviews, make_form, new_store

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture
def korean(qapp, tmp_path):
    copy = tmp_path / "fieldapp_ko.ts"
    copy.write_bytes(resource("i18n", "fieldapp_ko.ts").read_bytes())
    (qm,) = i18n_build.release([copy])
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Korean))
    yield
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


@pytest.fixture
def world(tmp_path):
    form = make_form(tmp_path)
    new_store(tmp_path / "coord", "coordinator", form).close()
    with new_store(tmp_path / "dev", "interviewer", form) as dev:
        add_interviews(dev, 2)
    with store_ops.open_store(tmp_path / "coord", PASSPHRASE) as coord:
        key = exchange_ops.write_project_key_file(coord, tmp_path / "project.key").path
    return tmp_path, key


def _korean(exc: UserFacingError, *keep: str) -> str:
    text = error_text(exc)
    assert HANGUL.search(text), f"{exc.message.code}: not Korean: {text}"
    assert text != exc.message.english()
    for part in keep:
        assert part in text, f"{exc.message.code}: {part!r} lost in {text!r}"
    return text


def test_wrong_passphrase_in_korean(korean, world):
    root, _key = world
    with pytest.raises(UserFacingError) as caught:
        store_ops.open_store(root / "dev", "not the passphrase at all")
    assert caught.value.message.code == "store.wrong_passphrase"
    _korean(caught.value)


def test_store_in_use_in_korean(korean, world):
    root, _key = world
    with store_ops.open_store(root / "dev", PASSPHRASE), pytest.raises(UserFacingError) as caught:
        store_ops.open_store(root / "dev", PASSPHRASE)
    assert caught.value.message.code == "store.in_use"
    _korean(caught.value)


def test_refused_bundle_in_korean(korean, world):
    root, _key = world
    junk = root / "junk.fab"
    junk.write_bytes(b"age-encryption.org/v1\n" + b"\x00" * 500)
    with store_ops.open_store(root / "coord", PASSPHRASE) as coord:
        report = exchange_ops.check_bundle(coord, junk)
    assert not report.ok and report.reason.code == "bundle.refused"
    text = present(report.reason)
    assert HANGUL.search(text) and "junk.fab" in text
    # The nested reason is Korean too, not only the frame around it.
    inner = present(report.reason.params["reason"])
    assert HANGUL.search(inner), inner


def test_refused_form_in_korean(korean, tmp_path):
    from tests.xlsform_builder import write_xlsform

    bad = write_xlsform(tmp_path / "bad.xlsx", """
        | type          | name | label::English (en) | relevant       |
        | integer       | age  | Age                 |                |
        | select_one zz | ok   | OK?                 | ${nowhere} > 1 |
    """, settings={"form_id": "bad", "version": "1"})
    with pytest.raises(FormErrors) as caught:
        form_ops.check_form(bad)
    assert caught.value.message.code in ("form.refused", "form.refused_more")
    _korean(caught.value, "bad.xlsx")


def test_export_target_missing_in_korean(korean, world):
    root, key = world
    with store_ops.open_store(root / "dev", PASSPHRASE) as dev, pytest.raises(UserFacingError) as caught:
        exchange_ops.export(dev, root / "unplugged-stick" / "b.fab", project_key=key)
    assert caught.value.message.code == "folder.missing"
    _korean(caught.value, str(root / "unplugged-stick"))
