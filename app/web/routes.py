# No `from __future__ import annotations`: FastAPI must see the Annotated aliases as objects.
"""The office's web pages: sign-in, dashboard, registers, office actions and report downloads, served by
the district server under /web with the server's accounts, roles and grid scope."""

import contextlib
import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlmodel import select
from starlette.datastructures import MutableHeaders

from app.core.matters import MATTER_STATUS_LABELS
from app.core.report_figures import Figures, Span, build
from app.server.accounts import Principal, list_devices
from app.server.limits import ASGIApp, Message, Receive, Scope, Send
from app.server.tables import Account, Assignment
from app.web import actions, audit, heat, i18n, queries
from app.web.sessions import COOKIE, RateLimited, WebAuth, WebSession, csrf_ok

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
PREFIX = "/web"
log = logging.getLogger(__name__)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class Forbidden(Exception):
    pass


class NeedLogin(Exception):
    pass


class FigureCache:
    """Dashboard figures per (scope, period). Figures older than the change log are served while one
    background thread recomputes them (at most every `ttl` seconds per key), so 50 people opening the
    dashboard while laptops sync neither wait for nor each start a rescan of the district; only the very
    first request for a key computes in line."""

    def __init__(self, ttl: float = 30.0) -> None:
        self.ttl = ttl
        self.items: dict[tuple[Any, ...], tuple[float, int, Figures]] = {}
        self.running: set[tuple[Any, ...]] = set()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...], seq: int, make: Callable[[], Figures],
            fresh: Callable[[], bool] | None = None) -> Figures:
        """`fresh`, asked after `make`: False when the figures were made from data known to be older
        than `seq` (they are then refreshed like stale ones)."""
        with self.lock:
            hit = self.items.get(key)
        if hit is None:
            return self._compute(key, seq, make, fresh)
        at, at_seq, figures = hit
        if at_seq != seq and time.monotonic() - at >= self.ttl:
            with self.lock:
                start = key not in self.running
                self.running.add(key)
            if start:
                threading.Thread(target=self._refresh, args=(key, seq, make, fresh), daemon=True).start()
        return figures

    def _compute(self, key: tuple[Any, ...], seq: int, make: Callable[[], Figures],
                 fresh: Callable[[], bool] | None = None) -> Figures:
        figures = make()
        if fresh is not None and not fresh():
            seq = -1
        with self.lock:
            if len(self.items) > 500:
                self.items.clear()
            self.items[key] = (time.monotonic(), seq, figures)
        return figures

    def _refresh(self, key: tuple[Any, ...], seq: int, make: Callable[[], Figures],
                 fresh: Callable[[], bool] | None = None) -> None:
        try:
            self._compute(key, seq, make, fresh)
        except Exception:  # the stale figures stay; the next request tries again
            log.exception("dashboard figures could not be refreshed")
        finally:
            with self.lock:
                self.running.discard(key)


