"""Public news URLs, mounted at /m/<municipality>/news/ (namespace ``news``)."""

from django.urls import path

from zemstvo.news import views

urlpatterns = [
    path("", views.news_list, name="list"),
    path("rss/", views.NewsFeed(), name="rss"),
    path("rss/<int:type_id>-<int:object_id>/", views.LinkedNewsFeed(), name="rss_linked"),
    path("<int:pk>-<slug:slug>/", views.news_detail, name="detail"),
]
