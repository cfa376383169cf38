"""Every sentence fieldapp shows a user, by stable code: the catalogue and its English rendering.

A user-visible error or notice is a ``Message``: a code from ``MESSAGES`` and its parameters.
The core renders the English sentence (the CLI prints it); the desktop app renders its own
translated template of the same code (``fieldapp.gui.messages``), so no page ever matches
English text to translate it. Parameters may themselves be messages (a refused bundle's
reason), rendered the same way.

Templates are wrapped in ``QT_TRANSLATE_NOOP`` so that Qt's ``lupdate`` (which reads source
text, not imports) collects them into the GUI's catalogues; here it is the identity, and
the core still never imports Qt. ``docs/errors.md`` lists every code
(``python -m fieldapp.messages`` writes it; a test keeps it current).

Codes are part of the CLI's contract for scripts that read them (``FIELDAPP_ERROR_CODES=1``
prints the code before the sentence): never reuse a code for another meaning.
"""

from __future__ import annotations

import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CONTEXT = "CoreMessages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation in ``context`` (read by lupdate); returns it unchanged."""
    return text


# fmt: off
MESSAGES: dict[str, str] = {
    # -- free text (only for messages built by code that has no catalogue entry yet) -----------
    "text": QT_TRANSLATE_NOOP("CoreMessages", "{text}"),
    # -- general ------------------------------------------------------------------------------
    "cancelled": QT_TRANSLATE_NOOP("CoreMessages", "Cancelled; nothing was changed."),
    "usage": QT_TRANSLATE_NOOP("CoreMessages", "{detail}"),
    "file.missing": QT_TRANSLATE_NOOP("CoreMessages", "There is no file {path}."),
    "file.is_folder": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is a folder, not a file."),
    "file.unreadable": QT_TRANSLATE_NOOP(
        "CoreMessages", "Cannot read {path}: {reason}."),
    "file.unwritable": QT_TRANSLATE_NOOP(
        "CoreMessages", "Cannot write {path}: {reason}; nothing was written."),
    "file.exists": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} already exists; choose a new file name."),
    "folder.missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "The folder {path} does not exist (is the USB stick plugged in?)."),
    "folder.not_a_folder": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is not a folder."),
    "file.too_large": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is far larger than such a file can be; choose the right file."),
    "file.not_text": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is not a text file; choose the right file."),
    "app.cannot_start": QT_TRANSLATE_NOOP(
        "CoreMessages", "The desktop app cannot start: {reason}."),
    # -- the store ----------------------------------------------------------------------------
    "store.wrong_passphrase": QT_TRANSLATE_NOOP(
        "CoreMessages", "The passphrase is wrong for this store; nothing was changed."),
    "store.in_use": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The store {path} is in use by another fieldapp window or command; close it and try again."),
    "store.locked": QT_TRANSLATE_NOOP("CoreMessages", "The store is locked."),
    "store.missing": QT_TRANSLATE_NOOP("CoreMessages", "There is no store at {path}."),
    "store.not_a_store": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is not a fieldapp store (no key slots or database)."),
    "store.exists": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} already exists and is not an empty folder; choose a new one."),
    "store.bad_role": QT_TRANSLATE_NOOP(
        "CoreMessages", "The role must be interviewer or coordinator, not {role}."),
    "store.needs_coordinator": QT_TRANSLATE_NOOP(
        "CoreMessages", "Only the coordinator's store can do this; this is an interviewer store."),
    "store.needs_interviewer": QT_TRANSLATE_NOOP(
        "CoreMessages", "Only an interviewer laptop can do this; this is the coordinator's store."),
    "store.weak_passphrase": QT_TRANSLATE_NOOP(
        "CoreMessages", "That passphrase is too weak: {reason}."),
    "store.weak_passphrase_suggest": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "That passphrase is too weak: {reason}. For example, this generated one: \"{suggestion}\" "
        "(write it down)."),
    "store.passphrases_differ": QT_TRANSLATE_NOOP(
        "CoreMessages", "The two passphrases differ; nothing was created."),
    "store.damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "The database is damaged ({detail})."),
    "store.page_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The database is damaged: a page failed authentication or integrity checks ({detail}); "
        "restore it from a backup or re-import its bundles."),
    "store.key_mismatch": QT_TRANSLATE_NOOP(
        "CoreMessages", "The database does not match its key slots (damaged or replaced store.db)."),
    "store.other_slots": QT_TRANSLATE_NOOP(
        "CoreMessages", "The database and its key slots belong to different stores."),
    "store.unencrypted": QT_TRANSLATE_NOOP(
        "CoreMessages", "Refusing to continue: the database was written without encryption."),
    "store.too_new": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This store was made by a newer fieldapp (schema {version}); update fieldapp to open it."),
    "store.needs_upgrade": QT_TRANSLATE_NOOP(
        "CoreMessages", "This store needs an upgrade from schema {version}."),
    "store.wipe_incomplete": QT_TRANSLATE_NOOP(
        "CoreMessages", "The store at {path} could not be wiped completely: {reason}."),
    "store.wipe_needs_confirmation": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "wipe destroys the store for ever; confirm in a terminal by typing {word}, or pass --yes from a script."),
    # -- keys ---------------------------------------------------------------------------------
    "key.backup_invalid": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} holds no age identity (a line starting AGE-SECRET-KEY-)."),
    "key.backup_exists": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} already exists; a key backup never overwrites a file."),
    "key.not_a_key_file": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is not a project key file (it is far too large)."),
    # -- forms --------------------------------------------------------------------------------
    "form.refused": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source}: {problem}"),
    "form.refused_more": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source}: {problem} (and {more} more problems)"),
    "form.at_row": QT_TRANSLATE_NOOP(
        "CoreMessages", "[sheet {sheet}, row {row}] {problem}"),
    "form.at_sheet": QT_TRANSLATE_NOOP(
        "CoreMessages", "[sheet {sheet}] {problem}"),
    # -- exchange -----------------------------------------------------------------------------
    "bundle.refused": QT_TRANSLATE_NOOP(
        "CoreMessages", "{bundle} was refused: {reason}; nothing was imported."),
    # -- tables -------------------------------------------------------------------------------
    "tables.nothing_to_draw": QT_TRANSLATE_NOOP(
        "CoreMessages", "This table has no answers to draw, so no chart was saved."),
    # -- paper import -------------------------------------------------------------------------
    "paper.bad_format": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path}: paper questionnaires are imported from a .csv or .xlsx file."),
    "paper.refused": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source}: {total} problem(s), nothing was imported: {shown}{more}"),
}
# fmt: on


