"""Readers behind ``annotator import``: formats, folders, encodings and every bad input."""

from __future__ import annotations

import codecs
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.importers import (
    READERS,
    ImportProblem,
    RawRecord,
    SourceFile,
    detect_format,
    iter_sources,
    read_source,
)
from annotator.importers.dates import parse_date
from annotator.importers.encoding import _CONTROLS, HEAD_SIZE, decode_bytes, iter_lines

TITLE = "وعده شهردار برای پایان کار"
QUOTE = "شهردار تهران گفت: «کار را ظرف ۲۰ روز تمام می‌کنیم.»"
BODY = "معاون او افزود: «گزارش پیشرفت کار هر هفته منتشر می‌شود.»"
ARTICLE = f"{TITLE}\n\n{QUOTE}\n{BODY}\n"
# Windows-1256 has no Persian ی (U+06CC) nor Persian digits: legacy files use Arabic ي.
LEGACY = "سخنگوي دولت گفت: «طرح جديد تا پايان سال اجرا مي‌شود.»\nاو افزود که کار ادامه دارد.\n"


def read(path: Path, fmt: str | None = None, mapping: dict[str, str] | None = None) -> list:
    fmt = fmt or detect_format(path)
    return list(read_source(SourceFile(path, fmt), mapping=mapping))


def records(items: list) -> list[RawRecord]:
    return [i for i in items if isinstance(i, RawRecord)]


def problems(items: list) -> list[ImportProblem]:
    return [i for i in items if isinstance(i, ImportProblem)]


def only_problem(path: Path, fmt: str | None = None) -> ImportProblem:
    items = read(path, fmt)
    assert len(items) == 1 and isinstance(items[0], ImportProblem), items
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


# --- txt -----------------------------------------------------------------------------------


def test_txt_text_is_whole_file_and_title_first_nonempty_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "\n  \n\u200f " + ARTICLE)
    [record] = read(path)
    assert record.text == "\n  \n\u200f " + ARTICLE
    assert record.title == TITLE
    assert record.origin_path == str(path) and record.origin_line is None
    assert (record.url, record.published, record.external_id, record.meta) == (None, None, None, {})


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8-bom", "utf16-le", "utf16-be", "crlf"],
)
def test_txt_encodings_decode_to_the_same_text(tmp_path: Path, encoded: bytes) -> None:
    [record] = read(write(tmp_path / "a.txt", encoded))
    assert record.text.replace("\r\n", "\n") == ARTICLE
    assert record.title == TITLE


def test_windows_1256_persian_is_detected(tmp_path: Path) -> None:
    [record] = read(write(tmp_path / "legacy.txt", LEGACY.encode("cp1256")))
    assert record.text == LEGACY
    assert record.title == LEGACY.splitlines()[0]


def test_invalid_utf8_names_byte_offset_and_line(tmp_path: Path) -> None:
    data = f"{TITLE}\n{QUOTE}\n".encode() + b"\xff" + BODY.encode()
    problem = only_problem(write(tmp_path / "bad.txt", data))
    offset = data.index(b"\xff")
    assert problem.line == 3
    assert f"byte {offset}" in problem.reason
    assert "UTF-8" in problem.reason
    assert str(problem).startswith(f"{tmp_path / 'bad.txt'}:3: ")


def test_latin1_text_is_refused_by_name(tmp_path: Path) -> None:
    french = "Le maire a déclaré : « Les travaux seront terminés en été. »\n"
    problem = only_problem(write(tmp_path / "fr.txt", french.encode("latin-1")))
    assert "not UTF-8, UTF-16 or Windows-1256" in problem.reason
    assert "Latin-1" in problem.reason
    assert "re-save the file as UTF-8" in problem.reason
    assert problem.line == 1


def test_utf8_mojibake_is_not_taken_for_windows_1256(tmp_path: Path) -> None:
    data = (ARTICLE * 5).encode()
    damaged = data[:100] + b"\xff" + data[100:]
    problem = only_problem(write(tmp_path / "damaged.txt", damaged))
    assert "invalid UTF-8 at byte 100" in problem.reason and "damaged" in problem.reason


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "empty file (only whitespace)"),
        (codecs.BOM_UTF8, "empty file"),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty file"),
        (b"PK\x03\x04\x14\x00\x00\x00text", "binary file (contains NUL bytes at byte 5)"),
        (codecs.BOM_UTF32_LE + "سلام".encode("utf-32-le"), "UTF-32 is not supported; re-save"),
        (codecs.BOM_UTF32_BE + "سلام".encode("utf-32-be"), "UTF-32 is not supported"),
        ("hello world, no mark".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
        (bytes(range(1, 32)) * 10, "binary file (")
    ],
    ids=["empty", "whitespace", "bom-only", "utf16-whitespace", "nul", "utf32-le", "utf32-be",
         "utf16-no-bom", "controls"],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, data: bytes, expected: str) -> None:
    for fmt in ("txt", "jsonl", "csv"):
        problem = only_problem(write(tmp_path / f"bad.{fmt}", data), fmt)
        assert expected in problem.reason, (fmt, problem)
        assert problem.path == str(tmp_path / f"bad.{fmt}")


