from django.apps import AppConfig


class EffectivenessConfig(AppConfig):
    name = "zemstvo.effectiveness"
    label = "effectiveness"
    default_auto_field = "django.db.models.BigAutoField"