@dataclass(frozen=True)
class Message:
    """A user-visible sentence as a stable code and its parameters (values: str, int or Message)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"no message with code {self.code!r} in fieldapp.messages.MESSAGES")

    def english(self) -> str:
        return render(self, MESSAGES)

    def __str__(self) -> str:
        return self.english()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form (the import ledger keeps reports this way)."""
        return {"code": self.code, "params": {k: (v.to_json() if isinstance(v, Message) else v)
                                              for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: Any) -> Message:
        if isinstance(data, str):  # a report stored before messages had codes
            return text(data)
        params = {k: (cls.from_json(v) if isinstance(v, dict) and "code" in v else v)
                  for k, v in dict(data.get("params") or {}).items()}
        return cls(str(data["code"]), params)


def msg(code: str, **params: Any) -> Message:
    return Message(code, params)


def text(sentence: str) -> Message:
    """Free text: only where no catalogued sentence exists yet (shown untranslated)."""
    return Message("text", {"text": sentence})


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(message: Message, templates: Mapping[str, str], translate=None) -> str:
    """``message`` rendered with ``templates`` (code -> template); nested messages likewise.

    ``translate`` (the GUI's) maps an English template to the user's language. A missing or
    extra parameter never raises: the sentence is still shown, with the placeholder visible.
    """
    template = templates.get(message.code, MESSAGES[message.code])
    if translate is not None:
        template = translate(template)
    values = {k: (render(v, templates, translate) if isinstance(v, Message) else _plain(v))
              for k, v in message.params.items()}
    return string.Formatter().vformat(template, (), _Lenient(values))


def _plain(value: Any) -> str:
    return str(value)


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def markdown() -> str:
    """docs/errors.md: every code, its parameters and its English sentence."""
    lines = [
        "# Message codes",
        "",
        "Every error or notice fieldapp shows a user has a stable code (`fieldapp/messages.py`).",
        "The command line prints the English sentence; with `FIELDAPP_ERROR_CODES=1` it prints",
        "`[code] sentence`, for scripts. The desktop app shows the same code's sentence in the",
        "interface language (`resources/i18n/fieldapp_ko.ts`, context `CoreMessages`); a test fails",
        "when a code has no Korean sentence. Codes are never reused for another meaning.",
        "",
        "Generated by `python -m fieldapp.messages > docs/errors.md`.",
        "",
        "| code | parameters | English |",
        "|---|---|---|",
    ]
    for code in sorted(MESSAGES):
        template = MESSAGES[code].replace("|", "\\|")
        params = ", ".join(f"`{p}`" for p in sorted(placeholders(MESSAGES[code])))
        lines.append(f"| `{code}` | {params} | {template} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
