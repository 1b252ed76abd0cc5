"""The ``annotator`` command line: a thin click adapter over the core.

Each command group lives in its own module and registers itself on :data:`main`.
Core exceptions (:class:`annotator.errors.AnnotatorError`) become one line on stderr
and exit status 1, never a traceback.
"""

from __future__ import annotations

# Command modules register themselves on ``main`` when imported.
from annotator.cli import agreement_cmd as _agreement_cmd  # noqa: F401,E402
from annotator.cli import export_cmds as _export_cmds  # noqa: F401,E402
from annotator.cli import handout_cmds as _handout_cmds  # noqa: F401,E402
from annotator.cli import launch as _launch  # noqa: F401,E402
from annotator.cli import preannotate_cmds as _preannotate_cmds  # noqa: F401,E402
from annotator.cli import project_cmds as _project_cmds  # noqa: F401,E402
from annotator.cli import tagset_cmds as _tagset_cmds  # noqa: F401,E402
from annotator.cli import timex_cmd as _timex_cmd  # noqa: F401,E402
from annotator.cli.base import main

__all__ = ["main"]
