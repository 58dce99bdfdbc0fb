"""Normalisation of names for matching: case, diacritics, apostrophes, hyphens and Arabic articles."""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘`´ʿʾʼ"
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad-|ed) ")
_NON_WORD = re.compile(r"[^\w ]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII-ish form: 'Sha’er' -> 'shaer', 'Jabal al-Tar' -> 'jabal al tar'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for mark in _APOSTROPHES:
        stripped = stripped.replace(mark, "")
    spaced = _NON_WORD.sub(" ", stripped.replace("-", " ").lower())
    return _SPACES.sub(" ", spaced).strip()


_HYPHENATED = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def joined_key(text: str) -> str | None:
    """A hyphenated compound's key written as one word (a report's 'Pétion-Ville' for GeoNames' 'Pétionville'), or
    None for a name with no hyphen inside a word."""
    return fold(_HYPHENATED.sub("", text)) if _HYPHENATED.search(text) else None


def name_keys(text: str) -> list[str]:
    """The lookup keys of a name: its folded form, and that form without a leading Arabic article."""
    key = fold(text)
    if not key:
        return []
    keys = [key]
    bare = _ARTICLE.sub("", key)
    if bare != key and bare:
        keys.append(bare)
    inner = re.sub(r"\b(?:al|el) ", "", key)
    if inner not in keys and inner:
        keys.append(inner)
    return keys


_DIGRAPHS = (("dj", "j"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"))
_VOWEL_RUN = re.compile(r"(?:[aeiouy]|(?<=[aeiouy])w(?![aeiouy]))+")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1+")


def sound_key(text: str) -> str:
    """A transliteration-insensitive key: 'Tajoura', 'Tajura' and 'Tadjourah' share one, as do 'Izium'/'Izyum' and
    'Dayr az Zawr'/'Deir ez-Zor'. Vowel runs become one 'a', doubled consonants one, a final 'h' after a vowel goes."""
    words = []
    for word in fold(text).split():
        for old, new in _DIGRAPHS:
            word = word.replace(old, new)
        word = _DOUBLED.sub(r"\1", _VOWEL_RUN.sub("a", word))
        if len(word) > 2 and word.endswith("ah"):
            word = word[:-1]
        words.append(word)
    return " ".join(words)
