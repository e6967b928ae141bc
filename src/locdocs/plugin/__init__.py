"""The ``locdocs`` MkDocs plugin: the same checks as ``locdocs check`` during ``mkdocs build``, and the site's
reader-facing features (``locdocs.site``): heading anchors, truthful notices, English originals, per-locale search,
honest hreflang and sitemap, the translation-status page, links outside the content.

The hooks are short: the work of one build is a ``SiteBuild`` (site_build.py); a build unit of ``locdocs build``
(one locale of one version, without static-i18n) adds a ``UnitLayout`` (unit.py), set by the unit's process.
Findings are logged at the level configured for their rule, so ``mkdocs build --strict`` fails on warnings and
errors, as with MkDocs' own ``validation`` options. The options are in options.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from ..check.background import BackgroundCheck
from ..config import Severity
from ..errors import LocdocsError
from ..fileio import files_below, files_out_of, is_markdown
from ..render import with_plugin_extensions
from ..site.language import theme_language, theme_languages
from ..site.messages import MESSAGES
from .fast_nav import FastNav
from .options import PluginOptions
from .site_build import SCRIPT, STYLESHEET, SiteBuild, add_templates, build_config
from .unit import UnitLayout

log = get_plugin_logger(__name__)


class LocdocsPlugin(BasePlugin[PluginOptions]):
    def __init__(self) -> None:
        self.unit: UnitLayout | None = None
        """Set by a build unit's process (publish.unit_build): build one locale, without static-i18n."""
        self.build: SiteBuild | None = None
        self._fingerprint: tuple | None = None
        self._check: BackgroundCheck | None = None
        """The check of the docs running beside the build, whose findings are logged when the build ends."""
        self._permalink_titles: set[str] = set()
        """The permalink titles this plugin set (in mkdocs.yml's toc options), one per locale built."""

    def _locale(self, config: Any) -> str:
        """The locale being built: a unit's own, or the one static-i18n is building (one after the other)."""
        if self.unit is not None:
            return self.unit.locale
        i18n = config.plugins.get("i18n")
        default = self.build.default_locale if self.build is not None else "en"
        return getattr(i18n, "current_language", None) or default

    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
        for target, asset in ((config.extra_css, STYLESHEET), (config.extra_javascript, SCRIPT)):
            if f"assets/locdocs/{asset}" not in target:
                target.append(f"assets/locdocs/{asset}")
        with_plugin_extensions(config.markdown_extensions)
        add_templates(config.theme)
        if self.unit is not None:
            self.unit.configure(config)
        return config

    def on_pre_build(self, *, config: Any) -> None:
        if not self.config.enabled:
            return
        from ..site.search_index import use_fast_search_index  # here: it imports Material's search plugin

        use_fast_search_index(config)  # Material's search index, built without a second html.parser pass
        if config.theme.name == "material" and config.theme.get("language") not in theme_languages():
            # static-i18n gives the theme the locale (pt-PT): the theme's own language that fits it (pt).
            config.theme["language"] = theme_language(config.theme["language"])
        if not getattr(config.plugins.get("i18n"), "building", False) and self.build is not None:
            self.build.pages.clear()  # a new build of every locale (mkdocs serve rebuilds)
        self._check_docs(config)
        self._permalink_title(config)

    def _check_docs(self, config: Any) -> None:
        """Read the docs and start their check, whose findings the end of the build logs: once per change of the
        docs, not once per locale (static-i18n runs one build per locale)."""
        if self.unit is None:  # a unit builds once; mkdocs serve builds again after each change
            fingerprint = tuple(sorted((rel, entry.stat().st_mtime_ns)
                                       for rel, entry in files_below(Path(config.docs_dir)).items()
                                       if is_markdown(rel)))
            if fingerprint == self._fingerprint:
                return
            self._fingerprint = fingerprint
        try:
            languages = self.unit.spec.languages if self.unit is not None else None
            docs_config = build_config(config, self.config, self.unit)
            self.build = SiteBuild(docs_config, languages or docs_config.layout.languages, self.unit)
            self._check = self.build.start_check()
        except LocdocsError as error:
            raise PluginError(f"locdocs: {error}") from error
        for line in self.build.missing_messages():  # locdocs build says it once for all its units
            (log.info if self.unit is not None else log.warning)(line)

    def _log_findings(self) -> None:
        """The findings of the check started with the build, once (before MkDocs counts the warnings: --strict)."""
        check, self._check = self._check, None
        if check is None:
            return
        try:
            findings = check.findings()
        except LocdocsError as error:
            raise PluginError(f"locdocs: {error}") from error
        for finding in findings:
            if finding.severity is Severity.ERROR:
                log.error(str(finding))
            elif finding.severity is Severity.WARNING:
                log.warning(str(finding))
            else:
                log.info(str(finding))

    def _permalink_title(self, config: Any) -> None:
        """The title of the toc extension's link after each heading in the locale being built (Python-Markdown
        says "Permanent link"), unless the site chose its own."""
        toc = config.mdx_configs.get("toc")
        if not isinstance(toc, dict) or not toc.get("permalink"):
            return
        if toc.get("permalink_title") not in (None, *self._permalink_titles):
            return  # the site's own
        say = self.build.messages if self.build is not None else MESSAGES
        title = say("permalink_title", self._locale(config))
        self._permalink_titles.add(title)
        toc["permalink_title"] = title

    @event_priority(-110)  # after static-i18n has chosen this locale's files: ours are added to them
    def on_files(self, files: Files, *, config: Any) -> Files:
        if not self.config.enabled or self.build is None:
            return files
        docs_dir = Path(config.docs_dir)
        by_path = {Path(file.abs_src_path): file for file in files if file.abs_src_path}
        for path in files_out_of(by_path, docs_dir):  # reported by the check (rule unsafe-content)
            files.remove(by_path[path])
            if self.unit is not None:  # a unit is not checked on its own: say it here
                log.warning(f"{by_path[path].src_uri}: symbolic link to a file outside the docs folder: "
                            "not published")
        if self.unit is not None:
            files = self.unit.files(files, config)
        return self.build.add_files(files, config, self._locale(config))

    @event_priority(-110)  # the navigation as every other plugin left it
    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        if self.config.enabled and self.unit is not None and self.build is not None:
            pages = [file.page for file in files.documentation_pages() if file.page is not None]
            build, locale = self.build, self.unit.locale
            reuse = self.unit.plan_reuse(pages, nav.items, config, build.page_inputs,
                                         lambda page: build.shown_meta(page, locale))
            if reuse is not None and reuse.reused:
                log.info(f"{len(reuse.reused)} of {len(reuse.pages)} pages reused from earlier outputs")
            if reuse is not None and reuse.elsewhere:
                log.info(f"{len(reuse.elsewhere)} of {len(reuse.pages)} pages left to the unit's other parts")
        return nav

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        if not self.config.enabled or self.build is None:
            return markdown
        return self.build.page_markdown(markdown, page, self._locale(config))

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """``locdocs_message(key)`` for templates (site/templates/), in the locale being built."""
        if self.config.enabled and self.unit is not None:
            self.unit.cache_templates(env)  # first: before any template is compiled
        say = self.build.messages if self.build is not None else MESSAGES
        env.globals["locdocs_message"] = lambda key: say(key, self._locale(config))
        if self.config.enabled and self.config.fast_nav:
            FastNav(env, [file.page for file in files.documentation_pages() if file.page is not None])
        if self.config.enabled and self.unit is not None:
            self.unit.pages_rendered()
        return env

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if self.config.enabled and self.unit is not None:
            config.extra["alternate"] = self.unit.alternates(page.file.src_uri)
        return context

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        if not self.config.enabled or self.build is None:
            return html
        return self.build.page_content(html, page, self._locale(config))

    def on_template_context(self, context: Any, *, template_name: str, config: Any) -> Any:
        if self.config.enabled and self.build is not None:
            self.build.template_context(template_name, config)
        return context

    def on_post_template(self, output: str, *, template_name: str, config: Any) -> str:
        if not self.config.enabled or self.build is None:
            return output
        return self.build.post_template(output, template_name, self._locale(config), config)

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if not self.config.enabled or self.build is None:
            return output
        if self.unit is not None:
            self.unit.rendered(page)
        return self.build.post_page(output, page, self._locale(config), config.site_url)

    @event_priority(-110)  # after static-i18n has built every locale and merged their search entries
    def on_post_build(self, *, config: Any) -> None:
        if not self.config.enabled or self.build is None:
            return
        # Logged at the end of the first locale's build to end: with --strict, MkDocs stops after a locale build
        # that logged a warning, before static-i18n builds the next one or this hook runs for the whole site.
        self._log_findings()
        if getattr(config.plugins.get("i18n"), "building", False):
            return
        if self.unit is not None:
            self.unit.finish(Path(config.site_dir))
        self.build.post_build(Path(config.site_dir), config.site_url)