class FactCache:
    """This worker's summary of the enterprise, matter, letter and 12351 fact tables
    (figures.fact_summary): the same for every period and scope, so a dashboard of any period sums a
    few thousand summary rows instead of passing over every enterprise and matter. It is valid up to
    the change-log position it was read at, and stays valid past later changes that touch none of
    these entities (laptops pushing visits): the check reads only the change log since the last one.
    Once such a change lands, the old summary is served (marked not fresh) while one background thread
    reads a new one; after `max_age` it is read again in any case (a `figures --rebuild` in between)."""

    def __init__(self, max_age: float = 600.0) -> None:
        self.max_age = max_age
        self.summary: Any = None
        self.seq = -1
        self.at = 0.0
        self.lock = threading.Lock()
        self.computing = threading.Lock()
        self.refreshing = False

    def get(self, db: Any) -> tuple[Any, bool]:
        """(summary, fresh): fresh when it holds every change up to now."""
        from app.server import figures
        from app.server.records import max_seq

        with self.lock:
            summary, tag, at = self.summary, self.seq, self.at
        if summary is None:
            return self.compute(db), True
        if time.monotonic() - at < self.max_age:
            with db.read() as session:
                now = max_seq(session)
                changed = now != tag and figures.facts_changed(session, tag, now)
            if not changed:
                with self.lock:
                    if self.summary is summary:
                        self.seq = max(self.seq, now)
                return summary, True
        with self.lock:
            start, self.refreshing = not self.refreshing, True
        if start:
            threading.Thread(target=self._refresh, args=(db,), daemon=True).start()
        return summary, False

    def compute(self, db: Any) -> Any:
        from app.server import figures
        from app.server.records import max_seq

        asked = time.monotonic()
        with self.computing:  # one reading at a time; who waited for it takes the one just read
            with self.lock:
                if self.summary is not None and self.at >= asked:
                    return self.summary
            with db.read() as session:
                seq = max_seq(session)  # read first: the summary then holds at least every change up to it
                summary = figures.fact_summary(session)
            with self.lock:
                self.summary, self.seq, self.at = summary, seq, time.monotonic()
            return summary

    def _refresh(self, db: Any) -> None:
        try:
            self.compute(db)
        except Exception:  # the old summary stays; the next request tries again
            log.exception("dashboard fact summary could not be refreshed")
        finally:
            with self.lock:
                self.refreshing = False


