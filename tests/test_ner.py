"""The defence NER (sitrep.ner) and the `entities` stage: packaged model loads offline, spans have exact offsets."""
from __future__ import annotations

import socket

import pytest

from sitrep.model import Document
from sitrep.ner import MODEL_DIR, RE3D_TYPES, DefenceNER
from sitrep.pipeline import DEFAULT_STAGES, STAGES_WITH_ENTITIES, Context, Pipeline, registered_stages

from .conftest import ROOT

TEXT = ("Rebels destroyed two T-72 tanks near Palmyra on 12 December 2016, and the Syrian Arab Army withdrew "
        "towards Homs. General Mohammed Khaddour said 40 soldiers had been killed.")


@pytest.fixture(scope="module")
def entities_doc() -> Document:
    doc = Document(text=TEXT)
    Pipeline(("parse", "entities"), context=Context())(doc)
    return doc


def test_model_is_packaged_and_small():
    assert (MODEL_DIR / "config.cfg").exists() and (MODEL_DIR / "ner" / "model").exists()
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 30_000_000


def test_model_loads_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the defence NER tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    ner = DefenceNER.load()
    assert set(RE3D_TYPES) <= set(ner.ner.labels)
    assert all(e.label in RE3D_TYPES for e in ner("Iraqi forces fired Scud missiles at Basra in March 2003."))


def test_entities_stage_is_registered_after_parse():
    spec = registered_stages()["entities"]
    assert spec.reads <= {"spacy_doc", "sentences"} and spec.adds == {"entities"}
    Pipeline(("parse", "entities", "mentions"))  # contracts hold
    assert "entities" not in DEFAULT_STAGES or DEFAULT_STAGES.index("entities") > DEFAULT_STAGES.index("parse")


def test_entities_have_exact_offsets_and_re3d_types(entities_doc):
    assert entities_doc.entities
    for entity in entities_doc.entities:
        assert entities_doc.text[entity.start:entity.end] == entity.text
        assert entity.type in RE3D_TYPES
        assert entity.text == entity.text.strip()
    starts = [e.start for e in entities_doc.entities]
    assert starts == sorted(starts)


def _types_over(doc: Document, phrase: str) -> set[str]:
    start = doc.text.index(phrase)
    end = start + len(phrase)
    return {e.type for e in doc.entities if e.start < end and start < e.end}


def test_sanity_equipment_organisation_place(entities_doc):
    assert _types_over(entities_doc, "T-72") & {"Weapon", "MilitaryPlatform"}
    assert "Organisation" in _types_over(entities_doc, "Syrian Arab Army")
    assert "Location" in _types_over(entities_doc, "Palmyra")
    assert "Temporal" in _types_over(entities_doc, "12 December 2016")


def test_equipment_fill_can_be_turned_off():
    doc = Document(text=TEXT)
    Pipeline(("parse", "entities"), context=Context(options={"entities_equipment_fill": False}))(doc)
    assert all(e.attrs["source"] == "defence_ner" for e in doc.entities)


def test_parsed_doc_is_left_untouched(entities_doc):
    # the stage tags a copy: the OntoNotes entities the other stages read are still there
    assert {ent.label_ for ent in entities_doc.spacy_doc.ents} - set(RE3D_TYPES)


def test_opt_in_stages_leave_the_rest_of_the_output_unchanged():
    from sitrep.api import Extractor

    text = (ROOT / "examples" / "manbij-offensive-june-2016.txt").read_text(encoding="utf-8")
    plain = [r for _, r in Extractor().process([Document(text=text)], [])]
    with_entities = [(d, r) for d, r in Extractor(stages=STAGES_WITH_ENTITIES).process([Document(text=text)], [])]
    assert with_entities[0][1] == plain[0]
    assert with_entities[0][0].entities
