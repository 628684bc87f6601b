"""The session: one evented model holding the state of an analysis, which the view binds to
and projects, bookmarks and scenarios save and drive (see :mod:`geo.session.model`)."""
from geo.analysis import panel as _panel  # noqa: F401  (registers the "panel" part)
from geo.analysis import scenario as _scenario  # noqa: F401  (registers the "scenario" part)
from geo.core.parts import register_part, registered_parts  # noqa: F401
from geo.network import display as _network_display  # noqa: F401  (registers "network_display")
from geo.session.model import (  # noqa: F401
    MIGRATIONS,
    SCHEMA_VERSION,
    FlowState,
    LayersState,
    PlaybackState,
    SelectionState,
    Session,
    SessionError,
    ViewState,
    default_filter,
)
from geo.styles import playback as _playback  # noqa: F401  (registers the "playback_scale" part)
