"""Opens a report written by `specc report` in headless Chromium (over the
DevTools protocol on a pipe, as browser_check.py does) and checks, in the live DOM:
- every section ID of the IR and every clause is an element, and every `#` link resolves;
- following a link from the results table lands on its clause;
- the CSS-only filters: verdict "failing" shows only clauses with a failing answer,
  authority "root" only the root clause, section "Tone" the Tone section and its
  subsection only, and "all" shows everything again;
- the XSS strings from the model and the grader are text, no <script>/<img> element
  exists, no dialog opened and nothing ran;
- the three charts are SVG, and the page made no request other than file:, data:, about:.
With --expect-failing N (a run where the grader failed every answer), also:
- the IR has N test cases, and the results database (--db) has N cases, N samples and
  N fail grades in its latest run, which is complete;
- the results table and the results of clauses not in the spec (orphan test files) add
  up to N fail and nothing else; the "answers that did not pass" lists add up to N, each
  list shows its answers (or says how many more are not shown), and every answer sits
  under its own clause (a test prompt, `clause:slug`) or its own section (an inline
  example, `section:slug`).
Screenshots go to the artifacts folder.
"""

import argparse
import base64
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import Chrome  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--browser", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--ir", required=True)
    ap.add_argument("--artifacts", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--name", default="report")
    ap.add_argument("--fixture", action="store_true",
                    help="the report of crates/specc/tests/fixtures/report: also check its filters and XSS strings")
    ap.add_argument("--expect-failing", type=int, metavar="N",
                    help="a run where every one of N answers failed: count them in the IR, the database and the page")
    ap.add_argument("--db", help="the results database of the run (with --expect-failing)")
    a = ap.parse_args()
    ir = json.load(open(a.ir))
    docs = ir["packages"][0]["documents"]
    sections = [s["id"] for d in docs for s in d["sections"]]
    clauses = [c["id"] for d in docs for c in d["clauses"]]
    url = "file://" + os.path.abspath(a.report)

    c = Chrome(a.browser, a.profile)
    try:
        target = c.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = c.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            c.send(f"{domain}.enable", session=s)
        c.send("Emulation.setDeviceMetricsOverride",
               {"width": 1280, "height": 1600, "deviceScaleFactor": 1, "mobile": False}, session=s)
        c.send("Page.navigate", {"url": url}, session=s)
        c.wait_event("Page.loadEventFired")

        def js(expr):
            r = c.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True}, session=s)
            if "exceptionDetails" in r:
                raise RuntimeError(f"{expr[:80]}: {r['exceptionDetails']}")
            return r["result"].get("value")

        def shot(name):
            data = c.send("Page.captureScreenshot", {"format": "png"}, session=s)["data"]
            with open(os.path.join(a.artifacts, name), "wb") as f:
                f.write(base64.b64decode(data))

        shot(f"{a.name}-top.png")
        dom = js("""(() => ({
            ids: [...document.querySelectorAll('[id]')].map(e => e.id),
            links: [...document.querySelectorAll('a[href^="#"]')].map(e => e.getAttribute('href').slice(1)),
            svgs: document.querySelectorAll('svg.chart-svg').length,
            forbidden: [...document.querySelectorAll('script, img, iframe, object, embed')].map(e => e.outerHTML.slice(0, 80)),
            text: document.body.innerText,
        }))()""")
        ids = set(dom["ids"])
        missing = [x for x in sections if x not in ids] + [f"clause-{x}" for x in clauses if f"clause-{x}" not in ids]
        assert not missing, f"report: no anchor for {missing}"
        dangling = sorted({x for x in dom["links"] if x not in ids})
        assert not dangling, f"report: links to no element: {dangling[:10]}"
        assert dom["svgs"] == 3, f"report: {dom['svgs']} charts, expected 3"
        assert not dom["forbidden"], f"report: forbidden elements {dom['forbidden'][:3]}"
        if a.fixture:
            fixture_checks(a, js, shot, dom, clauses)
        if a.expect_failing is not None:
            counted = failing_run_checks(a, js, ir)
        dialogs = [e for e in c.events if e.get("method") == "Page.javascriptDialogOpening"]
        assert not dialogs, f"report: a dialog opened: {dialogs[:1]}"
        requests = [e["params"]["request"]["url"] for e in c.events if e.get("method") == "Network.requestWillBeSent"]
        remote = [u for u in requests if not u.startswith(("file:", "data:", "about:"))]
        assert not remote, f"report: the page requested {remote[:5]}"
        print(f"{a.name}: {len(sections)} sections and {len(clauses)} clauses anchored, {len(dom['links'])} internal "
              f"links resolve, 3 SVG charts, no script/img element, {len(requests)} requests, none remote"
              + (", filters by verdict, authority and section work, XSS strings are text" if a.fixture else "")
              + (f", {counted}" if a.expect_failing is not None else ""))
    finally:
        c.close()


