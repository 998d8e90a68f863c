"""Public vote URLs, mounted at /m/<municipality>/voting/ (namespace ``voting``)."""

from django.urls import path

from zemstvo.voting import views

urlpatterns = [
    path("", views.poll_list, name="list"),
    path("<int:pk>/", views.poll_detail, name="detail"),
    path("<int:pk>/results/", views.poll_results, name="results"),
    path("<int:pk>/ballots/", views.poll_ballots, name="ballots"),
    path("<int:pk>/receipt/", views.receipt_check, name="receipt"),
]
