"""Tagset files: the JSON Schema, the semantic checks, the built-in tagsets, their colours and keys,
and tagset evolution (diffs and renames)."""

from __future__ import annotations

import copy
import itertools
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from annotator import tagset as tagset_module
from annotator.errors import TagsetError
from annotator.ids import ActorId, AnnotatorId, DocumentId, RelationId, SpanId
from annotator.model import Actor, Relation, Span, SpanDraft
from annotator.tagset import (
    ACTOR,
    Tagset,
    builtin_names,
    builtin_tagset,
    default_tagset,
    load_tagset,
    parse_tagset,
    schemas_dir,
)
from annotator.tagset_diff import Renames, apply_renames, diff_tagsets, parse_renames

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
TAGSET_FILES = sorted(p for p in SCHEMAS.glob("*.json") if p.name != "tagset.schema.json")
D = {"fa": "نام", "en": "Name"}


def minimal() -> dict:
    """A small valid tagset to break in each test."""
    return {
        "name": "mini", "version": "1.0",
        "span_labels": [
            {"name": "NOTE", "display": D, "color": "#EEDD88", "shortcut": "N", "attributes": [
                {"name": "kind", "display": D, "type": "enum", "required": True,
                 "values": [{"name": "A", "display": D}, {"name": "B", "display": D}]}]},
            {"name": "NAME", "display": D, "color": "#77AADD", "shortcut": "M",
             "refers_to_actor": "optional"},
        ],
        "relation_types": [{"name": "LINK", "display": D, "head": ["NOTE"], "tail": ["NAME", "ACTOR"],
                            "max_per_head": 1}],
        "actor_types": [{"name": "PER", "display": D}],
    }


def problems_of(data: dict) -> list[str]:
    with pytest.raises(TagsetError) as caught:
        parse_tagset(data, source="t.json")
    lines = str(caught.value).splitlines()
    assert all(line.startswith("t.json: /") for line in lines)
    return lines


def only_problem(data: dict) -> str:
    lines = problems_of(data)
    assert len(lines) == 1, lines
    return lines[0]


# -- the schema and the shipped files ------------------------------------------------------------


