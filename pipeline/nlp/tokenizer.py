"""A spaCy tokenizer for Vietnamese administrative text that keeps document numbers and dates whole.

spaCy's "vi" tokenizer (pyvi) splits "715/BCĐ-CAT" and "06/3/2023" into pieces; this one cuts text
into syllables and punctuation and merges back every document number (pipeline.grammar.symbols) and numeric
date (``06/3/2023``, ``06-3-2023``) into one token, so rules and the NER see them as one word.
Registered as ``baocao.tokenizer.v1`` so a saved pipeline's config names it.
"""
from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc

from ..grammar.symbols import find_symbols

_PIECE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}(?![\w/])|\d+(?:[.,]\d+)*%?|[\w&]+|[^\w\s]")


def pieces(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of text."""
    spans: list[tuple[int, int]] = []
    keep = [s.span for s in find_symbols(text)]
    pos = 0
    for start, end in keep + [(len(text), len(text))]:
        spans.extend((pos + m.start(), pos + m.end()) for m in _PIECE.finditer(text[pos:start]))
        if start < end:
            spans.append((start, end))
        pos = end
    return spans


class BaocaoTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        spans = pieces(text)
        words = [text[a:b] for a, b in spans]
        spaces = [bool(i + 1 < len(spans) and spans[i + 1][0] > b) or (i + 1 == len(spans) and b < len(text))
                  for i, (a, b) in enumerate(spans)]
        # whitespace that is not a single space becomes its own token, so doc.text == text
        words_out, spaces_out = [], []
        for i, (a, b) in enumerate(spans):
            words_out.append(words[i])
            nxt = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            gap = text[b:nxt]
            if gap == " ":
                spaces_out.append(True)
            elif gap == "":
                spaces_out.append(False)
            else:
                spaces_out.append(False)
                words_out.append(gap)
                spaces_out.append(False)
        if spans and spans[0][0] > 0:
            words_out.insert(0, text[:spans[0][0]])
            spaces_out.insert(0, False)
        if not spans and text:
            words_out, spaces_out = [text], [False]
        return Doc(self.vocab, words=words_out, spaces=spaces_out)

    def pipe(self, texts, batch_size=1000):
        for text in texts:
            yield self(text)

    def to_disk(self, path, **kwargs):
        pass

    def from_disk(self, path, **kwargs):
        return self

    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self


@spacy.registry.tokenizers("baocao.tokenizer.v1")
def create_tokenizer():
    def make(nlp):
        return BaocaoTokenizer(nlp.vocab)

    return make
