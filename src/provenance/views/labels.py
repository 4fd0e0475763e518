"""How each record looks in the picture: the style tables and the labels of speakers, claims and sources.

Everything a reader sees about a claim is on the claim itself (the words, the
venue, the date, the name as printed when it differs from the speaker's
name, the review status), so the picture needs no "at" lines and no
"reported by" lines: the source is the box the claim sits in. All text goes
through :mod:`.escape`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..pronouns import SHOWN_AS_PRONOUN
from .escape import dot_html, dot_plain, dot_url, wrapped_lines

FONT = "Helvetica"
SEP = " \u00b7 "
WRAP = 44  # characters per line of quote text
MAX_LABEL_CHARS = 320  # longer quotes are cut in the label; the tooltip keeps them whole
MUTED = "#475569"
CLAIM_WIDTH = 250  # points: every claim's box is at least this wide, so a source's claims line up
META_WRAP = 62  # characters per line of the small print under a claim

SPEAKER_STYLE: Mapping[str, Mapping[str, str]] = {
    "person": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dbeafe", "color": "#1d4ed8"},
    "organisation": {"shape": "box3d", "style": "filled", "fillcolor": "#ffedd5", "color": "#c2410c"},
    "government": {"shape": "box", "style": "filled", "peripheries": "2", "fillcolor": "#ede9fe", "color": "#6d28d9"},
    "group": {"shape": "octagon", "style": "filled", "fillcolor": "#dcfce7", "color": "#15803d"},
}
#: Border style of a claim's box by kind: a quote in full lines, reported speech dashed, an assertion dotted.
CLAIM_BORDER: Mapping[str, str] = {"direct": "rounded", "indirect": "rounded,dashed", "assertion": "rounded,dotted"}
CLAIM_KIND_NAME: Mapping[str, str] = {
    "direct": "\u201cdirect quote\u201d",
    "indirect": "indirect (reported)",
    "assertion": "assertion",
}


@dataclass(frozen=True)
class StatusLook:
    """How a review status shows: the box's fill and border, and the badge under the words."""

    fill: str
    border: str
    badge: str


STATUS_LOOK: Mapping[str, StatusLook] = {
    "extracted": StatusLook("#f3f4f6", "#9ca3af", "extracted, unreviewed"),
    "recorded": StatusLook("#fffbeb", "#a8a29e", ""),
    "verified": StatusLook("#ecfdf5", "#059669", "\u2714 verified"),
    "disputed": StatusLook("#fff7ed", "#ea580c", "DISPUTED"),
    "misattributed": StatusLook("#fee2e2", "#dc2626", "\u2716 MISATTRIBUTED"),
    "retracted": StatusLook("#e5e7eb", "#6b7280", "RETRACTED"),
}
SOURCE_STYLE = {"shape": "tab", "style": "filled", "fillcolor": "#ffffff", "color": "#334155"}
CLUSTER_STYLE = {"style": "rounded,filled", "fillcolor": "#f8fafc", "color": "#94a3b8"}
OUTLET_STYLE = {"style": "rounded", "color": "#cbd5e1", "penwidth": "1.5"}
EDGE_STYLE: Mapping[str, Mapping[str, str]] = {
    "said": {"color": "#1e3a8a", "penwidth": "1.2", "arrowhead": "none"},
    # the attribution a correction rejects: the line crossed out, its word struck through
    "misattributed": {
        "color": "#dc2626",
        "penwidth": "1.2",
        "style": "dashed",
        "arrowhead": "tee",
        "label": "<<s>&#160;said&#160;</s>>",
        "fontcolor": "#dc2626",
    },
    "derived-from": {"label": "derived from", "color": "#b91c1c", "penwidth": "2", "style": "bold"},
    "variant_of": {"label": "variant of", "color": "#7c3aed", "style": "dashed"},
    "contradicts": {"label": "contradicts", "color": "#dc2626", "constraint": "false"},
    "supports": {"label": "supports", "color": "#16a34a", "constraint": "false"},
    "responds_to": {"label": "responds to", "color": "#0891b2", "constraint": "false"},
}


