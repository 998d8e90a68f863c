from django.urls import path

from zemstvo.core.shell import views

urlpatterns = [
    path("", views.home, name="home"),
    path("office/", views.office_dashboard, name="office"),
    path("accessibility/", views.accessibility_toggle, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]
