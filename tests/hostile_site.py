"""The test site of tests/hostile_vectors.py, what Chromium does with its pages, and a versioned repository whose
older version alone shows a hostile handoff.

``write_site(root)`` writes one English article and one Swedish translation per vector (handoffs ingested with a
real ``locdocs ingest``), ``run_mkdocs`` builds it, ``observe(base_url, paths)`` opens pages in Chromium with every
request to another host aborted and recorded, and ``check_findings(root)`` runs ``locdocs check --format json``.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from hostile_vectors import ALLOWED_HOST, VERSIONED_PAYLOAD, Vector

MARKER = "LOCDOCS-XSS"
SETTLE_MS = 300
"""How long a page is watched after its load event (timers, animations, autofocus, meta refresh 0)."""

MKDOCS_YML = """\
site_name: Hostile translations
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
  language: en
  font: false
nav:
  - index.md       # the articles stay out of the navigation: a page shows its own title only
markdown_extensions:
  - toc
  - tables
  - attr_list
  - md_in_html
  - admonition
  - abbr
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tasklist
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      reconfigure_material: true
      languages:
        - {locale: en, name: English, default: true, build: true}
        - {locale: sv, name: Svenska, build: true}
  - locdocs:
      exclude: [index.md]
"""

REDIRECT_TEMPLATE = """\
<!doctype html>
<html lang="{{ config.theme.language }}">
<head>
  <meta charset="utf-8">
  <title>Redirecting</title>
  <meta http-equiv="refresh" content="0; url={{ page.meta.location }}">
  <script>location.replace({{ page.meta.location | tojson }});</script>
</head>
<body><a href="{{ page.meta.location }}">{{ page.meta.location }}</a></body>
</html>
"""
"""A template the site offers for moved articles (``template: redirect.html`` + ``location:``): which article
uses it is the English article's choice, never a translation's."""

PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5E"
                         "rkJggg==")

ENGLISH_FRONT_MATTER = {
    "title": "Test article",
    "description": "An article of the hostile translation tests.",
    "author": "locdocs-tests",
    "ms.topic": "article",
    "ms.date": "01/01/2024",
}
SWEDISH_FRONT_MATTER = {
    "title": "Testartikel",
    "description": "En artikel i testerna.",
    "author": "locdocs-tests",
    "ms.topic": "article",
    "ms.date": "01/01/2024",
}
ENGLISH_BODY = "# Test article\n\nThis article is part of the hostile translation tests.\n"
SWEDISH_BODY = '# <a name="test-article"></a>Testartikel\n\nDen här artikeln ingår i testerna.\n'

# The span-marked handoff's article: its English, and the segments (id, Swedish, English) in the handoff.
HANDOFF_ENGLISH_BODY = ("# Test article\n\nFollow the steps. Pay the balance.\n\n## Steps\n\nContact support.\n")
SEGMENTS = {
    "t-1": ("Testartikel", "Test article"),
    "s-1": ("Testartikel", "Test article"),
    "s-2": ("Följ stegen.", "Follow the steps."),
    "s-3": ("Betala saldot.", "Pay the balance."),
    "s-4": ("Steg", "Steps"),
    "s-5": ("Kontakta supporten.", "Contact support."),
}
HANDOFF_ORIGINALS = ("Follow the steps.", "Pay the balance.", "Contact support.")
"""The English originals a clean machine-translated handoff's page shows (headings have none)."""


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _yaml_value(value: str) -> str:
    return json.dumps(value, ensure_ascii=False) if re.search(r"[:#\"'<>&{}\[\]]", value) else value


def front_matter(entries: dict[str, str], extra: str = "") -> str:
    """``---`` YAML ``---``: ``entries`` in order, except the keys that ``extra`` (raw YAML lines) sets itself."""
    overridden = {line.split(":", 1)[0].strip() for line in extra.splitlines() if line and not line[0].isspace()}
    lines = [f"{key}: {_yaml_value(value)}" for key, value in entries.items() if key not in overridden]
    return "---\n" + "\n".join(lines) + ("\n" + extra if extra else "") + "\n---\n"


def english_article(vector: Vector) -> str:
    if vector.place.startswith(("handoff", "xliff")):
        return front_matter(ENGLISH_FRONT_MATTER) + HANDOFF_ENGLISH_BODY
    return front_matter(ENGLISH_FRONT_MATTER) + ENGLISH_BODY + (f"\n{vector.english}\n" if vector.english else "")


