"""Public hearings URLs, mounted at /m/<municipality>/hearings/ (namespace ``hearings``)."""

from django.urls import path

from zemstvo.hearings import views

urlpatterns = [
    path("", views.hearings_list, name="list"),
    path("<int:pk>/", views.hearings_detail, name="detail"),
    path("<int:pk>/notice/", views.hearings_notice, name="notice"),
    path("<int:pk>/propose/", views.hearings_propose, name="propose"),
    path("<int:pk>/proposals.csv", views.hearings_proposals_csv, name="proposals_csv"),
    path("<int:pk>/<str:doc>.<str:fmt>", views.hearings_document, name="document"),
]
