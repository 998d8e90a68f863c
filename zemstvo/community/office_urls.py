"""Office community URLs, mounted at /office/community/ (namespace ``office_community``)."""

from django.urls import path

from zemstvo.community import office

urlpatterns = [
    path("", office.office_index, name="index"),
    path("rolls/new/", office.roll_new, name="roll_new"),
    path("rolls/<int:pk>/", office.roll_detail, name="roll"),
    path("gatherings/new/", office.gathering_new, name="gathering_new"),
    path("gatherings/<int:pk>/", office.gathering_detail, name="gathering"),
    path("gatherings/<int:pk>/quorum/", office.gathering_quorum, name="quorum"),
    path("gatherings/<int:pk>/protocol.<str:fmt>", office.gathering_protocol, name="protocol"),
    path("tos/new/", office.tos_new, name="tos_new"),
    path("tos/<int:pk>/", office.tos_detail, name="tos"),
    path("nominations/<int:pk>/appoint/", office.starosta_appoint, name="appoint"),
    path("starostas/<int:pk>/", office.starosta_detail, name="starosta"),
]
