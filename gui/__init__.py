"""Confab desktop application."""
