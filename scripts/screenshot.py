"""Regenerate docs/screenshot.png: serve a temporary database holding the Palmyra report, open the page in Debian's
Chromium through Playwright (no browser download), pick 2016-12-11 and the capture of Tadmur, and save the picture.

    .venv/bin/python scripts/screenshot.py [--out docs/screenshot.png]

tests/test_browser.py launches the browser through `launch()` below, so the tests and the screenshot share one setup.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
EXAMPLE = ROOT.parent / "shared" / "examples" / "palmyra-offensive-december-2016.txt"
VIEWPORT = {"width": 1400, "height": 860}


def launch(playwright):
    """Headless Chromium from Debian's package (Playwright's own browser downloads are never used)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--report", type=Path, default=EXAMPLE, help="report to show (default: the Palmyra example)")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"screenshot: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    if not args.report.exists():
        print(f"screenshot: {args.report} not found", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    from sitrep.api import ingest
    from sitrep.server import create_app, running

    folder = Path(tempfile.mkdtemp(prefix="sitrep-shot-"))
    try:
        db = folder / "shot.duckdb"
        ingest([args.report], db=db)
        with running(create_app(db)) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']")
            page.wait_for_selector("body[data-admin1]")  # the admin-1 borders fetched (or given up) at this zoom
            page.fill("#day-input", "2016-12-11")
            page.dispatch_event("#day-input", "change")
            page.wait_for_selector("body[data-day='2016-12-11']")
            page.click("#event-list li button:has-text('Tadmur — Non-state actor overtakes territory')")
            page.wait_for_selector("#details .evidence")
            page.wait_for_timeout(300)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"screenshot: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
