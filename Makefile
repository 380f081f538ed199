# `make` installs the project in .venv and runs the main job on the dossier; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# pip itself, pinned like everything else: the version `make` and CI were tested with (the build backend is pinned
# in pyproject.toml's build-system)
PIP_VERSION := 26.3
APERTIUM_PACKAGES := $(shell cat tools/apertium-packages.txt)
HUNSPELL_PACKAGES := $(shell cat tools/hunspell-packages.txt)
SCREENSHOT_PACKAGES := $(shell cat tools/screenshot-packages.txt)
# gettext: the tests check with msgcat that every catalogue is written in GNU gettext's own layout.
SYSTEM_PACKAGES := $(APERTIUM_PACKAGES) $(HUNSPELL_PACKAGES) gettext

.PHONY: all install system test test-fast bench regen lint lock clean ui-strings screenshots
# The tests run in one process per core (pytest-xdist); a process that runs out of tests takes queued ones from another.
PARALLEL := -n auto --dist worksteal

# The project's own modules are compiled first (only those changed since): where PYTHONDONTWRITEBYTECODE is set,
# every command would otherwise compile them again (0.08 s of each `pipeline check`).
all: install system
	$(BIN)/python -m compileall -q pipeline >/dev/null
	$(BIN)/pipeline run
	@echo "Catalogues: locales/dossier.pot and locales/<lang>/LC_MESSAGES/dossier.po"
	@echo "Documents:  build/<lang>/dossier.md and build/<lang>/dossier.html"

install: $(VENV)/.installed

# Exact versions from requirements.lock (what the tests and the committed catalogues were made with),
# installed as listed, nothing resolved again: argostranslate comes without the torch/stanza/spacy stack
# that only its own translate module needs (the pipeline uses argostranslate.package and CTranslate2).
# Every file pip downloads must match one of the SHA-256 hashes the lock gives for its pin (--require-hashes);
# the project itself is installed apart, editable, from this tree (its build backend in pip's own build environment,
# so the venv's bundled setuptools goes). Bytecode is compiled for what the pipeline and the tests import, not for
# numpy's tests, f2py and distutils or Pygments' 500 lexers (16 MB that nothing runs): .venv stays under 300 MB,
# and no command compiles a library's modules again each time where PYTHONDONTWRITEBYTECODE is set.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet --no-compile --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip uninstall --quiet --yes setuptools
	$(BIN)/python -m compileall -q -j0 -x '/(tests?|testing|f2py|distutils|_pyinstaller|lexers|pip)/' \
	    "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null
	touch $@

$(VENV)/.lint-installed: $(VENV)/.installed requirements-lint.lock
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-lint.lock
	touch $@

# Update the lock files on purpose: pyproject.toml resolved afresh in a scratch venv, each pin with the hashes of
# all its files on PyPI (tools/lock.py; `python3 tools/lock.py --rehash` fetches the hashes of the same versions).
lock:
	$(PYTHON) tools/lock.py
	@echo "Lock files updated: run make test, then review and commit them."

# Apertium, its language pairs (MT; agreement QA), Hunspell dictionaries (spelling QA) and gettext come from Debian:
# installed when missing and we may (root with apt-get).
system:
	@if dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null | grep -vq 'install ok installed' \
	    || ! dpkg-query -W $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(SYSTEM_PACKAGES); \
	  else \
	    echo "warning: Apertium or Hunspell is missing (MT for en, es, ca, oc, it; spelling and agreement checks) or gettext (msgcat, for the tests): sudo apt-get install $(SYSTEM_PACKAGES)"; \
	  fi; \
	fi

# The tests run Apertium and msgcat for real: they need them installed.
test: install system
	@command -v apertium >/dev/null || { echo "error: the tests need Apertium: sudo apt-get install $(APERTIUM_PACKAGES)"; exit 1; }
	@command -v hunspell >/dev/null || { echo "error: the tests need Hunspell: sudo apt-get install $(HUNSPELL_PACKAGES)"; exit 1; }
	@command -v msgcat >/dev/null || { echo "error: the tests need GNU gettext's msgcat: sudo apt-get install gettext"; exit 1; }
	$(BIN)/python -m pytest -q $(PARALLEL)

# The tests without the slow end-to-end runs (pytest -m slow): for a quick loop while working.
test-fast: install system
	$(BIN)/python -m pytest -q $(PARALLEL) -m "not slow"

bench: install system
	$(BIN)/python tools/bench.py
	$(BIN)/python tools/bench_apertium.py --target es
	$(BIN)/python tools/bench_argos.py
	$(BIN)/python tools/bench_glossary.py
	$(BIN)/python tools/bench_qa.py
	$(BIN)/python tools/bench_check.py
	$(BIN)/python tools/bench_drafts.py
	$(BIN)/python tools/bench_glossary_scale.py
	$(BIN)/python tools/bench_incremental.py

regen: install
	-$(BIN)/python -m pytest -q --force-regen
	@echo "Golden files regenerated: review 'git diff tests/' before committing."

# The pipeline's own page strings: re-extract pipeline/locale/pipeline.pot (Babel), merge it into every target's
# pipeline/locale/<lang>/LC_MESSAGES/pipeline.po and draft the empty entries with Apertium (reviewed entries kept).
ui-strings: install system
	$(BIN)/python tools/ui_catalog.py

# PNGs of build/en/review.html, build/ar/dossier.html and build/report.html in build/screenshots/, taken with
# Debian's headless Chromium (installed when missing and we may, like the other system packages).
screenshots: all
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(SCREENSHOT_PACKAGES); \
	  else \
	    echo "error: screenshots need Chromium: sudo apt-get install $(SCREENSHOT_PACKAGES)"; exit 1; \
	  fi; }
	$(BIN)/python tools/screenshots.py

lint: $(VENV)/.lint-installed
	$(BIN)/python -m mypy pipeline

clean:
	rm -rf $(VENV) build
