"""Korean particles are picked for the word before them (issue #15, item 6): a translated GUI
sentence writes both forms after a parameter (``{0}을(를)``) and the page passes the sentence,
once its parameters are in, through ``gui.messages.particles``; the user never sees "을(를)".

The check reads the source: every ``tr`` call whose Korean translation holds a particle pair
must be inside a ``particles(...)`` call, or in a function that calls it on the text it built.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

import fieldapp.gui
from fieldapp.gui.messages import korean_particles, particles
from fieldapp.messages import CONTEXT
from fieldapp.resources import resource

GUI = Path(fieldapp.gui.__file__).parent
PAIR = re.compile(r"\((를|가|는|와|로|예요)\)")


def korean_with_pairs() -> dict[str, str]:
    """English source -> Korean translation, for GUI sentences whose Korean has a particle pair."""
    out = {}
    for ctx in ET.parse(resource("i18n", "fieldapp_ko.ts")).getroot().iter("context"):
        if ctx.findtext("name") == CONTEXT:  # core messages: gui.messages.present picks them
            continue
        for m in ctx.iter("message"):
            tr = m.find("translation")
            forms = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
            if any(PAIR.search(f) for f in forms):
                out[m.findtext("source")] = forms[0]
    return out


def _calls_particles(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "particles"
               for n in ast.walk(node))


def unpicked(path: Path, sources: dict[str, str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("tr", "translate")):
            continue
        strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        source = next((s for s in strings if s in sources), None)
        if source is None:
            continue
        up, ok = node, False
        while up in parents:
            up = parents[up]
            if isinstance(up, ast.Call) and isinstance(up.func, ast.Name) and up.func.id == "particles":
                ok = True
                break
            if isinstance(up, (ast.FunctionDef, ast.Lambda)):
                ok = _calls_particles(up)
                break
        if not ok:
            found.append(f"{path.relative_to(GUI)}:{node.lineno}: {source[:60]!r}")
    return found


def test_every_gui_sentence_with_a_particle_pair_picks_its_particles():
    sources = korean_with_pairs()
    assert len(sources) >= 10  # the check sees the catalogue's sentences
    offenders = [hit for path in sorted(GUI.rglob("*.py")) for hit in unpicked(path, sources)]
    assert offenders == []


def test_the_catalogue_writes_pairs_the_picker_knows():
    """"(으)로" or "(이)" would be shown as they are: the picker reads ``으로(로)``, ``이(가)``...
    (core messages included)."""
    odd = re.compile(r"\((으|이|을|은|과)\)")
    bad = [tr.text for tr in ET.parse(resource("i18n", "fieldapp_ko.ts")).getroot().iter("translation")
           for tr in [tr, *tr.findall("numerusform")] if tr.text and odd.search(tr.text)]
    assert bad == []


@pytest.mark.parametrize(("sentence", "want"), [
    ("번들 1으로(로) 내보냈습니다", "번들 1로 내보냈습니다"),  # 일로
    ("번들 3으로(로) 내보냈습니다", "번들 3으로 내보냈습니다"),  # 삼으로
    ("번들 2으로(로)", "번들 2로"),  # 이로
    ("노트북 7709eab363da6b57을(를)", "노트북 7709eab363da6b57을"),  # 칠
    ("서울으로(로)", "서울로"),
    ("폴더을(를) 고르세요", "폴더를 고르세요"),
])
def test_particles_after_digits_letters_and_hangul(sentence, want):
    assert korean_particles(sentence) == want


def test_particles_leave_english_alone(qapp):
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    try:
        assert particles("파일을(를)") == "파일을(를)"
    finally:
        QLocale.setDefault(previous)
