"""Public initiative URLs, mounted at /m/<municipality>/initiatives/ (namespace
``initiatives``)."""

from django.urls import path

from zemstvo.initiatives import views

urlpatterns = [
    path("", views.project_list, name="list"),
    path("propose/", views.project_propose, name="propose"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/support/", views.project_support, name="support"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/protocol.<str:fmt>", views.round_protocol, name="protocol"),
    path("my/<int:pk>/", views.project_own, name="own"),
    path("my/<int:pk>/edit/", views.project_edit, name="edit"),
    path("my/<int:pk>/submit/", views.project_submit, name="submit"),
    path("join/<str:code>/", views.group_join, name="join"),
]
