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
