"""The operator's admin for people, roles and API tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from zemstvo.core.accounts.models import ApiToken, Membership

pytestmark = pytest.mark.django_db


def test_operator_edits_a_user_with_roles_inline(client, operator, clerk):
    client.force_login(operator)
    page = client.get(reverse("admin:accounts_user_change", args=[clerk.pk]))
    assert page.status_code == 200
    assert "memberships-TOTAL_FORMS" in page.content.decode()
    assert client.get(reverse("admin:accounts_user_changelist"), {"q": "clerk"}).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200


def test_operator_adds_a_user_through_the_admin(client, operator):
    client.force_login(operator)
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "newstaff", "email": "newstaff@example.org", "usable_password": "true",
        "password1": "Silnyi-Parol-55", "password2": "Silnyi-Parol-55",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Membership.objects.filter(user__username="newstaff").exists()


def test_api_tokens_are_listed_but_not_created_in_the_admin(client, operator, resident):
    ApiToken.objects.create(user=resident, key_hash="0" * 64, prefix="zt_abcdefg",
                            expires=timezone.now() + timedelta(days=1))
    client.force_login(operator)
    page = client.get(reverse("admin:accounts_apitoken_changelist"))
    assert page.status_code == 200 and "zt_abcdefg" in page.content.decode()
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
