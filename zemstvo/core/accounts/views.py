from django.http import HttpResponse


def register(request):
    return HttpResponse("register")


def profile(request):
    return HttpResponse("profile")
