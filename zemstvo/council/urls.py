"""Public council URLs, mounted at /m/<municipality>/council/ (namespace ``council``)."""

from django.urls import path

from zemstvo.council import views

urlpatterns = [
    path("", views.body_page, name="body"),
    path("sessions/", views.schedule, name="schedule"),
    path("sessions.ics", views.sessions_ics, name="sessions_ics"),
    path("sessions/<int:pk>/", views.session_page, name="session"),
    path("agenda/<int:pk>/ask/", views.ask, name="ask"),
    path("deputies/<int:pk>/", views.deputy_page, name="deputy"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings.ics", views.meetings_ics, name="meetings_ics"),
    path("meetings/<int:pk>/", views.meeting_page, name="meeting"),
    path("meetings/<int:pk>/register/", views.meeting_register, name="register"),
]
