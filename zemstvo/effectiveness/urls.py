"""Public effectiveness URLs, mounted at /effectiveness/ (namespace ``effectiveness``).
The scorecard takes ``municipality`` like every portal page, so the menu can reverse it."""

from django.urls import path

from zemstvo.effectiveness import views

urlpatterns = [
    path("r/<slug:region>/", views.region_ratings, name="region"),
    path("r/<slug:region>/compare/", views.region_compare, name="compare"),
    path("ratings/<int:pk>/", views.rating_detail, name="rating"),
    path("m/<slug:municipality>/", views.municipality_scorecard, name="scorecard"),
    path("support/<int:pk>/", views.support_settlement, name="support"),
]
