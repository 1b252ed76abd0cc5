"""What every format writer gets and gives: the export context and the writer interface."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from annotator.errors import AnnotatorError
from annotator.model import Tokenization
from annotator.splits import SPLIT_NAMES
from annotator.tagset import Tagset

#: File stems per split for the formats that write one file per split (spaCy's own names).
SPLIT_FILES = {"train": "train", "validation": "dev", "test": "test"}


@dataclass
class ExportContext:
    """What a writer needs besides the records.

    :param folder: where to write (a fresh folder the exporter moves into place at the end)
    :param tagset: the project's tagset (label order, colours, attribute types)
    :param splits: the split names in use, or None when the export is not split
    :param warnings: lines for the report and the dataset card; writers append to it
    """

    folder: Path
    tagset: Tagset
    splits: tuple[str, ...] | None
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label_order(self) -> tuple[str, ...]:
        return self.tagset.label_names

    def split_names(self) -> tuple[str, ...]:
        return self.splits or SPLIT_NAMES


class Writer(Protocol):
    """A format: takes records one at a time, then writes what is left and names its files."""

    def add(self, record: dict[str, Any], tokenization: Tokenization) -> None: ...

    def finish(self) -> list[str]: ...


class MissingExtra(AnnotatorError):
    """An optional dependency an export format needs is not installed."""


def require(module: str, fmt: str) -> Any:
    """Import an optional dependency, or say how to install it.

    :param module: ``datasets`` or ``spacy``
    :param fmt: the export format that needs it
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(f"--format {fmt} needs the {module} package; install it with "
                           "pip install 'annotator[export]'") from exc


def text_of(tokens: Sequence[tuple[int, int]], text: str) -> list[str]:
    """The token strings of a tokenisation."""
    return [text[s:e] for s, e in tokens]