def swedish_article(vector: Vector, english_hash: str) -> str:
    locale_keys = {"ms.openlocfilehash": english_hash, "ms.translationtype": "MT" if vector.mt else "HT",
                   "ms.contentlocale": "sv-SE", "ms.lasthandoff": "01/02/2024"}
    extra = vector.payload if vector.place == "front-matter" else ""
    body = SWEDISH_BODY if vector.place == "front-matter" else f"{SWEDISH_BODY}\n{vector.payload}\n"
    return front_matter({**SWEDISH_FRONT_MATTER, **locale_keys}, extra) + body


def _pair(segment_id: str, translation: str, source: str, quote: str = '"') -> str:
    return (f"<span data-ttu-id={quote}{segment_id}{quote}>{translation}</span><span class={quote}sxs-lookup{quote}>"
            f"<span data-stu-id={quote}{segment_id}{quote}>{source}</span></span>")


def handoff(vector: Vector, english_hash: str) -> str:
    """A span-marked handoff of the test article, the vector's payload on the side its place says."""
    texts = {segment_id: list(pair) for segment_id, pair in SEGMENTS.items()}
    payload = vector.payload
    target = {"handoff-translation": ("s-2", 0), "handoff-heading": ("s-4", 0), "handoff-title": ("t-1", 0),
              "handoff-source": ("s-2", 1)}.get(vector.place)
    if target is not None:
        segment_id, side = target
        texts[segment_id][side] += " " + payload
    elif vector.place == "handoff-both":
        texts["s-2"][0] += " " + payload
        texts["s-3"][1] += " " + payload
    title = _pair("t-1", *texts["t-1"], quote='\\"')
    head = front_matter({**SWEDISH_FRONT_MATTER, "ms.openlocfilehash": english_hash,
                         "ms.sourcegitcommit": "0" * 40, "ms.translationtype": "MT" if vector.mt else "HT",
                         "ms.contentlocale": "sv-SE", "ms.lasthandoff": "01/02/2024", "ms.locfileid": "1"},
                        f'title: "{title}"')
    return (head + f'# <a name="test-article"></a>{_pair("s-1", *texts["s-1"])}\n\n'
            f'{_pair("s-2", *texts["s-2"])} {_pair("s-3", *texts["s-3"])}\n\n'
            f'## <a name="steps"></a>{_pair("s-4", *texts["s-4"])}\n\n{_pair("s-5", *texts["s-5"])}\n')


def allowed_hosts_supported() -> bool:
    """Does the locdocs plugin have the ``allowed_hosts`` option (hosts a translation may link to)?"""
    from locdocs.plugin.options import PluginOptions

    return any(name == "allowed_hosts" for name, _ in PluginOptions._schema)


def locdocs(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "locdocs", *args], cwd=root, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def uses_handoff(vector: Vector) -> bool:
    return vector.place.startswith(("handoff", "xliff"))


def source_file(vector: Vector, locale: str) -> str:
    """The article's path in the repository."""
    return f"docs/{locale}/{vector.id}{'.md' if locale == 'en' else vector.suffix}"


def vector_files(vector: Vector) -> set[str]:
    """The files a finding about the vector may name: the translation, its XLIFF, its raw handoff."""
    files = {source_file(vector, "sv")}
    if uses_handoff(vector):
        files |= {f"l10n/sv/{vector.id}.md.xlf", f"handoffs/{vector.id}.md"}
    return files


def write_site(root: Path, vectors: list[Vector]) -> None:
    """The site's files; every handoff ingested with ``locdocs ingest``; the XLIFF vectors written in."""
    root.mkdir(parents=True, exist_ok=True)
    options = f"      allowed_hosts: [{ALLOWED_HOST}]\n" if allowed_hosts_supported() else ""
    (root / "mkdocs.yml").write_text(MKDOCS_YML + options, encoding="utf-8")
    (root / "overrides").mkdir(exist_ok=True)
    (root / "overrides" / "redirect.html").write_text(REDIRECT_TEMPLATE, encoding="utf-8")
    for locale in ("en", "sv"):
        (root / "docs" / locale).mkdir(parents=True, exist_ok=True)
        (root / "docs" / locale / "index.md").write_text(f"# Hostile translations ({locale})\n", encoding="utf-8")
    (root / "docs" / "en" / "media").mkdir(exist_ok=True)
    (root / "docs" / "en" / "media" / "pixel.png").write_bytes(PIXEL)
    handoffs = root / "handoffs"
    handoffs.mkdir(exist_ok=True)
    for vector in vectors:
        english = english_article(vector).encode("utf-8")
        (root / source_file(vector, "en")).write_bytes(english)
        if uses_handoff(vector):
            (handoffs / f"{vector.id}.md").write_text(handoff(vector, sha1(english)), encoding="utf-8")
        else:
            (root / source_file(vector, "sv")).write_text(swedish_article(vector, sha1(english)), encoding="utf-8")
    if any(uses_handoff(vector) for vector in vectors):
        done = locdocs(root, "ingest", "-q", "--locale", "sv", "handoffs")
        assert done.returncode == 0, done.stderr
    for vector in vectors:
        if vector.place.startswith("xliff-source"):
            xliff = root / "l10n" / "sv" / f"{vector.id}.md.xlf"
            text = xliff.read_text("utf-8")
            old = "<source>Follow the steps.</source>"
            assert text.count(old) == 1, text
            new = vector.payload if vector.place == "xliff-source-raw" else xml_escape(vector.payload)
            xliff.write_text(text.replace(old, f"<source>{new}</source>"), encoding="utf-8")


