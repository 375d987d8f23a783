# Each target sets itself up: a virtual environment in .venv from pyproject.toml, and the
# system packages it needs (scripts/install-system-deps.sh), so a fresh clone needs only `make`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TEST_TIMEOUT ?= 1800

.PHONY: run test lint bench faults package package-check translations screenshots clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	-scripts/install-system-deps.sh run  # best effort: a desktop usually has these already
	$(PY) -m gui

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test: lint
	scripts/install-system-deps.sh test
	scripts/install-system-deps.sh package  # tests/packaging/test_icu_data.py cuts ICU's data
	CONFAB_REQUIRE_KEYRING=1 QT_QPA_PLATFORM=offscreen timeout --kill-after=30 $(TEST_TIMEOUT) \
		scripts/with-keyring.sh $(PY) -m pytest -q

# Under Xvfb, so start-up is measured on real X11 windows (the other benches draw offscreen).
bench: $(VENV)/.installed
	scripts/install-system-deps.sh run
	scripts/install-system-deps.sh screen
	QT_QPA_PLATFORM=offscreen timeout 900 xvfb-run -a -s "-screen 0 1920x1080x24" \
		$(PY) -m pytest -q -m bench -s tests/bench

# The main screens as PNGs in docs/screenshots (or OUT=dir), on a virtual X screen.
screenshots: $(VENV)/.installed
	scripts/install-system-deps.sh run
	scripts/install-system-deps.sh screen
	timeout 300 xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) scripts/screenshots.py $(OUT)

faults: $(VENV)/.installed
	$(PY) scripts/fault-table.py

translations: $(VENV)/.installed
	scripts/translations.sh

package: $(VENV)/.installed
	packaging/build.sh

# Build the package, then check it: size budget, --version, --smoke against a local server
# offscreen, files from the desktop entry, both languages, the .deb and the tarball.
package-check: package
	scripts/install-system-deps.sh test
	QT_QPA_PLATFORM=offscreen timeout 900 $(PY) -m pytest -q -m package tests/packaging

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
