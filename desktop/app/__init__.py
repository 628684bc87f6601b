"""The application: the main window and the controllers that bind widgets to the session."""
