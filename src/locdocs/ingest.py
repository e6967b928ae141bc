"""Stage 2 of the pipeline: a raw handoff becomes ``docs/LL/REL`` (the clean article) and ``l10n/LL/REL.xlf``.

A handoff is span-marked Markdown as a translation system exports it, or an XLIFF file that ``locdocs export``
wrote and a CAT tool filled in: that one is first turned back into span-marked Markdown (``export.handoff``), so
both go through the same normalizer, refusals and untrusted-content rules.
``plan_ingest`` does all the work in memory and raises InputError for anything wrong with the handoff, so a batch
can be checked whole before ``write_plan`` touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import FrontMatterError, UsageError
from .fileio import atomic_write, display_path
from .layout import Layout
from .locales import check_site_locale, is_language_tag, same_locale, site_locale
from .normalize import NormalizeResult, normalize_bytes
from .xliff import to_xliff


@dataclass(frozen=True)
class IngestPlan:
    """What ingesting one handoff will write, and what was found in it."""

    handoff: Path
    """The raw handoff file."""
    locale: str
    """The site's locale folder, such as ``nl``."""
    content_locale: str | None
    """The handoff's ``ms.contentlocale``, such as ``nl-NL``."""
    path: PurePosixPath
    """The article's path inside the locale folder, such as ``billing/article.md``."""
    article: Path
    """Where the clean article goes: ``DOCS/LOCALE/REL``."""
    xliff: Path
    """Where the segment pairs go: ``L10N/LOCALE/REL.xlf``."""
    result: NormalizeResult

    @property
    def english_revision(self) -> str | None:
        """The ``ms.openlocfilehash``: the hash of the English file this handoff was translated from."""
        value = self.result.metadata.get("ms.openlocfilehash")
        return str(value) if value else None

    @property
    def translation_type(self) -> str | None:
        value = self.result.metadata.get("ms.translationtype")
        return str(value) if value else None

    def summary(self, verb: str = "ingested") -> str:
        segments = len(self.result.segments)
        parts = [f"{segments} segment{'s' if segments != 1 else ''}",
                 f"{self.result.untranslated} untranslated",
                 f"{len(self.result.repairs)} repair{'s' if len(self.result.repairs) != 1 else ''}"]
        if self.result.had_bom:
            parts.append("BOM removed")
        kind = f", {self.translation_type}" if self.translation_type else ""
        return (f"{verb} {self.handoff} -> {display_path(self.article)} ({self.content_locale or self.locale}{kind}): "
                f"{', '.join(parts)}; English revision {self.english_revision or 'unknown'}")


def check_relative_path(rel_path: str | PurePosixPath) -> PurePosixPath:
    """A target path inside the locale folder: relative, no ``..``, ending in ``.md``."""
    path = PurePosixPath(str(rel_path).replace("\\", "/"))
    if path.is_absolute() or not path.parts or ".." in path.parts:
        raise UsageError(f"--path {str(rel_path)!r} must be a relative path inside the locale folder, without '..'")
    if path.suffix.lower() not in (".md", ".markdown"):
        path = path.with_suffix(".md")
    return path


XLIFF_SUFFIXES = (".xlf", ".xliff")


def is_xliff(name: str, data: bytes) -> bool:
    """Is a handoff an XLIFF file (by its name, or by its first bytes)?"""
    if name.lower().endswith(XLIFF_SUFFIXES):
        return True
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith((b"<?xml", b"<xliff"))


def plan_ingest(handoff: Path, data: bytes, *, rel_path: str | PurePosixPath | None = None,
                locale: str | None = None, layout: Layout | None = None, translation_type: str | None = None
                ) -> IngestPlan:
    """Normalize one handoff in memory and decide where in ``layout`` (default: docs/ and l10n/) it goes; raise
    InputError or UsageError if it cannot. ``rel_path`` defaults to the article an XLIFF file names, else to the
    handoff's file name; ``translation_type`` (MT or HT) is what a returned XLIFF file's translation is, HT unless
    said."""
    layout = layout or Layout()
    if is_xliff(handoff.name, data):
        from .export.handoff import returned_handoff
        from .export.xliff_file import read_export

        returned = read_export(data)
        rel_path = rel_path or returned.original
        data = returned_handoff(returned, translation_type).encode("utf-8")
    result = normalize_bytes(data, keep_bom=False, with_segments=True)
    content_locale = result.metadata.get("ms.contentlocale")
    content_locale = str(content_locale) if content_locale else None
    if content_locale is not None and not is_language_tag(content_locale):
        raise FrontMatterError(f"ms.contentlocale {content_locale!r} is not a language tag such as 'nl-NL'")
    if locale is None:
        if content_locale is None:
            raise FrontMatterError("no ms.contentlocale in the front matter: say which locale with --locale")
        locale = site_locale(content_locale, layout.locales)
        if locale is None:
            raise FrontMatterError(f"ms.contentlocale {content_locale!r} fits none of the site's locales "
                                   f"({', '.join(layout.locales)}): add a language for it to the i18n plugin in "
                                   "mkdocs.yml, or say which locale with --locale")
    else:
        check_site_locale(locale, layout.locales)
        if content_locale is not None and not same_locale(content_locale, locale):
            raise FrontMatterError(f"ms.contentlocale is {content_locale!r} but --locale is {locale!r}: a text in "
                                   f"{content_locale} is not one in {locale}")
    rel = check_relative_path(rel_path or handoff.name)
    return IngestPlan(handoff=handoff, locale=locale, content_locale=content_locale, path=rel,
                      article=layout.page(locale, rel), xliff=layout.xliff(locale, rel),
                      result=result)


def plan_outputs(plan: IngestPlan) -> dict[Path, bytes]:
    """What ingesting writes: the clean article and its XLIFF."""
    xliff = to_xliff(plan.result.segments, original=plan.path.as_posix(),
                     target_language=plan.content_locale or plan.locale, properties=plan.result.metadata)
    return {plan.article: plan.result.text.encode("utf-8"), plan.xliff: xliff}


def write_plan(plan: IngestPlan) -> None:
    """Write the clean article and its XLIFF, each atomically."""
    for path, data in plan_outputs(plan).items():
        atomic_write(path, data)
