"""`locdocs normalize` and tools/normalize_xliff_spans.py: black/ruff conventions, exit codes 0/1/2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from locdocs.cli import main
from shared_data import GOLDEN, ROOT, SEEDS, SHARED

DUTCH = SEEDS / "003_ceff8272707b582a.txt"
MALFORMED = GOLDEN / "errors" / "mismatched-ids.input.md"


@pytest.fixture
def handoff(tmp_path: Path) -> Path:
    path = tmp_path / "article.md"
    shutil.copyfile(DUTCH, path)
    return path


@pytest.mark.shared
def test_rewrites_in_place_then_has_nothing_to_do(handoff: Path, capsys) -> None:
    assert main(["normalize", str(handoff)]) == 0
    err = capsys.readouterr().err
    assert f"{handoff}:32: repaired mojibake 'beÃ«indigd' -> 'beëindigd'" in err
    assert f"normalized {handoff}" in err
    assert err.rstrip().endswith("1 file normalized, 0 files left unchanged, 1 mojibake repair.")
    assert handoff.read_bytes() == (GOLDEN / "seeds" / "003_ceff8272707b582a.translation.md").read_bytes()
    assert main(["normalize", "--check", str(handoff)]) == 0
    assert "0 files would be normalized, 1 file already clean." in capsys.readouterr().err
    assert not list(handoff.parent.glob(".*.tmp")), "no temporary file left behind"


@pytest.mark.shared
def test_check_writes_nothing_and_exits_1(handoff: Path, capsys) -> None:
    before = handoff.read_bytes()
    assert main(["normalize", "--check", str(handoff)]) == 1
    assert f"would normalize {handoff}" in capsys.readouterr().err
    assert handoff.read_bytes() == before


@pytest.mark.shared
def test_diff_prints_a_unified_diff_and_writes_nothing(handoff: Path, capsys) -> None:
    before = handoff.read_bytes()
    assert main(["normalize", "--diff", str(handoff)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- {handoff}\n+++ {handoff}\n@@ ")
    assert ('+# <a name="resolve-past-due-balance-for-your-azure-subscription"></a>'
            "Los vervallen verdelen voor uw Azure-abonnement \n") in out
    assert handoff.read_bytes() == before


@pytest.mark.shared
def test_side_source_keeps_the_english(handoff: Path) -> None:
    assert main(["normalize", "--side", "source", str(handoff)]) == 0
    assert handoff.read_bytes() == (GOLDEN / "seeds" / "003_ceff8272707b582a.source.md").read_bytes()


@pytest.mark.shared
def test_malformed_input_exits_2_and_leaves_the_file_byte_identical(tmp_path: Path, handoff: Path, capsys) -> None:
    bad = tmp_path / "bad.md"
    shutil.copyfile(MALFORMED, bad)
    before = bad.read_bytes()
    assert main(["normalize", str(bad), str(handoff)]) == 2
    captured = capsys.readouterr()
    assert f"{bad}:2:65: mismatched ids: translation span 'a1-103' is followed by source span 'a1-104'" \
           in captured.err
    assert "1 file normalized, 0 files left unchanged, 1 mojibake repair, 1 file failed." in captured.err
    assert bad.read_bytes() == before
    assert "Los vervallen" in handoff.read_text("utf-8"), "the good file is still normalized"


@pytest.mark.shared
def test_folders_are_searched_for_markdown(tmp_path: Path, capsys) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copyfile(DUTCH, tmp_path / "sub" / "a.md")
    shutil.copyfile(DUTCH, tmp_path / "b.txt")  # not Markdown by its name: left alone
    assert main(["normalize", "--check", str(tmp_path)]) == 1
    assert "1 file would be normalized, 0 files already clean, 1 mojibake repair." in capsys.readouterr().err


def test_unreadable_and_binary_files_are_errors_not_tracebacks(tmp_path: Path, capsys) -> None:
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["normalize", str(binary), str(tmp_path / "missing.md")]) == 2
    err = capsys.readouterr().err
    assert f"{binary}:3:1: NUL byte: not a text file (binary data?)" in err
    assert f"{tmp_path / 'missing.md'}: cannot read: No such file or directory" in err
    assert "Traceback" not in err


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["normalize", "--check", "--diff", "x.md"])
    assert caught.value.code == 2
    assert main(["normalize", "-", "x.md"]) == 2
    assert "'-' (standard input) cannot be combined with other paths" in capsys.readouterr().err


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, cwd=ROOT, timeout=60)


@pytest.mark.shared
def test_stdin_to_stdout() -> None:
    done = _run("-m", "locdocs", "normalize", "-", stdin=DUTCH.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout == (GOLDEN / "seeds" / "003_ceff8272707b582a.translation.md").read_bytes()
    assert b"-:32: repaired mojibake" in done.stderr
    check = _run("-m", "locdocs", "normalize", "--check", "-", stdin=DUTCH.read_bytes())
    assert (check.returncode, check.stdout) == (1, b"")
    bad = _run("-m", "locdocs", "normalize", "-", stdin=MALFORMED.read_bytes())
    assert (bad.returncode, bad.stdout) == (2, b"")
    assert bad.stderr.decode() == ("-:2:65: mismatched ids: translation span 'a1-103' is followed by "
                                   "source span 'a1-104'\n")


@pytest.mark.shared
def test_tools_script_is_the_same_command(handoff: Path) -> None:
    done = _run(str(ROOT / "tools" / "normalize_xliff_spans.py"), "--check", str(handoff))
    assert done.returncode == 1 and f"would normalize {handoff}" in done.stderr.decode()
    done = _run(str(ROOT / "tools" / "normalize_xliff_spans.py"), "--side", "source", str(handoff))
    assert done.returncode == 0, done.stderr
    assert handoff.read_bytes() == (GOLDEN / "seeds" / "003_ceff8272707b582a.source.md").read_bytes()


@pytest.mark.shared
def test_forked_processes_normalize_as_one_process_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys) -> None:
    """With -j 2, runs of files are normalized in forked processes: the same files, the same reports in the
    files' order, the same exit code as in one process, and nothing left behind."""
    from locdocs import forked
    from locdocs.cli import normalize as command

    handoffs = sorted((SHARED / "corpus").glob("*__live-sxs/**/*.md"))
    assert len(handoffs) > 100
    trees = {jobs: tmp_path / f"j{jobs}" for jobs in (1, 2)}
    for tree in trees.values():
        for copy in range(6):  # several forked runs (of 256 files)
            (tree / f"copy{copy}").mkdir(parents=True)
            for number, source in enumerate(handoffs):
                shutil.copyfile(source, tree / f"copy{copy}" / f"{number:03}.md")
        shutil.copyfile(MALFORMED, tree / "copy1" / "050.md")  # a failure amid the others
    real_normalize_file = command.normalize_file

    def noting_process(path: Path, args, side, write: bool, tally: command.Tally) -> None:
        real_normalize_file(path, args, side, write, tally)
        tally.report(f"process {os.getpid()}")

    monkeypatch.setattr(command, "normalize_file", noting_process)
    # The browser tests of the same session leave asyncio's waitpid thread behind, and forked.can_fork does not
    # fork beside another thread (it could hold a lock a child needs); that thread holds none this test's
    # children take.
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    outcomes = {}
    for jobs, tree in trees.items():
        monkeypatch.chdir(tree)
        code = main(["normalize", "-j", str(jobs), "."])
        err = capsys.readouterr().err
        outcomes[jobs] = (code, [line for line in err.splitlines() if not line.startswith("process ")],
                          {line for line in err.splitlines() if line.startswith("process ")})
    assert outcomes[1][0] == outcomes[2][0] == 2
    assert outcomes[1][1] == outcomes[2][1], "the same reports, in the same order"
    assert outcomes[1][2] == {f"process {os.getpid()}"}
    # Which of the two workers takes which run is the pool's business: every run is in a forked process.
    assert outcomes[2][2] and f"process {os.getpid()}" not in outcomes[2][2], "in forked processes"
    files = {jobs: {path.relative_to(tree): path.read_bytes() for path in sorted(tree.rglob("*")) if path.is_file()}
             for jobs, tree in trees.items()}
    assert files[1] == files[2], "the same files, and no temporary file left in either"
    assert files[1][Path("copy1/050.md")] == MALFORMED.read_bytes()
    assert b"data-ttu-id" not in files[2][Path("copy2/000.md")]
