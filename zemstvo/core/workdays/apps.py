from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "zemstvo.core.workdays"
    label = "workdays"
    default_auto_field = "django.db.models.BigAutoField"
