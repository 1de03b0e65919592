"""The case document templates as data (apart from `cases_docs` so that `check` reads them without
importing the store's table classes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.resources import resources_dir

CASE_DOCUMENTS = {"acceptance": "acceptance_notice", "agreement": "mediation_agreement"}
CASE_DOCUMENT_LABELS = {"acceptance": "受理通知书", "agreement": "调解协议书"}


class CaseTemplateError(ValueError):
    """A case template that cannot be used; one sentence naming the file."""


def template_file(name: str, data_dir: Path | None = None) -> Path:
    """The office's copy (data folder/templates/cases) when there is one, else the shipped file."""
    if data_dir is not None:
        edited = Path(data_dir) / "templates" / "cases" / f"{name}.json"
        if edited.is_file():
            return edited
    return resources_dir() / "cases" / f"{name}.json"


def load_case_template(name: str, data_dir: Path | None = None) -> dict[str, Any]:
    path = template_file(name, data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CaseTemplateError(f"文书模板 {path.name} 无法读取或格式错误") from exc
    if not isinstance(data, dict):
        raise CaseTemplateError(f"文书模板 {path.name} 应为一个 JSON 对象")
    return data
