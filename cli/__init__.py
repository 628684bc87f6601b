"""The `frontera` command line: the app launcher, `render`, and the store commands (import, query)."""
