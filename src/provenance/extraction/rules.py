"""Every tuning value of the extractor, named, each with why it is what it is.

Confidences rank the rules by how often they were right on PolNeAR's train and
dev splits (a quotation next to its cue is almost always an attribution; a
quotation given to the paragraph's subject much less often). Distances are in
characters of the article unless the name says words or tokens.
"""

from __future__ import annotations

# ------------------------------------------------------------------ confidences (0–1)

#: "“…,” said X" and "X said: “…”": a quotation right beside its cue.
QUOTE_BESIDE_CUE = 0.9
#: A reported clause that is exactly one quotation: "X said “…”".
QUOTE_AS_CLAUSE = 0.85
#: A quotation in a naming verb's object: "called the ruling “…”".
QUOTE_IN_OBJECT = 0.8
#: The object of a verb that reports by naming it: "denied the charges", "described the meeting".
OBJECT_REPORT = 0.6
#: A reported clause that ends with a quotation before the cue: "There is a risk that “…,” said X".
CLAUSE_BEFORE_QUOTE = 0.75
#: Reported speech after a speech verb ("X said that …") and after a stance verb ("X believes …").
CLAUSE_AFTER_SPEECH_CUE = 0.7
CLAUSE_AFTER_STANCE_CUE = 0.55
#: Reported speech before the cue ("…, officials said."): the clause edge is a guess more often.
CLAUSE_BEFORE_SPEECH_CUE = 0.65
CLAUSE_BEFORE_STANCE_CUE = 0.5
#: A quotation after a chanting verb: "protesters chanted “…”".
CHANT = 0.75
#: A quotation in a sentence naming a slogan or banner but with no cue.
SLOGAN = 0.7
#: "“…” — Karen Smith" and "Limbaugh continued: “…”".
DASH_ATTRIBUTION = 0.8
COLON_ATTRIBUTION = 0.75
#: "PENCE: Well, the question…" in a transcript.
TRANSCRIPT_LABEL = 0.7
#: A quotation that continues the previous sentence's attributed quotation.
CONTINUED_QUOTE = 0.6
#: The quotation opening the paragraph after one that ends "X reports:".
COLON_LEAD = 0.8
#: The paragraph after one that ends "X added:", printed without quotation marks.
BLOCK_QUOTE = 0.6
#: A quotation in the headline no cue claimed: its speaker is only the name the headline opens with.
HEADLINE_QUOTE = 0.5
#: A quotation set off by a colon or a pair of dashes inside a sentence no cue claimed.
ASIDE_QUOTE = 0.5
#: A question put to someone ("Asked whether he would resign, …"): who asked is seldom said.
QUESTION_PUT = 0.5
#: A quotation given to the paragraph's subject ("X, who…, paid tribute. “…”").
PARAGRAPH_SUBJECT = 0.5
#: A quotation given to the nearest earlier speaker, with nothing else to go on.
NEAREST_SPEAKER = 0.45
#: Taken off when the speaker is a pronoun ("he said"): the antecedent may be wrong.
PRONOUN_PENALTY = 0.1
#: No candidate is reported with less confidence than this.
CONFIDENCE_FLOOR = 0.05

# ------------------------------------------------------------------ distances

#: How far before a cue auxiliaries are looked for ("has also said").
AUXILIARY_REACH = 20
#: How far before a second cue "and"/"but" is looked for ("… and warned Moscow that").
CONJUNCTION_REACH = 16
#: How far after the attribution a venue phrase may sit ("said by phone from exile in Poland").
VENUE_REACH = 60
#: How much text after a noun-like cue is read to tell "claims that" from "claims of".
NOUN_USE_REACH = 30
#: Characters between "asked" and its question's first word ("asked by a reporter on Tuesday whether").
QUESTION_LEAD_CHARS = 80
#: Characters of a question put read for its end (the comma before the answer's cue).
QUESTION_CHARS = 300
#: Longest appositive between the halves of a split quote: ', a law professor at X who…, “'.
APPOSITIVE_GAP = 160
#: Longest time or place adjunct between an attribution and a quotation: ', on Monday, “'.
ADJUNCT_GAP = 40
#: A quotation this close after an attributed quote continues it (when not in the same paragraph).
CONTINUATION_REACH = 300
#: Farthest an earlier speaker may be for a quotation with nothing else to go on.
NEAREST_SPEAKER_REACH = 400
#: Tokens searched back for the comma that opens an appositive ("Smith, the mayor of X, said").
APPOSITIVE_TOKENS = 25
#: Lower-case words allowed between a closing quote and its speaker ('” panel Chairman X said').
DESCRIPTOR_WORDS = 3
#: Words a naming verb's object may have before its quotation ("called Friday's decision a “…”").
FRAME_OBJECT_WORDS = 8
#: Words that may join two quotations of one object ("“duped” by “a con”", "“sad” and “weak”").
FRAME_JOIN_WORDS = 3
#: Words after a naming verb's quotation that still complete its object ("“a genius” for his tax
#: strategies"); a longer tail is a clause of its own and the claim ends at the quotation.
FRAME_TAIL_WORDS = 16
#: Characters read after a naming verb's quotation for that tail: more than its words could fill.
FRAME_TAIL_CHARS = 200
#: Words allowed between the comma and a sentence-final cue ('…, the source added.').
FINAL_ATTRIBUTION_WORDS = 6
#: Lower-case words allowed before a name after a cue ("said opposition politician Velary Tsepalko").
DESCRIPTOR_TOKENS_AFTER_CUE = 4
#: Words of a common-noun speaker phrase ("a campaign spokesman for X").
SPEAKER_PHRASE_TOKENS = 4
#: Words of a determiner phrase after a cue taken as its speaker ("said the ruling.").
SHORT_PHRASE_TOKENS = 3
#: Tokens searched back from a lower-case head for its determiner ("the announcer said").
DETERMINER_REACH = 5
#: A clause subject taken as a speaker has at most this many words ("Political observers")...
SUBJECT_TOKENS = 5
#: ... and this many more when it says whom an unnamed source is close to ("A source close to the board").
SOURCE_LINK_TOKENS = 3
#: ... and stands at most this many tokens before its cue ("… in the capital and around the region say").
SUBJECT_REACH_TOKENS = 16
#: A sentence of at least this many words, this share of them capitalised (small words aside), is a headline.
HEADLINE_MIN_WORDS = 5
#: Most words of a headline read as its speaker's name, and how far into the story that name is looked for.
HEADLINE_NAME_TOKENS = 4
HEADLINE_NAME_REACH = 3000
#: How far into a text its headline may start (past a blank line or two): the first line only.
HEADLINE_REACH = 200
HEADLINE_CAPITALISED = 0.9
#: Words of the source "according to" names when it is no name ("a new Washington Post-ABC News poll").
SOURCE_PHRASE_TOKENS = 10
#: Words of a time between a subject and its cue ("Sanders on Tuesday night said").
TIME_BEFORE_CUE_TOKENS = 3
#: Words an opening adjunct may have before its comma ("Later in the day, Trump …") to be passed over.
OPENING_ADJUNCT_TOKENS = 8
#: A colon attribution longer than this many tokens must start at the sentence start.
COLON_SPEAKER_TOKENS = 4

