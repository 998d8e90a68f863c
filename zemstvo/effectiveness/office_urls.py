"""Office URLs, mounted at /office/effectiveness/ (namespace ``office_effectiveness``)."""

from django.urls import path

from zemstvo.effectiveness import office

urlpatterns = [
    path("", office.home, name="home"),
    path("campaigns/<int:pk>/", office.campaign_page, name="campaign"),
    path("campaigns/<int:pk>/close/", office.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/m/<slug:municipality>/", office.report_open, name="report_open"),
    path("reports/<int:pk>/", office.report_page, name="report"),
    path("reports/<int:pk>/upload/", office.report_upload, name="upload"),
    path("reports/<int:pk>/template.<str:fmt>", office.report_template, name="template"),
    path("reports/<int:pk>/doklad.<str:fmt>", office.head_report, name="head_report"),
    path("reports/<int:pk>/<str:action>/", office.report_transition, name="transition"),
    path("values/<int:pk>/history/", office.value_history, name="history"),
    path("catalogue/", office.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/", office.catalogue, name="indicator"),
    path("ratings/", office.ratings_page, name="ratings"),
    path("ratings/methods/new/", office.method_edit, name="method_new"),
    path("ratings/methods/<int:pk>/", office.method_edit, name="method"),
    path("survey/", office.survey_links, name="survey"),
    path("survey/<int:pk>/remove/", office.survey_link_remove, name="survey_remove"),
    path("plan/", office.plan, name="plan"),
    path("measures/<int:pk>/", office.measure_page, name="measure"),
]
