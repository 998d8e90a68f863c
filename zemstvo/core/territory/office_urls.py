from django.urls import path

from zemstvo.core.territory import office

urlpatterns = [
    path("support/", office.support_list, name="support"),
    path("support/<int:pk>/", office.support_edit, name="support_edit"),
]
