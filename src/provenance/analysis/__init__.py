"""Analysis over recorded claims: are the words still in the source (verify), which claims render one
utterance and how the wording drifted (variants, textdiff), and one claim's chain (trace)."""
