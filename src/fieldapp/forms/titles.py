"""A form's title in one language.

XLSForm (and ODK, Kobo) give a form one ``form_title``, never one per language, so bilingual
projects write both halves into it: the reference questionnaire's is "Change in North Korea
since 2007: escapee survey (2017) / 2007년 이후 북한의 변화: ...". Lists and reports show the half
in the reader's language; any other title is shown as it is.
"""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def title_in(title: str, lang_code: str) -> str:
    """A bilingual form title ("English / 한국어") cut to ``lang_code``'s half; else as is."""
    halves = [h.strip() for h in title.split(" / ") if h.strip()]
    if len(halves) != 2:
        return title
    korean = [h for h in halves if _HANGUL.search(h)]
    other = [h for h in halves if not _HANGUL.search(h)]
    if len(korean) != 1 or len(other) != 1:
        return title
    return korean[0] if lang_code == "ko" else other[0]
