"""Read CoNLL files: a token per line with its tag, a blank line after each sentence.

This is how most NER corpora and many agreement samples come (ParsTwiner, PEYMA, ArmanPersoNER,
CoNLL-2003): import one annotator's file, then another's, and ``annotator agreement`` compares
them, since the same tokens make the same text and so the same documents.

* Columns are split on tabs, or on spaces when a line has no tab. The first column is the token.
  The tag is the last column, except in a file with a ``# columns = token A B ...`` header (our
  own CoNLL export), where every column after the token is a tag column.
* Tags: ``O``; ``B-X``, ``I-X`` (IOB2, and IOB1, where a span may start with ``I-``);
  ``E-X``/``L-X`` and ``S-X``/``U-X`` (BIOES, BILOU); a bare ``X`` counts as ``I-X`` (IO).
* Documents: ``-DOCSTART-`` lines or ``# doc_id`` comments (our export) start a document, whose
  sentences become its lines; a ``# annotator = NAME`` comment names whose annotations they are. A file with neither holds one document per sentence (a tweet, a
  headline), as NER corpora are laid out.
* The text is the tokens joined by single spaces; it is then canonicalised like any import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import InputError, TagsetError
from annotator.importers.encoding import decode_bytes
from annotator.interchange.brat_conf import PALETTE, shortcut_for
from annotator.interchange.brat_names import upper_name
from annotator.interchange.plan import PlannedDocument, PlannedSpan
from annotator.tagset import Tagset, parse_tagset

_TAG = re.compile(r"^([BIESLU])[-_](.+)$")
_DOCSTART = "-DOCSTART-"


@dataclass
class _Token:
    text: str
    tags: list[str]
    line: int


@dataclass
class _Section:
    """One document's sentences as read, and what the comments said about it."""

    line: int
    sentences: list[list[_Token]] = field(default_factory=list)
    annotator: str | None = None


def _comment(section: _Section, body: str) -> None:
    key, _, value = body.partition("=")
    if key.strip() == "annotator" and value.strip():
        section.annotator = value.strip()


def _sections(text: str, path: Path) -> tuple[list[_Section], list[str] | None]:
    """The file's documents (sections), and the tag columns' names when a header names them."""
    columns: list[str] | None = None
    sections: list[_Section] = []
    explicit = False  # whether -DOCSTART- or # doc_id mark the documents
    current = _Section(1)
    sentence: list[_Token] = []

    def end_sentence() -> None:
        nonlocal sentence
        if sentence:
            current.sentences.append(sentence)
            sentence = []

    def new_section(line: int) -> None:
        nonlocal current
        end_sentence()
        if current.sentences:
            sections.append(current)
        current = _Section(line)

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            end_sentence()
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            if body.startswith("columns") and "=" in body:
                columns = body.partition("=")[2].split()[1:]
            elif body.startswith("doc_id"):
                explicit = True
                new_section(number)
            else:
                _comment(current, body)
            continue
        fields = raw.rstrip("\r\n").split("\t") if "\t" in raw else raw.split()
        fields = [f.strip() for f in fields]
        if fields[0] == _DOCSTART:
            explicit = True
            new_section(number + 1)
            continue
        if len(fields) < 2 or not fields[0]:
            raise InputError("expected a token and its tag, separated by a tab or spaces", path=path, line=number)
        tags = fields[1:] if columns is not None else [fields[-1]]
        if columns is not None and len(tags) != len(columns):
            raise InputError(f"{len(tags)} tag column(s) where the header names {len(columns)}",
                             path=path, line=number)
        sentence.append(_Token(fields[0], tags, number))
    new_section(0)
    if not explicit:  # one document per sentence
        sections = [_Section(s[0].line, [s], section.annotator)
                    for section in sections for s in section.sentences]
    return sections, columns


