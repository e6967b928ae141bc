"""The theme's navigation sidebar, rendered once per group of sibling pages instead of once per page.

Material renders the whole navigation into every page, so a section of n articles costs n² navigation items: at
1,000 articles this is four fifths of a build. Yet siblings' sidebars differ only in which article is the active
one. So the sidebar is rendered by the theme in full for the first page of each group (pages with the same active
sections and the same base for relative links), the active item is swapped for its plain rendering, and every
other page of the group gets that sidebar with its own item swapped for its active rendering. Both item renderings
come from the theme's own ``render`` macro (``partials/nav-item.html``), so the markup is the theme's.

Correctness is checked, not assumed: the second page of every group is also rendered in full and compared, and at
the first difference (another theme, a changed template) the fast path turns itself off for the rest of the build.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jinja2 import BaseLoader, Environment, TemplateNotFound, pass_context
from mkdocs.plugins import get_plugin_logger

if TYPE_CHECKING:
    from jinja2.runtime import Context
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

NAV_TEMPLATE = "partials/nav.html"
ITEM_TEMPLATE = "partials/nav-item.html"
THEME_NAV_TEMPLATE = "locdocs/theme-nav.html"
"""The theme's own navigation template, under a name of its own."""


class _NavLoader(BaseLoader):
    """Serves ``partials/nav.html`` as a call to the fast path, and the theme's template as THEME_NAV_TEMPLATE."""

    def __init__(self, theme_loader: BaseLoader) -> None:
        self.theme_loader = theme_loader

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template == NAV_TEMPLATE:
            return "{{ locdocs_nav() }}", None, lambda: True
        if template == THEME_NAV_TEMPLATE:
            return self.theme_loader.get_source(environment, NAV_TEMPLATE)
        return self.theme_loader.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self.theme_loader.list_templates()


@dataclass(frozen=True)
class _Stub:
    """Stands in for the current page when an item must render as not active: same URL, equal to no item."""

    url: str


_FIRST = "\0locdocs-first-item\0"
"""Where a group's first page's item goes in the group's sidebar."""


def _link_base(url: str) -> str:
    """The folder relative links of a page at ``url`` are computed from (MkDocs' get_relative_url)."""
    return url if url == "" or url.endswith("/") else posixpath.dirname(url) + "/"


class FastNav:
    """Installs itself into a build's Jinja environment; one instance per build."""

    def __init__(self, env: Environment, pages: Iterable[Page]) -> None:
        theme_loader = env.loader
        if theme_loader is None:
            self.enabled = False  # a theme without templates has no sidebar to draw
            return
        try:
            theme_loader.get_source(env, NAV_TEMPLATE)
            theme_loader.get_source(env, ITEM_TEMPLATE)
        except TemplateNotFound:
            self.enabled = False  # not a Material-like theme: leave it alone
            return
        self.enabled = True
        self.env = env
        env.loader = _NavLoader(theme_loader)
        if env.cache is not None:
            env.cache.clear()  # templates loaded before now would keep the theme's sidebar
        # A lambda, not the bound method: pass_context marks the function with an attribute, which a method refuses.
        env.globals["locdocs_nav"] = pass_context(lambda context: self.render(context))  # noqa: PLW0108
        # A page with pages below its URL links to them differently from its siblings: it renders in full.
        self.parents = _pages_with_children([page.url for page in pages])
        self.groups: dict[tuple, tuple[str, Page] | None] = {}
        """Per group: its sidebar with a placeholder (_FIRST) for its first page's item, and that page; None where
        the fast path does not apply."""
        self.checked: set[tuple] = set()
        self.drawn_from_group = 0
        """How many sidebars came from their group's (the others were rendered in full)."""

    def render(self, context: Context) -> str:
        page = context.get("page")
        if not self.enabled or getattr(page, "url", None) is None or page.url in self.parents:
            return self._full(context)
        key = (tuple(id(ancestor) for ancestor in page.ancestors), _group_folder(page.url))
        if key not in self.groups:
            html = self._full(context)
            active = self._item(context, page, current=page)
            # Not found once (a section's index page is drawn by its section, not as an item): render in full.
            self.groups[key] = (html.replace(active, _FIRST), page) if html.count(active) == 1 else None
            return html
        drawn = self.groups[key]
        if drawn is None:
            return self._full(context)
        group, first = drawn
        # A page's link to itself is "./", to a sibling "../sibling/": the first page's item is drawn as seen from
        # this page, and this page's item was drawn in the group as seen from the first page.
        as_in_group = self._item(context, page, current=_Stub(first.url))
        if group.count(as_in_group) != 1:
            return self._full(context)
        html = group.replace(as_in_group, self._item(context, page, current=page))
        html = html.replace(_FIRST, self._item(context, first, current=_Stub(page.url)))
        if key not in self.checked:
            self.checked.add(key)
            full = self._full(context)
            if full != html:
                self.enabled = False
                log.info(f"navigation rendered in full from {page.url!r} on: the fast path's sidebar differs "
                         "from the theme's")
                return full
        self.drawn_from_group += 1
        return html

    def _full(self, context: Context) -> str:
        return self.env.get_template(THEME_NAV_TEMPLATE).render(context.get_all())

    def _item(self, context: Context, item: Page, *, current: Page | _Stub) -> str:
        """The theme's rendering of ``item``'s navigation entry on the page ``current``: active if it is the item,
        else plain (the item's own class says whether it is active; its ancestors are not drawn here)."""
        module = self.env.get_template(ITEM_TEMPLATE).make_module(vars={**context.get_all(), "page": current})
        render = module.render  # type: ignore[attr-defined]  # a template's macros: attributes set at run time
        if current is item or not item.active:
            return str(render(item, "", 1))
        item.active = False  # MkDocs passes this on to the item's ancestors: setting it back restores them
        try:
            return str(render(item, "", 1))
        finally:
            item.active = True


def _group_folder(url: str) -> str:
    """Pages whose relative links are the same: "a/b/*" for the directory URLs a/b/x/, "a/b/" for a/b/x.html."""
    return posixpath.dirname(url[:-1]) + "/*" if url.endswith("/") else _link_base(url)


def _pages_with_children(urls: list[str]) -> set[str]:
    """URLs (directory-style) below which other pages sit, and the home page: linear in the number of pages."""
    prefixes = set()
    for url in urls:
        parts = url.rstrip("/").split("/")
        for end in range(1, len(parts)):
            prefixes.add("/".join(parts[:end]) + "/")
    return {url for url in urls if url == "" or (_link_base(url) in prefixes and url.endswith("/"))}