def failing_run_checks(a, js, ir):
    """Every one of N answers failed: count them in the IR, the database and the page."""
    n = a.expect_failing
    pkg = ir["packages"][0]
    in_ir = sum(len(ex["cases"]) for d in pkg["documents"] + pkg["test_files"]
                for ex in d["examples"] if ex["well_formed"])
    assert in_ir == n, f"report: the IR has {in_ir} test cases, expected {n}"
    assert a.db, "report: --expect-failing needs --db"
    db = sqlite3.connect(a.db)
    q = lambda sql, *args: db.execute(sql, args).fetchone()[0]
    run = q("SELECT MAX(id) FROM runs")
    status = q("SELECT status FROM runs WHERE id = ?", run)
    counts = (q("SELECT COUNT(*) FROM cases WHERE run_id = ?", run),
              q("SELECT COUNT(*) FROM samples WHERE run_id = ? AND answer IS NOT NULL", run),
              q("SELECT COUNT(*) FROM grades WHERE run_id = ? AND verdict = 'fail'", run),
              q("SELECT COUNT(*) FROM grades WHERE run_id = ?", run))
    assert status == "complete" and counts == (n, n, n, n), \
        f"report: run {run} is {status!r} with (cases, answers, fail grades, grades) {counts}, expected {n} of each"
    page = js("""(() => ({
        rows: [...document.querySelectorAll('table.results tbody tr')].map(
            tr => [...tr.children].slice(-4).map(td => parseInt(td.textContent, 10))),
        lists: [...document.querySelectorAll('details.unpassed')].map(d => {
            const orphan = d.closest('section.orphan-results');
            const clause = d.closest('div.clause[id^="clause-"]');
            const block = d.closest('div.sec-block');
            const heading = block && block.querySelector('h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]');
            const more = d.querySelector(':scope > p.report-note');
            return {
                n: parseInt(d.querySelector(':scope > summary').textContent, 10),
                cases: [...d.querySelectorAll(':scope > div.answer-note p.answer-head code')].map(c => c.textContent),
                fails: d.querySelectorAll(':scope > div.answer-note .badge.bad').length,
                more: more ? parseInt(more.textContent, 10) : 0,
                orphan: !!orphan,
                owner: orphan ? d.closest('div.clause').querySelector('p.clause-head code').textContent
                    : clause ? clause.id.slice(7) : (heading ? heading.id : null),
            };
        }),
    }))()""")
    rows = page["rows"]
    assert rows and all(len(r) == 4 and all(isinstance(x, int) for x in r) for r in rows), \
        f"report: unreadable results table rows {rows[:3]}"
    lists = page["lists"]
    # Answers of clauses the spec does not have (orphan test files) are listed
    # apart, under their clause ID, and not in the table.
    known = {c["id"] for d in pkg["documents"] for c in d["clauses"]} | \
        {s["id"] for d in pkg["documents"] for s in d["sections"]}
    orphans = [l for l in lists if l["orphan"]]
    assert all(l["owner"] not in known for l in orphans), \
        f"report: results of {[l['owner'] for l in orphans if l['owner'] in known]} listed as not in the spec"
    in_table = n - sum(l["n"] for l in orphans)
    totals = [sum(r[i] for r in rows) for i in range(4)]
    assert totals == [0, in_table, 0, 0], \
        f"report: the results table adds up to pass, fail, unclear, errors = {totals}, expected [0, {in_table}, 0, 0]" \
        f" ({n} answers, {n - in_table} of clauses not in the spec)"
    listed = sum(l["n"] for l in lists)
    assert listed == n, f"report: {listed} answers listed as not passing, expected {n}"
    for l in lists:
        assert l["owner"], f"report: answers {l['cases'][:3]} are under no clause or section"
        assert len(l["cases"]) + l["more"] == l["n"] and l["fails"] == len(l["cases"]), \
            f"report: under {l['owner']}: {l['n']} answers, {len(l['cases'])} shown ({l['fails']} marked fail), {l['more']} more"
        strays = [c for c in l["cases"] if c.split(":", 1)[0] != l["owner"]]
        assert not strays, f"report: under {l['owner']}: answers of other owners {strays[:3]}"
    shown = sum(len(l["cases"]) for l in lists)
    return (f"{n} failing answers counted (IR, database, results table with {in_table} and {n - in_table} of "
            f"clauses not in the spec {sorted(l['owner'] for l in orphans)}, {len(lists)} lists under their clause "
            f"or section, {shown} shown)")


