"""Exceptions raised by kit.

Every message names what failed (file, record, parameter or column), the bad value, and what
would be accepted, so a researcher can fix the input without reading a traceback.
"""

from __future__ import annotations


class KitError(Exception):
    """Base class of every error kit raises on purpose."""


class IngestError(KitError):
    """An input file or record could not be read into the articles table.

    Parameters
    ----------
    path : str
        The input file, relative to the corpus folder when possible.
    reason : str
        What is wrong and what would be accepted.
    record : int, optional
        1-based position of the record (line, row, article) in the file.
    """

    def __init__(self, path, reason: str, *, record: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.record = record
        where = self.path if record is None else f"{self.path}, record {record}"
        super().__init__(f"{where}: {reason}")


class SchemaError(KitError):
    """A table does not have the columns or dtypes the data model requires."""


class ParameterError(KitError):
    """A function or notebook parameter has a value that cannot be used.

    Parameters
    ----------
    name : str
        The parameter's name.
    value : object
        The value given.
    accepted : str
        What would be accepted, in words.
    """

    def __init__(self, name: str, value, accepted: str):
        self.name, self.value, self.accepted = name, value, accepted
        super().__init__(f"parameter {name}={value!r} cannot be used; expected {accepted}")


class ParameterProblems(ParameterError):
    """Several parameters cannot be used: one line per problem (``problems``).

    Its ``name``, ``value`` and ``accepted`` are those of the first problem.

    Parameters
    ----------
    problems : list of ParameterError
        The problems, each named once.
    """

    def __init__(self, problems: list[ParameterError]):
        self.problems = list(problems)
        first = self.problems[0]
        self.name, self.value, self.accepted = first.name, first.value, first.accepted
        KitError.__init__(
            self,
            f"{len(self.problems)} parameters cannot be used:\n"
            + "\n".join(f"  {p}" for p in self.problems),
        )


class LexiconError(KitError):
    """A lexicon, dictionary or actor file is malformed."""


class ReaderError(KitError):
    """A reader is unknown or registered twice."""
