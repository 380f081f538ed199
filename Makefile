# `make` installs the project in .venv and runs the main job on the dossier; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APERTIUM_PACKAGES := $(shell cat tools/apertium-packages.txt)

.PHONY: all install system test bench regen lint lock clean

all: install system
	$(BIN)/pipeline run
	@echo "Catalogues: locales/dossier.pot and locales/<lang>/LC_MESSAGES/dossier.po"
	@echo "Documents:  build/<lang>/dossier.md and build/<lang>/dossier.html"

install: $(VENV)/.installed

# Exact versions from requirements.lock (what the tests and the committed catalogues were made with),
# then the project itself without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Update requirements.lock on purpose: resolve pyproject.toml afresh in a scratch venv and freeze it.
# torch first, pinned: argostranslate declares it, and an unpinned torch pulls a CUDA build of several GB.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet torch==2.13.0
	.lock-venv/bin/python -m pip install --quiet '.[test,lint]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^dossier-pipeline' > requirements.lock
	rm -rf .lock-venv
	@echo "requirements.lock updated: run make test, then review and commit it."

# Apertium and its language pairs come from Debian: installed when missing and we may (root with apt-get).
system:
	@if dpkg-query -W -f='$${Status}\n' $(APERTIUM_PACKAGES) 2>/dev/null | grep -vq 'install ok installed' \
	    || ! dpkg-query -W $(APERTIUM_PACKAGES) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(APERTIUM_PACKAGES); \
	  else \
	    echo "warning: Apertium is missing (rule-based MT for es, ca, oc): sudo apt-get install $(APERTIUM_PACKAGES)"; \
	  fi; \
	fi

# The tests run Apertium for real: they need it installed.
test: install system
	@command -v apertium >/dev/null || { echo "error: the tests need Apertium: sudo apt-get install $(APERTIUM_PACKAGES)"; exit 1; }
	$(BIN)/python -m pytest -q

bench: install system
	$(BIN)/python tools/bench.py
	$(BIN)/python tools/bench_apertium.py --target es
	$(BIN)/python tools/bench_argos.py
	$(BIN)/python tools/bench_glossary.py
	$(BIN)/python tools/bench_glossary_scale.py

regen: install
	-$(BIN)/python -m pytest -q --force-regen
	@echo "Golden files regenerated: review 'git diff tests/' before committing."

lint: install
	$(BIN)/python -m mypy pipeline

clean:
	rm -rf $(VENV) build
