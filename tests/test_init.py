"""`locdocs init` and the README's "Start your own site": from an empty folder to a built, versioned site.

The walk-through test runs the shell commands of the README section itself, one by one, in an empty folder and a
real git repository. Three things differ from what a reader types, and only these:

- the install block (the section's first, `mkdir`, venv, `pip install ../locdocs`) is not run: the commands use
  this checkout's `locdocs` (the test's interpreter's bin folder first on PATH), in the test's empty folder;
- `../shared/` is the shared test data wherever it is (``shared_data.SHARED``);
- `locdocs serve` gets `--addr 127.0.0.1:0` (a free port: 8000 may be taken on a test machine), runs in the
  background while the test reads pages from it, and is stopped.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from locdocs.cli import main
from locdocs.config import load_config
from shared_data import ROOT, SEEDS, SHARED

ARTICLE = "billing/billing-azure-subscription-past-due-balance.md"
BIN = Path(sys.executable).parent
SECTION = "## Start your own site"


def readme_blocks() -> list[list[str]]:
    """The shell code blocks of the README's "Start your own site" section, each as its commands (a line ending
    in a backslash continues on the next)."""
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index(f"\n{SECTION}\n")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end > 0 else None]
    blocks = []
    for block in re.findall(r"^```sh\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL):
        blocks.append([command.strip() for command in block.replace("\\\n", " ").splitlines() if command.strip()])
    return blocks


def environment(home: Path) -> dict[str, str]:
    """This checkout's locdocs first on PATH; git with an identity and no configuration of the machine's."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "LOCDOCS_"))}
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    return {**env, "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}", "HOME": str(home), "NO_MKDOCS_2_WARNING": "1",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Walk Through", "GIT_AUTHOR_EMAIL": "walk@example.org",
            "GIT_COMMITTER_NAME": "Walk Through", "GIT_COMMITTER_EMAIL": "walk@example.org"}


def shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def one_line_error(err: str) -> str:
    """The single line a user error prints, asserted to be one line and no traceback."""
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# The walk-through


def test_readme_names_the_walk_through() -> None:
    """The section exists, starts with the install block the walk-through test leaves out, and names no command
    but git, mkdir, cp and locdocs after it."""
    install, *blocks = readme_blocks()
    assert any(command.startswith("pip install") for command in install), install
    assert [block for block in blocks if any("pip install" in command for command in block)] == []
    programs = {shlex.split(part)[0] for block in blocks for command in block for part in command.split("&&")}
    assert programs == {"git", "mkdir", "cp", "locdocs"}
    assert any(command.startswith("locdocs init") for block in blocks for command in block)
    assert blocks[-1][-1] == "locdocs serve"


