"""dates: temporal expressions resolved against the publication date, or the latest explicit year in the text."""
from __future__ import annotations

from ..dates import read_dates
from ..model import Document, Mention
from ..pipeline import Context, stage


@stage("dates", reads=("sentences",), adds=("time_expressions", "anchor_date"))
def dates(doc: Document, ctx: Context) -> None:
    doc.anchor_date, doc.time_expressions = read_dates(doc.text, published=doc.published)
    for expr in doc.time_expressions:
        doc.mentions.append(Mention(expr.text, expr.start, expr.end, "date", doc.sentence_index(expr.start),
                                    attrs={"date_start": expr.date_start.isoformat(),
                                           "date_end": expr.date_end.isoformat(),
                                           "time_precision": expr.time_precision}))
    doc.mentions.sort(key=lambda m: (m.start, m.end))
