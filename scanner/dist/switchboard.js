// Generated from scanner/src/ (entry src/cli/bundle.ts) by `npm run build -w @switchboard/scanner`: do not edit.

// src/cli/main.ts
import { mkdirSync as mkdirSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { dirname as dirname2, join as join3, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

// src/discovery/walk.ts
import * as nodeFs from "node:fs";
import { basename, join as join2, relative, sep } from "node:path";

// src/lazy.ts
import { isAscii } from "node:buffer";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
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
var loadTypeScript = /* @__PURE__ */ (() => {
  let value;
  return () => {
    if (value === void 0) {
      value = (process.env.SWITCHBOARD_CODE_CACHE === "0" ? void 0 : withCodeCache("typescript")) ?? require2("typescript");
      loaded.add("typescript");
    }
    return value;
  };
})();
function withCodeCache(id) {
  try {
    const file = require2.resolve(id);
    const version = require2(`${id}/package.json`).version;
    const modules = file.slice(0, file.lastIndexOf("node_modules") + "node_modules".length);
    const dir = process.env.SWITCHBOARD_CODE_CACHE_DIR || join(modules, ".cache", "switchboard");
    const cacheFile = join(dir, `${id}-${version}-${process.version}-${process.arch}.v8`);
    let cachedData;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
    }
    const script = new Script(Module.wrap(readSource(file)), {
      filename: file,
      ...cachedData ? { cachedData } : {}
    });
    const module = { exports: {} };
    script.runInThisContext().call(
      module.exports,
      module.exports,
      createRequire(file),
      module,
      file,
      dirname(file)
    );
    if (!cachedData || script.cachedDataRejected) {
      process.once("exit", () => {
        try {
          mkdirSync(dirname(cacheFile), { recursive: true });
          const partial = `${cacheFile}.${process.pid}`;
          writeFileSync(partial, script.createCachedData());
          renameSync(partial, cacheFile);
        } catch {
        }
      });
    }
    return module.exports;
  } catch {
    return void 0;
  }
}
function readSource(file) {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}
var loadHtmlparser2 = /* @__PURE__ */ (() => {
  let value;
  return () => {
    if (value === void 0) {
      try {
        value = require2(fileURLToPath(new URL("../dist/htmlparser2.cjs", import.meta.url)));
      } catch {
        value = require2("htmlparser2");
      }
      loaded.add("htmlparser2");
    }
    return value;
  };
})();
var loadOxcParser = /* @__PURE__ */ (() => {
  let value = null;
  return () => {
    if (process.env.SWITCHBOARD_PARSER === "typescript") return void 0;
    if (value === null) {
      try {
        value = require2("oxc-parser");
        loaded.add("oxc-parser");
      } catch {
        value = void 0;
      }
    }
    return value;
  };
})();
var loadFflate = lazy("fflate");
var loadLevenshtein = lazy("fastest-levenshtein");
var loadIgnore = lazy("ignore");
function loadedLibraries() {
  return [...loaded].sort();
}

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
function fileKind(relPath) {
  const name = relPath.slice(relPath.lastIndexOf("/") + 1).toLowerCase();
  if (name.endsWith(".callcenter-meta.xml")) return { kind: "call-center" };
  if (name.endsWith(".d.ts")) return void 0;
  const dot = name.lastIndexOf(".");
  if (dot <= 0) {
    return /(^|\/)staticresources\//i.test(relPath) ? { kind: "static-resource" } : void 0;
  }
  return BY_EXTENSION[name.slice(dot)];
}
function sniff(bytes) {
  if (bytes.length >= 4 && bytes[0] === 80 && bytes[1] === 75 && bytes[2] === 3 && bytes[3] === 4) {
    return "archive";
  }
  if (bytes.length >= 2 && bytes[0] === 31 && bytes[1] === 139) return "archive";
  return bytes.subarray(0, 8192).indexOf(0) >= 0 ? "binary" : "text";
}
function staticResourceKind(text) {
  return /^\s*</.test(text) ? { kind: "markup", flavor: "html" } : { kind: "script", language: "js" };
}

// src/model/vocabulary.ts
var ACTIONS = ["eliminate", "migrate", "replace", "keep"];
var SEVERITIES = ["error", "warning", "note"];
var SEVERITY_RANK = { note: 0, warning: 1, error: 2 };
function worse(a, b) {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}
function atLeast(severity, threshold) {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

// src/discovery/walk.ts
var nodeFileSystem = {
  readdir: (dir) => nodeFs.readdirSync(dir, { withFileTypes: true }),
  stat: (path) => nodeFs.statSync(path),
  realpath: (path) => nodeFs.realpathSync(path),
  readFile: (path, limit) => readBounded(path, limit ?? MAX_FILE_SIZE_CEILING),
  exists: (path) => nodeFs.existsSync(path)
};
var MAX_FILE_SIZE_CEILING = 256 * 1024 ** 2;
function readBounded(path, limit) {
  const fd = nodeFs.openSync(path, "r");
  try {
    const cap = limit + 1;
    let buffer = Buffer.allocUnsafe(Math.min(cap, Math.max(nodeFs.fstatSync(fd).size, 0) + 1, 64 * 1024 ** 2));
    let total = 0;
    for (; ; ) {
      if (total === buffer.length) {
        if (total >= cap) break;
        const grown = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const n = nodeFs.readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
    }
    return buffer.subarray(0, total);
  } finally {
    nodeFs.closeSync(fd);
  }
}
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
var IGNORE_FILES = [".gitignore", ".switchboardignore"];
var DEFAULT_EXCLUDED_FOLDERS = /* @__PURE__ */ new Set([".git", "node_modules"]);
var toPosix = (p) => p.split(sep).join("/");
function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}
var RootNotFoundError = class extends Error {
};
function specialFileDetail(type) {
  const what = type.isFIFO?.() ? "a named pipe (FIFO)" : type.isSocket?.() ? "a socket" : type.isCharacterDevice?.() ? "a character device" : type.isBlockDevice?.() ? "a block device" : "a special file";
  return `not a regular file: ${what}, never opened`;
}
function addSpecialFile(result, rel, type) {
  if (!fileKind(rel)) result.notRelevant++;
  result.skipped.push({ file: rel, reason: "not-regular-file", detail: specialFileDetail(type) });
}
function addNotRead(result, rel) {
  result.notRelevant++;
  const name = rel.slice(rel.lastIndexOf("/") + 1).toLowerCase();
  const dot = name.lastIndexOf(".");
  const detail = name.endsWith(".d.ts") ? "TypeScript declarations: no code runs from them" : dot <= 0 ? "no extension, outside staticresources/: not a kind of file the scanner reads" : `no reader for ${name.slice(dot)} files`;
  result.skipped.push({ file: rel, reason: "not-read", detail });
}
function walk(options) {
  const fs = options.fs ?? nodeFileSystem;
  const result = { files: [], skipped: [], ignored: 0, notRelevant: 0 };
  let rootStat;
  let rootReal;
  try {
    rootStat = fs.stat(options.root);
    rootReal = fs.realpath(options.root);
  } catch (error) {
    throw new RootNotFoundError(`cannot read ${options.root}: ${errorText(error)}`);
  }
  if (!rootStat.isDirectory()) {
    const rel = basename(options.root);
    const kind = fileKind(rel);
    if (!rootStat.isFile()) addSpecialFile(result, rel, rootStat);
    else if (!kind) addNotRead(result, rel);
    else addFile(result, options, { path: options.root, rel, size: rootStat.size, kind });
    return result;
  }
  const top = [];
  const excludes = options.excludes?.length ? loadIgnore()().add([...options.excludes]) : void 0;
  const defaultExcludes = options.defaultExcludes !== false;
  const visited = /* @__PURE__ */ new Set([rootReal]);
  const isIgnored = (rel, name, isDir, matchers) => {
    if (isDir && defaultExcludes && DEFAULT_EXCLUDED_FOLDERS.has(name)) return true;
    const probe = (ig, p) => ig.test(isDir ? `${p}/` : p);
    let ignored = false;
    for (const m of matchers) {
      const sub = m.base ? rel.slice(m.base.length + 1) : rel;
      const r = probe(m.ig, sub);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored || excludes !== void 0 && probe(excludes, rel).ignored;
  };
  const stack = [{ dir: options.root, rel: "", matchers: top }];
  while (stack.length > 0) {
    const { dir, rel, matchers: inherited } = stack.pop();
    let entries;
    try {
      entries = fs.readdir(dir);
    } catch (error) {
      if (!rel) throw new RootNotFoundError(`cannot read ${options.root}: ${errorText(error)}`);
      result.skipped.push({ file: rel || ".", reason: "unreadable", detail: errorText(error) });
      continue;
    }
    const matchers = [...inherited];
    if (options.ignoreFiles !== false) {
      for (const name of IGNORE_FILES) {
        if (!entries.some((e) => e.name === name)) continue;
        try {
          const text = new TextDecoder().decode(fs.readFile(join2(dir, name)));
          matchers.push({ base: rel, ig: loadIgnore()().add(text) });
        } catch (error) {
          result.skipped.push({
            file: rel ? `${rel}/${name}` : name,
            reason: "unreadable",
            detail: errorText(error)
          });
        }
      }
    }
    entries.sort((a, b) => a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const childPath = join2(dir, entry.name);
      let type = entry;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let size;
      if (entry.isSymbolicLink()) {
        let real;
        try {
          real = fs.realpath(childPath);
          const st = fs.stat(real);
          type = st;
          isDir = st.isDirectory();
          isFile = st.isFile();
          size = st.size;
        } catch (error) {
          result.skipped.push({ file: childRel, reason: "symlink-broken", detail: errorText(error) });
          continue;
        }
        if (isIgnored(childRel, entry.name, isDir, matchers)) {
          result.ignored++;
          continue;
        }
        if (real !== rootReal && !real.startsWith(rootReal + sep)) {
          result.skipped.push({
            file: childRel,
            reason: "symlink-outside-root",
            detail: `points to ${real}`
          });
          continue;
        }
        if (isDir) {
          if (visited.has(real)) {
            result.skipped.push({
              file: childRel,
              reason: "symlink-loop",
              detail: `${toPosix(relative(rootReal, real)) || "."} is already scanned`
            });
            continue;
          }
          visited.add(real);
        }
      } else if (isIgnored(childRel, entry.name, isDir, matchers)) {
        result.ignored++;
        continue;
      }
      if (isDir) {
        stack.push({ dir: childPath, rel: childRel, matchers });
      } else if (isFile) {
        const kind = fileKind(childRel);
        if (!kind) {
          const readAsIgnoreFile = options.ignoreFiles !== false && IGNORE_FILES.includes(entry.name);
          if (!readAsIgnoreFile) addNotRead(result, childRel);
          continue;
        }
        addFile(result, options, {
          path: childPath,
          rel: childRel,
          ...size === void 0 ? {} : { size },
          kind
        });
      } else {
        addSpecialFile(result, childRel, type);
      }
    }
  }
  result.files.sort((a, b) => a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
  return result;
}
function addFile(result, options, entry) {
  if (entry.size !== void 0 && entry.size > options.maxFileSize) {
    result.skipped.push({
      file: entry.rel,
      reason: "too-large",
      detail: tooLargeDetail(entry.size, options.maxFileSize)
    });
    return;
  }
  result.files.push(entry);
}
function tooLargeDetail(size, maxFileSize) {
  return `${size} bytes, over the limit of ${maxFileSize}`;
}

// src/catalog/guide.ts
var GUIDE_PATH = "docs/migration.md";
var GUIDE = {
  // One section per row of the capability matrix (voice-platform.md §9.5, the source document's matrix).
  screenPop: "1-screen-pop",
  callLogging: "2-call-logging",
  searchAndScreenPop: "3-search-and-screen-pop",
  presence: "4-custom-presence",
  runApex: "5-other-runapex-calls",
  statusList: "6-custom-status-list",
  panelSize: "7-softphone-panel-size",
  softphonePanel: "8-custom-softphone-panel",
  callEvents: "9-call-lifecycle-listeners",
  messaging: "10-iframe-and-page-messaging",
  refresh: "11-refreshing-the-page",
  clickToDial: "12-click-to-dial",
  visualforce: "13-data-for-a-visualforce-page",
  contactSearch: "14-contact-search",
  routing: "15-ivr-and-routing-logic",
  webhooks: "16-external-system-webhooks",
  analytics: "17-call-analytics",
  auth: "18-authentication-and-sso",
  supervisor: "19-supervisor-dashboard",
  transfer: "20-transfer-and-consult",
  // Usages the matrix does not cover (the project-guidance table of §9.5 and the scanner's own rules).
  softphoneChrome: "a-softphone-panel-chrome",
  pageContext: "b-page-context-and-navigation",
  callCenter: "c-call-center-definition",
  callData: "d-call-data-and-call-state",
  salesEngagement: "e-sales-engagement-hvs",
  reviewByHand: "f-the-open-cti-library-and-calls-to-review-by-hand"
};
function guideLink(anchor2) {
  return `${GUIDE_PATH}#${anchor2}`;
}

// src/catalog/mapping.ts
var COMPONENTS = {
  voiceExtension: { kind: "voice-extension", name: "Voice Extension LWC (c/voiceExtension)" },
  messageChannel: { kind: "message-channel", name: "LMS channel ServiceCloudVoiceMessageChannel__c" },
  relationFlows: {
    kind: "relation-flows",
    name: "VoiceCall relation flows (Switchboard_Call_Relate_Case/_Opportunity/_Lead, Switchboard_Call_Log_Task, Switchboard_Call_Task_Wrap_Up; rules in Call_Relation_Rule__mdt)"
  },
  screenPopFlow: {
    kind: "screen-pop-flow",
    name: "Omni-Channel routing flow Switchboard_Inbound_Call_Routing (caller match, RelatedRecordId, routing)"
  },
  setup: { kind: "contact-center-setup", name: "Contact-center setup (admin, no code)" },
  builtIn: { kind: "built-in", name: "Salesforce Voice (built in)" }
};
function connectorMethod(signature) {
  return { kind: "connector", name: `connector ${signature}` };
}
function gatewayCall(endpoint) {
  return { kind: "gateway", name: `gateway ${endpoint}` };
}
var GATEWAY = {
  createVoiceCall: gatewayCall("POST /telephony/v1/voiceCalls"),
  updateVoiceCall: gatewayCall("PATCH /telephony/v1/voiceCalls/{id}"),
  executeOmniFlow: gatewayCall("PATCH /telephony/v1/voiceCalls/{id}/omniFlow")
};

// src/report/summary.ts
function buildSummary(input) {
  const byAction = Object.fromEntries(ACTIONS.map((a) => [a, 0]));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  const byPlatform = { lightning: 0, classic: 0, console: 0, other: 0 };
  let issues = 0;
  const files = /* @__PURE__ */ new Set();
  for (const f of input.findings) {
    byAction[f.action]++;
    bySeverity[f.severity]++;
    byPlatform[f.api.platform ?? "other"]++;
    issues += f.issues.length;
    files.add(f.location.file);
  }
  return {
    filesScanned: input.filesScanned,
    filesWithFindings: files.size,
    linesScanned: input.linesScanned,
    bytesScanned: input.bytesScanned,
    filesSkipped: input.filesSkipped,
    filesIgnored: input.filesIgnored,
    parseFallbacks: input.parseFallbacks,
    findings: input.findings.length,
    issues,
    byAction,
    bySeverity,
    byPlatform,
    durationMs: input.durationMs
  };
}
function buildInventory(findings) {
  const rows = /* @__PURE__ */ new Map();
  for (const f of findings) {
    if (f.thirdParty) continue;
    const key = `${f.api.name}|${f.action}`;
    const row = rows.get(key);
    if (row) {
      row.count++;
      continue;
    }
    const r = {
      api: f.api.name,
      kind: f.api.kind,
      documented: f.api.documented,
      count: 1,
      action: f.action,
      replacement: f.replacement,
      components: f.components,
      guide: f.guide
    };
    if (f.api.platform) r.platform = f.api.platform;
    rows.set(key, r);
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || (a.api < b.api ? -1 : a.api > b.api ? 1 : 0));
}
function skippedForPeople(skipped) {
  const rows = [];
  const groups = /* @__PURE__ */ new Map();
  for (const s of skipped) {
    if (s.reason !== "not-read") rows.push(s);
    else groups.set(s.detail ?? "", [...groups.get(s.detail ?? "") ?? [], s.file]);
  }
  for (const [detail, files] of groups) {
    if (files.length === 1) {
      rows.push({ file: files[0], reason: "not-read", detail });
      continue;
    }
    const shown = files.slice(0, 3).join(", ");
    rows.push({
      file: `${files.length} files`,
      reason: "not-read",
      detail: `${detail}: ${shown}${files.length > 3 ? ", ..." : ""}`
    });
  }
  return rows;
}

// src/report/html.ts
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
var ACTION_COLOURS = {
  eliminate: "#b3261e",
  migrate: "#0b5cad",
  replace: "#7a4a00",
  keep: "#1e6b34"
};
var CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}
main{max-width:1240px;margin:0 auto;padding:1rem 1.25rem 3rem}.verdict{font-size:1.1rem;font-weight:600}.component,.guide{color:#444;font-size:.9em;margin-top:.25rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}.tight{white-space:nowrap}th{background:#f0f0f0}
td.num,th.num{text-align:right}code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:break-word}code.snippet{overflow-wrap:anywhere;color:#333}
.sev-error{color:#b3261e;font-weight:600}.sev-warning{color:#7a4a00;font-weight:600}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
svg text{font:13px system-ui,sans-serif;fill:#1b1b1b}
`;
function chart(report) {
  const counts = ACTIONS.map((a) => ({ action: a, count: report.summary.byAction[a] }));
  const max = Math.max(1, ...counts.map((c) => c.count));
  const barArea = 420;
  const rowHeight = 34;
  const height = counts.length * rowHeight + 10;
  const rows = counts.map((c, i) => {
    const y = 5 + i * rowHeight;
    const w = Math.round(c.count / max * barArea);
    return `<text x="0" y="${y + 20}">${c.action}</text><rect x="90" y="${y + 4}" width="${w}" height="22" fill="${ACTION_COLOURS[c.action]}"></rect><text x="${96 + w}" y="${y + 20}">${c.count}</text>`;
  }).join("");
  const desc = counts.map((c) => `${c.action} ${c.count}`).join(", ");
  return `<svg role="img" aria-labelledby="chart-title chart-desc" width="560" height="${height}" viewBox="0 0 560 ${height}"><title id="chart-title">Findings by migration action</title><desc id="chart-desc">${escapeHtml(desc)}</desc>${rows}</svg>`;
}
var code = (s) => `<code>${escapeHtml(s)}</code>`;
var EFFORT = { replace: 0, migrate: 1, keep: 2, eliminate: 3 };
var SEVERITY_ORDER = { error: 0, warning: 1, note: 2 };
function problems(report) {
  const rows = report.findings.filter((f) => !f.thirdParty).flatMap((f) => f.issues.map((i) => ({ f, i }))).sort(
    (a, b) => SEVERITY_ORDER[a.i.severity] - SEVERITY_ORDER[b.i.severity] || (a.f.location.file < b.f.location.file ? -1 : a.f.location.file > b.f.location.file ? 1 : 0) || a.f.location.line - b.f.location.line
  );
  if (rows.length === 0) return ["<p>None: nothing in the scanned code is wrong today.</p>"];
  return [
    '<table><caption>Problems to fix, most severe first</caption><thead><tr><th scope="col" class="tight">Severity</th><th scope="col">Where</th><th scope="col">Problem</th><th scope="col">What to do</th></tr></thead><tbody>',
    ...rows.map(
      ({ f, i }) => `<tr><td class="tight sev-${i.severity}">${i.severity}</td><td>${code(`${f.location.file}:${f.location.line}`)}<br>${code(f.api.name)}</td><td>${escapeHtml(i.message)}</td><td>${escapeHtml(f.replacement)}${guide(f.guide)}</td></tr>`
    ),
    "</tbody></table>"
  ];
}
function thirdPartySection(report) {
  const found = report.findings.filter((f) => f.thirdParty);
  if (found.length === 0) return [];
  const files = new Set(found.map((f) => f.location.file)).size;
  return [
    '<h2 id="third-party">Third-party code</h2>',
    `<details><summary>${found.length} storage, cookie or messaging use(s) in ${files} vendored or minified librar${files === 1 ? "y" : "ies"}: the libraries' own business, not in the inventory or the problems</summary>`,
    '<table><caption>Findings in third-party code</caption><thead><tr><th scope="col">Where</th><th scope="col">API</th><th scope="col">Why third-party</th></tr></thead><tbody>',
    ...found.map(
      (f) => `<tr><td>${code(`${f.location.file}:${f.location.line}`)}</td><td>${code(f.api.name)}</td><td>${escapeHtml(f.thirdParty ?? "")}</td></tr>`
    ),
    "</tbody></table></details>"
  ];
}
function verdict(report) {
  const s = report.summary;
  const uses = report.findings.filter((f) => f.api.kind !== "web-platform").length;
  const files = `${s.filesScanned} file${s.filesScanned === 1 ? "" : "s"}`;
  if (uses === 0) return `No Open CTI use found in ${files}; ${s.filesSkipped} skipped.`;
  const found = `${uses} Open CTI use${uses === 1 ? "" : "s"} to migrate, in ${files} scanned (${s.filesSkipped} skipped)`;
  return s.bySeverity.error + s.bySeverity.warning === 0 ? `${found}; no problems to fix first.` : `${found}; ${s.bySeverity.error} error(s) and ${s.bySeverity.warning} warning(s) to fix first.`;
}
var guide = (link) => `<div class="guide">Guide: ${code(link)}</div>`;
var components = (c) => c.length ? c.map((x) => escapeHtml(x.name)).join("<br>") : "—";
function findingRow(f) {
  const how = [.../* @__PURE__ */ new Set([...f.detection, f.context === "file" ? "" : f.context])].filter(Boolean).join(", ") || "—";
  const via = f.via ? ` via ${code(`${f.via.name}()`)} (${escapeHtml(f.via.file)}:${f.via.line})` : "";
  const issues = f.issues.map((i) => `<div class="sev-${i.severity}">${escapeHtml(i.severity)}: ${escapeHtml(i.message)}</div>`).join("");
  const value = f.value !== void 0 ? ` = ${code(f.value)}` : "";
  return `<tr><td class="num tight">${f.location.line}:${f.location.column}</td><td>${code(f.api.name)}${value}<br><code class="snippet">${escapeHtml(f.snippet)}</code></td><td class="tight">${f.action}</td><td>${escapeHtml(f.replacement)}<div class="component">${components(f.components)}</div>${guide(f.guide)}</td><td>${escapeHtml(how)}${via}</td><td>${issues || "—"}</td></tr>`;
}
function renderHtml(report) {
  const s = report.summary;
  const parts = [];
  parts.push(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Open CTI migration scan: ${escapeHtml(report.root)}</title><style>${CSS}</style></head><body>`,
    '<a class="skip" href="#inventory">Skip to the inventory</a><main>',
    "<h1>Open CTI migration scan</h1>",
    `<p>Scanned ${code(report.root)}: ${s.filesScanned} files, ${s.linesScanned} lines. Generated ${escapeHtml(report.generatedAt)} by ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}.</p>`,
    `<p class="verdict">${escapeHtml(verdict(report))}</p>`,
    '<h2 id="problems">Problems to fix</h2>',
    ...problems(report),
    '<h2 id="summary">Findings by action</h2>',
    chart(report),
    '<table><caption>Findings by action (the numbers in the chart)</caption><thead><tr><th scope="col">Action</th><th scope="col" class="num">Findings</th></tr></thead><tbody>',
    ...ACTIONS.map((a) => `<tr><th scope="row">${a}</th><td class="num">${s.byAction[a]}</td></tr>`),
    `<tr><th scope="row">total</th><td class="num">${s.findings}</td></tr></tbody></table>`,
    `<p>${s.bySeverity.error} error(s), ${s.bySeverity.warning} warning(s), ${s.bySeverity.note} note(s). ${s.filesSkipped} file(s) skipped; ${s.parseFallbacks} code unit(s) scanned by tokens after a parse failure.</p>`
  );
  parts.push('<h2 id="inventory">Inventory</h2>');
  if (report.inventory.length === 0) parts.push(`<p>${escapeHtml(verdict(report))}</p>`);
  else {
    parts.push(
      "<table><caption>Every API the adapter uses, with its Voice replacement, most migration effort first (replace, migrate, keep, eliminate)</caption><thead><tr>",
      '<th scope="col">API</th><th scope="col">Platform</th><th scope="col" class="num">Uses</th><th scope="col">Action</th><th scope="col">Voice replacement</th><th scope="col">Switchboard component</th></tr></thead><tbody>',
      ...[...report.inventory].sort((a, b) => EFFORT[a.action] - EFFORT[b.action] || b.count - a.count).map(
        (r) => `<tr><td>${code(r.api)}${r.documented ? "" : " (not documented)"}</td><td class="tight">${r.platform ?? "—"}</td><td class="num tight">${r.count}</td><td class="tight">${r.action}</td><td>${escapeHtml(r.replacement)}${guide(r.guide)}</td><td>${components(r.components)}</td></tr>`
      ),
      "</tbody></table>"
    );
  }
  parts.push('<h2 id="findings">Findings by file</h2>');
  const byFile = /* @__PURE__ */ new Map();
  for (const f of report.findings.filter((x) => !x.thirdParty))
    byFile.set(f.location.file, [...byFile.get(f.location.file) ?? [], f]);
  if (byFile.size === 0) parts.push("<p>None.</p>");
  for (const [file, findings] of byFile) {
    parts.push(
      `<h3>${code(file)}</h3><table><caption>Findings in ${escapeHtml(file)}</caption><thead><tr>`,
      '<th scope="col" class="num">Line</th><th scope="col">API and code</th><th scope="col">Action</th><th scope="col">Voice replacement and component</th><th scope="col">Found through</th><th scope="col">Problems</th></tr></thead><tbody>',
      ...findings.map(findingRow),
      "</tbody></table>"
    );
  }
  parts.push(...thirdPartySection(report));
  const saveLogs = report.findings.filter((f) => f.saveLog && f.saveLog.fields.length > 0);
  if (saveLogs.length > 0) {
    parts.push(
      '<h2 id="savelog">saveLog fields</h2><table><caption>Fields written with saveLog and where they live on VoiceCall</caption><thead><tr>',
      '<th scope="col">Where</th><th scope="col">Field</th><th scope="col">VoiceCall</th><th scope="col">Kind</th><th scope="col">Note</th></tr></thead><tbody>'
    );
    for (const f of saveLogs) {
      for (const field of f.saveLog.fields) {
        parts.push(
          `<tr><td>${code(`${f.location.file}:${f.location.line}`)}</td><td>${code(field.source)}</td><td>${field.target ? code(field.target) : "—"}</td><td>${field.kind}</td><td>${escapeHtml(field.note)}</td></tr>`
        );
      }
    }
    parts.push("</tbody></table>");
  }
  parts.push('<h2 id="skipped">Skipped files and parse fallbacks</h2>');
  if (report.skipped.length === 0 && report.parseFallbacks.length === 0) parts.push("<p>None.</p>");
  else {
    parts.push(
      '<table><caption>Files not scanned, and code scanned by tokens only</caption><thead><tr><th scope="col">File</th><th scope="col">Reason</th><th scope="col">Detail</th></tr></thead><tbody>',
      ...skippedForPeople(report.skipped).map(
        (k) => `<tr><td>${code(k.file)}</td><td>${k.reason}</td><td>${escapeHtml(k.detail ?? "")}</td></tr>`
      ),
      ...report.parseFallbacks.map(
        (p) => `<tr><td>${code(`${p.file}:${p.line}:${p.column}`)}</td><td>${p.reason}</td><td>${escapeHtml(p.message)}</td></tr>`
      ),
      "</tbody></table>"
    );
  }
  parts.push("</main></body></html>");
  return `${parts.join("\n")}
`;
}

// src/report/markdown.ts
function cell(text) {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/([*_[\]<>`])/g, "\\$1");
}
function code2(text) {
  const clean = text.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}
var where = (f) => `${f.location.file}:${f.location.line}:${f.location.column}`;
var components2 = (f) => f.components.length ? f.components.map((c) => cell(c.name)).join("<br>") : "—";
function renderMarkdown(report) {
  const s = report.summary;
  const out = [];
  out.push("# Open CTI migration scan", "");
  out.push(
    `Scanned ${code2(report.root)}: ${s.filesScanned} files, ${s.linesScanned} lines. Generated ${report.generatedAt} by ${report.tool.name} ${report.tool.version} (report schema ${report.schemaVersion}).`,
    ""
  );
  out.push("## Summary", "");
  out.push("| Action | Findings |", "| --- | ---: |");
  for (const a of ACTIONS) out.push(`| ${a} | ${s.byAction[a]} |`);
  out.push(`| **total** | **${s.findings}** |`, "");
  out.push(
    `Severity: ${s.bySeverity.error} error(s), ${s.bySeverity.warning} warning(s), ${s.bySeverity.note} note(s). Platforms: ${s.byPlatform.lightning} Lightning, ${s.byPlatform.classic} Classic, ${s.byPlatform.console} Console, ${s.byPlatform.other} other. Skipped files: ${s.filesSkipped}. Scanned by tokens after a parse failure: ${s.parseFallbacks}.`,
    ""
  );
  out.push("## Inventory", "");
  if (report.inventory.length === 0) out.push("No Open CTI usage found.", "");
  else {
    out.push(
      `The guide column names the section of the migration guide (\`${GUIDE_PATH}\` in the Switchboard repository) that shows the replacement and how to verify it.`,
      ""
    );
    out.push("| API | Platform | Uses | Action | Voice replacement | Switchboard component | Guide |");
    out.push("| --- | --- | ---: | --- | --- | --- | --- |");
    for (const r of report.inventory) {
      const api = r.documented ? code2(r.api) : `${code2(r.api)} (not documented)`;
      out.push(
        `| ${api} | ${r.platform ?? "—"} | ${r.count} | ${r.action} | ${cell(r.replacement)} | ${components2(r)} | ${code2(r.guide)} |`
      );
    }
    out.push("");
  }
  const problems2 = report.findings.filter((f) => !f.thirdParty).flatMap((f) => f.issues.map((i) => ({ f, i })));
  out.push("## Problems to fix", "");
  if (problems2.length === 0) out.push("None.", "");
  else {
    out.push("| Where | Severity | Rule | Problem | Guide |", "| --- | --- | --- | --- | --- |");
    for (const { f, i } of problems2) {
      out.push(`| ${code2(where(f))} | ${i.severity} | ${i.rule} | ${cell(i.message)} | ${code2(f.guide)} |`);
    }
    out.push("");
  }
  out.push("## Findings by file", "");
  const own = report.findings.filter((f) => !f.thirdParty);
  let file = "";
  for (const f of own) {
    if (f.location.file !== file) {
      file = f.location.file;
      out.push(`### ${code2(file)}`, "");
      out.push("| Line | API | Action | Voice replacement | Component | Found through | Guide |");
      out.push("| ---: | --- | --- | --- | --- | --- | --- |");
    }
    const how = [.../* @__PURE__ */ new Set([...f.detection, f.context === "file" ? "" : f.context])].filter(Boolean).join(", ") || "—";
    const via = f.via ? ` via ${code2(`${f.via.name}()`)} (${cell(f.via.file)}:${f.via.line})` : "";
    const value = f.value !== void 0 ? ` = ${code2(f.value)}` : "";
    const next = [
      f.location.line,
      `${code2(f.api.name)}${value}`,
      f.action,
      cell(f.replacement),
      components2(f),
      `${cell(how)}${via}`,
      code2(f.guide)
    ];
    out.push(`| ${next.join(" | ")} |`);
    const nextFinding = own[own.indexOf(f) + 1];
    if (!nextFinding || nextFinding.location.file !== file) out.push("");
  }
  const thirdParty = report.findings.filter((f) => f.thirdParty);
  if (thirdParty.length > 0) {
    out.push(
      "## Third-party code",
      "",
      `${thirdParty.length} storage, cookie or messaging use(s) in vendored or minified libraries: the libraries' own business, not in the inventory or the problems.`,
      "",
      "<details><summary>The list</summary>",
      "",
      "| Where | API | Why third-party |",
      "| --- | --- | --- |",
      ...thirdParty.map(
        (f) => `| ${code2(`${f.location.file}:${f.location.line}`)} | ${code2(f.api.name)} | ${cell(f.thirdParty ?? "")} |`
      ),
      "",
      "</details>",
      ""
    );
  }
  const saveLogs = report.findings.filter((f) => f.saveLog);
  if (saveLogs.length > 0) {
    out.push("## saveLog fields", "");
    out.push("Each field an adapter writes with saveLog, and where it lives on VoiceCall.", "");
    out.push("| Where | Field | VoiceCall | Kind | Set by | Note |", "| --- | --- | --- | --- | --- | --- |");
    for (const f of saveLogs) {
      const mapping = f.saveLog;
      if (mapping.fields.length === 0) {
        out.push(
          `| ${code2(where(f))} | — | — | — | — | The value object is built where the scanner cannot see it (a parameter, another file): see the calls that pass it |`
        );
      }
      for (const field of mapping.fields) {
        const flags = field.kind === "voicecall-field" ? ` (${field.createable ? "createable" : "read-only"}${field.updateable ? ", updateable" : ""})` : "";
        out.push(
          `| ${code2(where(f))} | ${code2(field.source)} | ${field.target ? code2(field.target) : "—"}${flags} | ${field.kind} | ${field.setBy?.join(", ") ?? "—"} | ${cell(field.note)} |`
        );
      }
      if (!mapping.complete && mapping.fields.length > 0) {
        out.push(`| ${code2(where(f))} | … | | | | More fields are added where the scanner cannot see them |`);
      }
    }
    out.push("");
  }
  out.push("## Skipped files", "");
  if (report.skipped.length === 0) out.push("None.", "");
  else {
    out.push("| File | Reason | Detail |", "| --- | --- | --- |");
    for (const k of skippedForPeople(report.skipped))
      out.push(`| ${code2(k.file)} | ${k.reason} | ${cell(k.detail ?? "")} |`);
    out.push("");
  }
  out.push("## Parse fallbacks", "");
  if (report.parseFallbacks.length === 0) out.push("None: every code unit was parsed.", "");
  else {
    out.push("| Where | Reason | Message |", "| --- | --- | --- |");
    for (const p of report.parseFallbacks) {
      out.push(`| ${code2(`${p.file}:${p.line}:${p.column}`)} | ${p.reason} | ${cell(p.message)} |`);
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}
`;
}

// src/model/report.ts
var SCHEMA_ID = "urn:switchboard:scan-report";
var SCHEMA_VERSION = "1.3.0";
var TOOL = { name: "@switchboard/scanner", version: "0.1.0" };

// src/catalog/call-center.ts
var keepContactCenter = (replacement) => ({
  action: "keep",
  replacement,
  components: [COMPONENTS.setup],
  basis: "project-guidance",
  guide: GUIDE.callCenter
});
var CALL_CENTER_ITEMS = {
  reqInternalName: {
    mapping: keepContactCenter(
      "reqInternalName of the Voice contact-center import XML (cannot change after creation; the JWT sub claim)"
    )
  },
  reqDisplayName: { mapping: keepContactCenter("reqDisplayName of the Voice contact-center import XML") },
  reqDescription: { mapping: keepContactCenter("Contact-center description") },
  reqAdapterUrl: {
    mapping: {
      action: "replace",
      replacement: "ConversationVendorInfo.connectorUrl (the hosted connector), named by reqVendorInfoApiName in the contact-center import XML",
      components: [connectorMethod("init(connectorConfig)"), COMPONENTS.setup],
      basis: "project-guidance",
      guide: GUIDE.callCenter
    },
    check: (value) => /^http:\/\//i.test(value.trim()) ? {
      severity: "warning",
      rule: "call-center-insecure-url",
      message: "The adapter URL uses http: Lightning Experience requires https"
    } : void 0
  },
  reqUseApi: {
    mapping: {
      action: "eliminate",
      replacement: "None: Voice contact centers always talk to the connector",
      components: [COMPONENTS.builtIn],
      basis: "project-guidance",
      guide: GUIDE.callCenter
    }
  },
  reqSoftphoneHeight: {
    mapping: {
      action: "eliminate",
      replacement: "None: the Omni-Channel softphone is sized by Salesforce",
      components: [COMPONENTS.builtIn],
      basis: "matrix",
      guide: GUIDE.panelSize
    }
  },
  reqSoftphoneWidth: {
    mapping: {
      action: "eliminate",
      replacement: "None: the Omni-Channel softphone is sized by Salesforce",
      components: [COMPONENTS.builtIn],
      basis: "matrix",
      guide: GUIDE.panelSize
    }
  },
  reqSalesforceCompatibilityMode: {
    mapping: {
      action: "eliminate",
      replacement: "None: Salesforce Voice runs in Lightning Experience only",
      components: [COMPONENTS.builtIn],
      basis: "project-guidance",
      guide: GUIDE.callCenter
    },
    check: (value) => value.trim() === "Classic" || value.trim() === "" ? {
      severity: "error",
      rule: "call-center-classic-only",
      message: "The call center runs in Salesforce Classic only (Classic is also the default when empty): Voice needs Lightning Experience, so every Classic API call must be rewritten"
    } : void 0
  },
  reqStandbyUrl: {
    mapping: {
      action: "eliminate",
      replacement: "None: no standby softphone; the connector's init() decides when it is ready",
      components: [connectorMethod("init(connectorConfig)")],
      basis: "project-guidance",
      guide: GUIDE.callCenter,
      unconfirmed: "Voice samples still carry reqStandbyUrl in customSettings; its effect in Voice is not documented"
    }
  },
  reqTimeout: {
    mapping: {
      action: "eliminate",
      replacement: "None: no standby softphone; the connector's init() decides when it is ready",
      components: [connectorMethod("init(connectorConfig)")],
      basis: "project-guidance",
      guide: GUIDE.callCenter,
      unconfirmed: "Voice samples still carry reqTimeout in customSettings; its effect in Voice is not documented"
    }
  },
  reqCanvasNamespace: {
    mapping: {
      action: "migrate",
      replacement: "Voice Extension page (LWC, Aura or Visualforce) instead of a Canvas softphone",
      components: [COMPONENTS.voiceExtension],
      basis: "project-guidance",
      guide: GUIDE.softphonePanel
    }
  },
  reqCanvasApiName: {
    mapping: {
      action: "migrate",
      replacement: "Voice Extension page (LWC, Aura or Visualforce) instead of a Canvas softphone",
      components: [COMPONENTS.voiceExtension],
      basis: "project-guidance",
      guide: GUIDE.softphonePanel
    }
  },
  reqLongDistPrefix: {
    mapping: keepContactCenter("reqLongDistPrefix in the reqHvcc section of the Voice contact-center import XML")
  },
  reqOutsidePrefix: {
    mapping: {
      action: "migrate",
      replacement: "Dialing rules move into the connector's dial(contact) (number normalisation)",
      components: [connectorMethod("dial(contact)")],
      basis: "project-guidance",
      guide: GUIDE.callCenter
    }
  },
  reqInternationalPrefix: {
    mapping: {
      action: "migrate",
      replacement: "Dialing rules move into the connector's dial(contact) (number normalisation)",
      components: [connectorMethod("dial(contact)")],
      basis: "project-guidance",
      guide: GUIDE.callCenter
    }
  },
  // Items of a Voice contact center: the file is already (partly) migrated.
  reqVendorInfoApiName: {
    mapping: keepContactCenter("Names the ConversationVendorInfo of the Voice contact center")
  },
  reqCallCenterType: {
    mapping: keepContactCenter("Contact-center type of a Voice (Partner Telephony) call center, in customSettings")
  },
  scvVendorLoginUrl: {
    mapping: {
      action: "keep",
      replacement: "Vendor login page shown in the Omni-Channel utility when the connector's init() asks for a login",
      components: [connectorMethod("init(connectorConfig)")],
      basis: "project-guidance",
      guide: GUIDE.auth
    }
  },
  messageBridgeComponentFqn: {
    mapping: {
      action: "keep",
      replacement: "LMS bridge component for local testing (ConversationVendorInfo.bridgeComponent in a package)",
      components: [COMPONENTS.messageChannel],
      basis: "project-guidance",
      guide: GUIDE.messaging
    }
  },
  reqTelephonyIntegrationCertificate: {
    mapping: {
      action: "keep",
      replacement: "Public certificate that verifies the JWT of the Telephony Integration API",
      components: [GATEWAY.createVoiceCall],
      basis: "project-guidance",
      guide: GUIDE.callCenter
    }
  }
};
var VENDOR_ITEM = {
  action: "keep",
  replacement: "Vendor section of the Voice contact center; the connector reads it in init(connectorConfig)",
  components: [connectorMethod("init(connectorConfig)")],
  basis: "project-guidance",
  guide: GUIDE.callCenter,
  unconfirmed: "The /<section>/<item> key pattern in connectorConfig is inferred (connector-sdk.md §7.6)"
};
var METADATA_ELEMENT_ITEMS = {
  adapterUrl: "reqAdapterUrl",
  displayName: "reqDisplayName"
};

// src/catalog/open-cti.ts
var NAMESPACE_PLATFORM = {
  "sforce.opencti": "lightning",
  "sforce.opencti.hvs": "lightning",
  "sforce.interaction": "classic",
  "sforce.interaction.cti": "classic",
  "sforce.interaction.entityFeed": "classic",
  "sforce.console.cti": "console"
};
var ENUMS = {
  SCREENPOP_TYPE: ["SOBJECT", "URL", "OBJECTHOME", "LIST", "SEARCH", "NEW_RECORD_MODAL", "FLOW"],
  CALL_TYPE: ["INBOUND", "OUTBOUND", "INTERNAL"]
};
var keys = (allowed, required = []) => ({
  allowed: [...allowed, "callback"],
  required
});
var listenerKeys = (extra = []) => ({
  allowed: ["listener", "callback", ...extra],
  required: ["listener"]
});
var M = {
  clickToDial: {
    action: "eliminate",
    replacement: "Automatic in Salesforce Voice: click-to-dial is handled by the platform",
    components: [COMPONENTS.builtIn],
    basis: "matrix",
    guide: GUIDE.clickToDial
  },
  onClickToDial: {
    action: "migrate",
    replacement: "Native click-to-dial; Salesforce calls the connector's dial(contact)",
    components: [connectorMethod("dial(contact)")],
    basis: "project-guidance",
    guide: GUIDE.clickToDial
  },
  pageContext: {
    action: "migrate",
    replacement: "lightning/platformWorkspaceApi in the Voice Extension",
    components: [COMPONENTS.voiceExtension],
    basis: "project-guidance",
    guide: GUIDE.pageContext
  },
  callCenterSettings: {
    action: "migrate",
    replacement: "ConversationVendorInfo / contact-center configuration, received in the connector's init(connectorConfig)",
    components: [connectorMethod("init(connectorConfig)")],
    basis: "project-guidance",
    guide: GUIDE.callCenter
  },
  softphoneChrome: {
    action: "eliminate",
    replacement: "None: the Omni-Channel softphone is owned by Salesforce",
    components: [COMPONENTS.builtIn],
    basis: "project-guidance",
    guide: GUIDE.softphoneChrome
  },
  softphoneSize: {
    action: "eliminate",
    replacement: "Configure in contact-center setup",
    components: [COMPONENTS.setup],
    basis: "matrix",
    guide: GUIDE.panelSize
  },
  refresh: {
    action: "migrate",
    replacement: "notifyRecordUpdateAvailable() from Lightning Data Service, or a flow that updates the record",
    components: [COMPONENTS.voiceExtension, COMPONENTS.relationFlows],
    basis: "matrix",
    guide: GUIDE.refresh
  },
  runApex: {
    action: "replace",
    replacement: "LWC @wire or imperative Apex, plus the Voice Toolkit API",
    components: [COMPONENTS.voiceExtension],
    basis: "matrix",
    guide: GUIDE.runApex
  },
  saveLog: {
    action: "eliminate",
    replacement: "VoiceCall is the call record (auto-created); relate other records with a record-triggered flow on VoiceCall",
    components: [COMPONENTS.relationFlows, GATEWAY.createVoiceCall],
    basis: "matrix",
    guide: GUIDE.callLogging
  },
  screenPop: {
    action: "eliminate",
    replacement: "Omni-Channel flow with a Screen Pop action; rebuild in Flow Builder",
    components: [COMPONENTS.screenPopFlow],
    basis: "matrix",
    guide: GUIDE.screenPop
  },
  searchAndScreenPop: {
    action: "migrate",
    replacement: "Omni-Channel flow (Get Records + Screen Pop action), or LWC + Navigation API",
    components: [COMPONENTS.screenPopFlow, COMPONENTS.voiceExtension],
    basis: "matrix",
    guide: GUIDE.searchAndScreenPop
  },
  lms: {
    action: "migrate",
    replacement: "lightning/messageService on ServiceCloudVoiceMessageChannel__c",
    components: [COMPONENTS.messageChannel],
    basis: "project-guidance",
    guide: GUIDE.messaging
  },
  notSupportedInLightning: {
    action: "eliminate",
    replacement: "None: not supported in Lightning Experience, and the Voice softphone is owned by Salesforce",
    components: [COMPONENTS.builtIn],
    basis: "project-guidance",
    guide: GUIDE.softphoneChrome
  },
  directoryNumbers: {
    action: "migrate",
    replacement: "Transfer destinations from the connector's getPhoneContacts(filter)",
    components: [connectorMethod("getPhoneContacts(filter)")],
    basis: "project-guidance",
    guide: GUIDE.transfer
  },
  recordUpdates: {
    action: "migrate",
    replacement: "A @wire(getRecord) in the Voice Extension re-renders when the record changes",
    components: [COMPONENTS.voiceExtension],
    basis: "project-guidance",
    guide: GUIDE.refresh
  },
  hvs: {
    action: "replace",
    replacement: "Sales Engagement / Sales Dialer work items",
    components: [],
    basis: "project-guidance",
    guide: GUIDE.salesEngagement,
    unconfirmed: "voice-platform.md §9.5 marks the Sales Engagement replacement as unconfirmed"
  },
  consoleCallEvents: {
    action: "migrate",
    replacement: "lightning-service-cloud-voice-toolkit-api events (callstarted, callconnected, callended)",
    components: [COMPONENTS.voiceExtension],
    basis: "matrix",
    guide: GUIDE.callEvents
  },
  consoleCallLog: {
    action: "eliminate",
    replacement: "VoiceCall is the call record; react to it with a record-triggered flow on VoiceCall",
    components: [COMPONENTS.relationFlows],
    basis: "matrix",
    guide: GUIDE.callLogging
  },
  consoleAttachedData: {
    action: "migrate",
    replacement: "Call data travels with the VoiceCall: callAttributes (custom VoiceCall fields) on Create/Update VoiceCall",
    components: [GATEWAY.createVoiceCall, GATEWAY.updateVoiceCall],
    basis: "project-guidance",
    guide: GUIDE.callData
  },
  consoleCallIds: {
    action: "migrate",
    replacement: "The connector's own call store; the Voice Extension receives callId (= VoiceCall.VendorCallKey) in toolkit events",
    components: [connectorMethod("getActiveCalls()"), COMPONENTS.voiceExtension],
    basis: "project-guidance",
    guide: GUIDE.callData
  },
  consoleSimulation: {
    action: "eliminate",
    replacement: "None: simulation helpers of the CTI Toolkit; test with the Switchboard workbench instead",
    components: [],
    basis: "project-guidance",
    guide: GUIDE.reviewByHand
  },
  consoleMessaging: {
    action: "migrate",
    replacement: "lightning/messageService on ServiceCloudVoiceMessageChannel__c",
    components: [COMPONENTS.messageChannel],
    basis: "project-guidance",
    guide: GUIDE.messaging
  }
};
function lightning(name, description, argumentKeys, mapping) {
  return { namespace: "sforce.opencti", name, description, keys: argumentKeys, mapping };
}
function classic(namespace, name, description, lightningCounterpart, mapping) {
  return { namespace, name, description, lightningCounterpart, mapping };
}
function consoleCti(name, description, mapping, unconfirmed) {
  return unconfirmed ? { namespace: "sforce.console.cti", name, description, mapping, unconfirmed } : { namespace: "sforce.console.cti", name, description, mapping };
}
var METHODS = [
  // §9.1 Lightning Experience
  lightning("disableClickToDial", "Turns click-to-dial off", keys([]), M.clickToDial),
  lightning("enableClickToDial", "Turns click-to-dial on", keys([]), M.clickToDial),
  lightning("getAppViewInfo", "Info about the current page or record", keys([]), M.pageContext),
  lightning("getCallCenterSettings", "Returns the call-center definition settings", keys([]), M.callCenterSettings),
  lightning("getSoftphoneLayout", "Returns the softphone layout", keys([]), M.callCenterSettings),
  lightning("isSoftphonePanelVisible", "Whether the softphone panel is visible", keys([]), M.softphoneChrome),
  lightning("notifyInitializationComplete", "Signals that the softphone initialised", keys([]), M.softphoneChrome),
  lightning("onClickToDial", "Listener for clicks on phone numbers", listenerKeys(), M.onClickToDial),
  lightning("onNavigationChange", "Listener for navigation changes", listenerKeys(), M.pageContext),
  lightning("refreshView", "Refreshes the current view", keys([]), M.refresh),
  lightning(
    "runApex",
    "Calls a web-service Apex method",
    keys(["apexClass", "methodName", "methodParams"], ["apexClass", "methodName"]),
    M.runApex
  ),
  lightning("saveLog", "Creates or updates a record, usually a Task", keys(["value"], ["value"]), M.saveLog),
  lightning(
    "screenPop",
    "Navigates to a record, URL, list, search, new-record modal or flow",
    keys(["type", "params", "defaultFieldValues"], ["type"]),
    M.screenPop
  ),
  lightning(
    "searchAndScreenPop",
    "Searches softphone-layout objects and pops the matches",
    keys(["searchParams", "queryParams", "defaultFieldValues", "callType", "deferred"]),
    M.searchAndScreenPop
  ),
  lightning("setSoftphoneItemIcon", "Utility-bar item icon", keys(["key"], ["key"]), M.softphoneChrome),
  lightning("setSoftphoneItemLabel", "Utility-bar item label", keys(["label"], ["label"]), M.softphoneChrome),
  lightning("setSoftphonePanelHeight", "Panel height (240-2560)", keys(["heightPX"], ["heightPX"]), M.softphoneSize),
  lightning("setSoftphonePanelIcon", "Panel icon", keys(["key"], ["key"]), M.softphoneChrome),
  lightning("setSoftphonePanelLabel", "Panel label", keys(["label"], ["label"]), M.softphoneChrome),
  lightning(
    "setSoftphonePanelVisibility",
    "Shows or hides the panel",
    keys(["visible"], ["visible"]),
    M.softphoneChrome
  ),
  lightning("setSoftphonePanelWidth", "Panel width (200-1920)", keys(["widthPX"], ["widthPX"]), M.softphoneSize),
  lightning(
    "subscribe",
    "Lightning Message Service subscribe",
    { allowed: ["channelName", "listener", "callback"], required: ["channelName", "listener"] },
    M.lms
  ),
  lightning(
    "publish",
    "Lightning Message Service publish",
    keys(["channelName", "message"], ["channelName", "message"]),
    M.lms
  ),
  lightning("unsubscribe", "Lightning Message Service unsubscribe", keys(["subscription"], ["subscription"]), M.lms),
  {
    namespace: "sforce.opencti.hvs",
    name: "onWorkStart",
    description: "Sales Engagement work start listener",
    keys: listenerKeys(),
    mapping: M.hvs
  },
  {
    namespace: "sforce.opencti.hvs",
    name: "completeWork",
    description: "Sales Engagement: report completed work",
    keys: keys(["workId", "attributes"], ["workId"]),
    mapping: M.hvs
  },
  // §9.2 Salesforce Classic
  classic("sforce.interaction", "getPageInfo", "Current page info", "getAppViewInfo", M.pageContext),
  classic("sforce.interaction", "isInConsole", "Whether in the Service Cloud console", "", M.notSupportedInLightning),
  classic("sforce.interaction", "isVisible", "Softphone visibility", "isSoftphonePanelVisible", M.softphoneChrome),
  classic(
    "sforce.interaction",
    "setVisible",
    "Shows or hides the softphone",
    "setSoftphonePanelVisibility",
    M.softphoneChrome
  ),
  classic("sforce.interaction", "onFocus", "Listener for browser focus changes", "onNavigationChange", M.pageContext),
  classic("sforce.interaction", "refreshPage", "Refreshes the page", "refreshView", M.refresh),
  classic("sforce.interaction", "refreshRelatedList", "Refreshes a related list", "refreshView", M.refresh),
  classic("sforce.interaction", "runApex", "Calls a web-service Apex method", "runApex", M.runApex),
  classic("sforce.interaction", "saveLog", "Creates or updates a record", "saveLog", M.saveLog),
  classic("sforce.interaction", "screenPop", "Navigates to a URL", "screenPop", M.screenPop),
  classic(
    "sforce.interaction",
    "searchAndGetScreenPopUrl",
    "Searches and returns the pop URL",
    "searchAndScreenPop",
    M.searchAndScreenPop
  ),
  classic(
    "sforce.interaction",
    "searchAndScreenPop",
    "Searches and pops",
    "searchAndScreenPop",
    M.searchAndScreenPop
  ),
  classic("sforce.interaction.cti", "disableClickToDial", "Click-to-dial off", "disableClickToDial", M.clickToDial),
  classic("sforce.interaction.cti", "enableClickToDial", "Click-to-dial on", "enableClickToDial", M.clickToDial),
  classic("sforce.interaction.cti", "onClickToDial", "Click-to-dial listener", "onClickToDial", M.onClickToDial),
  classic(
    "sforce.interaction.cti",
    "getCallCenterSettings",
    "Call-center settings",
    "getCallCenterSettings",
    M.callCenterSettings
  ),
  classic(
    "sforce.interaction.cti",
    "getSoftphoneLayout",
    "Softphone layout",
    "getSoftphoneLayout",
    M.callCenterSettings
  ),
  classic("sforce.interaction.cti", "getDirectoryNumbers", "Directory numbers", "", M.directoryNumbers),
  classic(
    "sforce.interaction.cti",
    "notifyInitializationComplete",
    "Initialisation done",
    "notifyInitializationComplete",
    M.softphoneChrome
  ),
  classic(
    "sforce.interaction.cti",
    "setSoftphoneHeight",
    "Softphone height",
    "setSoftphonePanelHeight",
    M.softphoneSize
  ),
  classic(
    "sforce.interaction.cti",
    "setSoftphoneWidth",
    "Softphone width",
    "setSoftphonePanelWidth",
    M.softphoneSize
  ),
  classic(
    "sforce.interaction.entityFeed",
    "onObjectUpdate",
    "Listener for record updates in the feed",
    "",
    M.recordUpdates
  ),
  classic("sforce.interaction.entityFeed", "refreshObject", "Refreshes the feed record", "refreshView", M.refresh),
  classic("sforce.interaction.entityFeed", "reloadFrame", "Reloads the feed frame", "refreshView", M.refresh),
  // §9.3 Console Integration Toolkit CTI (legacy CTI Toolkit, reported separately)
  consoleCti("onCallBegin", "Listener fired when a call begins", M.consoleCallEvents),
  consoleCti("onCallEnd", "Listener fired when a call ends", M.consoleCallEvents),
  consoleCti("onCallLogSaved", "Listener fired when the call log is saved", M.consoleCallLog),
  consoleCti("getCallAttachedData", "Data attached to the call", M.consoleAttachedData),
  consoleCti("setCallAttachedData", "Attaches data to a call", M.consoleAttachedData),
  consoleCti("getCallObjectIds", "Ids of the current calls", M.consoleCallIds),
  consoleCti("fireOnCallBegin", "Fires onCallBegin", M.consoleSimulation),
  consoleCti("fireOnCallEnd", "Fires onCallEnd", M.consoleSimulation),
  consoleCti("fireOnCallLogSaved", "Fires onCallLogSaved", M.consoleSimulation),
  consoleCti(
    "sendCTIMessage",
    "Sends a message to the CTI adapter",
    M.consoleMessaging,
    "voice-platform.md §9.3 lists it as possibly in this namespace"
  ),
  consoleCti(
    "onSendCTIMessage",
    "Listener for CTI messages",
    M.consoleMessaging,
    "voice-platform.md §9.3 lists it as possibly in this namespace"
  ),
  consoleCti(
    "setCallObjectIds",
    "Sets the ids of the current calls",
    M.consoleCallIds,
    "voice-platform.md §9.3 lists it as possibly in this namespace"
  )
];
var ENUM_MAPPINGS = {
  SCREENPOP_TYPE: M.screenPop,
  CALL_TYPE: {
    action: "migrate",
    replacement: "VoiceCall.CallType (Inbound, Outbound, InternalCall), set from the connector's call type (Constants.CALL_TYPE)",
    components: [connectorMethod("dial(contact)"), GATEWAY.createVoiceCall],
    basis: "project-guidance",
    guide: GUIDE.callData
  }
};
var NON_METHOD_MAPPINGS = {
  getPhoneContacts: {
    action: "migrate",
    replacement: "Custom LWC with @wire(getRecord), or SOSL through Apex",
    components: [COMPONENTS.voiceExtension],
    basis: "matrix",
    guide: GUIDE.contactSearch
  }
};
var CONSOLE_TOOLKIT_MAPPINGS = {
  presence: {
    action: "eliminate",
    replacement: "Omni-Channel owns presence; the connector's setAgentStatus() syncs the vendor state",
    components: [connectorMethod("setAgentStatus(agentStatus, statusInfo, enqueueNextState)")],
    basis: "matrix",
    guide: GUIDE.presence
  },
  other: {
    action: "replace",
    replacement: "lightning/platformWorkspaceApi (tabs, navigation) in the Voice Extension",
    components: [COMPONENTS.voiceExtension],
    basis: "project-guidance",
    guide: GUIDE.pageContext
  }
};
var PRESENCE_RUN_APEX = CONSOLE_TOOLKIT_MAPPINGS.presence;
var byPath = new Map(METHODS.map((m) => [`${m.namespace}.${m.name}`, m]));
function methodAt(path) {
  return byPath.get(path);
}
function isNamespace(path) {
  return Object.hasOwn(NAMESPACE_PLATFORM, path);
}

// src/report/rule-docs.ts
var ISSUE_RULES = [
  {
    id: "unknown-method",
    title: "Not an Open CTI member",
    description: "The code calls a member the Open CTI namespace does not have; it throws at run time.",
    level: "error"
  },
  {
    id: "unknown-enum-value",
    title: "Unknown enum value",
    description: "SCREENPOP_TYPE or CALL_TYPE has no such value.",
    level: "error"
  },
  {
    id: "argument-shape",
    title: "Wrong argument shape",
    description: "Lightning methods take one object argument with documented keys; Classic methods take positional arguments.",
    level: "error"
  },
  {
    id: "missing-listener",
    title: "Listener method without a listener",
    description: "onClickToDial, onNavigationChange and the other listener methods need a listener function.",
    level: "error"
  },
  {
    id: "classic-in-lightning",
    title: "Classic API in a Lightning adapter",
    description: "sforce.interaction.* and sforce.console.cti.* do not work in Lightning Experience, where this adapter runs.",
    level: "error"
  },
  {
    id: "dynamic-call",
    title: "Method name computed at run time",
    description: "The scanner cannot tell which Open CTI method is called; review the call by hand.",
    level: "warning"
  },
  {
    id: "iframe-cookie",
    title: "Cookies in the softphone iframe",
    description: "Third-party cookies are blocked or partitioned by browsers; cookie-based login and state break.",
    level: "warning"
  },
  {
    id: "iframe-storage",
    title: "Browser storage in the softphone iframe",
    description: "localStorage, sessionStorage and indexedDB are partitioned or blocked in third-party iframes.",
    level: "warning"
  },
  {
    id: "call-center-classic-only",
    title: "Call center runs in Classic only",
    description: "reqSalesforceCompatibilityMode is Classic (or empty, which defaults to Classic); Voice needs Lightning.",
    level: "error"
  },
  {
    id: "call-center-insecure-url",
    title: "Adapter URL over http",
    description: "Lightning Experience needs an https adapter URL.",
    level: "warning"
  },
  {
    id: "call-center-compatibility-mode",
    title: "Compatibility mode absent, misspelled or unknown",
    description: "reqSalesforceCompatibilityMode is missing, misspelled or has another value: Salesforce then shows the softphone in Classic only (its documented default).",
    level: "warning"
  },
  {
    id: "call-center-conflict",
    title: "One call center, two values",
    description: "Two definitions of the same call center (the same internal name: an import XML and the metadata, or two Markdown blocks) give one item different values; the org holds only one of them.",
    level: "warning"
  }
];
var INVENTORY_RULES = [
  ...METHODS.map((m) => ({
    id: `${m.namespace.replace(/^sforce\./, "")}.${m.name}`,
    title: `${m.namespace}.${m.name}`,
    description: `${m.description}. In Voice: ${m.mapping.replacement}.`,
    level: "note"
  })),
  {
    id: "opencti.SCREENPOP_TYPE",
    title: "sforce.opencti.SCREENPOP_TYPE",
    description: "Screen-pop type constant; screen pops move to the Omni-Channel flow.",
    level: "note"
  },
  {
    id: "opencti.CALL_TYPE",
    title: "sforce.opencti.CALL_TYPE",
    description: "Call-type constant; in Voice the call type is VoiceCall.CallType, from the connector's call.",
    level: "note"
  },
  {
    id: "unknown-member",
    title: "Unknown Open CTI member",
    description: "A member the namespace does not have (see the unknown-method issue).",
    level: "note"
  },
  {
    id: "dynamic-member",
    title: "Dynamic Open CTI call",
    description: "An Open CTI method chosen at run time.",
    level: "note"
  },
  {
    id: "console-toolkit",
    title: "Console Integration Toolkit",
    description: "sforce.console.* outside cti: tabs, navigation, presence of the Classic console.",
    level: "note"
  },
  ...["opencti-lightning", "opencti-classic", "console-toolkit"].map((l) => ({
    id: `library.${l}`,
    title: `Library include (${l})`,
    description: "A page loads an Open CTI or Console Integration Toolkit library.",
    level: "note"
  })),
  { id: "web.cookie", title: "document.cookie", description: "Cookie access in the adapter.", level: "note" },
  {
    id: "web.storage",
    title: "Browser storage",
    description: "localStorage, sessionStorage or indexedDB.",
    level: "note"
  },
  {
    id: "web.storage-access",
    title: "Storage Access API",
    description: "document.requestStorageAccess or hasStorageAccess.",
    level: "note"
  },
  {
    id: "web.post-message",
    title: "window.postMessage",
    description: "Custom iframe to page messaging; moves to Lightning Message Service.",
    level: "note"
  },
  {
    id: "web.message-listener",
    title: "message listener",
    description: "Custom iframe to page messaging; moves to Lightning Message Service.",
    level: "note"
  },
  ...Object.entries(CALL_CENTER_ITEMS).map(([name, spec]) => ({
    id: `call-center.${name}`,
    title: `Call-center item ${name}`,
    description: `In Voice: ${spec.mapping.replacement}.`,
    level: "note"
  })),
  {
    id: "call-center.vendor-item",
    title: "Vendor call-center item",
    description: "A vendor-defined item; the connector reads it in init(connectorConfig).",
    level: "note"
  }
];
var BY_ID = new Map([...INVENTORY_RULES, ...ISSUE_RULES].map((r) => [r.id, r]));
function ruleDoc(id, kind) {
  const doc = kind === "issue" ? ISSUE_RULES.find((r) => r.id === id) ?? BY_ID.get(id) : BY_ID.get(id);
  return doc ?? { id, title: id, description: id, level: "note" };
}

// src/report/sarif.ts
var SARIF_SCHEMA_URI = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
function region(f) {
  return {
    startLine: f.location.line,
    startColumn: f.location.column,
    endLine: f.location.endLine,
    endColumn: Math.max(f.location.endColumn, f.location.endLine === f.location.line ? f.location.column + 1 : 1)
  };
}
function renderSarif(report, options = {}) {
  const rules = [];
  const index = /* @__PURE__ */ new Map();
  const ruleIndex = (id, kind) => {
    const key = `${kind}:${id}`;
    let i = index.get(key);
    if (i === void 0) {
      i = rules.length;
      rules.push(ruleDoc(id, kind));
      index.set(key, i);
    }
    return i;
  };
  const location = (f) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(f.location.file), uriBaseId: "SRCROOT" },
      region: { ...region(f), snippet: { text: f.snippet } }
    }
  });
  const results = [];
  for (const f of report.findings) {
    const components3 = f.components.map((c) => c.name).join("; ") || "none";
    results.push({
      ruleId: f.rule,
      ruleIndex: ruleIndex(f.rule, "inventory"),
      level: "note",
      message: {
        text: `${f.api.name}: ${f.action}. Voice replacement: ${f.replacement}. Switchboard: ${components3}. Guide: ${f.guide}.`
      },
      locations: [location(f)],
      partialFingerprints: { "switchboardFinding/v1": f.id },
      properties: {
        action: f.action,
        replacement: f.replacement,
        components: f.components,
        guide: f.guide,
        detection: f.detection,
        api: f.api,
        ...f.saveLog ? { saveLog: f.saveLog } : {},
        ...f.via ? { via: f.via } : {},
        ...f.thirdParty ? { thirdParty: f.thirdParty } : {}
      }
    });
    for (const issue of f.issues) {
      results.push({
        ruleId: issue.rule,
        ruleIndex: ruleIndex(issue.rule, "issue"),
        // A library's own storage or cookie use is not the adapter's problem: a note, not a warning.
        level: f.thirdParty ? "note" : issue.severity,
        message: { text: `${issue.message} Guide: ${f.guide}.` },
        locations: [location(f)],
        partialFingerprints: { "switchboardFinding/v1": `${f.id}:${issue.rule}` },
        properties: {
          action: f.action,
          api: f.api,
          guide: f.guide,
          ...f.thirdParty ? { thirdParty: f.thirdParty } : {}
        }
      });
    }
  }
  const notifications = [
    ...report.skipped.map((s) => ({
      level: "note",
      message: { text: `Skipped ${s.file}: ${s.reason}${s.detail ? ` (${s.detail})` : ""}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.file), uriBaseId: "SRCROOT" } } }]
    })),
    ...report.parseFallbacks.map((p) => ({
      level: p.reason === "invalid-utf8" ? "note" : "warning",
      message: {
        text: p.reason === "invalid-utf8" ? `Not UTF-8: ${p.message}` : p.reason === "other-language" ? `Scanned by text only: ${p.message}` : `Parsed by tokens only (${p.reason}): ${p.message}`
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(p.file), uriBaseId: "SRCROOT" },
            region: { startLine: p.line, startColumn: p.column }
          }
        }
      ]
    }))
  ];
  const run = {
    tool: {
      driver: {
        name: "Switchboard scanner",
        version: report.tool.version,
        semanticVersion: report.tool.version,
        rules: rules.map((r) => ({
          id: r.id,
          name: r.title,
          shortDescription: { text: r.title },
          fullDescription: { text: r.description },
          defaultConfiguration: { level: r.level },
          help: { text: r.description }
        }))
      }
    },
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
    results,
    properties: { summary: report.summary, reportSchemaVersion: report.schemaVersion }
  };
  if (options.rootUri) run.originalUriBaseIds = { SRCROOT: { uri: options.rootUri } };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run] }, null, 2)}