def test_the_schema_is_a_valid_2020_12_schema():
    schema = json.loads((SCHEMAS / "tagset.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", TAGSET_FILES, ids=lambda p: p.name)
def test_every_tagset_file_follows_the_schema_and_parses(path):
    schema = json.loads((SCHEMAS / "tagset.schema.json").read_text(encoding="utf-8"))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    tagset = load_tagset(path)
    assert tagset.name == path.stem
    assert parse_tagset(tagset.to_json()) == tagset


def test_builtin_names_are_the_files_and_the_default_is_fa_news():
    assert set(builtin_names()) == {p.stem for p in TAGSET_FILES} >= {"fa-news-attribution", "ner-basic"}
    assert default_tagset() is builtin_tagset("fa-news-attribution")
    with pytest.raises(TagsetError, match="no built-in tagset 'nope'.*ner-basic"):
        builtin_tagset("nope")


def test_the_default_tagset_follows_the_table_in_tagset_md():
    t = default_tagset()
    assert t.label_names == ("ACTOR_MENTION", "CUE", "QUOTE", "COMMITMENT", "TIME_EXPR", "CONDITION")
    assert t.actor_type_names == ("PER", "ORG", "GPE", "GROUP", "UNKNOWN")
    assert "MUNICIPALITY" in t.actor_type("ORG").subtype_names and not t.actor_type("PER").subtypes
    assert t.actor_attributes[0].name == "identifiability"
    quote_type = t.label("QUOTE").attribute("quote_type")
    assert quote_type.required and quote_type.value_names == ("DIRECT", "INDIRECT", "MIXED")
    assert t.label("ACTOR_MENTION").refers_to_actor != "none"
    table = {  # type: (head, tail, max_per_head, required)
        "ATTRIBUTED_TO": (("QUOTE",), ("ACTOR_MENTION", ACTOR), 1, True),
        "HAS_CUE": (("QUOTE",), ("CUE",), 1, True),
        "ADDRESSED_TO": (("QUOTE",), ("ACTOR_MENTION",), None, False),
        "VIA_MEDIUM": (("QUOTE",), ("ACTOR_MENTION",), None, False),
        "NESTED_IN": (("QUOTE",), ("QUOTE",), None, False),
        "COMMITTED_BY": (("COMMITMENT",), ("ACTOR_MENTION", ACTOR), None, True),
        "BENEFICIARY": (("COMMITMENT",), ("ACTOR_MENTION",), None, False),
        "HAS_DEADLINE": (("COMMITMENT",), ("TIME_EXPR",), 1, False),
        "HAS_CONDITION": (("COMMITMENT",), ("CONDITION",), None, False),
        "EXPRESSED_IN": (("COMMITMENT",), ("QUOTE",), None, False),
    }
    got = {r.name: (r.head, r.tail, r.max_per_head, r.required) for r in t.relation_types}
    assert got == table
    assert t.relation("HAS_CUE").required_unless == "continuation"


def test_ner_basic_is_flat_and_has_no_actors():
    t = builtin_tagset("ner-basic")
    assert t.label_names == ("PER", "ORG", "LOC")
    assert t.relation_types == () and t.actor_types == ()
    assert not any(label.allow_overlap for label in t.span_labels)


def test_round_trip_through_json_text():
    for name in builtin_names():
        t = builtin_tagset(name)
        assert parse_tagset(json.loads(json.dumps(t.to_json(), ensure_ascii=False))) == t


def test_lookups():
    t = default_tagset()
    assert t.label("CUE").name == "CUE"
    assert t.label_for_shortcut("q") is t.label("QUOTE") and t.label_for_shortcut("Q") is t.label("QUOTE")
    assert t.label_for_shortcut("Z") is None
    assert t.relation("HAS_CUE").tail == ("CUE",)
    assert [r.name for r in t.relations_from("COMMITMENT")][:2] == ["COMMITTED_BY", "BENEFICIARY"]
    assert t.attributes_of(ACTOR) == t.actor_attributes
    assert t.attributes_of("HAS_CUE") == () and t.attributes_of("NOPE") is None
    with pytest.raises(TagsetError, match="no span label 'NOPE'.*QUOTE"):
        t.label("NOPE")
    with pytest.raises(TagsetError, match="no relation type"):
        t.relation("NOPE")


# -- colours and keys of the shipped tagsets -------------------------------------------------------


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(color: str) -> list[float]:
    return [_linear(int(color[i:i + 2], 16)) for i in (1, 3, 5)]


def contrast_with_black(color: str) -> float:
    """WCAG 2 contrast ratio of black text on ``color``."""
    r, g, b = _rgb(color)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05) / 0.05


# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
NORMAL = ((1, 0, 0), (0, 1, 0), (0, 0, 1))
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                (-0.011820, 0.042940, 0.968881))
PROTANOPIA = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
              (-0.003882, -0.048116, 1.051998))
TRITANOPIA = ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
              (0.004733, 0.691367, 0.303900))
VISIONS = {"normal": NORMAL, "deuteranopia": DEUTERANOPIA, "protanopia": PROTANOPIA,
           "tritanopia": TRITANOPIA}


def lab_seen(color: str, matrix) -> tuple[float, float, float]:
    """CIELAB (D65) of ``color`` as seen with the simulated colour vision ``matrix``."""
    rgb = _rgb(color)
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


# A just-noticeable difference is about 2.3 (CIE76) for patches side by side. Highlights are small,
# behind text, and compared from memory with the legend, so require a wide margin: 15, about six
# JNDs. Paul Tol's "light" pairs he warns about (pear/olive) fall at 10-14; our pairs clear 17.
MIN_DELTA_E = 15
MIN_DELTA_E_FROM_PAGE = 20  # a highlight must stand out from the white page


@pytest.mark.parametrize("name", builtin_names())
def test_black_text_is_readable_on_every_label_colour(name):
    for label in builtin_tagset(name).span_labels:
        assert contrast_with_black(label.color) >= 7, (label.name, label.color)
        assert math.dist(lab_seen(label.color, NORMAL), (100, 0, 0)) >= MIN_DELTA_E_FROM_PAGE


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("name", builtin_names())
def test_label_colours_stay_apart_for_colour_blind_readers(name, vision):
    labels = builtin_tagset(name).span_labels
    for a, b in itertools.combinations(labels, 2):
        distance = math.dist(lab_seen(a.color, VISIONS[vision]), lab_seen(b.color, VISIONS[vision]))
        assert distance >= MIN_DELTA_E, (a.name, b.name, vision, round(distance, 1))


