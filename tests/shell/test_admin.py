"""The Django admin is the operator's tool; its changes reach the audit log too."""

from __future__ import annotations

import pytest
from django.contrib import admin

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.shell.admin_support import AuditedAdmin

pytestmark = pytest.mark.django_db


def test_every_zemstvo_model_admin_is_audited():
    for model, model_admin in admin.site._registry.items():
        if model.__module__.startswith("zemstvo."):
            assert isinstance(model_admin, AuditedAdmin), model


def test_an_operator_edit_in_the_admin_is_an_audit_event(client, operator, municipality):
    client.force_login(operator)
    url = f"/admin/territory/municipality/{municipality.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"name": "Новое имя", "region": municipality.region_id,
                 "population": 1234, "is_active": "on"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action="admin.change")
    assert event.actor == operator
    assert event.object_id == str(municipality.pk)
    assert event.object_type == "territory.municipality"
