"""Zemstvo: an open-source platform for Russian local self-government."""
