"""Fixtures for window tests: a temporary project with short Persian articles written for
these tests, isolated settings, and the main window driven as a person would."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import pytest
from PySide6.QtCore import QSettings

from annotator.ingest import analyse_one, tokenizer_name
from annotator.project import Project
from annotator.store.documents import DocumentRow
from annotator.text import CANON_VERSION
from ui.errors import ErrorPresenter
from ui.settings import Settings

# Written for these tests: a quote in «», a ZWNJ word (مدرسه‌های، می‌شوند), an emoji before
# a word (UTF-16 offsets shift by one), and a paragraph that starts with Latin text.
FIRST = (
    "استاندار فارس روز دوشنبه گفت: «مدرسه‌های تازه تا پایان مهر ساخته می‌شوند.»\n"
    "او 😀 افزود که بودجه این طرح از سوی دولت پرداخت می‌شود.\n"
    "COVID-19 در استان کاهش یافته است و بیمارستان‌ها آماده‌اند."
)
SECOND = "رئیس دانشگاه اعلام کرد که کلاس‌ها از هفته آینده حضوری برگزار می‌شود."
THIRD = "وزیر نیرو وعده داد که قطعی برق تا تابستان آینده برطرف شود."


def add_text(project: Project, raw: str, *, title: str):
    analysed = analyse_one(raw, False, False)
    row = DocumentRow(uid=analysed.uid, title=title, text=analysed.text, raw_text=None,
                      canon_version=CANON_VERSION)
    document_id, _ = project.add_document(row, analysed.tokenization, tokenizer=tokenizer_name())
    return document_id


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "test.annotator.db"
    with Project.init(path) as project:
        for n, text in enumerate((FIRST, SECOND, THIRD), start=1):
            add_text(project, text, title=f"خبر {n}")
    return path


@pytest.fixture
def settings(tmp_path):
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Settings(store)


@pytest.fixture
def errors(tmp_path):
    return ErrorPresenter(log_path=tmp_path / "logs" / "errors.log", dialogs=False)


def open_window(qtbot, path, settings, errors, name="مریم"):
    """The main window on project ``path`` as annotator ``name``, shown, active, text focused."""
    from ui.app import create_window

    win = create_window(path, settings=settings, errors=errors, annotator=name, excepthook=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.article.setFocus()
    qtbot.waitUntil(lambda: win.isActiveWindow())
    return win


@pytest.fixture
def window(qtbot, project_path, settings, errors):
    win = open_window(qtbot, project_path, settings, errors)
    yield win
    win.close()


@pytest.fixture
def reader(project_path):
    """A second connection to the test project, to check what was committed."""
    with Project.open(project_path) as project:
        yield project


# Written for these tests: a named speaker, a pronoun speaker, a municipality's pledge with a deadline.
ARTICLE = (
    "علی رضایی شهردار شیراز روز شنبه گفت: «خط دوم متروی شیراز تا پایان سال به بهره‌برداری می‌رسد.»\n"
    "وی افزود: «بودجه این طرح از محل فروش اوراق تامین شده است.»\n"
    "شهرداری قول داد ظرف ۲۰ روز ایستگاه‌های خط یک را بازگشایی کند."
)
PUBLISHED = "2024-05-04"  # a Saturday; «ظرف ۲۰ روز» resolves to 2024-05-24


@pytest.fixture
def article_path(tmp_path):
    path = tmp_path / "article.annotator.db"
    with Project.init(path) as project:
        analysed = analyse_one(ARTICLE, False, False)
        row = DocumentRow(uid=analysed.uid, title="مترو شیراز", text=analysed.text, raw_text=None,
                          canon_version=CANON_VERSION, published=PUBLISHED)
        project.add_document(row, analysed.tokenization, tokenizer=tokenizer_name())
    return path


@pytest.fixture
def article_window(qtbot, article_path, settings, errors):
    win = open_window(qtbot, article_path, settings, errors)
    yield win
    win.close()


@pytest.fixture
def article_reader(article_path):
    with Project.open(article_path) as project:
        yield project
