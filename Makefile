# The two commands of the quick start: `make demo` and `make test`.
# Each installs what is missing first (system packages, the virtual
# environment, the package in editable mode) and is safe to run twice.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages: libcap headers for python-prctl; guile and bubblewrap are
# the anchors the benchmarks compare against.
SYSTEM_PACKAGES := libcap-dev gcc python3-dev guile-3.0 bubblewrap iproute2

.PHONY: demo test lint unit bench system-packages clean

demo: $(STAMP)
	examples/demo.sh

test: $(STAMP) lint unit

lint: $(STAMP)
	$(BIN)/ruff check interp tests bench setup.py
	$(BIN)/ruff format --check interp tests bench setup.py

unit: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider tests

bench: $(STAMP)
	$(BIN)/python bench/run_lang_bench.py
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/gexp_bench.py
	$(BIN)/python bench/packages_bench.py
	$(BIN)/python bench/container_bench.py
	$(BIN)/python bench/boot_bench.py
	$(BIN)/python bench/run_container_bench.py

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml setup.py | system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info
