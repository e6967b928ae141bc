"""What `locdocs build` keeps between runs so a rebuild does only the work its changes need: the status rows of
unchanged translations, and version trees rewritten only where they differ."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from locdocs.config import load_config
from locdocs.fileio import sync_tree
from locdocs.status import collect_status
from locdocs.translations import DocsIndex


def _rows(repo: Path, cache: Path) -> list:
    return collect_status(DocsIndex(load_config(repo / "mkdocs.yml")), cache)


def test_status_rows_of_unchanged_translations_come_from_the_cache(seed_repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "status.json"
    first = _rows(seed_repo, cache)
    assert _rows(seed_repo, cache) == first
    assert {row.state for row in first} >= {"current", "stale"}
    # Mark every cached row: a row read from the cache shows the mark, a row analysed again does not.
    entries = json.loads(cache.read_text("utf-8"))
    cache.write_text(json.dumps({key: {**row, "detail": "from the cache"} for key, row in entries.items()}), "utf-8")
    assert {row.detail for row in _rows(seed_repo, cache)} == {"from the cache"}, "no article is missing"
    cache.write_text(json.dumps({key: {**row, "detail": "from the cache"} for key, row in entries.items()}), "utf-8")
    swedish = next(seed_repo.glob("docs/sv/**/*past-due-balance.md"))
    swedish.write_text(swedish.read_text("utf-8").replace("saldo", "saldot", 1), encoding="utf-8")
    rows = {(row.locale, row.article): row for row in _rows(seed_repo, cache)}
    changed = rows["sv", swedish.relative_to(seed_repo / "docs" / "sv").as_posix()]
    assert changed.detail != "from the cache" and changed == next(
        row for row in first if (row.locale, row.article) == (changed.locale, changed.article))
    assert rows["fr", changed.article].detail == "from the cache"


def test_a_damaged_status_cache_is_only_a_slower_run(seed_repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "status.json"
    cache.write_text("{not json", "utf-8")
    assert [asdict(row) for row in _rows(seed_repo, cache)] == [asdict(row) for row in _rows(seed_repo, None)]


def test_sync_tree_writes_only_what_differs(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.md").write_text("a")
    (source / "b.md").write_text("b")
    target = tmp_path / "target"
    wanted: dict[Path, Path | bytes] = {Path("a.md"): source / "a.md", Path("sub/b.md"): source / "b.md",
                                        Path("c.md"): b"c"}
    assert sync_tree(target, wanted) is True
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        "a.md", "c.md", "sub/b.md"]
    assert sync_tree(target, wanted) is False, "nothing to change"
    os.utime(target / "c.md", ns=(1, 1))
    times = {path.name: path.stat().st_mtime_ns for path in target.rglob("*.md")}
    (source / "b.md").write_text("B, longer")  # in place: the tree's link to it has the new text already
    assert sync_tree(target, wanted) is False
    assert (target / "sub" / "b.md").read_text() == "B, longer"
    assert (target / "a.md").stat().st_mtime_ns == times["a.md"], "an unchanged copy is left alone"
    assert (target / "c.md").stat().st_mtime_ns == 1, "unchanged content is left alone"
    assert sync_tree(target, {Path("a.md"): b"new a"}) is True
    assert [p.name for p in target.rglob("*") if p.is_file()] == ["a.md"]
    assert (target / "a.md").read_text() == "new a"


def test_unit_keys_cover_locdocs_own_files_not_its_bytecode(tmp_path: Path) -> None:
    import shutil

    from locdocs.publish.units import PACKAGE, package_digest

    copy = tmp_path / "locdocs"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = package_digest(copy)
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"bytecode")
    assert package_digest.__wrapped__(copy) == before
    template = copy / "site" / "templates" / "main.html"
    template.write_text(template.read_text("utf-8") + "\n", "utf-8")
    assert package_digest.__wrapped__(copy) != before


@pytest.mark.slow
def test_a_version_check_is_kept_with_the_keys_of_its_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`locdocs build` checks each version for errors before building it; the findings are kept with the keys of the
    version's units (which cover every file, the configuration and locdocs itself): the next build with the same
    keys reads them rather than checking again, the next after a change checks again."""
    from locdocs.errors import PublishRefused
    from locdocs.publish import pipeline
    from versioned_site import SITE_URL, copy_repository

    repo = copy_repository(tmp_path / "repo")
    monkeypatch.setenv("LOCDOCS_SITE_URL", SITE_URL)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    swedish = repo / "docs" / "sv" / "index.md"
    clean = swedish.read_text("utf-8")
    swedish.write_text(clean + "\n<script>alert(1)</script>\n", encoding="utf-8")
    checks = []
    real_run_check = pipeline.run_check
    monkeypatch.setattr(pipeline, "run_check", lambda *args, **kwargs: checks.append(1) or real_run_check(
        *args, **kwargs))

    def build() -> None:
        pipeline.build_site(repo / "mkdocs.yml", cache=tmp_path / "cache", only_versions={"2018-05"},
                            only_locales={"sv"})

    with pytest.raises(PublishRefused) as first:
        build()
    assert len(checks) == 1 and "unsafe-content" in str(first.value)
    with pytest.raises(PublishRefused) as second:
        build()
    assert len(checks) == 1, "the same keys: the findings kept"
    assert str(second.value) == str(first.value)
    swedish.write_text(clean, encoding="utf-8")
    build()
    assert len(checks) == 2, "a file changed: checked again"
    build()
    assert len(checks) == 2


