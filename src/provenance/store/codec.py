"""The ledger's files in and out: YAML data <-> records, with every problem located.

Reading validates every record with pydantic and turns each failure into a
:class:`~provenance.errors.Problem` naming the file, the line and what to fix;
nothing stops at the first broken file. Writing goes the other way through
:func:`compact`, the canonical form the files are kept in, and :func:`dump_source`
and :func:`dump_registry`. The store decides what a ledger means; this module
holds how it is spelled on disk.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import LedgerLoadError, Problem, UnreadableFileError
from ..ids import claim_id
from ..records import Claim, Source, Speaker, Venue
from ..safefile import MAX_LEDGER_FILE, read_text
from . import yamlfile
from .layout import display_path

M = TypeVar("M", Speaker, Venue)  # the two registries


@dataclass
class SourceFile:
    """One file of ``sources/``: the source and the claims it reports, in file order."""

    source: Source
    claims: list[Claim] = field(default_factory=list)
    path: Path | None = None  # the file it was read from (its name may disagree with source.id)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector for a bulk load; restore its previous state after.

    A full load allocates millions of objects (parsed YAML, then records) that
    survive the young collections, so the collector keeps running full
    collections that walk the whole growing heap and free nothing: at 100,000
    claims they were over half of the load time (see docs/performance.md).
    Reference counting still frees each file's parsed YAML as soon as it is
    validated, and any cycle made meanwhile is collected once the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compact(model: BaseModel, drop: Sequence[str] = ()) -> dict[str, Any]:
    """A record as the YAML files hold it: no nulls, no empty lists, no redundant keys (in its history's
    entries too; the former values an entry keeps are kept as they were, empty or not)."""
    data = model.model_dump(exclude_none=True)  # python mode: dates stay dates, unquoted in YAML
    if data.get("history"):
        data["history"] = [_filled(entry) for entry in data["history"]]
    return _filled(data, drop)


def _filled(data: dict[str, Any], drop: Sequence[str] = ()) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in drop and v not in ((), [], {})}


def load_file(path: Path, problems: list[Problem]) -> tuple[str, Any] | None:
    """The text of a ledger file and its parsed YAML, or None with the reason in ``problems``."""
    try:
        text = read_text(path, limit=MAX_LEDGER_FILE)
    except UnreadableFileError as exc:
        problems.append(Problem(display_path(path), exc.line, exc.reason))
        return None
    return _parsed(path, text, problems)


def _parsed(path: Path, text: str, problems: list[Problem]) -> tuple[str, Any] | None:
    try:
        return text, yamlfile.load_yaml(text)
    except yamlfile.YamlSyntaxError as exc:
        problems.append(Problem(display_path(path), exc.line, str(exc)))
        return None


def validation_problems(
    exc: ValidationError, path: Path, text: str, prefix: tuple[str | int, ...], problems: list[Problem]
) -> None:
    for error in exc.errors():
        loc = prefix + tuple(error["loc"])
        where = _loc_label(loc)
        value = error.get("input")
        shown = (
            ""
            if error["type"] in ("missing", "extra_forbidden") or isinstance(value, dict | list)
            else f" (got {value!r})"
        )
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown field; remove it or check its spelling"
        elif error["type"] == "missing":
            message = "required field is missing"
        problems.append(Problem(display_path(path), yamlfile.line_of(text, loc), f"{where}: {message}{shown}"))


def _loc_label(loc: Sequence[str | int]) -> str:
    label = ""
    for step in loc:
        label += f"[{step}]" if isinstance(step, int) else (f".{step}" if label else str(step))
    return label


def read_registry(path: Path, key: str, model: type[M], problems: list[Problem]) -> list[tuple[int, M]]:
    """The records of ``speakers.yaml`` or ``venues.yaml`` with their positions; problems go to ``problems``."""
    return parse_registry_text(path, None, key, model, problems)


def parse_registry_text(
    path: Path, text: str | None, key: str, model: type[M], problems: list[Problem]
) -> list[tuple[int, M]]:
    """As :func:`read_registry`, from the file's ``text`` when the caller has read it already."""
    loaded = load_file(path, problems) if text is None else _parsed(path, text, problems)
    if loaded is None:
        return []
    text, data = loaded
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key, []), list):
        problems.append(Problem(display_path(path), 1, f"expected a mapping with a '{key}:' list"))
        return []
    extra = set(data) - {key}
    if extra:
        problems.append(
            Problem(
                display_path(path),
                yamlfile.line_of(text, (sorted(extra, key=str)[0],)),
                f"unknown top-level key {sorted(extra, key=str)[0]!r}",
            )
        )
    items: list[tuple[int, M]] = []
    for i, raw in enumerate(data.get(key) or []):
        try:
            items.append((i, model.model_validate(raw)))
        except ValidationError as exc:
            validation_problems(exc, path, text, (key, i), problems)
    return items


