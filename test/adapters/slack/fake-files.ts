/** A file the app uploaded, as a channel would show it once `files.completeUploadExternal` shared it. */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The length the app announced in files.getUploadURLExternal. */
  length: number;
  /** The bytes the app POSTed to the upload_url. */
  content?: string;
  channel?: string;
  title?: string;
}

/**
 * The three steps of Slack's external upload (what WebClient.filesUploadV2 does):
 * files.getUploadURLExternal hands out an upload_url (here on the fake itself), the bytes are POSTed
 * there, and files.completeUploadExternal shares the file to a channel.
 */
export function createFakeFiles(baseUrl: () => string) {
  const files: UploadedFile[] = [];
  let serial = 0;

  function getUploadURL(args: Record<string, unknown>): Record<string, unknown> {
    const filename = String(args.filename ?? '');
    const length = Number(args.length);
    if (!filename || !Number.isInteger(length) || length < 0)
      return { ok: false, error: 'invalid_arguments' };
    serial += 1;
    const id = `F0FAKE${serial}`;
    files.push({ id, filename, length });
    return { ok: true, upload_url: `${baseUrl()}/upload/v1/${id}`, file_id: id };
  }

  /**
   * The upload_url takes the raw bytes or a multipart form with one file part (the Node SDK sends the
   * latter); Slack answers 200 with a plain-text `OK - <bytes>`.
   */
  function receive(id: string, body: Buffer, contentType = ''): { status: number; text: string } {
    const file = files.find((f) => f.id === id);
    if (!file) return { status: 404, text: 'file not found' };
    const bytes = contentType.startsWith('multipart/form-data') ? filePart(body, contentType) : body;
    if (!bytes) return { status: 400, text: 'no file part' };
    file.content = bytes.toString('utf8');
    return { status: 200, text: `OK - ${bytes.length}` };
  }

  function complete(args: Record<string, unknown>): Record<string, unknown> {
    const listed = (Array.isArray(args.files) ? args.files : []) as { id?: string; title?: string }[];
    const done = listed.map((item) => files.find((f) => f.id === item.id && f.content !== undefined));
    if (done.length === 0 || done.some((f) => !f)) return { ok: false, error: 'file_upload_not_found' };
    const channel = typeof args.channel_id === 'string' ? args.channel_id : undefined;
    for (const [i, file] of done.entries()) {
      if (!file) continue;
      Object.assign(file, { channel, title: listed[i]?.title });
    }
    return {
      ok: true,
      files: done.map((f) => ({ id: f?.id, name: f?.filename, title: f?.title, size: f?.length })),
    };
  }

  return { files, getUploadURL, receive, complete };
}

/** The bytes of the first part of a multipart/form-data body that carries a filename. */
function filePart(body: Buffer, contentType: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = `--${boundary?.[1] ?? boundary?.[2] ?? ''}`;
  if (marker === '--') return undefined;
  const parts = body.toString('latin1').split(marker).slice(1, -1);
  const part = parts.find((p) => /filename=/.test(p.slice(0, p.indexOf('\r\n\r\n'))));
  if (!part) return undefined;
  const content = part.slice(part.indexOf('\r\n\r\n') + 4, part.endsWith('\r\n') ? -2 : undefined);
  return Buffer.from(content, 'latin1');
}
