"""Union building at district scale: the union, member and service lists (count + first page, and a
filtered page) at 10,000 unions, 100,000 members and 50,000 service requests, against the enterprise
list over 100,000 enterprises in the same run; and the member registry written through the outbox
(`changes.insert_many`) against a plain `executemany` of the same rows."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.ids import new_id
from app.demo.unions import demo_id_number
from app.paths import DataPaths
from app.store import enterprises
from app.store.db import open_database
from app.store.unions import members, orgs, services

ENTERPRISES = 100_000
UNIONS = 10_000
MEMBERS = 100_000
SERVICES = 50_000
IMPORT_ROWS = 20_000
ROUNDS = 15


def _ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _time(db: Any, fn: Callable[[Any], object]) -> float:
    samples = []
    for _ in range(ROUNDS):
        with db.read() as session:
            t = time.perf_counter()
            fn(session)
            samples.append(time.perf_counter() - t)
    return _ms(samples)


def test_union_lists_keep_up_with_the_enterprise_list(tmp_path: Path) -> None:
    db = open_database(DataPaths(tmp_path / "bench").ensure())
    rng = random.Random(12)
    today = dt.date.today()
    grid = new_id()
    with db.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("INSERT INTO grid (id, version, updated_at, updated_by, deleted, code, name, district, boundary) "
                             "VALUES (?, 0, '', '', 0, 'A', '甲网格', '示范区', '[]')", (grid,))
        firm_ids = [new_id() for _ in range(ENTERPRISES)]
        conn.exec_driver_sql(
            "INSERT INTO enterprise (id, version, updated_at, updated_by, deleted, name, credit_code, credit_code_status, address, "
            "grid_id, industry, headcount, union_status, legal_rep, contact_name, contact_phone, notes) "
            "VALUES (?, 0, '', '', 0, ?, '', 'missing', ?, ?, '', ?, 'none', '', '', '', '')",
            [(fid, f"示范区测试{i:06d}有限公司", f"文一路{i}号", grid, i % 200) for i, fid in enumerate(firm_ids)],
        )
        union_ids = [new_id() for _ in range(UNIONS)]
        forms = ["single", "joint", "building", "station"]
        conn.exec_driver_sql(
            "INSERT INTO union_org (id, version, updated_at, updated_by, deleted, name, form, grid_id, address, chair_name, "
            "committee_names, contact_phone, status, current_step, members, last_check_percent, notes) "
            "VALUES (?, 0, '', '', 0, ?, ?, ?, '', '', '', '', 'established', 'approval', ?, ?, '')",
            [(uid, f"测试工会{i:05d}", forms[i % 4], grid, 10 + i % 90, (i * 7) % 100) for i, uid in enumerate(union_ids)],
        )
        conn.exec_driver_sql(
            "INSERT INTO union_unit (id, version, updated_at, updated_by, deleted, union_id, enterprise_id, form, unit_kind) "
            "VALUES (?, 0, '', '', 0, ?, ?, ?, 'enterprise')",
            [(new_id(), union_ids[i % UNIONS], firm_ids[i], forms[i % UNIONS % 4]) for i in range(2 * UNIONS)],
        )
        groups = ["courier", "rider", "ride_hailing", "truck", "other"]
        conn.exec_driver_sql(
            "INSERT INTO union_member (id, version, updated_at, updated_by, deleted, union_id, grid_id, member_name, id_number, "
            "phone, key_group, joined_on, new_member, import_id) VALUES (?, 0, '', '', 0, ?, ?, ?, ?, '', ?, ?, 1, '')",
            [(new_id(), union_ids[i % UNIONS], grid, f"{'王李张刘陈'[i % 5]}{i:06d}", demo_id_number(rng), groups[i % 5],
              (today - dt.timedelta(days=i % 700)).isoformat()) for i in range(MEMBERS)],
        )
        statuses = ["open", "in_progress", "delivered", "declined"]
        conn.exec_driver_sql(
            "INSERT INTO service_request (id, version, updated_at, updated_by, deleted, enterprise_id, grid_id, kind, requested_on, "
            "requester_name, detail, provider, provider_detail, due_date, status, outcome) "
            "VALUES (?, 0, '', '', 0, ?, ?, 'legal', ?, '', '', 'office', '', ?, ?, '')",
            [(new_id(), firm_ids[i % ENTERPRISES], grid, (today - dt.timedelta(days=i % 400)).isoformat(),
              (today - dt.timedelta(days=i % 400 - 15)).isoformat(), statuses[i % 4]) for i in range(SERVICES)],
        )

    def enterprise_list(s: Any) -> None:
        flt = enterprises.EnterpriseFilter()
        enterprises.count(s, flt)
        enterprises.page(s, flt, 0, 200)

    def union_list(s: Any) -> None:
        orgs.count(s, orgs.UnionFilter())
        orgs.page(s, orgs.UnionFilter(), 0, 200)

    def slipping_list(s: Any) -> None:
        flt = orgs.UnionFilter(slipping_only=True)
        orgs.count(s, flt)
        orgs.page(s, flt, 0, 200)

    def member_list(s: Any) -> None:
        members.count(s, members.MemberFilter())
        members.page(s, members.MemberFilter(), 0, 200)

    def member_search(s: Any) -> None:
        flt = members.MemberFilter(query="王00")
        members.count(s, flt)
        members.page(s, flt, 0, 200)

    def service_list(s: Any) -> None:
        services.count(s, services.ServiceFilter())
        services.page(s, services.ServiceFilter(), 0, 200)

    def overdue_list(s: Any) -> None:
        flt = services.ServiceFilter(overdue_only=True)
        services.count(s, flt)
        services.page(s, flt, 0, 200)

    baseline = _time(db, enterprise_list)
    print(f"\nenterprise list ({ENTERPRISES} rows, count + first page): {baseline:.1f} ms")
    results = {}
    for name, fn in (("union list", union_list), ("slipping unions", slipping_list), ("member list", member_list),
                     ("member name search", member_search), ("service list", service_list), ("overdue services", overdue_list)):
        results[name] = _time(db, fn)
        print(f"{name:>20}: {results[name]:7.1f} ms  ratio {results[name] / max(baseline, 1e-6):.2f}x enterprise list")

    # the member registry written with its outbox and audit rows, against a bare executemany
    rows = [{"member_name": f"导入{i:06d}", "id_number": demo_id_number(rng), "key_group": "rider", "grid_id": grid,
             "joined_on": today, "new_member": True} for i in range(IMPORT_ROWS)]
    with db.write() as session:
        t = time.perf_counter()
        members.insert_members(session, rows, "bench")
        through_outbox = time.perf_counter() - t
    with db.write() as session:
        t = time.perf_counter()
        session.connection().exec_driver_sql(
            "INSERT INTO union_member (id, version, updated_at, updated_by, deleted, grid_id, member_name, id_number, phone, "
            "key_group, joined_on, new_member, import_id) VALUES (?, 0, '', '', 0, ?, ?, ?, '', 'rider', ?, 1, '')",
            [(new_id(), grid, r["member_name"], r["id_number"], today.isoformat()) for r in rows],
        )
        bare = time.perf_counter() - t
    print(f"member registry {IMPORT_ROWS} rows: through outbox + audit {through_outbox * 1000:.0f} ms, "
          f"bare executemany {bare * 1000:.0f} ms, ratio {through_outbox / max(bare, 1e-9):.1f}x")
    db.dispose()
    for name, value in results.items():
        assert value < max(5 * baseline, 50), f"{name} is much slower than the enterprise list"
