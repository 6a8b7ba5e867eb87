# Two entry points that set up everything on a fresh machine:
#   make site   builds the runbook site for every environment (lab lifecycle first)
#   make test   runs every test (unit, lab over WinRM, acceptance, browser)
#   make unit   the fast inner loop: engine, lab and probe unit tests on every core (no Chromium)
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site test unit serve clean browser bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

browser: $(CHROMIUM)
$(CHROMIUM):
	$(SUDO) apt-get update -q
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

# Every environment's lifecycle on its own embedded lab, then the site with their results. The
# labs' secrets are references too: a fresh random password per run unless you set one. The
# labs run in a folder of their own (.lab-site/): a lab you started in .lab/ is never reset or
# stopped by it.
site: $(STAMP)
	@lifecycle=0; for env in environments/*.yaml; do \
	  RUNBOOK_LAB_DIR="$(CURDIR)/.lab-site" $(BIN)/runbook lab test "$$env" --random-secrets || lifecycle=1; \
	done; \
	$(BIN)/runbook build && exit $$lifecycle

test: $(STAMP) $(CHROMIUM)
	$(BIN)/pytest

unit: $(STAMP)
	$(BIN)/pytest -q -n 2 tests/unit

serve: $(STAMP)
	$(BIN)/runbook serve

bench: $(STAMP)
	$(BIN)/python bench/bench_render.py 100
	$(BIN)/python bench/bench_site.py --sites 200 --big 1000
	$(BIN)/python bench/bench_lab.py 200
	$(BIN)/python bench/bench_fleet.py --sites 4 --forks 4

clean:
	rm -rf site build docs/runbooks results .lab .lab-site
