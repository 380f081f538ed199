"""Markup protection: what the engine sees, and that markup comes back or is reported."""
from __future__ import annotations

import pytest

from pipeline import protect as protect_module
from pipeline.protect import Piece, Protected, numeral_opener, protect, protect_names, protect_spans, restore

CASES = [
    # msgid, what the engine sees
    ("**Airbus Helicopters**, 3e plus grande usine", "⟦1⟧Airbus Helicopters⟦2⟧, 3e plus grande usine"),
    ("Source : [INSEE](#)", "Source : ⟦1⟧INSEE⟦2⟧"),
    ('Voir [le site](https://x.org/a_b "Titre") ici', "Voir ⟦1⟧le site⟦2⟧ ici"),
    ("le 6<sup>e</sup> hub", "le 6⟦1⟧e⟦2⟧ hub"),
    ("lancer `pipeline run` puis", "lancer ⟦1⟧ puis"),
    ("A  \nB\\\nC", "A ⟦1⟧ B ⟦2⟧ C"),
    ("une ligne\nsuite", "une ligne suite"),
    ("Université \\(AMU\\)", "Université ⟦1⟧AMU⟦2⟧"),
    ("[INSEE][] et [Airbus] et [texte][ref]", "⟦1⟧ et ⟦2⟧ et ⟦3⟧texte⟦4⟧"),
    ("écrire à christelle@aplusconseils.com ou <https://x.org>", "écrire à ⟦1⟧ ou ⟦2⟧"),
    ("voir https://example.org/page.", "voir ⟦1⟧."),
    ("R&amp;D et &#42;", "R⟦1⟧D et ⟦2⟧"),
    ("snake_case et _accent_", "snake_case et ⟦1⟧accent⟦2⟧"),
    ("***très fort***", "⟦1⟧très fort⟦2⟧"),
    ("![Photo du port](p.jpg)", "⟦1⟧Photo du port⟦2⟧"),
    ("sans balisage", "sans balisage"),
    ("quitter le serveur[^aes].", "quitter le serveur⟦1⟧."),
    ("la [référence](r.md){target=\"_blank\"} et `code`{.py}", "la ⟦1⟧référence⟦2⟧ et ⟦3⟧⟦4⟧"),
    ("Titre {#ancre .classe}", "Titre ⟦1⟧"),
]


@pytest.mark.parametrize("msgid, engine_text", CASES, ids=[c[0][:30] for c in CASES])
def test_engine_sees_placeholders_and_identity_restores(msgid: str, engine_text: str) -> None:
    protected = protect(msgid)
    assert protected.text == engine_text
    restored, problems = restore(protected.text, protected)
    assert problems == []
    assert restored == (msgid if "\n" not in msgid or "  \n" in msgid or "\\\n" in msgid else msgid.replace("\n", " "))


@pytest.mark.parametrize("msgid, engine_output, expected, problem", [
    # spaces an engine puts inside emphasis or link text are taken out again
    ("**Airbus** et [lien](u)", "⟦1⟧ Airbus ⟦2⟧ and ⟦3⟧ link ⟦4⟧", "**Airbus** and [link](u)", None),
    # reordering is allowed
    ("[A](a) et [B](b)", "⟦3⟧B⟦4⟧ and ⟦1⟧A⟦2⟧", "[B](b) and [A](a)", None),
    # lost, repeated, invented and inverted placeholders are reported
    ("**Airbus** investit", "Airbus invests", "Airbus invests", "missing"),
    ("**Airbus** investit", "⟦1⟧Airbus⟦2⟧ ⟦2⟧invests", "**Airbus****invests", "repeated 2 times"),
    ("texte", "text ⟦7⟧", "text ", "unknown placeholder ⟦7⟧"),
    ("[lien](u) ici", "⟦2⟧link⟦1⟧ here", "](u)link[here", "closes before it opens"),
])
def test_restore_reports_what_it_cannot_put_back(msgid: str, engine_output: str, expected: str,
                                                 problem: str | None) -> None:
    restored, problems = restore(engine_output, protect(msgid))
    assert restored == expected
    assert (problem is None and problems == []) or any(problem in p for p in problems)


@pytest.mark.parametrize("text, seen, names", [
    ("à Salon-de-Provence et Aix-Marseille", "à ⟦1⟧ et ⟦2⟧", ["Salon-de-Provence", "Aix-Marseille"]),
    ("la région Provence-Alpes-Côte d'Azur (Paca)", "la région ⟦1⟧ (Paca)", ["Provence-Alpes-Côte d'Azur"]),
    ("vers Provence-Alpes-Côte d'autres", "vers ⟦1⟧ d'autres", ["Provence-Alpes-Côte"]),  # d'autres: not a name
    ("aux États-Unis", "aux États-Unis", []),                      # refused by is_name
    ("les start-up", "les start-up", []),
])
def test_hyphenated_names_become_placeholders_for_themselves(text: str, seen: str, names: list[str]) -> None:
    pieces: list[Piece] = []
    out = protect_names(text, pieces, lambda w: w[:1].isupper() and w != "États-Unis")
    assert (out, [p.markup for p in pieces], {p.role for p in pieces} - {"name"}) == (seen, names, set())
    assert restore(out, Protected(out, tuple(pieces))) == (text, [])


