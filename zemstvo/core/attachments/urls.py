from django.urls import path

from zemstvo.core.attachments import views

urlpatterns = [
    path("<int:pk>/", views.download, name="download"),
    path("<int:pk>/remove/", views.remove, name="remove"),
    path("upload/", views.upload, name="upload"),
]