`;
}

// src/report/terminal.ts
function anchor(guide2) {
  return guide2.slice(guide2.indexOf("#"));
}
var CODES = { red: 31, yellow: 33, green: 32, blue: 34, bold: 1, dim: 2 };
function renderTerminal(report, options) {
  const paint = (style, s2) => options.colour ? `\x1B[${CODES[style]}m${s2}\x1B[0m` : s2;
  const s = report.summary;
  const lines = [];
  const seconds = (s.durationMs / 1e3).toFixed(2);
  lines.push(paint("bold", `Switchboard scan of ${report.root}`));
  lines.push(
    `  ${s.filesScanned} files, ${s.linesScanned} lines in ${seconds} s (${s.filesSkipped} skipped, ${s.filesIgnored} ignored, ${s.parseFallbacks} scanned by tokens)`
  );
  lines.push(
    `  ${s.findings} findings: ${ACTIONS.map((a) => `${s.byAction[a]} ${a}`).join(" · ")} | ${paint("red", `${s.bySeverity.error} error(s)`)}, ${paint("yellow", `${s.bySeverity.warning} warning(s)`)}`
  );
  if (report.inventory.length > 0) {
    lines.push("", `${paint("bold", "  Inventory")}  (guide sections: ${GUIDE_PATH}#…)`);
    const width = Math.min(60, Math.max(...report.inventory.map((r) => r.api.length)));
    for (const r of report.inventory.slice(0, 15)) {
      const comp = r.components[0]?.name ?? "none";
      lines.push(
        `  ${String(r.count).padStart(5)}  ${r.api.padEnd(width)}  ${r.action.padEnd(9)}  ${comp}  ${anchor(r.guide)}`
      );
    }
    if (report.inventory.length > 15) lines.push(`         … and ${report.inventory.length - 15} more APIs`);
  }
  const problems2 = report.findings.filter((f) => !f.thirdParty).flatMap((f) => f.issues.filter((i) => i.severity !== "note").map((i) => ({ f, i })));
  const thirdParty = report.findings.filter((f) => f.thirdParty).length;
  if (thirdParty > 0) {
    lines.push(
      `  ${thirdParty} storage, cookie or messaging use(s) in third-party libraries, listed apart in the reports`
    );
  }
  if (problems2.length > 0) {
    const max = options.maxProblems ?? 20;
    lines.push("", paint("bold", "  Problems"));
    for (const { f, i } of problems2.slice(0, max)) {
      const tag = i.severity === "error" ? paint("red", "error  ") : paint("yellow", "warning");
      lines.push(
        `  ${f.location.file}:${f.location.line}:${f.location.column}  ${tag}  ${i.message}  [${i.rule}]  ${anchor(f.guide)}`
      );
    }
    if (problems2.length > max) lines.push(`  … and ${problems2.length - max} more (see the reports)`);
  }
  if (options.written?.length) {
    lines.push("", `  Reports: ${options.written.join(", ")}`);
  }
  return `${lines.join("\n")}
`;
}

// src/scan.ts
import { createHash } from "node:crypto";
import { posix as posix3 } from "node:path";

// src/analysis/detections.ts
var UNKNOWN = { kind: "unknown" };
var EMPTY_REGISTRY = { globals: /* @__PURE__ */ new Map(), modules: /* @__PURE__ */ new Map() };
function addTraits(ref, extra) {
  if (extra.length === 0) return ref;
  const traits = [...ref.traits];
  for (const t of extra) if (!traits.includes(t)) traits.push(t);
  return { ...ref, traits };
}

// src/discovery/archive.ts
var SLICE = 16 * 1024;
function entryName(raw) {
  return raw.split(/[\\/]+/).filter((part) => part && part !== "." && part !== "..").join("/");
}
function isZip(bytes) {
  return bytes.length >= 4 && bytes[0] === 80 && bytes[1] === 75 && bytes[2] === 3 && bytes[3] === 4;
}
function readZip(bytes, limits, keep) {
  const result = { entries: [], skipped: [] };
  let total = 0;
  let seen = 0;
  let any = false;
  const { Unzip, UnzipInflate } = loadFflate();
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    any = true;
    const name = entryName(file.name);
    if (!name || name.endsWith("/") || !keep(name)) return;
    if (++seen > limits.maxEntries) {
      if (seen === limits.maxEntries + 1) {
        result.skipped.push({ name, reason: "too-many", detail: `more than ${limits.maxEntries} entries` });
      }
      return;
    }
    if ((file.originalSize ?? 0) > limits.maxEntrySize) {
      result.skipped.push({
        name,
        reason: "too-large",
        detail: `${file.originalSize} bytes inflated, over the limit of ${limits.maxEntrySize}`
      });
      return;
    }
    const chunks = [];
    let size = 0;
    let stopped = false;
    file.ondata = (error, chunk, final) => {
      if (stopped) return;
      if (error) {
        stopped = true;
        result.skipped.push({ name, reason: "unreadable", detail: error.message });
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntrySize || total > limits.maxTotalSize) {
        stopped = true;
        file.terminate();
        result.skipped.push({
          name,
          reason: "too-large",
          detail: size > limits.maxEntrySize ? `inflates past the limit of ${limits.maxEntrySize} bytes` : `the archive inflates past ${limits.maxTotalSize} bytes in all`
        });
        return;
      }
      chunks.push(chunk);
      if (final) {
        const content = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          content.set(c, at);
          at += c.length;
        }
        result.entries.push({ name, content });
      }
    };
    file.start();
  };
  try {
    for (let at = 0; at < bytes.length; at += SLICE) {
      unzip.push(bytes.subarray(at, Math.min(bytes.length, at + SLICE)), at + SLICE >= bytes.length);
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  if (!result.error && !any) {
    result.error = "no readable entries";
  }
  return result;
}

// src/file-scan.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { posix } from "node:path";

// src/analysis/js/model.ts
var ts;
function loadCompiler() {
  return loadTypeScript();
}
function useCompiler(compiler) {
  ts = compiler;
}
var NestingTooDeepError = class extends Error {
  constructor() {
    super("nested too deeply to analyse");
  }
};
var MAX_VIEW_DEPTH = 4;
function enclosingFunction(node) {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
  return void 0;
}
var Scope = class {
  constructor(parent, isFunction, thisObject) {
    this.parent = parent;
    this.isFunction = isFunction;
    this.thisObject = thisObject;
  }
  parent;
  isFunction;
  thisObject;
  names = /* @__PURE__ */ new Map();
  lookup(name) {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }
  functionScope() {
    return this.isFunction || !this.parent ? this : this.parent.functionScope();
  }
  declare(name, extra) {
    const existing = this.names.get(name);
    if (existing) {
      if (extra) Object.assign(existing, extra);
      return existing;
    }
    const b = extra ? { name, ...extra } : { name };
    this.names.set(name, b);
    return b;
  }
  thisObj() {
    return this.thisObject === "inherit" ? this.parent?.thisObj() : this.thisObject;
  }
};
function unwrap(node) {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || ts.isAsExpression(n) || ts.isTypeAssertionExpression(n) || ts.isSatisfiesExpression(n)) {
    n = n.expression;
  }
  return n;
}
function isFunctionLike(node) {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
      return true;
    default:
      return false;
  }
}
function propertyNameText(name) {
  if (!name) return void 0;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return void 0;
}
function literalKey(expr) {
  const e = unwrap(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  return void 0;
}
var UnitModel = class {
  constructor(sf, options) {
    this.sf = sf;
    this.options = options;
    this.isModule = options.module ?? (ts.isExternalModule(sf) || usesCommonJsExports(sf));
    this.root = new Scope(void 0, true, void 0);
  }
  sf;
  options;
  isModule;
  root;
  rec = {
    decls: [],
    assignments: [],
    calls: [],
    constructions: [],
    chains: [],
    identifiers: [],
    functions: [],
    moduleExports: []
  };
  functionByNode = /* @__PURE__ */ new Map();
  objectByNode = /* @__PURE__ */ new Map();
  /** What the unit looked up in the registry (`global:<name>`, `module:<key>`). */
  dependencies = /* @__PURE__ */ new Set();
  /** `(function (cti) { ... })(sforce.opencti)`: parameters bound once the function's scope exists. */
  pendingParameterBindings = [];
  /** Names a module sets on `window` (`window.cti = ...`): globals other scripts see. */
  windowGlobals = /* @__PURE__ */ new Set();
  nextObjectId = 1;
  objectFor(node) {
    let obj = this.objectByNode.get(node);
    if (!obj) {
      obj = { id: this.nextObjectId++, members: /* @__PURE__ */ new Map(), node };
      this.objectByNode.set(node, obj);
    }
    return obj;
  }
  functionFor(node, scope, name) {
    let fn = this.functionByNode.get(node);
    if (!fn) {
      fn = { node, scope, name, calls: [], returns: [], signature: "-" };
      this.functionByNode.set(node, fn);
      this.rec.functions.push(fn);
    }
    return fn;
  }
};
function usesCommonJsExports(sf) {
  return sf.statements.some(
    (s) => ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(module\.exports|exports\.)/.test(s.expression.left.getText(sf))
  );
}
function mergeTraits(a, b) {
  const out = [...a];
  for (const t of b) if (!out.includes(t)) out.push(t);
  return out;
}

// src/analysis/js/collect.ts
var MAX_DEPTH = 1200;
var STATEMENT_CONTAINERS = /* @__PURE__ */ new WeakMap();
var statementContainers = () => /* @__PURE__ */ new Set([
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.TryStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.SwitchStatement,
  ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.LabeledStatement,
  ts.SyntaxKind.WithStatement
]);
var AMBIENT_CANDIDATES = /* @__PURE__ */ new WeakMap();
var ambientCandidates = () => /* @__PURE__ */ new Set([
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.EnumDeclaration
]);
function kindsFor(cache, build) {
  let kinds = cache.get(ts);
  if (!kinds) {
    kinds = build();
    cache.set(ts, kinds);
  }
  return kinds;
}
function isAmbient(node) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}
function recordValue(binding, expr, scope) {
  (binding.values ??= []).push({ pos: expr.pos, expr, scope, fn: enclosingFunction(expr) });
}
var Collector = class {
  constructor(m) {
    this.m = m;
  }
  m;
  statementContainers = kindsFor(STATEMENT_CONTAINERS, statementContainers);
  ambientCandidates = kindsFor(AMBIENT_CANDIDATES, ambientCandidates);
  run() {
    this.visit(this.m.sf, this.m.root, [], 0);
  }
  declareVariable(decl, scope, init, resolveScope, extra = {}) {
    const name = decl.name;
    if (ts.isIdentifier(name)) {
      if (!this.m.isModule && scope === this.m.root && name.text === "sforce") return;
      const binding = scope.declare(name.text, extra);
      if (init) {
        this.m.rec.decls.push({
          kind: "init",
          binding,
          expr: init,
          scope: resolveScope,
          keys: [],
          trait: "alias"
        });
        recordValue(binding, init, resolveScope);
      }
      return;
    }
    this.declarePattern(name, scope, init, resolveScope, []);
  }
  declarePattern(pattern, scope, init, resolveScope, keys2) {
    if (ts.isIdentifier(pattern)) {
      const binding = scope.declare(pattern.text);
      if (init) {
        this.m.rec.decls.push({
          kind: "init",
          binding,
          expr: init,
          scope: resolveScope,
          keys: keys2,
          trait: "destructuring"
        });
      }
      return;
    }
    if (ts.isObjectBindingPattern(pattern)) {
      for (const element of pattern.elements) {
        const key = propertyNameText(element.propertyName ?? element.name);
        if (element.dotDotDotToken || key === void 0) {
          this.declarePattern(element.name, scope, void 0, resolveScope, keys2);
        } else {
          this.declarePattern(element.name, scope, init, resolveScope, [...keys2, key]);
        }
      }
      return;
    }
    for (const element of pattern.elements) {
      if (ts.isBindingElement(element)) this.declarePattern(element.name, scope, void 0, resolveScope, keys2);
    }
  }
  /** Declares hoisted names of a function or file body so that later code sees them. */
  hoist(statements, scope) {
    const visitForVar = (node) => {
      if (ts.isVariableDeclarationList(node)) {
        if (!(node.flags & ts.NodeFlags.BlockScoped)) {
          for (const d of node.declarations) this.hoistBindingName(d.name, scope);
        }
        return;
      }
      if (this.statementContainers.has(node.kind)) ts.forEachChild(node, visitForVar);
    };
    for (const statement of statements) {
      if (isAmbient(statement)) continue;
      if (ts.isFunctionDeclaration(statement) && statement.name) {
        scope.declare(statement.name.text, { isFunction: true });
      } else if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.BlockScoped) {
        for (const d of statement.declarationList.declarations) this.hoistBindingName(d.name, scope);
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        scope.declare(statement.name.text);
      } else {
        visitForVar(statement);
      }
    }
  }
  hoistBindingName(name, scope) {
    if (ts.isIdentifier(name)) {
      if (!this.m.isModule && scope === this.m.root && name.text === "sforce") return;
      scope.declare(name.text);
      return;
    }
    for (const element of name.elements) {
      if (ts.isBindingElement(element)) this.hoistBindingName(element.name, scope);
    }
  }
  // The walk's position, for the one child visitor: a closure per node made most of a large file's garbage.
  childScope;
  childEnclosing = [];
  childDepth = 0;
  visitChild = (child) => this.visit(child, this.childScope, this.childEnclosing, this.childDepth);
  visitChildren(node, scope, enclosing, depth) {
    const savedScope = this.childScope;
    const savedEnclosing = this.childEnclosing;
    const savedDepth = this.childDepth;
    this.childScope = scope;
    this.childEnclosing = enclosing;
    this.childDepth = depth;
    ts.forEachChild(node, this.visitChild);
    this.childScope = savedScope;
    this.childEnclosing = savedEnclosing;
    this.childDepth = savedDepth;
  }
  visit(node, scope, enclosing, depth) {
    if (depth > MAX_DEPTH) throw new NestingTooDeepError();
    if (node.kind <= ts.SyntaxKind.LastToken) {
      if (node.kind === ts.SyntaxKind.Identifier && this.isStandaloneIdentifier(node)) {
        this.m.rec.identifiers.push({ node, scope });
      }
      return;
    }
    const next = depth + 1;
    switch (node.kind) {
      case ts.SyntaxKind.BinaryExpression:
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
      case ts.SyntaxKind.ReturnStatement:
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.ElementAccessExpression:
      case ts.SyntaxKind.ExpressionStatement:
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.ConditionalExpression:
      case ts.SyntaxKind.ArrayLiteralExpression:
      case ts.SyntaxKind.ObjectLiteralExpression:
      case ts.SyntaxKind.PropertyAssignment:
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression:
      case ts.SyntaxKind.VariableDeclarationList:
        this.record(node, scope, enclosing);
        this.visitChildren(node, scope, enclosing, next);
        return;
    }
    if (ts.isSourceFile(node)) {
      this.hoist(node.statements, scope);
      this.visitChildren(node, scope, enclosing, next);
      return;
    }
    if (this.ambientCandidates.has(node.kind) && isAmbient(node)) return;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return;
    if (isFunctionLike(node)) {
      this.visitFunction(node, scope, enclosing, next);
      return;
    }
    if (ts.isClassLike(node)) {
      const obj = this.m.objectFor(node);
      if (ts.isClassDeclaration(node) && node.name) {
        scope.declare(node.name.text).ref = { kind: "object", obj, traits: [] };
      }
      if (ts.isClassDeclaration(node) && this.isExported(node)) {
        const isDefault = (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
        const exportName = isDefault ? "default" : node.name?.text;
        if (exportName) this.m.rec.moduleExports.push({ name: exportName, expr: node, scope });
      }
      const classScope = new Scope(scope, false, obj);
      for (const member of node.members) {
        const key = propertyNameText(member.name);
        if (key === void 0) continue;
        if (ts.isPropertyDeclaration(member) && member.initializer) {
          obj.members.set(key, { value: { expr: member.initializer, scope: classScope } });
        } else if (ts.isMethodDeclaration(member)) {
          obj.members.set(key, { value: { expr: member, scope: classScope } });
        }
      }
      this.visitChildren(node, classScope, enclosing, next);
      return;
    }
    if (ts.isBlock(node) || ts.isCaseBlock(node) || ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
      const block = new Scope(scope, false, "inherit");
      if (ts.isBlock(node)) this.hoistBlockScoped(node.statements, block);
      this.visitChildren(node, block, enclosing, next);
      return;
    }
    if (ts.isCatchClause(node)) {
      const block = new Scope(scope, false, "inherit");
      if (node.variableDeclaration) this.hoistBindingName(node.variableDeclaration.name, block);
      this.visitChildren(node, block, enclosing, next);
      return;
    }
    if (ts.isVariableDeclaration(node)) {
      const list = node.parent;
      const target = ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.BlockScoped ? scope : scope.functionScope();
      this.declareVariable(node, target, node.initializer, scope);
      if (ts.isVariableStatement(list.parent) && this.isExported(list.parent) && ts.isIdentifier(node.name)) {
        this.m.rec.moduleExports.push({ name: node.name.text, local: node.name.text, scope });
      }
      this.visitChildren(node, scope, enclosing, next);
      return;
    }
    if (ts.isImportDeclaration(node)) {
      this.recordImport(node, scope);
      return;
    }
    if (ts.isExportAssignment(node)) {
      this.m.rec.moduleExports.push({ name: "default", expr: node.expression, scope });
    } else if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly) this.recordExportDeclaration(node, scope);
      return;
    }
    this.record(node, scope, enclosing);
    this.visitChildren(node, scope, enclosing, next);
  }
  /** Records what a node is for the later phases: an assignment, a call, a return, a member chain. */
  record(node, scope, enclosing) {
    switch (node.kind) {
      case ts.SyntaxKind.BinaryExpression: {
        const b = node;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
        this.m.rec.assignments.push({ left: b.left, right: b.right, scope });
        const target = unwrap(b.left);
        if (ts.isIdentifier(target) && !(target.text === "sforce" && !this.m.isModule)) {
          recordValue(scope.lookup(target.text) ?? this.m.root.declare(target.text), b.right, scope);
        }
        return;
      }
      case ts.SyntaxKind.CallExpression: {
        const call = { node, scope };
        this.m.rec.calls.push(call);
        for (const fn of enclosing) fn.calls.push(call);
        this.recordImmediateInvocation(node, scope);
        return;
      }
      case ts.SyntaxKind.NewExpression:
        this.m.rec.constructions.push({ node, scope });
        return;
      case ts.SyntaxKind.ReturnStatement: {
        const expr = node.expression;
        if (expr) enclosing[enclosing.length - 1]?.returns.push({ expr, scope });
        return;
      }
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.ElementAccessExpression: {
        const chain = node;
        if (this.isOutermostChain(chain)) this.m.rec.chains.push({ node: chain, scope });
        return;
      }
    }
  }
  hoistBlockScoped(statements, scope) {
    for (const statement of statements) {
      if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.BlockScoped) {
        if (isAmbient(statement)) continue;
        for (const d of statement.declarationList.declarations) this.hoistBindingName(d.name, scope);
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        scope.declare(statement.name.text);
      }
    }
  }
  isExported(node) {
    return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  }
  functionName(node) {
    if (node.name && ts.isIdentifier(node.name)) return node.name.text;
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isPropertyAssignment(parent)) return propertyNameText(parent.name) ?? "(anonymous)";
    if (ts.isBinaryExpression(parent) && parent.right === node) return parent.left.getText(this.m.sf);
    if (ts.isMethodDeclaration(node)) return propertyNameText(node.name) ?? "(anonymous)";
    return "(anonymous)";
  }
  visitFunction(node, scope, enclosing, depth) {
    const inObjectLiteral = ts.isObjectLiteralExpression(node.parent) || ts.isPropertyAssignment(node.parent) && ts.isObjectLiteralExpression(node.parent.parent);
    const isClassMember = ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
    let thisObject = void 0;
    if (ts.isArrowFunction(node)) thisObject = "inherit";
    else if (inObjectLiteral) thisObject = this.objectLiteralOwner(node);
    else if (isClassMember) thisObject = "inherit";
    const fnScope = new Scope(scope, true, thisObject);
    const name = this.functionName(node);
    const fn = this.m.functionFor(node, fnScope, name);
    if (ts.isFunctionDeclaration(node) && this.isExported(node)) {
      const isDefault = (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      const exportName = isDefault ? "default" : node.name?.text;
      if (exportName) this.m.rec.moduleExports.push({ name: exportName, expr: node, scope });
    }
    if (ts.isFunctionDeclaration(node) && node.name) {
      const owner = scope.functionScope();
      const binding = owner.declare(node.name.text, { isFunction: true, fn });
      this.m.rec.decls.push({ kind: "function", binding, fn });
    } else if (ts.isFunctionExpression(node) && node.name) {
      const binding = fnScope.declare(node.name.text, { isFunction: true, fn });
      this.m.rec.decls.push({ kind: "function", binding, fn });
    }
    node.parameters.forEach((param, index) => {
      const rest = Boolean(param.dotDotDotToken);
      if (ts.isIdentifier(param.name)) {
        const binding = fnScope.declare(param.name.text, { paramOf: fn, paramIndex: index, rest });
        if (param.initializer) {
          this.m.rec.decls.push({
            kind: "init",
            binding,
            expr: param.initializer,
            scope: fnScope,
            keys: [],
            trait: "alias"
          });
        }
      } else {
        this.declarePattern(param.name, fnScope, void 0, fnScope, []);
      }
    });
    const body = node.body;
    if (body && ts.isBlock(body)) this.hoist(body.statements, fnScope);
    const inner = [...enclosing, fn];
    for (const param of node.parameters) {
      if (param.initializer) this.visit(param.initializer, fnScope, inner, depth);
    }
    if (!body) return;
    if (ts.isBlock(body)) {
      this.hoistBlockScoped(body.statements, fnScope);
      this.visitChildren(body, fnScope, inner, depth + 1);
    } else {
      fn.returns.push({ expr: body, scope: fnScope });
      this.visit(body, fnScope, inner, depth);
    }
  }
  objectLiteralOwner(node) {
    const literal = ts.isPropertyAssignment(node.parent) ? node.parent.parent : node.parent;
    return ts.isObjectLiteralExpression(literal) ? this.m.objectFor(literal) : void 0;
  }
  recordImport(node, scope) {
    const clause = node.importClause;
    if (!clause || clause.isTypeOnly || !ts.isStringLiteral(node.moduleSpecifier)) return;
    const module = this.m.options.resolveModule?.(node.moduleSpecifier.text);
    if (clause.name) {
      const binding = scope.declare(clause.name.text);
      this.m.rec.decls.push({ kind: "import", binding, module, name: "default" });
    }
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      const binding = scope.declare(bindings.name.text);
      this.m.rec.decls.push({ kind: "import", binding, module, name: "*" });
    } else if (bindings) {
      for (const spec of bindings.elements) {
        if (spec.isTypeOnly) continue;
        const binding = scope.declare(spec.name.text);
        this.m.rec.decls.push({ kind: "import", binding, module, name: (spec.propertyName ?? spec.name).text });
      }
    }
  }
  /** `export { a as b }`, and re-exports: `export { a as b } from`, `export * from`, `export * as ns from`. */
  recordExportDeclaration(node, scope) {
    const module = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? this.m.options.resolveModule?.(node.moduleSpecifier.text) : void 0;
    const clause = node.exportClause;
    if (!clause) {
      if (node.moduleSpecifier) this.m.rec.moduleExports.push({ name: "*", scope, from: { module, name: "*" } });
      return;
    }
    if (ts.isNamespaceExport(clause)) {
      this.m.rec.moduleExports.push({ name: clause.name.text, scope, from: { module, name: "*" } });
      return;
    }
    for (const spec of clause.elements) {
      if (spec.isTypeOnly) continue;
      const local = (spec.propertyName ?? spec.name).text;
      this.m.rec.moduleExports.push(
        node.moduleSpecifier ? { name: spec.name.text, scope, from: { module, name: local } } : { name: spec.name.text, local, scope }
      );
    }
  }
  /** `(function (cti) { ... })(sforce.opencti)`: each parameter is bound to its argument. */
  recordImmediateInvocation(node, scope) {
    const callee = unwrap(node.expression);
    if (!ts.isFunctionExpression(callee) && !ts.isArrowFunction(callee)) return;
    callee.parameters.forEach((param, index) => {
      const arg = node.arguments[index];
      if (!arg || !ts.isIdentifier(param.name)) return;
      this.m.pendingParameterBindings.push({ fnNode: callee, name: param.name.text, arg, scope });
    });
  }
  isOutermostChain(node) {
    let parent = node.parent;
    let child = node;
    while (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) {
      child = parent;
      parent = parent.parent;
    }
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === child) {
      return false;
    }
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === child) return false;
    if (ts.isExpressionWithTypeArguments(parent) || ts.isHeritageClause(parent)) return false;
    return true;
  }
  /** Identifiers that can stand for a constant or a method on their own: arguments, values, returns. */
  isStandaloneIdentifier(node) {
    const parent = node.parent;
    if (ts.isCallExpression(parent)) return parent.expression !== node;
    if (ts.isPropertyAssignment(parent)) return parent.initializer === node;
    return ts.isReturnStatement(parent) || ts.isArrayLiteralExpression(parent) || ts.isConditionalExpression(parent) && parent.condition !== node;
  }
};

