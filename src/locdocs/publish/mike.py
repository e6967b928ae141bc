"""Deploy built versions to a local gh-pages branch with mike, and export that branch as a static site.

mike keeps versions.json and each version's folder on the branch; Material's version selector reads it. Beside
them, at the branch's root, locdocs commits ``404.html``, the page a static host serves for every missing address
(``site.not_found``), made from the versions.json mike wrote. Nothing here touches the network: ``git push`` of the
branch is the GitHub workflow's job (``mike deploy --push``).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import LocdocsError
from ..site.not_found import NOT_FOUND, RootNotFound
from .versions import Version, Versions


@contextmanager
def _in_repository(repo: Path) -> Iterator[None]:
    """mike works on the repository of the working directory, committing as the configured git user."""
    previous = Path.cwd()
    saved = {key: os.environ.get(key) for key in ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL")}
    os.chdir(repo)
    for key, fallback in (("GIT_COMMITTER_NAME", "locdocs"), ("GIT_COMMITTER_EMAIL", "locdocs@localhost")):
        configured = subprocess.run(["git", "config", "user." + key.split("_")[-1].lower()],
                                    capture_output=True, text=True, check=False).stdout.strip()
        if not configured and not os.environ.get(key):
            os.environ[key] = fallback
    try:
        yield
    finally:
        os.chdir(previous)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def publish(version_dirs: dict[str, Path], versions: Versions, repo: Path, branch: str = "gh-pages", *,
            root_not_found: RootNotFound | None = None) -> None:
    """Deploy every version (oldest first) with its title and aliases, and make the default one the root; with
    ``root_not_found``, commit the site's root 404.html for the versions the branch then has."""
    from mike import commands, git_utils
    from mike.commands import AliasType
    from mike.git_utils import GitError

    def unless_unchanged(step: Callable[..., object], *args: object, **kwargs: object) -> None:
        try:
            step(*args, **kwargs)
        except GitError as error:
            if "nothing changed" not in str(error):  # a rebuild of the same site: the branch is up to date
                raise LocdocsError(f"mike could not publish to the {branch} branch: {error}") from None
        except ValueError as error:  # what the branch has already contradicts versions.yml (an alias was a version)
            raise LocdocsError(f"mike could not publish to the {branch} branch: {error}: change versions.yml, or "
                               f"delete what the branch has with `mike delete --branch {branch} NAME`") from None

    def deploy(version: Version) -> None:
        with commands.deploy({"site_dir": str(version_dirs[version.name]), "use_directory_urls": True},
                             version.name, version.title, list(version.aliases), update_aliases=True,
                             alias_type=AliasType.redirect, branch=branch,
                             message=f"Deployed version {version.name} with locdocs"):
            pass  # the version is built already: mike only commits it

    if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=repo, capture_output=True, check=False).returncode:
        raise LocdocsError(f"{repo} is not in a git repository: mike publishes to a branch of one; run `git init` "
                           "and commit your docs (or build with --no-publish)")
    with _in_repository(repo):
        for version in reversed(versions.versions):
            unless_unchanged(deploy, version)
        unless_unchanged(commands.set_default, versions.default, branch=branch,
                         message=f"Set default version to {versions.default}")
        if root_not_found is not None:
            published = json.loads(git_utils.read_file(branch, commands.versions_file, universal_newlines=True))
            page = root_not_found.html(published, versions.default)

            def commit_not_found() -> None:
                with git_utils.Commit(branch, f"Page for missing addresses ({NOT_FOUND}) with locdocs") as commit:
                    commit.add_file(git_utils.FileInfo(NOT_FOUND, page))

            unless_unchanged(commit_not_found)


def export(repo: Path, branch: str, target: Path) -> None:
    """Write the files of ``branch`` to ``target`` (replacing it): the whole versioned site."""
    archive = subprocess.run(["git", "archive", "--format=tar", branch], cwd=repo, capture_output=True, check=False)
    if archive.returncode != 0:
        raise LocdocsError(f"cannot read the {branch} branch: {archive.stderr.decode(errors='replace').strip()}")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")


def push(repo: Path, branch: str) -> None:
    """Push the published branch to origin (the GitHub workflow's step; never needed to build or serve)."""
    done = subprocess.run(["git", "push", "origin", branch], cwd=repo, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise LocdocsError(f"git push origin {branch} failed: {done.stderr.strip()}")
