"""How many of Microsoft's English segments does ``locdocs.export.segmenter`` reproduce?

A handoff with span markup wraps every segment as ``<span data-ttu-id>…</span><span class="sxs-lookup"><span
data-stu-id>ENGLISH</span></span>``: the ``sxs-lookup`` sources, in order, are the English article as Microsoft's
translation pipeline segmented it. For every fair pair (a handoff and the English file it was made from), this
compares that sequence with ``segment_article`` of the English file.

- Fair pairs: the handoff's ``ms.openlocfilehash`` names the English file (SHA-1 or SHA-256 of its bytes as stored
  or with CRLF line ends, without the UTF-8 BOM or, as seen once in ``multilocale/``, with it). The English is then
  exactly what was segmented. Handoffs: ``corpus/*__live-sxs``, ``multilocale/<locale>/`` and the seeds 001 and
  003; English: ``corpus/*/en-us``, ``multilocale/en-us`` and ``seeds/en``.
- Compared: the body segments. Front matter is left out on both sides: no fair handoff has spans in its front
  matter (Microsoft translated title and description there without segment markup), so there is nothing to compare
  our front matter segments with. A handoff with front matter spans would have them counted in ``skipped``.
- Texts are compared after collapsing white space. Microsoft segments without a letter (numbers, code) need no
  translation and are left out, as ``segment_article`` leaves them out.
- A Microsoft segment is reproduced when the alignment of the two sequences (``difflib.SequenceMatcher`` over the
  normalized texts, without its junk heuristic) pairs it with an equal segment of ours. Every other run of
  differences is classified (first rule that holds): ``we split`` / ``they split`` (the same text, cut in more
  pieces by us / by them), ``boundaries differ`` (the same text, cut elsewhere), ``markup`` (equal once tags,
  ``<a name>`` anchors and Markdown emphasis are removed), then by where Microsoft's segment sits in the English:
  ``table cell``, ``list item``, ``HTML block``, ``code``, else ``other``; ``we add`` (segments of ours they do
  not have) does not lower the share and is shown apart.

Run it from the repository root (``make bench-segmentation`` does the same)::

    .venv/bin/python benchmarks/bench_segmentation.py [--examples 3] [--results FILE]

The shared data is found at ``../shared`` next to the repository, or wherever ``LOCDOCS_SHARED`` points. The exit
code is 0 whether the target (90 % reproduced) is met or not: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import codecs
import datetime
import hashlib
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import ClassVar

from bench_build import machine
from markdown_it_pyrs import MarkdownIt

from locdocs.export.segmenter import segment_article
from locdocs.segments import has_letter, parse

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LOCDOCS_SHARED", ROOT.parent / "shared"))
TARGET = 0.90
_OPENLOCFILEHASH = re.compile(r"""^ms\.openlocfilehash:[ \t]*["']?([0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)\b""",
                              re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"[*_`\\]")
_MARKDOWN = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class Pair:
    """A handoff with span markup and the English file its ``ms.openlocfilehash`` names."""

    group: str
    """The data set and the English repository, such as ``corpus NuGet__docs.microsoft.com-nuget``."""
    handoff: Path
    english: Path


