"""Matters and letters at district scale: the 监督事项 list (filtered, overdue first page and counts)
over 20,000 matters against a bare count(*) of the same table, and issuing a letter (number, render,
blob, outbox, matter step in one transaction) against rendering it alone, measured in the same run."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

from sqlalchemy import text

from app.core.ids import new_id
from app.documents import letter_flow
from app.paths import DataPaths
from app.store import changes, letter_numbers
from app.store import matters as repo
from app.store.db import open_database
from app.store.tables import Enterprise

MATTERS = 20_000
ROUNDS = 20


def _ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def test_matter_list_and_issue(tmp_path: Path) -> None:
    db = open_database(DataPaths(tmp_path / "bench").ensure())
    today = dt.date.today()
    with db.write() as session:
        enterprises = [changes.insert(session, Enterprise(name=f"示范区测试{i}有限公司"), "b").id for i in range(500)]
        repo.create_matter(session, enterprise_id=enterprises[0], source="informant", source_ref="",
                           category="wage_arrears", facts="经由仓库登记的一项", actor="b")
        # the rest in bulk: the list queries are measured here, not the writes
        statuses = ["open", "letter_issued", "rectifying", "rectified", "closed", "escalated"]
        codes = ["wage_arrears", "overtime_pay", "labour_contract", "high_temperature"]
        rows = []
        for i in range(MATTERS - 1):
            opened = today - dt.timedelta(days=i % 120)
            rows.append({"id": new_id(), "e": enterprises[i % 500], "c": codes[i % 4], "s": statuses[i % 6],
                         "o": opened.isoformat(), "d": (opened + dt.timedelta(days=14)).isoformat()})
        session.connection().execute(
            text(
                "INSERT INTO matter (id, version, updated_at, updated_by, deleted, enterprise_id, source, source_ref, "
                "category, title, facts, legal_basis, demand, deadline, status, opened_on, verification_note, "
                "verified_by, informant) VALUES (:id, 0, '', '', 0, :e, 'informant', '', :c, '事项', '事实', '', '', "
                ":d, :s, :o, '', '', '')"
            ),
            rows,
        )
    flt = repo.MatterFilter(status="active", overdue_only=True, category="wage_arrears")
    bare, listing = [], []
    for _ in range(ROUNDS):
        with db.read() as session:
            t = time.perf_counter()
            session.connection().execute(text("SELECT count(*) FROM matter")).scalar_one()
            bare.append(time.perf_counter() - t)
            t = time.perf_counter()
            repo.count(session, flt)
            repo.page(session, flt, 0, 200)
            repo.counts(session, flt)
            listing.append(time.perf_counter() - t)
    print(f"\n{MATTERS} matters: list page + count + counts {_ms(listing):.1f} ms, bare count(*) {_ms(bare):.2f} ms, "
          f"ratio {_ms(listing) / max(_ms(bare), 1e-6):.1f}x")

    with db.write() as session:
        letter_numbers.add_block(session, "工监意", today.year, 1, ROUNDS + 5)
        matter_id = repo.page(session, repo.MatterFilter(), 0, 1)[0]["id"]
        drafts = [letter_flow.draft_from_matter(session, matter_id, "opinion", actor="b").id for _ in range(ROUNDS + 1)]
        content = letter_flow.content_of(letter_flow.letter_repo.get(session, drafts[0]))
    letter_flow.render_content(content)  # fonts registered, caches warm
    render_only, issuing = [], []
    for letter_id in drafts[1:]:
        t = time.perf_counter()
        letter_flow.render_content(content)
        render_only.append(time.perf_counter() - t)
        t = time.perf_counter()
        with db.write() as session:
            letter_flow.issue_letter(session, letter_id, actor="b", role="office", blobs_root=db.paths.blobs)
        issuing.append(time.perf_counter() - t)
    print(f"issue a letter: {_ms(issuing):.1f} ms (number, render, blob fsync, outbox, matter step); "
          f"render alone {_ms(render_only):.1f} ms; ratio {_ms(issuing) / _ms(render_only):.2f}x")
    db.dispose()
