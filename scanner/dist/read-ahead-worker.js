// Generated from scanner/src/ (entry src/read-ahead-worker.ts) by `npm run build -w @switchboard/scanner`: do not edit.

// src/read-ahead-worker.ts
import { statSync as statSync2 } from "node:fs";
import { receiveMessageOnPort, workerData } from "node:worker_threads";

// src/discovery/walk.ts
import * as nodeFs from "node:fs";

// src/lazy.ts
import Module, { createRequire } from "node:module";
var require2 = createRequire(import.meta.url);
var loaded = /* @__PURE__ */ new Set();
function lazy(id) {
  let value;
  return () => {
    if (value === void 0) {
      value = require2(id);
      loaded.add(id);
    }
    return value;
  };
}
var loadFflate = lazy("fflate");
var loadLevenshtein = lazy("fastest-levenshtein");
var loadIgnore = lazy("ignore");

// src/discovery/file-kinds.ts
var template = { kind: "markup", flavor: "template" };
var other = (language, lineComment) => ({ kind: "other-language", language, lineComment });
var BY_EXTENSION = {
  ".js": { kind: "script", language: "js" },
  ".mjs": { kind: "script", language: "js" },
  ".cjs": { kind: "script", language: "js" },
  ".jsx": { kind: "script", language: "jsx" },
  ".ts": { kind: "script", language: "ts" },
  ".mts": { kind: "script", language: "ts" },
  ".cts": { kind: "script", language: "ts" },
  ".tsx": { kind: "script", language: "tsx" },
  ".html": { kind: "markup", flavor: "html" },
  ".htm": { kind: "markup", flavor: "html" },
  ".xhtml": { kind: "markup", flavor: "html" },
  ".page": { kind: "markup", flavor: "visualforce" },
  ".vf": { kind: "markup", flavor: "visualforce" },
  ".vfp": { kind: "markup", flavor: "visualforce" },
  // Page templates: markup whose <script> blocks may hold template tags (masked before parsing).
  ".jsp": template,
  ".jspf": template,
  ".asp": template,
  ".aspx": template,
  ".cshtml": template,
  ".php": template,
  ".erb": template,
  ".ejs": template,
  ".hbs": template,
  ".handlebars": template,
  ".mustache": template,
  ".njk": template,
  ".twig": template,
  ".liquid": template,
  ".tpl": template,
  ".vue": template,
  ".svelte": template,
  // Languages that compile to JavaScript and call Open CTI through interop.
  ".cljs": other("ClojureScript", ";"),
  ".cljc": other("ClojureScript", ";"),
  ".coffee": other("CoffeeScript", "#"),
  ".litcoffee": other("CoffeeScript", "#"),
  ".ls": other("LiveScript", "#"),
  ".dart": other("Dart", "//"),
  ".re": other("Reason", "//"),
  ".res": other("ReScript", "//"),
  ".hx": other("Haxe", "//"),
  ".scala": other("Scala.js", "//"),
  ".kt": other("Kotlin/JS", "//"),
  ".component": { kind: "markup", flavor: "visualforce" },
  ".cmp": { kind: "markup", flavor: "aura" },
  ".app": { kind: "markup", flavor: "aura" },
  ".md": { kind: "markdown" },
  ".markdown": { kind: "markdown" },
  ".callcenter": { kind: "call-center" },
  ".resource": { kind: "static-resource" },
  ".xml": { kind: "xml" }
};
var READ_EXTENSIONS = Object.keys(BY_EXTENSION);
function sniff(bytes) {
  if (bytes.length >= 4 && bytes[0] === 80 && bytes[1] === 75 && bytes[2] === 3 && bytes[3] === 4) {
    return "archive";
  }
  if (bytes.length >= 2 && bytes[0] === 31 && bytes[1] === 139) return "archive";
  return bytes.subarray(0, 8192).indexOf(0) >= 0 ? "binary" : "text";
}

// src/discovery/walk.ts
var MAX_FILE_SIZE_CEILING = 256 * 1024 ** 2;
var scratch = Buffer.allocUnsafe(64 * 1024);
function readBoundedTransient(path, limit) {
  const fd = nodeFs.openSync(path, "r");
  try {
    const cap = limit + 1;
    let total = 0;
    for (; ; ) {
      const room = Math.min(scratch.length, cap) - total;
      if (room === 0) {
        if (total >= cap) break;
        const grown = Buffer.allocUnsafe(Math.min(cap, scratch.length * 2));
        scratch.copy(grown, 0, 0, total);
        scratch = grown;
        continue;
      }
      const n = nodeFs.readSync(fd, scratch, total, room, null);
      if (n === 0) break;
      total += n;
    }
    return scratch.subarray(0, total);
  } finally {
    nodeFs.closeSync(fd);
  }
}
function tooLargeDetail(size, maxFileSize2) {
  return `${size} bytes, over the limit of ${maxFileSize2}`;
}

// src/read-ahead.ts
import { fileURLToPath } from "node:url";
var CLAIMED = 0;
var POSTED = 1;
var REQUESTS = 2;
var FAILED = 3;
var WORKER = fileURLToPath(new URL("../dist/read-ahead-worker.js", import.meta.url));

// src/read-file.ts
import { isAscii } from "node:buffer";

