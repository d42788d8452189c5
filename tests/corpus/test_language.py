"""Language codes given by inputs, and detection without any download."""

from __future__ import annotations

import json

import pytest

from kit import read_articles
from kit.corpus.language import (
    LANGUAGES,
    check_languages,
    detect,
    detect_language,
    language_code,
)
from kit.errors import ParameterError
from tests.helpers import SHARED, seed_body

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


# English headlines of the shared demo corpus that py3langid's full 97-language model calls
# Nigerian Pidgin (checked when this test was written; the test asserts the restricted model).
PIDGIN_LOOKALIKES = [
    "Saudi Arabia fears Hajj swine flu outbreak as four pilgrims die",
    "United States military kills Qasem Soleimani",
    "Iranian government official Mohammad Mir-Mohammadi dies of COVID-19",
]


@pytest.mark.parametrize("headline", PIDGIN_LOOKALIKES)
def test_clean_english_is_not_called_pidgin(headline):
    import py3langid

    assert py3langid.classify(headline)[0] == "pcm"  # what the unrestricted model says
    assert detect_language(headline) == "en"


def test_detection_is_restricted_to_the_languages_asked_for():
    text = SAMPLES["de"]
    assert detect_language(text) == "de"
    assert detect_language(text, languages=["en", "fr"]) in {"en", "fr"}
    _, probability = detect(text, languages=["en", "fr"])
    assert probability < detect(text)[1]
    with pytest.raises(ParameterError, match="languages"):
        detect_language(text, languages=["en", "klingon"])
    assert check_languages(None) == LANGUAGES and "pcm" not in LANGUAGES


def test_shared_english_headlines_are_english():
    """Every headline of the shared demo corpus: the hardest short texts we have."""
    demo = SHARED / "demo_corpus" / "wikinews_middle_east.jsonl"
    if not demo.exists():
        pytest.skip("the shared demo corpus is not present")
    titles = [json.loads(line)["title"] for line in demo.read_text().splitlines() if line]
    codes = [detect_language(t) for t in titles]
    assert "pcm" not in codes
    assert sum(c == "en" for c in codes) >= 0.97 * sum(c is not None for c in codes)


def test_low_confidence_detections_are_reported(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"text": "Wikinews Shorts: January 7, 2009"})
        + "\n"
        + json.dumps({"title": "Strikes", "text": SAMPLES["en"]})
        + "\n"
    )
    report = read_articles(tmp_path, progress=False).attrs["ingest_report"]
    low = [w for w in report["warnings"] if "low confidence" in w["reason"]]
    assert [w["record"] for w in low] == [1]


def test_a_restricted_model_shares_the_loaded_one_and_detects_the_same():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from kit.corpus.language import _identifier, detect

    fresh = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    fresh.set_languages(["en", "de", "fr"])
    texts = [
        "The ministry said the strikes would continue until the talks resume.",
        "Das Ministerium erklärte, die Angriffe würden fortgesetzt, bis die Gespräche beginnen.",
        "Le ministère a déclaré que les frappes continueraient jusqu'à la reprise des pourparlers.",
    ]
    for text in texts:
        code, probability = fresh.classify(text)
        assert detect(text, ["en", "de", "fr"]) == detect(text, ("en", "de", "fr"))
        assert detect(text, ("en", "de", "fr")) == (code, float(probability))
    assert _identifier(None).nb_classes != _identifier(("en", "de", "fr")).nb_classes


_MIXED = [
    "The ministry said the strikes would continue until the talks resume.",
    "Iran strikes back",  # a short headline: an uncertain detection
    "Das Ministerium erklärte, die Angriffe würden fortgesetzt, bis die Gespräche beginnen.",
    "Министерство заявило, что удары продолжатся до возобновления переговоров.",
    "外交部表示，在谈判恢复之前，打击将继续进行。外交部表示，打击将继续。",
    "قالت الوزارة إن الضربات ستستمر حتى استئناف المحادثات بين الطرفين",
    "ALL CAPITALS: THE MINISTRY SAID THE STRIKES WOULD CONTINUE",
    "",
    None,
    "42 17 99 !!!",
    "x" * 400,
    "Headline\n" + "Ein langer Text über die Gespräche in Oman und die Folgen. " * 20,
]


@pytest.mark.parametrize("languages", [None, ["en", "de"]])
def test_detecting_many_texts_at_once_gives_the_answers_of_one_at_a_time(languages):
    from kit.corpus.language import detect, detect_many

    assert detect_many(_MIXED, languages) == [detect(text, languages) for text in _MIXED]
    assert detect_many([], languages) == []
