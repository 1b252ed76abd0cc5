import os

# Before any QApplication exists (pytest-qt creates it lazily): draw offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
