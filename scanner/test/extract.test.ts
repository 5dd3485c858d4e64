import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compatibilityMode } from '../src/rules/call-center.js';
import { extractCallCenter, looksLikeCallCenter } from '../src/extract/call-center.js';
import { extractFences } from '../src/extract/markdown.js';
import { extractMarkup, libraryOf, maskMergeFields } from '../src/extract/markup.js';

describe('markup extraction', () => {
    it('extracts scripts with their offsets, and skips templates and external scripts', () => {
        const html =
            '<p>x</p><script>a();</script><script type="text/template">b()</script><script src="c.js"></script><SCRIPT type="module">d()</SCRIPT>';
        const { units } = extractMarkup(html, 'html');
        assert.deepEqual(
            units.map((u) => [u.text, html.slice(u.offset, u.offset + u.text.length), u.context]),
            [
                ['a();', 'a();', 'script'],
                ['d()', 'd()', 'script']
            ]
        );
    });
    it('extracts inline handlers and javascript: URLs, not Aura or Visualforce expressions', () => {
        const html = `<button onclick="go(1); return false;" onmouseover='x()'>a</button><a href="javascript:hide()">b</a>
            <a href="/page">c</a><lightning:button onclick="{!c.go}"/><div title="sforce.opencti.x()"></div>`;
        const { units } = extractMarkup(html, 'aura');
        assert.deepEqual(
            units.map((u) => [u.text, u.context, html.slice(u.offset, u.offset + u.text.length)]),
            [
                ['go(1); return false;', 'inline-handler', 'go(1); return false;'],
                ['x()', 'inline-handler', 'x()'],
                ['hide()', 'javascript-url', 'hide()']
            ]
        );
    });
    it('finds Open CTI libraries in script src, apex:includeScript and ltng:require', () => {
        const page = `<apex:page><apex:includeScript value="/support/api/58.0/lightning/opencti_min.js"/>
            <script src="https://x.my.salesforce.com/support/api/47.0/interaction.js"></script>
            <ltng:require scripts="/support/console/47.0/integration.js,/resource/other.js"/></apex:page>`;
        const { includes } = extractMarkup(page, 'visualforce');
        assert.deepEqual(
            includes.map((i) => i.library),
            ['opencti-lightning', 'opencti-classic', 'console-toolkit']
        );
        assert.equal(page.slice(includes[0]!.offset, includes[0]!.offset + 5), '/supp');
        assert.equal(libraryOf('/resource/jquery.js'), undefined);
    });
    it('masks Visualforce merge fields keeping every offset', () => {
        const js = "var a = {!rec.Id}; var b = '{!JSENCODE(x)}'; var c = {!IF(y, '}', 2)};\nz();";
        const masked = maskMergeFields(js);
        assert.equal(masked.length, js.length);
        assert.equal(masked, "var a = _________; var b = '______________'; var c = ________________;\nz();");
        assert.equal(maskMergeFields('no merge'), 'no merge');
        assert.equal(maskMergeFields('broken {!unclosed'), 'broken {!unclosed');
    });
    it('survives malformed markup', () => {
        const { units } = extractMarkup('<div <script>a()</scr ipt><<<>>><script>b()', 'html');
        assert.ok(Array.isArray(units));
        const deep = '<div>'.repeat(20000) + '<script>sforce.opencti.refreshView({})</script>';
        assert.equal(extractMarkup(deep, 'html').units.length, 1);
    });
});

