"""A translation memory of one translated article: each old English segment and its translation.

The pairs come from the handoff's XLIFF (``l10n/LL/REL.xlf``: Microsoft's own segment pairs) when the translation
has one, else from aligning the translated article with the English revision it was made from:

* both are segmented with ``segmenter.segment_article``, sentences grouped by the block (heading, paragraph, list
  item paragraph, table cell) they are in;
* blocks are aligned by structure: headings by their ``<a name>`` anchor (the slug of the English heading of the
  revision, see ``article.heading_names``), which cuts the article into sections; within a section whose structure
  (the kind of each block and the lists, quotes and tables around it) is the same on both sides, block by block;
  in a section whose structure differs, only the blocks of a kind that occurs once in it on each side, and only
  when it has no headings of its own (a translation without anchors is one section: its structure must match);
* within a pair of blocks, sentence by sentence when both have as many sentences, else the whole block as one pair
  when the English block is one sentence, else nothing;
* a pair is kept only when both sides carry as many links, code spans and bold markers;
* front matter values by key (and by position within a list such as ``keywords``).

A pair that might be wrong is left out: a missing pair costs a translator a sentence, a wrong one misleads them.
Pairs whose "translation" is still the English are no translations and are left out too.

Sources are compared after collapsing white space. A fuzzy match's similarity is a word-level ratio (difflib over
word tokens, with link targets and HTML tags left out), so a changed link target alone stays a near match.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise
from typing import NamedTuple

from markdown_it_pyrs import Node

from ..article import MARKDOWN, Heading, heading_names, parse_heading
from ..frontmatter import front_matter_end
from ..segments import comparable, has_letter
from ..xliff import TransUnit
from .segmenter import SourceSegment, char_offsets, segment_article, split_sentences

DEFAULT_THRESHOLD = 0.5
"""The least similarity of a fuzzy match. On the word-level ratio, 0.5 means at least half of both sentences' words
are shared, in order: one changed word in ten scores 0.9, a rewritten half about 0.5. Below it, editing the old
translation is no faster than translating afresh. Between the seed article's 2017-03 and 2018-05 English: the four
reworded sentences score 0.73 to 0.95; "If you need help, contact [Azure Support](…)." and "If you still need help,
[contact support](…) to get your issue resolved quickly." 0.5; partial rewordings of other sentences 0.46 to 0.48;
sentences about other things, sharing words such as "the", "your" and "Azure", at most 0.42."""

BOM = "\ufeff"
_CONTAINERS = frozenset({"bullet_list", "ordered_list", "blockquote", "table"})
_LEAVES = frozenset({"heading", "lheading", "paragraph", "tcell"})
_BLOCK_NODES = frozenset({*_LEAVES, *_CONTAINERS, "list_item", "thead", "tbody", "trow", "fence", "code_block",
                          "html_block", "hr", "front_matter"})
# What markup a sentence and its translation must share: links, code spans, bold markers.
_LINK = re.compile(r"\]\(|\]\[")
_CODE = re.compile(r"`+")
_BOLD = re.compile(r"\*\*|__")
# Left out of the words a fuzzy match compares: link targets, reference labels, HTML tags, autolinks.
_NOT_WORDS = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|<[^>\n]*>")
_WORD = re.compile(r"\w+")


def collapse(text: str) -> str:
    """A source as it is compared: white space collapsed to single spaces, none at either end."""
    return " ".join(text.split())


def is_translation(source: str, target: str) -> bool:
    """Is ``target`` a translation of ``source``: not empty, and not the English text itself (as the "translations"
    of a handoff that was never translated are)? A source without any letter is its own translation."""
    if not target.strip():
        return False
    same = comparable(target) == comparable(source)
    return not (same and has_letter(comparable(source)))


def similarity_tokens(text: str) -> list[str]:
    """The words a fuzzy match compares: markup (link targets, tags, emphasis, punctuation) left out."""
    return _WORD.findall(_NOT_WORDS.sub(" ", text))


def similarity(old: str, new: str) -> float:
    """How similar two English segments are (0-1): the word-level ratio; below 1 when they differ at all."""
    if collapse(old) == collapse(new):
        return 1.0
    a, b = similarity_tokens(old), similarity_tokens(new)
    if not a and not b:
        return 0.0
    return min(SequenceMatcher(None, a, b, autojunk=False).ratio(), 0.99)


@dataclass(frozen=True)
class MemoryEntry:
    """One old English segment and its translation."""

    source: str
    target: str
    key: str | None = None
    """The front matter key, for a front matter value; None in the body."""


class FuzzyMatch(NamedTuple):
    """The most similar old English segment of a memory and its translation."""

    similarity: float
    source: str
    target: str


@dataclass
class _Candidate:
    source: str
    target: str
    tokens: list[str]


class TranslationMemory:
    """Old English segments and their translations, looked up exactly (after collapsing white space) or by
    similarity. Front matter values match only values of the same key, body segments only body segments."""

    def __init__(self, entries: Iterable[MemoryEntry] = ()) -> None:
        kept: list[MemoryEntry] = []
        self._exact: dict[tuple[str | None, str], str] = {}
        self._candidates: list[_Candidate] = []
        self._postings: dict[tuple[str | None, str], list[tuple[int, int]]] = defaultdict(list)
        for entry in entries:
            if not is_translation(entry.source, entry.target):
                continue
            kept.append(entry)
            lookup = (entry.key, collapse(entry.source))
            if lookup in self._exact:
                continue  # the first translation of a sentence that occurs twice
            self._exact[lookup] = entry.target
            index = len(self._candidates)
            tokens = similarity_tokens(entry.source)
            self._candidates.append(_Candidate(entry.source, entry.target, tokens))
            for token, count in Counter(tokens).items():
                self._postings[(entry.key, token)].append((index, count))
        self.entries: tuple[MemoryEntry, ...] = tuple(kept)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[MemoryEntry]:
        return iter(self.entries)

    def exact(self, source: str, key: str | None = None) -> str | None:
        """The translation of exactly this English (white space collapsed), or None."""
        return self._exact.get((key, collapse(source)))

    def best_fuzzy(self, source: str, threshold: float = DEFAULT_THRESHOLD,
                   key: str | None = None) -> FuzzyMatch | None:
        """The translation of the most similar other English segment whose similarity is at least ``threshold``
        (the first such segment on a tie), or None. Candidates are those sharing enough words to reach the
        threshold at all (2 * shared / (len(a) + len(b)) bounds the ratio); the ratio is computed for them in
        the order of that bound, until the bound falls below the best ratio found."""
        wanted = collapse(source)
        tokens = similarity_tokens(source)
        if not tokens:
            return None
        shared: dict[int, int] = defaultdict(int)
        for token, count in Counter(tokens).items():
            for index, their_count in self._postings.get((key, token), ()):
                shared[index] += min(count, their_count)
        bounds = []
        for index, common in shared.items():
            bound = 2 * common / (len(tokens) + len(self._candidates[index].tokens))
            if bound >= threshold - 1e-9:
                bounds.append((-bound, index))
        bounds.sort()
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(tokens)
        best: FuzzyMatch | None = None
        best_index = -1
        for negative_bound, index in bounds:
            if best is not None and -negative_bound < best.similarity:
                break
            candidate = self._candidates[index]
            if collapse(candidate.source) == wanted:
                continue  # an exact match is not a fuzzy one
            matcher.set_seq1(candidate.tokens)
            ratio = min(matcher.ratio(), 0.99)
            if ratio >= threshold - 1e-9 and (best is None or ratio > best.similarity
                                              or (ratio == best.similarity and index < best_index)):
                best, best_index = FuzzyMatch(ratio, candidate.source, candidate.target), index
        return best


# The XLIFF of a handoff


def memory_from_xliff(units: Iterable[TransUnit], translation_text: str | None = None) -> TranslationMemory:
    """The segment pairs of a handoff's XLIFF (``read_xliff(data)[1]``), those translated. With the translated
    article's text, a unit on a line of its front matter is a value of the key written there; without it, every
    unit counts as body text. A body pair whose source and target split into as many sentences also gives a pair
    per sentence (Microsoft sometimes keeps a paragraph of two sentences as one segment)."""
    return TranslationMemory(xliff_entries(units, translation_text))


def xliff_entries(units: Iterable[TransUnit], translation_text: str | None = None) -> list[MemoryEntry]:
    keys = _front_matter_keys_by_line(translation_text) if translation_text is not None else {}
    entries = []
    for unit in units:
        if unit.untranslated or not is_translation(unit.source, unit.target):
            continue
        key = keys.get(unit.line) if unit.line is not None else None
        entries.append(MemoryEntry(unit.source, unit.target, key))
        if key is None:
            sources, targets = _sentences(unit.source, extend=False), _sentences(unit.target, extend=True)
            if len(sources) > 1 and len(sources) == len(targets):
                entries.extend(MemoryEntry(source, target) for source, target in zip(sources, targets, strict=True)
                               if _same_markup(source, target))
    return entries


def _front_matter_keys_by_line(text: str) -> dict[int, str]:
    """The front matter key of each 1-based line of the front matter (a value continued on later lines keeps the
    key of the line it starts on)."""
    text = text.removeprefix(BOM)
    end = front_matter_end(text)
    keys: dict[int, str] = {}
    key = None
    for number, line in enumerate(text[:end].splitlines(), start=1):
        if number == 1:
            continue
        match = re.match(r"([^\s#:][^:]*):(?:\s|$)", line)
        if match:
            key = match.group(1).strip()
        if key is not None:
            keys[number] = key
    return keys


def _sentences(text: str, *, extend: bool) -> list[str]:
    """The sentences of a segment's text that have a letter; with ``extend``, each runs on over the letterless
    text after it (the ``**`` closing a bold paragraph after a ``。``)."""
    spans = [(a, b) for a, b in split_sentences(text) if has_letter(text[a:b])]
    if extend:
        spans = _extended(text, spans, len(text))
    return [text[a:b] for a, b in spans]


def _extended(text: str, spans: Sequence[tuple[int, int]], end: int) -> list[tuple[int, int]]:
    extended = []
    for position, (start, stop) in enumerate(spans):
        following = spans[position + 1][0] if position + 1 < len(spans) else end
        new_stop = stop
        if not has_letter(text[stop:following]):
            new_stop = following
            while new_stop > start and text[new_stop - 1].isspace():
                new_stop -= 1
        extended.append((start, max(new_stop, stop)))
    return extended


def _same_markup(source: str, target: str) -> bool:
    """Do a sentence and its supposed translation carry as many links, code spans and bold markers?"""
    return all(len(pattern.findall(source)) == len(pattern.findall(target)) for pattern in (_LINK, _CODE, _BOLD))


# Alignment of a translated article with its English


def memory_from_alignment(translation_text: str, english_text: str) -> TranslationMemory:
    """The pairs found by aligning a translated article (clean Markdown) with the English revision it was made
    from (see the module's documentation)."""
    return TranslationMemory(aligned_entries(translation_text, english_text))


def translation_memory(translation_text: str, english_text: str | None,
                       units: Sequence[TransUnit] | None = None) -> TranslationMemory:
    """The memory of one translated article: its XLIFF's pairs when it has an XLIFF with segments, with the front
    matter values aligned by key for the keys the XLIFF has no unit of; else the article aligned with the English
    it was made from (``english_text``; None when unknown: then there is no memory but the XLIFF's)."""
    if units:
        entries = xliff_entries(units, translation_text)
        if english_text is not None:
            covered = {entry.key for entry in entries if entry.key is not None}
            entries += [entry for entry in _front_matter_entries(_Side.of(translation_text), _Side.of(english_text))
                        if entry.key not in covered]
        return TranslationMemory(entries)
    if english_text is None:
        return TranslationMemory()
    return memory_from_alignment(translation_text, english_text)


@dataclass
class _Block:
    """A heading, paragraph or table cell: its structure, its inline Markdown's range and its segments."""

    structure: str
    """The kind (``h2``, ``paragraph``, ``cell``) after the containers around it (``bullet_list/paragraph``)."""
    start: int
    end: int
    heading: Heading | None = None
    segments: list[SourceSegment] = field(default_factory=list)


@dataclass
class _Side:
    """One article, segmented, its body's segments grouped by block."""

    text: str
    front_matter: list[SourceSegment]
    blocks: list[_Block]

    @classmethod
    def of(cls, text: str) -> _Side:
        text = text.removeprefix(BOM)
        segments = segment_article(text)
        blocks = _blocks(text)
        starts = [block.start for block in blocks]
        position = 0
        for segment in segments:
            if segment.kind == "front-matter":
                continue
            while position + 1 < len(blocks) and starts[position + 1] <= segment.start:
                position += 1
            if blocks and blocks[position].start <= segment.start < blocks[position].end:
                blocks[position].segments.append(segment)
        return cls(text, [segment for segment in segments if segment.kind == "front-matter"], blocks)


def _blocks(text: str) -> list[_Block]:
    """Every heading, paragraph and table cell of the body, in order, with the containers around it."""
    body_start = front_matter_end(text)
    body = text[body_start:]
    source = body.encode("utf-8")
    to_char = char_offsets(body, source)
    blocks: list[_Block] = []

    def visit(node: Node, path: tuple[str, ...]) -> None:
        for child in node.children:
            name = child.name
            if name in _LEAVES:
                ranges = [grandchild.srcmap for grandchild in child.children if grandchild.srcmap]
                if not ranges:
                    continue
                start, end = body_start + to_char(ranges[0][0]), body_start + to_char(ranges[-1][1])
                if name in ("heading", "lheading"):
                    level = int(child.meta["level"])
                    blocks.append(_Block(f"h{level}", start, end, parse_heading(text[start:end], level, 0)))
                else:
                    kind = "cell" if name == "tcell" else "paragraph"
                    blocks.append(_Block("/".join((*path, kind)), start, end))
            elif name == "list_item":  # a tight list's item holds its inline content without a paragraph
                inline = []
                for grandchild in child.children:
                    if grandchild.name in _BLOCK_NODES:
                        break
                    if grandchild.srcmap:
                        inline.append(grandchild.srcmap)
                if inline:
                    start, end = body_start + to_char(inline[0][0]), body_start + to_char(inline[-1][1])
                    blocks.append(_Block("/".join((*path, "paragraph")), start, end))
                visit(child, path)
            elif name in _BLOCK_NODES:
                visit(child, (*path, name) if name in _CONTAINERS else path)

    visit(MARKDOWN.tree(body), ())
    blocks.sort(key=lambda block: block.start)
    return blocks


def aligned_entries(translation_text: str, english_text: str) -> list[MemoryEntry]:
    """The pairs of a translated article and its English, front matter first, then the body in order."""
    mine, theirs = _Side.of(translation_text), _Side.of(english_text)
    entries = _front_matter_entries(mine, theirs)
    for my_block, their_block in _block_pairs(mine.blocks, theirs.blocks):
        entries.extend(_sentence_pairs(mine.text, my_block, their_block))
    return entries


def _front_matter_entries(mine: _Side, theirs: _Side) -> list[MemoryEntry]:
    """Translated front matter values by key, and by position among the values of one key."""
    my_values: dict[str, list[str]] = defaultdict(list)
    for segment in mine.front_matter:
        my_values[segment.key or ""].append(segment.text)
    their_values: dict[str, list[str]] = defaultdict(list)
    for segment in theirs.front_matter:
        their_values[segment.key or ""].append(segment.text)
    entries: list[MemoryEntry] = []
    for key, sources in their_values.items():
        targets = my_values.get(key, [])
        if len(targets) == len(sources):
            entries.extend(MemoryEntry(source, target, key) for source, target in zip(sources, targets, strict=True))
    return entries


def _block_pairs(mine: list[_Block], theirs: list[_Block]) -> list[tuple[_Block, _Block]]:
    """The blocks of a translation paired with the English blocks they translate (see the module's text)."""
    tokens_mine, tokens_theirs = _structure_tokens(mine, theirs)
    # The headings that name the same English heading cut both articles into sections, in order.
    named = {token: index for index, token in enumerate(tokens_theirs) if "#" in token}
    cuts = [(-1, -1)]
    for index, token in enumerate(tokens_mine):
        other = named.get(token)
        if other is not None and other > cuts[-1][1]:
            cuts.append((index, other))
    cuts.append((len(mine), len(theirs)))
    pairs = []
    for (a0, b0), (a1, b1) in pairwise(cuts):
        if a0 >= 0:
            pairs.append((mine[a0], theirs[b0]))
        section_mine, section_theirs = tokens_mine[a0 + 1:a1], tokens_theirs[b0 + 1:b1]
        if section_mine == section_theirs:
            pairs.extend(zip(mine[a0 + 1:a1], theirs[b0 + 1:b1], strict=True))
            continue
        # The structure differs: only a kind of block that occurs once on each side is sure to be the same block,
        # and only in a section without headings of its own (one not named by the other side's could be any).
        if any(block.heading is not None for block in (*mine[a0 + 1:a1], *theirs[b0 + 1:b1])):
            continue
        count_mine, count_theirs = Counter(section_mine), Counter(section_theirs)
        position = {token: index for index, token in enumerate(section_theirs)}
        for index, token in enumerate(section_mine):
            if count_mine[token] == 1 and count_theirs[token] == 1:
                pairs.append((mine[a0 + 1 + index], theirs[b0 + 1 + position[token]]))
    return pairs


def _structure_tokens(mine: list[_Block], theirs: list[_Block]) -> tuple[list[str], list[str]]:
    """What must be equal for two blocks to be paired: the structure; for a heading with an anchor also the English
    heading it names (``h2#3``: the fourth English block), or ``h2#?`` when its anchor names none (never paired)."""
    names: dict[str, list[int]] = defaultdict(list)
    for index, block in enumerate(theirs):
        if block.heading is not None:
            for name in heading_names(block.heading):
                names[name].append(index)
    used: set[int] = set()
    tokens_mine = []
    for block in mine:
        token = block.structure
        if block.heading is not None and block.heading.anchor:
            named = next((index for index in names.get(block.heading.anchor, []) if index not in used), None)
            if named is not None and theirs[named].structure == block.structure:
                used.add(named)
                token = f"{block.structure}#{named}"
            else:
                token = f"{block.structure}#?"
        tokens_mine.append(token)
    tokens_theirs = [f"{block.structure}#{index}" if index in used else block.structure
                     for index, block in enumerate(theirs)]
    return tokens_mine, tokens_theirs


def _sentence_pairs(text: str, mine: _Block, theirs: _Block) -> list[MemoryEntry]:
    """Sentence by sentence when both blocks have as many; the whole translated block when the English block is
    one sentence; else nothing. A translated sentence runs on over letterless text after it (a closing ``**``)."""
    sources = [segment.text for segment in theirs.segments]
    if not sources or not mine.segments:
        return []
    spans = _extended(text, [(segment.start, segment.end) for segment in mine.segments], mine.end)
    if len(spans) == len(sources):
        targets = [text[a:b] for a, b in spans]
    elif len(sources) == 1:
        targets = [text[spans[0][0]:spans[-1][1]]]
    else:
        return []
    return [MemoryEntry(source, target) for source, target in zip(sources, targets, strict=True)
            if _same_markup(source, target)]
