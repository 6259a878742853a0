# The two commands of the README:
#   make demo   set up (system packages, virtual environment, project) and archive the bundled corpus
#   make test   run the whole test suite (installs Chromium for the browser tests)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= archive.db
export OMP_THREAD_LIMIT := 1

.PHONY: demo test setup system-deps test-system-deps bench corpus models clean

demo: setup
	$(BIN)/baocao ingest corpus/real --db $(DB)
	$(BIN)/baocao citations --quarter 2023Q1 --db $(DB)

test: setup test-system-deps
	$(BIN)/python -m pytest -q

setup: system-deps $(VENV)/.installed

system-deps:
	@scripts/system-deps.sh

# the tests also drive a real browser (chromium + chromium-driver)
test-system-deps:
	@scripts/system-deps.sh --test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,plot,parquet]'
	touch $@

# a larger generated corpus (answers, all renderings) for training and benchmarks; corpus/generated is the small fixed one
CORPUS_OUT ?= build/corpus
CORPUS_N ?= 200
corpus: setup
	$(BIN)/baocao corpus build --out $(CORPUS_OUT) --n $(CORPUS_N) --seed 1

# the benchmark suite -> bench/RESULTS.md (machine, medians, baselines measured in the same run);
# BENCH="scaling memory" runs only those sections; BAOCAO_BENCH_QUICK=1 gives scaling and memory reduced inputs
BENCH ?=
bench: setup
	$(BIN)/python -m bench $(BENCH)

# the agency/person NER under pipeline/nlp/models/ner-agency-person (a few minutes on 2 cores)
models: setup
	$(BIN)/python -m pipeline.nlp.train

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
