"""The README and the schema document describe what the code does."""
from __future__ import annotations

import re

from sitrep.api import extract
from sitrep.cli import build_parser

from .conftest import ROOT


def test_readme_names_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps sub-commands here
    for name in commands:
        assert f"sitrep {name}" in readme, name


def test_readme_setup_commands_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for script in re.findall(r"bash (scripts/\S+\.sh)", readme):
        assert (ROOT / script).exists(), script
    for example in re.findall(r"(?<!/)(?<!\.\./shared/)\b(examples/[\w.-]+\.txt)", readme):
        assert (ROOT / example).exists(), example


def test_schema_documents_every_output_field():
    schema = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    result = extract([ROOT / "examples" / "manbij-offensive-june-2016.txt"]).combined()
    for key in ("events", "equipment", "displacement", "documents"):
        for record in result[key][:1]:
            for field in record:
                assert f"`{field}`" in schema, f"{key}.{field} is not documented"


def test_every_command_has_an_example_in_help():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        assert "example" in (sub.epilog or ""), name


def test_schema_documents_every_situation_field(example_db):
    from datetime import date

    from sitrep import api

    schema = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    records = {
        "fused": api.fused_events(db=example_db)[:1],
        "control": api.control_at(db=example_db, day=date(2016, 12, 12))[:1],
        "history": api.control_history(db=example_db, place="Tadmur")[:1],
        "losses": api.equipment_losses(db=example_db)[:1],
        "displacement": api.displacement(db=example_db)[:1],
    }
    records["loss"] = records["losses"][0]["losses"][:1]
    records["period"] = records["history"][0]["periods"][:1]
    for key, rows in records.items():
        assert rows, key
        for field in rows[0]:
            assert f"`{field}`" in schema, f"{key}.{field} is not documented"
