from django.shortcuts import get_object_or_404, render

from zemstvo.core.territory.models import Municipality, Region


def region_page(request, slug):
    region = get_object_or_404(Region, slug=slug)
    return render(request, "shell/home.html", {"regions": [region]})


def municipality_home(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    request.municipality = municipality
    return render(request, "shell/home.html", {"regions": []})
