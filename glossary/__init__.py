"""Glossary: a Chinese–Russian–English terminology service for SCO documents."""
