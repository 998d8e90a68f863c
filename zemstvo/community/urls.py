"""Public community URLs, mounted at /m/<municipality>/community/ (namespace ``community``)."""

from django.urls import path

from zemstvo.community import views

urlpatterns = [
    path("", views.community_index, name="index"),
    path("tos/<int:pk>/", views.tos_detail, name="tos"),
    path("starostas/", views.starosta_list, name="starostas"),
]
