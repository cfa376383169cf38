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


#: The smallest click target and list row, in device-independent pixels at 100% (WCAG 2.2,
#: 2.5.8 "Target size (minimum)": 24 by 24); both grow with the text size.
MIN_TARGET_PX = 24
#: (vertical, horizontal) padding of a list or tree row, in pixels.
ITEM_PADDING = (2, 4)


def row_height(font: QFont) -> int:
    """A list, tree or table row: the text's line with room above and below, at least 24 px."""
    return max(MIN_TARGET_PX, QFontMetrics(font).height() + 10)


def style_sheet(font: QFont, palette: QPalette) -> str:
    """The app's few style rules (issue #15, item 8): radio buttons and check boxes with large
    targets (the indicator grows with the text, the whole padded row takes the click), a focused
    option that stands out without Qt's thin dotted ring, which Qt draws only after a Tab, and
    list and tree rows tall enough to read and to hit (Qt's own are the bare line, 16 px)."""
    line = QFontMetrics(font).height()
    box = max(20, round(line * 1.2))
    pad = max(4, round(line * 0.25))
    focus = focus_colour(palette).name()
    return (
        f"QRadioButton, QCheckBox {{ padding: {pad}px {pad * 2}px; border-radius: 4px; spacing: {pad * 2}px; }}\n"
        f"QRadioButton::indicator, QCheckBox::indicator {{ width: {box}px; height: {box}px; }}\n"
        f"QRadioButton:focus, QCheckBox:focus {{ background-color: {focus}; }}\n"
        f"QListView::item, QTreeView::item {{ min-height: {row_height(font) - 2 * ITEM_PADDING[0]}px; "
        f"padding: {ITEM_PADDING[0]}px {ITEM_PADDING[1]}px; }}\n"
    )


def apply_style(app: QApplication) -> None:
    apply_palette(app)
    app.setStyleSheet(style_sheet(app.font(), app.palette()))


# -- contrast (issue #15, item 8) --------------------------------------------------------------
#: WCAG 2.x level AA for body text: the contrast ratio of text to its background.
WCAG_AA_TEXT = 4.5
#: What a hint aims for: level AAA (7:1), hints being small print read in poor light; never
#: under AA.
HINT_CONTRAST = 7.0


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0 black .. 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2.x contrast ratio of colour ``a`` on background ``b``, from 1 (none) to 21 (black
    on white); a translucent ``a`` (Qt's default placeholder text) is first laid over ``b``."""
    if a.alphaF() < 1.0:
        a = _mix(b, a, a.alphaF())
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * share),
                  round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def hint_colour(palette: QPalette) -> QColor:
    """Quieter than the text, yet readable: the text colour taken towards the background as far
    as 7:1 (WCAG AAA; AA is 4.5:1) still holds on both the window and the base (list, table)
    background. From the palette, so a dark desktop theme gets a light grey, not a dark one."""
    text = palette.color(QPalette.ColorRole.WindowText)
    backgrounds = (palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base))
    for step in range(9, -1, -1):  # 45%, 40%, ... 0% of the way to the background
        candidate = _mix(text, backgrounds[0], step * 0.05)
        if all(contrast_ratio(candidate, bg) >= HINT_CONTRAST for bg in backgrounds):
            return candidate
    return text


def hint_style() -> str:
    """The style sheet of a hint label (the question's hint, notes beside a roster)."""
    return f"color: {hint_colour(QApplication.palette()).name()};"


def apply_palette(app: QApplication) -> None:
    """Placeholder text ("Type to search the list") in the hint colour: Qt's default is the
    text at half opacity, about 4:1 on white, under WCAG AA."""
    palette = app.palette()
    colour = hint_colour(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, colour)
    app.setPalette(palette)
