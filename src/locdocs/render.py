"""Markdown to HTML as the site renders it: the Markdown extensions of the site's mkdocs.yml.

MkDocs renders the pages of a build; ``locdocs check`` renders a translation (and, when it needs to, its English)
with the same extensions, so that what the check says about a page's HTML is what the build publishes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import markdown as python_markdown

if TYPE_CHECKING:
    from .article import Article

_HEADING_ID = re.compile(r"<h[1-6]\b[^>]*?\sid=\"([^\"]*)\"")


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions of a site, with their options (MkDocs' ``markdown_extensions``)."""

    extensions: tuple[Any, ...] = ("toc", "tables", "fenced_code", "attr_list")
    configs: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def of(cls, mkdocs_config: Any) -> MarkdownSetup:
        """The setup of a loaded MkDocs configuration, with what the locdocs plugin adds to it."""
        return cls(tuple(with_plugin_extensions(list(mkdocs_config.markdown_extensions))),
                   dict(mkdocs_config.mdx_configs or {}))


def with_plugin_extensions(extensions: list[Any]) -> list[Any]:
    """The extensions, with attr_list: translated headings get the English anchor as ``{#id}``."""
    if "attr_list" not in extensions:
        extensions.append("attr_list")
    return extensions


class Renderer:
    """Renders Markdown with one setup; the parser is made once and reset between pages."""

    def __init__(self, setup: MarkdownSetup) -> None:
        self.setup = setup
        self._markdown: python_markdown.Markdown | None = None

    def __call__(self, text: str) -> str:
        if self._markdown is None:
            self._markdown = python_markdown.Markdown(extensions=list(self.setup.extensions),
                                                      extension_configs=self.setup.configs)
        return self._markdown.reset().convert(text)


def rendered_heading_ids(article: Article, render: Renderer) -> list[str]:
    """The ids the site gives the article's headings, in order: its ``<a name>`` anchors and ``{#id}``, else what
    the site's toc extension makes of the rendered text (its slugify, ``_1`` for a repeated id), from a document
    of the headings alone. Where that document has other headings than the article (a heading the site would not
    render as one), the anchors and our own slugs."""
    headings = article.headings
    document = "".join(f"{'#' * h.level} {h.text} {{#{h.anchor}}}\n\n" if h.anchor else f"{'#' * h.level} {h.text}\n\n"
                       for h in headings)
    ids = _HEADING_ID.findall(render(document)) if headings else []
    return ids if len(ids) == len(headings) else [h.anchor or h.slug for h in headings]
