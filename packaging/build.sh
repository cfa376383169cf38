#!/usr/bin/env bash
# Builds the one-folder desktop app dist/fieldapp/ (what `make dist` runs).
#
#   packaging/build.sh          build, then smoke-test the frozen app
#   packaging/build.sh --zip    also write dist/fieldapp-<version>-<os>-<arch>.zip
#
# Everything happens in a separate venv (build/venv-dist) installed only from the
# hash-pinned packaging/requirements-build.txt, wheels only: the dev venv stays clean and the
# bundle contains exactly the reviewed releases. The venv is reused while that file is
# unchanged. Runs on Linux, macOS and Windows (Git Bash); see packaging/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"

make_zip=0
for arg in "$@"; do
  case "$arg" in
    --zip) make_zip=1 ;;
    *) echo "build.sh: unknown option $arg (known: --zip)" >&2; exit 2 ;;
  esac
done

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "build.sh: needs Python 3.11 (the pinned wheels are cp311); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi

venv="build/venv-dist"
reqs="packaging/requirements-build.txt"
start=$(date +%s)

bin_of() { if [ -d "$1/Scripts" ]; then echo "$1/Scripts"; else echo "$1/bin"; fi; }

# -- 1. the build venv (recreated when the lock file changes) --------------------------------
stamp="$venv/.requirements-build.sha256"
want="$("$PYTHON" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$reqs")"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "== creating $venv from $reqs"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv"
  bin="$(bin_of "$venv")"
  # --only-binary: no sdist is built on the build machine (nothing runs setup.py of a
  # third party); --require-hashes: every file must match the lock, transitive ones too.
  "$bin/python" -m pip install -q --disable-pip-version-check \
    --require-hashes --only-binary=:all: -r "$reqs"
  echo "$want" > "$stamp"
fi
bin="$(bin_of "$venv")"

# -- 2. fieldapp itself -----------------------------------------------------------------------
# --no-build-isolation uses the hash-pinned setuptools/wheel above instead of fetching
# unpinned ones; build/lib is removed first because setuptools reuses it and would ship a
# module that has since been deleted from src/.
rm -rf build/lib build/bdist.*
"$bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation \
  --force-reinstall .

# -- 3. translations (.qm are build products, not in git) --------------------------------------
# --no-update: a build compiles the committed .ts files and never rewrites them (that is
# `make translations`). FIELDAPP_RESOURCES: the installed copy of fieldapp would otherwise
# look for resources/ inside the venv.
if "$bin/python" -c 'import importlib.util,sys; sys.exit(importlib.util.find_spec("fieldapp.gui.i18n_build") is None)' 2>/dev/null; then
  echo "== compiling translations"
  FIELDAPP_RESOURCES="$root/resources" "$bin/python" -m fieldapp.gui.i18n_build --no-update
fi
shopt -s nullglob
for ts in resources/i18n/*.ts; do
  [ -f "${ts%.ts}.qm" ] || echo "build.sh: warning: ${ts} has no compiled .qm; that language will be missing" >&2
done
shopt -u nullglob

# -- 4. freeze ---------------------------------------------------------------------------------
echo "== PyInstaller"
"$bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/fieldapp.spec

exe="dist/fieldapp/fieldapp"
[ -f "$exe.exe" ] && exe="$exe.exe"
[ -d "dist/fieldapp.app" ] && exe="dist/fieldapp.app/Contents/MacOS/fieldapp"

# -- 5. smoke test: the frozen app starts and every bundled dependency works -------------------
echo "== smoke test"
"$exe" --version
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$exe" --check-bundle

size="$(du -sk dist/fieldapp | cut -f1)"
echo "== dist/fieldapp: $((size / 1024)) MB, built in $(( $(date +%s) - start )) s"
# 345 MB since the app records testimony (Qt Multimedia, docs/decisions/0022-the-desktop-app-records.md);
# 330 MB when scipy joined the runtime (docs/decisions/0005); ARCHITECTURE section 9 said 250 MB.
if [ "$size" -gt $((345 * 1024)) ]; then
  echo "build.sh: dist/fieldapp is over the 345 MB budget (docs/decisions/0022)" >&2
  exit 1
fi

# -- 6. the distribution: a zip of the folder ---------------------------------------------------
if [ "$make_zip" = 1 ]; then
  "$bin/python" packaging/make_zip.py dist/fieldapp
fi
