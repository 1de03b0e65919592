"""A union record and a service request travel between two laptops through a real server: each laptop
edits different fields offline, both sync, and both end with every edit (field-level merge), the
derived 已建会 status of the covered unit included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.tables.unions import ServiceRequest, UnionOrg
from app.store.unions import orgs, services
from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop, server_snapshot

pytestmark = pytest.mark.slow

ENTITIES = ("grid", "enterprise", "union_org", "union_unit", "union_step", "service_request")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("amy", PASSWORD, grids=["A"])
    with live:
        yield live


def test_union_and_service_request_merge_field_by_field(server: LiveServer, tmp_path: Path) -> None:
    first, second = Laptop(tmp_path, "ann-laptop"), Laptop(tmp_path, "amy-laptop")
    try:
        first.login(server.url, "ann")
        second.login(server.url, "amy")
        first.sync()
        grid_id = first.grid_id("A")
        enterprise_id = first.create_enterprise(name="东湖快递驿站", grid_id=grid_id, headcount=12)
        with first.db.write() as session:
            union = orgs.create_union(session, {"name": "东湖快递联合工会", "form": "joint", "grid_id": grid_id}, "ann")
            orgs.add_unit(session, union, enterprise_id, "ann", unit_kind="express_station")
            orgs.record_step(session, union, "apply", dt.date(2026, 3, 1), "ann")
            request = services.create_request(
                session, {"enterprise_id": enterprise_id, "kind": "legal", "requested_on": dt.date(2026, 3, 2)}, "ann"
            )
            union_id, request_id = union.id, request.id
        first.sync()
        second.sync()
        with second.db.read() as session:
            arrived = session.get(UnionOrg, union_id)
            assert arrived is not None and arrived.status == "preparing"
            assert session.get(ServiceRequest, request_id) is not None
        assert second.enterprise(enterprise_id).union_status == "preparing"

        # offline: ann records the next step and a provider; amy names the chair and delivers the service
        with first.db.write() as session:
            union = session.get(UnionOrg, union_id)
            assert union is not None
            orgs.record_step(session, union, "prep_group", dt.date(2026, 3, 10), "ann")
            orgs.update_union(session, union, {"address": "文一路8号"}, "ann")
            req = session.get(ServiceRequest, request_id)
            assert req is not None
            services.set_status(session, req, "in_progress", "", "ann", provider="lawyer", provider_detail="王律师")
        with second.db.write() as session:
            union = session.get(UnionOrg, union_id)
            assert union is not None
            orgs.update_union(session, union, {"chair_name": "李主席"}, "amy")
            req = session.get(ServiceRequest, request_id)
            assert req is not None
            from app.store import changes

            changes.update(session, req, {"outcome": "已电话答复加班费问题"}, "amy")
        first.sync()
        report = second.sync()
        first.sync()
        assert report.conflicts == 0 and first.conflicts() == [] and second.conflicts() == []

        for laptop in (first, second):
            with laptop.db.read() as session:
                union = session.get(UnionOrg, union_id)
                req = session.get(ServiceRequest, request_id)
                assert union is not None and req is not None
                assert (union.address, union.chair_name, union.current_step) == ("文一路8号", "李主席", "prep_group")
                assert (req.provider_detail, req.outcome, req.status) == ("王律师", "已电话答复加班费问题", "in_progress")
                assert len(orgs.steps(session, union_id)) == 2
        assert first.snapshot(ENTITIES) == second.snapshot(ENTITIES)
        on_server = server_snapshot(server.url, "ann", entities=ENTITIES)
        assert {k: v for k, v in on_server.items() if k[0] in ENTITIES} == first.snapshot(ENTITIES)
        assert first.counts().queued == 0 and second.counts().queued == 0
    finally:
        first.close()
        second.close()
