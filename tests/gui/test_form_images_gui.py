"""The form's question and choice images on the interview page (issue #16).

The images come from the store (installed with the form); a question's is shown above its
answer, a choice's beside it, each scaled to fit a 1366x768 screen, named for screen readers,
in the interview's language with the labels' fallback, and gone from the screen on lock.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from fieldapp.forms.xlsform import read_xlsform
from fieldapp.gui.pages.interview import InterviewPage
from fieldapp.gui.widgets.form_image import CHOICE_BOX, QUESTION_BOX
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.test_form_images import CHOICES, png
from tests.gui.conftest import executor_for
from tests.xlsform_builder import write_xlsform

pytestmark = pytest.mark.gui
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"

SURVEY = """
| type          | name    | label::English (en) | label::Korean (ko) | image::English (en) | image::Korean (ko) |
| select_one yn | consent | Consent             | 동의               | consent-en.png      | consent-ko.png     |
| text          | other   | Other               | 기타               |                     |                    |
"""
#: Colours tell the images apart on screen: English red, Korean blue, a big one green.
IMAGES = {"consent-en.png": (1600, 900, (220, 0, 0)), "consent-ko.png": (300, 200, (0, 0, 220)),
          "yes.png": (400, 400, (0, 160, 0)), "no.png": (50, 30, (90, 90, 90))}


@pytest.fixture()
def image_store(tmp_path):
    path = write_xlsform(tmp_path / "images.xlsx", SURVEY, CHOICES, settings={"form_id": "img_t", "version": "1"})
    (tmp_path / "images-media").mkdir()
    for name, (w, h, rgb) in IMAGES.items():
        (tmp_path / "images-media" / name).write_bytes(png(w, h, rgb))
    store = Store.create(tmp_path / "store", PASSPHRASE, "interviewer")
    add_form(store, read_xlsform(path, require_attachments=True))
    yield store
    if not store.closed:
        store.close()


def _colour(label) -> tuple[int, int, int]:
    image: QImage = label.pixmap().toImage()
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    return c.red(), c.green(), c.blue()


def test_question_and_choice_images_are_shown_scaled_and_named(image_store, qtbot):
    iv = InterviewRepo(image_store).start("img_t", language="en")
    page = InterviewPage(executor_for(image_store), iv)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    w = page.question_widget("consent")
    picture = w.findChild(type(w._label), "q_consent_image")
    assert picture is not None and not picture.isHidden()
    assert _colour(picture) == (220, 0, 0)  # the English image
    size = picture.pixmap().size() / picture.pixmap().devicePixelRatio()
    assert size.width() <= QUESTION_BOX.width() and size.height() <= QUESTION_BOX.height()
    assert abs(size.width() / size.height() - 1600 / 900) < 0.02  # aspect kept
    assert picture.accessibleName() == "Image: Consent"
    # the image sits between the question's words and its choices
    assert w._label.y() < picture.y() < w._box.y()  # w._box: q_consent_options
    yes = w.findChild(type(w._label), "q_consent_img_yes")
    no = w.findChild(type(w._label), "q_consent_img_no")
    assert _colour(yes) == (0, 160, 0) and yes.accessibleName() == "Image: Yes"
    yes_size = yes.pixmap().size() / yes.pixmap().devicePixelRatio()
    assert yes_size.width() <= CHOICE_BOX.width() and yes_size.height() <= CHOICE_BOX.height()
    no_size = no.pixmap().size() / no.pixmap().devicePixelRatio()
    assert (no_size.width(), no_size.height()) == (50, 30)  # small images are not enlarged
    button = w._buttons["yes"]
    assert yes.parentWidget() is button.parentWidget() and yes.x() > button.x()  # beside its choice
    # Korean: the Korean question image; the choice image only in English is shown there too
    page._language.setCurrentIndex(page._language.findData("Korean (ko)"))
    assert _colour(picture) == (0, 0, 220) and picture.accessibleName() == "Image: 동의"
    assert not yes.isHidden() and _colour(yes) == (0, 160, 0)


def test_locking_takes_the_images_off_the_screen(image_store, qtbot):
    iv = InterviewRepo(image_store).start("img_t", language="en")
    page = InterviewPage(executor_for(image_store), iv)
    qtbot.addWidget(page)
    page.show()
    w = page.question_widget("consent")
    picture = w.findChild(type(w._label), "q_consent_image")
    assert not picture.pixmap().isNull()
    page.clear()
    assert picture.pixmap().isNull() and picture.isHidden()
    assert page._images is None


def test_a_question_without_an_image_shows_none(image_store, qtbot):
    iv = InterviewRepo(image_store).start("img_t", language="en")
    iv.set_answer("consent", "no")
    iv.go_next()
    page = InterviewPage(executor_for(image_store), iv)
    qtbot.addWidget(page)
    page.show()
    w = page.question_widget("other")
    assert w is not None
    assert w.findChild(type(w._label), "q_other_image").isHidden()
