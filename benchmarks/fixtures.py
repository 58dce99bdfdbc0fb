"""Event recall on the hand-coded report fixtures (tests/fixtures/reports), per report and overall.

    .venv/bin/python benchmarks/fixtures.py [-v]

An expected event counts as found when an extracted event has its type, its evidence sentence, its date (at the
expected precision), a place within 25 km, its background flag and its attacker. A second line says how many
expected events were detected at all (an extracted event of the expected type from the expected sentence) and, of
those, how often the best candidate had the right date, place, background flag and actor1. These reports were written by the
team and the rules were developed while reading them, so this is a regression measure, not an accuracy claim:
accuracy on third-party data is measured by `sitrep eval` (issue 4)."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / (sys.argv[sys.argv.index("--set") + 1] if "--set" in sys.argv else "reports")


def main() -> None:
    from sitrep.api import extract
    from sitrep.evaluate import FIELDS, score_fixture
    from sitrep.lexicons import ActorDictionary

    verbose = "-v" in sys.argv
    actors = ActorDictionary.default()
    total_expected = total_matched = total_produced = total_detected = total_unsupported = 0
    field_ok: dict[str, int] = {}
    equipment, displacement = [0, 0, 0], [0, 0]
    for path in sorted(FIXTURES.glob("*.txt")):
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        published = date.fromisoformat(expected["published"]) if expected.get("published") else None
        result = extract([path], published=published).combined()
        score = score_fixture(expected, result, actors)
        total_expected += score.expected
        total_matched += score.matched
        total_produced += score.produced
        total_detected += score.detected
        total_unsupported += score.unsupported
        equipment = [a + b for a, b in zip(equipment, score.equipment)]
        displacement = [a + b for a, b in zip(displacement, score.displacement)]
        for name, count in score.field_ok.items():
            field_ok[name] = field_ok.get(name, 0) + count
        print(f"{path.stem:28s} recall {score.recall:5.2f}  ({score.matched}/{score.expected}; {score.produced} extracted)"
              f"  violations {len(score.violations)}")
        if verbose:
            for miss in score.misses:
                print(f"    missed: {miss}")
            for violation in score.violations:
                print(f"    violation: {violation}")
    print(f"{'overall':28s} recall {total_matched / total_expected:5.2f}  ({total_matched}/{total_expected}; "
          f"{total_produced} extracted)")
    fields = "  ".join(f"{name} {field_ok.get(name, 0) / total_detected:.2f}" for name in FIELDS) if total_detected else ""
    print(f"{'unsupported':28s} {total_unsupported}/{total_produced} extracted events come from no expected "
          f"event's sentence (hard negatives, duplicates at other places, or events the coder left out)")
    if equipment[0]:
        print(f"{'equipment':28s} recall {equipment[1] / equipment[0]:5.2f}  ({equipment[1]}/{equipment[0]} records "
              f"from the expected sentence with the expected status; {equipment[2]} also with the losing side)")
    if displacement[0]:
        print(f"{'displacement':28s} recall {displacement[1] / displacement[0]:5.2f}  ({displacement[1]}/"
              f"{displacement[0]} figures from the expected sentence, number within 10 %)")
    print(f"{'detected':28s} recall {total_detected / total_expected:5.2f}  ({total_detected}/{total_expected} with the "
          f"expected type from the expected sentence; of those right: {fields})")


if __name__ == "__main__":
    main()
