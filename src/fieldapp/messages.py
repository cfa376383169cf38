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
    "store.media_missing": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The store's media database {path} is missing: the store's media answers are in that file. "
        "Restore the whole store folder from a copy."),
    "store.media_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The store's media database {path} is damaged or does not belong to this store ({detail})."),
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
    "store.keyfile_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "The key file {path} is missing: without it nobody can open this store."),
    "store.keyfile_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The key file of this store is damaged ({detail}); without it nobody can open the store."),
    "store.keyfile_full": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The key slots do not fit in the key file ({size} bytes, at most {limit}); nothing was changed."),
    "store.keyslots_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "The key-slot file is damaged ({detail})."),
    "store.keyslots_foreign": QT_TRANSLATE_NOOP(
        "CoreMessages", "This is not a fieldapp key-slot file."),
    "store.keyslots_version": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The key-slot file has version {version}; this fieldapp reads versions up to {supported}."),
    "store.no_recovery_slot": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This store has no recovery slot: it was never enrolled with a coordinator."),
    "store.recovery_wrong_key": QT_TRANSLATE_NOOP(
        "CoreMessages", "That key cannot recover this store (it is another project's key)."),
    "store.recovery_other_store": QT_TRANSLATE_NOOP(
        "CoreMessages", "The recovery slot belongs to another store; nothing was changed."),
    "store.recovery_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "The recovery slot is damaged."),
    "store.wal_busy": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The store's write-ahead log could not be folded into the database ({done} of {frames} "
        "pages); close other fieldapp windows on this store and try again."),
    "store.wipe_not_a_store": QT_TRANSLATE_NOOP(
        "CoreMessages", "There is no fieldapp store at {path} (no key file); nothing was wiped."),
    # -- passphrase policy (reasons, shown after "That passphrase is too weak:") ----------------
    "passphrase.too_short": QT_TRANSLATE_NOOP(
        "CoreMessages", "it is shorter than {n} characters"),
    "passphrase.famous": QT_TRANSLATE_NOOP(
        "CoreMessages", "it is a well-known phrase, song line or slogan"),
    "passphrase.korean": QT_TRANSLATE_NOOP(
        "CoreMessages", "it is made of common Korean words or names, in Hangul or romanised"),
    "passphrase.pattern": QT_TRANSLATE_NOOP(
        "CoreMessages", "it follows a pattern (an alphabet or keyboard sequence, a repetition)"),
    "passphrase.guessable": QT_TRANSLATE_NOOP(
        "CoreMessages", "it would be guessed too quickly"),
    # -- forms --------------------------------------------------------------------------------
    "form.refused": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source}: {problem}"),
    "form.refused_more": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source}: {problem} (and {more:# more problem|# more problems})"),
    "form.at_row": QT_TRANSLATE_NOOP(
        "CoreMessages", "[sheet {sheet}, row {row}] {problem}"),
    "form.at_sheet": QT_TRANSLATE_NOOP(
        "CoreMessages", "[sheet {sheet}] {problem}"),
    # -- interviews ---------------------------------------------------------------------------
    "interview.not_found": QT_TRANSLATE_NOOP("CoreMessages", "That interview is not in this store."),
    "interview.exported": QT_TRANSLATE_NOOP(
        "CoreMessages", "This interview was exported; its answers are no longer on this laptop."),
    "interview.incomplete": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The interview cannot be finalized: {count:# question still needs|# questions still need} an "
        "answer or a correction."),
    "interview.not_draft": QT_TRANSLATE_NOOP(
        "CoreMessages", "Only drafts can be deleted; finalized interviews are kept for export."),
    "interview.finalized": QT_TRANSLATE_NOOP(
        "CoreMessages", "This interview is finalized; it can no longer be changed."),
    "interview.no_field": QT_TRANSLATE_NOOP(
        "CoreMessages", "Form {form} has no question {field} in this interview."),
    "interview.not_input": QT_TRANSLATE_NOOP(
        "CoreMessages", "{field} is not a question that takes an answer."),
    # -- media answers (issue #16) --------------------------------------------------------------
    "media.too_large": QT_TRANSLATE_NOOP(
        "CoreMessages", "This file is larger than the limit of {limit} for one answer; nothing was kept."),
    "media.not_draft": QT_TRANSLATE_NOOP(
        "CoreMessages", "Media can be added only to an interview that is still a draft."),
    "media.not_open": QT_TRANSLATE_NOOP(
        "CoreMessages", "This recording or attachment was already closed."),
    "media.bad_kind": QT_TRANSLATE_NOOP(
        "CoreMessages", "{kind} is not a kind of media fieldapp keeps (image, audio, video, file)."),
    "media.damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "The media {media} in this store is damaged (chunks missing or out of order)."),
    "media.not_found": QT_TRANSLATE_NOOP(
        "CoreMessages", "This interview holds no media for {field}."),
    "media.not_media_question": QT_TRANSLATE_NOOP(
        "CoreMessages", "{field} is not a photo, audio, video or file question."),
    "media.file_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is not a file that can be attached."),
    "media.file_unreadable": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} cannot be read ({reason}); nothing was kept."),
    "repeat.not_a_repeat": QT_TRANSLATE_NOOP(
        "CoreMessages", "Form {form} has no repeat {repeat} here."),
    "repeat.fixed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The number of {repeat} entries is set by the form; entries cannot be added or removed here."),
    "repeat.no_instance": QT_TRANSLATE_NOOP(
        "CoreMessages", "This interview has no entry {instance}."),
    "repeat.too_many": QT_TRANSLATE_NOOP(
        "CoreMessages", "A repeat holds at most {limit} entries."),
    # -- installed forms ----------------------------------------------------------------------
    "form.version_conflict": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Form {form} version {version} is already installed with different content; give the "
        "changed form a new version in its settings sheet."),
    "form.not_installed": QT_TRANSLATE_NOOP(
        "CoreMessages", "No form {form} is installed in this store (see `fieldapp form list`)."),
    "form.version_not_installed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "No form {form} version {version} is installed in this store (see `fieldapp form list`)."),
    "form.unreadable": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source} is not a readable {kind} workbook ({reason}); save the XLSForm again"),
    "form.pyxform": QT_TRANSLATE_NOOP(
        "CoreMessages", "the XLSForm converter (pyxform) refuses it: {detail}"),
    "form.pyxform_failed": QT_TRANSLATE_NOOP(
        "CoreMessages", "the XLSForm converter (pyxform) failed on this workbook ({reason}); "
        "check the form in ODK's own tools"),
    "form.unknown_type": QT_TRANSLATE_NOOP(
        "CoreMessages", "unknown question type {type!r}"),
    "form.select_from_answers": QT_TRANSLATE_NOOP(
        "CoreMessages", "choices taken from the answers of a repeat ({list}) are not "
        "supported yet"),
    "form.bad_expression": QT_TRANSLATE_NOOP(
        "CoreMessages", "{column} {expression!r} is not a valid expression: {reason} "
        "(at character {position})"),
    "form.bare_name": QT_TRANSLATE_NOOP(
        "CoreMessages", "{column} {expression!r}: {name!r} is not a value; write ${{{name}}} "
        "for a question, '{name}' for text, or {name}() for a function"),
    "form.choice_filter_without_choices": QT_TRANSLATE_NOOP(
        "CoreMessages", "choice_filter only applies to select questions, not to {type}"),
    "form.bad_default": QT_TRANSLATE_NOOP(
        "CoreMessages", "the default {default!r} is not a valid answer to this {type} question"),
    "form.self_dependency": QT_TRANSLATE_NOOP(
        "CoreMessages", "{name!r} depends on itself through its calculation or relevant expression"),
    "form.cycle": QT_TRANSLATE_NOOP(
        "CoreMessages", "calculation/relevance cycle: {chain} (each needs the next to be worked "
        "out first; rows {rows})"),
    "form.attachment_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "the form needs the attached file {file}, which is not in {folder}; put it "
        "beside the workbook or name its folder with --media"),
    "form.attachment_unreadable": QT_TRANSLATE_NOOP(
        "CoreMessages", "the attached file {file} cannot be read: {reason}"),
    "form.media_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "column {column}: the image {file} is not in {folder} (the form's images go in "
        "a folder beside the workbook named after it with -media, or name their folder with --media)"),
    "form.media_bad_name": QT_TRANSLATE_NOOP(
        "CoreMessages", "column {column}: {file!r} is not a file name (a form's image is named "
        "without a folder)"),
    "form.media_not_image": QT_TRANSLATE_NOOP(
        "CoreMessages", "column {column}: {file} is not a PNG, JPEG, GIF, BMP or WebP image"),
    "form.media_too_large": QT_TRANSLATE_NOOP(
        "CoreMessages", "column {column}: the image {file} is larger than {limit} MB"),
    "form.media_not_given": QT_TRANSLATE_NOOP(
        "CoreMessages", "the form {form} shows images that were not read with it; install it from "
        "its workbook and its media folder"),
    "form.warn_location": QT_TRANSLATE_NOOP(
        "CoreMessages", "{count:# location question|# location questions} ({names}): a laptop never records a "
        "location; they are shown as not recorded and stored as not applicable"),
    "form.warn_typed_location": QT_TRANSLATE_NOOP(
        "CoreMessages", "{count:# location question|# location questions} ({names}) {count:takes|take} typed "
        "coordinates: a "
        "respondent's location is sensitive, type it only where the study needs it"),
    "form.warn_osm": QT_TRANSLATE_NOOP(
        "CoreMessages", "{count:# OpenMapKit question|# OpenMapKit questions} ({names}): a laptop does not "
        "record map "
        "features; they are stored as not applicable"),
    "form.warn_metadata": QT_TRANSLATE_NOOP(
        "CoreMessages", "device and person identifiers ({names}) are never collected; they read "
        "as empty"),
    # -- exchange -----------------------------------------------------------------------------
    "bundle.refused": QT_TRANSLATE_NOOP(
        "CoreMessages", "{bundle} was refused: {reason}; nothing was imported."),
    # -- exchange: why a bundle was refused (the {reason} of bundle.refused) ------------------
    "bundle.unreadable": QT_TRANSLATE_NOOP("CoreMessages", "it cannot be read ({reason})"),
    "bundle.is_folder": QT_TRANSLATE_NOOP("CoreMessages", "it is a folder, not a bundle file"),
    "bundle.empty": QT_TRANSLATE_NOOP("CoreMessages", "the file is empty"),
    "bundle.too_large": QT_TRANSLATE_NOOP(
        "CoreMessages", "it is larger than any bundle fieldapp writes"),
    "bundle.wrong_recipient": QT_TRANSLATE_NOOP(
        "CoreMessages", "it is not addressed to this coordinator's key (wrong recipient)"),
    "bundle.not_age": QT_TRANSLATE_NOOP(
        "CoreMessages", "it is not a fieldapp bundle (not a binary age file to X25519 keys)"),
    "bundle.header_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "its encryption header is damaged or was tampered with"),
    "bundle.damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "it is damaged, truncated or altered (decryption failed)"),
    "bundle.device_revoked": QT_TRANSLATE_NOOP(
        "CoreMessages", "device {device} is revoked, so its bundles are refused"),
    "bundle.unknown_device": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it is signed by device {device}, which is not trusted here yet (fingerprint words: "
        "{words}); compare these words with the ones the interviewer's laptop shows{hint}"),
    "bundle.unknown_signer": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it is signed by a device that is not trusted here yet (fingerprint words: {words}); "
        "compare these words with the ones the interviewer's laptop shows{hint}"),
    "bundle.unknown_device.hint": QT_TRANSLATE_NOOP(
        "CoreMessages",
        ", then trust it with --trust-device \"WORDS\" or `fieldapp devices trust`"),
    "bundle.changed_while_read": QT_TRANSLATE_NOOP(
        "CoreMessages", "it changed while it was being read; copy it again and import the copy"),
    "bundle.bad_signature": QT_TRANSLATE_NOOP(
        "CoreMessages", "its signature does not match its content (altered or forged)"),
    "bundle.signer_mismatch": QT_TRANSLATE_NOOP(
        "CoreMessages", "its manifest names another signing key than the one that signed it"),
    "bundle.device_key_mismatch": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it is signed with the key of device {device} but claims to come from device {claimed}"),
    "bundle.device_new_key": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it claims to come from device {device} but is not signed with that device's registered key "
        "(its key's fingerprint words: {words}); if that laptop was recovered, compare the words with "
        "it and trust its new key with `fieldapp devices trust STORE \"WORDS\" --replaces {device}`"),
    "bundle.seq_jump": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it is numbered {seq}, more than {limit} after bundle {last}, the last of device {device} here; "
        "a laptop numbers its bundles one by one"),
    "bundle.key_retired": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it is signed with the key device {device} had before it was recovered, and numbered {seq}: "
        "that key signed nothing after bundle {last}"),
    "bundle.device_impostor": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it claims to come from device {device} but is not signed with that device's registered key"),
    "bundle.other_project": QT_TRANSLATE_NOOP(
        "CoreMessages", "it was made for another project's coordinator"),
    "bundle.readdressed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "its signed recipient list does not include this coordinator (re-addressed bundle)"),
    "bundle.form_missing": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "form {form} version {version} is not installed on this coordinator ({hint})"),
    "bundle.form_missing.hint": QT_TRANSLATE_NOOP(
        "CoreMessages", "install it with `fieldapp form add` and import again"),
    "bundle.form_differs": QT_TRANSLATE_NOOP(
        "CoreMessages", "its form {form} version {version} differs from the one installed here"),
    "bundle.record_extra_field": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a field the form lacks ({field})"),
    "bundle.record_missing_fields": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} lacks some of the form's fields"),
    "bundle.record_bad_instance": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} lists a repeat entry its form cannot have ({instance})"),
    "bundle.record_seals_unsealed": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} seals field {field}, which its form does not seal"),
    "bundle.record_unsealed": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} carries the sealed field {field} unsealed"),
    "bundle.record_media_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} answers the media question {field} without carrying its media "
        "(or carries media for a question that takes none)"),
    "bundle.manifest.bad_media": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's media list is malformed"),
    "bundle.media_unlisted": QT_TRANSLATE_NOOP(
        "CoreMessages", "it carries media of an interview revision it does not list"),
    "bundle.media_unanswered": QT_TRANSLATE_NOOP(
        "CoreMessages", "it carries media for {field} that the record's answer does not name"),
    "bundle.media_altered": QT_TRANSLATE_NOOP(
        "CoreMessages", "the media of {field} does not match the signed manifest (altered)"),
    "bundle.record_bad_value": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} answers {field} with a value its form does not allow"),
    # -- exchange: the bundle format (also reasons of bundle.refused) ---------------------------
    "bundle.part.manifest": QT_TRANSLATE_NOOP("CoreMessages", "manifest"),
    "bundle.part.record": QT_TRANSLATE_NOOP("CoreMessages", "record {n}"),
    "bundle.part.receipt": QT_TRANSLATE_NOOP("CoreMessages", "receipt"),
    "bundle.json.not_utf8": QT_TRANSLATE_NOOP("CoreMessages", "the {what} is not valid UTF-8 text"),
    "bundle.json.invalid": QT_TRANSLATE_NOOP("CoreMessages", "the {what} is not valid JSON ({detail})"),
    "bundle.json.repeated_key": QT_TRANSLATE_NOOP("CoreMessages", "the {what} repeats the key {key}"),
    "bundle.json.constant": QT_TRANSLATE_NOOP(
        "CoreMessages", "the {what} contains the non-standard number {name}"),
    "bundle.json.too_deep": QT_TRANSLATE_NOOP(
        "CoreMessages", "the {what} is nested more than {depth} levels deep"),
    "bundle.json.long_key": QT_TRANSLATE_NOOP(
        "CoreMessages", "the {what} has a key longer than {limit} characters"),
    "bundle.json.long_text": QT_TRANSLATE_NOOP(
        "CoreMessages", "the {what} has a text longer than {limit} characters"),
    "bundle.inner_too_large": QT_TRANSLATE_NOOP(
        "CoreMessages", "its content is larger than any bundle fieldapp writes"),
    "bundle.bad_magic": QT_TRANSLATE_NOOP(
        "CoreMessages", "it is not a fieldapp bundle of a known version (bad magic bytes)"),
    "bundle.bad_manifest_length": QT_TRANSLATE_NOOP(
        "CoreMessages", "its manifest length is impossible (truncated or altered)"),
    "bundle.manifest.not_object": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest is not a JSON object"),
    "bundle.manifest.format": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest format is not {format}"),
    "bundle.manifest.unknown_fields": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest has unknown fields ({fields})"),
    "bundle.manifest.missing_fields": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest lacks fields ({fields})"),
    "bundle.manifest.bad_bundle_id": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's bundle id is malformed"),
    "bundle.manifest.bad_device_id": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's device id is malformed"),
    "bundle.manifest.bad_signer": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's signer key is malformed"),
    "bundle.manifest.bad_project_id": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's project id is malformed"),
    "bundle.manifest.bad_seq": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's sequence number is malformed"),
    "bundle.manifest.bad_prev": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's previous-bundle hash is malformed"),
    "bundle.manifest.bad_created": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's creation date is malformed"),
    "bundle.manifest.bad_recipients": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's recipient list is malformed"),
    "bundle.manifest.bad_forms": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's form list is malformed"),
    "bundle.manifest.no_records": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's record list is empty or malformed"),
    "bundle.manifest.bad_records": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's record list is malformed"),
    "bundle.manifest.repeated_revision": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest lists the same interview revision twice"),
    "bundle.manifest.bad_payload_hash": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's payload hash is malformed"),
    "bundle.manifest.bad_payload_length": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's payload length is malformed"),
    "bundle.manifest.bad_padding_length": QT_TRANSLATE_NOOP(
        "CoreMessages", "the manifest's padding length is malformed"),
    "bundle.length_mismatch": QT_TRANSLATE_NOOP(
        "CoreMessages", "its length does not match the manifest (truncated or altered)"),
    "bundle.payload_altered": QT_TRANSLATE_NOOP(
        "CoreMessages", "its records do not match the signed manifest (altered)"),
    "bundle.padding_altered": QT_TRANSLATE_NOOP(
        "CoreMessages", "its padding is not zero bytes (altered)"),
    "bundle.records_truncated": QT_TRANSLATE_NOOP(
        "CoreMessages", "its records section is truncated"),
    "bundle.records_unlisted": QT_TRANSLATE_NOOP(
        "CoreMessages", "its records do not match the manifest's record list"),
    "bundle.record.too_large": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} is larger than {limit} bytes"),
    "bundle.record.hash": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} does not match its manifest hash"),
    "bundle.record.fields": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has missing or unknown fields"),
    "bundle.record.not_listed": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} is not the interview revision the manifest lists"),
    "bundle.record.form_not_listed": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} uses a form the manifest does not list"),
    "bundle.record.bad_pseudonym": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a malformed pseudonym"),
    "bundle.record.bad_language": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a malformed language"),
    "bundle.record.bad_started_at": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a malformed started at"),
    "bundle.record.bad_finalized_at": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a malformed finalization time"),
    "bundle.record.bad_answers": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has malformed answers"),
    "bundle.record.bad_field_name": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} names a field with characters fieldapp never writes"),
    "bundle.record.bad_instances": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a malformed list of repeat entries"),
    "bundle.record.bad_answer": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a malformed answer for field {field}"),
    "bundle.record.bad_value_type": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a value of an unknown type for field {field}"),
    "bundle.record.bad_sealed": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has malformed sealed answers"),
    "bundle.record.sealed_unmarked": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "record {n} has a sealed answer for field {field} that its answers do not mark as sealed"),
    "bundle.record.bad_sealed_answer": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a malformed sealed answer for field {field}"),
    "bundle.record.status_contradiction": QT_TRANSLATE_NOOP(
        "CoreMessages", "record {n} has a value that contradicts its status for field {field}"),
    # -- exchange: notices of an import --------------------------------------------------------
    "bundle.notice.already": QT_TRANSLATE_NOOP(
        "CoreMessages", "this bundle was imported before; nothing changed"),
    "bundle.notice.seq_reused": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "device {device} used bundle number {seq} twice (an export cut off before it finished, or "
        "the laptop restored from a backup); its interviews are merged by id and revision, so "
        "nothing is doubled"),
    "bundle.notice.missing_seqs": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "device {device}: {count:bundle number|bundle numbers} {ranges} {count:has|have} not arrived yet"),
    "bundle.notice.missing_seqs_more": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "device {device}: bundle numbers {ranges} and {more:# more range|# more ranges} have not arrived "
        "yet"),
    "bundle.notice.chain_broken": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "device {device}: bundle {seq} does not follow the bundle {prev} imported here (chain broken)"),
    "bundle.notice.conflicts": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{count:# interview|# interviews} arrived with the same revision but different answers; both "
        "versions "
        "are kept for review"),
    "bundle.notice.foreign": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{count:# interview|# interviews} from device {device} {count:is|are} held here as another "
        "device's (or this "
        "computer's) interviews; nothing was changed, their versions are kept for review"),
    "bundle.notice.pseudonyms_replaced": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{count:# pseudonym was|# pseudonyms were} already used by other interviews here and "
        "{count:was|were} replaced"),
    "bundle.notice.device_key_replaced": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "device {device} was recovered: its new key (fingerprint {fingerprint}) is now trusted, and "
        "its old key is refused for any bundle after number {last}"),
    "bundle.notice.device_trusted": QT_TRANSLATE_NOOP(
        "CoreMessages", "device {device} (key fingerprint {fingerprint}) is now trusted"),
    "bundle.notice.receipt_unwritten": QT_TRANSLATE_NOOP(
        "CoreMessages", "the receipt could not be written next to the bundle ({reason})"),
    # -- exchange: what an import did ---------------------------------------------------------
    "bundle.summary.imported": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{bundle}: imported: {new} new, {duplicate} duplicate, {updated} updated, "
        "{conflict:# conflict|# conflicts}, {older:# older revision|# older revisions} (device {device}, "
        "bundle {seq})."),
    "bundle.summary.checked": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{bundle}: can be imported: {new} new, {duplicate} duplicate, {updated} updated, "
        "{conflict:# conflict|# conflicts}, {older:# older revision|# older revisions} (device {device}, "
        "bundle {seq})."),
    "bundle.summary.already": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{bundle}: already imported (bundle {seq} of device {device}); nothing changed."),
    "bundle.import_needs_coordinator": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Bundles are imported into the coordinator's store; this is an interviewer store."),
    "device.unknown": QT_TRANSLATE_NOOP(
        "CoreMessages", "No device {device} is registered here (see `fieldapp devices`)."),
    "device.already_revoked": QT_TRANSLATE_NOOP(
        "CoreMessages", "Device {device} is already revoked."),
    "device.label_invalid": QT_TRANSLATE_NOOP(
        "CoreMessages", "A device label is one line of at most {limit} characters."),
    "device.words_count": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "A device's fingerprint is eight words; {count:# was|# were} given. Read them from the laptop's "
        "Export page."),
    "device.words_unknown": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "\u201c{word}\u201d is not one of the fingerprint words fieldapp uses; check its spelling."),
    "device.words_not_fingerprint": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "These words are on fieldapp's lists but are not the fingerprint of any key (a word misheard "
        "as another, or English and Korean words mixed); read all eight again from the laptop's "
        "Export page, in one language."),
    "device.words_registered": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "These fingerprint words are those of device {device}, which is already registered here."),
    "device.not_expected": QT_TRANSLATE_NOOP(
        "CoreMessages", "No laptop with the fingerprint words {words} is expected here."),
    # -- exchange: export on the field laptop -------------------------------------------------
    "export.needs_interviewer": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Bundles are exported from interviewer stores; this is a coordinator store."),
    "export.not_enrolled": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This laptop is not enrolled yet: give the coordinator's project key file (--to FILE)."),
    "export.nothing": QT_TRANSLATE_NOOP(
        "CoreMessages", "Nothing to export: there are no finalized interviews waiting."),
    "export.media_recording": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "A recording of a finalized interview is still open; stop it before exporting. Nothing "
        "was exported."),
    "export.changed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Interviews changed while exporting; nothing was marked exported. Try again."),
    "export.target_exists": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} already exists; choose a new file name or a folder."),
    "export.write_failed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Could not write the bundle to {path} ({reason}); nothing was marked exported."),
    "export.read_back": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The bundle written to {path} does not read back identically (faulty USB stick?); nothing "
        "was marked exported."),
    "export.resend_not_folder": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is not a folder (is the USB stick plugged in?)."),
    "export.nothing_to_resend": QT_TRANSLATE_NOOP(
        "CoreMessages", "Nothing to send again: every exported bundle has a receipt."),
    # -- exchange: keys -----------------------------------------------------------------------
    "key.device_key_locked": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This store's signing key opens only with its passphrase; lock the store and unlock it "
        "with the passphrase."),
    "key.escrow_offline": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The escrow key C_esc is not in this store: it was written out for offline keeping and "
        "removed (key backup --escrow --remove); use that file."),
    "key.remove_needs_escrow": QT_TRANSLATE_NOOP(
        "CoreMessages", "--remove removes the escrow key only; give --escrow too."),
    "key.no_device_key": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This store has no device signing key yet; open it with this fieldapp version first."),
    "key.not_coordinator": QT_TRANSLATE_NOOP(
        "CoreMessages", "This is not a coordinator store (it holds no project keys)."),
    "key.no_project_key_file": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This coordinator store has no project key file yet; open it with this fieldapp version."),
    "key.invalid_file": QT_TRANSLATE_NOOP(
        "CoreMessages", "That is not a valid project key file ({reason})."),
    "key.swapped_export": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This project key differs from the one this laptop was enrolled with and is not signed by "
        "that coordinator; nothing was exported. Ask the coordinator in person."),
    "key.swapped_pin": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This project key differs from the one this laptop was enrolled with and is not signed by "
        "that coordinator; nothing was pinned. Ask the coordinator in person."),
    "key.words_needed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This laptop has no project key yet, so the key file's fingerprint words must be confirmed "
        "first: they are {words}. Compare them with the words the coordinator reads out{hint}; "
        "nothing was pinned, sealed or removed."),
    "key.words_needed.hint": QT_TRANSLATE_NOOP(
        "CoreMessages",
        " and give them with --words \"WORDS\" (or run the command in a terminal to be asked)"),
    "key.words_mismatch": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The fingerprint words given ({given}) are not those of the project key file ({words}): "
        "the file may have been swapped; nothing was pinned, sealed or removed."),
    "key.words_not_confirmed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The fingerprint words were not confirmed; nothing was pinned, sealed or removed."),
    # -- exchange: receipts -------------------------------------------------------------------
    "receipt.not_receipt": QT_TRANSLATE_NOOP("CoreMessages", "{name} is not a fieldapp receipt."),
    "receipt.forged": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{name} was not signed by the coordinator this laptop is enrolled with (forged or altered); "
        "nothing was removed."),
    "receipt.malformed": QT_TRANSLATE_NOOP("CoreMessages", "{name} is malformed ({reason})."),
    "receipt.bad_field": QT_TRANSLATE_NOOP("CoreMessages", "{name} is malformed (bad {field})."),
    "receipt.unknown_format": QT_TRANSLATE_NOOP(
        "CoreMessages", "{name} is a receipt of an unknown format."),
    "receipt.not_enrolled": QT_TRANSLATE_NOOP(
        "CoreMessages", "This laptop has no pinned project key yet, so it cannot check receipts."),
    "receipt.other_laptop": QT_TRANSLATE_NOOP(
        "CoreMessages", "{name} is a receipt for another laptop or project; nothing was removed."),
    "receipt.sealed_unopened": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{name} is not a receipt for a bundle of this laptop, or it was altered; nothing was removed."),
    "receipt.unknown_bundle": QT_TRANSLATE_NOOP(
        "CoreMessages", "{name} covers a bundle this laptop never exported; nothing was removed."),
    "receipt.different_bytes": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{name} acknowledges different bytes than this laptop sealed; nothing was removed."),
    "receipt.already": QT_TRANSLATE_NOOP(
        "CoreMessages", "Bundle {seq} was already acknowledged; nothing changed."),
    "receipt.applied": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Receipt verified: bundle {seq} ({count:# interview|# interviews}) is safe at the coordinator; its "
        "sealed copy was removed from this laptop."),
    # -- tables -------------------------------------------------------------------------------
    "tables.nothing_to_draw": QT_TRANSLATE_NOOP(
        "CoreMessages", "This table has no answers to draw, so no chart was saved."),
    "tables.bad_min_cell": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The small-cell threshold must be a whole number of at least {least}, not {k}: "
        "with less, nothing would be hidden."),
    "tables.audit_too_slow": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Nothing was exported: one step of the small-cell audit ran for more than {seconds} "
        "seconds. A result cut short by the clock would differ from one made on another "
        "computer, and two different results together can reveal hidden cells. Export fewer "
        "tables at once and try again."),
    "tables.audit_incomplete": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Nothing was exported: the small-cell audit could not prove that {count:# hidden "
        "quantity|# hidden quantities} cannot be worked out from the cells shown. Export fewer "
        "tables or breakdowns at once, or use a larger minimum cell size."),
    "tables.bad_filter": QT_TRANSLATE_NOOP(
        "CoreMessages", "The filter {expression} is not a valid expression: {reason}."),
    "tables.filter_unknown_field": QT_TRANSLATE_NOOP(
        "CoreMessages", "The filter {expression} reads {field}, which this form has no column for."),
    "tables.bad_weight": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The weight field {field} must be a number of at least 0 for every respondent counted "
        "({count:# is|# are} not)."),
    "tables.open_text_where": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "--open-text lists answers that can identify respondents: only in md or html, and never "
        "with --suppress (a file meant to leave the laptop)."),
    "tables.bad_pair": QT_TRANSLATE_NOOP(
        "CoreMessages", "--pair takes two question names joined by a colon (A:B), not {pair}."),
    "tables.bad_by": QT_TRANSLATE_NOOP(
        "CoreMessages", "Cannot break tables down by {field}: this form has no such field."),
    "tables.bad_unit": QT_TRANSLATE_NOOP(
        "CoreMessages", "A repeat level is tabulated over instances or respondents, not {unit}."),
    "tables.by_entry_field": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Tables over respondents are broken down by a respondent's own field; {field} is asked "
        "for each entry of {repeat}."),
    "tables.over_needs_level": QT_TRANSLATE_NOOP(
        "CoreMessages", "--over needs --level REPEAT: the repeat whose entries are counted."),
    "tables.level_option": QT_TRANSLATE_NOOP(
        "CoreMessages", "{option} is not available for the tables of a repeat level."),
    # -- paper import -------------------------------------------------------------------------
    "paper.bad_format": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path}: paper questionnaires are imported from a .csv or .xlsx file."),
    "paper.refused": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source}: {total:# problem|# problems}, nothing was imported: {shown}{more}"),
    "paper.no_rows": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source}: no data rows; nothing was imported."),
    "paper.already_imported": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{source}: this exact file was already imported on {date}; nothing was imported (use "
        "--again to import it once more)."),
    "paper.sheet": QT_TRANSLATE_NOOP("CoreMessages", "{file}, sheet {sheet}"),
    "paper.at_cell": QT_TRANSLATE_NOOP(
        "CoreMessages", "{source}, row {row}, column {column}: {problem}"),
    "paper.at_columns": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{source}, row {row}, columns {columns}: {problem}"),
    "paper.at_row": QT_TRANSLATE_NOOP("CoreMessages", "{source}, row {row}: {problem}"),
    "paper.at_file": QT_TRANSLATE_NOOP("CoreMessages", "{source}: {problem}"),
    "paper.not_utf8": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{source}: the file is not UTF-8 text; save it as CSV UTF-8."),
    "paper.empty_file": QT_TRANSLATE_NOOP("CoreMessages", "{source}: the file is empty."),
    "paper.unreadable_workbook": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{source}: not a readable .xlsx workbook ({reason})."),
    "paper.empty_sheet": QT_TRANSLATE_NOOP("CoreMessages", "{source}: the first sheet is empty."),
    "paper.too_many_rows": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{source}: more than {limit} rows; split the files."),
    "paper.empty_header": QT_TRANSLATE_NOOP("CoreMessages", "the header row is empty"),
    "paper.duplicate_column": QT_TRANSLATE_NOOP(
        "CoreMessages", "the same question as column {other}"),
    "paper.wrong_level": QT_TRANSLATE_NOOP("CoreMessages", "the question belongs in {level}"),
    "paper.level_main": QT_TRANSLATE_NOOP(
        "CoreMessages", "the respondents' table (one row per interview)"),
    "paper.level_repeat": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the table of the repeat {repeat} (one row per entry)"),
    "paper.unknown_column": QT_TRANSLATE_NOOP(
        "CoreMessages", "no question of form {form} has this name"),
    "paper.unknown_level": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no repeat of form {form} has this name, and its first KEY names none either; name the "
        "file or sheet after its repeat"),
    "paper.second_main": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "a second table of respondents (the first is {other}); give one table per level"),
    "paper.level_twice": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "a second table for the repeat {repeat} (the first is {other})"),
    "paper.no_main": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no table of respondents: one file or sheet must hold one row per interview, without a "
        "PARENT_KEY or _parent_index column"),
    "paper.no_parent_table": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the entries of the repeat {repeat} need {parent} too; give that file or sheet as well"),
    "paper.no_parent_column": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the rows of a repeat need a PARENT_KEY (or _parent_index) column naming each entry's "
        "parent row"),
    "paper.no_key_column": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "there is no {column} column, so the rows of {child} cannot be joined to this table"),
    "paper.no_parent_row": QT_TRANSLATE_NOOP("CoreMessages", "no row of {parent} has this key"),
    "paper.wrong_parent_table": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "names another parent table; the repeat {repeat} belongs in {parent}"),
    "paper.duplicate_key": QT_TRANSLATE_NOOP("CoreMessages", "the same key as row {other}"),
    "paper.not_ticked": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "a choice's column holds 1 (chosen), 0 or nothing"),
    "paper.count_differs": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the form gives the repeat {repeat} {expected} entries here; the files give {found}"),
    "paper.required": QT_TRANSLATE_NOOP("CoreMessages", "an answer is required"),
    "paper.required_said": QT_TRANSLATE_NOOP("CoreMessages", "an answer is required: {message}"),
    "paper.constraint": QT_TRANSLATE_NOOP(
        "CoreMessages", "the answer breaks the question's constraint"),
    "paper.constraint_said": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the answer breaks the question's constraint: {message}"),
    "paper.not_applicable": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "answered, but the form's skip logic says this question does not apply here"),
    "paper.not_applicable_many": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "answered, but the form's skip logic says these questions do not apply here"),
    "paper.duplicate_id": QT_TRANSLATE_NOOP("CoreMessages", "same id as row {other}"),
    "paper.not_a_choice": QT_TRANSLATE_NOOP("CoreMessages", "not one of the choices ({choices})"),
    "paper.not_choices": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "one or more of the space-separated names is not a choice of this question"),
    "paper.not_whole_number": QT_TRANSLATE_NOOP("CoreMessages", "not a whole number"),
    "paper.not_a_number": QT_TRANSLATE_NOOP("CoreMessages", "not a number"),
    "paper.not_a_date": QT_TRANSLATE_NOOP("CoreMessages", "not a date (use YYYY-MM-DD)"),
    "paper.not_valid": QT_TRANSLATE_NOOP("CoreMessages", "not a valid value"),
    # -- data read for analysis and export ----------------------------------------------------
    "data.sealed_needs_coordinator": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Sealed answers can be opened only in the coordinator's store; this laptop holds no key "
        "for them."),
    "data.duplicate_pseudonyms": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Two interviews of this form share a pseudonym, so their repeat entries cannot be keyed "
        "apart; nothing was written."),
    "data.no_interviews": QT_TRANSLATE_NOOP(
        "CoreMessages", "There are no finalized interviews of form {form} in this store yet."),
    "data.sealed_unopenable": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "A sealed answer ({field}) of interview {pseudonym} cannot be opened with this store's "
        "decryption key (sealed to another project key?); nothing was exported."),
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