@pytest.mark.slow
@pytest.mark.shared
def test_start_your_own_site_walk_through(tmp_path: Path) -> None:
    """The README's commands, run as they are, make a built, versioned site in English and Swedish."""
    site = tmp_path / "my-docs"
    site.mkdir()  # the empty folder (the install block's `mkdir my-docs && cd my-docs`)
    home = tmp_path / "home"
    home.mkdir()
    env = environment(home)
    _, *blocks = readme_blocks()
    commands = [command.replace("../shared/", f"{SHARED}/") for block in blocks for command in block]
    serve = commands.pop()
    outputs = {}
    for command in commands:
        done = shell(command, site, env)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        outputs[command] = done.stdout + done.stderr
    check = next(output for command, output in outputs.items() if command == "locdocs check")
    assert "Found 0 errors, 0 warnings" in check, check  # the Swedish is current: made from this English

    # A versioned site: mike's versions.json on the gh-pages branch and in site/, one version aliased latest.
    versions = json.loads((site / "site" / "versions.json").read_text("utf-8"))
    assert [(v["aliases"], bool(re.fullmatch(r"\d{4}-\d{2}", v["version"]))) for v in versions] == [(["latest"], True)]
    branch = subprocess.run(["git", "show", "gh-pages:versions.json"], cwd=site, env=env, capture_output=True,
                            text=True, check=True)
    assert json.loads(branch.stdout) == versions
    version = site / "site" / versions[0]["version"]
    page = ARTICLE.removesuffix(".md") + "/index.html"
    english = (version / page).read_text("utf-8")
    swedish = (version / "sv" / page).read_text("utf-8")
    assert '<html lang="en"' in english and "Resolve past due balance" in english
    assert '<html lang="sv"' in swedish and "Lös förfallna saldo för din Azure-prenumeration" in swedish
    assert (version / "sv" / "index.html").is_file()
    assert "sv/" + ARTICLE.removesuffix(".md") + "/" in (version / "sitemap.xml").read_text("utf-8")
    assert subprocess.run(["git", "status", "--porcelain"], cwd=site, env=env, capture_output=True, text=True,
                          check=True).stdout == "", "the build leaves nothing uncommitted but what .gitignore lists"

    # `locdocs serve` serves it, as the static host will.
    assert serve == "locdocs serve"
    with subprocess.Popen(["bash", "-c", f"exec {serve} --addr 127.0.0.1:0"], cwd=site, env=env,
                          stderr=subprocess.PIPE, text=True) as server:
        try:
            assert server.stderr is not None
            line = server.stderr.readline()
            base = re.search(r"on (http://\S+)", line)
            assert base is not None, line
            status, html = fetch(f"{base.group(1)}{versions[0]['version']}/sv/{ARTICLE.removesuffix('.md')}/")
            assert status == 200 and '<html lang="sv"' in html
            assert fetch(f"{base.group(1)}latest/")[0] == 200
            assert fetch(f"{base.group(1)}no-such-page/")[0] == 404
        finally:
            server.terminate()


# locdocs init


def init(target: Path, *args: str) -> int:
    return main(["init", str(target), *args])


