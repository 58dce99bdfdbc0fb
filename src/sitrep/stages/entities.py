"""entities: defence-domain named entities from the re3d-trained NER (sitrep.ner.DefenceNER).

Adds `doc.entities`, a list of Mention with `type` one of re3d's ten labels (Organisation, Location, Person,
Temporal, Quantity, Weapon, MilitaryPlatform, Nationality, DocumentReference, Money) and exact character offsets
(`doc.text[m.start:m.end] == m.text`). Equipment the NER misses is filled in from sitrep's equipment lexicon as
Weapon or MilitaryPlatform (never over an NER span; `attrs["source"]` says which), and an Organisation or Location
span that ends in known equipment takes the equipment's type; the context option `entities_equipment_fill=False`
turns both off, and `entities_vote=False` tags with the model's first NER alone instead of the vote of its three (a
third of the tagging time; out-of-fold macro F1 on re3d train about 1 point lower). The spans are kept on the
Document for later stages and for evaluation; they are not written to the JSON output (the `mentions` there come
from the lexicon and gazetteer stage)."""
from __future__ import annotations

from ..model import Document, Mention
from ..pipeline import Context, stage


@stage("entities", reads=("spacy_doc", "sentences"), adds=("entities",))
def entities(doc: Document, ctx: Context) -> None:
    ner = ctx.defence_ner
    if not ctx.options.get("entities_vote", True):
        ner = ctx.service("defence_ner_single", ner.first_member)
    found = ner.entities(doc.spacy_doc, doc.text)
    if ctx.options.get("entities_equipment_fill", True):
        fill = _equipment_fill(ctx)
        found = fill.relabel(doc.text, found)
        found = sorted([*found, *fill(doc.text, found)], key=lambda e: e.start)
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
