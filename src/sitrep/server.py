"""`sitrep serve`: the HTTP API (FastAPI; OpenAPI at /openapi.json, interactive docs at /docs with a Swagger UI served
from static/vendor, so it works offline) and the offline web map at /. Every endpoint is one call into sitrep.api.
DuckDB lets one process hold a file for writing and does not mix read-only and read-write connections to one file in
a process, so each request opens its own short-lived connection (through sitrep.api) while holding one process-wide
lock."""
from __future__ import annotations

import ipaddress
import json
import os
import secrets
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Literal, TypeVar

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from . import api, errors
from .errors import DatabaseLocked, InputError, SitrepError, StorageError
from .ledger import STATUSES
from .formats import points_geojson, to_geojson
from .sources import DEFAULT_MAX_MB

STATIC = Path(__file__).resolve().parent / "static"
TOKEN_ENV = "SITREP_API_TOKEN"
# Room for the JSON or multipart wrapping around a document of the largest accepted size.
BODY_OVERHEAD = 64 * 1024
TEXT_TYPES = {"", "text/plain", "text/markdown", "text/x-markdown", "application/octet-stream"}
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
# Responses from this size up are gzipped for clients that accept it (admin1.json: 1.9 MB -> 0.6 MB); level 6 is
# about 5x faster than Starlette's default 9 on that file for 2% more bytes.
GZIP_MIN_BYTES = 1024
GZIP_LEVEL = 6
T = TypeVar("T")

DOCUMENT_BODY_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "type": "object", "required": ["text"], "additionalProperties": False,
                "properties": {"text": {"type": "string", "minLength": 1, "description": "the report"},
                               "title": {"type": "string"}, "source": {"type": "string"}, "url": {"type": "string"},
                               "published": {"type": "string", "format": "date",
                                             "description": "publication date, YYYY-MM-DD"}}}},
            "multipart/form-data": {"schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary",
                                        "description": "a UTF-8 plain-text report"},
                               "text": {"type": "string"}, "title": {"type": "string"},
                               "source": {"type": "string"}, "url": {"type": "string"},
                               "published": {"type": "string", "format": "date"}}}},
            "text/plain": {"schema": {"type": "string", "minLength": 1}},
        },
    },
}


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bad(message: str, status: int = 400) -> HTTPException:
    return HTTPException(status_code=status, detail=message)


def _near(value: str | None) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError:
        raise _bad(errors.HTTP_BAD_NEAR.format(value=value)) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km < 1e6):
        raise _bad(errors.HTTP_BAD_NEAR.format(value=value))
    return lat, lon, km


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
    except ValueError:
        raise _bad(errors.HTTP_BAD_BBOX.format(value=value)) from None
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise _bad(errors.HTTP_BAD_BBOX.format(value=value))
    return min_lon, min_lat, max_lon, max_lat


def _range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise _bad(errors.HTTP_BAD_RANGE.format(since=since, until=until))


