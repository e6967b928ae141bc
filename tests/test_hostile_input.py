"""Handoffs come from outside the team: anything can be in them. Each hostile input gives a clear error or finding
from a real `locdocs` process within bounded time and memory, never a traceback or a hang."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_build import run_mkdocs
from shared_data import SEEDS

pytestmark = pytest.mark.slow

SECONDS = 60
PEAK_MB = 1024
# Each process runs under a hard cap on its address space, so a runaway one fails instead of taking the machine.
ADDRESS_SPACE = 4 * 1024 ** 3

_MEASURE = ("import resource, subprocess, sys\n"
            "done = subprocess.run(sys.argv[1:])\n"
            "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(done.returncode)\n")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def locdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``locdocs ARGS`` and check it ended within SECONDS with a peak memory below PEAK_MB, and no traceback."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "locdocs", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=SECONDS, preexec_fn=_cap_memory,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    peak_mb = int(re.search(r"peak-kb (\d+)", done.stderr).group(1)) / 1024
    assert peak_mb < PEAK_MB, f"{args}: {peak_mb:.0f} MB"
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _seed(name: str) -> bytes:
    return next(SEEDS.glob(f"{name}_*.txt")).read_bytes()


@pytest.mark.shared
def test_a_50_mb_handoff_is_normalized_and_ingested(tmp_path: Path) -> None:
    seed = _seed("001")
    end = seed.index(b"\n---", 3) + 4
    body = seed[end:]
    big = tmp_path / "big.md"
    big.write_bytes(seed[:end] + body * (50 * 1024 * 1024 // len(body) + 1))
    assert big.stat().st_size > 50 * 1024 * 1024
    done = locdocs("normalize", "--check", str(big), cwd=tmp_path)
    assert done.returncode == 1 and "would normalize" in done.stderr + done.stdout
    done = locdocs("ingest", "--path", "billing/big.md", "--docs-dir", "docs", "--l10n-dir", "l10n", str(big),
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    article = (tmp_path / "docs" / "nl" / "billing" / "big.md").read_text("utf-8")
    assert "data-ttu-id" not in article and len(article) > 15 * 1024 * 1024  # the markup is gone


BOMB = (b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        b"g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n# Bomb\n")
NORMALIZE, INGEST = ["normalize", "--check"], ["ingest", "--locale", "sv", "--path", "billing/x.md"]


@pytest.mark.parametrize(("data", "message", "commands"), [
    (bytes(range(256)) * 4096, "NUL byte: not a text file", [NORMALIZE, INGEST]),
    ("---\ntitle: Hej\n---\n# Hej\n".encode("utf-16"), "UTF-16 input is not supported", [NORMALIZE, INGEST]),
    # normalize leaves front matter alone (it only removes markup): ingest reads it, and refuses aliases.
    (BOMB, "aliases are not allowed", [INGEST]),
    (b"---\ntitle: x\n---\n" + b'<span data-ttu-id="1">' * 100_000 + b"x" + b"</span>" * 100_000 + b"\n",
     "nesting that cannot be resolved", [NORMALIZE, INGEST]),
], ids=["binary", "utf-16", "yaml-alias-bomb", "nested-spans"])
def test_hostile_handoffs_are_refused_with_a_clear_error(tmp_path: Path, data: bytes, message: str,
                                                         commands: list[list[str]]) -> None:
    handoff = tmp_path / "handoff.md"
    handoff.write_bytes(data)
    for command in commands:
        done = locdocs(*command, handoff.name, cwd=tmp_path)
        assert done.returncode == 2, (command, done.stderr)
        assert message in done.stderr, (command, done.stderr)
        assert done.stderr.startswith("handoff.md"), "errors name the file"
    assert not (tmp_path / "docs").exists(), "nothing was written"
    assert handoff.read_bytes() == data


def test_a_yaml_alias_bomb_in_the_docs_is_a_finding(seed_repo: Path) -> None:
    (seed_repo / "docs" / "sv" / "bomb.md").write_bytes(BOMB)
    done = locdocs("check", cwd=seed_repo)
    assert done.returncode == 1
    assert re.search(r"^docs/sv/bomb\.md:\d+: front-matter-invalid: YAML alias \*a in front matter: aliases are not "
                     r"allowed", done.stdout, re.MULTILINE), done.stdout


def test_links_and_images_escaping_docs_are_findings(seed_repo: Path) -> None:
    article = next(seed_repo.glob("docs/sv/**/*past-due-balance.md"))
    article.write_text(article.read_text("utf-8") + "\n[lösenord](../../../../../etc/passwd)\n\n"
                       "![bild](../../../secret.png)\n\n<img src=\"../../../../x.png\">\n", encoding="utf-8")
    done = locdocs("check", "--format", "json", cwd=seed_repo)
    import json

    escaping = [f for f in json.loads(done.stdout)["findings"] if "points outside the docs folder" in f["message"]]
    assert sorted(f["message"].split("'")[1] for f in escaping) == [
        "../../../../../etc/passwd", "../../../../x.png", "../../../secret.png"]
    assert {f["rule"] for f in escaping} == {"broken-link"}


def test_a_symlink_out_of_docs_is_a_finding_and_is_not_published(seed_repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nthe-password-is-hunter2\n", encoding="utf-8")
    link = seed_repo / "docs" / "sv" / "billing" / "secret.md"
    link.symlink_to(secret)
    private = tmp_path / "private"  # a linked folder, and a file that is not Markdown: MkDocs follows both
    private.mkdir()
    (private / "page.md").write_text("# Page\n\nthe-password-is-hunter2\n", encoding="utf-8")
    (seed_repo / "docs" / "en" / "private").symlink_to(private, target_is_directory=True)
    (tmp_path / "secret.png").write_bytes(b"\x89PNG the-password-is-hunter2")
    (seed_repo / "docs" / "fr" / "logo.png").symlink_to(tmp_path / "secret.png")
    done = locdocs("check", cwd=seed_repo)
    assert done.returncode == 1, done.stdout
    for path, target in (("docs/sv/billing/secret.md", "secret.md"), ("docs/en/private", "private"),
                         ("docs/fr/logo.png", "secret.png")):
        assert re.search(rf"^{re.escape(path)}: unsafe-content: symbolic link to .*{re.escape(target)}, outside "
                         r"the docs folder: not published$", done.stdout, re.MULTILINE), done.stdout
    build = run_mkdocs(seed_repo, site_dir=tmp_path / "site", timeout=600)
    assert "symbolic link to" in build.stderr
    published = [path for path in (tmp_path / "site").rglob("*") if path.is_file()
                 and b"hunter2" in path.read_bytes()]
    assert published == []


MEGABYTE = 1024 * 1024
# Runs of markup that make Python-Markdown, the HTML parser it uses, or markdown-it take time growing with their
# square, or recurse once per level: at 1 MB each takes minutes or exhausts the stack if anything renders it.
UNRENDERABLE = {
    "unclosed-tags": "<a " * (MEGABYTE // 3),
    "open-links": "[a](" * (MEGABYTE // 4),
    "open-brackets": "[" * MEGABYTE,
    "nested-quotes": ">" * (MEGABYTE // 10) + " x",
    "nested-divs": "<div>" * (MEGABYTE // 5),
    "nested-lists": "".join("  " * level + "- x\n" for level in range(1000)),
}


@pytest.mark.parametrize("name", list(UNRENDERABLE))
def test_a_translation_too_hostile_to_render_is_reported_and_never_rendered(seed_repo: Path, tmp_path: Path,
                                                                           name: str) -> None:
    """The check finds it in bounded time (no render); the build shows the English article in its place."""
    article = next(seed_repo.glob("docs/sv/**/*past-due-balance.md"))
    text = article.read_text("utf-8")
    end = text.index("\n---", 3) + 4
    article.write_text(text[:end] + "\n# Rubrik\n\n" + UNRENDERABLE[name] + "\n", encoding="utf-8")
    done = locdocs("check", cwd=seed_repo)
    relative = article.relative_to(seed_repo).as_posix()
    assert re.search(rf"^{re.escape(relative)}:\d+: unsafe-content: .*too much markup to render safely; the page "
                     r"shows the English article instead$", done.stdout, re.MULTILINE), done.stdout[-2000:]
    build = run_mkdocs(seed_repo, site_dir=tmp_path / "site", timeout=SECONDS)
    assert build.returncode == 0 and "Traceback" not in build.stderr, build.stderr[-2000:]
    page = (tmp_path / "site" / "sv" / article.relative_to(seed_repo / "docs" / "sv").with_suffix("") /
            "index.html").read_text("utf-8")
    assert "Resolve the past due balance" in page and "Rubrik" not in page
