"""Translations are untrusted input: nothing in a translated article, its front matter, its handoff or its XLIFF may
become active content that the English article lacks, and `locdocs check` reports each such vector.

One throwaway site (tests/hostile_site.py) has an English article and a Swedish translation per vector of
tests/hostile_vectors.py, built once with a real `mkdocs build` (not --strict: the check's errors are logged, the
build goes on). Every translated page is opened in Chromium, with every request to another host aborted and
recorded, dialogs, "LOCDOCS-XSS" console messages, navigations and popups recorded, and the DOM compared with the
English page's: anything the translated page runs, loads, submits or links to that the English page does not is a
failure of that vector. The controls (code that documents HTML, tables, admonitions, attr_list ids and classes,
md_in_html, an iframe and hosts the English has too) must stay exactly as written. A small versioned repository
checks that `locdocs build` refuses to publish a version whose chosen handoff is hostile, and that with
--allow-errors that version's page is inert.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from browser import serve
from hostile_site import (
    HANDOFF_ORIGINALS,
    NEWER,
    OLDER,
    VERSIONED_ARTICLE,
    Observation,
    allowed_hosts_supported,
    check_findings,
    english_page,
    observe,
    page_path,
    vector_files,
    write_site,
    write_versioned_repo,
)
from hostile_vectors import ALL, ALLOWED_HOST, CONTROLS, VECTORS, Vector
from mkdocs_build import run_mkdocs
from versioned_site import build

pytestmark = [pytest.mark.slow, pytest.mark.browser]

BASELINE = next(vector for vector in VECTORS if not vector.english)
"""Its English page stands for every English article without a snippet of its vector's."""
ANNOUNCES = re.compile(r"alert\(|confirm\(|prompt\(|LOCDOCS-XSS|evil\.example|javascript:|vbscript:|data:|"
                       r"<form|<iframe", re.IGNORECASE)
"""How a vector shows itself: it runs (a dialog, the console marker), loads or links to another host, uses another
URL scheme, or is a form or frame (found in the DOM)."""
CHECK_ONLY = {"fm-hide", "fm-other-key"}
"""Vectors that are front matter keys the English owns: the finding is the point, the page stays inert anyway."""


def _allowed_hosts() -> frozenset[str]:
    return frozenset({ALLOWED_HOST}) if allowed_hosts_supported() else frozenset()


def _skip_unsupported(vector: Vector) -> None:
    if vector.id == "ctl-allowed-host" and not allowed_hosts_supported():
        pytest.skip("the locdocs plugin has no allowed_hosts option")


@pytest.fixture(scope="module")
def untrusted_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("untrusted") / "repo"
    write_site(root, ALL)
    done = run_mkdocs(root, site_dir=root / "site")  # not strict: the check's errors must not stop the build
    assert done.returncode == 0, done.stderr[-5000:]
    return root


@pytest.fixture(scope="module")
def pages(untrusted_site: Path) -> tuple[dict[str, Observation], Observation]:
    """Every translated page, and the English pages they are compared with, as Chromium saw them."""
    paths = [page_path(vector, "sv") for vector in ALL]
    paths += sorted({english_page(vector, BASELINE) for vector in ALL})
    with serve(untrusted_site / "site") as url:
        return observe(url, paths)


@pytest.fixture(scope="module")
def findings(untrusted_site: Path) -> list[dict]:
    return check_findings(untrusted_site)


def _observed(pages: tuple[dict[str, Observation], Observation], vector: Vector) -> tuple[Observation, Observation]:
    observations, _ = pages
    return observations[page_path(vector, "sv")], observations[english_page(vector, BASELINE)]


# --- the corpus itself ------------------------------------------------------------------------------------------


def test_the_corpus_is_large_varied_and_announces_itself() -> None:
    assert len(VECTORS) >= 110
    categories = {vector.category for vector in VECTORS}
    assert {"elements", "base-meta", "forms", "stylesheets", "remote-images", "url-schemes", "attr-list",
            "event-handlers", "parser-confusion", "svg", "mathml-mxss", "rawtext-breakout", "front-matter",
            "handoff", "xliff", "code-swap", "file-extension", "hosts"} <= categories
    for vector in ALL:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", vector.id), vector.id
    for vector in VECTORS:
        assert vector.rule in ("unsafe-content", "front-matter-mismatch"), vector.id
        announced = ANNOUNCES.search(html.unescape(vector.payload))  # entities decoded, as a browser does
        assert vector.id in CHECK_ONLY or announced, f"{vector.id}: does not announce itself"
    for control in CONTROLS:
        assert control.visible is not None, control.id


# --- the harness can fail ---------------------------------------------------------------------------------------

POSITIVES = {  # a page that does it, what the observer must report
    "dialog.html": ("<img src=x onerror=alert(1)>", "dialog 'alert: 1'"),
    "console.html": ("<script>console.log('LOCDOCS-XSS-positive')</script>", "console 'LOCDOCS-XSS-positive'"),
    "request.html": ('<img src="https://evil.example/positive.png">',
                     "request to another host: https://evil.example/positive.png"),
    "navigation.html": ('<meta http-equiv="refresh" content="0;url=inert.html">', "navigated to "),
    "form.html": ('<form action="/login"><input name="p"></form>', "has element:form::local"),
    "script.html": ("<script>var x = 1;</script>", "has element:script:var x = 1;:"),
    "link.html": ("<a href=\"javascript:alert('x')\">x</a>", "has scheme:a.href=javascript:"),
    "handler.html": ("<p onmouseover=\"alert('x')\">x</p>", "has handler:p.onmouseover=alert('x')"),
    "host.html": ('<a href="https://evil.example/">x</a>', "links to another host: evil.example"),
    "inert.html": ("<p>Hej</p>", None),
}