def free_text(message: Message) -> list[str]:
    """The parts of ``message`` (itself or nested) that are free text, shown untranslated."""
    found = [str(message.params.get("text", ""))] if message.code == "text" else []
    for value in message.params.values():
        if isinstance(value, Message):
            found.extend(free_text(value))
    return found


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(message: Message, templates: Mapping[str, str], translate=None) -> str:
    """``message`` rendered with ``templates`` (code -> template); nested messages likewise.

    ``translate`` (the GUI's) maps an English template to the user's language. A missing or
    extra parameter never raises: the sentence is still shown, with the placeholder visible.
    A count picks its English form with ``{count:# question|# questions}`` (decision 0020);
    a translation without plural forms (Korean) writes ``{count}``.
    """
    template = templates.get(message.code, MESSAGES[message.code])
    if translate is not None:
        template = translate(template)
    values = {k: (render(v, templates, translate) if isinstance(v, Message) else _plain(v))
              for k, v in message.params.items()}
    return _FORMATTER.vformat(template, (), _Lenient(values))


def plural(count: int, one: str, many: str) -> str:
    """``1 table`` / ``2 tables``: a count and its English noun, for sentences the command line
    writes without a catalogue entry (decision 0020)."""
    return f"{count} {one if count == 1 else many}"


class _PluralFormatter(string.Formatter):
    """``{n:ONE|MANY}``: ONE when n is 1, else MANY (also when n is not a number: a report kept
    before the count was a parameter), ``#`` in either standing for n."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        one, _, many = format_spec.partition("|")
        form = one if str(value).strip() == "1" else many
        return form.replace("#", str(value))


_FORMATTER = _PluralFormatter()


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
