# One-step setup from a fresh clone with only Python 3.11 and pip.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: run serve test lint typecheck bench soak clean

$(BIN)/chansim: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	# bytecode now, as pip compiles a regular install: an environment that writes none
	# (PYTHONDONTWRITEBYTECODE) would otherwise compile chansim's modules at every start
	$(BIN)/python -m compileall -q simulators harness > /dev/null
	touch $@

## run: the main job: every scenario against in-process simulators (JUnit in out/);
##      pass options with ARGS, e.g. make run ARGS="-k imei --seed 3"
run: $(BIN)/chansim
	mkdir -p out
	$(BIN)/chansim run scenarios/ --junit out/junit.xml --json out/report.json $(ARGS)

## serve: every simulator with seeded demo data until Ctrl-C, e.g. make serve ARGS="--seed 7"
serve: $(BIN)/chansim
	$(BIN)/chansim serve $(ARGS)

## test: lint, type-check, then every test
test: $(BIN)/chansim
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

## bench: every channel under load (wrk if installed), the Flask yardstick, cold starts, the
##        scenario library, the 10,000-order scale runs and RSS, as one table; ARGS="--seconds 10"
bench: $(BIN)/chansim
	$(BIN)/python -m bench $(ARGS)

## soak: all five channels under load for a bounded time, RSS over time; ARGS="--minutes 60"
soak: $(BIN)/chansim
	$(BIN)/python -m bench.soak $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info out
