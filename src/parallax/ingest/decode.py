"""Bytes to text, failing soft: a cascade of decodings, and a sniff for files that are not text.

Cascade: a byte-order mark decides (UTF-8/16/32) -> strict UTF-8 -> strict Windows-1252 when the
result looks like text -> UTF-8 with replacement characters, noted as a lossy decoding. Files with
NUL bytes (and no UTF-16/32 mark) or with a known binary signature are not text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from parallax.errors import Msg

# Magic numbers of common binary formats that end up in news folders by mistake.
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"SQLite format 3",
    b"RIFF",
    b"OggS",
    b"ID3",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# More control characters than this share of the text means it is not prose.
_MAX_CONTROL_SHARE = 0.01
# More replacement characters than this share of the text means it is not worth reading.
_MAX_LOSSY_SHARE = 0.05


class NotText(Exception):
    """The bytes are not text; the message is the user-facing reason."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # set when the decoding lost characters


_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML or XML document names in its first 2 KB (<meta charset>, <?xml encoding?>)."""
    match = _DECLARED.search(data[:2048])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a file's bytes by the cascade above; raise `NotText` with the reason otherwise.

    `declared` (from an HTML/XML charset declaration) is tried right after the byte-order marks.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_newlines(data.decode(encoding)), encoding)
            except UnicodeDecodeError as exc:
                raise NotText(Msg.UNDECODABLE.format(detail=f"{encoding}: {exc.reason}")) from exc
    if any(data.startswith(sig) for sig in _BINARY_SIGNATURES) or b"\x00" in data:
        raise NotText(Msg.BINARY)
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return Decoded(_newlines(data.decode(declared)), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return Decoded(_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if _looks_like_text(text):
            return Decoded(_newlines(text), "cp1252")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    lost = text.count("\ufffd")
    if not _looks_like_text(text) or lost > _MAX_LOSSY_SHARE * max(len(text), 1):
        raise NotText(Msg.UNDECODABLE.format(detail=f"{lost} undecodable bytes"))
    return Decoded(_newlines(text), "utf-8", Msg.LOSSY_DECODING.format(count=lost))


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f") + sum(
        1 for ch in text if 0x80 <= ord(ch) < 0xA0
    )
    return controls <= _MAX_CONTROL_SHARE * max(len(text), 1)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