def test_contrast_helper_matches_known_values():
    assert contrast_with_black("#FFFFFF") == pytest.approx(21)
    assert contrast_with_black("#000000") == pytest.approx(1)


@pytest.mark.parametrize("name", builtin_names())
def test_shortcuts_are_single_mnemonic_letters_away_from_common_keys(name):
    for label in builtin_tagset(name).span_labels:
        assert label.shortcut.isalpha() and label.shortcut.isupper()
        assert label.shortcut not in "ZYFS", label.name
        assert label.shortcut.lower() in label.display.en.lower(), label.name


@pytest.mark.parametrize("name", builtin_names())
def test_persian_names_use_persian_letters(name):
    text = json.dumps(builtin_tagset(name).to_json(), ensure_ascii=False)
    assert "ي" not in text and "ك" not in text  # Arabic yeh and kaf


# -- schema errors -------------------------------------------------------------------------------


def test_a_misspelt_property_is_named_with_a_suggestion():
    data = minimal()
    data["span_labels"][0]["colour"] = "#EEDD88"
    line = only_problem(data)
    assert line.startswith("t.json: /span_labels/0/colour: unknown property 'colour'")
    assert "did you mean 'color'?" in line


def test_a_bad_shortcut_colour_and_name_say_what_to_write():
    data = minimal()
    label = data["span_labels"][1]
    label.update(shortcut="ab", color="blue", name="name")
    lines = problems_of(data)
    assert lines == [
        "t.json: /relation_types/0/tail/0: LINK points at NAME, which is not a span label; use one of "
        "NOTE, name or ACTOR",
        "t.json: /span_labels/1/color: 'blue' is not valid here; write a colour as #rrggbb, e.g. #EEDD88",
        "t.json: /span_labels/1/name: 'name' is not valid here; write UPPER_SNAKE_CASE: capital letters, "
        "digits and '_', starting with a letter",
        "t.json: /span_labels/1/shortcut: 'ab' is not valid here; write one key: a single letter A-Z "
        "or digit 0-9",
    ]


def test_missing_properties_are_each_reported():
    lines = problems_of({"span_labels": []})
    assert "t.json: /: 'name' is a required property; add it" in lines
    assert "t.json: /: 'version' is a required property; add it" in lines
    assert any(line.startswith("t.json: /span_labels: [] should be non-empty") for line in lines)


def test_an_enum_attribute_needs_values():
    data = minimal()
    del data["span_labels"][0]["attributes"][0]["values"]
    assert only_problem(data) == ("t.json: /span_labels/0/attributes/0: 'values' is a required "
                                  "property; add it")


# -- semantic errors -----------------------------------------------------------------------------


def test_duplicate_shortcuts_are_caught_ignoring_case():
    data = minimal()
    data["span_labels"].append({"name": "EXTRA", "display": D, "color": "#FFAABB", "shortcut": "x"})
    data["span_labels"].append({"name": "MORE", "display": D, "color": "#99DDFF", "shortcut": "X"})
    assert only_problem(data) == (
        "t.json: /span_labels/3/shortcut: shortcut 'X' of MORE is already used by EXTRA at "
        "/span_labels/2/shortcut (shortcuts ignore case); choose another key")


@pytest.mark.parametrize("where, expected", [
    ("span_labels", "t.json: /span_labels/2/name: NOTE is defined twice as a span label (first at "
                    "/span_labels/0/name); rename or remove one"),
    ("relation_types", "t.json: /relation_types/1/name: LINK is defined twice as a relation type "
                       "(first at /relation_types/0/name); rename or remove one"),
    ("actor_types", "t.json: /actor_types/1/name: PER is defined twice as an actor type (first at "
                    "/actor_types/0/name); rename or remove one"),
])
def test_duplicate_names_are_caught(where, expected):
    data = minimal()
    twin = copy.deepcopy(data[where][0])
    if where == "span_labels":
        twin["shortcut"] = "Q"
    data[where].append(twin)
    assert only_problem(data) == expected


def test_duplicate_attribute_and_enum_value_names_are_caught():
    data = minimal()
    attrs = data["span_labels"][0]["attributes"]
    attrs[0]["values"].append({"name": "A", "display": D})
    attrs.append({"name": "kind", "display": D, "type": "bool"})
    assert problems_of(data) == [
        "t.json: /span_labels/0/attributes/0/values/2/name: A is defined twice as a value of attribute "
        "kind of NOTE (first at /span_labels/0/attributes/0/values/0/name); rename or remove one",
        "t.json: /span_labels/0/attributes/1/name: kind is defined twice as an attribute of NOTE "
        "(first at /span_labels/0/attributes/0/name); rename or remove one",
    ]


