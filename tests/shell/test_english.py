"""English interface: the catalog zemstvo/locale/en is complete and the pages switch to it.

UI strings are written in Russian in the source (the gettext msgids are Russian) and
LANGUAGE_CODE is "ru"; English comes from the gettext catalog. These tests fail when a
string is added to the code without an English translation, when the compiled .mo lags
behind the .po, and when a page shows Russian in its navigation or headings after the
visitor has chosen English.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import tokenize
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation.template import templatize

PACKAGE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = PACKAGE_DIR / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

CYRILLIC = re.compile("[А-Яа-яЁё]")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z_0-9]*\}")
HTML_TAG = re.compile(r"<[^>]+>")

# The same directories `make messages` leaves out (makemessages --ignore).
SKIPPED_DIRS = {"migrations", "data", "locale", "static", "__pycache__"}

# gettext keywords as Django's makemessages passes them to xgettext.
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}


# --- a small reader of .po files (the project does not depend on polib) -----------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def read_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """Return the header fields and the live (not obsolete) entries of a .po file."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] = ("msgid", 0)
    started = False

    def finish() -> None:
        nonlocal current, started
        if started:
            entries.append(current)
        current, started = Entry(), False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):  # blank line; obsolete entries are ignored
            if not line:
                finish()
            continue
        if line.startswith("#"):
            if current.msgstr:
                finish()
            if line.startswith("#,"):
                current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            value = _unquote(line)
        else:
            keyword, _sep, rest = line.partition(" ")
            if keyword in {"msgctxt", "msgid"} and current.msgstr:
                finish()
            started = True
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            target = ("msgstr", int(match.group(1))) if match else (keyword, 0)
            value = _unquote(rest)
        name, index = target
        if name == "msgstr":
            current.msgstr[index] = current.msgstr.get(index, "") + value
        elif name == "msgid":
            current.msgid += value
        elif name == "msgctxt":
            current.msgctxt = (current.msgctxt or "") + value
        elif name == "msgid_plural":
            current.msgid_plural = (current.msgid_plural or "") + value
        else:
            raise AssertionError(f"unknown line in {path.name}: {raw!r}")
    finish()

    header_entries = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    assert len(header_entries) == 1, "the catalog must have exactly one header"
    header = {}
    for header_line in header_entries[0].msgstr[0].splitlines():
        name, _sep, value = header_line.partition(":")
        header[name.strip()] = value.strip()
    return header, [e for e in entries if e.msgid != "" or e.msgctxt is not None]


# --- the strings the code marks for translation ------------------------------------------


def _string_calls(source: str) -> list[tuple[str, list[str]]]:
    """(keyword, leading string-literal arguments) of every gettext call in the source."""
    calls: list[tuple[str, list[str]]] = []
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    keywords = SINGULAR | PLURAL | CONTEXT | CONTEXT_PLURAL
    for i, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in keywords:
            continue
        if i and tokens[i - 1].type == tokenize.OP and tokens[i - 1].string == ".":
            continue  # an attribute such as obj.gettext(...) is not a gettext keyword
        if tokens[i + 1].string != "(":
            continue
        args: list[str] = []
        parts: list[str] = []
        for tok in tokens[i + 2:]:
            if tok.type == tokenize.STRING:
                parts.append(ast.literal_eval(tok.string))
            elif tok.type in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                continue
            elif tok.type == tokenize.OP and tok.string == "," and parts:
                args.append("".join(parts))
                parts = []
            else:
                break
        if parts:
            args.append("".join(parts))
        calls.append((token.string, args))
    return calls


def _keys_from_calls(calls: list[tuple[str, list[str]]]) -> set[tuple[str | None, str]]:
    keys = set()
    for keyword, args in calls:
        if keyword in SINGULAR | PLURAL and args:
            keys.add((None, args[0]))
        elif keyword in CONTEXT | CONTEXT_PLURAL and len(args) >= 2:
            keys.add((args[0], args[1]))
    return keys


