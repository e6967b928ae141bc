"""The configuration, declared once: the rules, the ``locdocs`` plugin's options, and how mkdocs.yml is read.

The rules (``RULES``) carry their default severities; the plugin's options (``plugin.options.PluginOptions``, a
MkDocs config schema) are generated from them, one ``rules:`` option per rule. Every reader of mkdocs.yml (the CLI,
``locdocs build``, the plugin) goes through MkDocs' own config loading, so ``!ENV``, ``!!python/name:`` and
``INHERIT`` work as in ``mkdocs build``, and the options are validated by the same schema everywhere::

    plugins:
      - locdocs:
          rules:
            stale_translation: warn     # error | warn | info | ignore
          untranslated_threshold: 0.5
          exclude: [index.md]
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .errors import UsageError
from .layout import Language, Layout
from .render import MarkdownSetup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .plugin.options import PluginOptions

log = logging.getLogger(__name__)


class Severity(str, Enum):
    """How much a finding matters. ``ignore`` turns a rule off."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    IGNORE = "ignore"

    @classmethod
    def parse(cls, value: str) -> Severity:
        value = {"warn": "warning"}.get(str(value).lower(), str(value).lower())
        try:
            return cls(value)
        except ValueError:
            raise UsageError(f"unknown severity {value!r}: use error, warn, info or ignore") from None

    @property
    def level(self) -> str:
        """The word mkdocs.yml uses for it (MkDocs' own ``validation`` options say ``warn``)."""
        return "warn" if self is Severity.WARNING else self.value


LEVELS = ("error", "warn", "info", "ignore")


@dataclass(frozen=True)
class Rule:
    id: str
    """Stable id, such as ``stale-translation``."""
    severity: Severity
    """The default severity."""
    summary: str

    @property
    def option(self) -> str:
        """Its name under ``rules:`` in mkdocs.yml: ``stale_translation``."""
        return self.id.replace("-", "_")


RULES: dict[str, Rule] = {rule.id: rule for rule in (
    Rule("leftover-markup", Severity.ERROR, "span or sxs-lookup markup left in an article"),
    Rule("front-matter-invalid", Severity.ERROR, "front matter missing, unparseable, not a mapping, duplicate keys"),
    Rule("front-matter-mismatch", Severity.ERROR,
         "a key owned by the English source differs from it, ms.contentlocale does not match the folder, "
         "or a required locale key is missing"),
    Rule("anchor-mismatch", Severity.ERROR,
         "heading anchors differ from the English revision's heading slugs, are missing or duplicated"),
    Rule("stale-translation", Severity.WARNING,
         "ms.openlocfilehash does not name the current English file"),
    Rule("untranslated", Severity.WARNING, "too many segments or paragraphs still identical to the English"),
    Rule("missing-translation", Severity.INFO, "an English article has no translation in a locale"),
    Rule("orphan-translation", Severity.ERROR, "a localized article has no English source"),
    Rule("broken-link", Severity.ERROR, "a relative link or #fragment that resolves nowhere"),
    Rule("unsafe-content", Severity.ERROR,
         "active content, markup or links to other hosts in a translation that its English article does not have: "
         "the build removes them"),
    Rule("encoding", Severity.ERROR, "invalid UTF-8 (error), mojibake left or a BOM (warning)"),
)}

# Front matter keys that only a localized file has; title, description and keywords are translated (Microsoft's
# pipeline translates keywords too); the rest belong to the English source and must match the revision the
# translation was made from.
LOCALE_KEYS = ("ms.openlocfilehash", "ms.sourcegitcommit", "ms.translationtype", "ms.contentlocale",
               "ms.lasthandoff", "ms.locfileid")
TRANSLATED_KEYS = ("title", "description", "keywords")
REQUIRED_LOCALE_KEYS = ("ms.contentlocale", "ms.openlocfilehash", "ms.translationtype")
DEFAULT_HANDOFF_LIST = "content/handoffs.tsv"
DEFAULT_VERSIONS_FILE = "versions.yml"
"""Optional: without it, ``locdocs build`` publishes one version (a configured ``versions_file`` must exist)."""


