"""Every window fits the laptops inspectors have: at 1366×768 and at 1920×1080 with 150% scaling
(1280×720 logical pixels) each top-level window's frame lies inside the available geometry and its
action buttons (the status bar of the main window, the letter editor's row, the login error) can be
seen. Qt's offscreen platform takes its screen size from a configuration file when the application
starts, so the windows are opened in a child process (tests/gui/screen_probe.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.widgets.screen_fit import clamp_to_screen, fit_to_screen, usable_size

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "page-enterprises", "page-targets", "page-heatmap", "page-visit_plan", "page-matters", "page-letters",
    "page-audit", "enterprise-file", "visit-form", "new-matter", "matter", "letter-editor", "login", "import",
}


def _probe(tmp_path: Path, width: int, height: int, dpr: float) -> list[dict[str, object]]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({
        "windowFrameMargins": True,
        "screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": dpr}],
    }))
    out = tmp_path / "windows.json"
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               UNION_INSPECTOR_PASSPHRASE="a test passphrase for the probe")
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.screen_probe", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results: list[dict[str, object]] = json.loads(out.read_text(encoding="utf-8"))
    return results


def _check(results: list[dict[str, object]], width: int, height: int) -> None:
    names = {str(r["name"]) for r in results}
    assert names >= EXPECTED, EXPECTED - names
    for r in results:
        assert r["available"][2] <= width and r["available"][3] <= height  # type: ignore[index]
        assert r["inside"], f"{r['name']} frame {r['frame']} outside {r['available']}"
        assert not r["hidden_actions"], f"{r['name']}: hidden {r['hidden_actions']}"
        assert r["checked_actions"], r["name"]


def test_every_window_fits_1366x768(tmp_path: Path) -> None:
    _check(_probe(tmp_path, 1366, 768, 1.0), 1366, 768)


@pytest.mark.slow
def test_every_window_fits_1920x1080_at_150_percent(tmp_path: Path) -> None:
    # 150% scaling: Qt lays windows out in 1280×720 logical pixels (the offscreen platform takes the
    # screen in logical pixels and the device pixel ratio apart).
    _check(_probe(tmp_path, 1280, 720, 1.5), 1280, 720)


def test_fit_to_screen_never_exceeds_the_screen(qtbot: object) -> None:
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    fit_to_screen(dialog, 5000, 4000)
    usable = usable_size(dialog)
    assert dialog.width() <= usable.width() and dialog.height() <= usable.height()
    small = QDialog()
    fit_to_screen(small, 300, 200)
    assert (small.width(), small.height()) == (300, 200)
    small.resize(9000, 9000)
    clamp_to_screen(small)
    assert small.width() <= usable.width() and small.height() <= usable.height()
