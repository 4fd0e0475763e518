"""Every word list and character set the extractor leans on, in one place.

Data, not logic, so the lists can be read and tuned on their own: quotation
marks, attribution cues, auxiliaries, speaker nouns, titles, pronouns, the
closed word classes that bound a noun phrase, and venue phrases. The cue
verbs are the communication and stance verbs that dominate attribution in
news (ranked by frequency in the PolNeAR training split: say, tell,
according to, write, add, ask, note, report, announce…). Tuning numbers
(confidences, distances, lengths) are in :mod:`provenance.extraction.rules`.
"""

from __future__ import annotations

import re

from .. import pronouns

# ------------------------------------------------------------------ quotation marks

OPENING_QUOTES = "\u201c\u201e\u00ab"  # “ „ «
CLOSING_QUOTES = "\u201d\u00bb"  # ” »
STRAIGHT_QUOTE = '"'
#: Every character that can open or close a quotation (‟ too, which some fonts use as an opening mark).
QUOTE_MARKS = OPENING_QUOTES + CLOSING_QUOTES + STRAIGHT_QUOTE + "\u201f"
#: Marks that open a quotation (a straight quote may do either).
QUOTE_OPENERS = OPENING_QUOTES + STRAIGHT_QUOTE
#: Marks that close a quotation.
QUOTE_CLOSERS = CLOSING_QUOTES + STRAIGHT_QUOTE
#: Two apostrophes print a straight double quote in some wire copy.
DOUBLED_APOSTROPHE = "''"

# ------------------------------------------------------------------ sentences

#: Words before a full stop that do not end a sentence ("Mr. Smith", "U.S. officials").
ABBREVIATIONS: frozenset[str] = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt st jr sr inc corp co ltd no vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u d.c a.m p.m".split()
)

# ------------------------------------------------------------------ cues

# fmt: off
# Speech and stance verbs: base form -> past form when irregular or doubled.
_VERBS: dict[str, str] = {
    "say": "said", "tell": "told", "write": "wrote", "tweet": "tweeted", "post": "posted",
    "add": "added", "ask": "asked", "note": "noted", "report": "reported", "announce": "announced",
    "suggest": "suggested", "argue": "argued", "claim": "claimed", "warn": "warned", "explain": "explained",
    "declare": "declared", "acknowledge": "acknowledged", "insist": "insisted", "state": "stated",
    "deny": "denied", "admit": "admitted", "allege": "alleged", "predict": "predicted", "promise": "promised",
    "vow": "vowed", "pledge": "pledged", "urge": "urged", "accuse": "accused", "confirm": "confirmed",
    "recall": "recalled", "respond": "responded", "reply": "replied", "stress": "stressed",
    "emphasize": "emphasized", "emphasise": "emphasised", "contend": "contended", "maintain": "maintained",
    "assert": "asserted", "concede": "conceded", "conclude": "concluded", "reveal": "revealed",
    "indicate": "indicated", "estimate": "estimated", "complain": "complained", "joke": "joked",
    "observe": "observed", "remark": "remarked", "reiterate": "reiterated", "repeat": "repeated",
    "testify": "testified", "mention": "mentioned", "boast": "boasted", "charge": "charged",
    "counter": "countered", "retort": "retorted", "tout": "touted", "caution": "cautioned",
    "believe": "believed", "think": "thought", "fear": "feared", "hope": "hoped", "worry": "worried",
    "demand": "demanded", "threaten": "threatened", "propose": "proposed", "answer": "answered",
    "show": "showed", "find": "found", "learn": "learned", "agree": "agreed", "email": "emailed",
    "recount": "recounted", "lament": "lamented", "chant": "chanted",
    "shout": "shouted", "scream": "screamed", "yell": "yelled", "cry": "cried", "proclaim": "proclaimed",
    "inform": "informed", "assure": "assured", "remind": "reminded", "advise": "advised",
    "signal": "signalled", "call": "called", "describe": "described", "dub": "dubbed", "brand": "branded",
    "label": "labelled",
    # the rarer verbs of speech news uses around a quotation
    "quip": "quipped", "scoff": "scoffed", "crow": "crowed", "scold": "scolded", "stutter": "stuttered",
    "snap": "snapped", "sneer": "sneered", "muse": "mused", "gush": "gushed", "exclaim": "exclaimed",
    "mutter": "muttered", "whisper": "whispered", "chide": "chided", "fume": "fumed", "plead": "pleaded",
    "continue": "continued", "sing": "sang", "cite": "cited", "criticize": "criticized",
    "criticise": "criticised", "condemn": "condemned", "blast": "blasted", "slam": "slammed", "hail": "hailed",
    "praise": "praised", "dismiss": "dismissed", "characterize": "characterized", "term": "termed",
    "liken": "likened", "rebut": "rebutted", "tease": "teased", "boom": "boomed", "bellow": "bellowed",
    "groan": "groaned", "marvel": "marvelled", "interject": "interjected", "stammer": "stammered",
    "compare": "compared", "denounce": "denounced", "decry": "decried", "comment": "commented",
    "attack": "attacked",
    "mock": "mocked", "ridicule": "ridiculed", "lambast": "lambasted",
}
_EXTRA_FORMS = ("according to", "made it clear", "make it clear", "makes it clear", "making it clear",
                "pointed out", "points out", "point out", "went on to say", "goes on to say", "put it")

