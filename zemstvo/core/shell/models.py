"""The shell's own state."""

from django.db import models


class DemoState(models.Model):
    """Marks that the demo content is loaded, so `zemstvo seed-demo` (run by every
    `make run`) loads nothing twice."""

    key = models.CharField(max_length=50, unique=True)
    completed_at = models.DateTimeField(auto_now_add=True)
    summary = models.JSONField(default=dict)

    def __str__(self) -> str:
        return self.key
