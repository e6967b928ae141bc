"""Stage 3 of the pipeline: check the docs across locales and report findings.

``run_check(config)`` reads the docs folder into a ``Site`` and runs every rule of ``rules.py`` on it; it returns
the findings, sorted, and never prints. ``report.py`` formats them; the CLI and the MkDocs plugin are adapters.
"""

from __future__ import annotations

from ..config import Config, Severity
from ..translations import Site
from .findings import Finding
from .reporter import Reporter
from .rules import FILE_RULES, SITE_RULES, TRANSLATION_RULES


def run_check(config: Config, site: Site | None = None) -> list[Finding]:
    """Every finding in the docs that ``config`` describes, in path and line order."""
    site = site or Site(config)
    report = Reporter(config)
    # One article at a time, in every locale, then forgotten: memory stays that of one article, not of the site.
    for rel in sorted({rel for _, rel in site.files}):
        files = [site.files[locale, rel] for locale in site.locales if (locale, rel) in site.files]
        for file in files:
            for rule in FILE_RULES:
                rule(site, file, report)
        if not site.excluded(rel) and site.english(rel) is not None:
            for file in files:
                if file.locale != site.default_locale:
                    translation = site.translation(file)
                    for rule in TRANSLATION_RULES:
                        rule(site, translation, report)
        site.release(rel)
    for rule in SITE_RULES:
        rule(site, report)
    return sorted(report.findings, key=lambda f: (f.path, f.line or 0, f.rule, f.message))


def exit_code(findings: list[Finding], strict: bool = False) -> int:
    """1 when there is an error (with ``strict``: or a warning), else 0."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return 1 if any(f.severity in failing for f in findings) else 0


__all__ = ["Finding", "exit_code", "run_check"]
