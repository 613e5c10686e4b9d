# Quick start: `make site` builds the site and the sheets into site/, `make test` runs the tests.
# Both create .venv and install what they need (Debian packages only when missing).
VENV ?= .venv
PY := $(VENV)/bin/python
SITE_DEBS := fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
TEST_DEBS := chromium poppler-utils

# Exact versions with hashes, so an install gives the same packages on any day: requirements.lock
# for building the site, requirements-test.lock for the tests as well (it includes the first).
# pyproject.toml keeps the ranges; `make lock` resolves them again (a reviewed change, see README).
LOCK := requirements.lock
TEST_LOCK := requirements-test.lock
UV := uv==0.13.9
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: site test test-fast test-newest validate serve pdf bench clean deps test-deps messages lock

site: deps
	$(VENV)/bin/factsheets build

test: deps test-deps
	$(PY) -m pytest

# The edit-test loop: no browser, no full site builds.
test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -m "not browser and not slow" -q

# The same tests on the newest releases that pyproject.toml allows, in a venv of their own: what
# `make lock` would bring in. Run it before refreshing the lock.
test-newest:
	$(MAKE) VENV=.venv-newest LOCK= TEST_LOCK= test

validate: $(VENV)/.installed
	$(VENV)/bin/factsheets validate $(ARGS)

serve: deps
	$(VENV)/bin/mkdocs serve

pdf: deps
	$(VENV)/bin/factsheets pdf

# After changing interface text in templates or Python: extract it and merge it into each language's
# catalogue (generator/render/locale/*/LC_MESSAGES/messages.po), then translate the new entries.
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -c Translators: --add-location=file --sort-by-file \
		--project "reintegration fact sheets" --version 1 --copyright-holder "the contributors" \
		--msgid-bugs-address "https://github.com/reintegration-factsheets/factsheets/issues" \
		-o generator/render/locale/messages.pot .
	$(VENV)/bin/pybabel update -i generator/render/locale/messages.pot -d generator/render/locale --no-fuzzy-matching

bench: deps
	$(PY) bench/run.py --countries 200

deps: $(VENV)/.installed
	@scripts/ensure-debs $(SITE_DEBS)

test-deps: $(VENV)/.installed-test
	@scripts/ensure-debs $(TEST_DEBS)

$(VENV)/bin/python:
	python3 -m venv $(VENV)

# With a lock: its exact versions (hashes checked), then the package itself without dependencies.
# Without one (LOCK= on the command line): the newest releases within pyproject.toml's ranges.
$(VENV)/.installed: pyproject.toml $(LOCK) | $(VENV)/bin/python
ifdef LOCK
	$(PIP) --require-hashes --no-deps -r $(LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
else
	$(PIP) --upgrade --upgrade-strategy eager -e .
endif
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(TEST_LOCK) $(VENV)/.installed
ifdef TEST_LOCK
	$(PIP) --require-hashes --no-deps -r $(TEST_LOCK)
else
	$(PIP) --upgrade --upgrade-strategy eager -e '.[test]'
endif
	@touch $@

# Resolve pyproject.toml's ranges to the newest releases again, with hashes, for Python 3.11 on any
# platform. The build backend is locked too (requirements-build.in): the package is installed
# without build isolation. Renovate (renovate.json) runs the same commands, read from the locks' headers.
lock: | $(VENV)/bin/python
	$(PIP) $(UV)
	$(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 --universal \
		--extra test --output-file $(TEST_LOCK) pyproject.toml requirements-build.in
	$(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 --universal \
		--constraint $(TEST_LOCK) --output-file $(LOCK) pyproject.toml requirements-build.in

clean:
	rm -rf .venv-newest site data docs/countries docs/programmes docs/compare docs/pdf docs/index.md docs/tags.md \
		docs/data.md docs/data docs/schemas .cache
	git clean -fdX docs-nb docs-da
