"""Drives headless Chromium over the DevTools protocol (through
--remote-debugging-pipe: no port, no network) to check a site built by
`specc build --target html`. Standard library only.

Checks, through the live DOM:
- every section ID of the IR is an element ID, and the navigation has one link per section;
- every `#` link on the page resolves to an element;
- clicking each navigation link changes location.hash and scrolls its section to the top
  (or the page to its end, for sections near the end);
- the example and test-prompt counts equal `specc check --format json`;
- no <script>, <img>, <iframe>, <object> or <embed> element exists, and with --xss
  the XSS strings are in the page's text;
- the page made no request other than file:, data: and about: URLs.
Writes screenshots of the top of the page and of a section reached through its link.
"""

import argparse
import base64
import fcntl
import json
import os
import subprocess
import sys
import time


class Chrome:
    def __init__(self, browser, profile):
        cmd_r, self._cmd_w = os.pipe()  # we write commands, Chromium reads fd 3
        self._evt_r, evt_w = os.pipe()  # Chromium writes fd 4, we read

        # Moved to 10 and above first, so that placing one on 3 or 4 cannot overwrite the other.
        hi_r = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
        hi_w = fcntl.fcntl(evt_w, fcntl.F_DUPFD, 10)
        os.close(cmd_r)
        os.close(evt_w)

        def child_fds():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        self.proc = subprocess.Popen(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", f"--user-data-dir={profile}",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=child_fds,  # fds 3 and 4 must survive into chromium
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "..", "chromium-cdp.log"), "ab"),
        )
        os.close(hi_r)
        os.close(hi_w)
        self._buf = b""
        self._id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self._buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._evt_r, 1 << 16)
            if not chunk:
                raise RuntimeError(f"chromium closed the pipe (exit {self.proc.poll()})")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=60):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self._id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, timeout=60):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            m = self._read_message(deadline)
            if m.get("method") == method:
                return m
            self.events.append(m)

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--browser", required=True)
    ap.add_argument("--site", required=True, help="index.html")
    ap.add_argument("--ir", required=True, help="specc check --dump-ir output")
    ap.add_argument("--summary", required=True, help="last line of specc check --format json")
    ap.add_argument("--name", required=True)
    ap.add_argument("--artifacts", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--xss", action="store_true", help="the site must show the XSS strings as text")
    a = ap.parse_args()

    ir = json.load(open(a.ir))
    summary = json.load(open(a.summary))
    sections = [s["id"] for d in ir["packages"][0]["documents"] for s in d["sections"]]
    assert sections, f"{a.name}: no sections in the IR"
    url = "file://" + os.path.abspath(a.site)

    c = Chrome(a.browser, a.profile)
    try:
        target = c.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = c.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        c.send("Page.enable", session=s)
        c.send("Network.enable", session=s)
        c.send("Runtime.enable", session=s)
        c.send("Emulation.setDeviceMetricsOverride",
               {"width": 1280, "height": 1600, "deviceScaleFactor": 1, "mobile": False}, session=s)
        c.send("Page.navigate", {"url": url}, session=s)
        c.wait_event("Page.loadEventFired")

        def js(expr):
            r = c.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True}, session=s)
            if "exceptionDetails" in r:
                raise RuntimeError(f"{expr[:80]}: {r['exceptionDetails']}")
            return r["result"].get("value")

        def shot(path):
            data = c.send("Page.captureScreenshot", {"format": "png"}, session=s)["data"]
            with open(path, "wb") as f:
                f.write(base64.b64decode(data))

        shot(os.path.join(a.artifacts, f"{a.name}-top.png"))
        dom = js("""(() => ({
            ids: [...document.querySelectorAll('[id]')].map(e => e.id),
            links: [...document.querySelectorAll('a[href^="#"]')].map(e => e.getAttribute('href').slice(1)),
            nav: [...document.querySelectorAll('nav#toc a[href^="#"]')].map(e => e.getAttribute('href').slice(1)),
            examples: document.querySelectorAll('figure.example').length,
            prompts: document.querySelectorAll('figure.test-prompt').length,
            forbidden: [...document.querySelectorAll('script, img, iframe, object, embed')].map(e => e.outerHTML.slice(0, 80)),
            text: document.body.innerText,
        }))()""")
        ids = set(dom["ids"])
        missing = [x for x in sections if x not in ids]
        assert not missing, f"{a.name}: sections without an anchor: {missing[:10]}"
        assert sorted(dom["nav"]) == sorted(sections), f"{a.name}: navigation links differ from the sections"
        dangling = sorted({x for x in dom["links"] if x not in ids})
        assert not dangling, f"{a.name}: links to no element: {dangling[:10]}"
        assert dom["examples"] == summary["examples"], \
            f"{a.name}: {dom['examples']} examples in the DOM, specc check counts {summary['examples']}"
        assert dom["prompts"] == summary["test_prompts"], \
            f"{a.name}: {dom['prompts']} test prompts in the DOM, specc check counts {summary['test_prompts']}"
        assert not dom["forbidden"], f"{a.name}: forbidden elements: {dom['forbidden'][:3]}"
        if a.xss:
            for needle in ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "\\( \\frac{4}{3}\\pi r^3 \\)"]:
                assert needle in dom["text"], f"{a.name}: {needle!r} is not shown as text"

        # Navigation: click every section link and see where the page lands.
        for sec in sections:
            r = js(f"""(async () => {{
                window.scrollTo(0, 0);
                document.querySelector('nav#toc a[href="#' + CSS.escape({json.dumps(sec)}) + '"]').click();
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const top = document.getElementById({json.dumps(sec)}).getBoundingClientRect().top;
                const max = document.documentElement.scrollHeight - innerHeight;
                return {{hash: decodeURIComponent(location.hash), top, y: scrollY, max}};
            }})()""")
            assert r["hash"] == "#" + sec, f"{a.name}: clicking the link to {sec} gave {r['hash']}"
            at_top = -2 <= r["top"] <= 40
            at_end = r["y"] >= r["max"] - 2
            assert at_top or at_end, f"{a.name}: after clicking {sec}, its heading is at {r['top']}px"
        middle = sections[len(sections) // 2]
        js(f"""(async () => {{ document.querySelector('nav#toc a[href="#' + CSS.escape({json.dumps(middle)}) + '"]').click();
              await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }})()""")
        shot(os.path.join(a.artifacts, f"{a.name}-at-{middle}.png"))

        requests = [e["params"]["request"]["url"] for e in c.events if e.get("method") == "Network.requestWillBeSent"]
        remote = [u for u in requests if not u.startswith(("file:", "data:", "about:"))]
        assert not remote, f"{a.name}: the page requested {remote[:5]}"
        print(f"{a.name}: {len(sections)} sections anchored and reached by their links, "
              f"{len(dom['links'])} internal links resolve, {dom['examples']} examples, {dom['prompts']} test prompts, "
              f"no script/img element, {len(requests)} requests, none remote")
    finally:
        c.close()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
