"""Office vote URLs, mounted at /office/voting/ (namespace ``office_voting``)."""

from django.urls import path

from zemstvo.voting import office

urlpatterns = [
    path("", office.office_list, name="list"),
    path("new/", office.office_create, name="create"),
    path("<int:pk>/", office.office_edit, name="edit"),
    path("<int:pk>/options/<int:option_pk>/", office.office_option, name="option"),
    path("<int:pk>/paper/", office.office_paper, name="paper"),
    path("<int:pk>/roll/", office.office_roll, name="roll"),
    path("<int:pk>/results/", office.office_results, name="results"),
    path("<int:pk>/<str:action>/", office.office_transition, name="transition"),
]
