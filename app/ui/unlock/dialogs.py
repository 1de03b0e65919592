"""Start-up dialogs for encrypted data and for a device the office revoked.

Why a loop at start-up: each answer (a passphrase, an office sign-in) changes what opening the data
folder will do, so the program simply tries again, and the user can always quit instead."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.paths import DataPaths
from app.store import encryption, sync_state
from app.store.db import Database, DataLocked, open_database, open_locked

log = logging.getLogger(__name__)


class PassphraseDialog(QDialog):
    """Asks for the data passphrase; `new=True` asks twice (it creates the key of a new folder)."""

    def __init__(self, message: str, *, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(QCoreApplication.translate("Unlock", "数据口令"))
        layout = QVBoxLayout(self)
        intro = QLabel(message)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("Unlock", "数据口令"), self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(QCoreApplication.translate("Unlock", "再输入一次"), self.second)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def passphrase(self) -> str:
        return self.first.text()

    def _check(self) -> None:
        if self.new and len(self.first.text()) < 8:
            self.error.setText(QCoreApplication.translate("Unlock", "数据口令至少要 8 个字符"))
            return
        if self.new and self.first.text() != self.second.text():
            self.error.setText(QCoreApplication.translate("Unlock", "两次输入的口令不一致"))
            return
        if not self.first.text():
            self.error.setText(QCoreApplication.translate("Unlock", "请输入数据口令"))
            return
        self.accept()


class LockedDialog(QDialog):
    """The device was revoked: export unsent work for the office, or let an office account unlock."""

    def __init__(self, paths: DataPaths, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.db = db
        self.unlocked = False
        self.setWindowTitle(QCoreApplication.translate("Unlock", "本机数据已锁定"))
        layout = QVBoxLayout(self)
        reason = encryption.locked_reason(paths) or QCoreApplication.translate("Unlock", "此设备已被区工会撤销")
        text = QLabel(
            QCoreApplication.translate("Unlock", "区工会已撤销这台设备（{reason}），本机数据已锁定，程序不会再显示或修改它们。可以先把未上传的工作导出为加密文件交给区工会；区工会办公室账号在本机重新登录后即可解锁。").format(reason=reason)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.export_button = QPushButton(QCoreApplication.translate("Unlock", "导出未上传的工作…"))
        self.export_button.clicked.connect(self.export_unsent)
        layout.addWidget(self.export_button)
        form = QFormLayout()
        self.server = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("Unlock", "服务器地址"), self.server)
        form.addRow(QCoreApplication.translate("Unlock", "办公室账号"), self.user)
        form.addRow(QCoreApplication.translate("Unlock", "密码"), self.password)
        layout.addLayout(form)
        self.unlock_button = QPushButton(QCoreApplication.translate("Unlock", "办公室账号登录解锁"))
        self.unlock_button.clicked.connect(self.unlock)
        layout.addWidget(self.unlock_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        try:
            with self._db().read() as session:
                self.server.setText(sync_state.load(session).server_url)
        except Exception:  # a prefill only
            log.info("no server address to prefill")

    def _db(self) -> Database:
        if self.db is None:
            self.db = open_locked(self.paths)
        return self.db

    def export_unsent(self) -> None:
        from app.sync import revocation

        default = str(revocation.default_export_path(self.paths))
        name, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("Unlock", "导出未上传的工作"), default, QCoreApplication.translate("Unlock", "加密导出文件 (*.uix)"))
        if not name:
            return
        ask = PassphraseDialog(QCoreApplication.translate("Unlock", "为导出文件设定口令，交给区工会时另行告知（至少 8 个字符）"), new=True, parent=self)
        if not ask.exec():
            return
        try:
            summary = revocation.export_unsent(self._db(), Path(name), ask.passphrase())
        except revocation.ExportError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(
            QCoreApplication.translate("Unlock", "已导出 {n} 项未上传的修改（{rows} 行数据）到 {path}").format(
                n=summary.entries, rows=summary.rows, path=name
            )
        )

    def unlock(self) -> None:
        from app.sync import revocation
        from app.sync.client import SyncError

        if not (self.server.text().strip() and self.user.text().strip() and self.password.text()):
            self.status.setText(QCoreApplication.translate("Unlock", "请填写服务器地址、办公室账号和密码"))
            return
        if self.db is not None:
            self.db.dispose()
        try:
            revocation.reenrol(self.paths, self.server.text().strip(), self.user.text().strip(), self.password.text())
        except SyncError as exc:
            self.status.setText(str(exc))
            return
        self.unlocked = True
        self.accept()


def open_interactively(paths: DataPaths) -> Database | None:
    """Opens the data folder, asking what is needed; None when the user gives up."""
    while True:
        try:
            return open_database(paths)
        except DataLocked:
            dialog = LockedDialog(paths)
            dialog.exec()
            if dialog.db is not None:
                dialog.db.dispose()
            if not dialog.unlocked:
                return None
        except encryption.PassphraseNeeded as exc:
            ask = PassphraseDialog(str(exc), new=False)
            if not ask.exec():
                return None
            encryption.set_passphrase(ask.passphrase())
        except encryption.NoKeyStore:
            ask = PassphraseDialog(
                QCoreApplication.translate("Unlock", "本机没有安全的系统密钥库，无法保存数据库密钥。可以设定一个数据口令来加密本机数据（每次打开程序时输入，忘记后数据无法找回），或者取消并先安装、解锁系统密钥库。"),
                new=True,
            )
            if not ask.exec():
                return None
            encryption.set_passphrase(ask.passphrase())
        except encryption.WrongKey as exc:
            if encryption.given_passphrase() is None:
                QMessageBox.critical(None, QCoreApplication.translate("Unlock", "无法打开数据"), str(exc))
                return None
            encryption.set_passphrase(None)
            ask = PassphraseDialog(QCoreApplication.translate("Unlock", "数据口令不对，请重新输入"), new=False)
            if not ask.exec():
                return None
            encryption.set_passphrase(ask.passphrase())