# fmt: on


def _forms(base: str, past: str) -> set[str]:
    third = base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
    if base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    if past.endswith("ed") and len(past) > len(base) + 2 and past[-3] == past[-4] == base[-1]:
        return {base, past, third, ing, past[:-2] + "ing"}  # "quipped": "quipping"; "signalled": both spellings
    return {base, past, third, ing}


#: Forms of cue verbs that are far more often nouns or modifiers: "snap polls", "a strong signal",
#: "the court term". Their past forms ("snapped", "signalled", "termed") stay cues.
NOT_CUES: frozenset[str] = frozenset("snap snaps signal signals term terms attack attacks".split())

CUE_WORDS: frozenset[str] = frozenset(
    form for base, past in _VERBS.items() for form in _forms(base, past) if len(form) > 2 and form not in NOT_CUES
) | frozenset(_EXTRA_FORMS)

#: Cues that introduce what someone *said*; stance verbs (believe, fear…) are indirect-only.
SPEECH_CUES: frozenset[str] = frozenset(
    form
    for base, past in _VERBS.items()
    if base not in {"believe", "think", "fear", "hope", "worry", "show", "find", "learn", "agree"}
    for form in _forms(base, past)
) | frozenset(_EXTRA_FORMS)

#: Base forms of the cue verbs ("tell" in "no way to tell"): an infinitive reports nothing yet.
CUE_BASES: frozenset[str] = frozenset(_VERBS)
#: Stance verbs: what someone thinks, not what they said.
STANCE_CUES: frozenset[str] = frozenset(
    form for base in ("believe", "think", "fear", "hope", "worry", "agree") for form in _forms(base, _VERBS[base])
)

#: Cues that attribute findings, not speech: only a study, poll or body "shows" or "found".
EVIDENCE_CUES: frozenset[str] = frozenset(
    form for base in ("show", "find", "learn", "reveal") for form in _forms(base, _VERBS[base])
)

#: Cue words far more often a noun or adjective ("federal and state law", "the states"): cues only
#: before "that", a colon, a comma, a full stop or a quotation mark.
NOUN_FIRST_CUES: frozenset[str] = frozenset({"state", "states"})
#: Cue forms that are also plural nouns ("claims", "reports"): a cue only when not followed by NOUN_FOLLOWERS.
NOUN_LIKE_CUES: frozenset[str] = frozenset(
    """claims reports notes states calls promises fears hopes posts warnings answers demands proposals
    findings remarks comments statements tweets shows worries concerns""".split()
)
NOUN_FOLLOWERS: frozenset[str] = frozenset(
    "of as about are were and or to from in on for by with have had , . ; : ) that’s".split()
)

#: Cues whose object is often a thing, not a report ("wrote his book", "called the police"): they
#: govern content only when 'that', a colon or a quotation follows.
OBJECT_CUES: frozenset[str] = frozenset(
    form
    for base in """write post email answer reveal propose demand call describe dub brand label state deny
    maintain charge continue sing cite criticize attack criticise condemn blast slam hail praise dismiss
    characterize term liken tease accuse compare denounce decry mock ridicule lambast""".split()
    for form in _forms(base, _VERBS[base])
)

#: Naming and judging verbs whose object may hold the quotation that is the claim: "called the
#: ruling “…”", "described X as “…”", "accused Y of being “…”" (see attribution._object_frame).
_FRAME_BASES = """call describe dub brand label term characterize liken compare criticize criticise condemn blast
    slam hail praise dismiss tease accuse denounce decry mock ridicule lambast attack""".split()