class WebHeaders:
    """The web pages' security and cache headers. A plain ASGI middleware: as an `@app.middleware`
    (Starlette's BaseHTTPMiddleware) it passed every answer of the server, the laptops' pushes and
    pulls too, through an extra task and memory stream: measurable event-loop time under load."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        static = path.startswith(PREFIX + "/static/")

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "same-origin"
                headers["Cache-Control"] = "public, max-age=86400" if static else "no-store"
            await send(message)

        await self.app(scope, receive, sending)


def install(app: FastAPI) -> None:
    """Adds the web pages to the server app (called by the server's app factory)."""
    state = app.state.server
    db = state.db
    settings = state.settings
    auth = WebAuth(db, settings)
    cache = FigureCache(ttl=2.0)  # figures come from the figure tables: cheap to refresh often
    facts = FactCache()
    heat_cache = heat.HeatCache()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["registers"] = queries.REGISTERS
    templates.env.globals["groups"] = queries.GROUPS
    templates.env.filters["mask"] = _mask
    app.state.web_auth = auth
    app.state.web_templates = templates  # pages added by other modules share the one environment
    _warm(db, templates, facts)

    app.add_middleware(WebHeaders)

    app.mount(PREFIX + "/static", StaticFiles(directory=str(STATIC_DIR)), name="web-static")

    # --- session plumbing ----------------------------------------------------------------------

    def web_session(request: Request) -> WebSession | None:
        return auth.sessions.get(request.cookies.get(COOKIE))

    def set_cookie(request: Request, response: Response, web: WebSession) -> None:
        response.set_cookie(
            COOKIE, web.sid, httponly=True, samesite="strict", secure=request.url.scheme == "https", path=PREFIX
        )

    def who(request: Request) -> tuple[WebSession, Principal]:
        web = web_session(request)
        principal = auth.principal(web)
        if web is None or principal is None:
            raise NeedLogin()
        return web, principal

    def office(request: Request) -> tuple[WebSession, Principal]:
        web, p = who(request)
        if not p.sees_all:
            raise Forbidden()
        return web, p

    def render(request: Request, name: str, web: WebSession | None, principal: Principal | None,
               status: int = 200, **ctx: Any) -> HTMLResponse:
        lang = web.lang if web else i18n.pick(request.headers.get("accept-language", ""))
        ctx.update(
            request=request, me=principal, csrf=web.csrf if web else "", lang=lang,
            _=i18n.translator(lang), prefix=PREFIX, path=request.url.path,
            query=str(request.url.query),
        )
        response = templates.TemplateResponse(request, name, ctx, status_code=status)
        if web is not None:
            set_cookie(request, response, web)
        return response

    app.state.web_render = render  # pages added by other modules render as these do

    async def check_csrf(request: Request) -> tuple[WebSession | None, dict[str, str]]:
        form = await request.form()
        web = web_session(request)
        values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        token = values.get("csrf_token") or request.headers.get("x-csrf-token")
        if not csrf_ok(web, token):
            raise CsrfRefused()
        return web, values

    @app.exception_handler(NeedLogin)
    async def _need_login(request: Request, _: NeedLogin) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"{PREFIX}/login?{urlencode({'next': target})}", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, _: Forbidden) -> Response:
        web = web_session(request)
        return render(request, "message.html", web, auth.principal(web), status=403,
                      title="无权访问", message="这个页面只有区工会办公室和管理员可以打开。")

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _: CsrfRefused) -> Response:
        web = web_session(request)
        return render(request, "message.html", web, auth.principal(web), status=403,
                      title="请求已拒绝", message="表单已过期或不是从本站提交的，请返回页面刷新后重试。")

    def not_found(request: Request, web: WebSession, p: Principal) -> HTMLResponse:
        return render(request, "message.html", web, p, status=404, title="找不到记录",
                      message="没有这条记录，或它不在您负责的网格内。")

    # Pages, not API: kept out of the OpenAPI schema (and so out of the API's fuzz tests).
    r = APIRouter(prefix=PREFIX, include_in_schema=False)

    @app.get(PREFIX, include_in_schema=False)
    def _root() -> RedirectResponse:
        return RedirectResponse(PREFIX + "/", status_code=307)

    # --- sign-in -------------------------------------------------------------------------------

    @r.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "") -> HTMLResponse:
        web = web_session(request) or auth.sessions.new(i18n.pick(request.headers.get("accept-language", "")))
        return render(request, "login.html", web, None, next=_safe_next(next), error="")

    @r.post("/login", response_class=HTMLResponse)
    async def login_submit(request: Request) -> Response:
        web, form = await check_csrf(request)
        assert web is not None
        client = request.client.host if request.client else "?"
        username, password = form.get("username", "")[:64], form.get("password", "")[:256]
        target = _safe_next(form.get("next", ""))
        try:
            account = auth.login(username, password, client)
        except RateLimited as exc:
            resp = render(request, "login.html", web, None, status=429, next=target,
                          error="登录失败次数过多，请稍后再试。")
            resp.headers["Retry-After"] = str(exc.retry_after)
            return resp
        if account is None:
            return render(request, "login.html", web, None, status=401, next=target, error="用户名或密码错误。")
        fresh = auth.sessions.rotate(web, account.id)
        response = RedirectResponse(target or f"{PREFIX}/", status_code=303)
        set_cookie(request, response, fresh)
        return response

    @r.post("/logout")
    async def logout(request: Request) -> Response:
        web, _ = await check_csrf(request)
        if web is not None:
            auth.sessions.drop(web.sid)
        response = RedirectResponse(f"{PREFIX}/login", status_code=303)
        response.delete_cookie(COOKIE, path=PREFIX)
        return response

    @r.get("/lang/{code}")
    def set_lang(request: Request, code: str, next: str = "") -> Response:
        web = web_session(request) or auth.sessions.new()
        auth.sessions.set_lang(web, code if code in i18n.LANGUAGES else "zh")
        response = RedirectResponse(_safe_next(next) or f"{PREFIX}/", status_code=303)
        set_cookie(request, response, web)
        return response

    # --- dashboard -----------------------------------------------------------------------------

    def figures_for(p: Principal, span: Span, use_cache: bool = True) -> Figures:
        from app.catalog import load_catalog
        from app.server.records import max_seq

        with db.read() as session:
            seq = max_seq(session)
        key = (p.sees_all, tuple(sorted(p.grid_ids)), span)

        fresh: list[bool] = []

        def make() -> Figures:
            from app.server import figures

            catalog = load_catalog()
            labels = {c: catalog.label(c) for c in catalog.codes()}
            scope = "全区" if p.sees_all else "、".join(p.grid_codes) or "—"
            # From the figure tables the server keeps up to date on every write: no scan of the visits;
            # the fact tables through this worker's summary of them (a report reads them afresh).
            summary, ok = facts.get(db) if use_cache else (None, True)
            fresh.append(ok)
            with db.read() as session:
                tallies = figures.tallies(session, figures.Scope(p.sees_all, p.grid_ids), span, facts=summary)
            return build(tallies, span, scope=scope, category_labels=labels)

        return cache.get(key, seq, make, lambda: fresh[-1]) if use_cache else make()

    @r.get("/", response_class=HTMLResponse)
    def dashboard(request: Request, start: str = "", end: str = "") -> HTMLResponse:
        web, p = who(request)
        span, start_s, end_s = _span(start, end)
        figures = figures_for(p, span)
        by_month = figures["visits_by_month"]
        chart = {
            "months": by_month.header[1:-1],
            "series": [{"name": row.label, "data": row.values[:-1]} for row in by_month.rows],
            "letters": [{"name": row.label, "value": row.values[0]} for row in figures["letters_by_kind"].rows],
            "matters": [{"name": row.label, "value": row.values[0]} for row in figures["matters_by_outcome"].rows],
        }
        return render(request, "dashboard.html", web, p, figures=figures, start=start_s, end=end_s,
                      chart=json.dumps(chart, ensure_ascii=False))

    # --- heat map ------------------------------------------------------------------------------

    @r.get("/map", response_class=HTMLResponse)
    def heat_map(request: Request) -> HTMLResponse:
        web, p = who(request)
        data = heat_cache.get(db, p)
        names = queries.grid_names(db)
        rows = sorted(data.grids, key=lambda g: (-g.targets, names.get(g.grid_id or "", "")))
        return render(request, "map.html", web, p, heat=json.dumps(data.payload()), grid_rows=rows, names=names,
                      tile_url=_tile_url(state), total=sum(g.enterprises for g in data.grids),
                      placed=sum(g.placed for g in data.grids))

    # --- registers -----------------------------------------------------------------------------

    def _lookups(rows: list[queries.Row], regs: tuple[queries.Register, ...] = ()) -> dict[str, dict[str, str]]:
        """Names for the ids on a page: enterprises, inspectors, grids, and the rows `ref` columns name."""
        people = {"inspector_id", *(c.field for reg in regs for c in (*reg.columns, *reg.detail) if c.kind == "inspector")}
        out = {
            "enterprise": queries.names(db, "enterprise", (str(r.data.get("enterprise_id") or "") for r in rows)),
            "inspector": queries.names(db, "inspector", (str(r.data.get(f) or "") for r in rows for f in people)),
            "grid": queries.grid_names(db),
        }
        for reg in regs:
            for c in (*reg.columns, *reg.detail):
                if c.ref is not None:
                    found = queries.names(db, c.ref[0], (str(r.data.get(c.field) or "") for r in rows), c.ref[1])
                    out[c.ref[0]] = {**out.get(c.ref[0], {}), **found}
        return out

    @r.get("/r/{key}", response_class=HTMLResponse)
    def register(request: Request, key: str, q: Annotated[str, Query(max_length=100)] = "",
                 grid: Annotated[str, Query(max_length=64)] = "", page: Annotated[int, Query(ge=1, le=10_000)] = 1
                 ) -> HTMLResponse:
        web, p = who(request)
        reg = queries.REGISTERS.get(key)
        if reg is None:
            return not_found(request, web, p)
        filters = {f.field: str(request.query_params.get(f.field, ""))[:32] for f in reg.filters}
        result = queries.register_page(db, p, reg, q=q, filters=filters, grid=grid, page=page)
        args = {"q": q, "grid": grid, **filters}
        return render(request, "register.html", web, p, reg=reg, result=result, lookups=_lookups(result.rows, (reg,)),
                      q=q, grid=grid, filters=filters, categories=_category_labels(),
                      grids=[g for g in queries.grids(db) if p.sees_all or g.id in p.grid_ids],
                      page_link=lambda n: f"{PREFIX}/r/{key}?" + urlencode({**{k: v for k, v in args.items() if v}, "page": n}))

    @r.get("/r/{key}/{row_id}", response_class=HTMLResponse)
    def detail(request: Request, key: str, row_id: str) -> HTMLResponse:
        return _detail(request, key, row_id, "")

    def _detail(request: Request, key: str, row_id: str, error: str, status: int = 200) -> HTMLResponse:
        web, p = who(request)
        reg = queries.REGISTERS.get(key)
        row = queries.get_row(db, p, reg.entity, row_id) if reg else None
        if reg is None or row is None:
            return not_found(request, web, p)
        ctx: dict[str, Any] = {"reg": reg, "row": row, "error": error, "categories": _category_labels()}
        rel: list[queries.Row] = [row]
        if reg.entity == "enterprise":
            ctx["visits"] = queries.related(db, p, "visit", "enterprise_id", row.id)
            ctx["matters"] = queries.related(db, p, "matter", "enterprise_id", row.id)
            ctx["letters"] = queries.related(db, p, "letter", "enterprise_id", row.id)
            rel += ctx["visits"]
        elif reg.entity == "matter":
            ctx["steps"] = sorted(queries.related(db, p, "matter_event", "matter_id", row.id), key=lambda s: str(s.data.get("at")))
            ctx["letters"] = queries.related(db, p, "letter", "matter_id", row.id)
            ctx["actions"] = [(a.value, _step_label(a.value)) for a in actions.OFFICE_MATTER_ACTIONS] if p.sees_all else []
            ctx["status_labels"] = {k.value: v for k, v in MATTER_STATUS_LABELS.items()}
        elif reg.entity == "letter":
            ctx["pdf"] = bool(row.data.get("pdf_attachment_id"))
        elif reg.entity == "field_conflict":
            try:
                found = json.loads(str(row.data.get("candidates") or "[]"))
            except ValueError:
                found = []
            ctx["candidates"] = [c for c in found if isinstance(c, dict)] if isinstance(found, list) else []
            ctx["can_settle"] = p.sees_all and row.data.get("status") == "open"
        elif reg.entity == "work_order":
            ctx["steps"] = queries.related(db, p, "work_order_event", "work_order_id", row.id)
        tables = []
        for title, sub_key, field_name in reg.related:
            sub = queries.REGISTERS[sub_key]
            tables.append((title, sub_key, queries.related(db, p, sub.entity, field_name, row.id)))
            rel += tables[-1][2]
        regs = (reg, *(queries.REGISTERS[k] for _, k, _ in tables))
        return render(request, "detail.html", web, p, status=status, lookups=_lookups(rel, regs), tables=tables, **ctx)

    @r.get("/letters/{row_id}/pdf")
    def letter_pdf(request: Request, row_id: str) -> Response:
        web, p = who(request)
        letter = queries.get_row(db, p, "letter", row_id)
        att_id = str(letter.data.get("pdf_attachment_id") or "") if letter else ""
        att = queries.get_row(db, p, "attachment", att_id) if att_id else None
        sha = str(att.data.get("sha256") or "") if att else ""
        if letter is None or att is None or len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha) or state.blobs.size(sha) is None:
            return not_found(request, web, p)
        name = (str(letter.data.get("number") or "letter") + ".pdf").replace("/", "_")
        return FileResponse(state.blobs.path(sha), media_type="application/pdf", filename=name,
                            content_disposition_type="inline")

    @r.post("/r/matters/{row_id}/step", response_class=HTMLResponse)
    async def matter_step(request: Request, row_id: str) -> Response:
        _, form = await check_csrf(request)
        _, p = office(request)
        try:
            actions.matter_step(db, p, row_id, form.get("action", ""), form.get("note", "")[:2000])
        except actions.ActionError as exc:
            return _detail(request, "matters", row_id, str(exc), status=400)
        return RedirectResponse(f"{PREFIX}/r/matters/{row_id}", status_code=303)

    @r.post("/r/conflicts/{row_id}/settle", response_class=HTMLResponse)
    async def settle(request: Request, row_id: str) -> Response:
        _, form = await check_csrf(request)
        _, p = office(request)
        try:
            choice = int(form.get("choice", "-1"))
            actions.settle_conflict(db, p, row_id, choice)
        except ValueError as exc:  # ActionError, or a choice that is not a number
            return _detail(request, "conflicts", row_id, str(exc) if isinstance(exc, actions.ActionError) else "请选择一个候选值", status=400)
        return RedirectResponse(f"{PREFIX}/r/conflicts/{row_id}", status_code=303)

    # --- office pages --------------------------------------------------------------------------

    @r.get("/office/grids", response_class=HTMLResponse)
    def grids_page(request: Request, error: str = "") -> HTMLResponse:
        web, p = office(request)
        with db.read() as session:
            accounts_ = list(session.exec(select(Account).order_by(Account.username)).all())
            pairs = list(session.exec(select(Assignment)).all())
        by_account: dict[str, list[str]] = {}
        for a in pairs:
            by_account.setdefault(a.account_id, []).append(a.grid_id)
        return render(request, "grids.html", web, p, accounts=accounts_, grids=queries.grids(db),
                      assigned=by_account, names=queries.grid_names(db), error=error[:200])

    @r.post("/office/grids")
    async def grids_submit(request: Request) -> Response:
        _, form = await check_csrf(request)
        _, p = office(request)
        try:
            if form.get("op") == "remove":
                actions.unassign_grid(db, p, form.get("username", ""), form.get("grid_id", ""))
            else:
                actions.assign_grid(db, p, form.get("username", ""), form.get("grid_id", ""))
        except actions.ActionError as exc:
            return RedirectResponse(f"{PREFIX}/office/grids?" + urlencode({"error": str(exc)}), status_code=303)
        return RedirectResponse(f"{PREFIX}/office/grids", status_code=303)

    @r.get("/office/devices", response_class=HTMLResponse)
    def devices_page(request: Request) -> HTMLResponse:
        web, p = office(request)
        return render(request, "devices.html", web, p, devices=list(reversed(list_devices(db))))

    @r.post("/office/devices/{device_id}/revoke")
    async def devices_revoke(request: Request, device_id: str) -> Response:
        _, _form = await check_csrf(request)
        _, p = office(request)
        with contextlib.suppress(actions.ActionError):
            actions.revoke_device(db, p, device_id[:64])
        return RedirectResponse(f"{PREFIX}/office/devices", status_code=303)

    @r.get("/office/citations", response_class=HTMLResponse)
    def citations_page(request: Request, error: str = "") -> HTMLResponse:
        web, p = office(request)
        done = {str(row.data.get("article_key")): row.data for row in queries.rows_of(db, p, "citation_confirmation")}
        items = [{"heading": h, "text": t, "categories": c, "done": done.get(h)} for h, t, c in actions.unverified_citations()]
        items.sort(key=lambda i: i["done"] is not None)  # waiting first
        return render(request, "citations.html", web, p, items=items, error=error[:200])

    @r.post("/office/citations/confirm")
    async def citations_confirm(request: Request) -> Response:
        _, form = await check_csrf(request)
        _, p = office(request)
        try:
            actions.confirm_citation(db, p, form.get("heading", "")[:200], form.get("note", "")[:500])
        except actions.ActionError as exc:
            return RedirectResponse(f"{PREFIX}/office/citations?" + urlencode({"error": str(exc)}), status_code=303)
        return RedirectResponse(f"{PREFIX}/office/citations", status_code=303)

    @r.get("/office/audit", response_class=HTMLResponse)
    def audit_page(request: Request) -> HTMLResponse:
        web, p = office(request)
        return render(request, "audit.html", web, p, entries=audit.read(db),
                      legacy=audit.legacy(settings.data_dir), intact=audit.legacy_intact(settings.data_dir))

    # --- reports -------------------------------------------------------------------------------

    @r.get("/reports", response_class=HTMLResponse)
    def reports_page(request: Request) -> HTMLResponse:
        web, p = who(request)
        today = dt.date.today()
        last = (today.replace(day=1) - dt.timedelta(days=1))
        return render(request, "reports.html", web, p, month=f"{last:%Y-%m}", year=today.year)

    @r.get("/reports/download")
    def report_download(request: Request, kind: str = "monthly", month: str = "", year: int = 0,
                        format: str = "xlsx") -> Response:
        from app.documents.report_layout import KINDS, lay_out, load_template, to_pdf, to_xlsx

        web, p = who(request)
        if kind not in KINDS or format not in ("xlsx", "pdf"):
            return not_found(request, web, p)
        today = dt.date.today()
        if kind == "yearly":
            span = Span.year(year if 2000 <= year <= 2100 else today.year)
        else:
            span, _, _ = _span(month, month)
        custom = settings.data_dir / "report-templates" / f"{kind}.json"
        laid = lay_out(figures_for(p, span, use_cache=False), load_template(kind, custom if custom.exists() else None))
        body = to_pdf(laid) if format == "pdf" else to_xlsx(laid)
        media = "application/pdf" if format == "pdf" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = f"report-{kind}-{span.start:%Y%m}.{format}"
        audit.record(db, p.username, "report_download", name, {"scope": laid.scope})
        return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    app.include_router(r)


