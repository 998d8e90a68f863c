from django.urls import path

from zemstvo.core.workdays import office

urlpatterns = [path("", office.calendars, name="index")]
