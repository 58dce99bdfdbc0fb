"""The local gazetteer: packaged data, the supplement, and GeoNames dumps imported by the user."""
from __future__ import annotations

import os
import zipfile

import pytest

from sitrep.errors import GazetteerError
from sitrep.gazetteer import Gazetteer, data_fingerprint, haversine_km, import_dump, parse_dump_line


def _row(geonameid, name, alternates, lat, lon, fclass, fcode, cc, admin1, population):
    cols = [str(geonameid), name, name, alternates, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
            str(population), "", "", "Asia/Damascus", "2020-01-01"]
    return "\t".join(cols) + "\n"


def test_supplement_site_and_alternate_names():
    gazetteer = Gazetteer.default()
    t4 = gazetteer.lookup("T4 Airbase")
    assert t4 and t4[0].feature_type == "airbase" and t4[0].country_code == "SY"
    palmyra = gazetteer.lookup("Palmyra")
    assert any(p.name == "Tadmur" for p in palmyra)
    assert haversine_km(t4[0].latitude, t4[0].longitude, 34.5624, 38.28402) == pytest.approx(60, abs=3)


def test_parse_dump_line_keeps_military_features():
    place, names = parse_dump_line(_row(1, "Jabal Test", "Jebel Test", 34.6, 38.2, "T", "MT", "SY", "11", 0))
    assert place[0] == "geonames:1" and place[6] == "mountain" and "Jebel Test" in names
    assert parse_dump_line(_row(2, "Some Road", "", 34.0, 38.0, "R", "RD", "SY", "11", 0)) is None
    with pytest.raises(ValueError):
        parse_dump_line("too\tfew\tcolumns\n")


def test_import_zipped_dump_extends_the_gazetteer(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_HOME", str(tmp_path / "home"))
    Gazetteer.default.cache_clear()
    dump = tmp_path / "XX.txt"
    dump.write_text(_row(99999991, "Qaryat Sitreptest", "Sitreptest Village", 34.7, 38.1, "P", "PPL", "SY", "11", 0)
                    + _row(99999992, "Sitreptest Gas Field", "", 34.8, 38.0, "S", "GASF", "SY", "11", 0),
                    encoding="utf-8")
    archive = tmp_path / "XX.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(dump, "XX.txt")
    try:
        assert import_dump(archive, home=tmp_path / "home") == 2
        gazetteer = Gazetteer.default()
        assert gazetteer.lookup("Sitreptest Village")[0].name == "Qaryat Sitreptest"
        assert gazetteer.lookup("Sitreptest Gas Field")[0].feature_type == "gas_field"
        assert gazetteer.lookup("Tadmur"), "packaged places survive an import"
    finally:
        Gazetteer.default.cache_clear()


def test_an_import_elsewhere_does_not_stale_this_index(tmp_path):
    home = Gazetteer.default().path.parent
    before = data_fingerprint(home)
    dump = tmp_path / "YY.txt"
    dump.write_text(_row(99999993, "Other Sitreptest", "", 34.7, 38.1, "P", "PPL", "SY", "11", 0), encoding="utf-8")
    import_dump(dump, home=tmp_path / "home")
    Gazetteer.default.cache_clear()
    assert data_fingerprint(home) == before
    assert data_fingerprint(tmp_path / "home") != before


def test_bad_dump_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(_row(1, "Ok", "", 1, 1, "P", "PPL", "SY", "11", 0) + "not a geonames row\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.txt:2"):
        import_dump(bad, home=tmp_path / "home")


def test_abandoned_partial_builds_are_removed(tmp_path):
    from sitrep.gazetteer import _remove_abandoned_builds

    index = tmp_path / "gazetteer-v9.sqlite"
    dead = tmp_path / "gazetteer-v9.999999999.building"
    alive = tmp_path / f"gazetteer-v9.{os.getpid()}.building"
    dead.write_text("x")
    alive.write_text("x")
    _remove_abandoned_builds(index)
    assert not dead.exists() and alive.exists()
