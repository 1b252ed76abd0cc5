"""``documents.jsonl``: one export record per line (see :mod:`annotator.exporters.records`)."""

from __future__ import annotations

import json
from typing import Any

from annotator.exporters.base import ExportContext
from annotator.model import Tokenization

FILE = "documents.jsonl"


class JsonlWriter:
    """Streams records to ``documents.jsonl``; a split export has a ``split`` field per line."""

    def __init__(self, context: ExportContext):
        self.path = context.folder / FILE
        self.file = open(self.path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self.encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode

    def add(self, record: dict[str, Any], tokenization: Tokenization) -> None:
        self.file.write(self.encode(record))
        self.file.write("\n")

    def finish(self) -> list[str]:
        self.file.close()
        return [FILE]

    def close(self) -> None:
        self.file.close()
