"""``fieldapp --check-bundle``: proves each bundled library works in this copy of the app.

PyInstaller misses what it cannot see (modules imported by name, data files, Qt plugins,
native libraries), and the failure only shows when a user reaches that feature in the field.
This runs every dependency once, for real, on throwaway data in a temporary folder: an
encrypted SQLCipher database, an age round trip, Argon2id/ChaCha20/Ed25519, an .xlsx and an
.sav written and read back, a chart in PNG/PDF/SVG, the passphrase estimator, the
recorder's codec, Qt Multimedia's audio source and sink, a Qt window and the Korean Qt
translation, the bundled resources folder, and an import of every fieldapp
module. It prints one line per check (names and versions only, never data or keys) and exits
1 if any check failed. The same file runs from source (``python packaging/bundle_check.py``).
"""

from __future__ import annotations

import importlib
import os
import secrets
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

CHECKS: list[tuple[str, Callable[[Path], str]]] = []


def check(name: str):
    def register(fn: Callable[[Path], str]) -> Callable[[Path], str]:
        CHECKS.append((name, fn))
        return fn

    return register


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)


@check("fieldapp modules")
def _fieldapp_modules(tmp: Path) -> str:
    # Catches a module that imports a library missing from the build venv, and modules
    # PyInstaller did not collect (cli.py loads its extensions by name).
    import pkgutil

    import fieldapp

    names = sorted(
        m.name
        for m in pkgutil.walk_packages(fieldapp.__path__, "fieldapp.")
        if not m.name.endswith("__main__")  # importing it would run the CLI
    )
    for name in names:
        importlib.import_module(name)
    _expect(len(names) > 3, f"only {len(names)} fieldapp modules found in the bundle")
    return f"fieldapp {fieldapp.__version__}, {len(names)} modules import"


@check("resources")
def _resources(tmp: Path) -> str:
    from fieldapp.resources import resources_dir

    where = resources_dir()
    _expect(where.is_dir(), f"the resources folder {where} is missing")
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass and not os.environ.get("FIELDAPP_RESOURCES"):
        _expect(Path(meipass) in where.parents, f"resources are read from {where}, outside the app")
    files = [p for p in where.rglob("*") if p.is_file()]
    return f"{len(files)} files in {where.name}/"


@check("sqlcipher3")
def _sqlcipher(tmp: Path) -> str:
    import sqlcipher3

    path = tmp / "check.db"
    key = bytearray(f"x'{secrets.token_hex(32)}'".encode())
    conn = sqlcipher3.connect(str(path))
    conn.set_key(key)
    version = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.execute("CREATE TABLE t(v TEXT)")
    conn.execute("INSERT INTO t VALUES ('탈북 test')")
    conn.commit()
    conn.close()
    _expect(not path.read_bytes().startswith(b"SQLite format 3"), "the database was written unencrypted")
    conn = sqlcipher3.connect(str(path))
    conn.set_key(key)
    _expect(conn.execute("SELECT v FROM t").fetchone()[0] == "탈북 test", "read back differs")
    conn.close()
    wrong = sqlcipher3.connect(str(path))
    wrong.execute("PRAGMA cipher_log_level = NONE")  # the expected failure is not news
    wrong.set_key(bytearray(f"x'{secrets.token_hex(32)}'".encode()))
    try:
        wrong.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        pass
    else:
        raise AssertionError("a wrong key opened the database")
    finally:
        wrong.close()
    return f"SQLCipher {version}"


@check("cryptography")
def _cryptography(tmp: Path) -> str:
    import cryptography
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    # Small cost parameters: this checks the code is there, not the production cost.
    kdf = Argon2id(salt=secrets.token_bytes(16), length=32, iterations=1, lanes=1, memory_cost=64)
    key = kdf.derive(b"check")
    aead = ChaCha20Poly1305(key)
    nonce = secrets.token_bytes(12)
    _expect(aead.decrypt(nonce, aead.encrypt(nonce, b"m", b"ad"), b"ad") == b"m", "AEAD round trip")
    signer = Ed25519PrivateKey.generate()
    signer.public_key().verify(signer.sign(b"m"), b"m")
    return f"cryptography {cryptography.__version__} ({_openssl_version()})"


def _openssl_version() -> str:
    from cryptography.hazmat.backends.openssl.backend import backend

    return backend.openssl_version_text()