def page_path(vector: Vector, locale: str) -> str:
    return f"{vector.id}/" if locale == "en" else f"{locale}/{vector.id}/"


def english_page(vector: Vector, baseline: Vector) -> str:
    """The English page a translated page is compared with: its own when the English has a snippet of the
    vector's, else the baseline's (every other English article has the same nothing in it)."""
    return page_path(vector if vector.english else baseline, "en")


def check_findings(root: Path) -> list[dict]:
    """``locdocs check --format json``: its findings (exit 1 when there is an error)."""
    done = locdocs(root, "check", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


# --- Chromium ---------------------------------------------------------------------------------------------------

FEATURES_JS = r"""() => {
  const LOCAL = new Set(["127.0.0.1", "localhost"]);
  const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "data",
    "background", "ping", "srcset", "imagesrcset", "cite", "codebase", "longdesc", "lowsrc", "dynsrc", "manifest"]);
  const ELEMENTS = new Set(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
    "style", "link", "meta", "noscript", "template", "portal", "foreignobject", "animate", "set", "animatemotion",
    "animatetransform", "discard", "use", "image", "annotation-xml", "maction", "math", "textarea", "select",
    "input", "xmp", "noembed", "noframes", "marquee", "title", "video", "audio", "source", "picture", "map",
    "area"]);
  const keys = [], hosts = [];
  const where = (value) => {
    let url;
    try { url = new URL(value, document.baseURI); } catch (error) { return "bad-url"; }
    if (url.protocol === "http:" || url.protocol === "https:") {
      if (!LOCAL.has(url.hostname)) { hosts.push(url.hostname); return "host:" + url.hostname; }
      return "local";
    }
    return url.protocol;
  };
  const visit = (root) => {
    for (const element of root.querySelectorAll("*")) {
      const tag = element.localName.toLowerCase();
      if (element.shadowRoot) { keys.push("shadow-root:" + tag); visit(element.shadowRoot); }
      if (ELEMENTS.has(tag) && !(tag === "script" && element.type === "application/json")) {
        const url = element.getAttribute("src") || element.getAttribute("href") || element.getAttribute("data")
          || element.getAttribute("action") || "";
        const detail = tag === "meta" ? (element.getAttribute("http-equiv") || element.getAttribute("name")
          || "").toLowerCase() : tag === "link" ? (element.rel || "") : tag === "input" ? element.type
          : (tag === "script" || tag === "style") && element.closest("article")
            ? element.textContent.trim().slice(0, 300) : "";  // the theme's own scripts differ by page depth
        const kind = url ? where(url) : "";
        // Another host's resource is told apart by its whole URL: "the same element with the same URL".
        const target = kind.startsWith("host:") ? new URL(url, document.baseURI).href : kind;
        keys.push("element:" + tag + ":" + detail + ":" + target);
      }
      for (const name of element.getAttributeNames()) {
        const value = element.getAttribute(name);
        const lower = name.toLowerCase();
        if (lower.startsWith("on")) {
          keys.push("handler:" + tag + "." + lower + "=" + value);
        } else if (lower === "style") {
          // The theme's scripts set positions and heights on its own chrome (the sidebars' top and height, at
          // times that vary with the machine's load): only the page's content, where a translation is, counts.
          if (!element.closest(".md-content")) continue;
          if (!((tag === "td" || tag === "th") && /^\s*text-align:\s*(left|right|center);?\s*$/.test(value))) {
            keys.push("style:" + tag + "=" + value);
          }
        } else if (lower === "srcdoc") {
          keys.push("srcdoc:" + tag);
        } else if (URL_ATTRIBUTES.has(lower)) {
          const values = lower === "srcset" || lower === "imagesrcset"
            ? value.split(",").map((part) => part.trim().split(/\s+/)[0])
            : lower === "ping" ? value.split(/\s+/) : [value];
          for (const one of values.filter((v) => v.trim() !== "")) {
            const kind = where(one);
            if (kind !== "local" && kind !== "mailto:" && !kind.startsWith("host:")) {
              keys.push("scheme:" + tag + "." + lower + "=" + kind);
            }
          }
        }
      }
    }
  };
  visit(document);
  const article = document.querySelector("article");
  return {
    keys, hosts,
    text: article ? article.innerText : "",
    code: article ? [...article.querySelectorAll("code")].map((code) => code.textContent) : [],
    originals: [...document.querySelectorAll(".locdocs-original")].map((span) => span.textContent),
    html: article ? article.innerHTML : document.documentElement.outerHTML,
  };
}"""
"""What a page has that could be active: elements that run, load or submit something (with where their URL
leads), event handler and style attributes, URLs of other schemes, and the other hosts any URL attribute names;
also the article's visible text, code and English originals."""


@dataclass
class Observation:
    url: str
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    """Requests to another host (aborted)."""
    navigations: list[str] = field(default_factory=list)
    popups: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    text: str = ""
    code: list[str] = field(default_factory=list)
    originals: list[str] = field(default_factory=list)
    html: str = ""
    error: str | None = None

    @property
    def outside_hosts(self) -> set[str]:
        return {urlsplit(url).hostname or url for url in self.outside}

    def problems(self, english: Observation, allowed_hosts: frozenset[str] = frozenset()) -> list[str]:
        """What this translated page does or has that its English page does not."""
        hosts = (set(english.hosts) | english.outside_hosts | allowed_hosts)
        problems = [f"dialog {d!r}" for d in self.dialogs] + [f"console {c!r}" for c in self.console]
        problems += [f"request to another host: {url}" for url in self.outside
                     if (urlsplit(url).hostname or url) not in hosts]
        problems += [f"navigated to {url}" for url in self.navigations] + [f"popup {url}" for url in self.popups]
        extra = Counter(self.keys) - Counter(english.keys)
        problems += [f"has {key}" for key in sorted(extra)]
        problems += [f"links to another host: {host}" for host in sorted(set(self.hosts) - hosts)]
        if self.error:
            problems.append(f"error: {self.error}")
        return problems


def _strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]


