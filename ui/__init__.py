"""The PySide6 annotation window. Imports the core (``annotator``); never the reverse."""