def _source_files() -> list[Path]:
    files = []
    for path in PACKAGE_DIR.rglob("*"):
        relative = path.relative_to(PACKAGE_DIR)
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in relative.parts[:-1]):
            continue
        if path.is_file() and path.suffix in {".py", ".html", ".txt"}:
            files.append(path)
    return sorted(files)


def marked_strings() -> dict[tuple[str | None, str], str]:
    """Every translatable string in the code -> the first file that marks it."""
    found: dict[tuple[str | None, str], str] = {}
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            source = text
        else:
            # Django's own template-to-gettext conversion, as makemessages uses it; its
            # output is not Python, so indentation is dropped before tokenizing it.
            converted = templatize(text, origin=str(path))
            source = "\n".join(line.lstrip() for line in converted.splitlines())
        for key in _keys_from_calls(_string_calls(source)):
            found.setdefault(key, str(path.relative_to(PACKAGE_DIR)))
    return found


# --- the catalog ----------------------------------------------------------------------


def test_catalog_header_declares_english_utf8_and_two_plural_forms():
    header, _entries = read_po(PO_FILE)
    assert header["Language"] == "en"
    assert "charset=UTF-8" in header["Content-Type"]
    assert header["Plural-Forms"].startswith("nplurals=2;")


def test_every_catalog_entry_is_translated_and_not_fuzzy():
    _header, entries = read_po(PO_FILE)
    assert len(entries) > 500, "the catalog lost its entries"
    untranslated = [
        e.msgid for e in entries
        if not e.msgstr or any(not text.strip() for text in e.msgstr.values())
        or (e.msgid_plural is not None and set(e.msgstr) != {0, 1})
    ]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert untranslated == [], f"{len(untranslated)} msgids without English: {untranslated[:20]}"
    assert fuzzy == [], f"fuzzy entries (check and clear the flag): {fuzzy[:20]}"


def test_translations_keep_placeholders_and_markup_and_contain_no_russian():
    _header, entries = read_po(PO_FILE)
    problems = []
    for e in entries:
        sources = [e.msgid] if e.msgid_plural is None else [e.msgid, e.msgid_plural]
        expected = sorted(PLACEHOLDER.findall(sources[-1]))
        for text in e.msgstr.values():
            if sorted(PLACEHOLDER.findall(text)) != expected:
                problems.append(("placeholders", e.msgid, text))
            if sorted(HTML_TAG.findall(text)) != sorted(HTML_TAG.findall(sources[0])):
                problems.append(("markup", e.msgid, text))
            if CYRILLIC.search(text):
                problems.append(("Russian left in", e.msgid, text))
    assert problems == []


def test_every_string_marked_in_the_code_is_in_the_catalog():
    # Catches a string added to the code without `make messages` and a translation.
    _header, entries = read_po(PO_FILE)
    translated = {e.key for e in entries if e.msgstr and all(e.msgstr.values())}
    missing = {key: where for key, where in marked_strings().items() if key not in translated}
    assert missing == {}, (
        f"{len(missing)} strings have no English translation; run `make messages` and "
        f"translate them in {PO_FILE}: "
        + "; ".join(f"{where}: {msgid!r}" for (_ctx, msgid), where in list(missing.items())[:20])
    )


def test_string_scan_finds_strings_in_python_and_templates():
    # Guards the scan above: were it to find nothing, that test could not fail.
    found = marked_strings()
    assert (None, "Кабинет сотрудника") in found  # {% translate %} in shell/base.html
    assert (None, "Проверено: %(count_text)s.") in found  # {% blocktranslate %}
    assert (None, "Личные данные") in found  # gettext_lazy in accounts/admin.py
    calls = _string_calls('x = _("Раз" "два")\ny = pgettext("месяц", "Май")\nobj.gettext("z")')
    assert _keys_from_calls(calls) == {(None, "Раздва"), ("месяц", "Май")}


def test_compiled_catalog_matches_the_po_file():
    # The .mo is what Django reads: a .po edited without compilemessages changes nothing.
    _header, entries = read_po(PO_FILE)
    with MO_FILE.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for e in entries:
        if e.msgid_plural is None:
            msgid = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
            if compiled._catalog.get(msgid) != e.msgstr[0]:
                stale.append(e.msgid)
        else:
            for n, text in e.msgstr.items():
                msgid = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
                if compiled._catalog.get((msgid, n)) != text:
                    stale.append(e.msgid)
    assert stale == [], f"django.mo is out of date, run compilemessages: {stale[:10]}"


