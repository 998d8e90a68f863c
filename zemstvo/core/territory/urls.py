from django.urls import path

from zemstvo.core.territory import views

urlpatterns = [
    path("r/<slug:slug>/", views.region_page, name="region"),
    path("m/<slug:slug>/", views.municipality_home, name="municipality"),
]
