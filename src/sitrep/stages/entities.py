"""entities: defence-domain named entities from the re3d-trained NER (sitrep.ner.DefenceNER).

Adds `doc.entities`, a list of Mention with `type` one of re3d's ten labels (Organisation, Location, Person,
Temporal, Quantity, Weapon, MilitaryPlatform, Nationality, DocumentReference, Money) and exact character offsets
(`doc.text[m.start:m.end] == m.text`). The spans are kept on the Document for later stages and for evaluation; they
are not written to the JSON output (the `mentions` there come from the lexicon and gazetteer stage)."""
from __future__ import annotations

from ..model import Document, Mention
from ..pipeline import Context, stage


@stage("entities", reads=("spacy_doc", "sentences"), adds=("entities",))
def entities(doc: Document, ctx: Context) -> None:
    found = ctx.defence_ner.entities(doc.spacy_doc)
    out = []
    for entity in found:
        span = doc.span(entity.start, entity.end)
        if span.end > span.start:
            out.append(Mention(span.text, span.start, span.end, entity.label, doc.sentence_index(span.start),
                               attrs={"source": "defence_ner"}))
    doc.entities = out
