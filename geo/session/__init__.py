"""The session: one evented model holding the state of an analysis, which the view binds to and projects save."""
