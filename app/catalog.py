"""Reads the violation catalog shipped in resources/ (I/O, so not in app/core); every layer may use it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from app.core.violations import CatalogError, ViolationCatalog, parse_catalog
from app.resources import resources_dir

CATALOG_FILE = "violations.json"


def catalog_path() -> Path:
    return resources_dir() / CATALOG_FILE


def load_catalog_file(path: Path) -> ViolationCatalog:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogError(f"找不到违法类别目录 {path}") from exc
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{path} 第{exc.lineno}行第{exc.colno}列不是合法的 JSON：{exc.msg}") from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{path} 应为 JSON 对象")
    return parse_catalog(data)


@lru_cache(maxsize=1)
def load_catalog() -> ViolationCatalog:
    return load_catalog_file(catalog_path())
