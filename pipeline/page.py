"""A localised Markdown document -> a complete, standalone HTML page."""
from __future__ import annotations

import html

from collections.abc import Collection, Sequence

from markdown_it.token import Token

from pipeline import dialect, frontmatter
from pipeline.locales import Language, base_language, language
from pipeline.ui import SOURCE, strings

_STYLE = """\
body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; font: 1.05rem/1.6 system-ui, sans-serif; color: #222; }
h1, h2, h3 { line-height: 1.25; margin-top: 2rem; }
a { color: #0b5cad; }
blockquote { margin: 1rem 0; padding: 0 1rem; border-inline-start: 4px solid #ccc; color: #444; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .3rem .6rem; }
code, pre { background: #f4f4f4; } pre { padding: .8rem; overflow-x: auto; }
hr { border: 0; border-top: 1px solid #ddd; margin: 2rem 0; }
.draft-notice { background: #fff3cd; border: 1px solid #e0c36c; padding: .6rem 1rem; border-radius: 4px; }"""


def render_page(markdown: str, lang: Language, notice: str = "",
                extensions: Sequence[str] = dialect.DEFAULT, fallback: Collection[str] = (),
                source: str = "fr", notice_lang: str = "en") -> str:
    """The page for `markdown` in `lang`: lang and dir on <html>, the front-matter title or else the first
    heading as title, and `notice` (in `notice_lang`: e.g. that the page holds unreviewed drafts) at the top.

    Blocks whose text is one of `fallback` (source passages shown untranslated) carry the `source`
    language and ltr direction, so a right-to-left page does not scramble them."""
    md, env = dialect.parser(tuple(extensions)), dict[str, object]()
    tokens = md.parse(markdown, env)
    _mark_fallback(tokens, {" ".join(text.split()) for text in fallback}, source)
    body = md.renderer.render(tokens, md.options, env)
    own = base_language(notice_lang) == base_language(lang.code)
    where = "" if own else f' lang="{html.escape(notice_lang)}" dir="ltr"'
    banner = f'<p class="draft-notice" role="note"{where}>{html.escape(notice)}</p>\n' if notice else ""
    title = frontmatter.title(markdown) if tokens and tokens[0].type == "front_matter" else ""
    title = title or next((_plain(tokens[i + 1].children or []) for i, t in enumerate(tokens)
                           if t.type == "heading_open"), "")
    return (f'<!DOCTYPE html>\n<html lang="{lang.html_lang}" dir="{lang.direction}">\n<head>\n'
            f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n"
            f"<body>\n{banner}{body}</body>\n</html>\n")


def _mark_fallback(tokens: list[Token], fallback: set[str], source: str) -> None:
    """lang/dir of the source on each block (paragraph, heading, cell, or the list item of a tight list)
    whose inline text is a fallback passage, and on each block without words (a key figure: 53%) that a
    fallback passage follows, so that it lines up with the text it heads."""
    if not fallback:
        return
    follows = False  # whether the next block with words is a fallback passage
    for i in range(len(tokens) - 1, 0, -1):
        tok = tokens[i]
        if tok.type != "inline":
            continue
        if _has_words(tok.content):
            follows = " ".join(tok.content.split()) in fallback
        opener = tokens[i - 1]
        if opener.hidden and i >= 2 and tokens[i - 2].type == "list_item_open":
            opener = tokens[i - 2]
        if follows and opener.nesting == 1 and not opener.hidden:
            opener.attrSet("lang", source)
            opener.attrSet("dir", "ltr")
    _mark_containers(tokens, fallback, source)


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


_CONTAINERS = ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open", "table_open")


def _mark_containers(tokens: list[Token], fallback: set[str], source: str) -> None:
    """lang/dir of the source on each list, item, blockquote and table whose every passage is a fallback one:
    on a right-to-left page its bullets, indent, border and column order then follow the text (a left-to-right
    item in a right-to-left list hangs its bullet outside the page column)."""
    for i, tok in enumerate(tokens):
        if tok.type not in _CONTAINERS:
            continue
        depth, j = 0, i
        for j in range(i, len(tokens)):
            depth += tokens[j].nesting
            if depth == 0:
                break
        texts = [" ".join(t.content.split()) for t in tokens[i:j] if t.type == "inline" and _has_words(t.content)]
        if texts and all(t in fallback for t in texts):
            tok.attrSet("lang", source)
            tok.attrSet("dir", "ltr")


def _plain(children: list) -> str:
    """The text of inline tokens without markup, for the page title."""
    words = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            words.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif tok.type == "image":
            words.append(_plain(tok.children or []))
    return " ".join("".join(words).split())


def not_released_page(text: str, lang: Language | None = None) -> str:
    """The page that replaces a document a publish gate refused: no earlier build stays online by mistake.

    Its heading and one sentence are in `lang` where the pipeline's own catalogue has them; `text`, the
    refusal the terminal shows too, stays English."""
    _ = strings(lang.code if lang else SOURCE, "page")
    ui = language(_.lang)
    heading, sentence = html.escape(_("Not released")), _("This page is not published in {language} yet.")
    intro = "" if _.lang == SOURCE or lang is None else (
        f"<p>{html.escape(sentence.format(language=lang.native_name))}</p>\n")
    english = "" if _.lang == SOURCE else f' lang="{SOURCE}" dir="ltr"'
    return (f'<!DOCTYPE html>\n<html lang="{ui.html_lang}" dir="{ui.direction}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{heading}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
            f"<h1>{heading}</h1>\n{intro}"
            f'<p class="not-released" role="note"{english}>{html.escape(text)}</p>\n</body>\n</html>\n')
