"""The core must never load Qt: it runs in scripts, CLIs and worker processes."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_annotator_does_not_load_pyside6():
    code = (
        "import sys, annotator, annotator.project, annotator.cli, annotator.ingest, annotator.edits\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "assert not loaded, loaded\n"
        "assert 'hazm' not in sys.modules, 'hazm must load lazily'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_core_sources_never_import_qt_or_ui():
    offenders = []
    for path in (ROOT / "annotator").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import PySide6", "from PySide6", "import ui", "from ui")):
                offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert not offenders, offenders
