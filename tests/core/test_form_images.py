"""Question and choice images of a form (issue #16): read, checked, installed inside the store.

The ``image`` / ``image::<language>`` / ``media::image`` columns of the survey and choices
sheets name files shipped with the form (ODK: a ``<form>-media`` folder beside the
workbook). They are kept in the encrypted store with the form, never in a bundle.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from fieldapp.errors import FormErrors, UserFacingError
from fieldapp.forms.media_files import media_data
from fieldapp.forms.serialize import form_from_json, form_to_json
from fieldapp.forms.xlsform import form_warnings, read_xlsform
from fieldapp.store import Store
from fieldapp.store.forms import add_form, form_media_file, get_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing
from tests.xlsform_builder import write_xlsform

SURVEY = """
| type          | name    | label::English (en) | label::Korean (ko) | image::English (en) | image::Korean (ko) | media::image |
| select_one yn | consent | Consent             | 동의               | consent-en.png      | consent-ko.png     |              |
| note          | map     | Where               | 어디               |                     |                    | map.png      |
| text          | other   | Other               | 기타               |                     |                    |              |
"""
CHOICES = """
| list_name | name | label::English (en) | label::Korean (ko) | image::English (en) | image  |
| yn        | yes  | Yes                 | 예                 | yes.png             |        |
| yn        | no   | No                  | 아니오             |                     | no.png |
"""
CANARY = b"FORM-IMAGE-CANARY-3b9e1c"
FILES = ("consent-en.png", "consent-ko.png", "map.png", "yes.png", "no.png")


def png(width: int, height: int, rgb: tuple[int, int, int], extra: bytes = b"") -> bytes:
    """A valid PNG of one colour; ``extra`` bytes follow its end (decoders ignore them)."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"") + extra)


