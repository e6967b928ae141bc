import pytest

from shared_data import SHARED, shared_data_missing

MARKERS = {
    "shared": "needs the shared test data (../shared beside the repository, or LOCDOCS_SHARED): skipped without it",
    "slow": "takes more than about 2 s (real MkDocs builds, `locdocs build`, hostile input processes, scale and "
            "corpus-wide tests): deselect with -m 'not slow'",
    "browser": "drives Chromium (/usr/bin/chromium) against a built site: deselect with -m 'not browser'",
}
SHARED_FIXTURES = ("seed_repo_template",)
"""Fixtures made of the shared data: a test that uses one (directly or through another fixture) is a shared test."""


def pytest_configure(config):
    for name, description in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")


def pytest_report_header(config):
    missing = shared_data_missing()
    return f"shared test data: {SHARED}" + (f" (missing: {missing}; shared tests are skipped)" if missing else "")


def pytest_collection_modifyitems(config, items):
    missing = shared_data_missing()
    skip = pytest.mark.skip(reason=f"the shared test data is missing ({missing}): put it at ../shared beside the "
                                   "repository or set LOCDOCS_SHARED")
    for item in items:
        if any(name in item.fixturenames for name in SHARED_FIXTURES):
            item.add_marker(pytest.mark.shared)
        if missing and item.get_closest_marker("shared"):
            item.add_marker(skip)


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The repository's own site, built once with the real MkDocs (--strict)."""
    from mkdocs_build import run_mkdocs
    from shared_data import ROOT

    site = tmp_path_factory.mktemp("built") / "site"
    done = run_mkdocs(ROOT, strict=True, site_dir=site, timeout=600)
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page; console errors and failed requests are collected in page.problems; a screenshot of
    the last state is saved under tests/.artifacts/screenshots/ for every test."""
    from browser import screenshot

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda message: tab.problems.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.problems.append(str(error)))
    tab.on("requestfailed", lambda req: None if req.failure == "net::ERR_ABORTED"  # left by a navigation
           else tab.problems.append(f"request failed: {req.url} ({req.failure})"))
    yield tab
    screenshot(tab, request.node.name)
    context.close()


@pytest.fixture(scope="session")
def versioned_repo(tmp_path_factory):
    """A copy of the repository (its git history included) built and published with `locdocs build`."""
    from versioned_site import build, copy_repository

    repo = copy_repository(tmp_path_factory.mktemp("versioned") / "repo")
    done = build(repo)
    assert done.returncode == 0, done.stderr
    assert "15 units built, 0 reused." in done.stderr
    return repo


@pytest.fixture(scope="session")
def versioned_url(versioned_repo):
    from browser import serve

    with serve(versioned_repo / "site") as url:
        yield url
