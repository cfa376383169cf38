"""The desktop package's rules (packaging/): hash-pinned lock, what the spec keeps and drops,
the distribution zip, and the bundle self-check run from source.

The frozen build itself (packaging/build.sh, ~1 minute) is not run here; build.sh ends with
``fieldapp --check-bundle`` in the frozen app, which runs the same checks as the last test.
"""

from __future__ import annotations

import importlib.util
import os
import re
import stat
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
PKG = REPO / "packaging"


def _load(name: str):
    # By path: a folder named "packaging" would shadow the PyPI library of that name.
    spec = importlib.util.spec_from_file_location(f"_fieldapp_packaging_{name}", PKG / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


filters = _load("spec_filters")
make_zip = _load("make_zip")


# -- the hash-pinned lock -------------------------------------------------------------------------
def _lock() -> dict[str, tuple[str, str, int]]:
    """name -> (version, marker, number of hashes) from requirements-build.txt."""
    text = (PKG / "requirements-build.txt").read_text(encoding="utf-8")
    out = {}
    for block in re.split(r"\n(?=\S)", text):
        if block.startswith("#") or not block.strip():
            continue
        head = block.split("\\", 1)[0].strip()
        req = Requirement(head)
        pins = [str(s) for s in req.specifier]
        assert len(pins) == 1 and pins[0].startswith("=="), f"{head!r} is not pinned with =="
        out[req.name.lower().replace("_", "-")] = (
            pins[0][2:], str(req.marker or ""), block.count("--hash=sha256:"))
    return out


def test_every_locked_requirement_is_pinned_with_hashes():
    lock = _lock()
    assert len(lock) > 20
    unhashed = [name for name, (_v, _m, hashes) in lock.items() if hashes == 0]
    assert unhashed == []


def test_lock_covers_every_runtime_dependency_at_an_allowed_version():
    lock = _lock()
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    for dep in deps:
        req = Requirement(dep)
        name = req.name.lower().replace("_", "-")
        assert name in lock, f"{name} (pyproject.toml) is missing from requirements-build.txt"
        assert req.specifier.contains(lock[name][0]), f"locked {name} {lock[name][0]} violates {dep}"
    # Imported by the core but (yet) absent from pyproject.toml: the app needs it all the same.
    assert "zxcvbn" in lock
    assert "pyinstaller" in lock


def test_lock_matches_its_source_pins():
    lock = _lock()
    for line in (PKG / "requirements-build.in").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        name = req.name.lower().replace("_", "-")
        assert name in lock, f"{name} is in requirements-build.in but not locked: run packaging/lock.sh"
        assert req.specifier.contains(lock[name][0]), f"{name}: lock is stale, run packaging/lock.sh"


def test_lock_is_universal_for_windows_and_macos_builds():
    # pip --require-hashes refuses an unlisted dependency, so the freezer's per-OS helpers
    # must be in the one file, behind markers.
    lock = _lock()
    assert lock["pefile"][1] == 'sys_platform == "win32"'
    assert lock["pywin32-ctypes"][1] == 'sys_platform == "win32"'
    assert lock["macholib"][1] == 'sys_platform == "darwin"'
    # One hash per wheel of every platform, not only this machine's.
    assert lock["pyside6-essentials"][2] >= 3
    assert lock["sqlcipher3"][2] >= 10


# -- what the spec keeps and drops ------------------------------------------------------------------
@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_ko.qm", True),
    ("PySide6/Qt/translations/qt_ko.qm", True),
    ("PySide6/Qt/translations/qtbase_en.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtdeclarative_ko.qm", False),
    ("PySide6\\translations\\qtbase_ja.qm", False),
    ("resources/i18n/fieldapp_ko.qm", True),
    ("resources/fonts/NanumGothic.ttf", True),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", True),
    ("matplotlib/mpl-data/fonts/afm/phvr8a.afm", False),
    ("somepkg/tests/data.json", False),
])
def test_keep_data(dest, kept):
    assert filters.keep_data(dest) is kept


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
    ("PySide6/Qt/lib/libQt6Gui.so.6", True),
    ("PySide6/Qt/lib/libQt6DBus.so.6", True),
    ("PySide6/Qt/lib/libQt6Svg.so.6", True),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6QmlModels.so.6", False),
    ("PySide6/Qt/lib/libicudata.so.73", True),
    # the recorder (decision 0014): Multimedia and what it links, no FFmpeg backend
    ("PySide6/Qt/lib/libQt6Multimedia.so.6", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", True),
    ("PySide6/Qt/lib/libQt6Concurrent.so.6", True),
    ("PySide6/Qt/lib/libQt6MultimediaWidgets.so.6", False),
    ("PySide6/Qt/lib/libQt6MultimediaQuick.so.6", False),
    ("PySide6/Qt/lib/libQt6NetworkAuth.so.6", False),
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
    ("PySide6/Qt/lib/libavcodec.so.63", False),  # only the FFmpeg backend links FFmpeg
    ("PySide6/Qt/lib/libswresample.so.7", False),
    ("PySide6/Qt/lib/libQt6FFmpegStub-va.so.2", False),
    ("PySide6\\avformat-61.dll", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    # Windows wheel layout
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\plugins\\imageformats\\qpdf.dll", False),
    ("PySide6\\Qt6Widgets.dll", True),
    ("PySide6\\Qt6WebEngineCore.dll", False),
    # macOS frameworks
    ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
    ("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", True),
    # not Qt at all
    ("numpy.libs/libscipy_openblas64_.so", True),
    ("libQt6Network.so.6", True),  # top-level names are left to the orphan pruning
])
def test_keep_binary(dest, kept):
    assert filters.keep_binary(dest) is kept


