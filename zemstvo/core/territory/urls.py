"""Site URLs of the territory, mounted at the root (url_prefix ""): /r/<slug>/ and
/m/<slug>/. The settlements page takes ``municipality`` like every portal page, so
the shell's menu can reverse it."""

from django.urls import path

from zemstvo.core.territory import views

urlpatterns = [
    path("r/<slug:slug>/", views.region_page, name="region"),
    path("m/<slug:slug>/", views.municipality_home, name="municipality"),
    path("m/<slug:municipality>/settlements/", views.settlements, name="settlements"),
]
