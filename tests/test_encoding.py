"""Decoding and mojibake repair: UTF-8 only, a BOM accepted, every repair reported."""

from __future__ import annotations

import codecs

import pytest

from locdocs.encoding import decode, repair_mojibake
from locdocs.errors import EncodingError
from locdocs.normalize import normalize_bytes
from shared_data import corpus_files, seed_files


def test_bom_is_accepted_and_reported() -> None:
    decoded = decode(codecs.BOM_UTF8 + b"# Hej\n")
    assert decoded.text == "# Hej\n" and decoded.had_bom
    assert not decode(b"# Hej\n").had_bom


@pytest.mark.parametrize(("data", "expected"), [
    ("# Hej\n".encode("utf-16"), "<input>:1:1: UTF-16 input is not supported: convert the file to UTF-8"),
    ("# Hej\n".encode("utf-16-le"), "<input>:1:2: NUL byte: not a text file (UTF-16 without a BOM?)"),
    (b"# ok\nline two \xe9t\xe9\n", ("<input>:2:10: invalid UTF-8 byte sequence b'\\xe9t\\xe9\\n': "
                                     "the file must be UTF-8")),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "<input>:3:1: NUL byte: not a text file (binary data?)"),
])
def test_non_utf8_input_is_an_error_with_a_position(data: bytes, expected: str) -> None:
    with pytest.raises(EncodingError) as caught:
        decode(data)
    assert str(caught.value) == expected


def test_mojibake_repairs_are_reported_by_line_and_word() -> None:
    text = "rad ett\nDe service wordt beÃ«indigd. Het kost â‚¬5 per maand.\nrad tre Ã¥r\n"
    fixed, repairs = repair_mojibake(text)
    assert fixed == "rad ett\nDe service wordt beëindigd. Het kost €5 per maand.\nrad tre år\n"
    assert [(r.line, r.before, r.after) for r in repairs] == [
        (2, "beÃ«indigd. Het kost â‚¬5", "beëindigd. Het kost €5"), (3, "Ã¥r", "år")]


@pytest.mark.shared
def test_correct_text_is_never_repaired() -> None:
    """No false repairs on any real file: French, Swedish, Dutch, German, Chinese, with typographic spaces."""
    for path in corpus_files() + seed_files():
        text = path.read_bytes().decode("utf-8-sig")
        fixed, repairs = repair_mojibake(text)
        if path.name.startswith("003_"):
            assert len(repairs) == 1
        else:
            assert (fixed, repairs) == (text, []), path


def test_normalize_keeps_a_bom_and_line_endings() -> None:
    data = codecs.BOM_UTF8 + b"a\r\nb\r\n"
    result = normalize_bytes(data)
    assert result.had_bom and result.text.encode("utf-8") == data
