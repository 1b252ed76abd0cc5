"""Import pipeline: readers -> canonical text and tokens (on all cores) -> the project.

Each source file lands whole or not at all: its documents are written inside one savepoint,
and a failure rolls that file back and is reported with its path. Memory stays flat: files
are read lazily and at most a small window of texts is in flight at any time.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from itertools import groupby
from pathlib import Path

from annotator import text as textpipe
from annotator.analysis import Analysed, analyse_batch, analyse_one, uid_of, warm_up
from annotator.errors import AnnotatorError
from annotator.importers import iter_sources, read_source
from annotator.importers.records import ImportProblem, RawRecord, SourceFile
from annotator.project import Project
from annotator.store import documents as doc_sql
from annotator.store import meta as meta_sql
from annotator.store.documents import DocumentRow

__all__ = ["ImportReport", "analyse_one", "import_paths", "tokenizer_name", "uid_of"]

BATCH_SIZE = 16
# Work in flight to the worker processes: enough batches that they keep busy while this process
# indexes a few hundred documents for search, but never more text than this many characters.
BATCHES_IN_FLIGHT_PER_PROCESS = 16
CHARACTERS_IN_FLIGHT = 32_000_000
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


def _title_for(record: RawRecord, text: str) -> str:
    if record.title and record.title.strip():
        return record.title.strip()[:MAX_TITLE]
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:MAX_TITLE]
    return Path(record.origin_path).stem


def _document_row(record: RawRecord, analysed: Analysed) -> DocumentRow:
    return DocumentRow(
        uid=analysed.uid,
        title=_title_for(record, analysed.text),
        text=analysed.text,
        raw_text=record.text if record.text != analysed.text else None,
        canon_version=textpipe.CANON_VERSION,
        source=record.source,
        url=record.url,
        external_id=record.external_id,
        published=record.published,
        published_original=record.published_original,
        meta=dict(record.meta) if record.meta else None,
    )


class _Analyser:
    """Runs :func:`analyse_one` in order: in this process, or on a pool of ``processes``
    worker processes with a bounded window."""

    def __init__(self, *, processes: int, normalize: bool, strip_diacritics: bool):
        self.options = (normalize, strip_diacritics)
        self.pool: ProcessPoolExecutor | None = None
        if processes > 0:
            self.pool = ProcessPoolExecutor(max_workers=processes, mp_context=_pool_context(), initializer=warm_up)
        self.window = max(2, processes * BATCHES_IN_FLIGHT_PER_PROCESS)

    def run(self, items: Iterable[tuple[object, str]]) -> Iterator[tuple[object, Analysed]]:
        if self.pool is None:
            for key, raw in items:
                yield key, analyse_one(raw, *self.options)
            return
        pending: deque[tuple[list[object], Future[list[Analysed]], int]] = deque()
        in_flight = 0
        for batch in _batched(items, BATCH_SIZE):
            raws = [r for _, r in batch]
            pending.append(([k for k, _ in batch], self.pool.submit(analyse_batch, raws, *self.options), sum(map(len, raws))))
            in_flight += pending[-1][2]
            while len(pending) >= self.window or in_flight > CHARACTERS_IN_FLIGHT:
                in_flight -= pending[0][2]
                yield from _drain_one(pending)
        while pending:
            yield from _drain_one(pending)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _safe_to_fork() -> bool:
    """Whether forking this process is safe: Linux, no other Python thread, and no Qt, whose
    native threads could hold a lock at the moment of the fork. (numpy's BLAS threads are
    fork-safe: OpenBLAS registers fork handlers.)"""
    return sys.platform.startswith("linux") and threading.active_count() == 1 and "PySide6" not in sys.modules


def _pool_context() -> multiprocessing.context.BaseContext:
    """How import workers start. Where forking is safe (the CLI) they are forked from this
    process after it has built hazm's tokenisers, so they start at once, ready. Elsewhere (a
    GUI) they are forked from a clean server process that loaded hazm and built the tokenisers
    once (see :mod:`annotator.warm_worker`); where there is no fork at all, spawned."""
    if _safe_to_fork():
        warm_up()
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["annotator.warm_worker"])
        return context
    return multiprocessing.get_context("spawn")


def _drain_one(pending: deque) -> Iterator[tuple[object, Analysed]]:
    keys, future, _ = pending.popleft()
    yield from zip(keys, future.result(), strict=True)


def _batched(items: Iterable[tuple[object, str]], size: int) -> Iterator[list[tuple[object, str]]]:
    batch: list[tuple[object, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


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
      everything runs in this process; with ``n``, this process reads and writes while
      ``n - 1`` worker processes canonicalise and tokenise.
    :param progress: called after each file with the report so far
    :param cancelled: polled between files; when it returns true the import stops after
      the files already written
    :raises AnnotatorError: a path that does not exist or an unknown format
    """
    report = ImportReport()
    sources = list(iter_sources([Path(p) for p in paths], fmt=fmt))
    strip = project.setting("strip_diacritics", "0") == "1"
    analyser = _Analyser(
        processes=(cores or (default_cores() if len(sources) > 8 else 1)) - 1,
        normalize=normalize, strip_diacritics=strip,
    )

    def texts() -> Iterator[tuple[object, str]]:
        for index, source in enumerate(sources):
            if cancelled is not None and cancelled():
                report.cancelled = True
                return
            for record in _records(source, mapping, report):
                yield (index, record), record.text
            yield (index, None), ""  # marks the end of a file, even one with no records

    writer = _BatchWriter(project, report, tokenizer=tokenizer_name())
    try:
        for index, group in groupby(analyser.run(texts()), key=lambda item: item[0][0]):  # type: ignore[index]
            if cancelled is not None and cancelled():  # files already analysed ahead are dropped
                report.cancelled = True
                break
            writer.write_file(sources[index], group)
            report.files += 1
            if progress is not None:
                progress(report)
        writer.finish()
    finally:
        writer.abort()
        analyser.close()
    return report