@given(st.text(alphabet=st.characters(codec="cp1256"), max_size=120), st.sampled_from(["utf-8", "cp1256"]))
def test_control_characters_counted_on_bytes_are_those_in_the_text(text: str, codec: str) -> None:
    from annotator.importers.encoding import _count_controls

    assert _count_controls(text, text.encode(codec), codec) == len(_CONTROLS.findall(text))


def test_decode_bytes_raises_input_error_with_path_and_line() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(b"ok\nstill ok\n\xe9t\xe9\n", path="x.txt")
    assert str(caught.value).startswith("x.txt:3: not UTF-8")
    assert decode_bytes(codecs.BOM_UTF8 + QUOTE.encode(), path="x") == QUOTE


def test_ten_megabyte_single_line_txt(tmp_path: Path) -> None:
    line = (QUOTE + " ") * (10_000_000 // len(QUOTE.encode()))
    [record] = read(write(tmp_path / "big.txt", line))
    assert record.text == line and record.title == line.strip()


# --- JSONL ---------------------------------------------------------------------------------


def test_jsonl_fields_meta_and_dates(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl(
        {"text": QUOTE, "title": TITLE, "url": "https://example.ir/1", "date": "1400/07/28",
         "id": 17, "source": "خبرگزاری نمونه", "section": "شهری", "meta": {"author": "تحریریه"}},
        {"text": BODY, "date": "2021-10-20"},
    ))
    first, second = read(path)
    assert first.text == QUOTE and first.title == TITLE and first.url == "https://example.ir/1"
    assert (first.published, first.published_original) == ("2021-10-20", "1400/07/28")
    assert first.external_id == "17" and first.source == "خبرگزاری نمونه"
    assert first.meta == {"section": "شهری", "author": "تحریریه"}
    assert (first.origin_line, second.origin_line) == (1, 2)
    assert (second.title, second.published, second.published_original) == (None, "2021-10-20", None)


def test_jsonl_broken_line_is_reported_and_others_come_through(tmp_path: Path) -> None:
    content = jsonl({"text": QUOTE}) + '{"text": "ناتمام\n\n' + jsonl({"text": BODY})
    items = read(write(tmp_path / "a.jsonl", content))
    assert [r.text for r in records(items)] == [QUOTE, BODY]
    assert [r.origin_line for r in records(items)] == [1, 4]
    [problem] = problems(items)
    assert problem.line == 2
    assert problem.reason.startswith("invalid JSON: ") and "at column" in problem.reason
    assert str(problem).startswith(f"{tmp_path / 'a.jsonl'}:2: invalid JSON")


def test_jsonl_lone_surrogate_escape_is_reported_and_a_real_pair_is_an_emoji(tmp_path: Path) -> None:
    content = '{"text": "سلام \\ud83d"}\n{"text": "شاد \\ud83d\\ude00"}\n{"title": "\\uDC00", "text": "خبر"}\n'
    items = read(write(tmp_path / "a.jsonl", content))
    assert [r.text for r in records(items)] == ["شاد \U0001f600"]
    assert [(p.line, "\\ud83d" in p.reason or "\\udc00" in p.reason) for p in problems(items)] == [(1, True), (3, True)]
    assert "half of a UTF-16 pair" in problems(items)[0].reason


def test_jsonl_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl({"body": QUOTE, "headline": TITLE, "link": "u", "text": "x"}))
    [record] = read(path, mapping={"text": "body", "title": "headline", "url": "link"})
    assert (record.text, record.title, record.url) == (QUOTE, TITLE, "u")
    assert record.meta == {"text": "x"}


