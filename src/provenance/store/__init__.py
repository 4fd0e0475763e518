"""The ``claims/`` directory: YAML codec, atomic files, the write lock, cross-file checks, and the store.

Everything that touches the ledger's files is here; the layers above work with
records and call :class:`~.ledger_store.LedgerStore` (or an
:class:`~.edit.Edit` inside its lock). Import from the modules themselves: this
package imports nothing, so a light module (``layout``, ``atomic``) costs only itself.
"""
