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

Each stage is a module with one entry function, re-exported here; they are
pure (data in, data out).  pipeline.project runs them over a project tree and
is the only code that writes files; pipeline.cli is the command line over it.
"""
from __future__ import annotations

__version__ = "0.1.0"

from pipeline.assemble import assemble  # noqa: E402
from pipeline.catalog import build_catalog, merge, read_catalog  # noqa: E402
from pipeline.page import render_page  # noqa: E402
from pipeline.review import review  # noqa: E402
from pipeline.segment import segment  # noqa: E402
from pipeline.translate import translate_catalog  # noqa: E402

__all__ = ["__version__", "assemble", "build_catalog", "merge", "read_catalog", "render_page", "review",
           "segment", "translate_catalog"]