// src/analysis/js/templates.ts
var Wrappers = class {
  constructor(m, r) {
    this.m = m;
    this.r = r;
  }
  m;
  r;
  callableOf(fn) {
    const calls = [];
    for (const call of fn.calls) {
      for (const wrapped of this.forwardedCalls(call, fn)) {
        if (forwards(wrapped)) calls.push(wrapped);
      }
    }
    let returns;
    let isAsync = ts.canHaveModifiers(fn.node) && (ts.getModifiers(fn.node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    for (const r of fn.returns) {
      let ref = this.r.resolve(r.expr, r.scope, 0);
      if (ref?.kind === "promise") {
        isAsync = true;
        ref = ref.value;
      }
      if (ref && (ref.kind === "api" || ref.kind === "window" || ref.kind === "web" || ref.kind === "namespace")) {
        returns = ref;
        break;
      }
    }
    if (calls.length === 0 && !returns) return void 0;
    const { line } = this.m.sf.getLineAndCharacterOfPosition(fn.node.getStart(this.m.sf));
    const def = {
      id: `${this.m.options.file}#${fn.node.pos}`,
      name: fn.name,
      file: this.m.options.file,
      line: line + 1 + (this.m.options.lineOffset ?? 0),
      calls
    };
    if (returns) def.returns = returns;
    if (returns && isAsync) def.async = true;
    return def;
  }
  /** The Open CTI calls one call expression makes, in terms of `fn`'s parameters. */
  forwardedCalls(call, fn) {
    const site = this.callSite(call);
    if (!site) return [];
    const args = site.args.map((a) => this.templateOf(a, call.scope, fn, 0));
    if (site.kind === "api") return [{ target: { kind: "fixed", path: site.path, traits: site.traits }, args }];
    if (site.kind === "dynamic") {
      const key = site.key;
      const binding = ts.isIdentifier(key) ? call.scope.lookup(key.text) : void 0;
      if (binding?.paramOf === fn && binding.paramIndex !== void 0) {
        return [
          {
            target: {
              kind: "param-method",
              base: site.path,
              index: binding.paramIndex,
              traits: site.traits
            },
            args
          }
        ];
      }
      return [];
    }
    if (site.def.id === fn.def?.id) return [];
    return site.def.calls.map((inner) => composeCall(inner, args));
  }
  /** Who a call expression calls: an Open CTI member, a dynamic member, or a wrapper. */
  callSite(call) {
    const callee = unwrap(call.node.expression);
    let target = callee;
    let args = call.node.arguments;
    const extra = [];
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === "call" || callee.name.text === "apply")) {
      const base = this.r.resolve(callee.expression, call.scope, 0);
      if (base?.kind === "api" && base.path.length >= 3 || base?.kind === "callable") {
        target = callee.expression;
        extra.push("bind-call-apply");
        if (callee.name.text === "call") {
          args = call.node.arguments.slice(1);
        } else {
          const list = call.node.arguments[1];
          args = list && ts.isArrayLiteralExpression(list) ? list.elements : [];
        }
      }
    }
    if (ts.isPropertyAccessExpression(target) && target.name.text === "bind") return void 0;
    if (ts.isElementAccessExpression(target) && literalKey(target.argumentExpression) === void 0) {
      const base = this.r.resolve(target.expression, call.scope, 0);
      if (base?.kind === "api" && base.path.length >= 2) {
        return {
          kind: "dynamic",
          path: base.path,
          traits: mergeTraits(base.traits, [...extra, "element-access"]),
          key: target.argumentExpression,
          args,
          callee: target
        };
      }
      return void 0;
    }
    const ref = this.r.resolve(target, call.scope, 0);
    if (ref?.kind === "api" && ref.path.length >= 3) {
      return { kind: "api", path: ref.path, traits: mergeTraits(ref.traits, extra), args, callee: target };
    }
    if (ref?.kind === "callable" && ref.def.calls.length > 0) {
      return { kind: "callable", def: ref.def, traits: mergeTraits(ref.traits, extra), args, callee: target };
    }
    return void 0;
  }
  templateOf(expr, scope, fn, depth) {
    const e = ts.isSpreadElement(expr) ? expr : unwrap(expr);
    if (ts.isSpreadElement(e)) {
      const inner = unwrap(e.expression);
      const binding = ts.isIdentifier(inner) ? scope.lookup(inner.text) : void 0;
      if (binding?.paramOf === fn && binding.rest && binding.paramIndex !== void 0) {
        return { kind: "rest", from: binding.paramIndex };
      }
      return { kind: "fixed", view: UNKNOWN };
    }
    if (ts.isIdentifier(e)) {
      const binding = scope.lookup(e.text);
      if (binding?.paramOf === fn && binding.paramIndex !== void 0 && !binding.rest) {
        return { kind: "param", index: binding.paramIndex };
      }
    }
    if (ts.isObjectLiteralExpression(e) && depth < MAX_VIEW_DEPTH) {
      const props = {};
      let spread = false;
      let spreadFrom;
      for (const prop of e.properties) {
        if (ts.isPropertyAssignment(prop)) {
          const key = propertyNameText(prop.name);
          if (key === void 0) spread = true;
          else props[key] = this.templateOf(prop.initializer, scope, fn, depth + 1);
        } else if (ts.isShorthandPropertyAssignment(prop)) {
          props[prop.name.text] = this.templateOf(prop.name, scope, fn, depth + 1);
        } else if (ts.isMethodDeclaration(prop)) {
          const key = propertyNameText(prop.name);
          if (key !== void 0) props[key] = { kind: "fixed", view: { kind: "function" } };
        } else if (ts.isSpreadAssignment(prop)) {
          const t = this.templateOf(prop.expression, scope, fn, depth + 1);
          if (t.kind === "param" && !spreadFrom) spreadFrom = t;
          else spread = true;
        }
      }
      return spreadFrom ? { kind: "object", props, spread, spreadFrom } : { kind: "object", props, spread };
    }
    return { kind: "fixed", view: this.r.viewOf(e, scope, depth) };
  }
};
function templateForwards(t) {
  switch (t.kind) {
    case "param":
    case "rest":
      return true;
    case "object":
      return Object.values(t.props).some(templateForwards) || t.spreadFrom !== void 0;
    case "fixed":
      return false;
  }
}
function forwards(call) {
  return call.target.kind === "param-method" || call.args.some(templateForwards);
}
function composeCall(inner, outer) {
  const target = inner.target;
  let composedTarget = target;
  if (target.kind === "param-method") {
    const arg = paramTemplate(target.index, outer);
    if (arg.kind === "param") composedTarget = { ...target, index: arg.index };
    else if (arg.kind === "fixed" && arg.view.kind === "string" && !arg.view.partial) {
      composedTarget = { kind: "fixed", path: [...target.base, arg.view.value], traits: target.traits };
    } else composedTarget = { ...target, index: -1 };
  }
  const args = [];
  for (const t of inner.args) {
    if (t.kind === "rest") {
      for (let i = t.from; i < outer.length; i++) args.push(paramTemplate(i, outer));
    } else args.push(composeTemplate(t, outer));
  }
  return { target: composedTarget, args };
}
function paramTemplate(index, outer) {
  for (let i = 0; i < outer.length && i <= index; i++) {
    const t = outer[i];
    if (t?.kind === "rest") return { kind: "param", index: t.from + (index - i) };
  }
  return outer[index] ?? { kind: "fixed", view: UNKNOWN };
}
function composeTemplate(t, outer) {
  switch (t.kind) {
    case "param":
      return paramTemplate(t.index, outer);
    case "rest":
      return { kind: "fixed", view: UNKNOWN };
    case "object": {
      const props = {};
      for (const [k, v] of Object.entries(t.props)) props[k] = composeTemplate(v, outer);
      return t.spreadFrom ? { kind: "object", props, spread: t.spread, spreadFrom: composeTemplate(t.spreadFrom, outer) } : { kind: "object", props, spread: t.spread };
    }
    case "fixed":
      return t;
  }
}
function instantiateArgs(templates, site) {
  const out = [];
  for (const t of templates) {
    if (t.kind === "rest") out.push(...site.slice(t.from));
    else out.push(instantiate(t, site));
  }
  return out;
}
function instantiate(t, site) {
  switch (t.kind) {
    case "param":
      return site[t.index] ?? UNKNOWN;
    case "rest":
      return UNKNOWN;
    case "fixed":
      return t.view;
    case "object": {
      const props = {};
      let spread = t.spread;
      if (t.spreadFrom) {
        const base = instantiate(t.spreadFrom, site);
        if (base.kind === "object") {
          Object.assign(props, base.props);
          spread = spread || base.spread;
        } else spread = true;
      }
      for (const [k, v] of Object.entries(t.props)) props[k] = instantiate(v, site);
      return { kind: "object", props, spread };
    }
  }
}

// src/analysis/js/emit.ts
var ROUTE_TRAITS = [
  "global-object",
  "alias",
  "destructuring",
  "imported",
  "wrapper",
  "object-member"
];
function webKind(name) {
  if (name === "cookie") return "cookie";
  if (name === "storage-access") return "storage-access";
  return "web-storage";
}
function isConstantPath(path) {
  return path.length >= 4 && path[1] === "opencti" && (path[2] === "SCREENPOP_TYPE" || path[2] === "CALL_TYPE");
}
var Emitter = class {
  constructor(m, r, w) {
    this.m = m;
    this.r = r;
    this.w = w;
  }
  m;
  r;
  w;
  run() {
    this.emit();
    return this.detections;
  }
  consumed = /* @__PURE__ */ new Set();
  /** Member chains reported as references, so that a variable holding one is not reported again at each use. */
  reportedChains = /* @__PURE__ */ new Set();
  detections = [];
  emit() {
    for (const call of this.m.rec.calls) this.emitCall(call);
    for (const chain of this.m.rec.chains) this.emitChain(chain.node, chain.scope);
    for (const id of this.m.rec.identifiers) this.emitIdentifier(id.node, id.scope);
  }
  push(d) {
    const traits = [...d.traits];
    if (!traits.some((t) => ROUTE_TRAITS.includes(t))) traits.unshift("direct");
    this.detections.push({ ...d, traits });
  }
  siteViews(args, scope) {
    const views = [];
    for (const a of args) {
      if (ts.isSpreadElement(a)) break;
      views.push(this.r.viewOf(a, scope, 0));
    }
    return views;
  }
  emitCall(call) {
    const site = this.w.callSite(call);
    const start = (n) => n.getStart(this.m.sf);
    if (site) {
      this.markConsumed(site.callee);
      const views = this.siteViews(site.args, call.scope);
      if (site.kind === "api") {
        this.push({
          kind: "call",
          path: site.path,
          traits: site.traits,
          start: start(site.callee),
          end: site.callee.end,
          args: views
        });
      } else if (site.kind === "dynamic") {
        this.push({
          kind: "dynamic-call",
          path: site.path,
          traits: site.traits,
          start: start(site.callee),
          end: site.callee.end,
          args: views
        });
      } else if (!isFunctionLike(site.callee)) {
        const via = { name: site.def.name, file: site.def.file, line: site.def.line };
        for (const inner of site.def.calls) {
          const args = instantiateArgs(inner.args, views);
          const traits = mergeTraits(mergeTraits(site.traits, inner.target.traits), ["wrapper"]);
          if (inner.target.kind === "fixed") {
            this.push({
              kind: "call",
              path: inner.target.path,
              traits,
              start: start(site.callee),
              end: site.callee.end,
              args,
              via
            });
          } else {
            const method = views[inner.target.index];
            const known = method?.kind === "string" && !method.partial;
            this.push({
              kind: known ? "call" : "dynamic-call",
              path: known ? [...inner.target.base, method.value] : inner.target.base,
              traits,
              start: start(site.callee),
              end: site.callee.end,
              args,
              via
            });
          }
        }
      }
      return;
    }
    const callee = unwrap(call.node.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "bind") {
      this.markConsumed(callee);
      return;
    }
    const ref = this.r.resolve(callee, call.scope, 0);
    if (ref?.kind === "web" && ref.name !== "document" && ref.name !== "jquery") {
      this.markConsumed(callee);
      this.push({
        kind: webKind(ref.name),
        path: ref.api ? [ref.name, ref.api] : [ref.name],
        traits: ref.traits,
        start: start(callee),
        end: callee.end
      });
      return;
    }
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "postMessage") {
      const target = unwrap(callee.expression);
      const base = this.r.resolve(target, call.scope, 0);
      const frame = ts.isPropertyAccessExpression(target) && target.name.text === "contentWindow";
      if (base?.kind === "window" || frame) {
        this.markConsumed(callee);
        this.push({
          kind: "post-message",
          path: ["postMessage"],
          traits: [],
          start: start(callee),
          end: callee.end
        });
      }
      return;
    }
    const first = call.node.arguments[0];
    if (first && literalKey(first) === "message" && this.isWindowListener(callee, call.scope)) {
      this.markConsumed(callee);
      this.push({
        kind: "message-listener",
        path: ["message"],
        traits: [],
        start: start(callee),
        end: callee.end
      });
    }
  }
  isWindowListener(callee, scope) {
    if (ts.isIdentifier(callee)) return callee.text === "addEventListener" && !scope.lookup(callee.text);
    return ts.isPropertyAccessExpression(callee) && callee.name.text === "addEventListener" && this.r.resolve(callee.expression, scope, 0)?.kind === "window";
  }
  markConsumed(node) {
    let n = node;
    for (; ; ) {
      this.consumed.add(n);
      if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) n = n.expression;
      else if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
      else break;
    }
  }
  emitChain(node, scope) {
    if (this.consumed.has(node)) return;
    const parent = node.parent;
    const isTarget = ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    const start = node.getStart(this.m.sf);
    if (isTarget && ts.isPropertyAccessExpression(node) && node.name.text === "onmessage") {
      if (this.r.resolve(node.expression, scope, 0)?.kind === "window") {
        this.push({ kind: "message-listener", path: ["message"], traits: [], start, end: node.end });
        return;
      }
    }
    const ref = this.r.resolve(node, scope, 0);
    if (!ref) return;
    if (ref.kind === "web" && ref.name !== "document" && ref.name !== "jquery") {
      this.push({
        kind: webKind(ref.name),
        path: ref.api ? [ref.name, ref.api] : [ref.name],
        traits: ref.traits,
        start,
        end: node.end
      });
      return;
    }
    if (ref.kind !== "api" || ref.path.length < 3 || isTarget) return;
    if (!isConstantPath(ref.path) && this.isAliasContext(node)) return;
    this.reportedChains.add(node);
    this.push({
      kind: "reference",
      path: ref.path,
      traits: mergeTraits(ref.traits, ["reference"]),
      start,
      end: node.end
    });
  }
  emitIdentifier(node, scope) {
    const binding = scope.lookup(node.text);
    const ref = binding?.ref;
    if (!ref || ref.kind !== "api" || ref.path.length < 3) return;
    if (binding.fromArgs) return;
    const constant = isConstantPath(ref.path);
    const passedAsCallback = ts.isCallExpression(node.parent) && node.parent.expression !== node;
    if (!constant && !passedAsCallback) return;
    const source = binding.values?.length === 1 ? binding.values[0]?.expr : void 0;
    if (constant && source && this.reportedChains.has(unwrap(source))) return;
    this.push({
      kind: "reference",
      path: ref.path,
      traits: mergeTraits(ref.traits, ["reference"]),
      start: node.getStart(this.m.sf),
      end: node.end
    });
  }
  isAliasContext(node) {
    let child = node;
    let parent = node.parent;
    while (ts.isParenthesizedExpression(parent) || ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) && ts.isVariableDeclaration(parent.parent)) {
      child = parent;
      parent = parent.parent;
    }
    if (ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent)) return true;
    if (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) return true;
    if (ts.isPropertyDeclaration(parent)) return true;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return parent.right === child;
    }
    if (ts.isCallExpression(parent)) {
      const callee = unwrap(parent.expression);
      return ts.isFunctionExpression(callee) || ts.isArrowFunction(callee);
    }
    return false;
  }
};

