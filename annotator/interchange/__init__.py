"""Import annotations made elsewhere: brat standoff, doccano JSONL, CoNLL, Label Studio JSON, Prodigy
JSONL, and our own jsonl export.

    report = import_annotations(project, [Path("brat_folder")], fmt="brat", annotator="maryam")

Readers turn files into planned documents (:mod:`annotator.interchange.plan`); the writer
(:mod:`annotator.interchange.writer`) matches their names to the tagset, refuses unknown ones with
their counts, and writes everything in one transaction: the whole command lands, or nothing does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from annotator.errors import InputError
from annotator.interchange.plan import PlannedDocument
from annotator.interchange.writer import AnnotationImportReport, write_plan
from annotator.project import Project

FORMATS: tuple[str, ...] = ("brat", "doccano", "conll", "label-studio", "prodigy", "annotator-jsonl")

__all__ = ["FORMATS", "AnnotationImportReport", "import_annotations", "read_documents"]


def read_documents(paths: Sequence[Path], fmt: str) -> list[PlannedDocument]:
    """Read every file of one annotation format into planned documents (nothing is written).

    :raises InputError: an unknown format, a missing path, or a file that cannot be read
    """
    if fmt == "brat":
        from annotator.interchange.brat import read_brat
        return read_brat(list(paths))
    if fmt == "doccano":
        from annotator.interchange.doccano import read_doccano
        return read_doccano(list(paths))
    if fmt == "conll":
        from annotator.interchange.conll import read_conll
        return read_conll(list(paths))
    if fmt == "label-studio":
        from annotator.interchange.label_studio import read_label_studio
        return read_label_studio(list(paths))
    if fmt == "prodigy":
        from annotator.interchange.prodigy import read_prodigy
        return read_prodigy(list(paths))
    if fmt == "annotator-jsonl":
        from annotator.interchange.own_jsonl import read_own_jsonl
        return read_own_jsonl(list(paths))
    raise InputError(f"unknown annotation format {fmt!r}; use one of {', '.join(FORMATS)}")


def import_annotations(
    project: Project, paths: Sequence[str | Path], *, fmt: str, annotator: str | None = None,
    label_map: Mapping[str, str] | None = None, skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
) -> AnnotationImportReport:
    """Import annotated documents into ``project`` in one transaction.

    :param fmt: ``brat``, ``doccano``, ``conll``, ``label-studio``, ``prodigy`` or ``annotator-jsonl``
    :param annotator: whose annotations they become (required unless the files name one)
    :param label_map: their label or relation type -> ours, applied before matching the tagset
    :param skip_invalid: leave out annotations that break the tagset's rules instead of refusing
    :param progress: called with (documents written, documents in all)
    :param cancelled: polled between documents; true rolls the whole import back
    :raises InputError: unreadable files, unknown labels (with counts), or rule violations
    """
    documents = read_documents([Path(p) for p in paths], fmt)
    return write_plan(project, documents, annotator=annotator, label_map=label_map,
                      skip_invalid=skip_invalid, progress=progress, cancelled=cancelled)
