"""The translation-status page of each locale, from the rows of ``locdocs status``, in the reader's language."""

from __future__ import annotations

from ..status import StatusRow
from .messages import MESSAGES, Messages


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def status_markdown(rows: list[StatusRow], locale: str, titles: dict[str, str], languages: dict[str, str],
                    message: Messages = MESSAGES) -> str:
    """Markdown of the status page for readers of ``locale``, in the site's words (``message``); ``titles`` maps
    an article path to its title."""
    lines = [f"# {message('status_title', locale)}", "", message("status_intro", locale), "",
             (f"| {message('status_article', locale)} | {message('status_locale', locale)} | "
              f"{message('status_state', locale)} | {message('status_type', locale)} | "
              f"{message('status_handoff', locale)} |"),
             "|---|---|---|---|---|"]
    for row in rows:
        kind = message(f"type_{row.translation_type}", locale) if row.translation_type in ("MT", "HT") else ""
        lines.append(f"| {_cell(titles.get(row.article, row.article))} | {_cell(languages.get(row.locale, row.locale))}"
                     f" | <span data-state=\"{row.state}\">{_cell(message(f'state_{row.state}', locale))}</span>"
                     f" | {kind} | {_cell(row.last_handoff or '')} |")
    return "\n".join(lines) + "\n"
