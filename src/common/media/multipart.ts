import type { FastifyMultipartBaseOptions, Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { DetailError, ValidationFailed } from '../errors/error-response.js';
import { Msg } from '../errors/messages.js';
import { hasNullCharacter } from '../http/null-characters.js';

/** One file read from a multipart/form-data request, whole, in memory. */
export interface UploadedFile {
  data: Buffer;
  /** The client's file name: for display only, never a storage key. */
  fileName: string;
  /** The client's Content-Type for the part: not to be trusted (see ImageIngest). */
  declaredType: string;
}

export const UploadMsg = {
  notMultipart: 'Expected multipart/form-data.',
  missing: 'No file was submitted.',
  empty: 'The submitted file is empty.',
  notAFile: 'The submitted data was not a file. Check the encoding type on the form.',
  oneFile: 'Submit one file per request.',
  tooManyFiles: (maxFiles: number) => `Submit at most ${maxFiles} files per request.`,
  tooManyParts: 'The form has too many fields.',
  tooLarge: (maxBytes: number) => `The file is larger than ${describeSize(maxBytes)}.`,
};

/** `10 MB`, `1.5 MB`, `500 KB`, `900 bytes` (binary units, as MEDIA_MAX_BYTES is usually set in MiB). */
export function describeSize(bytes: number): string {
  const round = (value: number) => String(Math.floor(value * 10) / 10);
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A file of a multi-file form: where it came from and, when it cannot be used, why. */
export interface FormFile extends UploadedFile {
  /** The form field it was sent in. */
  field: string;
  /** Why the file cannot be used (too large: its bytes were not kept; empty), or null. */
  problem: string | null;
}

/** What a multi-file form held: its files in the order sent, and its text fields. */
export interface UploadedForm {
  files: FormFile[];
  /** Text fields by name; a field sent more than once has its last value. */
  fields: Record<string, string>;
}

/** Most text fields a multi-file form may have (a bound on what the parser keeps). */
export const MAX_FORM_FIELDS = 50;

interface MultipartError {
  code?: unknown;
  message?: unknown;
  part?: { fieldname?: unknown };
}

/**
 * Reads the one file sent in `field` of a multipart/form-data request, at most `maxBytes` long.
 * Other fields are read and ignored, unless they carry a null character. Every client mistake is a 400 in the
 * documented shape: `{"<field>": ["No file was submitted."]}`, `{"<field>": ["The file is larger than 10 MB."]}`,
 * `{"<field>": ["Null characters are not allowed."]}` (in a text field's value or a file's name),
 * `{"non_field_errors": ["Expected multipart/form-data."]}`, `{"detail": "Multipart form parse error - ..."}`.
 * Needs @fastify/multipart registered (createApp does it).
 */
export async function readUploadedFile(request: FastifyRequest, field: string, maxBytes: number): Promise<UploadedFile> {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    throw new ValidationFailed({ non_field_errors: [UploadMsg.notMultipart] });
  }
  try {
    return await readOneFile(request, field, maxBytes);
  } finally {
    await discardRestOfBody(request.raw);
  }
}

async function readOneFile(request: FastifyRequest, field: string, maxBytes: number): Promise<UploadedFile> {
  let upload: UploadedFile | null = null;
  let sentAsText = false;
  let nullCharacterField: string | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      nullCharacterField ??= nullCharacterFieldOf(part);
      if (part.type === 'field') {
        if (part.fieldname === field && part.value !== '') sentAsText = true;
        continue;
      }
      if (part.fieldname !== field || upload !== null) {
        await drain(part.file);
        continue;
      }
      upload = await readPart(part);
    }
  } catch (error) {
    throw multipartError(error, field, maxBytes);
  }
  if (nullCharacterField !== null) throw new ValidationFailed({ [nullCharacterField]: [Msg.nullCharacter] });
  if (upload === null || (upload.data.length === 0 && upload.fileName === '')) {
    throw new ValidationFailed({ [field]: [sentAsText ? UploadMsg.notAFile : UploadMsg.missing] });
  }
  if (upload.data.length === 0) throw new ValidationFailed({ [field]: [UploadMsg.empty] });
  return upload;
}

