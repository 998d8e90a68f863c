from django.urls import path

from zemstvo.core.audit import office

urlpatterns = [
    path("", office.events, name="events"),
    path("<int:pk>/", office.event, name="event"),
    path("chain/", office.chain, name="chain"),
]
