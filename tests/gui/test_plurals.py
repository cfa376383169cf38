"""English reads "1 interview" / "2 interviews", never "interview(s)" (issue #15): every count in
the interface is a Qt numerus string (``self.tr("%n interview(s)", "", n)``) whose English forms
are in resources/i18n/fieldapp_en.ts, loaded even though English is the source language.
Korean has one form for every number."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication

from fieldapp.gui import i18n
from fieldapp.messages import CONTEXT
from fieldapp.resources import resource

PLACEHOLDER = re.compile(r"\((s|es|ies)\)")


def messages(language: str):
    for ctx in ET.parse(resource("i18n", f"fieldapp_{language}.ts")).getroot().iter("context"):
        for m in ctx.iter("message"):
            yield ctx.findtext("name"), m


def test_every_english_plural_has_a_singular_and_a_plural_form():
    seen, bad = 0, []
    for context, m in messages("en"):
        source = m.findtext("source")
        forms = [f.text for f in m.find("translation").findall("numerusform")]
        seen += 1
        if m.find("translation").get("type") == "unfinished" or len(forms) != 2 or not all(forms):
            bad.append((context, source, "unfinished"))
            continue
        if any(PLACEHOLDER.search(f) for f in forms):
            bad.append((context, source, forms))
        if PLACEHOLDER.search(source) and forms[0] == forms[1]:
            bad.append((context, source, "one form for both"))
    assert seen >= 15
    assert bad == []


def test_no_interface_string_shows_a_plural_placeholder_without_a_count():
    """"question(s)" only in a numerus string (the count picks the English form)."""
    offenders = [(context, m.findtext("source")) for context, m in messages("ko")
                 if context != CONTEXT and PLACEHOLDER.search(m.findtext("source") or "")
                 and m.get("numerus") != "yes"]
    assert offenders == []


@pytest.mark.parametrize(("language", "one", "two"), [
    ("en", "1 finalized interview.", "2 finalized interviews."),
    ("ko", "완료된 인터뷰 1건.", "완료된 인터뷰 2건."),
])
def test_the_loaded_catalogue_picks_the_form_by_the_count(qapp, language, one, two):
    translators = i18n.install_translators(qapp, language)
    try:
        assert translators, f"no catalogue loaded for {language}"
        for n, want in ((1, one), (2, two)):
            assert QCoreApplication.translate("TablesCounts", "%n finalized interview(s).", "", n) == want
        held = QCoreApplication.translate("WipeDialog", "Keep holding: %n second(s)", "", 1)
        assert "(s)" not in held and "1" in held
    finally:
        i18n.remove_translators(qapp, translators)
