"""The office's yearly check list as data: shipped in resources/unions/, an office-edited copy in the
data folder's templates/ taking precedence (apart from `checks` so that `check` reads it without
importing the table classes)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.core import unions as rules
from app.resources import resources_dir

CHECKLIST_FILE = "union_yearly_check.json"


def shipped_checklist() -> Path:
    return resources_dir() / "unions" / "yearly_check.json"


def checklist_path(data_dir: Path | None = None) -> Path:
    if data_dir is not None:
        edited = Path(data_dir) / "templates" / CHECKLIST_FILE
        if edited.is_file():
            return edited
    return shipped_checklist()


def office_copy(data_dir: Path) -> Path:
    """The office's editable copy, made from the shipped list on first use."""
    target = Path(data_dir) / "templates" / CHECKLIST_FILE
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped_checklist(), target)
    return target


def load_items(data_dir: Path | None = None) -> list[rules.CheckItem]:
    path = checklist_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise rules.UnionRuleError(f"年度体检清单 {path.name} 第{exc.lineno}行第{exc.colno}列格式错误") from exc
    except OSError as exc:
        raise rules.UnionRuleError(f"无法读取年度体检清单 {path.name}") from exc
    try:
        return rules.parse_check_items(data)
    except rules.UnionRuleError as exc:
        raise rules.UnionRuleError(f"{path.name}：{exc}") from exc
