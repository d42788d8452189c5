# Two commands do everything: `make run` and `make test`. Both set up .venv when it is missing
# or older than pyproject.toml / requirements.lock.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kit-installed

.PHONY: run test lab setup lock bench clean

run: $(STAMP)
	$(BIN)/kit run

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock: $(STAMP)
	(echo "# Every package of the resolved environment, pinned (pip freeze). Regenerate with: make lock"; \
	 $(BIN)/python -m pip freeze --all --exclude-editable | grep -vE "^(kit|pip)=") > requirements.lock

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) outputs corpus/processed
