"""YAML text in and out: the fast loader, the canonical dump, and the line of a node.

YAML is PyYAML: its libyaml-backed C loader is several times faster than the
pure Python alternatives on large ledgers, and the files are rewritten by the
tool in a fixed canonical form (comments are not part of the data model).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

import yaml

try:  # libyaml is present in PyYAML wheels; fall back quietly where it is not
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
    _Dumper: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper


class YamlSyntaxError(Exception):
    """A YAML file that does not parse; carries the 1-based line."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-paragraph text reads best as a literal block; text with edge whitespace
    # (anchor prefixes and suffixes) stays double-quoted so the whitespace is visible.
    if "\n" in value:
        style = "|" if value == value.strip() else '"'
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _enum_presenter(dumper: yaml.SafeDumper, value: enum.Enum) -> yaml.ScalarNode:
    return _str_presenter(dumper, str(value.value))


def _tuple_presenter(dumper: yaml.SafeDumper, value: tuple[Any, ...]) -> yaml.SequenceNode:
    return dumper.represent_list(value)


_Dumper.add_representer(str, _str_presenter)
_Dumper.add_multi_representer(enum.Enum, _enum_presenter)
_Dumper.add_representer(tuple, _tuple_presenter)


class _LedgerLoader(_Loader):  # type: ignore[valid-type,misc]
    """The fast safe loader, except that an impossible date stays a string and a repeated key is an error.

    PyYAML keeps the last of two equal keys without a word; in a hand-edited
    ledger that silently drops a whole list (a second ``claims:`` appended to a
    file), so a repeated key stops the load with its line instead.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        f"while reading the mapping that starts on line {node.start_mark.line + 1}",
                        node.start_mark,
                        f"the key {key_node.value!r} appears twice (first on line {seen[key]}); "
                        "merge the two or remove one",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line + 1
        result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return result


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    # PyYAML raises a bare ValueError for 2020-13-45; keep the text so validation
    # reports it against its field and line instead of crashing the load.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LedgerLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_yaml(text: str) -> Any:
    """Parse YAML text fast; a syntax error reports its line."""
    try:
        return yaml.load(text, Loader=_LedgerLoader)  # noqa: S506 - a CSafeLoader subclass: the safe loader
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise YamlSyntaxError(exc.problem or "invalid YAML", mark.line + 1 if mark else None) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: point where it opens, not at the end
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark is not None:
            problem += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise YamlSyntaxError(
            f"YAML syntax error: {problem}; fix the YAML (indentation, quotes, colons)", line
        ) from exc
    except yaml.reader.ReaderError as exc:  # a control character: located by its line, not its offset
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSyntaxError(f"character U+{exc.character:04X} is not allowed in YAML; remove it", line) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML error: {exc}; fix the YAML (indentation, quotes, colons)", None) from exc


def dump_yaml(data: Any) -> str:
    """Serialise in the ledger's canonical, diff-friendly form."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,  # one line per field: a changed word shows as one changed line
    )


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the YAML node at ``path`` (keys and list indexes).

    Used only when reporting an error, so it may re-parse with the slow,
    position-keeping composer. Walks as deep as the path exists and returns
    the line of the deepest node found.
    """
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node = child
        line = max(line, node.start_mark.line + 1) if isinstance(node, yaml.ScalarNode) else node.start_mark.line + 1
    return line