def image_form(folder: Path, files=FILES, media_folder: str | None = "images-media") -> Path:
    """The workbook ``images.xlsx`` and, in ``media_folder`` beside it, ``files`` (each a PNG
    with the canary after its end)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = write_xlsform(folder / "images.xlsx", SURVEY, CHOICES, settings={"form_id": "img_t", "version": "1"})
    if media_folder is not None:
        media = folder / media_folder
        media.mkdir(exist_ok=True)
        for n, name in enumerate(files):
            (media / name).write_bytes(png(60 + n, 40, (200, 20 * n, 40), CANARY + name.encode()))
    return path


def test_images_are_read_per_language_with_fallback_like_labels(tmp_path):
    form = read_xlsform(image_form(tmp_path), require_attachments=True)
    consent = form.question("consent")
    assert consent.image("English (en)") == "consent-en.png"
    assert consent.image("Korean (ko)") == "consent-ko.png"
    assert form.question("map").image("Korean (ko)") == "map.png"  # a plain column: every language
    assert form.question("other").image("English (en)") == ""
    yes, no = form.choices_for(consent).choices
    assert yes.image("Korean (ko)") == "yes.png"  # only in English: shown in Korean too, as labels fall back
    assert no.image("English (en)") == "no.png"
    assert set(form.media) == set(FILES)
    folder = tmp_path / "images-media"
    assert form.media["map.png"] == hashlib.sha256((folder / "map.png").read_bytes()).hexdigest()
    assert media_data(form)["yes.png"] == (folder / "yes.png").read_bytes()
    # The definition keeps the names and digests, never the bytes; the round trip is exact.
    text = form_to_json(form)
    assert CANARY.decode() not in text
    assert form_from_json(text) == form


def test_a_changed_image_is_a_changed_form(tmp_path):
    path = image_form(tmp_path)
    before = read_xlsform(path).source_sha256
    (tmp_path / "images-media" / "no.png").write_bytes(png(9, 9, (1, 2, 3)))
    assert read_xlsform(path).source_sha256 != before


def test_a_form_without_images_keeps_its_definition_text(tmp_path):
    path = write_xlsform(tmp_path / "plain.xlsx", "| type | name | label |\n| text | t | T |")
    text = form_to_json(read_xlsform(path))
    assert '"images"' not in text and '"media"' not in text


def test_the_images_are_found_beside_the_workbook_or_in_the_folder_given(tmp_path):
    beside = image_form(tmp_path / "a", media_folder=".")
    assert set(read_xlsform(beside, require_attachments=True).media) == set(FILES)
    elsewhere = image_form(tmp_path / "b", media_folder="pictures")
    assert set(read_xlsform(elsewhere, media=tmp_path / "b" / "pictures", require_attachments=True).media) \
        == set(FILES)


def test_form_check_names_each_missing_image_by_sheet_row_and_column(tmp_path):
    path = image_form(tmp_path, files=("consent-en.png", "map.png", "yes.png"))
    form = read_xlsform(path)  # form check: ODK accepts a form whose media come apart
    warnings = [w.english() for w in form_warnings(form)]
    assert any("[sheet survey, row 2] column image::Korean (ko): the image consent-ko.png is not in" in w
               for w in warnings)
    assert any("[sheet choices, row 3] column image: the image no.png is not in" in w for w in warnings)
    assert [w.code for w in form_warnings(form) if "image" in w.english()] == ["form.at_row"] * 2
    with pytest.raises(FormErrors) as info:  # form add: it cannot be installed without them
        read_xlsform(path, require_attachments=True)
    located = [(e.code, e.sheet, e.row, e.problem.code, e.problem.params["column"]) for e in info.value.errors]
    assert located == [("missing-media", "survey", 2, "form.media_missing", "image::Korean (ko)"),
                       ("missing-media", "choices", 3, "form.media_missing", "image")]


def test_a_file_that_is_not_an_image_or_names_a_folder_is_refused(tmp_path):
    path = image_form(tmp_path)
    (tmp_path / "images-media" / "map.png").write_bytes(b"%PDF-1.4 not a picture")
    with pytest.raises(FormErrors) as info:
        read_xlsform(path)
    assert [(e.code, e.sheet, e.row) for e in info.value.errors] == [("media-not-image", "survey", 3)]
    bad = write_xlsform(tmp_path / "bad.xlsx", "| type | name | label | image |\n| note | n | N | ../secret.png |")
    with pytest.raises(FormErrors) as info:
        read_xlsform(bad)
    assert [(e.code, e.row) for e in info.value.errors] == [("bad-media-name", 2)]


def test_installed_images_live_inside_the_encrypted_store_and_verify_checks_them(tmp_path):
    form = read_xlsform(image_form(tmp_path / "src"), require_attachments=True)
    folder = tmp_path / "store"
    with Store.create(folder, PASSPHRASE, "interviewer") as store:
        assert add_form(store, form)
        assert add_form(store, read_xlsform(tmp_path / "src" / "images.xlsx", require_attachments=True)) is False
        stored = get_form(store, "img_t", "1")
        assert stored.media == form.media
        assert form_media_file(store, "img_t", "1", "yes.png") == (tmp_path / "src" / "images-media" / "yes.png").read_bytes()
        assert form_media_file(store, "img_t", "1", "absent.png") is None
        assert store.verify() == []
        with store.transaction() as conn:  # an image altered inside the database
            conn.execute("UPDATE form_media SET data = ? WHERE name = 'map.png'", (png(2, 2, (0, 0, 0)),))
        assert store.verify() == ["form img_t version 1: its image map.png is not the file installed"]
        with store.transaction() as conn:
            conn.execute("DELETE FROM form_media WHERE name = 'map.png'")
        assert store.verify() == ["form img_t version 1: its image map.png is missing"]
    assert files_containing(folder, [CANARY]) == []


def test_a_form_read_back_without_its_images_is_not_installed_elsewhere(tmp_path):
    form = read_xlsform(image_form(tmp_path / "src"), require_attachments=True)
    with Store.create(tmp_path / "a", PASSPHRASE, "interviewer") as a:
        add_form(a, form)
        again = get_form(a, "img_t")
    with Store.create(tmp_path / "b", PASSPHRASE, "interviewer") as b:
        with pytest.raises(UserFacingError) as info:
            add_form(b, again)
        assert info.value.code == "form.media_not_given"
        assert b.conn.execute("SELECT count(*) FROM forms").fetchone()[0] == 0


def test_bundles_carry_answers_not_the_form_images(tmp_path):
    from fieldapp.exchange.export import export_bundle
    from fieldapp.exchange.importer import import_bundles
    from fieldapp.exchange.keys import project_key_file
    from fieldapp.store import keys
    from tests.core.test_exchange_support import key_words, words_of

    form = read_xlsform(image_form(tmp_path / "src"), require_attachments=True)
    coord, laptop, stick = tmp_path / "coord", tmp_path / "laptop", tmp_path / "stick"
    stick.mkdir()
    with Store.create(coord, PASSPHRASE, "coordinator") as c:
        add_form(c, form)
        with c.reading() as conn:
            project_key = project_key_file(conn)
            identity = keys.coordinator_keys(conn).enc_identity
    with Store.create(laptop, PASSPHRASE, "interviewer") as d:
        add_form(d, form)
        repo = InterviewRepo(d)
        iv = repo.start("img_t", language="ko")
        iv.set_answer("consent", "yes")
        iv.set_answer("other", "answer-text")
        repo.finalize(iv)
        path = export_bundle(d, stick, project_key, words=key_words(project_key)).path
    inner = pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(identity)])
    assert b"answer-text" in inner
    assert CANARY not in inner and b"\x89PNG" not in inner
    with Store.open(coord, PASSPHRASE) as c:
        report = import_bundles(c, [path], trust=[words_of(laptop)])[0]
        assert report.ok, report.summary()
        assert form_media_file(c, "img_t", "1", "map.png") is not None  # the coordinator's own copy


def test_attached_files_are_found_in_the_media_folder_too(tmp_path):
    """ODK Collect keeps every file of a form's media in ``<form>-media``: an external choice
    list there is found like the images (beside the workbook still comes first)."""
    path = write_xlsform(tmp_path / "ext.xlsx", "| type | name | label |\n| select_one_from_file places.csv | p | P |")
    (tmp_path / "ext-media").mkdir()
    (tmp_path / "ext-media" / "places.csv").write_text("name,label\nseoul,Seoul\n", encoding="utf-8")
    form = read_xlsform(path, require_attachments=True)
    assert [c.name for c in form.choices_for(form.question("p")).choices] == ["seoul"]
    (tmp_path / "places.csv").write_text("name,label\nbusan,Busan\n", encoding="utf-8")
    form = read_xlsform(path, require_attachments=True)
    assert [c.name for c in form.choices_for(form.question("p")).choices] == ["busan"]
