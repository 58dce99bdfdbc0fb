"""entities: defence-domain named entities from the re3d-trained NER (sitrep.ner.DefenceNER).

Adds `doc.entities`, a list of Mention with `type` one of re3d's ten labels (Organisation, Location, Person,
Temporal, Quantity, Weapon, MilitaryPlatform, Nationality, DocumentReference, Money) and exact character offsets
(`doc.text[m.start:m.end] == m.text`). Equipment the NER misses is filled in from sitrep's equipment lexicon as
Weapon or MilitaryPlatform (never over an NER span; `attrs["source"]` says which; the context option
`entities_equipment_fill=False` turns it off). The spans are kept on the Document for later stages and for evaluation; they
are not written to the JSON output (the `mentions` there come from the lexicon and gazetteer stage)."""
from __future__ import annotations

from ..model import Document, Mention
from ..pipeline import Context, stage


@stage("entities", reads=("spacy_doc", "sentences"), adds=("entities",))
def entities(doc: Document, ctx: Context) -> None:
    found = ctx.defence_ner.entities(doc.spacy_doc)
    if ctx.options.get("entities_equipment_fill", True):
        found = sorted([*found, *_equipment_fill(ctx)(doc.text, found)], key=lambda e: e.start)
    out = []
    for entity in found:
        span = doc.span(entity.start, entity.end)
        if span.end > span.start:
            out.append(Mention(span.text, span.start, span.end, entity.label, doc.sentence_index(span.start),
                               attrs={"source": entity.source}))
    doc.entities = out


def _equipment_fill(ctx: Context):
    from ..ner import EquipmentFill

    return ctx.service("equipment_fill", lambda: EquipmentFill(ctx.equipment))