def test_sync_tree_links_the_files_it_mirrors(tmp_path: Path) -> None:
    """A version tree's unchanged files are hard links to the repository's (nothing copied, no inode made); a
    source replaced since (as editors and locdocs write: a new file) is linked again."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.md").write_text("a")
    target = tmp_path / "target"
    sync_tree(target, {Path("sub/a.md"): source / "a.md"})
    assert (target / "sub" / "a.md").stat().st_ino == (source / "a.md").stat().st_ino
    replacement = source / "a.md.new"
    replacement.write_text("a, edited")
    os.replace(replacement, source / "a.md")
    sync_tree(target, {Path("sub/a.md"): source / "a.md"})
    assert (target / "sub" / "a.md").read_text() == "a, edited"
    assert (target / "sub" / "a.md").stat().st_ino == (source / "a.md").stat().st_ino
    assert sorted(path.name for path in (target / "sub").iterdir()) == ["a.md"], "no temporary link left"


def test_a_version_assembled_again_after_one_locale_changed_is_the_one_assembled_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version assembled again replaces only the files that differ (a rebuilt unit links the pages it reused:
    thousands of folders fewer to make and delete); the version is the one a whole assembly makes, a page gone
    from the unit is gone with its folder, and the units are left as they were."""
    from locdocs.publish import assemble as assembling
    from locdocs.publish.assemble import assemble

    def unit(name: str, locale: str, pages: dict[str, str], *, like: Path | None = None) -> Path:
        folder = tmp_path / "units" / name
        root = folder if locale == "en" else folder / locale
        for page, text in {**pages, "index.html": f"{name} home"}.items():
            (root / page).parent.mkdir(parents=True, exist_ok=True)
            (root / page).write_text(text)
        if like is not None:  # the pages it reused: links to the same files, as plugin.page_reuse makes them
            for path in like.rglob("*"):
                if path.is_file() and not (folder / path.relative_to(like)).exists():
                    (folder / path.relative_to(like)).parent.mkdir(parents=True, exist_ok=True)
                    os.link(path, folder / path.relative_to(like))
        (folder / "assets" / "app.js").parent.mkdir(parents=True, exist_ok=True)
        (folder / "assets" / "app.js").write_text("js")
        (folder / ".complete").write_text("key")
        return folder

    def tree(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    before = {"en": unit("en-1", "en", {"a/index.html": "A"}),
              "sv": unit("sv-1", "sv", {"a/index.html": "Ä", "gone/deep/index.html": "G", "kept/index.html": "K"}),
              "fr": unit("fr-1", "fr", {"a/index.html": "À"})}
    version = tmp_path / "version"
    assemble(before, "en", version)
    assert tree(version)["sv/gone/deep/index.html"] == b"G" and ".complete" not in tree(version)
    kept = tmp_path / "units" / "sv-1" / "sv" / "kept" / "index.html"
    (kept.parent.parent / "gone" / "deep" / "index.html").unlink()  # so that sv-2 does not link it
    after = {**before, "sv": unit("sv-2", "sv", {"a/index.html": "Ä, ändrad", "b/index.html": "B"},
                                  like=tmp_path / "units" / "sv-1")}
    units_before = {name: tree(folder) for name, folder in after.items()}
    inodes = {rel: (version / rel).stat().st_ino for rel in ("fr/a/index.html", "sv/kept/index.html", "index.html")}
    linked: list[str] = []
    real_link = assembling.link_or_copy
    monkeypatch.setattr(assembling, "link_or_copy", lambda source, target: (
        linked.append(Path(target).relative_to(version).as_posix()), real_link(source, target)))
    assemble(after, "en", version)
    monkeypatch.setattr(assembling, "link_or_copy", real_link)
    assert sorted(linked) == ["sv/a/index.html", "sv/b/index.html", "sv/index.html"], "only what differs"
    whole = tmp_path / "whole"
    assemble(after, "en", whole)
    assert tree(version) == tree(whole)
    assert tree(version)["sv/b/index.html"] == b"B" and tree(version)["sv/a/index.html"] == "Ä, ändrad".encode()
    assert not (version / "sv" / "gone").exists(), "a folder left empty is removed"
    assert {rel: (version / rel).stat().st_ino for rel in inodes} == inodes, "files already right are left alone"
    assert (version / "sv" / "kept" / "index.html").stat().st_ino == kept.stat().st_ino
    assert {name: tree(folder) for name, folder in after.items()} == units_before
    assert sorted(path.name for path in version.iterdir()) == ["a", "assets", "fr", "index.html", "sv"]


def test_prune_tree_deletes_what_is_not_kept_and_the_folders_left_empty(tmp_path: Path) -> None:
    from locdocs.fileio import prune_tree

    files = ["keep.html", "a/keep.html", "a/gone.html", "b/gone.html", "b/c/gone.html", "b/c/d/gone.html",
             "e/f/gone.html"]
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    kept = prune_tree(tmp_path, {os.path.normpath(rel) for rel in ("keep.html", "a/keep.html", "missing.html")})
    assert sorted(kept) == [os.path.normpath("a/keep.html"), "keep.html"]
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")) == [
        "a", "a/keep.html", "keep.html"]
    assert prune_tree(tmp_path / "nothing here", set()) == {}


