"""Writes src/provgraph/_generated.py from the server's schema (schema/provgraph.graphql).

    python tools/generate.py          # rewrite the module
    python tools/generate.py --check  # exit 1 when the committed module is stale

What it emits, all typed for mypy --strict:
- one ``str`` enum per GraphQL enum, and a ``Literal`` alias of its names (``OriginName``);
- one frozen dataclass per output object type reachable from the operations, attributes in
  snake_case, built by ``from_json``. A field whose type is an entity (it implements ``Node``) is
  selected as its id only: ``generator { id }`` becomes ``generator_id``, a list of them
  ``<name>_ids``, so a result never drags the graph behind it. Fields with arguments
  (connections such as ``samples(first:)``) are left out, and so are the computed fields in
  ``HEAVY`` (they are queries of their own);
- one ``TypedDict`` per input type nested inside another input (``AssetRefInput``);
- ``Operations``, one method per mutation and per query except ``node`` and the lists of
  entities (``samples``, ``datasets``, ...), whose subclass supplies the transport. Required
  arguments are positional (single ids first: ``readiness(model_version_id)``), optional ones
  keywords; a mutation taking one ``input`` object takes that input's fields as keywords. The
  batch mutations in ``BATCHED`` are left to the client, which splits and retries them.

Argument order comes from schema/contract.graphql where it names the field (the emitted schema
sorts arguments by name), else ids first, then the schema's order.
"""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    parse,
)
from graphql.language import ObjectTypeDefinitionNode, ObjectTypeExtensionNode
from graphql.pyutils import Undefined

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = ROOT / "schema/provgraph.graphql"
CONTRACT = ROOT / "schema/contract.graphql"
OUTPUT = Path(__file__).resolve().parents[1] / "src/provgraph/_generated.py"

BATCHED = {"ingestSamples", "recordLabels", "addSamplesToVersion"}
HEAVY = {("DatasetVersion", "policy"), ("ModelVersion", "readiness")}
SCALARS = {"ID": "str", "String": "str", "Int": "int", "Float": "float", "Boolean": "bool", "DateTime": "str", "JSON": "Any"}


