# fieldapp: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
# Debian packages the test suite uses: the age tool (interop), LibreOffice + poppler (export
# checks), a Korean font, Xvfb/openbox/xdotool (screenshots of the real window under a window manager), e2fsprogs (mkfs.ext4
# for the wipe test on a raw ext4 image), Qt's runtime libraries, and a Java compiler and
# runtime: JavaRosa (in pyxform's ODK Validate jar) computes the expected expression values in
# the tests. fieldapp itself never runs Java. Testimony audio (issue #16): Qt Multimedia needs
# libpulse0 on Linux, and the real-recorder test records from a PulseAudio null source.
SYSDEPS := age libreoffice-calc-nogui poppler-utils fonts-nanum xvfb openbox xdotool e2fsprogs \
           default-jdk-headless libpulse0 pulseaudio pulseaudio-utils \
           libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
           libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
           libxcb-randr0 libxcb-render-util0 libxcb-image0
SYSDEP_BINS := age soffice pdftotext Xvfb openbox xdotool mkfs.ext4 java javac pulseaudio pactl

.PHONY: run test test-core-noqt lint bench dist dist-zip screenshots translations i18n-update sysdeps clean help

help:
	@echo "make run    - set up .venv and open the desktop app"
	@echo "make test   - set up .venv with test tools and run the whole suite headless"
	@echo "make bench  - run the benchmarks (JSON in bench/results/)"
	@echo "make dist   - build the one-folder desktop package in dist/fieldapp/"
	@echo "make i18n-update - refresh resources/i18n/*.ts after changing GUI strings"

# The first `make run` installs Qt, pandas and the rest (a few minutes): it says so, and pip
# names each package as it goes, so a silent minute is never mistaken for a hang (issue #15).
$(VENV)/.run-stamp: pyproject.toml
	@echo "fieldapp: setting up $(VENV) (only the first time; this takes a few minutes)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "fieldapp: updating pip"
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	@echo "fieldapp: installing fieldapp and what it needs"
	@$(PY) -m pip install --disable-pip-version-check --progress-bar off -e .
	@touch $@
	@echo "fieldapp: ready"

$(VENV)/.test-stamp: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	@touch $@ $(VENV)/.run-stamp

# Compile the committed .ts catalogues to .qm (never rewrites sources: make run/test leave the tree clean).
translations: $(VENV)/.run-stamp
	$(PY) -m fieldapp.gui.i18n_build --no-update

# Developers, after changing GUI strings: refresh the .ts catalogues with lupdate, then translate.
i18n-update: $(VENV)/.run-stamp
	$(PY) -m fieldapp.gui.i18n_build

run: $(VENV)/.run-stamp
	-@$(MAKE) -s translations >/dev/null 2>&1
	$(BIN)/fieldapp

# Installs missing Debian packages when run as root; otherwise says exactly what to install.
sysdeps:
	@missing=""; for b in $(SYSDEP_BINS); do command -v $$b >/dev/null 2>&1 || missing="$$missing $$b"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian packages for the tests (missing:$$missing)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSDEPS) >/dev/null; \
	  else \
	    echo "Some tests will be skipped: missing$$missing. Install with:"; \
	    echo "  sudo apt-get install $(SYSDEPS)"; \
	  fi; \
	fi

# Both runs use every core of the machine (pytest-xdist, a file per worker: its module
# fixtures are built once); TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto
WORKERS := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

# Two runs, each test once: the core (tests/core) as if Qt were not installed (Qt imports
# blocked, pytest-qt off: the core must never import Qt), then everything else with Qt
# offscreen. Either one collecting nothing is a failure.
test: $(VENV)/.test-stamp sysdeps
	-@$(MAKE) -s translations >/dev/null 2>&1
	FIELDAPP_BLOCK_QT=1 $(BIN)/pytest -q -p no:cacheprovider -p no:pytest-qt $(WORKERS) tests/core; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no core tests - that is a failure here"; rc=1; fi; \
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider $(WORKERS) --ignore=tests/core; rc2=$$?; \
	if [ $$rc2 -eq 5 ]; then echo "make test: pytest collected no tests - that is a failure here"; rc2=1; fi; \
	if [ $$rc -ne 0 ]; then exit $$rc; fi; exit $$rc2

# The core must work with Qt absent (napari's habit): Qt imports are blocked, pytest-qt is off.
# (`make test` already runs the whole core this way; this is the quick check without the slow tests.)
test-core-noqt: $(VENV)/.test-stamp
	FIELDAPP_BLOCK_QT=1 $(BIN)/pytest -q -p no:cacheprovider -p no:pytest-qt tests/core -x -q \
	  -m "not slow"

lint: $(VENV)/.test-stamp
	$(BIN)/ruff check src tests bench tools
	$(BIN)/lint-imports
	$(BIN)/mypy src/fieldapp/ops src/fieldapp/store

bench: $(VENV)/.test-stamp
	-$(PY) -m pip install -q -e ".[test,bench]"
	@mkdir -p bench/results
	$(PY) bench/run_all.py --out bench/results

# The one-folder desktop package in dist/fieldapp/ (hash-pinned build venv; see packaging/README.md).
dist:
	bash packaging/build.sh

dist-zip:
	bash packaging/build.sh --zip

screenshots: $(VENV)/.run-stamp
	-@$(MAKE) -s translations >/dev/null 2>&1
	$(PY) tools/screenshots.py  # a 1366x768 Xvfb screen under openbox (offscreen without them)

clean:
	rm -rf build dist .pytest_cache .ruff_cache
