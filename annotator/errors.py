"""Exceptions the core raises, each with a message a user can act on.

The CLI turns any :class:`AnnotatorError` into one line on stderr and a non-zero exit;
the UI shows it in its one error presenter. Anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path


class AnnotatorError(Exception):
    """Base class: a problem the user can fix, with a readable message."""


class NotFoundError(AnnotatorError):
    """A document, span, actor or annotator that does not exist."""


class ValidationError(AnnotatorError):
    """An edit that breaks a rule (offsets, tagset, cardinality)."""


class TagsetError(AnnotatorError):
    """A tagset file that is invalid, or a tagset change that would lose data."""


class ProjectFileError(AnnotatorError):
    """A file that is not a project database, is corrupt, or is from a newer version."""


class InputError(AnnotatorError):
    """Bad input data: names the file and, where it applies, the line.

    :param reason: what is wrong and what to do about it
    :param path: the file it is about
    :param line: 1-based line number inside that file, when it applies
    """

    def __init__(self, reason: str, *, path: str | Path | None = None, line: int | None = None):
        self.reason = reason
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.reason}" if where else self.reason
