"""The real multi-locale sets of the corpus: stale and current translations classified as their hashes say.

SOURCES.tsv records, for every translation, whether its ms.openlocfilehash matches the English file included
(238 do, 44 do not). Each set is laid out as a docs folder (en/ plus one folder per locale) and checked.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path, PurePosixPath

import pytest

from locdocs.check import run_check
from locdocs.config import Config
from locdocs.layout import Layout
from locdocs.locales import site_locale
from locdocs.translations import DocsIndex, State
from shared_data import CORPUS

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def _rows() -> list[dict]:
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _layout(tmp_path: Path) -> dict[Path, list[tuple[str, PurePosixPath, str]]]:
    """Copy each set into tmp_path/<set>/docs; return, per docs folder, (locale, path, 'yes'/'no'/'n/a')."""
    rows = _rows()
    english = {(row["repo"].split("/")[1], row["path_in_repo"]): row for row in rows if row["locale"] == "en-us"}
    sites: dict[Path, list] = {}
    for row in rows:
        if row["locale"] == "en-us":
            continue
        repo_name = row["repo"].split("/")[1]
        [(english_repo, english_row)] = [(name, e) for (name, path), e in english.items()
                                         if path == row["path_in_repo"] and repo_name.startswith(name)]
        branch = "live-sxs" if "__live-sxs/" in row["local_path"] else "live"
        docs = tmp_path / f"{english_repo}-{branch}" / "docs"
        locale = site_locale(row["locale"])
        rel = PurePosixPath(row["path_in_repo"])
        for source, target in ((english_row["local_path"], docs / "en" / rel),
                               (row["local_path"], docs / locale / rel)):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(CORPUS / source, target)
        verdict = row["note"].split("olh matches included en-us file=")[1].split()[0].rstrip(";")  # yes, no, n/a
        sites.setdefault(docs, []).append((locale, rel, verdict))
    return sites


def test_corpus_translations_are_classified_as_their_hashes_say(tmp_path: Path) -> None:
    sites = _layout(tmp_path)
    assert len(sites) == 8
    tally = Counter()
    for docs, translations in sites.items():
        site = DocsIndex(Config(layout=Layout(docs_dir=docs)))
        findings = run_check(Config(layout=Layout(docs_dir=docs)), site)
        stale_findings = {(f.locale, f.path) for f in findings if f.rule == "stale-translation"}
        missing_keys = {(f.locale, f.path) for f in findings if f.rule == "front-matter-invalid"}
        for locale, rel, verdict in translations:
            translation = site.translation(site.files[locale, rel])
            expected = {"yes": {State.CURRENT, State.UNTRANSLATED}, "no": {State.STALE},
                        "n/a": {State.UNKNOWN}}[verdict]
            assert translation.state in expected, f"{docs.parent.name}: {locale}/{rel} is {translation.state}"
            key = (locale, (docs / locale / rel).as_posix())
            assert (key in stale_findings) is (verdict == "no")
            assert (key in missing_keys) is (verdict == "n/a"), "a translation without front matter is reported"
            tally[verdict] += 1
    assert tally == {"yes": 238, "no": 44, "n/a": 14}


def test_a_check_of_errors_only_finds_the_same_errors(tmp_path: Path) -> None:
    """``locdocs build`` checks each version for errors only, and skips the rules that are not errors: the errors
    are those of the whole check, on every corpus set (which have errors of several rules)."""
    from locdocs.config import Severity
    from locdocs.publish.pipeline import errors_only

    rules = set()
    for docs in _layout(tmp_path):
        config = Config(layout=Layout(docs_dir=docs)).with_severities({"broken-link": "warn"})
        everything = run_check(config, DocsIndex(config))
        errors = [finding for finding in everything if finding.severity is Severity.ERROR]
        found = run_check(errors_only(config), DocsIndex(config))
        assert [finding for finding in found if finding.severity is Severity.ERROR] == errors
        rules |= {finding.rule for finding in errors}
        assert any(finding.rule == "broken-link" for finding in everything)
    assert len(rules) >= 3, rules
