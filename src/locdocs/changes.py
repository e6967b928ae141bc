"""What changed in an English article between the revision a translation was made from and the current one."""

from __future__ import annotations

from dataclasses import dataclass

from .article import Article


@dataclass(frozen=True)
class ArticleChange:
    """The difference between two revisions of one English article, section by section."""

    front_matter: tuple[str, ...]
    """Front matter keys added, removed or changed."""
    changed: tuple[str, ...]
    """Headings (current text) of sections whose text changed."""
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
        for label, headings in (("changed", self.changed), ("added", self.added), ("removed", self.removed)):
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
    changed = tuple(new_sections[key][0] for key in new_sections
                    if key in old_sections and old_sections[key][1] != new_sections[key][1])
    added = tuple(new_sections[key][0] for key in new_sections if key not in old_sections)
    removed = tuple(old_sections[key][0] for key in old_sections if key not in new_sections)
    return ArticleChange(front_matter=keys, changed=changed, added=added, removed=removed)
