"""Decode input files: UTF-8 (with or without BOM), UTF-16 with BOM, Persian Windows-1256.

Anything else (UTF-32, Latin-1, binary data, UTF-16 without a BOM) is refused with an
:class:`~annotator.errors.InputError` that names the encoding or the offending byte and
says what to do. :func:`decode_bytes` decodes a whole file held in memory;
:func:`iter_lines` streams a large file line by line from the same detection.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from annotator.errors import InputError

HEAD_SIZE = 64 * 1024  # bytes looked at to pick the encoding of a streamed file
CHUNK_SIZE = 1 << 20
SAMPLE_SIZE = 256 * 1024  # characters the encoding heuristics look at

RESAVE = "re-save the file as UTF-8"
NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 (little-endian)",
    "utf-16-be": "UTF-16 (big-endian)",
    "cp1256": "Windows-1256",
}

# Order matters: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str | None], ...] = (
    (codecs.BOM_UTF32_LE, None),
    (codecs.BOM_UTF32_BE, None),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROLS.match(chr(b)))
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
# Non-ASCII characters a Persian Windows-1256 file is made of: the Arabic block, ZWNJ/ZWJ,
# NBSP, guillemets and Word's typographic punctuation.
_PERSIAN_1256 = re.compile(r"[\u0600-\u06ff\u200c-\u200f\u00a0\u00ab\u00bb\u2013-\u2026]")

Line = tuple[int, "str | InputError"]

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(source: str, value: object) -> str | None:
    """Where JSON ``value``, parsed from ``source``, holds half of a UTF-16 pair escaped on
    its own (``"\\ud83d"``): a description to report, or ``None``. Such text is no text at
    all: it can be neither stored nor shown. Only looked for when ``source`` has the escape."""
    if not _SURROGATE_ESCAPE.search(source):
        return None
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _LONE_SURROGATE.search(item)
            if found:
                return (f"the escape \\u{ord(found.group()):04x} is half of a UTF-16 pair with no other half, "
                        "not a character; fix or remove it (the file may have been cut in the middle of an emoji)")
        elif isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            stack += item
    return None


@dataclass(frozen=True, slots=True)
class Detected:
    """The outcome of sniffing: codec, BOM length to skip, and the decoded bytes looked at."""

    codec: str
    bom: int
    text: str


def decode_bytes(data: bytes, *, path: str | Path) -> str:
    """Decode a whole file's bytes, or raise :class:`InputError` saying why not."""
    return detect(data, path=path, complete=True).text


def detect(head: bytes, *, path: str | Path, complete: bool) -> Detected:
    """Pick the encoding of a file from its first bytes (all of them when ``complete``)."""
    codec, bom = _sniff_bom(head, path)
    body = head[bom:]
    if codec in (None, "utf-8"):
        _refuse_nul_bytes(body, bom, path)
    if codec is None:
        codec, text = _utf8_or_cp1256(body, path, complete)
    else:
        text = _decode(body, codec, bom, path, final=complete)
        if "\0" in text:
            at = bom + len(text[: text.index("\0")].encode(codec))
            raise InputError(f"binary file (contains NUL characters at byte {at})", path=path)
    controls = _count_controls(text, body, codec)
    if controls > max(3, 0.05 * min(len(text), HEAD_SIZE)):
        raise InputError(
            f"binary file ({controls} control characters in its first "
            f"{min(len(text), HEAD_SIZE)} characters); import only text files",
            path=path,
        )
    if complete and not text.strip():
        what = "empty file" if not text else "empty file (only whitespace)"
        raise InputError(f"{what}; nothing to import, remove it or add the article text", path=path)
    return Detected(codec, bom, text)


def _count_controls(text: str, body: bytes, codec: str) -> int:
    """How many control characters the first :data:`HEAD_SIZE` characters of ``text`` hold.
    In UTF-8 and Windows-1256 each is one byte that no other character uses, so a text that
    is all of ``body`` has them counted on the bytes, several times faster than by a regex."""
    if codec in ("utf-8", "cp1256") and len(text) <= HEAD_SIZE:
        return len(body.translate(None, _NOT_CONTROL_BYTES))
    return len(_CONTROLS.findall(text, 0, HEAD_SIZE))


def iter_lines(path: Path) -> Iterator[Line]:
    """Stream ``(line_number, line)`` pairs of a text file, line endings kept.

    Raises :class:`InputError` when the file as a whole cannot be read as text. A single
    line that cannot be decoded comes out as ``(line_number, InputError)`` and reading
    goes on (for UTF-16, reading stops with the exception instead).
    """
    with open(path, "rb") as f:
        head = f.read(HEAD_SIZE)
        found = detect(head, path=path, complete=len(head) < HEAD_SIZE)
        f.seek(found.bom)
        if found.codec.startswith("utf-16"):
            yield from _utf16_lines(f, found.codec, found.bom, path)
        else:
            yield from _byte_lines(f, found.codec, found.bom, path)


def looks_persian_1256(text: str) -> bool:
    """Whether text decoded as Windows-1256 reads as Persian/Arabic rather than mojibake."""
    sample = text[:SAMPLE_SIZE]
    non_ascii = len(_NON_ASCII.findall(sample))
    if not non_ascii or not _ARABIC_LETTER.search(sample):
        return False
    return len(_PERSIAN_1256.findall(sample)) >= 0.9 * non_ascii


