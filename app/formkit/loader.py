"""Finding and loading form definitions. Files are named <id>.v<version>.json and are never edited once
visits use them: a visit stores its form's id and version and must reopen with exactly that definition,
so a changed form is a new file with the next version."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app import resources
from app.formkit.definition import DefinitionProblem, FieldType, FormDefinition

FILE_PATTERN = re.compile(r"^(?P<id>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.json$")

DEFAULT_FORM_ID = "sanchasanji"


class FormDefinitionError(ValueError):
    """A definition file that cannot be used; the message is one sentence naming the file and field."""


class FormNotFoundError(LookupError):
    pass


_cache: dict[tuple[Path, str, int], FormDefinition] = {}
_lock = threading.Lock()


def _dir(forms_dir: Path | None) -> Path:
    return (forms_dir or resources.forms_dir()).resolve()


def definition_path(form_id: str, version: int, forms_dir: Path | None = None) -> Path:
    return _dir(forms_dir) / f"{form_id}.v{version}.json"


def available(forms_dir: Path | None = None) -> dict[str, list[int]]:
    """Form id -> versions present, ascending."""
    found: dict[str, list[int]] = {}
    folder = _dir(forms_dir)
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        m = FILE_PATTERN.match(path.name)
        if m:
            found.setdefault(m["id"], []).append(int(m["version"]))
    return {k: sorted(v) for k, v in sorted(found.items())}


def latest_version(form_id: str, forms_dir: Path | None = None) -> int:
    versions = available(forms_dir).get(form_id)
    if not versions:
        raise FormNotFoundError(f"找不到表单“{form_id}”的定义文件（{_dir(forms_dir)}）")
    return versions[-1]


def load(form_id: str, version: int | None = None, forms_dir: Path | None = None) -> FormDefinition:
    """The definition for (id, version); the newest version when none is given. Cached per file."""
    folder = _dir(forms_dir)
    if version is None:
        version = latest_version(form_id, folder)
    key = (folder, form_id, version)
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    path = definition_path(form_id, version, folder)
    if not path.is_file():
        raise FormNotFoundError(f"找不到表单“{form_id}”第 {version} 版的定义文件 {path.name}")
    definition = load_file(path)
    with _lock:
        _cache[key] = definition
    return definition


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def load_file(path: Path) -> FormDefinition:
    """Reads and checks one definition file; any fault becomes a FormDefinitionError naming the file
    and, where it can, the field."""
    name = path.name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise FormDefinitionError(
            f"表单定义 {name} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FormDefinitionError(f"无法读取表单定义 {name}：{exc}") from exc
    if not isinstance(raw, dict):
        raise FormDefinitionError(f"表单定义 {name} 的顶层应为一个 JSON 对象")
    try:
        definition = FormDefinition.model_validate(raw)
    except ValidationError as exc:
        raise FormDefinitionError(_describe(name, raw, exc)) from exc
    try:
        definition.check_references()
    except DefinitionProblem as exc:
        where = f"字段“{exc.field}”：" if exc.field else ""
        raise FormDefinitionError(f"表单定义 {name} 中{where}{exc}") from exc
    m = FILE_PATTERN.match(name)
    if m and (m["id"] != definition.id or int(m["version"]) != definition.version):
        raise FormDefinitionError(
            f"表单定义 {name} 的文件名与内容不符：内容为“{definition.id}”第 {definition.version} 版"
        )
    return definition


_ATTR_NAMES = {"type": "类型", "options": "选项", "label": "名称", "id": "编号", "visible_if": "显示条件"}


def _describe(name: str, raw: dict[str, Any], exc: ValidationError) -> str:
    """The first pydantic error, told in one sentence with the id of the field it belongs to."""
    err = exc.errors()[0]
    loc = list(err["loc"])
    owner = _owner(raw, loc)
    attr_path = loc[owner[1]:] if owner[1] else loc
    attr = ".".join(str(p) for p in attr_path if not isinstance(p, int)) or ""
    kind = err["type"]
    if kind == "missing":
        what = f"缺少属性 {attr}"
    elif kind == "extra_forbidden":
        what = f"有未知属性 {attr}"
    elif attr.endswith("type") and kind == "enum":
        allowed = "、".join(t.value for t in FieldType)
        what = f"类型 {err.get('input')!r} 无效（可用：{allowed}）"
    elif kind == "value_error":
        ctx_err = err.get("ctx", {}).get("error")
        what = str(ctx_err) if ctx_err else err["msg"]
    else:
        label = _ATTR_NAMES.get(attr.rsplit(".", 1)[-1], attr)
        what = f"属性 {label} 的值 {err.get('input')!r} 无效（{err['msg']}）"
    who = owner[0]
    return f"表单定义 {name} 中{who}{what}"


def _owner(raw: dict[str, Any], loc: list[Any]) -> tuple[str, int]:
    """('字段“x”：', index in loc after the field) for the innermost field or section in `loc`."""
    node: Any = raw
    label = ""
    after = 0
    for i, part in enumerate(loc):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and i >= 1 and isinstance(node, dict):
            container = loc[i - 1]
            ident = node.get("id", f"第 {part + 1} 个")
            if container == "fields":
                label, after = f"字段“{ident}”：", i + 1
            elif container == "sections":
                label, after = f"分节“{ident}”：", i + 1
    return label, after


def questionnaire_ids() -> list[tuple[str, int, str]]:
    """(form id, latest version, title) of every questionnaire definition."""
    found = []
    for form_id, versions in available().items():
        definition = load(form_id, versions[-1])
        if definition.kind == "questionnaire":
            found.append((form_id, versions[-1], definition.title))
    return found
