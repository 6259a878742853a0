import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "real" / "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"


@pytest.fixture(autouse=True)
def _language_of_the_environment():
    """A test that runs `baocao --lang en …` leaves the process in English; the next test starts again
    from the environment's language (Vietnamese unless LANG=en*), as a new process would."""
    yield
    from pipeline import i18n

    i18n.set_language()


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
