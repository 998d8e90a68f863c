from django.urls import path

from zemstvo.core.search import views

urlpatterns = [path("", views.search_page, name="search")]
