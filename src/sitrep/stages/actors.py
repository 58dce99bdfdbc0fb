"""actors: every actor mention an event or record points at, normalised through the actor dictionary to a canonical
name with a side and an ACLED inter code. Generic forms ("government forces") resolve by the report's country."""
from __future__ import annotations

from ..model import Document, Mention
from ..pipeline import Context, stage


def _resolve(mention: Mention | None, doc: Document, ctx: Context):
    if mention is None:
        return None
    actor = ctx.actors.lookup(mention.attrs.get("lookup", mention.text), country=doc.focus_country)
    if actor is not None:
        mention.canonical = actor.name
        mention.attrs.setdefault("side", actor.side_for(doc.focus_country))
    return actor


@stage("actors", reads=("mentions", "events", "focus_country"), adds=("actors",))
def actors(doc: Document, ctx: Context) -> None:
    for mention in doc.mentions:
        if mention.type == "actor":
            _resolve(mention, doc, ctx)
    for event in doc.events:
        first = _resolve(event.work.get("actor1"), doc, ctx)
        second = _resolve(event.work.get("actor2"), doc, ctx)
        if first is not None and second is not None and first.name == second.name:
            second = None
        if first is not None:
            event.actor1, event.inter1 = first.name, first.inter_in(doc.focus_country)
        if second is not None:
            event.actor2, event.inter2 = second.name, second.inter_in(doc.focus_country)
    for record in doc.equipment:
        subject = _resolve(record.work.get("subject"), doc, ctx)
        record.work["subject_name"] = subject.name if subject is not None else None