def test_jsonl_missing_text_suggests_map_option(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl({"body": QUOTE, "headline": TITLE}))
    problem = only_problem(path)
    assert problem.line == 1
    assert problem.reason == "no 'text' field (fields present: body, headline); use --map text=body"
    mapped = read(path, mapping={"text": "content"})[0]
    assert "no 'content' field" in mapped.reason and "--map text=content" in mapped.reason


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('["a", "b"]', "line is an array, not a JSON object"),
        ('"just text"', "line is a string, not a JSON object"),
        ('{"text": "   "}', "empty text in field 'text'"),
        ('{"text": ["a"]}', "field 'text' holds a list, not text"),
    ],
)
def test_jsonl_bad_records(tmp_path: Path, line: str, expected: str) -> None:
    items = read(write(tmp_path / "a.jsonl", jsonl({"text": QUOTE}) + line + "\n"))
    assert len(records(items)) == 1
    [problem] = problems(items)
    assert problem.line == 2 and expected in problem.reason


def test_jsonl_pretty_printed_document_is_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", json.dumps({"text": QUOTE, "labels": []}, indent=4))
    problem = only_problem(path)
    assert problem.line == 1 and problem.reason.startswith("not JSON Lines")


def test_jsonl_stops_after_too_many_problems(tmp_path: Path) -> None:
    items = read(write(tmp_path / "a.jsonl", "not json\n" * 500))
    assert len(items) == 101 and "stopped reading" in items[-1].reason


