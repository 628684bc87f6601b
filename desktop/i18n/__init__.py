"""Translations: the Spanish catalogue (frontera_es.ts) and the model messages marked for it."""
