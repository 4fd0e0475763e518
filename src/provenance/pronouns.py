"""English personal pronouns, written once for every layer that must tell a pronoun from a name.

The extractor reads "he said" as a speaker named elsewhere in the text; the
store does not look a pronoun up as a speaker's name; the picture shows a
speaker printed as a pronoun as "(he)"; and comparing a quote with reported
speech levels "we" and "they". Each takes its set from here, at the bottom of
the layers, so that all of them may import it.
"""

from __future__ import annotations

#: Each person's forms: subject, object, possessive determiner, possessive pronoun, reflexive(s).
FORMS: tuple[tuple[str, ...], ...] = (
    ("i", "me", "my", "mine", "myself"),
    ("we", "us", "our", "ours", "ourselves"),
    ("you", "you", "your", "yours", "yourself", "yourselves"),
    ("he", "him", "his", "his", "himself"),
    ("she", "her", "her", "hers", "herself"),
    ("it", "it", "its", "its", "itself"),
    ("they", "them", "their", "theirs", "themselves"),
)
_THIRD_PERSON = FORMS[3:]

#: Subject pronouns: a speaker printed as one of these ("he said") stands for a name printed elsewhere.
SUBJECT: frozenset[str] = frozenset(forms[0] for forms in FORMS)
#: Object forms other than the subject's ("him", not "you"): the object a cue may take ("told him:").
OBJECT: frozenset[str] = frozenset(forms[1] for forms in FORMS) - SUBJECT
#: Every form of the pronouns that stand for people ("it" aside): levelled when a direct quote is
#: compared with reported speech ("we" -> "they").
PERSONAL: frozenset[str] = frozenset(form for forms in FORMS if forms[0] != "it" for form in forms)
#: A speaker's name printed as one of these is not looked up in the registry (``provenance resolve``
#: leaves the claim): the subjects, and the third person's objects ("him").
NOT_A_NAME: frozenset[str] = SUBJECT | frozenset(forms[1] for forms in _THIRD_PERSON)
#: A speaker printed as one of these is shown as "(he)" in the picture, never as a misspelling of a name.
SHOWN_AS_PRONOUN: frozenset[str] = SUBJECT | frozenset("him her them us his hers its their our".split())
