"""The form's own images on the interview page (issue #16): a question's above its answer,
a choice's beside it.

``FormImages`` reads an image from the store (``ops.forms.form_image``: the files were
installed with the form, inside the encrypted store) and decodes it in memory once per
page; the interview page gives one to each question widget (``set_form_images``) and drops
it on lock, with every decoded picture. ``fit`` scales a picture to a box in logical pixels
(never larger than it is), sharp on a HiDPI screen: a question's image fits in
``QUESTION_BOX`` so a 1366x768 screen still shows the question and its choices beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.ops import forms as ops_forms

#: The largest a question's image is shown (logical pixels): the width of the question
#: column at 1366x768, and a third of the page's height.
QUESTION_BOX = QSize(640, 220)
#: The largest a choice's image is shown beside its label.
CHOICE_BOX = QSize(120, 72)


class FormImages:
    """The images of one form, decoded on first use; ``clear`` forgets them all."""

    def __init__(self, store, form) -> None:
        self._store = store
        self._form = form
        self._cache: dict[str, QPixmap | None] = {}

    def pixmap(self, name: str) -> QPixmap | None:
        """The picture ``name`` (a file of the form's media), or None if it cannot be shown."""
        if not name or self._store is None:
            return None
        if name not in self._cache:
            data = None if self._store.closed else ops_forms.form_image(self._store, self._form, name)
            pix = QPixmap()
            self._cache[name] = pix if data and pix.loadFromData(data) else None
        return self._cache[name]

    def clear(self) -> None:
        self._cache.clear()
        self._store = None


def fit(pix: QPixmap, box: QSize, ratio: float) -> QPixmap:
    """``pix`` scaled to fit ``box`` (logical pixels, aspect kept, never enlarged), drawn at
    the screen's device pixel ratio."""
    size = pix.size() / max(pix.devicePixelRatio(), 1.0)
    if size.width() > box.width() or size.height() > box.height():
        size = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    out = pix.scaled(size * ratio, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    out.setDevicePixelRatio(ratio)
    return out


def show_image(label: QLabel, images: FormImages | None, name: str, box: QSize, accessible: str) -> None:
    """Show the image ``name`` in ``label`` (hidden when there is none), named ``accessible``
    for screen readers (the caller's translated "Image: <label or file name>")."""
    pix = images.pixmap(name) if images is not None else None
    if pix is None:
        label.clear()
        label.hide()
        return
    label.setPixmap(fit(pix, box, label.devicePixelRatioF()))
    label.setAccessibleName(accessible)
    label.show()


def image_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.hide()
    return label
