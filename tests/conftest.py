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


CAMPAIGN = Path(__file__).resolve().parent / "fixtures" / "campaign"


@pytest.fixture(scope="session")
def campaign_db(tmp_path_factory) -> Path:
    """The Kharkiv 2022 acceptance corpus, ingested once per test session."""
    from sitrep.api import ingest

    db = tmp_path_factory.mktemp("campaign") / "campaign.duckdb"
    report = ingest([CAMPAIGN / "kharkiv-2022.jsonl"], db=db)
    assert report.ok and report.stored == 12, report.errors
    return db


@pytest.fixture(scope="session")
def example_db(tmp_path_factory) -> Path:
    """The Palmyra report, ingested once per test session."""
    from sitrep.api import ingest

    if not EXAMPLE.exists():
        pytest.skip("../shared/examples is not laid out beside this checkout")
    db = tmp_path_factory.mktemp("example") / "example.duckdb"
    assert ingest([EXAMPLE], db=db).stored == 1
    return db
