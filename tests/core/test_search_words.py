"""The words documents are found by: folding rules, and search through the project."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from annotator.project import Project
from annotator.search_words import fold_character, search_text, search_words
from annotator.store import migrations
from tests.core.conftest import add_text


def test_words_are_folded_and_separated_by_single_spaces():
    assert search_text("«می‌گویند» ظرف ۲۰ روز،  کتاب‌ها!") == "می گویند ظرف 20 روز کتاب ها"


def test_digits_of_every_script_become_ascii():
    assert search_text("۱۴۰۲ ١٤٠٢ 1402") == "1402 1402 1402"


def test_arabic_yeh_and_kaf_fold_to_persian():
    assert search_text("كتاب علي") == search_text("کتاب علی") == "کتاب علی"


def test_harakat_and_kashida_are_dropped_inside_the_word():
    assert search_text("كِتابٌ مـــدرسه") == "کتاب مدرسه"


def test_letters_and_digits_written_together_are_two_words():
    assert search_text("سال۱۳۷۳ و ۲۰سال COVID-19 mp3") == "سال 1373 و 20 سال covid 19 mp 3"


def test_latin_is_lowercased_and_symbols_and_emoji_break_words():
    assert search_text("Tehran😀IRNA@x.ir") == "tehran irna x ir"


def test_nothing_searchable_gives_nothing():
    assert search_text("") == "" and search_text(" «»،!؟ \u200c\n") == "" and search_words("؟") == []


def test_fold_character_states_each_outcome():
    assert fold_character(ord("ي")) == ord("ی")
    assert fold_character(ord("٣")) == ord("3")
    assert fold_character(0x064E) == 0  # fatha: dropped
    assert fold_character(0x200C) == 0x20  # ZWNJ: a word break


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_folding_is_idempotent_and_yields_only_words_and_single_spaces(text):
    folded = search_text(text)
    assert search_text(folded) == folded
    assert "  " not in folded and folded == folded.strip()
    assert all(fold_character(ord(c)) == ord(c) for c in folded.replace(" ", ""))


@given(st.lists(st.text(alphabet="کتابعلیيكِ۲٢2ـ ‌«»،abC", min_size=1, max_size=8), min_size=1, max_size=6))
def test_every_word_of_a_text_finds_the_text(pieces):
    text = " ".join(pieces)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE s USING fts5(text, content='', tokenize='ascii', detail='none')")
    conn.execute("INSERT INTO s (rowid, text) VALUES (1, ?)", [search_text(text)])
    for piece in pieces:
        for word in search_words(piece):
            assert conn.execute("SELECT rowid FROM s WHERE s MATCH ?", [f'"{word}"']).fetchall() == [(1,)], word


def test_the_project_finds_documents_whatever_the_digits_harakat_or_keyboard(project):
    add_text(project, "شهردار تهران گفت: کار ظرف ۲۰ روز تمام می‌شود.", title="وعده")
    for query in ("20", "٢٠", "۲۰", "شهردار", "شهردارِ", "تهران ۲۰", "مي", "ظرف٢٠", "«شهردار»", "وعده"):
        assert [d.title for d in project.documents(search=query)] == ["وعده"], query
    assert project.count_documents(search="۲۱") == 0
    # Nothing to search by (only punctuation or spaces): nothing is filtered out.
    assert project.count_documents(search="«» ؟") == project.count_documents() == 1


def project_from_before_the_folded_index(path):
    """A project file as schema 5 left it: one document, searched through documents_fts."""
    with Project.init(path) as project:
        add_text(project, "شهردار تهران گفت: کار ظرف ۲۰ روز تمام می‌شود.", title="وعده")
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE documents_search")
    for statement in migrations._split(migrations._FTS) + migrations._split(migrations._DEFERRABLE_FTS):
        conn.execute(statement)
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_search_words'")
    conn.commit()
    conn.close()
    return path


def test_a_project_from_before_the_folded_index_is_indexed_when_opened(tmp_path):
    path = project_from_before_the_folded_index(tmp_path / "old.db")
    assert Project.needs_upgrade(path)
    with Project.open(path) as project:
        assert project.count_documents(search="20") == 1
        tables = {row[0] for row in project.db.execute("SELECT name FROM sqlite_master")}
        assert "documents_fts" not in tables and "documents_fts_insert" not in tables
    assert not Project.needs_upgrade(path)


def test_only_an_older_project_file_needs_an_upgrade(tmp_path):
    Project.init(tmp_path / "new.db").close()
    (tmp_path / "notes.txt").write_text("نه پروژه", encoding="utf-8")
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (x)").connection.close()
    for name in ("new.db", "notes.txt", "other.db", "missing.db"):
        assert not Project.needs_upgrade(tmp_path / name), name
    assert not (tmp_path / "missing.db").exists()


def test_indexed_words_are_the_search_text_in_utf8_and_the_index_takes_them_as_text(project):
    from annotator.analysis import analyse_one
    from annotator.ingest import tokenizer_name
    from annotator.search_words import indexed_words
    from annotator.store import documents as doc_sql

    assert indexed_words("كتابِ ۲۰") == "کتاب 20".encode()
    analysed = analyse_one("واژه‌ای تازه در متن", False, False)
    assert analysed.search == "واژه ای تازه در متن".encode()
    row = doc_sql.DocumentRow(uid=analysed.uid, title="عنوان", text=analysed.text, raw_text=None, canon_version=1)
    with project.db.atomic():
        document_id, _ = project.add_document(row, analysed.tokens, tokenizer=tokenizer_name(), index_for_search=False)
        assert project.count_documents(search="تازه") == 0
        doc_sql.index_for_search(project.db, [(document_id, "عنوان", analysed.search)])
    assert project.count_documents(search="تازه") == 1 and project.count_documents(search="عنوان") == 1


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.text(alphabet="کتابعلیيكِ۲٢2ـ ‌«»،abC😀\t\n", max_size=300))
def test_short_texts_are_folded_as_long_ones(text):
    from annotator.search_words import _fold_with_numpy, _search_text_short

    assert _search_text_short(text) == _fold_with_numpy(text)
