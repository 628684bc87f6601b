"""Qt helpers every room may use: background workers, translation of model messages."""
