"""The pre-commit hooks and workflows this repository offers name commands that exist and behave."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import yaml

from locdocs.cli import main
from shared_data import GOLDEN, ROOT


def test_pre_commit_hooks_run_real_commands(tmp_path: Path, monkeypatch, capsys) -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert set(hooks) == {"locdocs-normalize", "locdocs-check"}
    normalize = shlex.split(hooks["locdocs-normalize"]["entry"])
    assert normalize[0] == "locdocs" and hooks["locdocs-normalize"]["types"] == ["markdown"]
    dirty = tmp_path / "a.md"
    shutil.copyfile(GOLDEN / "normalize" / "paragraph-ids.input.md", dirty)
    assert main([*normalize[1:], str(dirty)]) == 1, "pre-commit fails on a file with markup"
    assert main([*normalize[1:], str(GOLDEN / "normalize" / "paragraph-ids.translation.md")]) == 0
    check = shlex.split(hooks["locdocs-check"]["entry"])
    assert hooks["locdocs-check"]["pass_filenames"] is False
    monkeypatch.chdir(ROOT)
    assert main(check[1:]) == 0


def test_workflows_are_least_privilege() -> None:
    """No permission by default; each job asks for what it needs; only the jobs that push keep git credentials."""
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        data = yaml.safe_load(workflow.read_text("utf-8"))
        assert data["permissions"] == {}, workflow.name
        for name, job in data["jobs"].items():
            permissions = job["permissions"]
            pushes = any("--push" in step.get("run", "") for step in job["steps"])
            assert permissions["contents"] == ("write" if pushes else "read"), (workflow.name, name)
            assert set(permissions) <= {"contents", "security-events"}, (workflow.name, name)
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is pushes, (workflow.name, name)
                if "uses" in step:  # pinned to a commit, not a tag that can move
                    assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text("utf-8"))
    assert publish["jobs"]["units"]["strategy"]["matrix"]["locale"] == ["en", "sv", "nl", "fr", "zh"]
    assert ".venv/bin/locdocs build --push" in [step.get("run") for step in publish["jobs"]["publish"]["steps"]]
    check = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text("utf-8"))
    steps = [step.get("run", "") for step in check["jobs"]["locales"]["steps"]]
    assert ".venv/bin/locdocs check --format github" in steps


def test_readme_screenshots_are_current() -> None:
    """The README shows each locale's article; `tools/screenshots.py` takes them and records a hash of what they
    show: a change to the docs, the theme overrides, the plugin's assets or messages without new screenshots fails
    here."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    readme = (ROOT / "README.md").read_text("utf-8")
    for locale in tool.LOCALES:
        assert f"(assets/screenshots/article-{locale}.png)" in readme, locale
        assert (ROOT / "assets" / "screenshots" / f"article-{locale}.png").stat().st_size > 10_000, locale
    recorded = (ROOT / "assets" / "screenshots" / "inputs.sha256").read_text("utf-8").strip()
    assert recorded == tool.inputs_hash(), "the screenshots are older than what they show: run tools/screenshots.py"