def _hash_forms(data: bytes) -> list[bytes]:
    """The English bytes as a pipeline may have hashed them: without the BOM (or with it), as stored or CRLF."""
    forms = []
    for form in (data.removeprefix(codecs.BOM_UTF8), data):
        forms += [form, form.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")]
    return forms


def fair_pairs(shared: Path = SHARED) -> list[Pair]:
    """Every handoff with spans whose ``ms.openlocfilehash`` is a hash of an English file of the data."""
    englishes: dict[str, tuple[str, Path]] = {}
    sources = [(f"corpus {path.relative_to(shared / 'corpus').parts[0]}", path)
               for path in sorted(shared.glob("corpus/*/en-us/**/*.md"))]
    sources += [(f"multilocale {path.relative_to(shared / 'multilocale/en-us').parts[0]}", path)
                for path in sorted(shared.glob("multilocale/en-us/**/*.md"))]
    sources += [("seeds", path) for path in sorted(shared.glob("seeds/en/*.md"))]
    for group, path in sources:
        for form in _hash_forms(path.read_bytes()):
            for algorithm in ("sha1", "sha256"):
                englishes.setdefault(hashlib.new(algorithm, form).hexdigest(), (group, path))
    handoffs = sorted(shared.glob("corpus/*__live-sxs/**/*.md"))
    handoffs += sorted(path for path in shared.glob("multilocale/*/**/*.md")
                       if path.relative_to(shared / "multilocale").parts[0] != "en-us")
    handoffs += sorted(shared.glob("seeds/[0-9][0-9][0-9]_*.txt"))
    pairs = []
    for handoff in handoffs:
        found = _OPENLOCFILEHASH.search(handoff.read_text("utf-8", errors="replace"))
        if found and found[1].lower() in englishes and "data-stu-id" in handoff.read_text("utf-8", errors="replace"):
            group, english = englishes[found[1].lower()]
            pairs.append(Pair(group, handoff, english))
    return pairs


def normalized(text: str) -> str:
    return " ".join(text.split())


def microsoft_segments(handoff_text: str) -> tuple[list[str], int]:
    """The normalized English sources of a handoff's body segments that have a letter, and how many front matter
    segments were left out."""
    segments = parse(handoff_text).segments
    body = [normalized(s.source) for s in segments if not s.in_front_matter]
    return [s for s in body if has_letter(s)], sum(s.in_front_matter for s in segments)


def english_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


def our_segments(text: str) -> list[str]:
    return [normalized(s.text) for s in segment_article(text) if s.kind != "front-matter"]


def _stripped(pieces: list[str]) -> str:
    """Pieces joined without tags, anchors, emphasis marks and white space, to compare what is said."""
    return "".join(_EMPHASIS.sub("", _TAG.sub("", "".join(pieces))).split())


class _Blocks:
    """The kind of block (table cell, list item, HTML block, code) at a position of an English article."""

    KINDS: ClassVar[dict[str, str]] = {"table": "table cell", "list_item": "list item", "html_block": "HTML block",
                                       "code_block": "code", "fence": "code"}

    def __init__(self, text: str) -> None:
        self.text = text
        data = text.encode("utf-8")
        self.ranges: list[tuple[int, int, str]] = []
        for node in _MARKDOWN.tree(text).walk():
            kind = self.KINDS.get(node.name)
            if kind and node.srcmap:
                start = len(data[:node.srcmap[0]].decode("utf-8", errors="ignore"))
                end = len(data[:node.srcmap[1]].decode("utf-8", errors="ignore"))
                self.ranges.append((start, end, kind))

    def kind_of(self, segment: str) -> str:
        """The innermost classified block holding the first occurrence of ``segment`` (white space free)."""
        words = segment.split()
        if not words:
            return "other"
        pattern = r"\s+".join(map(re.escape, words))
        found = re.search(pattern, self.text)
        if found is None:
            return "other"
        holding = [(end - start, kind) for start, end, kind in self.ranges if start <= found.start() < end]
        if not holding:
            return "other"
        order = ("code", "HTML block", "table cell", "list item")
        return min(holding, key=lambda item: (order.index(item[1]), item[0]))[1]


def classify(theirs: list[str], ours: list[str], blocks: _Blocks) -> str:
    if not theirs:
        return "we add"
    if ours and normalized(" ".join(theirs)) == normalized(" ".join(ours)):
        if len(ours) > len(theirs):
            return "we split"
        if len(theirs) > len(ours):
            return "they split"
        return "boundaries differ"
    if ours and _stripped(theirs) == _stripped(ours):
        return "markup"
    return blocks.kind_of(theirs[0])


@dataclass
class Result:
    pairs: int = 0
    microsoft: int = 0
    reproduced: int = 0
    ours: int = 0
    skipped: int = 0
    differences: Counter = field(default_factory=Counter)
    """Microsoft segments not reproduced, by kind of difference (``we add``: our segments)."""
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, other: Result) -> None:
        self.pairs += other.pairs
        self.microsoft += other.microsoft
        self.reproduced += other.reproduced
        self.ours += other.ours
        self.skipped += other.skipped
        self.differences.update(other.differences)
        for kind, examples in other.examples.items():
            self.examples[kind].extend(examples)

    @property
    def share(self) -> float:
        return self.reproduced / self.microsoft if self.microsoft else 1.0


