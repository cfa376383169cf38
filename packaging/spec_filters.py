"""What the frozen app leaves out: the lists and filters used by packaging/fieldapp.spec.

Kept apart from the spec (which only PyInstaller can execute) so that tests can check the
rules on plain file names. Each rule says why; the size they save was measured on Linux
(see packaging/README.md).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

#: Qt bindings we use. Everything else in PySide6-Essentials and -Addons is excluded by name.
#: QtMultimedia: the testimony recorder and player (QAudioSource, QAudioSink; issue #16).
#: QtNetwork only because shiboken imports it for QtMultimedia's types (decision 0014).
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtMultimedia", "QtNetwork")

#: PySide6 modules that must never be pulled in (each drags its Qt libraries, plugins and
#: translations; WebEngine alone is ~200 MB when the Addons wheel is present).
QT_MODULES_EXCLUDED = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization",
    "QtDBus", "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer",
    "QtLocation", "QtMultimediaWidgets", "QtNetworkAuth",
    "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning",
    "QtPrintSupport", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors",
    "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine",
    "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
    "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets",
    "QtWebView", "QtXml",
)

#: scipy subpackages nothing in fieldapp imports (directly or through scipy.stats/optimize),
#: and every scipy test suite.
SCIPY_UNUSED = (
    "scipy.io", "scipy.signal", "scipy.cluster", "scipy.odr", "scipy.datasets", "scipy.misc",
    "scipy.differentiate",
    *(f"scipy.{sub}.tests" for sub in (
        "_lib", "constants", "fft", "integrate", "interpolate", "linalg", "ndimage", "optimize",
        "sparse", "sparse.linalg", "sparse.csgraph", "spatial", "special", "stats")),
)

#: Python modules left out. GUI toolkits other than Qt, test suites, notebooks, and
#: matplotlib backends other than the file writers (charts are drawn with Agg, ARCHITECTURE).
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib",
    "IPython", "ipykernel", "jupyter_client", "jupyter_core", "notebook", "nbformat",
    # unittest stays: matplotlib imports it at start-up; pandas.util._tester stays: pandas
    # imports it from its __init__.
    "pytest", "_pytest", "hypothesis", "pytestqt", "doctest", "pydoc_data",
    # numpy.testing and numpy.f2py stay: scipy's array-API layer (scipy.stats, the tables)
    # touches every submodule numpy lists
    "numpy.tests", "numpy.distutils",
    "pandas.tests", "pandas.conftest",
    "matplotlib.tests", "mpl_toolkits.tests", "PIL.ImageTk", "PIL.ImageQt",
    # Image codecs charts never read or write; libavif alone is 5 MB.
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin",
    "matplotlib.backends.backend_tkagg", "matplotlib.backends.backend_tkcairo",
    "matplotlib.backends._backend_tk", "matplotlib.backends.backend_qt",
    "matplotlib.backends.backend_qtagg", "matplotlib.backends.backend_qtcairo",
    "matplotlib.backends.backend_qt5", "matplotlib.backends.backend_qt5agg",
    "matplotlib.backends.backend_gtk3", "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_gtk4", "matplotlib.backends.backend_gtk4agg",
    "matplotlib.backends.backend_wx", "matplotlib.backends.backend_wxagg",
    "matplotlib.backends.backend_webagg", "matplotlib.backends.backend_webagg_core",
    "matplotlib.backends.backend_nbagg", "matplotlib.backends.backend_macosx",
    "matplotlib.backends.backend_cairo",
    "PyQt5", "PyQt6", "PySide2", "shiboken2", "gi", "wx",
    "setuptools", "pip", "wheel", "pkg_resources", "distutils", "lib2to3",
    "sqlite3",  # the stdlib sqlite3 (unencrypted) must not be usable by mistake
    # scipy: the tables use optimize (milp / HiGHS) and stats, which import constants, fft,
    # integrate, interpolate, linalg, ndimage, sparse, spatial and special; the rest of
    # scipy is never imported (docs/decisions/0005-scipy-in-the-frozen-app.md).
    *SCIPY_UNUSED,
) + tuple(f"PySide6.{m}" for m in QT_MODULES_EXCLUDED)

#: Matplotlib backends to collect (PyInstaller hook option): Agg for pictures, pdf/svg
#: for the report writers. Interactive backends are never used.
MATPLOTLIB_BACKENDS = ["Agg", "pdf", "svg"]

#: Qt translation catalogs kept: Korean and English for the Qt base strings (dialog buttons,
#: context menus). qt_ko is the meta-catalog that loads qtbase_ko.
_QT_TRANSLATIONS_KEPT = {"qt_ko.qm", "qt_en.qm", "qtbase_ko.qm", "qtbase_en.qm"}

#: Qt plugins dropped, by folder or file stem (without lib prefix / extension).
#: - qpdf image format would pull libQt6Pdf; qmltooling, designer, sqldrivers belong to
#:   modules we exclude; tls and networkinformation to QtNetwork, kept only as a library
#:   that QtMultimedia links (the app opens no connection).
#: - multimedia: Qt's FFmpeg backend (~20 MB with its libav* libraries). QAudioSource and
#:   QAudioSink, all the recorder and player use, work without any backend (decision 0014).
#: - exotic platform plugins (framebuffer, VNC, EGL device) never run on a field laptop;
#:   xcb and wayland (Linux desktops), offscreen and minimal (headless, tests) stay.
#: Input-method plugins (platforminputcontexts: ibus, fcitx, compose) stay: typing Korean
#: on Linux needs them.
_QT_PLUGIN_DIRS_DROPPED = {
    "qmltooling", "designer", "sqldrivers", "tls", "networkinformation", "generic",
    "egldeviceintegrations", "wayland-graphics-integration-server", "printsupport",
    "vectorimageformats", "position", "sensors", "multimedia", "renderers", "sceneparsers",
    "geometryloaders", "texttospeech", "webview", "canbus", "qmllint", "scxmldatamodel",
    "3dinputdevices", "renderplugins", "geoservices", "assetimporters",
}
#: qtvirtualkeyboardplugin would pull in Qml/Quick (~40 MB); qgtk3 would copy the host's
#: GTK 3 into the bundle (Qt's own file dialog is used instead).
_QT_PLUGIN_STEMS_DROPPED = {
    "qpdf", "qlinuxfb", "qvnc", "qeglfs", "qminimalegl", "qvkkhrdisplay", "qdirect2d",
    "qtvirtualkeyboardplugin", "qgtk3",
    # image formats the app never shows (PNG is built into QtGui; JPEG, GIF, ICO, SVG stay)
    "qtiff", "qwebp", "qtga", "qwbmp", "qicns",
}

#: Qt libraries dropped if a hook or plugin dragged them in (prefixes of the name after
#: "Qt6"). Kept on purpose: Core, Gui, Widgets, Svg, DBus (Linux input methods and
#: portals), OpenGL (xcb GLX integration), XcbQpa and WaylandClient (the platform plugins),
#: Multimedia with Network and Concurrent, which it links (the recorder, decision 0014).
_QT_LIBS_DROPPED = (
    "Qml", "Quick", "Labs", "Lottie", "Designer", "Help", "Test", "UiTools", "Sql",
    "WaylandCompositor", "WaylandEgl", "WlShell", "Pdf", "MultimediaWidgets",
    "MultimediaQuick", "WebEngine",
    "WebChannel", "WebSockets", "WebView", "3D", "Charts", "DataVisualization", "Graphs",
    "VirtualKeyboard", "EglFs", "EglFS", "PrintSupport", "OpenGLWidgets",
    "SvgWidgets", "Xml", "Positioning", "Location", "Sensors", "SerialPort",
    "SerialBus", "Bluetooth", "Nfc", "RemoteObjects", "Scxml", "StateMachine",
    "TextToSpeech", "SpatialAudio", "HttpServer", "NetworkAuth", "ShaderTools",
)
#: FFmpeg as the Addons wheel ships it for Qt's FFmpeg media backend (the plugin is dropped
#: above, and nothing else links these: ~20 MB): libavcodec.so.61, avformat-61.dll,
#: libavutil.59.dylib, libswscale, libswresample, and Qt's FFmpeg stubs.
_FFMPEG_LIB = re.compile(r"^(?:lib)?(?:avcodec|avformat|avutil|avdevice|avfilter|swscale|swresample)"
                         r"[-.]|^(?:lib)?Qt6FFmpegStub")
_QT_LIB = re.compile(r"^(?:lib)?Qt6([A-Za-z0-9]+)(?:\.|$)")  # libQt6Gui.so.6, Qt6Gui.dll
_QT_FRAMEWORK = re.compile(r"(^|/)Qt([A-Za-z0-9]+)\.framework/")  # macOS

_QT_TRANSLATION = re.compile(r"(^|/)PySide6/(Qt/)?translations/[^/]+$")  # Linux+macOS / Windows


def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def keep_data(dest: str) -> bool:
    """False for a collected data file the app does not need (dest: path inside the bundle)."""
    dest = _norm(dest)
    if _QT_TRANSLATION.search(dest):
        return dest.rsplit("/", 1)[-1] in _QT_TRANSLATIONS_KEPT
    # Sample data and test baselines that some packages ship as package data; Adobe font
    # metrics that only the (not collected) PostScript backend reads.
    return not re.search(
        r"(^|/)(tests?|sample_data|baseline_images)/|(^|/)mpl-data/fonts/afm/", dest
    )


def _plugin_stem(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_binary(dest: str) -> bool:
    """False for a collected Qt plugin or library the app does not need."""
    dest = _norm(dest)
    match = re.search(r"(^|/)PySide6/Qt/plugins/([^/]+)/([^/]+)$", dest) or re.search(
        r"(^|/)PySide6/plugins/([^/]+)/([^/]+)$", dest  # Windows wheel layout
    )
    if match:
        folder, filename = match.group(2), match.group(3)
        if folder in _QT_PLUGIN_DIRS_DROPPED:
            return False
        return _plugin_stem(filename) not in _QT_PLUGIN_STEMS_DROPPED
    if "PySide6/" not in dest:
        return True
    filename = dest.rsplit("/", 1)[-1]
    if _FFMPEG_LIB.match(filename):
        return False
    match = _QT_LIB.match(filename) or _QT_FRAMEWORK.search(dest)
    if match:
        name = match.group(match.lastindex)
        return not name.startswith(_QT_LIBS_DROPPED)
    return True


def prune_orphan_libraries(binaries: list, imports_of) -> tuple[list, list[str]]:
    """Drops top-level shared libraries that no remaining binary links to.

    PyInstaller resolves link-time dependencies before the plugin filter above runs, so the
    libraries of a dropped plugin (GTK's cairo and pango for qgtk3, Kerberos for QtNetwork)
    would stay behind. Roots are the Python runtime, every extension module and everything
    inside a package folder; a top-level library, or one in an auditwheel ``<pkg>.libs/``
    folder (the codecs of an excluded Pillow plugin), stays only if a root reaches it.
    ``binaries`` holds PyInstaller TOC tuples (dest, src, typecode); ``imports_of(src)``
    returns the names a binary links to. Returns (kept, names of dropped libraries).
    """

    def key(name: str) -> str:
        return name.replace("\\", "/").rsplit("/", 1)[-1].lower()

    def candidate(entry) -> bool:
        dest, _src, typecode = entry
        dest = _norm(dest)
        name = key(dest)
        top_level = "/" not in dest
        # auditwheel's vendored folder (pillow.libs/, numpy.libs/): only reached by linking
        vendored = dest.count("/") == 1 and dest.split("/", 1)[0].endswith(".libs")
        return (
            typecode == "BINARY"
            and (top_level or vendored)
            and not name.startswith(("libpython", "python"))
        )

    by_name = {key(e[0]): e for e in binaries if candidate(e)}
    reached: set[str] = set()
    todo = [e[1] for e in binaries if not candidate(e) and e[2] != "SYMLINK"]
    seen_src: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen_src:
            continue
        seen_src.add(src)
        for name in imports_of(src):
            name = key(name)
            if name in by_name and name not in reached:
                reached.add(name)
                todo.append(by_name[name][1])
    kept = [e for e in binaries if not candidate(e) or key(e[0]) in reached]
    dropped = sorted(set(by_name) - reached)
    return kept, dropped


def strip_debug_info(folder, strip: str = "strip") -> int:
    """Removes debug sections from ELF files under folder that carry them; returns bytes saved.

    Skips auditwheel-repaired libraries (any path part ending in ``.libs``), which strip
    corrupts. Without a ``strip`` tool it does nothing (the bundle is only larger).
    """
    import shutil
    import subprocess
    from pathlib import Path

    tool = shutil.which(strip)
    if tool is None:
        return 0
    saved = 0
    for path in sorted(Path(folder).rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if any(part.endswith(".libs") for part in path.relative_to(folder).parts):
            continue
        with path.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
            if b".debug_info" not in fh.read():
                continue
        before = path.stat().st_size
        subprocess.run([tool, "--strip-debug", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def drop_dangling_symlinks(binaries: list, datas: list) -> tuple[list, list]:
    """Removes SYMLINK entries whose target was filtered out above.

    PyInstaller links top-level names to libraries inside package folders
    (``libQt6Gui.so.6 -> PySide6/Qt/lib/libQt6Gui.so.6``); once such a library is dropped, its
    link would dangle in the bundle (and in the zip).
    """
    import posixpath

    present = {_norm(e[0]) for e in binaries + datas if e[2] != "SYMLINK"}

    def ok(entry) -> bool:
        dest, target, typecode = entry
        if typecode != "SYMLINK":
            return True
        dest = _norm(dest)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(dest), _norm(target)))
        return resolved in present

    return [e for e in binaries if ok(e)], [e for e in datas if ok(e)]


def resource_files(resources: Path) -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) for the repo's resources/ folder.

    Everything the app reads at run time goes to ``resources/`` in the bundle, where
    ``fieldapp.resources.resources_dir()`` looks when frozen. Sources stay behind:
    translations (.ts; the app reads .qm), scripts that generate resources, hidden files.
    """
    if not resources.is_dir():
        return []
    out = []
    for path in sorted(resources.rglob("*")):
        rel = path.relative_to(resources)
        if (
            path.is_file()
            and path.suffix not in (".ts", ".py", ".pyc")
            and "__pycache__" not in rel.parts
            and not any(part.startswith(".") for part in rel.parts)
        ):
            out.append((str(path), str(PurePosixPath("resources", *rel.parent.parts))))
    return out


def source_modules(src: Path, package: str = "fieldapp") -> set[str]:
    """Dotted names of every module of package under src (``__main__`` excluded)."""
    names = set()
    for path in (src / package).rglob("*.py"):
        rel = path.relative_to(src).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        if "__pycache__" not in parts and parts[-1] != "__main__":
            names.add(".".join(parts))
    return names
