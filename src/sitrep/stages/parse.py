"""parse: spaCy tokens, tags, dependencies and sentences, with character offsets."""
from __future__ import annotations

from ..model import Document, Span
from ..pipeline import Context, stage

MAX_SPACY_CHARS = 2_000_000


def _attach(doc: Document, parsed) -> None:
    doc.spacy_doc = parsed
    doc.sentences = [Span(s.text, s.start_char, s.end_char) for s in parsed.sents]


@stage("parse", adds=("spacy_doc", "sentences"))
def parse(doc: Document, ctx: Context) -> None:
    nlp = ctx.nlp
    nlp.max_length = max(nlp.max_length, len(doc.text) + 1)
    _attach(doc, nlp(doc.text))


def parse_batch(docs: list[Document], ctx: Context) -> None:
    nlp = ctx.nlp
    nlp.max_length = max([nlp.max_length, *(len(d.text) + 1 for d in docs)])
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs)):
        _attach(doc, parsed)
