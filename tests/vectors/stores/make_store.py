"""Make the frozen store for the CURRENT schema version (run once per new version, never again).

    PYTHONPATH=src python tests/vectors/stores/make_store.py

Writes tests/vectors/stores/v<N>/ with the reference questionnaire, one finalized interview
and one draft, made with cheap test KDF parameters and the passphrase in README.md.
tests/core/test_migrations.py opens every frozen store with today's code.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"

from fieldapp.engine.simulate import simulate  # noqa: E402
from fieldapp.forms.xlsform import read_xlsform  # noqa: E402
from fieldapp.resources import reference_questionnaire  # noqa: E402
from fieldapp.store import Store, schema  # noqa: E402
from fieldapp.store.forms import add_form  # noqa: E402
from fieldapp.store.interviews import InterviewRepo  # noqa: E402

PASSPHRASE = "frozen-vector-store-passphrase-not-secret"


def main() -> int:
    version = schema.latest_version()
    target = Path(__file__).resolve().parent / f"v{version}"
    if target.exists():
        print(f"{target} exists: frozen stores are never regenerated", file=sys.stderr)
        return 1
    form = read_xlsform(reference_questionnaire())
    with Store.create(target, PASSPHRASE, "coordinator") as store:
        add_form(store, form)
        repo = InterviewRepo(store)
        done = repo.start(form.form_id, language="ko")
        simulate(form, random.Random(2017), fixed={"consent": "yes", "age": 44, "anything_else": "frozen"},
                 skip_rate=0.0, interview=done)
        repo.finalize(done)
        draft = repo.start(form.form_id, language="en")
        draft.set_answer("consent", "yes")
        if version >= 3:
            _add_roster_interviews(store, repo)
        if version >= 4:
            _add_device_registry(store)
        if version >= MEDIA_VERSION:
            _add_media_interviews(store, repo)
        if version >= FORM_MEDIA_VERSION:
            _add_form_images(store, repo)
        if version >= schema.RECORDING_CHOICES_VERSION:
            # the interviewer stopped the draft's background recording (decision 0021)
            from fieldapp.store.media import set_recording_choice

            set_recording_choice(store, draft.id, "stopped")
    (target / "store.lock").unlink()
    print(f"wrote {target}")
    return 0


#: From schema v3 on (repeat groups, issue #13): a small roster form and three interviews
#: with 2, 0 and (a draft) 1 family members; tests/core/test_migrations.py checks them.
ROSTER_SURVEY = [
    ["type", "name", "label", "repeat_count"],
    ["begin repeat", "members", "Family member", ""],
    ["select_one rel", "relation", "Relation", ""],
    ["integer", "age", "Age", ""],
    ["begin repeat", "episodes", "Detention", ""],
    ["integer", "year", "Year", ""],
    ["end repeat", "", "", ""],
    ["end repeat", "", "", ""],
    ["calculate", "n_members", "", ""],
]
ROSTER_CHOICES = [["list_name", "name", "label"], ["rel", "mother", "Mother"], ["rel", "sibling", "Sibling"]]


def _add_roster_interviews(store, repo) -> None:
    import tempfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "survey"
    for row in ROSTER_SURVEY:
        wb.active.append(row)
    wb.active.cell(row=len(ROSTER_SURVEY), column=5, value="count(${members})")
    wb.active.cell(row=1, column=5, value="calculation")
    choices = wb.create_sheet("choices")
    for row in ROSTER_CHOICES:
        choices.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["roster_fixture", "1"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.xlsx"
        wb.save(path)
        form = read_xlsform(path)
    add_form(store, form)
    two = repo.start("roster_fixture")
    two.set_answer("members[1]/relation", "mother")
    two.set_answer("members[1]/age", 71)
    two.remove_instance("members[1]/episodes[1]")
    two.add_instance("members")
    two.set_answer("members[2]/relation", "sibling")
    two.set_answer("members[2]/age", 40)
    two.add_instance("episodes", "members[2]")
    two.set_answer("members[2]/episodes[1]/year", 2009)
    repo.finalize(two)
    none = repo.start("roster_fixture")
    none.remove_instance("members[1]")
    repo.finalize(none)
    draft = repo.start("roster_fixture")
    draft.set_answer("members[1]/relation", "sibling")


#: From schema v4 on (issue #17, findings 5 and 10): a laptop announced by its fingerprint
#: words, and a registered laptop that was recovered (its old key retired after bundle 3).
OLD_KEY, NEW_KEY, ANNOUNCED_KEY = bytes(range(32)), bytes(range(32, 64)), bytes(range(64, 96))


def _add_device_registry(store) -> None:
    from fieldapp.crypto.words import fingerprint_words
    from fieldapp.store import devices

    with store.transaction() as conn:
        devices.expect(conn, fingerprint_words(ANNOUNCED_KEY), "Seoul team, laptop 3", "", "2026-12-01T12:00:00Z")
        devices.register(conn, "d" * 32, OLD_KEY, "2026-12-01T12:00:00Z", "Busan laptop")
        devices.advance(conn, "d" * 32, 3, "ab" * 32)
        devices.replace_key(conn, "d" * 32, NEW_KEY, 3, "2026-12-01T12:30:00Z")


MEDIA_VERSION = getattr(schema, "MEDIA_VERSION", 10**6)  # absent before issue #16
#: From the media schema version on: a form with a photo and an audio question, one draft
#: holding a photo (bytes below) and one finalized interview holding 3 chunks of audio.
MEDIA_SURVEY = [
    ["type", "name", "label"],
    ["text", "note_text", "Note"],
    ["image", "photo", "Photo"],
    ["audio", "testimony", "Testimony"],
]
PHOTO_BYTES = bytes(range(256)) * 5


def _add_media_interviews(store, repo) -> None:
    import tempfile

    import openpyxl

    from fieldapp.store.media import MediaWriter

    wb = openpyxl.Workbook()
    wb.active.title = "survey"
    for row in MEDIA_SURVEY:
        wb.active.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["media_fixture", "1"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "media.xlsx"
        wb.save(path)
        form = read_xlsform(path)
    add_form(store, form)
    final = repo.start("media_fixture")
    final.set_answer("note_text", "with audio")
    audio = MediaWriter(store, final.id, "testimony", "audio", "audio/ogg", ".ogg").begin()
    for n in range(3):
        audio.write(bytes([n]) * 1000)
    audio.finish()
    repo.finalize(final)
    draft = repo.start("media_fixture")
    photo = MediaWriter(store, draft.id, "photo", "image", "image/png", ".png").begin()
    photo.write(PHOTO_BYTES)
    photo.finish()


FORM_MEDIA_VERSION = getattr(schema, "FORM_MEDIA_VERSION", 10**6)  # absent before form images
#: From the form-images schema version on: a form whose question and choice show images
#: (files in its -media folder, installed with it), and a draft answering it.
IMAGES_SURVEY = [["type", "name", "label", "image"], ["select_one yn", "ok", "Agree?", "question.png"]]
IMAGES_CHOICES = [["list_name", "name", "label", "image"], ["yn", "yes", "Yes", "yes.png"], ["yn", "no", "No", ""]]
#: A 1x1 PNG followed by a marker: the frozen image's bytes, checked byte for byte.
IMAGE_BYTES = (bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408"
                             "d763f8cfc000000301010018dd8db00000000049454e44ae426082") + b"frozen-image-")


def _add_form_images(store, repo) -> None:
    import tempfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "survey"
    for row in IMAGES_SURVEY:
        wb.active.append(row)
    choices = wb.create_sheet("choices")
    for row in IMAGES_CHOICES:
        choices.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["images_fixture", "1"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "images.xlsx"
        wb.save(path)
        (Path(tmp) / "images-media").mkdir()
        for name in ("question.png", "yes.png"):
            (Path(tmp) / "images-media" / name).write_bytes(IMAGE_BYTES + name.encode())
        form = read_xlsform(path, require_attachments=True)
    add_form(store, form)
    draft = repo.start("images_fixture")
    draft.set_answer("ok", "yes")


if __name__ == "__main__":
    sys.exit(main())
