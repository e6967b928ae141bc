"""What changed in an English article between the revision a translation was made from and the current one."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .article import Article

REWORDED_SIMILARITY = 0.5
"""How alike (difflib's ratio of heading and text) a section that lost its anchor and one that gained a new one must
be to count as the same section, reworded, rather than one removed and one added."""
MAX_PAIRS = 400


@dataclass(frozen=True)
class ArticleChange:
    """The difference between two revisions of one English article, section by section."""

    front_matter: tuple[str, ...]
    """Front matter keys added, removed or changed."""
    changed: tuple[str, ...]
    """Headings (current text) of sections whose text changed, their heading included (reworded)."""
    added: tuple[str, ...]
    """Headings of sections only the current revision has."""
    removed: tuple[str, ...]
    """Headings of sections only the old revision has."""

    @property
    def text_changed(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    def describe(self) -> str:
        """One line for a person: ``front matter only (ms.date, ms.topic); the text is the same`` or the sections."""
        if not self.text_changed:
            if self.front_matter:
                return f"front matter only ({', '.join(self.front_matter)}); the text is the same"
            return "nothing but whitespace or line endings"
        parts = []
        for label, headings in (("reworded", self.changed), ("added", self.added), ("removed", self.removed)):
            if headings:
                parts.append(f"{label}: " + ", ".join(f"'{heading}'" for heading in headings))
        if self.front_matter:
            parts.append(f"front matter: {', '.join(self.front_matter)}")
        return "sections " + "; ".join(parts)


def _sections(article: Article) -> dict[str, tuple[str, str]]:
    """Section id -> (heading text, normalized section text). The part before the first heading is ''."""
    lines = article.text.split("\n")
    starts = [(heading.line, heading) for heading in article.headings]
    sections: dict[str, tuple[str, str]] = {}
    bounds = [(article.body_start_line, None), *starts]
    for index, (line, heading) in enumerate(bounds):
        end = bounds[index + 1][0] if index + 1 < len(bounds) else len(lines) + 1
        body = " ".join(" ".join(lines[line - 1 + (heading is not None):end - 1]).split())
        if heading is None:
            if body:
                sections[""] = ("(introduction)", body)
        else:
            key = heading.anchor or heading.slug
            sections[key] = (heading.text, " ".join(heading.text.split()) + "\n" + body)
    return sections


def compare(old: Article, new: Article) -> ArticleChange:
    """What changed from ``old`` to ``new``."""
    old_fm, new_fm = old.front_matter, new.front_matter
    keys = tuple(sorted(key for key in old_fm.keys() | new_fm.keys() if old_fm.get(key) != new_fm.get(key)))
    old_sections, new_sections = _sections(old), _sections(new)
    gone = [key for key in old_sections if key not in new_sections]
    new_keys = [key for key in new_sections if key not in old_sections]
    renamed = _renamed(old_sections, new_sections, gone, new_keys)
    changed = tuple(new_sections[key][0] for key in new_sections
                    if (key in old_sections and old_sections[key][1] != new_sections[key][1]) or key in renamed)
    added = tuple(new_sections[key][0] for key in new_keys if key not in renamed)
    removed = tuple(old_sections[key][0] for key in gone if key not in renamed.values())
    return ArticleChange(front_matter=keys, changed=changed, added=added, removed=removed)


def _renamed(old_sections: dict[str, tuple[str, str]], new_sections: dict[str, tuple[str, str]], gone: list[str],
             new_keys: list[str]) -> dict[str, str]:
    """Sections whose anchor changed with their heading (new key -> old key): the most alike pairs first, each
    section in at most one pair, and only pairs at least REWORDED_SIMILARITY alike. An article rewritten from top
    to bottom (more than MAX_PAIRS to compare) is taken as removed and added sections."""
    if len(new_keys) * len(gone) > MAX_PAIRS:
        return {}
    pairs = sorted(((SequenceMatcher(None, old_sections[old_key][1], new_sections[new_key][1]).ratio(), new_key,
                     old_key) for new_key in new_keys for old_key in gone), reverse=True)
    renamed: dict[str, str] = {}
    for ratio, new_key, old_key in pairs:
        if ratio >= REWORDED_SIMILARITY and new_key not in renamed and old_key not in renamed.values():
            renamed[new_key] = old_key
    return renamed
