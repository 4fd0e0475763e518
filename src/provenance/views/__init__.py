"""Views of a ledger: the networkx graph (:mod:`.graph`), its DOT text (:mod:`.dot`), and pictures (:mod:`.render`)."""
