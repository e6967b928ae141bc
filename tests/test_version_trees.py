"""A version's source tree: which translation of a pinned article it shows when the translation was ingested
straight into docs/ (no handoff in the handoff list)."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path, PurePosixPath

from locdocs.layout import Layout
from locdocs.publish.versions import Version, english_history, prepare_version_tree

ARTICLE = PurePosixPath("guide/start.md")
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@localhost"}


def _commit(repo: Path, message: str) -> None:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=GIT_ENV)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, check=True, env=GIT_ENV)


def _translation(made_from: bytes, text: str) -> bytes:
    return (f"---\ntitle: Start\nms.openlocfilehash: {hashlib.sha1(made_from).hexdigest()}\n"
            f"ms.contentlocale: sv-SE\n---\n# {text}\n").encode()


def _tree(repo: Path, version: Version) -> dict[str, bytes]:
    layout = Layout(root=repo, docs_dir=repo / "docs", l10n_dir=repo / "l10n")
    target = repo.parent / f"tree-{version.name}"
    prepare_version_tree(version, layout=layout, target=target, handoffs=[],
                         revisions=english_history(layout, [ARTICLE]))
    return {path.relative_to(target).as_posix(): path.read_bytes() for path in target.rglob("*") if path.is_file()}


def test_a_pinned_article_keeps_the_translation_made_from_its_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    english = repo / "docs" / "en" / ARTICLE
    swedish = repo / "docs" / "sv" / ARTICLE
    english.parent.mkdir(parents=True)
    swedish.parent.mkdir(parents=True)
    first, second = b"---\ntitle: Start\n---\n# Start\n\nOne.\n", b"---\ntitle: Start\n---\n# Start\n\nOne. Two.\n"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    english.write_bytes(first)
    swedish.write_bytes(_translation(first, "Början"))
    _commit(repo, "first revision, translated")
    english.write_bytes(second)
    _commit(repo, "second revision")
    pinned = Version(name="old", title="old", english={ARTICLE.as_posix(): hashlib.sha1(first).hexdigest()})
    tree = _tree(repo, pinned)
    assert tree[f"docs/en/{ARTICLE}"] == first
    assert tree[f"docs/sv/{ARTICLE}"] == swedish.read_bytes(), "made from the revision the version shows"
    assert _tree(repo, Version(name="new", title="new"))[f"docs/sv/{ARTICLE}"] == swedish.read_bytes()
    # A translation of another revision than the pinned one is not that version's: readers get the English page.
    swedish.write_bytes(_translation(second, "Början, igen"))
    assert f"docs/sv/{ARTICLE}" not in _tree(repo, pinned)
