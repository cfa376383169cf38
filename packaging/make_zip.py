"""Zips the one-folder app into dist/fieldapp-<version>-<os>-<arch>.zip (the distribution).

Keeps what a plain ``shutil.make_archive`` loses: the executable bit and symbolic links
(stored as links, as Info-ZIP does, so they are not duplicated). Prints the zip's SHA-256 so
it can be published beside the download and checked by whoever installs it.
"""

from __future__ import annotations

import hashlib
import os
import platform
import stat
import sys
import zipfile
from pathlib import Path


def archive_name(folder: Path, version: str) -> Path:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("aarch64", "arm64")
    return folder.parent / f"{folder.name}-{version}-{system}-{machine}.zip"


def make_zip(folder: Path, out: Path) -> str:
    """Writes out (entries under ``<folder name>/``); returns its SHA-256 hex digest."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(folder.rglob("*")):
            arcname = str(Path(folder.name) / path.relative_to(folder)).replace(os.sep, "/")
            if path.is_symlink():
                info = zipfile.ZipInfo(arcname)
                info.create_system = 3  # Unix, so the mode below is honoured by unzip
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                zf.writestr(info, os.readlink(path))
            elif path.is_dir():
                continue  # folders are implied by their files
            else:
                zf.write(path, arcname)
    digest = hashlib.sha256()
    with out.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "dist/fieldapp").resolve()
    if not folder.is_dir():
        print(f"make_zip: {folder} does not exist; build first (packaging/build.sh)", file=sys.stderr)
        return 1
    from fieldapp import __version__

    out = archive_name(folder, __version__)
    digest = make_zip(folder, out)
    print(f"{out.name}: {out.stat().st_size / 2**20:.0f} MiB, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