// src/analysis/js/exports.ts
function toPortable(ref, analysis, depth) {
  if (!ref || depth > 3 || ref.kind === "promise") return void 0;
  if (ref.kind !== "object") return ref;
  const members = {};
  for (const key of ref.obj.members.keys()) {
    const inner = toPortable(analysis.memberRef(ref.obj, key), analysis, depth + 1);
    if (inner) members[key] = inner;
  }
  return Object.keys(members).length > 0 ? { kind: "namespace", members, traits: [] } : void 0;
}
var ExportCollector = class {
  constructor(m, r) {
    this.m = m;
    this.r = r;
  }
  m;
  r;
  collectExports() {
    const globals = {};
    const moduleExports = {};
    const portable = (ref) => toPortable(ref, this.r, 0);
    if (!this.m.isModule) {
      for (const [name, binding] of this.m.root.names) {
        const p = portable(binding.ref);
        if (p) globals[name] = p;
      }
    } else {
      for (const name of this.m.windowGlobals) {
        const p = portable(this.m.root.names.get(name)?.ref);
        if (p) globals[name] = p;
      }
    }
    const own = new Set(this.m.rec.moduleExports.filter((e) => !e.from).map((e) => e.name));
    for (const exp of this.m.rec.moduleExports) {
      if (exp.from) continue;
      const ref = exp.local ? exp.scope.lookup(exp.local)?.ref : exp.expr ? this.r.resolve(exp.expr, exp.scope, 0) : void 0;
      const p = portable(ref);
      if (p) moduleExports[exp.name] = p;
    }
    for (const exp of this.m.rec.moduleExports) {
      if (!exp.from) continue;
      const ns = this.r.moduleNamespace(exp.from.module);
      if (ns?.kind !== "namespace") continue;
      if (exp.name === "*") {
        for (const [name, ref] of Object.entries(ns.members)) {
          if (name !== "default" && !own.has(name) && !(name in moduleExports)) {
            moduleExports[name] = addTraits(ref, ["imported"]);
          }
        }
      } else {
        const ref = exp.from.name === "*" ? ns : ns.members[exp.from.name];
        if (ref) moduleExports[exp.name] = addTraits(ref, ["imported"]);
      }
    }
    for (const assignment of this.m.rec.assignments) {
      const text = assignment.left.getText(this.m.sf);
      const name = text === "module.exports" ? "*" : /^(?:module\.)?exports\.(\w+)$/.exec(text)?.[1];
      if (!name) continue;
      const p = portable(this.r.resolve(assignment.right, assignment.scope, 0));
      if (!p) continue;
      if (name === "*" && p.kind === "namespace") Object.assign(moduleExports, p.members);
      else if (name === "*") moduleExports.default = p;
      else moduleExports[name] = p;
    }
    return { globals, moduleExports };
  }
  /** `({ ... })` as the file's only statement: an Aura controller, helper or renderer. */
  bundleObject() {
    const [statement] = this.m.sf.statements;
    if (this.m.sf.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return void 0;
    const literal = unwrap(statement.expression);
    if (!ts.isObjectLiteralExpression(literal)) return void 0;
    return toPortable(this.r.resolve(literal, this.m.root, 0), this.r, 0);
  }
};

// src/analysis/js/oxc-compiler.ts
var TOKEN_KINDS = [
  "Unknown",
  "NumericLiteral",
  "BigIntLiteral",
  "StringLiteral",
  "JsxText",
  "RegularExpressionLiteral",
  "NoSubstitutionTemplateLiteral",
  "TemplateHead",
  "TemplateMiddle",
  "TemplateTail",
  "OpenBraceToken",
  "CloseBraceToken",
  "OpenParenToken",
  "CloseParenToken",
  "OpenBracketToken",
  "CloseBracketToken",
  "DotToken",
  "DotDotDotToken",
  "CommaToken",
  "QuestionDotToken",
  "LessThanToken",
  "GreaterThanToken",
  "LessThanEqualsToken",
  "GreaterThanEqualsToken",
  "EqualsEqualsToken",
  "ExclamationEqualsToken",
  "EqualsEqualsEqualsToken",
  "ExclamationEqualsEqualsToken",
  "EqualsGreaterThanToken",
  "PlusToken",
  "MinusToken",
  "AsteriskToken",
  "AsteriskAsteriskToken",
  "SlashToken",
  "PercentToken",
  "PlusPlusToken",
  "MinusMinusToken",
  "LessThanLessThanToken",
  "GreaterThanGreaterThanToken",
  "GreaterThanGreaterThanGreaterThanToken",
  "AmpersandToken",
  "BarToken",
  "CaretToken",
  "ExclamationToken",
  "TildeToken",
  "AmpersandAmpersandToken",
  "BarBarToken",
  "QuestionToken",
  "ColonToken",
  "QuestionQuestionToken",
  // Assignments, together (FirstAssignment..LastAssignment).
  "EqualsToken",
  "PlusEqualsToken",
  "MinusEqualsToken",
  "AsteriskEqualsToken",
  "AsteriskAsteriskEqualsToken",
  "SlashEqualsToken",
  "PercentEqualsToken",
  "LessThanLessThanEqualsToken",
  "GreaterThanGreaterThanEqualsToken",
  "GreaterThanGreaterThanGreaterThanEqualsToken",
  "AmpersandEqualsToken",
  "BarEqualsToken",
  "BarBarEqualsToken",
  "AmpersandAmpersandEqualsToken",
  "QuestionQuestionEqualsToken",
  "CaretEqualsToken",
  "Identifier",
  "PrivateIdentifier",
  "InKeyword",
  "InstanceOfKeyword",
  "ThisKeyword",
  "SuperKeyword",
  "NullKeyword",
  "TrueKeyword",
  "FalseKeyword",
  "ImportKeyword",
  "NewKeyword",
  "ExportKeyword",
  "DefaultKeyword",
  "DeclareKeyword",
  "AsyncKeyword",
  "StaticKeyword",
  "PublicKeyword",
  "PrivateKeyword",
  "ProtectedKeyword",
  "ReadonlyKeyword",
  "AbstractKeyword",
  "OverrideKeyword",
  "AccessorKeyword",
  "ConstKeyword",
  "ExtendsKeyword",
  "ImplementsKeyword"
];
var OTHER_NODE_KINDS = [
  "SourceFile",
  "Block",
  "EmptyStatement",
  "VariableStatement",
  "VariableDeclarationList",
  "VariableDeclaration",
  "ExpressionStatement",
  "IfStatement",
  "DoStatement",
  "WhileStatement",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
  "ContinueStatement",
  "BreakStatement",
  "ReturnStatement",
  "WithStatement",
  "SwitchStatement",
  "CaseBlock",
  "CaseClause",
  "DefaultClause",
  "LabeledStatement",
  "ThrowStatement",
  "TryStatement",
  "CatchClause",
  "DebuggerStatement",
  "FunctionDeclaration",
  "ClassDeclaration",
  "InterfaceDeclaration",
  "TypeAliasDeclaration",
  "EnumDeclaration",
  "EnumMember",
  "ModuleDeclaration",
  "ModuleBlock",
  "ImportEqualsDeclaration",
  "ImportDeclaration",
  "ImportClause",
  "NamespaceImport",
  "NamedImports",
  "ImportSpecifier",
  "ExportAssignment",
  "ExportDeclaration",
  "NamedExports",
  "NamespaceExport",
  "ExportSpecifier",
  "NamespaceExportDeclaration",
  "Parameter",
  "Decorator",
  "ObjectBindingPattern",
  "ArrayBindingPattern",
  "BindingElement",
  "PropertyDeclaration",
  "MethodDeclaration",
  "Constructor",
  "GetAccessor",
  "SetAccessor",
  "ClassStaticBlockDeclaration",
  "IndexSignature",
  "HeritageClause",
  "ComputedPropertyName",
  "PropertyAssignment",
  "ShorthandPropertyAssignment",
  "SpreadAssignment",
  "TemplateSpan",
  "JsxAttribute",
  "JsxSpreadAttribute",
  "JsxExpression",
  "JsxNamespacedName"
];
var EXPRESSION_NODE_KINDS = [
  "OmittedExpression",
  "ArrayLiteralExpression",
  "ObjectLiteralExpression",
  "PropertyAccessExpression",
  "ElementAccessExpression",
  "CallExpression",
  "NewExpression",
  "TaggedTemplateExpression",
  "TypeAssertionExpression",
  "ParenthesizedExpression",
  "FunctionExpression",
  "ArrowFunction",
  "DeleteExpression",
  "TypeOfExpression",
  "VoidExpression",
  "AwaitExpression",
  "PrefixUnaryExpression",
  "PostfixUnaryExpression",
  "BinaryExpression",
  "ConditionalExpression",
  "TemplateExpression",
  "YieldExpression",
  "SpreadElement",
  "ClassExpression",
  "AsExpression",
  "NonNullExpression",
  "SatisfiesExpression",
  "MetaProperty",
  "ExpressionWithTypeArguments",
  "JsxElement"
];
var NODE_KINDS = [...OTHER_NODE_KINDS, ...EXPRESSION_NODE_KINDS];
var KIND = {};
[...TOKEN_KINDS, ...NODE_KINDS].forEach((name, index) => {
  KIND[name] = index;
});
var SYNTAX_KIND = {
  ...KIND,
  FirstAssignment: KIND.EqualsToken,
  LastAssignment: KIND.CaretEqualsToken,
  LastToken: KIND.ImplementsKeyword
};
var NODE_FLAGS = { None: 0, Let: 1, Const: 2, Using: 4, AwaitUsing: 6, BlockScoped: 7 };
var EXPRESSION_KINDS = new Set(
  [
    "NumericLiteral",
    "BigIntLiteral",
    "StringLiteral",
    "RegularExpressionLiteral",
    "NoSubstitutionTemplateLiteral",
    "Identifier",
    "PrivateIdentifier",
    "ThisKeyword",
    "SuperKeyword",
    "NullKeyword",
    "TrueKeyword",
    "FalseKeyword",
    "ImportKeyword",
    ...EXPRESSION_NODE_KINDS
  ].map((name) => KIND[name])
);
var is = (kind) => (node) => node?.kind === kind;
var oxcCompiler = {
  SyntaxKind: SYNTAX_KIND,
  NodeFlags: NODE_FLAGS,
  forEachChild(node, visit) {
    for (const child of node.kids ?? []) {
      const result = visit(child);
      if (result) return result;
    }
    return void 0;
  },
  getModifiers(node) {
    const modifiers = node.modifiers?.filter((m) => m.kind !== KIND.Decorator);
    return modifiers && modifiers.length > 0 ? modifiers : void 0;
  },
  canHaveModifiers: (node) => node.modifiers !== void 0,
  isExpression: (node) => EXPRESSION_KINDS.has(node.kind),
  isClassLike: (node) => node?.kind === KIND.ClassDeclaration || node?.kind === KIND.ClassExpression,
  // No type node is converted (ExpressionWithTypeArguments, which the compiler counts as one, is always
  // excepted where this is asked).
  isTypeNode: () => false,
  isExternalModule: (sf) => sf.externalModuleIndicator !== void 0,
  isIdentifier: is(KIND.Identifier),
  isPrivateIdentifier: is(KIND.PrivateIdentifier),
  isStringLiteral: is(KIND.StringLiteral),
  isNumericLiteral: is(KIND.NumericLiteral),
  isNoSubstitutionTemplateLiteral: is(KIND.NoSubstitutionTemplateLiteral),
  isTemplateExpression: is(KIND.TemplateExpression),
  isPropertyAccessExpression: is(KIND.PropertyAccessExpression),
  isElementAccessExpression: is(KIND.ElementAccessExpression),
  isCallExpression: is(KIND.CallExpression),
  isNewExpression: is(KIND.NewExpression),
  isBinaryExpression: is(KIND.BinaryExpression),
  isPrefixUnaryExpression: is(KIND.PrefixUnaryExpression),
  isConditionalExpression: is(KIND.ConditionalExpression),
  isParenthesizedExpression: is(KIND.ParenthesizedExpression),
  isNonNullExpression: is(KIND.NonNullExpression),
  isAsExpression: is(KIND.AsExpression),
  isTypeAssertionExpression: is(KIND.TypeAssertionExpression),
  isSatisfiesExpression: is(KIND.SatisfiesExpression),
  isAwaitExpression: is(KIND.AwaitExpression),
  isSpreadElement: is(KIND.SpreadElement),
  isObjectLiteralExpression: is(KIND.ObjectLiteralExpression),
  isArrayLiteralExpression: is(KIND.ArrayLiteralExpression),
  isPropertyAssignment: is(KIND.PropertyAssignment),
  isShorthandPropertyAssignment: is(KIND.ShorthandPropertyAssignment),
  isSpreadAssignment: is(KIND.SpreadAssignment),
  isFunctionExpression: is(KIND.FunctionExpression),
  isArrowFunction: is(KIND.ArrowFunction),
  isFunctionDeclaration: is(KIND.FunctionDeclaration),
  isMethodDeclaration: is(KIND.MethodDeclaration),
  isConstructorDeclaration: is(KIND.Constructor),
  isGetAccessorDeclaration: is(KIND.GetAccessor),
  isSetAccessorDeclaration: is(KIND.SetAccessor),
  isPropertyDeclaration: is(KIND.PropertyDeclaration),
  isClassDeclaration: is(KIND.ClassDeclaration),
  isClassExpression: is(KIND.ClassExpression),
  isHeritageClause: is(KIND.HeritageClause),
  isExpressionWithTypeArguments: is(KIND.ExpressionWithTypeArguments),
  isInterfaceDeclaration: is(KIND.InterfaceDeclaration),
  isTypeAliasDeclaration: is(KIND.TypeAliasDeclaration),
  isVariableStatement: is(KIND.VariableStatement),
  isVariableDeclarationList: is(KIND.VariableDeclarationList),
  isVariableDeclaration: is(KIND.VariableDeclaration),
  isParameter: is(KIND.Parameter),
  isBindingElement: is(KIND.BindingElement),
  isObjectBindingPattern: is(KIND.ObjectBindingPattern),
  isExpressionStatement: is(KIND.ExpressionStatement),
  isReturnStatement: is(KIND.ReturnStatement),
  isBlock: is(KIND.Block),
  isCaseBlock: is(KIND.CaseBlock),
  isCatchClause: is(KIND.CatchClause),
  isForStatement: is(KIND.ForStatement),
  isForInStatement: is(KIND.ForInStatement),
  isForOfStatement: is(KIND.ForOfStatement),
  isSourceFile: is(KIND.SourceFile),
  isImportDeclaration: is(KIND.ImportDeclaration),
  isNamespaceImport: is(KIND.NamespaceImport),
  isExportDeclaration: is(KIND.ExportDeclaration),
  isExportAssignment: is(KIND.ExportAssignment),
  isNamespaceExport: is(KIND.NamespaceExport)
};

// src/analysis/js/oxc-tree.ts
var OPERATORS = {
  "=": KIND.EqualsToken,
  "+=": KIND.PlusEqualsToken,
  "-=": KIND.MinusEqualsToken,
  "*=": KIND.AsteriskEqualsToken,
  "**=": KIND.AsteriskAsteriskEqualsToken,
  "/=": KIND.SlashEqualsToken,
  "%=": KIND.PercentEqualsToken,
  "<<=": KIND.LessThanLessThanEqualsToken,
  ">>=": KIND.GreaterThanGreaterThanEqualsToken,
  ">>>=": KIND.GreaterThanGreaterThanGreaterThanEqualsToken,
  "&=": KIND.AmpersandEqualsToken,
  "|=": KIND.BarEqualsToken,
  "||=": KIND.BarBarEqualsToken,
  "&&=": KIND.AmpersandAmpersandEqualsToken,
  "??=": KIND.QuestionQuestionEqualsToken,
  "^=": KIND.CaretEqualsToken,
  "==": KIND.EqualsEqualsToken,
  "!=": KIND.ExclamationEqualsToken,
  "===": KIND.EqualsEqualsEqualsToken,
  "!==": KIND.ExclamationEqualsEqualsToken,
  "<": KIND.LessThanToken,
  ">": KIND.GreaterThanToken,
  "<=": KIND.LessThanEqualsToken,
  ">=": KIND.GreaterThanEqualsToken,
  "+": KIND.PlusToken,
  "-": KIND.MinusToken,
  "*": KIND.AsteriskToken,
  "**": KIND.AsteriskAsteriskToken,
  "/": KIND.SlashToken,
  "%": KIND.PercentToken,
  "<<": KIND.LessThanLessThanToken,
  ">>": KIND.GreaterThanGreaterThanToken,
  ">>>": KIND.GreaterThanGreaterThanGreaterThanToken,
  "&": KIND.AmpersandToken,
  "|": KIND.BarToken,
  "^": KIND.CaretToken,
  "&&": KIND.AmpersandAmpersandToken,
  "||": KIND.BarBarToken,
  "??": KIND.QuestionQuestionToken,
  ",": KIND.CommaToken,
  in: KIND.InKeyword,
  instanceof: KIND.InstanceOfKeyword,
  "!": KIND.ExclamationToken,
  "~": KIND.TildeToken,
  "++": KIND.PlusPlusToken,
  "--": KIND.MinusMinusToken
};
var TreeNode = class {
  constructor(kind, pos, end, start = pos) {
    this.kind = kind;
    this.pos = pos;
    this.end = end;
    this.start = start;
  }
  kind;
  pos;
  end;
  start;
  parent = void 0;
  flags = 0;
  kids = [];
  getStart() {
    return this.start;
  }
  getEnd() {
    return this.end;
  }
  getSourceFile() {
    let n = this.parent;
    if (!n) return this;
    while (n.parent) n = n.parent;
    return n;
  }
  getText(sf) {
    const source = sf ?? this.getSourceFile();
    return source.text.slice(this.start, this.end);
  }
};
var loose = (n) => n;
var Converter = class {
  constructor(text, comments, hashbang) {
    this.text = text;
    for (const c of comments) this.commentStarts.set(c.end, c.start);
    if (hashbang) this.commentStarts.set(hashbang.end, hashbang.start);
  }
  text;
  /** Where each comment that ends at an offset starts. */
  commentStarts = /* @__PURE__ */ new Map();
  /** Whether the tree uses `import.meta`, which makes a file a module for the compiler as an import does. */
  importMeta = false;
  /** `fullStart` by start: a statement and its first descendants start at one offset, often after a masked run. */
  fullStarts = /* @__PURE__ */ new Map();
  /** The compiler's `pos` of a node starting at `start`: back over the white space and comments before it. */
  fullStart(start) {
    let pos = this.fullStarts.get(start);
    if (pos === void 0) {
      pos = this.triviaStart(start);
      this.fullStarts.set(start, pos);
    }
    return pos;
  }
  triviaStart(start) {
    let i = start;
    for (; ; ) {
      while (i > 0 && isTrivia(this.text.charCodeAt(i - 1))) i--;
      const comment = this.commentStarts.get(i);
      if (comment === void 0 || comment >= i) return i;
      i = comment;
    }
  }
  make(kind, from, fields = {}) {
    const node = new TreeNode(kind, this.fullStart(from.start), from.end, from.start);
    Object.assign(node, fields);
    return node;
  }
  /** A node whose fields are all its children, in source order. */
  node(kind, from, fields) {
    return this.adopt(this.make(kind, from, fields), ...Object.values(fields));
  }
  /** Sets the children (in source order) and their parent. */
  adopt(node, ...children) {
    for (const child of children) {
      if (Array.isArray(child)) {
        for (const c of child) this.attach(node, c);
      } else {
        this.attach(node, child);
      }
    }
    return node;
  }
  attach(node, child) {
    if (!child) return;
    child.parent = node;
    node.kids.push(child);
  }
  token(kind, at, end = at) {
    return new TreeNode(kind, at, end);
  }
  program(p, fileName) {
    const statements = p.body.map((s) => this.statement(s));
    const sf = this.make(
      KIND.SourceFile,
      { start: 0, end: this.text.length },
      {
        statements,
        text: this.text,
        fileName,
        endOfFileToken: this.token(KIND.Unknown, this.text.length)
      }
    );
    const moduleSyntax = p.body.some(
      (s) => [
        "ImportDeclaration",
        "ExportNamedDeclaration",
        "ExportDefaultDeclaration",
        "ExportAllDeclaration",
        "TSExportAssignment"
      ].includes(s.type)
    );
    if (moduleSyntax || this.importMeta) sf.externalModuleIndicator = statements[0];
    let lineStarts;
    sf.getLineAndCharacterOfPosition = (pos) => {
      if (!lineStarts) {
        lineStarts = [0];
        for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) {
          lineStarts.push(i + 1);
        }
      }
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = lo + hi + 1 >> 1;
        if (lineStarts[mid] <= pos) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: pos - lineStarts[lo] };
    };
    return this.adopt(sf, statements);
  }
  // ---- statements ----
  statements(items) {
    return items.map((s) => this.statement(s));
  }
  statement(s, modifiers = []) {
    const n = loose(s);
    switch (s.type) {
      case "ExpressionStatement": {
        const expression = this.expression(s.expression);
        return this.node(KIND.ExpressionStatement, s, { expression });
      }
      case "BlockStatement":
        return this.block(s);
      case "EmptyStatement":
        return this.make(KIND.EmptyStatement, s);
      case "DebuggerStatement":
        return this.make(KIND.DebuggerStatement, s);
      case "VariableDeclaration": {
        const mods = this.modifiers(s, modifiers, { declare: s.declare === true });
        const declarationList = this.declarationList(s);
        const node = this.make(KIND.VariableStatement, s, { modifiers: mods, declarationList });
        return this.adopt(node, mods, declarationList);
      }
      case "FunctionDeclaration":
      case "TSDeclareFunction":
        return this.functionLike(s, KIND.FunctionDeclaration, modifiers);
      case "ClassDeclaration":
        return this.classLike(s, KIND.ClassDeclaration, modifiers);
      case "ReturnStatement": {
        const expression = this.optionalExpression(s.argument);
        return this.node(KIND.ReturnStatement, s, { expression });
      }
      case "ThrowStatement": {
        const expression = this.expression(s.argument);
        return this.node(KIND.ThrowStatement, s, { expression });
      }
      case "IfStatement": {
        const expression = this.expression(s.test);
        const thenStatement = this.statement(s.consequent);
        const elseStatement = s.alternate ? this.statement(s.alternate) : void 0;
        return this.node(KIND.IfStatement, s, { expression, thenStatement, elseStatement });
      }
      case "WhileStatement": {
        const expression = this.expression(s.test);
        const statement = this.statement(s.body);
        return this.node(KIND.WhileStatement, s, { expression, statement });
      }
      case "DoWhileStatement": {
        const statement = this.statement(s.body);
        const expression = this.expression(s.test);
        return this.node(KIND.DoStatement, s, { statement, expression });
      }
      case "ForStatement": {
        const initializer = s.init ? s.init.type === "VariableDeclaration" ? this.declarationList(s.init) : this.expression(s.init) : void 0;
        const condition = this.optionalExpression(s.test);
        const incrementor = this.optionalExpression(s.update);
        const statement = this.statement(s.body);
        return this.node(KIND.ForStatement, s, { initializer, condition, incrementor, statement });
      }
      case "ForInStatement":
      case "ForOfStatement": {
        const left = s.left;
        const initializer = left.type === "VariableDeclaration" ? this.declarationList(left) : this.target(left);
        const expression = this.expression(s.right);
        const statement = this.statement(s.body);
        const kind = s.type === "ForInStatement" ? KIND.ForInStatement : KIND.ForOfStatement;
        const awaitModifier = s.type === "ForOfStatement" && s.await ? this.token(KIND.AsyncKeyword, s.start) : void 0;
        const node = this.make(kind, s, { awaitModifier, initializer, expression, statement });
        return this.adopt(node, initializer, expression, statement);
      }
      case "ContinueStatement":
      case "BreakStatement": {
        const label = s.label ? this.identifier(s.label) : void 0;
        const kind = s.type === "BreakStatement" ? KIND.BreakStatement : KIND.ContinueStatement;
        return this.node(kind, s, { label });
      }
      case "LabeledStatement": {
        const label = this.identifier(s.label);
        const statement = this.statement(s.body);
        return this.node(KIND.LabeledStatement, s, { label, statement });
      }
      case "WithStatement": {
        const expression = this.expression(s.object);
        const statement = this.statement(s.body);
        return this.node(KIND.WithStatement, s, { expression, statement });
      }
      case "SwitchStatement": {
        const expression = this.expression(s.discriminant);
        const clauses = s.cases.map((c) => {
          const statements = this.statements(c.consequent);
          if (!c.test) return this.node(KIND.DefaultClause, c, { statements });
          const test = this.expression(c.test);
          return this.adopt(
            this.make(KIND.CaseClause, c, { expression: test, statements }),
            test,
            statements
          );
        });
        const first = s.cases[0];
        const caseBlock = this.adopt(
          this.make(KIND.CaseBlock, { start: first ? first.start : s.end, end: s.end }, { clauses }),
          clauses
        );
        return this.node(KIND.SwitchStatement, s, { expression, caseBlock });
      }
      case "TryStatement": {
        const tryBlock = this.block(s.block);
        let catchClause;
        if (s.handler) {
          const h = s.handler;
          const variableDeclaration = h.param ? this.adopt(
            this.make(KIND.VariableDeclaration, h.param, { name: this.bindingName(h.param) }),
            void 0
          ) : void 0;
          if (variableDeclaration) this.attach(variableDeclaration, variableDeclaration.name);
          const block = this.block(h.body);
          catchClause = this.adopt(
            this.make(KIND.CatchClause, h, { variableDeclaration, block }),
            variableDeclaration,
            block
          );
        }
        const finallyBlock = s.finalizer ? this.block(s.finalizer) : void 0;
        return this.node(KIND.TryStatement, s, { tryBlock, catchClause, finallyBlock });
      }
      case "ImportDeclaration":
        return this.importDeclaration(s);
      case "ExportNamedDeclaration":
        return this.exportNamed(s);
      case "ExportDefaultDeclaration": {
        const d = s.declaration;
        const mods = [this.token(KIND.ExportKeyword, s.start), this.token(KIND.DefaultKeyword, s.start)];
        if (d.type === "FunctionDeclaration" || d.type === "FunctionExpression") {
          return this.functionLike(d, KIND.FunctionDeclaration, mods, s);
        }
        if (d.type === "ClassDeclaration" || d.type === "ClassExpression") {
          return this.classLike(d, KIND.ClassDeclaration, mods, s);
        }
        if (d.type === "TSInterfaceDeclaration") return this.statement(d, mods);
        const expression = this.expression(d);
        const node = this.make(KIND.ExportAssignment, s, { isExportEquals: false, expression });
        return this.adopt(node, expression);
      }
      case "ExportAllDeclaration": {
        const moduleSpecifier = this.literal(s.source);
        const exportClause = s.exported ? this.adopt(
          this.make(KIND.NamespaceExport, s.exported, { name: this.moduleExportName(s.exported) }),
          void 0
        ) : void 0;
        if (exportClause) this.attach(exportClause, exportClause.name);
        const node = this.make(KIND.ExportDeclaration, s, {
          isTypeOnly: s.exportKind === "type",
          exportClause,
          moduleSpecifier
        });
        return this.adopt(node, exportClause, moduleSpecifier);
      }
      case "TSExportAssignment": {
        const expression = this.expression(s.expression);
        const node = this.make(KIND.ExportAssignment, s, { isExportEquals: true, expression });
        return this.adopt(node, expression);
      }
      case "TSNamespaceExportDeclaration":
        return this.make(KIND.NamespaceExportDeclaration, s);
      case "TSInterfaceDeclaration":
      case "TSTypeAliasDeclaration": {
        const mods = this.modifiers(s, modifiers, { declare: s.declare });
        const name = this.identifier(s.id);
        const kind = s.type === "TSInterfaceDeclaration" ? KIND.InterfaceDeclaration : KIND.TypeAliasDeclaration;
        return this.adopt(this.make(kind, s, { modifiers: mods, name }), mods, name);
      }
      case "TSEnumDeclaration": {
        const mods = this.modifiers(s, modifiers, { declare: s.declare, const: s.const });
        const name = this.identifier(s.id);
        const members = s.body.members.map((m) => {
          const memberName = this.propertyName(m.id, m.computed);
          const initializer = this.optionalExpression(m.initializer);
          return this.adopt(
            this.make(KIND.EnumMember, m, { name: memberName, initializer }),
            memberName,
            initializer
          );
        });
        const node = this.make(KIND.EnumDeclaration, s, { modifiers: mods, name, members });
        return this.adopt(node, mods, name, members);
      }
      case "TSModuleDeclaration": {
        const mods = this.modifiers(s, modifiers, { declare: s.declare });
        const id = s.id;
        const name = id.type === "Literal" ? this.literal(id) : this.identifierLike(id.type === "Identifier" ? id : id);
        const body = s.body ? this.adopt(
          this.make(KIND.ModuleBlock, s.body, { statements: this.statements(s.body.body) }),
          void 0
        ) : void 0;
        if (body) this.adopt(body, body.statements);
        const node = this.make(KIND.ModuleDeclaration, s, { modifiers: mods, name, body });
        return this.adopt(node, mods, name, body);
      }
      case "TSImportEqualsDeclaration": {
        const name = this.identifier(s.id);
        const node = this.make(KIND.ImportEqualsDeclaration, s, {
          modifiers: modifiers.length ? modifiers : void 0,
          isTypeOnly: s.importKind === "type",
          name
        });
        return this.adopt(node, name);
      }
      default:
        throw new UnsupportedNode(n.type);
    }
  }
  block(s) {
    const statements = this.statements(s.body);
    return this.node(KIND.Block, s, { statements });
  }
  declarationList(s) {
    const flags = s.kind === "let" ? NODE_FLAGS.Let : s.kind === "const" ? NODE_FLAGS.Const : s.kind === "using" ? NODE_FLAGS.Using : s.kind === "await using" ? NODE_FLAGS.AwaitUsing : 0;
    const declarations = s.declarations.map((d) => {
      const name = this.bindingName(d.id);
      const initializer = this.optionalExpression(d.init);
      return this.node(KIND.VariableDeclaration, d, { name, initializer });
    });
    const list = this.make(KIND.VariableDeclarationList, s, { declarations });
    list.flags = flags;
    return this.adopt(list, declarations);
  }
  /** Modifier tokens: those the statement carries, then its own (`declare`, `const` of an enum). */
  modifiers(at, given, own) {
    const out = [...given];
    if (own.declare) out.push(this.token(KIND.DeclareKeyword, at.start));
    if (own.abstract) out.push(this.token(KIND.AbstractKeyword, at.start));
    if (own.static) out.push(this.token(KIND.StaticKeyword, at.start));
    if (own.const) out.push(this.token(KIND.ConstKeyword, at.start));
    if (own.async) out.push(this.token(KIND.AsyncKeyword, at.start));
    return out.length > 0 ? out : void 0;
  }
  decorators(items) {
    return (items ?? []).map((d) => {
      const expression = this.expression(d.expression);
      return this.node(KIND.Decorator, d, { expression });
    });
  }
  importDeclaration(s) {
    const moduleSpecifier = this.literal(s.source);
    let importClause;
    if (s.specifiers.length > 0) {
      let name;
      let namedBindings;
      const elements = [];
      let namedStart = -1;
      let namedEnd = -1;
      for (const spec of s.specifiers) {
        if (spec.type === "ImportDefaultSpecifier") {
          name = this.identifier(spec.local);
        } else if (spec.type === "ImportNamespaceSpecifier") {
          const local = this.identifier(spec.local);
          namedBindings = this.adopt(this.make(KIND.NamespaceImport, spec, { name: local }), local);
        } else {
          const local = this.identifier(spec.local);
          const imported = this.moduleExportName(spec.imported);
          const same = spec.imported.start === spec.local.start;
          const propertyName = same ? void 0 : imported;
          const element = this.make(KIND.ImportSpecifier, spec, {
            isTypeOnly: spec.importKind === "type",
            propertyName,
            name: local
          });
          elements.push(this.adopt(element, propertyName, local));
          if (namedStart < 0) namedStart = spec.start;
          namedEnd = spec.end;
        }
      }
      if (elements.length > 0) {
        const list = elements;
        namedBindings = this.adopt(
          this.make(KIND.NamedImports, { start: namedStart, end: namedEnd }, { elements: list }),
          list
        );
      }
      const clauseStart = s.specifiers[0].start;
      const clauseEnd = s.specifiers[s.specifiers.length - 1].end;
      importClause = this.adopt(
        this.make(
          KIND.ImportClause,
          { start: clauseStart, end: clauseEnd },
          { isTypeOnly: s.importKind === "type", name, namedBindings }
        ),
        name,
        namedBindings
      );
    }
    return this.node(KIND.ImportDeclaration, s, { importClause, moduleSpecifier });
  }
  exportNamed(s) {
    const exportKeyword = this.token(KIND.ExportKeyword, s.start);
    if (s.declaration) {
      const declared = this.statement(s.declaration, [exportKeyword]);
      return Object.assign(declared, { pos: this.fullStart(s.start), start: s.start });
    }
    const moduleSpecifier = s.source ? this.literal(s.source) : void 0;
    const elements = s.specifiers.map((spec) => {
      const name = this.moduleExportName(spec.exported);
      const same = spec.exported.start === spec.local.start;
      const propertyName = same ? void 0 : this.moduleExportName(spec.local);
      const element = this.make(KIND.ExportSpecifier, spec, {
        isTypeOnly: spec.exportKind === "type",
        propertyName,
        name
      });
      return this.adopt(element, propertyName, name);
    });
    const exportClause = this.node(KIND.NamedExports, s, { elements });
    const node = this.make(KIND.ExportDeclaration, s, {
      isTypeOnly: s.exportKind === "type",
      exportClause,
      moduleSpecifier
    });
    return this.adopt(node, exportClause, moduleSpecifier);
  }
  // ---- functions and classes ----
  functionLike(f, kind, modifiers = [], range) {
    const mods = this.modifiers(f, modifiers, { declare: f.declare === true, async: f.async });
    const name = f.id ? this.identifier(f.id) : void 0;
    const parameters = this.parameters(f.params);
    const body = f.body ? this.block(f.body) : void 0;
    const node = this.make(kind, range ?? f, {
      modifiers: mods,
      asteriskToken: f.generator ? this.token(KIND.AsteriskToken, f.start) : void 0,
      name,
      parameters,
      body
    });
    return this.adopt(node, mods, name, parameters, body);
  }
  parameters(params) {
    return params.map((p) => {
      const param = loose(p);
      let inner = param;
      const mods = this.decorators(param.decorators);
      if (p.type === "TSParameterProperty") {
        inner = loose(p.parameter);
        mods.push(...this.decorators(p.decorators));
        if (p.accessibility === "public") mods.push(this.token(KIND.PublicKeyword, p.start));
        if (p.accessibility === "private") mods.push(this.token(KIND.PrivateKeyword, p.start));
        if (p.accessibility === "protected") mods.push(this.token(KIND.ProtectedKeyword, p.start));
        if (p.readonly) mods.push(this.token(KIND.ReadonlyKeyword, p.start));
        if (p.override) mods.push(this.token(KIND.OverrideKeyword, p.start));
      }
      let dotDotDotToken;
      let initializer;
      let pattern = inner;
      if (inner.type === "RestElement") {
        dotDotDotToken = this.token(KIND.DotDotDotToken, inner.start);
        pattern = loose(inner.argument);
      }
      if (pattern.type === "AssignmentPattern") {
        initializer = this.expression(pattern.right);
        pattern = loose(pattern.left);
      }
      const name = this.bindingName(pattern);
      const modifiers = mods.length > 0 ? mods : void 0;
      const node = this.make(KIND.Parameter, p, { modifiers, dotDotDotToken, name, initializer });
      return this.adopt(node, modifiers, name, initializer);
    });
  }
  classLike(c, kind, modifiers = [], range) {
    const mods = this.modifiers(c, [...this.decorators(c.decorators), ...modifiers], {
      declare: c.declare === true,
      abstract: c.abstract === true
    });
    const name = c.id ? this.identifier(c.id) : void 0;
    const heritageClauses = [];
    if (c.superClass) {
      const expression = this.expression(c.superClass);
      const type = this.adopt(
        this.make(KIND.ExpressionWithTypeArguments, c.superClass, { expression }),
        expression
      );
      const types = [type];
      heritageClauses.push(
        this.adopt(this.make(KIND.HeritageClause, c.superClass, { token: KIND.ExtendsKeyword, types }), types)
      );
    }
    if (c.implements && c.implements.length > 0) {
      const types = c.implements.map((i) => {
        const expression = this.expression(i.expression);
        return this.node(KIND.ExpressionWithTypeArguments, i, { expression });
      });
      const first = c.implements[0];
      heritageClauses.push(
        this.adopt(
          this.make(
            KIND.HeritageClause,
            { start: first.start, end: c.implements[c.implements.length - 1].end },
            { token: KIND.ImplementsKeyword, types }
          ),
          types
        )
      );
    }
    const members = c.body.body.map((m) => this.classMember(m));
    const heritage = heritageClauses.length > 0 ? heritageClauses : void 0;
    const node = this.make(kind, range ?? c, { modifiers: mods, name, heritageClauses: heritage, members });
    return this.adopt(node, mods, name, heritage, members);
  }
  classMember(m) {
    switch (m.type) {
      case "MethodDefinition":
      case "TSAbstractMethodDefinition": {
        const mods = this.modifiers(m, [...this.decorators(m.decorators), ...this.accessibility(m)], {
          static: m.static,
          abstract: m.type === "TSAbstractMethodDefinition",
          async: m.value.async
        });
        const name = m.kind === "constructor" ? void 0 : this.propertyName(m.key, m.computed);
        const parameters = this.parameters(m.value.params);
        const body = m.value.body ? this.block(m.value.body) : void 0;
        const kind = m.kind === "constructor" ? KIND.Constructor : m.kind === "get" ? KIND.GetAccessor : m.kind === "set" ? KIND.SetAccessor : KIND.MethodDeclaration;
        const node = this.make(kind, m, {
          modifiers: mods,
          asteriskToken: m.value.generator ? this.token(KIND.AsteriskToken, m.start) : void 0,
          name,
          parameters,
          body
        });
        return this.adopt(node, mods, name, parameters, body);
      }
      case "PropertyDefinition":
      case "TSAbstractPropertyDefinition":
      case "AccessorProperty":
      case "TSAbstractAccessorProperty": {
        const p = loose(m);
        const extra = m.type === "AccessorProperty" ? [this.token(KIND.AccessorKeyword, m.start)] : [];
        const mods = this.modifiers(
          m,
          [...this.decorators(p.decorators), ...this.accessibility(p), ...extra],
          {
            static: p.static === true,
            declare: p.declare === true,
            abstract: m.type.startsWith("TSAbstract")
          }
        );
        const name = this.propertyName(p.key, p.computed === true);
        const initializer = this.optionalExpression(p.value);
        const node = this.make(KIND.PropertyDeclaration, m, { modifiers: mods, name, initializer });
        return this.adopt(node, mods, name, initializer);
      }
      case "StaticBlock": {
        const body = this.block(m);
        return this.node(KIND.ClassStaticBlockDeclaration, m, { body });
      }
      case "TSIndexSignature":
        return this.make(KIND.IndexSignature, m);
      default:
        throw new UnsupportedNode(m.type);
    }
  }
  accessibility(m) {
    const a = m.accessibility;
    const at = m.start;
    const out = [];
    if (a === "public") out.push(this.token(KIND.PublicKeyword, at));
    if (a === "private") out.push(this.token(KIND.PrivateKeyword, at));
    if (a === "protected") out.push(this.token(KIND.ProtectedKeyword, at));
    const l = m;
    if (l.readonly) out.push(this.token(KIND.ReadonlyKeyword, at));
    if (l.override) out.push(this.token(KIND.OverrideKeyword, at));
    return out;
  }
  // ---- names and patterns ----
  identifier(id) {
    return this.make(KIND.Identifier, id, { text: id.name, escapedText: id.name });
  }
  identifierLike(id) {
    const n = loose(id);
    if (n.type === "Identifier") return this.identifier(n);
    const text = this.text.slice(n.start, n.end);
    return this.make(KIND.Identifier, n, { text, escapedText: text });
  }
  moduleExportName(n) {
    return n.type === "Literal" ? this.literal(n) : this.identifier(n);
  }
  propertyName(key, computed) {
    if (computed) {
      const expression = this.expression(key);
      const start = this.text.lastIndexOf("[", key.start);
      const end = this.text.indexOf("]", key.end);
      const node = this.make(
        KIND.ComputedPropertyName,
        { start: start < 0 ? key.start : start, end: end < 0 ? key.end : end + 1 },
        { expression }
      );
      return this.adopt(node, expression);
    }
    if (key.type === "Identifier") return this.identifier(key);
    if (key.type === "PrivateIdentifier") {
      return this.make(KIND.PrivateIdentifier, key, { text: `#${key.name}`, escapedText: `#${key.name}` });
    }
    return this.expression(key);
  }
  /** A declaration's name: an identifier or a binding pattern. */
  bindingName(p) {
    const n = loose(p);
    switch (n.type) {
      case "Identifier":
        return this.identifier(n);
      case "ObjectPattern": {
        const elements = n.properties.map((prop) => {
          if (prop.type === "RestElement") {
            const name2 = this.bindingName(prop.argument);
            return this.adopt(
              this.make(KIND.BindingElement, prop, {
                dotDotDotToken: this.token(KIND.DotDotDotToken, prop.start),
                name: name2
              }),
              name2
            );
          }
          let value = loose(prop.value);
          let initializer;
          if (value.type === "AssignmentPattern") {
            initializer = this.expression(value.right);
            value = loose(value.left);
          }
          const propertyName = prop.shorthand ? void 0 : this.propertyName(prop.key, prop.computed === true);
          const name = this.bindingName(value);
          const element = this.make(KIND.BindingElement, prop, { propertyName, name, initializer });
          return this.adopt(element, propertyName, name, initializer);
        });
        return this.node(KIND.ObjectBindingPattern, n, { elements });
      }
      case "ArrayPattern": {
        const elements = n.elements.map((el, index, all) => {
          if (!el) return this.omitted(all, index, n);
          let value = el;
          let dotDotDotToken;
          let initializer;
          if (value.type === "RestElement") {
            dotDotDotToken = this.token(KIND.DotDotDotToken, value.start);
            value = loose(value.argument);
          }
          if (value.type === "AssignmentPattern") {
            initializer = this.expression(value.right);
            value = loose(value.left);
          }
          const name = this.bindingName(value);
          const element = this.make(KIND.BindingElement, el, { dotDotDotToken, name, initializer });
          return this.adopt(element, name, initializer);
        });
        return this.node(KIND.ArrayBindingPattern, n, { elements });
      }
      case "AssignmentPattern":
        throw new UnsupportedNode("AssignmentPattern");
      default:
        throw new UnsupportedNode(n.type);
    }
  }
  omitted(all, index, around) {
    const previous = index > 0 ? loose(all[index - 1]) : void 0;
    const at = previous ? previous.end : around.start + 1;
    return this.make(KIND.OmittedExpression, { start: at, end: at });
  }
  /**
   * The target of an assignment or a `for (x of ...)`: the compiler reads a destructuring target as the object or
   * array literal it is written as.
   */
  target(t) {
    const n = loose(t);
    switch (n.type) {
      case "ObjectPattern": {
        const properties = n.properties.map((prop) => {
          if (prop.type === "RestElement") {
            const expression = this.target(prop.argument);
            return this.node(KIND.SpreadAssignment, prop, { expression });
          }
          const value = loose(prop.value);
          if (prop.shorthand) {
            const name2 = this.identifier(prop.key);
            const objectAssignmentInitializer = value.type === "AssignmentPattern" ? this.expression(value.right) : void 0;
            const node = this.make(KIND.ShorthandPropertyAssignment, prop, {
              name: name2,
              objectAssignmentInitializer
            });
            return this.adopt(node, name2, objectAssignmentInitializer);
          }
          const name = this.propertyName(prop.key, prop.computed === true);
          const initializer = this.target(value);
          return this.adopt(
            this.make(KIND.PropertyAssignment, prop, { name, initializer }),
            name,
            initializer
          );
        });
        return this.node(KIND.ObjectLiteralExpression, n, { properties });
      }
      case "ArrayPattern": {
        const elements = n.elements.map((el, index, all) => {
          if (!el) return this.omitted(all, index, n);
          if (el.type === "RestElement") {
            const expression = this.target(el.argument);
            return this.node(KIND.SpreadElement, el, { expression });
          }
          return this.target(el);
        });
        return this.node(KIND.ArrayLiteralExpression, n, { elements });
      }
      case "AssignmentPattern": {
        const left = this.target(n.left);
        const right = this.expression(n.right);
        return this.binary(n, left, "=", right);
      }
      default:
        return this.expression(t);
    }
  }
  // ---- expressions ----
  optionalExpression(e) {
    return e ? this.expression(e) : void 0;
  }
  literal(l) {
    const n = loose(l);
    const value = n.value;
    if (n.regex)
      return this.make(KIND.RegularExpressionLiteral, n, { text: n.raw ?? this.text.slice(n.start, n.end) });
    if (typeof n.bigint === "string") return this.make(KIND.BigIntLiteral, n, { text: `${n.bigint}n` });
    if (typeof value === "string") return this.make(KIND.StringLiteral, n, { text: value });
    if (typeof value === "number") return this.make(KIND.NumericLiteral, n, { text: String(value) });
    if (value === true) return this.make(KIND.TrueKeyword, n);
    if (value === false) return this.make(KIND.FalseKeyword, n);
    if (value === null) return this.make(KIND.NullKeyword, n);
    throw new UnsupportedNode(`Literal ${typeof value}`);
  }
  binary(at, left, operator, right) {
    const kind = OPERATORS[operator];
    if (kind === void 0) throw new UnsupportedNode(`operator ${operator}`);
    const operatorToken = this.token(kind, left.end, right.pos);
    return this.node(KIND.BinaryExpression, at, { left, operatorToken, right });
  }
  arguments(args) {
    return args.map((a) => this.expression(a));
  }
  expression(e) {
    switch (e.type) {
      case "Identifier":
        return this.identifier(e);
      case "Literal":
        return this.literal(e);
      case "ThisExpression":
        return this.make(KIND.ThisKeyword, e);
      case "Super":
        return this.make(KIND.SuperKeyword, e);
      case "TemplateLiteral":
        return this.template(e);
      case "TaggedTemplateExpression": {
        const tag = this.expression(e.tag);
        const template2 = this.template(e.quasi);
        return this.node(KIND.TaggedTemplateExpression, e, { tag, template: template2 });
      }
      case "ParenthesizedExpression": {
        const expression = this.expression(e.expression);
        return this.node(KIND.ParenthesizedExpression, e, { expression });
      }
      case "ChainExpression":
        return this.expression(e.expression);
      case "MemberExpression": {
        const expression = this.expression(e.object);
        const questionDotToken = e.optional ? this.token(KIND.QuestionDotToken, expression.end) : void 0;
        if (e.computed) {
          const argumentExpression = this.expression(e.property);
          const node = this.make(KIND.ElementAccessExpression, e, {
            expression,
            questionDotToken,
            argumentExpression
          });
          return this.adopt(node, expression, questionDotToken, argumentExpression);
        }
        const property = loose(e.property);
        const name = property.type === "PrivateIdentifier" ? this.make(KIND.PrivateIdentifier, property, {
          text: `#${String(property.name)}`,
          escapedText: `#${String(property.name)}`
        }) : this.identifier(property);
        return this.node(KIND.PropertyAccessExpression, e, { expression, questionDotToken, name });
      }
      case "CallExpression": {
        const expression = this.expression(e.callee);
        const questionDotToken = e.optional ? this.token(KIND.QuestionDotToken, expression.end) : void 0;
        const args = this.arguments(e.arguments);
        const node = this.make(KIND.CallExpression, e, { expression, questionDotToken, arguments: args });
        return this.adopt(node, expression, questionDotToken, args);
      }
      case "NewExpression": {
        const expression = this.expression(e.callee);
        const args = this.arguments(e.arguments);
        return this.adopt(this.make(KIND.NewExpression, e, { expression, arguments: args }), expression, args);
      }
      case "ImportExpression": {
        const expression = this.make(KIND.ImportKeyword, { start: e.start, end: e.start + 6 });
        const args = this.arguments(e.options ? [e.source, e.options] : [e.source]);
        return this.adopt(this.make(KIND.CallExpression, e, { expression, arguments: args }), expression, args);
      }
      case "MetaProperty": {
        const name = this.identifier(e.property);
        const keywordToken = e.meta.name === "new" ? KIND.NewKeyword : KIND.ImportKeyword;
        if (keywordToken === KIND.ImportKeyword) this.importMeta = true;
        return this.adopt(this.make(KIND.MetaProperty, e, { keywordToken, name }), name);
      }
      case "AssignmentExpression": {
        const left = this.target(e.left);
        const right = this.expression(e.right);
        return this.binary(e, left, e.operator, right);
      }
      case "BinaryExpression":
      case "LogicalExpression": {
        const left = this.expression(e.left);
        const right = this.expression(e.right);
        return this.binary(e, left, e.operator, right);
      }
      case "SequenceExpression": {
        let left = this.expression(e.expressions[0]);
        for (const next of e.expressions.slice(1)) {
          const right = this.expression(next);
          left = this.binary({ start: e.start, end: right.end }, left, ",", right);
        }
        return left;
      }
      case "UnaryExpression": {
        const operand = this.expression(e.argument);
        if (e.operator === "typeof" || e.operator === "void" || e.operator === "delete") {
          const kind = e.operator === "typeof" ? KIND.TypeOfExpression : e.operator === "void" ? KIND.VoidExpression : KIND.DeleteExpression;
          return this.adopt(this.make(kind, e, { expression: operand }), operand);
        }
        const operator = OPERATORS[e.operator];
        if (operator === void 0) throw new UnsupportedNode(`unary ${e.operator}`);
        return this.adopt(this.make(KIND.PrefixUnaryExpression, e, { operator, operand }), operand);
      }
      case "UpdateExpression": {
        const operand = this.expression(e.argument);
        const operator = OPERATORS[e.operator];
        const kind = e.prefix ? KIND.PrefixUnaryExpression : KIND.PostfixUnaryExpression;
        return this.adopt(this.make(kind, e, { operator, operand }), operand);
      }
      case "ConditionalExpression": {
        const condition = this.expression(e.test);
        const whenTrue = this.expression(e.consequent);
        const whenFalse = this.expression(e.alternate);
        return this.node(KIND.ConditionalExpression, e, { condition, whenTrue, whenFalse });
      }
      case "AwaitExpression": {
        const expression = this.expression(e.argument);
        return this.node(KIND.AwaitExpression, e, { expression });
      }
      case "YieldExpression": {
        const expression = this.optionalExpression(e.argument);
        const asteriskToken = e.delegate ? this.token(KIND.AsteriskToken, e.start) : void 0;
        return this.adopt(this.make(KIND.YieldExpression, e, { asteriskToken, expression }), expression);
      }
      case "SpreadElement": {
        const expression = this.expression(e.argument);
        return this.node(KIND.SpreadElement, e, { expression });
      }
      case "ArrayExpression": {
        const elements = e.elements.map(
          (el, index, all) => el ? this.expression(el) : this.omitted(all, index, loose(e))
        );
        return this.node(KIND.ArrayLiteralExpression, e, { elements });
      }
      case "ObjectExpression": {
        const properties = e.properties.map((p) => this.objectMember(p));
        return this.node(KIND.ObjectLiteralExpression, e, { properties });
      }
      case "FunctionExpression":
        return this.functionLike(e, KIND.FunctionExpression);
      case "ArrowFunctionExpression": {
        const mods = this.modifiers(e, [], { async: e.async });
        const parameters = this.parameters(e.params);
        const body = e.expression ? this.expression(e.body) : this.block(e.body);
        const equalsGreaterThanToken = this.token(KIND.EqualsGreaterThanToken, body.pos);
        const node = this.make(KIND.ArrowFunction, e, {
          modifiers: mods,
          parameters,
          equalsGreaterThanToken,
          body
        });
        return this.adopt(node, mods, parameters, body);
      }
      case "ClassExpression":
        return this.classLike(e, KIND.ClassExpression);
      case "TSAsExpression":
      case "TSSatisfiesExpression": {
        const expression = this.expression(e.expression);
        const kind = e.type === "TSAsExpression" ? KIND.AsExpression : KIND.SatisfiesExpression;
        return this.node(kind, e, { expression });
      }
      case "TSNonNullExpression": {
        const expression = this.expression(e.expression);
        return this.node(KIND.NonNullExpression, e, { expression });
      }
      case "TSTypeAssertion": {
        const expression = this.expression(e.expression);
        return this.node(KIND.TypeAssertionExpression, e, { expression });
      }
      case "TSInstantiationExpression": {
        const expression = this.expression(e.expression);
        return this.node(KIND.ExpressionWithTypeArguments, e, { expression });
      }
      case "JSXElement":
      case "JSXFragment":
        return this.jsx(e);
      case "ObjectPattern":
      case "ArrayPattern":
      case "AssignmentPattern":
        return this.target(e);
      default:
        throw new UnsupportedNode(e.type);
    }
  }
  objectMember(p) {
    if (p.type === "SpreadElement") {
      const expression = this.expression(p.argument);
      return this.node(KIND.SpreadAssignment, p, { expression });
    }
    if (p.type !== "Property") throw new UnsupportedNode(p.type);
    const value = loose(p.value);
    if (p.kind === "get" || p.kind === "set" || p.method) {
      const f = value;
      const mods = this.modifiers(p, [], { async: f.async });
      const name2 = this.propertyName(p.key, p.computed);
      const parameters = this.parameters(f.params);
      const body = f.body ? this.block(f.body) : void 0;
      const kind = p.kind === "get" ? KIND.GetAccessor : p.kind === "set" ? KIND.SetAccessor : KIND.MethodDeclaration;
      const node = this.make(kind, p, {
        modifiers: mods,
        asteriskToken: f.generator ? this.token(KIND.AsteriskToken, p.start) : void 0,
        name: name2,
        parameters,
        body
      });
      return this.adopt(node, mods, name2, parameters, body);
    }
    if (p.shorthand) {
      const name2 = this.identifier(p.key);
      const objectAssignmentInitializer = value.type === "AssignmentPattern" ? this.expression(value.right) : void 0;
      return this.node(KIND.ShorthandPropertyAssignment, p, { name: name2, objectAssignmentInitializer });
    }
    const name = this.propertyName(p.key, p.computed);
    const initializer = this.expression(value);
    return this.node(KIND.PropertyAssignment, p, { name, initializer });
  }
  template(t) {
    const cooked = (q) => q.value.cooked ?? q.value.raw;
    if (t.expressions.length === 0) {
      return this.make(KIND.NoSubstitutionTemplateLiteral, t, {
        text: cooked(t.quasis[0]),
        rawText: t.quasis[0].value.raw
      });
    }
    const head = this.make(
      KIND.TemplateHead,
      { start: t.start, end: t.quasis[0].end + 2 },
      { text: cooked(t.quasis[0]), rawText: t.quasis[0].value.raw }
    );
    const templateSpans = t.expressions.map((expr, index) => {
      const expression = this.expression(expr);
      const q = t.quasis[index + 1];
      const last = index === t.expressions.length - 1;
      const literal = this.make(
        last ? KIND.TemplateTail : KIND.TemplateMiddle,
        { start: q.start - 1, end: last ? t.end : q.end + 2 },
        { text: cooked(q), rawText: q.value.raw }
      );
      return this.adopt(
        this.make(KIND.TemplateSpan, { start: expression.pos, end: literal.end }, { expression, literal }),
        expression,
        literal
      );
    });
    return this.node(KIND.TemplateExpression, t, { head, templateSpans });
  }
  /** JSX: the compiler's tag and attribute names are identifiers; what a phase reads is the code inside braces. */
  jsx(e) {
    const n = loose(e);
    const kids = [];
    const tagName = (name) => {
      if (name.type === "JSXMemberExpression") {
        const expression = tagName(loose(name.object));
        const member = this.identifier(loose(name.property));
        const node = this.make(KIND.PropertyAccessExpression, name, { expression, name: member });
        return this.adopt(node, expression, member);
      }
      if (name.type === "JSXNamespacedName") return this.make(KIND.JsxNamespacedName, name);
      if (name.name === "this") return this.make(KIND.ThisKeyword, name);
      return this.identifier(name);
    };
    const visitName = (name) => {
      kids.push(tagName(name));
    };
    const child = (c) => {
      switch (c.type) {
        case "JSXText":
          kids.push(this.make(KIND.JsxText, c, { text: c.value }));
          return;
        case "JSXElement":
        case "JSXFragment":
          kids.push(this.jsx(c));
          return;
        case "JSXExpressionContainer":
        case "JSXSpreadChild": {
          const inner = loose(c.expression);
          const expression = inner.type === "JSXEmptyExpression" ? void 0 : this.expression(inner);
          kids.push(this.node(KIND.JsxExpression, c, { expression }));
          return;
        }
        case "StringLiteral":
        case "Literal":
          kids.push(this.literal(c));
          return;
        default:
          throw new UnsupportedNode(c.type);
      }
    };
    if (n.type === "JSXElement") {
      const opening = loose(n.openingElement);
      visitName(loose(opening.name));
      for (const a of opening.attributes) {
        if (a.type === "JSXSpreadAttribute") {
          const expression = this.expression(a.argument);
          kids.push(this.node(KIND.JsxSpreadAttribute, a, { expression }));
          continue;
        }
        const attributeKids = [];
        const name = loose(a.name);
        const nameNode = name.type === "JSXIdentifier" ? this.identifier(name) : this.make(KIND.JsxNamespacedName, name);
        attributeKids.push(nameNode);
        const saved = kids.length;
        if (a.value) child(loose(a.value));
        const initializer = kids.length > saved ? kids.pop() : void 0;
        if (initializer) attributeKids.push(initializer);
        kids.push(this.adopt(this.make(KIND.JsxAttribute, a, { name: nameNode, initializer }), attributeKids));
      }
    }
    for (const c of n.children) child(c);
    const closing = n.closingElement;
    if (closing) visitName(loose(closing.name));
    return this.adopt(this.make(KIND.JsxElement, n), kids);
  }
};
function isTrivia(c) {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 160 || c === 65279 || c > 127 && /\s/.test(String.fromCharCode(c));
}
var UnsupportedNode = class extends Error {
  constructor(type) {
    super(`no conversion for ${type}`);
  }
};
function withinNativeDepth(text) {
  let heavy = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123 || c === 63 || c === 61 || c === 60 || c === 96) heavy++;
  }
  return heavy / 5e3 + text.length / 4e4 <= 0.5;
}
function oxcLang(language) {
  return language === "ts" ? "ts" : language === "tsx" ? "tsx" : "jsx";
}
function parseWithOxc(oxc, fileName, text, language) {
  if (!withinNativeDepth(text)) return void 0;
  const result = oxc.parseSync(fileName, text, { lang: oxcLang(language), sourceType: "unambiguous" });
  if (result.errors.length > 0) return void 0;
  try {
    const program = result.program;
    return new Converter(text, result.comments, program.hashbang).program(
      program,
      fileName
    );
  } catch (error) {
    if (error instanceof UnsupportedNode || error instanceof RangeError) return void 0;
    throw error;
  }
}

