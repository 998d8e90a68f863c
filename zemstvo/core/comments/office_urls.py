from django.urls import path

from zemstvo.core.comments import office

urlpatterns = [
    path("", office.queue, name="queue"),
    path("<int:pk>/", office.comment, name="comment"),
    path("<int:pk>/hide/", office.hide, name="hide"),
    path("<int:pk>/restore/", office.restore, name="restore"),
    path("<int:pk>/dismiss/", office.dismiss, name="dismiss"),
    path("blocks/", office.blocks, name="blocks"),
    path("blocks/<int:pk>/unblock/", office.unblock, name="unblock"),
]