def snake(name: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return f"{text}_" if keyword.iskeyword(text) else text


def unwrap(t: object) -> tuple[GraphQLNamedType, bool, bool, bool]:
    """(named type, non-null, is list, items non-null)."""
    non_null = isinstance(t, GraphQLNonNull)
    if isinstance(t, GraphQLNonNull):
        t = t.of_type
    if isinstance(t, GraphQLList):
        inner = t.of_type
        item_non_null = isinstance(inner, GraphQLNonNull)
        if isinstance(inner, GraphQLNonNull):
            inner = inner.of_type
        assert isinstance(inner, GraphQLNamedType)
        return inner, non_null, True, item_non_null
    assert isinstance(t, GraphQLNamedType)
    return t, non_null, False, False


def is_entity(t: GraphQLNamedType) -> bool:
    return isinstance(t, GraphQLObjectType) and any(i.name == "Node" for i in t.interfaces)


def doc(text: str | None, indent: str) -> str:
    if not text:
        return ""
    body = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return f'{indent}"""{body}"""\n'


class Generator:
    def __init__(self, schema: GraphQLSchema, order: dict[str, list[str]]) -> None:
        self.schema = schema
        self.order = order
        self.outputs: dict[str, GraphQLObjectType] = {}
        self.nested_inputs: dict[str, GraphQLInputObjectType] = {}
        self.enums: set[str] = set()

    # ── selections and result classes ──────────────────────────────────────────────────────
    def fields_of(self, t: GraphQLObjectType) -> list[tuple[str, GraphQLField]]:
        return [(n, f) for n, f in t.fields.items() if not f.args and (t.name, n) not in HEAVY]

    def selection(self, t: GraphQLNamedType) -> str:
        if not isinstance(t, GraphQLObjectType):
            if isinstance(t, GraphQLEnumType):
                self.enums.add(t.name)
            return ""
        self.outputs[t.name] = t
        parts = []
        for name, field in self.fields_of(t):
            inner = unwrap(field.type)[0]
            if is_entity(inner):
                parts.append(f"{name} {{ id }}")
            elif isinstance(inner, GraphQLObjectType):
                parts.append(f"{name} {{ {self.selection(inner)} }}")
            else:
                self.selection(inner)
                parts.append(name)
        return " ".join(parts)

    def attribute(self, name: str, field: GraphQLField) -> tuple[str, str, str]:
        """(attribute, annotation, conversion of `data[name]`)."""
        inner, non_null, is_list, item_non_null = unwrap(field.type)
        raw = f'data["{name}"]'
        if is_entity(inner):
            attr = snake(name.removesuffix("s") if is_list else name) + ("_ids" if is_list else "_id")
            item, convert = "str", 'x["id"]'
        elif isinstance(inner, GraphQLObjectType):
            attr, item, convert = snake(name), inner.name, f"{inner.name}.from_json(x)"
        elif isinstance(inner, GraphQLEnumType):
            attr, item, convert = snake(name), inner.name, f"{inner.name}(x)"
        else:
            attr, item = snake(name), SCALARS.get(inner.name, "Any")
            convert = "float(x)" if item == "float" else "x"
        if is_list:
            annotation = f"list[{item}]" if item_non_null else f"list[{item} | None]"
            expr = f"[{convert} for x in {raw}]" if item_non_null else f"[None if x is None else {convert} for x in {raw}]"
        else:
            annotation = item
            expr = raw if convert == "x" else convert.replace("(x)", f"({raw})").replace('x["id"]', f'{raw}["id"]')
        if not non_null and annotation != "Any":
            annotation = f"{annotation} | None"
            if expr != raw:
                expr = f"None if {raw} is None else {expr}"
        return attr, annotation, expr

    def result_class(self, t: GraphQLObjectType) -> str:
        out = f"@dataclass(frozen=True)\nclass {t.name}:\n" + doc(t.description, "    ")
        converts = []
        for name, field in self.fields_of(t):
            attr, annotation, expr = self.attribute(name, field)
            out += f"    {attr}: {annotation}\n" + doc(field.description, "    ")
            converts.append(f"            {attr}={expr},\n")
        out += f"\n    @classmethod\n    def from_json(cls, data: Mapping[str, Any]) -> {t.name}:\n        return cls(\n{''.join(converts)}        )\n"
        return out

    # ── arguments and inputs ───────────────────────────────────────────────────────────────
    def py_input_type(self, t: object) -> str:
        inner, non_null, is_list, _ = unwrap(t)
        if isinstance(inner, GraphQLEnumType):
            self.enums.add(inner.name)
            base = f"{inner.name} | {inner.name}Name"
        elif isinstance(inner, GraphQLInputObjectType):
            self.nested_inputs[inner.name] = inner
            for field in inner.fields.values():
                self.py_input_type(field.type)
            base = f"{inner.name} | Mapping[str, Any]"
        elif inner.name == "DateTime":
            base = "str | datetime"
        else:
            base = SCALARS.get(inner.name, "Any")
        if is_list:
            base = f"Sequence[{base}]"
        return base if non_null or base == "Any" else f"{base} | None"

    def ordered_args(self, parent: str, field_name: str, args: dict[str, GraphQLArgument]) -> list[str]:
        names = list(args)
        known = self.order.get(f"{parent}.{field_name}")
        if known and set(known) == set(names):
            return known
        return sorted(names, key=lambda n: (not str(unwrap(args[n].type)[0]) == "ID", names.index(n)))

    def input_class(self, t: GraphQLInputObjectType) -> str:
        required = {n: f for n, f in t.fields.items() if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined}
        optional = {n: f for n, f in t.fields.items() if n not in required}
        out = f"class _{t.name}Required(TypedDict):\n" + "".join(f"    {n}: {self.py_input_type(f.type)}\n" for n, f in required.items())
        if not required:
            out += "    pass\n"
        out += f"\n\nclass {t.name}(_{t.name}Required, total=False):\n" + doc(t.description, "    ")
        out += "".join(f"    {n}: {self.py_input_type(f.type)}\n" for n, f in optional.items()) or "    pass\n"
        return out

    # ── operations ─────────────────────────────────────────────────────────────────────────
    def operation(self, kind: str, name: str, field: GraphQLField) -> tuple[str, str]:
        """(document constant, method)."""
        const = f"_{snake(name).upper()}"
        inner, non_null, is_list, item_non_null = unwrap(field.type)
        selection = self.selection(inner)
        body_sel = f" {{ {selection} }}" if selection else ""
        arg_names = self.ordered_args(kind.capitalize(), name, field.args)
        decl = ", ".join(f"${a}: {field.args[a].type}" for a in arg_names)
        call = ", ".join(f"{a}: ${a}" for a in arg_names)
        document = f"{kind}{f'({decl})' if decl else ''} {{ {name}{f'({call})' if call else ''}{body_sel} }}"

        params: list[str] = []
        keywords: list[str] = []
        variables: list[str] = []
        arg_docs: list[str] = []
        flatten = arg_names == ["input"] and isinstance(unwrap(field.args["input"].type)[0], GraphQLInputObjectType)
        if flatten:
            input_type = unwrap(field.args["input"].type)[0]
            assert isinstance(input_type, GraphQLInputObjectType)
            fields = input_type.fields
            for n in sorted(fields, key=lambda n: (not (isinstance(fields[n].type, GraphQLNonNull) and fields[n].default_value is Undefined), n != "id")):
                f = fields[n]
                annotation = self.py_input_type(f.type)
                required = isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined
                keywords.append(f"{snake(n)}: {annotation}" if required else f"{snake(n)}: {annotation if annotation.endswith('None') or annotation == 'Any' else annotation + ' | None'} = None")
                variables.append(f'"{n}": {snake(n)}')
                if f.description:
                    arg_docs.append(f"{snake(n)}: {f.description.strip()}")
            var_expr = "{\"input\": _wire.compact({" + ", ".join(variables) + "})}"
        else:
            for a in arg_names:
                arg = field.args[a]
                annotation = self.py_input_type(arg.type)
                if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined:
                    params.append(f"{snake(a)}: {annotation}")
                else:
                    opt = annotation if annotation.endswith("None") or annotation == "Any" else f"{annotation} | None"
                    keywords.append(f"{snake(a)}: {opt} = None")
                variables.append(f'"{a}": {snake(a)}')
                if arg.description:
                    arg_docs.append(f"{snake(a)}: {arg.description.strip()}")
            var_expr = "_wire.compact({" + ", ".join(variables) + "})"
        signature = ", ".join(["self", *params, *(["*", *keywords] if keywords else [])])

        if is_entity(inner) or isinstance(inner, GraphQLObjectType):
            item, convert = inner.name, f"{inner.name}.from_json"
        elif isinstance(inner, GraphQLEnumType):
            item, convert = inner.name, inner.name
        else:
            item, convert = SCALARS.get(inner.name, "Any"), ""
        value = f'data["{name}"]'
        if is_list:
            returns = f"list[{item}]"
            result = f"[{convert}(x) for x in {value}]" if convert else value
        else:
            returns = item
            result = f"{convert}({value})" if convert else value
        if not non_null:
            returns = f"{returns} | None"
            result = f"None if {value} is None else {result}" if convert else value
        if returns in ("Any", "Any | None"):
            returns = "Any"
        description = (field.description or "").strip()
        if arg_docs:
            description += "\n\n        Args:\n" + "".join(f"            {line}\n" for line in arg_docs) + "        "
        method = f"    def {snake(name)}({signature}) -> {returns}:\n" + doc(description, "        ")
        method += f"        data = self._data({const}, {var_expr})\n        return {result}\n"
        if returns in ("str", "bool", "int", "float"):
            method = method.replace(f"return {result}", f"return {returns}({result})")
        return f"{const} = {document!r}\n", method

    def render(self) -> str:
        docs: list[str] = []
        methods: list[str] = []
        for kind, root in (("mutation", self.schema.mutation_type), ("query", self.schema.query_type)):
            assert root is not None
            for name, field in sorted(root.fields.items()):
                if name in BATCHED or name == "node":
                    continue
                inner, _, is_list, _ = unwrap(field.type)
                if name.endswith("s") and isinstance(inner, GraphQLObjectType) and inner.name.endswith("Connection") and is_entity(unwrap(inner.fields["edges"].type)[0].fields["node"].type.of_type):  # type: ignore[union-attr]
                    continue
                const, method = self.operation(kind, name, field)
                docs.append(const)
                methods.append(method)
        for name in BATCHED:  # the batch inputs' types are the client's, but generated here
            for arg in (self.schema.mutation_type.fields[name].args.values() if self.schema.mutation_type else []):
                self.py_input_type(arg.type)
        out = [
            '"""Generated by tools/generate.py from schema/provgraph.graphql: do not edit by hand."""\n\n',
            "from __future__ import annotations\n\n",
            "from abc import ABC, abstractmethod\n",
            "from dataclasses import dataclass\n",
            "from datetime import datetime\n",
            "from enum import Enum\n",
            "from typing import Any, Literal, Mapping, Sequence, TypedDict\n\n",
            "from . import _wire\n\n",
        ]
        for name in sorted(self.enums):
            t = self.schema.type_map[name]
            assert isinstance(t, GraphQLEnumType)
            out.append(f"\nclass {name}(str, Enum):\n" + doc(t.description, "    "))
            out.extend(f'    {v} = "{v}"\n' for v in t.values)
            out.append("\n\n" + f"{name}Name = Literal[{', '.join(repr(v) for v in t.values)}]\n\n")
        for name in sorted(self.nested_inputs):
            out.append("\n" + self.input_class(self.nested_inputs[name]) + "\n")
        for name in sorted(self.outputs):
            out.append("\n" + self.result_class(self.outputs[name]) + "\n")
        fields = {n: list(self.schema.type_map[n].fields) for n in ("SampleInput", "LabelInput")}  # type: ignore[attr-defined]
        out.append(f"\nINPUT_FIELDS: dict[str, tuple[str, ...]] = {{\n" + "".join(f"    {n!r}: {tuple(f)!r},\n" for n, f in fields.items()) + "}\n")
        out.append('"""The fields of the batch inputs, as GraphQL names them."""\n\n')
        out.append("\n" + "".join(docs) + "\n")
        out.append(
            "\nclass Operations(ABC):\n"
            '    """One method per mutation and per computed query of the schema."""\n\n'
            "    @abstractmethod\n"
            "    def _data(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:\n"
            '        """Runs one operation and returns its `data`, raising ProvgraphError on any error."""\n\n'
        )
        out.append("\n".join(methods))
        public = [*sorted(self.enums), *(f"{e}Name" for e in sorted(self.enums)), *sorted(self.nested_inputs), *sorted(self.outputs), "Operations"]
        out.append("\n\n__all__ = [\n" + "".join(f'    "{n}",\n' for n in public) + "]\n")
        return "".join(out)


def contract_order() -> dict[str, list[str]]:
    order: dict[str, list[str]] = {}
    if not CONTRACT.exists():
        return order
    for definition in parse(CONTRACT.read_text()).definitions:
        if isinstance(definition, (ObjectTypeDefinitionNode, ObjectTypeExtensionNode)) and definition.name.value in ("Query", "Mutation"):
            for field in definition.fields or []:
                order[f"{definition.name.value}.{field.name.value}"] = [a.name.value for a in field.arguments or []]
    return order


def generate() -> str:
    return Generator(build_schema(SCHEMA.read_text()), contract_order()).render()


if __name__ == "__main__":
    text = generate()
    if "--check" in sys.argv:
        if not OUTPUT.exists() or OUTPUT.read_text() != text:
            print(f"{OUTPUT} is stale: run python {Path(__file__).name}", file=sys.stderr)
            sys.exit(1)
    else:
        OUTPUT.write_text(text)
