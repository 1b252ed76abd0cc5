"""Shared helpers: timing, memory, corpus building, result files."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

RESULTS = Path("bench-results")


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


@contextmanager
def timer() -> Iterator[Callable[[], float]]:
    start = time.perf_counter()
    elapsed: list[float] = []
    yield lambda: elapsed[0] if elapsed else time.perf_counter() - start
    elapsed.append(time.perf_counter() - start)


def best_of(n: int, func: Callable[[], Any]) -> float:
    """The fastest of ``n`` runs, in seconds."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def corpus_texts(count: int, extra_dirs: list[Path]) -> list[str]:
    """``count`` distinct article texts: the project's samples plus any folders given, cycled,
    each copy made unique by a numbered last line so deduplication does not skip it."""
    from annotator.samples import sample_texts

    base = list(sample_texts())
    for folder in extra_dirs:
        base += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.txt"))]
    return [f"{base[i % len(base)]}\nنسخه {i}" for i in range(count)]


def write_result(name: str, figures: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    print(f"\n== {name}")
    for key, value in figures.items():
        shown = f"{value:.4g}" if isinstance(value, float) else value
        print(f"  {key:<44} {shown}")
