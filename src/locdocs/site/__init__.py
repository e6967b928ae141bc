"""Stage 4 of the pipeline: what the built site shows readers.

Each module is a plain transformation that the MkDocs plugin (``locdocs.plugin``) applies at one build event:
``anchors``, ``originals`` and ``links`` rewrite a page's Markdown; ``notices`` adds the truthful notices to its
HTML; ``head`` fixes hreflang and canonical links and adds the head script; ``sitemap`` writes the one sitemap;
``search`` splits the search index per locale; ``status_page`` writes the translation-status page. Words readers
see come from the message catalogs (``messages``, ``catalogs/``); scripts and styles are in ``assets/``; the
Material templates the plugin adds to the theme (the outdated-version banner, the 404 page, accessibility fixes)
are in ``templates/``; ``language`` says which language a page is in.
"""

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
"""The plugin's Material templates: the outdated-version banner and the 404 page in the reader's language, version
names, and accessibility fixes to parts of the theme. The site's own ``custom_dir`` comes first."""
