"""Language of each article: normalize the code an input gives, or detect it with py3langid.

py3langid ships its model inside the package (no download). Detection reads the title and the
first :data:`SAMPLE_CHARS` characters of the text (about 40 words: enough for a stable answer on
news prose, and py3langid's time grows with the sample); texts with fewer than
:data:`MIN_LETTERS` letters get NA rather than a guess.

Detection chooses among :data:`LANGUAGES` only (the languages of conflict coverage; pass
``languages=`` to change them): the full model knows 97 languages, and on short English texts
(headlines, a few lines) it picks rare neighbours such as Nigerian Pidgin (``pcm``), Latin or
Occitan. Measured on 521 English texts (seed, demo corpus, PolNeAR and Frermann eval sets, the
shared fixtures) and 4 each in de, fr, es, ko, zh, ar, 2 cores:

=====================  ===============  ==================  =========
detector               240 characters   headline (English)  time/text
=====================  ===============  ==================  =========
py3langid, 97 langs    all right        468/521 (35 pcm)    0.14 ms
py3langid, 18 langs    all right        515/521             0.12 ms
lingua, 75 langs       all right        511/521             4.2 ms
lingua, 18 langs       all right        517/521             0.6 ms
=====================  ===============  ==================  =========

(time on headlines; on 240 characters 0.23 ms for restricted py3langid, 0.55 ms for restricted
lingua, which also takes 5 s to load all its models and adds 96 MB). Restricted py3langid is as
accurate within two headlines and several times faster, so kit keeps it. A detection with a
probability under :data:`LOW_CONFIDENCE` is reported in the ingest report.
"""

from __future__ import annotations

import copy
import functools
import math
import re

import numpy as np

from kit.errors import ParameterError

SAMPLE_CHARS = 240
MIN_LETTERS = 20
#: The languages detection may choose from by default (ISO 639-1).
LANGUAGES = (
    "en", "ar", "fa", "he", "tr", "ru", "uk", "fr", "de", "es",
    "it", "pt", "nl", "zh", "ja", "ko", "ur", "hi",
)  # fmt: skip
#: Detections less probable than this are listed as warnings in the ingest report (measured:
#: wrong detections of English headlines had 0.14-0.54; 95% of right ones had over 0.6).
LOW_CONFIDENCE = 0.6

#: ISO 639-2/3 codes, and names of languages the interface table below does not cover -> ISO 639-1.
_CODES = {
    "eng": "en",
    "ara": "ar",
    "fas": "fa",
    "per": "fa",
    "heb": "he",
    "iw": "he",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "spa": "es",
    "rus": "ru",
    "tur": "tr",
    "ukr": "uk",
    "zho": "zh",
    "chi": "zh",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "dut": "nl",
    "jpn": "ja",
    "urdu": "ur",
    "urd": "ur",
    "korean": "ko",
    "kor": "ko",
    "polish": "pl",
    "pol": "pl",
    "kurdish": "ku",
    "kur": "ku",
    "hindi": "hi",
    "hin": "hi",
}
# Language names as the databases print them (in their English, German, French, Spanish and
# Chinese interfaces) -> ISO 639-1. Hand-written: no installed package maps localized language
# *names* to codes; unknown names give None and the pipeline detects the language instead.
_LANGUAGE_NAMES = {
    "en": ("english", "englisch", "anglais", "inglés", "ingles", "inglese", "英文", "英语", "英語"),
    "de": (
        "german",
        "deutsch",
        "allemand",
        "alemán",
        "aleman",
        "tedesco",
        "德文",
        "德语",
        "ドイツ語",
    ),
    "fr": ("french", "französisch", "francais", "français", "francés", "frances", "法文", "法语"),
    "es": ("spanish", "spanisch", "espagnol", "español", "espanol", "西班牙文", "西班牙语"),
    "it": ("italian", "italienisch", "italien", "italiano", "意大利文", "意大利语"),
    "pt": ("portuguese", "portugiesisch", "portugais", "portugués", "português", "葡萄牙文"),
    "ru": ("russian", "russisch", "russe", "ruso", "русский", "俄文", "俄语"),
    "ar": ("arabic", "arabisch", "arabe", "árabe", "阿拉伯文", "阿拉伯语"),
    "zh": ("chinese", "chinesisch", "chinois", "chino", "中文", "汉语", "中文(简体)", "中文(繁體)"),
    "ja": ("japanese", "japanisch", "japonais", "japonés", "日文", "日语", "日本語"),
    "nl": ("dutch", "niederländisch", "néerlandais", "holandés", "荷兰文"),
    "tr": ("turkish", "türkisch", "turc", "turco", "土耳其文"),
    "fa": ("persian", "farsi", "persisch", "persan", "波斯文"),
    "he": ("hebrew", "hebräisch", "hébreu", "hebreo", "希伯来文"),
    "uk": ("ukrainian", "ukrainisch", "ukrainien", "ucraniano", "乌克兰文"),
}
_NAMES = {**_CODES, **{name: code for code, names in _LANGUAGE_NAMES.items() for name in names}}
_NOT_LETTER = re.compile(r"[\W\d_]+")


