"""Questions a phone answers with its hardware, on a laptop that has none (issue #15).

- **Locations** (geopoint, geotrace, geoshape). A laptop has no GPS, and a respondent's
  location is dangerous to keep (docs/forms.md): the question is shown with a plain note that
  the location is not recorded on this laptop, and the engine stores it as not applicable.
  Where the form opts in (appearance ``typed-coordinates``) the coordinates are typed instead,
  ODK Collect's manual entry on a device without GPS: latitude and longitude boxes for a
  point, one point per line for a trace or a shape.
- **Media** (image, audio, video, file …): a note that it is not recorded on this laptop, so
  the page works; capturing media belongs to the media screens (issue #16), which replace
  this widget by registering their own.
- **barcode**: typed text (no scanner), said so beside the box.
- **acknowledge**: one "OK" check box (ODK's trigger), stored as ``OK``.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from fieldapp.gui.theme import hint_style
from fieldapp.gui.widgets.base import QuestionWidget
from fieldapp.gui.widgets.entry import NoteWidget, TextWidget

_COORDINATE_RE = r"-?\d{0,3}([.,]\d{0,10})?"
MEDIA_KINDS = ("image", "audio", "video", "file", "osm", "background-audio")


def _note_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(hint_style())
    return label


class NotRecordedWidget(NoteWidget):
    """A location or media question a laptop does not record: the label and why nothing is asked."""

    def _build_editor(self) -> QWidget | None:
        super()._build_editor()
        self._note = _note_label(self, f"q_{self.question.name}_not_recorded")
        return self._note

    def note_text(self) -> str:
        return self._note.text()

    def _relabel(self) -> None:
        t = self.question.type
        if t in ("geopoint", "geotrace", "geoshape"):
            text = self.tr("The location is not recorded on this laptop (it has no GPS, and a "
                           "respondent's location is not kept). Go on to the next question.")
        elif t in ("audio", "background-audio"):
            text = self.tr("Recordings are not made on this laptop. Go on to the next question.")
        elif t in ("image", "video"):
            text = self.tr("Photos and videos are not taken on this laptop. Go on to the next question.")
        else:
            text = self.tr("Files are not attached on this laptop. Go on to the next question.")
        self._note.setText(text)


class PointWidget(QuestionWidget):
    """geopoint with typed coordinates: latitude and longitude in decimal degrees."""

    def _build_editor(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self._lat_label = QLabel(box)
        self._lat = self._number_edit(box, "lat")
        self._lon_label = QLabel(box)
        self._lon = self._number_edit(box, "lon")
        self._lat_label.setBuddy(self._lat)
        self._lon_label.setBuddy(self._lon)
        for w in (self._lat_label, self._lat, self._lon_label, self._lon):
            row.addWidget(w)
        row.addStretch(1)
        return box

    def _number_edit(self, box: QWidget, part: str) -> QLineEdit:
        edit = QLineEdit(box)
        edit.setObjectName(f"q_{self.question.name}_{part}")
        edit.setProperty("fieldapp_option", True)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(_COORDINATE_RE), edit))
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("-000.0000000") + 24)
        edit.textEdited.connect(self._on_edit_text_edited)
        edit.editingFinished.connect(self._editing_finished)
        return edit

    def editors(self) -> list[QWidget]:
        return [self._lat, self._lon]

    def value(self) -> Any:
        lat, lon = (e.text().strip().replace(",", ".") for e in (self._lat, self._lon))
        if not lat and not lon:
            return None
        return f"{lat} {lon}".strip()  # one number alone is refused by the engine, and said so

    def _show_value(self, value: Any) -> None:
        parts = str(value).split() if value not in (None, "") else []
        self._lat.setText(parts[0] if parts else "")
        self._lon.setText(parts[1] if len(parts) > 1 else "")

    def _relabel(self) -> None:
        self._lat_label.setText(self.tr("Latitude:"))
        self._lon_label.setText(self.tr("Longitude:"))
        self._lat.setPlaceholderText("37.5665")
        self._lon.setPlaceholderText("126.9780")
        self._lat.setAccessibleName(self.tr("Latitude of: {question}").format(question=self.label_text()))
        self._lon.setAccessibleName(self.tr("Longitude of: {question}").format(question=self.label_text()))
        tip = self.tr("Decimal degrees; south and west are negative")
        self._lat.setToolTip(tip)
        self._lon.setToolTip(tip)

    def _on_edit_text_edited(self, _text: str) -> None:
        self._changed_soon()


class PointsWidget(QuestionWidget):
    """geotrace / geoshape with typed coordinates: one ``latitude longitude`` point a line."""

    def _build_editor(self) -> QWidget:
        box = QWidget(self)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self._edit = QPlainTextEdit(box)
        self._edit.setObjectName(f"q_{self.question.name}_points")
        self._edit.setTabChangesFocus(True)
        self._edit.setMinimumHeight(self._edit.fontMetrics().lineSpacing() * 5 + 12)
        self._edit.textChanged.connect(self._on_edit_text_changed)
        self._edit.installEventFilter(self)
        layout.addWidget(self._edit, 1)
        self._format = _note_label(box, f"q_{self.question.name}_format")
        layout.addWidget(self._format, 1)
        return box

    def editors(self) -> list[QWidget]:
        return [self._edit]

    def value(self) -> Any:
        lines = [re.sub(r"[,\s]+", " ", line).strip() for line in self._edit.toPlainText().splitlines()]
        points = [line for line in lines if line]
        return ";".join(points) if points else None

    def _show_value(self, value: Any) -> None:
        text = "" if value in (None, "") else "\n".join(p.strip() for p in str(value).split(";"))
        self._edit.setPlainText(text)

    def _relabel(self) -> None:
        text = self.tr("One point a line: latitude and longitude in decimal degrees, for "
                       "example 37.5665 126.9780.")
        if self.question.type == "geoshape":
            text += " " + self.tr("A shape has three corners or more and ends with its first point again.")
        else:
            text += " " + self.tr("A line has two points or more.")
        self._format.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _on_edit_text_changed(self) -> None:
        self._changed_soon()


class BarcodeWidget(TextWidget):
    """barcode: the code typed from the label (a laptop has no scanner)."""

    def _build_editor(self) -> QWidget:
        edit = super()._build_editor()
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        edit.setParent(box)
        row.addWidget(edit, 1)
        self._note = _note_label(box, f"q_{self.question.name}_no_scanner")
        row.addWidget(self._note, 1)
        return box

    def _relabel(self) -> None:
        self._note.setText(self.tr("No scanner on this laptop: type the code as printed."))


class AcknowledgeWidget(QuestionWidget):
    """acknowledge: one "OK" box; ticked is the answer ``OK``, unticked no answer."""

    def _build_editor(self) -> QWidget:
        self._box = QCheckBox(self)
        self._box.setObjectName(f"q_{self.question.name}_ok")
        self._box.setProperty("fieldapp_option", True)
        self._box.clicked.connect(self._on_box_clicked)
        return self._box

    def editors(self) -> list[QWidget]:
        return [self._box]

    def value(self) -> Any:
        return "OK" if self._box.isChecked() else None

    def _show_value(self, value: Any) -> None:
        self._box.setChecked(value not in (None, ""))

    def _relabel(self) -> None:
        self._box.setText(self.tr("OK"))
        self._box.setAccessibleName(self.tr("OK: {question}").format(question=self.label_text()))

    def _on_box_clicked(self, _checked: bool) -> None:
        self._changed_now()