def _spans(tokens: list[tuple[int, int, str, int]]) -> list[tuple[str, int, int, int]]:
    """``(label, start, end, line)`` of the spans one tag column marks over a sentence's tokens
    ``(start, end, tag, line)``."""
    spans: list[tuple[str, int, int, int]] = []
    open_label: str | None = None
    open_start = open_end = open_line = 0

    def close() -> None:
        nonlocal open_label
        if open_label is not None:
            spans.append((open_label, open_start, open_end, open_line))
        open_label = None

    for start, end, tag, line in tokens:
        if tag in ("O", "_", "-"):
            close()
            continue
        match = _TAG.match(tag)
        prefix, label = (match.group(1), match.group(2)) if match else ("I", tag)
        continues = open_label == label and prefix in ("I", "E", "L")
        if not continues:
            close()
            open_label, open_start, open_line = label, start, line
        open_end = end
        if prefix in ("E", "L", "S", "U"):
            close()
    close()
    return spans


def _document(section: _Section, columns: list[str] | None, path: Path) -> PlannedDocument:
    """The section's sentences as lines of text, tokens joined by spaces, and the spans of its tags."""
    lines: list[str] = []
    placed: list[list[tuple[int, int, list[str], int]]] = []
    offset = 0
    for sentence in section.sentences:
        positions = []
        for token in sentence:
            positions.append((offset, offset + len(token.text), token.tags, token.line))
            offset += len(token.text) + 1  # the space after it, or the line break after the sentence
        lines.append(" ".join(t.text for t in sentence))
        placed.append(positions)
    document = PlannedDocument(path=str(path), text="\n".join(lines), line=section.line,
                               annotator=section.annotator)
    for positions in placed:
        for c in range(len(columns) if columns is not None else 1):
            tokens = [(s, e, tags[c], line) for s, e, tags, line in positions]
            for label, start, end, line in _spans(tokens):
                document.spans.append(PlannedSpan(str(len(document.spans) + 1), label, [(start, end)], line=line))
    return document


def read_conll(paths: list[Path]) -> list[PlannedDocument]:
    """Planned documents of every CoNLL file under ``paths`` (``*.conll``, ``*.conllu``,
    ``*.bio``, ``*.iob``, ``*.tsv`` and ``*.txt`` in folders)."""
    documents: list[PlannedDocument] = []
    for root in paths:
        if not root.exists():
            raise InputError("no such file or folder; check the path", path=root)
        files = ([p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix.lower() in
                  (".conll", ".conllu", ".bio", ".iob", ".tsv", ".txt")] if root.is_dir() else [root])
        for file in files:
            sections, columns = _sections(decode_bytes(file.read_bytes(), path=file), file)
            documents.extend(_document(section, columns, file) for section in sections)
    if not documents:
        raise InputError("no tokens found; CoNLL files hold a token and its tag per line",
                         path=", ".join(map(str, paths)))
    return documents


def tagset_from_conll(path: str | Path, *, name: str | None = None) -> Tagset:
    """A tagset with one span label per tag type found in the CoNLL file(s) at ``path``
    (``annotator init DB --tagset conll:PATH``), in the order first seen.

    :raises TagsetError: no tags found, or too many for one-key shortcuts
    """
    path = Path(path)
    try:
        documents = read_conll([path])
    except InputError as exc:
        raise TagsetError(f"cannot make a tagset from {path}: {exc}") from exc
    seen = list(dict.fromkeys(span.label for document in documents for span in document.spans))
    if not seen:
        raise TagsetError(f"{path}: no tags but O; nothing to make a tagset of")
    used: set[str] = set()
    labels = [{"name": upper_name(tag), "display": {"fa": tag, "en": tag}, "description": f"CoNLL tag {tag}",
               "color": PALETTE[i % len(PALETTE)], "shortcut": shortcut_for(upper_name(tag), used),
               "allow_fragments": False, "allow_overlap": True}
              for i, tag in enumerate(seen)]
    stem = path.stem if path.is_file() else path.name
    slug = re.sub(r"[^a-z0-9_.-]+", "-", (name or stem or "conll").lower()).strip("-.") or "conll"
    data = {"name": slug if slug[0].isalnum() else f"conll-{slug}", "version": "1.0",
            "description": f"Made from the tags of the CoNLL file(s) {path}", "span_labels": labels}
    return parse_tagset(data, source=str(path))
