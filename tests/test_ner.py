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


def _fill():
    from sitrep.lexicons import EquipmentLexicon
    from sitrep.ner import EquipmentFill

    return EquipmentFill(EquipmentLexicon.default())


def _spans(text, entities):
    return {(text[e.start:e.end], e.label) for e in entities}


def test_equipment_fill_follows_re3d_conventions():
    fill = _fill()
    text = "They seized a mortar, three tactical vehicles and some vehicles, at the risk of harm to civilians."
    spans = _spans(text, fill(text, []))
    assert ("a mortar", "Weapon") in spans  # the indefinite article is part of the span
    assert ("tactical vehicles", "MilitaryPlatform") in spans  # a modified vehicle is a platform ...
    assert not any(t == "vehicles" for t, _ in spans)  # ... a bare one nothing
    assert not any(t.lower() == "harm" for t, _ in spans)  # 'HARM' the missile matches in capitals only


def test_equipment_relabels_an_organisation_span_ending_in_equipment():
    from sitrep.ner import Entity

    text = "Strikes destroyed an ISIL tactical vehicle."
    start = text.index("an ISIL")
    entity = Entity(start, len(text) - 1, "Organisation")
    assert _fill().relabel(text, [entity])[0].label == "MilitaryPlatform"


def test_spans_are_trimmed_of_punctuation_and_unbalanced_brackets():
    import spacy

    from sitrep.ner import trimmed

    doc = spacy.blank("en")("the Ministry of Culture ( SBAH , 6 , 602 .")
    assert trimmed(0, 6, doc) == [(0, 4), (5, 6)]
    assert trimmed(7, 11, doc) == [(7, 10)]
    inside = spacy.blank("en")("Abu ( the Elder ) Bakr")
    assert trimmed(0, 6, inside) == [(0, 6)]  # a bracket closed inside the span stays
    closing = spacy.blank("en")("State Board ( SBAH )")
    assert trimmed(0, 5, closing) == [(0, 2), (3, 4)]  # no gold span ends in a bracket: name and acronym


def test_nationality_words_from_the_model_meta():
    ner = DefenceNER.default()
    assert {"Syrian", "Iraqi"} <= ner.nationality_words
    doc = Document(text="The start of Iraqi operations ended the Syrian conflict, IS said.")
    Pipeline(("parse", "entities"), context=Context(options={"entities_equipment_fill": False}))(doc)
    assert ("Iraqi", "Nationality") in {(e.text, e.type) for e in doc.entities}
    # the parse stage masks 'IS' before parsing; the NER reads the original word
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)


def test_the_model_votes_and_can_tag_with_one_member():
    ner = DefenceNER.default()
    assert len(ner.members) == 3
    single = ner.first_member()
    assert single.members == ner.members[:1] and len(ner.members) == 3
    doc = Document(text=TEXT)
    Pipeline(("parse", "entities"), context=Context(options={"entities_vote": False}))(doc)
    assert "Location" in _types_over(doc, "Palmyra")
