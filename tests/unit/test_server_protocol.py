"""The shared wire models accept what a client sends and refuse what the server must never see."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.sync import protocol as p


def test_push_request_round_trips() -> None:
    req = p.PushRequest(
        schema_version=p.SCHEMA_VERSION,
        device_id="dev-1",
        mutations=[
            p.Mutation(
                mutation_id="m1",
                entity="enterprise",
                entity_id="e1",
                op="update",
                base_version=3,
                patch={"name": "新名"},
                base_values={"name": "旧名"},
            )
        ],
    )
    again = p.PushRequest.model_validate_json(req.model_dump_json())
    assert again == req


def test_push_request_limits_batch_size_and_names() -> None:
    m = {"mutation_id": "m", "entity": "visit", "entity_id": "v", "op": "insert"}
    with pytest.raises(ValidationError):
        p.PushRequest(schema_version=1, device_id="d", mutations=[m] * (p.MAX_MUTATIONS_PER_PUSH + 1))
    with pytest.raises(ValidationError):
        p.Mutation.model_validate({**m, "entity": "Robert'); DROP TABLE"})
    with pytest.raises(ValidationError):
        p.Mutation.model_validate({**m, "op": "upsert"})


def test_schema_window_is_n_and_n_minus_1() -> None:
    assert p.MIN_SCHEMA_VERSION == p.SCHEMA_VERSION - 1
