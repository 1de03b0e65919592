"""Hypothesis throws broken bodies at the push and login endpoints: random bytes, JSON of every shape,
lone surrogate escapes, numbers past 64 bits, valid envelopes around nonsense patches. The server may
refuse (400, 401, 413, 422, 429, per-mutation `rejected`/`forbidden`), but it must never fail (5xx),
never show a traceback, and nothing it accepts may be unpullable."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.server.api import create_app
from app.server.schema import schemas
from app.server.settings import ServerSettings
from app.sync.protocol import SCHEMA_VERSION, PullResponse
from tests.support.server_setup import Seeded, login, seed

EXAMPLES = int(os.environ.get("UNION_INSPECTOR_BODY_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["\ud800", "a\udfffb", "2026-02-30", "2026-11-30", "{}", "[]", "{", "0" * 64, "甲" * 300]),
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def encode(value: Any) -> bytes:
    """ensure_ascii: lone surrogates travel as "\\ud800" escapes, as an attacker would send them."""
    return json.dumps(value, ensure_ascii=True).encode("ascii")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Seeded, dict[str, Any]]]:
    folder: Path = tmp_path_factory.mktemp("fuzz-srv")
    cfg = ServerSettings(data_dir=folder, jwt_secret="z" * 40, login_max_failures=10**6,
                         login_max_failures_per_address=10**6)
    seeded = seed(cfg)
    app = create_app(cfg)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, seeded, login(client, "bob")
    app.state.server.db.dispose()


def check(r: Any) -> None:
    assert r.status_code < 500, r.text[:300]
    assert "Traceback" not in r.text
    if r.status_code >= 400:
        assert r.json()["message"]


def entity_names() -> list[str]:
    return [*schemas(), "evil", "record", "account"]


@st.composite
def mutations(draw: st.DrawFn) -> dict[str, Any]:
    entity = draw(st.sampled_from(entity_names()))
    fields = list(schemas()[entity].fields) if entity in schemas() else ["x"]
    patch = draw(st.dictionaries(st.sampled_from([*fields, "id", "version", "bogus"]), json_values, max_size=6))
    m: dict[str, Any] = {
        "mutation_id": draw(st.uuids()).hex,
        "entity": entity,
        "entity_id": draw(st.uuids()).hex,
        "op": draw(st.sampled_from(["insert", "update", "delete", "upsert"])),
        "base_version": draw(st.integers(min_value=-1, max_value=2**70)),
        "patch": patch,
        "base_values": draw(st.dictionaries(st.text(max_size=8), json_values, max_size=3)),
    }
    if draw(st.booleans()):  # sometimes break the envelope too
        key = draw(st.sampled_from(sorted(m)))
        m[key] = draw(json_values)
    return m


push_bodies = st.one_of(
    st.binary(max_size=512),
    json_values.map(encode),
    st.builds(
        lambda device, ms, version: encode({"schema_version": version, "device_id": device, "mutations": ms}),
        st.sampled_from(["dev-1", "", "x" * 80]),
        st.lists(mutations(), max_size=5),
        st.sampled_from([SCHEMA_VERSION, SCHEMA_VERSION - 1, 2**70, -1]),
    ),
)
login_bodies = st.one_of(
    st.binary(max_size=512),
    json_values.map(encode),
    st.fixed_dictionaries(
        {"username": json_values, "password": json_values},
        optional={"device_name": json_values},
    ).map(encode),
)


def test_push_never_fails_on_a_broken_body(server: tuple[TestClient, Seeded, dict[str, Any]]) -> None:
    client, _, bob = server
    headers = {**bob["headers"], "Content-Type": "application/json"}

    @FUZZ
    @given(body=push_bodies)
    def fuzz(body: bytes) -> None:
        check(client.post("/v1/sync/push", content=body, headers=headers))

    fuzz()
    # Whatever was applied can be pulled and read by the laptop's models, by bob and by the office.
    for who in (bob, login(client, "olga")):
        cursor = 0
        while True:
            r = client.get(f"/v1/sync/pull?cursor={cursor}&limit=1000", headers=who["headers"])
            assert r.status_code == 200
            page = PullResponse.model_validate_json(r.content)
            cursor = page.next_cursor
            if not page.has_more:
                break


def test_login_never_fails_on_a_broken_body(server: tuple[TestClient, Seeded, dict[str, Any]]) -> None:
    client, _, _ = server

    @FUZZ
    @given(body=login_bodies, content_type=st.sampled_from(["application/json", "text/plain", "", "multipart/form-data"]))
    def fuzz(body: bytes, content_type: str) -> None:
        check(client.post("/v1/auth/login", content=body, headers={"Content-Type": content_type}))

    fuzz()
