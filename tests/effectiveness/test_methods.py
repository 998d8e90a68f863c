"""The office form of rating methods: every parameter of the computation with its
help, saved through ratings.method_save (checked and audited); bad input is explained
in Russian and writes nothing; only the region's curator (and the operator) may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zemstvo.core.audit.models import AuditEvent
from zemstvo.effectiveness import ratings
from zemstvo.effectiveness.models import RatingMethod, Sphere

pytestmark = pytest.mark.django_db

NEW = reverse("office_effectiveness:method_new")


def _post(**changes) -> dict:
    data = {"name": "Региональная методика", "kind": "weighted", "level_weight": "0.5",
            "trend_weight": "0.5", "mean_weight": "0.7", "survey_weight": "0.3",
            "equal_value": "0.5", "max_missing": "2", "group_by_type": ""}
    data.update(changes)
    return data


def _field(form, code: str) -> str:
    return form.indicator_field_names[code]


def test_new_method_form_shows_every_parameter_with_help(client, catalogue, regional_curator):
    client.force_login(regional_curator)
    response = client.get(NEW)
    assert response.status_code == 200
    form = response.context["form"]
    for name in ("level_weight", "trend_weight", "mean_weight", "survey_weight",
                 "equal_value", "max_missing", "group_by_type"):
        assert form.fields[name].help_text
    assert {f"sw_{key}" for key in Sphere.values} <= set(form.fields)
    assert "1" in form.indicator_codes and "37" not in form.indicator_codes
    text = response.content.decode()
    assert "Вес динамики" in text and "В ПП № 1317 — 0,6" in text
    assert form["trend_weight"].value() == "0.6"  # the ПП № 1317 preset by default


def test_curator_creates_a_method_with_weights_and_it_is_audited(
    client, catalogue, regional_curator, municipality
):
    client.force_login(regional_curator)
    form = client.get(NEW).context["form"]
    data = _post(sw_economy="2", sw_culture="0", **{_field(form, "1"): "3"})
    response = client.post(NEW, data)
    assert response.status_code == 302
    method = RatingMethod.objects.get()
    assert method.region == municipality.region and method.kind == "weighted"
    assert method.parameters == {
        "level_weight": "0.5", "trend_weight": "0.5", "mean_weight": "0.7",
        "survey_weight": "0.3", "equal_value": "0.5", "max_missing": 2,
        "group_by_type": False, "sphere_weights": {"economy": "2", "culture": "0"},
        "indicator_weights": {"1": "3"}}
    assert AuditEvent.objects.filter(action="effectiveness.method_save",
                                     object_id=str(method.pk)).exists()
    assert method.name in client.get(reverse("office_effectiveness:ratings")).content.decode()


def test_curator_edits_a_method_and_the_form_shows_its_parameters(
    client, catalogue, regional_curator, municipality
):
    method = ratings.standard_methods(actor=regional_curator, region=municipality.region)[2]
    client.force_login(regional_curator)
    url = reverse("office_effectiveness:method", kwargs={"pk": method.pk})
    form = client.get(url).context["form"]
    assert form["sw_economy"].value() == "2" and form["name"].value() == method.name
    response = client.post(url, _post(name="Сферы по-новому", sw_economy="4"))
    assert response.status_code == 302
    method.refresh_from_db()
    assert method.name == "Сферы по-новому"
    assert method.parameters["sphere_weights"] == {"economy": "4"}
    assert RatingMethod.objects.count() == 3
    event = AuditEvent.objects.filter(action="effectiveness.method_save").last()
    assert event.before["name"] == "Взвешенные сферы"
    assert event.before["parameters"]["sphere_weights"] == {"economy": "2",
                                                            "administration": "1.5"}
    assert event.after["name"] == "Сферы по-новому"


def test_a_preset_fills_the_form(client, catalogue, regional_curator):
    client.force_login(regional_curator)
    form = client.get(NEW + "?kind=minmax").context["form"]
    assert form["trend_weight"].value() == "0" and form["kind"].value() == "minmax"


@pytest.mark.parametrize(("changes", "message"), [
    ({"trend_weight": "-1"}, "больше либо равно 0"),
    ({"level_weight": "0", "trend_weight": "0"},
     "Вес уровня и вес динамики не могут оба быть нулевыми."),
    ({"name": "  "}, "Обязательное поле"),
    ({"name": "Аб"}, "Назовите методику."),
    ({"max_missing": "-1"}, "больше либо равно 0"),
    ({"sw_economy": "-2"}, "больше либо равно 0"),
    ({"mean_weight": "много"}, "Введите число"),
])
def test_bad_parameters_are_explained_and_nothing_is_written(
    client, catalogue, regional_curator, changes, message
):
    client.force_login(regional_curator)
    events = AuditEvent.objects.count()
    response = client.post(NEW, _post(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RatingMethod.objects.exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("role", ["analyst", "municipal_admin", "clerk", "other_curator"])
def test_others_may_not_keep_the_region_s_methods(
    client, catalogue, person, role, regional_curator, municipality
):
    method = ratings.standard_methods(actor=regional_curator, region=municipality.region)[0]
    client.force_login(person(role))
    url = reverse("office_effectiveness:method", kwargs={"pk": method.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, _post()).status_code == 403
    method.refresh_from_db()
    assert method.name != "Региональная методика"
    if role != "other_curator":
        assert client.post(NEW, _post()).status_code == 403
    assert RatingMethod.objects.count() == 3


def test_operator_may_keep_methods(client, catalogue, operator, municipality):
    client.force_login(operator)
    response = client.post(NEW + f"?region={municipality.region.slug}",
                           _post(region=municipality.region.slug))
    assert response.status_code == 302 and RatingMethod.objects.count() == 1


def test_anonymous_is_sent_to_login(client):
    assert client.get(NEW).status_code == 302


def test_a_weight_stays_with_its_indicator_when_the_list_changes_before_saving(
        catalogue, municipality):
    """GIVEN the form opened with indicators 1 and 2, and indicator 1 taken out of the
    rating before it is saved WHEN the weight typed for indicator 2 comes back THEN it
    is saved for indicator 2 (a field named by position would give it to another)."""
    from zemstvo.effectiveness.forms import MethodForm
    from zemstvo.effectiveness.selectors import rated_indicators

    indicators = list(rated_indicators(municipality.region))
    first, second = indicators[0], indicators[1]
    opened = MethodForm(indicators=indicators)
    data = _post(**{_field(opened, second.code): "4"})
    saved = MethodForm(data, indicators=indicators[1:])
    assert saved.is_valid(), saved.errors
    assert saved.parameters()["indicator_weights"] == {second.code: "4"}
    assert first.code not in saved.parameters()["indicator_weights"]
