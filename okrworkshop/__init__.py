"""okrworkshop: facilitate live OKR sessions from the terminal.

Importing this package stays light on purpose: the Textual app, storage and exports are
imported only by the commands that need them.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