def language_code(value) -> str | None:
    """Turn a language given by an input ("en", "en-GB", "English", "eng", "Englisch", "英文")
    into ISO 639-1.

    Returns None when ``value`` is empty or not recognized (the language is then detected).

    Examples
    --------
    >>> language_code("en-GB"), language_code("ENGLISH"), language_code("Klingon")
    ('en', 'en', None)
    >>> language_code("Englisch"), language_code("英文"), language_code("English.")
    ('en', 'en', 'en')
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip().lower().replace("_", "-")
    if not text:
        return None
    head = " ".join(text.split("-")[0].split(";")[0].split(",")[0].split()).rstrip(".")
    if len(head) == 2 and head.isalpha() and head.isascii():
        return head
    return _NAMES.get(head)


def check_languages(languages=None) -> tuple[str, ...]:
    """Check the languages detection may choose from; default :data:`LANGUAGES`.

    Raises
    ------
    ParameterError
        When a code is not one py3langid knows, naming the codes it knows.

    Examples
    --------
    >>> check_languages(["EN", "de"])
    ('en', 'de')
    """
    if languages is None:
        return LANGUAGES
    if isinstance(languages, str):
        languages = [languages]
    codes = tuple(str(code).strip().lower() for code in languages)
    known = _identifier(None).nb_classes
    unknown = [c for c in codes if c not in known]
    if unknown or not codes:
        raise ParameterError(
            "languages", list(languages), f"language codes py3langid knows: {sorted(set(known))}"
        )
    return codes


@functools.lru_cache(maxsize=32)
def _checked(languages: str | tuple | None) -> tuple[str, ...]:
    """:func:`check_languages` once per distinct choice (detection runs once per article)."""
    return check_languages(languages)


@functools.lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...] | None):
    """A py3langid identifier (bundled model, about 0.3 s to load) limited to ``languages``."""
    if languages:
        identifier = copy.copy(_identifier(None))  # the model is loaded once
        identifier.set_languages(list(languages))
        return identifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str | None, languages=None) -> tuple[str | None, float | None]:
    """Detect the language of ``text`` among ``languages``; return ``(code, probability)``.

    ``(None, None)`` when the text has fewer than :data:`MIN_LETTERS` letters.

    Examples
    --------
    >>> detect("The ministry said the strikes would continue until the talks resume.")[0]
    'en'
    """
    if not text:
        return None, None
    sample = text[:SAMPLE_CHARS]
    if len(_NOT_LETTER.sub("", sample)) < MIN_LETTERS:
        return None, None
    if languages is not None and not isinstance(languages, (str, tuple)):
        languages = tuple(languages)
    code, probability = _identifier(_checked(languages)).classify(sample)
    return code, float(probability)


def detect_language(text: str | None, languages=None) -> str | None:
    """Detect the ISO 639-1 language of ``text``; None when there are too few letters.

    Examples
    --------
    >>> detect_language("The ministry said the strikes would continue until the talks resume.")
    'en'
    >>> detect_language("42") is None
    True
    """
    return detect(text, languages)[0]


def detect_many(texts: list[str | None], languages=None) -> list[tuple[str | None, float | None]]:
    """:func:`detect` of many texts at once: the same answers, several times faster.

    py3langid walks each text's bytes through its automaton in a Python loop; here the walk
    advances every text of the batch one byte per NumPy step, and the scores are then computed
    as py3langid computes them (same features in the same order, same arithmetic).

    Examples
    --------
    >>> detect_many(["The ministry said the strikes would continue until the talks resume.",
    ...              "42"])[1]
    (None, None)
    """
    if languages is not None and not isinstance(languages, (str, tuple)):
        languages = tuple(languages)
    identifier = _identifier(_checked(languages))
    results: list[tuple[str | None, float | None]] = [(None, None)] * len(texts)
    todo, samples = [], []
    for k, text in enumerate(texts):
        if not text:
            continue
        sample = text[:SAMPLE_CHARS]
        if len(_NOT_LETTER.sub("", sample)) >= MIN_LETTERS:
            todo.append(k)
            samples.append(identifier._encode(sample))
    if not todo:
        return results
    nextmove, rowbase, output = _automaton(identifier)
    lengths = np.array([len(sample) for sample in samples])
    data = np.zeros((len(samples), int(lengths.max())), dtype=np.int64)
    for row, sample in enumerate(samples):
        data[row, : len(sample)] = np.frombuffer(sample, dtype=np.uint8)
    state = np.zeros(len(samples), dtype=np.int64)
    features = np.empty_like(data)
    for column in range(data.shape[1]):
        state = nextmove[rowbase[state] + data[:, column]]
        features[:, column] = output[state]
    features[np.arange(data.shape[1])[None, :] >= lengths[:, None]] = -1
    for row, k in enumerate(todo):
        results[k] = _classified(identifier, features[row], len(samples[row]))
    return results


@functools.lru_cache(maxsize=8)
def _automaton(identifier) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """py3langid's byte automaton as arrays: next state, row offset per state, feature per state."""
    return (
        np.asarray(identifier.tk_nextmove, dtype=np.int64),
        np.asarray(identifier._rowbase, dtype=np.int64),
        np.asarray(identifier.tk_output, dtype=np.int64),
    )


def _classified(identifier, features: np.ndarray, n_bytes: int) -> tuple[str, float]:
    """py3langid's ``classify`` of a text from the features its walk visited (-1: none), for
    the identifier of :func:`_identifier` (probabilities normalized, no minimum confidence)."""
    visited = features[features >= 0]
    if len(visited):
        found, first, counts = np.unique(visited, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")  # py3langid counts in order of first visit
        scores = (
            np.log1p(counts[order].astype(np.float32)) @ identifier.nb_ptc[found[order]]
            + identifier.nb_pc
        )
    else:
        scores = np.full(len(identifier.nb_classes), 0.0, dtype=np.float32)
    scores *= 1.0 / math.sqrt(n_bytes or 1)
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for i, j in identifier._alias_pairs:
        scores[i] += scores[j]
        scores[j] = 0.0
    best = int(scores.argmax())
    return identifier.nb_classes[best], float(scores[best])
