"""E-mail in the embedded profile: each message is written to a file in
``EMAIL_FILE_PATH`` and its links are printed to the console, so a resident can
confirm their address on a machine with no mail server."""

from __future__ import annotations

import re
import sys

from django.core.mail.backends.filebased import EmailBackend as FileBackend

_LINK = re.compile(r"https?://\S+")


class FolderAndConsoleBackend(FileBackend):
    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        for message in email_messages:
            links = _LINK.findall(str(message.body))
            recipients = ", ".join(message.to)
            sys.stdout.write(f"[почта] {recipients}: {message.subject}\n")
            for link in links:
                sys.stdout.write(f"        {link}\n")
        sys.stdout.flush()
        return sent