OUTSIDE = re.compile(r"^(?!https?://(?:127\.0\.0\.1|localhost)[:/])")
"""Every URL but the local server's: only these requests are intercepted (matched inside the browser)."""


class _Worker:
    """One tab of the shared browser context, visiting pages one after the other; what happens is recorded on the
    page being visited (between two pages the tab shows about:blank and records nothing)."""

    def __init__(self, page, unattributed: Observation) -> None:
        self.page = page
        self.current: Observation | None = None
        self.unattributed = unattributed

    def _target(self) -> Observation:
        return self.current or self.unattributed

    async def start(self) -> None:
        page = self.page

        async def route(route) -> None:
            self._target().outside.append(route.request.url)
            await route.abort()

        async def dialog(event) -> None:
            self._target().dialogs.append(f"{event.type}: {event.message}")
            await event.dismiss()

        def navigated(frame) -> None:
            current = self.current
            if current is not None and frame == page.main_frame and \
                    _strip_fragment(frame.url) != _strip_fragment(current.url):
                current.navigations.append(frame.url)

        await page.route(OUTSIDE, route)
        page.on("dialog", dialog)
        page.on("console", lambda message: self._target().console.append(message.text)
                if MARKER in message.text else None)
        page.on("framenavigated", navigated)
        page.on("popup", lambda popup: self._target().popups.append(popup.url))

    async def visit(self, url: str) -> Observation:
        observation = self.current = Observation(url)
        page = self.page
        try:
            await page.goto(url, wait_until="load", timeout=20_000)
            await page.wait_for_timeout(SETTLE_MS)
            try:
                found = await page.evaluate(FEATURES_JS)
            except Exception:  # noqa: BLE001 - the page navigated away meanwhile: look at what it is now
                await page.wait_for_load_state("load")
                found = await page.evaluate(FEATURES_JS)
            observation.keys, observation.hosts = found["keys"], found["hosts"]
            observation.text, observation.code = found["text"], found["code"]
            observation.originals, observation.html = found["originals"], found["html"]
        except Exception as error:  # noqa: BLE001 - a page that cannot be observed is a finding of its own
            observation.error = f"{type(error).__name__}: {error}"
        finally:
            self.current = None
            await page.goto("about:blank")
        return observation