def _sniff_bom(head: bytes, path: str | Path) -> tuple[str | None, int]:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            if codec is None:
                raise InputError(f"UTF-32 is not supported; {RESAVE}", path=path)
            return codec, len(bom)
    return None, 0


def _decode(body: bytes, codec: str, offset: int, path: str | Path, *, final: bool) -> str:
    try:
        return codecs.getincrementaldecoder(codec)().decode(body, final)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(codec, "replace").count("\n") + 1
        raise InputError(
            f"invalid {NAMES[codec]} data at byte {offset + exc.start}; the file may be "
            f"damaged or in another encoding; {RESAVE}",
            path=path,
            line=line,
        ) from None


def _refuse_nul_bytes(body: bytes, offset: int, path: str | Path) -> None:
    at = body.find(b"\0")
    if at < 0:
        return
    nuls = body.count(b"\0")
    odd = body[1::2].count(b"\0")
    if nuls > 0.2 * len(body) and max(odd, nuls - odd) > 0.9 * nuls:
        raise InputError(
            "looks like UTF-16 without a byte-order mark (BOM); re-save the file as UTF-8 "
            "(or as UTF-16 with a BOM)",
            path=path,
        )
    raise InputError(f"binary file (contains NUL bytes at byte {offset + at})", path=path)


def _utf8_or_cp1256(body: bytes, path: str | Path, complete: bool) -> tuple[str, str]:
    try:
        return "utf-8", codecs.getincrementaldecoder("utf-8")().decode(body, complete)
    except UnicodeDecodeError as exc:
        bad = exc.start
    text = body.decode("cp1256")
    if looks_persian_1256(text):
        return "cp1256", text
    line = body.count(b"\n", 0, bad) + 1
    raise InputError(_not_utf8_reason(body, bad), path=path, line=line)


def _not_utf8_reason(body: bytes, bad: int) -> str:
    """Explain invalid UTF-8: damaged UTF-8, Latin-1, or something unknown."""
    sample = body[:SAMPLE_SIZE]
    mostly = sample.decode("utf-8", "replace")
    replaced = mostly.count("\ufffd")
    non_ascii = len(_NON_ASCII.findall(mostly))
    if replaced <= 0.05 * non_ascii:
        return (
            f"invalid UTF-8 at byte {bad}, although the rest reads as UTF-8: the file is "
            f"damaged or mixes encodings; fix it or {RESAVE}"
        )
    latin = sample.decode("cp1252", "replace")
    letters = [c for c in latin if c > "\x7f" and c.isalpha()]
    named = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    guess = "Latin-1/Windows-1252" if letters and named >= 0.8 * len(letters) else "an unknown 8-bit encoding"
    return (
        f"not UTF-8, UTF-16 or Windows-1256 text (looks like {guess}; first non-UTF-8 "
        f"byte at byte {bad}); {RESAVE}"
    )


def _byte_lines(f: BinaryIO, codec: str, offset: int, path: str | Path) -> Iterator[Line]:
    """Lines of a UTF-8 or Windows-1256 file, split on b"\\n" and decoded one by one."""
    all_ascii = True
    for number, raw in enumerate(f, 1):
        try:
            line = raw.decode(codec)
        except UnicodeDecodeError as exc:
            if all_ascii and looks_persian_1256(raw.decode("cp1256")):
                codec, line = "cp1256", raw.decode("cp1256")  # ASCII head, Persian 1256 body
            else:
                yield number, InputError(
                    f"invalid {NAMES[codec]} at byte {offset + exc.start}; line skipped; {RESAVE}",
                    path=path,
                    line=number,
                )
                offset += len(raw)
                continue
        all_ascii = all_ascii and raw.isascii()
        nul = raw.find(b"\0")
        if nul >= 0:
            yield number, InputError(
                f"binary data (NUL byte at byte {offset + nul}); line skipped", path=path, line=number
            )
        else:
            yield number, line
        offset += len(raw)


def _utf16_lines(f: BinaryIO, codec: str, offset: int, path: str | Path) -> Iterator[Line]:
    """Lines of a UTF-16 file, decoded incrementally in chunks."""
    decoder = codecs.getincrementaldecoder(codec)()
    number = 1
    pending: list[str] = []
    while True:
        chunk = f.read(CHUNK_SIZE)
        buffered = len(decoder.getstate()[0])
        try:
            text = decoder.decode(chunk, not chunk)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"invalid {NAMES[codec]} data at byte {offset - buffered + exc.start}; {RESAVE}",
                path=path,
                line=number,
            ) from None
        offset += len(chunk)
        *complete, rest = text.split("\n")
        for part in complete:
            pending.append(part)
            yield number, _utf16_line("".join(pending) + "\n", number, path)
            number, pending = number + 1, []
        pending.append(rest)
        if not chunk:
            break
    last = "".join(pending)
    if last:
        yield number, _utf16_line(last, number, path)


def _utf16_line(line: str, number: int, path: str | Path) -> str | InputError:
    if "\0" in line:
        return InputError("binary data (NUL character); line skipped", path=path, line=number)
    return line
