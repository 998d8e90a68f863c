from django.urls import path

from zemstvo.core.comments import views

urlpatterns = [
    path("post/", views.post, name="post"),
    path("<int:pk>/report/", views.report, name="report"),
]
