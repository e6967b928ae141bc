"""Configuration shared by ``locdocs check``/``status`` and the MkDocs plugin: read from mkdocs.yml.

The CLI reads the same ``mkdocs.yml`` that MkDocs builds with: ``docs_dir``, the locales of the i18n plugin and
the options of the ``locdocs`` plugin, so a repository configures its checks once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

import yaml

from .errors import UsageError


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


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str


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
         "script, iframe, object, embed, on* handlers, javascript: or data: URLs that the English does not have"),
    Rule("encoding", Severity.ERROR, "invalid UTF-8 (error), mojibake left or a BOM (warning)"),
)}

# Front matter keys that only a localized file has; title and description are translated; the rest belong to the
# English source and must match the revision the translation was made from.
LOCALE_KEYS = ("ms.openlocfilehash", "ms.sourcegitcommit", "ms.translationtype", "ms.contentlocale",
               "ms.lasthandoff", "ms.locfileid")
TRANSLATED_KEYS = ("title", "description")


@dataclass(frozen=True)
class Config:
    """Everything ``check`` and ``status`` need to know about a repository."""

    docs_dir: Path = Path("docs")
    l10n_dir: Path = Path("l10n")
    default_locale: str = "en"
    locales: tuple[str, ...] = ()
    """Every locale folder, the default one included; empty means: every folder of docs_dir."""
    severities: dict[str, Severity] = field(default_factory=lambda: {r: RULES[r].severity for r in RULES})
    untranslated_threshold: float = 0.5
    """Share of segments (or paragraphs) identical to English above which a translation counts as untranslated."""
    required_locale_keys: tuple[str, ...] = ("ms.contentlocale", "ms.openlocfilehash", "ms.translationtype")
    exclude: tuple[str, ...] = ()
    """Glob patterns of paths inside a locale folder that are site pages, not translations (e.g. index.md)."""
    external_base_url: str | None = None
    """Base URL for links to articles that are not part of the content."""
    history_dir: Path | None = None
    """The docs folder, in a git repository, whose history explains stale translations (default: docs_dir)."""

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


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name: or !ENV; their values do not matter here."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_options(data: dict, name: str) -> dict | None:
    """The options of plugin ``name`` in a parsed mkdocs.yml ({} without options), or None if it is not used."""
    plugins = data.get("plugins")
    for entry in plugins if isinstance(plugins, list) else [plugins or {}]:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    if isinstance(plugins, dict) and name in plugins:
        return plugins[name] or {}
    return None


def site_languages(data: dict) -> list[dict]:
    """The site's locales from the i18n plugin of a parsed mkdocs.yml: [{locale, name, default}]."""
    i18n = plugin_options(data, "i18n") or {}
    return [{"locale": lang["locale"], "name": lang.get("name", lang["locale"]), "default": bool(lang.get("default"))}
            for lang in i18n.get("languages") or [] if isinstance(lang, dict) and lang.get("locale")]


def read_mkdocs_yml(config_file: Path) -> dict:
    """A parsed mkdocs.yml; raise UsageError if the file is missing or malformed."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)  # noqa: S506
    except OSError as error:
        raise UsageError(f"cannot read {config_file}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise UsageError(f"{config_file} is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{config_file} must be a mapping of settings")
    return data


def load_config(config_file: Path) -> Config:
    """Read a repository's Config from its mkdocs.yml; raise UsageError if the file is missing or malformed."""
    data = read_mkdocs_yml(config_file)
    base = config_file.parent
    languages = site_languages(data)
    default = next((lang["locale"] for lang in languages if lang["default"]), "en")
    options = plugin_options(data, "locdocs") or {}
    return config_from_options(options, docs_dir=base / str(data.get("docs_dir", "docs")), base=base,
                               default_locale=default, locales=tuple(lang["locale"] for lang in languages))


SITE_OPTIONS = ("enabled", "fast_nav", "unit_locale", "languages", "status_file", "page_cache_key", "reuse_dir")
"""Options of the MkDocs plugin that only concern building the site: the check ignores them."""


def config_from_options(options: dict, *, docs_dir: Path, base: Path, default_locale: str = "en",
                        locales: tuple[str, ...] = ()) -> Config:
    """A Config from the ``locdocs`` plugin's options (the same keys in mkdocs.yml and the plugin)."""
    known = {"rules", "untranslated_threshold", "required_locale_keys", "exclude", "l10n_dir",
             "external_base_url", "history_dir", *SITE_OPTIONS}
    unknown = set(options) - known
    if unknown:
        raise UsageError(f"unknown locdocs option(s): {', '.join(sorted(unknown))}")
    config = Config(docs_dir=docs_dir, l10n_dir=base / str(options.get("l10n_dir", "l10n")),
                    default_locale=default_locale, locales=locales,
                    untranslated_threshold=float(options.get("untranslated_threshold", 0.5)),
                    required_locale_keys=tuple(options.get("required_locale_keys",
                                                           Config.required_locale_keys)),
                    exclude=tuple(options.get("exclude", ())),
                    external_base_url=options.get("external_base_url"),
                    history_dir=base / str(options["history_dir"]) if options.get("history_dir") else None)
    return config.with_severities(options.get("rules") or {})
