"""Choosing a font that can draw Korean for charts and PDF reports (matplotlib, no Qt).

Order: the font bundled in ``resources/fonts`` (NanumGothic.ttf first), then any installed
font matplotlib knows whose character map has Hangul (Debian's fonts-nanum, Noto CJK, ...).
Without one, Korean labels would be drawn as empty boxes, so the caller gets a warning.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from fieldapp.resources import resource

log = logging.getLogger(__name__)

BUNDLED_FONT = "NanumGothic.ttf"
_HANGUL = (0xD55C, 0xAE00)  # 한, 글
_LIKELY = ("nanum", "noto sans cjk", "noto sans kr", "noto serif cjk", "malgun", "applegothic",
           "apple sd gothic", "gulim", "batang", "dotum", "un dotum", "baekmuk", "source han")
NO_KOREAN_FONT = (
    "No font with Korean characters was found, so Korean labels in the charts may show as boxes; "
    f"put {BUNDLED_FONT} in the resources/fonts folder or install fonts-nanum."
)


def _has_hangul(path: Path) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(cp in charmap for cp in _HANGUL)


def _bundled() -> Path | None:
    folder = resource("fonts")
    if not folder.is_dir():
        return None
    preferred = folder / BUNDLED_FONT
    candidates = [preferred] if preferred.is_file() else []
    candidates += sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf") and p != preferred)
    return next((p for p in candidates if _has_hangul(p)), None)


def _installed() -> Path | None:
    from matplotlib import font_manager

    entries = sorted(font_manager.fontManager.ttflist, key=lambda f: (f.weight != 400, f.style != "normal", f.fname))
    likely = [f for f in entries if any(word in f.name.lower() for word in _LIKELY)]
    # Prefer a plain gothic (sans) face, as the report's body text.
    likely.sort(key=lambda f: ("gothic" not in f.name.lower() and "sans" not in f.name.lower(),
                               "coding" in f.name.lower() or "square" in f.name.lower()))
    for f in likely:
        if f.fname.lower().endswith((".ttf", ".otf")) and _has_hangul(Path(f.fname)):
            return Path(f.fname)
    return None


@functools.cache
def korean_font() -> Path | None:
    """Path of a font that has Hangul, or None."""
    return _bundled() or _installed()


@functools.cache
def font_families() -> tuple[tuple[str, ...], str | None]:
    """(font.family list for matplotlib, warning or None). Registers the font on first use."""
    from matplotlib import font_manager

    path = korean_font()
    if path is None:
        log.warning("no font with Hangul found for charts")
        return ("DejaVu Sans",), NO_KOREAN_FONT
    name = font_manager.FontProperties(fname=str(path)).get_name()
    # Register the regular face and its siblings (NanumGothicBold.ttf, ...) so bold titles
    # find a bold face instead of a synthetic one.
    for candidate in sorted(path.parent.glob(f"{path.stem}*{path.suffix}")):
        try:
            if font_manager.FontProperties(fname=str(candidate)).get_name() == name:
                font_manager.fontManager.addfont(str(candidate))
        except (OSError, RuntimeError, ValueError):
            continue
    # DejaVu Sans after it: matplotlib falls back glyph by glyph for anything the first lacks.
    return (name, "DejaVu Sans"), None