def test_excludes_never_name_a_runtime_dependency():
    needed = {"pandas", "numpy", "matplotlib", "openpyxl", "xlsxwriter", "pyreadstat",
              "sqlcipher3", "pyrage", "cryptography", "zxcvbn", "unittest", "fieldapp",
              "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg",
              "PySide6.QtMultimedia", "PySide6.QtNetwork"}
    assert needed.isdisjoint(filters.EXCLUDED_MODULES)
    assert "tkinter" in filters.EXCLUDED_MODULES
    assert "PySide6.QtWebEngineCore" in filters.EXCLUDED_MODULES
    assert "sqlite3" in filters.EXCLUDED_MODULES  # no unencrypted database by mistake


def test_prune_orphans_keeps_what_is_linked_and_drops_the_rest():
    binaries = [
        ("libpython3.11.so.1.0", "/x/libpython3.11.so.1.0", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/x/libQt6Gui.so.6", "BINARY"),
        ("mod.cpython-311.so", "/x/mod.so", "EXTENSION"),
        ("libX11.so.6", "/x/libX11.so.6", "BINARY"),  # Gui -> X11
        ("libxcb.so.1", "/x/libxcb.so.1", "BINARY"),  # X11 -> xcb (transitive)
        ("libz.so.1", "/x/libz.so.1", "BINARY"),  # python -> z
        ("libcairo.so.2", "/x/libcairo.so.2", "BINARY"),  # only a dropped plugin used it
        ("pillow.libs/libavif-1.so", "/x/libavif-1.so", "BINARY"),  # excluded codec's lib
        ("pillow.libs/libjpeg-2.so", "/x/libjpeg-2.so", "BINARY"),  # mod -> jpeg
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    links = {
        "/x/libpython3.11.so.1.0": ["libz.so.1"],
        "/x/libQt6Gui.so.6": ["libX11.so.6"],
        "/x/libX11.so.6": ["libxcb.so.1"],
        "/x/mod.so": ["libjpeg-2.so"],
    }
    kept, dropped = filters.prune_orphan_libraries(binaries, lambda src: links.get(src, []))
    assert dropped == ["libavif-1.so", "libcairo.so.2"]
    assert {e[0] for e in kept} == {e[0] for e in binaries} - {"libcairo.so.2", "pillow.libs/libavif-1.so"}


def test_dangling_symlinks_are_dropped():
    binaries = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/x/libQt6Gui.so.6", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),  # lib dropped
    ]
    kept, datas = filters.drop_dangling_symlinks(binaries, [])
    assert [e[0] for e in kept] == ["PySide6/Qt/lib/libQt6Gui.so.6", "libQt6Gui.so.6"]
    assert datas == []


def test_resource_files_ship_runtime_files_only(tmp_path):
    res = tmp_path / "resources"
    for rel in ["i18n/fieldapp_ko.ts", "i18n/fieldapp_ko.qm", "fonts/Nanum.ttf",
                "questionnaires/survey.xlsx", "questionnaires/build_reference.py",
                "questionnaires/__pycache__/x.pyc", ".hidden/x", "wordlists/eff.txt"]:
        (res / rel).parent.mkdir(parents=True, exist_ok=True)
        (res / rel).write_text("x")
    got = sorted((Path(src).relative_to(res).as_posix(), dest)
                 for src, dest in filters.resource_files(res))
    assert got == [
        ("fonts/Nanum.ttf", "resources/fonts"),
        ("i18n/fieldapp_ko.qm", "resources/i18n"),
        ("questionnaires/survey.xlsx", "resources/questionnaires"),
        ("wordlists/eff.txt", "resources/wordlists"),
    ]
    assert filters.resource_files(tmp_path / "absent") == []


def test_source_modules_lists_the_package_without_main():
    names = filters.source_modules(REPO / "src")
    assert {"fieldapp", "fieldapp.cli", "fieldapp.store", "fieldapp.store.db"} <= names
    assert "fieldapp.__main__" not in names


def test_strip_debug_info_without_a_strip_tool_changes_nothing(tmp_path):
    elf = tmp_path / "lib.so"
    elf.write_bytes(b"\x7fELF" + b"\0" * 16 + b".debug_info")
    assert filters.strip_debug_info(tmp_path, strip="no-such-strip-tool") == 0
    assert elf.read_bytes().endswith(b".debug_info")


# -- the distribution zip -------------------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and mode bits are POSIX")
def test_zip_keeps_the_executable_bit_and_symlinks(tmp_path):
    app = tmp_path / "fieldapp"
    (app / "_internal" / "lib").mkdir(parents=True)
    exe = app / "fieldapp"
    exe.write_bytes(b"#!/bin/sh\n")
    exe.chmod(0o755)
    (app / "_internal" / "lib" / "libQt6Gui.so.6").write_bytes(b"lib")
    (app / "_internal" / "libQt6Gui.so.6").symlink_to("lib/libQt6Gui.so.6")
    out = tmp_path / "out.zip"
    digest = make_zip.make_zip(app, out)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    with zipfile.ZipFile(out) as zf:
        infos = {i.filename: i for i in zf.infolist()}
        assert set(infos) == {"fieldapp/fieldapp", "fieldapp/_internal/lib/libQt6Gui.so.6",
                              "fieldapp/_internal/libQt6Gui.so.6"}
        assert (infos["fieldapp/fieldapp"].external_attr >> 16) & stat.S_IXUSR
        link = infos["fieldapp/_internal/libQt6Gui.so.6"]
        assert stat.S_ISLNK(link.external_attr >> 16)
        assert zf.read(link) == b"lib/libQt6Gui.so.6"  # stored as a link, not a copy


def test_zip_name_says_version_os_and_arch(tmp_path):
    name = make_zip.archive_name(tmp_path / "fieldapp", "1.2.3").name
    assert re.fullmatch(r"fieldapp-1\.2\.3-(linux|windows|macos|\w+)-[\w]+\.zip", name)


# -- the bundle self-check, from source -------------------------------------------------------------
@pytest.mark.slow
def test_bundle_check_passes_from_source(tmp_path):
    # A subprocess: the check imports Qt, which this (core) process must not.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]))
    env.pop("FIELDAPP_BLOCK_QT", None)
    proc = subprocess.run([sys.executable, str(PKG / "bundle_check.py")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"check-bundle: all \d+ checks passed", proc.stdout)
    for name in ("sqlcipher3", "pyrage", "pyreadstat", "matplotlib", "zxcvbn", "Qt"):
        assert re.search(rf"^ok   {re.escape(name)}", proc.stdout, re.M), proc.stdout
