import pytest

from shared_data import CORPUS, SEEDS, SHARED


def pytest_configure(config):
    if not (SEEDS.is_dir() and CORPUS.is_dir()):
        raise pytest.UsageError(f"the shared test data is missing: expected {SHARED} with seeds/ and corpus/ "
                                "beside the repository (or set LOCDOCS_SHARED)")


@pytest.fixture(scope="session")
def seed_repo_template(tmp_path_factory):
    from seed_site import build_seed_repo

    return build_seed_repo(tmp_path_factory.mktemp("template") / "repo")


@pytest.fixture
def seed_repo(seed_repo_template, tmp_path, monkeypatch):
    """A fresh copy of the seed repository (git history included), as the working directory."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(seed_repo_template, repo, symlinks=True)
    monkeypatch.chdir(repo)
    return repo