/**
 * Reads every file sent in `fields` (at most `maxFiles` file parts in all, each at most `maxBytes` long) and the
 * text fields of a multipart/form-data request. Unlike readUploadedFile it does not refuse a file that is too
 * large or empty: the file is returned with its `problem`, so that a caller taking several files can refuse that
 * one alone. A browser's empty file input (no name, no bytes) is no file; files of other fields are read and
 * dropped. Refused with a 400 for the whole request: not multipart, more than `maxFiles` file parts
 * (`{"non_field_errors": ["Submit at most 10 files per request."]}`), more than MAX_FORM_FIELDS text fields, text
 * sent in a file field (`{"files": ["The submitted data was not a file. ..."]}`), a null character (as
 * readUploadedFile), a malformed body.
 */
export async function readUploadedFiles(
  request: FastifyRequest,
  fields: readonly string[],
  maxBytes: number,
  maxFiles: number,
): Promise<UploadedForm> {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    throw new ValidationFailed({ non_field_errors: [UploadMsg.notMultipart] });
  }
  try {
    return await readFiles(request, fields, maxBytes, maxFiles);
  } finally {
    await discardRestOfBody(request.raw);
  }
}

async function readFiles(request: FastifyRequest, fields: readonly string[], maxBytes: number, maxFiles: number): Promise<UploadedForm> {
  const files: FormFile[] = [];
  const text: Record<string, string> = {};
  const sentAsText = new Set<string>();
  let nullCharacterField: string | null = null;
  try {
    // throwFileSizeLimit (not in the types of parts(), which passes it on): a file over the limit comes truncated, not thrown.
    const options: FastifyMultipartBaseOptions = {
      limits: { fileSize: maxBytes, files: maxFiles, fields: MAX_FORM_FIELDS },
      throwFileSizeLimit: false,
    };
    for await (const part of request.parts(options)) {
      nullCharacterField ??= nullCharacterFieldOf(part);
      if (part.type === 'field') {
        if (!fields.includes(part.fieldname)) text[part.fieldname] = String(part.value);
        else if (part.value !== '') sentAsText.add(part.fieldname);
        continue;
      }
      if (!fields.includes(part.fieldname)) {
        await drain(part.file);
        continue;
      }
      const file = await readPart(part);
      if (part.file.truncated) {
        files.push({ ...file, data: Buffer.alloc(0), field: part.fieldname, problem: UploadMsg.tooLarge(maxBytes) });
      } else if (file.data.length > 0) {
        files.push({ ...file, field: part.fieldname, problem: null });
      } else if (file.fileName !== '') {
        files.push({ ...file, field: part.fieldname, problem: UploadMsg.empty });
      }
    }
  } catch (error) {
    throw multipartError(error, fields[0], maxBytes, UploadMsg.tooManyFiles(maxFiles));
  }
  if (nullCharacterField !== null) throw new ValidationFailed({ [nullCharacterField]: [Msg.nullCharacter] });
  if (sentAsText.size > 0) throw new ValidationFailed(Object.fromEntries([...sentAsText].map((field) => [field, [UploadMsg.notAFile]])));
  return { files, fields: text };
}

/** The error an uploaded file's stream fails with when the file goes past the size limit while it streams. */
export class UploadTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(UploadMsg.tooLarge(maxBytes));
    this.name = 'UploadTooLarge';
  }
}

/**
 * Hands the one file sent in `field` of a multipart/form-data request to `consume` as a stream, read as it arrives
 * (never whole in memory), and resolves with what `consume` resolves; the parts after it are not read. An upload
 * whose Content-Length exceeds `maxBytes` is refused before anything is read (`{"<field>": ["The file is larger than
 * 50 MB."]}`); one without Content-Length (chunked) that goes past it fails the stream `consume` reads with
 * UploadTooLarge. The other problems of the request are 400s as for readUploadedFile, before `consume` is called;
 * a malformed body after that fails the stream. Errors of `consume` pass through as they are.
 */
