"""Import pipeline: readers -> canonical text and tokens (on all cores) -> the project.

Each source file lands whole or not at all: its documents are written inside one savepoint,
and a failure rolls that file back and is reported with its path. Memory stays flat: files
are read lazily and at most a small window of texts is in flight at any time.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from annotator import text as textpipe
from annotator.analysis import Entry, Prepared, analyse_one, uid_of
from annotator.errors import AnnotatorError
from annotator.ids import DocumentId
from annotator.importers import check_mapping, iter_sources
from annotator.importers.records import ImportProblem, RawRecord, SourceFile
from annotator.ingest_work import Analyser, plan
from annotator.project import Project
from annotator.search_words import search_text
from annotator.store import documents as doc_sql
from annotator.store import meta as meta_sql
from annotator.store.documents import DocumentRow

__all__ = ["ImportReport", "analyse_one", "import_paths", "tokenizer_name", "uid_of"]

MAX_TITLE = 300


@cache
def tokenizer_name() -> str:
    """Names the tokeniser whose offsets are stored, with hazm's version."""
    try:
        return f"hazm-{metadata.version('hazm')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - hazm is a hard dependency
        return "hazm"


@dataclass
class ImportReport:
    """What an import did: counts, and one problem line per file or record that was skipped."""

    added: int = 0
    duplicates: int = 0
    files: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    cancelled: bool = False

    @property
    def skipped(self) -> int:
        return len(self.problems)


def _title_for(record: RawRecord, prepared: Prepared) -> str:
    if record.title and record.title.strip():
        return record.title.strip()[:MAX_TITLE]
    if prepared.first_line:
        return prepared.first_line[:MAX_TITLE]
    return Path(record.origin_path).stem


def _document_row(record: RawRecord, prepared: Prepared) -> DocumentRow:
    return DocumentRow(
        uid=prepared.uid,
        title=_title_for(record, prepared),
        text=prepared.text,
        char_count=prepared.char_count,
        raw_text=prepared.raw,
        canon_version=textpipe.CANON_VERSION,
        source=record.source,
        url=record.url,
        external_id=record.external_id,
        published=record.published,
        published_original=record.published_original,
        meta=dict(record.meta) if record.meta else None,
    )


def default_cores() -> int:
    """Cores for a large import: all of them, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))


def import_paths(
    project: Project,
    paths: Sequence[str | Path],
    *,
    fmt: str = "auto",
    mapping: Mapping[str, str] | None = None,
    normalize: bool = False,
    cores: int | None = None,
    progress: Callable[[ImportReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import files and folders into ``project``.

    :param fmt: ``auto`` (by extension), ``txt``, ``jsonl`` or ``csv``
    :param mapping: field names of the input for ``text``, ``title``, ... (jsonl, csv)
    :param normalize: also apply hazm's full normaliser (changes the text; off by default)
    :param cores: CPU cores to use (default: all, for more than a few files). With one,
      everything runs in this process; with ``n``, ``n - 1`` worker processes read the
      one-article files and canonicalise and tokenise, while this process reads the streamed
      files and writes (see :mod:`annotator.ingest_work`).
    :param progress: called after each file with the report so far
    :param cancelled: polled between files; when it returns true the import stops after
      the files already written
    :raises AnnotatorError: a path that does not exist or an unknown format
    """
    report = ImportReport()
    sources = list(iter_sources([Path(p) for p in paths], fmt=fmt))
    check_mapping(mapping)
    strip = project.setting("strip_diacritics", "0") == "1"
    analyser = Analyser(
        processes=(cores or (default_cores() if len(sources) > 8 else 1)) - 1,
        mapping=mapping, normalize=normalize, strip_diacritics=strip,
    )

    def stop() -> bool:
        if cancelled is not None and cancelled():
            report.cancelled = True
        return report.cancelled

    writer = _BatchWriter(project, report, tokenizer=tokenizer_name())
    try:
        units = plan(sources, mapping, cancelled=stop)
        for index, entries in groupby(analyser.run(units), key=itemgetter(0)):
            if stop():  # files already analysed ahead are dropped
                break
            writer.write_file(sources[index], entries)
            report.files += 1
            if progress is not None:
                progress(report)
        writer.finish()
    finally:
        writer.abort()
        analyser.close()
    return report


class _BatchWriter:
    """Writes each file in its own savepoint; every few hundred documents, indexes them for
    search in one statement and commits."""

    COMMIT_EVERY = 500

    def __init__(self, project: Project, report: ImportReport, *, tokenizer: str):
        self.project, self.report, self.tokenizer = project, report, tokenizer
        self.unindexed: list[tuple[DocumentId, str, bytes]] = []  # written, not yet in the search index

    def write_file(self, source: SourceFile, entries: Iterable[Entry]) -> None:
        """Write one file's records in one savepoint; a failure leaves none of them."""
        if not self.project.db.conn.in_transaction:
            meta_sql.begin(self.project.db)
        added = duplicates = 0
        problems: list[ImportProblem] = []
        written: list[tuple[DocumentId, str, bytes]] = []
        try:
            with meta_sql.savepoint(self.project.db, "import_file"):
                for _, record, prepared in entries:
                    if isinstance(record, ImportProblem):
                        problems.append(record)
                    elif record is None:
                        continue  # the end of the file
                    elif prepared is None:
                        problems.append(ImportProblem(
                            record.origin_path, record.origin_line, "no text left after canonicalisation"))
                    else:
                        row = _document_row(record, prepared)
                        document_id, created = self.project.add_document(
                            row, prepared.tokens, tokenizer=self.tokenizer, index_for_search=False)
                        if created:
                            written.append((document_id, search_text(row.title), prepared.search))
                        added += created
                        duplicates += not created
        except (AnnotatorError, sqlite3.DatabaseError) as exc:
            for _ in entries:  # drain the rest of this file's entries
                pass
            self.report.problems += problems
            self.report.problems.append(ImportProblem(
                str(source.path), None, f"{exc}; nothing from this file was imported"))
            return
        self.report.problems += problems
        self.report.added += added
        self.report.duplicates += duplicates
        self.unindexed += written
        if len(self.unindexed) >= self.COMMIT_EVERY:
            self.finish()

    def finish(self) -> None:
        """Index the batch for search and commit it."""
        if self.unindexed:
            doc_sql.index_for_search(self.project.db, self.unindexed)
            self.unindexed = []
        meta_sql.commit(self.project.db)

    def abort(self) -> None:
        """Roll back what is not committed yet (after an unexpected error)."""
        meta_sql.rollback(self.project.db)