class _Later:
    """Stands for the time module of file_digests: the files were written long before they are hashed."""

    @staticmethod
    def time_ns() -> int:
        return time.time_ns() + 3_600_000_000_000


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from locdocs import file_digests

    opened: list[str] = []
    real_open = open

    def counting_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(file_digests, "open", counting_open, raising=False)
    return opened


def test_file_hashes_are_remembered_by_inode_and_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose size, times and inode are unchanged is not read again; one changed is (even with its
    modification time put back, as the change time moves on); hard links share one entry; a damaged memo is only
    a slower run."""
    import hashlib

    from locdocs import file_digests
    from locdocs.file_digests import FileDigests

    monkeypatch.setattr(file_digests, "time", _Later)
    memo = tmp_path / "digests.json"
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_bytes(b"first")
    b.write_bytes(b"second")
    os.link(a, tmp_path / "a-link.md")
    first = FileDigests(memo)
    assert first.digest(a) == hashlib.sha256(b"first").digest()
    assert first.digest(b) == hashlib.sha256(b"second").digest()
    first.save()
    reads = _reads(monkeypatch)
    again = FileDigests(memo)
    assert again.digest(tmp_path / "a-link.md") == hashlib.sha256(b"first").digest()
    assert again.digest(b) == hashlib.sha256(b"second").digest()
    assert reads == [], "nothing read: the memo knew both"
    times = b.stat()
    b.write_bytes(b"SECOND")  # the same size
    os.utime(b, ns=(times.st_atime_ns, times.st_mtime_ns))  # and the same modification time
    assert again.digest(b) == hashlib.sha256(b"SECOND").digest()
    assert reads == [os.fspath(b)]
    memo.write_text("{damaged", "utf-8")
    assert FileDigests(memo).digest(a) == hashlib.sha256(b"first").digest()


def test_a_file_changed_just_before_it_was_hashed_is_hashed_again(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the change time's granularity the file could change again unseen: it is not remembered."""
    from locdocs.file_digests import FileDigests

    memo = tmp_path / "digests.json"
    path = tmp_path / "new.md"
    path.write_bytes(b"just written")
    digests = FileDigests(memo)
    digests.digest(path)
    digests.save()
    reads = _reads(monkeypatch)
    FileDigests(memo).digest(path)
    assert reads == [os.fspath(path)]


