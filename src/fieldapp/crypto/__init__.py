"""Cryptography: key slots, signing keys, the age layer and the project key file."""