class CsrfRefused(Exception):
    pass


def _warm(db: Any, templates: Jinja2Templates, facts: FactCache) -> None:
    """What the first dashboard would otherwise pay in the worker that serves it, done as the worker
    starts: the templates compiled, the catalogs loaded, the fact summary read, and the dashboard's
    statements run once (SQLAlchemy compiles each statement on first use). No figures are cached."""
    from app.catalog import load_catalog
    from app.server import figures

    try:
        for name in ("base.html", "login.html", "dashboard.html", "register.html", "detail.html", "message.html"):
            templates.env.get_template(name)
        load_catalog()
        i18n.english()
        summary = facts.compute(db)
        with db.read() as session:
            figures.tallies(session, figures.Scope(True, ()), Span.months(dt.date.today().replace(day=1)), facts=summary)
    except Exception:  # a database not yet migrated, say: the first request does the work instead
        log.warning("web pages: warming up at start failed", exc_info=True)


def _tile_url(state: Any) -> str:
    """The heat map's tiles: `heat.TILE_URL` when set, else the web session's tile route when the server
    has a base map to serve (`state.tiles`, where the server keeps one), else none."""
    tiles = getattr(state, "tiles", None)
    if heat.TILE_URL:
        return heat.TILE_URL
    return f"{PREFIX}/tiles/{{z}}/{{x}}/{{y}}" if tiles is not None and tiles.available() else ""


