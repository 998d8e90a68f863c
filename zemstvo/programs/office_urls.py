"""Office program URLs, mounted at /office/programs/ (namespace ``office_programs``)."""

from django.urls import path

from zemstvo.programs import office

urlpatterns = [
    path("", office.office_list, name="list"),
    path("<int:pk>/", office.office_program, name="program"),
    path("<int:pk>/budget-template.xlsx", office.budget_template, name="budget_template"),
    path("activities/<int:pk>/", office.office_activity, name="activity"),
    path("strategy/<int:pk>/", office.office_strategy, name="strategy"),
]
