// The runner's half of the webview bridge. The preview's DOM lives in the browser, two frames deep
// (`iframe.webview.ready` → `#active-frame`), out of reach of the suite in the extension host. The
// suite logs `ATTACK_NOTES_WEBVIEW {"doneFile": …, "action": …}` (test/vscode/suite/webview.ts);
// this module performs the action with Playwright and writes `{ ok, result | error }` as JSON to
// doneFile, which the suite polls for.
import { renameSync, writeFileSync } from 'node:fs';

// readPage and the scroll action run inside the webview page (frame.evaluate), not in Node.
/* global window, document */

export const WEBVIEW_PREFIX = 'ATTACK_NOTES_WEBVIEW ';
/**
 * The page root looked for when a request names none: the preview's (client/src/preview/previewHtml.ts).
 * Other webviews (the coverage matrix: `#attack-notes-matrix`) pass theirs as `root`.
 */
const PREVIEW_ROOT = '#attack-notes-preview';
const FIND_FRAME_MS = 10_000;

/** The visible `#active-frame` whose page has `root`, waiting for it up to FIND_FRAME_MS. */
async function webviewFrame(page, root = PREVIEW_ROOT) {
  const deadline = Date.now() + FIND_FRAME_MS;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached() || frame === page.mainFrame()) continue;
      try {
        const element = await frame.frameElement();
        if ((await element.getAttribute('id')) !== 'active-frame') continue;
        if (!(await element.isVisible())) continue;
        if ((await frame.locator(root).count()) > 0) return frame;
      } catch {
        // The frame went away while we looked: try the others.
      }
    }
    if (Date.now() > deadline) throw new Error(`no visible webview with ${root} on the page`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reads the elements matching `selector`, the scroll position, the title and named globals. */
function readPage({ selector, globals }) {
  const elements = [...document.querySelectorAll(selector)].slice(0, 500).map((element) => {
    const rect = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.textContent ?? '').trim().slice(0, 4000),
      attributes: Object.fromEntries([...element.attributes].map((a) => [a.name, a.value])),
      top: rect.top,
      bottom: rect.bottom,
    };
  });
  const attributesOf = (element) =>
    Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));
  return {
    elements,
    scrollY: window.scrollY,
    viewportHeight: window.innerHeight,
    title: document.title,
    htmlAttributes: attributesOf(document.documentElement),
    bodyAttributes: attributesOf(document.body),
    definedGlobals: (globals ?? []).filter((name) => name in window),
  };
}

function describeRequest(request) {
  let frameUrl;
  try {
    frameUrl = request.frame().url();
  } catch {
    // Requests of service workers have no frame.
  }
  return { url: request.url(), method: request.method(), type: request.resourceType(), frameUrl };
}

/** Sets up the bridge on `page`; `handle(json)` answers one request line. */
export function createWebviewProbe(page) {
  let recorded;
  page.on('request', (request) => recorded?.push(describeRequest(request)));

  async function perform(request) {
    switch (request.action) {
      case 'read': {
        const frame = await webviewFrame(page, request.root);
        return frame.evaluate(readPage, { selector: request.selector, globals: request.globals });
      }
      case 'click': {
        const frame = await webviewFrame(page, request.root);
        await frame.locator(request.selector).first().click({ timeout: 10_000 });
        return { clicked: request.selector };
      }
      case 'scroll': {
        // Puts the element at the top of the view, as a person scrolling there would.
        const frame = await webviewFrame(page, request.root);
        return frame.evaluate((selector) => {
          const element = document.querySelector(selector);
          if (!element) throw new Error(`nothing matches ${selector}`);
          element.scrollIntoView({ block: 'start' });
          return { scrollY: window.scrollY };
        }, request.selector);
      }
      case 'post': {
        // Into the host path a webview's own script uses (acquireVsCodeApi().postMessage calls the
        // host page's message function): the extension receives these as if the page sent them.
        // The page's own frame cannot reach it (VS Code deletes window.parent there), so the call
        // runs in the host frame around the page.
        const frame = await webviewFrame(page, request.root);
        const host = frame.parentFrame();
        if (!host) throw new Error('the webview page has no host frame');
        return host.evaluate((messages) => {
          const post = window.__vscode_post_message__;
          if (typeof post !== 'function')
            throw new Error('the webview host has no message function');
          for (const message of messages) post('onmessage', { message });
          return { posted: messages.length };
        }, request.messages);
      }
      case 'workbench':
        // What the workbench shows besides editors: its dialogs (VS Code's link protection asks
        // in one), and the pages the browser has open (a link opened outside would add one).
        return {
          dialogs: await page.evaluate(() =>
            [...document.querySelectorAll('.monaco-dialog-box')].map(
              (box) => box.textContent ?? '',
            ),
          ),
          pages: page.context().pages().length,
        };
      case 'press':
        // Keys for the workbench (keybindings), sent to whatever has the focus.
        await page.keyboard.press(request.keys);
        return { pressed: request.keys };
      case 'recordRequests':
        recorded = [];
        return { recording: true };
      case 'stopRecording': {
        const requests = recorded ?? [];
        recorded = undefined;
        return { requests };
      }
      default:
        throw new Error(`unknown webview action ${JSON.stringify(request.action)}`);
    }
  }

  return {
    async handle(json) {
      let request;
      try {
        request = JSON.parse(json);
      } catch {
        console.error(`[vscode] unreadable webview request: ${json}`);
        return;
      }
      let answer;
      try {
        answer = { ok: true, result: await perform(request) };
      } catch (error) {
        answer = { ok: false, error: error?.message ?? String(error) };
      }
      // Written beside and renamed, so the suite never reads half a file.
      const partial = `${request.doneFile}.partial`;
      writeFileSync(partial, JSON.stringify(answer));
      renameSync(partial, request.doneFile);
    },
  };
}
