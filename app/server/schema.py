"""What a pushed row may contain, derived once from the laptop's SQLModel classes (`SYNCED_TABLES`).

The server keeps synced rows as JSON in one generic table, so nothing in its own database stops a value
that no laptop can store (an integer past 64 bits, an infinite float, a 10 MB name, a "date" that is not
one). Every pushed mutation is checked here before it is applied; every pulled row is checked again, so
that a value written before these checks existed never reaches a laptop either. New record kinds are
covered the moment they are registered: the rules come from their field annotations, `max_length`,
foreign keys and the class variables documented on `SyncedRow`."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from pydantic import AwareDatetime, NaiveDatetime
from pydantic.fields import FieldInfo

from app.store.tables import SYNCED_TABLES, SyncedRow
from app.store.tables.base import BOOKKEEPING_FIELDS

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
MAX_FREE_TEXT = 1_000_000
"""Characters of a `str` field declared without max_length (free text, JSON answers)."""

Kind = Literal["int", "float", "bool", "str", "date", "datetime", "json", "any"]
GridRule = Literal["own", "parent", "office"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")
OWNER_FIELDS = ("owner_table", "owner_id")
REFERENCE_LENGTH = 64
"""A reference to another row (a foreign key declared without max_length) holds an id, never more."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    nullable: bool
    required: bool
    max_length: int | None = None

    def problem(self, value: Any) -> str | None:
        """Why `value` cannot be stored in this field, or None when it can."""
        if value is None:
            return None if self.nullable else f"{self.name} may not be empty (null)"
        kind = self.kind
        if kind == "bool":
            return None if isinstance(value, bool) else f"{self.name} must be true or false"
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"{self.name} must be a whole number"
            if not INT_MIN <= value <= INT_MAX:
                return f"{self.name} is outside the range of a 64-bit integer"
            return None
        if kind == "float":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return f"{self.name} must be a number"
            if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
                return f"{self.name} is outside the range of a 64-bit integer"
            if isinstance(value, float) and not math.isfinite(value):
                return f"{self.name} must be a finite number"
            return None
        if kind == "any":
            if isinstance(value, dict | list):
                return f"{self.name} must be a single value"
            return _scalar_problem(self.name, value)
        if not isinstance(value, str):
            return f"{self.name} must be text"
        limit = self.max_length or MAX_FREE_TEXT
        if len(value) > limit:
            return f"{self.name} is longer than {limit} characters"
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return f"{self.name} holds a lone surrogate, which is not text"
        if kind == "date":
            if value == "" and self.nullable:
                return None
            if not _DATE.match(value) or not _parses(dt.date.fromisoformat, value):
                return f"{self.name} must be a date written YYYY-MM-DD"
        elif kind == "datetime":
            if value == "" and self.nullable:
                return None
            if not _DATETIME.match(value) or not _parses(dt.datetime.fromisoformat, value.replace("Z", "+00:00")):
                return f"{self.name} must be a date and time written YYYY-MM-DDTHH:MM:SS"
        elif kind == "json":
            try:
                parsed = json.loads(value, parse_constant=_no_constant)
            except (ValueError, RecursionError):
                return f"{self.name} must hold JSON text"
            if _deep_problem(parsed):
                return f"{self.name} holds a number outside the 64-bit range"
        return None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _scalar_problem(name: str, value: Any) -> str | None:
    if isinstance(value, str):
        if len(value) > MAX_FREE_TEXT:
            return f"{name} is too long"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{name} holds a lone surrogate, which is not text"
        return None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return None if INT_MIN <= value <= INT_MAX else f"{name} is outside the range of a 64-bit integer"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{name} must be a finite number"
    return f"{name} has a value of an unknown kind"


