"""The lock window of a revoked device: it exports the unsent work into an encrypted file, and an
inspector account cannot unlock; the passphrase prompt checks its input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from app.paths import DataPaths
from app.store import changes, encryption
from app.store.db import DataLocked, open_database
from app.store.tables import Enterprise
from app.sync import revocation
from app.ui.unlock import dialogs


def test_locked_window_exports_unsent_work(qtbot: Any, data_paths: DataPaths, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(data_paths)
    with db.write() as session:
        changes.insert(session, Enterprise(name="锁定前的企业"), "t")
    db.dispose()
    encryption.lock(data_paths, "设备已挂失", "2026-11-30T00:00:00Z")
    with pytest.raises(DataLocked):
        open_database(data_paths)

    target = tmp_path / "out.uix"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))

    class Answer(dialogs.PassphraseDialog):
        def exec(self) -> int:  # type: ignore[override]
            self.first.setText("交给办公室的口令")
            self.second.setText("交给办公室的口令")
            self._check()
            return int(self.result())

    monkeypatch.setattr(dialogs, "PassphraseDialog", Answer)
    window = dialogs.LockedDialog(data_paths)
    qtbot.addWidget(window)
    assert "设备已挂失" in window.findChildren(type(window.status))[0].text()
    window.export_unsent()
    assert target.exists()
    assert "已导出 1 项" in window.status.text()
    payload = revocation.read_export(target, "交给办公室的口令")
    assert [e["entity"] for e in payload["outbox"]] == ["enterprise"]
    window.unlock()  # nothing filled in: a sentence, still locked
    assert "请填写" in window.status.text() and not window.unlocked
    assert window.db is not None
    window.db.dispose()


def test_passphrase_prompt_wants_two_equal_long_entries(qtbot: Any) -> None:
    prompt = dialogs.PassphraseDialog("请设定数据口令", new=True)
    qtbot.addWidget(prompt)
    prompt.first.setText("short")
    prompt._check()
    assert "至少" in prompt.error.text()
    prompt.first.setText("long enough 1")
    prompt.second.setText("long enough 2")
    prompt._check()
    assert "不一致" in prompt.error.text()
    prompt.second.setText("long enough 1")
    prompt._check()
    assert prompt.result() == 1
