# Samverkanstorget. Two commands are all a new machine needs:
#   make serve   builds and serves the site on http://127.0.0.1:8000
#   make test    runs every test
# Everything is installed into .venv/ from requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Root installs Debian packages directly; anyone else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

NPM_STAMP := node_modules/.installed
# The one command line (hooks/samverkan/__main__.py); `python -m samverkan --help` lists what it does.
SAMVERKAN := PYTHONPATH=hooks $(BIN)/python -m samverkan

.PHONY: serve site test check bench bench-preview lighthouse lock clean chromium nginx node screenshots sokkvalitet kodagare lankar import ny-minnesanteckning ny-handelse ny-grupp

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $(STAMP)

## Build and serve the site with live reload (also for minnesanteckningar/, kalender/, verktygslada/).
## --dirty: after the first build only the pages a saved change affects are rendered again;
## our hooks decide which (see hooks/samverkan/mkdocs_side/preview.py), so no page is left stale.
## The web editor (/redaktor/) saves straight into this folder through its own locked-down server on 127.0.0.1.
serve: $(STAMP) $(NPM_STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## Strict build into site/.
site: $(STAMP) $(NPM_STAMP)
	$(BIN)/mkdocs build --strict

## Validate all content without building (same messages as the build; exit code for CI and pre-commit).
check: $(STAMP)
	@$(SAMVERKAN) check .

## New files from templates; never overwrites. Example: make ny-minnesanteckning GRUPP=nordost DATUM=2026-12-15
ny-minnesanteckning: $(STAMP)
	@$(SAMVERKAN) ny minnesanteckning "$(GRUPP)" "$(DATUM)"

ny-handelse: $(STAMP)
	@$(SAMVERKAN) ny handelse "$(GRUPP)" "$(DATUM)" "$(TID)"

ny-grupp: $(STAMP)
	@$(SAMVERKAN) ny grupp "$(GRUPP)" "$(NAMN)" "$(TYP)"

## External links of the built site, with their pages (KONTROLLERA=ja also asks each address).
lankar: site
	@$(SAMVERKAN) lankar site $(if $(filter ja 1 true,$(KONTROLLERA)),--kontrollera)

## Import a document from the old site: make import FIL=gammal.pdf TYP=dokument GRUPP=barn-och-unga [DATUM=2019-10-30]
import: $(STAMP)
	@$(SAMVERKAN) import "$(FIL)" "$(TYP)" $(GRUPP) $(DATUM)

## The git host's code-owners file from the groups' `redaktörer`.
kodagare: $(STAMP)
	@$(SAMVERKAN) kodagare .

## Benchmark: corpora of 1 000, 5 000 and 10 000 minutes against plain mkdocs-material; writes the table into docs/utveckling/prestanda.md.
bench: $(STAMP)
	$(BIN)/python tests/bench/run.py --readme docs/utveckling/prestanda.md

## Only the preview (make serve) at 1 000 and 10 000 minutes: seconds per kind of file, printed.
bench-preview: $(STAMP)
	$(BIN)/python tests/bench/run.py --preview-only

## Lighthouse (mobile) on the start, group, calendar, minutes and toolbox pages served by nginx; writes its table into docs/utveckling/prestanda.md.
lighthouse: $(STAMP) $(NPM_STAMP) chromium nginx
	$(BIN)/python tests/tools/lighthouse.py --readme docs/utveckling/prestanda.md

## Every test (the browser tests need Debian's Chromium and nginx; installed here when missing).
## Two workers, a test file each at a time: a file's site and browser are built once.
TEST_WORKERS ?= 2
test: $(STAMP) $(NPM_STAMP) chromium nginx
	$(BIN)/python -m pytest --numprocesses=$(TEST_WORKERS) --dist=loadfile

## The web editor (Decap CMS) and its local backend, exactly as package-lock.json pins them
## (versions and integrity hashes); Node.js and npm from Debian when missing.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  echo "Installerar Node.js och npm (Debians paket) för redigeringsverktyget ..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

node: $(NPM_STAMP)

chromium:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
	  echo "Installerar Chromium (Debians paket) för webbläsartesterna ..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The browser tests serve the site with the operators' guide's nginx configuration.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  echo "Installerar nginx (Debians paket) för webbläsartesterna ..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null; }

## The search's query set (tests/search_queries.py) typed in Chromium: the share with its page in the top three.
sokkvalitet: site chromium nginx
	$(BIN)/python tests/tools/search_quality.py site

## Screenshots of each kind of page at desktop and phone width, into site-screenshots/,
## and of each form of the web editor, into the editors' guide (docs/redaktorer/bilder/).
screenshots: site chromium nginx $(NPM_STAMP)
	$(BIN)/python tests/tools/screenshots.py site site-screenshots
	$(BIN)/python tests/tools/editor_screenshots.py docs/redaktorer/bilder

## Re-resolve requirements.lock from pyproject.toml (maintainers only; needs pip-tools).
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf site site-screenshots .pytest_cache
