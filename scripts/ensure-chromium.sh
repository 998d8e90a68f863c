#!/bin/sh
# Browser tests drive Debian's Chromium. Install it through apt when it is missing
# and we are root (as in CI); otherwise say what to do.
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ]; then
  echo "Устанавливаю chromium из пакетов Debian для браузерных тестов…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  command -v chromium >/dev/null 2>&1 && exit 0
  echo "Не удалось установить chromium через apt." >&2
  exit 1
fi
echo "Для браузерных тестов нужен Chromium: выполните «sudo apt-get install chromium» и повторите «make test»." >&2
exit 1