def _deep_problem(value: Any, depth: int = 0) -> bool:
    if depth > 64:
        return True
    if isinstance(value, dict):
        return any(_deep_problem(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_deep_problem(v, depth + 1) for v in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return _scalar_problem("", value) is not None


@dataclass(frozen=True)
class EntitySchema:
    entity: str
    fields: Mapping[str, FieldSpec]
    grid_rule: GridRule
    has_grid_column: bool
    parent: tuple[str, str] | None = None  # (field, entity); entity "*" = owner_table names it
    blob_fields: tuple[str, ...] = field(default=())
    row_check: Callable[[str, Mapping[str, Any]], str | None] | None = None  # the class's patch_problem

    @property
    def office_only(self) -> bool:
        return self.grid_rule == "office"

    def check(self, op: str, patch: Mapping[str, Any]) -> str | None:
        """One sentence saying why this patch can never be applied, or None."""
        unknown = sorted(k for k in patch if k not in self.fields)
        if unknown:
            shown = ", ".join(repr(k[:40]) for k in unknown[:5])
            return f"{self.entity} has no field {shown}"
        for name, value in patch.items():
            problem = self.fields[name].problem(value)
            if problem:
                return problem
        if op == "insert":
            missing = [f.name for f in self.fields.values() if f.required and f.name not in patch]
            if missing:
                return f"a new {self.entity} needs {', '.join(missing)}"
        if self.row_check is not None:
            try:
                return self.row_check(op, patch)
            except Exception:  # a rule that trips over odd input refuses the row; it never fails the batch
                return f"this {self.entity} could not be checked and is refused"
        return None

    def clean(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The stored data with every value a laptop could not store left out (rows written before the
        checks existed): a pull never carries a value that stops the receiver."""
        out: dict[str, Any] = {}
        for name, value in data.items():
            spec = self.fields.get(name)
            if spec is not None and spec.problem(value) is None:
                out[name] = value
        return out

    def parent_of(self, data: Mapping[str, Any]) -> tuple[str, str] | None:
        """The (entity, id) of the row this one hangs on, when it names one."""
        if self.parent is None:
            return None
        field_name, entity = self.parent
        parent_id = data.get(field_name)
        if entity == "*":
            entity = str(data.get(OWNER_FIELDS[0]) or "")
        if not parent_id or not entity or not isinstance(parent_id, str):
            return None
        return entity, parent_id


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            inner, _ = _unwrap(args[0])
            return inner, nullable
        return Any, nullable
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation, False


def _max_length(info: FieldInfo) -> int | None:
    for meta in info.metadata:
        value = getattr(meta, "max_length", None)
        if isinstance(value, int):
            return value
    return None


def _kind(cls: type[SyncedRow], name: str, info: FieldInfo) -> tuple[Kind, bool]:
    annotation, nullable = _unwrap(info.annotation)
    if annotation is bool:
        return "bool", nullable
    if annotation is int:
        return "int", nullable
    if annotation is float:
        return "float", nullable
    if annotation in (dt.datetime, NaiveDatetime, AwareDatetime):
        return "datetime", nullable
    if annotation is dt.date:
        return "date", nullable
    if annotation is str:
        if name in cls.__json_fields__ or info.default in ("{}", "[]"):
            return "json", nullable
        return "str", nullable
    return "any", True


def _foreign_parents(cls: type[SyncedRow]) -> list[tuple[str, str]]:
    table = getattr(cls, "__table__", None)
    out: list[tuple[str, str]] = []
    if table is None:
        return out
    for column in table.columns:
        for fk in column.foreign_keys:
            target = fk.target_fullname.split(".")[0]
            if column.name != "grid_id" and target in SYNCED_TABLES:
                out.append((column.name, target))
    return out


def _has_grid(cls: type[SyncedRow], seen: frozenset[str] = frozenset()) -> bool:
    name = str(cls.__tablename__)
    if name in seen:
        return False
    if "grid_id" in cls.model_fields:
        return True
    return _parent(cls, seen | {name}) is not None


def _parent(cls: type[SyncedRow], seen: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    if hasattr(cls, "__grid_parent__"):
        declared: tuple[str, str] | None = cls.__grid_parent__
        return declared
    fields = cls.model_fields
    if "enterprise_id" in fields and "enterprise" in SYNCED_TABLES and cls.__tablename__ != "enterprise":
        return ("enterprise_id", "enterprise")
    if all(f in fields for f in OWNER_FIELDS):
        return (OWNER_FIELDS[1], "*")
    for column, target in _foreign_parents(cls):
        if target != cls.__tablename__ and _has_grid(SYNCED_TABLES[target], seen | {str(cls.__tablename__)}):
            return (column, target)
    return None


def schema_for(cls: type[SyncedRow]) -> EntitySchema:
    specs: dict[str, FieldSpec] = {}
    table = getattr(cls, "__table__", None)
    references = {c.name for c in table.columns if c.foreign_keys} if table is not None else set()
    for name in cls.data_fields():
        if name in BOOKKEEPING_FIELDS:
            continue
        info = cls.model_fields[name]
        kind, nullable = _kind(cls, name, info)
        required = info.is_required() and not nullable
        limit = _max_length(info)
        if limit is None and kind == "str" and name in references:
            limit = REFERENCE_LENGTH
        specs[name] = FieldSpec(name, kind, nullable, required, limit)
    parent = _parent(cls)
    has_grid_column = "grid_id" in cls.model_fields
    rule: GridRule = "parent" if parent is not None else "own" if has_grid_column else "office"
    blob_fields = tuple(n for n in specs if n == "sha256" or n.endswith("_sha256"))
    own_check = cls.patch_problem.__func__ is not SyncedRow.patch_problem.__func__  # type: ignore[attr-defined]
    row_check = cls.patch_problem if own_check else None
    return EntitySchema(str(cls.__tablename__), specs, rule, has_grid_column, parent, blob_fields, row_check)


@cache
def schemas() -> dict[str, EntitySchema]:
    """Built once per process, on first use (after every table module has registered)."""
    return {name: schema_for(cls) for name, cls in sorted(SYNCED_TABLES.items())}


def office_only_entities() -> frozenset[str]:
    return frozenset(name for name, s in schemas().items() if s.office_only)


def blob_entities() -> dict[str, tuple[str, ...]]:
    return {name: s.blob_fields for name, s in schemas().items() if s.blob_fields}
