// A readable API reference rendered from the OpenAPI document itself (no external assets, so it
// works on machines without internet access).
interface Operation {
  summary?: string;
  tags?: string[];
  'x-permissions'?: string[] | string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const json = (v: unknown) => `<pre>${escape(JSON.stringify(v, null, 2))}</pre>`;

export function apiReferencePage(doc: Document): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'Other';
      const access = op['x-permissions'];
      const html = `<details><summary><code class="m ${method}">${method.toUpperCase()}</code> <code>${escape(path)}</code> ${escape(op.summary ?? '')}</summary>
        <p><b>Access:</b> ${escape(Array.isArray(access) ? `any of ${access.join(', ')}` : String(access ?? 'public'))}</p>
        ${op.parameters?.length ? `<p><b>Parameters</b></p>${json(op.parameters)}` : ''}
        ${op.requestBody ? `<p><b>Body</b></p>${json(op.requestBody.content?.['application/json']?.schema)}` : ''}
        <p><b>Responses</b></p>${json(op.responses)}</details>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join('\n')}`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .8rem}summary{cursor:pointer}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:12px}.m{font-weight:bold;display:inline-block;width:4.5em}
.get{color:#1677ff}.post{color:#389e0d}.put{color:#d48806}.delete{color:#cf1322}</style></head>
<body><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>${sections}</body></html>`;
}
