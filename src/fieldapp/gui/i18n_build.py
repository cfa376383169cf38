"""Build the interface translations: pyside6-lupdate over fieldapp.gui, then pyside6-lrelease.

``python -m fieldapp.gui.i18n_build`` (``make translations``) updates the committed sources
``resources/i18n/fieldapp_{ko,en}.ts`` with every ``tr()``/``translate()`` string of every
module under src/fieldapp/gui and the core's message catalogue (fieldapp/messages.py), keeping existing translations, then compiles the ``.qm`` files
the app loads (git-ignored). The English catalogue only carries plural forms
(``-pluralonly``), as English is the source language.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from fieldapp.resources import resource

GUI_DIR = Path(__file__).resolve().parent
LANGUAGES = ("ko", "en")


def find_tool(name: str) -> str:
    """The PySide6 tool next to this Python (a venv) or on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found:
        return found
    raise SystemExit(f"i18n_build: {name} was not found; install PySide6 (it ships {name}).")


#: Core modules whose user-visible sentences the GUI translates by code (``QT_TRANSLATE_NOOP``).
CORE_CATALOGUES = (GUI_DIR.parent / "messages.py",)


def sources(root: Path = GUI_DIR) -> list[Path]:
    gui = sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
    return gui + [p for p in CORE_CATALOGUES if root == GUI_DIR]


def ts_path(language: str, i18n_dir: Path | None = None) -> Path:
    return (i18n_dir or resource("i18n")) / f"fieldapp_{language}.ts"


def update(i18n_dir: Path | None = None, quiet: bool = True) -> list[Path]:
    """Run lupdate for every language; returns the .ts files."""
    lupdate = find_tool("pyside6-lupdate")
    files = [str(p) for p in sources()]
    written = []
    for language in LANGUAGES:
        ts = ts_path(language, i18n_dir)
        ts.parent.mkdir(parents=True, exist_ok=True)
        cmd = [lupdate, *files, "-no-obsolete", "-locations", "relative",
               "-target-language", language, "-ts", str(ts)]
        if language == "en":
            cmd.insert(-2, "-pluralonly")
        subprocess.run(cmd, check=True, capture_output=quiet)
        written.append(ts)
    return written


def release(ts_files: list[Path], quiet: bool = True) -> list[Path]:
    lrelease = find_tool("pyside6-lrelease")
    out = []
    for ts in ts_files:
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True, capture_output=quiet)
        out.append(qm)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldapp.gui.i18n_build", description=__doc__)
    parser.add_argument("--no-update", action="store_true",
                        help="only compile the existing .ts files (no lupdate)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.no_update:
        ts_files = [ts_path(lang) for lang in LANGUAGES if ts_path(lang).exists()]
    else:
        ts_files = update(quiet=not args.verbose)
    for qm in release(ts_files, quiet=not args.verbose):
        print(f"built {qm}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
