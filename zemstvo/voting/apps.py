from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "zemstvo.voting"
    label = "voting"
    default_auto_field = "django.db.models.BigAutoField"
