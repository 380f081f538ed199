"""Offline localisation of Markdown documents through gettext catalogues.

    source/*.md --segment--> [Segment] --build_catalog--> locales/<domain>.pot
                                                            | merge (msgmerge semantics)
                                                            v
                          locales/<lang>/LC_MESSAGES/<domain>.po   <- translate_catalog: memory, then
                                                            |         MT with markup, terms and figures
                                                            |         protected (protect.py); translators
                                                            |         review here
                                                            | review (QA checks), stats
                                                            v
                          build/<lang>/<domain>.md + .html  <- assemble (splice by source span), render_page

Each stage is a module with one entry function, pure (data in, data out):
pipeline.segment.segment, pipeline.catalog.build_catalog / merge / read_catalog,
pipeline.translate.translate_catalog, pipeline.review.review,
pipeline.assemble.assemble, pipeline.page.render_page.  Import them from their
modules: this package imports none of them, so that `import pipeline.cli` (and
`pipeline --help`) stays light, and `pipeline.review` is always the module.
pipeline.project runs the stages over a project tree and is the only code that
writes files; pipeline.cli is the command line over it.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