// src/analysis/js/resolve.ts
var MAX_RESOLVE_DEPTH = 40;
var WINDOW_NAMES = /* @__PURE__ */ new Set(["window", "globalThis", "self", "parent", "top"]);
var WEB_GLOBALS = /* @__PURE__ */ new Map([
  ["localStorage", "localStorage"],
  ["sessionStorage", "sessionStorage"],
  ["indexedDB", "indexedDB"],
  ["document", "document"],
  ["$", "jquery"],
  ["jQuery", "jquery"],
  ["Cookies", "Cookies"]
]);
var Resolver = class {
  constructor(m) {
    this.m = m;
  }
  m;
  /** `require('./x')` where `require` is not a local name: the module key, when it is a scanned file. */
  requiredModule(node, scope) {
    const callee = unwrap(node.expression);
    const arg = node.arguments[0];
    if (!ts.isIdentifier(callee) || callee.text !== "require" || !arg || !ts.isStringLiteral(arg)) return void 0;
    if (scope.lookup("require")) return void 0;
    return { key: this.m.options.resolveModule?.(arg.text) };
  }
  /** What a module exports, as a namespace reference (and a dependency on it). */
  moduleNamespace(key) {
    if (!key) return void 0;
    this.m.dependencies.add(`module:${key}`);
    const exports = this.m.options.registry.modules.get(key);
    return exports ? { kind: "namespace", members: { ...exports }, traits: ["imported"] } : void 0;
  }
  resolve(node, scope, depth) {
    if (depth > MAX_RESOLVE_DEPTH) return void 0;
    const d = depth + 1;
    if (isFunctionLike(node)) {
      const fn = this.m.functionByNode.get(node);
      return fn?.def ? { kind: "callable", def: fn.def, traits: [] } : void 0;
    }
    if (ts.isClassLike(node)) return { kind: "object", obj: this.m.objectFor(node), traits: [] };
    if (!ts.isExpression(node)) return void 0;
    const e = unwrap(node);
    if (ts.isIdentifier(e)) return this.resolveIdentifier(e.text, scope);
    if (ts.isAwaitExpression(e)) {
      const settled = this.resolve(e.expression, scope, d);
      return settled?.kind === "promise" ? settled.value : settled;
    }
    if (ts.isNewExpression(e)) {
      const cls = this.resolve(e.expression, scope, d);
      return cls?.kind === "object" || cls?.kind === "namespace" ? cls : void 0;
    }
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      const obj = scope.thisObj();
      return obj ? { kind: "object", obj, traits: [] } : void 0;
    }
    if (ts.isPropertyAccessExpression(e)) {
      if (ts.isPrivateIdentifier(e.name)) return void 0;
      const traits = e.questionDotToken ? ["optional-chaining"] : [];
      return this.member(this.resolve(e.expression, scope, d), e.name.text, traits, d);
    }
    if (ts.isElementAccessExpression(e)) {
      const key = literalKey(e.argumentExpression);
      if (key === void 0) return void 0;
      const traits = ["element-access"];
      if (e.questionDotToken) traits.push("optional-chaining");
      return this.member(this.resolve(e.expression, scope, d), key, traits, d);
    }
    if (ts.isBinaryExpression(e)) {
      switch (e.operatorToken.kind) {
        case ts.SyntaxKind.AmpersandAmpersandToken:
        case ts.SyntaxKind.CommaToken:
        case ts.SyntaxKind.EqualsToken:
          return this.resolve(e.right, scope, d);
        case ts.SyntaxKind.BarBarToken:
        case ts.SyntaxKind.QuestionQuestionToken:
          return this.resolve(e.left, scope, d) ?? this.resolve(e.right, scope, d);
        default:
          return void 0;
      }
    }
    if (ts.isConditionalExpression(e)) {
      return this.resolve(e.whenTrue, scope, d) ?? this.resolve(e.whenFalse, scope, d);
    }
    if (ts.isObjectLiteralExpression(e)) return { kind: "object", obj: this.objectLiteral(e, scope), traits: [] };
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "bind") {
        const bound = this.resolve(callee.expression, scope, d);
        return bound && bound.kind !== "object" ? addTraits(bound, ["bind-call-apply"]) : bound;
      }
      const required = this.requiredModule(e, scope);
      if (required) return this.moduleNamespace(required.key);
      const target = this.resolve(callee, scope, d);
      if (target?.kind === "callable" && target.def.returns) {
        const value = addTraits(target.def.returns, [...target.traits, "alias"]);
        return target.def.async ? { kind: "promise", value, traits: [] } : value;
      }
      return void 0;
    }
    return void 0;
  }
  resolveIdentifier(name, scope) {
    const binding = scope.lookup(name);
    if (binding) return binding.ref;
    if (name === "sforce") return { kind: "api", path: ["sforce"], traits: [] };
    if (WINDOW_NAMES.has(name)) return { kind: "window", traits: [] };
    const web = WEB_GLOBALS.get(name);
    if (web) return { kind: "web", name: web, traits: [] };
    this.m.dependencies.add(`global:${name}`);
    const global = this.m.options.registry.globals.get(name);
    return global ? addTraits(global, ["imported"]) : void 0;
  }
  member(base, name, traits, depth) {
    if (!base) return void 0;
    switch (base.kind) {
      case "api":
        return { kind: "api", path: [...base.path, name], traits: mergeTraits(base.traits, traits) };
      case "window": {
        const t = mergeTraits(base.traits, traits);
        if (name === "sforce")
          return { kind: "api", path: ["sforce"], traits: mergeTraits(t, ["global-object"]) };
        if (WINDOW_NAMES.has(name)) return { kind: "window", traits: t };
        const web = WEB_GLOBALS.get(name);
        if (web) return { kind: "web", name: web, traits: t };
        const local = this.m.root.names.get(name)?.ref;
        if (!local) this.m.dependencies.add(`global:${name}`);
        const own = local ?? this.m.options.registry.globals.get(name);
        return own ? addTraits(own, t) : void 0;
      }
      case "web":
        return this.webMember(base.name, name, base.traits, base.api);
      case "namespace": {
        const ref = base.members[name];
        return ref ? addTraits(ref, mergeTraits(base.traits, traits)) : void 0;
      }
      case "object": {
        const m = base.obj.members.get(name);
        if (!m) return void 0;
        const ref = m.ref ?? (m.value ? this.resolve(m.value.expr, m.value.scope, depth + 1) : void 0);
        if (!ref) return void 0;
        return ref.kind === "object" ? ref : addTraits(ref, mergeTraits(traits, ["object-member"]));
      }
      case "callable":
      case "promise":
        return void 0;
    }
  }
  webMember(base, name, traits, api) {
    switch (base) {
      case "document":
        if (name === "cookie") return { kind: "web", name: "cookie", traits, api: "document.cookie" };
        if (name === "requestStorageAccess") {
          return { kind: "web", name: "storage-access", traits, api: "document.requestStorageAccess" };
        }
        return void 0;
      case "jquery":
        return name === "cookie" || name === "removeCookie" ? { kind: "web", name: "cookie", traits, api: `$.${name}` } : void 0;
      case "Cookies":
        return ["set", "get", "remove"].includes(name) ? { kind: "web", name: "cookie", traits, api: `Cookies.${name}` } : void 0;
      case "cookie":
      case "localStorage":
      case "sessionStorage":
      case "indexedDB":
        return { kind: "web", name: base, traits, ...api ? { api } : {} };
      case "storage-access":
        return void 0;
    }
  }
  populatedLiterals = /* @__PURE__ */ new Set();
  objectLiteral(node, scope) {
    const obj = this.m.objectFor(node);
    if (this.populatedLiterals.has(node)) return obj;
    this.populatedLiterals.add(node);
    for (const prop of node.properties) {
      if (ts.isPropertyAssignment(prop)) {
        const key = propertyNameText(prop.name);
        if (key !== void 0 && !obj.members.has(key)) {
          obj.members.set(key, { value: { expr: prop.initializer, scope } });
        }
      } else if (ts.isShorthandPropertyAssignment(prop)) {
        if (!obj.members.has(prop.name.text)) {
          obj.members.set(prop.name.text, { value: { expr: prop.name, scope } });
        }
      } else if (ts.isMethodDeclaration(prop)) {
        const key = propertyNameText(prop.name);
        if (key !== void 0 && !obj.members.has(key)) obj.members.set(key, { value: { expr: prop, scope } });
      }
    }
    return obj;
  }
  viewOf(node, scope, depth, seen = /* @__PURE__ */ new Set()) {
    if (depth > MAX_VIEW_DEPTH) return UNKNOWN;
    if (isFunctionLike(node)) return { kind: "function" };
    if (!ts.isExpression(node)) return UNKNOWN;
    const e = unwrap(node);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
      return { kind: "string", value: e.text, partial: false };
    }
    if (ts.isTemplateExpression(e)) {
      const value = e.head.text + e.templateSpans.map((s) => `\0${s.literal.text}`).join("");
      return { kind: "string", value, partial: true };
    }
    if (ts.isNumericLiteral(e)) return { kind: "number", value: Number(e.text) };
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) {
      return { kind: "number", value: -Number(e.operand.text) };
    }
    if (e.kind === ts.SyntaxKind.TrueKeyword) return { kind: "boolean", value: true };
    if (e.kind === ts.SyntaxKind.FalseKeyword) return { kind: "boolean", value: false };
    if (ts.isArrayLiteralExpression(e)) return { kind: "array" };
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.viewOf(e.left, scope, depth + 1, seen);
      const right = this.viewOf(e.right, scope, depth + 1, seen);
      if (left.kind === "string" || right.kind === "string") {
        const text = (v) => v.kind === "string" ? v.value : "\0";
        return { kind: "string", value: text(left) + text(right), partial: true };
      }
      return UNKNOWN;
    }
    if (ts.isObjectLiteralExpression(e)) {
      return this.objectView(this.objectLiteral(e, scope), depth, seen, e);
    }
    if (ts.isIdentifier(e)) {
      const binding = scope.lookup(e.text);
      if (binding?.isFunction) return { kind: "function" };
      if (binding?.fromArgs)
        return binding.ref?.kind === "api" ? { kind: "api", path: binding.ref.path } : UNKNOWN;
      if (binding?.values && binding.values.length > 1) {
        const fn = enclosingFunction(e);
        const before = binding.values.filter((v) => v.fn === fn && v.pos < e.pos);
        const last = before[before.length - 1];
        return last ? this.viewOf(last.expr, last.scope, depth + 1, seen) : UNKNOWN;
      }
    }
    const ref = this.resolve(e, scope, 0);
    if (ref?.kind === "api") return { kind: "api", path: ref.path };
    if (ref?.kind === "callable") return { kind: "function" };
    if (ref?.kind === "object") return this.objectView(ref.obj, depth, seen);
    return UNKNOWN;
  }
  objectView(obj, depth, seen, literal) {
    if (seen.has(obj.id)) return UNKNOWN;
    const inner = new Set(seen).add(obj.id);
    const props = {};
    for (const [key, m] of obj.members) {
      props[key] = m.value ? this.viewOf(m.value.expr, m.value.scope, depth + 1, inner) : UNKNOWN;
    }
    const spread = literal !== void 0 && literal.properties.some(
      (p) => ts.isSpreadAssignment(p) || p.name !== void 0 && propertyNameText(p.name) === void 0
    );
    return { kind: "object", props, spread };
  }
  /** Resolves an object member for export (members are resolved lazily). */
  memberRef(obj, key) {
    return this.member({ kind: "object", obj, traits: [] }, key, [], 0);
  }
};

// src/analysis/js/solve.ts
var FIXPOINT_ROUNDS = 8;
function refSignature(ref) {
  if (!ref) return "-";
  switch (ref.kind) {
    case "api":
      return `a:${ref.path.join(".")}:${[...ref.traits].sort().join(",")}`;
    case "window":
      return `w:${[...ref.traits].sort().join(",")}`;
    case "web":
      return `b:${ref.name}`;
    case "callable":
      return `c:${ref.def.id}:${callableSignature(ref.def)}`;
    case "namespace":
      return `n:${Object.keys(ref.members).sort().join(",")}`;
    case "object":
      return `o:${ref.obj.id}`;
    case "promise":
      return `p:${refSignature(ref.value)}`;
  }
}
function callableSignature(def) {
  if (!def) return "-";
  return JSON.stringify([def.calls, def.returns ? refSignature(def.returns) : "", def.async ?? false]);
}
function mayResolve(expr) {
  const e = unwrap(expr);
  switch (e.kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.ClassExpression:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.ConditionalExpression:
      return true;
    case ts.SyntaxKind.BinaryExpression:
      switch (e.operatorToken.kind) {
        case ts.SyntaxKind.AmpersandAmpersandToken:
        case ts.SyntaxKind.BarBarToken:
        case ts.SyntaxKind.QuestionQuestionToken:
        case ts.SyntaxKind.CommaToken:
        case ts.SyntaxKind.EqualsToken:
          return true;
        default:
          return false;
      }
    default:
      return false;
  }
}
var Solver = class {
  constructor(m, r, w) {
    this.m = m;
    this.r = r;
    this.w = w;
  }
  m;
  r;
  w;
  solve() {
    const helper = this.m.options.auraHelper;
    if (this.m.options.auraHelperKey) this.m.dependencies.add(`module:${this.m.options.auraHelperKey}`);
    if (helper) {
      for (const fn of this.m.rec.functions) {
        const binding = fn.scope.names.get("helper");
        if (binding?.paramOf === fn) binding.ref = addTraits(helper, ["object-member"]);
      }
    }
    for (const pending of this.m.pendingParameterBindings) {
      const fn = this.m.functionByNode.get(pending.fnNode);
      const binding = fn?.scope.names.get(pending.name);
      if (binding) {
        this.m.rec.decls.push({
          kind: "init",
          binding,
          expr: pending.arg,
          scope: pending.scope,
          keys: [],
          trait: "alias"
        });
      }
    }
    for (let round = 0; round < FIXPOINT_ROUNDS; round++) {
      let changed = this.bindArguments();
      for (const decl of this.m.rec.decls) {
        const ref = this.resolveDecl(decl);
        if (refSignature(ref) !== refSignature(decl.binding.ref)) {
          decl.binding.ref = ref;
          changed = true;
        }
      }
      for (const assignment of this.m.rec.assignments) {
        if (this.applyAssignment(assignment.left, assignment.right, assignment.scope)) changed = true;
      }
      for (const fn of this.m.rec.functions) {
        const def = this.w.callableOf(fn);
        const signature = callableSignature(def);
        if (signature !== fn.signature) {
          fn.def = def;
          fn.signature = signature;
          changed = true;
        }
      }
      if (!changed) break;
    }
  }
  resolveDecl(decl) {
    switch (decl.kind) {
      case "function":
        return decl.fn.def ? { kind: "callable", def: decl.fn.def, traits: [] } : void 0;
      case "import": {
        if (decl.name === "*") return this.r.moduleNamespace(decl.module);
        if (!decl.module) return void 0;
        this.m.dependencies.add(`module:${decl.module}`);
        const ref = this.m.options.registry.modules.get(decl.module)?.[decl.name];
        return ref ? addTraits(ref, ["imported"]) : void 0;
      }
      case "init": {
        let ref = this.r.resolve(decl.expr, decl.scope, 0);
        for (const key of decl.keys) ref = this.r.member(ref, key, [], 0);
        if (!ref) return void 0;
        if (ref.kind === "object" || ref.kind === "callable" || ref.kind === "promise") return ref;
        const e = unwrap(decl.expr);
        if (decl.keys.length === 0 && ts.isCallExpression(e) && this.r.requiredModule(e, decl.scope))
          return ref;
        return addTraits(ref, [decl.trait]);
      }
      case "args":
        for (const c of decl.candidates) {
          let ref = this.r.resolve(c.expr, c.scope, 0);
          if (c.awaited) ref = ref?.kind === "promise" ? ref.value : void 0;
          if (!ref) continue;
          if (ref.kind === "object" || ref.kind === "callable" || ref.kind === "promise") return ref;
          return addTraits(ref, ["alias"]);
        }
        return void 0;
    }
  }
  argDecls = /* @__PURE__ */ new Map();
  declaredParams;
  /**
   * Binds the parameters of named functions, methods and constructors to what their call sites pass
   * (`function pop(cti) { cti.screenPop() } pop(sforce.opencti)`), and the parameter of a `.then` callback to
   * what the promise settles to. Returns true when a new candidate was found.
   */
  bindArguments() {
    this.argumentSites ??= this.callSitesWithArguments();
    let changed = false;
    const open = [];
    for (const site of this.argumentSites) {
      const { node, scope, callee } = site;
      const args = node.arguments;
      if (site.name === "then" && ts.isPropertyAccessExpression(callee)) {
        const callback = args[0] && unwrap(args[0]);
        const fn2 = callback && isFunctionLike(callback) ? this.m.functionByNode.get(callback) : void 0;
        if (!fn2) continue;
        if (this.r.resolve(callee.expression, scope, 0)?.kind !== "promise") {
          open.push(site);
          continue;
        }
        if (this.addCandidate(fn2, 0, { expr: callee.expression, scope, awaited: true })) changed = true;
        continue;
      }
      const fn = ts.isNewExpression(node) ? this.constructorOf(callee, scope) : this.calleeFunction(callee, scope);
      if (!fn) {
        open.push(site);
        continue;
      }
      args.forEach((arg, index) => {
        if (ts.isSpreadElement(arg) || !mayResolve(arg)) return;
        if (this.addCandidate(fn, index, { expr: arg, scope })) changed = true;
      });
    }
    this.argumentSites = open;
    return changed;
  }
  argumentSites;
  /** The calls and `new` expressions with arguments whose callee is named like a function with parameters. */
  callSitesWithArguments() {
    const names = /* @__PURE__ */ new Set(["then"]);
    for (const fn of this.m.rec.functions) {
      if (fn.node.parameters.length === 0) continue;
      names.add(fn.name.slice(fn.name.lastIndexOf(".") + 1));
      if (ts.isConstructorDeclaration(fn.node)) {
        const owner = fn.node.parent;
        if (owner.name) names.add(owner.name.text);
        if (ts.isClassExpression(owner) && ts.isVariableDeclaration(owner.parent)) {
          names.add(owner.parent.name.getText(this.m.sf));
        }
      }
    }
    const sites = [];
    if (names.size === 1) return sites;
    for (const { node, scope } of [...this.m.rec.calls, ...this.m.rec.constructions]) {
      if (!node.arguments || node.arguments.length === 0) continue;
      const callee = unwrap(node.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : void 0;
      if (name !== void 0 && names.has(name)) sites.push({ node, scope, callee, name });
    }
    return sites;
  }
  addCandidate(fn, index, candidate) {
    const param = fn.node.parameters[index];
    if (!param || param.dotDotDotToken || !ts.isIdentifier(param.name)) return false;
    const binding = fn.scope.names.get(param.name.text);
    if (binding?.paramOf !== fn) return false;
    let decl = this.argDecls.get(binding);
    if (!decl) {
      this.declaredParams ??= new Set(this.m.rec.decls.map((d) => d.binding));
      if (this.declaredParams.has(binding)) return false;
      decl = { kind: "args", binding, candidates: [], seen: /* @__PURE__ */ new Set() };
      this.argDecls.set(binding, decl);
      this.m.rec.decls.push(decl);
      binding.fromArgs = true;
    }
    if (decl.seen.has(candidate.expr)) return false;
    decl.seen.add(candidate.expr);
    decl.candidates.push(candidate);
    return true;
  }
  /** The function a call expression's callee names: a declared function, a function value, a method. */
  calleeFunction(callee, scope) {
    if (isFunctionLike(callee)) return void 0;
    let node;
    if (ts.isIdentifier(callee)) {
      const binding = scope.lookup(callee.text);
      if (binding?.fn) return binding.fn;
      const only = binding?.values?.length === 1 ? binding.values[0]?.expr : void 0;
      node = only && unwrap(only);
    } else if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      const key = ts.isPropertyAccessExpression(callee) ? callee.name.text : literalKey(callee.argumentExpression);
      const base = key === void 0 ? void 0 : this.r.resolve(callee.expression, scope, 0);
      node = base?.kind === "object" && key !== void 0 ? base.obj.members.get(key)?.value?.expr : void 0;
    }
    return node && isFunctionLike(node) ? this.m.functionByNode.get(node) : void 0;
  }
  /** The constructor `new X(...)` runs, when X is a class of this unit. */
  constructorOf(callee, scope) {
    const ref = this.r.resolve(callee, scope, 0);
    const node = ref?.kind === "object" ? ref.obj.node : void 0;
    if (!node || !ts.isClassLike(node)) return this.calleeFunction(callee, scope);
    const ctor = node.members.find(ts.isConstructorDeclaration);
    return ctor ? this.m.functionByNode.get(ctor) : void 0;
  }
  /** Applies `left = right`; returns true when something changed. */
  applyAssignment(left, right, scope) {
    const target = unwrap(left);
    if (ts.isIdentifier(target)) {
      if (!this.m.isModule && target.text === "sforce" && !scope.lookup("sforce")) return false;
      const value = this.r.resolve(right, scope, 0);
      if (!value) return false;
      let binding = scope.lookup(target.text);
      if (!binding) binding = this.m.root.declare(target.text);
      if (value.kind === "object" && binding.ref?.kind === "object" && (binding.values?.length ?? 0) > 1)
        return false;
      const ref = value.kind === "object" || value.kind === "callable" ? value : addTraits(value, ["alias"]);
      if (refSignature(ref) === refSignature(binding.ref)) return false;
      binding.ref = ref;
      return true;
    }
    if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return false;
    const key = ts.isPropertyAccessExpression(target) ? target.name.text : literalKey(target.argumentExpression);
    if (key === void 0) return false;
    const base = this.r.resolve(target.expression, scope, 0);
    if (base?.kind === "object") {
      if (base.obj.members.get(key)?.value?.expr === right) return false;
      base.obj.members.set(key, { value: { expr: right, scope } });
      return true;
    }
    if (base?.kind === "window" && key !== "sforce") {
      const value = this.r.resolve(right, scope, 0);
      if (!value) return false;
      const binding = this.m.root.declare(key);
      if (refSignature(value) === refSignature(binding.ref)) return false;
      binding.ref = value;
      this.m.windowGlobals.add(key);
      return true;
    }
    return false;
  }
};

