"""The text layer every measure shares: sentences, tokens, languages, stopwords, term counts."""

from kit.text.languages import in_language, language_counts, language_mask
from kit.text.layer import TextLayer, text_layer
from kit.text.segmentation import sentences, split_sentences
from kit.text.tokens import (
    PER_TOKENS,
    RATE_COLUMN,
    TOKEN_PATTERN,
    TOKEN_RE,
    count_tokens,
    rate,
    token_spans,
    tokenize,
)

__all__ = [
    "PER_TOKENS",
    "RATE_COLUMN",
    "TOKEN_PATTERN",
    "TOKEN_RE",
    "TextLayer",
    "count_tokens",
    "in_language",
    "language_counts",
    "language_mask",
    "rate",
    "sentences",
    "split_sentences",
    "text_layer",
    "token_spans",
    "tokenize",
]