def index_unique(
    items: Iterable[tuple[int, M]], path: Path, key: str, problems: list[Problem], strict: bool = True
) -> dict[str, M]:
    out: dict[str, M] = {}
    for i, item in items:
        item_id = item.id
        if item_id in out:
            line = yamlfile.line_of(read_text(path, limit=MAX_LEDGER_FILE), (key, i, "id"))
            problems.append(
                Problem(display_path(path), line, f"{key}[{i}].id: duplicate id {item_id!r}; ids must be unique")
            )
            continue
        out[item_id] = item
    if strict and problems:
        raise LedgerLoadError(problems)
    return out


def parse_source_file(path: Path, problems: list[Problem]) -> SourceFile | None:
    """One ``sources/*.yaml`` file as records; every problem found is appended to ``problems``."""
    return parse_source_text(path, None, problems)


def parse_source_text(path: Path, text: str | None, problems: list[Problem]) -> SourceFile | None:
    """As :func:`parse_source_file`, from the file's ``text`` when the caller has read it already."""
    loaded = load_file(path, problems) if text is None else _parsed(path, text, problems)
    if loaded is None:
        return None
    text, data = loaded

    def problem(loc: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(display_path(path), yamlfile.line_of(text, loc) if loc else 1, message))

    if not isinstance(data, dict) or "source" not in data:
        problem((), "expected a mapping with 'source:' and 'claims:'")
        return None
    extra = set(data) - {"source", "claims"}
    if extra:
        name = sorted(extra, key=str)[0]
        problem((name,), f"unknown top-level key {name!r}; expected 'source' and 'claims'")
    try:
        source = Source.model_validate(data["source"])
    except ValidationError as exc:
        validation_problems(exc, path, text, ("source",), problems)
        return None
    if source.id != path.stem:
        problem(("source", "id"), f"source.id {source.id!r} must match the file name {path.stem!r}")
    raw_claims = data.get("claims") or []
    if not isinstance(raw_claims, list):
        problem(("claims",), "'claims' must be a list")
        return None
    entry = SourceFile(source, path=path)
    for i, raw in enumerate(raw_claims):
        if not isinstance(raw, dict):
            problem(("claims", i), f"claims[{i}]: expected a mapping")
            continue
        if "source" in raw and raw["source"] != source.id:
            problem(("claims", i, "source"), f"claims[{i}].source must be {source.id!r} or omitted")
            continue
        try:
            entry.claims.append(Claim.model_validate(_claim_fields(raw, source.id)))
        except ValidationError as exc:
            validation_problems(exc, path, text, ("claims", i), problems)
    return entry


def _claim_fields(raw: Mapping[str, Any], source_id: str) -> dict[str, Any]:
    """A claim's fields as written, with its source, and its id derived when a hand-written claim leaves it out."""
    fields = {**raw, "source": source_id}
    if "id" not in fields:  # a bad text is reported against the text, not the id
        words, speaker = fields.get("text"), fields.get("speaker")
        fields["id"] = claim_id(
            source_id, words if isinstance(words, str) else "", speaker if isinstance(speaker, str) else None
        )
    return fields


def dump_source(entry: SourceFile) -> str:
    """The YAML text of a source file: the source, then its claims (which leave out ``source``)."""
    data: dict[str, Any] = {"source": compact(entry.source)}
    data["claims"] = [compact(c, drop=("source",)) for c in entry.claims]
    return yamlfile.dump_yaml(data)


def dump_registry(key: str, records: Iterable[BaseModel]) -> str:
    """The YAML text of ``speakers.yaml`` or ``venues.yaml``."""
    return yamlfile.dump_yaml({key: [compact(record) for record in records]})
