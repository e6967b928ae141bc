"""The notices a page shows, in the reader's language: machine translated, older than the English, not yet
translated, showing the English page; and the "Show the English original" control."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..translations import State, Translation
from .messages import MESSAGES, Messages


@dataclass(frozen=True)
class Notice:
    kind: str
    """machine-translated, stale, untranslated or fallback (also the data-locdocs-notice attribute)."""
    admonition: str
    """Material admonition type: info or warning."""
    title: str
    body: str = ""
    """HTML after the title (already escaped)."""

    def html(self) -> str:
        body = f"<p>{self.body}</p>" if self.body else ""
        return (f'<div class="admonition {self.admonition} locdocs-notice" data-locdocs-notice="{self.kind}" '
                f'role="note"><p class="admonition-title">{escape(self.title)}</p>{body}</div>')


SECTIONS_NAMED = 3
"""Sections named per kind of change; the rest are counted: the notice stays short on long articles."""


def _what_changed(translation: Translation, locale: str, message: Messages = MESSAGES) -> str:
    change = translation.change
    if change is None:
        return message("stale_unknown", locale)
    if not change.text_changed:
        return message("stale_front_matter_only", locale)
    parts = []
    for key, headings in (("stale_added", change.added), ("stale_reworded", change.changed),
                          ("stale_removed", change.removed)):
        if headings:
            named = ", ".join(f"“{heading}”" for heading in headings[:SECTIONS_NAMED])
            if len(headings) > SECTIONS_NAMED:
                named += " " + message("stale_more", locale, count=str(len(headings) - SECTIONS_NAMED))
            parts.append(message(key, locale, sections=named))
    return message("stale_sections", locale, sections="; ".join(parts))


def translation_notices(translation: Translation, locale: str, english_url: str,
                        message: Messages = MESSAGES) -> list[Notice]:
    """Notices for a localized article (not a fallback page), in the site's words (``message``)."""
    if translation.state is State.UNTRANSLATED:
        return [Notice("untranslated", "warning", message("untranslated", locale))]
    notices = []
    if (translation.translation_type or "").upper() == "MT":
        notices.append(Notice("machine-translated", "info", message("machine_translated", locale)))
    if translation.state is State.STALE:
        link = f'<a href="{escape(english_url)}" hreflang="en" lang="en">{escape(message("read_english", locale))}</a>'
        notices.append(Notice("stale", "warning", message("stale", locale),
                              f"{escape(_what_changed(translation, locale, message))} {link}"))
    return notices


def fallback_notice(locale: str, message: Messages = MESSAGES) -> Notice:
    return Notice("fallback", "info", message("fallback", locale))


def originals_control(locale: str, by_structure: bool = False, message: Messages = MESSAGES) -> str:
    """The button that shows the English original of every segment (off by default, keyboard-operable); for
    originals matched by structure, a note that says so."""
    label = escape(message("show_original", locale))
    note = f' <span class="locdocs-originals-note">{escape(message("originals_by_structure", locale))}</span>' \
        if by_structure else ""
    return (f'<p class="locdocs-originals-control"><button type="button" class="md-button locdocs-toggle" '
            f'aria-pressed="false" aria-controls="locdocs-article">{label}</button>{note}</p>')
