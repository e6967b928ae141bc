"""Stage 3 of the pipeline: check the docs across locales and report findings.

``run_check(config)`` reads the docs folder into a ``DocsIndex`` and runs every rule of ``rules.py`` on it; it returns
the findings, sorted, and never prints. ``formats.py`` formats them; the CLI and the MkDocs plugin are adapters.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..config import Config, Severity
from ..forked import can_fork, default_jobs, forked_map
from ..translations import DocsIndex
from .findings import Finding
from .reporter import Reporter
from .rules import FILE_RULES, SITE_RULES, TRANSLATION_RULES, enabled

# Below this many articles a second process costs more than it saves.
PARALLEL_MIN_ARTICLES = 200


def run_check(config: Config, docs: DocsIndex | None = None, jobs: int = 1) -> list[Finding]:
    """Every finding in the docs that ``config`` describes, in path and line order. With ``jobs`` > 1 the articles
    are shared out among that many processes (where the system can fork, and no other thread runs): the findings
    are the same."""
    docs = docs or DocsIndex(config)
    articles = sorted({rel for _, rel in docs.files})
    if not enabled(FILE_RULES, config) and not enabled(TRANSLATION_RULES, config):
        articles = []  # every rule of an article is ignored: nothing to read
    if jobs > 1 and len(articles) >= PARALLEL_MIN_ARTICLES and can_fork():
        findings = _check_in_processes(docs, articles, jobs, config)
    else:
        findings = check_articles(docs, articles, config)
    report = Reporter(config)
    for rule in enabled(SITE_RULES, config):
        rule(docs, report)
    findings.extend(report.findings)
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.rule, f.message))


def check_articles(docs: DocsIndex, articles: list[PurePosixPath], config: Config | None = None) -> list[Finding]:
    """The findings of the file and translation rules for these articles, in every locale, at the severities of
    ``config`` (default: the docs' own)."""
    config = config or docs.config
    report = Reporter(config)
    file_rules, translation_rules = enabled(FILE_RULES, config), enabled(TRANSLATION_RULES, config)
    # One article at a time, in every locale, then forgotten: memory stays that of one article, not of the site.
    for rel in articles:
        files = [docs.files[locale, rel] for locale in docs.locales if (locale, rel) in docs.files]
        for file in files:
            for rule in file_rules:
                rule(docs, file, report)
        if not docs.excluded(rel) and docs.english(rel) is not None:
            for file in files:
                if file.locale != docs.default_locale:
                    translation = docs.translation(file)
                    for translation_rule in translation_rules:
                        translation_rule(docs, translation, report)
        docs.release(rel)
    return report.findings


def _check_in_processes(docs: DocsIndex, articles: list[PurePosixPath], jobs: int, config: Config) -> list[Finding]:
    docs.history.prepare_fork()  # one git log, read here and inherited, rather than one per process
    # Runs of neighbouring articles (which link to each other, so share the anchors worked out), several per
    # process so that one slow run does not hold up the end.
    size = max(1, min(200, len(articles) // (jobs * 8)))
    runs = [articles[start:start + size] for start in range(0, len(articles), size)]
    return [finding for findings in forked_map(lambda run: check_articles(docs, run, config), runs, jobs)
            for finding in findings]


def exit_code(findings: list[Finding], strict: bool = False) -> int:
    """1 when there is an error (with ``strict``: or a warning), else 0."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return 1 if any(f.severity in failing for f in findings) else 0


__all__ = ["Finding", "check_articles", "default_jobs", "exit_code", "run_check"]
