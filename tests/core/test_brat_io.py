"""brat: a tagset from annotation.conf, import, export, and the round trip between them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.exporters import export_project
from annotator.interchange import import_annotations
from annotator.interchange.brat import parse_ann
from annotator.interchange.brat_conf import tagset_from_brat
from annotator.project import Project
from annotator.text import canonicalize

SHARED = Path(__file__).resolve().parents[3] / "shared" / "formats" / "brat_tutorial_news"

# A small Persian brat project written for these tests.
CONF = """[entities]
Speaker
Quote
Cue
[relations]
Says\tArg1:Quote, Arg2:Speaker
Same\tArg1:Speaker, Arg2:Speaker, <REL-TYPE>:symmetric-transitive
[events]
Promise\tAgent-Arg:Speaker, Theme-Arg+:Quote
[attributes]
Direct\tArg:Quote
Kind\tArg:Quote, Value:Plain|Mixed
Certainty\tArg:<EVENT>, Value:High|Low
"""
TEXT = "😀 وزیر گفت: «کار تا پایان ماه تمام می‌شود» و او قول داد.\nوزیر کشور هم «موافق» بود."


def offsets(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def ann_for(text: str, *, utf16: bool = False) -> str:
    def at(needle: str, nth: int = 0) -> str:
        s, e = offsets(text, needle, nth)
        if utf16:
            s, e = len(text[:s].encode("utf-16-le")) // 2, len(text[:e].encode("utf-16-le")) // 2
        return f"{s} {e}"

    q1, q2 = at("کار تا پایان"), at("تمام می‌شود")
    return "\n".join([
        f"T1\tSpeaker {at('وزیر')}\tوزیر",
        f"T2\tCue {at('گفت')}\tگفت",
        f"T3\tQuote {q1};{q2}\tکار تا پایان تمام می‌شود",
        f"T4\tSpeaker {at('او')}\tاو",
        f"T5\tPromise {at('قول داد')}\tقول داد",
        f"T6\tSpeaker {at('وزیر کشور')}\tوزیر کشور",
        f"T7\tQuote {at('موافق')}\tموافق",
        "E1\tPromise:T5 Agent-Arg:T4 Theme-Arg:T3 Theme-Arg2:T7",
        "R1\tSays Arg1:T3 Arg2:T1\t",
        "*\tSame T1 T4",
        "A1\tDirect T3",
        "A2\tKind T3 Mixed",
        "A3\tCertainty E1 High",
        "N1\tReference T6 Wikidata:Q123\tوزیر کشور",
        "#1\tAnnotatorNotes T7\tیک کلمه است",
        "#2\tAnnotatorNotes E1\tقول رسمی؟",
    ]) + "\n"


def normalise(ann: str, text: str) -> set[tuple]:
    """An .ann file as a set of facts keyed by offsets, not ids: what 'equivalent' means here."""
    spans, events, relations, out = {}, {}, {}, set()
    lines = [line.split("\t") for line in ann.splitlines() if line.strip()]
    for ident, body, *_ in lines:
        if ident.startswith("T"):
            label, frags = body.split(" ", 1)
            spans[ident] = (label, frags)
            out.add(("T", label, frags))
    for ident, body, *_ in lines:
        if ident.startswith("E"):
            events[ident] = body.split()[0].split(":")[1]

    def ref(x: str):
        return relations.get(x) or spans[events.get(x, x)][1]

    for ident, body, *_ in lines:
        if ident.startswith("E"):
            trigger, *args = body.split()
            roles = frozenset((r.split(":")[0].rstrip("0123456789"), ref(r.split(":")[1])) for r in args)
            out.add(("E", trigger.split(":")[0], ref(ident), roles))
        elif ident.startswith("R"):
            kind, a1, a2 = body.split()
            relations[ident] = (kind, ref(a1.split(":")[1]), ref(a2.split(":")[1]))
            out.add(("R",) + relations[ident])
        elif ident == "*":
            kind, *members = body.split()
            out.add(("*", kind, frozenset(ref(m) for m in members)))
    for ident, body, *rest in lines:
        if ident[0] in "AM":
            name, target, *value = body.split()
            out.add(("A", name, ref(target), tuple(value)))
        elif ident.startswith("N"):
            _, target, key = body.split()
            out.add(("N", ref(target), key, rest[0] if rest else ""))
        elif ident.startswith("#"):
            out.add(("#", ref(body.split()[1]), rest[0]))
    return out


@pytest.fixture
def brat_dir(tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "annotation.conf").write_text(CONF, encoding="utf-8")
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    (folder / "doc.ann").write_text(ann_for(TEXT), encoding="utf-8")
    return folder


def brat_project(folder: Path) -> Project:
    return Project.init(":memory:", tagset=tagset_from_brat(folder / "annotation.conf"))


def test_tagset_from_annotation_conf(brat_dir):
    tagset = tagset_from_brat(brat_dir / "annotation.conf")
    assert tagset.label_names == ("SPEAKER", "QUOTE", "CUE", "PROMISE")
    assert tagset.relation("SAYS").head == ("QUOTE",) and tagset.relation("SAYS").tail == ("SPEAKER",)
    assert tagset.relation("THEME_ARG").head == ("PROMISE",) and tagset.relation("THEME_ARG").tail == ("QUOTE",)
    assert tagset.relation("SAME").description == "brat equivalence: Same"
    quote = tagset.label("QUOTE")
    assert [(a.name, a.type) for a in quote.attributes] == [("direct", "bool"), ("kind", "enum"),
                                                            ("note", "text"), ("norm", "text")]
    assert tagset.label("PROMISE").attribute("certainty").value_names == ("HIGH", "LOW")
    assert len({x.shortcut.upper() for x in tagset.span_labels}) == 4
    assert len({x.color for x in tagset.span_labels}) == 4


def test_persian_round_trip_is_equivalent(brat_dir, tmp_path):
    with brat_project(brat_dir) as project:
        report = import_annotations(project, [brat_dir], fmt="brat", annotator="مریم")
        assert (report.spans, report.relations, report.skipped, report.dropped) == (7, 5, [], [])
        doc = project.document(project.document_ids()[0])
        quote = next(s for s in project.spans(doc.id) if s.label == "QUOTE" and len(s.fragments) == 2)
        assert quote.text_in(doc.text) == "کار تا پایان … تمام می\u200cشود"
        assert quote.attrs == {"direct": True, "kind": "MIXED"}
        export_project(project, tmp_path / "out", format="brat", layer="مریم")
    out = tmp_path / "out"
    assert (out / "doc.txt").read_text(encoding="utf-8") == TEXT, "the file keeps its name"
    assert normalise((out / "doc.ann").read_text(encoding="utf-8"), TEXT) == normalise(ann_for(TEXT), TEXT)
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Promise\tAgent-Arg*:Speaker, Theme-Arg*:Quote" in conf
    assert "Same\tArg1:Speaker, Arg2:Speaker, <REL-TYPE>:symmetric-transitive" in conf
    assert "Kind\tArg:Quote, Value:Plain|Mixed" in conf
    assert "Speaker\tbgColor:#77AADD" in (out / "visual.conf").read_text(encoding="utf-8")


def test_utf16_offsets_are_converted(brat_dir):
    (brat_dir / "doc.ann").write_text(ann_for(TEXT, utf16=True), encoding="utf-8")
    with brat_project(brat_dir) as project:
        import_annotations(project, [brat_dir], fmt="brat", annotator="مریم")
        doc = project.document(project.document_ids()[0])
        texts = {s.text_in(doc.text) for s in project.spans(doc.id)}
    assert {"وزیر", "گفت", "او", "قول داد", "موافق"} <= texts


def test_offsets_follow_canonicalisation(tmp_path):
    raw = "علي گفت:\r\nكار بــزرگ\u200c است."
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "annotation.conf").write_text(CONF, encoding="utf-8")
    (folder / "x.txt").write_bytes(raw.encode("utf-8"))
    s1, e1 = offsets(raw, "علي")
    s2, e2 = offsets(raw, "كار بــزرگ\u200c")
    (folder / "x.ann").write_text(f"T1\tSpeaker {s1} {e1}\tعلي\nT2\tQuote {s2} {e2}\tكار بــزرگ\u200c\n", encoding="utf-8")
    with brat_project(folder) as project:
        import_annotations(project, [folder], fmt="brat", annotator="a")
        doc = project.document(project.document_ids()[0])
        assert doc.text == canonicalize(raw)
        assert [s.text_in(doc.text) for s in project.spans(doc.id)] == ["علی", "کار بزرگ"]
        assert project.raw_text(doc.id) == raw


def test_a_text_that_does_not_match_is_refused(brat_dir):
    (brat_dir / "doc.txt").write_text("x" + TEXT, encoding="utf-8")
    with brat_project(brat_dir) as project, pytest.raises(InputError, match=r"doc.ann:1: T1 Speaker says"):
        import_annotations(project, [brat_dir], fmt="brat", annotator="a")


def test_unknown_labels_are_refused_with_counts(brat_dir):
    with Project.open(":memory:") as project:
        with pytest.raises(InputError) as caught:
            import_annotations(project, [brat_dir], fmt="brat", annotator="a")
        message = str(caught.value)
        # Quote and Cue match QUOTE and CUE by name; the rest is listed with counts
        assert message.startswith("labels not in the tagset: Speaker (3), Promise (1); "
                                  "relation types not in the tagset: Theme-Arg (2), Agent-Arg (1), Same (1), Says (1); "
                                  "attributes not in the tagset: QUOTE.Direct (1), QUOTE.Kind (1)")
        assert "--label-map" in message
        assert project.document_ids() == [] and project.annotators() == []


def test_label_map_and_rule_problems(brat_dir):
    (brat_dir / "doc.ann").write_text(ann_for(TEXT).split("E1")[0], encoding="utf-8")  # entities only
    mapping = {"Speaker": "ACTOR_MENTION", "Quote": "QUOTE", "Cue": "CUE", "Promise": "COMMITMENT"}
    with Project.open(":memory:") as project:
        # QUOTE needs quote_type, which brat did not say: the whole import is refused, nothing written
        with pytest.raises(InputError, match=r"nothing was imported: 2 annotation\(s\).*quote_type"):
            import_annotations(project, [brat_dir], fmt="brat", annotator="a", label_map=mapping)
        assert project.document_ids() == []
        report = import_annotations(project, [brat_dir], fmt="brat", annotator="a", label_map=mapping,
                                    skip_invalid=True)
        assert report.spans == 5 and len(report.skipped) == 2
        assert [s.label for s in project.spans(project.document_ids()[0])].count("QUOTE") == 0


def test_tutorial_round_trip(tmp_path):
    if not (SHARED / "annotation.conf").is_file():
        pytest.skip("shared/formats/brat_tutorial_news is not beside the repository")
    with Project.init(tmp_path / "t.db", tagset=tagset_from_brat(SHARED / "annotation.conf")) as project:
        report = import_annotations(project, [SHARED], fmt="brat", annotator="tutorial")
        assert report.spans == 119 and not report.skipped and not report.dropped
        export_project(project, tmp_path / "out", format="brat", layer="tutorial")
    originals = {p.read_text(encoding="utf-8"): p.with_suffix(".ann") for p in SHARED.glob("*.txt")}
    compared = 0
    for txt in sorted((tmp_path / "out").glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        original = originals[text].read_text(encoding="utf-8")
        assert normalise(txt.with_suffix(".ann").read_text(encoding="utf-8"), text) == normalise(original, text)
        compared += 1
    assert compared == sum(1 for _ in SHARED.glob("*.ann")), "documents with an empty .ann come back too"


def test_parse_errors_name_the_line(tmp_path):
    with pytest.raises(InputError, match=r"x.ann:2: not a brat annotation line"):
        parse_ann("T1\tA 0 1\ta\nT2\tA zero one\tb\n", str(tmp_path / "x.ann"))
    assert re.search("Reference", "N1\tReference T1 a:1\tx")


def test_file_names_survive_a_round_trip_and_never_collide(tmp_path):
    """A brat project's sub-folders and names come back as names; two documents that would get
    the same name (and documents without one) get their number instead."""
    from annotator.exporters.brat import file_stem

    folder = tmp_path / "brat"
    (folder / "week 1").mkdir(parents=True)
    (folder / "annotation.conf").write_text(CONF, encoding="utf-8")
    for name, text in (("week 1/خبر-اول", TEXT), ("second", TEXT + "\nپایان.")):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.ann").write_text(ann_for(TEXT), encoding="utf-8")
    with brat_project(folder) as project:
        import_annotations(project, [folder], fmt="brat", annotator="مریم")
        assert sorted(project.document(d).external_id for d in project.document_ids()) == ["second", "week 1/خبر-اول"]
        export_project(project, tmp_path / "out", format="brat", layer="مریم")
    assert sorted(p.name for p in (tmp_path / "out").glob("*.ann")) == ["second.ann", "week_1_خبر-اول.ann"]
    taken: set[str] = set()
    stems = [file_stem({"id": i, "external_id": e, "annotator": "a"}, per_annotator=False, taken=taken)
             for i, e in ((1, "x"), (2, "x"), (3, None), (4, "../..")) ]
    assert stems == ["x", "x-000002", "000003", "000004"]
