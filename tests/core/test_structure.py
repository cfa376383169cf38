"""The shape the use-case layer decision promises (docs/decisions/0002-use-case-layer.md).

These read source files only (no Qt import): the GUI holds no SQL, no function of the GUI runs
past 80 lines, the tables page stays a page, and only the error presenter turns exceptions into
sentences. The import rules themselves are import-linter contracts (``make lint``).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "fieldapp"
GUI = SRC / "gui"


def _gui_files() -> list[Path]:
    return sorted(p for p in GUI.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_gui_runs_no_sql():
    offenders = [f"{p.relative_to(SRC)}:{n}" for p in _gui_files()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if ".execute(" in line or "executemany(" in line]
    assert offenders == []


def test_no_gui_function_is_longer_than_80_lines():
    long = []
    for p in _gui_files():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 80:
                    long.append(f"{p.relative_to(SRC)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_the_tables_page_is_under_450_lines():
    assert len((GUI / "pages" / "tables.py").read_text(encoding="utf-8").splitlines()) < 450


def test_only_the_error_presenter_sorts_exceptions_into_sentences():
    """Pages hand every failure to gui.errors (error_text/show_error); none has its own ladder."""
    ladders = []
    for p in _gui_files():
        if p.name in ("errors.py", "messages.py"):
            continue
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if "isinstance(exc, UserFacingError" in line or "isinstance(exc, OSError" in line \
                    or "exc.strerror" in line:
                ladders.append(f"{p.relative_to(SRC)}:{n}")
    assert ladders == []


def test_no_page_matches_english_sentences_to_translate_them():
    # gui/messages.py's one pattern picks Korean particles after a message is rendered.
    pages = [p for p in _gui_files() if "re.compile(" in p.read_text(encoding="utf-8") and p.name != "messages.py"]
    assert pages == [], "core messages reach the GUI as codes (fieldapp.messages), never as English"


def test_decision_notes_are_numbered_once_each():
    """Parallel branches twice gave two notes one number; a reference to "decision N" must name one."""
    notes = sorted((SRC.parents[1] / "docs" / "decisions").glob("[0-9][0-9][0-9][0-9]-*.md"))
    numbers = [p.name[:4] for p in notes]
    assert len(numbers) == len(set(numbers)), [p.name for p in notes if numbers.count(p.name[:4]) > 1]
    for note in notes:
        assert note.read_text(encoding="utf-8").startswith(f"# {note.name[:4]}"), note.name
