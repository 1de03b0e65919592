"""Schemathesis fuzzes every operation of the OpenAPI schema with a valid admin token: the server may
refuse, but it must never fail (no 5xx). FUZZ_EXAMPLES examples per operation (13 operations)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from app.server.api import create_app
from app.server.settings import ServerSettings
from tests.support.server_setup import login, seed

FUZZ_EXAMPLES = int(os.environ.get("UNION_INSPECTOR_FUZZ_EXAMPLES", "100"))


@pytest.mark.slow
def test_no_operation_fails_with_a_server_error(tmp_path: Path) -> None:
    server_settings = ServerSettings(data_dir=tmp_path / "srv", jwt_secret="f" * 40)
    seed(server_settings)
    app = create_app(server_settings)
    auth = login(TestClient(app), "root")["headers"]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    labels = []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case: Any) -> None:
            case.call_and_validate(headers=auth, checks=[not_a_server_error])

        fuzz()
    assert len(labels) >= 13 and "POST /v1/sync/push" in labels
