"""Helpers shared by the test suite: paths, the seed body, a small articles table.

Imported one way only: ``from tests.helpers import ...``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kit.validate import coerce_articles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = SHARED / "fixtures"
SEED = ROOT / "corpus" / "raw" / "menafn" / "menafn_2024-04-14_us-reaffirms-abstaining.txt"


def shared_fixture(relative: str) -> Path:
    """Return a path under the shared fixtures folder, or skip the test when it is absent."""
    path = FIXTURES / relative
    if not path.exists():
        pytest.skip(f"shared fixture {relative} is not present (it lives beside the project)")
    return path


def shared_eval(relative: str) -> Path:
    """Return a path under the shared gold sets (``../shared/eval``), or skip when it is absent."""
    path = SHARED / "eval" / relative
    if not path.exists():
        pytest.skip(f"gold set eval/{relative} is not present (it lives beside the project)")
    return path


def committed_text(path: Path) -> str:
    """The text of ``path`` as committed (``git show HEAD:<path>``), so that a notebook saved
    in JupyterLab after a run is judged by what is committed; the file itself when git, the
    repository or the committed file is absent (a new file not committed yet)."""
    import subprocess

    try:
        relative = Path(path).resolve().relative_to(ROOT).as_posix()
        shown = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"HEAD:{relative}"],
            capture_output=True,
            check=True,
            timeout=30,
        )
        return shown.stdout.decode("utf-8")
    except (ValueError, OSError, subprocess.SubprocessError):
        return Path(path).read_text(encoding="utf-8")


def seed_body() -> str:
    """The seed article's body, cut by hand (independent of the readers under test)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = lines[3 : lines.index(next(line for line in lines if line.startswith("MENAFN1")))]
    body[0] = body[0].removeprefix("(MENAFN) ")
    return "\n\n".join(body)


_SYNTHETIC = [
    (
        "Tehran Times",
        "2024-04-15",
        "Iran says its operation against the Zionist regime was a success. "
        '"We punished the aggressor," a commander said. Officials claimed the strikes were limited.',
    ),
    (
        "Tehran Times",
        "2024-04-16",
        "Iranian officials warned the United States not to intervene. "
        "The regime in Tel Aviv was accused of escalation, according to the foreign ministry.",
    ),
    (
        "The Guardian",
        "2024-04-15",
        "Israel said it intercepted most drones and missiles launched by Iran. "
        '"This was a massive attack," an Israeli military spokesperson said. Diplomats urged restraint.',
    ),
    (
        "The Guardian",
        "2024-04-16",
        "World leaders called for de-escalation after the Iranian attack. "
        "Several people were injured, and a girl was badly hurt, officials said.",
    ),
    (
        "The Guardian",
        "2024-04-17",
        "The US said it would not take part in any Israeli counter-strike. "
        "Analysts suggested the response might be calibrated to avoid a wider war.",
    ),
]


def make_articles() -> pd.DataFrame:
    """A small articles table: the seed article plus five synthetic ones from two outlets."""
    rows = [
        dict(
            doc_id="seed",
            source="MENAFN",
            outlet="MENAFN",
            title="US reaffirms abstaining from involving in any offensive actions against Iran",
            published="2024-04-14 08:47:32",
            language="en",
            text=seed_body(),
            path="menafn/seed.txt",
            record=1,
            format="menafn",
        )
    ]
    for i, (outlet, date, text) in enumerate(_SYNTHETIC, start=1):
        rows.append(
            dict(
                doc_id=f"syn{i}",
                source="synthetic",
                outlet=outlet,
                title=text[:40],
                published=date,
                language="en",
                text=text,
                path="synthetic.jsonl",
                record=i,
                format="jsonl",
            )
        )
    df = pd.DataFrame(rows)
    df["n_words"] = df["text"].str.split().str.len()
    return coerce_articles(df)


def articles_from(texts: list[str], outlets=None, dates=None, language="en") -> pd.DataFrame:
    """A minimal articles-like table of ``texts`` (doc_ids d0, d1, ...), for measure tests."""
    n = len(texts)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "text": texts,
            "language": language,
            "outlet": outlets or ["X"] * n,
            "published": pd.to_datetime(dates or ["2024-04-14"] * n, utc=True),
        }
    )
