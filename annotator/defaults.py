"""The default project: where it lives, and how it is created on first start."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from annotator.project import Project
from annotator.samples import sample_paths

DEFAULT_NAME = "default.annotator.db"


def default_project_path() -> Path:
    """``<user data dir>/annotator/default.annotator.db`` (platformdirs)."""
    return user_data_path("annotator", appauthor=False) / DEFAULT_NAME


def ensure_default_project(path: Path | None = None) -> Path:
    """Create the default project with the built-in sample articles when it does not exist."""
    path = path or default_project_path()
    if path.exists():
        return path
    from annotator.ingest import import_paths

    with Project.init(path) as project:
        import_paths(project, sample_paths(), cores=1)
    return path