@check("pyrage")
def _pyrage(tmp: Path) -> str:
    import pyrage
    from pyrage import x25519

    identity = x25519.Identity.generate()
    sealed = pyrage.encrypt(b"bundle", [identity.to_public()])
    _expect(sealed.startswith(b"age-encryption.org/v1"), "not an age v1 file")
    _expect(pyrage.decrypt(sealed, [identity]) == b"bundle", "age round trip")
    return "age v1 x25519 round trip"


#: A one-question XLSForm saved as Excel 97-2003 (.xls) by LibreOffice (made for this check):
#: gzip, then base64. Reading it runs pyxform with its .xls reader (xlrd) in the frozen app.
_XLS_FORM = (
    "H4sIAAAAAAACA+1YXWibVRh+z5effmmzNu1Wnd2ccbr+pnVloHU6262tbkypzG2KFLq0/dpmTZOQpKMFf1Jnb3QD"
    "ZRd6MZBBLwTBHwS9ULC9chfKvJmgKHS7UuZFFEUGa+Nz3u986ZeYSpMWQdcTnvPznu/8vT/nPW++uVK9eOmjumuU"
    "lx4hBy1nPOS20QTgsRo+Ik3RljOZjEXObKb/VFpSpZShE/JzAVLmZYCuZFuuys30/0vHKIpfkvzUSxGUcZqmYtId"
    "0Bj7fGsZs7zG79aaNtcvfX15f8t73AEUsn9530v7rwC8wBagEqgyXQBVAzXAVmAbUMs6QXQnsB24C6gDdgA7gbuB"
    "XcA9gB+4F9gN3AfcD+xR+2tQpUQz6i1AQNHaUD6weSdtSPLokKLbRZ9t+UqKnGV/DRrxoXOB9eI60E8xqRvdwfCQ"
    "/99Kh3gPQSH3MA8lPSCc0FWNLgKV9AHTP+f8AOsfUhf5O5ROP6d18e7Pc76b80rkgj7lMd8zpR2a+APr+RtsBoLK"
    "RDcFKUwhGsRNGMIXdXRZWtjL/IW0D3GQe+RX6+utz1kbFiZ6yKDT6D1Jk7CNZ1CLUIJ2Ob00J+3xCSNixIPhRbaz"
    "Ofoj47fZ9Lxf0uVUTP99bXStSDrddvQ58K4Qn1vM79P59KZV6IFV6M2r0D0F6S5rP/oK/YIG20xRRpa+lIPL6pSb"
    "y5qUk8utqTIut6VcmVNsAbOwh2Mu0+ITk/EzxvQs7vMX+A7QKWEkk6HIaOIcSasTtCB0gOj4eUE3YBu4/dPP8/ru"
    "tN8cwh5Eo5WoQNjq+6giLa30C3yo04yAV9HnRRfyLtr1q8/0Kzr8iw6/of8J13KLXmd/4zX9UnI6ZqCIBCcMeJpw"
    "cNAI79/fGxkNhxJj/kYj0lSTpR6Nxo1gxN84Hm2SA42pJHYRHcf2+o52Osij0Ylvp77sZF+nmZ5uJBqfGAgNo3bG"
    "iCdC0Qg83uBkZDhsDEyFEzhAewZOEGboNDc0pNcCK0pRq0pNekrzRvXl3KherDQMrskbqJpX9YEPrd07b1x/sK5z"
    "gOmpFaHSHilTCogZ9Cw4m3lEC+ev8LeWpz3LtFc5r8+O/6mzwVZvzNbTnU22+iXcix7siljCGlYLiO1e99mFU4ud"
    "VinoBHp0epGPTeI1vUqdtNIsOJd71TWfqgfM205UMU3k0Zb4NWG+H0i1BFoi29KYT1bLgZZDtQSPc2Zbcpwr25Lj"
    "3NmWA/yR7P+FnpbzpQ+bPE/rSiPlNJg5vdecM93IdE/aV+C9pFE5j5Nj5HqPaTX0idt0OUSPMg/ly8bcqbUA0ijU"
    "eVS3TySsN9rtqSmaTVO0ApqiFdQUPUdTPDnaUJ6jDRV5EvfbJa6XIHHdJnFav8T/ngResY5y8w3v000uzZtdj8s3"
    "81OhoXg0ER1J+nunhoyw/+GHWo/Ley5ssLocCo2MdKwndhCWaEpMyxlinSgwLy3OvvPbzb4x33tv6tTS8PF3kvNv"
    "q9hCKF5K7T2s4ox+xaUxFW8k1f2fUnHHOaVBPy+ZMYQcE40Zkdj0VJhUXCH796q5rZRfT9260vHSzI/CXt/o87Mn"
    "vPr11YttO3wX3sL5Azff75E+J4/Wr+Iky2P6bGd8UsVlpGIl2d+h+rtsHlby6mAsdtL0Xbk8kvzd19a+6v43Mv7n"
    "/efpcKExfCavWX8Wq8dpHG8KuY/xovlfg9Nq6pyZIuLqiMfS026sO4EIpw97OF3S+g5bDL6WMfXAkayd9CEaMEq2"
    "v3KsX2z836hidY5JEGdM4vwTiDak7I9AC0ZYJpKSRLQSBeWf5jLXdxXB/ybgcnb9HqwwxHswWAOL209HCedvBd7d"
    "/P+H0180Y9lbABgAAA=="
)


