"""The project's URLs plus /bench/bare: a view that goes through the same server,
middleware and URL resolver as every page but touches neither the database nor a
template. Its throughput is the ceiling the pages are measured against."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from zemstvo.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare", bare, name="bench-bare"), *project_urlpatterns]
