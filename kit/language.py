"""Language of each article: normalize the code an input gives, or detect it with py3langid.

py3langid ships its model inside the package (no download). Detection reads the title and the
first :data:`SAMPLE_CHARS` characters of the text (about 40 words: enough for a stable answer on
news prose, and py3langid's time grows with the sample); texts with fewer than
:data:`MIN_LETTERS` letters get NA rather than a guess.
"""
from __future__ import annotations

import functools
import re

import pandas as pd

SAMPLE_CHARS = 240
MIN_LETTERS = 20

#: Language names and ISO 639-2/3 codes seen in news exports -> ISO 639-1.
_NAMES = {
    "english": "en", "eng": "en", "arabic": "ar", "ara": "ar", "persian": "fa", "farsi": "fa",
    "fas": "fa", "per": "fa", "hebrew": "he", "heb": "he", "iw": "he", "french": "fr",
    "fra": "fr", "fre": "fr", "german": "de", "deu": "de", "ger": "de", "spanish": "es",
    "spa": "es", "russian": "ru", "rus": "ru", "turkish": "tr", "tur": "tr", "ukrainian": "uk",
    "ukr": "uk", "chinese": "zh", "zho": "zh", "chi": "zh", "italian": "it", "ita": "it",
    "portuguese": "pt", "por": "pt", "dutch": "nl", "nld": "nl", "dut": "nl", "urdu": "ur",
    "urd": "ur", "japanese": "ja", "jpn": "ja", "korean": "ko", "kor": "ko", "polish": "pl",
    "pol": "pl", "kurdish": "ku", "kur": "ku", "hindi": "hi", "hin": "hi",
}
_NOT_LETTER = re.compile(r"[\W\d_]+")


def language_code(value) -> str | None:
    """Turn a language given by an input ("en", "en-GB", "English", "eng") into ISO 639-1.

    Returns None when ``value`` is empty or not recognized (the language is then detected).

    Examples
    --------
    >>> language_code("en-GB"), language_code("ENGLISH"), language_code("Klingon")
    ('en', 'en', None)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip().lower().replace("_", "-")
    if not text:
        return None
    head = text.split("-")[0].split(";")[0].split(",")[0].strip()
    if len(head) == 2 and head.isalpha():
        return head
    return _NAMES.get(head)


@functools.lru_cache(maxsize=1)
def _classify():
    import py3langid  # loads its bundled model (about 0.3 s) on first use

    return py3langid.classify


def detect_language(text: str | None) -> str | None:
    """Detect the ISO 639-1 language of ``text``; None when there are too few letters.

    Examples
    --------
    >>> detect_language("The ministry said the strikes would continue until the talks resume.")
    'en'
    >>> detect_language("42") is None
    True
    """
    if not text:
        return None
    sample = text[:SAMPLE_CHARS]
    if len(_NOT_LETTER.sub("", sample)) < MIN_LETTERS:
        return None
    code, _ = _classify()(sample)
    return code


def detect_languages(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the articles with ``language`` filled in where it is missing.

    Parameters
    ----------
    articles : pandas.DataFrame
        With columns ``title``, ``text`` and optionally ``language`` (kept where given, after
        :func:`language_code`).

    Returns
    -------
    pandas.DataFrame
        A copy with column ``language`` (ISO 639-1 or NA).

    Examples
    --------
    >>> df = pd.DataFrame({"title": ["Frappes"], "text": ["Les frappes ont repris dans la nuit "
    ...                    "selon le ministère de la défense."], "language": [None]})
    >>> detect_languages(df)["language"].tolist()
    ['fr']
    """
    out = articles.copy()
    given = out["language"] if "language" in out else pd.Series(None, index=out.index)
    codes = []
    for lang, title, text in zip(given, out["title"], out["text"]):
        code = language_code(lang)
        if code is None:
            code = detect_language(f"{title or ''}\n{text or ''}".strip())
        codes.append(code)
    out["language"] = pd.Series(codes, index=out.index, dtype="string")
    return out
