"""Event dates come from the event's own clause, never from the date line the report was filed under."""
from __future__ import annotations

from datetime import date

from sitrep.api import extract

REPORT = ("HODEIDAH, Yemen, Nov. 7 (Reuters) - Coalition warplanes struck a port facility in Hodeidah on Tuesday, "
          "killing at least 12 people, according to medical sources.\n")


def test_weekday_beats_the_date_line(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(REPORT, encoding="utf-8")
    events = extract([path], published=date(2018, 11, 8)).combined()["events"]
    strikes = [e for e in events if e["sub_event_type"] == "Air/drone strike"]
    assert strikes and strikes[0]["event_date"] == "2018-11-06"
    assert strikes[0]["fatalities"] == 12
