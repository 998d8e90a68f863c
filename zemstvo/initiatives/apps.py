from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "zemstvo.initiatives"
    label = "initiatives"
    default_auto_field = "django.db.models.BigAutoField"
