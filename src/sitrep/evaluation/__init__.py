"""Scoring the pipeline on third-party gold sets (`sitrep eval`); see docs/evaluation.md.

The data is read from a folder laid out like ../shared/eval-data (never copied into the project); it is needed by
`sitrep eval` only."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Callable

from ..errors import EvalDataError
from .common import Runner

SETS = ("re3d", "gwn", "lgl", "wikievents", "plover", "event-location")
DEFAULT_DATA = Path("..") / "shared" / "eval-data"
DATA_ENV = "SITREP_EVAL_DATA"


def default_data_dir() -> Path:
    return Path(os.environ.get(DATA_ENV) or DEFAULT_DATA)


def _scorer(name: str, split: str | None) -> Callable[..., dict[str, Any]]:
    from . import eventlocation, geoparsing, plover, re3d, wikievents

    half = split or geoparsing.DEFAULT_SPLIT
    return {
        "re3d": re3d.evaluate,
        "gwn": lambda data, **kw: geoparsing.evaluate(data, kind="gwn", split=half, **kw),
        "lgl": lambda data, **kw: geoparsing.evaluate(data, kind="lgl", split=half, **kw),
        "wikievents": lambda data, **kw: wikievents.evaluate(data, split=half, **kw),
        "plover": lambda data, **kw: plover.evaluate(data, split=half, **kw),
        "event-location": eventlocation.evaluate,
    }[name]


def run_sets(sets: tuple[str, ...], *, data_dir: Path, limit: int | None = None,
             on_set: Callable[[str], None] | None = None, split: str | None = None) -> dict[str, Any]:
    """Score each named set; the result is keyed by set name, plus "speed" (words/s over every pipeline run).
    `split` picks the half of GWN, LGL, PLOVER and WikiEvents scored (test by default; see common.split_half); the
    other sets keep their own fixed splits."""
    if not data_dir.is_dir():
        raise EvalDataError(data_dir)
    unknown = [name for name in sets if name not in SETS]
    if unknown:
        raise ValueError(f"unknown evaluation set(s) {', '.join(unknown)}; known: {', '.join(SETS)}")
    runner = Runner()
    results: dict[str, Any] = {}
    started = time.perf_counter()
    for name in sets:
        if on_set:
            on_set(name)
        set_started = time.perf_counter()
        results[name] = _scorer(name, split)(data_dir, runner=runner, limit=limit)
        results[name]["seconds"] = round(time.perf_counter() - set_started, 1)
    results["speed"] = {**runner.speed(), "wall_seconds": round(time.perf_counter() - started, 1),
                        "limit": limit}
    return results
