"""The import's work, cut into units and run in order: in this process or on worker processes.

A unit is either a few whole files that a worker reads and analyses itself (one article per
file: txt), or a chunk of records this process read from a streamed file (jsonl, csv), of
which only the texts travel. :class:`Analyser` runs the units and yields their
:data:`~annotator.analysis.Entry` items in file order, keeping a bounded window in flight so
that memory stays flat; where the workers are forked from this process it also runs units
itself whenever the oldest one is not back yet, instead of waiting for it.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from annotator.analysis import Entry, prepare_batch, read_and_prepare, warm_up
from annotator.importers import read_source
from annotator.importers.records import ImportProblem, RawRecord, SourceFile

BATCH_SIZE = 16  # records or files per unit
BATCH_CHARACTERS = 4_000_000  # and at most about this much text
# Work in flight to the worker processes: enough units that they keep busy while the writer
# indexes a few hundred documents for search, but never more text than this.
UNITS_IN_FLIGHT_PER_PROCESS = 64
CHARACTERS_IN_FLIGHT = 32_000_000
_READ_BY_WORKERS = frozenset({"txt"})  # one article per file


@dataclass(frozen=True, slots=True)
class ReadFiles:
    """Whole files, read and analysed by whoever runs the unit."""

    files: list[tuple[int, SourceFile]]
    size: int  # bytes on disk, for the window


@dataclass(frozen=True, slots=True)
class AnalyseTexts:
    """Records of one file read here, and the problems met reading them; ``ends_file`` when
    no more of that file follow."""

    index: int
    records: list[RawRecord]
    problems: list[ImportProblem]
    ends_file: bool

    @property
    def size(self) -> int:
        return sum(len(record.text) for record in self.records)


Unit = ReadFiles | AnalyseTexts


def plan(sources: list[SourceFile], mapping: Mapping[str, str] | None, *, cancelled: Callable[[], bool]) -> Iterator[Unit]:
    """The units for ``sources``, in order. Streamed files are read here as the units are
    taken; ``cancelled`` is asked before each file."""
    files: list[tuple[int, SourceFile]] = []
    size = 0
    for index, source in enumerate(sources):
        if cancelled():
            return
        if source.format in _READ_BY_WORKERS and source.skip_reason is None:
            files.append((index, source))
            size += _file_size(source.path)
            if len(files) >= BATCH_SIZE or size >= BATCH_CHARACTERS:
                yield ReadFiles(files, size)
                files, size = [], 0
            continue
        if files:
            yield ReadFiles(files, size)
            files, size = [], 0
        yield from _streamed(index, source, mapping)
    if files:
        yield ReadFiles(files, size)


def _streamed(index: int, source: SourceFile, mapping: Mapping[str, str] | None) -> Iterator[AnalyseTexts]:
    chunk: list[RawRecord] = []
    problems: list[ImportProblem] = []
    characters = 0
    for item in read_source(source, mapping=mapping):
        if isinstance(item, ImportProblem):
            problems.append(item)
            continue
        chunk.append(item)
        characters += len(item.text)
        if len(chunk) >= BATCH_SIZE or characters >= BATCH_CHARACTERS:
            yield AnalyseTexts(index, chunk, problems, ends_file=False)
            chunk, problems, characters = [], [], 0
    yield AnalyseTexts(index, chunk, problems, ends_file=True)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class Analyser:
    """Runs units in order: in this process, or on ``processes`` worker processes."""

    def __init__(self, *, processes: int, mapping: Mapping[str, str] | None, normalize: bool, strip_diacritics: bool):
        self.mapping = dict(mapping) if mapping else None
        self.options = (normalize, strip_diacritics)
        self.pool: ProcessPoolExecutor | None = None
        self.helps = False  # whether this process runs units too while it waits
        if processes > 0:
            context = _pool_context()
            self.pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=warm_up)
            # Only where the workers are forked from here: this process has hazm loaded then.
            # A GUI keeps its own process light and lets the workers do all of it.
            self.helps = context.get_start_method() == "fork"
        self.window = max(2, processes * UNITS_IN_FLIGHT_PER_PROCESS)

    def run(self, units: Iterable[Unit]) -> Iterator[Entry]:
        """The entries of every unit, in order. With workers, this process keeps up to a
        window of units in flight, and (where it :attr:`helps`) while the oldest is not back
        it runs the next unit itself rather than wait, so that every core is kept busy."""
        if self.pool is None:
            for unit in units:
                yield from _entries(unit, self._perform(unit))
            return
        units = iter(units)
        pending: deque[tuple[Unit, Future | list]] = deque()
        in_flight = 0  # text in pending units, wherever they are
        while True:
            queued = sum(isinstance(outcome, Future) for _, outcome in pending)
            while queued < self.window and in_flight <= CHARACTERS_IN_FLIGHT:
                unit = next(units, None)
                if unit is None:
                    break
                pending.append((unit, self._submit(unit)))
                in_flight += unit.size
                queued += 1
            if not pending:
                return
            while self.helps and _waiting(pending[0][1]) and in_flight <= CHARACTERS_IN_FLIGHT:
                unit = next(units, None)
                if unit is None:
                    break
                pending.append((unit, self._perform(unit)))  # done here, by the time its turn comes
                in_flight += unit.size
            in_flight -= pending[0][0].size
            yield from self._drain_one(pending)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _perform(self, unit: Unit) -> list:
        if isinstance(unit, ReadFiles):
            return read_and_prepare(unit.files, self.mapping, *self.options)
        return prepare_batch([record.text for record in unit.records], *self.options)

    def _submit(self, unit: Unit) -> Future | list:
        assert self.pool is not None
        if isinstance(unit, AnalyseTexts) and not unit.records:
            return []  # nothing to analyse: only the end of a file
        if isinstance(unit, ReadFiles):
            return self.pool.submit(read_and_prepare, unit.files, self.mapping, *self.options)
        return self.pool.submit(prepare_batch, [record.text for record in unit.records], *self.options)

    @staticmethod
    def _drain_one(pending: deque) -> Iterator[Entry]:
        unit, outcome = pending.popleft()
        yield from _entries(unit, outcome.result() if isinstance(outcome, Future) else outcome)


def _waiting(outcome: Future | list) -> bool:
    return isinstance(outcome, Future) and not outcome.done()


def _entries(unit: Unit, outcome: list) -> Iterator[Entry]:
    if isinstance(unit, ReadFiles):
        yield from outcome
        return
    yield from ((unit.index, problem, None) for problem in unit.problems)
    yield from ((unit.index, record, analysed) for record, analysed in zip(unit.records, outcome, strict=True))
    if unit.ends_file:
        yield unit.index, None, None


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