describe('Markdown fences', () => {
    it('follows CommonMark: fence length, tildes, indentation, unclosed fences', () => {
        const md = [
            '# T',
            '```js',
            'a();',
            '```',
            '~~~~ TypeScript extra',
            'b();',
            '```',
            'still b',
            '~~~~',
            '   ```',
            'c();',
            '   ```',
            '````',
            'd()',
            '```',
            'not closed by a shorter fence'
        ].join('\n');
        const fences = extractFences(md);
        assert.deepEqual(
            fences.map((f) => [f.language, f.text]),
            [
                ['js', 'a();'],
                ['typescript', 'b();\n```\nstill b'],
                ['', 'c();'],
                ['', 'd()\n```\nnot closed by a shorter fence']
            ]
        );
        assert.equal(md.slice(fences[0]!.offset, fences[0]!.offset + 4), 'a();');
    });
    it('keeps offsets true with CRLF line ends, and ignores backtick info strings with backticks', () => {
        const md = 'x\r\n```js\r\nfoo();\r\nbar();\r\n```\r\n``` a`b\r\nno\r\n';
        const [fence] = extractFences(md);
        assert.equal(
            md.slice(fence!.offset + fence!.text.indexOf('bar'), fence!.offset + fence!.text.indexOf('bar') + 3),
            'bar'
        );
        assert.equal(extractFences(md).length, 1);
    });
});

describe('call-center definitions', () => {
    it('reads the import XML with sections', () => {
        const xml = `<callCenter><section sortOrder="0" name="reqGeneralInfo" label="G">
            <item sortOrder="0" name="reqInternalName" label="I">Demo</item>
            <item sortOrder="1" name="reqSalesforceCompatibilityMode" label="M"> Lightning </item></section>
            <section name="vendor"><item name="region">eu</item></section></callCenter>`;
        const def = extractCallCenter(xml);
        assert.equal(def?.shape, 'import-xml');
        assert.deepEqual(
            def?.items.map((i) => [i.section, i.name, i.value]),
            [
                ['reqGeneralInfo', 'reqInternalName', 'Demo'],
                ['reqGeneralInfo', 'reqSalesforceCompatibilityMode', 'Lightning'],
                ['vendor', 'region', 'eu']
            ]
        );
        assert.equal(xml.slice(def.items[0]!.offset, def.items[0]!.offset + 5), '<item');
        assert.equal(compatibilityMode(def.items), 'Lightning');
        assert.equal(compatibilityMode([]), 'Classic');
    });
    it('reads CallCenter metadata: elements, sections and customSettings JSON', () => {
        const xml = `<?xml version="1.0"?><CallCenter xmlns="http://soap.sforce.com/2006/04/metadata">
            <adapterUrl>/apex/X</adapterUrl><customSettings>{&quot;reqTimeout&quot;:&quot;5000&quot;,&quot;n&quot;:3}</customSettings>
            <displayName>D</displayName><sections><items><label>L</label><name>reqOutsidePrefix</name><value>9</value></items>
            <label>Dialing</label><name>reqDialingOptions</name></sections></CallCenter>`;
        const def = extractCallCenter(xml);
        assert.equal(def?.shape, 'metadata');
        assert.deepEqual(
            def?.items.map((i) => [i.section ?? '', i.name, i.value, i.from]),
            [
                ['', 'reqAdapterUrl', '/apex/X', 'element'],
                ['', 'reqTimeout', '5000', 'customSettings'],
                ['', 'n', '3', 'customSettings'],
                ['', 'reqDisplayName', 'D', 'element'],
                ['reqDialingOptions', 'reqOutsidePrefix', '9', 'item']
            ]
        );
    });
    it('reports malformed customSettings and survives broken XML', () => {
        const def = extractCallCenter('<CallCenter><customSettings>{not json</customSettings></CallCenter>');
        assert.match(def?.problems[0]?.message ?? '', /not valid JSON/);
        assert.match(
            extractCallCenter('<CallCenter><customSettings>[1]</customSettings></CallCenter>')?.problems[0]?.message ??
                '',
            /not a JSON object/
        );
        assert.equal(extractCallCenter('<other/>'), undefined);
        assert.ok(extractCallCenter('<callCenter><section name="s"><item name="a">x</section>'));
        assert.ok(looksLikeCallCenter('<callCenter>') && !looksLikeCallCenter('<callCenters>'));
    });
});
