# Shortcuts for the everyday commands; `bash .ci/run` stays the one command CI runs.
# make test                 the suite on SQLite (browser/OmegaT tests skip if their tools are missing)
# make test T=tests/test_search.py::test_exact_match_ranks_first   one test, or a file
# make test-pg              the suite on PostgreSQL (127.0.0.1:5432, database test)
# make lint / make types    ruff / mypy, as CI runs them
# make ci                   exactly what CI runs (installs packages; needs root for apt-get)
PY ?= .venv/bin/python
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
T ?=

.PHONY: install test test-pg lint types check ci serve

install: .venv/bin/python
	$(PY) -m pip install --quiet -e '.[test]'

.venv/bin/python:
	python3 -m venv .venv

test:
	$(PY) -m pytest -q $(T)

test-pg:
	GLOSSARY_TEST_DATABASE_URL=$(PG_URL) $(PY) -m pytest -q $(T)

lint:
	.venv/bin/ruff check glossary tests

types:
	$(PY) -m mypy

check: lint types test

ci:
	bash .ci/run

serve:
	.venv/bin/glossary serve
