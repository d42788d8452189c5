"""Checks of ``kit run`` parameters made once, before any notebook starts.

Every value is checked against the type each notebook declares for it (papermill's
``inspect_notebook``, see :func:`kit.runs.notebooks.declared_parameters`) and, where it is
cheap, against the corpus: dates parse, ``outlets`` and ``languages`` are present, ``group_by``
is a column or a period of ``published``, ``time_unit`` is known, file parameters exist. Every
problem is reported once, whatever the number of notebooks declaring the parameter, and all of
them at once: the names and types first (:func:`name_problems`, :func:`type_problems`), then
the corpus checks of the other parameters (:func:`unflagged`, :func:`corpus_problems`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit import config
from kit.corpus.load import select_articles
from kit.errors import ParameterError, ParameterProblems
from kit.parallel import resolve_jobs
from kit.text.periods import group_values, resolve_time_unit

#: papermill's inferred type name -> (Python types accepted, words for the message).
TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "str": ((str,), "a string"),
    "int": ((int,), "an integer"),
    "float": ((int, float), "a number"),
    "bool": ((bool,), "true or false"),
    "list": ((list,), "a list"),
    "dict": ((dict,), "a mapping"),
}
#: Selection parameters checked with :func:`kit.corpus.load.select_articles`.
SELECTION = ("date_from", "date_to", "outlets", "languages")
#: Parameters naming a file (``actors``) or a mapping of files (``lexicon_overrides``).
FILE_PARAMETERS = ("actors", "lexicon_overrides")
#: Parameters whose values are checked beyond their type, by the function the notebooks call.
VALUE_CHECKS = {"jobs": resolve_jobs}


def type_problem(name: str, value, type_name: str) -> ParameterError | None:
    """The problem of ``value`` for a parameter declared ``type_name`` (None when it fits).

    Unknown type names (no annotation) accept anything; a bool is no number; a bare string
    for a list gets the hint of writing it as a YAML list.

    Examples
    --------
    >>> print(type_problem("terms", "iran", "list"))
    parameter terms='iran' cannot be used; expected a list: write -p terms '[iran]'
    >>> type_problem("confidence", 1, "float") is None
    True
    """
    if type_name not in TYPES:
        return None
    accepted, words = TYPES[type_name]
    fits = isinstance(value, accepted) and not (isinstance(value, bool) and bool not in accepted)
    if fits:
        return None
    if type_name == "list" and isinstance(value, (str, int, float)):
        return ParameterError(name, value, f"a list: write -p {name} '[{value}]'")
    return ParameterError(name, value, f"{words} (the notebooks declare {type_name})")


def name_problems(
    parameters: dict, declared: dict[Path, dict], refused: tuple[str, ...] = ()
) -> list[ParameterError]:
    """A problem for each parameter no notebook of ``declared`` declares, and for each of
    ``refused`` (the parameters ``kit run`` sets itself).

    Examples
    --------
    >>> declared = {Path("a.ipynb"): {"terms": {}}}
    >>> [p.name for p in name_problems({"terms": [], "nope": 1}, declared)]
    ['nope']
    """
    known = sorted(set().union(*(d.keys() for d in declared.values())))
    problems = []
    for name, value in parameters.items():
        if name in refused:
            accepted = "no value: kit run writes into the run folder (name it with --run-id)"
            problems.append(ParameterError(name, value, accepted))
        elif name not in known:
            accepted = f"a parameter declared by the notebooks run: {known}"
            problems.append(ParameterError(name, value, accepted))
    return problems


def type_problems(parameters: dict, declared: dict[Path, dict]) -> list[ParameterError]:
    """Every value that does not fit the type a notebook declares for it, once per parameter."""
    problems: dict[str, ParameterError] = {}
    for params in declared.values():
        for name, value in parameters.items():
            if name in params and name not in problems:
                problem = type_problem(name, value, params[name]["inferred_type_name"])
                if problem is None and name in VALUE_CHECKS:
                    try:
                        VALUE_CHECKS[name](value)
                    except ParameterError as exc:
                        problem = exc
                if problem is not None:
                    problems[name] = problem
    return list(problems.values())


def _corpus_frame(corpus_path: Path) -> pd.DataFrame:
    """The columns of the corpus the checks read, and every other column's name (empty)."""
    import pyarrow.parquet as pq

    from kit.corpus.load import parquet_files

    names = pq.read_schema(parquet_files(corpus_path)[0]).names  # a file, or the first part
    read = [c for c in ("published", "outlet", "language", "duplicate_of") if c in names]
    table = pd.read_parquet(corpus_path, columns=read)
    for name in names:
        if name not in table:
            table[name] = pd.NA
    return table[names]


def _selection_problems(parameters: dict, articles: pd.DataFrame) -> list[ParameterError]:
    given = {k: parameters[k] for k in SELECTION if k in parameters}
    problems = []
    for name, value in given.items():
        try:
            select_articles(articles, **{name: value}, include_duplicates=True)
        except ParameterError as exc:
            problems.append(exc)
    if not problems and given:
        try:
            select_articles(
                articles,
                **given,
                include_duplicates=bool(parameters.get("include_duplicates", False)),
            )
        except ParameterError as exc:
            problems.append(exc)
    return problems


def _file_problems(name: str, value) -> list[ParameterError]:
    values = value.values() if isinstance(value, dict) else [value]
    return [
        ParameterError(name, v, "an existing file (relative to the project or an absolute path)")
        for v in values
        if isinstance(v, str) and v.strip() and not config.project_path(v).is_file()
    ]


def corpus_problems(parameters: dict, corpus_path: str | Path) -> list[ParameterError]:
    """Problems of the selection, ``group_by``, ``time_unit`` and file parameters, checked
    against the corpus at ``corpus_path`` (only its small columns are read)."""
    articles = _corpus_frame(Path(corpus_path))
    problems = _selection_problems(parameters, articles)
    if "group_by" in parameters:
        try:
            group_values(articles.head(0), parameters["group_by"])
        except ParameterError as exc:
            problems.append(exc)
    if "time_unit" in parameters:
        try:
            resolve_time_unit(parameters["time_unit"], articles["published"].head(0))
        except ParameterError as exc:
            problems.append(exc)
    for name in FILE_PARAMETERS:
        if name in parameters:
            problems.extend(_file_problems(name, parameters[name]))
    return problems


def unflagged(parameters: dict, problems: list[ParameterError]) -> dict:
    """``parameters`` without those ``problems`` name: the ones left for further checks, so
    that each parameter is reported once.

    Examples
    --------
    >>> unflagged({"jobs": -1, "group_by": "x"}, [ParameterError("jobs", -1, "0 or more")])
    {'group_by': 'x'}
    """
    flagged = {p.name for p in problems}
    return {k: v for k, v in parameters.items() if k not in flagged}


def combined(problems: list[ParameterError]) -> ParameterError:
    """The one problem, or :class:`~kit.errors.ParameterProblems` holding several."""
    return problems[0] if len(problems) == 1 else ParameterProblems(problems)


def raise_problems(problems: list[ParameterError]) -> None:
    """Raise :func:`combined` of ``problems``, when there is any."""
    if problems:
        raise combined(problems)
