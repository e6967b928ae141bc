"""``locdocs status``: per article and locale, is the translation current, stale, untranslated or missing?

The same rows feed the terminal table, the JSON output and the site's translation-status page.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .translations import Site, State


@dataclass(frozen=True)
class StatusRow:
    """The state of one article in one locale."""

    article: str
    """Path inside the locale folder, such as ``billing/article.md``."""
    locale: str
    state: str
    """current, stale, untranslated, missing or unknown."""
    translation_type: str | None
    """MT (machine) or HT (human)."""
    last_handoff: str | None
    english_revision: str | None
    """The ms.openlocfilehash the translation was made from."""
    detail: str
    """What changed in the English since (stale), or the untranslated share."""


def collect_status(site: Site) -> list[StatusRow]:
    rows = []
    for rel in site.english_articles():
        if site.excluded(rel):
            continue
        for locale in site.translation_locales:
            file = site.files.get((locale, rel))
            if file is None:
                rows.append(StatusRow(rel.as_posix(), locale, State.MISSING.value, None, None, None,
                                      "readers get the English page"))
                continue
            translation = site.translation(file)
            detail = ""
            if translation.state is State.STALE:
                detail = (translation.change.describe() if translation.change
                          else "its English revision is not in the git history")
            elif translation.untranslated_share is not None and translation.untranslated_share > 0:
                detail = f"{translation.untranslated_share:.0%} of the {translation.untranslated_basis} in English"
            rows.append(StatusRow(rel.as_posix(), locale, translation.state.value, translation.translation_type,
                                  translation.last_handoff,
                                  str(file.front_matter.get("ms.openlocfilehash") or "") or None, detail))
    return rows


def status_json(rows: list[StatusRow]) -> str:
    return json.dumps({"articles": [asdict(row) for row in rows]}, ensure_ascii=False, indent=2) + "\n"


_STYLE = {"current": "green", "stale": "yellow", "untranslated": "magenta", "missing": "red", "unknown": "red"}


def status_table(rows: list[StatusRow]):
    """A rich Table of the rows, for the terminal."""
    from rich.table import Table

    table = Table(title="Translation status")
    for column in ("Article", "Locale", "State", "Type", "Last handoff", "Detail"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.article, row.locale, f"[{_STYLE[row.state]}]{row.state}[/]", row.translation_type or "",
                      row.last_handoff or "", row.detail)
    return table
