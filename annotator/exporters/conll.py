"""CoNLL: one token per line, BIO columns, a blank line after each sentence.

Columns: the token, then one BIO column per *label group*. Labels whose spans never overlap one
another anywhere in the export share a group (so ACTOR_MENTION, CUE and TIME_EXPR usually make one
NER-style column); a label whose spans overlap each other (a quote nested in a quote) gets a column
of its own, where the longer span wins. The columns are named in a ``# columns =`` line at the top
of every file; each document starts with ``# doc_id``, ``# uid`` and ``# annotator`` comments.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from annotator.exporters.base import SPLIT_FILES, ExportContext
from annotator.exporters.tagging import Conflicts, bio_tags
from annotator.model import Tokenization


def _clean(token: str) -> str:
    return token.replace("\t", " ").replace("\n", " ")


class ConllWriter:
    """Keeps what it needs of each record, then writes ``data.conll`` or one file per split."""

    def __init__(self, context: ExportContext):
        self.context = context
        self.conflicts = Conflicts()
        self.items: list[tuple[dict[str, Any], Tokenization]] = []

    def add(self, record: dict[str, Any], tokenization: Tokenization) -> None:
        slim = {k: record[k] for k in ("id", "uid", "annotator", "text", "spans")}
        slim["split"] = record.get("split")
        self.conflicts.add(record["spans"])
        self.items.append((slim, tokenization))

    def finish(self) -> list[str]:
        groups = self.conflicts.groups(self.context.label_order)
        header = "# columns = TOKEN " + " ".join("BIO[" + "|".join(g) + "]" for g in groups) + "\n"
        names = [SPLIT_FILES[s] for s in self.context.splits] if self.context.splits else ["data"]
        dropped = 0
        with ExitStack() as stack:
            files = {name: stack.enter_context(open(self.context.folder / f"{name}.conll", "w", encoding="utf-8",
                                                    newline="\n"))
                     for name in names}
            for handle in files.values():
                handle.write(header)
            for record, tokenization in self.items:
                name = SPLIT_FILES[record["split"]] if self.context.splits else "data"
                dropped += _write_document(files[name], record, tokenization, groups)
        if dropped:
            self.context.warnings.append(f"conll: {dropped} span(s) overlapped a longer span of the "
                                         "same column and are not in the BIO tags")
        self.context.notes.append(header.strip())
        return [f"{name}.conll" for name in names]


def _write_document(out: Any, record: dict[str, Any], tokenization: Tokenization,
                    groups: list[tuple[str, ...]]) -> int:
    tokens = tokenization.tokens
    columns, dropped = [], 0
    for group in groups:
        tags, lost = bio_tags(tokens, record["spans"], group)
        columns.append(tags)
        dropped += lost
    out.write(f"# doc_id = {record['id']}\n# uid = {record['uid']}\n# annotator = {record['annotator']}\n")
    text, t = record["text"], 0
    for _, sentence_end in tokenization.sentences:
        lines = []
        while t < len(tokens) and tokens[t][0] < sentence_end:
            s, e = tokens[t]
            lines.append("\t".join([_clean(text[s:e]), *(c[t] for c in columns)]))
            t += 1
        if lines:
            out.write("\n".join(lines) + "\n\n")
    if t < len(tokens):  # tokens outside every sentence (none from our tokenizer) make one more
        rest = ["\t".join([_clean(text[s:e]), *(c[i] for c in columns)]) for i, (s, e) in enumerate(tokens) if i >= t]
        out.write("\n".join(rest) + "\n\n")
    return dropped


def conll_files(folder: Path) -> list[Path]:
    """The CoNLL files of an export folder."""
    return sorted(folder.glob("*.conll"))
