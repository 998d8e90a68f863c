from django.urls import path

from zemstvo.core.rules import office

urlpatterns = [
    path("", office.index, name="index"),
    path("<int:pk>/remove/", office.remove, name="remove"),
]
