"""The web page in a real browser: Debian's Chromium driven by Playwright (no browser download), against a server on a
free localhost port over a temporary database holding the Palmyra report. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import importlib.util
import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("sitrep_screenshot", ROOT / "scripts" / "screenshot.py")
shot = importlib.util.module_from_spec(spec)
spec.loader.exec_module(shot)

pytestmark = pytest.mark.skipif(not shot.CHROMIUM.exists(),
                                reason=f"{shot.CHROMIUM} is not installed (apt-get install chromium); .ci/run installs it")
ARTIFACTS = ROOT / "tests" / "artifacts"

KHERSON = ("KYIV, March 4, 2022 — On 2 March 2022, Russian forces captured the city of Kherson after days of fighting "
           "with the Ukrainian army.")
HOSTILE = ("<script>window.__pwned=1</script> On 3 March 2022, Russian artillery shelled Kharkiv, killing 4 civilians. "
           "<img src=x onerror=\"window.__pwned=2\">")


@pytest.fixture(scope="module")
def site(example_db, tmp_path_factory):
    from sitrep.server import create_app, running

    db = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    shutil.copy(example_db, db)
    with running(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = shot.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, site):
    page = browser.new_page(viewport=shot.VIEWPORT)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", lambda r: None if r.url.startswith((site, "data:")) else problems.append(f"external: {r.url}"))
    page.goto(site)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    page.problems = problems
    yield page
    page.close()
    assert not problems, problems  # no script errors, nothing fetched from outside


def _save(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _slide_to(page, day: str) -> None:
    """Move the time slider with the keyboard, as a user would, until it stands on `day` and the page shows it."""
    page.focus("#slider")
    page.keyboard.press("Home")
    for _ in range(400):
        if page.input_value("#day-input") == day:
            page.wait_for_selector(f"body[data-day='{day}']")
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"the slider never reached {day}")


def _tadmur(page, day: str) -> dict:
    page.wait_for_selector(f"body[data-day='{day}']")
    item = page.locator("#control-list li[data-place='Tadmur']")
    ring = page.locator("path.control-marker[data-place='Tadmur']")
    assert ring.count() == 1
    return {"status": item.get_attribute("data-status"), "controller": item.get_attribute("data-controller"),
            "ring": ring.get_attribute("data-controller"), "text": item.inner_text()}


def test_page_loads_the_picture(page):
    assert page.locator("path.event-marker").count() >= 5
    assert page.locator("#control-list li").count() >= 5
    assert page.locator("#losses tbody tr").count() >= 3
    assert page.locator("#timeline rect.bar").count() >= 2
    assert page.locator(".leaflet-countries-pane path").count() > 100  # the country borders
    assert "Battles" in page.inner_text("#legend")
    _save(page, "loaded")


def _zoom_out_below(page, zoom: float) -> None:
    """Press the map's zoom-out button, waiting for each zoom to end, until the map is zoomed out below `zoom`."""
    for _ in range(10):
        now = float(page.get_attribute("body", "data-zoom"))
        if now < zoom:
            return
        page.click(".leaflet-control-zoom-out")
        page.wait_for_selector(f"body[data-zoom='{now - 1:g}']")  # one zoom step (Leaflet's zoomDelta) out
    raise AssertionError(f"the map never zoomed out below {zoom}")


def test_admin1_borders_are_drawn_when_zoomed_in(page):
    # The Palmyra picture opens at zoom 7, close enough for the first-level borders: they are fetched and drawn.
    page.wait_for_selector("body[data-admin1='shown']", timeout=30_000)
    assert float(page.get_attribute("body", "data-zoom")) >= 5
    assert int(page.get_attribute("body", "data-admin1-regions")) > 4000  # regions in the whole world
    lines = page.locator(".leaflet-admin1-pane path.admin1-border")
    assert lines.count() > 150  # one path a country with more than one region
    syria = page.locator("path.admin1-border[data-country='SYR']")
    assert "Homs (Hims)" in syria.get_attribute("data-regions").split("|")
    assert len(syria.get_attribute("d")) > 500  # in view, so drawn (Leaflet empties the path of a line out of view)
    ukraine = page.locator("path.admin1-border[data-country='UKR']")
    assert {"Kharkiv", "Kherson", "Crimea"} <= set(ukraine.get_attribute("data-regions").split("|"))
    assert page.locator(".leaflet-overlay-pane path.admin1-border").count() == 0  # under the events, not among them
    _save(page, "admin1-syria")

    _zoom_out_below(page, 5)  # further out the admin-1 borders come off the map; the country borders stay
    page.wait_for_selector("body[data-admin1='hidden']")
    assert page.locator("path.admin1-border").count() == 0
    assert page.locator(".leaflet-countries-pane path").count() > 100
    _save(page, "admin1-hidden")
    page.click(".leaflet-control-zoom-in")
    page.wait_for_selector("body[data-admin1='shown']")
    assert page.locator("path.admin1-border[data-country='SYR']").count() == 1