def test_relation_endpoints_must_exist():
    data = minimal()
    data["relation_types"][0].update(head=["NOTE", "MEMO"], tail=["NAME", "NAMES"])
    assert problems_of(data) == [
        "t.json: /relation_types/0/head/1: LINK starts at MEMO, which is not a span label; "
        "use one of NAME, NOTE",
        "t.json: /relation_types/0/tail/1: LINK points at NAMES, which is not a span label; "
        "use one of NAME, NOTE or ACTOR",
    ]


def test_actor_tails_and_links_need_actor_types():
    data = minimal()
    data["actor_types"] = []
    assert problems_of(data) == [
        "t.json: /relation_types/0/tail/1: LINK points at ACTOR but the tagset defines no "
        "actor_types; add them or remove ACTOR",
        "t.json: /span_labels/1/refers_to_actor: NAME refers to actors but the tagset defines no "
        "actor_types; add actor types or set refers_to_actor to \"none\"",
    ]


@pytest.mark.parametrize("attr, expected", [
    ({"type": "enum", "values": [{"name": "A", "display": D}], "default": "B"},
     "must be one of A, not 'B'"),
    ({"type": "bool", "default": "yes"}, "must be true or false, not 'yes'"),
    ({"type": "date", "default": "2021-02-30"}, "must be an ISO 8601 date such as 2021-10-20"),
    ({"type": "duration", "default": "20 days"}, "must be an ISO 8601 duration such as P20D"),
    ({"type": "text", "default": 3}, "must be text, not 3"),
    ({"type": "actor", "default": "E1"}, "must be an actor id"),
])
def test_defaults_must_be_valid_values(attr, expected):
    data = minimal()
    data["span_labels"][1]["attributes"] = [{"name": "x", "display": D, **attr}]
    line = only_problem(data)
    assert line.startswith("t.json: /span_labels/1/attributes/0/default: the default of attribute x of "
                           f"NAME {expected}")
    assert line.endswith("; change the default or remove it")


def test_values_belong_to_enum_attributes_only():
    data = minimal()
    data["span_labels"][1]["attributes"] = [
        {"name": "x", "display": D, "type": "text", "values": [{"name": "A", "display": D}]}]
    assert only_problem(data) == ("t.json: /span_labels/1/attributes/0/values: attribute x of NAME has "
                                  "values but its type is text; remove values or set type to \"enum\"")


def test_reserved_and_shared_names():
    data = minimal()
    data["span_labels"][1]["name"] = "ACTOR"
    data["relation_types"][0]["tail"] = ["NOTE"]
    data["relation_types"].append({"name": "NOTE", "display": D, "head": ["NOTE"], "tail": ["NOTE"]})
    data["actor_attributes"] = [{"name": "type", "display": D, "type": "text"}]
    assert problems_of(data) == [
        "t.json: /actor_attributes/0/name: type is a built-in field of actors; give the attribute "
        "another name",
        "t.json: /relation_types/1/name: relation type NOTE has the same name as a span label; rename "
        "one of them (renames refer to both by name)",
        "t.json: /span_labels/1/name: ACTOR is reserved for relation tails that point at an actor; "
        "give the label another name, e.g. ACTOR_MENTION",
    ]


def test_required_unless_names_a_bool_attribute_of_a_required_relation():
    data = minimal()
    data["relation_types"][0]["required_unless"] = "kind"
    assert "is not required" in only_problem(data)
    data["relation_types"][0]["required"] = True
    assert only_problem(data) == (
        "t.json: /relation_types/0/required_unless: required_unless names kind, but head label NOTE "
        "has no bool attribute kind; add it or remove required_unless")


def test_all_problems_are_reported_together_in_path_order():
    data = minimal()
    data["version"] = "one"
    data["span_labels"][1]["shortcut"] = "n"
    data["relation_types"][0]["head"] = ["MEMO"]
    lines = problems_of(data)
    assert [line.split(": ")[1] for line in lines] == [
        "/relation_types/0/head/0", "/span_labels/1/shortcut", "/version"]


# -- loading files -------------------------------------------------------------------------------