def _mask(value: Any, how: str) -> str:
    """Personal data on a page as the laptop shows it: surname only, ID and phone numbers cut."""
    from app.core.cases.rules import mask_id_number, mask_name, mask_phone

    text = "" if value is None else str(value)
    return {"id": mask_id_number, "phone": mask_phone}.get(how, mask_name)(text) if text else ""


def _step_label(action: str) -> str:
    return actions.STEP_LABELS.get(action, action)


def _category_labels() -> dict[str, str]:
    from app.catalog import load_catalog

    catalog = load_catalog()
    return {c: catalog.label(c) for c in catalog.codes()}


def _safe_next(target: str) -> str:
    """Only local paths under the web prefix: a sign-in link cannot send anyone elsewhere."""
    if target.startswith(PREFIX + "/") and not target.startswith("//") and "\\" not in target:
        return target[:500]
    return ""


def _month(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(f"{text[:7]}-01")
    except ValueError:
        return None


def _span(start: str, end: str) -> tuple[Span, str, str]:
    """The chosen months, or the last 12 months; bad input falls back rather than failing."""
    today = dt.date.today()
    last = _month(end) or today.replace(day=1)
    first = _month(start) or (last.replace(day=1) - dt.timedelta(days=334)).replace(day=1)
    if first > last:
        first, last = last, first
    if (last.year - first.year) * 12 + last.month - first.month > 59:
        first = dt.date(last.year - 4, last.month, 1)
    span = Span.months(first, last)
    return span, f"{first:%Y-%m}", f"{last:%Y-%m}"