def test_jsonl_utf16_and_ten_megabyte_line(tmp_path: Path) -> None:
    content = jsonl({"text": QUOTE}, {"text": BODY})
    items = read(write(tmp_path / "a.jsonl", codecs.BOM_UTF16_LE + content.encode("utf-16-le")))
    assert [r.text for r in items] == [QUOTE, BODY]
    big = QUOTE * (10_000_000 // len(QUOTE.encode()))
    [record] = read(write(tmp_path / "big.jsonl", jsonl({"text": big})))
    assert record.text == big


def test_jsonl_invalid_utf8_line_later_in_a_big_file(tmp_path: Path) -> None:
    good = jsonl(*({"text": f"{QUOTE} {i}"} for i in range(2000)))
    data = good.encode() + b'{"text": "\xff"}\n' + jsonl({"text": BODY}).encode()
    assert len(good.encode()) > HEAD_SIZE
    items = read(write(tmp_path / "a.jsonl", data))
    assert len(records(items)) == 2001
    [problem] = problems(items)
    assert problem.line == 2001 and f"byte {len(good.encode()) + 10}" in problem.reason


def test_ascii_head_then_windows_1256_lines_switch_encoding(tmp_path: Path) -> None:
    head = jsonl(*({"text": f"english {i}"} for i in range(3000)))
    data = head.encode() + jsonl({"text": LEGACY}).encode("cp1256")
    assert len(head) > HEAD_SIZE
    items = read(write(tmp_path / "a.jsonl", data))
    assert not problems(items) and items[-1].text == LEGACY


# --- CSV -----------------------------------------------------------------------------------


def test_csv_fields_multiline_cells_and_line_numbers(tmp_path: Path) -> None:
    content = (
        "id,title,text,date,url,source,section\n"
        f'1,{TITLE},"{QUOTE}\n{BODY}",۱۴۰۰/۰۷/۲۸,https://example.ir/1,نمونه,شهری\n'
        "\n"
        f'2,"عنوان, با ویرگول",{BODY},2021-10-20,,,\n'
    )
    first, second = read(write(tmp_path / "a.csv", content))
    assert first.text == f"{QUOTE}\n{BODY}" and first.title == TITLE
    assert (first.published, first.published_original) == ("2021-10-20", "۱۴۰۰/۰۷/۲۸")
    assert first.external_id == "1" and first.source == "نمونه" and first.meta == {"section": "شهری"}
    assert (first.origin_line, second.origin_line) == (2, 5)
    assert second.title == "عنوان, با ویرگول" and second.url is None and second.source is None


@pytest.mark.parametrize(("name", "delimiter"), [("a.csv", ";"), ("a.tsv", "\t"), ("b.csv", "\t")])
def test_csv_delimiter_is_sniffed(tmp_path: Path, name: str, delimiter: str) -> None:
    content = delimiter.join(["title", "text"]) + "\n" + delimiter.join([TITLE, QUOTE + ", و"]) + "\n"
    [record] = read(write(tmp_path / name, content))
    assert (record.title, record.text) == (TITLE, QUOTE + ", و")


def test_csv_missing_text_column_is_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", f"headline,body\n{TITLE},{QUOTE}\n{TITLE},{BODY}\n")
    problem = only_problem(path)
    assert problem.line == 1
    assert problem.reason == "no 'text' column (columns present: headline, body); use --map text=body"


def test_csv_mapping_and_empty_text_row(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", f"headline,body,Date\n{TITLE},{QUOTE},1400-07-28\nخالی,,\n")
    items = read(path, mapping={"text": "body", "title": "headline"})
    [record] = records(items)
    assert (record.title, record.text, record.published) == (TITLE, QUOTE, "2021-10-20")
    [problem] = problems(items)
    assert problem.line == 3 and "empty text in column 'body'" in problem.reason


def test_csv_too_many_cells_and_bad_header(tmp_path: Path) -> None:
    items = read(write(tmp_path / "a.csv", f"title,text\n{TITLE},{QUOTE}, اضافه\n{TITLE},{BODY}\n"))
    assert [r.text for r in records(items)] == [BODY]
    assert problems(items)[0].line == 2 and "3 cells but the header has 2" in problems(items)[0].reason
    problem = only_problem(write(tmp_path / "b.csv", "text,text\nx,y\n"))
    assert "appears twice" in problem.reason


def test_csv_ten_megabyte_field_and_excel_encodings(tmp_path: Path) -> None:
    big = QUOTE * (10_000_000 // len(QUOTE.encode()))
    [record] = read(write(tmp_path / "big.csv", f'text\n"{big}"\n'))
    assert record.text == big
    legacy = "title,text\n" + 'عنوان,"' + LEGACY + '"\n'
    [record] = read(write(tmp_path / "excel.csv", legacy.encode("cp1256")))
    assert record.text == LEGACY
    unicode_text = f"title\ttext\n{TITLE}\t{QUOTE}\n"
    [record] = read(write(tmp_path / "excel.tsv", codecs.BOM_UTF16_LE + unicode_text.encode("utf-16-le")))
    assert (record.title, record.text) == (TITLE, QUOTE)


def test_csv_invalid_utf8_stops_with_line(tmp_path: Path) -> None:
    data = ("text\n" + "".join(f"{QUOTE} {i}\n" for i in range(1000))).encode() + b"\xffbad\nlast\n"
    items = read(write(tmp_path / "a.csv", data))
    assert len(records(items)) == 1000
    assert problems(items)[0].line == 1002 and "invalid UTF-8" in problems(items)[0].reason


# --- folders, formats, mapping -------------------------------------------------------------


def test_folder_recursive_sorted_mixed_hidden_and_unknown(tmp_path: Path) -> None:
    write(tmp_path / "b" / "z.txt", ARTICLE)
    write(tmp_path / "b" / "deep" / "c.csv", f"text\n{QUOTE}\n")
    write(tmp_path / "a.jsonl", jsonl({"text": QUOTE}, {"text": BODY}))
    write(tmp_path / "notes.md", "# notes")
    write(tmp_path / "UPPER.TXT", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / ".git" / "x.txt", ARTICLE)
    sources = list(iter_sources([tmp_path]))
    names = [s.path.relative_to(tmp_path).as_posix() for s in sources]
    assert names == ["UPPER.TXT", "a.jsonl", "b/deep/c.csv", "b/z.txt", "notes.md"]
    assert [s.format for s in sources] == ["txt", "jsonl", "csv", "txt", "unknown"]
    items = [item for s in sources for item in read_source(s)]
    assert len(records(items)) == 5
    [skipped] = problems(items)
    assert skipped.skipped and skipped.path == str(tmp_path / "notes.md")
    assert "unknown extension '.md'" in skipped.reason and "--format" in skipped.reason


def test_iter_sources_checks_paths_before_yielding(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", ARTICLE)
    with pytest.raises(InputError, match="no such file or folder"):
        iter_sources([good, tmp_path / "missing.txt"])
    with pytest.raises(InputError, match="unknown format 'xml'"):
        iter_sources([good], fmt="xml")
    assert [s.path for s in iter_sources([good, tmp_path, good])] == [good]


def test_forced_format_applies_to_every_file(tmp_path: Path) -> None:
    path = write(tmp_path / "export.json", jsonl({"text": QUOTE}))
    assert [s.format for s in iter_sources([path], fmt="jsonl")] == ["jsonl"]
    [skipped] = read_source(next(iter_sources([path])))
    assert skipped.skipped and "--format jsonl" in skipped.reason


def test_detect_format_and_registry() -> None:
    assert set(READERS) == {"txt", "jsonl", "csv"}
    assert [detect_format(p) for p in ("a.txt", "b.JSONL", "c.ndjson", "d.csv", "e.tsv")] == [
        "txt", "jsonl", "jsonl", "csv", "csv"]
    with pytest.raises(InputError, match="no file extension"):
        detect_format("README")


def test_bad_mapping_is_refused_before_reading(tmp_path: Path) -> None:
    source = SourceFile(write(tmp_path / "a.jsonl", jsonl({"text": QUOTE})), "jsonl")
    with pytest.raises(InputError, match="unknown field 'body' in --map"):
        read_source(source, mapping={"body": "text"})
    with pytest.raises(InputError, match="needs a column or key name"):
        read_source(source, mapping={"text": " "})


def test_unreadable_path_is_a_problem(tmp_path: Path) -> None:
    [problem] = read_source(SourceFile(tmp_path, "txt"))
    assert problem.path == str(tmp_path) and "cannot read" in problem.reason


def test_problem_formats_like_input_error() -> None:
    problem = ImportProblem("a.jsonl", 2, "invalid JSON")
    assert str(problem) == "a.jsonl:2: invalid JSON" == str(problem.to_error())
    assert str(ImportProblem("a.txt", None, "empty file")) == "a.txt: empty file"


def test_memory_stays_flat_over_a_large_jsonl(tmp_path: Path) -> None:
    line = json.dumps({"text": QUOTE * 20, "title": TITLE}, ensure_ascii=False) + "\n"
    path = write(tmp_path / "big.jsonl", line * 20_000)  # ~ 20 MB
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_source(SourceFile(path, "jsonl")))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 2_000_000


def test_iter_lines_keeps_line_endings(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "یک\r\nدو\nسه")
    assert list(iter_lines(path)) == [(1, "یک\r\n"), (2, "دو\n"), (3, "سه")]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-10-20", ("2021-10-20", None)),
        ("2021-10-20T14:30:00", ("2021-10-20T14:30:00", None)),
        ("2021-10-20 14:30", ("2021-10-20T14:30:00", "2021-10-20 14:30")),
        ("1400/07/28", ("2021-10-20", "1400/07/28")),
        ("1400-07-28", ("2021-10-20", "1400-07-28")),
        ("۱۴۰۰/۰۷/۲۸", ("2021-10-20", "۱۴۰۰/۰۷/۲۸")),
        ("١٤٠٠/٠٧/٢٨", ("2021-10-20", "١٤٠٠/٠٧/٢٨")),
        ("۱۴۰۰/۷/۲۸ ۱۴:۳۰", ("2021-10-20T14:30:00", "۱۴۰۰/۷/۲۸ ۱۴:۳۰")),
        ("چهارشنبه ۲۸ مهر ۱۴۰۰", ("2021-10-20", "چهارشنبه ۲۸ مهر ۱۴۰۰")),
        ("2021/10/20", ("2021-10-20", "2021/10/20")),
        ("1400/12/30", (None, "1400/12/30")),
        ("دیروز", (None, "دیروز")),
        ("  ", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_date(value: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_date(value) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789۰۱۲۳۴۵۶۷۸۹/-:T .مهردی"), max_size=25) | st.text())
def test_parse_date_never_raises(value: str) -> None:
    iso, original = parse_date(value)
    assert iso is None or iso[:4].isdigit()
    assert original is None or original == value.strip()


def _plain(text: str) -> bool:
    return bool(text.strip()) and not text.startswith("\ufeff") and not _CONTROLS.search(text)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1).filter(_plain))
def test_utf_encodings_round_trip(text: str) -> None:
    for encoded in (
        text.encode("utf-8"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    ):
        assert decode_bytes(encoded, path="t") == text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode), st.sampled_from(sorted(READERS)))
def test_any_bytes_give_records_or_problems_never_an_exception(data: bytes, fmt: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / f"x.{fmt}", data)
        for item in read_source(SourceFile(path, fmt)):
            assert isinstance(item, (RawRecord, ImportProblem))
            if isinstance(item, ImportProblem):
                assert item.path == str(path) and item.reason


def test_csv_with_old_mac_line_endings(tmp_path: Path) -> None:
    items = read(write(tmp_path / "mac.csv", f"title,text\r{TITLE},{QUOTE}\r,{BODY}\r"))
    assert [(r.title, r.text, r.origin_line) for r in items] == [(TITLE, QUOTE, 2), (None, BODY, 3)]


def test_csv_with_only_a_header_says_so(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path / "a.csv", "title,text\n\n"))
    assert problem.line is None and "no rows after the header" in problem.reason