// src/line-index.ts
var LineIndex = class {
  constructor(text) {
    this.text = text;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  text;
  starts = [0];
  get lineCount() {
    return this.text.length === 0 ? 0 : this.text.endsWith("\n") ? this.starts.length - 1 : this.starts.length;
  }
  position(offset) {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.starts[lo] ?? 0) + 1 };
  }
  /** The text of a 1-based line, without its line break. */
  lineText(line) {
    const start = this.starts[line - 1];
    if (start === void 0) return "";
    const next = this.starts[line];
    const end = next === void 0 ? this.text.length : next - 1;
    const text = this.text.slice(start, end);
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  }
};
function countLines(text) {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return text.endsWith("\n") ? n : n + 1;
}

// src/read-file.ts
var FILE_PREFILTER_EXTRA = "opencti|/support/|callCenter|CallCenter";
var BASE_PREFILTER = /sforce|localStorage|sessionStorage|cookie|Cookies|postMessage|onmessage|indexedDB|StorageAccess|['"`]message['"`]/;
var QUICK_PREFILTER = /sforce|Storage|ookie|essage|allCenter|opencti|\/support\/|indexedDB/;
var decoder = new TextDecoder("utf-8");
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
function decodeNoting(bytes) {
  if (isAscii(bytes))
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1"), invalid: false };
  let text;
  let invalid = false;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    text = decoder.decode(bytes);
    invalid = true;
  }
  return { text: text.charCodeAt(0) === 65279 ? text.slice(1) : text, invalid };
}
function invalidUtf8Note(rel, text) {
  const offset = Math.max(0, text.indexOf("�"));
  const at = new LineIndex(text).position(offset);
  return {
    file: rel,
    line: at.line,
    column: at.column,
    reason: "invalid-utf8",
    message: "a byte that is not UTF-8: decoded with U+FFFD in its place, and scanned to the end"
  };
}
function fileFilter(code) {
  return new RegExp(`${code.source}|${FILE_PREFILTER_EXTRA}`);
}
var fileFilters = /* @__PURE__ */ new WeakMap();
function worthReading(text, code) {
  if (code === BASE_PREFILTER && !QUICK_PREFILTER.test(text)) return false;
  let file = fileFilters.get(code);
  if (!file) {
    file = fileFilter(code);
    fileFilters.set(code, file);
  }
  return file.test(text);
}
function readAndFilter(entry, read, statSize, maxFileSize2, filter) {
  const skip = (skipped) => ({ kind: "skipped", skipped });
  let bytes;
  try {
    bytes = read();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return skip({ file: entry.rel, reason: "unreadable", detail });
  }
  if (bytes.length > maxFileSize2) {
    let size;
    try {
      size = entry.content ? entry.content.length : statSize();
    } catch {
    }
    const grew = entry.size !== void 0 ? " (it grew after the walk)" : "";
    return skip({
      file: entry.rel,
      reason: "too-large",
      detail: size !== void 0 && size > maxFileSize2 ? `${tooLargeDetail(size, maxFileSize2)}${grew}` : `over the limit of ${maxFileSize2} bytes${grew}`
    });
  }
  const sniffed = sniff(bytes);
  if (sniffed !== "text") {
    return skip({
      file: entry.rel,
      reason: sniffed,
      detail: sniffed === "archive" ? "zip or gzip archive: expand it into a folder and scan that" : "binary content"
    });
  }
  const { text, invalid } = decodeNoting(bytes);
  const fallbacks = invalid ? [invalidUtf8Note(entry.rel, text)] : [];
  if (entry.kind.kind !== "call-center" && !worthReading(text, filter)) {
    return { kind: "plain", text, lines: countLines(text), bytes: bytes.length, fallbacks };
  }
  return { kind: "text", text, bytes: bytes.length, fallbacks };
}

// src/read-ahead-worker.ts
var KEPT_CHARACTERS = 32 * 1024 * 1024;
var { files, maxFileSize, state: shared, port } = workerData;
var state = new Int32Array(shared);
function post(message) {
  port.postMessage(message);
  Atomics.add(state, POSTED, 1);
  Atomics.notify(state, POSTED);
}
function run() {
  const kept = /* @__PURE__ */ new Map();
  let budget = KEPT_CHARACTERS;
  let next = files.length;
  while (Atomics.add(state, CLAIMED, 1) < files.length) {
    const index = --next;
    const file = files[index];
    const read = readAndFilter(
      file,
      () => readBoundedTransient(file.path, maxFileSize),
      () => statSync2(file.path).size,
      maxFileSize,
      BASE_PREFILTER
    );
    if (read.kind === "plain") {
      const keep = read.text.length <= budget;
      if (keep) {
        budget -= read.text.length;
        kept.set(index, read.text);
      }
      post({ file: { index, read: { ...read, text: "" }, kept: keep } });
    } else {
      post({ file: { index, read, kept: false } });
    }
  }
  post({ done: true });
  let seen = 0;
  for (; ; ) {
    Atomics.wait(state, REQUESTS, seen);
    seen = Atomics.load(state, REQUESTS);
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const request = m.message;
      if ("stop" in request) return;
      const mentions = new RegExp(request.mentions);
      post({ mentioning: [...kept].filter(([, text]) => mentions.test(text)).map(([index]) => index) });
    }
  }
}
try {
  run();
} catch {
  Atomics.store(state, FAILED, 1);
  Atomics.notify(state, POSTED);
}
port.close();
