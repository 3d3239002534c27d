"""Fast YAML parsing for the happy path, and line/column lookup only when there is an error to report."""
from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class DuplicateKeyError(yaml.MarkedYAMLError):
    """PyYAML silently keeps the last of two equal keys; an editor's duplicate must not vanish."""


class _ProfileLoader(yaml.CSafeLoader):
    def construct_mapping(self, node, deep=False):
        seen: dict[str, Node] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                first = seen.setdefault(key_node.value, key_node)
                if first is not key_node:
                    raise DuplicateKeyError(
                        None, None,
                        f"`{key_node.value}` appears twice in the same mapping "
                        f"(first on line {first.start_mark.line + 1}); keep one",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        """An impossible date such as 2026-13-01 becomes text, so validation can name it instead of crashing."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


# YAML 1.1 reads `region: ON` (Ontario) and `no` (Norwegian) as booleans; like YAML 1.2, only true/false are.
_ProfileLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
_ProfileLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_ProfileLoader.add_constructor("tag:yaml.org,2002:timestamp", _ProfileLoader.construct_yaml_timestamp)
_ProfileLoader.add_constructor("tag:yaml.org,2002:map", _ProfileLoader.construct_yaml_map)


def parse(text: str | bytes) -> object:
    return yaml.load(text, Loader=_ProfileLoader)


def describe_yaml_error(error: yaml.YAMLError, text: bytes = b"") -> tuple[int, int, str]:
    """(line, column, message), 1-based, in words an editor can act on."""
    if isinstance(error, yaml.reader.ReaderError):  # bytes that are not text: no mark, a byte position
        before = text[:error.position]
        line = before.count(b"\n") + 1
        return line, len(before) - (before.rfind(b"\n") + 1) + 1, (
            f"the file is not plain UTF-8 text ({error.reason} at byte {error.position}); "
            "save it as UTF-8 without control characters")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    if isinstance(error, DuplicateKeyError):
        return line, column, problem
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if "'\\t'" in problem or "tab character" in problem:
        message += "; YAML does not allow tabs for indentation: use spaces"
    elif "mapping values are not allowed" in problem:
        message += "; a text value containing \": \" must be put in quotes"
    return line, column, message


class Positions:
    """Maps a field path such as ('locations', 0, 'city') to where it stands in the file."""

    def __init__(self, text: str | bytes):
        try:
            self._root = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            self._root = None

    def _walk(self, path: tuple) -> tuple[Node | None, Node | None]:
        """The deepest node reached along `path`, and the key node of its last step."""
        node, key_node = self._root, None
        for step in path:
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == str(step):
                        node, key_node = v, k
                        break
                else:
                    return node, None
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node, key_node = node.value[step], None
            else:
                return node, None
        return node, key_node

    def of_value(self, path: tuple) -> tuple[int, int]:
        return _mark(self._walk(path)[0])

    def of_key(self, path: tuple) -> tuple[int, int]:
        node, key_node = self._walk(path)
        return _mark(key_node or node)


def _mark(node: Node | None) -> tuple[int, int]:
    if node is None:
        return 1, 1
    return node.start_mark.line + 1, node.start_mark.column + 1
