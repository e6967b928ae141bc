"""The leverage report: per article, how many segments and words are new, fuzzy, exact or already done.

It is what a vendor's quote is based on: new words cost the full rate, fuzzy matches a reduced one, exact
matches a review at most, and current translations nothing. Words are counted in the English as a CAT tool
counts them, and as the export file's word counts say (``inline.word_count``): inline codes (tags, link targets,
code spans) are not words. The same rows make the terminal table and the JSON for scripts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .inline import word_count
from .plan import ArticleExport
from .segmenter import SourceSegment
from .units import ExportUnit, Match

if TYPE_CHECKING:
    from rich.table import Table

CATEGORIES = ("new", "fuzzy", "exact", "done")
FUZZY_BANDS = ((95, 99), (85, 94), (75, 84), (50, 74))
"""The usual bands of a vendor's fuzzy rates, in percent similarity."""


def segment_words(segment: SourceSegment) -> int:
    return word_count(segment.text, plain=segment.kind == "front-matter")


@dataclass(frozen=True)
class Tally:
    segments: int = 0
    words: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.segments + other.segments, self.words + other.words)


@dataclass(frozen=True)
class ReportRow:
    """One article of one locale."""

    article: str
    locale: str
    state: str
    """The state of its translation: missing, stale, untranslated, unknown, current."""
    exported: bool
    tallies: dict[str, Tally]
    """By category: new, fuzzy, exact, done."""
    fuzzy_bands: dict[str, Tally]


def _tally(segments: Sequence[SourceSegment]) -> Tally:
    return Tally(len(segments), sum(segment_words(segment) for segment in segments))


def report_row(article: ArticleExport) -> ReportRow:
    """The row of an article: its units by match, or (not exported) its English segments as already done."""
    units = article.units
    tallies = {category.value: _tally([unit.segment for unit in units if unit.match is category])
               for category in Match}
    tallies["done"] = Tally() if article.exported else _tally(article.segments)
    bands = {f"{low}-{high}": _tally([unit.segment for unit in units if unit.match is Match.FUZZY
                                      and low <= _percent(unit) <= high]) for low, high in FUZZY_BANDS}
    return ReportRow(article.rel.as_posix(), article.locale, article.state.value, article.exported,
                     {category: tallies[category] for category in CATEGORIES}, bands)


def _percent(unit: ExportUnit) -> int:
    """A fuzzy match's similarity as the whole percentage CAT tools show: never 100, which is an exact match."""
    return min(99, int((unit.similarity or 0) * 100))


def totals(rows: Sequence[ReportRow]) -> dict[str, Tally]:
    result = {category: Tally() for category in CATEGORIES}
    for row in rows:
        for category in CATEGORIES:
            result[category] = result[category] + row.tallies[category]
    return result


def report_json(rows: Sequence[ReportRow]) -> str:
    def tallies(values: dict[str, Tally]) -> dict[str, dict[str, int]]:
        return {name: {"segments": tally.segments, "words": tally.words} for name, tally in values.items()}

    return json.dumps({
        "articles": [{"article": row.article, "locale": row.locale, "state": row.state, "exported": row.exported,
                      **tallies(row.tallies), "fuzzy_bands": tallies(row.fuzzy_bands)} for row in rows],
        "total": tallies(totals(rows)),
    }, ensure_ascii=False, indent=2) + "\n"


def report_table(rows: Sequence[ReportRow]) -> Table:
    """A rich Table: words (and segments) per category, one row per article, and the totals."""
    from rich.table import Table

    table = Table(title="Leverage: words (segments)")
    for column in ("Article", "Locale", "State"):
        table.add_column(column, overflow="fold")
    for category in CATEGORIES:
        table.add_column(category.capitalize(), justify="right")
    for row in rows:
        table.add_row(row.article, row.locale, row.state, *(_cell(row.tallies[c]) for c in CATEGORIES))
    total = totals(rows)
    table.add_section()
    table.add_row("Total", "", "", *(_cell(total[c]) for c in CATEGORIES))
    return table


def _cell(tally: Tally) -> str:
    return f"{tally.words} ({tally.segments})" if tally.segments else "-"
