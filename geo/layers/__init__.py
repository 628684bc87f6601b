"""Layers: the layer model, the default map content, hit testing and label placement."""
from geo.layers.stack import (  # noqa: F401
    Kind,
    LabelSpec,
    Layer,
    LayerStack,
    Style,
)
