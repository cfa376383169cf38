"""Fonts and the few style choices of the app: the bundled Korean font and the base font size.

Korean must render on a laptop whose OS has no Hangul font (a fresh Windows or Linux
install in English), otherwise every Korean label is a row of empty boxes. We bundle
NanumGothic (OFL, resources/fonts/OFL.txt) and register it only when no installed font
covers Hangul, or always when ``force`` is set (screenshots, which must look the same on
every machine).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication

from fieldapp.resources import resource

BUNDLED_FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
BUNDLED_FAMILY = "NanumGothic"
# A Korean label set in a tiny font is hard to read across a table; 10 pt is Qt's usual
# default on Windows, and some Linux desktops report 9.
MIN_POINT_SIZE = 10

_registered: str | None = None
#: The platform's own font, before any text size was applied (scales start from it).
_system_font: QFont | None = None


def system_has_hangul_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.Korean))


def register_bundled_font() -> str | None:
    """Add the bundled NanumGothic to the application fonts; its family name, or None if missing."""
    global _registered
    if _registered:
        return _registered
    family = None
    for name in BUNDLED_FONT_FILES:
        path = resource("fonts", name)
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    _registered = family
    return family


def apply_fonts(app: QApplication, force_bundled: bool = False, scale: float = 1.0) -> str | None:
    """Make Hangul render (the bundled font becomes the fallback after the platform's font) at
    the text size ``scale`` times the platform's (the "larger text" setting).

    Returns the family that was added, or None when the system font already covers Korean.
    """
    global _system_font
    if _system_font is None:
        _system_font = QFont(app.font())
    font = QFont(_system_font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(font.pointSizeF(), MIN_POINT_SIZE) * scale)
    added = None
    if force_bundled or not system_has_hangul_font():
        added = register_bundled_font()
    if added:
        base = font.family()
        # Forced (screenshots): NanumGothic first, so Latin and Hangul match on every machine.
        font.setFamilies([added, base] if force_bundled else [base, added])
    app.setFont(font)
    return added


def pseudonym_font(base: QFont) -> QFont:
    """The big monospace-like face used to show a pseudonym the interviewer copies to paper."""
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF(), MIN_POINT_SIZE) * 2.2)
    font.setBold(True)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
    return font


def focus_colour(palette: QPalette) -> QColor:
    """A light tint of the highlight colour: the background of the focused option."""
    high, base = palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.Base)
    mix = 0.22
    return QColor(round(base.red() + (high.red() - base.red()) * mix),
                  round(base.green() + (high.green() - base.green()) * mix),
                  round(base.blue() + (high.blue() - base.blue()) * mix))


def style_sheet(font: QFont, palette: QPalette) -> str:
    """The app's few style rules (issue #15): radio buttons and check boxes with large targets
    (the indicator grows with the text, the whole padded row takes the click) and a focused
    option that stands out without Qt's thin dotted ring, which Qt draws only after a Tab."""
    line = QFontMetrics(font).height()
    box = max(18, round(line * 1.15))
    pad = max(3, round(line * 0.2))
    focus = focus_colour(palette).name()
    return (
        f"QRadioButton, QCheckBox {{ padding: {pad}px {pad * 2}px; border-radius: 4px; spacing: {pad * 2}px; }}\n"
        f"QRadioButton::indicator, QCheckBox::indicator {{ width: {box}px; height: {box}px; }}\n"
        f"QRadioButton:focus, QCheckBox:focus {{ background-color: {focus}; }}\n"
    )


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(style_sheet(app.font(), app.palette()))