// src/analysis/javascript.ts
function scriptKind(ts3, language) {
  switch (language) {
    case "ts":
      return ts3.ScriptKind.TS;
    case "tsx":
      return ts3.ScriptKind.TSX;
    case "jsx":
      return ts3.ScriptKind.JSX;
    default:
      return ts3.ScriptKind.JS;
  }
}
var MAX_PARENT_DEPTH = 2e3;
function setParents(ts3, sf) {
  let parent = sf;
  let depth = 0;
  let tooDeep = false;
  const visit = (child) => {
    child.parent = parent;
    if (++depth > MAX_PARENT_DEPTH) {
      tooDeep = true;
      return true;
    }
    const saved = parent;
    parent = child;
    const stop = ts3.forEachChild(child, visit) ?? false;
    parent = saved;
    depth--;
    return stop;
  };
  ts3.forEachChild(sf, visit);
  return !tooDeep;
}
function parseWithTypeScript(text, options) {
  const ts3 = loadCompiler();
  const target = { languageVersion: ts3.ScriptTarget.Latest, jsDocParsingMode: ts3.JSDocParsingMode.ParseNone };
  let sf = ts3.createSourceFile(options.file, text, target, false, scriptKind(ts3, options.language));
  if (!setParents(ts3, sf)) {
    sf = ts3.createSourceFile(options.file, text, target, true, scriptKind(ts3, options.language));
  }
  const parseDiagnostics = sf.parseDiagnostics ?? [];
  const firstError = parseDiagnostics[0];
  if (firstError) {
    return {
      syntaxError: {
        offset: firstError.start ?? 0,
        message: ts3.flattenDiagnosticMessageText(firstError.messageText, " ")
      }
    };
  }
  return { sf, compiler: ts3 };
}
function parseUnit(text, options) {
  const oxc = loadOxcParser();
  const sf = oxc && parseWithOxc(oxc, options.file, text, options.language);
  return sf ? { sf, compiler: oxcCompiler } : parseWithTypeScript(text, options);
}
function analyzeParsed(parsed, options) {
  if ("syntaxError" in parsed) {
    return {
      detections: [],
      exports: { globals: {}, moduleExports: {} },
      dependencies: [],
      syntaxError: parsed.syntaxError
    };
  }
  useCompiler(parsed.compiler);
  const model = new UnitModel(parsed.sf, options);
  const resolver = new Resolver(model);
  const wrappers = new Wrappers(model, resolver);
  new Collector(model).run();
  new Solver(model, resolver, wrappers).solve();
  const detections = new Emitter(model, resolver, wrappers).run();
  const exporter = new ExportCollector(model, resolver);
  const exports = exporter.collectExports();
  const result = { detections, exports, dependencies: [...model.dependencies].sort() };
  const bundleObject = exporter.bundleObject();
  if (bundleObject) result.bundleObject = bundleObject;
  return result;
}
function analyzeJavaScript(text, options) {
  return analyzeParsed(parseUnit(text, options), options);
}

// src/analysis/char-scan.ts
var C = {
  Tab: 9,
  LineFeed: 10,
  CarriageReturn: 13,
  Space: 32,
  Bang: 33,
  DoubleQuote: 34,
  Dollar: 36,
  Percent: 37,
  Ampersand: 38,
  SingleQuote: 39,
  OpenParen: 40,
  CloseParen: 41,
  Asterisk: 42,
  Plus: 43,
  Comma: 44,
  Minus: 45,
  Dot: 46,
  Slash: 47,
  Digit0: 48,
  Digit9: 57,
  Semicolon: 59,
  LessThan: 60,
  Equals: 61,
  GreaterThan: 62,
  Question: 63,
  UpperA: 65,
  UpperZ: 90,
  OpenBracket: 91,
  Backslash: 92,
  CloseBracket: 93,
  Caret: 94,
  Underscore: 95,
  Backtick: 96,
  LowerA: 97,
  LowerZ: 122,
  OpenBrace: 123,
  Bar: 124,
  CloseBrace: 125
};
function isWordChar(c) {
  return c >= C.LowerA && c <= C.LowerZ || c >= C.UpperA && c <= C.UpperZ || c >= C.Digit0 && c <= C.Digit9 || c === C.Underscore || c === C.Dollar || c > 127;
}
function isSpace(c) {
  if (c <= C.Space) return c === C.Space || c >= C.Tab && c <= C.CarriageReturn;
  if (c < 160) return false;
  return c === 160 || c === 5760 || c >= 8192 && c <= 8202 || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}
function countLineFeeds(text, start, end) {
  let n = 0;
  for (let i = text.indexOf("\n", start); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
function stringStop(text, start, end, quote) {
  let i = start + 1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === C.Backslash) i++;
    else if (c === quote || c === C.LineFeed) return i;
  }
  return i;
}
function templateTextStop(text, start, end) {
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === C.Backslash) i++;
    else if (c === C.Backtick) return i;
    else if (c === C.Dollar && text.charCodeAt(i + 1) === C.OpenBrace) return i + 1;
  }
  return i;
}

// src/analysis/mask.ts
var ASSIGNMENT_PREFIXES = [
  C.Equals,
  C.Bang,
  C.LessThan,
  C.GreaterThan,
  C.Plus,
  C.Minus,
  C.Asterisk,
  C.Slash,
  C.Percent,
  C.Ampersand,
  C.Bar,
  C.Caret,
  C.Question
];
var OPERATOR_WORDS = /* @__PURE__ */ new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
  // Not operators, but a line break after them never ends a statement worth splitting (joining is always safe).
  "var",
  "let",
  "const",
  "function",
  "class",
  "async",
  "export",
  "import",
  "default",
  "extends",
  "static",
  "get",
  "set",
  "enum",
  "interface",
  "type",
  "namespace",
  "module",
  "declare",
  "abstract",
  "readonly",
  "public",
  "private",
  "protected",
  "from",
  "as"
]);
var CONTINUING_WORDS = /* @__PURE__ */ new Set([
  "else",
  "catch",
  "finally",
  "while",
  "in",
  "of",
  "instanceof",
  "as",
  "satisfies",
  "extends",
  "implements",
  "from"
]);
var NOT_NAMES = /* @__PURE__ */ new Set(["var", "let", "const", "import", "as", "from", "type", "typeof"]);
var MODIFIERS = /* @__PURE__ */ new Set(["export", "default", "declare", "async", "abstract"]);
var NAMED_DECLARATIONS = /* @__PURE__ */ new Set(["function", "class", "enum", "interface", "type", "namespace", "module"]);
var isDigit = (c) => c >= C.Digit0 && c <= C.Digit9;
function scanStatements(text, from, to, collect = true) {
  const statements = [];
  const words = collect ? { ids: /* @__PURE__ */ new Map(), declared: /* @__PURE__ */ new Set() } : void 0;
  const id = (w) => {
    let n = words.ids.get(w);
    if (n === void 0) {
      n = words.ids.size;
      words.ids.set(w, n);
    }
    return n;
  };
  const declare = (w) => {
    if (words) words.declared.add(id(w));
  };
  const templates = [];
  const braces = [];
  let body;
  let depth = 0;
  let last = "operator";
  let lastChar = 0;
  let afterDot = false;
  let lineBreak = false;
  let current;
  let head = 0;
  let kind = "other";
  let binding = false;
  let expectName = false;
  let lastWord;
  let lastWordEnd = -1;
  let afterBlock = false;
  let end = from;
  let i = from;
  const close = () => {
    if (current) {
      current.end = end;
      statements.push(current);
      current = void 0;
    }
  };
  const open = (at) => {
    current = { start: at, end: at, moduleSyntax: false };
    head = 0;
    kind = "other";
    binding = false;
    expectName = false;
    lastWord = void 0;
    afterBlock = false;
    return current;
  };
  const skipString = (quote) => {
    i = stringStop(text, i, to, quote);
    return i < to && text.charCodeAt(i) === quote;
  };
  const skipTemplate = () => {
    i = templateTextStop(text, i, to);
    return i < to ? text.charCodeAt(i) === C.Backtick : void 0;
  };
  const templateText = () => {
    i++;
    const closed = skipTemplate();
    if (closed === void 0) return false;
    if (closed) {
      last = "value";
    } else {
      depth++;
      templates.push(depth);
      braces.push({ at: i, body: false });
      last = "operator";
    }
    return true;
  };
  for (; i < to; i++) {
    if (depth > 0 && !(kind === "binding" && binding || kind === "import")) {
      NESTED_STOP.lastIndex = i;
      if (!NESTED_STOP.test(text) || NESTED_STOP.lastIndex > to) {
        i = to;
        break;
      }
      i = NESTED_STOP.lastIndex - 1;
    }
    const c = text.charCodeAt(i);
    if (c === C.Space || c === C.Tab || c === C.CarriageReturn) continue;
    if (c === C.LineFeed) {
      if (depth === 0 && current) lineBreak = true;
      continue;
    }
    if (c === C.Slash) {
      const d = text.charCodeAt(i + 1);
      if (d === C.Slash) {
        const eol = text.indexOf("\n", i);
        i = (eol < 0 || eol > to ? to : eol) - 1;
        continue;
      }
      if (d === C.Asterisk) {
        const close2 = text.indexOf("*/", i + 2);
        if (close2 < 0 || close2 + 2 > to) return void 0;
        const comment = text.slice(i, close2);
        if (depth === 0 && current && comment.includes("\n")) lineBreak = true;
        i = close2 + 1;
        continue;
      }
    }
    const word = isWordChar(c) && !isDigit(c);
    if (depth === 0 && current && word && (lineBreak || afterBlock)) {
      let j = i;
      while (j < to && isWordChar(text.charCodeAt(j))) j++;
      const next = text.slice(i, j);
      if (!CONTINUING_WORDS.has(next) && (afterBlock || last === "value" && lastChar !== C.Dot)) {
        end = endBefore(text, i);
        close();
      }
    }
    lineBreak = false;
    afterBlock = false;
    if (depth === 0 && !current) open(i);
    const s = current;
    if (isWordChar(c)) {
      const start = i;
      while (i + 1 < to && isWordChar(text.charCodeAt(i + 1))) i++;
      const w = text.slice(start, i + 1);
      if (isDigit(c)) {
        last = "value";
        lastChar = c;
        afterDot = false;
        continue;
      }
      if (depth === 0 && !afterDot) {
        if (head === 0 && (w === "import" || w === "export")) {
          const after = text.charCodeAt(nextSignificant(text, i + 1, to));
          if (w === "export" || after !== C.OpenParen && after !== C.Dot) s.moduleSyntax = true;
        }
        if (kind === "other" && head === 0 && (w === "module" || w === "exports")) {
          if (/^(module\.exports|exports\.)/.test(text.slice(start, start + 15))) s.moduleSyntax = true;
        }
        if (expectName) {
          if (w !== "function" && !MODIFIERS.has(w)) {
            declare(w);
            expectName = false;
          }
        } else if (w === "var" || w === "let" || w === "const") {
          kind = "binding";
          binding = true;
        } else if (w === "function" || w === "class") {
          if (kind === "other") kind = "named";
          expectName = true;
        } else if (kind === "other" && (head === 0 || MODIFIERS.has(lastWord ?? ""))) {
          if (NAMED_DECLARATIONS.has(w)) {
            kind = "named";
            expectName = true;
          } else if (w === "import") {
            kind = "import";
          } else if (!MODIFIERS.has(w)) {
            kind = "expression";
          }
        }
        head++;
      }
      if (kind === "binding" && binding || kind === "import") {
        if (!NOT_NAMES.has(w)) declare(w);
      }
      lastWord = w;
      lastWordEnd = i + 1;
      last = !afterDot && OPERATOR_WORDS.has(w) ? "operator" : "value";
      lastChar = c;
      afterDot = false;
      continue;
    }
    afterDot = c === C.Dot;
    if (c !== C.Asterisk) expectName = false;
    const previous = depth > 0 ? significantBefore(text, i) : lastChar;
    if (depth > 0 && c === C.Slash) last = valueBefore(text, i) ? "value" : "operator";
    lastChar = c;
    switch (c) {
      case C.DoubleQuote:
      case C.SingleQuote:
        if (!skipString(c)) return void 0;
        last = "value";
        continue;
      case C.Backtick:
        if (!templateText()) return void 0;
        continue;
      case C.Slash: {
        if (last === "value") {
          last = "operator";
          continue;
        }
        let inClass = false;
        for (i++; i < to; i++) {
          const r = text.charCodeAt(i);
          if (r === C.Backslash) i++;
          else if (r === C.OpenBracket) inClass = true;
          else if (r === C.CloseBracket) inClass = false;
          else if (r === C.Slash && !inClass) break;
          else if (r === C.LineFeed) return void 0;
        }
        last = "value";
        continue;
      }
      case C.OpenBrace:
        braces.push({ at: i, body: previous === C.CloseParen || isArrow(text, i) });
        depth++;
        last = "operator";
        continue;
      case C.OpenParen:
      case C.OpenBracket:
        braces.push({ at: i, body: false });
        depth++;
        last = "operator";
        continue;
      case C.CloseParen:
      case C.CloseBracket:
        braces.pop();
        depth--;
        if (depth < 0) return void 0;
        last = "value";
        continue;
      case C.CloseBrace: {
        const brace = braces.pop();
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          depth--;
          if (!templateText()) return void 0;
          continue;
        }
        depth--;
        if (depth < 0) return void 0;
        if (brace?.body && (!body || i - brace.at > body.close - body.open))
          body = { open: brace.at, close: i };
        last = "value";
        if (depth === 0) afterBlock = true;
        continue;
      }
      case C.Semicolon:
        last = "operator";
        if (depth === 0) {
          end = i + 1;
          close();
        }
        continue;
      case C.Equals: {
        last = "operator";
        if (depth !== 0) continue;
        const next = text.charCodeAt(i + 1);
        const assignment = next !== C.Equals && next !== C.GreaterThan && !ASSIGNMENT_PREFIXES.includes(text.charCodeAt(i - 1));
        if (!assignment) {
          if (next === C.Equals || next === C.GreaterThan) i++;
          continue;
        }
        if (kind === "binding") binding = false;
        else if (kind === "expression" && lastWord && lastWordEnd === i - countSpaces(text, i)) {
          declare(lastWord);
        }
        continue;
      }
      case C.Comma:
        last = "operator";
        if (depth === 0 && kind === "binding") binding = true;
        continue;
      default:
        if ((c === C.Plus || c === C.Minus) && text.charCodeAt(i + 1) === c) {
          i++;
          lastChar = c;
          if (last !== "value") last = "operator";
          continue;
        }
        last = "operator";
        continue;
    }
  }
  if (depth !== 0 || templates.length > 0) return void 0;
  if (current) end = endBefore(text, to);
  close();
  return { statements, ...words ? { words } : {}, ...body ? { body } : {} };
}
var NESTED_STOP = /["'`/{}()[\]]/g;
function significantBefore(text, at) {
  let j = at - 1;
  while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
  return j < 0 ? 0 : text.charCodeAt(j);
}
function valueBefore(text, at) {
  let j = at - 1;
  for (; ; ) {
    while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
    if (j < 0) return false;
    if (text.charCodeAt(j) === C.Slash && text.charCodeAt(j - 1) === C.Asterisk) {
      const open = text.lastIndexOf("/*", j - 2);
      if (open < 0) return false;
      j = open - 1;
      continue;
    }
    const lineStart = text.lastIndexOf("\n", j) + 1;
    const comment = text.indexOf("//", lineStart);
    if (comment >= 0 && comment < j && lineStart < at && text.lastIndexOf("\n", at - 1) >= lineStart) {
      j = comment - 1;
      continue;
    }
    break;
  }
  const c = text.charCodeAt(j);
  if (c === C.CloseParen || c === C.CloseBracket || c === C.CloseBrace || c === C.DoubleQuote || c === C.SingleQuote || c === C.Backtick) {
    return true;
  }
  if ((c === C.Plus || c === C.Minus) && text.charCodeAt(j - 1) === c) return valueBefore(text, j - 1);
  if (!isWordChar(c)) return false;
  let k = j;
  while (k > 0 && isWordChar(text.charCodeAt(k - 1))) k--;
  return !OPERATOR_WORDS.has(text.slice(k, j + 1)) || significantBefore(text, k) === C.Dot;
}
function endBefore(text, at) {
  let e = at;
  while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}
function isArrow(text, at) {
  let j = at - 1;
  while (j > 0 && isSpace(text.charCodeAt(j))) j--;
  return text.charCodeAt(j) === C.GreaterThan && text.charCodeAt(j - 1) === C.Equals;
}
function countSpaces(text, at) {
  let n = 0;
  for (let c = text.charCodeAt(at - 1); at - n - 1 >= 0 && (c === C.Space || c === C.Tab); ) {
    n++;
    c = text.charCodeAt(at - n - 1);
  }
  return n;
}
function nextSignificant(text, from, to) {
  let j = from;
  while (j < to && isSpace(text.charCodeAt(j))) j++;
  return j;
}
function maskUnconnected(text, seed) {
  const large = text.length > 256 * 1024;
  const top = scanStatements(text, 0, text.length, !large);
  if (!top) return void 0;
  const module = top.statements.some((s) => s.moduleSyntax);
  const wrapped = top.body && top.body.close - top.body.open > text.length / 2 ? top.body : void 0;
  const scanned = wrapped ? scanStatements(text, wrapped.open + 1, wrapped.close) : large ? scanStatements(text, 0, text.length) : top;
  if (!scanned?.words) return void 0;
  const { statements, words } = scanned;
  if (statements.length < 2) return void 0;
  const kept = connected(text, statements, words, seed);
  const keptCount = kept.filter(Boolean).length;
  if (keptCount === statements.length) return void 0;
  const ranges = [];
  for (const [index, s] of statements.entries()) {
    if (kept[index]) continue;
    const previous = ranges[ranges.length - 1];
    if (previous && index > 0 && !kept[index - 1]) previous[1] = s.end;
    else ranges.push([s.start, s.end]);
  }
  const parts = [];
  const pieces = [];
  let at = 0;
  let length = 0;
  const push = (part) => {
    parts.push(part);
    length += part.length;
  };
  for (const [start, end] of ranges) {
    pieces.push({ masked: length, original: at });
    push(text.slice(at, start));
    const breaks = countLineFeeds(text, start, end);
    push(breaks > 0 ? "\n".repeat(breaks) : " ");
    at = end;
  }
  pieces.push({ masked: length, original: at });
  push(text.slice(at));
  const toOriginal = (offset) => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (pieces[mid].masked <= offset) lo = mid;
      else hi = mid - 1;
    }
    const piece = pieces[lo];
    return piece.original + (offset - piece.masked);
  };
  return { text: parts.join(""), toOriginal, module, kept: keptCount, blanked: ranges };
}
var globalSeeds = /* @__PURE__ */ new WeakMap();
function seedMatches(seed) {
  let g = globalSeeds.get(seed);
  if (!g) {
    g = new RegExp(seed.source, seed.flags.includes("g") ? seed.flags : `${seed.flags}g`);
    globalSeeds.set(seed, g);
  }
  return g;
}
var WORD = /(?<![\w$\u0080-\uffff])[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g;
var NAMES_SEARCHED_ONE_BY_ONE = 32;
function connected(text, statements, words, seed) {
  const { ids } = words;
  const kept = statements.map(() => false);
  const work = [];
  const keep = (index2) => {
    if (kept[index2]) return;
    kept[index2] = true;
    work.push(index2);
  };
  const matches = seedMatches(seed);
  matches.lastIndex = 0;
  let index = 0;
  for (let m = matches.exec(text); m && index < statements.length; m = matches.exec(text)) {
    if (m[0].length === 0) matches.lastIndex++;
    while (index < statements.length && statements[index].end <= m.index) index++;
    const s = statements[index];
    if (s && s.start <= m.index && m.index + m[0].length <= s.end) keep(index);
  }
  for (const [index2, s] of statements.entries()) {
    if (s.moduleSyntax && /\bfrom\s*['"]/.test(text.slice(s.start, s.end))) keep(index2);
  }
  const from = statements[0]?.start ?? 0;
  const to = statements[statements.length - 1]?.end ?? 0;
  const statementAt = (offset) => {
    let lo = 0;
    let hi = statements.length - 1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      const s = statements[mid];
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
  let mentions;
  const mentioning = (name) => {
    if (mentions) return mentions.get(name) ?? [];
    const found = [];
    for (let at = text.indexOf(name, from); at >= 0 && at < to; at = text.indexOf(name, at + 1)) {
      if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
      if (isWordChar(text.charCodeAt(at + name.length))) continue;
      const i = statementAt(at);
      if (i >= 0) found.push(i);
    }
    return found;
  };
  const reached = /* @__PURE__ */ new Set();
  while (work.length > 0) {
    const s = statements[work.pop()];
    WORD.lastIndex = s.start;
    for (let m = WORD.exec(text); m && m.index < s.end; m = WORD.exec(text)) {
      const name = m[0];
      if (!ids.has(name) || reached.has(name)) continue;
      reached.add(name);
      if (!mentions && reached.size > NAMES_SEARCHED_ONE_BY_ONE && to - from > 64 * 1024) {
        mentions = allMentions(text, from, to, statementAt, ids);
        WORD.lastIndex = m.index + name.length;
      }
      for (const i of mentioning(name)) keep(i);
    }
  }
  return kept;
}
function allMentions(text, from, to, statementAt, ids) {
  const mentions = /* @__PURE__ */ new Map();
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    if (!ids.has(m[0])) continue;
    const i = statementAt(m.index);
    if (i < 0) continue;
    const list = mentions.get(m[0]);
    if (!list) mentions.set(m[0], [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  }
  return mentions;
}

// src/analysis/split.ts
var BEFORE_REGEX = /* @__PURE__ */ new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await"
]);
function topLevelCuts(text, size) {
  if (text.length <= size) return void 0;
  if (/\bmodule\.exports\b|\bexports\.\w|(^|[^.\w$])(import|export)\b/.test(text)) return void 0;
  const n = text.length;
  const cuts = [];
  const templates = [];
  let depth = 0;
  let next = size;
  let last = "operator";
  let afterDot = false;
  let i = 0;
  const skipString = (quote) => {
    i = stringStop(text, i, n, quote);
    return i < n && text.charCodeAt(i) === quote;
  };
  const skipTemplate = () => {
    i = templateTextStop(text, i, n);
    return i < n ? text.charCodeAt(i) === C.Backtick : void 0;
  };
  const templateText = () => {
    i++;
    const closed = skipTemplate();
    if (closed === void 0) return false;
    if (closed) {
      last = "value";
    } else {
      depth++;
      templates.push(depth);
      last = "operator";
    }
    return true;
  };
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === C.Space || c === C.Tab || c === C.LineFeed || c === C.CarriageReturn) continue;
    if (isWordChar(c)) {
      const start = i;
      while (i + 1 < n && isWordChar(text.charCodeAt(i + 1))) i++;
      last = !afterDot && BEFORE_REGEX.has(text.slice(start, i + 1)) ? "operator" : "value";
      afterDot = false;
      continue;
    }
    afterDot = c === C.Dot;
    switch (c) {
      case C.DoubleQuote:
      case C.SingleQuote:
        if (!skipString(c)) return void 0;
        last = "value";
        continue;
      case C.Backtick:
        if (!templateText()) return void 0;
        continue;
      case C.Slash: {
        const d = text.charCodeAt(i + 1);
        if (d === C.Slash) {
          const end = text.indexOf("\n", i);
          i = end < 0 ? n : end;
          continue;
        }
        if (d === C.Asterisk) {
          const end = text.indexOf("*/", i + 2);
          if (end < 0) return void 0;
          i = end + 1;
          continue;
        }
        if (last === "value") {
          last = "operator";
          continue;
        }
        let inClass = false;
        for (i++; i < n; i++) {
          const r = text.charCodeAt(i);
          if (r === C.Backslash) i++;
          else if (r === C.OpenBracket) inClass = true;
          else if (r === C.CloseBracket) inClass = false;
          else if (r === C.Slash && !inClass) break;
          else if (r === C.LineFeed) return void 0;
        }
        last = "value";
        continue;
      }
      case C.OpenBrace:
      case C.OpenParen:
      case C.OpenBracket:
        depth++;
        last = "operator";
        continue;
      case C.CloseParen:
      case C.CloseBracket:
        depth--;
        if (depth < 0) return void 0;
        last = "value";
        continue;
      case C.CloseBrace: {
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          depth--;
          if (!templateText()) return void 0;
          continue;
        }
        depth--;
        if (depth < 0) return void 0;
        last = "value";
        if (depth === 0 && i + 1 >= next && /^\s*function\b/.test(text.slice(i + 1, i + 40))) {
          cuts.push(i + 1);
          next = i + 1 + size;
        }
        continue;
      }
      case C.Semicolon:
        last = "operator";
        if (depth === 0 && i + 1 >= next) {
          cuts.push(i + 1);
          next = i + 1 + size;
        }
        continue;
      default:
        last = "operator";
        continue;
    }
  }
  if (depth !== 0 || templates.length > 0 || cuts.length === 0) return void 0;
  return cuts.filter((cut) => cut < n);
}

// src/analysis/text-scan.ts
var IDENT = "[A-Za-z_$][\\w$]*";
var CHAIN = new RegExp(
  `(?:(?<![\\w$.])|(?<=js\\.Dynamic\\.global\\.))(?:js/|window\\s*\\.\\s*|globalThis\\s*\\.\\s*)?sforce((?:\\s*\\.\\s*${IDENT})+)`,
  "g"
);
var CLJS_METHOD_FIRST = new RegExp(`\\(\\s*\\.(${IDENT})\\s+js/sforce((?:\\.${IDENT})+)`, "g");
function blankComments(text, lineComment) {
  const marker = lineComment.replace(/[/]/g, "\\/");
  return text.replace(new RegExp(`${marker}[^\\n]*`, "g"), (m) => " ".repeat(m.length));
}
function textScan(text, lineComment) {
  const code3 = blankComments(text, lineComment);
  const detections = [];
  const add = (path, start, end) => {
    if (path.length < 3 || !["opencti", "interaction", "console"].includes(path[1] ?? "")) return;
    const kind = isConstantPath(path) ? "reference" : "call";
    detections.push({
      kind,
      path,
      traits: kind === "call" ? ["token-scan"] : ["token-scan", "reference"],
      start,
      end
    });
  };
  for (const m of code3.matchAll(CHAIN)) {
    add(
      [
        "sforce",
        ...m[1].split(".").map((s) => s.trim()).filter(Boolean)
      ],
      m.index,
      m.index + m[0].length
    );
  }
  for (const m of code3.matchAll(CLJS_METHOD_FIRST)) {
    add(["sforce", ...m[2].split(".").filter(Boolean), m[1]], m.index, m.index + m[0].length);
  }
  return detections.sort((a, b) => a.start - b.start);
}

// src/analysis/token-scan.ts
var ts2;
var WINDOW_NAMES2 = /* @__PURE__ */ new Set(["window", "globalThis", "self", "parent", "top"]);
function endsExpression(kind) {
  return kind === ts2.SyntaxKind.Identifier || kind === ts2.SyntaxKind.NumericLiteral || kind === ts2.SyntaxKind.StringLiteral || kind === ts2.SyntaxKind.CloseParenToken || kind === ts2.SyntaxKind.CloseBracketToken || kind === ts2.SyntaxKind.CloseBraceToken || kind === ts2.SyntaxKind.ThisKeyword || kind === ts2.SyntaxKind.NoSubstitutionTemplateLiteral || kind === ts2.SyntaxKind.TemplateTail;
}
function tokenize(text, jsx) {
  const scanner = ts2.createScanner(
    ts2.ScriptTarget.Latest,
    true,
    jsx ? ts2.LanguageVariant.JSX : ts2.LanguageVariant.Standard,
    text
  );
  const tokens = [];
  const templates = [];
  let braces = 0;
  let previous;
  for (let kind = scanner.scan(); kind !== ts2.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts2.SyntaxKind.SlashToken || kind === ts2.SyntaxKind.SlashEqualsToken) {
      if (!endsExpression(previous)) kind = scanner.reScanSlashToken();
    } else if (kind === ts2.SyntaxKind.OpenBraceToken) {
      braces++;
    } else if (kind === ts2.SyntaxKind.CloseBraceToken) {
      if (templates.length > 0 && templates[templates.length - 1] === braces) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts2.SyntaxKind.TemplateTail) templates.pop();
      } else {
        braces--;
      }
    }
    if (kind === ts2.SyntaxKind.TemplateHead) templates.push(braces);
    tokens.push({ kind, text: scanner.getTokenText(), start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    previous = kind;
  }
  return tokens;
}
var isIdentifierLike = (t) => t !== void 0 && (t.kind === ts2.SyntaxKind.Identifier || ts2.tokenToString(t.kind) === t.text) && /^[A-Za-z_$][\w$]*$/.test(t.text);
function tokenScan(text, jsx = true) {
  ts2 ??= loadTypeScript();
  const tokens = tokenize(text, jsx);
  const detections = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    const before = tokens[i - 1];
    if (!first || first.kind !== ts2.SyntaxKind.Identifier) continue;
    if (before && (before.kind === ts2.SyntaxKind.DotToken || before.kind === ts2.SyntaxKind.QuestionDotToken))
      continue;
    const path = [first.text];
    const traits = /* @__PURE__ */ new Set(["token-scan"]);
    let j = i + 1;
    for (; ; ) {
      const sep2 = tokens[j];
      const name = tokens[j + 1];
      if (sep2 && (sep2.kind === ts2.SyntaxKind.DotToken || sep2.kind === ts2.SyntaxKind.QuestionDotToken) && isIdentifierLike(name)) {
        if (sep2.kind === ts2.SyntaxKind.QuestionDotToken) traits.add("optional-chaining");
        path.push(name.text);
        j += 2;
        continue;
      }
      const key = tokens[j + 1];
      const close = tokens[j + 2];
      if (sep2?.kind === ts2.SyntaxKind.OpenBracketToken && key && (key.kind === ts2.SyntaxKind.StringLiteral || key.kind === ts2.SyntaxKind.NoSubstitutionTemplateLiteral) && close?.kind === ts2.SyntaxKind.CloseBracketToken) {
        traits.add("element-access");
        path.push(key.text.slice(1, -1));
        j += 3;
        continue;
      }
      break;
    }
    const last = tokens[j - 1] ?? first;
    let next = tokens[j];
    if (next?.kind === ts2.SyntaxKind.QuestionDotToken && tokens[j + 1]?.kind === ts2.SyntaxKind.OpenParenToken) {
      next = tokens[j + 1];
    }
    const called = next?.kind === ts2.SyntaxKind.OpenParenToken;
    i = j - 1;
    let k = 0;
    while (k < path.length - 1 && WINDOW_NAMES2.has(path[k] ?? "")) k++;
    const chain = path.slice(k);
    if (k > 0) traits.add("global-object");
    else traits.add("direct");
    const at = { start: first.start, end: last.end };
    const head = chain[0];
    if (head === "sforce" && chain.length >= 3) {
      const kind = called && !isConstantPath(chain) ? "call" : "reference";
      if (kind === "reference") traits.add("reference");
      detections.push({ kind, path: chain, traits: [...traits], ...at });
    } else if (head === "document" && chain[1] === "cookie") {
      detections.push({ kind: "cookie", path: ["cookie"], traits: [...traits], ...at });
    } else if ((head === "localStorage" || head === "sessionStorage") && chain.length >= 2) {
      detections.push({ kind: "web-storage", path: [head], traits: [...traits], ...at });
    } else if (called && chain[chain.length - 1] === "postMessage" && (k > 0 || chain.length === 1)) {
      detections.push({ kind: "post-message", path: ["postMessage"], traits: [...traits], ...at });
    }
  }
  return detections;
}

// src/catalog/save-log-fields.ts
var TASK_TO_VOICECALL = {
  CallDurationInSeconds: {
    target: "CallDurationInSeconds",
    kind: "voicecall-field",
    setBy: ["platform"],
    note: "Computed by the platform at hang-up"
  },
  CallType: {
    target: "CallType",
    kind: "voicecall-field",
    setBy: ["platform", "connector"],
    note: "From the connector's call type (Inbound, Outbound, InternalCall)"
  },
  CallObject: {
    target: "VendorCallKey",
    kind: "voicecall-field",
    setBy: ["gateway", "connector"],
    note: "The vendor's call id: vendorCallKey on Create VoiceCall, or the connector's call id"
  },
  CallDisposition: {
    target: "CallResolution",
    kind: "voicecall-field",
    setBy: ["voice-extension", "connector"],
    note: `The rep's outcome belongs in CallResolution (updatable picklist; values are org-defined). VoiceCall.CallDisposition is the "Call Status" (new, in-progress, completed), not an outcome`
  },
  Description: {
    target: "Description",
    kind: "voicecall-field",
    setBy: ["voice-extension"],
    note: "Rep summary; updatable through LDS from the Voice Extension"
  },
  WhoId: {
    target: "RelatedRecordId",
    kind: "voicecall-field",
    setBy: ["omni-flow", "relation-flow"],
    note: "Contact or Lead: RelatedRecordId (one record only; a second link needs a relation flow or lookup)"
  },
  WhatId: {
    target: "RelatedRecordId",
    kind: "voicecall-field",
    setBy: ["omni-flow", "relation-flow"],
    note: "Account, Case or Opportunity: RelatedRecordId, or a relation flow that links the record to the call"
  },
  AccountId: {
    target: "RelatedRecordId",
    kind: "voicecall-field",
    setBy: ["omni-flow", "relation-flow"],
    note: "Account: RelatedRecordId (one record only)"
  },
  OwnerId: {
    target: "OwnerId",
    kind: "voicecall-field",
    setBy: ["platform"],
    note: "Set from the Omni-Channel assignment"
  },
  ActivityDate: {
    target: "CallStartDateTime",
    kind: "voicecall-field",
    setBy: ["platform"],
    note: "Start and end times are filled by the platform"
  },
  CompletedDateTime: {
    target: "CallEndDateTime",
    kind: "voicecall-field",
    setBy: ["platform"],
    note: "Start and end times are filled by the platform"
  },
  RecordTypeId: {
    target: "RecordTypeId",
    kind: "voicecall-field",
    setBy: ["gateway"],
    note: "Only if VoiceCall record types are defined"
  },
  Subject: {
    kind: "custom-field",
    target: "Subject__c",
    setBy: ["gateway", "voice-extension"],
    note: "VoiceCall has no subject (Name is an auto-number); add a custom field if reports need it"
  },
  Status: { kind: "not-needed", note: "Task lifecycle; a VoiceCall has no task status" },
  Priority: { kind: "not-needed", note: "Task lifecycle; a VoiceCall has no priority" },
  IsClosed: { kind: "not-needed", note: "Task lifecycle; a VoiceCall has no task status" },
  IsReminderSet: { kind: "not-needed", note: "Task reminders do not apply to VoiceCall" },
  ReminderDateTime: { kind: "not-needed", note: "Task reminders do not apply to VoiceCall" },
  Type: { kind: "not-needed", note: "Activity type; a VoiceCall is always a call" },
  TaskSubtype: { kind: "not-needed", note: "Activity subtype; a VoiceCall is always a call" }
};
var RECORD_KEYS = {
  entityApiName: "Selects the object saveLog creates; VoiceCall records are created by the platform or gateway",
  Id: "Selects the record saveLog updates; the VoiceCall exists already, keyed by VendorCallKey"
};
var CUSTOM_SUFFIX = /__c$/;
function mapSaveLogField(field, entity, catalog) {
  const recordKey = RECORD_KEYS[field];
  if (recordKey !== void 0) return { source: field, kind: "record-key", note: recordKey };
  const standard = (target, setBy, note) => {
    const info = catalog.voiceCall[target] ?? {};
    return {
      source: field,
      kind: "voicecall-field",
      target,
      setBy,
      createable: info.createable === true,
      updateable: info.updateable === true,
      note
    };
  };
  const custom = (target, note, setBy = ["gateway", "voice-extension"]) => ({
    source: field,
    kind: "custom-field",
    target,
    setBy,
    note
  });
  if (CUSTOM_SUFFIX.test(field)) {
    return custom(
      field,
      "Custom field the admin must add on VoiceCall; the gateway sets it through callAttributes, the Voice Extension through LDS"
    );
  }
  if (entity === "VoiceCall") {
    const mistake = catalog.knownMistakes[`VoiceCall.${field}`];
    if (mistake !== void 0) return custom(`${field}__c`, `Not a VoiceCall field: ${mistake}`);
    if (catalog.voiceCall[field]) return standard(field, ["gateway"], "Standard VoiceCall field");
  }
  const suggestion2 = TASK_TO_VOICECALL[field];
  if (suggestion2) {
    if (suggestion2.kind === "voicecall-field" && suggestion2.target && catalog.voiceCall[suggestion2.target]) {
      return standard(suggestion2.target, suggestion2.setBy ?? [], suggestion2.note);
    }
    if (suggestion2.kind === "custom-field" && suggestion2.target) {
      return custom(suggestion2.target, suggestion2.note, suggestion2.setBy);
    }
    return { source: field, kind: "not-needed", note: suggestion2.note };
  }
  if (catalog.voiceCall[field]) {
    return standard(field, ["gateway"], "VoiceCall has a field of the same name");
  }
  const where2 = catalog.task[field] ? "Task field" : "Field";
  return custom(
    `${field}__c`,
    `${where2} with no VoiceCall counterpart: custom field the admin must add on VoiceCall`
  );
}
function objectCatalogFrom(json) {
  const root = json;
  const voiceCall = root.objects?.VoiceCall?.fields;
  const task = root.objects?.Task?.fields;
  if (!voiceCall || !task) {
    throw new Error("standard-objects.json has no VoiceCall or Task fields: is it the gate catalog?");
  }
  return { voiceCall, task, knownMistakes: root.knownMistakes ?? {} };
}

