"""Golden cases, discovered from tests/golden/: each input normalized to each side must equal its expected file,
be stable when normalized again, and give the same text on the fast and the careful path."""

from __future__ import annotations

from pathlib import Path

import pytest

from locdocs.errors import MarkupError
from locdocs.normalize import normalize_bytes
from locdocs.segments import Side, has_markup, parse, render
from shared_data import GOLDEN, SEEDS


def _cases() -> list[tuple[str, Path, Path, Side]]:
    """(name, input, expected, side) for every expected file next to an input. The seed cases read their input
    from the shared data (tests/golden/seeds/ holds only the expected files)."""
    cases = []
    for expected in sorted((GOLDEN / "normalize").glob("*.md")):
        name, side = expected.name.split(".")[:2]
        if side != "input":
            cases.append((f"{name}-{side}", GOLDEN / "normalize" / f"{name}.input.md", expected, Side(side)))
    for expected in sorted((GOLDEN / "seeds").glob("*.md")):
        name, side = expected.name.split(".")[:2]
        cases.append((f"seed-{name}-{side}", SEEDS / f"{name}.txt", expected, Side(side)))
    return cases


CASES = _cases()


@pytest.mark.parametrize(("input_path", "expected_path", "side"), [
    pytest.param(*c[1:], id=c[0], marks=[pytest.mark.shared] if c[0].startswith("seed-") else []) for c in CASES])
def test_golden_case(input_path: Path, expected_path: Path, side: Side) -> None:
    data = input_path.read_bytes()
    expected = expected_path.read_bytes()
    output = normalize_bytes(data, side=side).text.encode("utf-8")
    assert output == expected
    assert normalize_bytes(output, side=side).text.encode("utf-8") == output, "normalizing twice changed it"
    careful = normalize_bytes(data, side=side, with_segments=True).text.encode("utf-8")
    assert careful == output, "the careful parser and the fast path disagree"
    assert not has_markup(output.decode("utf-8"))


def test_golden_cases_are_discovered() -> None:
    assert len(CASES) >= 20
    assert {c[0] for c in CASES} >= {"front-matter-escaped-translation", "seed-003_ceff8272707b582a-source"}


def test_front_matter_segments_keep_yaml_valid() -> None:
    data = (GOLDEN / "normalize" / "front-matter-escaped.input.md").read_bytes()
    for side, title in ((Side.TRANSLATION, 'Felsök "förfallet" saldo'),
                        (Side.SOURCE, 'Troubleshoot a "past due" balance')):
        result = normalize_bytes(data, side=side, with_segments=True)
        assert result.metadata["title"] == title
    segments = normalize_bytes(data, with_segments=True).segments
    assert [s.in_front_matter for s in segments] == [True, True, False]


ERROR_CASES = sorted((GOLDEN / "errors").glob("*.input.md"))


@pytest.mark.parametrize("input_path", ERROR_CASES, ids=[p.name.split(".")[0] for p in ERROR_CASES])
def test_malformed_markup_is_located(input_path: Path) -> None:
    expected = input_path.with_name(input_path.name.replace(".input.md", ".error")).read_text("utf-8").strip()
    text = input_path.read_text("utf-8")
    with pytest.raises(MarkupError) as caught:
        parse(text)
    assert f"{caught.value.line}:{caught.value.column}: {caught.value.message}" == expected
    with pytest.raises(MarkupError) as fast:
        render(text)
    assert str(fast.value) == str(caught.value)
    assert str(caught.value.with_path("a.md")) == f"a.md:{expected}"
