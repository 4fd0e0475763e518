"""Corpus scale: extract, attribute and group quotes across millions of articles, on Dask, into Parquet.

    >>> from provenance import corpus
    >>> summary = corpus.extract(["news.jsonl.gz"], "out/")      # a LocalCluster, one worker per core
    >>> corpus.group("out/")                                      # variant groups across the corpus
    >>> corpus.import_quotes("out/", ledger, group="g-…")         # chosen quotes into the YAML ledger

Dask, pyarrow, warcio and datasketch come with ``pip install 'provenance[corpus]'``
and are imported only when a corpus call runs.
"""

from __future__ import annotations

from .grouping import GroupSummary, group, read_groups
from .inputs import Fields
from .ledger_import import ImportSummary, import_quotes
from .pipeline import ExtractSummary, extract
from .registry import read_alias_table

__all__ = [
    "ExtractSummary",
    "Fields",
    "GroupSummary",
    "ImportSummary",
    "extract",
    "group",
    "import_quotes",
    "read_alias_table",
    "read_groups",
]
