"""Find and read an article's YAML front matter, strictly.

MkDocs silently ignores front matter it cannot parse; a validator must not. Duplicate keys are an error here
(PyYAML would keep the last one), and so is YAML that is not a mapping.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import yaml

from .errors import FrontMatterError

_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(?P<yaml>(?:.*?\r?\n)?)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def front_matter_end(text: str) -> int:
    """Offset just past the closing ``---`` of the front matter, or 0 when there is none."""
    match = _FRONT_MATTER.match(text)
    return match.end() if match else 0


def front_matter_block(text: str) -> str | None:
    """The YAML between the ``---`` lines, or None when the text has no front matter."""
    match = _FRONT_MATTER.match(text)
    return match["yaml"] if match else None


class _StrictConstructor(yaml.constructor.SafeConstructor):
    """Rejects duplicate keys instead of keeping the last one, as PyYAML does."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {seen[key] + 2})", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


class _StrictLoader(_StrictConstructor, yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones we report."""


# libyaml's parser is about 10x faster; the constructor (and so the duplicate-key check) stays the same.
if TYPE_CHECKING:
    _FastSafeLoader = yaml.CSafeLoader
else:  # CSafeLoader exists only where PyYAML was built with libyaml
    _FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastStrictLoader(_StrictConstructor, _FastSafeLoader):
    """libyaml's parser (where there is one) with the strict constructor."""


for _loader in (_StrictLoader, _FastStrictLoader):
    # types-PyYAML accepts only PyYAML's own loader classes here, not one built on its constructor as these are.
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _loader.construct_mapping)  # type: ignore[type-var]


def load_front_matter(text: str) -> dict:
    """Parse the front matter of an article; {} when it has none. Raise FrontMatterError for invalid YAML."""
    block = front_matter_block(text)
    if block is None:
        return {}
    if "*" in block:
        _refuse_aliases(block)
    try:
        data = yaml.load(block, Loader=_FastStrictLoader)  # safe: a SafeLoader subclass
    except yaml.YAMLError:
        pass
    else:
        return _mapping(data)
    try:  # again with the pure-Python parser, for the same error message wherever libyaml is installed or not
        data = yaml.load(block, Loader=_StrictLoader)  # safe: a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # 1-based, after the opening ---
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", line=line) from None
    return _mapping(data)


def _refuse_aliases(block: str) -> None:
    """Front matter has no use for YAML aliases, and a few nested ones (a "billion laughs") expand into more data
    than any later step could print or compare: refuse them."""
    try:
        for event in yaml.parse(block, Loader=_FastStrictLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark  # the parser marks every event; None only for events made by hand
                raise FrontMatterError(f"YAML alias *{event.anchor} in front matter: aliases are not allowed here",
                                       line=mark.line + 2 if mark is not None else None)
    except yaml.YAMLError:
        return  # load_front_matter reports the syntax error itself


def _mapping(data: object) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
                               line=2)
    return data
