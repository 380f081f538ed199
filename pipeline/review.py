"""Stage 4: a catalogue -> QA findings, one `Issue` per problem in a translated or fuzzy entry.

Machine drafts and hurried edits break what readers and the build rely on:
markup, URLs, phone numbers, figures, approved terms, spelling, grammar.  Each
check compares one msgid with its msgstr and returns one-line messages (what is
wrong; what to do); they live in pipeline.checks.  What needs a dictionary or an
analyser runs once per catalogue first (`prepare`: one hunspell per dictionary,
one lt-proc), and the checks that read tools (`Check.tools`) consult the result.
`review_all` runs these for all catalogues of a run at once (one hunspell per
dictionary for all of them), while a forked process (pipeline.workers) runs the
checks that read only the texts.  An entry whose findings the project kept from
an earlier check (`remembered`) is neither analysed nor checked.
`#, no-check-<name>` on an entry silences one check for that entry, where the translator means it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import polib

from pipeline import agreement, spelling, wording, workers
from pipeline.catalog import Provenance, provenance
from pipeline.checks import CHECKS, Context
from pipeline.glossary import Glossary
from pipeline.locales import PSEUDO
from pipeline.model import Issue

__all__ = ["CHECKS", "Context", "FLAG_PREFIX", "Finding", "Remembered", "prepare", "review", "review_all"]

FLAG_PREFIX = "no-check-"
Entry = tuple[str, str, "Provenance | None"]  # msgid, msgstr, provenance
Finding = tuple[str, str, str]  # check, severity, message
Remembered = Callable[[polib.POEntry], "Sequence[Finding] | None"]
FORK_FROM = 64  # entries to check: fewer are checked sooner than a process is forked


def review(po: polib.POFile, path: str, lang: str, glossary: Glossary | None = None,
           accepted: Iterable[str] = (), remembered: Remembered | None = None) -> list[Issue]:
    """Every finding on the translated and fuzzy entries of `po`, in file order.

    `accepted`: the project's words for `lang` (locales/<lang>/words.txt), never spelling errors.
    `remembered`: (check, severity, message) of an entry whose findings are already known, or None;
    such an entry is neither analysed nor checked again (the project keeps them, pipeline.project.findings)."""
    return review_all([(po, path, lang, accepted)], glossary, remembered)[0]


def review_all(catalogues: Sequence[tuple[polib.POFile, str, str, Iterable[str]]], glossary: Glossary | None = None,
               remembered: Remembered | None = None) -> list[list[Issue]]:
    """`review` of each catalogue (po, path, language, accepted words): the checks that read only the texts in a
    forked process (pipeline.workers) while this one runs the batch tools of all catalogues at once (`_warm`),
    then the checks that read their answers."""
    jobs = [(_entries(po, remembered), lang) for po, _, lang, _ in catalogues]
    plain = Context(glossary)
    with workers.started(lambda: [_check(todo, lang, plain, tools=False) for todo, lang in jobs],
                         worth=sum(len(todo) for todo, _ in jobs) >= FORK_FROM) as texts_only:
        _warm([([(e.msgid, e.msgstr, d) for e, d in todo], lang) for todo, lang in jobs])
        tooled = []
        for (po, _, lang, accepted), (todo, _) in zip(catalogues, jobs):
            context = prepare([(e.msgid, e.msgstr, d) for e, d in todo], tuple(e.msgid for e in po if e.msgid
                              and not e.obsolete), lang, glossary, accepted) if todo else plain
            tooled.append(_check(todo, lang, context, tools=True))
        found = texts_only()
    out, order = [], {name: i for i, name in enumerate(CHECKS)}  # each entry's findings in the report's order
    for (po, path, _, _), (todo, _), mine, theirs in zip(catalogues, jobs, tooled, found):
        fresh = {id(entry): sorted(a + b, key=lambda f: order[f[0]]) for (entry, _), a, b in zip(todo, theirs, mine)}
        out.append([Issue(path, entry.linenum, entry.msgid, *finding) for entry in _translated(po)
                    for finding in (fresh[id(entry)] if id(entry) in fresh else _known(remembered, entry))])
    return out


def _check(todo: Sequence[tuple[polib.POEntry, Provenance | None]], lang: str, catalogue: Context,
           tools: bool) -> list[list[Finding]]:
    """The findings of each entry of `todo` by the checks that read the batch tools (`tools`) or by the others,
    read with the catalogue's batch results."""
    checks = [(name, check) for name, check in CHECKS.items() if check.tools == tools]
    out = []
    for entry, draft in todo:
        context = Context(catalogue.glossary, draft, catalogue.known, catalogue.lexicon, catalogue.grammar)
        silenced = {flag[len(FLAG_PREFIX):] for flag in entry.flags if flag.startswith(FLAG_PREFIX)}
        out.append([(name, check.severity, message) for name, check in checks if name not in silenced
                    for message in check.function(entry.msgid, entry.msgstr, lang, context)])
    return out


