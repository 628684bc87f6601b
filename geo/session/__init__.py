"""The session: one evented model holding the state of an analysis, which the view binds to
and projects, bookmarks and scenarios save and drive (see :mod:`geo.session.model`)."""
from geo.analysis import panel as _panel  # noqa: F401  (registers the "panel" part)
from geo.session.model import (SCHEMA_VERSION, MIGRATIONS, FlowState, LayersState, PlaybackState,  # noqa: F401
                               SelectionState, Session, SessionError, ViewState, default_filter,
                               register_part, registered_parts)
from geo.styles import playback as _playback  # noqa: F401  (registers the "playback_scale" part)