def _page(rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
    page = rows[offset:offset + limit]
    following = offset + len(page)
    return {"total": len(rows), "limit": limit, "offset": offset,
            "next_offset": following if following < len(rows) else None, "items": page}


def create_app(db: str | Path = "sitrep.duckdb", *, token: str | None = None, max_mb: float = DEFAULT_MAX_MB,
               static_dir: Path = STATIC) -> FastAPI:
    """The API and web page over the database `db` (created empty when missing). With `token`, POST requests need
    'Authorization: Bearer <token>'. Documents over `max_mb` are refused with 413."""
    db = Path(db)
    api.create_database(db)
    lock = threading.Lock()
    body_limit = int(max_mb * 1024 * 1024) + BODY_OVERHEAD

    def call(fn: Callable[..., T], **kwargs: Any) -> T:
        with lock:
            return fn(db=db, **kwargs)

    # FastAPI's own /docs loads Swagger UI from a CDN and /redoc ReDoc: both off; /docs is served below from
    # static/vendor (swagger-ui-dist, copied by scripts/setup.sh), ReDoc is not shipped.
    app = FastAPI(title="sitrep", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Dated, geocoded, sourced conflict events and the situation picture built from them. "
                              "Dates are ISO (YYYY-MM-DD); GeoJSON coordinates are [longitude, latitude].")

    @app.exception_handler(SitrepError)
    async def sitrep_error(request: Request, exc: SitrepError) -> JSONResponse:
        status = 503 if isinstance(exc, (DatabaseLocked, StorageError)) else 400
        return JSONResponse({"detail": str(exc)}, status_code=status)

    # Added before page_headers, so inside it: GZipMiddleware then sees each response as the route sent it (one body
    # message for a JSON answer) and can leave small ones alone; behind page_headers (BaseHTTPMiddleware, which
    # streams every body) it would compress everything.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)

    @app.middleware("http")
    async def page_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if request.url.path == "/" or request.url.path.startswith("/static/"):
            response.headers["Content-Security-Policy"] = PAGE_CSP
        return response

    # ------------------------------------------------------------------ page

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static_dir / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=static_dir), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        return get_swagger_ui_html(
            openapi_url=root + app.openapi_url, title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=root + app.swagger_ui_oauth2_redirect_url,
            swagger_js_url=root + "/static/vendor/swagger-ui-bundle.js",
            swagger_css_url=root + "/static/vendor/swagger-ui.css",
            swagger_favicon_url=root + "/static/vendor/swagger-ui-favicon-32x32.png")

    @app.get(app.swagger_ui_oauth2_redirect_url, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/api/config", tags=["meta"], summary="What the page needs to know: write token, size limit")
    def config() -> dict[str, Any]:
        return {"write_token_required": token is not None, "max_mb": max_mb}

    # ------------------------------------------------------------------ documents

    @app.get("/api/documents", tags=["documents"], summary="Stored documents (metadata, no text)")
    def list_documents() -> dict[str, Any]:
        return {"documents": call(api.documents)}

    @app.get("/api/documents/{document_id}", tags=["documents"], summary="One stored document with its text",
             responses={404: {"description": "no such document"}})
    def get_document(document_id: str) -> dict[str, Any]:
        found = call(api.document, document_id=document_id)
        if found is None:
            raise _bad(errors.HTTP_NO_DOCUMENT.format(document_id=document_id), 404)
        return found

    @app.post("/api/documents", tags=["documents"], status_code=201, openapi_extra=DOCUMENT_BODY_SCHEMA,
              summary="Ingest a report (JSON, multipart upload or plain text) and return what was extracted",
              responses={200: {"description": "already stored: its stored events"},
                         401: {"description": "write token missing or wrong"},
                         413: {"description": "body over the size limit"},
                         415: {"description": "unsupported content type"},
                         422: {"description": "malformed body"}})
    async def post_document(request: Request) -> JSONResponse:
        _check_token(request, token)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("application/json", "multipart/form-data", "text/plain"):
            raise _bad(errors.HTTP_UNSUPPORTED_TYPE.format(value=kind), 415)
        await _read_body(request, body_limit, max_mb)
        if kind == "application/json":
            fields = _json_fields(request)
        elif kind == "text/plain":
            fields = {"text": _decoded(request._body, "<request body>")}
        else:
            fields = await _form_fields(request, body_limit)
        published = _published(fields.get("published"))
        try:
            report = await run_in_threadpool(
                call, api.ingest_text, text=fields["text"], title=fields.get("title"), published=published,
                source=fields.get("source"), url=fields.get("url"), origin=fields.get("origin", "<api>"),
                max_mb=max_mb)
        except InputError as exc:
            raise _input_error(exc) from exc
        if report.results:
            result = report.results[0]
            body = {"stored": True, "document": result["documents"][0], "events": result["events"],
                    "equipment": result["equipment"], "displacement": result["displacement"]}
            return JSONResponse(body, status_code=201)
        stored = call(api.documents)
        from .model import Document

        doc_id = Document(text=fields["text"]).id
        document = next((d for d in stored if d["document_id"] == doc_id), None)
        events = [e for e in call(api.query_events) if e["document_id"] == doc_id]
        return JSONResponse({"stored": False, "document": document, "events": events, "equipment": [],
                             "displacement": []}, status_code=200)

    # ------------------------------------------------------------------ events

    def _events(since, until, event_type, actor, near, bbox) -> list[dict[str, Any]]:
        _range(since, until)
        return call(api.query_events, since=since, until=until, event_type=event_type, actor=actor,
                    near=_near(near), bbox=_bbox(bbox))

    @app.get("/api/events", tags=["events"],
             summary="Stored events, ordered by date (undated last) then event_id; paginated with limit/offset")
    def events(since: date | None = None, until: date | None = None,
               event_type: str | None = Query(None, alias="type", description="ACLED event or sub-event type"),
               actor: str | None = Query(None, description="part of an actor's canonical name"),
               near: str | None = Query(None, description="LAT,LON,KM"),
               bbox: str | None = Query(None, description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
               limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        page = _page(_events(since, until, event_type, actor, near, bbox), limit, offset)
        page["events"] = page.pop("items")
        return page

    @app.get("/api/events.geojson", tags=["events"], summary="The same events as a GeoJSON FeatureCollection",
             response_class=JSONResponse)
    def events_geojson(since: date | None = None, until: date | None = None,
                       event_type: str | None = Query(None, alias="type"), actor: str | None = None,
                       near: str | None = None, bbox: str | None = None,
                       limit: int = Query(1000, ge=1, le=10000), offset: int = Query(0, ge=0)) -> JSONResponse:
        page = _page(_events(since, until, event_type, actor, near, bbox), limit, offset)
        collection = to_geojson(page.pop("items"))
        return JSONResponse({**collection, **page}, media_type="application/geo+json")

    @app.get("/api/fused", tags=["events"],
             summary="Events fused across reports, each with every report's evidence (what the map shows)")
    def fused(since: date | None = None, until: date | None = None,
              event_type: str | None = Query(None, alias="type"), actor: str | None = None) -> dict[str, Any]:
        _range(since, until)
        with lock:
            rows = api.fused_events(db=db)
            members = {e["event_id"]: e for e in api.query_events(db=db)}
        out = []
        for f in rows:
            if not _fused_matches(f, since, until, event_type, actor):
                continue
            sources = {s["document_id"]: s for s in f.get("sources") or []}
            reports = []
            for event_id in f["event_ids"]:
                e = members.get(event_id)
                if e is None:
                    continue
                s = sources.get(e["document_id"], {})
                reports.append({"event_id": event_id, "document_id": e["document_id"], "title": s.get("title"),
                                "external_id": s.get("external_id"), "source": s.get("source"),
                                "published": s.get("published"), "trigger": e["trigger"],
                                "mention": (e.get("location") or {}).get("mention"), "evidence": e["evidence"]})
            out.append({**f, "reports": reports})
        return {"fused": out}

    # ------------------------------------------------------------------ control

    @app.get("/api/control", tags=["control"], summary="Who controls each known place on a day")
    def control(at: date = Query(..., description="the day, YYYY-MM-DD"),
                near: str | None = Query(None, description="LAT,LON,KM")) -> dict[str, Any]:
        return {"date": at.isoformat(), "control": call(api.control_at, day=at, near=_near(near))}

    @app.get("/api/control.geojson", tags=["control"], summary="The control picture on a day as GeoJSON points",
             response_class=JSONResponse)
    def control_geojson(at: date = Query(...), near: str | None = None) -> JSONResponse:
        rows = call(api.control_at, day=at, near=_near(near))
        return JSONResponse(points_geojson(rows), media_type="application/geo+json")

    @app.get("/api/control/history", tags=["control"], summary="Control periods of the places whose name contains "
             "`place`")
    def control_history(place: str = Query(..., min_length=1)) -> dict[str, Any]:
        return {"places": call(api.control_history, place=place)}

    # ------------------------------------------------------------------ the rest of the picture

    @app.get("/api/places", tags=["places"], summary="Located places named by stored events")
    def places() -> dict[str, Any]:
        return {"places": call(api.places)}

    @app.get("/api/losses", tags=["losses"], summary="Equipment ledger: " + ", ".join(STATUSES))
    def losses(actor: str | None = None, since: date | None = None, until: date | None = None,
               status: Literal[STATUSES] | None = None) -> dict[str, Any]:
        _range(since, until)
        return {"losses": call(api.equipment_losses, actor=actor, since=since, until=until, status=status)}

    @app.get("/api/displacement", tags=["displacement"], summary="People displaced: how many, from where, when")
    def displacement(since: date | None = None, until: date | None = None) -> dict[str, Any]:
        _range(since, until)
        return {"displacement": call(api.displacement, since=since, until=until)}

    return app


def _fused_matches(f: dict[str, Any], since: date | None, until: date | None, event_type: str | None,
                   actor: str | None) -> bool:
    day = f.get("event_date")
    if (since or until) and not day:
        return False
    if since and day < since.isoformat() or until and day > until.isoformat():
        return False
    if event_type and event_type.lower() not in ((f.get("event_type") or "").lower(),
                                                 (f.get("sub_event_type") or "").lower()):
        return False
    if actor and not any(actor.lower() in (f.get(k) or "").lower() for k in ("actor1", "actor2")):
        return False
    return True


def _check_token(request: Request, token: str | None) -> None:
    if token is None:
        return
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, errors.HTTP_TOKEN_REQUIRED, headers={"WWW-Authenticate": "Bearer"})


async def _read_body(request: Request, limit: int, max_mb: float) -> None:
    """Read the body, refusing (413) as soon as it is over `limit` bytes; Starlette re-uses request._body."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _bad(errors.HTTP_TOO_LARGE.format(limit_mb=max_mb), 413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _bad(errors.HTTP_TOO_LARGE.format(limit_mb=max_mb), 413)
        chunks.append(chunk)
    request._body = b"".join(chunks)


def _input_error(exc: InputError) -> HTTPException:
    if exc.reason.startswith("is ") and "limit" in exc.reason and "MB" in exc.reason:
        return _bad(str(exc), 413)
    if exc.reason in (errors.BINARY_FILE,) or exc.reason.startswith("is not valid UTF-8"):
        return _bad(str(exc), 415)
    return _bad(str(exc), 422)


def _decoded(raw: bytes, origin: str) -> str:
    from .sources import _decode

    try:
        return _decode(raw, origin)
    except InputError as exc:
        raise _input_error(exc) from exc


def _json_fields(request: Request) -> dict[str, Any]:
    try:
        record = json.loads(request._body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _bad(errors.HTTP_BAD_BODY.format(detail=exc), 422) from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        raise _bad(errors.HTTP_BAD_BODY.format(detail="no 'text'"), 422)
    fields = {"text": record["text"]}
    for name in ("title", "published", "source", "url"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise _bad(errors.HTTP_BAD_FIELD.format(field=name), 422)
        fields[name] = value or None
    return fields


async def _form_fields(request: Request, limit: int) -> dict[str, Any]:
    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=limit)
    except HTTPException as exc:
        raise _bad(f"malformed multipart body: {exc.detail}", 422) from None
    except Exception as exc:  # the multipart parser's own errors
        raise _bad(f"malformed multipart body: {exc}", 422) from None
    fields: dict[str, Any] = {}
    for name in ("title", "published", "source", "url"):
        value = form.get(name)
        if value is not None and not isinstance(value, str):
            raise _bad(errors.HTTP_BAD_FIELD.format(field=name), 422)
        fields[name] = value or None
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str):
        kind = (upload.content_type or "").split(";")[0].strip().lower()
        if kind not in TEXT_TYPES:
            raise _bad(errors.HTTP_UPLOAD_TYPE.format(value=kind), 415)
        name = Path(upload.filename or "upload.txt").name
        fields["text"] = _decoded(await upload.read(), name)
        fields["origin"] = name
        fields["title"] = fields["title"] or Path(name).stem
    elif isinstance(form.get("text"), str) and form["text"].strip():
        fields["text"] = form["text"]
    else:
        raise _bad(errors.HTTP_NO_TEXT, 422)
    return fields


def _published(value: str | None) -> date | None:
    from .sources import parse_date

    try:
        return parse_date(value, source="published")
    except InputError as exc:
        raise _bad(str(exc), 422) from None


def serve(*, db: str | Path = "sitrep.duckdb", host: str = "127.0.0.1", port: int = 8000,
          max_mb: float = DEFAULT_MAX_MB) -> None:
    """Run the API and web page until interrupted. Off loopback, writes need the token in $SITREP_API_TOKEN, and
    without one the server refuses to start."""
    import uvicorn

    token = os.environ.get(TOKEN_ENV) or None
    if not is_loopback(host) and token is None:
        raise SitrepError(errors.SERVE_NEEDS_TOKEN.format(host=host, env=TOKEN_ENV))
    app = create_app(db, token=token, max_mb=max_mb)
    uvicorn.run(app, host=host, port=port, log_level="info")


@contextmanager
def running(app: FastAPI, *, host: str = "127.0.0.1", port: int = 0, timeout: float = 30.0) -> Iterator[str]:
    """Serve `app` from a background thread (port 0: a free one) and yield its base URL; for tests and scripts."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SitrepError(f"the server did not start on {host}:{port}")
        time.sleep(0.05)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout)
