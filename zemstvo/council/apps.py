from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "zemstvo.council"
    label = "council"
    default_auto_field = "django.db.models.BigAutoField"
