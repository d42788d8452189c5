"""Language codes given by inputs, and detection without any download."""

from __future__ import annotations

import pytest

from kit.corpus.language import detect_language, language_code
from tests.helpers import seed_body

SAMPLES = {
    "en": seed_body(),
    "de": "Die iranischen Angriffe auf Israel haben in der Nacht zu Sonntag begonnen, teilte "
    "das Militär mit. Hunderte Drohnen wurden abgefangen.",
    "fr": "Les frappes iraniennes contre Israël ont commencé dans la nuit de samedi à dimanche, "
    "selon l'armée. Des centaines de drones ont été interceptés.",
    "ar": "بدأت الهجمات الإيرانية على إسرائيل ليلة السبت، وفقا للجيش. تم اعتراض مئات الطائرات "
    "المسيرة.",
    "fa": "حملات ایران به اسرائیل در شب شنبه آغاز شد و صدها پهپاد رهگیری شدند، به گفته ارتش.",
    "he": "התקיפות האיראניות על ישראל החלו בליל שבת, כך מסר הצבא. מאות כלי טיס יורטו.",
    "ru": "Иранские удары по Израилю начались в ночь на воскресенье, сообщили военные. Сотни "
    "беспилотников были перехвачены.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_detects_the_languages_of_the_conflict_coverage(code):
    assert detect_language(SAMPLES[code]) == code


def test_too_little_text_is_unknown():
    assert detect_language("") is None
    assert detect_language("12:45 GMT -- 2024") is None


@pytest.mark.parametrize(
    "given, code",
    [
        ("en", "en"),
        ("EN-gb", "en"),
        ("English", "en"),
        ("eng", "en"),
        ("Farsi", "fa"),
        ("per", "fa"),
        ("ar_SA", "ar"),
        (None, None),
        ("", None),
        ("Klingon", None),
        (float("nan"), None),
    ],
)
def test_language_codes(given, code):
    assert language_code(given) == code
