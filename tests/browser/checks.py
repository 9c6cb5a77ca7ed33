"""What every main page is checked for: no serious accessibility violation (axe-core in the
same browser), under 300 KB of document, CSS and JavaScript, and screenshots at two widths."""

import json
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests/browser/node_modules/axe-core/axe.min.js"
SHOTS = ROOT / "artifacts/screenshots"
BUDGET = 300 * 1024
# Every wait of a browser test is bounded; the two widths a page is checked at.
WAIT_MS = 15_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The bytes of the page itself and of its CSS and scripts, as the browser decoded them.
WEIGHT_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const assets = performance.getEntriesByType('resource').filter(
    r => ['link', 'script', 'css'].includes(r.initiatorType) || /\\.(css|js)(\\?|$)/.test(r.name));
  return nav.decodedBodySize + assets.reduce((sum, r) => sum + r.decodedBodySize, 0);
}"""


# The elements that stick out of a phone's width, to say what to fix.
OVERFLOW_JS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)"""


def accessibility_problems(page: Page) -> list[str]:
    """Run axe-core on the page; return its serious and critical violations, one per line."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": WCAG}}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def page_bytes(page: Page) -> int:
    return int(page.evaluate(WEIGHT_JS))


def check_page(page: Page, name: str) -> None:
    """Check the page the browser shows now, and keep its screenshots under artifacts/."""
    problems = accessibility_problems(page)
    weight = page_bytes(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    culprits = page.evaluate(OVERFLOW_JS) if wide > PHONE["width"] else []
    page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    (SHOTS / f"{name}.json").write_text(json.dumps({"bytes": weight, "url": page.url}))
    assert not problems, f"{name}: {problems}"
    assert weight < BUDGET, f"{name} weighs {weight} bytes before images"
    assert wide <= PHONE["width"], f"{name} scrolls sideways on a phone ({wide} px): {culprits}"
