"""Office initiative URLs, mounted at /office/initiatives/ (namespace
``office_initiatives``)."""

from django.urls import path

from zemstvo.initiatives import office

urlpatterns = [
    path("", office.queue, name="queue"),
    path("projects/<int:pk>/", office.project, name="project"),
    path("projects/<int:pk>/publish/", office.project_publish, name="publish"),
    path("projects/<int:pk>/score/", office.score, name="score"),
    path("projects/<int:pk>/<str:action>/", office.project_action, name="action"),
    path("rounds/new/", office.round_form, name="round_new"),
    path("rounds/<int:pk>/", office.round_form, name="round"),
    path("rounds/<int:pk>/criteria/", office.criterion_add, name="criterion_add"),
    path("criteria/<int:pk>/remove/", office.criterion_remove, name="criterion_remove"),
    path("rounds/<int:pk>/scoring/", office.scoring_list, name="scoring"),
    path("rounds/<int:pk>/protocol.<str:fmt>", office.round_protocol, name="protocol"),
    path("rounds/<int:pk>/step/<str:step>/", office.round_step, name="round_step"),
]
