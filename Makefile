# Two commands do everything: `make run` and `make test`. Both set up .venv when it is missing
# or older than pyproject.toml / the lock files; `make test` and `make check` add the dev tools.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kit-installed
DEV_STAMP := $(VENV)/.kit-dev-installed
# The project's Jupyter kernel "kit" (this venv's Python), named in the notebooks' metadata.
KERNEL := $(VENV)/share/jupyter/kernels/kit/kernel.json

.PHONY: run test check format lab setup lock bench clean

run: $(STAMP) $(KERNEL)
	$(BIN)/kit run

test: $(DEV_STAMP) $(KERNEL)
	$(BIN)/python -m pytest -n 2 --dist loadfile

# Lint and format (code and notebooks) and types; CI runs this before the tests.
check: $(DEV_STAMP)
	$(BIN)/ruff check kit tests bench notebooks
	$(BIN)/ruff format --check kit tests bench notebooks
	$(BIN)/mypy

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix kit tests bench notebooks
	$(BIN)/ruff format kit tests bench notebooks

lab: $(STAMP) $(KERNEL)
	$(BIN)/jupyter lab notebooks/

setup: $(STAMP) $(KERNEL)

# Installed into the venv (--sys-prefix), so a fresh venv always gets it.
$(KERNEL): $(STAMP)
	$(BIN)/python -m kit.runs.kernel

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(BIN)/python -m pip install --quiet -r requirements.lock -r requirements-dev.lock
	touch $(DEV_STAMP)

# Regenerate both lock files by resolving pyproject.toml afresh in a scratch environment.
LOCK_VENV := .lock-venv
FREEZE = $(LOCK_VENV)/bin/python -m pip freeze --all --exclude-editable | grep -vE "^(kit|pip)[=@ ]" | sort
lock:
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet pip==26.3 setuptools==80.9.0 wheel==0.48.0
	$(LOCK_VENV)/bin/python -m pip install --quiet .
	(echo "# Every package of the resolved runtime environment, pinned (pip freeze). Regenerate with: make lock"; \
	 $(FREEZE)) > requirements.lock
	$(LOCK_VENV)/bin/python -m pip install --quiet ".[dev]"
	(echo "# Development tools (the [dev] extra of pyproject.toml) and what they need, pinned on top of"; \
	 echo "# requirements.lock. Regenerate with: make lock"; \
	 $(FREEZE) | grep -vxFf requirements.lock) > requirements-dev.lock
	rm -rf $(LOCK_VENV)

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) outputs corpus/processed
