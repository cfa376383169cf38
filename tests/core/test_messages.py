"""Coded messages: every user-visible sentence has a stable code, parameters and an English rendering."""

from __future__ import annotations

import pytest

from fieldapp import messages
from fieldapp.errors import (
    BundleError,
    FormError,
    FormErrors,
    StoreInUse,
    UserFacingError,
    WrongPassphrase,
)
from fieldapp.messages import MESSAGES, Message, msg


def test_an_error_carries_its_code_and_parameters_and_renders_english():
    exc = UserFacingError("file.missing", path="/media/usb/key.fpk")
    assert exc.code == "file.missing"
    assert exc.params == {"path": "/media/usb/key.fpk"}
    assert str(exc) == "There is no file /media/usb/key.fpk."


def test_nested_messages_render_inside_their_parent():
    reason = msg("file.unreadable", path="a.fab", reason="Permission denied")
    exc = BundleError("bundle.refused", bundle="a.fab", reason=reason)
    assert str(exc) == "a.fab was refused: Cannot read a.fab: Permission denied.; nothing was imported."
    assert Message.from_json(exc.message.to_json()) == exc.message


def test_subclasses_have_their_own_codes():
    assert WrongPassphrase().code == "store.wrong_passphrase"
    assert StoreInUse("/s").code == "store.in_use"
    located = FormError("duplicate-name", "name x is used twice", "survey", 7)
    assert str(located) == "[sheet survey, row 7] name x is used twice"
    assert located.code == "duplicate-name"  # the short problem code, as before
    assert FormErrors([located, located], "f.xlsx").message.code == "form.refused_more"


def test_an_unknown_code_is_a_bug_not_a_message():
    with pytest.raises(KeyError):
        Message("no.such.code")


def test_a_missing_parameter_still_renders_a_sentence():
    assert Message("file.missing").english() == "There is no file {path}."


def test_counts_read_as_english_says_them():
    """"1 question" / "3 questions", never "question(s)" (decision 0020)."""
    assert str(msg("interview.incomplete", count=1)) == (
        "The interview cannot be finalized: 1 question still needs an answer or a correction.")
    assert str(msg("interview.incomplete", count=3)).startswith(
        "The interview cannot be finalized: 3 questions still need")
    assert str(msg("bundle.notice.pseudonyms_replaced", count=1)) == (
        "1 pseudonym was already used by other interviews here and was replaced")
    assert str(msg("bundle.notice.missing_seqs_more", device="d", ranges="2", more=1)) == (
        "device d: bundle numbers 2 and 1 more range have not arrived yet")
    # A report kept before the count was a parameter still reads, in the plural.
    assert str(msg("bundle.notice.missing_seqs", device="d", ranges="2-4")) == (
        "device d: bundle numbers 2-4 have not arrived yet")
    assert messages.plural(1, "table", "tables") == "1 table" and messages.plural(0, "table", "tables") == "0 tables"


def test_no_template_writes_a_plural_placeholder():
    offenders = [code for code, template in MESSAGES.items() if "(s)" in template]
    assert offenders == []


def test_the_codes_document_is_current():
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "errors.md"
    assert doc.read_text(encoding="utf-8") == messages.markdown(), (
        "docs/errors.md is out of date: python -m fieldapp.messages > docs/errors.md")


def test_every_template_is_marked_for_translation():
    """lupdate reads source text: a template built at run time would never be translated."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(messages))
    marked = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            marked.add(ast.literal_eval(node.args[1]))
    assert set(MESSAGES.values()) <= marked


CODED_MODULES = [
    "fieldapp.exchange.bundle", "fieldapp.exchange.export", "fieldapp.exchange.importer",
    "fieldapp.exchange.keys", "fieldapp.exchange.receipt",
    "fieldapp.store.interviews", "fieldapp.store.forms", "fieldapp.store.paper", "fieldapp.store.dataset",
    "fieldapp.store.keys",
]
_USER_FACING = {"UserFacingError", "StoreError", "BundleError", "FormError", "WrongPassphrase",
                "BundleFormatError", "_Refuse"}


@pytest.mark.parametrize("module", CODED_MODULES)
def test_no_free_text_refusal_is_left_in(module):
    """Every user-facing raise in these modules names a catalogued code (or a built message),
    never an English sentence the desktop app could not translate."""
    import ast
    import importlib
    import inspect

    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    sentences = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
        if name not in _USER_FACING or not node.exc.args:
            continue
        first = node.exc.args[0]
        if isinstance(first, ast.JoinedStr) or (
                isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value not in MESSAGES):
            sentences.append(f"line {node.lineno}: {ast.unparse(first)[:60]}")
    assert sentences == []
