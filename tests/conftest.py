import pytest

from shared_data import CORPUS, SEEDS, SHARED


def pytest_configure(config):
    if not (SEEDS.is_dir() and CORPUS.is_dir()):
        raise pytest.UsageError(f"the shared test data is missing: expected {SHARED} with seeds/ and corpus/ "
                                "beside the repository (or set LOCDOCS_SHARED)")
