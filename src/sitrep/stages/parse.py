"""parse: spaCy tokens, tags, dependencies and sentences, with character offsets.

Acronym actor names that spell an English function word ("IS" for the Islamic State) make the small model parse a
verb where a subject stands. Before parsing, such acronyms are replaced by a same-length proper-noun stand-in, so
every offset stays valid; mentions and evidence are always cut from the original text."""
from __future__ import annotations

import re
from functools import cache

from ..model import Document, Span
from ..pipeline import Context, stage
from .mentions import DATELINE

STAND_IN = "UN"


@cache
def _masking_pattern(acronyms: tuple[str, ...]) -> re.Pattern | None:
    if not acronyms:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, acronyms))})(?![\w-])")


def _stopword_acronyms(ctx: Context) -> tuple[str, ...]:
    def build() -> tuple[str, ...]:
        from spacy.lang.en.stop_words import STOP_WORDS

        forms = ctx.actors.surface_forms()
        return tuple(sorted({text for text, sensitive in forms
                             if sensitive and text.isupper() and len(text) == len(STAND_IN) and text.lower() in STOP_WORDS}))

    return ctx.service("masked_acronyms", build)


def text_for_parser(text: str, ctx: Context) -> str:
    text = _dateline_apart(text)
    pattern = _masking_pattern(_stopword_acronyms(ctx))
    if pattern is None or _mostly_upper(text):
        return text
    return pattern.sub(STAND_IN, text)


def _dateline_apart(text: str) -> str:
    """'GUSAU, Nigeria, March 12, 2024 - Armed bandits abducted ...': the place and date a report was filed from are
    no part of its first sentence, but the small model hangs that sentence's subject on the place as an apposition
    and loses its verbs. The dash closing the dateline is read as a full stop (same length: offsets stay valid)."""
    match = DATELINE.match(text)
    if match is None:
        return text
    end = match.start() + len(match.group().rstrip())
    dash = 2 if text[end - 2:end] == "--" else 1
    return text[:end - dash] + ".".ljust(dash) + text[end:]


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def _attach(doc: Document, parsed) -> None:
    doc.spacy_doc = parsed
    doc.sentences = [Span(doc.text[s.start_char:s.end_char], s.start_char, s.end_char) for s in parsed.sents]


@stage("parse", adds=("spacy_doc", "sentences"))
def parse(doc: Document, ctx: Context) -> None:
    parse_batch([doc], ctx)


def parse_batch(docs: list[Document], ctx: Context) -> None:
    nlp = ctx.nlp
    nlp.max_length = max([nlp.max_length, *(len(d.text) + 1 for d in docs)])
    for doc, parsed in zip(docs, nlp.pipe(text_for_parser(d.text, ctx) for d in docs)):
        _attach(doc, parsed)
