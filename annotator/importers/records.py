"""What the readers hand to ingestion: raw records, problems, and the files they come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.errors import InputError

#: The record fields a ``--map FIELD=NAME`` option can point at another column/key.
FIELDS: tuple[str, ...] = ("text", "title", "url", "date", "id", "source")


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One article as read from a file, before canonicalisation and tokenisation.

    ``published`` is an ISO date (``YYYY-MM-DD``) or datetime, or None;
    ``published_original`` is the date as written when that was not already ISO
    (Jalali, Persian digits, slashes...), or when it could not be parsed at all.
    ``origin_line`` is the 1-based line the record starts on (None for one-file-one-article).
    """

    text: str
    title: str | None
    url: str | None
    published: str | None
    published_original: str | None
    source: str | None
    external_id: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    origin_path: str = ""
    origin_line: int | None = None


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A file, line or record that was not imported, and why (with what to do about it).

    ``skipped`` marks files that were deliberately passed over (unknown extension...),
    as opposed to bad input.
    """

    path: str
    line: int | None
    reason: str
    skipped: bool = False

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"

    def to_error(self) -> InputError:
        """The same problem as an exception, e.g. to abort on the first one."""
        return InputError(self.reason, path=self.path, line=self.line)

    @classmethod
    def from_error(cls, exc: InputError, path: str | Path) -> ImportProblem:
        return cls(exc.path or str(path), exc.line, exc.reason)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read and the format to read it as.

    ``skip_reason`` is set (and ``format`` is ``"unknown"``) for a file that will not be
    read; :func:`annotator.importers.read_source` turns it into a skipped problem.
    """

    path: Path
    format: str
    skip_reason: str | None = None