def test_the_git_log_is_read_once_per_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every GitHistory of a process shares the log; with a memo folder, a later process at the same commit reads
    it there; a new commit is read again."""
    import subprocess

    from locdocs import history
    from locdocs.history import GitHistory

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@localhost"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path / "repo", check=True, capture_output=True, env=env)

    (tmp_path / "repo" / "docs").mkdir(parents=True)
    article = tmp_path / "repo" / "docs" / "a.md"
    article.write_text("one\n")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "one")
    logs: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):  # type: ignore[no-untyped-def]
        if command[:2] == ["git", "log"]:
            logs.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    monkeypatch.setattr(history, "_LOGS", {})
    monkeypatch.setattr(history, "_log_memo", None)
    history.remember_logs(tmp_path / "memo")
    assert len(GitHistory(article).commits(article)) == 1
    assert len(GitHistory(article).commits(article)) == 1
    assert len(logs) == 1, "one git log for both"
    monkeypatch.setattr(history, "_LOGS", {})  # as a new process
    assert len(GitHistory(article).commits(article)) == 1
    assert len(logs) == 1, "read from the memo"
    article.write_text("two\n")
    git("commit", "-qam", "two")
    assert len(GitHistory(article).commits(article)) == 2
    assert len(logs) == 2, "a new commit: read again"


def test_on_a_filesystem_of_whole_seconds_a_file_changed_in_the_last_two_is_hashed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from locdocs import file_digests
    from locdocs.file_digests import FileDigests

    path = tmp_path / "a.md"
    path.write_bytes(b"text")
    real = os.stat(path)
    second = (time.time_ns() // 1_000_000_000 - 1) * 1_000_000_000  # a second ago, as such a filesystem says it
    real_stat = os.stat
    monkeypatch.setattr(file_digests.os, "stat", lambda name, *args, **kwargs: _with_ctime(real, second)
                        if os.fspath(name) == os.fspath(path) else real_stat(name, *args, **kwargs))
    digests = FileDigests(tmp_path / "memo.json")
    digests.digest(path)
    digests.save()
    assert not (tmp_path / "memo.json").exists(), "not remembered"


def _with_ctime(status: os.stat_result, ctime_ns: int) -> object:
    """``status`` with its modification and change times at ``ctime_ns``."""

    class Status:
        st_dev, st_ino, st_size, st_mtime_ns = status.st_dev, status.st_ino, status.st_size, ctime_ns
        st_ctime_ns = ctime_ns

    return Status()


def test_unit_builds_keep_the_theme_templates_compiled(tmp_path: Path) -> None:
    """A unit's templates are compiled once for every later unit with the same environment; an environment that
    compiles otherwise, or an edited template, is not given the compiled code."""
    import jinja2

    from locdocs.plugin.unit import UnitLayout, UnitSpec

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{% for x in items %}<{{ x }}>{% endfor %}\n")
    spec = UnitSpec(config_file="mkdocs.yml", locale="sv", languages=(), tree="", history_dir="", site_dir="",
                    site_url="", default_version="", template_cache=str(tmp_path / "cache"))
    compiled: list[str] = []

    class Counting(jinja2.Environment):
        def _compile(self, source: str, filename: str):  # type: ignore[no-untyped-def, override]
            compiled.append(filename)
            return super()._compile(source, filename)

    def render(**options: object) -> str:
        env = Counting(loader=jinja2.FileSystemLoader(templates), **options)  # type: ignore[arg-type]
        UnitLayout(spec).cache_templates(env)
        return env.get_template("page.html").render(items=[1, 2])

    assert render() == "<1><2>" and len(compiled) == 1
    assert render() == "<1><2>" and len(compiled) == 1, "the second unit takes the compiled template"
    assert render(keep_trailing_newline=True) == "<1><2>\n" and len(compiled) == 2, "compiled otherwise"
    (templates / "page.html").write_text("{% for x in items %}[{{ x }}]{% endfor %}")
    assert render() == "[1][2]" and len(compiled) == 3


def test_unit_processes_started_ahead_build_or_end(tmp_path: Path) -> None:
    """A unit's MkDocs process started ahead takes the first unit (and reports its failure as any does); those no
    unit took end when the build does."""
    from locdocs.publish.units import BuildUnit, UnitBuildError, UnitProcesses

    unit = BuildUnit("1.0", "sv", tmp_path)
    with UnitProcesses(ready=1) as processes:
        processes.prepare()  # one is ready: none more
        assert len(processes._ready) == 1
        processes._ready.append(processes._start())
        ahead = list(processes._ready)
        with pytest.raises(UnitBuildError, match=r"(?s)building 1\.0/sv failed:.*missing\.json"):
            processes.run(unit, tmp_path / "missing.json")
        assert ahead[-1].returncode == 1, "the process started ahead built it"
        assert ahead[0].poll() is None, "the other waits"
    assert ahead[0].poll() is not None and processes._ready == [], "ended"
