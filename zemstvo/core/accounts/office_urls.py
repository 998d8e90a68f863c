"""Staff pages, mounted at /office/accounts/ (namespace ``office_accounts``)."""

from django.urls import path

from zemstvo.core.accounts import office

urlpatterns = [
    path("", office.people, name="people"),
    path("people/<int:pk>/", office.person, name="person"),
    path("people/<int:pk>/verify/", office.verify, name="verify"),
    path("people/<int:pk>/revoke/", office.revoke, name="revoke"),
    path("roles/", office.roles, name="roles"),
    path("roles/grant/", office.role_grant, name="role_grant"),
    path("roles/<int:pk>/revoke/", office.role_revoke, name="role_revoke"),
]
