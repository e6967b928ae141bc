"""The ``locdocs`` MkDocs plugin: runs the same checks as ``locdocs check`` during ``mkdocs build``.

Findings are logged at the level configured for their rule, so ``mkdocs build --strict`` fails on warnings and
errors, as with MkDocs' own ``validation`` options::

    plugins:
      - locdocs:
          rules:
            stale_translation: warn     # error | warn | info | ignore
            missing_translation: info
          untranslated_threshold: 0.5
          exclude: [index.md]
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from .check import run_check
from .config import RULES, Config, Severity, config_from_options
from .errors import LocdocsError

log = get_plugin_logger(__name__)

_LEVELS = ("error", "warn", "info", "ignore")
_CONFIG_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warn", Severity.INFO: "info", Severity.IGNORE: "ignore"}


class RulesConfig(base.Config):
    """One option per rule: the level its findings are logged at."""

    leftover_markup = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["leftover-markup"].severity])
    front_matter_invalid = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["front-matter-invalid"].severity])
    front_matter_mismatch = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["front-matter-mismatch"].severity])
    anchor_mismatch = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["anchor-mismatch"].severity])
    stale_translation = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["stale-translation"].severity])
    untranslated = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["untranslated"].severity])
    missing_translation = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["missing-translation"].severity])
    orphan_translation = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["orphan-translation"].severity])
    broken_link = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["broken-link"].severity])
    unsafe_content = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["unsafe-content"].severity])
    encoding = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["encoding"].severity])


class LocdocsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it."""
    rules = c.SubConfig(RulesConfig)
    """The level of each rule's findings."""
    untranslated_threshold = c.Type(float, default=0.5)
    """Share of segments or paragraphs still in English above which an article counts as untranslated."""
    required_locale_keys = c.ListOfItems(c.Type(str), default=list(Config.required_locale_keys))
    """Front matter keys every translation must have."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (inside a locale folder) of site pages that are not translations, such as index.md."""
    l10n_dir = c.Type(str, default="l10n")
    """Where ``locdocs ingest`` keeps the XLIFF segment files, relative to mkdocs.yml."""
    external_base_url = c.Optional(c.Type(str))
    """Base URL for links to articles that are not part of the content."""


def _i18n_locales(config) -> tuple[str, tuple[str, ...]]:
    """The default locale and every locale of the static-i18n plugin, if it is used."""
    i18n = config.plugins.get("i18n")
    languages = getattr(getattr(i18n, "config", None), "languages", None) or []
    locales = tuple(language.locale for language in languages)
    default = next((language.locale for language in languages if language.default), "en")
    return default, locales


class LocdocsPlugin(BasePlugin[LocdocsConfig]):
    def __init__(self) -> None:
        self._checked: tuple | None = None

    def on_pre_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        docs_dir = Path(config.docs_dir)
        # static-i18n runs one build per locale: check the docs once per change, not once per locale.
        fingerprint = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(docs_dir.rglob("*.md")))
        if fingerprint == self._checked:
            return
        self._checked = fingerprint
        default, locales = _i18n_locales(config)
        options = dict(self.config)
        options.pop("enabled")
        options["rules"] = dict(options["rules"])
        try:
            check_config = config_from_options(options, docs_dir=docs_dir,
                                               base=Path(config.config_file_path or ".").parent,
                                               default_locale=default, locales=locales)
            findings = run_check(check_config)
        except LocdocsError as error:
            raise PluginError(f"locdocs: {error}") from error
        for finding in findings:
            if finding.severity is Severity.ERROR:
                log.error(str(finding))
            elif finding.severity is Severity.WARNING:
                log.warning(str(finding))
            else:
                log.info(str(finding))