def test_the_harness_sees_what_a_hostile_page_does(tmp_path: Path) -> None:
    """Plain pages that do one hostile thing each (no build, no sanitizer): the observer reports each of them, and
    nothing for an inert page."""
    for name, (body, _) in POSITIVES.items():
        (tmp_path / name).write_text(f"<!doctype html><html><head><title>t</title></head><body><article>{body}"
                                     "</article></body></html>", encoding="utf-8")
    with serve(tmp_path) as url:
        observations, unattributed = observe(url, list(POSITIVES))
    inert = observations["inert.html"]
    assert inert.problems(inert) == [] and inert.text == "Hej"
    for name, (_, expected) in POSITIVES.items():
        if expected is not None:
            problems = observations[name].problems(inert)
            assert any(problem.startswith(expected) for problem in problems), (name, problems)
    assert unattributed.problems(Observation("")) == []


# --- every translated page is inert -----------------------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS, ids=[vector.id for vector in VECTORS])
def test_the_translated_page_is_inert(pages, vector: Vector) -> None:
    page, english = _observed(pages, vector)
    assert page.problems(english, _allowed_hosts()) == [], page.html[-3000:]


def test_nothing_happened_that_no_page_can_be_blamed_for(pages) -> None:
    _, unattributed = pages
    assert unattributed.problems(Observation("")) == []


@pytest.mark.parametrize("vector", [v for v in VECTORS if v.place in ("handoff-source", "handoff-both", "xliff-source",
                                                                      "xliff-source-raw") and "<" in v.payload],
                         ids=lambda vector: vector.id)
def test_the_english_original_of_a_segment_is_text(pages, vector: Vector) -> None:
    """Markup in a segment's English source is shown as text in the "English original" span."""
    page, _ = _observed(pages, vector)
    shown = vector.payload.removeprefix("<![CDATA[").removesuffix("]]>")
    markup = re.findall(r"<[^>]*>", shown)
    assert any(all(tag in original for tag in markup) for original in page.originals), page.originals


@pytest.mark.parametrize("vector", CONTROLS, ids=[vector.id for vector in CONTROLS])
def test_controls_stay_as_written(pages, vector: Vector) -> None:
    _skip_unsupported(vector)
    page, english = _observed(pages, vector)
    assert page.problems(english, _allowed_hosts()) == []
    lines = [line.strip() for line in page.text.splitlines() if line.strip()]
    assert lines == [line.strip() for line in vector.visible.splitlines() if line.strip()]
    assert [code.rstrip("\n") for code in page.code] == list(vector.code)
    if vector.originals:
        assert page.originals == list(vector.originals)
    if vector.place == "handoff-control":
        assert page.originals == list(HANDOFF_ORIGINALS)


# --- `locdocs check` reports each vector ------------------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS, ids=[vector.id for vector in VECTORS])
def test_check_reports_the_vector(findings: list[dict], vector: Vector) -> None:
    files = vector_files(vector)
    mine = [finding for finding in findings if finding["path"] in files]
    assert any(finding["rule"] == vector.rule and finding["severity"] == "error" for finding in mine), (
        f"no {vector.rule} error in {sorted(files)}: {mine}")


@pytest.mark.parametrize("vector", CONTROLS, ids=[vector.id for vector in CONTROLS])
def test_check_finds_nothing_unsafe_in_the_controls(findings: list[dict], vector: Vector) -> None:
    _skip_unsupported(vector)
    unsafe = [finding for finding in findings if finding["path"] in vector_files(vector)
              and finding["rule"] == "unsafe-content"]
    assert unsafe == []


# --- the version path: a hostile handoff that only an older version shows ---------------------------------------


@pytest.fixture(scope="module")
def versioned_repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("untrusted-versions") / "repo"
    write_versioned_repo(repo)
    return repo


def test_build_refuses_to_publish_a_version_with_a_hostile_handoff(versioned_repo: Path) -> None:
    for args in (("--no-publish",), ()):
        done = build(versioned_repo, *args)
        assert done.returncode == 1, done.stderr
        # The finding names the version and the file: the translation, or the handoff it comes from.
        assert re.search(rf"^{re.escape(OLDER)}: .*(?:older\.md|sv/{re.escape(VERSIONED_ARTICLE)})\b.*unsafe-content",
                         done.stderr, re.MULTILINE), done.stderr
        assert not re.search(rf"^{re.escape(NEWER)}: .*unsafe-content", done.stderr, re.MULTILINE), done.stderr
    branches = subprocess.run(["git", "branch", "--list", "gh-pages"], cwd=versioned_repo, capture_output=True,
                              text=True, check=True).stdout
    assert branches == "" and not (versioned_repo / "site").exists(), "nothing was published"


def test_with_allow_errors_the_older_version_is_built_and_inert(versioned_repo: Path) -> None:
    done = build(versioned_repo, "--no-publish", "--allow-errors")
    assert done.returncode == 0, done.stderr
    versions = versioned_repo / ".cache" / "build" / "versions"
    article = Path(VERSIONED_ARTICLE).stem + "/"
    older = (versions / OLDER / "sv" / article / "index.html").read_text("utf-8")
    newer = (versions / NEWER / "sv" / article / "index.html").read_text("utf-8")
    assert "Följ stegen." in older and "Följ stegen." in newer, "each version shows its Swedish translation"
    assert "onerror" not in newer, "the newer version shows the clean handoff"
    with serve(versions / OLDER) as url:
        observations, unattributed = observe(url, [f"sv/{article}", article])
    page, english = observations[f"sv/{article}"], observations[article]
    assert page.problems(english) == [], page.html[-3000:]
    assert unattributed.problems(Observation("")) == []
