/** A file uploaded with a message (a multipart part other than `payload_json`). */
export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  content: string;
  /** The bytes as sent (`content` is them read as UTF-8 text). */
  bytes: Buffer;
}

/** A request body as JSON plus uploads: multipart (payload_json and files[n]) is parsed by undici. */
export async function parseBody(raw: Buffer, contentType: string | undefined) {
  if (!contentType?.startsWith('multipart/form-data')) {
    return { body: raw.length ? JSON.parse(raw.toString('utf8')) : undefined, files: [] };
  }
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const payload = form.get('payload_json');
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    const bytes = Buffer.from(await value.arrayBuffer());
    files.push({ field, name: value.name, type: value.type, content: bytes.toString('utf8'), bytes });
  }
  return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, files };
}
