"""Stage 4 of the pipeline: what the built site shows readers.

Each module is a plain transformation that the MkDocs plugin (``locdocs.plugin``) applies at one build event:
``anchors``, ``originals`` and ``links`` rewrite a page's Markdown; ``notices`` adds the truthful notices to its
HTML; ``head`` fixes hreflang and canonical links and adds the head script; ``sitemap`` writes the one sitemap;
``search`` splits the search index per locale; ``status_page`` writes the translation-status page. Words readers
see come from ``messages.yml``; scripts and styles are in ``assets/``.
"""
