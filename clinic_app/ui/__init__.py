"""Qt widgets and models. Talks to services with plain values and a session."""
