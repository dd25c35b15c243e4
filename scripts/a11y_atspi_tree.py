"""Read NEC Companion's accessibility tree over AT-SPI, type a search, and print the announcements (run by
scripts/a11y_atspi.sh; uses the system python3 with python3-pyatspi)."""
import time

import pyatspi
from gi.repository import GLib

events = []
def on_event(event):
    try:
        events.append((event.type, str(event.any_data)[:120], event.source.name[:40] if event.source else ""))
    except Exception as exc:  # noqa: BLE001
        events.append((event.type, repr(exc), ""))

for kind in ("object:announcement", "object:property-change:accessible-name"):
    pyatspi.Registry.registerEventListener(on_event, kind)

def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and ("nec" in (app.name or "").lower() or "python" in (app.name or "").lower()):
            return app
    return None

def walk(node, depth=0, out=None, limit=2000):
    out = [] if out is None else out
    if len(out) > limit:
        return out
    try:
        role = node.getRoleName()
        name = node.name or ""
        desc = node.description or ""
        text = ""
        try:
            ti = node.queryText()
            text = ti.getText(0, min(ti.characterCount, 80))
        except NotImplementedError:
            pass
        out.append((depth, role, name[:60], desc[:50], text.replace("\n", " ")[:60], node))
        for child in node:
            walk(child, depth + 1, out, limit)
    except Exception as exc:  # noqa: BLE001
        out.append((depth, "error", repr(exc)[:60], "", "", None))
    return out

app = None
for _ in range(60):
    app = find_app()
    if app is not None and app.childCount:
        break
    time.sleep(1)
print("app:", app and app.name, app and app.childCount)
nodes = walk(app)
for depth, role, name, desc, text, _n in nodes[:400]:
    if role in ("filler", "panel", "scroll pane", "viewport", "layered pane") and not name:
        continue
    print("  " * min(depth, 12) + f"{role}: name={name!r} desc={desc!r} text={text!r}")
search = [n for d, role, name, desc, text, n in nodes if role in ("entry", "text") and name == "Search the library"]
print("search field:", bool(search))
if search:
    search[0].queryEditableText().setTextContents("milk")
ctx = GLib.MainLoop()
GLib.timeout_add(3000, ctx.quit)
ctx.run()
print("events:")
for e in events[:20]:
    print("  ", e)
