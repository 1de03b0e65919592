# No `from __future__ import annotations`: FastAPI must see the Annotated aliases as objects.
"""Form definitions for the phone: the same checked files in forms/ the laptop loads, as JSON, so one
definition drives both renderers. Only definitions the formkit loader accepts are served; a visit names
its form's id and version, and a version's file never changes. Caching is left to the phone app (its
service worker and IndexedDB decide what is kept; /m/ answers say no-cache).

No bearer token: like the rest of /m/ (the app shell, its manifest and schema) these are program files,
the same for every account and holding nothing about anyone, and the phone must be able to fetch them
before and apart from its data. Everything personal goes through the token-guarded /v1 sync API."""

import re
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Path
from fastapi.responses import JSONResponse

from app import formkit
from app.server.errors import not_found

PREFIX = "/m/forms"
# The whole file name, checked before anything touches the disk: an id as the loader allows it (short),
# an optional version, and .json.
NAME = re.compile(r"^(?P<id>[a-z][a-z0-9_]{0,63})(?:\.v(?P<version>[1-9][0-9]{0,5}))?\.json$")


def _unknown(name: str) -> Exception:
    shown = name if len(name) <= 80 else name[:80] + "…"
    return not_found(f"There is no form definition named {shown!r}.")


def definition_json(definition: formkit.FormDefinition) -> dict[str, Any]:
    """The definition in the shape of its file (keys the file left out stay out, `in` spelled as there),
    so the answer reads back into the same definition and the phone applies the same defaults."""
    return definition.model_dump(mode="json", by_alias=True, exclude_unset=True)


def index() -> list[dict[str, Any]]:
    """Usable forms, newest version's title and kind; a file the loader refuses is left out."""
    found: list[dict[str, Any]] = []
    for form_id, versions in formkit.available().items():
        usable: list[int] = []
        newest: formkit.FormDefinition | None = None
        for version in versions:
            try:
                newest = formkit.load(form_id, version)
            except (formkit.FormDefinitionError, formkit.FormNotFoundError):
                continue
            usable.append(version)
        if newest is not None:
            found.append(
                {"id": form_id, "title": newest.title, "kind": newest.kind, "versions": usable, "latest": usable[-1]}
            )
    return found


def install(app: FastAPI) -> None:
    r = APIRouter(prefix=PREFIX, tags=["phone"])

    @r.get("/index.json")
    def forms_index() -> JSONResponse:
        return JSONResponse(index())

    @r.get("/{name}")
    def form_definition(name: Annotated[str, Path(max_length=100)]) -> JSONResponse:
        m = NAME.match(name)
        if m is None:
            raise _unknown(name)
        form_id = m["id"]
        version = int(m["version"]) if m["version"] else None
        try:
            if version is None:
                usable = [f for f in index() if f["id"] == form_id]
                if not usable:
                    raise _unknown(name)
                version = int(usable[0]["latest"])
            definition = formkit.load(form_id, version)
        except (formkit.FormDefinitionError, formkit.FormNotFoundError):
            raise _unknown(name) from None
        return JSONResponse(definition_json(definition))

    app.include_router(r)