@check("pyxform (.xls through xlrd)")
def _pyxform_xls(tmp: Path) -> str:
    import base64
    import gzip

    import pyxform
    import xlrd

    from fieldapp.forms.xlsform import read_xlsform

    form = read_xlsform(gzip.decompress(base64.b64decode("".join(_XLS_FORM))), name="bundle_xls")
    _expect(form.form_id == "bundle_xls" and form.questions()[0].label("Korean (ko)") == "확인?",
            "the .xls XLSForm read back")
    return f"pyxform {pyxform.__version__}, xlrd {xlrd.__VERSION__}"


@check("pandas, XlsxWriter, openpyxl")
def _xlsx(tmp: Path) -> str:
    import openpyxl
    import pandas as pd
    import xlsxwriter

    frame = pd.DataFrame({"question": ["q1", "q2"], "label": ["예", "아니오"], "count": [3, 4]})
    out = tmp / "check.xlsx"
    frame.to_excel(out, index=False, engine="xlsxwriter")
    back = pd.read_excel(out, engine="openpyxl")
    _expect(back.equals(frame), "the .xlsx read back differs")
    return f"pandas {pd.__version__}, XlsxWriter {xlsxwriter.__version__}, openpyxl {openpyxl.__version__}"


@check("pyreadstat")
def _readstat(tmp: Path) -> str:
    import pandas as pd
    import pyreadstat

    frame = pd.DataFrame({"q1": [1.0, 2.0, 1.0]})
    out = tmp / "check.sav"
    pyreadstat.write_sav(frame, str(out), variable_value_labels={"q1": {1.0: "예", 2.0: "아니오"}})
    back, meta = pyreadstat.read_sav(str(out))
    _expect(back["q1"].tolist() == [1.0, 2.0, 1.0], "the .sav read back differs")
    _expect(meta.variable_value_labels["q1"][1.0] == "예", "value labels were lost")
    dta = tmp / "check.dta"
    pyreadstat.write_dta(frame, str(dta))
    return f"pyreadstat {pyreadstat.__version__} (.sav, .dta)"


@check("matplotlib")
def _matplotlib(tmp: Path) -> str:
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2))
    fig.add_subplot().bar(["a", "b"], [3, 4])
    magic = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xml"}
    for fmt, head in magic.items():
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt)
        _expect(buf.getvalue().startswith(head), f"the {fmt} chart is not a {fmt} file")
    return f"matplotlib {matplotlib.__version__}, backend {matplotlib.get_backend()}, png/pdf/svg"


@check("zxcvbn")
def _zxcvbn(tmp: Path) -> str:
    from zxcvbn import zxcvbn

    weak = zxcvbn("password123")
    strong = zxcvbn("violet-anchor-rescue-mango-tundra-quiet")
    _expect(weak["guesses_log10"] < 6 < strong["guesses_log10"], "the estimator's word lists are missing")
    return "frequency lists present"


@check("testimony audio codec")
def _audio_codec(tmp: Path) -> str:
    # libsndfile inside soundfile's wheel, with the recorder's own codec and settings
    # (Ogg/Vorbis, decision 0017): a second of tone encoded and decoded in memory
    import io

    import numpy as np
    import soundfile

    from fieldapp.ops import recorder

    tone = (np.sin(np.arange(recorder.SAMPLE_RATE) * 0.2) * 8000).astype("<i2")
    buf = io.BytesIO()
    enc = recorder.encoder(buf)
    enc.write(tone)
    enc.close()
    back, rate = soundfile.read(io.BytesIO(buf.getvalue()), dtype="int16")
    _expect(rate == recorder.SAMPLE_RATE and abs(len(back) - len(tone)) < 800,
            f"{recorder.SUBTYPE} did not round-trip")
    return (f"soundfile {soundfile.__version__}, libsndfile {soundfile.__libsndfile_version__}, "
            f"{recorder.SUBTYPE}")


