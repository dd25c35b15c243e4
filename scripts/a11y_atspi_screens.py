"""Walk every screen and journal section of a running NEC Companion over AT-SPI and print what a screen reader
gets: the interactive controls with their names, the readable texts, and any interactive control without a name."""
import time

import pyatspi

INTERACTIVE = {"push button", "check box", "radio button", "entry", "password text", "combo box", "list",
               "list item", "table", "page tab", "spin button", "toggle button", "menu item", "tree table",
               "table cell", "slider", "tree"}

def find_app():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and ("nec" in (app.name or "").lower() or "python" in (app.name or "").lower()):
            return app

def walk(node, out, depth=0):
    if len(out) > 4000 or node is None:
        return
    try:
        states = node.getState()
        if not states.contains(pyatspi.STATE_SHOWING) and depth > 2:
            return
        out.append((depth, node.getRoleName(), node.name or "", node.description or "", node))
        for child in node:
            walk(child, out, depth + 1)
    except Exception:  # noqa: BLE001 (a node that vanished while walking: skip it)
        pass

def text_of(node):
    try:
        t = node.queryText()
        return t.getText(0, min(t.characterCount, 70)).replace("\n", " ")
    except Exception:  # noqa: BLE001 (no text interface)
        return ""

def dump(app, title):
    nodes = []
    walk(app, nodes)
    shown = [(d, r, n, desc, node) for d, r, n, desc, node in nodes]
    interactive = [(r, n, desc) for _d, r, n, desc, _node in shown
                   if r in INTERACTIVE and r not in ("table cell", "list item")]
    unnamed = [(r, desc) for r, n, desc in interactive if not n.strip()]
    labels = [text_of(node) or n for d, r, n, desc, node in shown if r in ("label", "heading", "static")]
    items = [n for d, r, n, desc, node in shown if r == "list item"][:12]
    print(f"\n=== {title}: {len(shown)} nodes, {len(interactive)} interactive, {len(unnamed)} without a name")
    for r, n, desc in interactive[:45]:
        print(f"   {r}: {n!r}" + (f"  ({desc[:50]})" if desc else ""))
    if unnamed:
        print("   UNNAMED:", unnamed[:10])
    print("   texts:", [t[:50] for t in labels if t][:12])
    if items:
        print("   list items:", items)
    return nodes

def find(nodes, role, name):
    for _d, r, n, _desc, node in nodes:
        if r == role and n == name:
            return node

app = None
for _ in range(60):
    app = find_app()
    if app is not None and app.childCount:
        break
    time.sleep(1)
nodes = dump(app, "start (Library)")
tablist = next(node for d, r, n, desc, node in nodes if r == "page tab list")
titles = [tablist.getChildAtIndex(i).name for i in range(tablist.childCount)]
for i, title in enumerate(titles):
    tablist.querySelection().selectChild(i)
    time.sleep(1.5)
    nodes = dump(app, f"top tab: {title}")
    if title == "My journal":
        field = next((node for d, r, n, desc, node in nodes if r == "password text"), None)
        field.queryEditableText().setTextContents("quiet harbour lantern meadow")
        button = find(nodes, "push button", "Open journal")
        button.queryAction().doAction(0)
        time.sleep(6)
        nodes = dump(app, "journal open: Today")
        nav = next((node for d, r, n, desc, node in nodes if r == "list" and "section" in (n + desc).lower()), None)
        if nav is None:
            lists = [(n, desc) for d, r, n, desc, node in nodes if r == "list"]
            print("lists:", lists)
        else:
            for j in range(nav.childCount):
                item = nav.getChildAtIndex(j)
                nav.querySelection().selectChild(j)
                time.sleep(1.2)
                dump(app, f"journal section: {item.name}")
        tablist.querySelection().selectChild(i)
