"""The first 一企一档 (dossier) PDF of a session, from the GUI and from the command line, in one run.

Both start cold (a fresh process for the command line; for the GUI a fresh process too, in which the
main window is opened first as a user would, then the dossier button's code runs with the save dialog
answered). A bare in-process baseline (gather + render, what the command does after start-up) is
printed beside them. Run: `.venv/bin/python tests/bench/bench_dossier_gui.py`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GUI_CHILD = r"""
import json, sys, time
from pathlib import Path
from unittest import mock
from app.paths import DataPaths
from app.store.db import open_database
from app.ui.shell.app import create_application
from app.ui.shell.context import AppContext
from app.ui.shell.main_window import MainWindow
from PySide6.QtWidgets import QApplication, QFileDialog

root, enterprise_id, target, delay = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
app = create_application()
paths = DataPaths(Path(root)).ensure()
db = open_database(paths)
ctx = AppContext(paths, db)
window = MainWindow(ctx)
window.show()
app.processEvents()
# The user finds the enterprise and its 生成一企一档 button: the event loop runs meanwhile.
until = time.perf_counter() + delay
while time.perf_counter() < until:
    app.processEvents()
    time.sleep(0.01)
from app.ui.matters.pages import save_dossier
done = []
ctx.status_message.connect(lambda text: done.append(text))
with mock.patch.object(QFileDialog, "getSaveFileName", return_value=(target, "")):
    start = time.perf_counter()
    save_dossier(ctx, enterprise_id, window)
    while not done:
        app.processEvents()
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
print(json.dumps({"gui_s": elapsed}))
window.close()
db.dispose()
"""


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("UNION_INSPECTOR_PASSPHRASE", "a benchmark passphrase")
    from sqlalchemy import text

    from app.demo import create_demo_district
    from app.paths import DataPaths
    from app.store.db import open_database

    folder = Path(tempfile.mkdtemp(prefix="bench-dossier-"))
    paths = DataPaths(folder / "data").ensure()
    db = open_database(paths)
    create_demo_district(db, enterprises=120, seed=5)
    with db.read() as session:
        enterprise_id = str(session.connection().execute(text(
            "SELECT enterprise_id FROM visit GROUP BY enterprise_id ORDER BY count(*) DESC LIMIT 1"
        )).scalar_one())
    db.dispose()
    env = dict(os.environ, UNION_INSPECTOR_HOME=str(folder / "home"))
    env.setdefault("UNION_INSPECTOR_PASSPHRASE", "a benchmark passphrase")
    cli = [sys.executable, "-m", "app.cli", "--data-dir", str(paths.root), "dossier", enterprise_id, "-o"]

    start = time.perf_counter()
    subprocess.run([*cli, str(folder / "cli.pdf")], cwd=ROOT, env=env, check=True, capture_output=True)
    cli_s = time.perf_counter() - start

    gui: dict[float, tuple[float, float]] = {}
    for delay in (0.0, 8.0):
        start = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", GUI_CHILD, str(paths.root), enterprise_id, str(folder / f"gui{delay}.pdf"), str(delay)],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        )
        gui[delay] = (json.loads(child.stdout.strip().splitlines()[-1])["gui_s"], time.perf_counter() - start)

    # Baseline: the same work with nothing around it, cold fonts, in a fresh process.
    bare = (
        "import time,sys;"
        "from app.paths import DataPaths; from app.store.db import open_database;"
        "from app.documents.dossier_data import gather_dossier; from app.documents.dossier_pdf import render_dossier;"
        f"db=open_database(DataPaths(__import__('pathlib').Path({str(paths.root)!r})));"
        "t=time.perf_counter(); s=db.read().__enter__(); d=gather_dossier(s, sys.argv[1]); r=render_dossier(d);"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", bare, enterprise_id], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    bare_s = float(out.stdout.strip().splitlines()[-1])

    print(f"command line (whole process, cold)        {cli_s:6.2f} s")
    print(f"bare gather+render (cold fonts, after open){bare_s:6.2f} s")
    for delay, (gui_s, process_s) in gui.items():
        print(f"GUI click→saved, clicked {delay:3.0f} s after start {gui_s:6.2f} s   "
              f"(GUI/CLI {gui_s / cli_s:4.2f}x, GUI/bare {gui_s / bare_s:4.2f}x; whole GUI process {process_s:.2f} s)")


if __name__ == "__main__":
    main()
