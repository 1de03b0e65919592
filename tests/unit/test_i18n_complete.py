"""Translations are complete: every string in the GUI code is in both .ts files, no entry is
unfinished, and the .qm files the program loads match the .ts files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from scripts import ts_tool

ROOT = Path(__file__).resolve().parents[2]
TS = {lang: ROOT / "translations" / f"union_inspector_{lang}.ts" for lang in ("en", "zh_CN")}
QM_DIR = ROOT / "app" / "ui" / "translations"


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found (it comes with PySide6)")
    return found


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_string_in_the_code_is_missing_or_unfinished(lang: str, tmp_path: Path) -> None:
    copy = tmp_path / TS[lang].name
    shutil.copy(TS[lang], copy)
    before = ts_tool.live_messages(copy)
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-source-language", "zh_CN", "-target-language", lang,
         "-locations", "none", "-no-obsolete", "-silent", "-ts", str(copy)],
        check=True,
        cwd=ROOT,
    )
    missing = ts_tool.live_messages(copy) - before
    assert not missing, f"strings missing from {TS[lang].name} (run: bash scripts/i18n.sh update): {sorted(missing)[:10]}"
    unfinished = ts_tool.unfinished(copy)
    assert not unfinished, f"unfinished in {TS[lang].name}: {unfinished[:10]}"


def test_built_english_qm_matches_the_ts_file() -> None:
    import xml.etree.ElementTree as ET

    translator = QTranslator()
    assert translator.load(str(QM_DIR / "union_inspector_en.qm"))
    root = ET.parse(TS["en"]).getroot()
    checked = 0
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            expected = message.findtext("translation") or ""
            assert translator.translate(name, source) == expected, f"stale .qm for [{name}] {source} (run scripts/i18n.sh update)"
            checked += 1
    assert checked > 100


def test_install_translators_switches_to_english(qtbot: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.ui.shell import i18n

    app = QCoreApplication.instance()
    assert app is not None
    try:
        assert i18n.install_translators(app, "en") == "en"
        assert QCoreApplication.translate("ReportsPage", "刷新") == "Refresh"
        assert i18n.install_translators(app, "zh_CN") == "zh_CN"
        assert QCoreApplication.translate("ReportsPage", "刷新") == "刷新"
    finally:
        i18n.install_translators(app, "zh_CN")