def _known(remembered: Remembered | None, entry: polib.POEntry) -> Sequence[Finding]:
    found = remembered(entry) if remembered else None
    assert found is not None, "an entry not to check has remembered findings"
    return found


def _warm(catalogues: Sequence[tuple[Sequence[Entry], str]]) -> None:
    """The batch steps of several catalogues (entries to check, language) at once, before `prepare` reads them:
    one hunspell per dictionary for the words of all of them (French and English are asked by every catalogue),
    and every catalogue's lt-proc beside it, each tool started before the words and texts to ask it are found."""
    entries = [(texts, lang) for texts, lang in catalogues if texts and lang != PSEUDO]
    # every tool starts loading now (the Occitan analyser takes most of a second), while the texts and words to
    # ask it are found; only those with nothing remembered yet, the tools of a cold check
    spelling.start(d for texts, lang in entries for _, _, draft in texts
                   for d in wording.dictionaries(lang, draft.pivots if draft else ()))
    for _, lang in entries:
        agreement.start(lang)
    pool = ThreadPoolExecutor(max_workers=2 * len(entries) + 1)
    for texts, lang in entries:
        pool.submit(agreement.disagreements, _texts(texts), lang)
    asked: dict[str, list[str]] = {}
    for texts, lang in entries:
        for dictionary, words in _asked(texts, lang).items():
            asked.setdefault(dictionary, []).extend(words)
    running: list[Future[object]] = [pool.submit(spelling.ask, {d: words}) for d, words in asked.items()]
    pool.shutdown(wait=True)
    for future in running:
        future.result()


def prepare(entries: Sequence[Entry], sources: tuple[str, ...], lang: str, glossary: Glossary | None = None,
            accepted: Iterable[str] = ()) -> Context:
    """The catalogue's batch steps: the words every dictionary rejects, the agreement findings, and
    the known words (names and acronyms of all `sources`, glossary words, `accepted`)."""
    known = spelling.names(sources) | _glossary_words(glossary, lang) | {w.casefold() for w in accepted}
    if lang == PSEUDO:  # accented pseudo-words: no dictionary applies
        return Context(glossary, known=known)
    grammar = agreement.disagreements(_texts(entries), lang)
    return Context(glossary, known=known, lexicon=spelling.lexicon(_asked(entries, lang)), grammar=grammar)


def _translated(po: polib.POFile) -> list[polib.POEntry]:
    """The entries QA reads: translated or fuzzy, not obsolete."""
    return [e for e in po if not e.obsolete and e.msgid and e.msgstr]


def _entries(po: polib.POFile, remembered: Remembered | None = None) -> list[tuple[polib.POEntry, Provenance | None]]:
    """The entries to check (translated or fuzzy, findings not remembered), with their provenance."""
    return [(e, provenance(e)) for e in _translated(po) if remembered is None or remembered(e) is None]


def _asked(entries: Sequence[Entry], lang: str) -> dict[str, list[str]]:
    """Dictionary language -> the words of `entries` to ask it about."""
    asked: dict[str, list[str]] = {}
    for msgid, msgstr, draft in entries:
        for dictionary, words in wording.asked(msgid, msgstr, lang, draft.pivots if draft else ()).items():
            asked.setdefault(dictionary, []).extend(words)
    return asked


def _texts(entries: Sequence[Entry]) -> tuple[str, ...]:
    return tuple(sorted({msgstr for _, msgstr, _ in entries}))


def _glossary_words(glossary: Glossary | None, lang: str) -> frozenset[str]:
    """Casefolded words of the approved translations for `lang` and of the dnt names."""
    texts = [] if glossary is None else [form for term in glossary.terms
                                         for form in ((term.fr,) if term.dnt else term.targets.get(lang, ()))]
    return frozenset(w.casefold() for text in texts for w in spelling.words(text, lang))
