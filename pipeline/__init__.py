"""Offline localisation of Markdown documents through gettext catalogues.

    source/*.md --segment--> [Segment] --build_catalog--> locales/<domain>.pot
                                                            | merge (msgmerge semantics)
                                                            v
                          locales/<lang>/LC_MESSAGES/<domain>.po   <- translators edit here
                                                            | assemble (splice by source span)
                                                            v
                          build/<lang>/<domain>.md + .html

Each stage is a module with one entry function: segment.segment(),
catalog.build_catalog() / catalog.merge(), assemble.assemble(), page.render_page().
stages.py runs them over a project; cli.py is a thin command line over it.
"""
from __future__ import annotations

__version__ = "0.1.0"
