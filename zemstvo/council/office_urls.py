"""Office council URLs, mounted at /office/council/ (namespace ``office_council``)."""

from django.urls import path

from zemstvo.council import office

urlpatterns = [
    path("", office.home, name="home"),
    path("add/<str:what>/", office.add, name="add"),
    path("sessions/<int:pk>/", office.session_edit, name="session"),
    path("questions/", office.questions, name="questions"),
    path("questions/<int:pk>/moderate/", office.moderate, name="moderate"),
    path("meetings/<int:pk>/", office.meeting_edit, name="meeting"),
]
