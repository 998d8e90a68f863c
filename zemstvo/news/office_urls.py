"""Office news URLs, mounted at /office/news/ (namespace ``office_news``)."""

from django.urls import path

from zemstvo.news import office

urlpatterns = [
    path("", office.office_list, name="list"),
    path("new/", office.office_create, name="create"),
    path("<int:pk>/", office.office_edit, name="edit"),
    path("<int:pk>/<str:action>/", office.office_transition, name="transition"),
]