FRAME_CUES: frozenset[str] = frozenset(form for base in _FRAME_BASES for form in _forms(base, _VERBS[base]))
#: Words that open a clause of their own after a naming verb's quotation, ending its claim:
#: "described her as a “disgrace” after she attacked …".
FRAME_TAIL_STOPS: frozenset[str] = frozenset(
    "after before when whenever while because as since until though although but if which who whom whose where".split()
)

#: Verbs that take the addressee as object before the content: "told reporters that…".
ADDRESSEE_CUES: frozenset[str] = frozenset(
    {
        "tell",
        "told",
        "tells",
        "telling",
        "warn",
        "warned",
        "warns",
        "warning",
        "assure",
        "assured",
        "assures",
        "inform",
        "informed",
        "informs",
        "remind",
        "reminded",
        "reminds",
        "urge",
        "urged",
        "urges",
        "ask",
        "asked",
        "asks",
        "asking",
        "advise",
        "advised",
    }
)

#: Words that may come between a speaker and the cue: "has said", "also told", "later added".
AUXILIARIES = (
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "then",
    "again",
    "would",
    "will",
    "had earlier",
    "once",
    "repeatedly",
    "publicly",
    "privately",
    "recently",
    "reportedly",
    "has repeatedly",
    "has long",
    "did",
    "does",
    "do",
    "is",
    "was",
    "were",
    "are",
    "may",
    "might",
    "could",
    "further",
    "first",
    "often",
    "has often",
    "had previously",
    "subsequently",
)

#: Heads of noun phrases that can be speakers without a capital letter.
SPEAKER_NOUNS: frozenset[str] = frozenset(
    """source sources official officials spokesman spokeswoman spokesperson spokespeople protesters
    protester demonstrators demonstrator critics critic supporters supporter analysts analyst experts
    expert aides aide adviser advisers advisor advisors lawmakers lawmaker leaders leader campaign
    government ministry department police poll polls survey surveys study studies report reports
    statement residents resident voters voter opposition observers observer diplomats diplomat people
    crowd marchers activists activist authorities administration agency committee council party
    officers officer witnesses witness organizers organisers group union prosecutors prosecutor
    lawyers lawyer attorney attorneys researchers researcher scientists scientist economists economist
    president minister senator governor candidate nominee chairman chairwoman director executive
    members member republicans democrats data figures records documents memo letter filing lawsuit
    court judge spokesmen spokeswomen authors author editorial website ambassador secretary someone
    somebody""".split()
)

#: Words for a share or a number of people that speak as one ("47 percent said", "one in three said",
#: "many argue", "others say"): read back through the numbers before them.
QUANTITY_SPEAKERS: frozenset[str] = frozenset(
    """percent % half majority minority plurality third quarter many others most few several everyone everybody
    nobody two three four five six seven eight nine ten""".split()
)
#: Numbers spelled out, as shares are printed: "nearly three in five".
NUMBER_WORDS: frozenset[str] = frozenset(
    "one two three four five six seven eight nine ten twenty thirty forty fifty sixty seventy eighty ninety".split()
)
#: Pronouns that stand for a speaker ("he said"); the pronoun table, shared with the layers below, is
#: :mod:`provenance.pronouns`.
PRONOUNS: frozenset[str] = pronouns.SUBJECT
#: Pronouns that stand for an organisation or a group rather than a person.
ORGANISATION_PRONOUNS: frozenset[str] = frozenset({"it", "they"})
#: Objects a cue may take before its content: "told him:", "told reporters that…".
OBJECT_PRONOUNS: frozenset[str] = pronouns.OBJECT
ADDRESSEE_NOUNS: frozenset[str] = frozenset({"reporters", "journalists"})
#: Endings that mark a possessor: "the opposition’s slogan".
POSSESSIVE_ENDINGS = ("\u2019s", "'s")

# ------------------------------------------------------------------ noun phrases

