"""Property-based tests of the span parser and the normalizer: both sides and every byte outside the markup
survive, in order; clean output never holds markup; the only exception is the documented InputError.

The normal suite draws 300 examples per property; ``benchmarks/bench_properties.py`` runs the same tests with the
"benchmark" profile (10,000 examples), chosen by the LOCDOCS_HYPOTHESIS_PROFILE environment variable.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locdocs.errors import InputError, MarkupError
from locdocs.normalize import normalize_bytes
from locdocs.segments import Side, comparable, has_markup, parse, render

settings.register_profile("suite", max_examples=300, deadline=None)
settings.register_profile("benchmark", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("LOCDOCS_HYPOTHESIS_PROFILE", "suite"))

ALPHABET = "abcXYZ éÃ«中文 \n\r\t<>*\\\"'&;#[]()_|-"
chunk = st.text(alphabet=ALPHABET, max_size=20).filter(lambda s: "span" not in s)
inline_span = st.builds(lambda attr, inner: f'<span {attr}>{inner}</span>',
                        st.sampled_from(['id="Output"', 'class="keyword"']), chunk)
content = st.lists(st.one_of(chunk, inline_span), max_size=4).map("".join)
segment_id = st.from_regex(r"\A[0-9a-f]{5}-p?[0-9]{3}\Z")
gap = st.text(alphabet=ALPHABET, max_size=30).filter(lambda s: not has_markup(s))


@st.composite
def handoffs(draw):
    """A handoff text with the gaps, ids and both sides it was built from."""
    count = draw(st.integers(0, 6))
    gaps = [draw(gap) for _ in range(count + 1)]
    pairs = [(draw(segment_id), draw(content), draw(content)) for _ in range(count)]
    pieces = [gaps[0]]
    for (sid, target, source), after in zip(pairs, gaps[1:], strict=False):
        pieces += [(f'<span data-ttu-id="{sid}">{target}</span><span class="sxs-lookup">'
                   f'<span data-stu-id="{sid}">{source}</span></span>'), after]
    return "".join(pieces), gaps, pairs


def _interleave(gaps: list[str], texts: list[str]) -> str:
    return gaps[0] + "".join(text + after for text, after in zip(texts, gaps[1:], strict=False))


@pytest.mark.slow
@given(handoffs())
def test_every_segment_and_every_byte_outside_the_markup_survive(case) -> None:
    text, gaps, pairs = case
    segmented = parse(text)
    assert [(s.id, s.target, s.source) for s in segmented.segments] == pairs
    translation = segmented.render(Side.TRANSLATION)
    assert translation == _interleave(gaps, [target for _, target, _ in pairs])
    assert segmented.render(Side.SOURCE) == _interleave(gaps, [source for _, _, source in pairs])
    assert render(text) == translation, "fast path and careful parser disagree"
    assert render(translation) == translation, "not idempotent"
    position = 0
    for _, target, _ in pairs:  # every translation appears, in order
        position = translation.index(target, position) + len(target)


@pytest.mark.slow
@given(handoffs())
def test_segment_positions_point_at_the_opening_tag(case) -> None:
    text, _, _ = case
    for segment in parse(text).segments:
        assert text[segment.start:].startswith(f'<span data-ttu-id="{segment.id}">')
        line_start = text.rfind("\n", 0, segment.start) + 1
        assert segment.line == text.count("\n", 0, segment.start) + 1
        assert segment.column == segment.start - line_start + 1
        assert segment.untranslated == (comparable(segment.target) == comparable(segment.source)
                                        and any(ch.isalpha() for ch in comparable(segment.source)))


TOKENS = ['<span data-ttu-id="a1-1">', '<span data-ttu-id="a1-2">', "</span>", '<span class="sxs-lookup">',
          '<span data-stu-id="a1-1">', '<span data-stu-id="a1-2">', '<span id="x">', "text ", "\n", "<", ">"]


@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
def test_arbitrary_markup_is_resolved_or_rejected_with_a_position(text: str) -> None:
    try:
        output = render(text)
    except MarkupError as error:
        assert error.line is not None and error.column is not None
        assert 1 <= error.line <= text.count("\n") + 1
        return
    assert not has_markup(output)
    assert parse(text).render() == output


FRONT_MATTER = ["---\n", "title: x\n", 'description: "<span data-ttu-id=\\"a1-1\\">y</span>"\n', "a: &a [1]\n",
                "b: *a\n", "ms.openlocfilehash: 0123abcd\n", "\ufeff", "\x00", "\xc3\xa4", "Ã¤ "]


@pytest.mark.slow
@given(st.one_of(st.binary(max_size=200),
                 st.lists(st.sampled_from(TOKENS + FRONT_MATTER), max_size=30).map(lambda parts: "".join(parts)
                                                                                  .encode("utf-8", "surrogatepass")),
                 handoffs().map(lambda case: ("---\ntitle: t\n---\n" + case[0]).encode("utf-8"))))
def test_the_normalizer_returns_clean_text_or_raises_input_error(data: bytes) -> None:
    for with_segments in (False, True):
        try:
            result = normalize_bytes(data, with_segments=with_segments)
        except InputError as error:
            assert str(error)
            continue
        assert not has_markup(result.text)
        source = normalize_bytes(data, side=Side.SOURCE, with_segments=with_segments)
        assert not has_markup(source.text)
