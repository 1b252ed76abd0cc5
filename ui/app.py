"""Start the window: ``run(path)`` is the ``annotator.gui`` entry point (``annotator``, ``annotator gui DB``).

Sets up the application (language and layout direction, bundled fonts, the error presenter
as ``sys.excepthook``), asks the annotator's name at first start (remembered in QSettings),
and opens the main window on the project. hazm is never loaded here: documents carry their
stored token offsets.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from ui.errors import ErrorPresenter
from ui.fonts import interface_font, load_fonts
from ui.i18n import layout_direction, set_language, tr
from ui.settings import Settings


def application() -> QApplication:
    """The one QApplication of the process (created when missing)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("annotator")
    app.setApplicationName("annotator")
    return app  # type: ignore[return-value]


def ask_annotator_name(parent: QWidget | None = None, default: str = "") -> str | None:
    """The small first-start dialog: who is annotating? None when cancelled."""
    name, ok = QInputDialog.getText(parent, tr("identity.title"), tr("identity.prompt"), text=default)
    return name.strip() if ok and name.strip() else None


def create_window(path: Path, *, settings: Settings | None = None, errors: ErrorPresenter | None = None,
                  annotator: str | None = None, excepthook: bool = True):
    """Build the main window on project ``path`` (without showing it or running the loop).

    :param settings: where to remember things (tests pass an isolated one)
    :param annotator: the annotator's name; else the remembered one, else asked for
    :param excepthook: route uncaught exceptions (from slots too) to the error presenter
    :returns: the window, or None when the user cancelled the name dialog
    """
    from ui.main_window import MainWindow

    app = application()
    settings = settings or Settings()
    set_language(settings.language)
    app.setLayoutDirection(layout_direction())
    install_qt_translations(app, settings.language)
    load_fonts()
    app.setFont(interface_font(app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0))
    errors = errors or ErrorPresenter(parent=app)
    if excepthook:
        sys.excepthook = errors.excepthook
    name = annotator or settings.annotator_name or ask_annotator_name(None, _default_name())
    if not name:
        return None
    settings.annotator_name = name
    window = MainWindow(settings, errors)
    window.open_project(path)
    return window


def install_qt_translations(app: QApplication, language: str) -> None:
    """Qt's own texts (OK, Cancel, Yes, No, the file dialogs) in the interface language."""
    if language != "fa" or getattr(app, "_qt_translator", None) is not None:
        return
    translator = QTranslator(app)
    if translator.load("qtbase_fa", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        app._qt_translator = translator  # type: ignore[attr-defined]  # keep it alive


def _default_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name on some systems
        return ""


def run(path: Path) -> int:
    """Open the window on project ``path`` and run until it is closed; the exit status."""
    app = application()
    window = create_window(Path(path))
    if window is None:
        return 0
    window.show()
    return app.exec()


def main() -> int:
    """``python -m ui.app [DB]``: the default project when no file is given."""
    from annotator.defaults import ensure_default_project

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ensure_default_project()
    return run(path)


if __name__ == "__main__":
    raise SystemExit(main())
