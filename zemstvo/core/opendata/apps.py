from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "zemstvo.core.opendata"
    label = "opendata"
    default_auto_field = "django.db.models.BigAutoField"