// src/extract/call-center.ts
function looksLikeCallCenter(text) {
  return /<\s*(callCenter|CallCenter)[\s>]/.test(text);
}
function extractCallCenter(text) {
  const stack = [];
  const items = [];
  const problems2 = [];
  let shape;
  let metadataItem;
  let metadataSection;
  let sectionItems = [];
  const parser = new (loadHtmlparser2()).Parser(
    {
      onopentag(name, attrs) {
        if (!shape && name === "callCenter") shape = "import-xml";
        if (!shape && name === "CallCenter") shape = "metadata";
        stack.push({ name, start: parser.startIndex, attrs, text: "" });
        if (shape === "metadata" && name === "items" && stack.length === 3) {
          metadataItem = { start: parser.startIndex, fields: {} };
        }
      },
      ontext(data) {
        const top = stack[stack.length - 1];
        if (top) top.text += data;
      },
      onclosetag(name) {
        const el = stack.pop();
        if (!el || el.name !== name || !shape) return;
        const parent = stack[stack.length - 1];
        const value = el.text.trim();
        const length = parser.endIndex + 1 - el.start;
        if (shape === "import-xml" && name === "item" && el.attrs.name) {
          const section = parent?.name === "section" ? parent.attrs.name : void 0;
          items.push({
            name: el.attrs.name,
            value,
            ...section ? { section } : {},
            offset: el.start,
            length,
            from: "item"
          });
          return;
        }
        if (shape !== "metadata") return;
        if (stack.length === 1) {
          const itemName = METADATA_ELEMENT_ITEMS[name];
          if (itemName) items.push({ name: itemName, value, offset: el.start, length, from: "element" });
          if (name === "customSettings") readCustomSettings(value, el.start, length, items, problems2);
          if (name === "sections") {
            for (const item of sectionItems) {
              items.push(metadataSection ? { ...item, section: metadataSection } : item);
            }
            sectionItems = [];
            metadataSection = void 0;
          }
        } else if (stack.length === 2 && parent?.name === "sections" && name === "name") {
          metadataSection = value;
        } else if (stack.length === 3 && metadataItem && parent?.name === "items") {
          metadataItem.fields[name] = value;
        } else if (stack.length === 2 && name === "items" && metadataItem) {
          const itemName = metadataItem.fields.name;
          if (itemName) {
            sectionItems.push({
              name: itemName,
              value: metadataItem.fields.value ?? "",
              offset: metadataItem.start,
              length: parser.endIndex + 1 - metadataItem.start,
              from: "item"
            });
          }
          metadataItem = void 0;
        }
      }
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true }
  );
  parser.end(text);
  return shape ? { shape, items: distinctItems(items), problems: problems2 } : void 0;
}
function distinctItems(items) {
  const rank = (i) => i.from === "customSettings" ? 1 : 0;
  const order = new Map(items.map((item, index) => [item, index]));
  const byName = /* @__PURE__ */ new Map();
  const kept = [];
  for (const item of [...items].sort((a, b) => rank(a) - rank(b) || order.get(a) - order.get(b))) {
    const named = byName.get(item.name) ?? [];
    if (named.some((k) => k.section === item.section || !k.section || !item.section)) continue;
    named.push(item);
    byName.set(item.name, named);
    kept.push(item);
  }
  return kept.sort((a, b) => order.get(a) - order.get(b));
}
function readCustomSettings(json, offset, length, items, problems2) {
  if (!json) return;
  let parsed;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    problems2.push({ message: `customSettings is not valid JSON: ${error.message}`, offset });
    return;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    problems2.push({ message: "customSettings is not a JSON object", offset });
    return;
  }
  for (const [name, value] of Object.entries(parsed)) {
    items.push({
      name,
      value: typeof value === "string" ? value : JSON.stringify(value),
      offset,
      length,
      from: "customSettings"
    });
  }
}

// src/extract/markdown.ts
var OPEN = /^( {0,3})(`{3,}|~{3,})([^\n]*)$/;
function extractFences(markdown) {
  const fences = [];
  const lines = markdown.split("\n");
  let offset = 0;
  let open;
  for (const raw of lines) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    offset += raw.length + 1;
    if (!open) {
      const m = OPEN.exec(line);
      if (!m) continue;
      const [, , run = "", info = ""] = m;
      const char = run[0] ?? "`";
      if (char === "`" && info.includes("`")) continue;
      open = {
        char,
        length: run.length,
        language: info.trim().split(/\s+/)[0]?.toLowerCase() ?? "",
        start: offset,
        body: []
      };
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close?.[1] && close[1][0] === open.char && close[1].length >= open.length) {
      fences.push({ language: open.language, text: open.body.join("\n"), offset: open.start });
      open = void 0;
      continue;
    }
    open.body.push(raw);
  }
  if (open) fences.push({ language: open.language, text: open.body.join("\n"), offset: open.start });
  return fences;
}