def test_slider_replays_control_of_tadmur(page):
    _slide_to(page, "2016-12-10")
    before = _tadmur(page, "2016-12-10")
    assert before["status"] == "held" and "Syria" in before["controller"] and before["ring"] == before["controller"]
    _save(page, "tadmur-2016-12-10")
    _slide_to(page, "2016-12-12")
    after = _tadmur(page, "2016-12-12")
    assert after["status"] == "held" and after["controller"] == "Islamic State" == after["ring"]
    assert "since 2016-12-11" in after["text"]
    _save(page, "tadmur-2016-12-12")


def test_clicking_the_capture_of_tadmur_shows_the_evidence(page):
    _slide_to(page, "2016-12-11")
    marker = page.locator("path.event-marker[data-place='Tadmur'][data-type='Non-state actor overtakes territory']")
    details = page.locator("#details")
    for _ in range(3):  # a click that lands while the markers are redrawn for the new day is lost: click again
        marker.click(force=True)  # markers at one town are spread on a small ring; force skips overlap checks
        try:
            details.locator(".evidence").first.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    details.locator(".evidence").first.wait_for()
    assert "IS claimed Tadmur as their own once again" in details.inner_text()
    assert details.locator("mark").count() >= 1
    assert "palmyra-offensive-december-2016" in details.inner_text()
    _save(page, "tadmur-capture-evidence")


def test_filters_by_actor_and_type(page):
    total = page.locator("#event-list li").count()
    page.select_option("#type-filter", "Armed clash")
    clashes = page.locator("#event-list li").count()
    assert 0 < clashes < total
    assert all("Armed clash" in text for text in page.locator("#event-list li").all_inner_texts())
    page.select_option("#type-filter", "")
    page.select_option("#actor-filter", "Islamic State")
    assert 0 < page.locator("#event-list li").count() <= total


def test_pasted_report_appears_on_the_map(page):
    page.fill("#paste-text", KHERSON)
    page.fill("#paste-title", "Kherson falls")
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("body[data-last-document]", timeout=60_000)
    assert "stored" in page.inner_text("#paste-status")
    page.wait_for_selector("body[data-day='2022-03-02']")
    assert page.locator("path.event-marker[data-place='Kherson']").count() == 1
    assert page.locator("#control-list li[data-place='Kherson']").get_attribute("data-controller").startswith(
        "Military Forces of Russia")
    _save(page, "pasted-kherson")


def test_report_with_markup_is_shown_inert(page):
    page.fill("#paste-text", HOSTILE)
    page.fill("#paste-title", "<b>not bold</b>")
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("body[data-last-document]", timeout=60_000)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shown = page.inner_text("#report-text")
    assert "<script>window.__pwned=1</script>" in shown and "onerror" in shown
    assert page.locator("#report-text script, #report-text img, #paste-status b").count() == 0
    marker = page.locator("path.event-marker[data-place='Kharkiv']")
    marker.first.wait_for(state="attached", timeout=30_000)  # the map redraws after the ingest answers
    marker.click(force=True)
    page.wait_for_function("document.querySelector('#details').innerText.includes('__pwned')", timeout=30_000)
    assert "<script>window.__pwned=1</script>" in page.inner_text("#details")
    assert page.locator("#details script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _save(page, "inert-markup")


def test_api_docs_render_offline(browser, site):
    """/docs is Swagger UI served from static/vendor: it draws every operation without fetching anything elsewhere."""
    import json
    from urllib.request import urlopen

    with urlopen(f"{site}/openapi.json") as response:
        operations = sum(len(methods) for methods in json.load(response)["paths"].values())
    page = browser.new_page(viewport=shot.VIEWPORT)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", lambda r: None if r.url.startswith((site, "data:")) else problems.append(f"external: {r.url}"))
    try:
        page.goto(f"{site}/docs")
        page.wait_for_selector("#swagger-ui .opblock", timeout=30_000)
        assert page.locator("#swagger-ui .opblock").count() == operations > 10
        assert "/api/events.geojson" in page.inner_text("#swagger-ui")
        page.click("#swagger-ui .opblock-summary:has-text('/api/config')")  # the operation opens: the UI is live
        page.wait_for_selector("#swagger-ui .opblock.is-open .try-out__btn")
        _save(page, "api-docs")
    finally:
        page.close()
    assert not problems, problems
