# Two commands set everything up on a fresh machine (see README):
#   make demo   create .venv, install, run the whole chain on the demo study
#   make test   create .venv, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The demo key passphrase is for the synthetic demo only; set your own for real data.
export EVALTOOLKIT_KEY_PASSPHRASE ?= demo-study-passphrase-not-for-real-data
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install system-packages demo test benchmarks clean-demo

$(BIN)/evaltoolkit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	# BERTopic without sentence-transformers/torch (../shared/dependencies.md)
	$(BIN)/pip install --quiet --no-deps "bertopic==0.17.4"
	touch $(BIN)/evaltoolkit

install: $(BIN)/evaltoolkit

# writes the demo's configuration, codebooks and generated study into this checkout (as
# committed), then runs the chain here: the report is reports/report_2024-10.docx
demo: install
	$(BIN)/evaltoolkit demo .

# PostgreSQL, LibreOffice and Chromium for the tests that need a real server, renderer or
# browser (installed when run as root with apt-get; otherwise those tests skip and say why)
system-packages:
	scripts/install-system-packages

test: install system-packages
	$(BIN)/python -m pytest

benchmarks: install
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done
