"""The project layer: one evaluation project opened at the edge (a CLI command or a
notebook's first cell). It holds the configuration, both stores and, once unlocked, the
key; stage packages below it take tables and explicit arguments, never the configuration."""
