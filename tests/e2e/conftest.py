"""Browser tests: Playwright drives Debian's Chromium against a live Django server.

The server is pytest-django's ``live_server`` (a thread of this process) on the test
database, emptied after each test (``transactional_db``): each test builds the records
it shows with the factories. On SQLite the test database is a temporary file, so the
server's threads use their own connections, as in production.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

# Playwright's sync API keeps an asyncio loop in this thread; Django refuses ORM calls
# from a thread with a running loop unless told that the caller knows it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Debian's Chromium (scripts/ensure-chromium.sh installs it); never a downloaded build.
CHROMIUM = (
    os.environ.get("ZEMSTVO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A page that takes longer than this is a failure, not something to wait for.
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, put the test database in a file: the live server's threads then open
    their own connections (WAL) instead of sharing the test thread's in-memory one."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("e2e-db")
        database.setdefault("TEST", {})["NAME"] = str(folder / "e2e.sqlite3")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium не найден ({CHROMIUM}): выполните «make chromium» "
            "или «sudo apt-get install chromium»."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """Opens fresh browser profiles (no cookies) on the live server; closes them after
    the test. Keyword arguments go to Playwright (e.g. java_script_enabled=False)."""
    opened: list[BrowserContext] = []

    def open_context(**options) -> BrowserContext:
        ctx = browser.new_context(base_url=live_server.url, locale="ru-RU", **options)
        ctx.set_default_timeout(TIMEOUT_MS)
        opened.append(ctx)
        return ctx

    yield open_context
    for ctx in opened:
        ctx.close()


@pytest.fixture
def context(new_context) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()

