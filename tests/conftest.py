from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "palmyra-offensive-december-2016.txt"
BUNDLED_EXAMPLE = ROOT / "src" / "sitrep" / "examples" / "mosul-bartella-october-2016.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"


@cache
def run_extract(path: str, published: str | None = None) -> dict:
    from sitrep.api import extract

    report = extract([path], published=date.fromisoformat(published) if published else None)
    assert report.ok, report.errors
    return report.combined()


@pytest.fixture(scope="session")
def example_result() -> dict:
    if not EXAMPLE.exists():
        pytest.skip("../shared/examples is not laid out beside this checkout")
    return run_extract(str(EXAMPLE))


def load_expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