# --- the pages in English ---------------------------------------------------------------


class _UIText(HTMLParser):
    """Collects the text of navigation, headings, the title, labels and buttons."""

    WATCHED = {"nav", "h1", "h2", "h3", "h4", "h5", "h6", "title", "label", "button"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.html_lang = ""

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html_lang = dict(attrs).get("lang", "")
        if tag in self.WATCHED:
            self.open.append(tag)
        for name, value in attrs:
            if name == "aria-label" and value and self.open:
                self.texts.setdefault(self.open[-1], []).append(value)

    def handle_endtag(self, tag):
        if tag in self.WATCHED and tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]

    def handle_data(self, data):
        if data.strip():
            for tag in set(self.open):
                self.texts.setdefault(tag, []).append(data.strip())


def ui_text(response) -> _UIText:
    parser = _UIText()
    parser.feed(response.content.decode())
    return parser


def _russian(texts: list[str]) -> list[str]:
    return [t for t in texts if CYRILLIC.search(t)]


@pytest.fixture
def english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


@pytest.mark.django_db
def test_set_language_switches_the_home_page_to_english(english):
    page = ui_text(english.get("/"))
    assert page.html_lang == "en"
    assert page.texts["h1"] == ["Municipal portals"]
    nav = page.texts["nav"]
    for label in ("Sign in", "Register", "Search", "Open data", "Sections"):
        assert label in nav
    assert "Low-vision version" in page.texts["button"]
    assert _russian(nav + page.texts["h1"] + page.texts["title"] + page.texts["button"]) == []


@pytest.mark.django_db
def test_without_a_choice_the_site_stays_in_russian(client):
    # The browser's Accept-Language does not count: only the visitor's own choice does.
    page = ui_text(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    assert page.html_lang == "ru"
    assert page.texts["h1"] == ["Порталы муниципальных образований"]


@pytest.mark.django_db
def test_login_page_is_in_english(english):
    response = english.get(reverse("accounts:login"))
    assert response.status_code == 200
    page = ui_text(response)
    assert page.texts["h1"] == ["Sign in"]
    assert "Password:" in page.texts["label"]
    assert "Forgot your password?" in response.content.decode()
    checked = page.texts["nav"] + page.texts["h1"] + page.texts["label"] + page.texts["button"]
    assert _russian(checked) == []


@pytest.mark.django_db
def test_search_page_and_its_messages_are_in_english(english):
    response = english.get(reverse("search:search"), {"q": "x"})
    assert response.status_code == 200
    page = ui_text(response)
    assert "Search" in page.texts["h1"][0]
    assert "Search for" in page.texts["label"]
    assert "The query is too short" in response.content.decode()
    headings = [t for tag in ("h1", "h2", "h3") for t in page.texts.get(tag, [])]
    assert _russian(page.texts["nav"] + headings + page.texts["label"]) == []


@pytest.mark.django_db
def test_english_cookie_alone_is_enough(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = ui_text(client.get(reverse("accounts:login")))
    assert page.html_lang == "en"
    assert page.texts["h1"] == ["Sign in"]


@pytest.mark.django_db
def test_portal_navigation_from_module_manifests_is_in_english(english, municipality):
    # Menu titles come from the module manifests (gettext_lazy), not from templates.
    page = ui_text(english.get(reverse("territory:municipality", args=[municipality.slug])))
    nav = page.texts["nav"]
    assert "News" in nav and "Localities" in nav
    assert _russian(nav) == []


@pytest.mark.django_db
def test_staff_office_navigation_is_in_english(english, operator):
    english.force_login(operator)
    # force_login starts a new session; the language cookie stays.
    page = ui_text(english.get(reverse("shell:office")))
    nav = page.texts["nav"]
    assert "Dashboard" in nav and "Staff office" in nav and "Sign out" in page.texts["button"]
    assert _russian(nav + page.texts["h1"]) == []
