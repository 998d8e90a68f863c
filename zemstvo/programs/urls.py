"""Public program URLs, mounted at /m/<municipality>/programs/ (namespace ``programs``)."""

from django.urls import path

from zemstvo.programs import views

urlpatterns = [
    path("", views.program_list, name="list"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("strategy/<int:pk>/", views.strategy_detail, name="strategy"),
]
