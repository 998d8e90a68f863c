"""Run a command against PostgreSQL.

With DATABASE_URL set, run the command as it is. Otherwise start a throwaway cluster
from the machine's PostgreSQL binaries in a temporary folder on a free port, run the
command with DATABASE_URL pointing at it, then stop the cluster and remove the
folder. PostgreSQL refuses to run as root, so as root the cluster belongs to the
unprivileged ``postgres`` user.

    python scripts/with_postgres.py python -m pytest tests
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        # /usr/local/bin/pg_ctl may be a link into /usr/lib/postgresql/<v>/bin
        return Path(found).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2])
    )
    if candidates:
        return Path(candidates[-1])
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Устанавливаю PostgreSQL из пакетов Debian…", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "postgresql"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return find_bin_dir()
    sys.exit(
        "Не найдены программы PostgreSQL (initdb, pg_ctl). Установите PostgreSQL 15+ "
        "или задайте DATABASE_URL."
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def create_database(port: int, owner: str) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=port, user=owner, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute("CREATE DATABASE zemstvo")


def as_cluster_owner(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def main(command: list[str]) -> int:
    if not command:
        sys.exit("usage: with_postgres.py COMMAND [ARGS...]")
    if os.environ.get("DATABASE_URL"):
        return subprocess.call(command)

    bin_dir = find_bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="zemstvo-pg-"))
    data = folder / "data"
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    owner = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    try:
        subprocess.run(
            as_cluster_owner([
                str(bin_dir / "initdb"), "-D", str(data), "-U", owner, "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "-N",
            ]),
            check=True, stdout=subprocess.DEVNULL,
        )
        # Durability is not needed for a throwaway test cluster: fsync off is faster.
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        subprocess.run(
            as_cluster_owner([
                str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                "-l", str(folder / "server.log"), "start",
            ]),
            check=True, stdout=subprocess.DEVNULL,
        )
        url = f"postgres://{owner}@127.0.0.1:{port}/zemstvo"
        create_database(port, owner)
        print(f"PostgreSQL: временный кластер на порту {port}", flush=True)
        return subprocess.call(command, env={**os.environ, "DATABASE_URL": url})
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                as_cluster_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                  "-w", "stop"]),
                stdout=subprocess.DEVNULL,
            )
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
