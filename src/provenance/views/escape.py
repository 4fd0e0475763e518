r"""The only doors through which ledger text enters a picture or a page.

A ledger may hold anything a person typed or an article printed: markup,
quotes, braces, backslashes, a 100 KB title, a ``javascript:`` link. Every
string on its way into DOT, SVG or HTML passes through one of these functions:

* :func:`clean` cuts it to a length and replaces characters XML cannot hold;
* :func:`dot_html` escapes it for a Graphviz HTML-like label (XML escaping);
* :func:`dot_plain` escapes it for a plain DOT attribute (a tooltip);
* :func:`link` keeps only http(s) URLs, for an SVG link or a page's ``href``;
* :func:`dot_url` percent-encodes such a URL for Graphviz's ``URL`` attribute.

Graphviz expands ``\N``, ``\G``, ``\E``… in labels *and* tooltips (even after
the backslash is doubled, in Graphviz 2.4x), so every backslash from the
ledger is followed by an invisible WORD JOINER (U+2060): it still prints as a
backslash but never starts an escape sequence.
"""

from __future__ import annotations

import html
import textwrap
import urllib.parse

import graphviz

from ..errors import InvalidInputError
from ..ids import CONTROL_CHARACTERS, web_url

#: Put after every backslash from the ledger, so that Graphviz never reads an escape sequence.
NO_ESCAPE = "\\\u2060"
#: Longest piece of text in one label line (a name, a title, an outlet); longer is cut with "…".
MAX_LABEL_PART = 200
#: Longest tooltip: the full text of any real quote fits; a pasted book does not reach Graphviz.
MAX_TOOLTIP = 4000
ELLIPSIS = "\u2026"


def clean(text: object, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with characters XML cannot hold replaced by U+FFFD.

    Whatever a ledger holds (a hand-edited control character, a 100 KB title),
    the picture is still drawn: Graphviz fails outright on both.
    """
    value = CONTROL_CHARACTERS.sub("\ufffd", str(text))
    return value if len(value) <= limit else value[: limit - 1] + ELLIPSIS


def dot_html(text: object, limit: int = MAX_LABEL_PART) -> str:
    """Escape text for a Graphviz HTML-like label."""
    return html.escape(clean(text, limit), quote=True).replace("\\", NO_ESCAPE)


def wrapped_lines(text: str, width: int, limit: int) -> list[str]:
    """``text`` cut to about ``limit`` characters at a word, then wrapped at ``width``."""
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + ELLIPSIS
    return textwrap.wrap(text, width) or [""]


def dot_plain(text: str) -> str:
    """Escape text for a plain DOT attribute (tooltip): backslashes and <...> literal."""
    return str(graphviz.escape(clean(text, MAX_TOOLTIP).replace("\\", NO_ESCAPE)))


def link(url: object) -> str | None:
    """``url`` if it is a complete http(s) URL, else None: a ``javascript:`` or ``data:`` link is left out."""
    if not isinstance(url, str):
        return None
    try:
        return web_url(url)
    except InvalidInputError:
        return None


def dot_url(url: object) -> str | None:
    """A URL for the DOT ``URL`` attribute, or None for a URL that is not http(s).

    Characters a URL may not hold (quotes, <, >, spaces, backslashes) are
    percent-encoded, and '&' is written as '&amp;' because Graphviz 2.4x
    copies the URL into the SVG unescaped (newer versions leave an entity as it is).
    """
    checked = link(url)
    if checked is None:
        return None
    return urllib.parse.quote(checked, safe="%:/?#[]@!$&'()*+,;=~").replace("&", "&amp;")
