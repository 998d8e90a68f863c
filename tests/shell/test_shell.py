"""The shell: home, health check, accessibility switch, office dashboard, registry."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import OperationalError
from django.urls import reverse

from tests.factories import MunicipalityFactory, RegionFactory
from zemstvo.core import permissions, registry
from zemstvo.core.shell.middleware import A11Y_COOKIE

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


@pytest.mark.parametrize("portals", [2, 12])
def test_home_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, portals):
    region = RegionFactory()
    MunicipalityFactory.create_batch(portals, region=region)
    with django_assert_max_num_queries(4):
        response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == portals


def test_accessibility_switch_is_remembered_and_can_be_turned_off(client):
    response = client.post(reverse("shell:accessibility"), {"a11y": "1", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[A11Y_COOKIE].value == "1"
    page = client.get("/").content.decode()
    assert '<body class="a11y' in page
    assert "Обычная версия" in page

    client.post(reverse("shell:accessibility"), {"a11y": "0", "next": "/"})
    page = client.get("/").content.decode()
    assert '<body class="a11y' not in page
    assert "Версия для слабовидящих" in page


def test_accessibility_switch_refuses_to_redirect_off_site(client):
    response = client.post(
        reverse("shell:accessibility"), {"a11y": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_every_page_loads_only_assets_the_platform_serves(client):
    page = client.get("/").content.decode()
    assert "//cdn" not in page
    for marker in ('src="http', 'href="http'):
        assert marker not in page


def test_office_requires_login_and_a_staff_role(client, resident, clerk):
    assert client.get("/office/").status_code == 302
    client.force_login(resident)
    assert client.get("/office/").status_code == 403
    client.force_login(clerk)
    response = client.get("/office/")
    assert response.status_code == 200
    assert "Рабочий стол" in response.content.decode()


def test_unknown_action_is_a_programming_error(resident):
    with pytest.raises(LookupError):
        permissions.can(resident, "nosuch.action")


def test_every_declared_action_is_named_after_its_module():
    for manifest in registry.modules():
        for action in manifest.policies:
            assert action.startswith(f"{manifest.label}."), action


def test_kernel_imports_no_domain_by_name():
    from pathlib import Path

    from django.conf import settings

    domains = [app.rsplit(".", 1)[-1] for app in settings.DOMAIN_APPS]
    kernel = Path(settings.BASE_DIR) / "core"
    for path in kernel.rglob("*.py"):
        text = path.read_text()
        for domain in domains:
            assert f"zemstvo.{domain}" not in text, f"{path} imports the {domain} domain"


def test_production_profile_passes_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "ZEMSTVO_PROFILE": "production",
        "ZEMSTVO_SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
        "ZEMSTVO_ALLOWED_HOSTS": "zemstvo.example.ru",
        "ZEMSTVO_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "zemstvo", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
