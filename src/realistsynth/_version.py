__version__ = "0.1.0.dev0"

#: The version of the plugin and embedding API, ``(major, minor)``: the minor number grows when
#: hooks, hook arguments or public names are added; the major number grows only with an
#: incompatible change, after a release of deprecation warnings (see docs/api.md).
API_VERSION: tuple[int, int] = (1, 1)