def test_json_syntax_errors_name_file_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "name": "x",\n  "version": 1.0.\n}', encoding="utf-8")
    with pytest.raises(TagsetError, match=r"broken\.json:3:\d+: not valid JSON"):
        load_tagset(path)


def test_a_missing_file_and_a_duplicate_key_are_tagset_errors(tmp_path):
    with pytest.raises(TagsetError, match="cannot read the tagset file"):
        load_tagset(tmp_path / "absent.json")
    path = tmp_path / "twice.json"
    path.write_text('{"name": "x", "name": "y"}', encoding="utf-8")
    with pytest.raises(TagsetError, match="the key 'name' appears twice"):
        load_tagset(path)


def test_a_file_with_problems_names_itself(tmp_path):
    data = minimal()
    data["span_labels"][1]["shortcut"] = "N"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TagsetError, match=rf"^{path}: /span_labels/1/shortcut: "):
        load_tagset(path)


def test_schemas_dir_prefers_the_wheel_copy_then_the_repository(tmp_path, monkeypatch):
    package = tmp_path / "site" / "annotator"
    package.mkdir(parents=True)
    monkeypatch.setattr(tagset_module, "__file__", str(package / "tagset.py"))
    with pytest.raises(TagsetError, match="cannot find tagset.schema.json"):
        schemas_dir()
    (tmp_path / "site" / "schemas").mkdir()
    (tmp_path / "site" / "schemas" / "tagset.schema.json").write_text("{}")
    assert schemas_dir() == tmp_path / "site" / "schemas"
    (package / "_schemas").mkdir()
    (package / "_schemas" / "tagset.schema.json").write_text("{}")
    assert schemas_dir() == package / "_schemas"


def test_schemas_dir_in_this_checkout():
    assert schemas_dir() == SCHEMAS


@settings(deadline=None, max_examples=25)
@given(st.sampled_from(builtin_names()), st.data())
def test_round_trip_after_dropping_optional_parts(name, data):
    raw = builtin_tagset(name).to_json()
    for label in raw["span_labels"]:
        for key in ("description", "allow_fragments", "allow_overlap", "refers_to_actor"):
            if data.draw(st.booleans()) and key in label:
                del label[key]
    t = parse_tagset(raw)
    assert parse_tagset(t.to_json()) == t


# -- evolution -----------------------------------------------------------------------------------


def evolved(**changes) -> Tagset:
    data = minimal()
    for fn in changes.values():
        fn(data)
    return parse_tagset(data)


OLD = parse_tagset(minimal())


def test_identical_tagsets_have_no_diff():
    diff = diff_tagsets(OLD, parse_tagset(minimal()))
    assert diff.is_empty and diff.describe() == []


def test_adding_a_label():
    new = evolved(add=lambda d: d["span_labels"].append(
        {"name": "DATE", "display": D, "color": "#FFAABB", "shortcut": "D"}))
    diff = diff_tagsets(OLD, new)
    assert diff.added("label") == ("DATE",) and diff.removed("label") == ()
    assert diff.describe() == ["added span label DATE"]


def test_removing_a_label_lists_it_and_what_it_breaks():
    def drop_name(d):
        d["span_labels"].pop()
        d["relation_types"][0]["tail"] = ["ACTOR"]
    diff = diff_tagsets(OLD, evolved(drop=drop_name))
    assert diff.removed("label") == ("NAME",)
    assert [c.describe() for c in diff.tightened] == ["relation type LINK: can no longer point to NAME"]


def test_a_rename_without_a_mapping_is_a_removal_and_with_one_a_rename():
    def rename(d):
        d["span_labels"][0]["name"] = "MEMO"
        d["relation_types"][0]["head"] = ["MEMO"]
    new = evolved(rename=rename)
    plain = diff_tagsets(OLD, new)
    assert plain.removed("label") == ("NOTE",) and plain.added("label") == ("MEMO",)
    mapped = diff_tagsets(OLD, new, {"NOTE": "MEMO"})
    assert mapped.renamed("label") == (("NOTE", "MEMO"),)
    assert mapped.removed("label") == () and mapped.added("label") == () and not mapped.tightened


def test_a_removed_enum_value_and_a_mapping_that_merges_it():
    new = evolved(drop=lambda d: d["span_labels"][0]["attributes"][0]["values"].pop())
    assert diff_tagsets(OLD, new).removed("value") == ("NOTE.kind=B",)
    merged = diff_tagsets(OLD, new, {"NOTE.kind=B": "A"})
    assert merged.removed("value") == () and merged.renamed("value") == (("NOTE.kind=B", "NOTE.kind=A"),)


