"""Translations are untrusted input: what their rendered HTML may contain.

The English articles are written and reviewed in this repository; a translation comes from a vendor, machine
translation or a contributor. So the rendered HTML of every translated page goes through ``sanitize``, an
allowlist of the elements and attributes that Markdown and its extensions produce, and URLs that are relative,
fragments, ``mailto:`` or ``http(s)`` to a host the English article links to (or one the site allows). Anything
else is removed unless the English page of the same article has it too: the same element with the same URL (a video
embed), the same attribute with the same value (a ``target`` or a ``style``).

``sanitize`` returns the clean HTML and what it removed. The build publishes the first; ``locdocs check`` reports the
second (rule ``unsafe-content``): what CI reports is what the build strips.

Two well-kept HTML5 parsers do the work, never regular expressions: lexbor (selectolax) gives the tree our policy
walks, element by element, recording each removal; ammonia (nh3) then cleans the result again with the same
decisions, so a mistake in the walk, or markup that a second parse reads differently (mutation XSS), still cannot
put active content on the page. Text is never touched: code that documents ``<script>`` stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
from selectolax.lexbor import LexborHTMLParser, LexborNode

# What Python-Markdown, its standard extensions, pymdownx and Material's icons produce.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul", "var", "wbr", "article", "aside", "footer", "header", "nav", "section", "hgroup",
    # inline SVG icons and emoji
    "svg", "path", "g", "circle", "ellipse", "line", "polygon", "polyline", "rect",
})
# Removed with what they hold: their content is code, a document of its own or a fallback, never the page's text.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "noembed",
    "noframes", "xmp", "plaintext", "textarea", "title", "select", "audio", "video", "canvas", "base", "meta",
    "link", "param", "source", "track", "area", "map", "portal", "dialog",
})
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "hidden", "role"})
ATTRIBUTES = {
    "a": {"href", "name", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"align", "colspan", "rowspan"}, "th": {"align", "colspan", "rowspan", "scope"},
    "col": {"span", "width"}, "colgroup": {"span", "width"},
    "ol": {"start", "type", "reversed"}, "li": {"value"},
    "input": {"type", "checked", "disabled"},
    "details": {"open"}, "time": {"datetime"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}
_SVG_ATTRIBUTES = frozenset({
    "viewbox", "xmlns", "width", "height", "fill", "fill-rule", "clip-rule", "stroke", "stroke-width",
    "stroke-linecap", "stroke-linejoin", "transform", "d", "x", "y", "cx", "cy", "r", "rx", "ry", "points", "x1",
    "y1", "x2", "y2", "focusable", "preserveaspectratio", "opacity",
})
for _tag in ("svg", "path", "g", "circle", "ellipse", "line", "polygon", "polyline", "rect"):
    ATTRIBUTES[_tag] = set(_SVG_ATTRIBUTES)
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "data", "poster", "background",
                            "srcset", "xlink:href", "longdesc", "dynsrc", "lowsrc"})
SCHEMES = frozenset({"http", "https", "mailto"})
# Material's scripts act on data-md-* attributes; every other data-* attribute only carries data.
_DATA_ATTRIBUTE = re.compile(r"data-(?!md-)[a-z0-9_.:-]+\Z")
# Python-Markdown's tables align their cells with a style attribute, and with nothing else.
_CELL_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center|justify)\s*;?\s*\Z")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what browsers strip from both ends of a URL
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL: "java\tscript:" is "javascript:"


@dataclass(frozen=True)
class Removal:
    """One thing that ``sanitize`` took out of a translated page."""

    what: str
    """What went, e.g. "onclick attribute of <p>"."""
    why: str
    needle: str
    """Text to look for in the Markdown source to say where it was."""

    def __str__(self) -> str:
        return f"removed {self.what}: {self.why}"


@dataclass
class Sanitized:
    html: str
    removals: list[Removal] = field(default_factory=list)


@dataclass(frozen=True)
class English:
    """What the English page of an article has that the policy would remove from a translation: the translation
    may keep the same."""

    attributes: frozenset[tuple[str, str, str]] = frozenset()
    """(tag, attribute, value) of every element of the English page."""
    elements: frozenset[tuple[str, tuple[tuple[str, str], ...]]] = frozenset()
    """(tag, its URL attributes and, for scripts and styles, its text) of every element."""
    hosts: frozenset[str] = frozenset()
    """The hosts its links and images point to."""

    @classmethod
    def of(cls, html: str) -> English:
        attributes: set[tuple[str, str, str]] = set()
        elements: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        hosts: set[str] = set()
        for node in _elements(_body(html).body):
            tag, attrs = node.tag or "", _attributes(node)
            attributes.update((tag, name, value) for name, value in attrs.items())
            elements.add((tag, _signature(node, attrs)))
            for name in URL_ATTRIBUTES & attrs.keys():
                host = _host(attrs[name])
                if host:
                    hosts.add(host)
        return cls(frozenset(attributes), frozenset(elements), frozenset(hosts))

    def __or__(self, other: English) -> English:
        return English(self.attributes | other.attributes, self.elements | other.elements, self.hosts | other.hosts)


NO_ENGLISH = English()


class Policy:
    """The decisions, for one translated page: ``sanitize`` walks the tree with them, and ammonia applies them
    again."""

    def __init__(self, allowed_hosts: Iterable[str], english: English) -> None:
        self.english = english
        self.hosts = frozenset(host.lower().rstrip(".") for host in allowed_hosts) | english.hosts

    def element(self, node: LexborNode) -> str | None:
        """None to keep the element, else "drop" (with its content) or "unwrap" (keep its content)."""
        tag = node.tag or ""
        if tag in ALLOWED_TAGS and (tag != "input" or (node.attributes.get("type") or "").lower() == "checkbox"):
            return None
        if (tag, _signature(node, _attributes(node))) in self.english.elements:
            return None
        return "drop" if tag in DROPPED_WITH_CONTENT or tag == "input" else "unwrap"

    def attribute(self, tag: str, name: str, value: str) -> Removal | None:
        """None to keep the attribute, else why it goes."""
        if (tag, name, value) in self.english.attributes:
            return None
        if not (name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ()) or name.startswith("aria-")
                or _DATA_ATTRIBUTE.match(name) or (name == "style" and tag in ("td", "th")
                                                   and _CELL_ALIGN.match(value))):
            return Removal(f"the {name} attribute of <{tag}>", "the English article has no such attribute", name)
        if name in URL_ATTRIBUTES:
            return self.url(tag, name, value)
        return None

    def url(self, tag: str, name: str, value: str) -> Removal | None:
        url = _as_read(value)
        scheme = _SCHEME.match(url)
        if scheme is not None and scheme.group(1).lower() not in SCHEMES:
            return Removal(f"the {scheme.group(1).lower()}: URL in the {name} of <{tag}>",
                           "links and images may be http, https, mailto or relative", value or name)
        if scheme is None and not url.startswith("//"):
            return None  # relative, or a fragment
        if scheme is not None and scheme.group(1).lower() == "mailto":
            return None
        host = _host(url)
        if host is None:
            return Removal(f"the URL {value[:60]!r} in the {name} of <{tag}>", "it names no readable host",
                           value or name)
        if host not in self.hosts:
            return Removal(f"the {'link' if tag == 'a' else tag} to {host}", "the English article does not link "
                           "to that host (the plugin option allowed_hosts can allow it)", value)
        return None

    def nh3_options(self, kept_tags: set[str]) -> dict:
        tags = set(ALLOWED_TAGS) | kept_tags
        return {
            "tags": tags,
            "clean_content_tags": set(DROPPED_WITH_CONTENT) - tags,
            "attributes": {},
            "generic_attribute_prefixes": {""},  # every attribute goes through attribute_filter: our decisions
            "attribute_filter": lambda tag, name, value: (
                value if self.attribute(tag, name.lower(), value) is None else None),
            "url_schemes": set(SCHEMES) | {scheme for _, name, value in self.english.attributes
                                           if name in URL_ATTRIBUTES and (scheme := _scheme(value))},
            "link_rel": None,  # links stay as the English has them
            "strip_comments": True,
        }


def sanitize(html: str, english: Callable[[], English], allowed_hosts: Iterable[str] = ()) -> Sanitized:
    """The HTML of a translated page with what its English page lacks taken out, and what was taken out.

    ``english`` is called only when something would be removed (most pages have nothing of the kind): it renders
    the English page, which may then allow what it has too.
    """
    policy = Policy(allowed_hosts, NO_ENGLISH)
    tree, kept = _body(html), set[str]()
    removals = _walk(tree, policy, kept)
    if removals:
        policy = Policy(allowed_hosts, english())
        tree, kept = _body(html), set()
        removals = _walk(tree, policy, kept)
    cleaned = (tree.body.inner_html or "") if tree.body is not None else ""
    return Sanitized(nh3.clean(cleaned, **policy.nh3_options(kept)), removals)


_NO_SUCH_ELEMENT = "the English article has no such element with the same URL"


def _walk(tree: LexborHTMLParser, policy: Policy, kept: set[str]) -> list[Removal]:
    """Apply the policy to every element of the tree, in document order (iteratively: hostile nesting may be deep);
    ``kept`` collects the tags outside the allowlist that the English allows."""
    removals: list[Removal] = []
    # A <body> or <html> tag in the page's HTML lends its attributes (onload…) to the page's own element: the
    # serialized content leaves them out, and each is reported.
    for node in (tree.root, tree.body):
        for name in node.attributes if node is not None else ():
            removals.append(Removal(f"the {name} attribute of <{node.tag}>",  # type: ignore[union-attr]
                                    "the English article has no such attribute", name))
    stack = list(tree.body.iter(include_text=False))[::-1] if tree.body is not None else []
    while stack:
        node = stack.pop()
        if not node.is_element_node:
            continue
        tag = node.tag or ""
        children = list(node.iter(include_text=False))[::-1]
        decision = policy.element(node)
        if decision == "drop":
            removals.append(Removal(f"the <{tag}> element and its content", _NO_SUCH_ELEMENT, f"<{tag}"))
            node.decompose()
            continue
        if decision == "unwrap":
            removals.append(Removal(f"the <{tag}> element (its text is kept)", _NO_SUCH_ELEMENT, f"<{tag}"))
            node.unwrap()
            stack.extend(children)
            continue
        if tag not in ALLOWED_TAGS:
            kept.add(tag)
        for raw_name, value in list(node.attributes.items()):
            name = raw_name.lower()
            removal = policy.attribute(tag, name, value or "")
            if removal is None:
                continue
            removals.append(removal)
            if tag == "img" and name == "src":  # an image without its picture is a broken one: it goes
                node.decompose()
                break
            del node.attrs[raw_name]
        else:
            stack.extend(children)
    return removals


def _body(html: str) -> LexborHTMLParser:
    """The page's HTML parsed as the content of <body>, as the browser parses it in the page: a <base> or <meta> at
    its start stays in the body (where the walk sees it), not in a <head> of its own."""
    return LexborHTMLParser("<body>" + html)


def _elements(root: LexborNode | None) -> Iterable[LexborNode]:
    if root is None:
        return
    stack = list(root.iter(include_text=False))[::-1]
    while stack:
        node = stack.pop()
        if node.is_element_node:
            yield node
            stack.extend(list(node.iter(include_text=False))[::-1])


def _attributes(node: LexborNode) -> dict[str, str]:
    return {name.lower(): value or "" for name, value in node.attributes.items()}


def _signature(node: LexborNode, attrs: dict[str, str]) -> tuple[tuple[str, str], ...]:
    urls = tuple(sorted((name, value) for name, value in attrs.items() if name in URL_ATTRIBUTES or name == "srcdoc"))
    if node.tag in ("script", "style"):
        return (*urls, ("#text", node.text(deep=True)))
    return urls


def _as_read(url: str) -> str:
    """A URL as a browser reads it: tabs and newlines dropped, control characters and spaces stripped from its ends,
    backslashes as slashes ("/\\evil.example" is "//evil.example")."""
    return _URL_NOISE.sub("", url).strip(_C0_AND_SPACE).replace("\\", "/")


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_as_read(url))
    return match.group(1).lower() if match else None


def _host(url: str) -> str | None:
    """The host of an absolute or protocol-relative URL (None for a relative one or one that cannot be read)."""
    url = _as_read(url)
    try:
        return (urlsplit(url).hostname or None) if url.startswith("//") or _SCHEME.match(url) else None
    except ValueError:
        return None