def test_spans_travel_as_stand_ins_for_an_engine_that_keeps_unknown_words() -> None:
    pieces = [Piece("**", "open")]
    out = protect_spans("Tél. 04 91 00 00 00", pieces, [(0, 4, "Tel.")], stand_ins=True)
    assert out == "Xqzc 04 91 00 00 00" and pieces[1] == Piece("Tel.", "name")


# Every branch of the markup pattern, in texts that have it and texts that only nearly have it.
_PRUNED = [
    "plain sentence. With a stop", "**bold** and *it* and _under_ and snake_case_name",
    "see [the site](https://x.org/a_(b)) and [ref][] and [^1] and ![img](i.png){.wide}",
    "`code` and ``two `ticks` `` here", "<sup>e</sup> &amp; &#233; <https://x.org> <a@b.eu>",
    "line  \nbreak and back\\\nslash \\* escaped", "{#id .cls} {: .x} [label] Upgr[AI]de",
    "www.x.com, x.fr/path?a=1. mail _jean@x.fr_ x.frites www.fr a.eu-b", "contact:jean@x.org (http://y.net).",
    "12.5 % à 3.com-pany", "an _emphasised_ word", "[open [nested] text](u) ]( [x]( ",
]


@pytest.mark.parametrize("text", _PRUNED)
def test_markup_found_with_only_the_possible_branches_equals_the_full_pattern(text: str) -> None:
    full = protect_module._pattern((True,) * len(protect_module._BRANCHES))
    assert len(protect_module._NEEDS) == len(protect_module._BRANCHES)
    assert [(m.lastgroup, m.span()) for m in protect_module._markup(text).finditer(text)] \
        == [(m.lastgroup, m.span()) for m in full.finditer(text)]


@pytest.mark.parametrize("text", _PRUNED + ["x.EU and y.Com", "a@b", "see www.x", "ftp://host", "nothing here."])
def test_what_every_web_match_contains_is_in_every_text_with_one(text: str) -> None:
    from pipeline.patterns import WEB
    from pipeline.reading import _WEB_NEEDS
    assert _WEB_NEEDS.search(text) or not WEB.search(text)


@pytest.mark.parametrize("text, rendering", [
    ("les PME du territoire", "pimes"),        # PME is the same in both numbers: `les` says plural
    ("des PME", "pimes"),
    ("aux PME", "pimes"),
    ("70 000 PME", "pimes"),
    ("LES PME", "PIMES"),
    ("une PME", "pime"),
    ("la PME", "pime"),
    ("de PME", "pime"),                        # nothing says plural
    ("1 PME", "pime"),
    ("les filières", "sectors"),               # French shows the plural itself
    ("la filière", "sector"),
])
def test_a_term_french_writes_alike_in_both_numbers_takes_the_number_of_the_word_before(text: str,
                                                                                        rendering: str) -> None:
    from pipeline.glossary import Glossary, Term
    glossary = Glossary("g.csv", ("ca",), [Term("PME", "", {"ca": ("pime", "pimes")}),
                                           Term("filière", "filières", {"ca": ("sector", "sectors")})])
    pieces: list[Piece] = []
    protect_module.protect_terms(text, pieces, glossary, "ca", text.split()[0].isupper())
    assert [p.markup for p in pieces] == [rendering]

@pytest.mark.parametrize("sentence, sent, back", [
    ("Xqzb s'appuie sur eux.", "7000001 s'appuie sur eux.", {"7000001": "Xqzb"}),
    ("⟦3⟧ Xqzbc les soutient.", "⟦3⟧ 7000028 les soutient.", {"7000028": "Xqzbc"}),
    ("Xqzb se lance.", "7000001 se lance.", {"7000001": "Xqzb"}),
    ("Xqzb est là.", "Xqzb est là.", {}),                  # no clitic after it
    ("Il dit que Xqzb s'appuie.", "Il dit que Xqzb s'appuie.", {}),  # not the sentence's first word
])
def test_a_stand_in_opening_a_sentence_before_a_clitic_goes_as_a_numeral(sentence: str, sent: str,
                                                                       back: dict[str, str]) -> None:
    assert numeral_opener(sentence) == (sent, back)
