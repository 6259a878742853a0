import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "real" / "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_report():
    from pipeline import process

    return process(SEED)


@pytest.fixture(scope="session")
def seed_json(seed_report):
    from pipeline import to_contract

    return to_contract(seed_report)