def test_init_writes_a_site(tmp_path: Path, capsys) -> None:
    assert init(tmp_path, "--locale", "en", "--locale", "sv", "--locale", "pt-BR", "--site-name", "Hjälp",
                "--versions", "2025-06", "--source", "https://example.org/locdocs.git@v1.0") == 0
    out = capsys.readouterr().out
    assert "wrote 11 files" in out and "note:" not in out
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == [".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitignore",
                     ".pre-commit-config.yaml", "TRANSLATING.md", "docs/en/index.md", "docs/pt-BR/.gitkeep",
                     "docs/sv/.gitkeep", "mkdocs.yml", "requirements.txt", "versions.yml"]
    config = load_config(tmp_path / "mkdocs.yml")  # through MkDocs itself, every option validated
    assert [(lang.locale, lang.name, lang.default) for lang in config.layout.languages] == [
        ("en", "English", True), ("sv", "Svenska", False), ("pt-BR", "Português (Brasil)", False)]
    assert config.exclude == ("index.md",)
    mkdocs = yaml.load((tmp_path / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert mkdocs["site_name"] == "Hjälp" and mkdocs["theme"]["font"] == "false"
    i18n = next(p["i18n"] for p in mkdocs["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert (i18n["docs_structure"], i18n["fallback_to_default"], i18n["reconfigure_material"]) == (
        "folder", "true", "true")
    versions = yaml.safe_load((tmp_path / "versions.yml").read_text("utf-8"))
    assert versions == {"default": "latest", "versions": [{"version": "2025-06", "aliases": ["latest"],
                                                           "english": {}}]}
    assert (tmp_path / "requirements.txt").read_text("utf-8").splitlines()[-1] == \
        "locdocs @ git+https://example.org/locdocs.git@v1.0"
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))["repos"][0]
    ours = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert (hooks["repo"], hooks["rev"], {hook["id"] for hook in hooks["hooks"]}) == (
        "https://example.org/locdocs.git", "v1.0", ours)
    publish = yaml.safe_load((tmp_path / ".github" / "workflows" / "publish.yml").read_text("utf-8"))
    assert publish["jobs"]["units"]["strategy"]["matrix"]["locale"] == ["en", "sv", "pt-BR"]
    gitignore = (tmp_path / ".gitignore").read_text("utf-8").split()
    assert "/site/" in gitignore and "/.cache/" in gitignore


def test_generated_site_passes_its_own_hooks(tmp_path: Path, monkeypatch, capsys) -> None:
    """The hooks the new site's .pre-commit-config.yaml names (this repository's .pre-commit-hooks.yaml) pass on
    the site as init writes it: its Markdown (TRANSLATING.md quotes no span markup) and its locales."""
    assert init(tmp_path, "--locale", "en", "--locale", "sv", "--versions") == 0
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    markdown = sorted(str(p) for p in tmp_path.rglob("*.md"))
    assert len(markdown) == 2
    monkeypatch.chdir(tmp_path)
    assert main([*shlex.split(hooks["locdocs-normalize"]["entry"])[1:], *markdown]) == 0
    assert main(shlex.split(hooks["locdocs-check"]["entry"])[1:]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_init_pins_the_locdocs_it_runs(tmp_path: Path, capsys) -> None:
    """Without --source, the site's workflows install this locdocs: its clone at its commit (and say that a clone
    on this machine is no place for CI to get it from)."""
    assert init(tmp_path, "--locale", "en", "--locale", "sv") == 0
    out = capsys.readouterr().out
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    requirement = (tmp_path / "requirements.txt").read_text("utf-8").splitlines()[-1]
    assert requirement == f"git+{ROOT.as_uri()}@{head}"  # what pip's requirements files take for a clone
    assert "note: requirements.txt and .pre-commit-config.yaml install locdocs from" in out
    assert not (tmp_path / "versions.yml").exists()


def test_init_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    assert init(tmp_path, "--locale", "en", "--locale", "sv") == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    capsys.readouterr()
    assert init(tmp_path, "--locale", "en", "--locale", "fr") == 2
    line = one_line_error(capsys.readouterr().err)
    assert "mkdocs.yml" in line and "--force" in line
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == "site_name: mine\n"
    assert not (tmp_path / "docs" / "fr").exists(), "nothing is written when anything would be overwritten"
    assert init(tmp_path, "--locale", "en", "--locale", "fr", "--force") == 0
    assert "locale: fr" in (tmp_path / "mkdocs.yml").read_text("utf-8")


@pytest.mark.parametrize(("locales", "expected"), [
    (["en", "xx"], "'xx' is not a BCP 47 language tag"),
    (["en", "../sv"], "'../sv' is not a BCP 47 language tag"),
    (["en", "und"], "'und' is not a BCP 47 language tag"),
    (["en", "sv_SE"], "write it as 'sv-SE'"),
    (["EN", "sv"], "write it as 'en'"),
    (["en", "sv", "sv"], "--locale sv is given twice"),
])
def test_init_refuses_a_bad_locale(tmp_path: Path, capsys, locales: list[str], expected: str) -> None:
    target = tmp_path / "site"
    assert init(target, *(arg for locale in locales for arg in ("--locale", locale))) == 2
    assert expected in one_line_error(capsys.readouterr().err)
    assert not target.exists()


@pytest.mark.parametrize(("args", "expected"), [
    (["--versions", "a/b"], "--versions 'a/b': a version is one folder name"),
    (["--source", "https://example.org/locdocs.git"], "add the tag or commit to install"),
    (["--source", "/nonexistent/locdocs"], "is not a git clone of locdocs"),
])
def test_init_refuses_bad_options(tmp_path: Path, capsys, args: list[str], expected: str) -> None:
    assert init(tmp_path / "site", "--locale", "en", *args) == 2
    assert expected in one_line_error(capsys.readouterr().err)


def test_scaffold_is_package_data() -> None:
    """Every template is in the wheel (pyproject's package data), and the workflows pin the actions this
    repository's own workflows pin, to the same commits."""
    from locdocs import scaffold

    line = re.search(r'^"locdocs\.scaffold" = (\[.*\])$', (ROOT / "pyproject.toml").read_text("utf-8"), re.MULTILINE)
    assert line is not None, "pyproject.toml: [tool.setuptools.package-data] lists the scaffold's templates"
    globs = json.loads(line.group(1))
    folder = Path(scaffold.__file__).parent
    templates = {p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".py"}
    assert templates == set(scaffold.TEMPLATES)
    assert all(any(Path(name).match(glob) for glob in globs) for name in templates)
    pins = {line.split("uses:")[1].strip() for workflow in (ROOT / ".github" / "workflows").glob("*.yml")
            for line in workflow.read_text("utf-8").splitlines() if "uses:" in line}
    for template in ("check.yml.in", "publish.yml.in"):
        ours = {line.split("uses:")[1].strip() for line in (folder / template).read_text("utf-8").splitlines()
                if "uses:" in line}
        assert ours and ours <= pins, ours - pins


@pytest.mark.slow
def test_generated_site_builds_strict_and_workflows_pass_zizmor(tmp_path: Path) -> None:
    from mkdocs_build import run_mkdocs

    assert init(tmp_path, "--locale", "en", "--locale", "sv", "--locale", "de", "--versions") == 0
    done = run_mkdocs(tmp_path, strict=True)
    assert done.returncode == 0, done.stderr
    assert '<html lang="de"' in (tmp_path / "site" / "de" / "index.html").read_text("utf-8")
    zizmor = shutil.which("zizmor", path=str(BIN)) or shutil.which("zizmor")
    assert zizmor, "zizmor is a test dependency (pyproject)"
    done = subprocess.run([zizmor, "--offline", str(tmp_path / ".github" / "workflows")], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout


# A fresh site: what a user can do wrong is one line and exit 2, never a traceback


def locdocs(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run([sys.executable, "-m", "locdocs", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture
def fresh_site(tmp_path: Path) -> Path:
    """`locdocs init` (en, sv; no versions.yml, no handoff list), a git repository with one commit."""
    assert init(tmp_path, "--locale", "en", "--locale", "sv") == 0
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "init")
    return tmp_path


@pytest.mark.slow
def test_fresh_site_builds_without_versions_or_handoffs(fresh_site: Path) -> None:
    """No versions.yml, no content/handoffs.tsv, a locale with no pages: one version, `current`; then a versions.yml
    whose alias is that version's name is refused in one line (mike's own error, with what to do)."""
    done = locdocs(fresh_site, "check")
    assert done.returncode == 0, done.stderr
    done = locdocs(fresh_site, "build")
    assert done.returncode == 0, done.stderr
    assert "2 units built, 0 reused." in done.stderr
    versions = json.loads((fresh_site / "site" / "versions.json").read_text("utf-8"))
    assert [v["version"] for v in versions] == ["current"]
    assert '<html lang="sv"' in (fresh_site / "site" / "current" / "sv" / "index.html").read_text("utf-8")
    (fresh_site / "versions.yml").write_text('versions:\n  - version: "2025-06"\n    aliases: [current]\n',
                                             encoding="utf-8")
    done = locdocs(fresh_site, "build")
    assert done.returncode == 2
    line = one_line_error(done.stderr.split("2 units built, 0 reused.\n")[-1])
    assert "alias 'current' already specified as a version" in line and "mike delete" in line


@pytest.mark.slow
def test_a_locale_without_a_message_catalog_builds_and_is_named_once(tmp_path: Path) -> None:
    """Swahili has no catalog: `locdocs build` (whose units are strict builds) still builds it, and says once that
    its readers get the notices in English."""
    assert init(tmp_path, "--locale", "en", "--locale", "sw", "--locale", "zh-TW") == 0
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "init")
    done = locdocs(tmp_path, "build")
    assert done.returncode == 0, done.stderr
    assert [line.split(" (")[0] for line in done.stderr.splitlines() if line.startswith("warning:")] == [
        "warning: sw: reader messages in English"]
    swahili = (tmp_path / "site" / "current" / "sw" / "index.html").read_text("utf-8")
    assert '<html lang="sw"' in swahili


@pytest.mark.parametrize(("versions_yml", "expected"), [
    ('versions:\n  - version: "a/b"\n', "'a/b' is not one folder name"),
    ('default: nope\nversions:\n  - version: "x"\n', "default 'nope' is none of its versions"),
    ('versions:\n  - version: "x"\n  - version: "x"\n', "'x' names two versions"),
    ("versions: []\n", "expected a list of 'versions:'"),
    ('versions:\n  - version: "x"\n    english: [a.md]\n', "expected a list of 'versions:'"),
    ("- a\n", "expected a list of 'versions:'"),
])
def test_build_refuses_a_bad_versions_file(fresh_site: Path, capsys, versions_yml: str, expected: str) -> None:
    (fresh_site / "versions.yml").write_text(versions_yml, encoding="utf-8")
    assert main(["build", "--repo", str(fresh_site)]) == 2
    assert expected in one_line_error(capsys.readouterr().err)


@pytest.mark.parametrize(("args", "expected"), [
    (["--version", "nope"], "no version 'nope'"),
    (["--locale", "fr"], "no locale 'fr' in mkdocs.yml; the site's locales are: en, sv"),
])
def test_build_refuses_an_unknown_version_or_locale(fresh_site: Path, capsys, args: list[str],
                                                    expected: str) -> None:
    assert main(["build", "--repo", str(fresh_site), *args]) == 2
    assert expected in one_line_error(capsys.readouterr().err)


def test_commands_without_a_site_say_what_to_do(tmp_path: Path, capsys, monkeypatch) -> None:
    assert main(["build", "--repo", str(tmp_path)]) == 2
    assert "run `locdocs init`" in one_line_error(capsys.readouterr().err)
    monkeypatch.chdir(tmp_path)
    for command in ("check", "status"):
        assert main([command]) == 2
        assert "run `locdocs init`" in one_line_error(capsys.readouterr().err), command


@pytest.mark.slow
def test_build_outside_git_says_so(tmp_path: Path) -> None:
    assert init(tmp_path, "--locale", "en", "--locale", "sv") == 0
    done = locdocs(tmp_path, "build")
    assert done.returncode == 2
    assert "not in a git repository" in one_line_error(done.stderr.split("0 reused.\n")[-1])


def test_serve_on_a_taken_port_says_so(tmp_path: Path, capsys) -> None:
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--site-dir", str(tmp_path), "--addr", f"127.0.0.1:{port}", "--base", "/"]) == 2
    line = one_line_error(capsys.readouterr().err)
    assert f"cannot serve on 127.0.0.1:{port}" in line and "--addr" in line


@pytest.mark.shared
@pytest.mark.parametrize(("edit", "args", "expected"), [
    (("ms.contentlocale: sv-SE\n", ""), [], "no ms.contentlocale in the front matter: say which locale with --locale"),
    (("ms.contentlocale: sv-SE", "ms.contentlocale: de-DE"), [], "'de-DE' fits none of the site's locales (en, sv)"),
    (None, ["--locale", "de"], "--locale 'de' is not one of the site's locales (en, sv)"),
    (None, ["--locale", "sv-SE"], "did you mean --locale sv?"),
    (None, ["--locale", "../sv"], "--locale '../sv' is not a language tag"),
])
def test_ingest_refuses_a_handoff_it_cannot_place(fresh_site: Path, capsys, edit, args, expected: str) -> None:
    """A handoff without ms.contentlocale, or in a locale the site does not have: one line (and the summary line
    that nothing was written), exit 2, nothing written."""
    data = (SEEDS / "000_e686edcd3c8b43e2.txt").read_text("utf-8")
    if edit is not None:
        assert edit[0] in data
        data = data.replace(edit[0], edit[1])
    handoff = fresh_site / "handoff.md"
    handoff.write_text(data, encoding="utf-8")
    assert main(["ingest", str(handoff), "--path", ARTICLE, "-f", str(fresh_site / "mkdocs.yml"), *args]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    problem, summary = err.strip().splitlines()
    assert expected in problem and summary == "1 handoff could not be ingested; nothing was written."
    assert not (fresh_site / "l10n").exists()
    assert sorted(p.name for p in (fresh_site / "docs").rglob("*")) == [".gitkeep", "en", "index.md", "sv"]
