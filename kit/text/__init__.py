"""The text layer every measure shares: sentences, tokens, languages, stopwords, term counts."""

from kit.text.languages import in_language, language_counts, language_mask
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
    "count_tokens",
    "in_language",
    "language_counts",
    "language_mask",
    "rate",
    "sentences",
    "split_sentences",
    "token_spans",
    "tokenize",
]
