"""The registry of question widgets: question type -> the widget that shows and collects it.

``widget_for(question, choices, language)`` is the only way pages make question widgets,
so a new question type is one ``register`` call, and every widget has the interface of
``QuestionWidget`` (set_value, value, sig_value_changed, set_issue, set_language).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from fieldapp.gui.widgets.base import QuestionWidget
from fieldapp.gui.widgets.choice import (
    LONG_LIST,
    CheckChoiceWidget,
    ComboChoiceWidget,
    ListChoiceWidget,
    RadioChoiceWidget,
)
from fieldapp.gui.widgets.clock import DateTimeWidget, TimeWidget
from fieldapp.gui.widgets.device import (
    AcknowledgeWidget,
    BarcodeWidget,
    NotRecordedWidget,
    PointsWidget,
    PointWidget,
)
from fieldapp.gui.widgets.entry import (
    DateWidget,
    MultilineTextWidget,
    NoteWidget,
    NumberWidget,
    TextWidget,
)
from fieldapp.gui.widgets.rank import RankWidget
from fieldapp.gui.widgets.scale import RangeWidget
from fieldapp.ops.model import Choice, Question

Factory = Callable[[Question, "list[Choice] | None", str, "QWidget | None"], QuestionWidget]

_REGISTRY: dict[str, Factory] = {}


def register(question_type: str, factory: Factory) -> None:
    """Make ``factory`` the widget for ``question_type`` (replacing any earlier one)."""
    _REGISTRY[question_type] = factory


def registered_types() -> tuple[str, ...]:
    return tuple(sorted(_REGISTRY))


def widget_for(question: Question, choices: list[Choice] | None, language: str,
               parent: QWidget | None = None) -> QuestionWidget:
    """The widget for ``question`` showing ``choices`` (selects) in the form language ``language``."""
    try:
        factory = _REGISTRY[question.type]
    except KeyError:
        raise LookupError(
            f"No question widget for type {question.type!r} (question {question.name}); "
            f"known types: {', '.join(registered_types())}") from None
    return factory(question, choices, language, parent)


def _select_one(question: Question, choices, language: str, parent) -> QuestionWidget:
    appearance = set(question.appearance.split())
    if "minimal" in appearance:
        return ComboChoiceWidget(question, choices, language, parent)
    if "autocomplete" in appearance or len(choices or ()) > LONG_LIST:
        return ListChoiceWidget(question, choices, language, parent)
    return RadioChoiceWidget(question, choices, language, parent)


def _text(question: Question, choices, language: str, parent) -> QuestionWidget:
    if "multiline" in question.appearance.split():
        return MultilineTextWidget(question, choices, language, parent)
    return TextWidget(question, choices, language, parent)


register("select_one", _select_one)
register("select_multiple", CheckChoiceWidget)
register("integer", NumberWidget)
register("decimal", NumberWidget)
register("text", _text)
register("date", DateWidget)
register("note", NoteWidget)
register("time", TimeWidget)
register("dateTime", DateTimeWidget)
register("range", RangeWidget)
register("rank", RankWidget)
register("barcode", BarcodeWidget)
register("acknowledge", AcknowledgeWidget)


# Locations: typed coordinates where the form opts in (appearance typed-coordinates), else a
# note that a laptop does not record them (the engine stores them as not applicable).
def _location(question: Question, choices, language: str, parent) -> QuestionWidget:
    if not question.typed_location:
        return NotRecordedWidget(question, choices, language, parent)
    if question.type == "geopoint":
        return PointWidget(question, choices, language, parent)
    return PointsWidget(question, choices, language, parent)


for _geo in ("geopoint", "geotrace", "geoshape"):
    register(_geo, _location)
# osm (an OpenMapKit feature) is never recorded on a laptop: a note. Media questions (issue
# #16) are recorded or attached into the encrypted store (fieldapp.gui.widgets.media); the
# interview page binds them to the interview with ``bind_media``.
register("osm", NotRecordedWidget)


def _media_widgets() -> None:
    from fieldapp.gui.widgets.media import AttachWidget, RecorderWidget

    for audio in ("audio", "background-audio"):
        register(audio, RecorderWidget)
    for attached in ("image", "video", "file"):
        register(attached, AttachWidget)


_media_widgets()

__all__ = ["QuestionWidget", "register", "registered_types", "widget_for"]