def packed(parts: list[str], width: int) -> list[str]:
    """``parts`` joined by " · " into lines of about ``width`` characters, breaking between parts, not inside."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + len(SEP) + len(part) <= width:
            lines[-1] += SEP + part
        else:
            lines.extend(wrapped_lines(part, width, MAX_LABEL_CHARS))
    return lines


def short_date(value: object) -> str:
    """``2020-09-13`` as ``13 Sep 2020``; anything that is not an ISO date as it is."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {day:%b %Y}"


#: Words a mention may add to a name without misspelling it: "the European Union", "Mr Lukashenko".
_COURTESY = frozenset("the mr mrs ms miss dr sir president minister prime general".split())


def _part_of_name(mention: str, name: str) -> bool:
    """True when every word of ``mention`` is a word of ``name`` (a surname, the name itself), courtesies aside."""
    words = [w.strip(".,") for w in mention.casefold().split()]
    named = set(name.casefold().split())
    kept = [w for w in words if w not in _COURTESY]
    return bool(kept) and all(w in named for w in kept)


def mention_note(mention: object, speaker_name: object) -> str | None:
    """How the source named the speaker, when the reader needs to know: a pronoun as ``(he)``,
    a spelling other than the speaker's name as ``printed as ‘Velary Tsepalko’``, else None
    (the name itself, or part of it: a surname is not a misspelling)."""
    if not mention:
        return None
    printed = " ".join(str(mention).split())
    if printed.casefold() in SHOWN_AS_PRONOUN:
        return f"({printed.lower()})"
    if speaker_name and _part_of_name(printed, str(speaker_name)):
        return None
    return f"printed as \u2018{printed}\u2019"


