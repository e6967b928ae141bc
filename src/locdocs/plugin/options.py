"""The ``locdocs`` plugin's options: a MkDocs config schema, its ``rules:`` generated from ``config.RULES``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..config import LEVELS, REQUIRED_LOCALE_KEYS, RULES
from ..errors import UsageError
from ..site.messages import Messages

RulesOptions: type[base.Config] = type("RulesOptions", (base.Config,), {
    "__doc__": "One option per rule: the level its findings are logged at.",
    **{rule.option: c.Choice(LEVELS, default=rule.severity.level) for rule in RULES.values()},
})


class MessagesOption(c.Type):
    """``messages:``: locale -> message key -> text, each key one of the catalog's, with its placeholders."""

    def __init__(self) -> None:
        super().__init__(dict, default={})

    def run_validation(self, value: object) -> dict:
        value = super().run_validation(value)
        assert isinstance(value, dict)  # checked by Type
        try:
            Messages(value)
        except UsageError as error:
            raise ValidationError(str(error).removeprefix("locdocs option messages: ")) from None
        return value


class PluginOptions(base.Config):
    """The ``locdocs`` plugin's options in mkdocs.yml (paths relative to mkdocs.yml)."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it."""
    rules = c.SubConfig(RulesOptions)
    """The level of each rule's findings."""
    untranslated_threshold = c.Type(float, default=0.5)
    """Share of segments or paragraphs still in English above which an article counts as untranslated."""
    required_locale_keys = c.ListOfItems(c.Type(str), default=list(REQUIRED_LOCALE_KEYS))
    """Front matter keys every translation must have."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (inside a locale folder) of site pages that are not translations, such as index.md."""
    external_base_url = c.Optional(c.Type(str))
    """Base URL for links to articles that are not part of the content (``{locale}``: the page's locale)."""
    title_suffix = c.Optional(c.Type(str))
    """A regular expression removed from the end of every page title (in the page, its tab and the navigation): a
    source system's suffix such as `` | Microsoft Docs``."""
    english_originals = c.Type(bool, default=True)
    """Offer the English original of each segment (or paragraph) on machine-translated pages."""
    messages = MessagesOption()
    """The site's own words for reader messages, per locale and key (site/catalogs/locdocs.pot lists the keys):
    they override the message catalogs."""
    allowed_hosts = c.ListOfItems(c.Type(str), default=[])
    """Hosts translations may link to or show images from though their English article does not."""
    fast_nav = c.Type(bool, default=True)
    """Render the theme's navigation sidebar once per group of sibling pages (plugin.fast_nav), not once per page."""
    l10n_dir = c.Type(str, default="l10n")
    """Where ``locdocs ingest`` keeps the XLIFF segment files."""
    history_dir = c.Optional(c.Type(str))
    """The docs folder of the git repository whose history explains stale translations (default: docs_dir)."""
    handoff_list = c.Optional(c.Type(str))
    """The raw handoffs the versions of ``locdocs build`` choose from (default: content/handoffs.tsv, if any)."""
    handoff_dir = c.Type(str, default="content/handoffs")
    """The folder the handoff list's file names are relative to."""
    versions_file = c.Type(str, default="versions.yml")
    """The editions of the site that ``locdocs build`` publishes."""

    def validate(self) -> tuple[list, list]:
        """As MkDocs validates, but an unknown option is an error, not a warning: a misspelt option would
        otherwise leave a rule at a severity nobody chose."""
        failed, warnings = super().validate()
        unknown = sorted(set(self.keys()) - self._schema_keys)
        if unknown:
            warnings = [(key, warning) for key, warning in warnings if key not in unknown]
            failed.append((unknown[0], ValidationError(
                f"unknown locdocs option(s): {', '.join(unknown)}; the options are: "
                f"{', '.join(sorted(self._schema_keys))}")))
        return failed, warnings


def default_options() -> PluginOptions:
    """The options of a site that does not configure the plugin."""
    options = PluginOptions()
    options.load_dict({})
    errors, _ = options.validate()
    if errors:
        raise AssertionError(errors)  # the schema's own defaults are valid
    return options
