# No `from __future__ import annotations`: FastAPI must see the parameter types as objects.
"""The phone app's files under /m/: the app shell, the service worker (scope /m/), the manifest, icons,
the front-end packages the web pages already ship, the English catalog, and the shape of the rows the
phone writes (so the phone builds exactly the patches a laptop pushes, whatever fields the server's
schema holds today). Everything the phone reads or writes as data goes through /v1 with its token."""

import datetime as dt
import hashlib
import json
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from app.store.tables.base import SYNCED_TABLES

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
VENDOR_DIR = HERE.parent / "web" / "static" / "vendor"
CATALOG = HERE / "catalog_en.json"
FORM_CATALOG = HERE / "catalog_form_en.json"  # the form renderer's own strings
PREFIX = "/m"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
VENDOR_FILES = ("idb.umd.js", "leaflet.js", "leaflet.css", "signature_pad.umd.min.js",
                "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png",
                "images/layers.png", "images/layers-2x.png")
# The kinds the phone writes; their field lists travel in /m/schema.json.
WRITTEN_KINDS = ("visit", "attachment", "enterprise", "patrol_track")


def shell_files() -> list[str]:
    """Every file the service worker keeps for an offline start (paths relative to /m/)."""
    files = ["./", "manifest.webmanifest", "schema.json", "i18n/en.json"]
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.is_file() and not path.name.startswith(".") and path.name not in ("index.html", "sw.template.js"):
            files.append("static/" + path.relative_to(STATIC_DIR).as_posix())
    files += ["vendor/" + name for name in VENDOR_FILES if (VENDOR_DIR / name).is_file()]
    return files


def shell_version() -> str:
    """Changes whenever a shell file changes, so a phone picks up a new version on its next visit."""
    digest = hashlib.sha256()
    for rel in shell_files():
        if rel.startswith("static/"):
            digest.update(rel.encode() + (STATIC_DIR / rel[7:]).read_bytes())
        elif rel.startswith("vendor/"):
            digest.update(rel.encode() + (VENDOR_DIR / rel[7:]).read_bytes())
    digest.update(json.dumps(english(), sort_keys=True).encode())
    digest.update(json.dumps(schema(), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def _plain(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else str
    return annotation


def _kind(annotation: Any) -> str:
    kind = _plain(annotation)
    if kind is bool:
        return "bool"
    if kind is int:
        return "int"
    if kind is float:
        return "float"
    if kind in (dt.date, dt.datetime):
        return "date" if kind is dt.date else "datetime"
    return "str"


@cache
def schema() -> dict[str, Any]:
    """Per kind the phone writes: its data fields in the laptop's order, with type and default (an
    insert carries all of them, as the laptop's does)."""
    out: dict[str, Any] = {}
    for name in WRITTEN_KINDS:
        cls = SYNCED_TABLES.get(name)
        if cls is None:
            continue
        fields = []
        for field in cls.data_fields():
            info = cls.model_fields[field]
            default = None if info.is_required() else info.get_default(call_default_factory=True)
            if isinstance(default, dt.date | dt.datetime):
                default = default.isoformat()
            fields.append({"name": field, "type": _kind(info.annotation), "default": default})
        out[name] = fields
    return out


@cache
def english() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in (FORM_CATALOG, CATALOG):
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        out.update({str(k): str(v) for k, v in data.items()})
    return out


def install(app: FastAPI) -> None:
    """Adds the phone app to the server app (called by the server's app factory)."""

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        path = request.url.path
        if path == PREFIX or path.startswith(PREFIX + "/"):
            response.headers["Content-Security-Policy"] = CSP
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "same-origin"
            # The service worker decides what is kept; the browser's HTTP cache must not hide a new version.
            response.headers.setdefault("Cache-Control", "no-cache")
        return response

    app.mount(PREFIX + "/static", StaticFiles(directory=str(STATIC_DIR)), name="phone-static")
    if VENDOR_DIR.is_dir():
        app.mount(PREFIX + "/vendor", StaticFiles(directory=str(VENDOR_DIR)), name="phone-vendor")

    @app.get(PREFIX, include_in_schema=False)
    def phone_root() -> RedirectResponse:
        return RedirectResponse(PREFIX + "/", status_code=308)

    @app.get(PREFIX + "/", include_in_schema=False)
    def phone_shell() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    @app.get(PREFIX + "/sw.js", include_in_schema=False)
    def service_worker() -> Response:
        text = (STATIC_DIR / "sw.template.js").read_text(encoding="utf-8")
        text = text.replace("__VERSION__", shell_version()).replace("__SHELL__", json.dumps(shell_files()))
        return Response(text, media_type="text/javascript; charset=utf-8",
                        headers={"Service-Worker-Allowed": PREFIX + "/"})

    @app.get(PREFIX + "/manifest.webmanifest", include_in_schema=False)
    def manifest() -> Response:
        body = {
            "name": "工会走访助手（网格员）",
            "short_name": "走访助手",
            "lang": "zh-CN",
            "start_url": PREFIX + "/",
            "scope": PREFIX + "/",
            "display": "standalone",
            "orientation": "portrait",
            "background_color": "#ffffff",
            "theme_color": "#b71c1c",
            "icons": [
                {"src": "static/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
                {"src": "static/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
            ],
        }
        return Response(json.dumps(body, ensure_ascii=False), media_type="application/manifest+json")

    @app.get(PREFIX + "/i18n/en.json", include_in_schema=False)
    def catalog() -> JSONResponse:
        return JSONResponse(english())

    @app.get(PREFIX + "/schema.json", include_in_schema=False)
    def phone_schema() -> JSONResponse:
        return JSONResponse(schema())