def speaker_label(attrs: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    kind = attrs.get("kind", "person")
    label = f"<b>{dot_html(attrs.get('name', '?'))}</b>"
    if attrs.get("description"):
        label += f'<br/><font point-size="9">{dot_html(attrs["description"])}</font>'
    tip = [f"{attrs.get('name', '?')} ({kind})"]
    if attrs.get("aliases"):
        tip.append("also printed as: " + ", ".join(str(a) for a in attrs["aliases"]))
    style = {**SPEAKER_STYLE.get(kind, SPEAKER_STYLE["person"]), "tooltip": dot_plain("\n".join(tip))}
    return f"<{label}>", style


@dataclass(frozen=True)
class ClaimContext:
    """What a claim's label needs from the rest of the graph: its speaker's name, its venue, and for a
    corrected misattribution the name of the speaker the source named instead."""

    speaker_name: str | None = None
    venue: Mapping[str, Any] | None = None
    misattributed_to: str | None = None


def _venue_note(attrs: Mapping[str, Any], venue: Mapping[str, Any] | None) -> str | None:
    said_on = attrs.get("said_on")
    if venue is None:
        return f"on {short_date(said_on)}" if said_on else None
    when = venue.get("date")
    note = f"at {venue.get('name', '?')}"
    if when or said_on:
        note += f", {short_date(when or said_on)}"
    return note


def claim_meta(attrs: Mapping[str, Any], context: ClaimContext) -> list[str]:
    """The small line under a claim's words: cue, venue and date, the name as printed."""
    meta: list[str] = []
    venue = _venue_note(attrs, context.venue)
    if venue:
        meta.append(venue)
    cue = attrs.get("cue")
    if cue and str(cue).casefold() not in {"said", "says"}:
        meta.append(str(cue))
    if attrs.get("unanchored"):
        meta.append("unanchored: not in the source's text")
    if context.misattributed_to:
        pass  # the source's attribution is struck through on its own line (see claim_label)
    elif attrs.get("speaker") is None and not context.speaker_name:
        if attrs.get("speaker_mention"):
            meta.append(f"unattributed: \u2018{attrs['speaker_mention']}\u2019")
    else:
        note = mention_note(attrs.get("speaker_mention"), context.speaker_name)
        if note:
            meta.append(note)
    return meta


def _claim_tooltip(attrs: Mapping[str, Any], context: ClaimContext, kind: str, status: str) -> str:
    tip = [str(attrs.get("text", "")), "", f"{kind} quote" if kind == "direct" else f"{kind} claim"]
    tip.append(f"status: {status}")
    if attrs.get("status_reason"):
        tip.append(f"reason: {attrs['status_reason']}")
    if context.speaker_name:
        tip.append(f"speaker: {context.speaker_name}")
    if context.misattributed_to:
        tip.append(f"misattributed by the source to: {context.misattributed_to}")
    if attrs.get("speaker_mention"):
        tip.append(f"speaker as printed: {attrs['speaker_mention']}")
    if context.venue is not None:
        tip.append(f"venue: {context.venue.get('name', '?')}")
    if attrs.get("said_on"):
        tip.append(f"said on: {attrs['said_on']}")
    if attrs.get("cue"):
        tip.append(f"cue: {attrs['cue']}")
    return "\n".join(tip)


def claim_label(attrs: Mapping[str, Any], context: ClaimContext) -> tuple[str, dict[str, str]]:
    kind, status = str(attrs.get("kind", "direct")), str(attrs.get("status", "recorded"))
    look = STATUS_LOOK.get(status, STATUS_LOOK["recorded"])
    text = str(attrs.get("text", ""))
    shown = f"\u201c{text}\u201d" if kind == "direct" else text
    body = "<br/>".join(dot_html(line) for line in wrapped_lines(shown, WRAP, MAX_LABEL_CHARS))
    if kind != "direct":
        body = f"<i>{body}</i>"
    if status == "retracted":
        body = f"<s>{body}</s>"
    rows = [f'<tr><td align="left" balign="left" width="{CLAIM_WIDTH}">{body}</td></tr>']
    meta = claim_meta(attrs, context)
    if meta:
        lines = "<br/>".join(dot_html(line) for line in packed(meta, META_WRAP))
        rows.append(f'<tr><td align="left" balign="left"><font point-size="8" color="{MUTED}">{lines}</font></td></tr>')
    if context.misattributed_to:
        wrong = dot_html(context.misattributed_to)
        rows.append(
            f'<tr><td align="left"><font point-size="8" color="{look.border}">the source named '
            f"<s>{wrong}</s></font></td></tr>"
        )
    if look.badge:
        rows.append(
            f'<tr><td align="left"><font point-size="8" color="{look.border}"><b>{look.badge}</b></font></td></tr>'
        )
    table = (
        f'<table border="1" cellborder="0" cellspacing="0" cellpadding="3" bgcolor="{look.fill}" '
        f'color="{look.border}" style="{CLAIM_BORDER.get(kind, "rounded")}">{"".join(rows)}</table>'
    )
    style = {"shape": "plain", "tooltip": dot_plain(_claim_tooltip(attrs, context, kind, status))}
    return f"<{table}>", style


def source_heading(attrs: Mapping[str, Any], record_id: str, *, with_outlet: bool, notes: Sequence[str] = ()) -> str:
    """The heading of a source's box: outlet, title, byline and date (an HTML-like label)."""
    rows: list[str] = []
    if with_outlet and attrs.get("outlet"):
        rows.append(f'<tr><td align="left"><b>{dot_html(attrs["outlet"])}</b></td></tr>')
    title = str(attrs.get("title") or record_id)
    lines = "<br/>".join(dot_html(line) for line in wrapped_lines(title, 48, 140))
    rows.append(f'<tr><td align="left" balign="left">{lines}</td></tr>')
    detail = SEP.join(
        str(x) for x in (attrs.get("author"), short_date(attrs["published"]) if attrs.get("published") else None) if x
    )
    if detail:
        rows.append(f'<tr><td align="left"><font point-size="8" color="{MUTED}">{dot_html(detail)}</font></td></tr>')
    for note in notes:
        rows.append(f'<tr><td align="left"><font point-size="8" color="#b91c1c">{dot_html(note)}</font></td></tr>')
    return f'<<table border="0" cellspacing="0" cellpadding="1">{"".join(rows)}</table>>'


def source_links(attrs: Mapping[str, Any], record_id: str) -> dict[str, str]:
    """A source's tooltip, and its link when the URL is http(s)."""
    title = str(attrs.get("title") or record_id)
    tip = [title, *(str(attrs[k]) for k in ("outlet", "author", "published", "url") if attrs.get(k))]
    style = {"tooltip": dot_plain("\n".join(tip))}
    url = dot_url(attrs.get("url"))
    if url is not None:
        style.update(URL=url, target="_blank")
    return style
