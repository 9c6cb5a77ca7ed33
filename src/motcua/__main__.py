"""The `motcua` console command: Django's management commands under our settings."""

import os
import sys


def main() -> None:
    """Run a management command (`motcua migrate`, `motcua runserver`, ...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["motcua", *sys.argv[1:]])


if __name__ == "__main__":
    main()
