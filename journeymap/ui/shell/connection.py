"""What a lost connection says: a sentence for the person holding the tablet.

Streamlit's own dialog speaks to a developer ("streamlit run yourscript.py"). The style
below, sent with every page, hides it while the app is not connected and puts this
notice in its place; the page stays as it was, but cannot be tapped, so nothing looks
chosen that the server never got. CSS only: it must work while the server is away.
"""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import N_, _

NOTICE = N_(
    "No connection to the server. Every answer marked “Saved” is stored. Keep this page "
    "open: it reconnects by itself, then tap your last answer again if it is not marked "
    "Saved. Nothing back after a minute? Reload the page."
)
DISCONNECTED = (
    "body:has([data-testid='stApp'][data-test-connection-state]"
    ":not([data-test-connection-state='CONNECTED']))"
)
STYLE = """<style>
{disconnected} [data-testid="stDialog"] {{ display: none !important; }}
{disconnected} [data-testid="stMain"] {{ pointer-events: none; }}
{disconnected}::after {{
  content: "{notice}";
  position: fixed; left: 12px; right: 12px; bottom: 12px; z-index: 1000200;
  padding: 16px 20px; border-radius: 10px; background: #7a2e0e; color: #ffffff;
  font-size: 1.05rem; line-height: 1.45; box-shadow: 0 4px 18px #0005;
}}
</style>"""


def css_string(text: str) -> str:
    """``text`` as the inside of a double-quoted CSS string: every character that could
    end it or the style element is written as a CSS escape."""
    return "".join(
        f"\\{ord(character):X} " if character in '"\\<>&\n' else character for character in text
    )


def connection_notice() -> None:
    """The lost-connection notice, in the reader's language; call once per run, before
    anything can stop it."""
    st.html(STYLE.format(disconnected=DISCONNECTED, notice=css_string(_(NOTICE))))
