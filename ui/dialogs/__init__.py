"""Dialogs of the window: each one a task with its own form, run through the core."""
