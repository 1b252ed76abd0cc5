"""The import pipeline end to end: files land whole or not at all, batches are searchable,
re-imports are no-ops, and two worker processes store exactly what one process stores."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from annotator import ingest, ingest_work
from annotator.errors import ValidationError
from annotator.importers import RawRecord, iter_sources
from annotator.ingest import import_paths
from annotator.project import Project

# Written for these tests: each names a distinct city, so a search finds exactly one.
CITIES = ["تبریز", "شیراز", "مشهد", "اصفهان", "کرمان", "یزد", "رشت"]


def article(city: str) -> str:
    return (f"خبر {city}\nاستاندار {city} گفت: «پروژه ظرف ۲۰ روز تمام می‌شود.»\n"
            "وی افزود که بودجه آن تأمین شده است.")


def write_articles(folder: Path, cities: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, city in enumerate(cities):
        (folder / f"{i:02d}.txt").write_text(article(city), encoding="utf-8")
    return folder


@pytest.fixture
def small_batches(monkeypatch):
    """Commit every two documents, so an import of a few files spans several batches."""
    monkeypatch.setattr(ingest._BatchWriter, "COMMIT_EVERY", 2)


def fts_is_consistent(project: Project) -> bool:
    project.db.execute("INSERT INTO documents_search (documents_search, rank) VALUES ('integrity-check', 1)")
    return True


def test_every_batch_is_indexed_for_search(project, tmp_path, small_batches):
    report = import_paths(project, [write_articles(tmp_path / "in", CITIES)], cores=1)
    assert report.added == len(CITIES) and not report.problems
    for city in CITIES:
        assert project.count_documents(search=city) == 1, city
    assert project.count_documents(search="استاندار") == len(CITIES)
    assert fts_is_consistent(project)


def test_a_document_added_after_an_import_is_indexed_at_once(project, tmp_path, small_batches):
    from tests.core.conftest import add_text

    import_paths(project, [write_articles(tmp_path / "in", CITIES[:3])], cores=1)
    add_text(project, article("زاهدان"))
    assert project.count_documents(search="زاهدان") == 1 and fts_is_consistent(project)


def test_reimporting_is_a_no_op_that_says_so(project, tmp_path):
    folder = write_articles(tmp_path / "in", CITIES[:3])
    import_paths(project, [folder], cores=1)
    again = import_paths(project, [folder], cores=1)
    assert (again.added, again.duplicates) == (0, 3) and project.count_documents() == 3


def test_a_file_that_fails_half_way_leaves_nothing_and_the_others_land(project, tmp_path, monkeypatch, small_batches):
    lines = [f'{{"text": "{article(city)}"}}'.replace("\n", "\\n") for city in CITIES[:4]]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a_good.jsonl").write_text(lines[0] + "\n", encoding="utf-8")
    (tmp_path / "in" / "b_bad.jsonl").write_text(lines[1] + "\n" + lines[2] + "\n", encoding="utf-8")
    (tmp_path / "in" / "c_good.jsonl").write_text(lines[3] + "\n", encoding="utf-8")
    real_add = Project.add_document

    def refuse_kerman(self, row, tokens, **options):
        if CITIES[2].encode() in row.text:  # the import hands texts over as UTF-8
            raise ValidationError("refused for the test")
        return real_add(self, row, tokens, **options)

    monkeypatch.setattr(Project, "add_document", refuse_kerman)
    report = import_paths(project, [tmp_path / "in"], cores=1)
    assert report.added == 2 and project.count_documents() == 2
    # The next file's document takes the rolled-back id: the search index must not say it
    # holds the bad file's words.
    assert project.count_documents(search=CITIES[1]) == 0, "the bad file's first record was rolled back"
    assert project.count_documents(search=CITIES[3]) == 1
    [problem] = report.problems
    assert problem.path.endswith("b_bad.jsonl") and "nothing from this file was imported" in problem.reason
    assert fts_is_consistent(project)


def test_cancelling_keeps_the_files_already_written_searchable(project, tmp_path, small_batches):
    folder = write_articles(tmp_path / "in", CITIES)
    seen = []
    report = import_paths(project, [folder], cores=1, progress=lambda r: seen.append(r.files),
                          cancelled=lambda: len(seen) >= 3)
    assert report.cancelled and report.added == 3
    assert [project.count_documents(search=city) for city in CITIES] == [1, 1, 1, 0, 0, 0, 0]
    assert fts_is_consistent(project)


def test_worker_processes_store_exactly_what_one_process_stores(tmp_path):
    folder = write_articles(tmp_path / "in", CITIES)
    stored = []
    for cores in (1, 2, 3):
        with Project.init(tmp_path / f"w{cores}.db") as project:
            import_paths(project, [folder], cores=cores)
            stored.append(project.db.execute(
                "SELECT d.uid, d.text, t.sentences, t.tokens FROM documents d"
                " JOIN document_tokens t ON t.document_id = d.id ORDER BY d.id").fetchall())
    assert stored[0] == stored[1] == stored[2] and len(stored[0]) == len(CITIES)


def mixed_folder(folder: Path) -> Path:
    """Articles read by workers (txt) and here (jsonl), with bad files of both kinds between them."""
    write_articles(folder, CITIES[:3])
    (folder / "03_empty.txt").write_text(" \n", encoding="utf-8")
    (folder / "04_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    lines = [f'{{"text": "{article(city)}"}}'.replace("\n", "\\n") for city in CITIES[3:5]]
    (folder / "05_records.jsonl").write_text(lines[0] + "\n{broken\n" + lines[1] + "\n", encoding="utf-8")
    (folder / "06_notes.md").write_text("not an article", encoding="utf-8")
    write_articles(folder / "07_more", CITIES[5:])
    return folder


@pytest.mark.parametrize("cores", [1, 2])
def test_files_read_by_workers_and_here_report_the_same_problems_in_file_order(tmp_path, cores):
    folder = mixed_folder(tmp_path / "in")
    with Project.init(tmp_path / f"c{cores}.db") as project:
        report = import_paths(project, [folder], cores=cores)
        titles = [row[0] for row in project.db.execute("SELECT title FROM documents ORDER BY id")]
    assert report.added == len(CITIES) and report.files == 9
    assert titles == [f"خبر {city}" for city in CITIES]
    where = [(Path(p.path).name, p.line) for p in report.problems]
    assert where == [("03_empty.txt", None), ("04_binary.txt", None), ("05_records.jsonl", 2), ("06_notes.md", None)]
    assert "empty file" in report.problems[0].reason and "binary" in report.problems[1].reason


@pytest.mark.parametrize("cores", [1, 2])
def test_a_text_of_only_invisible_characters_is_reported_and_the_rest_lands(tmp_path, cores):
    folder = write_articles(tmp_path / "in", CITIES[:2])
    (folder / "50_invisible.txt").write_text("\u200b\u200e\u2066\u200b", encoding="utf-8")
    lines = [f'{{"text": "{article(CITIES[2])}"}}'.replace("\n", "\\n"), '{"text": "\\u200b\\u200f"}']
    (folder / "60_records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.init(tmp_path / f"i{cores}.db") as project:
        report = import_paths(project, [folder], cores=cores)
        assert report.added == 3 and project.count_documents() == 3
    where = [(Path(p.path).name, p.line, p.reason) for p in report.problems]
    assert where == [("50_invisible.txt", None, "no text left after canonicalisation"),
                     ("60_records.jsonl", 2, "no text left after canonicalisation")]


class LazyFuture(Future):
    """A worker's result that is never ready before it is asked for."""

    def __init__(self, fn, args):
        super().__init__()
        self.fn, self.args = fn, args

    def result(self, timeout=None):
        if not self.done():
            self.set_result(self.fn(*self.args))
        return super().result(timeout)


