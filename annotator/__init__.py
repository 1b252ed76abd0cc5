"""annotator: the Qt-free core of a Persian attribution annotation tool.

``import annotator`` never loads PySide6; the window lives in the separate ``ui`` package.
"""

__version__ = "0.1.0"