export async function consumeUploadedFile<T>(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
  consume: (file: Readable) => Promise<T>,
): Promise<T> {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    throw new ValidationFailed({ non_field_errors: [UploadMsg.notMultipart] });
  }
  try {
    return await streamUploadedFile(request, field, maxBytes, consume);
  } finally {
    await discardRestOfBody(request.raw);
  }
}

async function streamUploadedFile<T>(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
  consume: (file: Readable) => Promise<T>,
): Promise<T> {
  const declaredLength = Number(request.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw new ValidationFailed({ [field]: [UploadMsg.tooLarge(maxBytes)] });
  let file: MultipartFile | null = null;
  let sentAsText = false;
  let nullCharacterField: string | null = null;
  const parts = request.parts({
    limits: { fileSize: maxBytes, fields: MAX_FORM_FIELDS },
    throwFileSizeLimit: false,
  } as FastifyMultipartBaseOptions);
  try {
    // The parts before the file; the file's stream is read by `consume`, after this loop.
    for await (const part of parts) {
      nullCharacterField ??= nullCharacterFieldOf(part);
      if (part.type === 'field') {
        if (part.fieldname === field && part.value !== '') sentAsText = true;
      } else if (part.fieldname === field && nullCharacterField === null) {
        file = part;
        break;
      } else {
        await drain(part.file);
      }
    }
  } catch (error) {
    throw multipartError(error, field, maxBytes);
  }
  if (nullCharacterField !== null) throw new ValidationFailed({ [nullCharacterField]: [Msg.nullCharacter] });
  if (file === null) throw new ValidationFailed({ [field]: [sentAsText ? UploadMsg.notAFile : UploadMsg.missing] });
  const stream = file.file;
  stream.once('limit', () => stream.destroy(new UploadTooLarge(maxBytes)));
  return consume(stream);
}

/** The file of an upload as its stream is handed over: what the client said about it (for display, never trusted). */
export interface UploadedFileInfo {
  /** The client's file name: for display only, never a storage key. */
  fileName: string;
  /** The client's Content-Type for the part: not to be trusted. */
  declaredType: string;
}

/** What consumeUploadedForm resolves with: what `consume` resolved with, and the form's text fields. */
export interface ConsumedForm<T> {
  value: T;
  /** Text fields by name, sent before or after the file; a field sent more than once has its last value. */
  fields: Record<string, string>;
}

/**
 * consumeUploadedFile for a form whose text fields may come after the file (`curl -F file=@x -F display_name=y` sends
 * them in that order): the file is handed to `consume` as a stream, never whole in memory, and once `consume` has read
 * it the parts after it are read too, their text fields kept. The same 400s as consumeUploadedFile, and a second file
 * is a 400 (`Submit one file per request.`). A problem found after the file (a second file, a null character in a
 * later field, a malformed end) is a 400 once `consume` has resolved: `onRefused` is then given what it resolved
 * with, so that the caller removes what it stored.
 */
export async function consumeUploadedForm<T>(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
  consume: (file: Readable, info: UploadedFileInfo) => Promise<T>,
  onRefused: (value: T) => Promise<void>,
): Promise<ConsumedForm<T>> {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    throw new ValidationFailed({ non_field_errors: [UploadMsg.notMultipart] });
  }
  try {
    return await streamUploadedForm(request, field, maxBytes, consume, onRefused);
  } finally {
    await discardRestOfBody(request.raw);
  }
}

