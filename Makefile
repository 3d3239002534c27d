# Referral Directory. `make help` lists the targets.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
# One stamp per extra of pyproject.toml (site, app, test): each target installs only what it needs.
STAMP  := $(VENV)/.installed-
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help venv system-deps run app staff-admin validate docs-data site serve-site test check bench clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP)%: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==26.3 setuptools==84.2.1
	$(BIN)/python -m pip install --quiet --editable '.[$*]'
	touch $@

venv: $(STAMP)test ## Create .venv with every pinned Python dependency (the site's, the app's and the tests')

system-deps: ## Install Chromium, PostgreSQL, Redis and nginx from Debian if missing (tests drive them for real)
	./scripts/system-deps.sh

run: $(STAMP)site $(STAMP)app ## The main job: validate the samples, build the site, serve it (:8000) beside the intake app (:5000)
	./scripts/run.sh

validate: $(STAMP)site ## Validate providers/ (ARGS="--strict" to fail on warnings)
	$(BIN)/python -m directory validate $(ARGS)

app: $(STAMP)app ## Serve the intake app on 127.0.0.1:5000 with the sample providers (migrates its database first)
	FLASK_DEBUG=1 $(BIN)/flask --app intake_app init-db
	FLASK_DEBUG=1 $(BIN)/flask --app intake_app run --host 127.0.0.1 --port 5000

staff-admin: $(STAMP)app ## Create an admin account for the staff workspace at /staff of `make app` (NAME=you; asks a password)
	FLASK_DEBUG=1 $(BIN)/flask --app intake_app init-db
	FLASK_DEBUG=1 $(BIN)/flask --app intake_app users create $(or $(NAME),admin) --role admin

site: $(STAMP)site ## Build the public site into site/ (mkdocs build --strict, then the Pagefind search index)
	$(BIN)/python -m mkdocs build --strict

serve-site: site ## Serve the built site on http://127.0.0.1:8000 (`mkdocs serve` instead rebuilds on edits)
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

docs-data: $(STAMP)site ## Regenerate what comes from the profile model (JSON Schema, CONTRIBUTING.md's template and field reference)
	$(BIN)/python -m directory docs-data

test: venv system-deps ## Install what the tests need, then run the whole suite
	$(BIN)/python -m pytest $(ARGS)

# The pull-request checks exactly as .github/workflows/checks.yml runs them (it calls `make check`).
# Under GitHub Actions the validator prints annotations on the pull request's files.
CHECK_FORMAT := $(if $(GITHUB_ACTIONS),github,text)

check: venv system-deps ## The pull-request checks: validator, HSDS export, strict site build, all tests
	$(BIN)/python -m directory validate --format $(CHECK_FORMAT)
	$(BIN)/python -m directory export hsds build/hsds
	$(BIN)/python -m mkdocs build --strict
	$(BIN)/python -m pytest

bench: venv ## Run the benchmarks (they print figures; they are not tests)
	$(BIN)/python bench/validate.py 10000
	$(BIN)/python bench/site.py 10000
	$(BIN)/python bench/export.py 10000
	$(BIN)/python bench/matching.py 10000
	$(BIN)/python bench/intake_load.py
	$(BIN)/python bench/intake_load.py --kill
	$(BIN)/python bench/staff_queue.py 100000

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site build .pytest_cache