async def _observe(base_url: str, paths: list[str], tabs: int) -> tuple[dict[str, Observation], Observation]:
    from playwright.async_api import async_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    unattributed = Observation("(no page)")
    queue = list(reversed(paths))
    results: dict[str, Observation] = {}

    async def work(context) -> None:
        worker = _Worker(await context.new_page(), unattributed)
        await worker.start()
        while queue:
            path = queue.pop()
            results[path] = await worker.visit(base_url + path)

    async def route(route) -> None:  # a request no tab's own route took (a popup's, a worker's)
        unattributed.outside.append(route.request.url)
        await route.abort()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            await context.route(OUTSIDE, route)
            await asyncio.gather(*(work(context) for _ in range(tabs)))
        finally:
            await browser.close()
    return results, unattributed


def observe(base_url: str, paths: list[str], tabs: int = 4) -> tuple[dict[str, Observation], Observation]:
    """Open each page (``base_url`` + path) in Chromium, ``tabs`` at a time in one browser context, and return
    what each did, and what no page could be blamed for (requests of popups or workers). Runs in a thread of its
    own: the asyncio loop never meets the sync Playwright of other tests in this process."""
    result: list[tuple[dict[str, Observation], Observation]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(asyncio.run(_observe(base_url, paths, tabs)))
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            errors.append(error)

    thread = threading.Thread(target=run, name="hostile-pages")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


# --- a versioned repository whose older version alone shows a hostile handoff -----------------------------------

VERSIONED_MKDOCS_YML = """\
site_name: Versioned hostile translations
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: en
  font: false
nav:
  - index.md
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      reconfigure_material: true
      languages:
        - {locale: en, name: English, default: true, build: true}
        - {locale: sv, name: Svenska, build: true}
  - locdocs:
      exclude: [index.md]
"""
VERSIONED_ARTICLE = "article.md"
OLDER, NEWER = "1.0", "2.0"


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _versioned_handoff(english_hash: str, translation: str) -> str:
    head = front_matter({**SWEDISH_FRONT_MATTER, "ms.openlocfilehash": english_hash, "ms.translationtype": "HT",
                         "ms.contentlocale": "sv-SE", "ms.lasthandoff": "01/02/2024"})
    return (head + f'# <a name="test-article"></a>{_pair("v-1", "Testartikel", "Test article")}\n\n'
            f'{_pair("v-2", translation, "Follow the steps.")}\n')


def write_versioned_repo(repo: Path) -> None:
    """Two English revisions in git history; versions.yml publishes both; content/handoffs.tsv lists a clean
    handoff made for the newer revision and a hostile one made for the older: only version OLDER shows it."""
    repo.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / "mkdocs.yml").write_text(VERSIONED_MKDOCS_YML, encoding="utf-8")
    for locale in ("en", "sv"):
        (repo / "docs" / locale).mkdir(parents=True)
        (repo / "docs" / locale / "index.md").write_text(f"# Home ({locale})\n", encoding="utf-8")
    english = repo / "docs" / "en" / VERSIONED_ARTICLE
    older = (front_matter(ENGLISH_FRONT_MATTER) + "# Test article\n\nFollow the steps.\n").encode()
    newer = older + b"\nThen pay the balance.\n"
    hashes = {}
    for name, data in ((OLDER, older), (NEWER, newer)):
        english.write_bytes(data)
        hashes[name] = sha1(data)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"English {name}")
    handoffs = repo / "content" / "handoffs"
    handoffs.mkdir(parents=True)
    (handoffs / "older.md").write_text(_versioned_handoff(hashes[OLDER], f"Följ stegen. {VERSIONED_PAYLOAD}"),
                                       encoding="utf-8")
    (handoffs / "newer.md").write_text(_versioned_handoff(hashes[NEWER], "Följ stegen."), encoding="utf-8")
    (repo / "content" / "handoffs.tsv").write_text(
        f"# handoff\tarticle\nolder.md\t{VERSIONED_ARTICLE}\nnewer.md\t{VERSIONED_ARTICLE}\n", encoding="utf-8")
    (repo / "versions.yml").write_text(
        f'default: latest\nversions:\n  - version: "{NEWER}"\n    aliases: [latest]\n    english:\n'
        f"      {VERSIONED_ARTICLE}: {hashes[NEWER]}\n"
        f'  - version: "{OLDER}"\n    english:\n      {VERSIONED_ARTICLE}: {hashes[OLDER]}\n', encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Handoffs and versions")