def test_attribute_renames_and_additions():
    def change(d):
        d["span_labels"][0]["attributes"][0]["name"] = "sort"
        d["span_labels"][1]["attributes"] = [{"name": "x", "display": D, "type": "text", "required": True}]
    new = evolved(change=change)
    assert diff_tagsets(OLD, new).removed("attribute") == ("NOTE.kind",)
    diff = diff_tagsets(OLD, new, {"NOTE.kind": "sort", "NOTE.kind=A": "B"})
    assert diff.renamed("attribute") == (("NOTE.kind", "NOTE.sort"),)
    assert diff.renamed("value") == (("NOTE.kind=A", "NOTE.sort=B"),)
    assert diff.added("attribute") == ("NAME.x",)
    assert [c.key for c in diff.tightened] == ["NAME.x"]


def test_tightened_constraints_are_listed_and_loosened_ones_are_not():
    strict = evolved(tighten=lambda d: d["span_labels"][1].update(
        refers_to_actor="required", allow_overlap=False))
    assert [c.note for c in diff_tagsets(OLD, strict).tightened] == [
        "allow_overlap changed to false; overlapping spans break",
        "refers_to_actor changed to required; spans without an actor break",
    ]
    assert diff_tagsets(strict, OLD).is_empty
    unbounded = evolved(loosen=lambda d: d["relation_types"][0].update(max_per_head=None))
    assert diff_tagsets(unbounded, OLD).describe() == ["relation type LINK: max_per_head lowered to 1"]
    assert diff_tagsets(OLD, unbounded).is_empty


def test_actor_types_and_subtypes():
    old = evolved(sub=lambda d: d["actor_types"][0].update(subtypes=[{"name": "A", "display": D}]))
    new = evolved(sub=lambda d: d["actor_types"].__setitem__(0, {
        "name": "PERSON", "display": D, "subtypes": [{"name": "B", "display": D}]}))
    assert diff_tagsets(old, new).removed("actor_type") == ("ACTOR.type=PER",)
    diff = diff_tagsets(old, new, {"ACTOR.type=PER": "PERSON", "ACTOR.subtype=PER/A": "B"})
    assert diff.renamed("actor_type") == (("ACTOR.type=PER", "ACTOR.type=PERSON"),)
    assert diff.renamed("subtype") == (("ACTOR.subtype=PER/A", "ACTOR.subtype=PERSON/B"),)
    actor = Actor(ActorId(1), "زاکانی", "PER", "A", attrs={})
    assert apply_renames(actor, diff.renames) == Actor(ActorId(1), "زاکانی", "PERSON", "B", attrs={})


def test_bad_rename_keys_are_all_reported():
    with pytest.raises(TagsetError) as caught:
        diff_tagsets(OLD, OLD, {"note": "X", "NOPE": "NOTE", "NOTE.nope": "kind", "NOTE.kind=C": "A",
                                "NOTE": "NAMES", "ACTOR.subtype=PER": "X"})
    lines = str(caught.value).splitlines()
    assert len(lines) == 6 and all(line.startswith("renames: '") for line in lines)
    assert "renames: 'NOTE.kind=C': C is not a value of NOTE.kind in mini" in lines


def test_apply_renames_to_spans_and_relations():
    new = evolved(rename=lambda d: d["span_labels"][0].update(name="MEMO") or
                  d["relation_types"][0].update(head=["MEMO"], name="EDGE"))
    renames = parse_renames({"NOTE": "MEMO", "LINK": "EDGE", "NOTE.kind=B": "A"}, OLD, new)
    span = Span(SpanId(1), DocumentId(1), AnnotatorId(1), "NOTE", ((0, 4),), attrs={"kind": "B"})
    assert apply_renames(span, renames).label == "MEMO"
    assert apply_renames(span, renames).attrs == {"kind": "A"}
    draft = SpanDraft(DocumentId(1), AnnotatorId(1), "NAME", ((0, 4),))
    assert apply_renames(draft, renames) == draft
    relation = Relation(RelationId(1), DocumentId(1), AnnotatorId(1), "LINK", SpanId(1),
                        tail_actor=ActorId(2))
    assert apply_renames(relation, renames).type == "EDGE"
    assert Renames().attrs("X", {"a": 1}) == {"a": 1}
