"""Short Persian news-style articles written for this project, used by the default
project, the tests and the benchmarks. They carry the real phenomena: ZWNJ, Arabic ي/ك,
Persian and Arabic-Indic digits, «» quotes, pronoun and dropped speakers, deadlines."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_paths() -> list[Path]:
    """The sample article files, in order."""
    folder = resources.files(__name__)
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sample_paths()]