async function streamUploadedForm<T>(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
  consume: (file: Readable, info: UploadedFileInfo) => Promise<T>,
  onRefused: (value: T) => Promise<void>,
): Promise<ConsumedForm<T>> {
  const declaredLength = Number(request.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw new ValidationFailed({ [field]: [UploadMsg.tooLarge(maxBytes)] });
  const fields: Record<string, string> = {};
  let sentAsText = false;
  let nullCharacterField: string | null = null;
  const take = (part: Multipart): boolean => {
    nullCharacterField ??= nullCharacterFieldOf(part);
    if (part.type !== 'field') return false;
    if (part.fieldname === field) sentAsText ||= part.value !== '';
    else fields[part.fieldname] = String(part.value);
    return true;
  };
  // One iterator for the whole body: the parts after the file are read from where `consume` left the parser.
  const parts = request
    .parts({ limits: { fileSize: maxBytes, files: 1, fields: MAX_FORM_FIELDS }, throwFileSizeLimit: false } as FastifyMultipartBaseOptions)
    [Symbol.asyncIterator]();
  let file: MultipartFile | null = null;
  try {
    for (let next = await parts.next(); !next.done; next = await parts.next()) {
      const part = next.value;
      if (take(part)) continue;
      const candidate = part as MultipartFile;
      if (candidate.fieldname === field && nullCharacterField === null) {
        file = candidate;
        break;
      }
      await drain(candidate.file);
    }
  } catch (error) {
    throw multipartError(error, field, maxBytes);
  }
  if (nullCharacterField !== null) throw new ValidationFailed({ [nullCharacterField]: [Msg.nullCharacter] });
  if (file === null) throw new ValidationFailed({ [field]: [sentAsText ? UploadMsg.notAFile : UploadMsg.missing] });
  const stream = file.file;
  stream.once('limit', () => stream.destroy(new UploadTooLarge(maxBytes)));
  const value = await consume(stream, { fileName: file.filename, declaredType: file.mimetype });
  try {
    for (let next = await parts.next(); !next.done; next = await parts.next()) {
      if (!take(next.value)) await drain((next.value as MultipartFile).file);
    }
    if (nullCharacterField !== null) throw new ValidationFailed({ [nullCharacterField]: [Msg.nullCharacter] });
  } catch (error) {
    await onRefused(value);
    throw multipartError(error, field, maxBytes);
  }
  return { value, fields };
}

/** How much of a refused body is read and dropped before answering; a client sending more is cut off. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/**
 * Reads what is left of a request body that was not read to its end (the file stopped early, the parts after it, a
 * body refused for its declared size) and drops it, before the answer goes out: a client still writing when the
 * server stops reading may see its connection reset (EPIPE) instead of the answer, and a paused body would hold the
 * keep-alive connection. Past MAX_DISCARDED_BYTES the connection is closed instead.
 */
function discardRestOfBody(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let discarded = 0;
    const done = () => {
      raw.off('data', count);
      resolve();
    };
    const count = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > MAX_DISCARDED_BYTES) {
        raw.socket.destroy();
        done();
      }
    };
    raw.unpipe();
    raw.on('data', count);
    raw.once('end', done);
    raw.once('close', done);
    raw.once('error', done);
    raw.resume();
  });
}

async function readPart(part: MultipartFile): Promise<UploadedFile> {
  const data = await part.toBuffer();
  return { data, fileName: part.filename, declaredType: part.mimetype };
}

/** The field to refuse when a part's name, text value or file name holds a null character (see hasNullCharacter). */
function nullCharacterFieldOf(part: Multipart): string | null {
  if (hasNullCharacter(part.fieldname)) return 'non_field_errors';
  const text = part.type === 'field' ? part.value : part.filename;
  return typeof text === 'string' && hasNullCharacter(text) ? part.fieldname : null;
}

/** Reads a part nobody asked for to its end, so that the parser goes on to the next one. */
async function drain(stream: Readable): Promise<void> {
  for await (const _chunk of stream) {
    // discarded
  }
}

/** @fastify/multipart's and busboy's errors as the documented 400s; they all come from the client's bytes. */
function multipartError(error: unknown, field: string, maxBytes: number, filesLimit: string = UploadMsg.oneFile): Error {
  if (error instanceof ValidationFailed || error instanceof DetailError) return error;
  const { code, message, part } = (error ?? {}) as MultipartError;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE': {
      const name = typeof part?.fieldname === 'string' && part.fieldname ? part.fieldname : field;
      return new ValidationFailed({ [name]: [UploadMsg.tooLarge(maxBytes)] });
    }
    case 'FST_FILES_LIMIT':
      return new ValidationFailed({ non_field_errors: [filesLimit] });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ValidationFailed({ non_field_errors: [UploadMsg.tooManyParts] });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ValidationFailed({ non_field_errors: [UploadMsg.notMultipart] });
    default: {
      const reason = typeof message === 'string' && message ? message : 'the body could not be read';
      return new DetailError(400, `Multipart form parse error - ${reason}`);
    }
  }
}
