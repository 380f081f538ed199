# `make` installs the project in .venv and runs the main job on the dossier; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: all install test bench regen lint clean

all: install
	$(BIN)/pipeline run
	@echo "Catalogues: locales/dossier.pot and locales/<lang>/LC_MESSAGES/dossier.po"
	@echo "Documents:  build/<lang>/dossier.md and build/<lang>/dossier.html"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python tools/bench.py

regen: install
	-$(BIN)/python -m pytest -q --force-regen
	@echo "Golden files regenerated: review 'git diff tests/' before committing."

lint: install
	$(BIN)/python -m pip install --quiet mypy
	$(BIN)/python -m mypy pipeline

clean:
	rm -rf $(VENV) build
