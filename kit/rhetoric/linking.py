"""Linking speakers to actors of the actor table, and the person names it lists."""

from __future__ import annotations

import pandas as pd

from kit.lexicons.actors import find_mentions


def person_names(actors: pd.DataFrame) -> dict[str, str]:
    """Case-folded person aliases of the actor table -> the fullest name of that person.

    "netanyahu" -> "Benjamin Netanyahu" when the table lists both for the same actor.
    """
    people = actors[actors["kind"] == "person"]
    names = list(zip(people["actor"], people["alias"]))
    out = {}
    for actor, alias in names:
        longer = [a for act, a in names if act == actor and a.endswith(" " + alias)]
        out[alias.casefold()] = max(longer, key=len) if longer else alias
    return out


def place_names(actors: pd.DataFrame) -> frozenset:
    """Case-folded aliases of kind "name" (countries, institutions): never a person."""
    return frozenset(a.casefold() for a in actors.loc[actors["kind"] != "person", "alias"])


def link_actors(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """One find_mentions call over all distinct speaker strings (speaker + role)."""
    probe = (quotes["speaker"].fillna("") + " " + quotes["role"].fillna("")).str.strip()
    texts = pd.unique(probe[probe != ""])
    if len(texts) == 0:
        return pd.Series(pd.NA, index=quotes.index, dtype="string")
    found = find_mentions(
        pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": list(texts)}), actors
    )
    found["length"] = found["end"] - found["start"]
    best = found.sort_values("length", ascending=False).drop_duplicates("doc_id")
    lookup = {texts[int(d)]: a for d, a in zip(best["doc_id"], best["actor"])}
    return probe.map(lookup).astype("string")
