"""kit's bundled lexicons and word lists: data files, each with a header naming its source.

The YAML and text files beside this module are the data (see their headers); this module and
:mod:`~kit.lexicons.actors` read them. Rule-based code (the sentence splitter, the speaker
finder, the agency measure) takes its closed word lists from here instead of hard-coding them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from kit import config
from kit.errors import LexiconError


def bundled(name: str) -> Path:
    """Path of the bundled lexicon file ``name`` (e.g. ``"frames.yml"``).

    Raises
    ------
    LexiconError
        When kit ships no such file.

    Examples
    --------
    >>> bundled("actors.yml").name
    'actors.yml'
    """
    path = config.LEXICONS_DIR / name
    if not path.is_file():
        shipped = sorted(p.name for p in config.LEXICONS_DIR.iterdir() if p.suffix != ".py")
        raise LexiconError(f"kit ships no lexicon {name!r}; bundled: {', '.join(shipped)}")
    return path


@cache
def word_lists(name: str) -> dict[str, frozenset[str]]:
    """Read a bundled word-list file (``<name>.yml``: list name -> words).

    Examples
    --------
    >>> sorted(word_lists("speaker_words")["person_pronouns"])
    ['he', 'she']
    """
    path = bundled(f"{name}.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in data.values()
    ):
        raise LexiconError(f"{path}: expected a mapping of list names to lists of words")
    return {key: frozenset(words) for key, words in data.items()}
