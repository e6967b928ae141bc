"""Links to articles that are not part of the content go to ``external_base_url`` instead of nowhere.

``[change the card](billing-how-to-change-credit-card.md)`` in ``billing/article.md`` becomes a link to
``{external_base_url}billing/billing-how-to-change-credit-card`` (``{locale}`` in the base is the page's locale).
``locdocs check`` reports each such link (rule broken-link, as a note once a base URL is set).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..article import resolve_link
from ..layout import external_url
from .markdown_blocks import rewrite_lines

_INLINE_LINK = re.compile(r"(?P<head>!?\[(?:[^\[\]]|\[[^\]]*\])*\]\()(?P<target><[^>\n]*>|[^)\s]+)"
                          r"(?P<rest>(?:\s+\"[^\"]*\")?\))")
_REFERENCE = re.compile(r"^(?P<head>\s{0,3}\[[^\]]+\]:\s*)(?P<target>\S+)(?P<rest>.*)$", re.DOTALL)


def rewrite_external_links(markdown: str, page: PurePosixPath, locale: str, base_url: str,
                           exists: Callable[[PurePosixPath], bool]) -> str:
    """Point relative links to absent ``.md`` articles at ``base_url``; ``page`` is the page's path in its locale."""

    def target_for(target: str) -> str | None:
        parts = urlsplit(target.strip("<>"))
        if parts.scheme or parts.netloc or not parts.path.endswith(".md") or parts.path.startswith("/"):
            return None
        article = resolve_link(page, parts.path)
        if article is None or exists(article):
            return None
        return external_url(base_url, locale, article, parts.fragment)

    def inline(match: re.Match) -> str:
        url = None if match["head"].startswith("!") else target_for(match["target"])  # images stay
        return match.group() if url is None else f"{match['head']}{url}{match['rest']}"

    def rewrite(line: str) -> str:
        if ".md" not in line:  # most lines link to no article: skip the regular expressions
            return line
        reference = _REFERENCE.match(line)
        if reference is not None:
            url = target_for(reference["target"])
            return line if url is None else f"{reference['head']}{url}{reference['rest']}"
        return _INLINE_LINK.sub(inline, line)

    return rewrite_lines(markdown, rewrite) if ".md" in markdown else markdown
