"""Text handling for the embedded (SQLite FTS5) index: words are stemmed with the
Snowball stemmers before indexing and before querying, so «бюджетирования» and
«бюджетирование» meet at the same stem. PostgreSQL does the same work itself with
the 'russian' text-search configuration."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
# Chunks of a query: a quoted phrase (closed or not) or a run of non-spaces.
_CHUNK_RE = re.compile(r'"[^"]*"?|\S+')
# Private-use characters mark highlights inside PostgreSQL's ts_headline output; they
# are removed from indexed text so a document cannot forge a highlight.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKS = str.maketrans("", "", MARK_START + MARK_END)
# Control characters (PostgreSQL text cannot hold NUL at all); tab and newlines stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def normalise(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one word: Russian words by the Russian stemmer, Latin ones by the
    English stemmer; numbers and other scripts stay as they are."""
    word = normalise(word)
    if _CYRILLIC.search(word):
        return _stemmer("russian").stemWord(word)
    if _LATIN.search(word):
        return _stemmer("english").stemWord(word)
    return word


def stems(text: str) -> list[str]:
    return [stem(w) for w in WORD_RE.findall(text)]


def stemmed_text(text: str) -> str:
    """What the FTS5 table stores for a text: its stems separated by spaces."""
    return " ".join(stems(text))


def clean(text: str) -> str:
    """Text fit for the index and for queries: no control characters, no highlight
    marks."""
    return _CONTROL.sub("", text).translate(_MARKS)


@dataclass
class ParsedQuery:
    """A websearch-style query (as PostgreSQL's websearch_to_tsquery reads it):
    words are ANDed, ``"..."`` is a phrase, ``or`` separates alternatives, a leading
    ``-`` excludes a word. Each alternative is a list of phrases (lists of stems)."""

    alternatives: list[list[list[str]]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)

    @property
    def positive_stems(self) -> set[str]:
        return {s for alt in self.alternatives for phrase in alt for s in phrase}

    def to_fts5(self) -> str:
        """The FTS5 MATCH expression. Every stem is quoted, so no character of the
        user's query can reach FTS5's own syntax."""

        def phrase(stems_: list[str]) -> str:
            return '"' + " ".join(s.replace('"', '""') for s in stems_) + '"'

        groups = ["(" + " AND ".join(phrase(p) for p in alt) + ")" for alt in self.alternatives]
        expression = "(" + " OR ".join(groups) + ")"
        for excluded in self.excluded:
            expression += " NOT " + phrase(excluded)
        return expression


def parse_query(query: str) -> ParsedQuery:
    parsed = ParsedQuery()
    current: list[list[str]] = []
    for chunk in _CHUNK_RE.findall(query):
        if chunk.lower() == "or":
            if current:
                parsed.alternatives.append(current)
                current = []
            continue
        negated = chunk.startswith("-") and not chunk.startswith('"')
        words = stems(chunk)
        if not words:
            continue
        if negated:
            parsed.excluded.append(words)
        elif chunk.startswith('"'):
            current.append(words)
        else:
            # "foo-bar" or "foo*bar" hold several words: each is required.
            current.extend([w] for w in words)
    if current:
        parsed.alternatives.append(current)
    return parsed


def highlight(text: str, wanted: set[str], *, words: int = 35) -> str:
    """An HTML fragment of ``text`` around the first word whose stem is wanted, with
    every such word in <mark>. Everything else is escaped."""
    matches = list(WORD_RE.finditer(text))
    if not matches:
        return html.escape(text[:300])
    first = next((i for i, m in enumerate(matches) if stem(m.group()) in wanted), 0)
    start = max(0, first - words // 3)
    end = min(len(matches), start + words)
    begin_at, end_at = matches[start].start(), matches[end - 1].end()
    parts = ["… " if start > 0 else ""]
    position = begin_at
    for m in matches[start:end]:
        parts.append(html.escape(text[position : m.start()]))
        word = html.escape(m.group())
        parts.append(f"<mark>{word}</mark>" if stem(m.group()) in wanted else word)
        position = m.end()
    parts.append(html.escape(text[position:end_at]))
    if end < len(matches):
        parts.append(" …")
    return "".join(parts)


def headline_to_html(headline: str) -> str:
    """PostgreSQL's ts_headline output (with private-use marks) -> escaped HTML."""
    escaped = html.escape(headline)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
