"""Office hearings URLs, mounted at /office/hearings/ (namespace ``office_hearings``)."""

from django.urls import path

from zemstvo.hearings import office

urlpatterns = [
    path("", office.office_list, name="list"),
    path("new/", office.office_create, name="create"),
    path("templates/", office.office_templates, name="templates"),
    path("<int:pk>/", office.office_detail, name="detail"),
    path("<int:pk>/participants/", office.office_participants, name="participants"),
    path("<int:pk>/protocol.<str:fmt>", office.office_protocol, name="protocol"),
]