def fixture_checks(a, js, shot, dom, clauses):
    """The fixture's own content: XSS strings as text, a results link, the three filters."""
    for needle in ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "hedged: <img src=x onerror=alert(2)>"]:
        assert needle in dom["text"], f"report: {needle!r} is not shown as text"

    # A link in the results table lands on its clause.
    r = js("""(async () => {
        window.scrollTo(0, 0);
        document.querySelector('table.results a[href="#clause-t0ne"]').click();
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        return {hash: location.hash, top: document.getElementById('clause-t0ne').getBoundingClientRect().top,
                y: scrollY, max: document.documentElement.scrollHeight - innerHeight};
    })()""")
    # At the top of the viewport, or as far as the page scrolls when the clause is near its end.
    landed = -2 <= r["top"] <= 60 or (r["y"] >= r["max"] - 2 and r["y"] > 0)
    assert r["hash"] == "#clause-t0ne" and landed, f"report: results link landed at {r}"

    def visible_after(label_for):
        return js(f"""(async () => {{
            document.querySelector('label[for="{label_for}"]').click();
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const shown = e => e.getClientRects().length > 0;
            return {{
                clauses: [...document.querySelectorAll('div.clause[id^="clause-"]')].filter(shown).map(e => e.id.slice(7)).sort(),
                sections: [...document.querySelectorAll('main h1[id], main h2[id], main h3[id]')].filter(shown).map(e => e.id),
                rows: [...document.querySelectorAll('table.results tbody tr')].filter(shown).length,
                checked: document.getElementById('{label_for}').checked,
            }};
        }})()""")

    def label_id(text):
        return js(f"""[...document.querySelectorAll('.filters label')].find(l => l.textContent === {json.dumps(text)}).htmlFor""")

    every = visible_after("fv-all")
    assert every["clauses"] == sorted(clauses), f"report: unfiltered shows {every['clauses']}"
    failing = visible_after("fv-fail")
    assert failing["checked"], "report: the verdict filter did not select"
    assert failing["clauses"] == ["t0ne"], f"report: 'failing' shows {failing['clauses']}"
    assert failing["rows"] == 1, f"report: 'failing' leaves {failing['rows']} table rows"
    shot(f"{a.name}-failing.png")
    visible_after("fv-all")
    root = visible_after(label_id("root"))
    assert root["clauses"] == ["s4fe"], f"report: authority root shows {root['clauses']}"
    visible_after("fa-all")
    tone = visible_after(label_id("Tone"))
    assert tone["clauses"] == ["br3v", "t0ne"], f"report: section Tone shows {tone['clauses']}"
    assert "tone" in tone["sections"] and "brevity" in tone["sections"] and "safety" not in tone["sections"], \
        f"report: section Tone shows headings {tone['sections']}"
    shot(f"{a.name}-section-tone.png")
    back = visible_after("fs-all")
    assert back["clauses"] == sorted(clauses), "report: 'all sections' does not show everything again"


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
