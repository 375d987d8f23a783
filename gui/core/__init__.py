"""Qt-free application logic: conversations, history, settings and profile paths."""