def _records(source: SourceFile, mapping: Mapping[str, str] | None, report: ImportReport) -> Iterator[RawRecord]:
    for item in read_source(source, mapping=mapping):
        if isinstance(item, ImportProblem):
            report.problems.append(item)
        else:
            yield item


class _BatchWriter:
    """Writes each file in its own savepoint; every few hundred documents, indexes them for
    search in one statement and commits."""

    COMMIT_EVERY = 500

    def __init__(self, project: Project, report: ImportReport, *, tokenizer: str):
        self.project, self.report, self.tokenizer = project, report, tokenizer
        self.uncommitted = 0

    def write_file(self, source: SourceFile, group: Iterable[tuple[tuple[int, RawRecord | None], Analysed]]) -> None:
        if not self.project.db.conn.in_transaction:
            meta_sql.begin(self.project.db)
            doc_sql.defer_search_index(self.project.db)
        added = duplicates = 0
        try:
            with meta_sql.savepoint(self.project.db, "import_file"):
                for (_, record), analysed in group:
                    if record is None:
                        continue
                    if not analysed.text.strip():
                        self.report.problems.append(ImportProblem(
                            record.origin_path, record.origin_line, "no text left after canonicalisation"))
                        continue
                    _, created = self.project.add_document(
                        _document_row(record, analysed), analysed.tokens, tokenizer=self.tokenizer)
                    added += created
                    duplicates += not created
        except (AnnotatorError, sqlite3.DatabaseError) as exc:
            for _ in group:  # drain the rest of this file's results
                pass
            self.report.problems.append(ImportProblem(
                str(source.path), None, f"{exc}; nothing from this file was imported"))
            return
        self.report.added += added
        self.report.duplicates += duplicates
        self.uncommitted += added
        if self.uncommitted >= self.COMMIT_EVERY:
            self.finish()

    def finish(self) -> None:
        """Index the batch for search and commit it."""
        if self.project.db.conn.in_transaction:
            doc_sql.index_deferred_documents(self.project.db)
        meta_sql.commit(self.project.db)
        self.uncommitted = 0

    def abort(self) -> None:
        """Roll back what is not committed yet (after an unexpected error)."""
        meta_sql.rollback(self.project.db)
