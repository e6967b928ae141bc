"""A test repository made of the seeds: the English revisions as git history, every handoff ingested."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from locdocs.cli import main
from shared_data import SEEDS

ARTICLE = "billing/billing-azure-subscription-past-due-balance.md"
ENGLISH_REVISIONS = ("2017-03-28", "2017-08-30", "2018-05-11")
HANDOFFS = {  # seed -> locale, in the order they are ingested
    "000_e686edcd3c8b43e2": "sv",
    "002_e155a59c93feb457": "zh",
    "004_4117f1128ac95ed3": "fr",
    "003_ceff8272707b582a": "nl",
}
NEWER_DUTCH = "001_bfce40a1323c09cc"

MKDOCS_YML = """\
site_name: Seed site
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true}
        - {locale: sv, name: Svenska}
        - {locale: nl, name: Nederlands}
        - {locale: fr, name: Français}
        - {locale: zh, name: 中文}
  - locdocs:
      exclude: [index.md]
"""


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def ingest(repo: Path, seed: str, locale: str) -> None:
    code = main(["ingest", "-q", str(SEEDS / f"{seed}.txt"), "--locale", locale, "--path", ARTICLE,
                 "--docs-dir", str(repo / "docs"), "--l10n-dir", str(repo / "l10n")])
    assert code == 0


def build_seed_repo(repo: Path) -> Path:
    """English history committed in order, then the sv, zh, fr and 2017-03 nl handoffs ingested and committed."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    english = repo / "docs" / "en" / ARTICLE
    english.parent.mkdir(parents=True)
    for revision in ENGLISH_REVISIONS:
        shutil.copyfile(SEEDS / "en" / f"{revision}.md", english)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"English {revision}", date=revision)
    for locale in ("en", "sv", "nl", "fr", "zh"):
        (repo / "docs" / locale).mkdir(parents=True, exist_ok=True)
        (repo / "docs" / locale / "index.md").write_text(f"# Home ({locale})\n", encoding="utf-8")
    for seed, locale in HANDOFFS.items():
        ingest(repo, seed, locale)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Translations")
    return repo
