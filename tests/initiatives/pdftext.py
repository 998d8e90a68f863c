"""A small text extractor for the PDFs fpdf2 writes with an embedded TTF (no PDF
reader is installed): content streams show glyph ids as hex strings, and the font's
ToUnicode CMap maps them back to characters."""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _streams(data: bytes) -> list[bytes]:
    found = []
    for raw in _STREAM.findall(data):
        try:
            found.append(zlib.decompress(raw))
        except zlib.error:
            found.append(raw)
    return found


def _cmap(streams: list[bytes]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for stream in streams:
        if b"beginbfchar" not in stream and b"beginbfrange" not in stream:
            continue
        text = stream.decode("latin-1")
        for section in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for glyph, code in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
                mapping[glyph.upper()] = chr(int(code, 16))
        for section in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for low, high, start in re.findall(
                    r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
                for offset in range(int(high, 16) - int(low, 16) + 1):
                    key = f"{int(low, 16) + offset:0{len(low)}X}"
                    mapping[key] = chr(int(start, 16) + offset)
    return mapping


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f",
            b"(": b"(", b")": b")", b"\\": b"\\"}


def _literal(raw: bytes) -> bytes:
    """The bytes of a PDF literal string (escapes resolved)."""
    out, i = bytearray(), 0
    while i < len(raw):
        char = raw[i:i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        nxt = raw[i + 1:i + 2]
        octal = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4])
        if octal:
            out.append(int(octal.group(), 8))
            i += 1 + len(octal.group())
        else:
            out += _ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def pdf_text(data: bytes) -> str:
    streams = _streams(data)
    mapping = _cmap(streams)
    words = []
    for stream in streams:
        for raw in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", stream, re.S):
            codes = _literal(raw)
            words.append("".join(mapping.get(codes[i:i + 2].hex().upper(), "")
                                 for i in range(0, len(codes) - 1, 2)))
    return " ".join(words)