def compare(pair: Pair, examples: int = 3) -> Result:
    """Align Microsoft's segments of one pair with ours and classify every difference."""
    theirs, skipped = microsoft_segments(pair.handoff.read_text("utf-8"))
    english = english_text(pair.english)
    ours = our_segments(english)
    result = Result(pairs=1, microsoft=len(theirs), ours=len(ours), skipped=skipped)
    blocks: _Blocks | None = None
    matcher = SequenceMatcher(None, theirs, ours, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.reproduced += i2 - i1
            continue
        blocks = blocks or _Blocks(english)
        kind = classify(theirs[i1:i2], ours[j1:j2], blocks)
        result.differences[kind] += (i2 - i1) if i2 > i1 else (j2 - j1)
        if len(result.examples[kind]) < examples:
            result.examples[kind].append(
                f"{pair.english.name} (from {pair.handoff.relative_to(SHARED)}):\n"
                + "".join(f"      Microsoft: {_short(s)}\n" for s in theirs[i1:i2])
                + "".join(f"      ours:      {_short(s)}\n" for s in ours[j1:j2]))
    return result


def _short(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def measure(shared: Path = SHARED, examples: int = 3) -> dict[str, Result]:
    """Results per group of pairs."""
    results: dict[str, Result] = defaultdict(Result)
    for pair in fair_pairs(shared):
        results[pair.group].add(compare(pair, examples))
    return dict(results)


def timing(shared: Path = SHARED) -> tuple[int, int, float, str, int, float]:
    """(files, characters, seconds) to segment every English file of the data once (best of 3), and the largest
    file's name, size and best time."""
    texts = {path: english_text(path) for path in sorted({p.english for p in fair_pairs(shared)})}
    total = min(_seconds(list(texts.values())) for _ in range(3))
    largest = max(texts, key=lambda path: len(texts[path]))
    return (len(texts), sum(map(len, texts.values())), total, largest.name, len(texts[largest]),
            min(_seconds([texts[largest]]) for _ in range(3)))


def largest_files(shared: Path = SHARED, count: int = 2) -> list[Path]:
    """The largest Markdown files of the shared data (handoffs of 160k characters and more)."""
    files = [path for path in shared.glob("*/**/*.md") if path.is_file()]
    return sorted(files, key=lambda path: path.stat().st_size, reverse=True)[:count]


def _seconds(texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        segment_article(text)
    return time.perf_counter() - start


def report(results: dict[str, Result], examples: int) -> list[str]:
    total = Result()
    for result in results.values():
        total.add(result)
    lines = [f"{'group':<60} {'pairs':>5} {'Microsoft':>9} {'ours':>6} {'reproduced':>10} {'share':>7}"]
    for group, result in sorted(results.items()):
        lines.append(f"{group:<60} {result.pairs:>5} {result.microsoft:>9} {result.ours:>6} "
                     f"{result.reproduced:>10} {result.share:>7.1%}")
    lines.append(f"{'all':<60} {total.pairs:>5} {total.microsoft:>9} {total.ours:>6} {total.reproduced:>10} "
                 f"{total.share:>7.1%}")
    verdict = "PASS" if total.share >= TARGET else "MISS"
    lines.append(f"share of Microsoft's segments reproduced: {total.share:.1%}   target >= {TARGET:.0%}  {verdict}")
    if total.skipped:
        lines.append(f"front matter segments of Microsoft left out: {total.skipped}")
    lines.append("")
    lines.append("differences (Microsoft segments not reproduced; 'we add': segments of ours only):")
    for kind, count in total.differences.most_common():
        lines.append(f"  {kind}: {count}")
        for example in total.examples[kind][:examples]:
            lines.append(f"    {example.rstrip()}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3, help="examples shown per kind of difference")
    parser.add_argument("--results", type=Path, help="also write the report into this Markdown file")
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        print(f"no shared data at {SHARED} (set LOCDOCS_SHARED)", file=sys.stderr)
        return 0
    start = time.perf_counter()
    results = measure(SHARED, args.examples)
    elapsed = time.perf_counter() - start
    lines = report(results, args.examples)
    files, characters, seconds, largest, size, largest_seconds = timing(SHARED)
    lines.append("")
    lines.append(f"segment_article: {files} English files, {characters:,} characters in {seconds:.3f} s "
                 f"({characters / seconds / 1e6:.2f} M characters/s, best of 3); the largest ({largest}, "
                 f"{size:,} characters) in {largest_seconds * 1000:.0f} ms")
    for path in largest_files(SHARED):
        text = english_text(path)
        lines.append(f"segment_article of {path.relative_to(SHARED)} ({len(text):,} characters, a handoff read as "
                     f"Markdown): {min(_seconds([text]) for _ in range(3)) * 1000:.0f} ms (target: well under 1 s)")
    lines.append(f"the whole comparison (parsing handoffs, segmenting, aligning, classifying) took {elapsed:.2f} s")
    print("\n".join(lines))
    if args.results:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=False).stdout.strip()
        args.results.write_text(
            "# `bench_segmentation.py` results\n\n"
            f"What `make bench-segmentation` printed on {datetime.date.today()} at commit {commit or '?'} "
            f"({machine()}). How the pairs are chosen and the differences classified: the script's docstring and "
            "`README.md`.\n\n```\n" + "\n".join(lines) + "\n```\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
