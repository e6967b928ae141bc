"""The normalizer on real handoffs: the seeds, and the corpus with Microsoft's own clean output as the oracle."""

from __future__ import annotations

import re

import pytest

from locdocs.normalize import normalize_bytes
from locdocs.segments import Side, has_markup, parse
from shared_data import CORPUS, GOLDEN, SEEDS, SEEDS_WITH_SPANS, corpus_files, corpus_pairs

pytestmark = pytest.mark.shared

ANCHOR = re.compile(r'<a name="[^"]*"></a>')


def _body(text: str) -> str:
    """The article after its front matter."""
    return text.split("\n---\n", 1)[1]


@pytest.mark.parametrize(("seed", "english"), SEEDS_WITH_SPANS.items())
def test_source_side_reproduces_the_english_body(seed: str, english: str) -> None:
    source = normalize_bytes((SEEDS / seed).read_bytes(), side=Side.SOURCE).text
    english_text = (SEEDS / "en" / english).read_bytes().decode("utf-8")
    assert ANCHOR.search(source), "the localization step's anchors should still be there"
    assert ANCHOR.sub("", _body(source)) == _body(english_text)


def test_seed_segments_and_untranslated_counts() -> None:
    dutch_2018 = normalize_bytes((SEEDS / "001_bfce40a1323c09cc.txt").read_bytes(), with_segments=True)
    assert len(dutch_2018.segments) == 24
    assert dutch_2018.untranslated == 24, "every 'translation' of seed 001 is still English"
    dutch_2017 = normalize_bytes((SEEDS / "003_ceff8272707b582a.txt").read_bytes(), with_segments=True)
    assert len(dutch_2017.segments) == 21
    assert dutch_2017.untranslated == 0
    first = dutch_2017.segments[0]
    assert (first.id, first.line, first.column) == ("97fb2-103", 24, 70)
    assert first.target == "Los vervallen verdelen voor uw Azure-abonnement"
    assert first.source == "Resolve past due balance for your Azure subscription"


def test_seed_mojibake_is_repaired_and_reported() -> None:
    result = normalize_bytes((SEEDS / "003_ceff8272707b582a.txt").read_bytes())
    assert [(r.line, r.before, r.after) for r in result.repairs] == [(32, "beÃ«indigd", "beëindigd")]
    assert "beëindigd" in result.text and "Ã" not in result.text
    unrepaired = normalize_bytes((SEEDS / "003_ceff8272707b582a.txt").read_bytes(), repair=False)
    assert "beÃ«indigd" in unrepaired.text and not unrepaired.repairs


def _rewrap(text: str) -> str:
    """Put the markup back around each segment: equal to the input only if the parser lost nothing."""
    segmented = parse(text)
    pieces, last = [], 0
    for s in segmented.segments:
        pieces += [text[last:s.start], (f'<span data-ttu-id="{s.id}">{s.target}</span><span class="sxs-lookup">'
                   f'<span data-stu-id="{s.id}">{s.source}</span></span>')]
        last = s.end
    return "".join([*pieces, text[last:]])


def test_whole_corpus_normalizes_with_no_markup_left_and_nothing_lost() -> None:
    files = corpus_files()
    assert len(files) == 351
    with_spans = 0
    for path in files:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
        for side in Side:
            result = normalize_bytes(data, side=side, with_segments=True)
            assert not has_markup(result.text), path
            assert not re.search(r"data-[ts]tu-id|sxs-lookup", result.text), path
            assert normalize_bytes(data, side=side).text == result.text, f"fast path differs: {path}"
        if result.segments:
            with_spans += 1
            assert _rewrap(text) == text, f"parser lost bytes: {path}"
            position = 0
            translated = normalize_bytes(data).text
            for segment in result.segments:  # every translation appears, in order
                position = translated.index(segment.target, position) + len(segment.target)
        else:
            assert result.text == text, f"a file without markup changed: {path}"
    assert with_spans == 148


# The plain regular-expression replacement the issue measures us against.
PLAIN_REGEX = re.compile(r'<span data-ttu-id="[^"]*">(.*?)</span><span class="sxs-lookup">'
                         r'<span data-stu-id="[^"]*">.*?</span></span>')


def test_fidelity_against_microsofts_clean_files_beats_a_plain_regex() -> None:
    pairs = corpus_pairs()
    assert len(pairs) == 148
    ours = sum(normalize_bytes(span.read_bytes()).text.encode("utf-8") == clean.read_bytes()
               for span, clean in pairs)
    regex = sum(PLAIN_REGEX.sub(r"\1", span.read_bytes().decode("utf-8")).encode("utf-8") == clean.read_bytes()
                for span, clean in pairs)
    print(f"byte-identical to Microsoft's clean files: locdocs {ours}/{len(pairs)}, plain regex {regex}/{len(pairs)}")
    assert ours >= regex
    assert ours / len(pairs) >= 0.84


def test_files_known_identical_to_microsofts_output_stay_identical() -> None:
    listed = [line for line in (GOLDEN / "corpus-identical.txt").read_text("utf-8").splitlines()
              if line and not line.startswith("#")]
    assert len(listed) == 125
    for relative in listed:
        span = CORPUS / relative
        clean = CORPUS / relative.replace("__live-sxs", "", 1)
        assert normalize_bytes(span.read_bytes()).text.encode("utf-8") == clean.read_bytes(), relative
