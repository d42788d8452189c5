"""Which articles English resources apply to (kit.text.languages)."""

from __future__ import annotations

import pandas as pd

from kit import text as T


def test_language_mask_and_counts():
    arts = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "language": pd.array(["en", "de", pd.NA, "en"], dtype="string"),
        }
    )
    assert T.language_mask(arts, "en").tolist() == [True, False, False, True]
    assert T.language_mask(arts, None).all()
    assert T.language_mask(arts.drop(columns="language"), "en").all()
    counts = T.language_counts(arts).set_index("language")["n_articles"].to_dict()
    assert counts == {"en": 2, "de": 1, "unknown": 1}
    # without a language column every article counts as English, as language_mask says
    assert T.language_counts(arts.drop(columns="language"))["language"].tolist() == ["en"]
    kept, skipped = T.in_language(arts)
    assert kept["doc_id"].tolist() == ["a", "d"] and skipped == {"de": 1, "unknown": 1}
