"""Glossary enforcement over the dossier: the share of machine drafts that carry their approved terms.

For every target language an installed engine serves, the dossier's catalogue
is drafted from scratch (in memory, nothing written) with the glossary, and
each entry whose French contains an approved term is checked for that term's
approved translation in the draft.  Aim: 100 %.
"""
from __future__ import annotations

import sys
from pathlib import Path

from pipeline.catalog import build_catalog, merge
from pipeline.config import load
from pipeline.engines import create
from pipeline.locales import language
from pipeline.project import inputs
from pipeline.translate import translate_catalog

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    config = load(ROOT)
    glossary = inputs.glossary(config)
    pots = {d.domain: build_catalog(d.segments, config.project, config.source_language)
            for d in inputs.documents(config)}
    engines = {name: create(name, config) for name in ("argos", "apertium")}
    print(f"glossary: {len(glossary.approved())} approved terms")
    for lang in config.targets:
        chosen = [engines[n] for n in config.engines_for(lang) if n in engines]
        for domain, pot in pots.items():
            po = merge(pot, None, language(lang))
            report = translate_catalog(po, config.source_language, lang, chosen, glossary=glossary)
            if not report.drafts:
                print(f"{lang}: no engine available, skipped")
                continue
            with_terms = kept = 0
            missing: list[str] = []
            for entry in po:
                wanted = [m.term.target(lang, m.plural, m.text) for m in glossary.find(entry.msgid)]
                wanted = [w for w in wanted if w]
                if not wanted:
                    continue
                with_terms += 1
                absent = [w for w in wanted if w.casefold() not in entry.msgstr.casefold()]
                kept += not absent
                missing += absent
            share = 100.0 * kept / with_terms if with_terms else 100.0
            print(f"{lang}: {kept}/{with_terms} drafts with approved terms carry all their targets ({share:.1f}%)"
                  f" [{report.engine}]")
            if missing:
                print(f"    missing: {', '.join(sorted(set(missing))[:10])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
