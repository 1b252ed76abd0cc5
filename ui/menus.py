"""The menus and their keys. Keys the article handles itself (labels, +, Delete, Tab, Escape,
Alt+arrows) are shown in the menus but not registered as window shortcuts, so they never
fire while typing in the search box; the rest are window shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from annotator.tagset import Tagset
from ui.i18n import LANGUAGES, display, language, tr
from ui.widgets.label_palette import swatch

# The keys of every command, for the menus and the README table.
KEYS = {
    "undo": ["Ctrl+Z"],
    "redo": ["Ctrl+Shift+Z", "Ctrl+Y"],
    "find": ["Ctrl+F"],
    "find_next": ["F3"],
    "find_prev": ["Shift+F3"],
    "mark_done": ["Ctrl+Return", "Ctrl+Enter"],
    "reopen": ["Ctrl+Shift+Return"],
    "next_doc": ["Alt+PgDown", "Ctrl+."],
    "prev_doc": ["Alt+PgUp", "Ctrl+,"],
    "snap": ["Ctrl+Shift+T"],
    "zoom_in": ["Ctrl+=", "Ctrl++"],
    "zoom_out": ["Ctrl+-"],
    "zoom_reset": ["Ctrl+0"],
    "new": ["Ctrl+N"],
    "open": ["Ctrl+O"],
    "quit": ["Ctrl+Q"],
    "adjudicate": ["Ctrl+Shift+R"],  # Review > Adjudicate (ui.lead_tools)
    "show_links": ["Ctrl+Shift+L"],
}
ARTICLE_KEYS = {
    "add_fragment": "+",
    "delete_span": "Del",
    "next_span": "Tab",
    "prev_span": "Shift+Tab",
    "clear_selection": "Esc",
    "move_end_fwd": "Alt+←",
    "move_end_back": "Alt+→",
    "move_start_fwd": "Alt+Shift+←",
    "move_start_back": "Alt+Shift+→",
    "link": "L",
    "link_actor": "K",
}


@dataclass
class Actions:
    """The window's actions by name, plus the menus that are rebuilt (recent, labels)."""

    by_name: dict[str, QAction] = field(default_factory=dict)
    recent_menu: QMenu | None = None
    labels_menu: QMenu | None = None
    panels_menu: QMenu | None = None
    file_menu: QMenu | None = None

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]


def _action(window: QMainWindow, actions: Actions, name: str, slot: Callable[[], None], *,
            text: str | None = None, checkable: bool = False) -> QAction:
    action = QAction(text or tr(f"action.{name}"), window)
    if name in KEYS:
        action.setShortcuts([QKeySequence(k) for k in KEYS[name]])
    elif name in ARTICLE_KEYS:
        action.setText(f"{action.text()}\t{ARTICLE_KEYS[name]}")
    action.setCheckable(checkable)
    action.triggered.connect(lambda checked=False: slot())
    window.addAction(action)
    actions.by_name[name] = action
    return action


def build_menus(window, undo_group) -> Actions:
    """Create the menu bar of ``window`` (a :class:`ui.main_window.MainWindow`)."""
    actions = Actions()
    bar = window.menuBar()

    file = bar.addMenu(tr("menu.file"))
    actions.file_menu = file
    file.addAction(_action(window, actions, "new", window.new_project))
    file.addAction(_action(window, actions, "open", window.choose_project))
    actions.recent_menu = file.addMenu(tr("menu.recent"))
    file.addSeparator()
    file.addAction(_action(window, actions, "identity", window.change_identity))
    file.addSeparator()
    file.addAction(_action(window, actions, "quit", window.close))

    edit = bar.addMenu(tr("menu.edit"))
    undo = undo_group.createUndoAction(window, tr("action.undo_prefix"))
    undo.setShortcuts([QKeySequence(k) for k in KEYS["undo"]])
    redo = undo_group.createRedoAction(window, tr("action.redo_prefix"))
    redo.setShortcuts([QKeySequence(k) for k in KEYS["redo"]])
    for name, action in (("undo", undo), ("redo", redo)):
        window.addAction(action)
        edit.addAction(action)
        actions.by_name[name] = action
    edit.addSeparator()
    edit.addAction(_action(window, actions, "find", window.open_find))
    edit.addAction(_action(window, actions, "find_next", window.find_bar.next, text=tr("find.next")))
    edit.addAction(_action(window, actions, "find_prev", window.find_bar.previous, text=tr("find.prev")))

    actions.labels_menu = bar.addMenu(tr("menu.annotate"))

    document = bar.addMenu(tr("menu.document"))
    document.addAction(_action(window, actions, "mark_done", lambda: window.session.set_status("done")))
    document.addAction(_action(window, actions, "reopen", lambda: window.session.set_status("in_progress")))
    document.addSeparator()
    document.addAction(_action(window, actions, "next_doc", lambda: window.go_to_neighbour(1)))
    document.addAction(_action(window, actions, "prev_doc", lambda: window.go_to_neighbour(-1)))

    view = bar.addMenu(tr("menu.view"))
    view.addAction(_action(window, actions, "zoom_in", lambda: window.zoom(1)))
    view.addAction(_action(window, actions, "zoom_out", lambda: window.zoom(-1)))
    view.addAction(_action(window, actions, "zoom_reset", lambda: window.zoom(0)))
    view.addAction(_action(window, actions, "font", window.choose_font))
    view.addAction(_action(window, actions, "show_links",
                           lambda: window.links_ui.set_show_all(actions["show_links"].isChecked()), checkable=True))
    view.addSeparator()
    actions.panels_menu = view.addMenu(tr("menu.panels"))
    for dock in window.docks.values():
        actions.panels_menu.addAction(dock.toggleViewAction())
    actions.panels_menu.addAction(window.palette.toggleViewAction())
    languages = view.addMenu(tr("menu.language"))
    group = QActionGroup(window)
    for code, name in LANGUAGES.items():
        action = languages.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == language())
        action.triggered.connect(lambda _=False, c=code: window.set_language(c))
        group.addAction(action)
    return actions


def fill_annotate_menu(window, actions: Actions, tagset: Tagset) -> None:
    """Labels of the project's tagset, then the span commands (rebuilt when a project opens)."""
    menu = actions.labels_menu
    assert menu is not None
    menu.clear()
    for label in tagset.span_labels:
        action = menu.addAction(swatch(label.color), f"{display(label.display)}\t{label.shortcut.upper()}")
        action.triggered.connect(lambda _=False, name=label.name: window.apply_label(name))
    menu.addSeparator()
    commands = {
        "add_fragment": window.add_fragment,
        "delete_span": window.session.delete_or_reject,  # a suggestion is rejected (remembered)
        "next_span": lambda: window.session.cycle(1),
        "prev_span": lambda: window.session.cycle(-1),
        "clear_selection": lambda: window.session.select(None),
        "move_end_fwd": lambda: window.session.move_edge("end", 1),
        "move_end_back": lambda: window.session.move_edge("end", -1),
        "move_start_fwd": lambda: window.session.move_edge("start", 1),
        "move_start_back": lambda: window.session.move_edge("start", -1),
        "link": window.links_ui.start_link,
        "link_actor": window.actors_ui.actor_key,
    }
    for name, slot in commands.items():
        if name not in actions.by_name:
            _action(window, actions, name, slot)
        menu.addAction(actions[name])
    menu.addSeparator()
    if "snap" not in actions.by_name:
        snap = _action(window, actions, "snap", lambda: window.set_snap(actions["snap"].isChecked()), checkable=True)
        snap.setChecked(window.session.snap)
    menu.addAction(actions["snap"])
