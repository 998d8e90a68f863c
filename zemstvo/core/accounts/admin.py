"""The platform operator's admin for people, roles and API tokens."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts.models import ApiToken, Membership, User
from zemstvo.core.shell.admin_support import AuditedAdmin


class ZemstvoUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "email")


class ZemstvoUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ("role", "municipality", "region", "granted_at", "granted_by")
    readonly_fields = ("granted_at", "granted_by")
    autocomplete_fields = ()
    raw_id_fields = ("municipality", "region")


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    form = ZemstvoUserChangeForm
    add_form = ZemstvoUserCreationForm
    inlines = [MembershipInline]
    list_display = ("username", "email", "last_name", "first_name", "residence_municipality",
                    "verification_level", "is_active", "is_superuser")
    list_filter = ("verification_level", "is_active", "is_superuser", "verification_document")
    search_fields = ("username", "email", "last_name", "first_name", "patronymic", "phone")
    list_select_related = ("residence_municipality",)
    raw_id_fields = ("residence_municipality", "residence_settlement", "verified_by")
    readonly_fields = ("last_login", "date_joined", "email_confirmed_at",
                       "personal_data_consent_at")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Личные данные"), {"fields": ("last_name", "first_name", "patronymic", "birth_date",
                                         "email", "email_confirmed_at", "phone",
                                         "personal_data_consent_at")}),
        (_("Место жительства"), {"fields": ("residence_municipality", "residence_settlement",
                                            "residence_address")}),
        (_("Подтверждение личности"), {"fields": ("verification_level", "verified_at",
                                                  "verified_by", "verification_document")}),
        (_("Доступ"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Даты"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "email", "usable_password", "password1", "password2")}),
    )

    def save_formset(self, request, form, formset, change):
        # Roles granted here are attributed to the operator who granted them.
        for instance in formset.save(commit=False):
            if isinstance(instance, Membership) and instance.granted_by_id is None:
                instance.granted_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("prefix", "name", "user", "created", "last_used", "expires", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "name", "user__username", "user__email")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "key_hash", "prefix", "created", "last_used", "expires")
    fields = ("user", "name", "prefix", "key_hash", "created", "last_used", "expires",
              "revoked_at")

    def has_add_permission(self, request) -> bool:
        # A token's secret is shown once to its owner; the admin cannot make one.
        return False