class SlowPool:
    def __init__(self):
        self.submitted = 0

    def submit(self, fn, *args):
        self.submitted += 1
        return LazyFuture(fn, args)

    def shutdown(self, **_):
        pass


def test_while_the_workers_lag_the_writer_runs_units_itself_and_order_is_kept(tmp_path, monkeypatch):
    folder = mixed_folder(tmp_path / "in")
    sources = list(iter_sources([folder]))
    units = list(ingest_work.plan(sources, None, cancelled=lambda: False))
    here = ingest_work.Analyser(processes=0, mapping=None, normalize=False, strip_diacritics=False)
    expected = list(here.run(units))
    monkeypatch.setattr(ingest_work, "UNITS_IN_FLIGHT_PER_PROCESS", 1)
    monkeypatch.setattr(ingest_work, "BATCH_SIZE", 2)
    units = list(ingest_work.plan(sources, None, cancelled=lambda: False))
    lagging = ingest_work.Analyser(processes=0, mapping=None, normalize=False, strip_diacritics=False)
    lagging.pool, lagging.helps, lagging.window = SlowPool(), True, 2
    performed = []
    monkeypatch.setattr(lagging, "_perform", lambda unit: performed.append(unit) or here._perform(unit))
    got = list(lagging.run(units))
    assert performed and lagging.pool.submitted and len(performed) + lagging.pool.submitted <= len(units)
    assert [(i, type(r), r.text if isinstance(r, RawRecord) else r) for i, r, _ in got] == \
        [(i, type(r), r.text if isinstance(r, RawRecord) else r) for i, r, _ in expected]
    assert [a.uid for _, _, a in got if a] == [a.uid for _, _, a in expected if a]


def test_texts_from_the_workers_are_stored_as_text_with_their_length(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("عنوان\nخبرگزاري: علي گفت كار ظرف ٢٠ روز تمام مي‌شود.", encoding="utf-8")
    (folder / "b.txt").write_text("تیتر\nمتن پاک فارسی", encoding="utf-8")
    with Project.init(tmp_path / "p.db") as project:
        report = import_paths(project, [folder], cores=2)
        assert report.added == 2 and not report.problems
        rows = project.db.execute(
            "SELECT typeof(text), typeof(raw_text), char_count = length(text), title FROM documents ORDER BY id").fetchall()
        assert rows == [("text", "text", 1, "عنوان"), ("text", "null", 1, "تیتر")]
        first = project.documents()[0]
        assert project.raw_text(first.id).startswith("عنوان\nخبرگزاري") and "ي" not in project.document(first.id).text