@dataclass(frozen=True)
class Config:
    """Everything ``check``, ``status`` and the site's pages need to know about a repository."""

    layout: Layout = field(default_factory=Layout)
    severities: dict[str, Severity] = field(default_factory=lambda: {r: RULES[r].severity for r in RULES})
    untranslated_threshold: float = 0.5
    """Share of segments (or paragraphs) identical to English above which a translation counts as untranslated."""
    required_locale_keys: tuple[str, ...] = REQUIRED_LOCALE_KEYS
    exclude: tuple[str, ...] = ()
    """Glob patterns of paths inside a locale folder that are site pages, not translations (e.g. index.md)."""
    external_base_url: str | None = None
    """Base URL for links to articles that are not part of the content."""
    title_suffix: re.Pattern | None = None
    """Removed from the end of page titles (a source system's `` | Microsoft Docs``)."""
    english_originals: bool = True
    """Offer the English original of each segment (or paragraph) on machine-translated pages."""
    allowed_hosts: tuple[str, ...] = ()
    """Hosts a translation may link to (or show images from) though its English article does not."""
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    """The site's own reader messages: locale -> key -> text (site.messages.Messages)."""
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)
    """How the site renders Markdown: the check renders translations the same way."""

    def severity(self, rule: str) -> Severity:
        return self.severities[rule]

    def with_severities(self, overrides: dict[str, str]) -> Config:
        severities = dict(self.severities)
        for rule, value in overrides.items():
            rule_id = rule.replace("_", "-")
            if rule_id not in RULES:
                raise UsageError(f"unknown rule {rule!r}; rules are: {', '.join(RULES)}")
            severities[rule_id] = Severity.parse(value)
        return replace(self, severities=severities)

    @classmethod
    def from_options(cls, options: PluginOptions, layout: Layout, markdown: MarkdownSetup | None = None) -> Config:
        """The configuration of a repository whose plugin options (validated), layout and Markdown are these."""
        try:
            title_suffix = re.compile(f"(?:{options.title_suffix})$") if options.title_suffix else None
        except re.error as error:
            raise UsageError(f"locdocs option title_suffix {options.title_suffix!r}: {error}") from None
        hosts = list(options.allowed_hosts)
        if options.external_base_url and (host := urlsplit(options.external_base_url).hostname):
            hosts.append(host)  # where links to articles outside the content go
        config = cls(layout=layout, untranslated_threshold=float(options.untranslated_threshold),
                     required_locale_keys=tuple(options.required_locale_keys), exclude=tuple(options.exclude),
                     external_base_url=options.external_base_url, allowed_hosts=tuple(hosts),
                     english_originals=bool(options.english_originals), title_suffix=title_suffix,
                     messages=dict(options.messages),
                     markdown=markdown or MarkdownSetup())
        return config.with_severities(dict(options.rules))


def plugin_options(mkdocs_config: MkDocsConfig) -> PluginOptions:
    """The locdocs plugin's validated options, or the defaults when mkdocs.yml does not use the plugin."""
    from .plugin.options import PluginOptions, default_options

    plugin = mkdocs_config.plugins.get("locdocs")
    options = getattr(plugin, "config", None)
    return options if isinstance(options, PluginOptions) else default_options()


def site_languages(mkdocs_config: MkDocsConfig) -> tuple[Language, ...]:
    """The site's locales, from the i18n plugin's ``languages`` (none without the plugin)."""
    i18n = mkdocs_config.plugins.get("i18n")
    languages = getattr(getattr(i18n, "config", None), "languages", None) or []
    return tuple(Language(str(lang.locale), str(lang.name or lang.locale), bool(lang.default),
                          site_name=lang.site_name or None, site_description=lang.site_description or None)
                 for lang in languages)


def layout_from_mkdocs(mkdocs_config: MkDocsConfig, options: PluginOptions,
                       languages: tuple[Language, ...] | None = None) -> Layout:
    """Where the repository of this MkDocs configuration keeps each stage's files."""
    root = Path(mkdocs_config.config_file_path or "mkdocs.yml").parent
    handoff_list = root / (options.handoff_list or DEFAULT_HANDOFF_LIST)
    # The default list is optional; a configured one must exist (publish says so).
    has_handoff_list = options.handoff_list is not None or handoff_list.is_file()
    return Layout(root=root, docs_dir=Path(mkdocs_config.docs_dir), l10n_dir=root / options.l10n_dir,
                  languages=site_languages(mkdocs_config) if languages is None else languages,
                  history_dir=root / options.history_dir if options.history_dir else None,
                  handoff_list=handoff_list if has_handoff_list else None, handoff_dir=root / options.handoff_dir,
                  versions_file=root / options.versions_file)


class _Records(logging.Handler):
    """Collects what MkDocs logs while it loads a configuration."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def read_mkdocs_config(config_file: Path, **overrides: Any) -> MkDocsConfig:
    """mkdocs.yml loaded and validated by MkDocs itself (``!ENV``, ``!!python/name:`` and ``INHERIT`` included),
    with ``overrides`` as MkDocs' command line gives them. Raise UsageError, naming each problem, if it cannot be
    loaded; configuration warnings are passed on to this module's logger."""
    from mkdocs import exceptions
    from mkdocs.config import load_config as mkdocs_load_config

    if not Path(config_file).exists():
        raise UsageError(f"{config_file}: no such file: run `locdocs init` to start a site here, or name the site's "
                         "configuration with -f")
    logger = logging.getLogger("mkdocs")
    records = _Records()
    logger.addHandler(records)
    try:
        config = mkdocs_load_config(str(config_file), **overrides)
    except (exceptions.ConfigurationError, exceptions.Abort) as error:
        problems = [record.getMessage() for record in records.records if record.levelno >= logging.ERROR]
        raise UsageError(f"{config_file}: {'; '.join(problems) or error}") from None
    except OSError as error:
        raise UsageError(f"cannot read {config_file}: {error.strerror or error}") from None
    finally:
        logger.removeHandler(records)
    for record in records.records:
        log.warning(f"{config_file}: {record.getMessage()}")
    return config


def load_config(config_file: Path) -> Config:
    """A repository's Config from its mkdocs.yml; raise UsageError if the file is missing or invalid."""
    mkdocs_config = read_mkdocs_config(config_file)
    options = plugin_options(mkdocs_config)
    return Config.from_options(options, layout_from_mkdocs(mkdocs_config, options), MarkdownSetup.of(mkdocs_config))