#: Lower-case words inside a name: "Ursula von der Leyen", "Ibn Saud".
NAME_PARTICLES: frozenset[str] = frozenset(
    {"van", "von", "de", "der", "den", "da", "del", "di", "du", "la", "le", "al", "bin", "ibn", "of"}
)
#: Words that open a common noun phrase: "the source", "some officials", "its spokesman".
DETERMINERS: frozenset[str] = frozenset(
    """the a an some many several two three four other these those most its his her their one another
    both all""".split()
)
#: Words that start a new clause, so a noun phrase never runs back across them.
CLAUSE_WORDS: frozenset[str] = frozenset(
    """and but or that which who when as while because if since where after before than so what how
    said says""".split()
)
#: Coordinators that join a second cue to the first speaker: "the US said … and warned Moscow".
COORDINATORS: frozenset[str] = frozenset({"and", "but"})
#: Capitalised words that are dates, not names.
CALENDAR: frozenset[str] = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday tonight""".split()
)
#: Capitalised words that open a sentence without being a name.
SENTENCE_OPENERS: frozenset[str] = frozenset(
    """the a an but and or so yet instead meanwhile however still also in on at for this that these those
    there it he she they we i his her their its our my if when while after before as""".split()
)
#: Prepositions that tie a group to a place: "Residents on Holm said".
PLACE_PREPOSITIONS: frozenset[str] = frozenset({"on", "in", "of", "from", "at", "across", "near"})
#: Words after a cue that end the search for a speaker there: "said in", "said that".
STOP_AFTER_CUE: frozenset[str] = frozenset(
    {"in", "on", "at", "that", "to", "by", "over", "from", "with", "of", "for", "it", "this"}
)

#: Heads of noun phrases that are documents, not speakers: a poll or a record "shows", it does not say.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """poll polls polling averages survey surveys study studies report reports record records data figures
    document documents memo letter filing filings lawsuit analysis review audit statistics numbers results
    chart charts table tables map maps photos photo video videos footage""".split()
)
#: Heads of noun phrases that never speak, whatever the verb: "the evidence suggests", "the data say",
#: and the "there" of "There are fears that …".
MUTE_HEADS: frozenset[str] = frozenset(
    """evidence data statistics results polling averages chart charts map maps photos photo
    footage there worth""".split()
)
#: A mention made only of these is a time, not a speaker: "This week, the president declined to … declare".
TIME_PHRASE_WORDS: frozenset[str] = frozenset(
    """this last next that early late earlier later week weekend month year day morning afternoon evening night""".split()
)
#: Words no reported clause ends with: the clause before a cue that ends so is part of the subject
#: ("Sixty-two percent of Republicans agreed", "Dan McLaughlin at the National Review agreed").
DANGLING_WORDS: frozenset[str] = frozenset("of at the a an to from by with what which who".split())
#: A quantity right after a cue: "the DAX added 0.1 per cent" moves a market, it reports nothing
#: ("said 40 per cent of voters …" is a report: a quantity followed by "of" is a subject).
QUANTITY_OBJECT = re.compile(
    r"\s+[+\-\u2212]?[$\u00a3\u20ac]?\d[\d.,]*\s*(?:%|per\s?cent|percent|percentage points?|basis points|points?|pc|pence|cents?)"
    r"(?!\s+of\b)(?![\w%])",
    re.IGNORECASE,
)
#: The verb "be" before a past participle: "was charged with", "is observed as" (passive, not a report).
BE_FORMS: frozenset[str] = frozenset("is was were are be been being".split())
#: Verbs that make a stretch of words a clause, never a speaker's name or description: "…, some of its
#: work would be done elsewhere, said X" is no appositive, "…, said the debate was rigged" no speaker.
FINITE_WORDS: frozenset[str] = frozenset("would will could should might must can is are was were has have had".split())
#: Modal verbs that make a stance verb hypothetical: "many would hope …".
MODALS: frozenset[str] = frozenset("would could might may should must can will".split())
#: Capitalised words that open a sentence without being anyone's name: "Seriously, please ask …".
SENTENCE_ADVERBS: frozenset[str] = frozenset(
    """however perhaps seriously additionally meanwhile still yet also indeed instead moreover furthermore
    nevertheless nonetheless thus therefore hence otherwise frankly honestly basically initially finally
    first second third then now today yesterday tonight later earlier additional please rather
    conversely similarly likewise consequently accordingly ultimately""".split()
)
#: Lines that are a page's furniture, not its article: navigation, captions, credits, notes.
BOILERPLATE = re.compile(
    r"\W*(?:(?:read (?:more|also)|related(?: stories)?|see also|more|watch|listen|photos?|images?|caption|videos?)\s*[:|]"
    r"|getty|\(?(?:reporting|editing|writing|additional reporting) by|follow \S.* on (?:twitter|facebook|instagram)"
    r"|sign up|subscribe|click here|editor['\u2019]?s note|\(?crosstalk|copyright|©)",
    re.IGNORECASE,
)

#: Words that end the noun phrase a clause opens with (its subject): "observers *in* the capital".
SUBJECT_STOPS: frozenset[str] = PLACE_PREPOSITIONS | frozenset(
    """of for with about around across over under into onto against among between within without who which that
    whose whom and or but as went goes going""".split()
)
#: Words that tie an unnamed source to whom it is near: "a source close to the board", "people familiar with".
SOURCE_LINKS: frozenset[str] = frozenset({"close", "familiar", "near"})
#: Cue forms that are also nouns, told apart by the word before them ("a flurry of tweets", "swing states").
NOUN_FORMS: frozenset[str] = frozenset(
    """state states note notes tweet tweets post posts call calls claim claims report reports promise promises
    pledge pledges warning warnings answer answers demand demands comment comments remark remarks charge charges
    fear fears hope hopes worry worries estimate estimates show shows find finds cry cries term terms
    label labels brand brands praise""".split()
)
#: Words after which such a form is a noun: determiners, possessives, "of", quantifiers, common modifiers
#: (a "talk show", a "reality show" is a programme).
NOUN_MARKERS: frozenset[str] = DETERMINERS | frozenset(
    """of for with this that these those my your our no every each any such first last new latest recent
    swing member home nation head federal tv talk radio reality award game""".split()
)
#: Nouns a cue form qualifies as an adjective when it stands before them: "the pledged delegates".
QUALIFIED_NOUNS: dict[str, frozenset[str]] = {
    "pledged": frozenset({"delegate", "delegates"}),
    "declared": frozenset({"candidate", "candidates", "candidacy"}),
}
#: Forms of "add": "adds to the drama" says nothing, "added that …" reports.
ADDING_CUES: frozenset[str] = frozenset(_forms("add", "added"))

# ------------------------------------------------------------------ clauses

#: Participles that carry a second report after a comma, their speaker the clause's: "…, saying that …".
PARTICIPLE_CUES: frozenset[str] = frozenset(
    """saying adding noting arguing suggesting claiming warning insisting writing explaining asking telling
    stressing declaring acknowledging conceding recalling citing""".split()
) | frozenset(form for form in SPEECH_CUES if form.endswith("ing") and form not in {"sing", "continuing"})
#: Words that tie a participle to the clause before it, whose subject it borrows: "… before asking her, “…”".
PARTICIPLE_LINKS: frozenset[str] = frozenset("before after while when by".split())
#: Words after a comma that start a clause outside the report: "…, although critics disagree".
CLAUSE_ENDERS = ("although", "though", "even as", "whereas", "citing", "according to", "especially", "going on to")
#: Participles that open a second reported clause: "…, adding that …".
PARTICIPLE_CLAUSES = ("adding", "saying", "arguing", "noting", "warning", "claiming", "insisting")
#: Words that open a time or place adjunct between a cue and its content: "said on Saturday".
#: Days that stand alone as a time after a cue: "said Friday that …".
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "today", "yesterday")
#: Words that open an adverbial clause: after a cue without "that" they begin no report
#: ("… Hollande said Friday as he entered the talks").
SUBORDINATORS: frozenset[str] = frozenset("as while because".split())
#: ... and these, when a subject pronoun follows ("said after he left"; "said after the vote he …" reports).
TIME_SUBORDINATORS: frozenset[str] = frozenset("after before since until".split())
#: Words before a speaker that make "speaker + cue" a noun phrase: "what Trump says", "everything she said".
NOUN_CLAUSE_OPENERS: frozenset[str] = frozenset("what whatever everything anything nothing something".split())
#: Past participles that name something when set off by a comma: "The program, called EB-5, …".
NAMING_PARTICIPLES: frozenset[str] = frozenset("called dubbed named titled labelled labeled termed branded".split())
#: Cues whose infinitive is the report: "pledged to remain civil", "vowed to fight", "refused to resign".
COMMITMENT_CUES: frozenset[str] = frozenset(
    form
    for base in ("pledge", "promise", "vow", "threaten", "refuse", "offer", "agree", "urge", "demand")
    if base in _VERBS
    for form in _forms(base, _VERBS[base])
)
#: Cues whose object and its "of doing" are the charge: "accused X of attempting to …", "blamed X for letting …".
ACCUSING_CUES: frozenset[str] = frozenset(
    form
    for base in ("accuse", "blame", "criticize", "criticise", "praise", "thank")
    if base in _VERBS
    for form in _forms(base, _VERBS[base])
)
#: Words a title in Title Case leaves in lower case: "Legend in the Coal Fields".
TITLE_SMALL_WORDS: frozenset[str] = frozenset("a an the of in on at to for and or but by with from as".split())
#: Verbs before "to" whose infinitive cue still reports what was said: "continued to insist that …",
#: "appeared to suggest", "began to argue" (not "declined to comment", "refused to say").
REPORTING_INFINITIVE_LEADS: frozenset[str] = frozenset(
    """continue continues continued continuing begin begins began beginning start starts started starting
    appear appears appeared appearing seem seems seemed seeming""".split()
)
#: Object cues whose object, quoted or not, is what was said: "denied the charges", "described the
#: meeting as tense" (not "wrote his book", "called the police").
OBJECT_REPORT_CUES: frozenset[str] = frozenset(
    form for base in ("deny", "describe", "characterize") for form in _forms(base, _VERBS[base])
)
#: Words that open the question "asked" reports: "asked whether …", "asked about the cuts".
QUESTION_OPENERS: frozenset[str] = frozenset("whether if why what how who whom when where which about".split())
#: Words that open a subordinate clause before the main one: "When my mother mentioned it, I …".
CLAUSE_OPENERS: frozenset[str] = frozenset("when while as if because since although though once unless".split())
#: Objects that make a cue no report: "find themselves", "ask yourself".
REFLEXIVES: frozenset[str] = frozenset("myself yourself himself herself itself ourselves yourselves themselves".split())
ADJUNCT_WORDS = ("on", "last", "this", "late", "early", "earlier", "in", "at", "during", "over", "by", "from")
#: Determiners inside a time or place adjunct: "on the day", "in his office".
ADJUNCT_DETERMINERS = ("the", "a", "an", "its", "his", "her", "their")
#: Groups addressed by a cue before its content: "told the crowd that…".
AUDIENCE_NOUNS = ("reporters", "audience", "crowd", "supporters", "lawmakers")
#: What may close a sentence after a final cue: "…, the source said in a statement."
FINAL_CUE_NOUNS = ("week", "month", "year", "night", "statement", "interview")
#: Words that open a time or place adjunct, never a reported clause: "on Thursday", "to my messages".
ADJUNCT_OPENERS: frozenset[str] = frozenset(ADJUNCT_WORDS) | frozenset(
    "to with after before during until since into onto morning evening afternoon night week month year".split()
)
#: Dashes that attribute a quote: "“…” — Karen Smith".
DASHES = "\u2015\u2014\u2013"
#: Characters trimmed from the edges of a reported clause.
CLAUSE_EDGE = " \t\n,;:.\u2014\u2013-"

#: Title and role words stripped from the front of a name mention: "Deputy Secretary of State Stephen Biegun".
TITLE_WORDS: frozenset[str] = frozenset(
    """president vice prime minister deputy secretary state us u.s. uk u.k. eu senator sen. sen rep. rep
    representative governor gov. gov mayor ambassador former chancellor general gen. gen colonel col. lt.
    lieutenant sergeant captain judge justice chief chairman chairwoman speaker leader spokesman
    spokeswoman director attorney foreign interior defence defense finance house white republican
    democratic democrat gop opposition politician candidate nominee mr. mr mrs. mrs ms. ms dr. dr
    professor prof. sir dame lord lady king queen prince princess pope rev. reverend sheikh
    councillor councilor cllr alderman commissioner inspector detective superintendent officer
    mp mep bishop archbishop rabbi imam coach manager chairperson ceo founder editor
    correspondent envoy consul attaché attache mayor-elect premier chief-executive adviser advisor aide
    spokesperson economist analyst strategist lawyer president-elect striker midfielder goalkeeper""".split()
)

#: Organisation-like words: a mention containing one is "it", not "he" or "she".
ORGANISATION_WORDS: frozenset[str] = frozenset(
    """union party department ministry council government commission committee campaign agency
    office bank court police army kremlin white house congress senate parliament administration
    company corporation inc. corp. group association federation organization organisation nations
    us u.s. uk eu nato un u.n. state""".split()
)

# fmt: off
#: Venue hints: (kind, pattern). The pattern's "place" group, when present, names the place.
VENUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("phone-call", re.compile(r"\b(?:over|by|on) (?:the )?(?:tele)?phone(?: from (?P<place>(?:exile in )?[A-Z][\w-]+))?")),
    ("phone-call", re.compile(r"\bin a (?:tele)?phone (?:call|interview)\b")),
    ("statement", re.compile(r"\b(?:in|issued) an? (?:written |joint |brief |short )?statement\b")),
    ("press-conference", re.compile(r"\b(?:at|during|told) an? (?:news|press) conference\b|\btold reporters\b|\bbriefing\b")),
    ("interview", re.compile(r"\bin an interview(?: with (?P<place>[A-Z][\w.]*(?: [A-Z][\w.]*)*))?")),
    ("interview", re.compile(r"\btold (?P<place>(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})")),
    ("post", re.compile(r"\b(?:on|in a post on) (?:Twitter|Facebook|Instagram|Telegram|X|Truth Social)\b|\bin an? (?:tweet|Facebook post|Instagram post|blog post|post)\b|\btweeted\b")),
    ("speech", re.compile(r"\bin a speech\b|\bin remarks\b|\baddressing (?:the )?[A-Z]")),
    ("rally", re.compile(r"\bat a rally\b|\bat the (?:rally|march|protest)\b")),
    ("broadcast", re.compile(r"\bon (?:CNN|Fox News|Fox|MSNBC|BBC|NBC|ABC|CBS|NPR|television|TV|radio|state television)\b")),
)

#: Words that show a short quotation is a chant or slogan, i.e. speech despite its length.
SLOGAN_WORDS = re.compile(r"\b(?:chant\w*|slogans?|shout\w*|banners?|placards?|signs? reading|cr(?:y|ies|ied) of)\b", re.I)
# fmt: on

# ------------------------------------------------------------------ speakers nobody registered

#: Marks that end an appositive after a name: "said Mike Smith, a spokesman for X[.]"
APPOSITIVE_ENDS: frozenset[str] = frozenset({",", ".", ";", ":", "(", ")", "\u2014", "\u2013", *QUOTE_MARKS})
#: Words an appositive describing a speaker opens with: "Mike Smith, [a] spokesman for X"; an appositive
#: that opens otherwise ("Smith, 45,", "Smith, who …", "Smith, speaking on Tuesday,") is not kept as a role.
ROLE_OPENERS: frozenset[str] = frozenset("a an the his her its their our one".split())
#: Plural nouns for people in general: a speaker headed by one is a group, never a person
#: ("Critics said", "local residents said", "Opposition lawmakers said", "Residents on Holm said").
GROUP_NOUNS: frozenset[str] = frozenset(
    """critics protesters protestors demonstrators marchers lawmakers legislators residents officials analysts
    experts activists campaigners supporters opponents voters witnesses observers diplomats leaders members
    economists scientists researchers doctors nurses teachers workers farmers parents students investors
    traders locals villagers neighbours neighbors fans onlookers bystanders organizers organisers prosecutors
    investigators authorities police lawyers attorneys advocates citizens people relatives families survivors
    victims employees staff staffers aides advisers advisors republicans democrats conservatives liberals
    insiders commentators pundits bankers executives officers soldiers troops rebels militants
    scholars historians academics physicians patients customers users shoppers drivers commuters
    organizations organisations groups unions agencies companies firms ministries governments
    women men specialists respondents participants delegates superdelegates""".split()
)
#: Nouns for a source the article keeps unnamed: "a source close to …", "sources said", "an insider".
ANONYMOUS_NOUNS: frozenset[str] = frozenset("source sources insider insiders person someone".split())
#: Words that open a mention of somebody the article does not name: "a senior official", "one aide".
UNNAMED_OPENERS: frozenset[str] = frozenset("a an one another two three several some".split())
#: What an article says of a source it keeps anonymous: "who asked not to be named", "familiar with …".
ANONYMITY = re.compile(
    r"\b(?:(?:asked|requested|declined|wished|refused)\s+(?:not\s+)?to\s+be\s+(?:named|identified)"
    r"|(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity|(?:requested|granted)\s+anonymity|anonymously"
    r"|not\s+authori[sz]ed\s+to\s+(?:speak|comment|discuss|talk)"
    r"|familiar\s+with|close\s+to|briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of)\b",
    re.IGNORECASE,
)
#: Last words that make a capitalised name an organisation's: "Harbour Trust", "Northfield University".
#: Words that are also common surnames (Hill, Church, Court, House, Post) are left out: "Tom Hill" is a man.
ORGANISATION_NAME_WORDS: frozenset[str] = frozenset(
    """government administration kremlin congress senate parliament office campaign nations group trust
    foundation institute institution university college academy hospital clinic club society coalition
    alliance league board authority services centre center fund bank network press news times
    herald journal tribune gazette agency bureau commission company co. inc ltd ltd. plc llc corp
    corporation industries holdings airline airlines airways railway railways council assembly chamber
    tribunal ministry department embassy consulate police army navy forces museum library laboratory
    laboratories organisation organization union federation association party movement committee fc
    street palace service music records pictures entertainment media radio television magazine review
    affairs relations studies research policy rights health education budget responsibility equality
    debates partners watch international""".split()
)
#: Country names as news prints them: a speaker so named is a government, not a person ("North Korea said",
#: "the Netherlands said"). A one-word name alone is still never registered ("Jordan said" may be a man).
COUNTRY_NAMES: frozenset[str] = frozenset(
    name.strip()
    for name in """afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria, azerbaijan,
    bahrain, bangladesh, belarus, belgium, bolivia, bosnia, botswana, brazil, britain, bulgaria, burkina faso,
    cambodia, cameroon, canada, chad, chile, china, colombia, congo, costa rica, croatia, cuba, cyprus,
    czech republic, czechia, denmark, ecuador, egypt, el salvador, eritrea, estonia, ethiopia, finland, france,
    georgia, germany, ghana, great britain, greece, guatemala, guinea, haiti, honduras, hong kong, hungary,
    iceland, india, indonesia, iran, iraq, ireland, israel, italy, ivory coast, jamaica, japan, jordan,
    kazakhstan, kenya, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, libya, lithuania, luxembourg,
    madagascar, malawi, malaysia, mali, malta, mexico, moldova, mongolia, montenegro, morocco, mozambique,
    myanmar, namibia, nepal, netherlands, new zealand, nicaragua, niger, nigeria, north korea, north macedonia,
    norway, oman, pakistan, palestine, panama, paraguay, peru, philippines, poland, portugal, qatar, romania,
    russia, rwanda, saudi arabia, senegal, serbia, sierra leone, singapore, slovakia, slovenia, somalia,
    south africa, south korea, south sudan, spain, sri lanka, sudan, sweden, switzerland, syria, taiwan,
    tajikistan, tanzania, thailand, tunisia, turkey, turkmenistan, uganda, ukraine, united arab emirates,
    united kingdom, united states, united states of america, uruguay, uzbekistan, venezuela, vietnam, yemen,
    zambia, zimbabwe""".split(",")
)
#: Titles that say nothing of what a speaker does: "Mr. Morgan" has no role.
HONORIFICS: frozenset[str] = frozenset("mr mrs ms miss mx dr prof sir dame lord lady rev the".split())
#: Capitalised words that open a run of capitals without being part of a name: "[Unlike] Patriot",
#: "[Rival] Hillary Clinton" (sentence openers, determiners, clause words and cues are left off too).
NOT_NAME_WORDS: frozenset[str] = frozenset(
    """unlike like despite rival fellow dear say says ask although though even only just beyond everything
    nothing everyone whether unless until once amid during under over with without against among between
    across about above below into onto upon through throughout toward towards within per via""".split()
)
#: Bodies whose names are made of title words, which a person's name never is only of: "the White House".
TITLED_BODIES: frozenset[str] = frozenset({"white house", "house", "gop"})
#: Suffixes after a name that are written in capitals without being acronyms: "Vann R. Newkirk II".
NAME_SUFFIXES: frozenset[str] = frozenset("ii iii iv jr sr".split())
#: Heads of speaker phrases that are things or bodies rather than people: "a statement" is no anonymous source.
NON_PERSON_HEADS: frozenset[str] = frozenset("statement editorial website opposition campaign".split())
#: Nouns for a number of people: a speaker headed by one is a group ("the crowd chanted", "a long queue of
#: police chanted", "Thousands of protesters said", "a group of parents said").
COLLECTIVE_NOUNS: frozenset[str] = frozenset(
    """crowd crowds queue line group number dozens hundreds thousands tens millions handful couple majority
    chorus host throng""".split()
)
