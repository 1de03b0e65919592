from __future__ import annotations

import logging

from app.applog import AppLogHandler, setup_file_logging
from app.cli import main
from app.paths import DataPaths


def test_log_file_is_scrubbed_rotating_and_moves_with_the_data_folder(data_paths: DataPaths, tmp_path: object) -> None:
    root = logging.getLogger()
    try:
        target = setup_file_logging(data_paths)
        assert setup_file_logging(data_paths) == target
        assert sum(isinstance(h, AppLogHandler) for h in root.handlers) == 1
        logging.getLogger("app.test").warning("caller 13812345678 id 11010519491231002X token=abcdefghijkl")
        for handler in root.handlers:
            handler.flush()
        text = target.read_text(encoding="utf-8")
        assert "13812345678" not in text and "11010519491231002X" not in text and "abcdefghijkl" not in text
        assert "〔电话〕" in text
        handler = next(h for h in root.handlers if isinstance(h, AppLogHandler))
        assert handler.maxBytes > 0 and handler.backupCount >= 3
        other = DataPaths(data_paths.root.parent / "other").ensure()
        assert main(["--data-dir", str(other.root), "backup", "--list"]) == 0
        assert [h.baseFilename for h in root.handlers if isinstance(h, AppLogHandler)] == [str(other.logs / "union-inspector.log")]
    finally:
        for h in [h for h in root.handlers if isinstance(h, AppLogHandler)]:
            root.removeHandler(h)
            h.close()