// src/extract/markup.ts
var SCRIPT_TYPES = /* @__PURE__ */ new Set([
  "",
  "text/javascript",
  "application/javascript",
  "application/x-javascript",
  "text/ecmascript",
  "application/ecmascript",
  "module",
  "text/babel",
  "text/jsx"
]);
function libraryOf(url) {
  const u = url.toLowerCase();
  if (u.includes("/support/api/") && u.includes("opencti")) return "opencti-lightning";
  if (u.includes("/support/api/") && /\binteraction\.js\b/.test(u)) return "opencti-classic";
  if (u.includes("/support/console/") && /\bintegration\.js\b/.test(u)) return "console-toolkit";
  return void 0;
}
function maskMergeFields(text) {
  if (!text.includes("{!")) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf("{!", i);
    if (start < 0) break;
    let depth = 0;
    let quote;
    let end = -1;
    for (let j = start; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === quote) quote = void 0;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === "{") {
        depth++;
      } else if (c === "}" && --depth === 0) {
        end = j;
        break;
      } else if (c === "\n" && j - start > 2e3) {
        break;
      }
    }
    if (end < 0) break;
    out += text.slice(i, start) + text.slice(start, end + 1).replace(/[^\n]/g, "_");
    i = end + 1;
  }
  return out + text.slice(i);
}
var TEMPLATE_TAG = /<%[^]{0,2000}?%>|<\?(?:php|=)?[^]{0,2000}?\?>|\{\{[^]{0,2000}?\}\}|\{%[^]{0,2000}?%\}/g;
function maskTemplateTags(text) {
  return text.replace(TEMPLATE_TAG, (m) => {
    if (!/^(<%[=-]|<\?=|\{\{)/.test(m)) return m.replace(/[^\n]/g, " ");
    const inner = m.slice(1, -1).replace(/[^\n]/g, "_");
    return ` ${inner} `;
  });
}
function extractMarkup(text, flavor) {
  const units = [];
  const includes = [];
  const mask = flavor === "visualforce" ? maskMergeFields : flavor === "template" ? (s) => maskTemplateTags(maskMergeFields(s)) : (s) => s;
  let script;
  const attributes = [];
  const addInclude = (url, offset) => {
    for (const part of url.split(",")) {
      const library = libraryOf(part);
      if (library) includes.push({ url: part.trim(), library, offset, length: url.length });
    }
  };
  const parser = new (loadHtmlparser2()).Parser(
    {
      onattribute(name, value) {
        attributes.push({ name, value, start: parser.startIndex, end: parser.endIndex });
      },
      onopentag(name, attribs) {
        const attrs = attributes.splice(0);
        const at = (attr) => {
          const a = attrs.find((x) => x.name === attr);
          if (!a) return void 0;
          const raw = text.slice(a.start, a.end + 1);
          const eq = raw.indexOf("=");
          const q = raw.slice(eq + 1).search(/\S/);
          const quoted = raw[eq + 1 + q] === '"' || raw[eq + 1 + q] === "'";
          return { value: a.value, offset: a.start + eq + 1 + q + (quoted ? 1 : 0) };
        };
        if (name === "script") {
          const src = at("src");
          if (src) addInclude(src.value, src.offset);
          const type = (attribs.type ?? "").trim().toLowerCase();
          const language = attribs.lang === "ts" ? "ts" : "js";
          script = { offset: -1, chunks: [], active: !src && SCRIPT_TYPES.has(type), language };
        } else if (name === "apex:includescript") {
          const value = at("value");
          if (value) addInclude(value.value, value.offset);
        } else if (name === "ltng:require") {
          const scripts = at("scripts");
          if (scripts) addInclude(scripts.value, scripts.offset);
        }
        for (const attr of attrs) {
          const value = attr.value.trim();
          if (!value || value.startsWith("{!") || value.startsWith("{#")) continue;
          const isHandler = attr.name.startsWith("on") && attr.name.length > 2;
          const isUrl = (attr.name === "href" || attr.name === "action") && /^\s*javascript:/i.test(attr.value);
          if (!isHandler && !isUrl) continue;
          const pos = at(attr.name);
          if (!pos) continue;
          let code3 = attr.value;
          let offset = pos.offset;
          if (isUrl) {
            const colon = code3.indexOf(":");
            code3 = code3.slice(colon + 1);
            offset += colon + 1;
          }
          units.push({
            text: mask(code3),
            offset,
            language: "js",
            context: isUrl ? "javascript-url" : "inline-handler"
          });
        }
      },
      ontext(data) {
        if (script?.active) {
          if (script.offset < 0) script.offset = parser.startIndex;
          script.chunks.push(data);
        }
      },
      onclosetag(name) {
        if (name === "script" && script) {
          if (script.active && script.offset >= 0) {
            units.push({
              text: mask(script.chunks.join("")),
              offset: script.offset,
              language: script.language,
              context: "script"
            });
          }
          script = void 0;
        }
      }
    },
    { recognizeSelfClosing: true, lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true }
  );
  parser.end(text);
  return { units, includes };
}

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
import { isAscii as isAscii2 } from "node:buffer";
var FILE_PREFILTER_EXTRA = "opencti|/support/|callCenter|CallCenter";
var BASE_PREFILTER = /sforce|localStorage|sessionStorage|cookie|Cookies|postMessage|onmessage|indexedDB|StorageAccess|['"`]message['"`]/;
var QUICK_PREFILTER = /sforce|Storage|ookie|essage|allCenter|opencti|\/support\/|indexedDB/;
var decoder = new TextDecoder("utf-8");
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
function decode(bytes) {
  return decodeNoting(bytes).text;
}
function decodeNoting(bytes) {
  if (isAscii2(bytes))
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
function fileFilter(code3) {
  return new RegExp(`${code3.source}|${FILE_PREFILTER_EXTRA}`);
}
var fileFilters = /* @__PURE__ */ new WeakMap();
function worthReading(text, code3) {
  if (code3 === BASE_PREFILTER && !QUICK_PREFILTER.test(text)) return false;
  let file = fileFilters.get(code3);
  if (!file) {
    file = fileFilter(code3);
    fileFilters.set(code3, file);
  }
  return file.test(text);
}
function readAndFilter(entry, read, statSize, maxFileSize, filter) {
  const skip = (skipped) => ({ kind: "skipped", skipped });
  let bytes;
  try {
    bytes = read();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return skip({ file: entry.rel, reason: "unreadable", detail });
  }
  if (bytes.length > maxFileSize) {
    let size;
    try {
      size = entry.content ? entry.content.length : statSize();
    } catch {
    }
    const grew = entry.size !== void 0 ? " (it grew after the walk)" : "";
    return skip({
      file: entry.rel,
      reason: "too-large",
      detail: size !== void 0 && size > maxFileSize ? `${tooLargeDetail(size, maxFileSize)}${grew}` : `over the limit of ${maxFileSize} bytes${grew}`
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

// src/rules/third-party.ts
var VENDOR_PATH = /(^|\/)(vendor|vendors|third[-_]?party|3rdparty|external|bower_components|jspm_packages|node_modules|lib\/(jquery|bootstrap|lodash|moment)[^/]*)\//i;
var MIN_NAME = /[.-]min\.(m?js|cjs)$/i;
var LIBRARY_NAME = /(^|\/)(jquery|jquery-ui|bootstrap|lodash|underscore|moment|angular|react(-dom)?|vue|backbone|handlebars|require|socket\.io|sip|jssip|sipml5|js\.cookie|js-cookie|polyfill|core-js)([.-][\w.-]*)?\.(m?js|cjs)$/i;
var BANNER = /^\s*(\/\*!|\/\*\*?\s*@license|\/\/!?\s*@license)|@license\b|\(c\)\s*\d{4}.*\b(MIT|BSD|Apache|ISC)\b/i;
function thirdPartyReason(rel, text) {
  const path = rel.replace(/!\//g, "/");
  if (VENDOR_PATH.test(path)) return "a vendored library folder";
  if (MIN_NAME.test(path)) return "a minified file (.min. in its name)";
  if (LIBRARY_NAME.test(path)) return "a known library file name";
  const head = text.slice(0, 2e3);
  if (BANNER.test(head)) return "a library license banner";
  if (text.length > 2e4) {
    let lines = 1;
    for (let i = text.indexOf("\n"); i >= 0 && lines < 1e4; i = text.indexOf("\n", i + 1)) lines++;
    if (text.length / lines > 500) return "minified code (lines over 500 characters on average)";
  }
  return void 0;
}

// src/rules/call-center.ts
function callCenterDraft(item) {
  const spec = CALL_CENTER_ITEMS[item.name];
  const issue = spec?.check?.(item.value);
  const known = spec !== void 0;
  return {
    rule: known ? `call-center.${item.name}` : "call-center.vendor-item",
    api: {
      kind: "call-center-item",
      name: item.section ? `${item.section}/${item.name}` : item.name,
      documented: known
    },
    usage: "item",
    mapping: spec?.mapping ?? VENDOR_ITEM,
    issues: issue ? [{ rule: issue.rule, severity: issue.severity, message: issue.message }] : []
  };
}
var COMPATIBILITY_MODES = ["Classic", "Lightning", "Classic_and_Lightning"];
var MODE_ITEM = "reqSalesforceCompatibilityMode";
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
function compatibility(items) {
  const rule = "call-center-compatibility-mode";
  const at = items.findIndex((i) => i.name === MODE_ITEM);
  if (at >= 0) {
    const value = items[at].value.trim();
    if (COMPATIBILITY_MODES.includes(value)) return { mode: value };
    if (value === "") return { mode: "Classic" };
    return {
      mode: "Classic",
      issue: {
        index: at,
        rule,
        severity: "warning",
        message: `${MODE_ITEM} is "${value}", none of Classic, Lightning, Classic_and_Lightning: read as not set, so Classic (the documented default); the softphone may not show in Lightning Experience`
      }
    };
  }
  const misspelled = items.findIndex(
    (i) => i.name !== MODE_ITEM && distance(i.name.toLowerCase(), MODE_ITEM.toLowerCase()) <= 3
  );
  if (misspelled >= 0) {
    return {
      mode: "Classic",
      issue: {
        index: misspelled,
        rule,
        severity: "warning",
        message: `${items[misspelled].name} is not ${MODE_ITEM}: Salesforce does not read it, so this call center is Classic only (the documented default); spell it ${MODE_ITEM}`
      }
    };
  }
  return {
    mode: "Classic",
    ...items.length > 0 ? {
      issue: {
        index: 0,
        rule,
        severity: "warning",
        message: `no ${MODE_ITEM}: Salesforce shows this softphone in Salesforce Classic only (the documented default); add it with Lightning for Lightning Experience`
      }
    } : {}
  };
}

// src/rules/classify.ts
function classifyPath(path) {
  if (path[0] !== "sforce") return void 0;
  for (const length of [3, 2]) {
    const ns = path.slice(0, length).join(".");
    if (path.length < length || !isNamespace(ns)) continue;
    const member = path[length];
    if (member === void 0) return void 0;
    if (ns === "sforce.opencti" && (member === "SCREENPOP_TYPE" || member === "CALL_TYPE")) {
      const value = path[length + 1];
      return value === void 0 ? void 0 : { kind: "enum", name: member, value };
    }
    if (ns === "sforce.opencti" && member === "hvs" || ns === "sforce.interaction" && (member === "cti" || member === "entityFeed")) {
      return void 0;
    }
    const spec = methodAt(`${ns}.${member}`);
    if (spec) return { kind: "method", spec, trailing: path.length - length - 1 };
    return { kind: "unknown", namespace: ns, member };
  }
  if (path[1] === "console" && path[2] !== void 0 && path[2] !== "cti") {
    return { kind: "console-toolkit", member: path.slice(2).join(".") };
  }
  return void 0;
}
var ruleOf = (spec) => `${spec.namespace.replace(/^sforce\./, "")}.${spec.name}`;
function levenshtein(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
function closest(name, candidates) {
  let best;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : levenshtein(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
var describe = (v) => v.kind === "api" ? "an Open CTI reference" : v.kind === "object" ? "an object" : `a ${v.kind}`;
function lightningArgumentIssues(spec, args) {
  const keys2 = spec.keys;
  if (!keys2) return [];
  const issues = [];
  const name = `${spec.namespace}.${spec.name}`;
  const isListener = keys2.required.includes("listener");
  const shape = (severity, message) => {
    issues.push({
      rule: isListener && severity === "error" ? "missing-listener" : "argument-shape",
      severity,
      message
    });
  };
  const arg = args[0];
  if (!arg) {
    if (keys2.required.length > 0) {
      shape(
        "error",
        `${name} takes one object argument with ${keys2.required.join(", ")}; it is called with none`
      );
    } else {
      shape("warning", `${name} takes one object argument ({ callback }); it is called with none`);
    }
    return issues;
  }
  if (args.length > 1) {
    shape(
      "error",
      `${name} takes one object argument; it is called with ${args.length} arguments (the Classic positional style)`
    );
  }
  if (arg.kind === "unknown" || arg.kind === "api") return issues;
  if (arg.kind !== "object") {
    const hint = isListener && arg.kind === "function" ? ": pass { listener: fn }" : "";
    shape("error", `${name} takes one object argument, not ${describe(arg)}${hint}`);
    return issues;
  }
  const present = Object.keys(arg.props);
  for (const key of present) {
    if (keys2.allowed.includes(key)) continue;
    const suggestion2 = closest(key, keys2.allowed);
    issues.push({
      rule: "argument-shape",
      severity: "warning",
      message: `${name} has no argument key "${key}"${suggestion2 ? ` (did you mean "${suggestion2}"?)` : ""}; documented keys: ${keys2.allowed.join(", ")}`
    });
  }
  if (!arg.spread) {
    for (const required of keys2.required) {
      if (present.includes(required)) continue;
      const usedCallback = required === "listener" && present.includes("callback");
      shape(
        "error",
        usedCallback ? `${name} needs { listener }: a callback only reports that the listener was registered, so clicks are never handled` : `${name} is called without its required key "${required}"`
      );
    }
  }
  const range = (key, min, max) => {
    const v = arg.props[key];
    if (v?.kind === "number" && (v.value < min || v.value > max)) {
      issues.push({
        rule: "argument-shape",
        severity: "warning",
        message: `${name}: ${key} ${v.value} is outside the documented range ${min}-${max}`
      });
    }
  };
  if (spec.name === "setSoftphonePanelHeight") range("heightPX", 240, 2560);
  if (spec.name === "setSoftphonePanelWidth") range("widthPX", 200, 1920);
  if (spec.name === "setSoftphonePanelVisibility") {
    const v = arg.props.visible;
    if (v && v.kind !== "boolean" && v.kind !== "unknown") {
      issues.push({
        rule: "argument-shape",
        severity: "warning",
        message: `${name}: visible must be a boolean, not ${describe(v)}`
      });
    }
  }
  return issues;
}
function classicArgumentIssues(spec, args) {
  const name = `${spec.namespace}.${spec.name}`;
  const first = args[0];
  if (args.length === 1 && first?.kind === "object") {
    return [
      {
        rule: "argument-shape",
        severity: "warning",
        message: `${name} is a Classic method: it takes positional arguments, not one object (that is the Lightning style of sforce.opencti)`
      }
    ];
  }
  const listeners = ["onClickToDial", "onFocus", "onObjectUpdate"];
  if (listeners.includes(spec.name) && first?.kind !== "function" && first?.kind !== "unknown") {
    return [
      {
        rule: "missing-listener",
        severity: "error",
        message: `${name} needs a listener function as its first argument`
      }
    ];
  }
  return [];
}
var PRESENCE = /presence|agentstatus|agent_status|userstatus|availability/i;
function runApexMapping(spec, args) {
  const texts = [];
  const first = args[0];
  if (first?.kind === "object") {
    for (const key of ["apexClass", "methodName"]) {
      const v = first.props[key];
      if (v?.kind === "string") texts.push(v.value);
    }
  } else {
    for (const a of args.slice(0, 2)) if (a.kind === "string") texts.push(a.value);
  }
  return texts.some((t) => PRESENCE.test(t)) ? PRESENCE_RUN_APEX : spec.mapping;
}
function saveParamsFields(view) {
  if (!view || view.kind !== "string") return { fields: [], complete: false };
  const fields = [];
  let complete = !view.partial;
  for (const pair of view.value.split("&")) {
    const key = pair.split("=")[0] ?? "";
    if (/^[A-Za-z][\w]*$/.test(key)) fields.push(key);
    else if (key.includes("\0") || key.trim()) complete = false;
  }
  return { fields, complete };
}
function saveLogMapping(spec, args, catalog) {
  let entity;
  let fields = [];
  let complete = false;
  if (spec.namespace === "sforce.opencti") {
    const value = args[0]?.kind === "object" ? args[0].props.value : void 0;
    if (value?.kind === "object") {
      fields = Object.keys(value.props);
      complete = !value.spread;
      const e = value.props.entityApiName;
      if (e?.kind === "string" && !e.partial) entity = e.value;
    }
  } else {
    const object = args[0];
    if (object?.kind === "string" && !object.partial) entity = object.value;
    ({ fields, complete } = saveParamsFields(args[1]));
  }
  const mapping = { fields: fields.map((f) => mapSaveLogField(f, entity, catalog)), complete };
  if (entity !== void 0) mapping.entity = entity;
  return mapping;
}
var UNKNOWN_MEMBER = {
  action: "eliminate",
  replacement: "None: not an Open CTI member, so the call fails at run time today; find what the code meant",
  components: [],
  basis: "project-guidance",
  guide: GUIDE.reviewByHand
};
var DYNAMIC = {
  action: "replace",
  replacement: "Review by hand: the method name is computed at run time",
  components: [],
  basis: "project-guidance",
  guide: GUIDE.reviewByHand
};
function unknownMemberDraft(namespace, member, usage) {
  const name = `${namespace}.${member}`;
  const special = NON_METHOD_MAPPINGS[member];
  const elsewhere = METHODS.find((m) => m.name === member && m.namespace !== namespace);
  const sameNamespace = METHODS.filter((m) => m.namespace === namespace).map((m) => m.name);
  const suggestion2 = closest(member, sameNamespace);
  let message = `${name} is not an Open CTI member: the call throws at run time`;
  if (elsewhere) {
    const counterpart = elsewhere.lightningCounterpart ? `; in Lightning use sforce.opencti.${elsewhere.lightningCounterpart}` : "";
    message += ` (${member} exists in ${elsewhere.namespace}, the ${NAMESPACE_PLATFORM[elsewhere.namespace]} API${counterpart})`;
  } else if (suggestion2) {
    message += ` (did you mean ${namespace}.${suggestion2}?)`;
  }
  return {
    rule: "unknown-member",
    api: { kind: "open-cti-unknown", name, platform: NAMESPACE_PLATFORM[namespace], documented: false },
    usage,
    mapping: special ?? elsewhere?.mapping ?? UNKNOWN_MEMBER,
    issues: [{ rule: "unknown-method", severity: "error", message }]
  };
}
function classifyDetection(d, catalog) {
  switch (d.kind) {
    case "call":
    case "reference":
      return classifyApi(d, catalog);
    case "dynamic-call": {
      const ns = d.path.join(".");
      return {
        rule: "dynamic-member",
        api: {
          kind: "open-cti-dynamic",
          name: `${ns}[…]`,
          ...isNamespace(ns) ? { platform: NAMESPACE_PLATFORM[ns] } : {},
          documented: false
        },
        usage: "call",
        mapping: DYNAMIC,
        issues: [
          {
            rule: "dynamic-call",
            severity: "warning",
            message: `${ns} is called with a method name computed at run time: the scanner cannot tell which method, review it by hand`
          }
        ]
      };
    }
    case "cookie":
      return webDraft(
        "web.cookie",
        d.path[1] ?? "document.cookie",
        {
          action: "keep",
          replacement: "Authentication and session state move into the connector's init(): SSO, or the vendor login page (scvVendorLoginUrl); no third-party cookies",
          components: [connectorMethod("init(connectorConfig)")],
          basis: "matrix",
          guide: GUIDE.auth
        },
        {
          rule: "iframe-cookie",
          severity: "warning",
          message: "Cookies set in a softphone iframe are third-party cookies: browsers block or partition them, so cookie-based login and state break"
        },
        d
      );
    case "web-storage":
      return webDraft(
        "web.storage",
        d.path[0] ?? "localStorage",
        {
          action: "keep",
          replacement: "Keep call state in the connector's own call store and the vendor backend, not in browser storage",
          components: [connectorMethod("getActiveCalls()")],
          basis: "project-guidance",
          guide: GUIDE.callData
        },
        {
          rule: "iframe-storage",
          severity: "warning",
          message: `${d.path[0]} in a third-party iframe is partitioned or blocked by browsers: data written there can disappear or never be shared with the page`
        },
        d
      );
    case "storage-access":
      return webDraft(
        "web.storage-access",
        d.path[1] ?? "document.requestStorageAccess",
        {
          action: "keep",
          replacement: "Storage Access API prompt: scv-connector-base 4.x has SHOW_STORAGE_ACCESS; 3.6.2 has no storage-access events",
          components: [connectorMethod("init(connectorConfig)")],
          basis: "project-guidance",
          guide: GUIDE.auth
        },
        void 0,
        d
      );
    case "post-message":
    case "message-listener":
      return webDraft(
        d.kind === "post-message" ? "web.post-message" : "web.message-listener",
        d.kind === "post-message" ? "window.postMessage" : "addEventListener('message')",
        {
          action: "migrate",
          replacement: "Lightning Message Service on ServiceCloudVoiceMessageChannel__c",
          components: [COMPONENTS.messageChannel],
          basis: "matrix",
          guide: GUIDE.messaging
        },
        void 0,
        d
      );
  }
}
function webDraft(rule, name, mapping, issue, d) {
  return {
    rule,
    api: { kind: "web-platform", name, documented: true },
    usage: d.kind === "post-message" || d.kind === "message-listener" ? "call" : "reference",
    mapping,
    issues: issue ? [issue] : []
  };
}
function classifyApi(d, catalog) {
  const c = classifyPath(d.path);
  if (!c) return void 0;
  const usage = d.kind === "call" ? "call" : "reference";
  switch (c.kind) {
    case "enum": {
      const known = ENUMS[c.name].includes(c.value);
      const name = `sforce.opencti.${c.name}.${c.value}`;
      return {
        rule: `opencti.${c.name}`,
        api: { kind: "open-cti-constant", name, platform: "lightning", documented: known },
        usage: "reference",
        mapping: ENUM_MAPPINGS[c.name],
        issues: known ? [] : [
          {
            rule: "unknown-enum-value",
            severity: "error",
            message: `${name} does not exist: ${c.name} has ${ENUMS[c.name].join(", ")}`
          }
        ]
      };
    }
    case "unknown":
      return unknownMemberDraft(c.namespace, c.member, usage);
    case "console-toolkit": {
      const presence = c.member.startsWith("presence");
      return {
        rule: "console-toolkit",
        // A Console Integration Toolkit helper (tabs, presence...): not Open CTI, so no Open CTI platform; only
        // sforce.console.cti.* counts as the console CTI platform.
        api: { kind: "console-toolkit", name: `sforce.console.${c.member}`, documented: true },
        usage,
        mapping: CONSOLE_TOOLKIT_MAPPINGS[presence ? "presence" : "other"],
        issues: []
      };
    }
    case "method": {
      const spec = c.spec;
      const called = usage === "call" && c.trailing === 0;
      const args = called ? d.args : void 0;
      const draft = {
        rule: ruleOf(spec),
        api: {
          kind: "open-cti-method",
          name: `${spec.namespace}.${spec.name}`,
          platform: NAMESPACE_PLATFORM[spec.namespace],
          documented: spec.unconfirmed === void 0
        },
        usage: called ? "call" : "reference",
        mapping: spec.mapping,
        issues: []
      };
      if (args) {
        const platform = NAMESPACE_PLATFORM[spec.namespace];
        draft.issues.push(
          ...platform === "lightning" ? lightningArgumentIssues(spec, args) : platform === "classic" ? classicArgumentIssues(spec, args) : []
        );
        if (spec.name === "runApex") draft.mapping = runApexMapping(spec, args);
        if (spec.name === "saveLog") draft.saveLog = saveLogMapping(spec, args, catalog);
      }
      if (spec.name === "saveLog" && !draft.saveLog && called) {
        draft.saveLog = { fields: [], complete: false };
      }
      return draft;
    }
  }
}
var LIBRARY_NAMES = {
  "opencti-lightning": "Open CTI for Lightning (opencti_min.js)",
  "opencti-classic": "Open CTI for Classic (interaction.js)",
  "console-toolkit": "Console Integration Toolkit (integration.js)"
};
function libraryDraft(library, url) {
  return {
    rule: `library.${library}`,
    api: {
      kind: "library",
      name: LIBRARY_NAMES[library],
      platform: library === "opencti-lightning" ? "lightning" : library === "opencti-classic" ? "classic" : "console",
      documented: true
    },
    usage: "include",
    mapping: {
      action: "eliminate",
      replacement: `Remove ${url}: Voice has no Open CTI library; the connector is built on @salesforce/scv-connector-base`,
      components: [connectorMethod("init(connectorConfig)")],
      basis: "project-guidance",
      guide: GUIDE.reviewByHand
    },
    issues: []
  };
}
function classicInLightningIssue(api, lightningCounterpart) {
  const what = api.platform === "console" ? "Console Integration Toolkit CTI (Classic console only)" : "a Salesforce Classic API";
  const instead = lightningCounterpart ? `; the Lightning method is sforce.opencti.${lightningCounterpart}` : "";
  return {
    rule: "classic-in-lightning",
    severity: "error",
    message: `${api.name} is ${what} in a Lightning adapter: it does not work in Lightning Experience${instead}`
  };
}
function lightningCounterpartOf(apiName) {
  const spec = methodAt(apiName);
  return spec?.lightningCounterpart || void 0;
}

// src/file-scan.ts
var DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
var CUT_SCRIPTS_OVER = 256 * 1024;
var SCRIPT_PIECE = 16 * 1024;
var LARGE_LIBRARY = 256 * 1024;
var OPEN_CTI_WORD = /sforce|opencti/;
var isScriptFile = (entry) => entry.kind.kind === "script";
var TEXT_CACHE_BYTES = 32 * 1024 * 1024;
var MASK_OVER = 2048;
function effectiveMaxFileSize(requested) {
  return Math.min(requested ?? DEFAULT_MAX_FILE_SIZE, MAX_FILE_SIZE_CEILING);
}
function loadGateCatalog() {
  const url = new URL(import.meta.resolve("@switchboard/catalog/standard-objects.json"));
  return objectCatalogFrom(JSON.parse(readFileSync2(url, "utf8")));
}
var AURA_FILE = /(^|\/)aura\/([^/]+)\/\2(Controller|Helper|Renderer)\.js$/;
function auraHelperKey(rel) {
  return `aura-helper:${posix.dirname(rel)}`;
}
function combineFences(text, fences) {
  const sorted = [...fences].sort((a, b) => a.offset - b.offset);
  const first = sorted[0];
  const parts = [];
  let at = first.offset;
  for (const fence of sorted) {
    if (fence.offset > at) {
      const gap = text.slice(at, fence.offset).replace(/[^\n]/g, " ");
      const lead = gap.search(/[^\n]/);
      parts.push(lead < 0 ? gap : `${gap.slice(0, lead)};${gap.slice(lead + 1)}`);
    }
    parts.push(fence.text);
    at = fence.offset + fence.text.length;
  }
  return { text: parts.join(""), offset: first.offset, language: "js", context: "markdown-fence" };
}
var ALL = [0, Number.MAX_SAFE_INTEGER];
function within(ranges, offset) {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    const [start, end] = ranges[mid];
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}
function joined(ranges) {
  const out = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}
function dependencySignature(registry, dependencies) {
  if (dependencies.length === 0) return "";
  return JSON.stringify(
    dependencies.map(
      (d) => d.startsWith("global:") ? registry.globals.get(d.slice(7)) ?? null : registry.modules.get(d.slice(7)) ?? null
    )
  );
}
var FileScanner = class {
  constructor(settings, entries) {
    this.settings = settings;
    this.fs = settings.fs ?? nodeFileSystem;
    this.files = new Set(entries.map((e) => e.rel));
    this.maxFileSize = settings.maxFileSize;
  }
  settings;
  fs;
  catalogLoaded;
  maxFileSize;
  files;
  /** Read when the first finding is classified: a scan with nothing to classify never parses the 160 KB file. */
  get catalog() {
    this.catalogLoaded ??= this.settings.catalog ?? loadGateCatalog();
    return this.catalogLoaded;
  }
  resolveModule(from, specifier) {
    if (!specifier.startsWith(".")) return void 0;
    const base = posix.normalize(posix.join(posix.dirname(from), specifier));
    const stem = base.replace(/\.(m|c)?js$/, "");
    const candidates = [
      base,
      ...[".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx", ".mts"].map((ext) => stem + ext),
      ...["index.js", "index.ts", "index.mjs"].map((i) => posix.join(base, i))
    ];
    return candidates.find((c) => this.files.has(c));
  }
  read(entry) {
    return entry.content ?? this.fs.readFile(entry.path, this.maxFileSize);
  }
  /**
   * `read`, for bytes decoded at once: from the real file system, into one buffer every such read shares (a buffer
   * per file was an allocation, and garbage, per file; see `readBoundedTransient`).
   */
  readToDecode(entry) {
    if (entry.content || this.fs !== nodeFileSystem) return this.read(entry);
    return readBoundedTransient(entry.path, this.maxFileSize);
  }
  /**
   * The texts of files with unparsed text, which later rounds search for exported names, kept up to a budget so
   * that a round does not read the tree again (a second read of every file was a tenth of a large scan).
   */
  texts = /* @__PURE__ */ new Map();
  textBudget = TEXT_CACHE_BYTES;
  remember(rel, text) {
    if (text.length > this.textBudget || this.texts.has(rel)) return;
    this.textBudget -= text.length;
    this.texts.set(rel, text);
  }
  /** A file's text, for a later round or the governing modes. Throws when it cannot be read. */
  text(entry) {
    return this.texts.get(entry.rel) ?? decode(this.readToDecode(entry));
  }
  /** Reads and analyses one file. `filter` decides which code units are parsed. */
  process(entry, registry, filter) {
    const read = readAndFilter(
      entry,
      () => this.readToDecode(entry),
      () => this.fs.stat(entry.path).size,
      this.maxFileSize,
      filter
    );
    if (read.kind === "plain") this.remember(entry.rel, read.text);
    return this.analyse(entry, read, registry, filter);
  }
  /**
   * Goes on with a file that `readAndFilter` read (here, or in the read-ahead worker, which keeps a plain file's
   * text itself: see read-ahead.ts).
   */
  analyse(entry, read, registry, filter) {
    const empty = (skipped) => ({
      rel: entry.rel,
      lines: 0,
      bytes: 0,
      placed: [],
      exports: { globals: {}, moduleExports: {} },
      fallbacks: [],
      callCenters: [],
      lightningContext: false,
      dependencies: [],
      dependencySignature: "",
      unparsed: [],
      ...skipped ? { skipped } : {}
    });
    if (read.kind === "skipped") return empty(read.skipped);
    const notes = read.fallbacks;
    if (read.kind === "plain") {
      return { ...empty(), lines: read.lines, bytes: read.bytes, unparsed: [ALL], fallbacks: notes };
    }
    const { text } = read;
    const lineIndex = new LineIndex(text);
    const thirdParty = thirdPartyReason(entry.rel, text);
    const byTokens = thirdParty !== void 0 && text.length > LARGE_LIBRARY && isScriptFile(entry) && !OPEN_CTI_WORD.test(text);
    const outcome = {
      ...empty(),
      lines: lineIndex.lineCount,
      bytes: read.bytes,
      fallbacks: notes,
      ...thirdParty ? { thirdParty } : {}
    };
    let kind = entry.kind;
    if (kind.kind === "static-resource") kind = staticResourceKind(text);
    const units = [];
    const includes = [];
    const callCenters = [];
    let cut;
    let cuts;
    switch (kind.kind) {
      case "script": {
        cuts = byTokens || text.length <= CUT_SCRIPTS_OVER || kind.language !== "js" && kind.language !== "ts" ? void 0 : topLevelCuts(text, SCRIPT_PIECE);
        if (cuts) cut = { language: kind.language };
        let from = 0;
        for (const to of [...cuts ?? [], text.length]) {
          units.push({ text: text.slice(from, to), offset: from, language: kind.language, context: "file" });
          from = to;
        }
        break;
      }
      case "markup": {
        const m = extractMarkup(text, kind.flavor);
        units.push(...m.units);
        includes.push(...m.includes);
        if (kind.flavor === "aura") outcome.lightningContext = true;
        break;
      }
      case "markdown":
        for (const fence of extractFences(text)) {
          this.fenceUnits(fence.language, fence.text, fence.offset, units, includes, (def, offset) => {
            callCenters.push({ def, offset });
          });
        }
        break;
      case "call-center":
      case "xml":
        if (kind.kind === "call-center" || looksLikeCallCenter(text)) {
          const def = extractCallCenter(text);
          if (def) callCenters.push({ def, offset: 0 });
        }
        break;
      case "static-resource":
        break;
      case "other-language":
        this.placeOtherLanguage(kind, text, outcome, lineIndex);
        break;
    }
    if (/(^|\/)(aura|lwc)\//.test(entry.rel)) outcome.lightningContext = true;
    for (const inc of includes) {
      if (inc.library === "opencti-lightning") outcome.lightningContext = true;
      outcome.placed.push({
        draft: libraryDraft(inc.library, inc.url),
        start: inc.offset,
        end: inc.offset + inc.length,
        context: "markup",
        detection: []
      });
    }
    for (const { def, offset } of callCenters) this.placeCallCenter(def, offset, outcome, lineIndex);
    const exports = { globals: {}, moduleExports: {} };
    const dependencies = /* @__PURE__ */ new Set();
    const analyse = (unit) => {
      if (!filter.test(unit.text)) return void 0;
      if (byTokens) return this.tokenUnit(unit);
      const masked = unit.context !== "inline-handler" && unit.text.length > MASK_OVER ? maskUnconnected(unit.text, filter) : void 0;
      if (masked) {
        const result = this.analyzeUnit({ ...unit, text: masked.text }, entry.rel, registry, lineIndex, masked);
        if (!result.fallback) return { ...result, partial: masked.blanked };
      }
      return this.analyzeUnit(unit, entry.rel, registry, lineIndex);
    };
    const fences = units.filter((u) => u.context === "markdown-fence" && u.language === "js");
    let combined;
    if (fences.length >= 2) {
      combined = combineFences(text, fences);
      units.splice(0, units.length, ...units.filter((u) => !fences.includes(u)), combined);
    }
    let results = units.map(analyse);
    const together = combined ? units.indexOf(combined) : -1;
    const failed = results[together]?.fallback;
    if (together >= 0 && (failed?.reason === "syntax-error" || failed?.reason === "nesting-too-deep")) {
      units.splice(together, 1, ...fences);
      results.splice(together, 1, ...fences.map(analyse));
    }
    if (cut && results.some((r) => r?.fallback?.reason === "syntax-error")) {
      units.splice(0, units.length, { text, offset: 0, language: cut.language, context: "file" });
      results = units.map(analyse);
    }
    for (const [index, unit] of units.entries()) {
      const result = results[index];
      const whole = [unit.offset, unit.offset + unit.text.length];
      if (!result) {
        outcome.unparsed.push(whole);
        continue;
      }
      for (const [start, end] of result.partial ?? [])
        outcome.unparsed.push([unit.offset + start, unit.offset + end]);
      for (const d of result.dependencies) dependencies.add(d);
      if (result.fallback?.reason === "syntax-error" || result.fallback?.reason === "nesting-too-deep") {
        outcome.unparsed.push(whole);
      }
      if (result.bundleObject && AURA_FILE.exec(entry.rel)?.[3] === "Helper")
        outcome.auraHelper = result.bundleObject;
      Object.assign(exports.globals, result.exports.globals);
      Object.assign(exports.moduleExports, result.exports.moduleExports);
      if (result.fallback) outcome.fallbacks.push(result.fallback);
      for (const d of result.detections) {
        const draft = classifyDetection(d, this.catalog);
        if (!draft) continue;
        if (draft.api.platform === "lightning" && draft.api.kind !== "library") outcome.lightningContext = true;
        outcome.placed.push({
          draft,
          start: d.start,
          end: d.end,
          context: unit.context === "file" ? "file" : unit.context,
          detection: d.traits,
          ...d.via ? { via: d.via } : {}
        });
      }
    }
    outcome.unparsed = joined(outcome.unparsed);
    if (outcome.unparsed.length > 0) this.remember(entry.rel, text);
    outcome.exports = exports;
    outcome.dependencies = [...dependencies].sort();
    outcome.dependencySignature = dependencySignature(registry, outcome.dependencies);
    for (const p of outcome.placed) {
      const start = lineIndex.position(p.start);
      const end = lineIndex.position(Math.max(p.start, p.end));
      p.at = {
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        snippet: snippetAt(lineIndex.lineText(start.line), start.column)
      };
    }
    return outcome;
  }
  /** Code no JavaScript parser reads: member chains found by text, listed under parse fallbacks. */
  placeOtherLanguage(kind, text, outcome, lineIndex) {
    outcome.unparsed.push(ALL);
    for (const d of textScan(text, kind.lineComment)) {
      const draft = classifyDetection(d, this.catalog);
      if (!draft) continue;
      outcome.placed.push({ draft, start: d.start, end: d.end, context: "file", detection: d.traits });
    }
    const at = lineIndex.position(0);
    outcome.fallbacks.push({
      file: outcome.rel,
      line: at.line,
      column: at.column,
      reason: "other-language",
      message: `${kind.language}: no JavaScript parser reads it, so Open CTI member chains were found by text (lower confidence: no aliases, wrappers or argument shapes)`
    });
  }
  fenceUnits(language, text, offset, units, includes, onCallCenter) {
    const scriptLanguages = {
      js: "js",
      javascript: "js",
      mjs: "js",
      cjs: "js",
      jsx: "jsx",
      ts: "ts",
      typescript: "ts",
      tsx: "tsx",
      "": "js"
    };
    const script = scriptLanguages[language];
    if (script && !(language === "" && looksLikeCallCenter(text))) {
      units.push({ text, offset, language: script, context: "markdown-fence" });
      return;
    }
    if (["html", "htm", "xhtml", "visualforce", "vf", "aura"].includes(language)) {
      const flavor = language === "aura" ? "aura" : language === "visualforce" || language === "vf" ? "visualforce" : "html";
      const m = extractMarkup(text, flavor);
      for (const u of m.units) units.push({ ...u, offset: u.offset + offset, context: "markdown-fence" });
      for (const i of m.includes) includes.push({ ...i, offset: i.offset + offset });
      return;
    }
    if ((language === "xml" || language === "") && looksLikeCallCenter(text)) {
      const def = extractCallCenter(text);
      if (def) onCallCenter(def, offset);
    }
  }
  placeCallCenter(def, offset, outcome, lineIndex) {
    const items = [];
    for (const item of def.items) {
      items.push({ item, placed: outcome.placed.length });
      outcome.placed.push({
        draft: callCenterDraft(item),
        start: offset + item.offset,
        end: offset + item.offset + item.length,
        context: "call-center",
        detection: [],
        value: item.value
      });
    }
    const internalName = def.items.find((i) => i.name === "reqInternalName")?.value.trim();
    const fullName = def.shape === "metadata" ? /(?:^|\/)([^/]+)\.callCenter(?:-meta\.xml)?$/.exec(outcome.rel)?.[1] : void 0;
    const name = internalName || fullName;
    outcome.callCenters.push({ ...name ? { name } : {}, items });
    for (const problem of def.problems) {
      const pos = lineIndex.position(offset + problem.offset);
      outcome.fallbacks.push({
        file: outcome.rel,
        line: pos.line,
        column: pos.column,
        reason: "syntax-error",
        message: problem.message
      });
    }
  }
  /** A unit read by the tokenizer alone (a large third-party library): no aliases, wrappers or exports. */
  tokenUnit(unit) {
    const detections = tokenScan(unit.text, unit.language !== "ts").map((d) => ({
      ...d,
      start: d.start + unit.offset,
      end: d.end + unit.offset
    }));
    return { detections, exports: { globals: {}, moduleExports: {} }, dependencies: [] };
  }
  analyzeUnit(unit, rel, registry, lineIndex, masked) {
    const prefix = unit.context === "inline-handler" ? "(function (event) {" : "";
    const code3 = prefix ? `${prefix}${unit.text}
})` : unit.text;
    const shift = (d) => {
      const traits = unit.context === "inline-handler" ? [...d.traits, "inline-handler"] : d.traits;
      const at = (offset) => (masked ? masked.toOriginal(offset) : Math.max(0, offset - prefix.length)) + unit.offset;
      const start = at(d.start);
      const end = at(d.end);
      return { ...d, traits, start, end };
    };
    const startLine = lineIndex.position(unit.offset).line;
    const fallback = (reason, offset, message) => {
      const pos = lineIndex.position(unit.offset + Math.max(0, offset - prefix.length));
      return { file: rel, line: pos.line, column: pos.column, reason, message };
    };
    const tokens = () => tokenScan(code3, unit.language !== "ts").map((d) => shift(d));
    const aura = AURA_FILE.test(rel);
    const helper = aura ? registry.modules.get(auraHelperKey(rel))?.helper : void 0;
    try {
      const result = analyzeJavaScript(code3, {
        file: rel,
        lineOffset: startLine - 1,
        language: unit.language,
        registry,
        resolveModule: (s) => this.resolveModule(rel, s),
        ...aura ? { auraHelperKey: auraHelperKey(rel) } : {},
        ...helper ? { auraHelper: helper } : {},
        ...masked ? { module: masked.module } : {}
      });
      if (result.syntaxError) {
        return {
          detections: tokens(),
          exports: result.exports,
          dependencies: [],
          fallback: fallback(
            "syntax-error",
            result.syntaxError.offset,
            `${result.syntaxError.message}; scanned by tokens (aliases, wrappers and argument shapes are not analysed)`
          )
        };
      }
      return {
        detections: result.detections.map(shift),
        exports: result.exports,
        dependencies: result.dependencies,
        ...result.bundleObject ? { bundleObject: result.bundleObject } : {}
      };
    } catch (error) {
      if (!(error instanceof NestingTooDeepError) && !(error instanceof RangeError)) throw error;
      return {
        detections: tokens(),
        exports: { globals: {}, moduleExports: {} },
        dependencies: [],
        fallback: fallback("nesting-too-deep", 0, "nested too deeply to parse; scanned by tokens")
      };
    }
  }
};
function snippetAt(line, column) {
  const MAX = 160;
  const trimmed = line.trim();
  if (trimmed.length <= MAX) return trimmed;
  const start = Math.max(0, column - 1 - 60);
  const piece = line.slice(start, start + MAX).trim();
  return `${start > 0 ? "…" : ""}${piece}${start + MAX < line.length ? "…" : ""}`;
}

// src/read-ahead.ts
import { existsSync as existsSync2 } from "node:fs";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
var READ_AHEAD_MIN_FILES = 400;
var CLAIMED = 0;
var POSTED = 1;
var REQUESTS = 2;
var FAILED = 3;
var SILENCE_MS = 1e4;
var WORKER = fileURLToPath2(new URL("../dist/read-ahead-worker.js", import.meta.url));
var ReadAhead = class _ReadAhead {
  constructor(worker, port, state, count, silenceMs) {
    this.worker = worker;
    this.port = port;
    this.count = count;
    this.silenceMs = silenceMs;
    this.state = new Int32Array(state);
  }
  worker;
  port;
  count;
  silenceMs;
  state;
  received = 0;
  done = false;
  dead = false;
  pendingReplies = [];
  /** A worker for `entries`, or undefined when the tree is small, has files in memory, or no worker can start. */
  static start(entries, maxFileSize, setup = {}) {
    const script = setup.script ?? WORKER;
    if (process.env.SWITCHBOARD_READ_AHEAD === "0" || entries.length < READ_AHEAD_MIN_FILES) return void 0;
    if (entries.some((e) => e.content) || !existsSync2(script)) return void 0;
    const state = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
    const { port1, port2 } = new MessageChannel();
    const data = {
      files: entries.map((e) => ({
        rel: e.rel,
        path: e.path,
        kind: e.kind,
        ...e.size !== void 0 ? { size: e.size } : {}
      })),
      maxFileSize,
      state,
      port: port2
    };
    try {
      const worker = new Worker(script, { workerData: data, transferList: [port2] });
      worker.unref();
      port1.unref();
      worker.on("error", () => {
      });
      return new _ReadAhead(worker, port1, state, entries.length, setup.silenceMs ?? SILENCE_MS);
    } catch {
      return void 0;
    }
  }
  /** Claims the next file for the main thread: false when every file is claimed. */
  claim() {
    return Atomics.add(this.state, CLAIMED, 1) < this.count;
  }
  /** Hands over the files the worker has read so far, without waiting. */
  drain(take) {
    for (let m = this.receive(); m; m = this.receive()) this.handle(m, take);
  }
  /**
   * Hands over the rest of the worker's files, waiting for them. Returns false when the worker failed or fell
   * silent: the caller then does the files it has not been given.
   */
  finish(take) {
    while (!this.done) {
      const m = this.next();
      if (!m) return false;
      this.handle(m, take);
    }
    return true;
  }
  /** Which files the worker keeps the text of mention a match of `source` (a regular expression's source). */
  mentioning(source) {
    if (this.dead) return void 0;
    const request = { mentions: source };
    this.port.postMessage(request);
    Atomics.add(this.state, REQUESTS, 1);
    Atomics.notify(this.state, REQUESTS);
    while (this.pendingReplies.length === 0) {
      const m = this.next();
      if (!m) return void 0;
      this.handle(m, () => {
      });
    }
    return new Set(this.pendingReplies.shift());
  }
  /** Ends the worker (its remaining work is not needed). */
  stop() {
    try {
      const request = { stop: true };
      this.port.postMessage(request);
      Atomics.add(this.state, REQUESTS, 1);
      Atomics.notify(this.state, REQUESTS);
    } catch {
    }
    void this.worker.terminate();
    this.port.close();
  }
  handle(m, take) {
    if ("file" in m) take(m.file);
    else if ("done" in m) this.done = true;
    else this.pendingReplies.push(m.mentioning);
  }
  receive() {
    const m = receiveMessageOnPort(this.port);
    if (!m) return void 0;
    this.received++;
    return m.message;
  }
  /** The worker's next message, waiting for it; undefined when it failed or fell silent. */
  next() {
    for (; ; ) {
      const m = this.receive();
      if (m) return m;
      if (this.dead || Atomics.load(this.state, FAILED) !== 0) {
        this.dead = true;
        return void 0;
      }
      if (Atomics.wait(this.state, POSTED, this.received, this.silenceMs) === "timed-out") {
        if (Atomics.load(this.state, POSTED) === this.received) {
          this.dead = true;
          return void 0;
        }
      }
    }
  }
};

// src/rules/adapters.ts
import { posix as posix2 } from "node:path";
function pagesOf(url, files) {
  const apex = /^\/apex\/(?:\w+__)?(\w+)/i.exec(url.trim());
  if (apex) {
    const name = apex[1].toLowerCase();
    return files.filter((f) => {
      const base = posix2.basename(f).toLowerCase();
      return [".page", ".vf", ".vfp"].some((ext) => base === `${name}${ext}`);
    });
  }
  let path;
  try {
    path = new URL(url.trim(), "https://adapter.invalid/").pathname;
  } catch {
    return [];
  }
  const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (segments.length === 0) return [];
  for (let n = segments.length; n >= 1; n--) {
    const tail = segments.slice(-n).join("/");
    const hits = files.filter((f) => f === tail || f.endsWith(`/${tail}`));
    if (hits.length > 0) return hits;
  }
  return [];
}
function loadedBy(page, text, files) {
  const out = /* @__PURE__ */ new Set();
  for (const m of text.matchAll(/\$Resource\.(\w+)/g)) {
    const name = m[1];
    for (const f of files) {
      if (new RegExp(`(^|/)staticresources/${name}(\\.resource(!/.*)?|/.*)?$`, "i").test(f)) out.add(f);
    }
  }
  for (const m of text.matchAll(/\bsrc\s*=\s*["']([^"':?#]+)["']/g)) {
    const target = posix2.normalize(posix2.join(posix2.dirname(page), m[1]));
    if (files.includes(target)) out.add(target);
  }
  return [...out];
}
function scopeOf(rel) {
  const dir = posix2.dirname(rel);
  const parts = dir === "." ? [] : dir.split("/");
  const at = parts.findIndex((p) => p.toLowerCase() === "callcenters");
  return (at >= 0 ? parts.slice(0, at) : parts).join("/");
}
function governingModes(centers, files, read) {
  const modes = /* @__PURE__ */ new Map();
  const byDepth = centers.map((center) => ({ center, scope: scopeOf(center.rel) })).sort((a, b) => b.scope.length - a.scope.length);
  for (const f of files) {
    const nearest = byDepth.find(({ scope }) => scope === "" || f === scope || f.startsWith(`${scope}/`));
    if (nearest) modes.set(f, nearest.center.mode);
  }
  const pages = /* @__PURE__ */ new Map();
  const loads = /* @__PURE__ */ new Map();
  for (const c of centers) {
    if (!c.adapterUrl) continue;
    let named = pages.get(c.adapterUrl);
    if (!named) {
      named = pagesOf(c.adapterUrl, files);
      pages.set(c.adapterUrl, named);
    }
    for (const page of named) {
      modes.set(page, c.mode);
      let loaded2 = loads.get(page);
      if (!loaded2) {
        const text = read(page);
        loaded2 = text === void 0 ? [] : loadedBy(page, text, files);
        loads.set(page, loaded2);
      }
      for (const f of loaded2) modes.set(f, c.mode);
    }
  }
  return modes;
}

// src/scan.ts
var MAX_ROUNDS = 6;
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function registryOf(outcomes) {
  const globals = /* @__PURE__ */ new Map();
  const modules = /* @__PURE__ */ new Map();
  for (const o of outcomes) {
    if (o.auraHelper) modules.set(auraHelperKey(o.rel), { helper: o.auraHelper });
    for (const [name, ref] of Object.entries(o.exports.globals)) if (!globals.has(name)) globals.set(name, ref);
    if (Object.keys(o.exports.moduleExports).length > 0) modules.set(o.rel, o.exports.moduleExports);
  }
  return { globals, modules };
}
function registryNames(registry) {
  const names = new Set(registry.globals.keys());
  for (const [rel, exports] of registry.modules) {
    for (const name of Object.keys(exports)) if (name !== "default") names.add(name);
    const base = posix3.basename(rel).replace(/\.[^.]+$/, "");
    if (base) names.add(base);
  }
  return [...names].filter((n) => /^[\w$]+$/.test(n));
}
function registrySignature(registry) {
  return JSON.stringify([[...registry.globals.entries()], [...registry.modules.entries()]]);
}
function expandArchives(entries, fs, maxFileSize, skipped) {
  const out = [];
  for (const e of entries) {
    if (e.kind.kind !== "static-resource") {
      out.push(e);
      continue;
    }
    let bytes;
    try {
      bytes = fs.readFile(e.path, maxFileSize);
    } catch {
      out.push(e);
      continue;
    }
    if (!isZip(bytes)) {
      out.push(e);
      continue;
    }
    const keep = (name) => fileKind(name) !== void 0 || name.endsWith(".zip") || !name.slice(name.lastIndexOf("/") + 1).includes(".");
    const zip = readZip(
      bytes,
      {
        maxEntrySize: maxFileSize,
        maxTotalSize: Math.min(10 * maxFileSize, 2 * MAX_FILE_SIZE_CEILING),
        maxEntries: 1e4
      },
      keep
    );
    if (zip.error) {
      skipped.push({ file: e.rel, reason: "archive", detail: `cannot read the zip: ${zip.error}` });
      continue;
    }
    for (const entry of zip.entries) {
      out.push({
        path: `${e.path}!/${entry.name}`,
        rel: `${e.rel}!/${entry.name}`,
        size: entry.content.length,
        kind: fileKind(entry.name) ?? { kind: "static-resource" },
        content: entry.content
      });
    }
    for (const s of zip.skipped) {
      skipped.push({
        file: `${e.rel}!/${s.name}`,
        reason: s.reason === "unreadable" ? "unreadable" : "too-large",
        detail: s.detail
      });
    }
  }
  return out.sort((a, b) => a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
}
function fingerprint(parts) {
  return createHash("sha256").update(parts.join("")).digest("hex").slice(0, 16);
}
function reconcileCenters(outcomes) {
  const groups = /* @__PURE__ */ new Map();
  let anonymous = 0;
  for (const outcome of [...outcomes].sort((a, b) => a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)) {
    for (const def of outcome.callCenters) {
      const key = def.name !== void 0 ? `name:${def.name}` : `anonymous:${anonymous++}`;
      const group = groups.get(key) ?? [];
      group.push({ outcome, def });
      groups.set(key, group);
    }
  }
  const centers = [];
  for (const group of groups.values()) {
    const merged = [];
    for (const { outcome, def } of group) {
      for (const { item, placed } of def.items) {
        const p = outcome.placed[placed];
        const same = merged.find(
          (m) => m.item.name === item.name && (m.item.section === item.section || !m.item.section || !item.section)
        );
        if (!same) {
          merged.push({ item, placed: p });
          continue;
        }
        p.duplicate = true;
        if (same.item.value.trim() !== item.value.trim()) {
          const where2 = `${outcome.rel}:${p.at?.line ?? 1}`;
          same.placed.draft.issues = [
            ...same.placed.draft.issues,
            {
              rule: "call-center-conflict",
              severity: "warning",
              message: `call center ${def.name ?? ""} is defined again in ${where2}, with ${item.name} "${item.value.trim()}": the org has one of the two values; this report reads this one`
            }
          ];
        }
      }
    }
    const { mode, issue } = compatibility(merged.map((m) => m.item));
    if (issue) {
      const draft = merged[issue.index].placed.draft;
      draft.issues = [...draft.issues, { rule: issue.rule, severity: issue.severity, message: issue.message }];
    }
    const adapterUrl = merged.find((m) => m.item.name === "reqAdapterUrl")?.item.value.trim();
    for (const rel of new Set(group.map((g) => g.outcome.rel))) {
      centers.push({ rel, mode, ...adapterUrl ? { adapterUrl } : {} });
    }
  }
  return centers;
}
function toFindings(outcome, lightningAdapter) {
  const seen = /* @__PURE__ */ new Map();
  const findings = [];
  for (const p of outcome.placed) {
    if (p.duplicate) continue;
    const at = p.at ?? { line: 1, column: 1, endLine: 1, endColumn: 1, snippet: "" };
    const snippet = at.snippet;
    const issues = [...p.draft.issues];
    const platform = p.draft.api.platform;
    if ((platform === "classic" || platform === "console") && p.draft.api.kind !== "library" && p.draft.api.kind !== "console-toolkit" && (outcome.lightningContext || lightningAdapter)) {
      issues.push(classicInLightningIssue(p.draft.api, lightningCounterpartOf(p.draft.api.name)));
    }
    const severity = issues.reduce((s, i) => worse(s, i.severity), "note");
    const key = [p.draft.rule, outcome.rel, p.draft.api.name, snippet.replace(/\s+/g, " ")].join("|");
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const mapping = p.draft.mapping;
    const finding = {
      id: fingerprint([key, String(n)]),
      rule: p.draft.rule,
      api: p.draft.api,
      usage: p.draft.usage,
      location: {
        file: outcome.rel,
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn
      },
      context: p.context,
      detection: p.detection,
      action: mapping.action,
      replacement: mapping.replacement,
      components: [...mapping.components],
      basis: mapping.basis,
      guide: guideLink(mapping.guide),
      severity,
      issues,
      snippet
    };
    if (mapping.unconfirmed) finding.unconfirmed = mapping.unconfirmed;
    if (p.via) finding.via = p.via;
    if (p.draft.saveLog) finding.saveLog = p.draft.saveLog;
    if (p.value !== void 0) finding.value = p.value;
    if (outcome.thirdParty && p.draft.api.kind === "web-platform") finding.thirdParty = outcome.thirdParty;
    findings.push(finding);
  }
  return findings;
}
function scan(options) {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const maxFileSize = effectiveMaxFileSize(options.maxFileSize);
  const walked = walk({
    root: options.root,
    excludes: options.excludes ?? [],
    ignoreFiles: options.ignoreFiles !== false,
    defaultExcludes: options.defaultExcludes !== false,
    maxFileSize,
    ...options.fs ? { fs: options.fs } : {}
  });
  const archiveSkips = [];
  const files = expandArchives(walked.files, options.fs ?? nodeFileSystem, maxFileSize, archiveSkips);
  const scanner = new FileScanner(
    {
      maxFileSize,
      ...options.fs ? { fs: options.fs } : {},
      ...options.catalog ? { catalog: options.catalog } : {}
    },
    files
  );
  const outcomes = /* @__PURE__ */ new Map();
  let registry = EMPTY_REGISTRY;
  let filter = BASE_PREFILTER;
  let targets = files;
  const ahead = options.fs ? void 0 : ReadAhead.start(files, maxFileSize);
  const heldByWorker = /* @__PURE__ */ new Set();
  for (let round = 1; round <= MAX_ROUNDS && targets.length > 0; round++) {
    let done = 0;
    const progress = () => options.onProgress?.({ done: ++done, total: targets.length, round });
    if (round === 1 && ahead) {
      const results = [];
      const take = ({ index, read, kept }) => {
        const entry = files[index];
        results[index] = scanner.analyse(entry, read, registry, filter);
        if (kept) heldByWorker.add(entry.rel);
        progress();
      };
      let front = 0;
      while (ahead.claim()) {
        results[front] = scanner.process(files[front], registry, filter);
        front++;
        progress();
        ahead.drain(take);
      }
      if (!ahead.finish(take)) {
        for (const [index, entry] of files.entries()) {
          if (results[index]) continue;
          results[index] = scanner.process(entry, registry, filter);
          progress();
        }
      }
      for (const [index, entry] of files.entries()) outcomes.set(entry.rel, results[index]);
    } else {
      for (const entry of targets) {
        outcomes.set(entry.rel, scanner.process(entry, registry, filter));
        progress();
      }
    }
    const next = registryOf(outcomes.values());
    if (registrySignature(next) === registrySignature(registry)) break;
    registry = next;
    const names = registryNames(registry);
    if (names.length === 0) break;
    filter = new RegExp(`${BASE_PREFILTER.source}|\\b(?:${names.map(escapeRegExp).join("|")})\\b`);
    const mentions = new RegExp(`\\b(?:${names.map(escapeRegExp).join("|")})\\b`, "g");
    const mentionedInWorker = heldByWorker.size > 0 ? ahead?.mentioning(mentions.source) : void 0;
    const mentionedAt = new Map(files.map((e, index) => [e.rel, index]));
    targets = files.filter((e) => {
      const o = outcomes.get(e.rel);
      if (!o || o.skipped) return false;
      if (dependencySignature(registry, o.dependencies) !== o.dependencySignature) return true;
      if (o.unparsed.length === 0) return false;
      if (mentionedInWorker && heldByWorker.has(e.rel)) return mentionedInWorker.has(mentionedAt.get(e.rel));
      try {
        for (const m of scanner.text(e).matchAll(mentions)) if (within(o.unparsed, m.index)) return true;
      } catch {
        return false;
      }
      return false;
    });
  }
  ahead?.stop();
  const all = [...outcomes.values()];
  const rootFile = walked.files.length === 1 && walked.files[0].path === options.root ? all[0] : void 0;
  if (rootFile?.skipped?.reason === "unreadable") {
    throw new RootNotFoundError(`cannot read ${options.root}: ${rootFile.skipped.detail ?? "unreadable"}`);
  }
  const centers = reconcileCenters(all);
  const modes = governingModes(
    centers,
    all.filter((o) => !o.skipped).map((o) => o.rel),
    (rel) => {
      const entry = files.find((e) => e.rel === rel);
      try {
        return entry ? scanner.text(entry) : void 0;
      } catch {
        return void 0;
      }
    }
  );
  const findings = all.flatMap((o) => toFindings(o, modes.get(o.rel) === "Lightning")).sort(
    (a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) || a.location.line - b.location.line || a.location.column - b.location.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
  const skipped = [...walked.skipped, ...archiveSkips, ...all.flatMap((o) => o.skipped ? [o.skipped] : [])].sort(
    (a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0
  );
  const parseFallbacks = all.flatMap((o) => o.fallbacks);
  const scanned = all.filter((o) => !o.skipped);
  const summary = buildSummary({
    findings,
    filesScanned: scanned.length,
    linesScanned: scanned.reduce((n, o) => n + o.lines, 0),
    bytesScanned: scanned.reduce((n, o) => n + o.bytes, 0),
    filesSkipped: skipped.length,
    filesIgnored: walked.ignored,
    parseFallbacks: parseFallbacks.length,
    durationMs: Math.round(clock() - started)
  });
  return {
    schema: SCHEMA_ID,
    schemaVersion: SCHEMA_VERSION,
    tool: { ...TOOL },
    generatedAt: (options.now?.() ?? /* @__PURE__ */ new Date()).toISOString(),
    root: options.root.split("\\").join("/"),
    options: {
      maxFileSize,
      excludes: [...options.excludes ?? []],
      ignoreFiles: options.ignoreFiles !== false,
      defaultExcludes: options.defaultExcludes !== false
    },
    summary,
    inventory: buildInventory(findings),
    findings,
    skipped,
    parseFallbacks
  };
}

// src/cli/fail-on.ts
var UsageError = class extends Error {
};
function parseFailOn(values) {
  const result = { actions: [] };
  for (const raw of values.flatMap((v) => v.split(","))) {
    const value = raw.trim().toLowerCase();
    if (!value) continue;
    if (ACTIONS.includes(value)) result.actions.push(value);
    else if (SEVERITIES.includes(value)) {
      const severity = value;
      if (!result.severity || atLeast(result.severity, severity)) result.severity = severity;
    } else {
      throw new UsageError(
        `--fail-on: unknown value "${raw.trim()}". Use actions (${ACTIONS.join(", ")}) or severities (${SEVERITIES.join(", ")}), comma-separated`
      );
    }
  }
  return result;
}
function blocking(findings, policy) {
  return findings.filter(
    (f) => policy.actions.includes(f.action) || policy.severity !== void 0 && atLeast(f.severity, policy.severity)
  );
}

// src/cli/options.ts
function helpLines(rows, width = 27) {
  return Object.entries(rows).map(([name, o]) => {
    const label = `${o.short ? `-${o.short}, ` : ""}--${name}${o.value ? ` ${o.value}` : ""}`;
    const [first, ...rest] = o.help.split("\n");
    const head = `  ${label.padEnd(width - 2)}`;
    return [
      `${head.length > width ? `${head}
${" ".repeat(width)}` : head}${first}`,
      ...rest.map((l) => `${" ".repeat(width)}${l}`)
    ].join("\n");
  }).join("\n");
}

// src/cli/progress.ts
var ProgressBar = class {
  constructor(stream, now = () => Date.now()) {
    this.stream = stream;
    this.now = now;
  }
  stream;
  now;
  last = Number.NEGATIVE_INFINITY;
  drawn = false;
  get enabled() {
    return this.stream.isTTY === true;
  }
  update(done, total, round) {
    if (!this.enabled) return;
    const t = this.now();
    if (done < total && t - this.last < 80) return;
    this.last = t;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 40));
    const filled = total === 0 ? width : Math.round(done / total * width);
    const label = round > 1 ? ` (round ${round}: wrappers across files)` : "";
    this.stream.write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} files${label}\x1B[K`
    );
    this.drawn = true;
  }
  clear() {
    if (this.drawn) this.stream.write("\r\x1B[K");
    this.drawn = false;
  }
};

// src/cli/main.ts
var EXIT = { ok: 0, blocked: 1, usage: 2, failed: 3 };
var OPTIONS = {
  json: {
    type: "string",
    value: "<file>",
    group: "Reports",
    help: "JSON report (schema: scanner/schema/scan-report.schema.json)"
  },
  sarif: { type: "string", value: "<file>", group: "Reports", help: "SARIF 2.1.0 for code-scanning tools" },
  markdown: { type: "string", value: "<file>", group: "Reports", help: "Markdown report" },
  html: {
    type: "string",
    value: "<file>",
    group: "Reports",
    help: "self-contained HTML report with a chart of findings by action"
  },
  out: {
    type: "string",
    value: "<dir>",
    group: "Reports",
    help: "all four, as <dir>/switchboard-scan.{json,sarif,md,html}"
  },
  format: {
    type: "string",
    value: "<name>",
    group: "Reports",
    help: "what goes to stdout: terminal (default), json, sarif, markdown, html"
  },
  quiet: { type: "boolean", group: "Reports", help: "print nothing to stdout (reports are still written)" },
  "no-progress": {
    type: "boolean",
    group: "Reports",
    help: "never draw the progress bar (it is drawn only on a terminal)"
  },
  exclude: {
    type: "string",
    multiple: true,
    value: "<pattern>",
    group: "What to scan",
    help: "gitignore-style pattern relative to <path>; repeatable"
  },
  "no-ignore-files": {
    type: "boolean",
    group: "What to scan",
    help: "do not read .gitignore and .switchboardignore files"
  },
  "no-default-excludes": { type: "boolean", group: "What to scan", help: "also scan .git/ and node_modules/" },
  "max-file-size": {
    type: "string",
    value: "<size>",
    group: "What to scan",
    help: "skip larger files (reported); e.g. 800kb, 5mb, 1048576 (default 5mb, at most 256mb)"
  },
  "fail-on": {
    type: "string",
    multiple: true,
    value: "<list>",
    group: "Exit status",
    help: "comma-separated actions (eliminate, migrate, replace, keep) and/or severities\n(error, warning, note; a severity also matches worse ones)"
  },
  help: { type: "boolean", short: "h", group: "Other", help: "this text" },
  version: { type: "boolean", short: "v", group: "Other", help: "the scanner's version" }
};
var EXIT_HELP = `  0  scan done, nothing matched --fail-on
  1  findings matched --fail-on
  2  usage error (unknown option, bad value)
  3  the scan could not run (path not found or unreadable, a report could not be written)
`;
function helpText() {
  const section = (group) => helpLines(
    Object.fromEntries(Object.entries(OPTIONS).filter(([, o]) => o.group === group))
  );
  return `Usage: switchboard scan <path> [options]

Inventories an Open CTI adapter (JavaScript, TypeScript, HTML, Visualforce, Aura, static resources, Markdown,
call-center definitions) and maps every usage to its Salesforce Voice replacement.

Reports
${section("Reports")}

What to scan
${section("What to scan")}

Exit status
${section("Exit status")}
${EXIT_HELP}
${section("Other")}
`;
}
var HELP = helpText();
function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-file-size: "${text}" is not a size (examples: 800kb, 5mb, 1048576)`);
  const unit = (m[2] ?? "b").toLowerCase()[0];
  const factor = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  const size = Math.floor(Number(m[1]) * factor);
  if (size > MAX_FILE_SIZE_CEILING) {
    throw new UsageError(
      `--max-file-size: ${text} is over the ceiling of 256mb (a larger file cannot be held as text and parsed)`
    );
  }
  return size;
}
var FORMATS = ["terminal", "json", "sarif", "markdown", "html"];
function render(format, report, rootUri, colour, written) {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}
`;
    case "sarif":
      return renderSarif(report, { rootUri });
    case "markdown":
      return renderMarkdown(report);
    case "html":
      return renderHtml(report);
    case "terminal":
      return renderTerminal(report, { colour, written });
  }
}
function suggestion(typed, names, prefix) {
  const { closest: closest2, distance: distance2 } = loadLevenshtein();
  const near = closest2(typed, [...names]);
  return distance2(typed, near) <= Math.max(2, Math.floor(typed.length / 3)) ? ` (did you mean ${prefix}${near}?)` : "";
}
function parseProblem(error) {
  const { code: code3, message = String(error) } = error;
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (!flag) return message;
  switch (code3) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return flag.startsWith("--") ? `unknown option ${flag}${suggestion(flag.slice(2), Object.keys(OPTIONS), "--")}` : `unknown option ${flag}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(message) ? `${flag} needs a value` : `${flag} takes no value`;
    default:
      return message;
  }
}
function main(argv, io) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: OPTIONS
    });
  } catch (error) {
    io.stderr.write(`switchboard: ${parseProblem(error)}

${HELP}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout.write(`${TOOL.version}
`);
    return EXIT.ok;
  }
  const [command, target, ...extra] = positionals;
  if (command !== "scan" || !target || extra.length > 0) {
    const problem = command !== "scan" ? command ? `unknown command "${command}"${suggestion(command, ["scan"], "")}` : "missing command" : !target ? "missing <path> to scan" : `one path at a time (got ${positionals.length - 1})`;
    io.stderr.write(`switchboard: ${problem}

${HELP}`);
    return EXIT.usage;
  }
  let failOn;
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  const format = values.format ?? "terminal";
  try {
    failOn = parseFailOn(values["fail-on"] ?? []);
    if (values["max-file-size"] !== void 0) maxFileSize = parseSize(values["max-file-size"]);
    if (!FORMATS.includes(format)) {
      throw new UsageError(`--format: "${values.format}" is not one of ${FORMATS.join(", ")}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`switchboard: ${error.message}
`);
    return EXIT.usage;
  }
  const root = resolve(io.cwd, target);
  const progress = new ProgressBar(
    values["no-progress"] || values.quiet ? { write: () => void 0, isTTY: false } : io.stderr
  );
  let report;
  try {
    report = scan({
      root,
      excludes: values.exclude ?? [],
      ignoreFiles: !values["no-ignore-files"],
      defaultExcludes: !values["no-default-excludes"],
      maxFileSize,
      ...io.now ? { now: io.now } : {},
      onProgress: (p) => progress.update(p.done, p.total, p.round)
    });
  } catch (error) {
    progress.clear();
    if (error instanceof RootNotFoundError) {
      io.stderr.write(`switchboard: ${error.message}
`);
      return EXIT.failed;
    }
    throw error;
  }
  progress.clear();
  report.root = target;
  const rootUri = `${pathToFileURL(root).href.replace(/\/?$/, "/")}`;
  const outputs = [];
  if (values.out) {
    const dir = resolve(io.cwd, values.out);
    outputs.push(
      { file: join3(dir, "switchboard-scan.json"), format: "json" },
      { file: join3(dir, "switchboard-scan.sarif"), format: "sarif" },
      { file: join3(dir, "switchboard-scan.md"), format: "markdown" },
      { file: join3(dir, "switchboard-scan.html"), format: "html" }
    );
  }
  for (const f of ["json", "sarif", "markdown", "html"]) {
    const file = values[f];
    if (file) outputs.push({ file: resolve(io.cwd, file), format: f });
  }
  const written = [];
  for (const output of outputs) {
    try {
      mkdirSync2(dirname2(output.file), { recursive: true });
      writeFileSync2(output.file, render(output.format, report, rootUri, false, []));
      written.push(output.file);
    } catch (error) {
      io.stderr.write(`switchboard: cannot write ${output.file}: ${error.message}
`);
      return EXIT.failed;
    }
  }
  if (!values.quiet) {
    const colour = format === "terminal" && io.stdout.isTTY === true && !io.env.NO_COLOR;
    io.stdout.write(render(format, report, rootUri, colour, written));
  }
  const blockers = blocking(report.findings, failOn);
  if (blockers.length > 0) {
    io.stderr.write(
      `switchboard: ${blockers.length} finding(s) match --fail-on ${(values["fail-on"] ?? []).join(",")}
`
    );
    return EXIT.blocked;
  }
  return EXIT.ok;
}
export {
  loadedLibraries,
  main
};