# ------------------------------------------------------------------ lengths

#: Shortest reported clause, in characters: shorter ones are fragments, not claims.
MIN_CLAUSE_CHARS = 8
#: A quotation of at most this many words, with no sentence punctuation, is a title or a scare quote.
MAX_TITLE_WORDS = 3
#: Fewest words of a quotation set off by a colon or dashes that is taken as words said ("“Forward”" is a motto).
ASIDE_MIN_WORDS = 3
#: Characters read for an aside's speaker: back from its dash, and from its sentence's start.
ASIDE_SPEAKER_REACH = 300
#: A reported clause of at most this many words that opens with a preposition or a date is an adjunct.
MAX_ADJUNCT_WORDS = 5
#: Words before a leading clause's comma for it to be the report ("…, the operator announced on Tuesday, …").
MIN_LEADING_WORDS = 4

# ------------------------------------------------------------------ names in one document

#: Two spellings scoring at least this (names.similarity) are taken for one person in one document.
CLUSTER_THRESHOLD = 85.0
#: A new spelling is compared with the first this many name clusters of its document. A news article
#: names a few dozen people (88 at most in PolNeAR's 924 articles); without a bound a text naming
#: thousands (a concatenated corpus, generated junk) costs clusters x spellings comparisons.
NAME_CLUSTERS_COMPARED = 400
#: Characters of a normalised name compared by likeness (PolNeAR's longest is 116, a headline in
#: Title Case). Likeness costs the product of two names' lengths; a longer "name" is one spelling.
NAME_CHARS_COMPARED = 200

# ------------------------------------------------------------------ bounds on pathological text
#
# Ordinary news never comes near these (the figures are the largest in PolNeAR's 924 articles);
# they exist so that no input, however built, makes extraction slower than linear in its length.
# See docs/performance.md, "Extraction on hostile input".

#: A sentence longer than this is read in windows of this many characters (cut at a space where
#: there is one). The longest sentence in PolNeAR is 1,903 characters; a "sentence" of 100,000
#: characters with no full stop is not prose, and its clauses, each running from the sentence
#: start to a cue, would otherwise make the output itself quadratic in its length.
MAX_SENTENCE_CHARS = 5000
#: Attribution cues read in one sentence (PolNeAR's most is 12). Each cue may read to either end
#: of its sentence, so this bounds a sentence's work to a fixed multiple of its length.
MAX_CUES_PER_SENTENCE = 50
#: Auxiliaries stepped back over before a cue ("would later have said": 3 is PolNeAR's most).
MAX_AUXILIARIES = 6
#: Tokens of a name with its titles ("US State Deputy Secretary of State Stephen Bezgon" is 8;
#: PolNeAR's longest run is 18). A longer run of capitalised words (a headline, a list) is read
#: as a name of its last (or first) this many tokens, not rescanned whole for every cue.
MAX_NAME_TOKENS = 40
#: Tokens searched back for the "(" of a parenthesis after a name ("Paul D. Ryan (R-Wis.) said";
#: PolNeAR's longest is 15).
PARENTHESIS_TOKENS = 60
#: Appositives nested before a cue ("Smith, the mayor, said" is one; PolNeAR never has two). A run
#: of commas before a cue nested them until Python's recursion limit.
MAX_APPOSITIVES = 4
#: Characters before its cue in which an attribution's venue is looked for. A cue joined to an
#: earlier one ("Smith said … and warned that …") shares its speaker, and the attribution runs
#: back to that speaker (234 characters at most in PolNeAR); a chain of such cues in a sentence
#: of thousands of characters would otherwise search most of it for every cue.
VENUE_BEFORE_CUE = 600
#: Characters after a sentence-final cue that can still be its speaker and time ("…, said
#: Defence Minister Piotr Haller on Monday."; PolNeAR's longest is 46); its pattern is not
#: tried on a longer tail.
FINAL_ATTRIBUTION_CHARS = 200
