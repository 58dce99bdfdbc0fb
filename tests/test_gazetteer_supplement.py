"""The gazetteer supplement passes its own checker: unique ids, known feature types and countries, coordinates in
range, a source on every row, no repeated names (scripts/check_gazetteer_supplement.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_supplement_passes_its_checker():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_gazetteer_supplement.py")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
