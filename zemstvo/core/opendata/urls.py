from django.urls import path

from zemstvo.core.opendata import views

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("list.csv", views.catalogue_csv, name="list_csv"),
    path("<str:identifier>/", views.passport, name="passport"),
    path("<str:identifier>/data.csv", views.data_csv, name="data_csv"),
    path("<str:identifier>/data.json", views.data_json, name="data_json"),
    path("<str:identifier>/structure.csv", views.structure_csv, name="structure_csv"),
    path("<str:identifier>/meta.csv", views.meta_csv, name="meta_csv"),
]
