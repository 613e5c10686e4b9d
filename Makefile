# Quick start: `make site` builds the site and the sheets into site/, `make test` runs the tests.
# Both create .venv and install what they need (Debian packages only when missing).
VENV ?= .venv
PY := $(VENV)/bin/python
SITE_DEBS := fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
TEST_DEBS := chromium poppler-utils

.PHONY: site test validate serve pdf bench clean deps test-deps messages

site: deps
	$(VENV)/bin/factsheets build

test: deps test-deps
	$(PY) -m pytest

validate: $(VENV)/.installed
	$(VENV)/bin/factsheets validate $(ARGS)

serve: deps
	$(VENV)/bin/mkdocs serve

pdf: deps
	$(VENV)/bin/factsheets pdf

# After changing interface text in templates or Python: extract it and merge it into each language's
# catalogue (generator/locale/*/LC_MESSAGES/messages.po), then translate the new entries.
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -c Translators: --add-location=file --sort-by-file \
		--project "reintegration fact sheets" --version 1 --copyright-holder "the contributors" \
		--msgid-bugs-address "https://github.com/reintegration-factsheets/factsheets/issues" \
		-o generator/locale/messages.pot .
	$(VENV)/bin/pybabel update -i generator/locale/messages.pot -d generator/locale --no-fuzzy-matching

bench: deps
	$(PY) bench/run.py --countries 200

deps: $(VENV)/.installed
	@scripts/ensure-debs $(SITE_DEBS)

test-deps: $(VENV)/.installed-test
	@scripts/ensure-debs $(TEST_DEBS)

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

clean:
	rm -rf site docs/countries docs/programmes docs/compare docs/pdf docs/index.md docs/tags.md .cache
	git clean -fdX docs-nb docs-da
