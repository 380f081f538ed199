"""Stage 4: a catalogue -> QA findings, one `Issue` per problem in a translated or fuzzy entry.

Machine drafts and hurried edits break what readers and the build rely on:
markup, URLs, phone numbers, figures, approved terms, spelling, grammar.  Each
check compares one msgid with its msgstr and returns one-line messages (what is
wrong; what to do); they live in pipeline.checks.  What needs a dictionary or an
analyser runs once per catalogue first (`prepare`: one hunspell per dictionary,
one lt-proc), and each entry's checks consult the result.  `#, no-check-<name>`
on an entry silences one check for that entry, where the translator means it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import polib

from pipeline import agreement, spelling, wording
from pipeline.catalog import Provenance, provenance
from pipeline.checks import CHECKS, Context
from pipeline.glossary import Glossary
from pipeline.locales import PSEUDO
from pipeline.model import Issue

__all__ = ["CHECKS", "Context", "FLAG_PREFIX", "prepare", "review"]

FLAG_PREFIX = "no-check-"
Entry = tuple[str, str, "Provenance | None"]  # msgid, msgstr, provenance


def review(po: polib.POFile, path: str, lang: str, glossary: Glossary | None = None,
           accepted: Iterable[str] = ()) -> list[Issue]:
    """Every finding on the translated and fuzzy entries of `po`, in file order.

    `accepted`: the project's words for `lang` (locales/<lang>/words.txt), never spelling errors."""
    entries = [e for e in po if not e.obsolete and e.msgid and e.msgstr]
    drafts = [provenance(e) for e in entries]
    catalogue = prepare([(e.msgid, e.msgstr, d) for e, d in zip(entries, drafts)],
                        tuple(e.msgid for e in po if e.msgid and not e.obsolete), lang, glossary, accepted)
    issues = []
    for entry, draft in zip(entries, drafts):
        context = Context(glossary, draft, catalogue.known, catalogue.lexicon, catalogue.grammar)
        silenced = {flag[len(FLAG_PREFIX):] for flag in entry.flags if flag.startswith(FLAG_PREFIX)}
        for name, check in CHECKS.items():
            if name not in silenced:
                issues += [Issue(path, entry.linenum, entry.msgid, name, check.severity, message)
                           for message in check.function(entry.msgid, entry.msgstr, lang, context)]
    return issues


def prepare(entries: Sequence[Entry], sources: tuple[str, ...], lang: str, glossary: Glossary | None = None,
            accepted: Iterable[str] = ()) -> Context:
    """The catalogue's batch steps: the words every dictionary rejects, the agreement findings, and
    the known words (names and acronyms of all `sources`, glossary words, `accepted`)."""
    known = spelling.names(sources) | _glossary_words(glossary, lang) | {w.casefold() for w in accepted}
    if lang == PSEUDO:  # accented pseudo-words: no dictionary applies
        return Context(glossary, known=known)
    asked: dict[str, list[str]] = {}
    for msgid, msgstr, draft in entries:
        for dictionary, words in wording.asked(msgid, msgstr, lang, draft.pivot if draft else None).items():
            asked.setdefault(dictionary, []).extend(words)
    grammar = agreement.disagreements(sorted({msgstr for _, msgstr, _ in entries}), lang)
    return Context(glossary, known=known, lexicon=spelling.lexicon(asked), grammar=grammar)


def _glossary_words(glossary: Glossary | None, lang: str) -> frozenset[str]:
    """Casefolded words of the approved translations for `lang` and of the dnt names."""
    texts = [] if glossary is None else [form for term in glossary.terms
                                         for form in ((term.fr,) if term.dnt else term.targets.get(lang, ()))]
    return frozenset(w.casefold() for text in texts for w in spelling.words(text, lang))