@check("Qt Multimedia (microphone and playback)")
def _qt_multimedia(tmp: Path) -> str:
    # The recorder's QAudioSource and the player's QAudioSink, pull mode into memory as in
    # fieldapp.gui.widgets.media (no file). Without QtMultimedia or the libraries it links
    # (QtNetwork, QtConcurrent, libpulse on Linux) the import fails here instead of the
    # interviewer seeing "the microphone cannot be used" in the field. A machine with a
    # microphone (or a PulseAudio null source) records a moment of it.
    from PySide6 import QtMultimedia as mm
    from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice
    from PySide6.QtWidgets import QApplication

    from fieldapp.ops import recorder

    app = QApplication.instance() or QApplication([sys.argv[0]])
    fmt = mm.QAudioFormat()
    fmt.setSampleRate(recorder.SAMPLE_RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(mm.QAudioFormat.SampleFormat.Int16)
    inputs = mm.QMediaDevices.audioInputs()
    sink = mm.QAudioSink(mm.QMediaDevices.defaultAudioOutput(), fmt)
    buffer = QBuffer()
    buffer.setData(QByteArray(bytes(3200)))  # 0.1 s of silence
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    sink.start(buffer)
    sink.stop()
    if not inputs:
        # CI runs this once more under a PulseAudio null source (packaging/with_null_audio.sh)
        _expect(os.environ.get("FIELDAPP_REQUIRE_AUDIO_INPUT") != "1",
                "no audio input, but FIELDAPP_REQUIRE_AUDIO_INPUT=1 asks for one")
        return "audio source and sink load; no audio input on this machine"
    source = mm.QAudioSource(mm.QMediaDevices.defaultAudioInput(), fmt)
    io_device = source.start()
    got = 0
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < 3000 and got < 3200:
        app.processEvents()
        got += len(bytes(io_device.readAll()))
    source.stop()
    _expect(got > 0, f"no sound arrived from {mm.QMediaDevices.defaultAudioInput().description()}")
    return f"{len(inputs)} audio input(s); {got} bytes recorded from the default one"


@check("Qt binding reference counts")
def _qt_refcounts(tmp: Path) -> str:
    # PySide6 6.12.0 on Python 3.11 releases None once too often on every Qt call that
    # returns nothing, and the app aborts after some thousands of them (decision 0025)
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([sys.argv[0]])
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
        app.processEvents()
    lost = before - sys.getrefcount(None)
    _expect(lost < 100, f"None lost {lost} references in 2000 Qt calls: this PySide6 would abort the app")
    import PySide6

    return f"PySide6 {PySide6.__version__}: None kept over 2000 Qt calls"


@check("Qt")
def _qt(tmp: Path) -> str:
    from PySide6 import QtCore
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([sys.argv[0]])
    label = QLabel("조사")
    label.show()
    app.processEvents()
    _expect(label.isVisible(), "a window could not be shown")
    label.close()
    where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    _expect(translator.load("qtbase_ko", where), f"qtbase_ko.qm is missing from {where}")
    # Our own catalogs: every compiled one that shipped must load.
    from fieldapp.resources import resource

    ours = sorted(resource("i18n").glob("*.qm")) if resource("i18n").is_dir() else []
    for qm in ours:
        _expect(QTranslator().load(str(qm)), f"{qm.name} does not load")
    names = ", ".join(qm.stem for qm in ours) or "no fieldapp catalogs yet"
    return f"Qt {QtCore.qVersion()} on {app.platformName()}, qtbase_ko and {names} loaded"


def main() -> int:
    failed = 0
    with tempfile.TemporaryDirectory(prefix="fieldapp-check-") as tmp:
        for name, fn in CHECKS:
            try:
                detail = fn(Path(tmp))
            except Exception as exc:  # noqa: BLE001 - every failure is reported, then counted
                failed += 1
                print(f"FAIL {name}: {type(exc).__name__}: {exc}")
                if os.environ.get("FIELDAPP_DEBUG") == "1":
                    traceback.print_exc()
            else:
                print(f"ok   {name}: {detail}")
    # Not "N passed, N failed": CI logs read that shape as a test runner's summary.
    if failed:
        print(f"check-bundle: {failed} of {len(CHECKS)} checks FAILED")
    else:
        print(f"check-bundle: all {len(CHECKS)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
